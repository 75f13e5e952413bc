"""The WIPS ON reader on the real 3D-printing sheet and on broken copies of it."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from ingest import detect_format, wips
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

pytestmark = pytest.mark.shared

REAL = "wips_3d_printing_us_cn/3d_printing_us_cn_312.csv.gz"


@pytest.fixture(scope="module")
def text(patents_dir: Path) -> str:
    return gzip.decompress((patents_dir / REAL).read_bytes()).decode("utf-8")


@pytest.fixture(scope="module")
def rows(patents_dir: Path) -> list[PatentRecord | RowError]:
    return list(wips.read(patents_dir / REAL))


def _strip(items: list) -> list:
    return [replace(r, provenance=()) if isinstance(r, PatentRecord) else r.reason for r in items]


def test_every_row_is_a_record(rows, text: str) -> None:
    assert len(rows) == sum(1 for _ in csv.DictReader(io.StringIO(text))) == 312
    assert all(isinstance(r, PatentRecord) for r in rows)
    assert Counter(r.jurisdiction for r in rows) == {"CN": 169, "US": 143}
    assert len({r.id for r in rows}) == 312


def test_us_grant_without_publication_number(rows) -> None:
    first = rows[0]
    assert (first.id, first.kind, first.original_id) == ("US5186960", "A", "US 5186960 A")
    assert first.publication_date == first.grant_date == dt.date(1993, 2, 16)
    assert first.application_date == dt.date(1990, 11, 7) and first.application_number == "1990-610146"
    assert first.claims_count == 10 and [c.symbol for c in first.ipc] == ["B29C47/00"]
    assert first.extra["uspc"][0] == "425/376.1" and first.extra["wips_on_key"] == "4593007001255"
    assert first.title == {"en": "Low pressure 3D extrusion"} and first.abstract["en"].startswith("Apparatus")
    assert first.first_claim["en"].startswith("1. In a sheet discharging apparatus")


def test_inventors_keep_their_form_and_countries(rows) -> None:
    mit = rows[1]
    assert [p.name for p in mit.inventors][:3] == ["Cima; Michael", "Sachs; Emanuel", "Fan; Tailin"]
    assert len(mit.inventors) == 11 and {p.country for p in mit.inventors} == {"US"}
    assert mit.inventors[0].normalized == "CIMA MICHAEL"
    assert [(p.name, p.country) for p in mit.applicants] == [("Massachusetts Institute of Technology", None)]


def test_us_pre_grant_publication(rows) -> None:
    pub = rows[13]
    assert (pub.id, pub.kind, pub.original_id) == ("US20030098523", "A1", "US 2003-0098523 A1")
    assert pub.publication_date == dt.date(2003, 5, 29) and pub.grant_date is None


def test_cn_numbers_lose_wips_zero_padding(rows) -> None:
    cn = rows[11]
    assert (cn.id, cn.kind, cn.original_id) == ("CN1221369", "C", "CN 001221369 C")
    assert cn.grant_date == cn.publication_date == dt.date(2005, 10, 5)
    assert [p.name for p in cn.inventors] == ["YIFANG GUO", "MINGDA GUO", "MINGREN GUO"]
    assert cn.priority_date == dt.date(2001, 4, 27) and cn.priority_countries == ("CN",)


def test_applicants_countries_and_chinese_names(rows) -> None:
    xyz = rows[142]
    assert [(p.name, p.country) for p in xyz.applicants] == [
        ("XYZ Printing, Inc.", "TW"),
        ("Cal-Comp Electronics & Communications Company Limited", "TW"),
        ("Kinpo Electronics, Inc.", "TW"),
    ]
    agfa = rows[60]
    assert [(p.name, p.normalized, p.kind) for p in agfa.applicants] == [("爱克发印艺公司", "爱克发印艺", "company")]
    assert agfa.priority_countries == ("EP", "US") and agfa.priority_date == dt.date(2006, 12, 21)
    assert agfa.extra["pct_publication"] == "WO2008077850"


def test_us_cpc_from_the_us_columns(rows) -> None:
    with_cpc = [r for r in rows if r.cpc]
    assert len(with_cpc) == 60 and {r.jurisdiction for r in with_cpc} == {"US"}
    assert [c.symbol for c in rows[74].cpc] == ["B29C67/007"]  # "B29C-0067/007"


def test_detected_by_content(tmp_path: Path, text: str) -> None:
    copy = tmp_path / "sheet.txt"
    copy.write_text(text[:20000], encoding="utf-8")
    assert detect_format(copy) == "wips"


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("gb18030", ","), ("utf-8-sig", ","), ("utf-8", "\t"), ("utf-8", ";")],
)
def test_re_encoded_and_re_delimited_copies_read_the_same(
    tmp_path: Path, text: str, rows, encoding: str, delimiter: str
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerows(csv.reader(io.StringIO(text)))
    copy = tmp_path / "copy.csv"
    copy.write_bytes(out.getvalue().encode(encoding))
    assert _strip(list(wips.read(copy))) == _strip(rows)


def test_header_and_rows_with_different_delimiters(tmp_path: Path, text: str) -> None:
    lines = text.splitlines()
    body = "\n".join([lines[0]] + [line.replace(",", ";") for line in lines[1:40]])
    path = tmp_path / "mixed.csv"
    path.write_text(body, encoding="utf-8")
    out = list(wips.read(path))
    assert out and all(isinstance(r, RowError) and "header has 43" in r.reason for r in out)


def test_truncated_gzip_keeps_rows_before_the_cut(tmp_path: Path, patents_dir: Path) -> None:
    data = (patents_dir / REAL).read_bytes()
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    out = list(wips.read(path))
    assert isinstance(out[-1], RowError) and "truncated" in out[-1].reason
    assert 50 < len(out) < 312 and all(isinstance(r, PatentRecord) for r in out[:-1])


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "empty"), ("Display Key,Jurisdiction,Title\nUS 1 B2,US,x\n", "missing column")],
)
def test_empty_file_and_other_format(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    assert not wips.sniff(path, content)
    with pytest.raises(InputFormatError, match=message):
        list(wips.read(path))


def test_bad_cells_are_quarantined_naming_the_column(tmp_path: Path, text: str) -> None:
    reader = csv.DictReader(io.StringIO(text))
    good = [next(reader) for _ in range(5)]
    bad = [dict(r) for r in good]
    bad[1]["filing_date"] = "2999-01-01"
    bad[2]["ipc_all"] = "B29C-067/00 | 3D PRINTER"
    bad[3]["claim_count"] = "ten"
    bad[4]["grant_number"] = ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
    writer.writeheader()
    writer.writerows(bad)
    path = tmp_path / "bad.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    items = list(wips.read(path))
    assert len(items) == 5 and isinstance(items[0], PatentRecord)
    assert [(e.location, e.field) for e in items[1:]] == [
        ("row 2", "filing_date"),
        ("row 3", "ipc_all"),
        ("row 4", "claim_count"),
        ("row 5", "publication_number"),
    ]
    assert "3D PRINTER" in items[2].reason and "2999-01-01" in items[1].reason
