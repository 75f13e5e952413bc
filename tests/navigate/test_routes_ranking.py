"""Topic graph, routes and the score formula on hand-made graphs."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ipnav.exceptions import AnalysisError, ConfigError
from ipnav.navigate.ranking import rank_opportunities, score_terms
from ipnav.navigate.routes import find_routes, topic_citation_flow, topic_graph

# Four topics on a line at x = 0, 1, 2, 10. Nearest-centroid distances 1, 1, 1, 8 -> σ = 1.
# Proximity φ = exp(-d²/2): φ01 = φ12 = e^-0.5 = 0.6065, φ02 = e^-2 = 0.1353.
LINE = pd.DataFrame({"topic": [0, 1, 2, 3], "cx": [0.0, 1.0, 2.0, 10.0], "cy": [0.0] * 4})
NO_PATENTS = pd.DataFrame({"patent_id": [], "cited": []})
NO_ASSIGN = pd.DataFrame({"patent_id": [], "topic": []})


def test_graph_without_citations_uses_proximity_only() -> None:
    G = topic_graph(LINE, NO_PATENTS, NO_ASSIGN, k_neighbors=2)
    # Each topic joins its 2 nearest: 0-{1,2}, 1-{0,2}, 2-{1,0}, 3-{2,1}.
    assert sorted(G.edges()) == [(0, 1), (0, 2), (1, 2), (1, 3), (2, 3)]
    assert G[0][1]["strength"] == pytest.approx(math.exp(-0.5), rel=1e-5)
    assert G[0][2]["cost"] == pytest.approx(2.0, rel=1e-5)  # -ln(e^-2)
    assert not G.graph["citation_flow"]


def test_routes_prefer_the_strongest_chain() -> None:
    G = topic_graph(LINE, NO_PATENTS, NO_ASSIGN, k_neighbors=2)
    routes = find_routes(G, [0], 2, k=2)
    # via 1: e^-0.5 · e^-0.5 = e^-1 = 0.3679 beats the direct e^-2 = 0.1353.
    assert [r["topics"] for r in routes] == [[0, 1, 2], [0, 2]]
    assert routes[0]["strength"] == pytest.approx(math.exp(-1), rel=1e-5)
    assert routes[1]["strength"] == pytest.approx(math.exp(-2), rel=1e-5)
    assert routes[0]["steps"][0] == {
        "from": 0,
        "to": 1,
        "strength": pytest.approx(math.exp(-0.5), rel=1e-5),
        "flow": 0,
        "proximity": pytest.approx(math.exp(-0.5), rel=1e-5),
    }


def test_citation_flow_changes_the_route() -> None:
    # Four citations from T0 patents to T2 patents: flow(0, 2) = 4 = max flow, so
    # strength(0, 2) = 0.5·1 + 0.5·e^-2 = 0.5677, strength(0, 1) = 0.5·e^-0.5 = 0.3033:
    # direct 0.5677 beats 0.3033² = 0.0920.
    patents = pd.DataFrame({"patent_id": ["a", "b", "c", "d", "e"], "cited": [(), (), ("a", "b"), ("a",), ("b",)]})
    assign = pd.DataFrame({"patent_id": ["a", "b", "c", "d", "e"], "topic": [0, 0, 2, 2, 2]})
    assert dict(topic_citation_flow(patents, assign)) == {(0, 2): 4}
    G = topic_graph(LINE, patents, assign, k_neighbors=2)
    assert G[0][2]["strength"] == pytest.approx(0.5 + 0.5 * math.exp(-2), rel=1e-5)
    assert find_routes(G, [0], 2, k=1)[0]["topics"] == [0, 2]


def test_route_errors() -> None:
    G = topic_graph(LINE, NO_PATENTS, NO_ASSIGN, k_neighbors=1)
    with pytest.raises(AnalysisError, match="no strong topic"):
        find_routes(G, [], 2)
    with pytest.raises(AnalysisError, match="unknown target topic 9"):
        find_routes(G, [0], 9)
    with pytest.raises(AnalysisError, match="'citation_weight' parameter"):
        topic_graph(LINE, NO_PATENTS, NO_ASSIGN, citation_weight=2.0)


# Score terms for topics 0..3: relative growth -0.1, 0.2, 0.4, 0.0
#   -> percentile ranks 0.25, 0.75, 1.0, 0.5.
IND = pd.DataFrame(
    {
        "relative_growth": [-0.1, 0.2, 0.4, 0.0],
        "rta": [3.0, 0.5, 0.0, 1.2],
        "density": [0.0, 0.6, 0.9, 0.2],
        "strong": [True, False, False, True],
        "size": [10, 10, 10, 10],
        "focus_n": [5, 1, 0, 3],
        "label_en": list("abcd"),
        "label_zh": list("abcd"),
    },
    index=[0, 1, 2, 3],
)
PATENTS = pd.DataFrame({"patent_id": ["p1", "p2", "p3", "p4"], "industries": [("robotics",), (), ("materials",), ()]})
ASSIGN = pd.DataFrame({"patent_id": ["p1", "p2", "p3", "p4"], "topic": [1, 1, 2, 2]})


def test_score_terms_by_hand() -> None:
    # Topics {1, 2}: growth (0.75 + 1.0)/2 = 0.875; market: p1, p3 tagged of p1..p4 = 0.5;
    # absence 1 - min(1, (0.5 + 0)/2) = 0.75; relatedness (0.6 + 0.9)/2 = 0.75.
    # score = (0.875 + 0.5 + 0.75 + 0.75)/4 = 0.71875.
    score, terms = score_terms([1, 2], IND, PATENTS, ASSIGN)
    assert {k: v["value"] for k, v in terms.items()} == {
        "growth": 0.875,
        "market": 0.5,
        "absence": 0.75,
        "relatedness": 0.75,
    }
    assert score == pytest.approx(0.7188, abs=1e-4)
    # Only robotics counts as a target: p1 of 4 -> 0.25; score (0.875 + 0.25 + 0.75 + 0.75)/4.
    score_r, terms_r = score_terms([1, 2], IND, PATENTS, ASSIGN, targets=["robotics"])
    assert terms_r["market"]["value"] == 0.25 and score_r == pytest.approx(0.6562, abs=1e-4)
    # Weights are re-normalised: growth only.
    only_growth, _ = score_terms(
        [1, 2],
        IND,
        PATENTS,
        ASSIGN,
        weights={"growth": 1, "market": 0, "absence": 0, "relatedness": 0},
    )
    assert only_growth == pytest.approx(0.875)


def test_opportunities_are_weak_growing_topics() -> None:
    opps = rank_opportunities(IND, PATENTS, ASSIGN, min_size=1)
    # Candidates: not strong and growing -> topics 1 and 2.
    # T2: growth 1.0, market 0.5 (p3 of p3, p4), absence 1, relatedness 0.9 -> 0.85
    # T1: growth 0.75, market 0.5, absence 0.5, relatedness 0.6 -> 0.5875
    assert [(o["topic"], o["score"]) for o in opps] == [(2, 0.85), (1, 0.5875)]


def test_bad_weights() -> None:
    with pytest.raises(ConfigError, match="'weights' parameter"):
        score_terms([1], IND, PATENTS, ASSIGN, weights={"growth": 1})


def test_market_falls_back_to_target_codes() -> None:
    # No industry tags: p1 (B25J) and p3 (C22C) carry target codes, p2 (G06F) and p4 (H04L) not.
    pats = PATENTS.assign(industries=[()] * 4, codes=[("B25J9/16",), ("G06F3/01",), ("C22C38/00",), ("H04L9/00",)])
    _, terms = score_terms([1, 2], IND, pats, ASSIGN)
    assert terms["market"]["value"] == 0.5
    assert terms["market"]["inputs"] == {
        "patents": 4,
        "with_target_code": 2,
        "basis": "IPC/CPC prefixes (no industry tags)",
    }
