"""Traversal counts against their definitions (path enumeration) and the number representation."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from ipnav.exceptions import AnalysisError, ConfigError
from ipnav.paths import (
    ArcIndex,
    global_main_path,
    set_traversal_weights,
    traversal_counts,
    traversal_weights,
    weights_frame,
)


def _all_paths(G: nx.DiGraph) -> list[list]:
    """Every path with at least one arc (a DAG has finitely many)."""
    out = []
    for s in G:
        for t in G:
            if s != t:
                out.extend(nx.all_simple_paths(G, s, t))
    return out


def _brute_force(G: nx.DiGraph, method: str) -> dict:
    sources = {v for v in G if G.in_degree(v) == 0}
    sinks = {v for v in G if G.out_degree(v) == 0}
    counts = dict.fromkeys(G.edges(), 0)
    for path in _all_paths(G):
        if method in ("spc", "splc") and path[-1] not in sinks:
            continue
        if method == "spc" and path[0] not in sources:
            continue
        for arc in itertools.pairwise(path):
            counts[arc] += 1
    return counts


def _random_dag(seed: int, n: int = 9, p: float = 0.35) -> nx.DiGraph:
    rng = np.random.default_rng(seed)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for u, v in itertools.combinations(range(n), 2):
        if rng.random() < p:
            G.add_edge(int(u), int(v))
    G.remove_nodes_from([v for v in list(G) if G.degree(v) == 0])
    return G


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("method", ["spc", "splc", "spnp"])
def test_counts_equal_path_enumeration(seed: int, method: str) -> None:
    G = _random_dag(seed)
    if G.number_of_edges() == 0:
        pytest.skip("empty random graph")
    assert traversal_weights(G, method) == _brute_force(G, method)


@pytest.mark.parametrize("seed", range(6))
def test_exact_integers_and_extended_floats_agree(seed: int) -> None:
    G = _random_dag(seed, n=30, p=0.2)
    index = ArcIndex.from_graph(G)
    for method in ("spc", "splc", "spnp"):
        fast, exact = traversal_counts(index, method), traversal_counts(index, method, exact=True)
        assert fast.exact and fast.raw.tolist() == exact.raw.tolist()
        assert fast.total == exact.total
        np.testing.assert_allclose(fast.normalized, exact.normalized, rtol=1e-15)


def _diamond_chain(k: int) -> nx.DiGraph:
    """k diamonds in a row: 2**k source-sink paths; the middle arcs of diamond i carry 2**(k-1)."""
    G = nx.DiGraph()
    for i in range(k):
        G.add_edges_from(
            [(f"v{i}", f"a{i}"), (f"v{i}", f"b{i}"), (f"a{i}", f"v{i + 1}"), (f"b{i}", f"v{i + 1}")]
        )
    return G


def test_counts_beyond_2_53_keep_relative_precision() -> None:
    # 80 diamonds: 2**80 paths, every arc lies on half of them: SPC = 2**79, normalised 0.5.
    index = ArcIndex.from_graph(_diamond_chain(80))
    counts = traversal_counts(index, "spc")
    assert not counts.exact
    assert counts.total == pytest.approx(2.0**80, rel=1e-14)
    np.testing.assert_allclose(counts.raw, 2.0**79, rtol=1e-14)
    np.testing.assert_allclose(counts.normalized, 0.5, rtol=1e-14)
    exact = traversal_counts(index, "spc", exact=True)
    assert exact.total == 2**80 and set(exact.raw.tolist()) == {2**79}


def test_counts_beyond_float_range_stay_finite_where_it_matters() -> None:
    # 1100 diamonds: 2**1100 paths overflow float64; normalised weights and log10 do not.
    index = ArcIndex.from_graph(_diamond_chain(1100))
    counts = traversal_counts(index, "spc")
    assert math.isinf(counts.total) and np.all(np.isinf(counts.raw))
    np.testing.assert_allclose(counts.normalized, 0.5, rtol=1e-12)
    np.testing.assert_allclose(counts.log10, 1099 * math.log10(2), rtol=1e-12)


def test_main_path_on_overflowing_counts_needs_the_normalised_weight() -> None:
    G = _diamond_chain(1100)
    set_traversal_weights(G, ["spc"])
    with pytest.raises(AnalysisError, match="spc_norm"):
        global_main_path(G, "spc")
    path = global_main_path(G, "spc_norm")
    assert path.n_paths == 2**1100 and len(path.nodes) == 3 * 1100 + 1


def test_big_exact_products_are_python_ints() -> None:
    # N⁻(v40) = N⁺(v0) = 2**40: each count is exact in a float, but max N⁻ · max N⁺ = 2**80 could
    # overflow int64, so products are Python ints. Every arc lies on 2**39 of the 2**40 paths.
    G = _diamond_chain(40)
    counts = traversal_counts(ArcIndex.from_graph(G), "spc")
    assert counts.exact and counts.raw.dtype == object and set(counts.raw.tolist()) == {2**39}
    G2 = nx.DiGraph(G)
    set_traversal_weights(G2, ["spc"])
    assert global_main_path(G2, "spc").total_weight == 2 * 40 * 2**39  # 80 arcs per path


def test_weights_frame_columns_and_order() -> None:
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    frame = weights_frame(G)
    assert list(frame.columns) == [
        "source",
        "target",
        "value",
        "spc",
        "spc_norm",
        "splc",
        "splc_norm",
        "spnp",
        "spnp_norm",
    ]
    # SPC: a->b 1, b->c 1, a->c 1 (2 paths); SPLC: b->c = N⁻(b)·1 = 2; SPNP: a->b = 1·N⁺(b) = 2.
    rows = {(r.source, r.target): (r.spc, r.splc, r.spnp) for r in frame.itertuples()}
    assert rows == {("a", "b"): (1, 1, 2), ("b", "c"): (1, 2, 2), ("a", "c"): (1, 1, 1)}


def test_errors_name_the_problem() -> None:
    with pytest.raises(
        ConfigError, match=r"'method' parameter must be one of spc, splc, spnp\. Got 'xyz'"
    ):
        traversal_weights(nx.DiGraph([("a", "b")]), "xyz")
    with pytest.raises(AnalysisError, match="cycles"):
        traversal_weights(nx.DiGraph([("a", "b"), ("b", "a")]))
    with pytest.raises(AnalysisError, match="self-citations"):
        traversal_weights(nx.DiGraph([("a", "a")]))
