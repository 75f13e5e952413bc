"""Main-path searches on a weighted citation DAG (Hummon & Doreian 1989; Liu & Lu 2012).

All searches read an arc attribute (``weight="spc"``, set by
:func:`ipnav.paths.set_traversal_weights`) and keep ties: where several arcs carry the same
weight, all of them belong to the main path (as Pajek does).

``global_main_path``
    The source-to-sink path(s) with the largest total weight: every arc ``(u, v)`` with
    ``F(u) + w(u, v) + B(v) = max``, where ``F(u)`` is the heaviest path from a source to ``u``
    and ``B(v)`` the heaviest path from ``v`` to a sink (two linear passes).
``local_main_path`` (forward / backward)
    Forward: start with the heaviest arc(s) leaving a source; from every vertex reached follow
    its heaviest outgoing arc(s) until a sink. Backward: start with the heaviest arc(s) entering
    a sink and follow heaviest incoming arcs back to a source. ``tolerance`` > 0 also keeps arcs
    within that fraction of the heaviest one (multiple local main paths).
``key_route_main_path``
    The ``k`` heaviest arcs (ties at the k-th weight kept) are extended forward to sinks and
    backward to sources, greedily (``search="local"``, Liu & Lu 2012) or by the heaviest paths
    (``search="global"``, Liu, Lu & Ho 2019).
``multiple_main_paths``
    The ``n`` heaviest distinct source-to-sink paths, ranked (k-best longest paths by dynamic
    programming over the topological order, O(m · n log n)).

Float weights are compared with a relative tolerance of 1e-12 (sums of normalised weights);
integer weights exactly.
"""

from __future__ import annotations

import heapq
from typing import Any

import networkx as nx
import numpy as np

from ipnav.exceptions import ConfigError
from ipnav.paths.arcs import ArcIndex
from ipnav.paths.weighted import MainPath, WeightedArcs, plain

__all__ = [
    "METHOD_NAMES",
    "MainPath",
    "global_main_path",
    "index_main_path",
    "key_route_main_path",
    "local_main_path",
    "main_path",
    "multiple_main_paths",
]

METHOD_NAMES = ("global", "forward", "backward", "key-route", "multiple")


def global_main_path(G: nx.DiGraph, weight: str = "spc") -> MainPath:
    """The heaviest source-to-sink path(s), all tied paths kept.

    Args:
        G: Acyclic citation network with the weight on its arcs.
        weight: Arc attribute (``spc``, ``splc``, ``spnp``, their ``_norm`` forms, or any number).

    Returns:
        The main-path network; ``total_weight`` is the weight of one heaviest path.

    Raises:
        AnalysisError: No arcs, a cycle, or arcs without the weight.

    Example:
        >>> G = nx.DiGraph()
        >>> arcs = [("a", "b", 2), ("a", "c", 1), ("c", "d", 5), ("b", "d", 1)]
        >>> G.add_weighted_edges_from(arcs, weight="w")
        >>> global_main_path(G, weight="w").nodes
        ['a', 'c', 'd']
    """
    return _global(WeightedArcs.from_graph(G, weight))


def _global(net: WeightedArcs) -> MainPath:
    idx = net.index
    F = net.heaviest_from(idx.forward_groups(), idx.src)
    B = net.heaviest_from(idx.backward_groups(), idx.dst)
    through = F[idx.src] + net.w + B[idx.dst]
    best = B[idx.indeg == 0][idx.outdeg[idx.indeg == 0] > 0].max()
    chosen = np.flatnonzero(net.close(through, best))
    return net.result("global", chosen, total=plain(best))


def _greedy(
    net: WeightedArcs, start: np.ndarray, *, forward: bool, tolerance: float = 0.0
) -> set[int]:
    """Follow the heaviest arcs from the ends of ``start`` to sinks (backward: to sources)."""
    idx = net.index
    chosen = set(start.tolist())
    frontier = list((idx.dst if forward else idx.src)[start].tolist())
    seen: set[int] = set()
    while frontier:
        v = frontier.pop()
        if v in seen:
            continue
        seen.add(v)
        arcs = net.out_arcs(v) if forward else net.in_arcs(v)
        if arcs.size == 0:
            continue
        picked = net.pick(arcs, tolerance)
        chosen.update(picked.tolist())
        frontier.extend((idx.dst if forward else idx.src)[picked].tolist())
    return chosen


def _check_tolerance(tolerance: float) -> None:
    if not 0.0 <= tolerance < 1.0:
        raise ConfigError(
            f"The 'tolerance' parameter must be a float in [0, 1). Got {tolerance!r} instead."
        )


