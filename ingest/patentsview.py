"""PatentsView bulk tables -> one PatentRecord per granted patent.

How the tables are joined (all on ``patent_id``):

* Point ipnav at one table file or at a folder. The tables of a folder are found by their header
  names (:mod:`ingest.patentsview_tables`), so ``g_patent.tsv.zip``, ``g_patent.tsv.gz`` and a
  renamed ``patents_2024.tsv`` all work.
* When a folder holds ``g_patent``, it drives: its rows are **streamed**, one record per row (a
  duplicated row gives a duplicate record, which ingest merges). The other tables of the folder
  (abstract, application, CPC, IPC, assignees, inventors, US and foreign citations, other
  references, foreign priority) are **indexed in memory by patent_id** first, keeping only the
  columns used; ``g_location_disambiguated`` is indexed by ``location_id`` to give assignees and
  inventors their country and city. Reading a side table of such a folder yields nothing: its
  rows arrive through the ``g_patent`` records, so a folder is read once and nothing is counted
  twice.
* A side-table row whose ``patent_id`` is in no ``g_patent`` file of the folder is reported as a
  RowError (file, row, ``patent_id``, reason) after the records, so no row disappears. Malformed
  side rows (wrong field count, bad code, impossible date) are RowErrors as well; the patent's
  record is still built from its other rows.
* A missing table leaves its fields empty (no CPC without ``g_cpc_current``; ``g_cpc_at_issue``
  is used when ``g_cpc_current`` is absent). Without ``g_patent`` in the folder, each table read
  on its own gives one partial record per ``patent_id`` (e.g. only CPC codes), which ingest
  merges into the records of the same patents from any other source.

Memory: the side tables live in memory while ``g_patent`` streams, roughly 150-300 bytes per
side row. That is fine for a technology field or a few years of grants (millions of rows); for
the complete national tables (about 150 million citation rows) filter the tables to the patents
of interest first (for instance with DuckDB) and point ipnav at the filtered files.

Fields: ``patent_id`` -> ``US`` + number (``D123456`` -> ``USD123456``); ``wipo_kind`` -> kind;
``patent_date`` -> grant and publication date; ``num_claims``; ``withdrawn`` -> legal status
``WITHDRAWN``; ``patent_type`` and ``filename`` -> extra; CPC ordered by ``cpc_sequence`` (the
first in ``extra["cpc_first"]``), IPC from its level columns (``symbol_position`` ``F`` ->
``extra["ipc_main"]``); assignees (organisation, or first + last name for individuals;
``assignee_type`` 2-9 as the USPTO codes) -> applicants; inventors; citations -> ``cited``
(``US`` + ``citation_patent_id``; foreign ones with ``citation_country``), other references ->
``extra["npl_count"]``; foreign priority -> priority date and countries. ``mapping`` is not
used by this reader.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

from ingest.base import Row, excerpt
from ingest.patentsview_record import SIDE_TABLES, SideRow, build_record
from ingest.patentsview_tables import TABLE_SUFFIXES, Table, identify, read_header, table_rows
from ipnav.exceptions import InputFormatError
from ipnav.records import RowError

__all__ = ["EXTENSIONS", "FORMAT", "read", "sniff"]

log = logging.getLogger(__name__)

FORMAT = "patentsview"
EXTENSIONS = (".tsv", ".tsv.zip", ".zip")

SideIndex = dict[str, dict[str, list[SideRow]]]
"""table -> patent_id -> [(file number, row number, kept values)]"""


def _head_header(head: str) -> tuple[str, ...]:
    line = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    return tuple(n.strip().strip('"') for n in line.split("\t")) if "\t" in line else ()


def sniff(path: Path, head: str) -> bool:
    """True when the header names are those of a PatentsView table (zip archives opened to look).

    Example:
        >>> sniff(Path("g.tsv"), '"patent_id"\\t"patent_type"\\t"patent_date"\\t"patent_title"\\n')
        True
    """
    header = _head_header(head)
    if not header and not head:
        try:
            header = read_header(path)
        except InputFormatError:
            return False
    return identify(header) is not None


def _table(path: Path) -> Table:
    header = read_header(path)
    name = identify(header)
    if name is None:
        shown = list(header[:10]) if header else "no tab-separated header"
        raise InputFormatError(f"not a PatentsView table; header: {shown}", path=str(path))
    return Table(name, path, header)


def _folder_tables(path: Path) -> list[Table]:
    tables = []
    for candidate in sorted(p for p in path.parent.iterdir() if p.is_file()):
        if candidate.name.startswith(".") or not candidate.name.lower().endswith(TABLE_SUFFIXES):
            continue
        try:
            header = read_header(candidate)
        except InputFormatError:
            continue
        name = identify(header)
        if name is not None:
            tables.append(Table(name, candidate, header))
    return tables


_PLACE = ("disambig_city", "disambig_state", "disambig_country")


def _index(tables: list[Table], errors: list[RowError]) -> tuple[SideIndex, dict[str, dict[str, str]]]:
    side: SideIndex = defaultdict(lambda: defaultdict(list))
    locations: dict[str, dict[str, str]] = {}
    use_at_issue = not any(t.name == "g_cpc_current" for t in tables)
    for number, table in enumerate(tables):
        if table.name == "g_cpc_at_issue" and not use_at_issue:
            continue
        name = "g_cpc_current" if table.name == "g_cpc_at_issue" else table.name
        if name not in SIDE_TABLES and name != "g_location_disambiguated":
            continue
        log.info("indexing %s (%s)", table.path, name)
        for item in table_rows(table):
            if isinstance(item, RowError):
                errors.append(item)
                continue
            row_number, row = item
            if name == "g_location_disambiguated":
                locations[row["location_id"]] = {k: row.get(k, "") for k in _PLACE}
                continue
            side[name][row["patent_id"]].append((number, row_number, tuple(row.get(k, "") for k in SIDE_TABLES[name])))
    return side, locations


def _patent_ids(table: Table) -> set[str]:
    return {row["patent_id"] for item in table_rows(table) if not isinstance(item, RowError) for row in (item[1],)}


def _orphans(side: SideIndex, tables: list[Table], known: set[str]) -> Iterator[RowError]:
    for name, by_patent in side.items():
        for patent_id, rows in by_patent.items():
            if patent_id in known:
                continue
            for number, row_number, values in rows:
                yield RowError(
                    str(tables[number].path),
                    f"row {row_number}",
                    "patent_id",
                    f"patent_id {patent_id!r} of {name} is not in any g_patent table of the folder",
                    excerpt(
                        {
                            "patent_id": patent_id,
                            **dict(zip(SIDE_TABLES[name], values, strict=True)),
                        }
                    ),
                    FORMAT,
                )


def _joined(main: Table, tables: list[Table]) -> Iterator[Row]:
    errors: list[RowError] = []
    others = [t for t in tables if t.name != "g_patent"]
    side, locations = _index(others, errors)
    yield from errors
    source = str(main.path)
    seen: set[str] = set()
    for item in table_rows(main):
        if isinstance(item, RowError):
            yield item
            continue
        row_number, row = item
        patent_id = row["patent_id"]
        seen.add(patent_id)
        rows = {name: by_patent.get(patent_id, []) for name, by_patent in side.items()}
        yield from build_record(
            patent_id,
            row,
            rows,
            locations,
            tables=others,
            source=source,
            location=f"row {row_number}",
        )
    mains = [t for t in tables if t.name == "g_patent"]
    if main.path != mains[-1].path:
        return  # the last g_patent file of the folder reports the orphans, once
    for other in mains[:-1]:
        seen |= _patent_ids(other)
    yield from _orphans(side, others, seen)


def _alone(table: Table, tables: list[Table]) -> Iterator[Row]:
    errors: list[RowError] = []
    used = [table, *[t for t in tables if t.name == "g_location_disambiguated"]]
    side, locations = _index(used, errors)
    yield from errors
    for name, by_patent in side.items():
        for patent_id, rows in by_patent.items():
            first = min(r[1] for r in rows)
            yield from build_record(
                patent_id,
                None,
                {name: rows},
                locations,
                tables=used,
                source=str(table.path),
                location=f"row {first}",
            )


def read(path: Path, *, mapping: Mapping[str, str] | None = None) -> Iterator[Row]:
    """Yield the records of a PatentsView table, joined with the other tables of its folder.

    Args:
        path: One table file (``.tsv``, ``.tsv.gz`` or ``.tsv.zip``).
        mapping: Not used (PatentsView column names are fixed).

    Raises:
        InputFormatError: The file is not a PatentsView table or cannot be read.

    Example:
        >>> from ipnav.records import PatentRecord
        >>> rows = list(read(Path("tests/ingest/fixtures/patentsview/g_patent.tsv")))
        >>> [(r.id, r.kind) for r in rows if isinstance(r, PatentRecord)][:3]
        [('US10000001', 'B2'), ('US10000002', 'B1'), ('USD800001', 'S1')]
    """
    table = _table(path)
    tables = _folder_tables(path)
    if all(t.path != path for t in tables):
        tables.append(table)
    if table.name == "g_patent":
        return _joined(table, tables)
    if table.name == "g_location_disambiguated":
        log.info("%s is a location lookup table; it gives no patents on its own", path)
        return iter(())
    if any(t.name == "g_patent" for t in tables):
        log.info("%s is read together with the g_patent table of its folder", path)
        return iter(())
    if table.name == "g_cpc_at_issue" and any(t.name == "g_cpc_current" for t in tables):
        log.info("%s: the folder's g_cpc_current is used instead", path)
        return iter(())
    return _alone(table, tables)
