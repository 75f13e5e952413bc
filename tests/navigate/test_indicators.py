"""Shares, RTA, growth and relatedness on the hand-made fixture (tests/navigate/fixtures.py).

Focus F = {P1, P2, P3} (3 patents), world W = the other 7.
Topics: T0 = P1 P2 | P4 P5, T1 = P3 | P6 P7 P8, T2 = | P9 P10   (focus | world)
  focus share: T0 2/3, T1 1/3, T2 0;  world share: T0 2/7, T1 3/7, T2 2/7
  RTA: T0 (2/3)/(2/7) = 7/3, T1 (1/3)/(3/7) = 7/9, T2 0;  strong (>= 2 focus patents): T0 only
Growth, window 2 up to 2020 (recent 2019-2020, earlier 2017-2018):
  T0: recent P1 P2 = 2, earlier P4 P5 = 2 -> growth 0
  T1: recent P3 P6 P7 = 3, earlier P8 = 1 -> growth 2
  T2: recent 0, earlier P9 P10 = 2 -> growth -1
  N_recent = 5 (P1 P2 P3 P6 P7), N_earlier = 5 -> relative growth T0 (2/5)/(2/5) = 1 -> 0,
  T1 sqrt((3/5)/(1/5)) - 1 = sqrt(3) - 1, T2 -1 (no recent patent)
Relatedness, co-occurrence in applicant portfolios (applicant: topic counts):
  A: T0 2 | B: T1 1 | C: T0 1, T1 1 | D: T0 1, T2 1 | E: T1 1 | F: T1 1 | G: T2 1
  T0 = (2,0,1,1,0,0,0), T1 = (0,1,1,0,1,1,0), T2 = (0,0,0,1,0,0,1)
  cos(T0,T1) = 1/(√6·2), cos(T0,T2) = 1/(√6·√2), cos(T1,T2) = 0
  density = Σ φ·strong / Σ φ with strong = {T0}: T0 0, T1 1, T2 1
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ipnav.exceptions import AnalysisError
from ipnav.navigate.indicators import (
    branch_indicators,
    cooccurrence_proximity,
    map_proximity,
    reference_year,
    relatedness_density,
    topic_indicators,
)
from tests.navigate import fixtures as fx


@pytest.fixture()
def ind() -> pd.DataFrame:
    return topic_indicators(
        fx.patents(),
        fx.assignments(),
        fx.topics(),
        fx.FOCUS,
        end_year=2020,
        window=2,
        proximity="cooccurrence",
    )


def test_shares_and_rta(ind: pd.DataFrame) -> None:
    assert ind["focus_n"].tolist() == [2, 1, 0] and ind["world_n"].tolist() == [2, 3, 2]
    assert ind["focus_share"].tolist() == pytest.approx([2 / 3, 1 / 3, 0])
    assert ind["world_share"].tolist() == pytest.approx([2 / 7, 3 / 7, 2 / 7])
    assert ind["rta"].tolist() == pytest.approx([7 / 3, 7 / 9, 0])
    assert ind["rsta"].tolist() == pytest.approx([(7 / 3 - 1) / (7 / 3 + 1), (7 / 9 - 1) / (7 / 9 + 1), -1])
    assert ind["strong"].tolist() == [True, False, False]
    assert ind.attrs["n_focus"] == 3 and ind.attrs["n_world"] == 7


def test_growth(ind: pd.DataFrame) -> None:
    assert ind["recent_n"].tolist() == [2, 3, 0] and ind["earlier_n"].tolist() == [2, 1, 2]
    assert ind["growth"].tolist() == pytest.approx([0.0, 2.0, -1.0])
    assert ind["relative_growth"].tolist() == pytest.approx([0.0, math.sqrt(3) - 1, -1.0])
    assert ind.attrs["end_year"] == 2020


def test_relatedness_by_cooccurrence(ind: pd.DataFrame) -> None:
    phi = cooccurrence_proximity(
        pd.Series(list(fx.APPLICANTS.values())), pd.Series([fx.TOPIC[p] for p in fx.APPLICANTS])
    )
    assert phi.loc[0, 1] == pytest.approx(1 / (math.sqrt(6) * 2))
    assert phi.loc[0, 2] == pytest.approx(1 / (math.sqrt(6) * math.sqrt(2)))
    assert phi.loc[1, 2] == 0
    assert ind["density"].tolist() == pytest.approx([0.0, 1.0, 1.0])
    assert ind.attrs["proximity"] == "cooccurrence"


def test_relatedness_by_map_proximity() -> None:
    # Centroids at x = 0, 1, 5: nearest distances 1, 1, 4 -> σ = 1.
    # φ01 = e^-0.5, φ02 = e^-12.5, φ12 = e^-8.
    ind = topic_indicators(
        fx.patents(),
        fx.assignments(),
        fx.topics(),
        fx.FOCUS,
        end_year=2020,
        window=2,
        proximity="map",
    )
    e = math.exp
    assert map_proximity(fx.topics()).loc[0, 1] == pytest.approx(e(-0.5))
    assert ind["density"].tolist() == pytest.approx([0.0, e(-0.5) / (e(-0.5) + e(-8)), e(-12.5) / (e(-12.5) + e(-8))])
    # "auto" needs 10 applicants spanning two topics; this fixture has 2 (C, D), so it uses the map.
    auto = topic_indicators(fx.patents(), fx.assignments(), fx.topics(), fx.FOCUS, end_year=2020, window=2)
    assert auto.attrs["proximity"] == "map"


def test_branch_indicators() -> None:
    # Subclasses: B25J = P1 P2 | P4 P9, G05B = P1 P3 | P5 P6, B23Q = | P7 P8 P10.
    # RTA B25J = G05B = (2/3)/(2/7) = 7/3; co-classification: only P1 joins B25J and G05B:
    # cos = 1/(2·2) = 0.25, so each is related to the other strength (density 1);
    # B23Q has no link (0).
    b = branch_indicators(fx.patents(), fx.FOCUS, end_year=2020, window=2)
    assert b.loc["B25J", "rta"] == pytest.approx(7 / 3) and b.loc["G05B", "rta"] == pytest.approx(7 / 3)
    assert b.loc["B23Q", "rta"] == 0 and b.loc["B23Q", "world_n"] == 3
    assert b["strong"].to_dict() == {"B25J": True, "G05B": True, "B23Q": False}
    assert b["density"].to_dict() == pytest.approx({"B25J": 1.0, "G05B": 1.0, "B23Q": 0.0})
    assert b.loc["B25J", "growth"] == 0  # recent P1 P2, earlier P4 P9


def test_reference_year_skips_a_stub_year() -> None:
    assert reference_year([2021] * 40 + [2022] * 50 + [2023] * 9) == 2022
    assert reference_year([]) is None


def test_relatedness_density_of_isolated_items() -> None:
    phi = pd.DataFrame(np.zeros((2, 2)), index=["a", "b"], columns=["a", "b"])
    assert relatedness_density(phi, pd.Series([True, False], index=["a", "b"])).tolist() == [
        0.0,
        0.0,
    ]


def test_focus_outside_every_topic_is_an_error() -> None:
    with pytest.raises(AnalysisError, match="none of the focus patents"):
        topic_indicators(fx.patents(), fx.assignments(), fx.topics(), {"P99"})
