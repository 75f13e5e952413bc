"""The ingest pipeline: every row accounted for, idempotent writes, quarantine file, file errors."""

import csv
import json
from pathlib import Path

import pytest

from ipnav.ingestion import ingest_paths
from ipnav.status import store_status
from ipnav.store.sqlite import SqliteStore

HEADER = (
    "Display Key,Jurisdiction,Title,Application Date,Publication Date,Publication Year,Applicants,"
    "IPCR Classifications,Document Type,Legal Status\n"
)
ROWS = [
    "EP 1234567 A1,EP,Robot gripper,2019-01-01,2020-05-01,2020,ROBOT CO LTD,B25J15/00,Patent Application,PENDING\n",
    "EP 1234567 B1,EP,Robot gripper with fingers,2019-01-01,2022-07-01,2022,ROBOT CO LTD,B25J15/08,"
    "Granted Patent,ACTIVE\n",
    "US 7654321 B2,US,Machine vise,2005-01-01,2008-01-01,2008,Vise Corporation,B25B1/10,Granted Patent,EXPIRED\n",
    "US 7654322 B2,US,Broken,2005-01-01,3000-01-01,2008,VISE CORP,B25B1/10,Granted Patent,EXPIRED\n",
]


def _lens(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _dump(store: SqliteStore) -> str:
    return json.dumps(
        [
            store_status(store),
            [p.id for p in store.iter_patents()],
            [sorted(p.provenance) for p in store.iter_patents()],
        ],
        sort_keys=True,
        default=str,
    )


def test_accounting_quarantine_and_idempotence(tmp_path: Path) -> None:
    src = _lens(tmp_path, "a.csv", ROWS)
    quarantine = tmp_path / "q.csv"
    with SqliteStore(tmp_path / "s.db") as store:
        first = ingest_paths([src], store, quarantine_path=quarantine, progress=False).as_dict()
        assert (first["read"], first["stored"], first["merged_duplicates"], first["quarantined"]) == (4, 2, 1, 1)
        assert first["inserted"] == 2
        before = _dump(store)
        again = ingest_paths([src], store, quarantine_path=quarantine, progress=False).as_dict()
        assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 2)
        assert _dump(store) == before
        merged = store.get_patent("EP1234567")
        assert merged.kind == "B1" and merged.legal_status == "ACTIVE" and len(merged.provenance) == 2
        assert store.organizations("vise")[0]["key"] == "VISE"
    rows = list(csv.DictReader(quarantine.open(encoding="utf-8")))
    assert len(rows) == 1  # re-ingesting replaced, not duplicated, the quarantine rows of that source
    assert rows[0]["location"] == "row 4" and rows[0]["field"] == "Publication Date" and rows[0]["source"] == str(src)


def test_order_of_files_does_not_matter(tmp_path: Path) -> None:
    a = _lens(tmp_path, "a.csv", ROWS[:1] + ROWS[2:3])
    b = _lens(tmp_path, "b.csv", ROWS[1:2])
    dumps = []
    for order, name in (([a, b], "ab.db"), ([b, a], "ba.db")):
        with SqliteStore(tmp_path / name) as store:
            ingest_paths(order, store, progress=False)
            dumps.append([p for p in store.iter_patents()])
    assert dumps[0] == dumps[1]


def test_unknown_file_is_a_file_error_and_folders_are_recursive(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    _lens(tmp_path / "in" / "sub", "a.csv", ROWS[:1])
    (tmp_path / "in" / "notes.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    (tmp_path / "in" / "README.md").write_text("not data", encoding="utf-8")
    with SqliteStore(tmp_path / "s.db") as store:
        result = ingest_paths([tmp_path / "in"], store, quarantine_path=tmp_path / "q.csv", progress=False).as_dict()
    assert result["stored"] == 1 and result["read"] == 1
    assert [Path(e["file"]).name for e in result["file_errors"]] == ["notes.csv"]
    assert "no reader recognises" in result["file_errors"][0]["error"]


@pytest.mark.shared
def test_lens_file_counts_add_up(tmp_path: Path, patents_dir: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        result = ingest_paths([patents_dir / "lens_robotics_physical_ai"], store, progress=False).as_dict()
        assert result["read"] == 14373
        assert result["read"] == result["stored"] + result["quarantined"] + result["merged_duplicates"]
        assert result["stored"] == store.count_patents() == 14086
        status = store_status(store, top=3)
    assert [a["key"] for a in status["top_applicants"]] == ["INTEL", "ROBERT BOSCH", "GOOGLE"]
    assert status["top_applicants"][0]["patents"] == 1028


def test_mapping_reads_a_sheet_no_reader_recognises(tmp_path: Path) -> None:
    sheet = tmp_path / "inhouse.csv"
    sheet.write_text("Doc No,Heading,Owner(s)\nCN 112313044 A,一种机器人,洛阳轴承研究所\n", encoding="utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text("publication_number: Doc No\ntitle: {zh: Heading}\napplicants: Owner(s)\n", encoding="utf-8")
    from ipnav.ingestion import load_mapping

    with SqliteStore(tmp_path / "s.db") as store:
        result = ingest_paths([sheet], store, mapping=load_mapping(mapping), progress=False).as_dict()
        assert result["by_format"]["csv"]["stored"] == 1
        record = store.get_patent("CN112313044")
    assert record.title == {"zh": "一种机器人"} and record.applicants[0].name == "洛阳轴承研究所"


def test_records_in_non_canonical_order_reingest_unchanged(tmp_path: Path) -> None:
    from ipnav.records import PatentRecord

    record = PatentRecord(id="US1", jurisdiction="US", cited=("US9", "US3", "US5"), priority_countries=("JP", "DE"))
    with SqliteStore(tmp_path / "s.db") as store:
        assert store.upsert_patents([record]).inserted == 1
        again = store.upsert_patents([record])
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)


def test_reingest_of_every_demo_file_changes_nothing(tmp_path: Path, repo_root: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        ingest_paths([repo_root / "data" / "demo"], store, progress=False)
        again = ingest_paths([repo_root / "data" / "demo"], store, progress=False).as_dict()
    assert (again["inserted"], again["updated"]) == (0, 0) and again["unchanged"] >= again["stored"] == 14467
