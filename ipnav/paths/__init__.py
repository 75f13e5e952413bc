"""Main-path analysis of citation networks.

Build the DAG (:func:`citation_dag`, :func:`make_acyclic`), weight its arcs by traversal counts
(:func:`set_traversal_weights`: SPC, SPLC, SPNP in linear time) and search main paths
(:func:`global_main_path`, :func:`local_main_path`, :func:`key_route_main_path`,
:func:`multiple_main_paths`). Functions take a ``nx.DiGraph`` first, networkx style; arcs run
from the cited to the citing patent. See ``docs/paths.md``.

Example:
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    >>> _ = set_traversal_weights(G)
    >>> global_main_path(G, weight="spc").nodes
    ['a', 'b', 'c']
"""

from ipnav.paths.arcs import ArcIndex
from ipnav.paths.dag import CycleReport, citation_dag, make_acyclic
from ipnav.paths.search import (
    MainPath,
    global_main_path,
    key_route_main_path,
    local_main_path,
    main_path,
    multiple_main_paths,
)
from ipnav.paths.weights import (
    METHODS,
    TraversalCounts,
    set_traversal_weights,
    traversal_counts,
    traversal_weights,
    weights_frame,
)

__all__ = [
    "METHODS",
    "ArcIndex",
    "CycleReport",
    "MainPath",
    "TraversalCounts",
    "citation_dag",
    "global_main_path",
    "key_route_main_path",
    "local_main_path",
    "main_path",
    "make_acyclic",
    "multiple_main_paths",
    "set_traversal_weights",
    "traversal_counts",
    "traversal_weights",
    "weights_frame",
]
