"""The Lens API reader: the real green-concrete tables, the applicants join, companion handling."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest

from ingest import detect_format, iter_files, lens_api
from ipnav.exceptions import InputFormatError, UnknownFormatError
from ipnav.records import PatentRecord, RowError

FIXTURES = Path(__file__).parent / "fixtures" / "lens_api"
FOLDER = "lens_green_concrete_materials"


@pytest.fixture(scope="module")
def rows(patents_dir: Path) -> list[PatentRecord | RowError]:
    return list(lens_api.read(patents_dir / FOLDER / "patents.csv.gz"))


def _table(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode("utf-8"))))


@pytest.mark.shared
def test_every_row_is_a_record_and_every_applicant_is_joined(rows, patents_dir: Path) -> None:
    patents = _table(patents_dir / FOLDER / "patents.csv.gz")
    applicants = _table(patents_dir / FOLDER / "patent_applicants.csv.gz")
    assert len(rows) == len(patents) == 2978
    assert all(isinstance(r, PatentRecord) for r in rows)  # no orphan applicant rows either
    named = sum(len(r.applicants) for r in rows)
    unnamed = sum(r.extra.get("unnamed_applicants", 0) for r in rows)
    assert (named, unnamed, named + unnamed) == (3578, 75, len(applicants))


@pytest.mark.shared
def test_first_rows(rows) -> None:
    first = rows[0]
    assert (first.id, first.kind, first.jurisdiction) == ("CN218289675", "U", "CN")
    assert first.original_id == "CN_218289675_U_20230113" and first.extra["lens_id"] == "000-185-902-065-465"
    assert first.title == {"en": "Green concrete discharging device"}  # title_lang says "nl"
    assert first.publication_date == dt.date(2023, 1, 13) and first.application_date == dt.date(2022, 9, 15)
    assert first.grant_date is None and first.extra["publication_type"] == "LIMITED_PATENT"
    shaoxing = rows[2]
    assert [(p.name, p.kind) for p in shaoxing.applicants] == [("UNIV SHAOXING", "university")]
    assert shaoxing.cites_count == 3  # "3.0" in the file
    assert rows[8].cites_count == 38 and rows[4].cites_count is None  # "38.0" / empty


@pytest.mark.shared
def test_languages_follow_abstract_lang(rows) -> None:
    langs = Counter(lang for r in rows for lang in r.abstract)
    assert (langs["en"], langs["zh"], langs["ko"], langs["pt"]) == (2143, 229, 141, 45)
    granted = next(r for r in rows if r.id == "CN113461356")
    assert set(granted.abstract) == {"zh"} and granted.grant_date == dt.date(2023, 3, 21)
    assert [p.name for p in granted.applicants] == [
        "上海市政工程设计研究总院（集团）有限公司",
        "上海市政工程设计科学研究所有限公司",
    ]


@pytest.mark.shared
def test_unusual_numbers_are_kept(rows) -> None:
    by_key = {r.original_id: r for r in rows}
    assert by_key["IN_3349MU2013_A_20150717"].id == "IN3349MU2013"
    assert (by_key["SG_11201809209P_A_20181129"].id, by_key["SG_11201809209P_A_20181129"].kind) == (
        "SG11201809209P",
        "A",
    )
    assert sum(1 for r in rows if r.extra.get("owners")) == 336


@pytest.mark.shared
def test_folder_reading_skips_the_applicants_table(patents_dir: Path) -> None:
    assert [p.name for p in iter_files(patents_dir / FOLDER)] == ["patents.csv.gz"]
    table = patents_dir / FOLDER / "patent_applicants.csv.gz"
    with pytest.raises(UnknownFormatError, match="companion table of a lens-api export"):
        detect_format(table)
    with pytest.raises(InputFormatError, match="applicants table"):
        list(lens_api.read(table))


def test_fixture_join_and_orphans() -> None:
    items = list(lens_api.read(FIXTURES / "patents.csv"))
    assert len(items) == 4  # three patents, then the orphan applicant row
    cn, us, kr, orphan = items
    assert [(p.name, p.country, p.address) for p in cn.applicants] == [
        ("LUOYANG INST SCI & TECH", "CN", None),
        ("ZHONGYUAN CEMENT CO LTD", "CN", "Luoyang 471000 CN"),
    ]
    assert cn.grant_date == dt.date(2021, 5, 7) and cn.cites_count == 12 and cn.extra["npl_cites_count"] == 1
    assert cn.abstract == {"zh": "本发明公开了一种钢渣基低碳胶凝材料。"}
    assert us.extra["owners"] == ["GREEN MATERIALS LLC"] and us.title == {"en": "Geopolymer concrete from fly ash"}
    assert us.priority_date == dt.date(2020, 8, 3) and us.grant_date is None
    assert kr.applicants == () and kr.extra["unnamed_applicants"] == 1 and kr.title == {}
    assert isinstance(orphan, RowError) and orphan.field == "lens_id" and orphan.location == "row 5"
    assert orphan.source.endswith("patent_applicants.csv") and orphan.raw == "ORPHAN BAUSTOFF GMBH"


def test_patents_table_alone_has_no_applicants(tmp_path: Path, caplog) -> None:
    shutil.copy(FIXTURES / "patents.csv", tmp_path / "patents.csv")
    items = list(lens_api.read(tmp_path / "patents.csv"))
    assert len(items) == 3 and all(r.applicants == () for r in items)
    assert "no Lens applicants table" in caplog.text


def test_sniff_tells_the_two_tables_apart() -> None:
    patents = (FIXTURES / "patents.csv").read_text(encoding="utf-8")
    applicants = (FIXTURES / "patent_applicants.csv").read_text(encoding="utf-8")
    assert lens_api.sniff(FIXTURES / "patents.csv", patents)
    assert not lens_api.sniff(FIXTURES / "patent_applicants.csv", applicants)
    assert lens_api.is_companion(FIXTURES / "patent_applicants.csv", applicants)
    assert not lens_api.is_companion(FIXTURES / "patents.csv", patents)
    assert [p.name for p in iter_files(FIXTURES)] == ["patents.csv"]


def test_broken_applicants_table_does_not_hide_the_patents(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "patents.csv", tmp_path / "patents.csv")
    (tmp_path / "patent_applicants.csv").write_text("lens_id,extracted_name\n001-111-111-111-111,A,B,C\n")
    items = list(lens_api.read(tmp_path / "patents.csv"))
    assert [type(r).__name__ for r in items] == ["PatentRecord"] * 3 + ["RowError"]
    assert "fields" in items[3].reason and items[3].source.endswith("patent_applicants.csv")


def test_bad_rows_are_quarantined(tmp_path: Path) -> None:
    text = (FIXTURES / "patents.csv").read_text(encoding="utf-8").splitlines()
    bad = [
        text[1].replace("CN_112777001_B_20210507", "CN-112777001"),
        text[2].replace("2022-02-10,US_", "2222-02-10,US_"),
        text[3].replace("KR,2020-11-20,KR_", "JP,2020-11-20,KR_"),
        text[3].replace(",3.0,", ",three,"),
    ]
    path = tmp_path / "patents.csv"
    path.write_text("\n".join([text[0], *bad]) + "\n", encoding="utf-8")
    items = list(lens_api.read(path))
    assert [(e.location, e.field) for e in items] == [
        ("row 1", "doc_key"),
        ("row 2", "date_published"),
        ("row 3", "jurisdiction"),
        ("row 4", "references_cited_patent_count"),
    ]
