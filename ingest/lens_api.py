"""Lens patent API records flattened to CSV (``patents.csv``), with applicants in a sibling table.

The shape is that of flattened Lens API JSON (``lens_id``, ``doc_key``, ``date_published``,
``publication_reference_*``, ``application_reference_*``, ``invention_title``, ``abstract`` ...),
as in ``../shared/data/patents/lens_green_concrete_materials``. Columns used::

    doc_key ("CN_218289675_U_20230113") -> id / jurisdiction / kind   (office, number, kind)
    jurisdiction                     -> checked against the doc_key's office
    date_published                   -> publication_date (publication_reference_date otherwise)
    application_reference_date       -> application_date
    priority_claims_earliest_claim_date -> priority_date
    priority_claim_jurisdiction      -> priority_countries
    invention_title                  -> title[language detected from the text]
    abstract + abstract_lang         -> abstract[abstract_lang: zh-cn -> zh, unknown -> detected]
    references_cited_patent_count    -> cites_count    ("3.0" -> 3)
    references_cited_npl_count       -> extra.npl_cites_count
    publication_type                 -> extra.publication_type; GRANTED_PATENT sets grant_date
    lens_id, numInventors, owner     -> extra.lens_id, extra.inventors_count, extra.owners
                                        (owner cells are Python-literal dicts: {'value': 'SIKA AG'})

``title_lang`` is not used: in the real file it disagrees with the text (``nl`` and ``de`` on
English titles, ``ko`` on Chinese ones), so the title's language is detected from its script.

Applicants: ``patents.csv`` has only counts. The applicants are in a second table with the
columns ``lens_id, doc_key, residence, extracted_name, extracted_address`` (the shipped
``patent_applicants.csv.gz``). When :func:`read` is given the patents table it looks in the SAME
folder for that table (any ``*.csv``/``*.csv.gz`` whose header has ``lens_id`` and
``extracted_name``) and joins it by ``lens_id``: ``extracted_name`` -> ``Party.name``,
``residence`` -> ``country``, ``extracted_address`` -> ``address``, in the table's order. Passing
only ``patents.csv`` therefore still finds the applicants when the table lies beside it; when it
does not, records have no applicants (a warning is logged).

The applicants table is never read as patents: :func:`sniff` refuses it and
:func:`is_companion` tells the folder walk (:func:`ingest.iter_files`) to pass over it; its rows
count through the join. Applicant rows whose ``lens_id`` is in no row of the patents table are
not dropped silently: each comes out as a RowError (source = the applicants table). Applicant rows
without a name (75 Korean rows in the real table) are counted in ``extra["unnamed_applicants"]``.
"""

from __future__ import annotations

import ast
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ingest.base import Row, csv_rows, guard, read_head
from ingest.fields import clean, date_in, organisation, publication, texts, whole_number
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.pubnum import PubNumber
from ipnav.records import Party, PatentRecord, Provenance, RowError

__all__ = ["EXTENSIONS", "FORMAT", "is_companion", "read", "sniff"]

FORMAT = "lens-api"
EXTENSIONS = (".csv",)

log = logging.getLogger(__name__)

_REQUIRED = ("lens_id", "doc_key")
_PATENT_COLUMNS = (
    "date_published",
    "publication_type",
    "invention_title",
    "publication_reference_kind",
)
_APPLICANT_COLUMNS = ("lens_id", "extracted_name")


def _header(head: str) -> list[str]:
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    return [c.strip().strip('"') for c in first.split(",")]


def sniff(path: Path, head: str) -> bool:
    """True for the patents table (``lens_id``, ``doc_key``, publication columns)."""
    header = _header(head)
    return all(c in header for c in _REQUIRED) and sum(c in header for c in _PATENT_COLUMNS) >= 2


def is_companion(path: Path, head: str) -> bool:
    """True for the applicants table (``lens_id`` + ``extracted_name``): read through the join."""
    header = _header(head)
    return all(c in header for c in _APPLICANT_COLUMNS) and not sniff(path, head)


