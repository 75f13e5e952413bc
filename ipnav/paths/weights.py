"""Traversal weights of citation arcs: SPC, SPLC and SPNP (Hummon & Doreian 1989; Batagelj 2003).

For an arc ``(u, v)`` every method counts the paths through it: ``N⁻(u) · N⁺(v)``, where
``N⁻(u)`` counts the paths that end in ``u`` and ``N⁺(v)`` the paths that start in ``v``. The
methods differ only in where a path may start and end:

====== ============================== ============================ ==========================
method paths counted                  ``N⁻(v)``                    ``N⁺(v)``
====== ============================== ============================ ==========================
SPC    from a source to a sink        [v is a source] + Σ N⁻(pred) [v is a sink] + Σ N⁺(succ)
SPLC   from ANY vertex to a sink      1 + Σ N⁻(pred)               [v is a sink] + Σ N⁺(succ)
SPNP   from ANY vertex to ANY vertex  1 + Σ N⁻(pred)               1 + Σ N⁺(succ)
====== ============================== ============================ ==========================

(a source has no incoming arc, a sink no outgoing arc). Equivalently (Batagelj 2003): SPLC is
SPC on the network with an extra vertex ``s`` linked to every vertex, SPNP is SPC with ``s``
linked to every vertex and every vertex linked to an extra ``t`` -- exactly Pajek's
``TestSPLC.net`` and ``TestSPNP.net``. Both recursions run over a topological order: O(n + m).

Normalised weights divide by the number of counted paths with at least one arc (SPC: source-sink
paths; SPLC: paths ending in a sink; SPNP: all paths), so a normalised weight is the share of
those paths that use the arc.

Numbers. Path counts grow exponentially with the depth of a network and overflow int64 and
float64 on large ones. Counts are therefore computed in an extended-range binary floating
point (a float64 mantissa and a separate integer exponent per value): while every ``N⁻`` and
``N⁺`` is below 2**53 the results are exact integers (returned as Python ints); beyond that they
keep float64's 53-bit relative precision and never overflow (the raw value is then a float, or
``inf`` beyond 1.8e308, while the normalised weight and ``log10`` stay exact to that precision).
``exact=True`` computes with Python integers instead (exact at any size, slower).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from ipnav.exceptions import AnalysisError, ConfigError
from ipnav.paths.arcs import ArcIndex, Groups

__all__ = [
    "METHODS",
    "TraversalCounts",
    "set_traversal_weights",
    "traversal_counts",
    "traversal_weights",
    "weights_frame",
]

METHODS = ("spc", "splc", "spnp")
_EXACT_BITS = 53
_LOG10_2 = math.log10(2.0)


@dataclass(frozen=True)
class TraversalCounts:
    """Traversal counts of every arc of an :class:`ArcIndex` (arrays parallel to ``index.src``).

    Attributes:
        method: ``spc``, ``splc`` or ``spnp``.
        raw: Path counts per arc: int64 or object (Python ints) when ``exact``, else float64.
        normalized: ``raw / total`` (float64).
        log10: ``log10(raw)`` (float64, finite even when ``raw`` overflows).
        total: Number of counted paths with at least one arc (int when exact, else float).
        exact: Whether ``raw`` and ``total`` are exact integers.
        n_minus, n_plus: Per-vertex ``N⁻`` and ``N⁺`` (same number type as ``raw``).
    """

    method: str
    raw: np.ndarray
    normalized: np.ndarray
    log10: np.ndarray
    total: int | float
    exact: bool
    n_minus: np.ndarray
    n_plus: np.ndarray


def _bases(index: ArcIndex, method: str) -> tuple[np.ndarray, np.ndarray]:
    ones = np.ones(index.n, dtype=np.int8)
    source = (index.indeg == 0).astype(np.int8)
    sink = (index.outdeg == 0).astype(np.int8)
    return {"spc": (source, sink), "splc": (ones, sink), "spnp": (ones, ones)}[method]


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ConfigError(
            f"The 'method' parameter must be one of {', '.join(METHODS)}. Got {method!r} instead."
        )


# --- extended-range pass --------------------------------------------------------------------


def _extended_pass(
    groups: Groups, neighbour: np.ndarray, base: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """N = base + Σ N(neighbour) over the groups' levels, as (mantissa, exponent) pairs.

    Returns ``(mN, eN, mS, eS)`` where S is the sum over neighbours (N without the base).
    """
    mN = np.where(base == 1, 0.5, 0.0)
    eN = np.where(base == 1, 1, 0).astype(np.int64)
    mS = np.zeros(n)
    eS = np.zeros(n, dtype=np.int64)
    for level in range(1, groups.level_bounds.size - 1):
        sl, starts, verts = groups.runs(level)
        if verts.size == 0:
            continue
        nb = neighbour[groups.order[sl]]
        m_nb, e_nb = mN[nb], eN[nb]
        emax = np.maximum.reduceat(e_nb, starts)
        lengths = np.diff(np.append(starts, nb.size))
        s = np.add.reduceat(np.ldexp(m_nb, e_nb - np.repeat(emax, lengths)), starts)
        fm, fe = np.frexp(s)
        fe = fe.astype(np.int64) + emax
        mS[verts], eS[verts] = fm, fe
        b = base[verts] == 1
        e2 = np.where(b, np.maximum(fe, 1), fe)
        val = np.ldexp(fm, fe - e2) + np.where(b, np.ldexp(0.5, 1 - e2), 0.0)
        nm, ne = np.frexp(val)
        mN[verts], eN[verts] = nm, ne.astype(np.int64) + e2
    return mN, eN, mS, eS


def _to_float(m: np.ndarray, e: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return np.ldexp(m, np.minimum(e, 4096))


def _to_int(m: np.ndarray, e: np.ndarray) -> np.ndarray:
    return np.ldexp(m, e).astype(np.int64)


def traversal_counts(
    index: ArcIndex, method: str = "spc", *, exact: bool | None = None
) -> TraversalCounts:
    """Count, for every arc, the paths through it (see the module docstring).

    Args:
        index: The DAG as arrays.
        method: ``"spc"``, ``"splc"`` or ``"spnp"``.
        exact: ``True``: Python integers at any size. ``None`` (default): extended-range floats,
            exact integers whenever every vertex count is below 2**53.

    Returns:
        The counts, normalised weights and totals.

    Raises:
        ConfigError: Unknown method.

    Example:
        >>> idx = ArcIndex.from_arrays(["a", "b", "c"], np.array([0, 1]), np.array([1, 2]))
        >>> traversal_counts(idx, "splc").raw.tolist()
        [1, 2]
    """
    _check_method(method)
    if exact:
        return _exact_counts(index, method)
    b_minus, b_plus = _bases(index, method)
    mNm, eNm, mSm, eSm = _extended_pass(index.forward_groups(), index.src, b_minus, index.n)
    mNp, eNp, _, _ = _extended_pass(index.backward_groups(), index.dst, b_plus, index.n)
    ma, ea = np.frexp(mNm[index.src] * mNp[index.dst])
    ea = ea.astype(np.int64) + eNm[index.src] + eNp[index.dst]
    # total = Σ_v b⁺(v) · S⁻(v): the counted paths with at least one arc, ending where they may end.
    keep = (b_plus == 1) & (mSm > 0)
    if keep.any():
        etop = int(eSm[keep].max())
        mt, et = np.frexp(np.sum(np.ldexp(mSm[keep], eSm[keep] - etop)))
        et = int(et) + etop
    else:
        mt, et = 0.0, 0
    log10 = np.log10(ma) + ea * _LOG10_2 if index.m else np.zeros(0)
    normalized = np.ldexp(ma / mt, ea - et) if mt else np.zeros(index.m)
    if max(int(eNm.max(initial=0)), int(eNp.max(initial=0))) <= _EXACT_BITS:
        n_minus, n_plus = _to_int(mNm, eNm), _to_int(mNp, eNp)
        raw = _exact_products(n_minus, n_plus, index)
        total = (
            int(np.ldexp(mt, et))
            if et <= _EXACT_BITS
            else sum(int(x) for x in _to_int(mSm, eSm)[keep])
        )
        return TraversalCounts(method, raw, normalized, log10, total, True, n_minus, n_plus)
    with np.errstate(over="ignore"):
        total_f = float(np.ldexp(mt, min(et, 4096)))
    return TraversalCounts(
        method,
        _to_float(ma, ea),
        normalized,
        log10,
        total_f,
        False,
        _to_float(mNm, eNm),
        _to_float(mNp, eNp),
    )


def _exact_products(n_minus: np.ndarray, n_plus: np.ndarray, index: ArcIndex) -> np.ndarray:
    if index.m == 0:
        return np.zeros(0, dtype=np.int64)
    if int(n_minus.max()).bit_length() + int(n_plus.max()).bit_length() <= 62:
        return n_minus[index.src] * n_plus[index.dst]
    left = np.array(n_minus.tolist(), dtype=object)[index.src]
    right = np.array(n_plus.tolist(), dtype=object)[index.dst]
    return left * right


def _exact_counts(index: ArcIndex, method: str) -> TraversalCounts:
    """The same recursion with Python integers (exact at any size)."""
    b_minus, b_plus = _bases(index, method)
    order = np.argsort(index.level, kind="stable").tolist()
    preds: list[list[int]] = [[] for _ in range(index.n)]
    succs: list[list[int]] = [[] for _ in range(index.n)]
    for u, v in zip(index.src.tolist(), index.dst.tolist(), strict=True):
        preds[v].append(u)
        succs[u].append(v)
    n_minus = [0] * index.n
    s_minus = [0] * index.n
    for v in order:
        s_minus[v] = sum(n_minus[u] for u in preds[v])
        n_minus[v] = int(b_minus[v]) + s_minus[v]
    n_plus = [0] * index.n
    for v in sorted(range(index.n), key=lambda i: int(index.height[i])):
        n_plus[v] = int(b_plus[v]) + sum(n_plus[w] for w in succs[v])
    raw = np.array(
        [
            n_minus[u] * n_plus[v]
            for u, v in zip(index.src.tolist(), index.dst.tolist(), strict=True)
        ]
        or [],
        dtype=object,
    )
    total = sum(s for s, b in zip(s_minus, b_plus.tolist(), strict=True) if b)
    normalized = np.array(
        [float(r / total) for r in raw] if total else [0.0] * index.m, dtype=np.float64
    )
    log10 = np.array([_log10_int(r) for r in raw], dtype=np.float64)
    return TraversalCounts(
        method,
        raw,
        normalized,
        log10,
        total,
        True,
        np.array(n_minus, dtype=object),
        np.array(n_plus, dtype=object),
    )


def _log10_int(value: int) -> float:
    if value <= 0:
        return -math.inf
    bits = value.bit_length()
    if bits < 1000:
        return math.log10(value)
    shift = bits - 64
    return math.log10(value >> shift) + shift * _LOG10_2


# --- networkx-style functions ---------------------------------------------------------------


def traversal_weights(
    G: nx.DiGraph, method: str = "spc", *, normalized: bool = False
) -> dict[tuple[Hashable, Hashable], Any]:
    """Traversal weight of every arc of an acyclic citation network.

    Args:
        G: Acyclic ``nx.DiGraph``, arcs cited -> citing (see :func:`ipnav.paths.make_acyclic`).
        method: ``"spc"``, ``"splc"`` or ``"spnp"``.
        normalized: Return the share of counted paths instead of the count.

    Returns:
        ``{(u, v): weight}``.

    Raises:
        AnalysisError: The graph has a cycle.
        ConfigError: Unknown method.

    Example:
        >>> G = nx.DiGraph([("a", "b"), ("a", "c"), ("b", "c")])
        >>> traversal_weights(G, "spc")
        {('a', 'b'): 1, ('a', 'c'): 1, ('b', 'c'): 1}
    """
    index = ArcIndex.from_graph(G)
    counts = traversal_counts(index, method)
    values = (counts.normalized if normalized else counts.raw).tolist()
    return {
        (index.nodes[u], index.nodes[v]): w
        for u, v, w in zip(index.src.tolist(), index.dst.tolist(), values, strict=True)
    }


def set_traversal_weights(
    G: nx.DiGraph, methods: Sequence[str] = METHODS, *, exact: bool | None = None
) -> dict[str, TraversalCounts]:
    """Store traversal weights on the arcs: ``G[u][v]["spc"]``, ``G[u][v]["spc_norm"]`` ...

    Raw counts are Python ints when exact, floats otherwise (see the module docstring).

    Returns:
        ``{method: TraversalCounts}`` (for totals and the exactness flag).

    Raises:
        AnalysisError: The graph has a cycle.
        ConfigError: Unknown method.

    Example:
        >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
        >>> _ = set_traversal_weights(G)
        >>> G["a"]["b"]["splc"], G["a"]["b"]["spnp"], G["a"]["b"]["spc_norm"]
        (1, 2, 1.0)
    """
    for method in methods:
        _check_method(method)
    index = ArcIndex.from_graph(G)
    results = {method: traversal_counts(index, method, exact=exact) for method in methods}
    columns = [
        (method, results[method].raw.tolist(), results[method].normalized.tolist())
        for method in methods
    ]
    for i, (_, _, data) in enumerate(G.edges(data=True)):
        for method, raw, norm in columns:
            data[method] = raw[i]
            data[f"{method}_norm"] = norm[i]
    return results


def weights_frame(G: nx.DiGraph, methods: Sequence[str] = METHODS) -> pd.DataFrame:
    """Every arc with its raw and normalised weights, heaviest SPC first.

    Columns: ``source``, ``target``, ``value``, then ``<method>`` and ``<method>_norm`` per method.

    Raises:
        AnalysisError: The graph has a cycle.

    Example:
        >>> frame = weights_frame(nx.DiGraph([("a", "b")]))
        >>> frame[["source", "target", "spc", "spnp"]].values.tolist()
        [['a', 'b', 1, 1]]
    """
    for method in methods:
        _check_method(method)
    index = ArcIndex.from_graph(G)
    if index.m == 0:
        raise AnalysisError("the network has no arcs")
    frame: dict[str, Any] = {
        "source": [index.nodes[u] for u in index.src.tolist()],
        "target": [index.nodes[v] for v in index.dst.tolist()],
        "value": [d.get("value", 1.0) for _, _, d in G.edges(data=True)],
    }
    for method in methods:
        counts = traversal_counts(index, method)
        frame[method] = counts.raw
        frame[f"{method}_norm"] = counts.normalized
    out = pd.DataFrame(frame)
    if methods:
        out = out.sort_values(f"{methods[0]}_norm", ascending=False, kind="stable").reset_index(
            drop=True
        )
    return out
