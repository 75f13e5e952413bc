"""Node tables of citation networks (``ingest.nodes``): roles, link orientation, duplicates, errors.

The workbook-shaped fixture (publication number, date, undirected link list, label) is small
enough to orient by hand::

    CN101710429   2010-04-21                       <- cited by US9165406 and US10535192
    US9165406     2015-10-20 (and 2016-01-01)      <- cited by US10535192 and (tie, id order) WO2016144005
    WO2016144005  2015-10-20
    US10535192    2020-01-14                       EP9999999 is not in the table: unoriented
    KR100726028   no date                          its link to US9165406 cannot be oriented
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from ingest import detect_format, nodes
from ingest.links import orient_links, parse_links
from ingest.nodes import node_columns
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.ingestion import ingest_paths
from ipnav.records import PatentRecord, RowError

WORKBOOK = """Publication Number,Publication Date,CP,label
US10535192,2020-01-14,"['US9165406', 'CN101710429', 'EP9999999']",2
US9165406,2015-10-20,['US10535192'],2
CN101710429,2010-04-21,['US9165406'],1
US9165406,2016-01-01,['KR100726028'],1
KR100726028,,"['US9165406', 'KR100726028']",1
WO2016144005,2015-10-20,['US9165406'],2
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _records(path: Path, **kwargs) -> list[PatentRecord]:
    rows = list(nodes.read(path, **kwargs))
    assert all(isinstance(r, PatentRecord) for r in rows), [r for r in rows if isinstance(r, RowError)]
    return rows  # type: ignore[return-value]


def test_workbook_links_are_oriented_from_earlier_to_later(tmp_path: Path) -> None:
    records = _records(_write(tmp_path, "wb.csv", WORKBOOK))
    assert [r.id for r in records] == [
        "US10535192",
        "US9165406",
        "CN101710429",
        "US9165406",
        "KR100726028",
        "WO2016144005",
    ]
    cited = {r.id: r.cited for r in records}
    assert cited == {
        "US10535192": ("CN101710429", "US9165406"),
        "US9165406": ("CN101710429",),  # listed only on US9165406's row: still oriented
        "CN101710429": (),
        "KR100726028": (),
        "WO2016144005": ("US9165406",),  # same date: the smaller id is the cited one
    }
    by_row = {(r.id, r.provenance[0].location): r for r in records}
    assert by_row["US10535192", "row 1"].extra == {"label": 2, "unoriented_links": ["EP9999999"]}
    assert by_row["KR100726028", "row 5"].extra == {
        "label": 1,
        "self_link": True,
        "unoriented_links": ["US9165406"],
    }
    first, second = by_row["US9165406", "row 2"], by_row["US9165406", "row 4"]
    # Each duplicate row keeps its own date and label; both carry all values and the same links.
    assert (first.publication_date, second.publication_date) == (dt.date(2015, 10, 20), dt.date(2016, 1, 1))
    assert first.extra == {
        "label": 2,
        "label_values": [1, 2],
        "publication_date_values": ["2015-10-20", "2016-01-01"],
        "unoriented_links": ["KR100726028"],
    }
    assert second.extra == {**first.extra, "label": 1}
    assert first.cited == second.cited and first.jurisdiction == "US" and first.id_scheme == "publication"


def test_duplicate_rows_merge_at_ingest_and_nothing_is_lost(tmp_path: Path, sqlite_store) -> None:
    path = _write(tmp_path, "wb.csv", WORKBOOK)
    summary = ingest_paths([path], sqlite_store, progress=False).as_dict()
    assert (summary["read"], summary["stored"], summary["merged_duplicates"], summary["quarantined"]) == (6, 5, 1, 0)
    assert summary["by_format"]["nodes"]["files"] == 1
    merged = sqlite_store.get_patent("US9165406")
    assert merged.publication_date == dt.date(2015, 10, 20)  # the earliest stage
    assert merged.extra["label_values"] == [1, 2]
    assert merged.extra["publication_date_values"] == ["2015-10-20", "2016-01-01"]
    assert len(merged.provenance) == 2
    arcs = set(sqlite_store.iter_citations())
    assert ("WO2016144005", "US9165406") in arcs and ("US9165406", "WO2016144005") not in arcs
    again = ingest_paths([path], sqlite_store, progress=False)
    assert (again.store.inserted, again.store.updated) == (0, 0)


