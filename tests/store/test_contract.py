"""The store contract: both backends (embedded SQLite, Neo4j server) give the same answers.

Every test runs on each backend (``store`` fixture) and checks hand-computed values on a tiny
graph, so agreeing with the expectation on both means agreeing with each other. The tests marked
``neo4j`` at the end load the same larger data into both stores and compare everything the
interface can answer.

The tiny graph (``RECORDS``)::

    US1 (2015, US B2)  ACME ROBOTICS + BETA      B25J9/16, CPC B25J15/00   family F1   cites US2, EP9
    US2 (2012, US A1)  ACME ROBOTICS             G05B19/418                family F1   cites EP9
    CN3 (2020, CN A)   洛阳轴承研究所             F16C33/00                 family F2   cites US1
    CN4 (no year)      only id and office
    EP9                stub: cited, never loaded
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ipnav.applicants import normalize_name
from ipnav.codes import parse_code
from ipnav.exceptions import ConfigError, InvalidRecordError, NotFoundError, PatentNotFoundError
from ipnav.ingestion import ingest_paths
from ipnav.records import Party, PatentRecord, Provenance
from ipnav.status import store_status
from ipnav.store.base import PatentFilter, UpsertSummary
from ipnav.store.queries import industry_by_year, organization_neighborhood
from ipnav.synthetic import synthetic_records


def _party(name: str, kind: str | None = "company", country: str | None = None) -> Party:
    return Party(name=name, normalized=normalize_name(name), kind=kind, country=country)


def _inventor(name: str) -> Party:
    return Party(name=name, normalized=normalize_name(name, strip_legal_forms=False))


US1 = PatentRecord(
    id="US1",
    jurisdiction="US",
    kind="B2",
    original_id="US 1 B2",
    family_id="F1",
    title={"en": "Robot gripper"},
    abstract={"en": "A gripper with two fingers for an industrial robot."},
    ipc=(parse_code("B25J9/16"),),
    cpc=(parse_code("B25J15/00", "CPC"),),
    applicants=(_party("Acme Robotics Co Ltd", country="US"), _party("Beta Corp")),
    inventors=(_inventor("Alice Smith"), _inventor("Bob Li")),
    application_date=dt.date(2015, 3, 1),
    publication_date=dt.date(2016, 9, 1),
    legal_status="ACTIVE",
    claims_count=12,
    cited=("EP9", "US2"),
    industries=("robotics", "robotics.gripper"),
    provenance=(Provenance("lens.csv", "row 2", "lens"),),
)
US2 = PatentRecord(
    id="US2",
    jurisdiction="US",
    kind="A1",
    family_id="F1",
    title={"en": "Servo controller"},
    ipc=(parse_code("G05B19/418"),),
    applicants=(_party("ACME Robotics Inc.", country="US"),),
    inventors=(_inventor("Alice Smith"),),
    application_date=dt.date(2012, 5, 2),
    cited=("EP9",),
    industries=("robotics",),
    provenance=(Provenance("lens.csv", "row 3", "lens"),),
)
CN3 = PatentRecord(
    id="CN3",
    jurisdiction="CN",
    kind="A",
    family_id="F2",
    title={"zh": "一种工业机器人轴承", "en": "Bearing"},
    abstract={"zh": "本发明公开了一种用于工业机器人的轴承。"},
    ipc=(parse_code("F16C33/00"),),
    applicants=(_party("洛阳轴承研究所有限公司", kind="institute", country="CN"),),
    inventors=(_inventor("张三"),),
    application_date=dt.date(2020, 1, 15),
    legal_status="有效",
    cited=("US1",),
    industries=("equipment.bearings",),
    provenance=(Provenance("cnki.xls", "row 7", "cnki"),),
)
CN4 = PatentRecord(id="CN4", jurisdiction="CN")
RECORDS = [US1, US2, CN3, CN4]
ACME, BETA, LUOYANG = "ACME ROBOTICS", "BETA", "洛阳轴承研究所"


@pytest.fixture()
def loaded(store: Any) -> Any:
    assert store.upsert_patents(RECORDS) == UpsertSummary(inserted=4)
    return store


# --- counts, records, edges ------------------------------------------------------------------
def test_counts_by_label_and_type(loaded: Any) -> None:
    counts = loaded.counts()
    assert counts["nodes"] == {
        "Patent": 5,
        "Organization": 3,
        "Inventor": 3,
        "Code": 15,
        "Industry": 3,
        "Family": 2,
        "Topic": 0,
        "Region": 2,
    }
    assert counts["edges"] == {
        "ASSIGNED_TO": 4,
        "INVENTED_BY": 4,
        "CLASSIFIED_AS": 4,
        "SUBCLASS_OF": 12,
        "IN_INDUSTRY": 4,
        "IN_FAMILY": 3,
        "CITES": 4,
        "IN_TOPIC": 0,
        "LOCATED_IN": 1,
    }


def test_records_round_trip_exactly(loaded: Any) -> None:
    for record in RECORDS:
        assert loaded.get_patent(record.id) == record
    assert sorted(loaded.get_patents(["CN3", "EP9", "nope", "US1"])) == ["CN3", "US1"]
    assert [r.id for r in loaded.iter_patents(batch_size=2)] == ["CN3", "CN4", "US1", "US2"]
    stub = [r for r in loaded.iter_patents(PatentFilter(include_stubs=True)) if r.id == "EP9"]
    assert stub == [PatentRecord(id="EP9", jurisdiction="EP")]


def test_citations_in_order(loaded: Any) -> None:
    assert list(loaded.iter_citations()) == [("CN3", "US1"), ("US1", "EP9"), ("US1", "US2"), ("US2", "EP9")]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (PatentFilter(), ["CN3", "CN4", "US1", "US2"]),
        (PatentFilter(include_stubs=True), ["CN3", "CN4", "EP9", "US1", "US2"]),
        (PatentFilter(jurisdictions=("US",)), ["US1", "US2"]),
        (PatentFilter(industries=("robotics",)), ["US1", "US2"]),
        (PatentFilter(codes=("B25J",)), ["US1"]),
        (PatentFilter(codes=("G05B19", "F16C")), ["CN3", "US2"]),
        (PatentFilter(applicants=(ACME,)), ["US1", "US2"]),
        (PatentFilter(applicants=(LUOYANG,)), ["CN3"]),
        (PatentFilter(year_from=2013), ["CN3", "US1"]),
        (PatentFilter(year_to=2015), ["US1", "US2"]),
        (PatentFilter(text="GRIPPER"), ["US1"]),
        (PatentFilter(text="工业机器人"), ["CN3"]),
        (PatentFilter(ids=("US1", "EP9")), ["US1"]),
        (PatentFilter(ids=()), []),
        (PatentFilter(industries=("robotics",), year_from=2013), ["US1"]),
        (PatentFilter.parse("jurisdiction=CN;year=2020"), ["CN3"]),
        (PatentFilter(regions=("河南",)), ["CN3"]),
        (PatentFilter(regions=("河南/洛阳", "北京")), ["CN3"]),
        (PatentFilter(regions=("河南/郑州",)), []),
        (PatentFilter(regions=("河",)), []),
    ],
)
def test_filters(loaded: Any, where: PatentFilter, expected: list[str]) -> None:
    assert [r.id for r in loaded.iter_patents(where)] == expected
    assert loaded.count_patents(where) == len(expected)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("year", [("2012", 1), ("2015", 1), ("2020", 1)]),
        ("jurisdiction", [("CN", 2), ("US", 2)]),
        ("industry", [("robotics", 2), ("equipment.bearings", 1), ("robotics.gripper", 1)]),
        ("applicant", [(ACME, 2), (BETA, 1), (LUOYANG, 1)]),
        ("subclass", [("B25J", 1), ("F16C", 1), ("G05B", 1)]),
        ("legal_status", [("ACTIVE", 1), ("有效", 1)]),
        ("kind", [("A", 1), ("A1", 1), ("B2", 1)]),
    ],
)
def test_facets(loaded: Any, name: str, expected: list[tuple[str, int]]) -> None:
    assert loaded.facet(name) == expected
    assert loaded.facet(name, limit=1) == expected[:1]


def test_facet_with_filter(loaded: Any) -> None:
    assert loaded.facet("applicant", PatentFilter(year_to=2013)) == [(ACME, 1)]
    assert loaded.facet("year", PatentFilter(industries=("robotics",))) == [("2012", 1), ("2015", 1)]
    assert industry_by_year(loaded, "robotics") == [(2012, 1), (2015, 1)]


def test_organizations_named_after_most_frequent_raw_name(loaded: Any) -> None:
    assert loaded.organizations() == [
        {"key": ACME, "name": "ACME Robotics Inc.", "patents": 2},  # tie 1:1 -> alphabetical
        {"key": BETA, "name": "Beta Corp", "patents": 1},
        {"key": LUOYANG, "name": "洛阳轴承研究所有限公司", "patents": 1},
    ]
    assert loaded.organizations("beta") == [{"key": BETA, "name": "Beta Corp", "patents": 1}]
    assert [o["key"] for o in loaded.organizations("轴承")] == [LUOYANG]
    assert loaded.organizations("robotics inc") == [{"key": ACME, "name": "ACME Robotics Inc.", "patents": 2}]
    assert loaded.organizations(limit=1)[0]["key"] == ACME


def test_aliases_rekey_and_restore(loaded: Any) -> None:
    loaded.set_aliases({BETA: ACME})
    assert loaded.aliases() == {BETA: ACME}
    assert loaded.counts()["nodes"]["Organization"] == 2
    assert loaded.counts()["edges"]["ASSIGNED_TO"] == 3
    assert loaded.facet("applicant") == [(ACME, 2), (LUOYANG, 1)]
    assert loaded.organizations()[0] == {"key": ACME, "name": "ACME Robotics Inc.", "patents": 2}
    assert [p.normalized for p in loaded.get_patent("US1").applicants] == [ACME, ACME]
    assert loaded.count_patents(PatentFilter(applicants=(BETA,))) == 0
    assert loaded.co_applicants() == []
    raw = next(r for r in loaded.iter_patents(resolve_aliases=False) if r.id == "US1")
    assert [p.normalized for p in raw.applicants] == [ACME, BETA]
    # A record loaded after the alias table lands on the canonical organisation.
    loaded.upsert_patents([PatentRecord(id="US5", jurisdiction="US", applicants=(_party("Beta Corp"),))])
    assert loaded.facet("applicant") == [(ACME, 3), (LUOYANG, 1)]
    loaded.set_aliases({})
    assert loaded.facet("applicant") == [(ACME, 2), (BETA, 2), (LUOYANG, 1)]
    assert loaded.counts()["nodes"]["Organization"] == 3
    assert loaded.co_applicants() == [(ACME, BETA, 1)]


def test_neighbors_of_a_patent(loaded: Any) -> None:
    sub = loaded.neighbors("Patent", "US1")
    names = {n["id"]: n["name"] for n in sub.nodes}
    assert names == {
        "Patent:US1": "Robot gripper",
        f"Organization:{ACME}": ACME,
        f"Organization:{BETA}": BETA,
        "Inventor:ALICE SMITH": "ALICE SMITH",
        "Inventor:BOB LI": "BOB LI",
        "Code:B25J9/16": "B25J9/16",
        "Code:B25J15/00": "B25J15/00",
        "Industry:robotics": "robotics",
        "Industry:robotics.gripper": "robotics.gripper",
        "Family:F1": "F1",
        "Patent:US2": "Servo controller",
        "Patent:EP9": "EP9",
        "Patent:CN3": "Bearing",
    }
    edges = {(e["source"], e["target"], e["type"]) for e in sub.edges}
    assert ("Patent:CN3", "Patent:US1", "CITES") in edges
    assert ("Patent:US1", "Patent:EP9", "CITES") in edges
    assert len(sub.edges) == 12
    assert len(loaded.neighbors("Patent", "US1", limit=3).nodes) == 4


def test_neighbors_of_other_nodes(loaded: Any) -> None:
    org = loaded.neighbors("Organization", ACME)
    assert [n["id"] for n in org.nodes] == [f"Organization:{ACME}", "Patent:US1", "Patent:US2"]
    assert {(e["source"], e["type"]) for e in org.edges} == {
        ("Patent:US1", "ASSIGNED_TO"),
        ("Patent:US2", "ASSIGNED_TO"),
    }
    assert [n["key"] for n in loaded.neighbors("Code", "F16C33/00").nodes] == ["F16C33/00", "CN3"]
    assert [n["key"] for n in loaded.neighbors("Family", "F1").nodes] == ["F1", "US1", "US2"]
    assert [n["key"] for n in loaded.neighbors("Patent", "EP9").nodes] == ["EP9", "US1", "US2"]
    hood = organization_neighborhood(loaded, BETA)
    assert sorted(n["id"] for n in hood.nodes) == [f"Organization:{ACME}", f"Organization:{BETA}", "Patent:US1"]


def test_co_applicant_network(loaded: Any) -> None:
    loaded.upsert_patents(
        [
            PatentRecord(
                id="US6",
                jurisdiction="US",
                application_date=dt.date(2018, 1, 1),
                applicants=(_party("Beta Corp"), _party("Acme Robotics Co Ltd"), _party("洛阳轴承研究所")),
            ),
        ]
    )
    assert loaded.co_applicants() == [(ACME, BETA, 2), (ACME, LUOYANG, 1), (BETA, LUOYANG, 1)]
    assert loaded.co_applicants(min_patents=2) == [(ACME, BETA, 2)]
    assert loaded.co_applicants(PatentFilter(year_from=2017)) == [
        (ACME, BETA, 1),
        (ACME, LUOYANG, 1),
        (BETA, LUOYANG, 1),
    ]
    assert loaded.co_applicants(limit=1) == [(ACME, BETA, 2)]


def test_citation_paths(store: Any) -> None:
    # A cites B and C; B and C cite D; D cites E. Two shortest paths A -> D.
    edges = {"A": ("B", "C"), "B": ("D",), "C": ("D",), "D": ("E",)}
    store.upsert_patents(PatentRecord(id=k, id_scheme="label", cited=v) for k, v in edges.items())
    assert store.citation_paths("A", "D") == [["A", "B", "D"], ["A", "C", "D"]]
    assert store.citation_paths("A", "E") == [["A", "B", "D", "E"], ["A", "C", "D", "E"]]
    assert store.citation_paths("A", "E", limit=1) == [["A", "B", "D", "E"]]
    assert store.citation_paths("A", "E", max_hops=2) == []
    assert store.citation_paths("E", "A") == []
    assert store.citation_paths("E", "A", directed=False) == [["E", "D", "B", "A"], ["E", "D", "C", "A"]]
    assert store.citation_paths("B", "C", directed=False) == [["B", "A", "C"], ["B", "D", "C"]]
    with pytest.raises(PatentNotFoundError, match="'Z'"):
        store.citation_paths("A", "Z")


# --- writes: idempotence, merging, odd input ---------------------------------------------------
def test_upsert_is_idempotent(loaded: Any) -> None:
    before = loaded.counts()
    assert loaded.upsert_patents(RECORDS) == UpsertSummary(unchanged=4)
    assert loaded.upsert_patents(reversed(RECORDS), batch_size=1) == UpsertSummary(unchanged=4)
    assert loaded.counts() == before
    assert loaded.organizations()[0]["name"] == "ACME Robotics Inc."


def test_duplicates_are_merged(loaded: Any) -> None:
    richer = PatentRecord(
        id="US1",
        jurisdiction="US",
        kind="B2",
        title={"en": "Robot gripper with soft fingers"},
        cited=("US9",),
        industries=("robotics",),
        provenance=(Provenance("espacenet.csv", "row 9", "espacenet"),),
    )
    assert loaded.upsert_patents([richer]) == UpsertSummary(updated=1)
    merged = loaded.get_patent("US1")
    assert merged.title == {"en": "Robot gripper with soft fingers"}
    assert merged.cited == ("EP9", "US2", "US9")
    assert merged.applicants == US1.applicants and merged.inventors == US1.inventors
    assert len(merged.provenance) == 2
    counts = loaded.counts()
    assert (counts["nodes"]["Patent"], counts["edges"]["CITES"], counts["edges"]["ASSIGNED_TO"]) == (6, 5, 4)
    # Two versions of one patent in one call are merged before writing.
    a = PatentRecord(id="WO7", jurisdiction="WO", title={"en": "Arm"}, applicants=(_party("Gamma GmbH"),))
    b = PatentRecord(id="WO7", jurisdiction="WO", abstract={"en": "An arm."}, family_id="F9")
    assert loaded.upsert_patents([a, b]) == UpsertSummary(inserted=1)
    wo7 = loaded.get_patent("WO7")
    assert (wo7.title, wo7.abstract, wo7.family_id) == ({"en": "Arm"}, {"en": "An arm."}, "F9")
    assert loaded.counts()["nodes"]["Family"] == 3


def test_stub_becomes_a_patent_when_loaded(loaded: Any) -> None:
    with pytest.raises(PatentNotFoundError):
        loaded.get_patent("EP9")
    ep9 = PatentRecord(
        id="EP9", jurisdiction="EP", kind="A1", title={"en": "Old gripper"}, application_date=dt.date(2001, 1, 1)
    )
    assert loaded.upsert_patents([ep9]) == UpsertSummary(inserted=1)
    assert loaded.get_patent("EP9") == ep9
    assert loaded.count_patents() == 5 and loaded.counts()["nodes"]["Patent"] == 5
    assert loaded.facet("year")[0] == ("2001", 1)


def test_changed_family_and_applicants_leave_no_orphans(loaded: Any) -> None:
    moved = PatentRecord(id="CN3", jurisdiction="CN", family_id="F0")  # merge keeps the smaller id
    loaded.upsert_patents([moved])
    assert loaded.get_patent("CN3").family_id == "F0"
    assert loaded.counts()["nodes"]["Family"] == 2  # F2 lost its only member and is gone
    assert [n["key"] for n in loaded.neighbors("Family", "F0").nodes] == ["F0", "CN3"]
    with pytest.raises(NotFoundError):
        loaded.neighbors("Family", "F2")


def test_unicode_names_and_very_long_abstract(store: Any) -> None:
    long_zh = "一种用于装备制造的高精度数控机床主轴轴承，" * 5000 + "结尾标记"
    long_en = "A very long abstract about robot joints. " * 5000 + "FINAL-NEEDLE"
    record = PatentRecord(
        id="CN112313044",
        jurisdiction="CN",
        kind="A",
        title={"zh": "机器人关节减速器", "en": "Robot joint reducer"},
        abstract={"zh": long_zh, "en": long_en},
        applicants=(
            _party("中信重工机械股份有限公司", country="CN"),
            _party("Société Générale d'Équipement SA", country="FR"),
        ),
        inventors=(_inventor("李四"), _inventor("José Núñez")),
        application_date=dt.date(2019, 6, 30),
        extra={"备注": "测试", "emoji": "🤖"},
    )
    store.upsert_patents([record])
    assert store.get_patent(record.id) == record
    assert len(store.get_patent(record.id).abstract["zh"]) == len(long_zh)
    assert store.count_patents(PatentFilter(text="final-needle")) == 1
    assert store.count_patents(PatentFilter(text="结尾标记")) == 1
    keys = sorted(o["key"] for o in store.organizations())
    assert keys == sorted(
        [normalize_name("中信重工机械股份有限公司"), normalize_name("Société Générale d'Équipement SA")]
    )
    assert "中信重工机械" in keys
    assert store.organizations("中信")[0]["name"] == "中信重工机械股份有限公司"


def test_missing_fields_are_stored_as_unknown(loaded: Any) -> None:
    cn4 = loaded.get_patent("CN4")
    assert cn4 == CN4 and cn4.year is None and cn4.applicants == ()
    assert loaded.count_patents(PatentFilter(year_from=1900)) == 3
    assert all(value != "None" for value, _ in loaded.facet("kind") + loaded.facet("year"))


@pytest.mark.parametrize(
    ("items", "error", "message"),
    [
        ([US1, {"id": "US9"}], InvalidRecordError, "item 1 to store is a dict"),
        ([PatentRecord(id="  ")], InvalidRecordError, "empty id"),
        (["US1"], InvalidRecordError, "item 0 to store is a str"),
    ],
)
def test_bad_records_are_refused_and_nothing_is_written(
    store: Any, items: list[Any], error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        store.upsert_patents(items)
    assert store.count_patents() == 0


def test_bad_arguments_raise_clear_errors(loaded: Any) -> None:
    with pytest.raises(ConfigError, match=r"'batch_size' parameter must be an int >= 1\. Got 0"):
        loaded.upsert_patents(RECORDS, batch_size=0)
    with pytest.raises(ConfigError, match="'name' parameter of facet must be one of"):
        loaded.facet("colour")
    with pytest.raises(ConfigError, match="'label' parameter must be one of"):
        loaded.neighbors("Planet", "x")
    with pytest.raises(ConfigError, match="not supported"):
        loaded.neighbors("Region", "x")
    with pytest.raises(NotFoundError, match="no Patent 'nope'"):
        loaded.neighbors("Patent", "nope")
    with pytest.raises(NotFoundError, match="no Organization 'NOBODY'"):
        loaded.neighbors("Organization", "NOBODY")
    with pytest.raises(KeyError):  # PatentNotFoundError is also a KeyError
        loaded.get_patent("nope")
    with pytest.raises(ConfigError, match="two different patents"):
        loaded.citation_paths("US1", "US1")
    with pytest.raises(ConfigError, match=r"'max_hops' parameter must be an int in 1\.\.10\. Got 11"):
        loaded.citation_paths("US1", "US2", max_hops=11)
    with pytest.raises(ConfigError, match="'min_patents'"):
        loaded.co_applicants(min_patents=0)


def test_regions_of_organisations(loaded: Any) -> None:
    loaded.upsert_patents(
        [
            PatentRecord(
                id="CN8",
                jurisdiction="CN",
                applicants=(
                    Party(
                        "中信重工机械股份有限公司",
                        normalize_name("中信重工机械股份有限公司"),
                        address="河南省洛阳市涧西区建设路206号",
                    ),
                    Party("浙江大学", normalize_name("浙江大学"), kind="university"),
                ),
            ),
        ]
    )
    counts = loaded.counts()
    assert (counts["nodes"]["Region"], counts["edges"]["LOCATED_IN"]) == (3, 3)  # 河南, 河南/洛阳, 浙江
    assert [r.id for r in loaded.iter_patents(PatentFilter(regions=("河南/洛阳",)))] == ["CN3", "CN8"]
    assert [r.id for r in loaded.iter_patents(PatentFilter(regions=("浙江",)))] == ["CN8"]
    loaded.set_aliases({normalize_name("浙江大学"): LUOYANG})  # a deliberately wrong alias: two regions now
    assert loaded.counts()["edges"]["LOCATED_IN"] == 3
    assert loaded.facet("applicant", PatentFilter(regions=("河南",))) == [(LUOYANG, 2), ("中信重工机械", 1)]
    # The longer applicant list wins the merge: CN8's located applicants are gone, and so are their edges.
    loaded.upsert_patents([PatentRecord(id="CN8", jurisdiction="CN", applicants=(_party("Beta Corp"),) * 3)])
    assert loaded.counts()["edges"]["LOCATED_IN"] == 1
    assert loaded.facet("applicant", PatentFilter(regions=("河南",))) == [(LUOYANG, 1)]


def test_organization_variants_before_aliases(loaded: Any) -> None:
    loaded.set_aliases({BETA: ACME})
    assert loaded.organization_variants() == [
        {"variant": ACME, "patents": 2, "name": "ACME Robotics Inc.", "kind": "company", "country": "US"},
        {"variant": BETA, "patents": 1, "name": "Beta Corp", "kind": "company", "country": None},
        {"variant": LUOYANG, "patents": 1, "name": "洛阳轴承研究所有限公司", "kind": "institute", "country": "CN"},
    ]


def test_set_patent_industries_replaces_tags(loaded: Any) -> None:
    assert loaded.set_patent_industries({"US1": ["robotics"], "US2": ["robotics"], "EP9": ["x"], "NONE": ["x"]}) == 1
    assert loaded.get_patent("US1").industries == ("robotics",)
    assert loaded.facet("industry") == [("robotics", 2), ("equipment.bearings", 1)]
    assert loaded.counts()["edges"]["IN_INDUSTRY"] == 3
    assert loaded.upsert_patents([US1]) == UpsertSummary(updated=1)  # upsert unites tags again
    assert loaded.set_patent_industries({"CN3": []}) == 1
    assert loaded.count_patents(PatentFilter(industries=("equipment.bearings",))) == 0


def test_upsert_industries_replace_drops_unused_nodes(loaded: Any) -> None:
    loaded.set_patent_industries({"CN3": ["robotics"]})
    loaded.upsert_industries(
        [
            {"code": "robotics", "name_zh": "机器人", "name_en": "Robotics"},
            {"code": "robotics.gripper", "name_en": "Grippers", "parent": "robotics"},
            {"code": "materials.metal", "name_en": "Metals", "parent": "materials"},
        ],
        replace=True,
    )
    assert [i["code"] for i in loaded.industries()] == ["materials", "materials.metal", "robotics", "robotics.gripper"]
    counts = loaded.counts()
    assert (counts["nodes"]["Industry"], counts["edges"]["SUBCLASS_OF"]) == (4, 14)


# --- industries, embeddings, topics, artifacts ---------------------------------------------------
def test_industry_taxonomy(loaded: Any) -> None:
    loaded.upsert_industries(
        [
            {"code": "robotics", "name_zh": "机器人", "name_en": "Robotics", "parent": None},
            {"code": "robotics.gripper", "name_zh": "末端执行器", "name_en": "Grippers", "parent": "robotics"},
            {"code": "equipment.bearings", "name_zh": "轴承", "name_en": "Bearings", "parent": "equipment"},
        ]
    )
    assert loaded.industries() == [
        {"code": "equipment", "name_zh": None, "name_en": None, "parent": None},
        {"code": "equipment.bearings", "name_zh": "轴承", "name_en": "Bearings", "parent": "equipment"},
        {"code": "robotics", "name_zh": "机器人", "name_en": "Robotics", "parent": None},
        {"code": "robotics.gripper", "name_zh": "末端执行器", "name_en": "Grippers", "parent": "robotics"},
    ]
    counts = loaded.counts()
    assert (counts["nodes"]["Industry"], counts["edges"]["SUBCLASS_OF"]) == (4, 14)
    loaded.upsert_industries([{"code": "robotics.gripper", "name_en": "Grippers", "parent": None}])
    assert loaded.counts()["edges"]["SUBCLASS_OF"] == 13


def test_embedding_cache(store: Any) -> None:
    v1, v2 = np.arange(4, dtype=np.float32) / 7, np.linspace(-1, 1, 4).astype(np.float32)
    store.put_embeddings("mini", {"h1": v1, "h2": v2})
    store.put_embeddings("other", {"h1": v2})
    got = store.get_embeddings("mini", ["h1", "h3"])
    assert list(got) == ["h1"] and got["h1"].dtype == np.float32 and np.array_equal(got["h1"], v1)
    assert np.array_equal(store.get_embeddings("other", ["h1"])["h1"], v2)
    assert [(m, h) for m, h, _ in store.iter_embeddings()] == [("mini", "h1"), ("mini", "h2"), ("other", "h1")]
    assert [h for _, h, _ in store.iter_embeddings("other")] == ["h1"]
    store.put_embeddings("mini", {"h1": v2})  # replaced, not duplicated
    assert np.array_equal(store.get_embeddings("mini", ["h1"])["h1"], v2)
    assert len(list(store.iter_embeddings())) == 3


def test_similar_patents(loaded: Any) -> None:
    vectors = {"US1": [1.0, 0, 0, 0], "US2": [0.8, 0.6, 0, 0], "CN3": [0, 1.0, 0, 0], "EP9": [1.0, 1, 0, 0]}
    assert loaded.set_patent_embeddings("toy-4", {k: np.array(v) for k, v in vectors.items()}) == 3  # stub skipped
    found = loaded.similar_patents("US1", k=5)
    assert [pid for pid, _ in found] == ["US2", "CN3"]
    assert [s for _, s in found] == pytest.approx([0.8, 0.0], abs=1e-5)
    assert [pid for pid, _ in loaded.similar_patents("CN3", k=1, model="toy-4")] == ["US2"]
    with pytest.raises(ConfigError, match="from model 'toy-4', not 'other'"):
        loaded.similar_patents("US1", model="other")
    with pytest.raises(PatentNotFoundError):
        loaded.similar_patents("CN4")
    with pytest.raises(ConfigError, match="patent 'US2'"):
        loaded.set_patent_embeddings("toy-4", {"US2": np.array([np.nan, 1.0, 0, 0])})
    # Another model with another dimension replaces every vector.
    assert loaded.set_patent_embeddings("toy-3", {"US1": np.ones(3), "CN4": np.array([1.0, 0, 0])}) == 2
    model, stored = loaded.patent_embeddings()
    assert model == "toy-3" and sorted(stored) == ["CN4", "US1"]
    assert loaded.similar_patents("CN4", k=3)[0][0] == "US1"
    assert loaded.similar_patents("CN4")[0][1] == pytest.approx(1 / np.sqrt(3), abs=1e-5)


def test_topics_save_and_load(loaded: Any) -> None:
    run = {"seed": 42, "n_topics": np.int64(3), "model": "fake-32"}
    topics = [
        {"id": 0, "label": "grippers 夹爪", "parent": 2, "size": 1},
        {"id": 1, "label": "bearings", "parent": 2},
        {"id": 2, "label": "root", "parent": None, "centroid": np.array([0.5, 0.25])},
    ]
    assignments = [
        {"patent_id": "US1", "topic": 0, "probability": 0.9, "x": 1.5, "y": -2.0},
        {"patent_id": "CN3", "topic": 1, "probability": 0.75, "x": 0.0, "y": 3.0},
        {"patent_id": "US2", "topic": None, "probability": 0.0, "x": 0.1, "y": 0.2},
    ]
    loaded.save_topics(run, topics, assignments)
    loaded.save_topics(run, topics, assignments)  # replaces, never appends
    got_run, got_topics, got_assign = loaded.load_topics()
    assert got_run == {"seed": 42, "n_topics": 3, "model": "fake-32"}
    assert got_topics[0] == {"id": 0, "label": "grippers 夹爪", "parent": 2, "size": 1}
    assert got_topics[2]["centroid"] == [0.5, 0.25]
    assert [a["patent_id"] for a in got_assign] == ["CN3", "US1", "US2"]
    assert got_assign[1] == {"patent_id": "US1", "topic": 0, "probability": 0.9, "x": 1.5, "y": -2.0}
    assert got_assign[2]["topic"] is None
    counts = loaded.counts()
    assert (counts["nodes"]["Topic"], counts["edges"]["IN_TOPIC"], counts["edges"]["SUBCLASS_OF"]) == (3, 2, 14)
    assert [n["key"] for n in loaded.neighbors("Topic", "0").nodes] == ["0", "US1"]
    assert loaded.get_artifact("topics.run") == got_run


def test_artifacts(store: Any) -> None:
    assert store.get_artifact("scores") is None
    store.put_artifact("scores", {"top": ["洛阳", 1.5], "n": np.int32(3)})
    store.put_artifact("scores", {"top": ["洛阳", 2.5], "n": 4})
    store.put_artifact("summary", {})
    assert store.get_artifact("scores") == {"top": ["洛阳", 2.5], "n": 4}
    assert store.artifact_keys() == ["scores", "summary"]


def test_delete_all_empties_everything(loaded: Any) -> None:
    loaded.put_artifact("x", {"a": 1})
    loaded.set_aliases({BETA: ACME})
    loaded.delete_all()
    counts = loaded.counts()
    assert set(counts["nodes"].values()) == {0} and set(counts["edges"].values()) == {0}
    assert (loaded.aliases(), loaded.artifact_keys(), loaded.load_topics()) == ({}, [], ({}, [], []))


# --- both backends side by side --------------------------------------------------------------
@pytest.mark.neo4j
def test_same_answers_on_a_synthetic_workspace(both_stores: tuple[Any, Any], snapshot: Any) -> None:
    records = list(synthetic_records(600, seed=3, n_applicants=60))
    applicant_keys = sorted({p.normalized for r in records for p in r.applicants})
    aliases = {applicant_keys[i]: applicant_keys[i - 1] for i in range(1, len(applicant_keys), 7)}
    snapshots = []
    for store in both_stores:
        store.upsert_patents(records[:400], batch_size=150)
        store.set_aliases(aliases)
        store.upsert_patents(records[300:], batch_size=97)  # overlaps: 100 unchanged
        store.save_topics(
            {"seed": 1},
            [{"id": 0, "label": "a"}, {"id": 1, "label": "b", "parent": 0}],
            [{"patent_id": r.id, "topic": i % 2, "probability": 0.5} for i, r in enumerate(records[:50])],
        )
        store.put_artifact("summary", {"n": len(records)})
        snapshots.append(snapshot(store))
    embedded, server = snapshots
    for key in embedded:
        assert server[key] == embedded[key], key
    assert embedded["counts"]["nodes"]["Patent"] == 600
    ids = [r.id for r in records[:5]]
    assert [both_stores[1].neighbors("Patent", i).nodes for i in ids] == [
        both_stores[0].neighbors("Patent", i).nodes for i in ids
    ]
    assert both_stores[1].citation_paths(records[500].id, records[10].id, directed=False) == both_stores[
        0
    ].citation_paths(records[500].id, records[10].id, directed=False)


@pytest.mark.neo4j
def test_same_status_after_ingesting_the_demo_exports(
    both_stores: tuple[Any, Any], snapshot: Any, repo_root: Path, tmp_path: Path
) -> None:
    """The real Lens and Espacenet exports shipped in data/demo, ingested into both stores."""
    demo = [
        repo_root / "data" / "demo" / "lens_robotics_physical_ai.csv.gz",
        repo_root / "data" / "demo" / "espacenet_machine_vise.csv.gz",
    ]
    summaries = [
        ingest_paths(demo, s, quarantine_path=tmp_path / f"q{i}.csv", progress=False) for i, s in enumerate(both_stores)
    ]
    assert summaries[0].as_dict() == {**summaries[1].as_dict(), "quarantine_file": summaries[0].quarantine_file}
    assert summaries[0].total("stored") > 14_000
    embedded, server = (store_status(s) for s in both_stores)
    assert server == embedded
    assert embedded["top_applicants"][0]["key"] == "INTEL"
    first, second = (snapshot(s) for s in both_stores)
    assert second == first
