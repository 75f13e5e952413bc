"""PatentsView bulk tables: join on patent_id, parsed values, row accounting, zipped tables.

The fixture tables (tests/ingest/fixtures/patentsview) are hand-made with the exact header names
of the PatentsView data dictionary; g_patent and g_patent_abstract are quoted the way PatentsView
writes them (csv.QUOTE_NONNUMERIC), the other tables are not.
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import zipfile
from pathlib import Path

import pytest

from ingest import detect_format, iter_files, patentsview
from ingest.patentsview_tables import identify, read_header
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

FIXTURES = Path(__file__).parent / "fixtures" / "patentsview"
G_PATENT_ROWS = 7


def read_folder(folder: Path) -> tuple[dict[str, PatentRecord], list[RowError]]:
    records: dict[str, PatentRecord] = {}
    errors: list[RowError] = []
    for path in iter_files(folder):
        for row in patentsview.read(path):
            if isinstance(row, RowError):
                errors.append(row)
            else:
                assert row.id not in records
                records[row.id] = row
    return records, errors


@pytest.fixture(scope="module")
def joined() -> tuple[dict[str, PatentRecord], list[RowError]]:
    return read_folder(FIXTURES)


def test_every_g_patent_row_is_one_record_or_one_error(joined):
    records, errors = joined
    assert sorted(records) == [
        "US10000001",
        "US10000002",
        "US10000003",
        "USD800001",
        "USPP29001",
        "USRE46789",
    ]
    patent_errors = [e for e in errors if e.source.endswith("g_patent.tsv")]
    assert len(records) + len(patent_errors) == G_PATENT_ROWS
    (bad_date,) = patent_errors
    assert (bad_date.location, bad_date.field) == ("row 7", "patent_date")
    assert bad_date.reason == "patent_date: not a date: '2018-13-45' (patent_id '10000004')"


def test_side_rows_without_patent_and_malformed_side_rows_are_reported(joined):
    _, errors = joined
    found = sorted((Path(e.source).name, e.location, e.field) for e in errors if not e.source.endswith("g_patent.tsv"))
    assert found == [
        ("g_cpc_current.tsv", "row 3", "cpc_group"),  # NOT-A-CODE
        ("g_cpc_current.tsv", "row 8", "patent_id"),  # 88888888 not in g_patent
        ("g_patent_abstract.tsv", "row 6", "patent_id"),  # 99999999 not in g_patent
        ("g_us_patent_citation.tsv", "row 6", "citation_patent_id"),  # NOT-AVAILABLE
        ("g_us_patent_citation.tsv", "row 7", "patent_id"),  # 77777777 not in g_patent
    ]
    orphan = next(e for e in errors if e.source.endswith("g_patent_abstract.tsv"))
    assert "'99999999'" in orphan.reason and "not in any g_patent table" in orphan.reason
    assert "patent_id=99999999" in orphan.raw


def test_utility_patent_joins_all_tables(joined):
    records, _ = joined
    r = records["US10000001"]
    assert (r.kind, r.grant_date, r.publication_date) == (
        "B2",
        dt.date(2018, 6, 19),
        dt.date(2018, 6, 19),
    )
    assert r.title == {"en": "Robotic gripper with compliant fingers"}
    assert r.abstract == {"en": 'A gripper has two compliant fingers.\tEach finger\nholds a "soft" pad.'}
    assert (r.application_number, r.application_date) == ("15123456", dt.date(2016, 3, 1))
    assert r.claims_count == 20 and r.legal_status is None
    assert [c.symbol for c in r.cpc] == [
        "B25J15/0009",
        "B25J9/1612",
    ]  # ordered by cpc_sequence, bad row left out
    assert r.extra["cpc_first"] == "B25J15/0009" and r.extra["cpc_inventional"] == ["B25J15/0009"]
    assert [c.symbol for c in r.ipc] == ["B25J15/00", "B25J9/16"] and r.extra["ipc_main"] == "B25J15/00"
    assert r.cited == (
        "US9000001",
        "USD700001",
        "USRE45000",
        "WO2015123456",
    )  # duplicate 9000001 once
    assert (r.extra["patent_citations"], r.extra["examiner_citations"], r.extra["npl_count"]) == (
        5,
        2,
        2,
    )
    assert r.priority_date == dt.date(2015, 3, 2) and r.priority_countries == ("CN",)
    assert r.extra["patent_type"] == "utility" and r.extra["source_file"] == "ipg180619.xml"
    assert r.industries == ()
    assert r.provenance[0].location == "row 1" and r.provenance[0].format == "patentsview"


def test_multiple_assignees_in_sequence_order_with_locations(joined):
    records, _ = joined
    applicants = records["US10000001"].applicants
    assert [(p.name, p.normalized, p.kind, p.country, p.address) for p in applicants] == [
        (
            "Luoyang Bearing Science & Technology Co., Ltd.",
            "LUOYANG BEARING SCI TECH",
            "company",
            "CN",
            "Luoyang",
        ),
        ("Tsinghua University", "UNIV TSINGHUA", "university", "CN", "Beijing"),
    ]
    assert [(p.name, p.normalized, p.country) for p in records["US10000001"].inventors] == [
        ("Wei Zhang", "WEI ZHANG", "CN"),
        ("Na Li", "NA LI", "CN"),
    ]


def test_individual_assignee_and_foreign_citation(joined):
    records, _ = joined
    r = records["US10000002"]
    (owner,) = r.applicants
    assert (owner.name, owner.kind, owner.country, owner.address) == (
        "John Smith",
        "individual",
        "US",
        "Austin, TX",
    )
    assert r.cited == ("US8123456", "DE102005012345")
    assert "applicants_from" not in r.extra


def test_design_reissue_and_plant_patents(joined):
    records, _ = joined
    design = records["USD800001"]
    assert (design.kind, design.abstract, design.extra["patent_type"]) == (
        "S1",
        {},
        "design",
    )  # no abstract row
    assert design.applicants[0].normalized == "DMG MORI" and design.priority_countries == ("JP",)
    reissue = records["USRE46789"]
    assert (reissue.kind, [c.symbol for c in reissue.cpc]) == ("E", ["F16C33/44"])
    plant = records["USPP29001"]
    assert plant.title == {"en": 'Apple tree named "Luoyang Red"'}
    assert [p.name for p in plant.applicants] == ["Hong Wang"] and plant.extra["applicants_from"] == "inventors"


def test_withdrawn_patent(joined):
    records, _ = joined
    assert records["US10000003"].legal_status == "WITHDRAWN"


def test_side_table_of_a_folder_with_g_patent_yields_nothing():
    assert list(patentsview.read(FIXTURES / "g_cpc_current.tsv")) == []
    assert list(patentsview.read(FIXTURES / "g_location_disambiguated.tsv")) == []


def test_side_table_alone_gives_partial_records(tmp_path: Path):
    shutil.copy(FIXTURES / "g_cpc_current.tsv", tmp_path)
    rows = list(patentsview.read(tmp_path / "g_cpc_current.tsv"))
    records = {r.id: r for r in rows if isinstance(r, PatentRecord)}
    errors = [r for r in rows if isinstance(r, RowError)]
    assert sorted(records) == ["US10000001", "US10000002", "US10000003", "US88888888", "USRE46789"]
    assert [c.symbol for c in records["US10000002"].cpc] == ["C04B35/64", "C04B35/80"]
    assert records["US10000002"].title == {} and records["US10000002"].applicants == ()
    assert [(e.location, e.field) for e in errors] == [("row 3", "cpc_group")]


def test_missing_tables_leave_fields_empty(tmp_path: Path):
    shutil.copy(FIXTURES / "g_patent.tsv", tmp_path)
    shutil.copy(FIXTURES / "g_inventor_disambiguated.tsv", tmp_path)
    records, errors = read_folder(tmp_path)
    r = records["US10000001"]
    assert r.cpc == () and r.abstract == {} and r.cited == ()
    assert [p.name for p in r.inventors] == ["Wei Zhang", "Na Li"]
    assert r.inventors[0].country is None  # no g_location_disambiguated
    assert r.applicants == ()  # assignees unknown (no table), not "owned by the inventors"
    assert len(errors) == 1


def test_zipped_and_gzipped_tables_give_the_same_records(tmp_path: Path, joined):
    expected, expected_errors = joined
    for i, path in enumerate(sorted(FIXTURES.glob("*.tsv"))):
        if i % 2:
            with zipfile.ZipFile(tmp_path / f"{path.name}.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.write(path, arcname=path.name)
        else:
            (tmp_path / f"{path.name}.gz").write_bytes(gzip.compress(path.read_bytes()))
    records, errors = read_folder(tmp_path)
    assert {k: (r.cpc, r.applicants, r.cited, r.abstract) for k, r in records.items()} == {
        k: (r.cpc, r.applicants, r.cited, r.abstract) for k, r in expected.items()
    }
    assert len(errors) == len(expected_errors)


def test_two_g_patent_files_report_orphans_once(tmp_path: Path):
    lines = (FIXTURES / "g_patent.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "g_patent_part1.tsv").write_text(lines[0] + "".join(lines[1:4]), encoding="utf-8")
    (tmp_path / "g_patent_part2.tsv").write_text(lines[0] + "".join(lines[4:]), encoding="utf-8")
    for name in ("g_cpc_current.tsv", "g_patent_abstract.tsv"):
        shutil.copy(FIXTURES / name, tmp_path)
    records, errors = read_folder(tmp_path)
    assert len(records) == 6
    orphans = sorted(e.reason.split("'")[1] for e in errors if e.field == "patent_id")
    assert orphans == ["88888888", "99999999"]
    assert [c.symbol for c in records["US10000002"].cpc] == ["C04B35/64", "C04B35/80"]


def test_detection_by_header_not_file_name(tmp_path: Path):
    renamed = tmp_path / "my_export.tsv"
    shutil.copy(FIXTURES / "g_ipc_at_issue.tsv", renamed)
    assert detect_format(renamed) == "patentsview"
    archive = tmp_path / "patents.tsv.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURES / "g_patent.tsv", arcname="g_patent.tsv")
    assert detect_format(archive) == "patentsview"
    assert identify(read_header(archive)) == "g_patent"
    other = tmp_path / "lens.csv"
    other.write_text("Display Key,Title\nUS 1 A,x\n", encoding="utf-8")
    assert not patentsview.sniff(other, other.read_text())


def test_exact_data_dictionary_headers_are_recognised():
    expected = {
        "g_patent.tsv": "g_patent",
        "g_patent_abstract.tsv": "g_patent_abstract",
        "g_application.tsv": "g_application",
        "g_cpc_current.tsv": "g_cpc_current",
        "g_ipc_at_issue.tsv": "g_ipc_at_issue",
        "g_assignee_disambiguated.tsv": "g_assignee_disambiguated",
        "g_inventor_disambiguated.tsv": "g_inventor_disambiguated",
        "g_us_patent_citation.tsv": "g_us_patent_citation",
        "g_foreign_citation.tsv": "g_foreign_citation",
        "g_other_reference.tsv": "g_other_reference",
        "g_foreign_priority.tsv": "g_foreign_priority",
        "g_location_disambiguated.tsv": "g_location_disambiguated",
    }
    assert {p.name: identify(read_header(p)) for p in FIXTURES.glob("*.tsv")} == expected
    assert read_header(FIXTURES / "g_patent.tsv") == (
        "patent_id",
        "patent_type",
        "patent_date",
        "patent_title",
        "wipo_kind",
        "num_claims",
        "withdrawn",
        "filename",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not a PatentsView table"),
        ("patent_id,patent_type,patent_date\n1,utility,2018-01-01\n", "not a PatentsView table"),
        ("foo\tbar\n1\t2\n", "not a PatentsView table; header: \\['foo', 'bar'\\]"),
    ],
)
def test_not_a_patentsview_table(tmp_path: Path, content: str, message: str):
    path = tmp_path / "g_patent.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFormatError, match=message) as info:
        list(patentsview.read(path))
    assert str(path) in str(info.value)


def test_wrong_field_count_and_bad_bytes_are_row_errors(tmp_path: Path):
    header = (FIXTURES / "g_patent.tsv").read_bytes().splitlines(keepends=True)[0]
    good = b'"10000009"\t"utility"\t"2019-01-01"\t"Gear"\t"B2"\t4\t0\t"ipg190101.xml"\n'
    short = b'"10000010"\t"utility"\t"2019-01-01"\n'
    latin1 = b'"10000011"\t"utility"\t"2019-01-01"\t"Z\xe4hne"\t"B2"\t4\t0\t"x"\n'
    path = tmp_path / "g_patent.tsv"
    claims = b'"10000012"\t"utility"\t"2019-01-01"\t"Gear"\t"B2"\t"many"\t0\t"x"\n'
    path.write_bytes(header + good + short + latin1 + claims)
    rows = list(patentsview.read(path))
    assert isinstance(rows[0], PatentRecord) and rows[0].id == "US10000009"
    assert (rows[1].location, rows[1].reason) == ("row 2", "row has 3 fields, header has 8")
    assert (rows[2].location, rows[2].field) == ("row 3", "patent_title")
    assert (rows[3].location, rows[3].field) == ("row 4", "num_claims")
    assert "'many'" in rows[3].reason
    assert len(rows) == 4
