"""Ingest files into a store: detect, read, clean, tag, deduplicate, write, account for every row.

For every run ``read == stored + quarantined + merged_duplicates`` holds, overall and per format:

* ``read``: rows/elements/vertices the readers yielded (records and row errors);
* ``quarantined``: rows that could not become a valid record, written to the quarantine file with
  file, row, field and reason;
* ``stored``: distinct patents this run delivered to the store;
* ``merged_duplicates``: records whose id had already been delivered earlier in the run (another
  row, file or format); they are merged into that patent (:func:`ipnav.records.merge_records`).

What the store did is reported beside it (``inserted``, ``updated``, ``unchanged``): re-ingesting
the same files gives ``inserted == updated == 0``. Files that cannot be read at all are listed in
``file_errors`` (and in the quarantine file with location ``file``); they add no rows.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ingest import iter_files, read_path
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.records import PatentRecord, RowError, validate_record
from ipnav.store.base import GraphStore, UpsertSummary

__all__ = ["IngestSummary", "ingest_paths", "load_mapping"]

log = logging.getLogger(__name__)

QUARANTINE_COLUMNS = ("source", "location", "format", "field", "reason", "raw")


@dataclass
class _Tally:
    files: int = 0
    read: int = 0
    stored: int = 0
    quarantined: int = 0
    merged_duplicates: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class IngestSummary:
    """The accounting of one ingest run (see the module docstring)."""

    by_format: dict[str, _Tally] = field(default_factory=dict)
    file_errors: list[dict[str, str]] = field(default_factory=list)
    store: UpsertSummary = field(default_factory=UpsertSummary)
    quarantine_file: str = ""
    reasons: Counter[str] = field(default_factory=Counter)

    def total(self, name: str) -> int:
        return sum(getattr(t, name) for t in self.by_format.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.total("read"),
            "stored": self.total("stored"),
            "quarantined": self.total("quarantined"),
            "merged_duplicates": self.total("merged_duplicates"),
            "by_format": {k: v.as_dict() for k, v in sorted(self.by_format.items())},
            "inserted": self.store.inserted,
            "updated": self.store.updated,
            "unchanged": self.store.unchanged,
            "file_errors": self.file_errors,
            "quarantine_reasons": dict(self.reasons.most_common(10)),
            "quarantine_file": self.quarantine_file,
        }


Cleaner = Callable[[PatentRecord], PatentRecord]
Progress = Callable[[int, int, str, int], None]
"""Progress callback ``(file_index, n_files, file_name, rows_read_in_file)`` (e.g. the app's progress bar)."""

PROGRESS_EVERY = 500
"""A progress callback is called at the start of each file and every this many rows."""


def load_mapping(path: Path | None) -> dict[str, Any] | None:
    """Read a ``--mapping`` file (YAML or JSON) for the generic CSV reader.

    Raises:
        InputFormatError: The file is not a YAML/JSON mapping.
    """
    if path is None:
        return None
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputFormatError(f"cannot read mapping: {exc}", path=str(path)) from exc
    if not isinstance(data, dict):
        raise InputFormatError("a mapping file must hold a mapping of canonical field -> column", path=str(path))
    return data


def default_cleaner() -> Cleaner:
    """The cleaning every ingested record gets.

    Applicants get their normalised key, kind and region where the source gave none
    (:func:`ipnav.applicants.normalize_party`), so the region is kept in the record itself; the
    record is tagged with target industries from the shipped mapping (:mod:`ipnav.industries`).
    """
    from ipnav.applicants import normalize_party
    from ipnav.industries import load_industries, tag_record

    rules = load_industries()

    def clean(record: PatentRecord) -> PatentRecord:
        applicants = tuple(normalize_party(p) for p in record.applicants)
        return replace(record, applicants=applicants, industries=tag_record(record, rules))

    return clean


def _rows_with_progress(
    rows: Iterator[Any], label: str, progress: bool | Progress, where: tuple[int, int]
) -> Iterator[Any]:
    if callable(progress):
        index, n_files = where
        progress(index, n_files, label, 0)
        count = 0
        for count, row in enumerate(rows, start=1):
            if count % PROGRESS_EVERY == 0:
                progress(index, n_files, label, count)
            yield row
        progress(index, n_files, label, count)
        return
    if not progress:
        yield from rows
        return
    with tqdm(rows, desc=label, unit=" rows", leave=False, mininterval=0.5, disable=None) as bar:
        yield from bar


def ingest_paths(
    paths: Sequence[Path | str],
    store: GraphStore,
    *,
    fmt: str = "auto",
    mapping: Mapping[str, Any] | None = None,
    quarantine_path: Path | None = None,
    cleaner: Cleaner | None = None,
    batch_size: int = 2000,
    progress: bool | Progress = True,
) -> IngestSummary:
    """Read files (or folders, recursively) into the store, accounting for every row.

    Args:
        paths: Files or folders.
        store: An opened store.
        fmt: ``auto`` or a format name from :data:`ingest.FORMATS` (applies to every file).
        mapping: Column mapping for the generic ``csv`` format.
        quarantine_path: CSV file for rejected rows (rows of re-ingested sources are replaced).
        cleaner: Applied to each valid record before writing (default: industry tagging).
        batch_size: Records per store transaction.
        progress: Show a progress bar per file (on a terminal); or a :data:`Progress` callback,
            called at the start of each file and every :data:`PROGRESS_EVERY` rows.

    Returns:
        The :class:`IngestSummary`.

    Raises:
        InputFormatError: A path does not exist.
    """
    cleaner = cleaner or default_cleaner()
    summary = IngestSummary(quarantine_file=str(quarantine_path) if quarantine_path else "")
    files: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            raise InputFormatError("no such file or folder", path=str(path))
        files.extend(iter_files(path))
    quarantine: list[RowError] = []
    valid = _valid_records(files, summary, quarantine, fmt=fmt, mapping=mapping, cleaner=cleaner, progress=progress)
    summary.store = store.upsert_patents(valid, batch_size=batch_size)
    _upsert_industries(store)
    if quarantine_path is not None:
        _write_quarantine(quarantine_path, quarantine, {str(f) for f in files})
    return summary


def _valid_records(
    files: Sequence[Path],
    summary: IngestSummary,
    quarantine: list[RowError],
    *,
    fmt: str,
    mapping: Mapping[str, Any] | None,
    cleaner: Cleaner,
    progress: bool | Progress,
) -> Iterator[PatentRecord]:
    """Yield the valid records of all files, tallying every row into ``summary``."""
    seen: set[str] = set()
    for index, file in enumerate(files):
        try:
            name, rows = read_path(file, fmt, mapping=mapping)
            tally = summary.by_format.setdefault(name, _Tally())
            tally.files += 1
            for item in _rows_with_progress(rows, file.name, progress, (index, len(files))):
                tally.read += 1
                record = _check(item, name, cleaner)
                if isinstance(record, RowError):
                    tally.quarantined += 1
                    quarantine.append(record)
                    summary.reasons[_reason_class(record)] += 1
                    continue
                if record.id in seen:
                    tally.merged_duplicates += 1
                else:
                    seen.add(record.id)
                    tally.stored += 1
                yield record
        except InputFormatError as exc:
            log.warning("%s", exc)
            summary.file_errors.append({"file": str(file), "error": str(exc)})
            quarantine.append(RowError(str(file), "file", None, str(exc), "", fmt))


def _upsert_industries(store: GraphStore) -> None:
    from ipnav.industries import industry_nodes, load_industries

    store.upsert_industries(industry_nodes(load_industries()))


def _check(item: PatentRecord | RowError, fmt: str, cleaner: Cleaner) -> PatentRecord | RowError:
    if isinstance(item, RowError):
        return item
    try:
        return validate_record(cleaner(item))
    except InvalidRecordError as exc:
        where = item.provenance[0] if item.provenance else None
        return RowError(
            where.source if where else "", where.location if where else "", exc.field, str(exc), item.id, fmt
        )


def _reason_class(error: RowError) -> str:
    reason = error.reason.split(":")[0] if error.field else error.reason
    return f"{error.field or '-'}: {reason[:60]}"


def _write_quarantine(path: Path, new: Iterable[RowError], sources: set[str]) -> None:
    """Rewrite the quarantine file: rows of other sources kept, rows of this run's sources replaced."""
    rows: list[tuple[str, ...]] = []
    if path.exists():
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("source") not in sources:
                    rows.append(tuple(row.get(c, "") or "" for c in QUARANTINE_COLUMNS))
    rows += [(e.source, e.location, e.format, e.field or "", e.reason, e.raw) for e in new]
    rows = sorted(set(rows))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(QUARANTINE_COLUMNS)
        writer.writerows(rows)
