"""CNKI (知网) Chinese patent records, as scraped from CNKI's patent database (SCPD).

Two header styles are read: the shipped CSV's English names and the original scraper's names
(``title/author/com/public/sql/quote/href/ChDiv_summary/claim_text``, with an empty
``download`` column)::

    shipped            original        -> canonical
    publication_number (none)          -> id / kind   (from the ``filename=`` of the CNKI URL
                                                       when the column is absent or empty)
    title              title           -> title["zh"]
    inventors          author          -> inventors   (";"-separated)
    applicant          com             -> applicants  (";"-separated)
    source_type        public          -> extra.source_type ("中国专利")
    filing_date        sql             -> application_date
    publication_date   quote           -> publication_date (and grant_date for B/C/U kinds)
    cnki_url           href            -> extra.cnki_url
    abstract           ChDiv_summary   -> abstract["zh"]
    first_claim        claim_text      -> first_claim["zh"]

The ``#`` characters in CNKI text: CNKI's pages replace the hyphen/range dash with ``#``. In the
shipped records it stands for a dash in every context looked at (ranges ``760#820℃``,
``8#15份``, ``0.20%#0.25%``; compound terms ``围压#体积控制器``, ``熔融#淬冷法``; formulas
``Ca10#x#zYZ(PO4)6#y``; part labels ``腐蚀槽(1#1)``), and never for a space. The reader
therefore restores ``#`` as ``-`` in title, abstract and first claim, and counts the
replacements in ``extra["cnki_hash_restored"]`` so the change stays visible.

No IPC codes or citations are in CNKI's list export. Texts are Chinese (``zh``); the language
is still detected per cell, so an English cell would be tagged ``en``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ingest.base import Row, csv_rows, guard, locate_header, read_head, split_multi
from ingest.fields import clean, date_in, is_grant_kind, organisation, person, publication, texts
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.records import PatentRecord, Provenance, RowError

__all__ = ["EXTENSIONS", "FORMAT", "read", "sniff"]

FORMAT = "cnki"
EXTENSIONS = (".csv",)

# canonical -> (shipped name, original scraper name)
_COLUMNS = {
    "publication_number": ("publication_number", None),
    "title": ("title", "title"),
    "inventors": ("inventors", "author"),
    "applicant": ("applicant", "com"),
    "source_type": ("source_type", "public"),
    "filing_date": ("filing_date", "sql"),
    "publication_date": ("publication_date", "quote"),
    "cnki_url": ("cnki_url", "href"),
    "abstract": ("abstract", "ChDiv_summary"),
    "first_claim": ("first_claim", "claim_text"),
}
_FILENAME = re.compile(r"[?&]filename=([A-Za-z]{2}\d+[A-Za-z]?\d?)", re.I)
_SEP = (";", "；")


def _style(header: list[str]) -> int | None:
    """0 for the shipped names, 1 for the original scraper names, None when neither fits."""
    names = set(header)
    if {"cnki_url", "applicant", "inventors", "filing_date"} <= names:
        return 0
    if {"ChDiv_summary", "href", "com", "author", "sql"} <= names:
        return 1
    return None


def sniff(path: Path, head: str) -> bool:
    """True for a CNKI patent list: its column names, or CNKI detail URLs in the first rows."""
    if locate_header(head, lambda cells: _style(cells) is not None, delimiters=(",", ";", "\t"), max_lines=1):
        return True
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    return "publication_number" in first and "kns.cnki.net" in head


def _restore(value: str | None) -> tuple[str | None, int]:
    if not value:
        return value, 0
    return value.replace("#", "-"), value.count("#")


def _record(row: Mapping[str, str], names: Mapping[str, str], source: str, location: str) -> PatentRecord:
    def cell(key: str) -> str | None:
        return clean(row.get(names.get(key) or "", ""))

    url = cell("cnki_url")
    number_text = cell("publication_number")
    number_column = names.get("publication_number") or names["cnki_url"]
    if number_text is None and url and (match := _FILENAME.search(url)):
        number_text = match.group(1)
    if number_text is None:
        raise InvalidRecordError(
            f"{number_column}: no publication number (and none in the CNKI URL)",
            field=number_column,
        )
    number = publication(number_text, number_column)
    title, n_title = _restore(cell("title"))
    abstract, n_abstract = _restore(cell("abstract"))
    claim, n_claim = _restore(cell("first_claim"))
    published = date_in(cell("publication_date"), names["publication_date"])
    extra: dict[str, Any] = {k: v for k in ("source_type", "cnki_url") if (v := cell(k))}
    if restored := n_title + n_abstract + n_claim:
        extra["cnki_hash_restored"] = restored
    return PatentRecord(
        id=number.key,
        jurisdiction=number.office,
        kind=number.kind,
        original_id=number_text,
        title=texts(title),
        abstract=texts(abstract),
        first_claim=texts(claim),
        applicants=tuple(organisation(n) for n in split_multi(cell("applicant"), _SEP)),
        inventors=tuple(person(n) for n in split_multi(cell("inventors"), _SEP)),
        application_date=date_in(cell("filing_date"), names["filing_date"]),
        publication_date=published,
        grant_date=published if is_grant_kind(number.office, number.kind, published) else None,
        extra=extra,
        provenance=(Provenance(source, location, FORMAT),),
    )


def read(path: Path, *, mapping: Mapping[str, Any] | None = None) -> Iterator[Row]:
    """Read a CNKI patent list (CSV, shipped or original column names): one item per row.

    Args:
        path: The CSV (gzip allowed).
        mapping: Not used; accepted for the common reader signature.

    Raises:
        InputFormatError: Empty file, or neither CNKI header style.

    Example:
        >>> rows = list(read(Path("cnki_material_chemistry_2018_2019.csv")))  # doctest: +SKIP
        >>> rows[0].id, rows[0].applicants[0].name  # doctest: +SKIP
        ('CN108982325', '浙江大学')
    """
    source = str(path)
    found = locate_header(
        read_head(path),
        lambda cells: _style(cells) is not None,
        delimiters=(",", ";", "\t"),
        max_lines=1,
    )
    if found is None:
        raise InputFormatError(
            "not a CNKI patent list: expected the columns publication_number/title/inventors/"
            "applicant/filing_date/cnki_url or the scraper's title/author/com/sql/quote/href/"
            "ChDiv_summary/claim_text on the first line",
            path=source,
        )
    names: dict[str, str] | None = None
    for item in csv_rows(path, fmt=FORMAT, delimiter=found[1]):
        if isinstance(item, RowError):
            yield item
            continue
        location, row = item
        if names is None:
            style = _style(list(row)) or 0
            names = {k: v[style] for k, v in _COLUMNS.items() if v[style] is not None}  # type: ignore[misc]
        yield guard(source, location, FORMAT, row, partial(_record, row, names, source, location))
