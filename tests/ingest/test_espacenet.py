"""The Espacenet reader: the real German-UI export, English/French fixtures, broken copies."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from collections import Counter
from pathlib import Path

import pytest

from ingest import detect_format, espacenet
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

FIXTURES = Path(__file__).parent / "fixtures"
REAL = "espacenet_machine_vise/Espacenet-machine-vise-Suchergebnis_20250310_1901.csv"
DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "espacenet_machine_vise.csv.gz"


def _records(rows: list) -> list[PatentRecord]:
    return [r for r in rows if isinstance(r, PatentRecord)]


def _data_rows(text: str, skip: int) -> int:
    """Rows after the header, counted by the csv module on its own (the reader is not used)."""
    lines = io.StringIO(text)
    for _ in range(skip + 1):
        lines.readline()
    return sum(1 for _ in csv.reader(lines, delimiter=";"))


@pytest.fixture(scope="module")
def real_rows(patents_dir: Path) -> list[PatentRecord | RowError]:
    return list(espacenet.read(patents_dir / REAL))


@pytest.mark.shared
def test_every_row_of_the_real_export_is_a_record(real_rows, patents_dir: Path) -> None:
    text = (patents_dir / REAL).read_text(encoding="utf-8")
    assert len(real_rows) == _data_rows(text, skip=7) == 364
    assert all(isinstance(r, PatentRecord) for r in real_rows)


@pytest.mark.shared
def test_first_row_values(real_rows) -> None:
    first = real_rows[0]
    assert (first.id, first.kind, first.jurisdiction) == ("US4750722", "A", "US")
    assert first.title == {"en": "Supplemental machine vise"}
    assert first.family_id == "25067405"  # "025067405" in the file
    assert first.priority_date == dt.date(1985, 8, 7)
    assert first.publication_date == first.grant_date == dt.date(1988, 6, 14)  # US "A" before 2001
    assert [c.symbol for c in first.ipc] == ["B25B1/10", "B25B1/24"]  # the duplicate B25B1/10 once
    assert [c.symbol for c in first.cpc] == [
        "B25B1/103",
        "B25B1/24",
        "B25B1/2405",
        "B25B1/2478",
        "B25B1/2494",
    ]
    assert [(p.name, p.country, p.kind) for p in first.applicants] == [("CHICK JAMES P", "US", "individual")]
    assert first.provenance[0].location == "row 1"


@pytest.mark.shared
def test_multi_valued_cells(real_rows) -> None:
    vise = real_rows[6]  # "Machine vise with clamping force detector"
    assert [(p.name, p.country) for p in vise.inventors] == [
        ("HORIE TAKAO", "JP"),
        ("SAKAI SYOICHI", "JP"),
    ]
    assert vise.applicants[0].name == "NABEYA IRON & TOOL WORKS" and vise.applicants[0].country == "JP"
    assert [c.symbol for c in vise.cpc][:2] == ["B23Q1/0018", "B23Q17/005"]
    jaw = real_rows[9]  # two publications of one family on one row
    assert (jaw.id, jaw.kind) == ("US20030098538", "A1")
    assert jaw.extra["family_publications"] == ["US6773003B2"]
    assert jaw.extra["family_publication_dates"] == ["2003-05-29", "2004-08-10"]
    assert jaw.publication_date == dt.date(2003, 5, 29) and jaw.grant_date is None
    assert jaw.applicants == ()  # the Anmelder cell is empty


@pytest.mark.shared
def test_untitled_rows_and_office_counts(real_rows) -> None:
    untitled = real_rows[101]
    assert (untitled.id, untitled.kind, untitled.title) == ("JPH0385037", "U", {})
    assert untitled.extra["family_publications"] == ["JPH0644426Y2"]
    assert sum(1 for r in real_rows if not r.title) == 55  # "Kein Titel verfügbar"
    offices = Counter(r.jurisdiction for r in real_rows)
    assert [offices[c] for c in ("US", "JP", "CN", "FR", "CA", "SU", "KR", "EP")] == [
        187,
        90,
        20,
        20,
        8,
        8,
        7,
        6,
    ]


@pytest.mark.shared
def test_detected_by_content_under_any_name(tmp_path: Path, patents_dir: Path) -> None:
    copy = tmp_path / "export.txt"
    copy.write_bytes((patents_dir / REAL).read_bytes())
    assert detect_format(copy) == "espacenet"


def test_shipped_demo_copy_reads_fully() -> None:
    rows = list(espacenet.read(DEMO))
    assert len(rows) == 364 and all(isinstance(r, PatentRecord) for r in rows)
    assert rows[0].id == "US4750722"


def test_english_ui_export() -> None:
    rows = list(espacenet.read(FIXTURES / "espacenet_en.csv"))
    assert len(rows) == 3 and all(isinstance(r, PatentRecord) for r in rows)
    gripper, untitled, cup = rows
    assert (gripper.id, gripper.kind, gripper.family_id) == ("EP3456789", "A1", "63012345")
    assert gripper.extra["family_publications"] == ["US20210123456A1", "CN112233445A"]
    assert [(p.name, p.country) for p in gripper.inventors] == [
        ("MUELLER ANNA", "DE"),
        ("SMITH JOHN", "US"),
    ]
    assert [(p.normalized, p.kind) for p in gripper.applicants] == [("ROBOTIX", "company")]
    assert [c.symbol for c in gripper.cpc] == ["B25J15/0009", "B25J15/083"]
    assert gripper.grant_date is None  # EP A1 is an application
    assert untitled.title == {} and untitled.cpc == () and untitled.id == "JP2019123456"
    assert cup.grant_date == cup.publication_date == dt.date(2020, 6, 16)  # CN B is a grant
    assert cup.extra["earliest_publication"] == "2018-05-08"
    assert detect_format(FIXTURES / "espacenet_en.csv") == "espacenet"


def test_french_ui_export_with_commas() -> None:
    rows = list(espacenet.read(FIXTURES / "espacenet_fr.csv"))
    assert [r.id for r in rows] == ["FR3012345", "FR2999999"]
    assert rows[0].title == {"en": "Étau de machine à mors interchangeables"}  # script-based tag
    assert rows[0].applicants[0].country == "FR" and rows[0].family_id == "51234567"
    assert rows[1].title == {} and [c.symbol for c in rows[1].ipc] == ["B25B1/24"]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _strip(rows: list) -> list:
    from dataclasses import replace

    return [replace(r, provenance=()) for r in rows]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_bom_and_cp1252_copies_read_the_same(tmp_path: Path, encoding: str) -> None:
    text = (FIXTURES / "espacenet_fr.csv").read_text(encoding="utf-8")
    copy = _write(tmp_path, "fr.csv", text.encode(encoding))
    assert _strip(list(espacenet.read(copy))) == _strip(list(espacenet.read(FIXTURES / "espacenet_fr.csv")))


def test_gzip_copy_and_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress((FIXTURES / "espacenet_en.csv").read_bytes())
    whole = list(espacenet.read(_write(tmp_path, "en.csv.gz", data)))
    assert [r.id for r in whole] == ["EP3456789", "JP2019123456", "CN108000001"]
    demo = DEMO.read_bytes()
    rows = list(espacenet.read(_write(tmp_path, "cut.csv.gz", demo[: len(demo) // 2])))
    assert isinstance(rows[-1], RowError) and "truncated" in rows[-1].reason
    assert 50 < len(rows) < 364 and all(isinstance(r, PatentRecord) for r in rows[:-1])
    assert [r.id for r in rows[:3]] == ["US4750722", "US6024352", "US5377963"]
    with pytest.raises(InputFormatError, match=r"cut-header\.csv\.gz: file is truncated"):
        list(espacenet.read(_write(tmp_path, "cut-header.csv.gz", demo[:40])))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"Display Key,Jurisdiction,Title\nUS 1 B2,US,x\n", "no Espacenet header"),
        (b'"No","Titel"\n"1","x"\n', "no Espacenet header"),
    ],
)
def test_files_that_are_not_espacenet_exports(tmp_path: Path, content: bytes, message: str) -> None:
    path = _write(tmp_path, "x.csv", content)
    assert not espacenet.sniff(path, content.decode())
    with pytest.raises(InputFormatError, match=message):
        list(espacenet.read(path))


def test_bad_rows_are_quarantined_naming_the_column(tmp_path: Path) -> None:
    header = (
        '"No";"Title";"Inventors";"Applicants";"Publication number";"Earliest priority";'
        '"IPC";"CPC";"Publication date";"Earliest publication";"Family number"\n'
    )
    rows = [
        '"1";"Good";"";"";"US5000001A";"1990-01-01";"B25B1/10";"";"1991-03-19";"";"1"',
        '"2";"Absurd date";"";"";"US5000002A";"2999-01-01";"B25B1/10";"";"1991-03-19";"";"2"',
        '"3";"Bad code";"";"";"US5000003A";"1990-01-01";"vise jaw";"";"1991-03-19";"";"3"',
        '"4";"No number";"";"";"";"1990-01-01";"B25B1/10";"";"1991-03-19";"";"4"',
        '"5";"Short row"',
    ]
    path = _write(tmp_path, "bad.csv", ('"Espacenet"\n' + header + "\n".join(rows) + "\n").encode())
    out = list(espacenet.read(path))
    assert len(out) == 5 and isinstance(out[0], PatentRecord)
    errors = {e.location: e for e in out if isinstance(e, RowError)}
    assert errors["row 2"].field == "Earliest priority" and "2999-01-01" in errors["row 2"].reason
    assert errors["row 3"].field == "IPC" and "vise jaw" in errors["row 3"].reason
    assert errors["row 4"].field == "Publication number"
    assert "fields" in errors["row 5"].reason and errors["row 5"].source == str(path)