def local_main_path(
    G: nx.DiGraph, weight: str = "spc", *, direction: str = "forward", tolerance: float = 0.0
) -> MainPath:
    """Greedy (local) main path, forward from the sources or backward from the sinks.

    Args:
        G: Acyclic citation network with the weight on its arcs.
        weight: Arc attribute.
        direction: ``"forward"`` or ``"backward"``.
        tolerance: 0 keeps only the heaviest arcs (and exact ties); 0.1 also keeps arcs within 10 %
            of the heaviest at each step (multiple local main paths).

    Raises:
        AnalysisError: No arcs, a cycle, or arcs without the weight.
        ConfigError: Bad direction or tolerance.

    Example:
        >>> G = nx.DiGraph()
        >>> arcs = [("a", "b", 2), ("a", "c", 1), ("c", "d", 5), ("b", "d", 1)]
        >>> G.add_weighted_edges_from(arcs, weight="w")
        >>> local_main_path(G, weight="w").nodes
        ['a', 'b', 'd']
    """
    _check_local(direction, tolerance)
    return _local(WeightedArcs.from_graph(G, weight), direction, tolerance)


def _check_local(direction: str, tolerance: float) -> None:
    if direction not in ("forward", "backward"):
        raise ConfigError(
            f"The 'direction' parameter must be 'forward' or 'backward'. Got {direction!r} instead."
        )
    _check_tolerance(tolerance)


def _local(net: WeightedArcs, direction: str, tolerance: float) -> MainPath:
    idx = net.index
    forward = direction == "forward"
    ends = (
        np.flatnonzero(idx.indeg[idx.src] == 0)
        if forward
        else np.flatnonzero(idx.outdeg[idx.dst] == 0)
    )
    chosen = _greedy(net, net.pick(ends, tolerance), forward=forward, tolerance=tolerance)
    return net.result(direction, chosen, tolerance=tolerance)


def key_route_main_path(
    G: nx.DiGraph, weight: str = "spc", *, k: int = 10, search: str = "local"
) -> MainPath:
    """Key-route main path: the ``k`` heaviest arcs extended to sources and sinks.

    Args:
        G: Acyclic citation network with the weight on its arcs.
        weight: Arc attribute.
        k: Number of key routes; arcs tied with the k-th weight are key routes too.
        search: ``"local"`` (greedy extension, Liu & Lu 2012) or ``"global"`` (heaviest paths).

    Raises:
        AnalysisError: No arcs, a cycle, or arcs without the weight.
        ConfigError: Bad ``k`` or ``search``.

    Example:
        >>> G = nx.DiGraph()
        >>> arcs = [("a", "b", 2), ("a", "c", 1), ("c", "d", 5), ("b", "d", 1)]
        >>> G.add_weighted_edges_from(arcs, weight="w")
        >>> key_route_main_path(G, weight="w", k=1).nodes
        ['a', 'c', 'd']
    """
    _check_key_route(k, search)
    return _key_route(WeightedArcs.from_graph(G, weight), int(k), search)


def _check_key_route(k: int, search: str) -> None:
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
        raise ConfigError(
            f"The 'k' parameter of key_route_main_path must be an int >= 1. Got {k!r} instead."
        )
    if search not in ("local", "global"):
        raise ConfigError(
            f"The 'search' parameter must be 'local' or 'global'. Got {search!r} instead."
        )


def _key_route(net: WeightedArcs, k: int, search: str) -> MainPath:
    idx = net.index
    ranked = sorted(net.w.tolist(), reverse=True)
    threshold = ranked[min(int(k), len(ranked)) - 1]
    keys = np.flatnonzero(np.asarray(net.w >= threshold, dtype=bool) | net.close(net.w, threshold))
    if search == "local":
        chosen = _greedy(net, keys, forward=True) | _greedy(net, keys, forward=False)
    else:
        F = net.heaviest_from(idx.forward_groups(), idx.src)
        B = net.heaviest_from(idx.backward_groups(), idx.dst)
        chosen = set(keys.tolist())
        chosen |= _follow(
            net,
            idx.dst[keys],
            lambda arcs: net.close(net.w[arcs] + B[idx.dst[arcs]], B[idx.src[arcs]]),
            forward=True,
        )
        chosen |= _follow(
            net,
            idx.src[keys],
            lambda arcs: net.close(F[idx.src[arcs]] + net.w[arcs], F[idx.dst[arcs]]),
            forward=False,
        )
    return net.result("key-route", chosen, k=k, search=search, key_routes=int(keys.size))


def _follow(net: WeightedArcs, starts: np.ndarray, on_best: Any, *, forward: bool) -> set[int]:
    idx = net.index
    chosen: set[int] = set()
    frontier, seen = list(starts.tolist()), set()
    while frontier:
        v = frontier.pop()
        if v in seen:
            continue
        seen.add(v)
        arcs = net.out_arcs(v) if forward else net.in_arcs(v)
        if arcs.size == 0:
            continue
        picked = arcs[on_best(arcs)]
        chosen.update(picked.tolist())
        frontier.extend((idx.dst if forward else idx.src)[picked].tolist())
    return chosen


def multiple_main_paths(G: nx.DiGraph, weight: str = "spc", *, n: int = 3) -> MainPath:
    """The ``n`` heaviest distinct source-to-sink paths, ranked.

    Ties at the n-th place are broken by vertex order (the first ``n`` are returned).

    Raises:
        AnalysisError: No arcs, a cycle, or arcs without the weight.
        ConfigError: ``n`` < 1.

    Example:
        >>> G = nx.DiGraph()
        >>> arcs = [("a", "b", 2), ("a", "c", 1), ("c", "d", 5), ("b", "d", 1)]
        >>> G.add_weighted_edges_from(arcs, weight="w")
        >>> [(p, w) for p, w in multiple_main_paths(G, weight="w", n=2).paths]
        [(['a', 'c', 'd'], 6), (['a', 'b', 'd'], 3)]
    """
    _check_n(n)
    return _multiple(WeightedArcs.from_graph(G, weight), int(n))