def test_xlsx_with_a_saved_index_reads_like_the_csv(tmp_path: Path) -> None:
    import pandas as pd

    csv_path = _write(tmp_path, "wb.csv", WORKBOOK)
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    xlsx_path = tmp_path / "wb.xlsx"
    frame.to_excel(xlsx_path)  # with pandas' unnamed index column, as in label_result.xlsx
    assert detect_format(xlsx_path) == "nodes"
    from_csv = [replace(r, provenance=()) for r in _records(csv_path)]
    from_xlsx = [replace(r, provenance=()) for r in _records(xlsx_path)]
    assert from_xlsx == from_csv
    assert _records(xlsx_path)[1].provenance[0].location == "row 2 (sheet line 3)"


def test_without_dates_every_link_is_kept_unoriented(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "labels.csv", "Publication Number,CP,label\nUS9165406,\"['US10535192', 'CN101710429']\",2\n"
    )
    (record,) = _records(path)
    assert record.cited == () and record.publication_date is None
    assert record.extra == {"label": 2, "unoriented_links": ["CN101710429", "US10535192"]}


PAJEK_NODES = """node,dwpi_accession,accession_year,weak_component_clu
1,2005777716,2005,1
2,2009R10745,2009,1
3,SMALL H,1999,2
4,SMALL H,2001,2
"""


def test_vertex_numbers_and_shared_labels_are_named_as_pajek_names_them(tmp_path: Path) -> None:
    records = _records(_write(tmp_path, "nodes.csv", PAJEK_NODES))
    assert [(r.id, r.id_scheme) for r in records] == [
        ("2005777716", "label"),
        ("2009R10745", "label"),
        ("SMALL H [3]", "label"),
        ("SMALL H [4]", "label"),
    ]
    assert records[0].extra == {"accession_year": 2005, "pajek_vertex": 1, "weak_component_clu": 1}
    assert records[3].extra == {"accession_year": 2001, "pajek_vertex": 4, "weak_component_clu": 2}
    assert records[0].publication_date is None  # a year is not a date


def test_vertex_number_is_the_id_when_nothing_else_names_the_node(tmp_path: Path) -> None:
    records = _records(_write(tmp_path, "n.csv", "vertex,community\n1,3\n2,3\n"))
    assert [(r.id, r.extra) for r in records] == [
        ("1", {"community": 3, "pajek_vertex": 1}),
        ("2", {"community": 3, "pajek_vertex": 2}),
    ]


def test_jurisdiction_column_is_kept_only_where_it_disagrees(tmp_path: Path) -> None:
    text = (
        "publication_number,jurisdiction,publication_date,community_label\n"
        "KR100726028,KR,2007-06-08,1\nUS9165406,CN,2016-01-01,2\n"
    )
    first, second = _records(_write(tmp_path, "n.csv", text))
    assert (first.extra, first.publication_date) == ({"community_label": 1}, dt.date(2007, 6, 8))
    assert second.extra == {"community_label": 2, "jurisdiction": "CN"}


def test_bad_rows_become_row_errors_naming_the_column(tmp_path: Path) -> None:
    text = (
        "publication_number,publication_date,accession_year,links\n"
        "US9165406,2015-10-20,2015,\n"
        ",2015-10-20,2015,\n"
        "US10535192,2019-02-30,2019,\n"
        "CN101710429,2010-04-21,20x0,\n"
        "WO2016144005,2015-10-20,2015,\"['US9165406'\"\n"
        "KR100726028,2007-06-08,2007,US9165406\n"
    )
    rows = list(nodes.read(_write(tmp_path, "bad.csv", text)))
    assert len(rows) == 6
    errors = [(r.location, r.field, r.reason) for r in rows if isinstance(r, RowError)]
    assert errors == [
        ("row 2", "publication_number", "publication_number: empty id"),
        ("row 3", "publication_date", "publication_date: not a date: '2019-02-30'"),
        ("row 4", "accession_year", "accession_year: not a year: '20x0'"),
        ("row 5", "links", "links: not a list of publication ids: \"['US9165406'\""),
    ]
    good = [r for r in rows if isinstance(r, PatentRecord)]
    assert [(r.id, r.cited) for r in good] == [("US9165406", ("KR100726028",)), ("KR100726028", ())]


