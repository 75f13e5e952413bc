"""What every reader shares: opening files, decoding, CSV/XLSX rows, and the row contract.

A reader module (``ingest/<format>.py``) defines::

    FORMAT = "lens"                      # the --format name
    EXTENSIONS = (".csv",)               # file endings it usually has (before .gz)
    def sniff(path: Path, head: str) -> bool      # True if the decoded head looks like this format
    def read(path: Path, *, mapping: Mapping[str, str] | None = None) -> Iterator[PatentRecord | RowError]

``read`` yields one item per source row/element/vertex: a :class:`~ipnav.records.PatentRecord`
or a :class:`~ipnav.records.RowError` naming the file, the row and the field. It never drops a
row silently and never lets a malformed row raise; a file that cannot be read at all raises
:class:`~ipnav.exceptions.InputFormatError` naming the file.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, TypeAlias

from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.records import PatentRecord, RowError

__all__ = [
    "Row",
    "bad_bytes_field",
    "csv_rows",
    "detect_encoding",
    "excerpt",
    "guard",
    "locate_header",
    "open_binary",
    "open_text",
    "read_head",
    "read_sample",
    "split_multi",
    "xlsx_rows",
]

Row: TypeAlias = PatentRecord | RowError

csv.field_size_limit(64 * 1024 * 1024)

_GZIP_MAGIC = b"\x1f\x8b"
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


def open_binary(path: Path) -> IO[bytes]:
    """Open a file for reading bytes, transparently un-gzipping ``.gz`` (detected by content)."""
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller
    magic = raw.read(2)
    raw.seek(0)
    if magic == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return raw


def detect_encoding(sample: bytes) -> str:
    """Guess the text encoding of a file from its first bytes.

    BOMs decide (UTF-8-SIG, UTF-16); otherwise UTF-8 if the sample decodes, else GB18030 (the
    superset of GBK/GB2312 used by Chinese exports) if it decodes, else CP1252.

    Example:
        >>> detect_encoding("一种机器人".encode("gbk"))
        'gb18030'
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return encoding
        except UnicodeDecodeError as exc:
            if exc.end >= len(sample) - 4:  # a character cut at the sample's end
                return encoding
    return "cp1252"


def read_sample(path: Path, size: int = 65536) -> bytes:
    """The first ``size`` bytes of a file (un-gzipped); of a truncated gzip, what decompresses.

    Raises:
        InputFormatError: The file cannot be opened or its gzip stream is broken at the start.
    """
    chunks: list[bytes] = []
    total = 0
    try:
        with open_binary(path) as fh:
            while total < size:
                try:
                    chunk = fh.read(min(8192, size - total))
                except EOFError as exc:  # a truncated gzip: keep what came before the cut
                    if not chunks:
                        raise InputFormatError(f"file is truncated: {exc}", path=str(path)) from exc
                    break
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except (OSError, zlib.error) as exc:
        raise InputFormatError(f"cannot read file: {exc}", path=str(path)) from exc
    return b"".join(chunks)


def read_head(path: Path, size: int = 65536) -> str:
    """The first ``size`` bytes of a file (un-gzipped), decoded; '' for binary spreadsheets.

    A truncated gzip gives the part before the cut (the reader then reports the cut).

    Raises:
        InputFormatError: The file cannot be opened or its gzip stream is broken at the start.
    """
    sample = read_sample(path, size)
    if sample.startswith((_XLSX_MAGIC, _XLS_MAGIC)):
        return ""
    return sample.decode(detect_encoding(sample), errors="replace")


def open_text(path: Path, encoding: str | None = None) -> IO[str]:
    """Open a (possibly gzipped) text file with its detected (or the given) encoding.

    Undecodable bytes become surrogate escapes instead of raising, so one bad row can be
    quarantined (see :func:`bad_bytes_field`) while the rest of the file is read.
    """
    if encoding is None:
        encoding = detect_encoding(read_sample(path))
    return io.TextIOWrapper(open_binary(path), encoding=encoding, errors="surrogateescape", newline="")


