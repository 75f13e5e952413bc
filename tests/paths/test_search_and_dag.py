"""Main-path searches on hand-drawn graphs, cycle rules, and argument checks."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from ipnav.exceptions import AnalysisError, ConfigError
from ipnav.paths import (
    ArcIndex,
    citation_dag,
    global_main_path,
    key_route_main_path,
    local_main_path,
    main_path,
    make_acyclic,
    multiple_main_paths,
)
from ipnav.paths.search import index_main_path


def _weighted(arcs: list[tuple[str, str, float]]) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_weighted_edges_from(arcs, weight="w")
    return G


# a -> b -> d -> e and a -> c -> d, with a greedy trap: a->b is heavier than a->c, but
# a-c-d-e is heavier overall (1 + 9 + 1 = 11 > 2 + 1 + 1 = 4).
TRAP = _weighted([("a", "b", 2), ("a", "c", 1), ("b", "d", 1), ("c", "d", 9), ("d", "e", 1)])


def test_global_beats_the_greedy_trap() -> None:
    assert global_main_path(TRAP, "w").nodes == ["a", "c", "d", "e"]
    assert global_main_path(TRAP, "w").total_weight == 11
    assert local_main_path(TRAP, "w").nodes == ["a", "b", "d", "e"]
    # Backward: into e only d->e; into d: c->d (9 > 1); into c: a->c.
    assert local_main_path(TRAP, "w", direction="backward").nodes == ["a", "c", "d", "e"]
    # The heaviest arc c->d as key route, extended greedily: a->c backward, d->e forward.
    assert key_route_main_path(TRAP, "w", k=1).nodes == ["a", "c", "d", "e"]


def test_tolerance_widens_the_local_search() -> None:
    # At a: a->b 2, a->c 1. A tolerance of 0.5 keeps arcs >= 2 - 0.5*2 = 1: both.
    widened = local_main_path(TRAP, "w", tolerance=0.5)
    assert {(u, v) for u, v, _ in widened.arcs} == {
        ("a", "b"),
        ("a", "c"),
        ("b", "d"),
        ("c", "d"),
        ("d", "e"),
    }
    assert local_main_path(TRAP, "w", tolerance=0.4).nodes == ["a", "b", "d", "e"]


def test_float_weights_tie_within_tolerance() -> None:
    # 0.1 + 0.2 != 0.3 in binary floating point; the two branches still tie.
    G = _weighted([("s", "x", 0.1), ("x", "t", 0.2), ("s", "y", 0.3), ("y", "t", 0.0)])
    assert global_main_path(G, "w").n_paths == 2


def test_multiple_returns_distinct_paths_in_order() -> None:
    result = multiple_main_paths(TRAP, "w", n=5)
    assert [(p, w) for p, w in result.paths] == [
        (["a", "c", "d", "e"], 11),
        (["a", "b", "d", "e"], 4),
    ]


def test_main_path_dispatch_and_array_entry_agree() -> None:
    index = ArcIndex.from_graph(TRAP)
    weights = np.array([d["w"] for _, _, d in TRAP.edges(data=True)])
    for method in ("global", "forward", "backward", "key-route", "multiple"):
        by_graph = main_path(TRAP, method, "w", k=1)
        by_arrays = index_main_path(index, weights, method, weight="w", k=1)
        assert by_graph.arcs == by_arrays.arcs


def test_to_dict_shape() -> None:
    out = global_main_path(TRAP, "w").to_dict()
    assert out["nodes"] == ["a", "c", "d", "e"]
    assert out["arcs"][0] == {"source": "a", "target": "c", "weight": 1}
    assert (out["n_nodes"], out["n_arcs"], out["n_paths"], out["method"], out["weight"]) == (
        4,
        3,
        1,
        "global",
        "w",
    )


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: key_route_main_path(TRAP, "w", k=0),
            "'k' parameter of key_route_main_path must be an int >= 1. Got 0",
        ),
        (
            lambda: key_route_main_path(TRAP, "w", search="wide"),
            "'search' parameter must be 'local' or 'global'",
        ),
        (
            lambda: local_main_path(TRAP, "w", direction="up"),
            "'direction' parameter must be 'forward' or 'backward'",
        ),
        (
            lambda: local_main_path(TRAP, "w", tolerance=1.5),
            "'tolerance' parameter must be a float in \\[0, 1\\)",
        ),
        (
            lambda: multiple_main_paths(TRAP, "w", n=0),
            "'n' parameter of multiple_main_paths must be an int >= 1",
        ),
        (
            lambda: main_path(TRAP, "sideways", "w"),
            "'method' parameter must be one of global, forward",
        ),
    ],
)
def test_bad_arguments(call, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        call()


def test_missing_weight_and_empty_graph() -> None:
    with pytest.raises(AnalysisError, match="has no 'spc' weight; call set_traversal_weights"):
        global_main_path(nx.DiGraph([("a", "b")]), "spc")
    G = nx.DiGraph()
    G.add_node("a")
    with pytest.raises(AnalysisError, match="no arcs"):
        global_main_path(G, "spc")


# --- cycles ---------------------------------------------------------------------------------


def test_citation_dag_direction_and_multiplicity() -> None:
    G = citation_dag([("US2", "US1"), ("US2", "US1"), ("US3", "US1")], direction="citing->cited")
    assert sorted(G.edges(data="value")) == [("US1", "US2", 2.0), ("US1", "US3", 1.0)]
    with pytest.raises(ConfigError, match="'direction' parameter of citation_dag"):
        citation_dag([], direction="sideways")


def test_condense_merges_components_and_keeps_outside_arcs() -> None:
    # b <-> c is a cycle (a family citing itself); a -> b, c -> d, plus a self-citation d -> d.
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "b"), ("c", "d"), ("d", "d")])
    dag, report = make_acyclic(G)
    assert sorted(dag.edges()) == [("a", "b + c"), ("b + c", "d")]
    assert dag.nodes["b + c"]["members"] == ["b", "c"]
    assert report.self_loops == [("d", "d")] and report.components == [["b", "c"]]
    assert report.to_dict()["condensed"] == {"b + c": ["b", "c"]}
    assert G.has_edge("c", "b")  # the input is not modified


def test_break_removes_arcs_against_time_first() -> None:
    # x (2015) and y (2012) cite each other. The arc x -> y says the 2015 patent was cited by the
    # 2012 one: against time, removed.
    G = nx.DiGraph([("y", "x"), ("x", "y"), ("x", "z")])
    dag, report = make_acyclic(G, rule="break", dates={"x": 2015, "y": 2012, "z": 2020})
    assert sorted(dag.edges()) == [("x", "z"), ("y", "x")]
    assert report.removed_arcs == [("x", "y")]


def test_break_without_dates_is_deterministic() -> None:
    # a -> b -> c -> a: depth-first from "a" (sorted) meets the back arc c -> a.
    for order in ([("a", "b"), ("b", "c"), ("c", "a")], [("c", "a"), ("b", "c"), ("a", "b")]):
        dag, report = make_acyclic(nx.DiGraph(order), rule="break")
        assert report.removed_arcs == [("c", "a")]
        assert nx.is_directed_acyclic_graph(dag)


def test_unknown_cycle_rule() -> None:
    with pytest.raises(
        ConfigError, match="'rule' parameter of make_acyclic must be one of condense, break"
    ):
        make_acyclic(nx.DiGraph(), rule="ignore")


def test_levels_of_the_index() -> None:
    index = ArcIndex.from_graph(TRAP)
    level = dict(zip(index.nodes, index.level.tolist(), strict=True))
    height = dict(zip(index.nodes, index.height.tolist(), strict=True))
    assert level == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 3}
    assert height == {"a": 3, "b": 2, "c": 2, "d": 1, "e": 0}
