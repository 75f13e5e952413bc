"""Arc arrays of a DAG and its topological levels: the linear-time core of the path code.

:class:`ArcIndex` holds a DAG as integer arrays (``src``, ``dst``) plus, for every vertex, its
*level* (longest distance from a source) and *height* (longest distance to a sink). Processing
vertices level by level is a topological order in which every level is one vectorised step, so
the traversal counts and main-path searches cost O(n + m) work in a few numpy calls per level,
with no path enumeration and no Python loop over arcs.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from ipnav.exceptions import AnalysisError

__all__ = ["ArcIndex", "Groups"]


@dataclass(frozen=True)
class Groups:
    """Arcs sorted so that each level is a contiguous slice and, inside it, each vertex a run.

    Attributes:
        order: Arc positions in processing order.
        keys: The grouping vertex of each arc in that order (the head for a forward pass, the
            tail for a backward pass).
        level_bounds: ``level_bounds[l]:level_bounds[l + 1]`` is level ``l`` in ``order``.
        run_starts: Start of each run of equal ``keys`` (positions in ``order``).
    """

    order: np.ndarray
    keys: np.ndarray
    level_bounds: np.ndarray
    run_starts: np.ndarray

    def runs(self, level: int) -> tuple[slice, np.ndarray, np.ndarray]:
        """(slice of ``order``, run starts relative to the slice, the vertex of each run)."""
        lo, hi = int(self.level_bounds[level]), int(self.level_bounds[level + 1])
        a, b = np.searchsorted(self.run_starts, [lo, hi])
        starts = self.run_starts[a:b] - lo
        return slice(lo, hi), starts, self.keys[lo:hi][starts]


@dataclass(frozen=True)
class ArcIndex:
    """A DAG as arrays.

    Attributes:
        nodes: Vertex ids; vertex ``i`` of the arrays is ``nodes[i]``.
        src, dst: Arc tails and heads (int64 vertex numbers), one entry per arc.
        level: Longest distance (in arcs) from a source to each vertex.
        height: Longest distance from each vertex to a sink.
        indeg, outdeg: Degrees.
    """

    nodes: list[Hashable]
    src: np.ndarray
    dst: np.ndarray
    level: np.ndarray
    height: np.ndarray
    indeg: np.ndarray
    outdeg: np.ndarray

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return int(self.src.size)

    @classmethod
    def from_arrays(cls, nodes: Sequence[Hashable], src: np.ndarray, dst: np.ndarray) -> ArcIndex:
        """Index arcs given as vertex numbers.

        Raises:
            AnalysisError: A self-loop or a cycle (make the graph acyclic first, see
                :func:`ipnav.paths.make_acyclic`).

        Example:
            >>> idx = ArcIndex.from_arrays(["a", "b", "c"], np.array([0, 1]), np.array([1, 2]))
            >>> idx.level.tolist(), idx.height.tolist()
            ([0, 1, 2], [2, 1, 0])
        """
        n = len(nodes)
        src = np.asarray(src, dtype=np.int64)
        dst = np.asarray(dst, dtype=np.int64)
        if np.any(src == dst):
            raise AnalysisError("the network has self-citations; run make_acyclic() first")
        indeg = np.bincount(dst, minlength=n).astype(np.int64)
        outdeg = np.bincount(src, minlength=n).astype(np.int64)
        level = _levels(n, src, dst, indeg)
        height = _levels(n, dst, src, outdeg)
        return cls(list(nodes), src, dst, level, height, indeg, outdeg)

    @classmethod
    def from_graph(cls, G: nx.DiGraph) -> ArcIndex:
        """Index a ``nx.DiGraph`` (vertex order = ``list(G)``, arc order = ``G.edges()``)."""
        return cls.from_graph_with(G, None)[0]

    @classmethod
    def from_graph_with(cls, G: nx.DiGraph, attribute: str | None) -> tuple[ArcIndex, list[Any]]:
        """Index ``G`` and read one arc attribute in the same pass (None where an arc lacks it)."""
        nodes = list(G)
        pos = {v: i for i, v in enumerate(nodes)}
        src_list: list[int] = []
        dst_list: list[int] = []
        values: list[Any] = []
        for u, nbrs in G.adjacency():  # the order of G.edges()
            i = pos[u]
            src_list.extend([i] * len(nbrs))
            dst_list.extend(pos[v] for v in nbrs)
            if attribute is not None:
                values.extend(d.get(attribute) for d in nbrs.values())
        src = np.array(src_list, dtype=np.int64)
        dst = np.array(dst_list, dtype=np.int64)
        return cls.from_arrays(nodes, src, dst), values

    def forward_groups(self) -> Groups:
        """Arcs grouped by the level of their head, then by head (for passes from the sources)."""
        return _groups(self.level[self.dst], self.dst, int(self.level.max(initial=0)))

    def backward_groups(self) -> Groups:
        """Arcs grouped by the height of their tail, then by tail (for passes from the sinks)."""
        return _groups(self.height[self.src], self.src, int(self.height.max(initial=0)))


def _groups(arc_level: np.ndarray, keys: np.ndarray, top: int) -> Groups:
    order = np.lexsort((keys, arc_level))
    sorted_keys = keys[order]
    bounds = np.searchsorted(arc_level[order], np.arange(top + 2))
    change = np.ones(sorted_keys.size, dtype=bool)
    if sorted_keys.size:
        change[1:] = sorted_keys[1:] != sorted_keys[:-1]
    return Groups(order, sorted_keys, bounds, np.flatnonzero(change))


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Concatenate ``arange(s, e)`` for all pairs, vectorised."""
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return offsets + np.arange(total, dtype=np.int64)


def _levels(n: int, src: np.ndarray, dst: np.ndarray, indeg: np.ndarray) -> np.ndarray:
    """Longest distance from an in-degree-0 vertex, by Kahn's algorithm one level at a time."""
    order = np.argsort(src, kind="stable")
    heads = dst[order]
    offsets = np.concatenate(([0], np.cumsum(np.bincount(src, minlength=n))))
    remaining = indeg.copy()
    level = np.full(n, -1, dtype=np.int64)
    frontier = np.flatnonzero(remaining == 0)
    depth = 0
    while frontier.size:
        level[frontier] = depth
        targets = heads[_ranges(offsets[frontier], offsets[frontier + 1])]
        if targets.size == 0:
            break
        touched, counts = np.unique(targets, return_counts=True)
        remaining[touched] -= counts
        frontier = touched[remaining[touched] == 0]
        depth += 1
    if np.any(level < 0):
        raise AnalysisError(
            f"the network has cycles ({int(np.sum(level < 0))} vertices on or after a cycle); "
            "run make_acyclic() first"
        )
    return level