def locate_header(
    head: str,
    accept: Callable[[list[str]], bool],
    *,
    delimiters: Sequence[str] = (";", ",", "\t", "|"),
    max_lines: int = 60,
) -> tuple[int, str] | None:
    """Find the header line of a table that may follow preamble lines (Espacenet, some CN exports).

    Args:
        head: The decoded start of the file (see :func:`read_head`).
        accept: Says whether a list of stripped cells is the header.
        delimiters: Separators to try on each line, in order.
        max_lines: How many physical lines to look at.

    Returns:
        ``(lines before the header, delimiter)``, or None when no line is accepted.

    Example:
        >>> head = '"Espacenet";""' + chr(10) + '"No";"Title"'
        >>> locate_header(head, lambda cells: cells[:2] == ["No", "Title"])
        (1, ';')
    """
    for number, line in enumerate(head.lstrip("\ufeff").splitlines()[:max_lines]):
        for delimiter in delimiters:
            if delimiter not in line:
                continue
            try:
                cells = next(csv.reader([line], delimiter=delimiter))
            except (csv.Error, StopIteration):
                continue
            if accept([c.strip().lstrip("\ufeff") for c in cells]):
                return number, delimiter
    return None


_SURROGATE = re.compile(r"[\udc80-\udcff]")


def bad_bytes_field(row: Mapping[str, Any]) -> str | None:
    """The first field holding bytes that did not decode, or None."""
    for key, value in row.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            return str(key)
    return None


def excerpt(value: Any, limit: int = 500) -> str:
    """A short printable excerpt of a raw row for the quarantine file."""
    if isinstance(value, Mapping):
        text = " | ".join(f"{k}={v}" for k, v in value.items() if v not in (None, ""))
    elif isinstance(value, (list, tuple)):
        text = " | ".join(str(v) for v in value)
    else:
        text = str(value)
    text = _SURROGATE.sub("\ufffd", text).replace("\n", " ")
    return text[:limit]


def split_multi(cell: str | None, separators: Sequence[str] = (";;", "\n", "|", ";")) -> list[str]:
    """Split a multi-valued cell on the first separator it contains; strip and drop empties.

    Example:
        >>> split_multi("INTEL CORP;;NVIDIA CORP")
        ['INTEL CORP', 'NVIDIA CORP']
    """
    if cell is None:
        return []
    text = str(cell).strip()
    if not text or text == "-":
        return []
    for sep in separators:
        if sep in text:
            return [p.strip() for p in text.split(sep) if p.strip() and p.strip() != "-"]
    return [text]


