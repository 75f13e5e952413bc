"""Readers of real patent exports, one module per format, and format detection.

``read_path(path, fmt="auto")`` yields records and row errors from a file; ``detect_format``
decides the format from the content (header names, XML root, Pajek keywords), not only the file
name. Reader modules follow the contract in :mod:`ingest.base`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from ingest.base import Row, read_head
from ipnav.exceptions import ConfigError, InputFormatError, UnknownFormatError

__all__ = ["DATA_EXTENSIONS", "FORMATS", "detect_format", "iter_files", "read_path", "reader"]

# Order matters for auto-detection: specific formats first, the generic mapped CSV last.
FORMATS = (
    "uspto-xml",
    "patentsview",
    "pajek",
    "edges",
    "nodes",
    "espacenet",
    "lens",
    "lens-api",
    "wips",
    "cnki",
    "bigquery",
    "family",
    "csv",
)

DATA_EXTENSIONS = (".csv", ".tsv", ".txt", ".xml", ".xlsx", ".xls", ".net", ".greenbook", ".sgml", ".dat", ".tsv.zip")


def reader(fmt: str) -> ModuleType:
    """The reader module of a format name.

    Raises:
        ConfigError: Unknown format name.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"The format must be one of auto, {', '.join(FORMATS)}. Got {fmt!r} instead.")
    return importlib.import_module(f"ingest.{fmt.replace('-', '_')}")


def _available() -> list[ModuleType]:
    modules = []
    for fmt in FORMATS:
        try:
            modules.append(reader(fmt))
        except ModuleNotFoundError as exc:
            if exc.name != f"ingest.{fmt.replace('-', '_')}":
                raise
    return modules


def detect_format(path: Path) -> str:
    """Detect a file's format from its content.

    Raises:
        UnknownFormatError: No reader recognises it (the message lists what was tried).
        InputFormatError: The file cannot be read at all.
    """
    head = read_head(path)
    for module in _available():
        if module.sniff(path, head):
            return str(module.FORMAT)
    if owner := _companion_of(path, head):
        raise UnknownFormatError(
            f"this is a companion table of a {owner} export, read through the main table beside it "
            "(ingest that file or the folder)",
            path=str(path),
        )
    first = head.strip().splitlines()[0][:120] if head.strip() else "(empty or binary)"
    raise UnknownFormatError(
        f"no reader recognises this file; first line: {first!r}. Give --format "
        f"({', '.join(FORMATS)}) or --format csv --mapping FILE",
        path=str(path),
    )


def _companion_of(path: Path, head: str) -> str | None:
    """The format whose reader reads this file only through a join (a reader's ``is_companion``)."""
    for module in _available():
        check = getattr(module, "is_companion", None)
        if check is not None and check(path, head):
            return str(module.FORMAT)
    return None


def _is_companion(path: Path) -> bool:
    try:
        return _companion_of(path, read_head(path, 4096)) is not None
    except InputFormatError:
        return False


def _data_name(path: Path) -> str:
    name = path.name.lower()
    return name[:-3] if name.endswith(".gz") else name


def iter_files(path: Path) -> Iterator[Path]:
    """The file itself, or every data file below a folder (recursively, sorted).

    In folders, files whose ending is not a data ending (``DATA_EXTENSIONS``, optionally
    ``.gz``) are passed over: READMEs, licences, zip archives (except PatentsView's zipped
    tables ``*.tsv.zip``), Pajek partitions. So are companion tables that a reader joins to its
    main table (a reader module's optional ``is_companion(path, head)``, e.g. the applicants table
    of a Lens API export): their rows are accounted for through the main table.
    """
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.startswith(".") or any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            if (
                _data_name(child).endswith(DATA_EXTENSIONS)
                and not child.name.upper().startswith(("LICENSE", "README", "SOURCES"))
                and not _is_companion(child)
            ):
                yield child
    else:
        yield path


def read_path(
    path: Path, fmt: str = "auto", *, mapping: Mapping[str, Any] | None = None
) -> tuple[str, Iterator[Row]]:
    """The format and the rows of one file.

    With ``fmt="auto"`` and a ``mapping``, a file no reader recognises is read by the generic
    ``csv`` reader with that mapping (the user described its columns).

    Raises:
        UnknownFormatError, InputFormatError, ConfigError: As :func:`detect_format` / the reader.
    """
    if fmt == "auto":
        try:
            name = detect_format(path)
        except UnknownFormatError:
            if mapping is None:
                raise
            name = "csv"
    else:
        name = fmt
    module = reader(name)
    return name, module.read(path, mapping=mapping)
