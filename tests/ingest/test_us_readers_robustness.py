"""Property-based robustness of the USPTO and PatentsView readers.

Garbled, truncated and spliced input must give PatentRecords and RowErrors that name the file
and the document/row, or an InputFormatError naming the file: never another exception.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import patentsview, uspto_xml
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

FIXTURES = Path(__file__).parent / "fixtures"
XML = (FIXTURES / "uspto" / "grants_2014_2004.xml").read_bytes()
APS = (FIXTURES / "uspto" / "aps_week_sample.txt").read_bytes()

SNIPPETS = [
    b"<",
    b">",
    b"</claims>",
    b"<claim-text>",
    b"&",
    b"&mgr;",
    b"&nosuch;",
    b"&#xD800;",
    b'<?xml version="1.0"?>\n',
    b'<!DOCTYPE x [<!ENTITY a "b">]>',
    b"]]>",
    b"<![CDATA[",
    b"\x00",
    b"\xff\xfe",
    b"\xe4\xb8",
    b"\r\n",
    b"<doc-number></doc-number>",
    b"<date>99999999</date>",
    b"PATN\n",
    b"WKU  \n",
    b"ISD  19761399\n",
    b"     continuation\n",
    b"UREF\nPNO  \n",
    b"ICL  ZZZZ 999\n",
    "专利".encode(),
]


@st.composite
def garbled(draw: st.DrawFn, original: bytes) -> bytes:
    data = original
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "insert", "delete", "duplicate"]))
        pos = draw(st.integers(0, len(data)))
        if op == "truncate":
            data = data[:pos]
        elif op == "insert":
            piece = draw(st.one_of(st.sampled_from(SNIPPETS), st.binary(max_size=40)))
            data = data[:pos] + piece + data[pos:]
        elif op == "delete":
            data = data[:pos] + data[pos + draw(st.integers(1, 400)) :]
        else:
            end = min(len(data), pos + draw(st.integers(1, 3000)))
            data = data[:end] + data[pos:end] + data[end:]
    return data


def check_rows(path: Path, rows: Iterator[object]) -> list[object]:
    out = []
    for row in rows:
        assert isinstance(row, (PatentRecord, RowError)), row
        if isinstance(row, RowError):
            assert row.source.endswith(path.name) and row.location and row.reason
        else:
            assert row.id.startswith("US") and row.provenance[0].location
        out.append(row)
    return out


def read_uspto(data: bytes, name: str) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / name
        path.write_bytes(data)
        try:
            rows = uspto_xml.read(path)
            check_rows(path, rows)
        except InputFormatError as exc:
            assert str(path) in str(exc)
    finally:
        shutil.rmtree(folder)


@settings(max_examples=150, deadline=None)
@given(garbled(XML))
def test_garbled_xml_bulk_file(data: bytes):
    read_uspto(data, "ipg_garbled.xml")


@settings(max_examples=100, deadline=None)
@given(garbled(APS))
def test_garbled_greenbook_file(data: bytes):
    read_uspto(data, "pftaps_garbled.txt")


def test_every_truncation_point_of_a_document_is_handled():
    step = max(1, len(XML) // 300)
    for cut in range(0, len(XML), step):
        read_uspto(XML[:cut], "cut.xml")


# ---------------------------------------------------------------------------------------------
# PatentsView

cell = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(["", "NULL", "10000001", "D123", "RE1", "2018-02-30", "B25J9/16", "x\ty", '"q', "1e3", "-1"]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    patent_rows=st.lists(st.lists(cell, min_size=6, max_size=10), max_size=6),
    cpc_rows=st.lists(st.lists(cell, min_size=5, max_size=9), max_size=6),
    raw_tail=st.binary(max_size=30),
)
def test_random_patentsview_rows(patent_rows: list[list[str]], cpc_rows: list[list[str]], raw_tail: bytes):
    folder = Path(tempfile.mkdtemp())
    try:
        g_patent = folder / "g_patent.tsv"
        columns = ["patent_id", "patent_type", "patent_date", "patent_title", "wipo_kind"]
        header = "\t".join([*columns, "num_claims", "withdrawn", "filename"]) + "\n"
        body = "".join("\t".join(r) + "\n" for r in patent_rows)
        g_patent.write_bytes(header.encode() + body.encode("utf-8", "surrogatepass") + raw_tail)
        cpc = folder / "g_cpc_current.tsv"
        cpc_header = "patent_id\tcpc_sequence\tcpc_section\tcpc_class\tcpc_subclass\tcpc_group\tcpc_type\n"
        cpc.write_text(cpc_header + "".join("\t".join(r) + "\n" for r in cpc_rows), encoding="utf-8")
        try:
            rows = list(patentsview.read(g_patent))
        except InputFormatError as exc:
            assert str(g_patent) in str(exc)
            return
        for row in rows:
            assert isinstance(row, (PatentRecord, RowError))
            if isinstance(row, RowError):
                assert row.source in (str(g_patent), str(cpc)) and row.location.startswith("row ")
        assert list(patentsview.read(cpc)) == []  # read through g_patent
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("name", ["g_patent.tsv", "g_cpc_current.tsv"])
def test_truncated_zip_table_is_an_input_format_error(tmp_path: Path, name: str):
    import zipfile

    source = FIXTURES / "patentsview" / name
    archive = tmp_path / f"{name}.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(source, arcname=name)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputFormatError) as info:
        list(patentsview.read(archive))
    assert str(archive) in str(info.value)
