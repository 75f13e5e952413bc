"""Glue: citation networks from files, records or a store, and one-call main-path runs.

The analysis modules (:mod:`ipnav.paths.dag`, :mod:`~ipnav.paths.weights`,
:mod:`~ipnav.paths.search`) take plain ``nx.DiGraph`` objects; this module builds them from
the outside world and is the only part of :mod:`ipnav.paths` that touches readers or a store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ipnav.exceptions import AnalysisError, ConfigError
from ipnav.paths.dag import citation_dag, make_acyclic
from ipnav.paths.search import main_path
from ipnav.paths.weights import METHODS, set_traversal_weights
from ipnav.records import PatentRecord, RowError
from ipnav.store.base import GraphStore, PatentFilter

__all__ = ["load_network", "network_from_records", "network_from_store", "run_main_path"]

log = logging.getLogger(__name__)


def load_network(
    path: str | Path, *, fmt: str = "auto", mapping: Mapping[str, str] | None = None
) -> tuple[nx.DiGraph, dict[str, Any]]:
    """Read a Pajek ``.net`` file or a CSV edge list into a citation network (ids as written).

    Args:
        path: The file.
        fmt: ``"pajek"``, ``"edges"`` or ``"auto"`` (from the content).
        mapping: Column names for an edge list (see :mod:`ingest.edges`).

    Returns:
        ``(G, info)``: arcs cited -> citing with ``value``; vertex attribute ``date`` where an edge
        list has dates and ``pajek_vertex`` for Pajek files; ``info`` has the format, counts and
        the bad lines.

    Raises:
        InputFormatError: Unreadable file. ConfigError: Unknown ``fmt``.
    """
    from ingest import detect_format
    from ingest.edges import parse_edge_list
    from ingest.pajek import parse_pajek

    path = Path(path)
    extra: dict[str, Any]
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "pajek":
        net = parse_pajek(path)
        arcs = [(net.labels[u], net.labels[v]) for u, v in net.arcs + net.edges]
        G = citation_dag(arcs, nodes=net.labels, values=net.values + net.edge_values)
        for i, label in enumerate(net.labels):
            G.nodes[label]["pajek_vertex"] = i + 1
        errors, extra = net.errors, {"undirected_edges_oriented_as_written": len(net.edges)}
    elif fmt == "edges":
        edges = parse_edge_list(path, mapping=mapping)
        G = citation_dag(
            ((edges.labels[u], edges.labels[v]) for u, v in edges.arcs),
            nodes=edges.labels,
            values=edges.values,
        )
        for label, date in edges.dates.items():
            G.nodes[label]["date"] = date
        errors, extra = edges.errors, {"columns": list(edges.columns)}
    else:
        raise ConfigError(
            f"The format of a citation network file must be pajek or edges. Got {fmt!r} instead."
        )
    info = {
        "format": fmt,
        "file": str(path),
        "vertices": G.number_of_nodes(),
        "arcs": G.number_of_edges(),
        "bad_lines": [f"{e.location}: {e.reason}" for e in errors],
        **extra,
    }
    return G, info


def network_from_records(
    records: Iterable[PatentRecord], *, include_cited_only: bool = True
) -> nx.DiGraph:
    """The citation network of records: an arc ``cited -> record`` for each listed citation.

    Args:
        records: Patent records (``cited`` holds canonical keys).
        include_cited_only: Keep cited patents that have no record of their own.

    Example:
        >>> G = network_from_records([PatentRecord(id="US2", jurisdiction="US", cited=("US1",))])
        >>> list(G.edges())
        [('US1', 'US2')]
    """
    records = [r for r in records if not isinstance(r, RowError)]
    own = {r.id for r in records}
    arcs = [(c, r.id) for r in records for c in r.cited if include_cited_only or c in own]
    G = citation_dag(arcs, nodes=[r.id for r in records])
    for r in records:
        G.nodes[r.id]["year"] = r.year
    return G


def network_from_store(
    store: GraphStore, where: PatentFilter | None = None, *, include_cited_only: bool = True
) -> nx.DiGraph:
    """The citation network of the store's CITES edges (reversed to cited -> citing).

    Args:
        store: An opened store.
        where: Restrict to citing patents matching this filter (all when None).
        include_cited_only: Keep cited patents outside the filter / without a record.

    Raises:
        AnalysisError: The store has no citations.
    """
    keep: set[str] | None = None
    years: dict[str, int | None] = {}
    for record in store.iter_patents(where):
        years[record.id] = record.year
    if where is not None:
        keep = set(years)
    arcs = [
        (cited, citing)
        for citing, cited in store.iter_citations()
        if (keep is None or citing in keep)
        and (include_cited_only or keep is None or cited in keep)
    ]
    if not arcs:
        raise AnalysisError(
            f"no citations in the store {store.uri}; ingest a source with citation lists first"
        )
    G = citation_dag(arcs, nodes=list(years))
    nx.set_node_attributes(G, {k: v for k, v in years.items() if k in G}, "year")
    return G


def run_main_path(
    G: nx.DiGraph,
    *,
    weight: str = "spc",
    method: str = "global",
    k: int = 10,
    n: int = 3,
    tolerance: float = 0.0,
    search: str = "local",
    cycles: str = "condense",
) -> tuple[nx.DiGraph, dict[str, Any]]:
    """Make ``G`` acyclic, weight every arc (SPC, SPLC, SPNP) and search the main path.

    Args:
        G: Citation network (arcs cited -> citing).
        weight: ``spc``, ``splc`` or ``spnp`` (raw counts; normalised weights are used instead when
            counts exceed float range).
        method: ``global``, ``forward``, ``backward``, ``key-route`` or ``multiple``.
        k, n, tolerance, search: See :func:`ipnav.paths.main_path`.
        cycles: ``condense`` or ``break`` (see :func:`ipnav.paths.make_acyclic`).

    Returns:
        ``(dag, result)``: the weighted DAG and ``MainPath.to_dict()`` plus ``network``,
        ``cycles`` and ``totals``.

    Raises:
        ConfigError: Unknown weight. AnalysisError: No arcs.

    Example:
        >>> dag, out = run_main_path(nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")]))
        >>> out["nodes"], out["total_weight"]
        (['a', 'b', 'c'], 2)
    """
    if weight not in METHODS:
        raise ConfigError(
            f"The 'weight' parameter must be one of {', '.join(METHODS)}. Got {weight!r} instead."
        )
    dates = {v: d.get("date", d.get("year")) for v, d in G.nodes(data=True)}
    dag, report = make_acyclic(G, rule=cycles, dates=dates)
    counts = set_traversal_weights(dag)
    attribute = (
        weight
        if counts[weight].exact or all(abs(x) != float("inf") for x in counts[weight].raw.tolist())
        else f"{weight}_norm"
    )
    result = main_path(
        dag, method, attribute, k=k, n=n, tolerance=tolerance, search=search
    ).to_dict()
    result["weight"] = weight
    result["weight_attribute"] = attribute
    sources = sum(1 for v in dag if dag.in_degree(v) == 0 and dag.out_degree(v) > 0)
    sinks = sum(1 for v in dag if dag.out_degree(v) == 0 and dag.in_degree(v) > 0)
    result["network"] = {
        "vertices": dag.number_of_nodes(),
        "arcs": dag.number_of_edges(),
        "sources": sources,
        "sinks": sinks,
        "isolated": sum(1 for v in dag if dag.degree(v) == 0),
    }
    result["cycles"] = report.to_dict()
    result["totals"] = {m: c.total for m, c in counts.items()}
    result["exact"] = {m: c.exact for m, c in counts.items()}
    return dag, result
