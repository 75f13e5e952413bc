"""Tables that are CSV or XLSX alike: header, rows, and the columns of rows that share an id.

Used by the readers of node tables (:mod:`ingest.nodes`) and family-level records
(:mod:`ingest.families`), which accept a file in either form and look at all rows of one id
together (duplicate rows, links listed on either end).

Example:
    >>> column_key("Publication Date"), column_key("weak_component_clu")
    ('publication_date', 'weak_component_clu')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from ingest.base import csv_rows, open_binary, xlsx_rows
from ingest.mapping import header_key
from ipnav.exceptions import InputFormatError
from ipnav.records import RowError

__all__ = [
    "column_key",
    "differing_values",
    "is_sheet",
    "plain_value",
    "sheet_head_rows",
    "table_header",
    "table_rows",
]

_SHEETS = (".xlsx", ".xls", ".xlsm")
_INTEGER = re.compile(r"^-?\d{1,15}$")
_NON_WORD = re.compile(r"\W+")


def is_sheet(path: Path, head: str) -> bool:
    """True for a binary spreadsheet (``read_head`` gave '' and the name ends in .xlsx/.xls)."""
    name = path.name.lower().removesuffix(".gz")
    return head == "" and name.endswith(_SHEETS)


def sheet_head_rows(path: Path, limit: int = 30) -> list[list[str]]:
    """The first rows of the first sheet, as text (openpyxl read-only: no full parse).

    Several readers' ``sniff`` look at the same workbook; the rows are remembered per file
    version (path, size, modification time).
    """
    try:
        stat = path.stat()
    except OSError:
        return []
    return [list(row) for row in _sheet_head(str(path), stat.st_size, stat.st_mtime_ns, limit)]


@functools.lru_cache(maxsize=16)
def _sheet_head(path_text: str, size: int, mtime_ns: int, limit: int) -> tuple[tuple[str, ...], ...]:
    path = Path(path_text)
    return tuple(tuple(row) for row in _read_sheet_head(path, limit))


def _read_sheet_head(path: Path, limit: int) -> list[list[str]]:
    try:
        import openpyxl

        with open_binary(path) as fh:
            book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            try:
                rows = book.worksheets[0].iter_rows(max_row=limit, values_only=True)
                return [["" if v is None else str(v).strip() for v in row] for row in rows]
            finally:
                book.close()
    except Exception:  # not an XLSX (old .xls) or broken: let pandas/xlrd try
        import pandas as pd

        try:
            frame = pd.read_excel(open_binary(path), header=None, dtype=str, nrows=limit)
        except Exception:  # openpyxl/xlrd raise many types for broken workbooks
            return []
        return [[str(v).strip() for v in values] for values in frame.fillna("").itertuples(index=False)]


def table_header(path: Path, head: str) -> list[str]:
    """The header cells of a CSV (its first line) or a sheet (its first non-empty row); [] if none."""
    if is_sheet(path, head):
        return next((cells for cells in sheet_head_rows(path, 10) if any(cells)), [])
    lines = head.lstrip("\ufeff").splitlines()
    if not lines:
        return []
    first = lines[0]
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    delimiter = max(counts, key=lambda d: counts[d])
    if not counts[delimiter]:
        return [first.strip().strip('"')]
    return [c.strip().strip('"') for c in first.split(delimiter)]


def table_rows(path: Path, head: str, *, fmt: str) -> Iterator[tuple[str, dict[str, str]] | RowError]:
    """The data rows of a CSV (gzip allowed) or of the first sheet of a workbook, cells as text.

    Raises:
        InputFormatError: Empty or unreadable file.
    """
    if is_sheet(path, head):
        return xlsx_rows(path, fmt=fmt)
    if not head.strip():
        raise InputFormatError("file is empty (no header line)", path=str(path))
    return csv_rows(path, fmt=fmt)


def column_key(column: str) -> str:
    """The ``extra`` key of a source column: lower case, runs of non-word characters -> ``_``."""
    return _NON_WORD.sub("_", column.strip().lower()).strip("_")


def plain_value(text: str) -> str | int:
    """A cell for ``extra``: whole numbers as int (cluster ids, years), anything else as text.

    Example:
        >>> plain_value("2"), plain_value("2.5"), plain_value(" SEED ")
        (2, '2.5', 'SEED')
    """
    text = text.strip()
    return int(text) if _INTEGER.match(text) else text


def differing_values(
    rows: Iterable[tuple[str, Mapping[str, str]]], *, skip: Sequence[str] = ()
) -> dict[str, dict[str, list[str]]]:
    """Per id, the columns whose non-empty values differ between the id's rows, with all values.

    Two rows of one id are merged into one record at ingest (the richer or larger value of a
    field wins); the readers store these lists in ``extra["<column>_values"]`` so that no value
    of a duplicate row is lost in the merge.

    Args:
        rows: ``(id, row)`` pairs.
        skip: Columns not compared (the id column, link lists).

    Example:
        >>> differing_values([("A", {"label": "1"}), ("A", {"label": "2"}), ("B", {"label": "1"})])
        {'A': {'label': ['1', '2']}}
    """
    seen: dict[str, dict[str, set[str]]] = {}
    for key, row in rows:
        columns = seen.setdefault(key, {})
        for column, value in row.items():
            text = (value or "").strip()
            if column and column not in skip and text:
                columns.setdefault(column, set()).add(text)
    out: dict[str, dict[str, list[str]]] = {}
    for key, columns in seen.items():
        differing = {c: sorted(v) for c, v in columns.items() if len(v) > 1}
        if differing:
            out[key] = differing
    return out


def header_keys(header: Iterable[str]) -> dict[str, str]:
    """Comparison key (:func:`ingest.mapping.header_key`) -> header name, first occurrence wins."""
    out: dict[str, str] = {}
    for name in header:
        out.setdefault(header_key(name), name)
    return out
