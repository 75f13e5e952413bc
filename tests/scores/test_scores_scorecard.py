"""Every organisation indicator on the hand-worked fixture: A owns P1, P2, P4; B owns P2, P3; C owns P5."""

from __future__ import annotations

import math

import pytest
from scores_fixtures import FOCUS

from ipnav.scores.definitions import ORG_INDICATORS
from ipnav.scores.scorecard import Focus, memberships, org_facts, org_scorecards

NAN = float("nan")
RL = {"P1": 3653 / 365.25, "P2": 4018 / 365.25, "P4": 4900 / 365.25}

EXPECTED = {
    # indicator: (A, B, C)
    "portfolio_size": (3, 2, 1),
    # growth to 2018: A filed 2010, 2011, 2013 -> 0 recent, 3 previous; B 2011, 2012; C 2018
    "growth": ((1 / 4) ** 0.2 - 1, (1 / 3) ** 0.2 - 1, 2**0.2 - 1),
    "top_decile_share": (0.0, 0.0, NAN),
    "citation_impact": (2 / 3, 1.0, NAN),
    "generality": ((2 / 3 + 0.5) / 2, 0.25, NAN),
    "originality": ((0.5 + 0.625) / 2, (0.5 + 0.375) / 2, 0.0),
    "radicalness": (0.75, 0.75, 0.0),
    "backward_citations": (1.0, 1.5, 1.0),
    "scope": (4 / 3, 1.0, 1.0),
    "claims": (7.5, 5.0, NAN),
    "family_size": (3.0, NAN, NAN),
    "international_share": (2 / 3, 0.5, 1.0),  # P1 (family in US+CN), P4 (WO); P3 (family); P5 (EP)
    "office_count": (2, 2, 1),
    "granted_share": (1 / 3, 0.5, 0.0),
    "active_share": (0.5, 0.0, 0.0),  # A: P1 active, P2 pending, P4 unknown (left out)
    "remaining_life": (sum(RL.values()) / 3, RL["P2"], 6575 / 365.25),  # B's lapsed P3 left out
    "grant_lag": (730 / 365.25, 366 / 365.25, NAN),
    "focus_fit": (2 / 3, 1.0, 1.0),  # P4 (C08L) is outside robots/control
    "industry_concentration": (1.0, 0.5, 1.0),  # A: robots, robots; B: robots, control
    "breadth": (3, 2, 1),
    "topics_led": (2, 1, 0),  # topic 0: A 2, B 1, C 1; topic 1: A 1, B 1 (tie: both lead)
    "growing_topic_share": (2 / 3, 0.5, 1.0),  # topic 0 grows faster than the median topic
    "main_path_share": (1 / 3, 0.5, 0.0),
    "co_applicants": (1, 1, 0),
    "inventor_base": (3, 2, NAN),  # X, Y, Z on P1/P2
}


@pytest.fixture()
def cards(table):
    return org_scorecards(table, focus=FOCUS)


def test_every_indicator_is_checked():
    assert set(EXPECTED) == set(ORG_INDICATORS)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_org_indicator(cards, key):
    for org, want in zip("ABC", EXPECTED[key], strict=True):
        got = cards.loc[org, key]
        if isinstance(want, float) and math.isnan(want):
            assert math.isnan(got), (key, org, got)
        else:
            assert got == pytest.approx(want, abs=1e-6), (key, org)


@pytest.mark.parametrize(
    ("key", "want"),
    [
        ("cov_claims", (2 / 3, 0.5, 0.0)),
        ("cov_active_share", (2 / 3, 1.0, 1.0)),
        ("cov_inventor_base", (2 / 3, 0.5, 0.0)),
        ("cov_family_size", (1 / 3, 0.0, 0.0)),
        ("cov_portfolio_size", (1.0, 1.0, 1.0)),
    ],
)
def test_coverage(cards, key, want):
    assert cards[key].tolist() == pytest.approx(list(want))


def test_no_focus_and_no_topics_mean_missing(records):
    from ipnav.scores.indicators import patent_indicators

    cards = org_scorecards(patent_indicators(records), focus=None)
    assert cards["focus_fit"].isna().all() and (cards["cov_focus_fit"] == 0).all()
    assert cards["topics_led"].isna().all() and (cards["cov_topics_led"] == 0).all()
    assert cards["main_path_share"].isna().all()


def test_subset_of_orgs_keeps_whole_data_leadership(table):
    cards = org_scorecards(table, orgs=["B"], focus=FOCUS)
    assert list(cards.index) == ["B"] and cards.loc["B", "topics_led"] == 1


def test_memberships_and_facts(table):
    assert len(memberships(table)) == 6
    facts = org_facts(table, "A")
    assert facts["patents"] == 3 and facts["per_year"] == {2010: 1, 2011: 1, 2013: 1}
    assert facts["partners"] == [("B", 1)] and facts["status_mix"] == {
        "active": 1,
        "pending": 1,
        "unknown": 1,
    }


def test_focus_matches_industry_tags():
    f = Focus("x", {"robotics": ("robotics",), "cnc": ("G05B19",)})
    assert f.branches_of(("B25J9/16",), ("robotics",)) == ["robotics"]
    assert f.branches_of(("G05B19/418",), ()) == ["cnc"]
