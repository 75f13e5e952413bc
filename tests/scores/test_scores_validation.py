"""Temporal validation: the cut, the outcome and Spearman's rho on a case worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from ipnav.codes import parse_code
from ipnav.exceptions import AnalysisError
from ipnav.records import Party, PatentRecord
from ipnav.scores.scenarios import load_scenarios
from ipnav.scores.validation import cut_data, temporal_validation

D = dt.date
CODES = ["B25J9/16", "G06N3/08", "G05B19/418", "C08L63/00"]


def _records():
    # Q1..Q4 filed in 2000 with scope 1..4; later patents (2005) cite Q4 three times, Q3 twice, Q2 once.
    qs = [
        PatentRecord(
            id=f"Q{i}",
            jurisdiction="US",
            application_date=D(2000, 1, 1),
            publication_date=D(2001, 1, 1),
            ipc=tuple(parse_code(c) for c in CODES[:i]),
            applicants=(Party(name="ORG", normalized="ORG"),),
        )
        for i in range(1, 5)
    ]
    cites = {"L1": ("Q4", "Q3", "Q2"), "L2": ("Q4", "Q3"), "L3": ("Q4",)}
    ls = [
        PatentRecord(
            id=k,
            jurisdiction="US",
            application_date=D(2004, 1, 1),
            publication_date=D(2005, 1, 1),
            cited=v,
        )
        for k, v in cites.items()
    ]
    return qs + ls


def test_cut_data():
    recs = _records()
    visible, early, later = cut_data(recs, [(r.id, c) for r in recs for c in r.cited], 2002)
    assert [r.id for r in visible] == ["Q1", "Q2", "Q3", "Q4"] and early == []
    assert dict(later) == {"Q4": 3, "Q3": 2, "Q2": 1}


def test_rho_by_hand():
    recs = _records()
    out = temporal_validation(
        recs,
        [(r.id, c) for r in recs for c in r.cited],
        cut_year=2002,
        scenario=load_scenarios().get("investment"),
    )
    # the only ex-ante value is scope (1..4), ordered like the later citations (0, 1, 2, 3): rho = 1
    assert out["patent_level"]["score"] == {"rho": 1.0, "p": pytest.approx(0.0, abs=1e-9), "n": 4}
    assert out["patent_level"]["baseline_cited_by_T"]["rho"] is None  # no citation before the cut
    assert out["citations_after"] == 6 and out["org_level"]["organisations"] == 0


def test_cut_errors():
    recs = _records()
    edges = [(r.id, c) for r in recs for c in r.cited]
    sc = load_scenarios().get("investment")
    with pytest.raises(AnalysisError, match="no patent is filed"):
        temporal_validation(recs, edges, cut_year=1990, scenario=sc)
    with pytest.raises(AnalysisError, match="no citation in the data is made after 2010"):
        temporal_validation(recs, edges, cut_year=2010, scenario=sc)
