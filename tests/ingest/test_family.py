"""Family-level records (``ingest.family``) and the ``family`` id scheme in the core record."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import detect_format, family
from ipnav.exceptions import InvalidRecordError
from ipnav.ingestion import ingest_paths
from ipnav.records import PatentRecord, RowError, merge_records, validate_record

# The shape of Bergeaud & Verluise's benchmark: family 26940037 twice, with two labels and titles.
BENCHMARK = "\n".join(
    [
        "family_id,expansion_level,title,abstract,text,label",
        "64980420,SEED,A kind of method that selective laser fusing prepares TiAl/TC4,"
        'The present invention provides a method.,"A kind of method that selective laser fusing prepares TiAl/TC4 '
        'The present invention\n provides a method.",1',
        "26940037,SEED,Stereolithographic apparatus with means to measure the level,A stereolithography method.,"
        "Stereolithographic apparatus with means to measure the level A stereolithography method.,1",
        "26940037,ANTISEED-manual,Recoating of stereolithographic layers,A stereolithography method.,"
        "Recoating of stereolithographic layers A stereolithography method.,0",
        "026400942,ANTISEED-AF,,,,0",
        "573635,ANTISEED-AF,,,Only the joined text survives here,0",
        "27891144,ANTISEED-AF,Alloy,Powder.,Alloy Powder. Plus a note the two columns lack,0",
        "-1,SEED,No family,,,1",
        ",SEED,No family either,,,1",
        "",
    ]
)


def _read(tmp_path: Path, text: str = BENCHMARK, name: str = "eval.csv") -> list[PatentRecord | RowError]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(family.read(path))


def test_rows_become_family_records(tmp_path: Path) -> None:
    rows = _read(tmp_path)
    assert len(rows) == 8
    first = rows[0]
    assert isinstance(first, PatentRecord)
    assert (first.id, first.id_scheme, first.family_id, first.original_id) == (
        "FAM64980420",
        "family",
        "64980420",
        "64980420",
    )
    assert first.title == {"en": "A kind of method that selective laser fusing prepares TiAl/TC4"}
    assert first.abstract == {"en": "The present invention provides a method."}
    # ``text`` is title + abstract (a line break aside): not stored twice.
    assert first.extra == {"expansion_level": "SEED", "label": 1}
    assert first.jurisdiction is None and first.codes == () and first.year is None


def test_duplicate_family_keeps_every_label_and_title(tmp_path: Path) -> None:
    seed, manual = _read(tmp_path)[1:3]
    assert isinstance(seed, PatentRecord) and isinstance(manual, PatentRecord)
    assert seed.id == manual.id == "FAM26940037"
    assert seed.extra["expansion_level_values"] == ["ANTISEED-manual", "SEED"]
    assert seed.extra["label_values"] == [0, 1]
    assert seed.extra["title_values"] == [
        "Recoating of stereolithographic layers",
        "Stereolithographic apparatus with means to measure the level",
    ]
    assert "abstract_values" not in seed.extra  # the same abstract on both rows
    merged = merge_records(seed, manual)
    assert merged.extra["label_values"] == [0, 1] and merged.extra["expansion_level_values"] == [
        "ANTISEED-manual",
        "SEED",
    ]
    assert merged.id_scheme == "family" and len(merged.provenance) == 2


def test_text_only_rows_and_text_that_says_more(tmp_path: Path) -> None:
    rows = _read(tmp_path)
    empty, text_only, more = rows[3], rows[4], rows[5]
    assert isinstance(empty, PatentRecord) and isinstance(text_only, PatentRecord) and isinstance(more, PatentRecord)
    assert (empty.id, empty.family_id, empty.title, empty.abstract) == ("FAM26400942", "26400942", {}, {})
    assert text_only.abstract == {"en": "Only the joined text survives here"} and text_only.title == {}
    assert more.extra["text"] == "Alloy Powder. Plus a note the two columns lack"


def test_rows_without_a_family_id_are_quarantined(tmp_path: Path) -> None:
    errors = [r for r in _read(tmp_path) if isinstance(r, RowError)]
    assert [(e.location, e.field) for e in errors] == [("row 7", "family_id"), ("row 8", "family_id")]
    assert "family_id: no family id: '-1'" in errors[0].reason
    assert errors[0].format == "family" and "No family" in errors[0].raw


def test_codes_parties_and_dates_of_a_family_table(tmp_path: Path) -> None:
    text = (
        "docdb_family_id,title,cpc,applicants,earliest_priority_date\n"
        "123,Gripper,B25J15/00;B25J15/06,ACME CORP;浙江大学,2019-03-20\n"
        "124,Arm,NOT A CODE,,\n"
    )
    good, bad = _read(tmp_path, text, "fam.csv")
    assert isinstance(good, PatentRecord) and isinstance(bad, RowError)
    assert [c.symbol for c in good.cpc] == ["B25J15/00", "B25J15/06"]
    assert [(p.name, p.kind) for p in good.applicants] == [("ACME CORP", "company"), ("浙江大学", "university")]
    assert str(good.priority_date) == "2019-03-20" and good.year == 2019
    assert bad.field == "cpc" and "malformed CPC" in bad.reason


@pytest.mark.parametrize(
    "header, expected",
    [
        ("family_id,expansion_level,title,abstract,text,label", True),
        ("DOCDB Family ID,Title,Label", True),
        ("family_id,text", True),
        ("family_id,publication_number,title", False),  # publication-level: the mapped CSV reader
        ("family_id,label", False),
        ("publication_number,jurisdiction,publication_date,community_label", False),
    ],
)
def test_sniff(tmp_path: Path, header: str, expected: bool) -> None:
    path = tmp_path / "t.csv"
    path.write_text(header + "\n" + ",".join("1" for _ in header.split(",")) + "\n", encoding="utf-8")
    assert family.sniff(path, path.read_text()) is expected


def test_detected_and_ingested_with_the_duplicate_merged(tmp_path: Path, sqlite_store) -> None:
    path = tmp_path / "eval.csv.gz"
    import gzip

    path.write_bytes(gzip.compress(BENCHMARK.encode()))
    assert detect_format(path) == "family"
    summary = ingest_paths([path], sqlite_store, progress=False).as_dict()
    assert (summary["read"], summary["stored"], summary["merged_duplicates"], summary["quarantined"]) == (8, 5, 1, 2)
    stored = sqlite_store.get_patent("FAM26940037")
    assert stored.title == {"en": "Stereolithographic apparatus with means to measure the level"}  # the longer
    assert stored.extra["label_values"] == [0, 1]
    assert sqlite_store.counts()["nodes"]["Family"] == 5


def test_family_scheme_in_the_core_record() -> None:
    record = PatentRecord(id="FAM1", id_scheme="family", family_id="1")
    assert validate_record(record) is record
    with pytest.raises(InvalidRecordError, match="needs its family_id"):
        validate_record(PatentRecord(id="FAM1", id_scheme="family"))
    with pytest.raises(InvalidRecordError, match="id_scheme must be one of 'publication', 'family', 'label'"):
        validate_record(PatentRecord(id="X", id_scheme="docdb"))
    label = PatentRecord(id="FAM1", id_scheme="label")
    assert merge_records(record, label).id_scheme == merge_records(label, record).id_scheme == "family"
    assert merge_records(label, label).id_scheme == "label"
