"""Weighted arc arrays and the main-path result type shared by the searches.

:class:`WeightedArcs` is an :class:`~ipnav.paths.arcs.ArcIndex` with one weight per arc and the
adjacency in CSR form; :class:`MainPath` is what every search returns.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ipnav.exceptions import AnalysisError
from ipnav.paths.arcs import ArcIndex, Groups

__all__ = ["RTOL", "MainPath", "WeightedArcs", "plain"]

RTOL = 1e-12
"""Relative tolerance for comparing float weights (sums of normalised weights)."""


@dataclass(frozen=True)
class MainPath:
    """A main path (or main-path network) of a citation DAG.

    Attributes:
        method: ``global``, ``forward``, ``backward``, ``key-route`` or ``multiple``.
        weight: The arc attribute searched.
        nodes: Vertices, in topological order.
        arcs: ``(u, v, weight)``, in topological order of ``u``.
        total_weight: For ``global``: the weight of a heaviest source-sink path; otherwise the
            sum of the arcs' weights.
        n_paths: Number of source-sink paths inside the main-path network.
        paths: For ``multiple``: the ranked paths ``(nodes, weight)``.
        params: The search parameters (``k``, ``tolerance``, ``search`` ...).
    """

    method: str
    weight: str
    nodes: list[Hashable]
    arcs: list[tuple[Hashable, Hashable, Any]]
    total_weight: Any
    n_paths: int
    paths: list[tuple[list[Hashable], Any]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict.

        Keys: ``weight``, ``method``, ``nodes``, ``arcs`` (``[{"source", "target", "weight"}]``),
        ``total_weight``, ``n_nodes``, ``n_arcs``, ``n_paths``, ``params`` (and ``paths``).
        """
        out: dict[str, Any] = {
            "weight": self.weight,
            "method": self.method,
            "nodes": [str(v) for v in self.nodes],
            "arcs": [
                {"source": str(u), "target": str(v), "weight": plain(w)} for u, v, w in self.arcs
            ],
            "total_weight": plain(self.total_weight),
            "n_nodes": len(self.nodes),
            "n_arcs": len(self.arcs),
            "n_paths": self.n_paths,
            "params": dict(self.params),
        }
        if self.paths:
            out["paths"] = [
                {"nodes": [str(v) for v in p], "weight": plain(w)} for p, w in self.paths
            ]
        return out

    def subgraph(self, G: nx.DiGraph) -> nx.DiGraph:
        """The main-path network as a copy of the part of ``G`` it covers."""
        return G.edge_subgraph([(u, v) for u, v, _ in self.arcs]).copy()


def plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds."""
    if isinstance(value, np.generic):
        return value.item()
    return value


class WeightedArcs:
    """An ArcIndex with the weights of one attribute and adjacency in CSR form."""

    def __init__(self, index: ArcIndex, w: np.ndarray, weight: str):
        if index.m == 0:
            raise AnalysisError("the network has no arcs; a main path needs citations")
        self.index = index
        self.weight = weight
        self.w = w
        self.exact = w.dtype != np.float64
        src, dst = index.src, index.dst
        self.out_order = np.argsort(src, kind="stable")
        self.out_off = np.concatenate(([0], np.cumsum(index.outdeg)))
        self.in_order = np.argsort(dst, kind="stable")
        self.in_off = np.concatenate(([0], np.cumsum(index.indeg)))

    @classmethod
    def from_values(
        cls, index: ArcIndex, values: list[Any] | np.ndarray, weight: str
    ) -> WeightedArcs:
        """Integers stay exact (int64, or Python ints where sums could overflow); floats must be
        finite."""
        values = values.tolist() if isinstance(values, np.ndarray) else values
        exact = all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in values)
        if exact:
            depth = int(index.level.max(initial=0)) + 2
            big = (
                max((abs(int(x)) for x in values), default=0).bit_length() + depth.bit_length() > 62
            )
            w = (
                np.array([int(x) for x in values], dtype=object)
                if big
                else np.array(values, dtype=np.int64)
            )
        else:
            w = np.asarray(values, dtype=np.float64)
            if not np.all(np.isfinite(w)):
                raise AnalysisError(
                    f"some {weight!r} weights are infinite or missing "
                    "(path counts beyond float range?); "
                    f"search on the normalised weight {weight}_norm instead"
                )
        return cls(index, w, weight)

    @classmethod
    def from_graph(cls, G: nx.DiGraph, weight: str) -> WeightedArcs:
        if G.number_of_edges() == 0:
            raise AnalysisError("the network has no arcs; a main path needs citations")
        index, values = ArcIndex.from_graph_with(G, weight)
        missing = next((i for i, x in enumerate(values) if x is None), None)
        if missing is not None:
            u, v = index.nodes[int(index.src[missing])], index.nodes[int(index.dst[missing])]
            raise AnalysisError(
                f"arc {u!r} -> {v!r} has no {weight!r} weight; call set_traversal_weights(G) first"
            )
        return cls.from_values(index, values, weight)

    def out_arcs(self, v: int) -> np.ndarray:
        return self.out_order[self.out_off[v] : self.out_off[v + 1]]

    def in_arcs(self, v: int) -> np.ndarray:
        return self.in_order[self.in_off[v] : self.in_off[v + 1]]

    def close(self, a: Any, b: Any) -> Any:
        """Elementwise equality (exact for ints, relative 1e-12 for floats)."""
        if self.exact:
            return np.asarray(a == b, dtype=bool)
        a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
        return np.abs(a - b) <= RTOL * np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-300)

    def pick(self, arcs: np.ndarray, tolerance: float = 0.0) -> np.ndarray:
        """The heaviest of ``arcs``, ties kept (with a tolerance: within that fraction of it)."""
        ws = self.w[arcs]
        top = ws.max()
        if tolerance > 0:
            return arcs[
                np.asarray(ws >= top - abs(top) * tolerance, dtype=bool) | self.close(ws, top)
            ]
        return arcs[self.close(ws, top)]

    def heaviest_from(self, groups: Groups, neighbour: np.ndarray) -> np.ndarray:
        """Per vertex, the heaviest path weight to it from the start side (0 at the starts)."""
        best = np.zeros(self.index.n, dtype=self.w.dtype)
        if self.w.dtype == object:
            best = np.array([0] * self.index.n, dtype=object)
        for level in range(1, groups.level_bounds.size - 1):
            sl, starts, verts = groups.runs(level)
            if verts.size == 0:
                continue
            arcs = groups.order[sl]
            best[verts] = np.maximum.reduceat(best[neighbour[arcs]] + self.w[arcs], starts)
        return best

    def result(
        self, method: str, chosen: Iterable[int], total: Any = None, **params: Any
    ) -> MainPath:
        arcs = np.array(sorted(set(int(a) for a in chosen)), dtype=np.int64)
        idx = self.index
        src, dst = idx.src[arcs], idx.dst[arcs]
        order = np.lexsort((dst, idx.level[dst], src, idx.level[src]))
        arcs, src, dst = arcs[order], src[order], dst[order]
        verts = np.unique(np.concatenate((src, dst)))
        verts = verts[np.lexsort((verts, idx.level[verts]))]
        weights = self.w[arcs].tolist()
        return MainPath(
            method=method,
            weight=self.weight,
            nodes=[idx.nodes[v] for v in verts.tolist()],
            arcs=[
                (idx.nodes[u], idx.nodes[v], w)
                for u, v, w in zip(src.tolist(), dst.tolist(), weights, strict=True)
            ],
            total_weight=sum(weights) if total is None else total,
            n_paths=_count_paths(src, dst),
            params=params,
        )


def _count_paths(src: np.ndarray, dst: np.ndarray) -> int:
    """Source-to-sink paths inside a small arc set (exact, by a topological pass)."""
    G = nx.DiGraph(zip(src.tolist(), dst.tolist(), strict=True))
    count: dict[int, int] = {}
    for v in nx.topological_sort(G):
        preds = list(G.predecessors(v))
        count[v] = sum(count[u] for u in preds) if preds else 1
    return sum(count[v] for v in G if G.out_degree(v) == 0)
