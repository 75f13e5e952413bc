"""The BigQuery (Google Patents Public Data) reader: KISTA landscapes, nested columns, bad rows."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import gzip
import io
from pathlib import Path

import pytest

from ingest import bigquery, detect_format
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

FIXTURES = Path(__file__).parent / "fixtures"
FOLDER = "kista_landscapes_us_bigquery"
FILES = {
    "nighttime_driver_visibility": 948,
    "offshore_plant": 937,
    "orbit_satellite": 2281,
    "radar_rain_gauge": 512,
    "underwater_glider": 493,
}


def _table(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(gzip.decompress(path.read_bytes()).decode("utf-8"))))


@pytest.fixture(scope="module")
def radar(patents_dir: Path) -> list[PatentRecord | RowError]:
    return list(bigquery.read(patents_dir / FOLDER / "radar_rain_gauge.csv.gz"))


@pytest.mark.shared
@pytest.mark.parametrize(("name", "count"), sorted(FILES.items()))
def test_every_row_of_every_landscape_is_a_record(patents_dir: Path, name: str, count: int) -> None:
    path = patents_dir / FOLDER / f"{name}.csv.gz"
    rows = list(bigquery.read(path))
    table = _table(path)
    assert len(rows) == len(table) == count
    assert all(isinstance(r, PatentRecord) for r in rows)
    assert sum(r.extra["valid"] for r in rows) == sum(t["valid"] == "True" for t in table)
    # Google writes OFFICE-NUMBER-KIND; one cited patent may be listed at two stages (A1 and B2)
    refs = sum(len({tuple(x.split("-")[:2]) for x in ast.literal_eval(t["refs"]) if x}) for t in table if t["refs"])
    assert sum(len(r.cited) for r in rows) == refs  # every reference normalised, none unparsed
    assert not any("unparsed_citations" in r.extra for r in rows)


@pytest.mark.shared
def test_first_radar_row(radar) -> None:
    first = radar[0]
    assert (first.id, first.kind, first.original_id) == ("US5665809", "A", "US-5665809-A")
    assert first.publication_date == first.grant_date == dt.date(1997, 9, 9)
    assert first.family_id == "24081743" and first.title == {"en": "Extruded silicone gel profiles"}
    assert [c.symbol for c in first.cpc] == [
        "C08G77/20",
        "C08J3/247",
        "C08J2383/04",
        "C08L83/04",
        "C08G77/12",
        "C08G77/70",
    ]
    assert first.ipc[3].symbol == "B29C47/00" and len(first.ipc) == 7
    assert len(first.cited) == 36 and {"GB906139", "JPS61223032", "EP0324411", "US3143475"} <= set(first.cited)
    assert first.extra["uspc"][0] == "524/439." and first.extra["valid"] is False
    assert first.extra["valid:radar_rain_gauge"] is False and first.extra["landscape"] == "radar_rain_gauge"


@pytest.mark.shared
def test_pre_grant_publications_and_bare_subclasses(patents_dir: Path) -> None:
    rows = list(bigquery.read(patents_dir / FOLDER / "underwater_glider.csv.gz"))
    app = rows[0]
    assert (app.id, app.kind, app.grant_date) == (
        "US20080173533",
        "A1",
        None,
    )  # 10-digit Google form
    bare = [r for r in rows if any(c.level == "subclass" for c in r.ipc)]
    assert bare and all(c.group is None for r in bare for c in r.ipc if c.level == "subclass")  # "G01C/"


@pytest.mark.shared
def test_duplicated_rows_stay_rows(patents_dir: Path) -> None:
    rows = list(bigquery.read(patents_dir / FOLDER / "orbit_satellite.csv.gz"))
    assert len(rows) == 2281 and len({r.id for r in rows}) == 1795  # the pipeline merges the 486


@pytest.mark.shared
def test_detected_by_content(patents_dir: Path, tmp_path: Path) -> None:
    assert detect_format(patents_dir / FOLDER / "offshore_plant.csv.gz") == "bigquery"


def test_publications_table_columns() -> None:
    rows = list(bigquery.read(FIXTURES / "bigquery_nested.csv"))
    arm, reducer = rows
    assert (arm.id, arm.kind, arm.family_id) == ("US10500001", "B2", "60012345")
    assert arm.first_claim == {"en": "1. A robotic arm comprising a torque sensor."}
    assert [(p.name, p.country) for p in arm.inventors] == [
        ("DOE JANE", "US"),
        ("ROE RICHARD", "CA"),
    ]
    assert [(p.normalized, p.country, p.kind) for p in arm.applicants] == [("ACME ROBOTICS", "US", "company")]
    assert [c.symbol for c in arm.cpc] == ["B25J9/1633", "B25J13/085"]
    assert arm.cited == ("US9000001", "WO2003024198")  # WO-03024198-A1: the 2003 DOCDB form
    assert arm.extra["unparsed_citations"] == ["NPL: Smith 2015"]
    assert arm.grant_date == dt.date(2019, 12, 10) and arm.priority_date == dt.date(2016, 5, 20)
    assert reducer.title == {"zh": "一种工业机器人减速器", "en": "Industrial robot reducer"}
    assert reducer.family_id is None and reducer.grant_date is None  # family -1, grant date 0
    assert reducer.cited == () and reducer.inventors == ()


def _write(tmp_path: Path, header: str, *lines: str) -> Path:
    path = tmp_path / "landscape.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def test_bad_rows_are_quarantined(tmp_path: Path) -> None:
    header = (
        ",publication_number,publication_date,country_code,family_id,title_text,abstract_text,"
        "uspc_code,cpc_code,ipc_code,refs,embedding_v1,valid"
    )
    path = _write(
        tmp_path,
        header,
        "0,US-5000001-A,19910101,US,1,T,A,[],['B25J9/16'],[],['US-4000001-A'],,True",
        "1,US-5000002-A,29910101,US,1,T,A,[],[],[],[],,True",
        "2,US-5000003-A,19910101,US,1,T,A,[],['ROBOT ARM'],[],[],,True",
        "3,US-5000004-A,19910101,DE,1,T,A,[],[],[],[],,True",
        "4,US-5000005-A,19910101,US,1,T,A,[],['B25J9/16',[],[],,True",
        "5,not-a-number,19910101,US,1,T,A,[],[],[],[],,True",
    )
    items = list(bigquery.read(path))
    assert isinstance(items[0], PatentRecord) and items[0].cited == ("US4000001",)
    assert [(e.location, e.field) for e in items[1:]] == [
        ("row 2", "publication_date"),
        ("row 3", "cpc_code"),
        ("row 4", "country_code"),
        ("row 5", "cpc_code"),
        ("row 6", "publication_number"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "empty"), ("Display Key,Jurisdiction\nUS 1 B2,US\n", "missing column")],
)
def test_empty_and_other_format(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    assert not bigquery.sniff(path, content)
    with pytest.raises(InputFormatError, match=message):
        list(bigquery.read(path))
