"""Every patent-level indicator on the hand-worked fixture (see conftest.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ipnav.records import PatentRecord
from ipnav.scores.indicators import patent_indicators

NAN = float("nan")


def _col(table, key):
    return [table.loc[p, key] for p in ["P1", "P2", "P3", "P4", "P5"]]


def _eq(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        if isinstance(w, float) and math.isnan(w):
            assert g is None or (isinstance(g, float) and math.isnan(g)), (got, want)
        else:
            assert g == pytest.approx(w, abs=1e-6), (got, want)


@pytest.mark.parametrize(
    ("key", "want"),
    [
        # P1 is cited by P2 (2012-06), P3 (2013-01), P4 (2014-01) within 5 years of 2012-01-01; P2 by P3
        # (P5 in 2019 is outside its window to 2017-06-01); P3 by P4; P4 by nobody; P5's window ends
        # after the data's end (2019-01-01), so it is missing, not 0.
        ("forward_citations_5y", [3.0, 1.0, 1.0, 0.0, NAN]),
        # every cohort widens to 'year' (min 5) and holds one patent: value / mean = 1, 0 / 0 -> 0
        ("forward_citations_rel", [1.0, 1.0, 1.0, 0.0, NAN]),
        ("backward_citations", [0.0, 1.0, 2.0, 2.0, 1.0]),
        ("family_size", [3.0, NAN, NAN, NAN, NAN]),
        ("family_offices", [2.0, NAN, 2.0, NAN, NAN]),  # family F1 has US and CN members
        (
            "pct",
            [1.0, NAN, 1.0, 1.0, 1.0],
        ),  # F1 in 2 offices; WO; EP; a US doc without family data is missing
        ("claims", [10.0, 5.0, NAN, NAN, NAN]),
        ("scope", [2.0, 1.0, 1.0, 1.0, 1.0]),
        # citing subclasses: P1 <- B25J, G05B, C08L: 1 - 3/9; P2 <- G05B, B25J: 1 - 2/4; P3 <- C08L only
        ("generality", [2 / 3, 0.5, 0.0, NAN, NAN]),
        # cited subclasses: P2 -> P1 (B25J .5, G06N .5); P3 -> P1 + P2 (B25J 1.5, G06N .5);
        # P4 -> P1 + P3 (B25J .5, G06N .5, G05B 1); P5 -> P2 (B25J)
        ("originality", [NAN, 0.5, 1 - (0.75**2 + 0.25**2), 1 - (0.25**2 * 2 + 0.5**2), 0.0]),
        # share of cited subclasses outside its own: P2 (B25J) vs {B25J, G06N}: 1/2; P3, P4 all outside; P5 none
        ("radicalness", [NAN, 0.5, 1.0, 1.0, 0.0]),
        # B2 and CN B are grants: 2010-01-01 -> 2012-01-01 = 730 d; 2012-01-01 -> 2013-01-01 = 366 d
        ("grant_lag", [730 / 365.25, NAN, 366 / 365.25, NAN, NAN]),
        # 20-year term from the application date, counted at 2020-01-01; P3 lapsed -> 0
        ("remaining_life", [3653 / 365.25, 4018 / 365.25, 0.0, 4900 / 365.25, 6575 / 365.25]),
        ("legal_status", [1.0, 0.5, 0.0, NAN, 0.5]),
        # topic 0 (P1 2010, P2 2011, P5 2018): recent 2014-18 = 1, previous 2009-13 = 2 -> (2/3)^(1/5) - 1
        # topic 1 (P3 2012, P4 2013): (1/3)^(1/5) - 1
        (
            "topic_growth",
            [
                (2 / 3) ** 0.2 - 1,
                (2 / 3) ** 0.2 - 1,
                (1 / 3) ** 0.2 - 1,
                (1 / 3) ** 0.2 - 1,
                (2 / 3) ** 0.2 - 1,
            ],
        ),
        # topic 0 centre (1, 1): distances sqrt2, sqrt2, 2 -> 1 - d / 2; topic 1 centre (10, 12): both at 2 -> 0
        ("topic_centrality", [1 - 2**0.5 / 2, 1 - 2**0.5 / 2, 0.0, 0.0, 0.0]),
        ("on_main_path", [1.0, 0.0, 1.0, 0.0, 0.0]),
        # OECD index: components / cohort max (single-patent 'year' cohorts): P1 fwd 1, family 1, claims 1,
        # generality 1, backward 0 (max 0), grant lag 1 - 1 = 0 -> 4/6; P2 fwd, claims, generality,
        # backward all 1; P3 fwd 1, generality 0, backward 1, lag 0; P4 fwd 0, backward 1; P5 one component
        ("quality_index", [4 / 6, 1.0, 0.5, 0.5, NAN]),
        ("top_decile", [0.0, 0.0, 0.0, 0.0, NAN]),
    ],
)
def test_indicator_values(table, key, want):
    _eq(_col(table, key), want)


def test_descriptive_columns(table):
    assert table.loc["P3", "status"] == "inactive"
    assert table.loc["P1", "main_subclass"] == "B25J"
    assert table.loc["P1", "subclasses"] == ("B25J", "G06N")
    assert table.loc["P2", "orgs"] == ("A", "B")
    assert list(table["cohort_level"].dropna().unique()) == ["year"]
    assert table.attrs["data_end"] == "2019-01-01"
    assert table.attrs["growth_end_year"] == 2018


def test_missing_data_stays_missing_never_zero():
    """A Lens-like record (no citations, claims, family) gives NaN citation indicators, not 0."""
    rec = PatentRecord(id="US1", jurisdiction="US", kind="A1", legal_status="PENDING")
    df = patent_indicators([rec])
    for key in (
        "forward_citations_5y",
        "generality",
        "originality",
        "radicalness",
        "backward_citations",
        "family_size",
        "claims",
        "scope",
        "grant_lag",
        "remaining_life",
        "topic_growth",
        "on_main_path",
        "quality_index",
        "pct",
    ):
        assert np.isnan(df.loc["US1", key]), key
    assert df.attrs["citations_known"] is False


def test_source_five_year_count_is_used():
    rec = PatentRecord(id="CN1", jurisdiction="CN", extra={"5年内被引用次数": "7"})
    assert patent_indicators([rec]).loc["CN1", "forward_citations_5y"] == 7.0


def test_empty_input_is_an_error():
    with pytest.raises(ValueError, match="at least one record"):
        patent_indicators([])