def csv_rows(
    path: Path,
    *,
    fmt: str,
    delimiter: str | None = None,
    skip_lines: int = 0,
    required: Sequence[str] = (),
    encoding: str | None = None,
) -> Iterator[tuple[str, dict[str, str]] | RowError]:
    """Yield ``(location, row-dict)`` for each data row of a CSV file, or a RowError.

    Args:
        path: The file (gzip allowed).
        fmt: Reader name, for errors.
        delimiter: Field separator; sniffed from the header line when None.
        skip_lines: Lines before the header (preambles).
        required: Header names that must be present.
        encoding: Text encoding; detected from the first bytes when None.

    Raises:
        InputFormatError: Empty file, no header, or required columns missing (names the file and
            the columns found, so a wrong delimiter is obvious).
    """
    source = str(path)
    try:
        fh = open_text(path, encoding)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputFormatError(f"cannot open: {exc}", path=source) from exc
    with fh:
        try:
            for _ in range(skip_lines):
                fh.readline()
            header_line = fh.readline()
        except (EOFError, zlib.error, OSError) as exc:
            raise InputFormatError(f"file is truncated or corrupt before the header: {exc}", path=source) from exc
        if not header_line.strip():
            raise InputFormatError("file is empty (no header line)", path=source)
        if delimiter is None:
            counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
            delimiter = max(counts, key=lambda d: counts[d]) if max(counts.values()) else ","
        header = next(csv.reader([header_line], delimiter=delimiter))
        header = [h.strip().lstrip("\ufeff") for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise InputFormatError(
                f"missing column(s) {missing}; found {len(header)} column(s) {header[:12]} "
                f"with delimiter {delimiter!r} (wrong delimiter or not a {fmt} file?)",
                path=source,
            )
        reader = csv.reader(fh, delimiter=delimiter)
        number = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except (EOFError, zlib.error, OSError) as exc:
                yield RowError(
                    source,
                    f"row {number + 1}",
                    None,
                    f"file is truncated or corrupt after row {number}: {exc}",
                    "",
                    fmt,
                )
                return
            except csv.Error as exc:
                number += 1
                yield RowError(source, f"row {number}", None, f"malformed CSV: {exc}", "", fmt)
                continue
            number += 1
            if not any(v.strip() for v in values):
                yield RowError(source, f"row {number}", None, "empty row", "", fmt)
                continue
            if len(values) != len(header) and not (len(values) > len(header) and not any(values[len(header) :])):
                yield RowError(
                    source,
                    f"row {number}",
                    None,
                    f"row has {len(values)} fields, header has {len(header)}",
                    excerpt(values),
                    fmt,
                )
                continue
            row = dict(zip(header, values, strict=False))
            bad = bad_bytes_field(row)
            if bad is not None:
                yield RowError(
                    source, f"row {number}", bad, "bytes that do not decode in the file's encoding", excerpt(row), fmt
                )
                continue
            yield f"row {number}", row


def xlsx_rows(
    path: Path,
    *,
    fmt: str,
    sheet: str | None = None,
    header_row: int | None = None,
    required: Sequence[str] = (),
    accept: Callable[[list[str]], bool] | None = None,
) -> Iterator[tuple[str, dict[str, str]] | RowError]:
    """Yield ``(location, row-dict)`` for each data row of an XLSX/XLS sheet (cells as text).

    The header row is the first row holding all ``required`` names and accepted by ``accept``
    (when given), or the first non-empty row.

    Raises:
        InputFormatError: The workbook cannot be opened or has no header.
    """
    import pandas as pd

    source = str(path)
    try:
        frame = pd.read_excel(open_binary(path), sheet_name=sheet or 0, header=None, dtype=str)
    except Exception as exc:  # openpyxl/xlrd raise many types for broken workbooks
        raise InputFormatError(f"cannot read workbook: {exc}", path=source) from exc
    frame = frame.fillna("")
    nonempty = [i for i, row in enumerate(frame.itertuples(index=False)) if any(str(v).strip() for v in row)]
    frame = frame.iloc[: nonempty[-1] + 1] if nonempty else frame.iloc[:0]  # drop trailing blank rows
    start = header_row
    if start is None:
        for i, values in enumerate(frame.itertuples(index=False)):
            cells = [str(v).strip() for v in values]
            wanted = all(r in cells for r in required) and (accept is None or accept(cells))
            if any(cells) and wanted:
                start = i
                break
    if start is None:
        raise InputFormatError(f"no header row with columns {list(required)}", path=source)
    header = [str(v).strip() for v in frame.iloc[start]]
    for offset, values in enumerate(frame.iloc[start + 1 :].itertuples(index=False), start=1):
        cells = ["" if v is None else str(v) for v in values]
        location = f"row {offset} (sheet line {start + 1 + offset})"
        if not any(c.strip() for c in cells):
            yield RowError(source, location, None, "empty row", "", fmt)
            continue
        yield location, dict(zip(header, cells, strict=False))


def guard(source: str, location: str, fmt: str, raw: Any, build: Callable[[], PatentRecord]) -> Row:
    """Run ``build`` and turn a validation error into a RowError naming the field."""
    try:
        return build()
    except InvalidRecordError as exc:
        return RowError(source, location, exc.field, str(exc), excerpt(raw), fmt)