def test_mapping_names_the_columns(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "m.csv", "Doc,When,Neighbours of doc\nUS1234567,2001-01-01,\nUS7654321,2002-01-01,US1234567\n"
    )
    records = _records(path, mapping={"id": "Doc", "publication_date": "When", "links": "Neighbours of doc"})
    assert [(r.id, r.cited) for r in records] == [("US1234567", ()), ("US7654321", ("US1234567",))]
    with pytest.raises(InputFormatError, match="names column 'Nope'"):
        list(nodes.read(path, mapping={"id": "Nope"}))
    # A mapping for another reader (the mapped CSV's ``fields``) is not this reader's concern.
    assert _records(path, mapping={"fields": {"publication_number": "Doc"}, "id": "Doc"})[0].id == "US1234567"


def test_a_table_without_an_id_column_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="needs an id column") as info:
        list(nodes.read(_write(tmp_path, "x.csv", "community,cluster\n1,2\n"), mapping=None))
    assert "x.csv" in str(info.value)


@pytest.mark.parametrize(
    "header, expected",
    [
        ("node,dwpi_accession,accession_year,weak_component_clu", True),
        ("publication_number,jurisdiction,publication_date,community_label", True),
        ("Publication Number,Publication Date,CP,label", True),
        (",Publication Number,CP,label", True),
        ("Id,Label,modularity_class", True),
        ("publication_number,publication_date", True),
        ("Publication Number,Publication Date,Legal Status", False),
        ("family_id,expansion_level,title,abstract,text,label", False),
        ("cited,citing,cited_date,citing_date,same_date,listed_on_both_nodes", False),
        ("source,target,source_dwpi,target_dwpi,raw_multiplicity", False),
        ("Publication Number,Title,Applicants,CP", False),
        ("community,cluster", False),
    ],
)
def test_sniff(tmp_path: Path, header: str, expected: bool) -> None:
    path = _write(tmp_path, "t.csv", header + "\n" + ",".join("1" for _ in header.split(",")) + "\n")
    assert nodes.sniff(path, path.read_text()) is expected


def test_roles_of_the_real_headers() -> None:
    cols = node_columns(["Publication Number", "Publication Date", "CP", "label"])
    assert (cols.id, cols.id_role, cols.dates, cols.links, cols.vertex) == (
        "Publication Number",
        "publication",
        {"publication_date": "Publication Date"},
        "CP",
        None,
    )
    gephi = node_columns(["Id", "Label", "modularity_class"])
    assert (gephi.id, gephi.id_role) == ("Id", "id")  # Gephi's edges name nodes by Id


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("['KR101258961', 'WO2016144005']", ["KR101258961", "WO2016144005"]),
        ('["US1", "US2"]', ["US1", "US2"]),
        ("[]", []),
        ("", []),
        ("US1; US2", ["US1", "US2"]),
        ("US1|US2", ["US1", "US2"]),
        ("US1,US2", ["US1", "US2"]),
        ("(12345, 'CN1')", ["12345", "CN1"]),
    ],
)
def test_parse_links(cell: str, expected: list[str]) -> None:
    assert parse_links(cell, "CP") == expected


@pytest.mark.parametrize("cell", ["['US1'", "[{'a': 1}]", "[__import__('os')]", "[1, [2]]"])
def test_parse_links_rejects_what_is_not_a_list_of_ids(cell: str) -> None:
    with pytest.raises(InvalidRecordError, match="CP: not a list of publication ids") as info:
        parse_links(cell, "CP")
    assert info.value.field == "CP"


def test_orient_links_by_hand() -> None:
    d = dt.date
    links = {"A": {"B", "X"}, "B": {"C"}, "C": {"A", "D"}, "D": set()}
    dates = {"A": d(2001, 1, 1), "B": d(2001, 1, 1), "C": d(1999, 5, 5)}
    cited, unoriented = orient_links(links, dates)
    assert cited == {"B": {"A", "C"}, "A": {"C"}}
    assert unoriented == {"A": {"X"}, "C": {"D"}, "D": {"C"}}
