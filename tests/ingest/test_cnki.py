"""The CNKI reader: the real 33 Chinese records, the original scraper columns, broken copies."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from ingest import cnki, detect_format
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

FIXTURES = Path(__file__).parent / "fixtures"
REAL = "cnki_materials_chemistry_cn/cnki_material_chemistry_2018_2019.csv"
# shipped name -> original scraper name (SOURCES.md section 4)
ORIGINAL = {
    "title": "title",
    "inventors": "author",
    "applicant": "com",
    "source_type": "public",
    "filing_date": "sql",
    "publication_date": "quote",
    "cnki_url": "href",
    "abstract": "ChDiv_summary",
    "first_claim": "claim_text",
}


@pytest.fixture(scope="module")
def text(patents_dir: Path) -> str:
    return (patents_dir / REAL).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows(patents_dir: Path) -> list[PatentRecord | RowError]:
    return list(cnki.read(patents_dir / REAL))


def _bare(items: list) -> list:
    return [replace(r, provenance=()) for r in items]


@pytest.mark.shared
def test_every_row_is_a_record(rows, text: str) -> None:
    assert len(rows) == sum(1 for _ in csv.DictReader(io.StringIO(text))) == 33
    assert all(isinstance(r, PatentRecord) for r in rows)
    assert Counter(r.kind for r in rows) == {"A": 15, "U": 12, "B": 6}
    assert all(r.jurisdiction == "CN" and r.ipc == () for r in rows)


@pytest.mark.shared
def test_first_record_values(rows) -> None:
    first = rows[0]
    assert (first.id, first.kind, first.original_id) == ("CN108982325", "A", "CN108982325A")
    assert first.title == {"zh": "地下防污屏障材料化学相容性测试装置及方法"}
    assert [p.name for p in first.inventors] == ["李育超", "于泽溪", "魏璐璐", "黄根清"]
    assert [(p.name, p.kind) for p in first.applicants] == [("浙江大学", "university")]
    assert first.application_date == dt.date(2018, 7, 30) and first.publication_date == dt.date(2018, 12, 11)
    assert first.grant_date is None
    assert first.extra["source_type"] == "中国专利" and first.extra["cnki_url"].endswith("filename=CN108982325A")
    assert set(first.abstract) == {"zh"} and first.first_claim["zh"].startswith("1.一种地下防污屏障材料")


@pytest.mark.shared
def test_hash_is_restored_as_a_dash(rows, text: str) -> None:
    alloy = rows[1]
    assert "Al-8～11％" in alloy.abstract["zh"] and "760-820℃" in alloy.abstract["zh"]
    assert "#" not in alloy.abstract["zh"] + alloy.first_claim["zh"]
    assert alloy.extra["cnki_hash_restored"] == 14
    assert sum(r.extra.get("cnki_hash_restored", 0) for r in rows) == text.count("#")


@pytest.mark.shared
def test_grants_and_two_applicants(rows) -> None:
    utility = next(r for r in rows if r.kind == "U")
    assert utility.grant_date == utility.publication_date is not None
    pair = next(r for r in rows if len(r.applicants) == 2)
    assert [p.name for p in pair.applicants] == [
        "航天资源循环科技有限公司",
        "中国科学院过程工程研究所",
    ]
    assert pair.applicants[0].kind == "company"


@pytest.mark.shared
def test_academy_of_sciences_institute_kind(rows) -> None:
    pair = next(r for r in rows if len(r.applicants) == 2)
    assert pair.applicants[1].kind == "institute"


@pytest.mark.shared
def test_original_scraper_columns_read_the_same(tmp_path: Path, text: str, rows) -> None:
    source = csv.DictReader(io.StringIO(text))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*ORIGINAL.values(), "download"])
    for row in source:
        writer.writerow([*(row[k] for k in ORIGINAL), ""])
    copy = tmp_path / "MaterialChemistry_18_19.csv"
    copy.write_text(out.getvalue(), encoding="utf-8")
    assert detect_format(copy) == "cnki"
    assert _bare(list(cnki.read(copy))) == _bare(rows)  # number taken from the URL


@pytest.mark.shared
@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_chinese_encodings_and_bom(tmp_path: Path, text: str, rows, encoding: str) -> None:
    copy = tmp_path / "cnki.csv"
    copy.write_bytes(text.encode(encoding, errors="strict" if encoding != "gbk" else "replace"))
    got = list(cnki.read(copy))
    if encoding == "gbk":  # GBK lacks a few characters (they become "?"); ids and names stay
        assert [r.id for r in got] == [r.id for r in rows]
        assert [r.applicants for r in got] == [r.applicants for r in rows]
    else:
        assert _bare(got) == _bare(rows)


def test_original_columns_fixture() -> None:
    items = list(cnki.read(FIXTURES / "cnki_original.csv"))
    assert [(r.id, r.kind) for r in items] == [("CN108380001", "A"), ("CN207480002", "U")]
    assert items[0].abstract == {"zh": "本发明公开了一种高熵合金粉末的制备方法，在1200-1300℃下熔炼。"}
    assert items[1].first_claim == {"zh": "1.一种机器人末端夹持器，包括底座(1-1)。"}
    assert items[1].grant_date == dt.date(2018, 6, 5) and items[0].grant_date is None
    assert [p.name for p in items[0].inventors] == ["王磊", "刘芳"]


def _write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty|not a CNKI"),
        ("Display Key,Jurisdiction,Title\nUS 1 B2,US,x\n", "not a CNKI patent list"),
    ],
)
def test_empty_and_other_format(tmp_path: Path, content: str, message: str) -> None:
    path = _write(tmp_path, content)
    assert not cnki.sniff(path, content)
    with pytest.raises(InputFormatError, match=message):
        list(cnki.read(path))


def test_bad_rows_are_quarantined(tmp_path: Path) -> None:
    header = (
        "publication_number,title,inventors,applicant,source_type,filing_date,publication_date,"
        "cnki_url,abstract,first_claim\n"
    )
    lines = [
        "CN108000001A,好,张三,某大学,中国专利,2018-01-01,2018-06-01,,,",
        "CN108000002A,日期错,张三,某大学,中国专利,2018-13-45,2018-06-01,,,",
        ",无号,张三,某大学,中国专利,2018-01-01,2018-06-01,https://kns.cnki.net/x?dbcode=SCPD,,",
        "CN108000004A,太早,张三,某大学,中国专利,1066-01-01,2018-06-01,,,",
    ]
    items = list(cnki.read(_write(tmp_path, header + "\n".join(lines) + "\n")))
    assert len(items) == 4 and isinstance(items[0], PatentRecord)
    assert [(e.location, e.field) for e in items[1:]] == [
        ("row 2", "filing_date"),
        ("row 3", "publication_number"),
        ("row 4", "filing_date"),
    ]
    assert "1066-01-01" in items[3].reason
