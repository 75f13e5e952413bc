"""Percentiles, weighted score, confidence and sensitivity, with hand-computed values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scores_fixtures import FOCUS

from ipnav.scores.composite import (
    confidence,
    confidence_level,
    peer_percentiles,
    rank_scores,
    sensitivity,
    weighted_scores,
)
from ipnav.scores.scorecard import org_scorecards


def test_percentiles_mid_rank_and_direction(table):
    cards = org_scorecards(table, focus=FOCUS)
    pct = peer_percentiles(cards, ["A", "B", "C"])
    # portfolio 3, 2, 1: C has 0 below -> 100 * 0.5 / 3
    assert pct["portfolio_size"].tolist() == pytest.approx([250 / 3, 50.0, 50 / 3])
    # grant lag is lower-is-better: B (1.0 y) beats A (2.0 y); C has none
    assert pct.loc["B", "grant_lag"] == 75.0 and pct.loc["A", "grant_lag"] == 25.0
    assert np.isnan(pct.loc["C", "grant_lag"])
    # ties share the mid rank: radicalness A = B = 0.75 > C = 0
    assert pct["radicalness"].tolist() == pytest.approx([200 / 3, 200 / 3, 50 / 3])
    # family size: only A has one -> fewer than two values -> no percentile at all
    assert pct["family_size"].isna().all()


def test_weighted_score_renormalises_over_available():
    p = pd.DataFrame({"a": [80.0, 20.0], "b": [np.nan, 60.0]}, index=["X", "Y"])
    out = weighted_scores(p, {"a": 1.0, "b": 3.0, "c": 0.0})
    assert out.loc["X", "score"] == 80.0 and out.loc["X", "weight_used"] == 0.25
    assert out.loc["Y", "score"] == pytest.approx((20 + 180) / 4) and out.loc["Y", "weight_used"] == 1.0


def test_rank_ties_and_missing():
    assert rank_scores(pd.Series({"A": 50.0, "B": np.nan, "C": 90.0, "D": 50.0})).tolist() == [
        2,
        4,
        1,
        2,
    ]


def test_confidence_parts():
    c = confidence({"a": 0.5, "b": 1.0}, {"a": True, "b": False}, {"a": 3.0, "b": 1.0}, n_patents=10, n_peers=5)
    assert c["support"] == pytest.approx(3 * 0.5 / 4)
    assert c["size_factor"] == 0.5 and c["peer_factor"] == 0.5
    assert c["confidence"] == pytest.approx(0.375 * 0.5)
    assert [confidence_level(x) for x in (0.7, 0.69, 0.4, 0.39)] == [
        "high",
        "medium",
        "medium",
        "low",
    ]


def test_sensitivity_worst_case_rank_change():
    # X: 60/40, Y: 40/62 -> base: X 50, Y 51 (Y first). Weight a +20%: X 50.9, Y 50.0 -> X first.
    p = pd.DataFrame({"a": [60.0, 40.0], "b": [40.0, 62.0]}, index=["X", "Y"])
    s = sensitivity(p, {"a": 1.0, "b": 1.0}, "X")
    assert s.loc["a"].to_dict() == {
        "weight": 1.0,
        "rank": 2,
        "rank_minus": 2,
        "rank_plus": 1,
        "target_change": 1,
        "max_change": 1,
    }
    assert s.loc["b", "rank_minus"] == 1 and s.loc["b", "rank_plus"] == 2


@pytest.mark.parametrize("delta", [0.0, 1.0, -0.2])
def test_sensitivity_rejects_bad_delta(delta):
    with pytest.raises(ValueError, match="'delta' parameter"):
        sensitivity(pd.DataFrame({"a": [1.0, 2.0]}, index=["X", "Y"]), {"a": 1.0}, "X", delta=delta)
