"""Routes from a focus's strong topics to a target topic (技术突破路径).

The topic graph: topics are vertices; an edge joins two topics when they are close on the map
(each topic to its ``k_neighbors`` nearest by proximity) or when patents of one cite patents of
the other. Its strength combines both, each scaled to 0..1::

    strength = citation_weight · flow / max_flow + (1 - citation_weight) · proximity

``flow`` = citations between the two topics in either direction (knowledge flow), ``proximity``
= the map's Gaussian-kernel proximity of the topic centroids (the embedding proximity the map
preserves). Without any citation between topics the strength is the proximity alone.
The cost of an edge is ``-ln(strength)``, so the cheapest route is the one whose steps are
jointly strongest (the product of strengths). Routes are the ``k`` cheapest simple paths
(Yen's algorithm, ``nx.shortest_simple_paths``) from any strong topic to the target.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import islice, pairwise
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ipnav.exceptions import AnalysisError
from ipnav.navigate.indicators import map_proximity

__all__ = ["find_routes", "topic_citation_flow", "topic_graph"]

_SOURCE = "__focus__"


def topic_citation_flow(
    patents: pd.DataFrame, assignments: pd.DataFrame
) -> Counter[tuple[int, int]]:
    """Citations between topics ``{(topic of cited, topic of citing): n}`` (not within a topic).

    Example:
        >>> pats = pd.DataFrame({"patent_id": ["A", "B"], "cited": [(), ("A",)]})
        >>> asg = pd.DataFrame({"patent_id": ["A", "B"], "topic": [0, 1]})
        >>> dict(topic_citation_flow(pats, asg))
        {(0, 1): 1}
    """
    topic_of = (
        assignments.dropna(subset=["topic"]).set_index("patent_id")["topic"].astype(int).to_dict()
    )
    flow: Counter[tuple[int, int]] = Counter()
    for pid, cited in zip(patents["patent_id"], patents["cited"], strict=True):
        t = topic_of.get(pid)
        if t is None:
            continue
        for c in cited:
            s = topic_of.get(c)
            if s is not None and s != t:
                flow[(s, t)] += 1
    return flow


def topic_graph(
    topics: pd.DataFrame,
    patents: pd.DataFrame,
    assignments: pd.DataFrame,
    *,
    citation_weight: float = 0.5,
    k_neighbors: int = 4,
) -> nx.Graph:
    """The weighted topic graph (see the module docstring).

    Args:
        topics: Topic table or indicators (``topic`` column or index, ``cx``, ``cy``).
        patents, assignments: For citation flows.
        citation_weight: Share of the strength from citation flow (0..1).
        k_neighbors: Proximity edges per topic.

    Returns:
        ``nx.Graph`` with edge attributes ``strength``, ``cost``, ``flow``, ``proximity``;
        ``G.graph["citation_flow"]`` says whether any citation joined two topics.

    Example:
        >>> t = pd.DataFrame({"topic": [0, 1, 2], "cx": [0.0, 1.0, 2.0], "cy": [0.0, 0.0, 0.0]})
        >>> no_cites = pd.DataFrame({"patent_id": [], "cited": []})
        >>> no_topics = pd.DataFrame({"patent_id": [], "topic": []})
        >>> G = topic_graph(t, no_cites, no_topics, k_neighbors=1)
        >>> sorted(G.edges())
        [(0, 1), (1, 2)]
    """
    if not 0.0 <= citation_weight <= 1.0:
        raise AnalysisError(
            f"The 'citation_weight' parameter must be in [0, 1]. Got {citation_weight!r} instead."
        )
    table = topics.reset_index() if "topic" not in topics.columns else topics
    table = table.dropna(subset=["cx", "cy"])
    phi = map_proximity(table[["topic", "cx", "cy"]].reset_index(drop=True))
    flow = topic_citation_flow(patents, assignments)
    pair_flow: Counter[tuple[int, int]] = Counter()
    for (s, t), n in flow.items():
        pair_flow[(min(s, t), max(s, t))] += n
    max_flow = max(pair_flow.values(), default=0)
    a = citation_weight if max_flow else 0.0
    G = nx.Graph(citation_flow=bool(max_flow), citation_weight=a)
    G.add_nodes_from(int(t) for t in table["topic"])
    pairs = set(pair_flow)
    for t in phi.index:
        row = phi.loc[t].drop(t)
        pairs |= {
            (min(int(t), int(s)), max(int(t), int(s))) for s in row.nlargest(k_neighbors).index
        }
    for s, t in sorted(pairs):
        if s not in G or t not in G:
            continue
        prox = float(phi.at[s, t])
        f = pair_flow.get((s, t), 0)
        strength = a * (f / max_flow if max_flow else 0.0) + (1 - a) * prox
        if strength <= 0:
            continue
        G.add_edge(
            s,
            t,
            strength=round(strength, 6),
            cost=-math.log(min(strength, 1.0)),
            flow=f,
            proximity=round(prox, 6),
        )
    return G


def find_routes(
    G: nx.Graph, sources: Iterable[int], target: int, *, k: int = 3
) -> list[dict[str, Any]]:
    """The ``k`` strongest routes from any source topic to the target.

    Returns:
        ``[{"topics": [...], "strength": product of step strengths, "cost", "steps": [{"from",
        "to", "strength", "flow", "proximity"}]}]``, strongest first. A source that is the target
        itself gives the one-topic route.

    Raises:
        AnalysisError: No source, unknown target, or no route.

    Example:
        >>> G = nx.Graph()
        >>> G.add_edge(0, 1, strength=0.5, cost=-math.log(0.5), flow=0, proximity=0.5)
        >>> G.add_edge(1, 2, strength=0.5, cost=-math.log(0.5), flow=0, proximity=0.5)
        >>> [r["topics"] for r in find_routes(G, [0], 2)]
        [[0, 1, 2]]
    """
    sources = [int(s) for s in sources if int(s) in G]
    if not sources:
        raise AnalysisError(
            "no strong topic of the focus is on the topic graph; a route needs a starting strength"
        )
    if target not in G:
        raise AnalysisError(f"unknown target topic {target!r}")
    H = G.copy()
    H.add_edges_from(((_SOURCE, s) for s in sources), cost=0.0, strength=1.0, flow=0, proximity=1.0)
    try:
        paths = list(islice(nx.shortest_simple_paths(H, _SOURCE, target, weight="cost"), k))
    except nx.NetworkXNoPath:
        raise AnalysisError(
            f"no route from the focus's strong topics {sources} to topic {target}"
        ) from None
    routes = []
    for path in paths:
        topics = [int(t) for t in path[1:]]
        steps = [
            {"from": u, "to": v, **{key: H[u][v][key] for key in ("strength", "flow", "proximity")}}
            for u, v in pairwise(topics)
        ]
        cost = float(sum(H[u][v]["cost"] for u, v in pairwise(topics)))
        routes.append(
            {
                "topics": topics,
                "cost": round(cost, 6),
                "strength": round(float(np.exp(-cost)), 6),
                "steps": steps,
            }
        )
    return routes
