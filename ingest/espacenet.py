"""Espacenet result-list CSV export ("Download > CSV" of an Espacenet search), any UI language.

An export starts with preamble lines (``"Espacenet"``, the query, the hit count, ...), then the
header line; the reader finds the header by its column names, so the preamble length is never
assumed. Cells are quoted; the separator is ``;`` (``,`` is accepted too). Cells with several
values (inventors, applicants, publication numbers and dates, IPC, CPC) hold one value per line.

Columns (Espacenet's documented export columns in the English, German and French UI)::

    header (English / German / French)                 -> canonical
    No                                                  (row number, unused)
    Title / Titel / Titre                               -> title[detected language]
    Inventors / Erfinder / Inventeurs                   -> inventors (+ country tag)
    Applicants / Anmelder / Demandeurs                  -> applicants (+ country tag)
    Publication number / Veröffentlichungsnummer /
        Numéro de publication                           -> id/kind (first number),
                                                           extra.family_publications (others)
    Earliest priority / Früheste Priorität /
        Priorité la plus ancienne                       -> priority_date
    IPC / IPC / CIB                                     -> ipc
    CPC                                                 -> cpc ("B25B1/103 (EP,US)": no offices)
    Publication date / Veröffentlichungsdatum /
        Date de publication                             -> publication_date (of the first number)
    Earliest publication / Früheste Veröffentlichung /
        Publication la plus ancienne                    -> extra.earliest_publication
    Family number / Familiennummer / Numéro de famille  -> family_id (leading zeros dropped)

The German names are those of the shipped real export; the English ones are those Espacenet
writes in its English UI (also seen as ``applicant``); the French ones follow the French UI
labels and have not been checked against a real French export.

Decisions:

* One row is one family as Espacenet lists it. The record is its FIRST publication number
  (Espacenet lists the one that matched first); the other numbers of the row are kept in
  ``extra["family_publications"]`` (normalised, with kind) and the dates of all the numbers, in
  the same order, in ``extra["family_publication_dates"]``. ``publication_date`` is the date on
  the same line as the first number; when the counts of numbers and dates differ it is left
  empty (no guess).
* ``Kein Titel verfügbar`` / ``No title available`` / ``Aucun titre disponible`` mean no title.
* ``[US]`` after a name is the party's country: it goes to ``Party.country`` and is removed from
  the name.
* A grant kind of the first publication (US B1/B2, EP B1, CN B/C/U, ...) sets ``grant_date`` to
  its publication date (:func:`ingest.fields.is_grant_kind`).
* Malformed codes quarantine the row (see :mod:`ingest.fields`).
* A file in CP1252 (an export re-saved by a spreadsheet on Windows) is recognised by its header
  and decoded as CP1252.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ingest.base import (
    Row,
    csv_rows,
    detect_encoding,
    guard,
    locate_header,
    read_sample,
    split_multi,
)
from ingest.fields import (
    clean,
    codes_in,
    date_in,
    family_key,
    is_grant_kind,
    organisation,
    person,
    publication,
    split_country_tag,
    texts,
)
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.records import Party, PatentRecord, Provenance, RowError

__all__ = ["EXTENSIONS", "FORMAT", "read", "sniff"]

FORMAT = "espacenet"
EXTENSIONS = (".csv",)

_HEADERS = {
    "no": "no",
    # English UI
    "title": "title",
    "inventors": "inventors",
    "inventor": "inventors",
    "applicants": "applicants",
    "applicant": "applicants",
    "publication number": "publication_number",
    "earliest priority": "earliest_priority",
    "ipc": "ipc",
    "cpc": "cpc",
    "publication date": "publication_date",
    "earliest publication": "earliest_publication",
    "family number": "family_number",
    # German UI
    "titel": "title",
    "erfinder": "inventors",
    "anmelder": "applicants",
    "veröffentlichungsnummer": "publication_number",
    "früheste priorität": "earliest_priority",
    "veröffentlichungsdatum": "publication_date",
    "früheste veröffentlichung": "earliest_publication",
    "familiennummer": "family_number",
    # French UI
    "titre": "title",
    "inventeurs": "inventors",
    "demandeurs": "applicants",
    "numéro de publication": "publication_number",
    "priorité la plus ancienne": "earliest_priority",
    "cib": "ipc",
    "date de publication": "publication_date",
    "publication la plus ancienne": "earliest_publication",
    "numéro de famille": "family_number",
}
_NO_TITLE = {"kein titel verfügbar", "no title available", "aucun titre disponible"}
_MULTI = ("\n", ";")
_MIN_COLUMNS = 6


def _key(header: str) -> str:
    return " ".join(unicodedata.normalize("NFC", header).casefold().split())


def _columns(cells: list[str]) -> dict[str, str]:
    """Canonical name -> source column, for the cells of a header line."""
    out: dict[str, str] = {}
    for cell in cells:
        canonical = _HEADERS.get(_key(cell))
        if canonical and canonical not in out:
            out[canonical] = cell
    return out


def _is_header(cells: list[str]) -> bool:
    columns = _columns(cells)
    return "publication_number" in columns and len(columns) >= _MIN_COLUMNS


def sniff(path: Path, head: str) -> bool:
    """True when a line near the top is an Espacenet header (in English, German or French)."""
    return locate_header(head, _is_header, delimiters=(";", ",")) is not None


def _layout(path: Path) -> tuple[int, str, str]:
    """Lines before the header, the delimiter and the encoding of an export.

    Raises:
        InputFormatError: No Espacenet header near the top.
    """
    sample = read_sample(path)
    if not sample.strip():
        raise InputFormatError("file is empty", path=str(path))
    detected = detect_encoding(sample)
    for encoding in dict.fromkeys((detected, "cp1252")):
        found = locate_header(codecs.decode(sample, encoding, errors="replace"), _is_header, delimiters=(";", ","))
        if found is not None:
            return found[0], found[1], encoding
    first = sample.decode(detected, errors="replace").strip().splitlines()[0][:120]
    raise InputFormatError(
        "no Espacenet header (No; Title/Titel/Titre; Publication number/"
        f"Veröffentlichungsnummer; ...) in the first lines; first line: {first!r} "
        "(not an Espacenet CSV export?)",
        path=str(path),
    )


def _parties(cell: str | None, *, organisations: bool) -> tuple[Party, ...]:
    out = []
    for raw in split_multi(cell, _MULTI):
        name, country = split_country_tag(raw)
        if name:
            out.append(organisation(name, country=country) if organisations else person(name, country=country))
    return tuple(out)


def _record(row: Mapping[str, str], columns: Mapping[str, str], source: str, location: str) -> PatentRecord:
    def cell(key: str) -> str | None:
        return clean(row.get(columns.get(key, ""), ""))

    pub_column = columns["publication_number"]
    numbers = [publication(n, pub_column) for n in split_multi(cell("publication_number"), _MULTI)]
    if not numbers:
        raise InvalidRecordError(f"{pub_column}: no publication number", field=pub_column)
    date_column = columns.get("publication_date", "publication_date")
    dates = [date_in(d, date_column) for d in split_multi(cell("publication_date"), _MULTI)]
    first = numbers[0]
    published = dates[0] if len(dates) == len(numbers) else None
    title = cell("title")
    extra: dict[str, Any] = {}
    if len(numbers) > 1:
        extra["family_publications"] = [n.full for n in numbers[1:]]
    if len(dates) > 1 or (dates and published is None):
        extra["family_publication_dates"] = [d.isoformat() if d else "" for d in dates]
    earliest = date_in(cell("earliest_publication"), columns.get("earliest_publication", "earliest_publication"))
    if earliest:
        extra["earliest_publication"] = earliest.isoformat()
    return PatentRecord(
        id=first.key,
        jurisdiction=first.office,
        kind=first.kind,
        original_id=first.original.strip(),
        family_id=family_key(cell("family_number")),
        title=texts(None if title and _key(title) in _NO_TITLE else title),
        ipc=codes_in(cell("ipc"), "IPC", columns.get("ipc", "IPC")),
        cpc=codes_in(cell("cpc"), "CPC", columns.get("cpc", "CPC")),
        applicants=_parties(cell("applicants"), organisations=True),
        inventors=_parties(cell("inventors"), organisations=False),
        priority_date=date_in(cell("earliest_priority"), columns.get("earliest_priority", "earliest_priority")),
        publication_date=published,
        grant_date=published if is_grant_kind(first.office, first.kind, published) else None,
        extra=extra,
        provenance=(Provenance(source, location, FORMAT),),
    )


def read(path: Path, *, mapping: Mapping[str, Any] | None = None) -> Iterator[Row]:
    """Read an Espacenet CSV export: one record or RowError per family row.

    Args:
        path: The export (``.csv`` or ``.csv.gz``), in any UI language listed in the module doc.
        mapping: Not used (Espacenet columns are fixed); accepted for the common reader signature.

    Raises:
        InputFormatError: Empty file, or no Espacenet header line near the top.

    Example:
        >>> rows = list(read(Path("data/demo/espacenet_machine_vise.csv.gz")))  # doctest: +SKIP
        >>> rows[0].id, rows[0].applicants[0].country  # doctest: +SKIP
        ('US4750722', 'US')
    """
    source = str(path)
    skip, delimiter, encoding = _layout(path)
    columns: dict[str, str] | None = None
    for item in csv_rows(path, fmt=FORMAT, delimiter=delimiter, skip_lines=skip, encoding=encoding):
        if isinstance(item, RowError):
            yield item
            continue
        location, row = item
        if columns is None:
            columns = _columns(list(row))
        yield guard(source, location, FORMAT, row, partial(_record, row, columns, source, location))
