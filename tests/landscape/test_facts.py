"""Topic facts: growth by hand, tops, shares."""

from __future__ import annotations

import pandas as pd
import pytest

from ipnav.landscape.corpus import build_corpus
from ipnav.landscape.facts import default_ref_year, growth_rate, topic_facts


def test_growth_by_hand():
    # ref 2022: recent window 2018-2022 holds 2018, 2019, 2020, 2020, 2022 -> 5 (2023 is after ref)
    # earlier window 2013-2017 holds 2013, 2017 -> 2 (2012 is before it)
    years = [2012, 2013, 2017, 2018, 2019, 2020, 2020, 2022, 2023, None]
    g = growth_rate(years, ref_year=2022)
    assert (g["recent"], g["earlier"]) == (5, 2)
    assert g["growth"] == pytest.approx((5 / 2) ** (1 / 5) - 1, abs=1e-4)  # 0.2011
    assert g["growth"] == 0.2011
    assert not g["emerging"]


def test_growth_of_a_topic_new_in_the_recent_window_is_undefined_and_emerging():
    g = growth_rate([2021, 2022], ref_year=2022)
    assert g == {"recent": 2, "earlier": 0, "growth": None, "emerging": True}


def test_default_ref_year_allows_for_publication_lag():
    assert default_ref_year([2001, None, 2024, pd.NA]) == 2022
    assert default_ref_year([None]) is None


def test_topic_facts_on_a_fixture(records):
    corpus = build_corpus(records)  # 3 topics x 20, years 2010..2019 twice each
    facts = topic_facts(corpus, [list(range(20)), list(range(20, 60))], ref_year=2019)
    f = facts[0]
    assert f["size"] == 20 and f["share"] == pytest.approx(1 / 3, abs=1e-4)
    assert f["years"] == {str(y): 2 for y in range(2010, 2020)}
    assert (f["recent"], f["earlier"], f["growth"]) == (10, 10, 0.0)
    assert f["relative_growth"] == 0.0
    assert f["top_applicants"] == [["GRIPPER CORP", 20]]
    assert f["top_inventors"] == [["Inventor gripper 0", 10], ["Inventor gripper 1", 10]]
    assert f["top_codes"] == [["B25J", 20]]
    assert f["industry_share"] == {"robotics": 1.0}
    # i % 3 == 0 -> CN: i in 0,3,...,18 -> 7 of 20
    assert f["jurisdictions"] == {"US": 0.65, "CN": 0.35}
    assert facts[1]["size"] == 40 and facts[1]["industry_share"] == {}