def _applicant_tables(path: Path) -> list[Path]:
    tables = []
    for candidate in sorted(path.parent.iterdir()):
        name = candidate.name.lower().removesuffix(".gz")
        if candidate == path or not candidate.is_file() or not name.endswith(".csv"):
            continue
        try:
            if is_companion(candidate, read_head(candidate, 4096)):
                tables.append(candidate)
        except InputFormatError:
            continue
    return tables


@dataclass
class _Applicants:
    """The applicants tables beside a patents table, by lens_id, with their row locations."""

    parties: dict[str, list[Party]] = field(default_factory=dict)
    unnamed: dict[str, int] = field(default_factory=dict)
    rows: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # lens_id -> (table, location, name)
    errors: list[RowError] = field(default_factory=list)

    def add(self, table: Path, location: str, row: Mapping[str, str]) -> None:
        lens_id = clean(row.get("lens_id"))
        name = clean(row.get("extracted_name"))
        if lens_id is None:
            self.errors.append(
                RowError(
                    str(table),
                    location,
                    "lens_id",
                    "applicant row without lens_id",
                    name or "",
                    FORMAT,
                )
            )
            return
        self.rows.setdefault(lens_id, []).append((str(table), location, name or ""))
        if name is None:
            self.unnamed[lens_id] = self.unnamed.get(lens_id, 0) + 1
            return
        party = organisation(name, country=row.get("residence"), address=row.get("extracted_address"))
        self.parties.setdefault(lens_id, []).append(party)

    def orphans(self, seen: set[str], patents: str) -> Iterator[RowError]:
        yield from self.errors
        for lens_id in sorted(set(self.rows) - seen):
            for table, location, name in self.rows[lens_id]:
                yield RowError(
                    table,
                    location,
                    "lens_id",
                    f"applicant row whose lens_id {lens_id} is in no row of {patents}",
                    name,
                    FORMAT,
                )


def _load_applicants(tables: list[Path]) -> _Applicants:
    applicants = _Applicants()
    for table in tables:
        try:
            for item in csv_rows(table, fmt=FORMAT, required=_APPLICANT_COLUMNS):
                if isinstance(item, RowError):
                    applicants.errors.append(item)
                else:
                    applicants.add(table, *item)
        except InputFormatError as exc:  # a broken applicants table must not hide the patents
            log.warning("%s", exc)
            applicants.errors.append(
                RowError(str(table), "file", None, f"applicants table not read: {exc}", "", FORMAT)
            )
    return applicants


def _owners(cell: str | None) -> list[str]:
    text = clean(cell)
    if text is None:
        return []
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return [text]
    items = value if isinstance(value, list) else [value]
    names = [str(v.get("value") or v.get("name") or "") if isinstance(v, dict) else str(v) for v in items]
    return [n.strip() for n in names if n.strip()]


def _lang(code: str | None) -> str | None:
    text = (clean(code) or "").lower()
    return None if text in ("", "unknown", "und") else text.split("-")[0]


_NUMBER = re.compile(r"^[A-Z0-9]{1,20}$")


def _doc_number(parts: list[str], doc_key: str) -> PubNumber:
    """The publication number of a doc_key; its parts are already split, so numbers the general
    normaliser refuses (Indian ``3349MU2013``, Singapore ``11201809209P``) are kept as written."""
    office, number, kind = parts[0].upper(), parts[1].upper(), parts[2].upper()
    try:
        return publication(f"{office}{number}{kind}", "doc_key")
    except InvalidRecordError:
        if not (re.fullmatch(r"[A-Z]{2}", office) and _NUMBER.match(number) and re.fullmatch(r"[A-Z]\d?", kind)):
            raise
        return PubNumber(office=office, number=number, kind=kind, original=doc_key)


