"""Pajek and CSV edge-list readers: records, ids, bad lines, sniffing."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from ingest import detect_format
from ingest.edges import parse_edge_list
from ingest.edges import read as read_edges
from ingest.pajek import parse_pajek
from ingest.pajek import read as read_pajek
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

PAJEK = """% a comment
*Network toy
*Vertices 5
1 "US 8926509 B2" 0.1 0.2 0.5
2 "A"
3 B
4 "A"
5
*Arcs
1 2 2
2 3
1 1
1 9
x y
*Edges
3 4
*Arcslist
4 5 2
*Partition years
*Vertices 5
1
"""


def _write(tmp_path: Path, name: str, text: str, *, gz: bool = False) -> Path:
    path = tmp_path / name
    if gz:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_parse_pajek_sections_labels_and_errors(tmp_path: Path) -> None:
    net = parse_pajek(_write(tmp_path, "t.net", PAJEK))
    # Duplicate labels get the vertex number; a missing label becomes the number.
    assert net.labels == ["US 8926509 B2", "A [2]", "B", "A [4]", "5"]
    assert net.arcs == [(0, 1), (1, 2), (3, 4), (3, 1)]
    assert net.values == [2.0, 1.0, 1.0, 1.0]
    assert net.edges == [(2, 3)]
    assert net.coords[0] == (0.1, 0.2) and net.coords[1] is None
    assert net.name == "toy"
    reasons = [(e.location, e.reason) for e in net.errors]
    assert reasons == [
        ("line 12", "self-loop 1 -> 1 (a work citing itself) removed"),
        ("line 13", "arc 1 -> 9 names a vertex outside 1..5"),
        ("line 14", "bad arcs line (expected vertex numbers)"),
    ]


def test_read_pajek_records(tmp_path: Path) -> None:
    rows = list(read_pajek(_write(tmp_path, "t.net", PAJEK)))
    records = [r for r in rows if isinstance(r, PatentRecord)]
    errors = [r for r in rows if isinstance(r, RowError)]
    assert len(records) == 5 and len(errors) == 3
    first = records[0]
    # A publication-number label becomes the canonical key; others stay labels.
    assert (first.id, first.id_scheme, first.jurisdiction, first.kind) == (
        "US8926509",
        "publication",
        "US",
        "B2",
    )
    assert records[1].id == "A [2]" and records[1].id_scheme == "label"
    # cited = predecessors: "A [2]" is cited... by B (arc 2 -> 3), and cites US8926509 and "A [4]".
    assert records[1].cited == ("A [4]", "US8926509")
    assert records[2].cited == ("A [2]",)  # B cites A [2]
    assert records[3].cited == ("B",)  # the undirected edge 3 - 4, oriented as written
    assert errors[0].source.endswith("t.net") and errors[0].format == "pajek"


@pytest.mark.parametrize(
    "text, message",
    [
        ("*Arcs\n1 2\n", "data before the \\*Vertices line"),
        ("*Vertices many\n", "needs a vertex count"),
        ("*Vertices 2\n*Matrix\n0 1\n0 0\n", "Matrix networks are not supported"),
        ("% nothing\n", "no \\*Vertices section"),
    ],
)
def test_pajek_file_errors(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, "bad.net", text)
    with pytest.raises(InputFormatError, match=message) as info:
        parse_pajek(path)
    assert "bad.net" in str(info.value)


def test_edge_list_headers_and_mapping(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "e.csv", "citing,cited,value\nUS2,US1,2\nUS3,US1,\nUS3,US3,1\n,US1,1\nUS4,US2,x\n"
    )
    edges = parse_edge_list(path)
    assert edges.labels == ["US1", "US2", "US3"] and edges.arcs == [(0, 1), (0, 2)]
    assert edges.values == [2.0, 1.0]
    assert [(e.location, e.field, e.reason) for e in edges.errors] == [
        ("row 3", "citing", "self-citation 'US3' removed"),
        ("row 4", "citing", "empty id in column 'citing'"),
        ("row 5", "value", "not a number: 'x'"),
    ]
    mapped = _write(tmp_path, "m.csv", "from_id,to_id\nX,Y\n")
    assert parse_edge_list(mapped, mapping={"source": "from_id", "target": "to_id"}).arcs == [
        (0, 1)
    ]
    with pytest.raises(InputFormatError, match="needs columns cited,citing or source,target"):
        parse_edge_list(mapped)


def test_edge_list_records_and_dates(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "e.csv.gz",
        "cited,citing,cited_date,citing_date\nUS20140125668,AT14791,2014-05-08,2016-06-15\nCN101710429,AT14791,2012-09-05,2016-06-15\n",
        gz=True,
    )
    records = {r.id: r for r in read_edges(path) if isinstance(r, PatentRecord)}
    assert records["AT14791"].cited == ("CN101710429", "US20140125668")
    assert str(records["US20140125668"].publication_date) == "2014-05-08"
    assert records["CN101710429"].jurisdiction == "CN"


def test_sniffing(tmp_path: Path) -> None:
    assert detect_format(_write(tmp_path, "t.net", PAJEK)) == "pajek"
    assert detect_format(_write(tmp_path, "e.csv", "source,target\n1,2\n")) == "edges"
    assert detect_format(_write(tmp_path, "e.txt", "cited\tciting\nA\tB\n")) == "edges"
