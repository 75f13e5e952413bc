"""Property-based tests over the node-table and family readers.

Garbage in cells never escapes as an exception (one record or row error per row), and the link
orientation of node tables keeps its promises for any table: no cycle, every datable link once
and forward in time, every other link kept, and the row order does not matter.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import tempfile
from functools import reduce
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import family, nodes
from ipnav.records import PatentRecord, RowError, merge_records

# Cells that look almost right for these tables (ids, dates, years, lists), and free text.
ALMOST = [
    "",
    "-",
    "0",
    "7",
    "-3",
    "2.5",
    "nan",
    "2019-03-20",
    "20190320",
    "2999-01-01",
    "1066-10-14",
    "2019-02-30",
    "US10535192",
    "US-8611015-B2",
    "TWI278772",
    "2009R10745",
    "SMALL H",
    "WO 98/12345",
    "-1",
    "026940037",
    "SEED",
    "B25J9/16",
    "['US1', 'US2']",
    "[",
    "浙江大学;李四",
    "a | b | c",
    "x\ny",
    '"quoted"',
]
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
CELL = st.one_of(st.sampled_from(ALMOST), st.text(_CHARS, max_size=25))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADERS = {
    "workbook": ["Publication Number", "Publication Date", "CP", "label"],
    "labels": ["", "Publication Number", "CP", "label"],
    "smpa": ["node", "dwpi_accession", "accession_year", "weak_component_clu"],
    "vr_ar": ["publication_number", "jurisdiction", "publication_date", "community_label"],
}
AM = ["family_id", "expansion_level", "title", "abstract", "text", "label"]
LINKISH = st.one_of(
    CELL,
    st.sampled_from(["['US9165406', 'CN101710429']", "['US1']", "[]", "[1, 2]", "['x', ['y']]", "(", "US1;US2"]),
)


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _read(read, text: str) -> list[PatentRecord | RowError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_text(text, encoding="utf-8")
        return list(read(path))


@SETTINGS
@given(kind=st.sampled_from(sorted(HEADERS)), data=st.data())
def test_node_tables_one_item_per_row(kind: str, data) -> None:
    header = HEADERS[kind]
    row = st.lists(LINKISH, min_size=len(header), max_size=len(header))
    rows = data.draw(st.lists(row, min_size=1, max_size=6))
    items = _read(nodes.read, _table(header, rows))
    assert len(items) == len(rows)
    assert all(isinstance(item, (PatentRecord, RowError)) for item in items)


@SETTINGS
@given(rows=st.lists(st.lists(CELL, min_size=len(AM), max_size=len(AM)), min_size=1, max_size=6))
def test_family_tables_one_item_per_row(rows) -> None:
    items = _read(family.read, _table(AM, rows))
    assert len(items) == len(rows)
    assert all(isinstance(item, (PatentRecord, RowError)) for item in items)


IDS = [f"US{9000000 + i}" for i in range(8)]
DATES = [None, dt.date(2001, 1, 1), dt.date(2001, 1, 1), dt.date(2005, 6, 1), dt.date(2010, 3, 3)]
NODE_ROW = st.tuples(
    st.sampled_from(IDS),
    st.sampled_from(DATES),
    st.lists(st.sampled_from([*IDS, "EP1234567"]), max_size=4),
)


def _node_text(rows) -> str:
    body = [[pid, date.isoformat() if date else "", repr(links)] for pid, date, links in rows]
    return _table(["publication_number", "publication_date", "links"], body)


@SETTINGS
@given(rows=st.lists(NODE_ROW, min_size=1, max_size=12), seed=st.integers(0, 1000))
def test_orientation_keeps_its_promises(rows, seed: int) -> None:
    records = _read(nodes.read, _node_text(rows))
    assert len(records) == len(rows) and all(isinstance(r, PatentRecord) for r in records)
    merged = {}
    for record in records:
        merged[record.id] = merge_records(merged[record.id], record) if record.id in merged else record
    dates: dict[str, dt.date] = {}
    for pid, date, _ in rows:
        if date is not None:
            dates[pid] = min(dates.get(pid, date), date)
    arcs = {(c, r.id) for r in merged.values() for c in r.cited}
    for pid, _, links in rows:
        for other in set(links) - {pid}:
            if pid in dates and other in dates:  # both in the table, both dated: one arc, forward
                early, late = sorted([(dates[pid], pid), (dates[other], other)])
                assert (early[1], late[1]) in arcs and (late[1], early[1]) not in arcs
            else:  # kept on the listing row's record
                assert other in merged[pid].extra["unoriented_links"]
    for cited, citing in arcs:
        assert (dates[cited], cited) < (dates[citing], citing)  # forward in (date, id): no cycle
    # The row order does not matter: the same merged records from a shuffled table.
    shuffled = list(rows)
    random.Random(seed).shuffle(shuffled)
    again = [r for r in _read(nodes.read, _node_text(shuffled)) if isinstance(r, PatentRecord)]
    for pid, record in merged.items():
        other = reduce(merge_records, [r for r in again if r.id == pid])
        assert (other.cited, other.extra, other.publication_date) == (
            record.cited,
            record.extra,
            record.publication_date,
        )