def _check_n(n: int) -> None:
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ConfigError(
            f"The 'n' parameter of multiple_main_paths must be an int >= 1. Got {n!r} instead."
        )


def _multiple(net: WeightedArcs, n: int) -> MainPath:
    idx = net.index
    w = net.w.tolist()
    # top[v]: up to n entries (path weight, predecessor vertex, predecessor's entry, arc)
    top: list[list[tuple[Any, int, int, int]]] = [[] for _ in range(idx.n)]
    for v in np.argsort(idx.level, kind="stable").tolist():
        arcs = net.in_arcs(v).tolist()
        if not arcs:
            top[v] = [(0, -1, -1, -1)]
            continue
        cands = (
            (top[u][r][0] + w[a], u, r, a)
            for a in arcs
            for u in (int(idx.src[a]),)
            for r in range(len(top[u]))
        )
        top[v] = heapq.nlargest(n, cands, key=lambda c: (c[0], -c[1], -c[2]))
    ends = [
        (top[t][r][0], t, r)
        for t in np.flatnonzero((idx.outdeg == 0) & (idx.indeg > 0)).tolist()
        for r in range(len(top[t]))
    ]
    best = heapq.nlargest(n, ends, key=lambda c: (c[0], -c[1], -c[2]))
    paths, chosen = [], set()
    for value, t, r in best:
        vertices, v = [t], t
        while top[v][r][1] >= 0:
            _, u, r_u, a = top[v][r]
            chosen.add(a)
            vertices.append(u)
            v, r = u, r_u
        paths.append(([idx.nodes[x] for x in reversed(vertices)], value))
    out = net.result("multiple", chosen, n=n)
    return MainPath(
        out.method, out.weight, out.nodes, out.arcs, paths[0][1], out.n_paths, paths, out.params
    )


def main_path(
    G: nx.DiGraph,
    method: str = "global",
    weight: str = "spc",
    *,
    k: int = 10,
    tolerance: float = 0.0,
    search: str = "local",
    n: int = 3,
) -> MainPath:
    """Run one main-path search by name (the CLI's entry point).

    Args:
        G: Acyclic citation network with the weight on its arcs.
        method: ``global``, ``forward``, ``backward``, ``key-route`` or ``multiple``.
        weight: Arc attribute.
        k: Key routes (``key-route``).
        tolerance: Local-search tolerance (``forward`` / ``backward``).
        search: Extension of key routes, ``local`` or ``global``.
        n: Number of paths (``multiple``).

    Raises:
        ConfigError: Unknown method.
        AnalysisError: As the searches.

    Example:
        >>> G = nx.DiGraph([("a", "b", {"spc": 1})])
        >>> main_path(G, "backward").arcs
        [('a', 'b', 1)]
    """
    return _dispatch(
        lambda: WeightedArcs.from_graph(G, weight),
        method,
        k=k,
        tolerance=tolerance,
        search=search,
        n=n,
    )


def index_main_path(
    index: ArcIndex,
    weights: np.ndarray,
    method: str = "global",
    *,
    weight: str = "spc",
    k: int = 10,
    tolerance: float = 0.0,
    search: str = "local",
    n: int = 3,
) -> MainPath:
    """:func:`main_path` on arrays (no ``nx.DiGraph``): for networks of millions of arcs.

    Args:
        index: The DAG as arrays.
        weights: One weight per arc of ``index`` (e.g. ``traversal_counts(index).raw``).
        method, k, tolerance, search, n: As :func:`main_path`.
        weight: Name reported in the result.

    Example:
        >>> idx = ArcIndex.from_arrays(["a", "b", "c"], np.array([0, 1, 0]), np.array([1, 2, 2]))
        >>> index_main_path(idx, np.array([1, 1, 1])).nodes
        ['a', 'b', 'c']
    """
    if len(weights) != index.m:
        raise ConfigError(
            f"The 'weights' parameter must have one value per arc ({index.m}). "
            f"Got {len(weights)} instead."
        )
    return _dispatch(
        lambda: WeightedArcs.from_values(index, weights, weight),
        method,
        k=k,
        tolerance=tolerance,
        search=search,
        n=n,
    )


def _dispatch(
    build: Any, method: str, *, k: int, tolerance: float, search: str, n: int
) -> MainPath:
    if method == "global":
        return _global(build())
    if method in ("forward", "backward"):
        _check_local(method, tolerance)
        return _local(build(), method, tolerance)
    if method == "key-route":
        _check_key_route(k, search)
        return _key_route(build(), int(k), search)
    if method == "multiple":
        _check_n(n)
        return _multiple(build(), int(n))
    raise ConfigError(
        f"The 'method' parameter must be one of {', '.join(METHOD_NAMES)}. Got {method!r} instead."
    )