def _record(row: Mapping[str, str], applicants: _Applicants, source: str, location: str) -> PatentRecord:
    doc_key = clean(row.get("doc_key")) or ""
    parts = doc_key.split("_")
    if len(parts) < 3:
        raise InvalidRecordError(f"doc_key: expected OFFICE_NUMBER_KIND_DATE, got {doc_key!r}", field="doc_key")
    number = _doc_number(parts, doc_key)
    jurisdiction = (clean(row.get("jurisdiction")) or number.office).upper()
    if jurisdiction != number.office:
        raise InvalidRecordError(
            f"jurisdiction {jurisdiction!r} differs from the office of doc_key {doc_key!r}",
            field="jurisdiction",
        )
    lens_id = clean(row.get("lens_id")) or ""
    published = date_in(row.get("date_published") or row.get("publication_reference_date"), "date_published")
    kind = clean(row.get("publication_type"))
    extra: dict[str, Any] = {"lens_id": lens_id} if lens_id else {}
    if kind:
        extra["publication_type"] = kind
    for column, key in (
        ("references_cited_npl_count", "npl_cites_count"),
        ("numInventors", "inventors_count"),
    ):
        if (value := whole_number(row.get(column), column)) is not None:
            extra[key] = value
    if owners := _owners(row.get("owner")):
        extra["owners"] = owners
    if unnamed := applicants.unnamed.get(lens_id):
        extra["unnamed_applicants"] = unnamed
    priority = clean(row.get("priority_claim_jurisdiction"))
    return PatentRecord(
        id=number.key,
        jurisdiction=number.office,
        kind=number.kind,
        original_id=doc_key,
        title=texts(row.get("invention_title")),
        abstract=texts(row.get("abstract"), _lang(row.get("abstract_lang"))),
        applicants=tuple(applicants.parties.get(lens_id, ())),
        application_date=date_in(row.get("application_reference_date"), "application_reference_date"),
        priority_date=date_in(row.get("priority_claims_earliest_claim_date"), "priority_claims_earliest_claim_date"),
        publication_date=published,
        grant_date=published if kind == "GRANTED_PATENT" else None,
        cites_count=whole_number(row.get("references_cited_patent_count"), "references_cited_patent_count"),
        priority_countries=(priority.upper(),) if priority and len(priority) == 2 else (),
        extra=extra,
        provenance=(Provenance(source, location, FORMAT),),
    )


def read(path: Path, *, mapping: Mapping[str, Any] | None = None) -> Iterator[Row]:
    """Read a flattened Lens API patents table, joining the applicants table beside it.

    Yields one record or RowError per patents row, then one RowError per applicant row that
    belongs to no patent of this table (see the module doc).

    Args:
        path: ``patents.csv`` (gzip allowed).
        mapping: Not used; accepted for the common reader signature.

    Raises:
        InputFormatError: Empty file, missing ``lens_id``/``doc_key``, or ``path`` is the
            applicants table itself.

    Example:
        >>> rows = list(read(Path("lens_green_concrete/patents.csv.gz")))  # doctest: +SKIP
        >>> rows[0].id, rows[0].kind  # doctest: +SKIP
        ('CN218289675', 'U')
    """
    source = str(path)
    head = read_head(path, 4096)
    if is_companion(path, head):
        raise InputFormatError(
            "this is the applicants table of a Lens API export; it is joined by lens_id when "
            "the patents table beside it (e.g. patents.csv) or the folder is read",
            path=source,
        )
    tables = _applicant_tables(path)
    if not tables:
        log.warning("%s: no Lens applicants table beside it; records will have no applicants", source)
    applicants = _load_applicants(tables)
    seen: set[str] = set()
    for item in csv_rows(path, fmt=FORMAT, required=_REQUIRED):
        if isinstance(item, RowError):
            yield item
            continue
        location, row = item
        if lens_id := clean(row.get("lens_id")):
            seen.add(lens_id)
        yield guard(source, location, FORMAT, row, partial(_record, row, applicants, source, location))
    yield from applicants.orphans(seen, path.name)
