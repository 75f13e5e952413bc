"""The Lens CSV reader on the real robotics export and on broken copies of it."""

import datetime as dt
import gzip
from pathlib import Path

import pytest

from ingest import detect_format, lens
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

pytestmark = pytest.mark.shared

HEADER = (
    "Display Key,Jurisdiction,Title,Application Date,Publication Date,Publication Year,Applicants,"
    "IPCR Classifications,Document Type,Legal Status\n"
)


@pytest.fixture(scope="module")
def lens_rows(patents_dir: Path) -> list[PatentRecord | RowError]:
    return list(lens.read(patents_dir / "lens_robotics_physical_ai" / "pai.csv.gz"))


def test_every_row_accounted(lens_rows) -> None:
    assert len(lens_rows) == 14373
    assert not [r for r in lens_rows if isinstance(r, RowError)]


def test_first_row_values(lens_rows) -> None:
    first = lens_rows[0]
    assert first.id == "US20250100135" and first.kind == "A1" and first.original_id == "US 2025/0100135 A1"
    assert first.title == {"en": "ROBOT CONTROL POLICY"}
    assert first.application_date == dt.date(2024, 9, 19) and first.publication_date == dt.date(2025, 3, 27)
    assert [c.symbol for c in first.ipc] == ["B25J9/16", "G06N3/008"]
    assert [(p.name, p.normalized, p.kind) for p in first.applicants] == [
        ("MENTEE ROBOTICS LTD", "MENTEE ROBOTICS", "company")
    ]
    assert first.legal_status == "PENDING" and first.grant_date is None
    assert first.provenance[0].location == "row 1"


def test_granted_rows_get_grant_date_and_unusual_keys_parse(lens_rows) -> None:
    by_original = {r.original_id: r for r in lens_rows}
    tw = by_original["TW I872028 B"]
    assert tw.id == "TWI872028" and tw.grant_date == tw.publication_date == dt.date(2025, 2, 11)
    assert by_original["JP WO2019130429 A1"].title == {"ja": "ピッキング対象物把持情報登録システム"}
    assert [c.symbol for c in by_original["IT 202100008006 A1"].ipc] == ["B25J"]  # Lens wrote "B25J/"


def test_jurisdiction_counts_match_sources(lens_rows) -> None:
    from collections import Counter

    offices = Counter(r.jurisdiction for r in lens_rows)
    assert (offices["US"], offices["WO"], offices["EP"], offices["CN"]) == (10413, 1599, 1303, 951)


def test_detected_by_content(tmp_path: Path, patents_dir: Path) -> None:
    copy = tmp_path / "export_without_telling_name.txt"
    copy.write_bytes(gzip.decompress((patents_dir / "lens_robotics_physical_ai" / "pai.csv.gz").read_bytes())[:5000])
    assert detect_format(copy) == "lens"


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "lens.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_bad_rows_are_quarantined_with_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER
        + "US 1234567 B2,US,Good,2001-01-01,2003-01-01,2003,ACME INC,B25J9/16,Granted Patent,ACTIVE\n"
        + "US 1234568 B2,US,Bad date,2001-01-01,9999-01-01,2003,ACME INC,B25J9/16,Granted Patent,ACTIVE\n"
        + "nonsense,US,Bad key,2001-01-01,2003-01-01,2003,ACME INC,B25J9/16,Granted Patent,ACTIVE\n"
        + "US 1234569 B2,US,Bad code,2001-01-01,2003-01-01,2003,ACME INC,robot arm,Granted Patent,ACTIVE\n"
        + "US 1234570 B2,EP,Office mismatch,2001-01-01,2003-01-01,2003,ACME INC,B25J9/16,Granted Patent,ACTIVE\n"
        + "US 1234571 B2,US,Short row\n",
    )
    rows = list(lens.read(path))
    assert len(rows) == 6
    assert isinstance(rows[0], PatentRecord)
    errors = {r.location: r for r in rows if isinstance(r, RowError)}
    assert errors["row 2"].field == "Publication Date" and "9999-01-01" in errors["row 2"].reason
    assert errors["row 3"].field == "Display Key"
    assert errors["row 4"].field == "IPCR Classifications" and "robot arm" in errors["row 4"].reason
    assert errors["row 5"].field == "Jurisdiction"
    assert "3 fields" in errors["row 6"].reason


def test_gbk_and_bom_files_decode(tmp_path: Path) -> None:
    line = "CN 112313044 A,CN,一种机器人,2020-01-01,2021-02-05,2021,浙江大学,B25J9/16,Patent Application,PENDING\n"
    for encoding, prefix in (("gb18030", ""), ("utf-8", "\ufeff")):
        rows = list(lens.read(_write(tmp_path, prefix + HEADER + line, encoding)))
        assert rows[0].title == {"zh": "一种机器人"} and rows[0].applicants[0].kind == "university"


def test_undecodable_bytes_quarantine_one_row(tmp_path: Path) -> None:
    good = b"US 1234567 B2,US,Good,2001-01-01,2003-01-01,2003,ACME INC,B25J9/16,Granted Patent,ACTIVE\n"
    bad = b"US 1234568 B2,US,Bad \xff\xfe title,2001-01-01,2003-01-01,2003,ACME INC,B25J9/16,Granted Patent,ACTIVE\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(HEADER.encode() + good * 2000 + bad)
    rows = list(lens.read(path))
    assert len(rows) == 2001
    assert isinstance(rows[-1], RowError) and rows[-1].field == "Title" and rows[-1].location == "row 2001"


def test_truncated_gzip_keeps_rows_before_the_cut(tmp_path: Path) -> None:
    body = HEADER + "US 1234567 B2,US,Good,2001-01-01,2003-01-01,2003,ACME INC,B25J9/16,Granted Patent,ACTIVE\n" * 5000
    data = gzip.compress(body.encode())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    rows = list(lens.read(path))
    assert isinstance(rows[-1], RowError) and "truncated" in rows[-1].reason
    assert all(isinstance(r, PatentRecord) for r in rows[:-1]) and len(rows) > 10


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "empty"), (HEADER.replace(",", ";"), "missing column")],
)
def test_file_level_errors_name_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(InputFormatError, match=message) as info:
        list(lens.read(path))
    assert str(path) in str(info.value)
