"""Regions into the graph: detection interface, Region nodes, LOCATED_IN edges, region filters."""

from __future__ import annotations

import pytest

from ipnav.records import Party, PatentRecord, record_from_dict, record_to_dict
from ipnav.regions import detect_region, region_parent
from ipnav.store.base import PatentFilter
from ipnav.store.graph_rows import graph_rows, region_rows


@pytest.mark.parametrize(
    ("name", "address", "region"),
    [
        ("中信重工机械股份有限公司", "河南省洛阳市涧西区建设路206号", "河南/洛阳"),
        ("洛阳轴承研究所有限公司", None, "河南/洛阳"),
        ("郑州大学", None, "河南/郑州"),
        ("浙江大学", None, "浙江"),
        ("北京航空航天大学", None, "北京"),
        ("中国航空工业集团公司西安飞机设计研究所", None, "陕西/西安"),
        ("LUOYANG BEARING RES CT CO LTD", None, "河南/洛阳"),
        ("TENCENT TECH SHENZHEN CO LTD", None, "广东/深圳"),
        ("UNIV ZHEJIANG", None, "浙江"),
        ("INTEL CORP", "2200 Mission College Blvd, Santa Clara", None),
        ("通用电气公司", None, None),
    ],
)
def test_detect_region(name: str, address: str | None, region: str | None) -> None:
    assert detect_region(name, address) == region


def test_region_paths() -> None:
    assert region_rows("河南/洛阳") == [
        ("河南", "河南", "province", None),
        ("河南/洛阳", "洛阳", "city", "河南"),
    ]
    assert region_parent("河南/洛阳/涧西") == "河南/洛阳"
    assert region_parent("北京") is None


def _records() -> list[PatentRecord]:
    return [
        PatentRecord(
            id="CN1",
            jurisdiction="CN",
            applicants=(
                Party(
                    "中信重工机械股份有限公司",
                    normalized="中信重工机械",
                    address="河南省洛阳市涧西区建设路206号",
                ),
            ),
        ),
        PatentRecord(
            id="CN2",
            jurisdiction="CN",
            applicants=(
                Party("中信重工机械有限公司", normalized="中信重工机械有限", address="洛阳市涧西区"),
                Party("郑州大学", normalized="郑州大学", region="河南/郑州"),
            ),
        ),
        PatentRecord(id="CN3", jurisdiction="CN", applicants=(Party("浙江大学", normalized="浙江大学"),)),
        PatentRecord(id="US4", jurisdiction="US", applicants=(Party("INTEL CORP", normalized="INTEL"),)),
    ]


def test_graph_rows_region_nodes_and_edges() -> None:
    rows = graph_rows(_records())
    assert sorted(rows.regions) == [
        ("河南", "河南", "province", None),
        ("河南/洛阳", "洛阳", "city", "河南"),
        ("河南/郑州", "郑州", "city", "河南"),
        ("浙江", "浙江", "province", None),
    ]
    assert rows.located == [
        ("CN1", "中信重工机械", "河南/洛阳"),
        ("CN2", "中信重工机械有限", "河南/洛阳"),
        ("CN2", "郑州大学", "河南/郑州"),
        ("CN3", "浙江大学", "浙江"),
    ]


def test_store_counts_regions_and_resolves_aliases_on_located_in(sqlite_store) -> None:
    sqlite_store.upsert_patents(_records())
    counts = sqlite_store.counts()
    assert counts["nodes"]["Region"] == 4
    assert (
        counts["edges"]["LOCATED_IN"] == 4
    )  # (中信重工机械, 洛阳), (中信重工机械有限, 洛阳), (郑州大学, 郑州), (浙江大学, 浙江)
    sqlite_store.set_aliases({"中信重工机械有限": "中信重工机械"})
    assert sqlite_store.counts()["edges"]["LOCATED_IN"] == 3  # the two variants are one organisation now
    before = sqlite_store.counts()
    sqlite_store.upsert_patents(_records())  # re-ingest: identical graph
    assert sqlite_store.counts() == before


@pytest.mark.parametrize(
    ("spec", "ids"),
    [
        ("region=河南", ["CN1", "CN2"]),
        ("region=河南/洛阳", ["CN1", "CN2"]),
        ("region=河南/郑州", ["CN2"]),
        ("region=浙江|北京", ["CN3"]),
        ("region=河", []),  # a prefix of a name is not a parent region
        ("region=河南;jurisdiction=US", []),
    ],
)
def test_region_filter_in_sql_agrees_with_the_reference(sqlite_store, spec: str, ids: list[str]) -> None:
    records = _records()
    sqlite_store.upsert_patents(records)
    where = PatentFilter.parse(spec)
    assert [r.id for r in sqlite_store.iter_patents(where)] == ids
    assert [r.id for r in records if where.matches(r)] == ids
    assert sqlite_store.count_patents(where) == len(ids)


def test_party_region_survives_serialisation_and_rewrite(sqlite_store) -> None:
    record = PatentRecord(
        id="CN9",
        jurisdiction="CN",
        applicants=(Party("某公司", normalized="某", region="河南/洛阳"),),
    )
    assert record_from_dict(record_to_dict(record)) == record
    assert record_to_dict(record)["applicants"] == [{"name": "某公司", "normalized": "某", "region": "河南/洛阳"}]
    sqlite_store.upsert_patents([record])
    assert sqlite_store.get_patent("CN9").applicants[0].region == "河南/洛阳"
    assert sqlite_store.count_patents(PatentFilter(regions=("河南",))) == 1


def test_filter_parse_knows_region() -> None:
    assert PatentFilter.parse("region=河南|浙江").regions == ("河南", "浙江")
