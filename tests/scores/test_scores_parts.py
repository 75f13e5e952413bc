"""Legal facts, citation indices, cohorts, homes, scenarios and peers on tiny hand-made inputs."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from ipnav.exceptions import ConfigError
from ipnav.records import PatentRecord
from ipnav.scores import citations as cit
from ipnav.scores import legal
from ipnav.scores.cohort import cohort_normalize
from ipnav.scores.homes import country_from_name, org_homes
from ipnav.scores.peers import select_peers
from ipnav.scores.scenarios import SCENARIO_KEYS, load_scenarios

D = dt.date


@pytest.mark.parametrize(
    ("status", "want"),
    [
        ("ACTIVE", "active"),
        ("PATENTED", "active"),
        ("PENDING", "pending"),
        ("EXPIRED", "inactive"),
        ("DISCONTINUED", "inactive"),
        ("INACTIVE", "inactive"),
        ("授权", "active"),
        ("授权 | 权利转移", "active"),
        ("授权 | 未缴年费", "inactive"),
        ("实质审查", "pending"),
        ("撤回-视为撤回", "inactive"),
        ("驳回", "inactive"),
        ("部分无效", "active"),
        ("全部无效", "inactive"),
        ("UNKNOWN", None),
        ("-", None),
        (None, None),
        ("", None),
    ],
)
def test_status_class(status, want):
    assert legal.status_class(status) == want


def test_grant_and_terms():
    utility = PatentRecord(
        id="CN2",
        jurisdiction="CN",
        kind="U",
        application_date=D(2015, 3, 1),
        publication_date=D(2015, 9, 1),
        legal_status="有效",
    )
    assert legal.is_granted(utility) is True and legal.grant_lag_years(utility) is None
    assert legal.statutory_term_years(utility) == 10
    assert legal.remaining_life_years(utility, as_of=D(2020, 3, 1)) == pytest.approx(
        1826 / 365.25
    )  # 2020-03-01 .. 2025-03-01 spans 29 Feb 2024
    design = PatentRecord(id="CN3", jurisdiction="CN", kind="S", application_date=D(2022, 1, 1))
    assert legal.statutory_term_years(design) == 15
    assert legal.is_granted(PatentRecord(id="X", extra={"document_type": "Patent Application"})) is False
    assert legal.is_granted(PatentRecord(id="X", extra={"patent_type": "授权发明"})) is True
    assert legal.is_granted(PatentRecord(id="X")) is None
    with_date = PatentRecord(id="X", grant_date=D(2020, 1, 1), application_date=D(2019, 1, 1))
    assert legal.grant_lag_years(with_date) == pytest.approx(365 / 365.25)


def test_disputes():
    assert legal.dispute_flags(PatentRecord(id="X", extra={"litigation_count": 3})) == {
        "litigation": 3,
        "invalidation": False,
    }
    assert legal.dispute_flags(PatentRecord(id="X", legal_status="REVOKED")) == {
        "litigation": None,
        "invalidation": True,
    }


def test_herfindahl_and_windows():
    assert cit.herfindahl_diversity([]) is None
    assert cit.herfindahl_diversity([["A"], ["A"]]) == 0.0
    assert cit.herfindahl_diversity([["A", "B", "C", "D"]]) == pytest.approx(0.75)
    dates = {"A": D(2000, 6, 1), "B": D(2005, 6, 1), "C": D(2005, 6, 2)}
    got = cit.forward_citations(["A"], {"A": ["B", "C"]}, dates, data_end=D(2010, 1, 1))
    assert got == {"A": 1}  # the window is inclusive of its last day, C is one day late
    assert cit.forward_citations(["A"], {"A": ["B"]}, dates, data_end=D(2004, 1, 1)) == {"A": None}
    assert cit.forward_citations(["A"], {}, dates, data_end=D(2010, 1, 1), citations_known=False) == {"A": None}
    assert cit.generality(["A"], {"A": ["B"]}, {}, citations_known=False) == {"A": None}
    assert cit.radicalness(["A"], {"A": ["B"]}, {"A": ["X"], "B": []}) == {"A": None}


def test_cohort_widening_and_percentiles():
    # five B25J patents in 2015 form a cohort; the lone G06N 2015 patent widens to 'year x section'?
    # no: its section G has one member, so it widens to 'year' (all six).
    v = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    y = pd.Series([2015] * 6, dtype="Int64")
    s = pd.Series(["B25J"] * 5 + ["G06N"])
    rel, label, level = cohort_normalize(v, y, s, min_size=5)
    assert rel.tolist()[:5] == pytest.approx([1 / 3, 2 / 3, 1.0, 4 / 3, 5 / 3])
    assert rel.iloc[5] == pytest.approx(6 / 3.5) and level.iloc[5] == "year" and label.iloc[0] == "2015|B25J"
    pct, _, _ = cohort_normalize(
        pd.Series(np.arange(10.0)),
        pd.Series([2000] * 10, dtype="Int64"),
        pd.Series(["A01B"] * 10),
        method="percentile",
    )
    assert (pct >= 0.9).sum() == 1 and pct.iloc[9] == pytest.approx(0.95)
    mx, _, _ = cohort_normalize(
        pd.Series([0.0, 0.0]),
        pd.Series([2000, 2000], dtype="Int64"),
        pd.Series(["A", "A"]),
        min_size=1,
        method="max",
    )
    assert mx.tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match="'method' parameter"):
        cohort_normalize(v, y, s, method="median")


def test_homes():
    assert country_from_name("BEIJING XIAOMI ROBOT TECH") == "CN"
    assert country_from_name("SONY KK") == "JP"
    assert country_from_name("삼성전자") == "KR"
    df = pd.DataFrame(
        {
            "orgs": [("A",), ("B",), ("C",)],
            "org_names": [("A Inc",), ("B Inc",), ("C GMBH",)],
            "org_countries": [("US",), ("",), ("",)],
            "priority_countries": [(), ("JP",), ()],
            "jurisdiction": ["CN", "US", "US"],
            "filing_date": [D(2020, 1, 1)] * 3,
        },
        index=["P1", "P2", "P3"],
    )
    homes = org_homes(df)
    assert homes == {
        "A": ("US", "applicant country"),
        "B": ("JP", "priority country"),
        "C": ("DE", "name"),
    }


def test_shipped_scenarios_are_complete():
    book = load_scenarios()
    assert tuple(sorted(book.scenarios)) == tuple(sorted(SCENARIO_KEYS))
    for sc in book.scenarios.values():
        assert sc.name_zh and sc.name_en and sc.purpose_zh and sc.purpose_en
        assert sum(sc.weights.values()) == pytest.approx(1.0)
        for key in sc.weights:
            zh, en = sc.reasons[key]
            assert zh and en, (sc.key, key)
    assert book.focus.branches["industrial_robots"] == ("B25J",)
    assert book.focus_names["bearings"] == ("轴承", "Bearings")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("scenarios: {x: {weights: {nonsense: 1}}}", "unknown indicator"),
        ("scenarios: {x: {weights: {growth: -1}}}", "must be a number >= 0"),
        ("scenarios: {x: {weights: {growth: 0}}}", "sum to 0"),
        ("scenarios: {x: {}}", "non-empty 'weights'"),
        ("other: 1", "top-level 'scenarios'"),
        ("scenarios: [", "not valid YAML"),
        (
            "scenarios: {x: {weights: {growth: 1}}}\nfocus: {branches: {b: {match: B25J}}}",
            "must be a list",
        ),
    ],
)
def test_bad_scenario_files(tmp_path, text, message):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as err:
        load_scenarios(path)
    assert str(path) in str(err.value)


def test_unknown_scenario_lists_known():
    with pytest.raises(ConfigError, match="investment, financing, talent, positioning"):
        load_scenarios().get("merger")


def test_peers_by_similarity_size_and_kind():
    df = pd.DataFrame(
        {
            "orgs": [
                ("T",),
                ("T",),
                ("P",),
                ("P",),
                ("Q",),
                ("Q",),
                ("Z",),
                ("Z",),
                ("JOHN DOE",),
                ("JOHN DOE",),
            ],
            "org_kinds": [("company",)] * 8 + [("individual",)] * 2,
            "subclasses": [
                ("B25J",),
                ("G06N",),
                ("B25J",),
                ("G06N",),
                ("B25J",),
                ("C08L",),
                ("C08L",),
                ("C08L",),
                ("B25J",),
                ("G06N",),
            ],
            "topic": [pd.NA] * 10,
        },
        index=[f"P{i}" for i in range(10)],
    )
    peers, info = select_peers(df, "T", k=5, min_patents=2)
    # P has the same profile (cos 1), Q shares B25J (cos 0.5), Z shares nothing, JOHN DOE is a person
    assert peers == ["P", "Q"] and info["similarity"] == {"P": 1.0, "Q": 0.5}
    assert select_peers(df, "T", k=1, min_patents=3)[0] == []
    with pytest.raises(ValueError, match="'k' parameter"):
        select_peers(df, "T", k=0)
