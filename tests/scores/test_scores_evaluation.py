"""One organisation's evaluation: score, peers, risks, JSON shape; applicant lookup; the store glue."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from scores_fixtures import FOCUS, TOPICS, fixture_records

from ipnav.codes import parse_code
from ipnav.exceptions import AnalysisError, ApplicantNotFoundError
from ipnav.records import Party, PatentRecord
from ipnav.scores.evaluation import evaluate_organization, risks, verdict
from ipnav.scores.homes import org_homes
from ipnav.scores.indicators import patent_indicators
from ipnav.scores.pipeline import data_hash, load_main_path_ids, match_applicant, run_evaluation
from ipnav.scores.scenarios import Scenario

D = dt.date
SC = Scenario("t", "测试", "test", weights={"portfolio_size": 1.0, "radicalness": 1.0, "family_size": 2.0})


def test_evaluation_by_hand(table):
    ev = evaluate_organization(table, "A", scenario=SC, focus=FOCUS, peers=["B", "C"])
    # A: portfolio percentile 250/3, radicalness 200/3 (tied with B), family size has no peer value
    assert ev.score == pytest.approx((250 / 3 + 200 / 3) / 2)
    assert ev.weight_used == pytest.approx(0.5)
    assert ev.rank == 1 and ev.group_size == 3 and ev.portfolio_size == 3
    row = {r["key"]: r for r in ev.indicators}
    assert row["family_size"]["value"] == 3.0 and row["family_size"]["peer_percentile"] is None
    assert row["family_size"]["available"] is False and row["family_size"]["coverage"] == pytest.approx(1 / 3)
    assert row["portfolio_size"]["contribution"] == pytest.approx(250 / 3 / 2)
    # confidence: support = (1 x coverage 1 + 1 x radicalness coverage 2/3 + 2 x 0 (unavailable)) / 4;
    # size factor 3/13; peer factor 2/10
    assert ev.confidence == pytest.approx(5 / 12 * (3 / 13) ** 0.5 * 0.2**0.5)
    assert ev.confidence_level == "low"
    assert ev.strengths == ["portfolio_size"] and ev.weaknesses == []
    out = json.loads(json.dumps(ev.to_dict()))
    assert {"applicant", "scenario", "score", "confidence", "portfolio_size", "indicators"} <= set(out)
    assert {"value", "peer_percentile", "weight", "coverage"} <= set(out["indicators"][0])


def test_auto_peers_and_errors(table):
    ev = evaluate_organization(table, "B", scenario=SC, peer_min_patents=1)
    assert [p["key"] for p in ev.peers] == [
        "A",
        "C",
    ]  # A shares B25J and G05B-free profile more than C
    with pytest.raises(AnalysisError, match="has no patents"):
        evaluate_organization(table, "NOBODY", scenario=SC)
    with pytest.raises(AnalysisError, match="no peer organisation"):
        evaluate_organization(table, "B", scenario=SC, peer_min_patents=50)


def _risk_table():
    def rec(pid, org, country, codes, app, status, kind="B2", **kw):
        return PatentRecord(
            id=pid,
            jurisdiction=pid[:2],
            kind=kind,
            application_date=app,
            publication_date=app,
            ipc=tuple(parse_code(c) for c in codes),
            legal_status=status,
            applicants=(Party(name=org, normalized=org, country=country),),
            **kw,
        )

    recs = [
        rec("CN1", "HOME", "CN", ["B25J9/16"], D(2001, 6, 1), "有效"),  # 20 y ends 2021-06: 1.4 y left
        rec("CN2", "HOME", "CN", ["B25J9/16"], D(2015, 1, 1), "有效", extra={"诉讼案件数": "2"}),
        rec("CN3", "HOME", "CN", ["B25J9/16"], D(2016, 1, 1), "全部无效"),
        rec("US1", "FOREIGN", "US", ["B25J11/00"], D(2012, 1, 1), "ACTIVE"),  # foreign, same field, in force
        rec("US2", "FOREIGN", "US", ["B25J11/00"], D(2012, 1, 1), "EXPIRED"),  # lapsed: not blocking
        rec("US3", "FOREIGN", "US", ["C08L63/00"], D(2012, 1, 1), "ACTIVE"),  # other field
        rec("CN4", "LOCAL", "CN", ["B25J9/16"], D(2012, 1, 1), "有效"),  # domestic
    ]
    return patent_indicators(recs, as_of=D(2020, 1, 1))


def test_risks():
    p = _risk_table()
    r = risks(p, "HOME", homes=org_homes(p))
    assert [x["id"] for x in r["expiring"]] == ["CN1"] and r["expiring"][0]["remaining_life"] == round(517 / 365.25, 2)
    assert [x["id"] for x in r["blocking"]] == ["US1"] and r["blocking"][0]["holder"] == "FOREIGN"
    assert r["blocking_basis"] == {"basis": "subclasses", "fields": ["B25J"], "home": "CN"}
    assert sorted(x["id"] for x in r["disputes"]) == ["CN2", "CN3"]
    assert r["lapsed_share"] == pytest.approx(1 / 3)


def test_blocking_uses_topics_when_there_are_some():
    p = _risk_table()
    p.loc[["CN1", "CN2", "CN3"], "topic"] = 7
    p.loc["US3", "topic"] = 7
    r = risks(p, "HOME", homes=org_homes(p))
    assert r["blocking_basis"]["basis"] == "topics" and [x["id"] for x in r["blocking"]] == ["US3"]


@pytest.mark.parametrize(
    ("score", "lang", "want"),
    [
        (80, "zh", "优势明显"),
        (65, "en", "Favourable"),
        (45, "en", "Average"),
        (10, "en", "Weak"),
        (None, "en", "Not enough"),
    ],
)
def test_verdict(score, lang, want):
    assert want in verdict(score, "low", lang)


ORGS = [
    {"key": "INTEL", "name": "INTEL CORP", "patents": 9},
    {"key": "UBTECH ROBOTICS", "name": "UBTECH ROBOTICS CORP LTD", "patents": 5},
    {"key": "UBTECH NORTH AMERICA", "name": "UBTECH NORTH AMERICA CORP", "patents": 2},
    {"key": "洛阳轴承", "name": "洛阳轴承有限公司", "patents": 3},
]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("Intel Corporation", "INTEL"),
        ("INTEL", "INTEL"),
        ("intel corp", "INTEL"),
        ("UBTECH Robotics Corp., Ltd.", "UBTECH ROBOTICS"),
        ("洛阳轴承有限公司", "洛阳轴承"),
    ],
)
def test_match_applicant(query, key):
    assert match_applicant(query, ORGS) == key


def test_match_applicant_through_alias():
    orgs = [*ORGS, {"key": "IBM", "name": "IBM", "patents": 1}]
    assert match_applicant("Intl Business", orgs, aliases={"INTL BUSINESS": "IBM"}) == "IBM"


def test_match_applicant_errors():
    with pytest.raises(
        ApplicantNotFoundError,
        match="several organisations: UBTECH ROBOTICS \\(5\\), UBTECH NORTH AMERICA \\(2\\)",
    ):
        match_applicant("ubtech", ORGS)
    with pytest.raises(ApplicantNotFoundError, match="closest: INTEL"):
        match_applicant("Intell", ORGS)
    with pytest.raises(ApplicantNotFoundError, match="empty"):
        match_applicant("  ", ORGS)


def test_main_path_file(tmp_path):
    (tmp_path / "m.txt").write_text("# main path\nUS1\nUS2\n", encoding="utf-8")
    (tmp_path / "m.json").write_text(json.dumps({"nodes": ["US3", {"id": "US4"}]}), encoding="utf-8")
    assert load_main_path_ids(tmp_path / "m.txt") == {"US1", "US2"}
    assert load_main_path_ids(tmp_path / "m.json") == {"US3", "US4"}


def _store_records():
    out = []
    for r in fixture_records():
        out.append(
            PatentRecord(
                **{
                    **{f: getattr(r, f) for f in r.__dataclass_fields__},
                    "id": f"US{r.id[1:]}",
                    "jurisdiction": "US" if r.jurisdiction != "CN" else "CN",
                    "cited": tuple(f"US{c[1:]}" for c in r.cited),
                }
            )
        )
    return out


def test_run_evaluation_in_store(sqlite_store):
    sqlite_store.upsert_patents(_store_records())
    run = run_evaluation(sqlite_store, "a", scenario="investment", peers=["B", "C"], as_of=D(2020, 1, 1))
    assert run.evaluation.applicant == "A" and run.evaluation.group_size == 3
    assert run.patents.loc["US1", "forward_citations_5y"] == 3.0
    again = run_evaluation(sqlite_store, "A", scenario="investment", peers=["B", "C"], as_of=D(2020, 1, 1))
    assert again.appendix["content_hash"] == run.appendix["content_hash"]
    assert run.appendix["data_hash"] == data_hash(
        list(sqlite_store.iter_patents()), list(sqlite_store.iter_citations())
    )
    assert "--as-of 2020-01-01" in run.appendix["command"] and run.appendix["topics"] == "none"
    other = run_evaluation(sqlite_store, "A", scenario="financing", peers=["B", "C"], as_of=D(2020, 1, 1))
    assert other.appendix["content_hash"] != run.appendix["content_hash"]


def test_run_evaluation_reads_topics_and_main_paths(sqlite_store):
    sqlite_store.upsert_patents(_store_records())
    sqlite_store.save_topics(
        {"seed": 1},
        [{"id": 0, "label": "arms"}, {"id": 1, "label": "control"}],
        [
            {"patent_id": f"US{p[1:]}", "topic": t, "probability": 1.0, "x": x, "y": y}
            for p, (t, x, y) in TOPICS.assignments.items()
        ],
    )
    sqlite_store.put_artifact("mainpath", {"nodes": ["US1", "US3"]})
    run = run_evaluation(sqlite_store, "A", peers=["B", "C"], as_of=D(2020, 1, 1))
    rows = {r["key"]: r for r in run.evaluation.indicators}
    assert rows["topics_led"]["value"] == 2 and rows["main_path_share"]["value"] == pytest.approx(1 / 3)
    assert run.topic_labels == {0: "arms", 1: "control"}
    assert isinstance(run.patents, pd.DataFrame)
