"""Topic profiles: key patents, companies to attract, inventors (citation-weighted), partners."""

from __future__ import annotations

import pandas as pd
import pytest

from ipnav.navigate.actors import citations_received, key_patents, topic_profile
from ipnav.navigate.indicators import topic_indicators


def _patents() -> pd.DataFrame:
    # Topic 0: Q1..Q4 (Q4 is the focus); topic 1: Q5. Q2 and Q3 cite Q1; Q2 has a cited-by
    # count of 5.
    rows = [
        (
            "Q1",
            2020,
            ("ACME", "UNIV X"),
            ("ACME CO LTD", "UNIV X"),
            ("company", "university"),
            ("I1", "I2"),
            (),
            None,
        ),
        ("Q2", 2021, ("ACME",), ("ACME CO LTD",), ("company",), ("I1",), ("Q1",), 5),
        (
            "Q3",
            2021,
            ("TI", "洛阳轴承研究所"),
            ("TEXAS INSTRUMENTS INC", "洛阳轴承研究所有限公司"),
            ("institute", "institute"),
            ("I3",),
            ("Q1",),
            None,
        ),
        ("Q4", 2022, ("FOCUS",), ("FOCUS CO",), ("company",), ("I9",), (), None),
        ("Q5", 2022, ("OTHER",), ("OTHER CO",), ("company",), ("I4",), (), None),
    ]
    cols = [
        "patent_id",
        "year",
        "applicants",
        "applicant_names",
        "applicant_kinds",
        "inventors",
        "cited",
        "cited_by_count",
    ]
    t = pd.DataFrame(rows, columns=cols)
    t["year"] = t["year"].astype("Int64")
    t["title"] = [f"title {p}" for p in t["patent_id"]]
    t["regions"] = [tuple(None for _ in a) for a in t["applicants"]]
    for col in ("codes", "subclasses", "industries"):
        t[col] = [() for _ in range(len(t))]
    return t


ASSIGN = pd.DataFrame(
    {
        "patent_id": ["Q1", "Q2", "Q3", "Q4", "Q5"],
        "topic": pd.array([0, 0, 0, 0, 1], dtype="Int64"),
        "probability": [0.9, 0.8, 0.7, 0.6, 0.5],
        "x": [0.0, 0.1, 0.2, 0.3, 2.0],
        "y": 0.0,
    }
)
TOPICS = pd.DataFrame(
    {
        "topic": [0, 1],
        "label_en": ["a", "b"],
        "label_zh": ["甲", "乙"],
        "terms": [["t"], ["u"]],
        "size": [4, 1],
        "cx": [0.15, 2.0],
        "cy": [0.0, 0.0],
    }
)


def test_citations_received_takes_the_larger_count() -> None:
    assert citations_received(_patents()).to_dict() == {"Q1": 2, "Q2": 5, "Q3": 0, "Q4": 0, "Q5": 0}


def test_topic_profile_by_hand() -> None:
    patents = _patents()
    ind = topic_indicators(patents, ASSIGN, TOPICS, {"Q4"}, end_year=2022, window=2, min_count=1)
    prof = topic_profile(0, patents, ASSIGN, ind, {"Q4"})
    # Inventors outside the focus: I1 = (1+2)/2 (Q1, shared with I2) + (1+5)/1 (Q2) = 7.5,
    # I2 = 1.5, I3 = (1+0)/1 = 1. I9 is the focus's own inventor.
    assert [(i["name"], i["score"], i["patents"]) for i in prof["inventors"]] == [
        ("I1", 7.5, 2),
        ("I2", 1.5, 1),
        ("I3", 1.0, 1),
    ]
    assert prof["inventors"][0]["employer"] == "ACME CO LTD"
    # Companies to attract: ACME (2 patents) and "TEXAS INSTRUMENTS INC", tagged institute (its name
    # has "INST") but a company by its legal form; the focus is never a target.
    assert [(a["name"], a["patents"]) for a in prof["attraction_targets"]] == [
        ("ACME CO LTD", 2),
        ("TEXAS INSTRUMENTS INC", 1),
    ]
    # Partners: universities and institutes, but not a company whose name contains "INST".
    assert sorted(a["name"] for a in prof["partners"]) == ["UNIV X", "洛阳轴承研究所有限公司"]
    # Key patents: the topic's own citations Q1->Q2, Q1->Q3 (two tied SPC paths).
    assert prof["key_patents"]["basis"] == "main_path"
    assert [p["patent_id"] for p in prof["key_patents"]["patents"]] == ["Q1", "Q2", "Q3"]
    assert prof["trend"] == {"2020": 1, "2021": 2, "2022": 1}


def test_key_patents_without_citations_are_the_most_typical() -> None:
    patents = _patents().assign(cited=[()] * 5)
    out = key_patents(["Q3", "Q1", "Q2"], patents, ASSIGN.set_index("patent_id")["probability"], n=2)
    assert out["basis"] == "typical" and [p["patent_id"] for p in out["patents"]] == ["Q1", "Q2"]
    assert "no citation data" in out["note"]["en"]


def test_unknown_topic() -> None:
    patents = _patents()
    ind = topic_indicators(patents, ASSIGN, TOPICS, {"Q4"}, min_count=1)
    with pytest.raises(Exception, match="unknown topic 7"):
        topic_profile(7, patents, ASSIGN, ind, {"Q4"})


def test_lists_over_route_topics_add_up() -> None:
    from ipnav.navigate.sections import _aggregate

    profiles = {
        1: {"attraction_targets": [{"key": "ACME", "name": "ACME CO", "patents": 3, "recent_patents": 1}]},
        2: {
            "attraction_targets": [
                {"key": "ACME", "name": "ACME CO", "patents": 2, "recent_patents": 2},
                {"key": "BETA", "name": "BETA INC", "patents": 4, "recent_patents": 0},
            ]
        },
    }
    rows = _aggregate(profiles, "attraction_targets")
    assert [(r["key"], r["patents"], r["recent_patents"], r["topics"]) for r in rows] == [
        ("ACME", 5, 3, [1, 2]),
        ("BETA", 4, 0, [2]),
    ]
