"""Google Patents Public Data (BigQuery) rows exported to CSV.

Read are the flattened landscape samples of ``../shared/data/patents/kista_landscapes_us_bigquery``
and, where present, the columns of the ``patents-public-data.patents.publications`` table with
their nested values written as JSON or Python-list text. Columns::

    publication_number ("US-8611015-B2") -> id / jurisdiction / kind
    country_code                         -> checked against the number's office
    kind_code                            -> kind (when the number has none)
    publication_date / filing_date / grant_date / priority_date (YYYYMMDD; 0 = unknown) -> dates
    application_number                   -> application_number
    family_id                            -> family_id (-1 = none)
    title_text | title_localized         -> title (language detected, or each item's "language")
    abstract_text | abstract_localized   -> abstract
    claims_localized                     -> first_claim (the text up to claim 2)
    cpc_code | cpc ; ipc_code | ipc      -> cpc ; ipc ("['G06F3/013', ...]" or [{"code": ...}])
    uspc_code | uspc                     -> extra.uspc
    refs | citation                      -> cited (normalised keys; the values that are not
                                            publication numbers -> extra.unparsed_citations)
    assignee_harmonized | assignee       -> applicants ({"name", "country_code"} items or names)
    inventor_harmonized | inventor       -> inventors
    valid                                -> extra.valid (the landscape label), extra["valid:<stem>"]
    embedding_v1, the unnamed row index  -> ignored

``valid`` is a label per landscape file; one publication can sit in two landscapes with different
labels, and merging keeps one value per key, so the label is also stored under a key naming its
file (``valid:offshore_plant``), which survives the merge. ``extra.landscape`` is the file stem.

A grant kind (US B1/B2, ...) with no ``grant_date`` column sets ``grant_date`` to the publication
date. Malformed codes quarantine the row (see :mod:`ingest.fields`).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ingest.base import Row, csv_rows, guard
from ingest.fields import (
    cited_keys,
    clean,
    codes_in,
    date_in,
    family_key,
    is_grant_kind,
    organisation,
    person,
    publication,
    texts,
)
from ipnav.codes import Code
from ipnav.exceptions import InvalidRecordError
from ipnav.records import Party, PatentRecord, Provenance, RowError, detect_lang

__all__ = ["EXTENSIONS", "FORMAT", "read", "sniff"]

FORMAT = "bigquery"
EXTENSIONS = (".csv",)

_SIGNATURE = (
    "refs",
    "cpc_code",
    "ipc_code",
    "uspc_code",
    "title_text",
    "abstract_text",
    "embedding_v1",
    "title_localized",
    "abstract_localized",
    "assignee_harmonized",
    "inventor_harmonized",
    "citation",
)
_GOOGLE_NUMBER = re.compile(r"\b[A-Z]{2}-[A-Z]{0,3}\d{3,}-[A-Z]\d?\b")
_SECOND_CLAIM = re.compile(r"\s2\s*[.)]\s")
_LIST_KEYS = ("code", "publication_number", "name", "text")


def sniff(path: Path, head: str) -> bool:
    """True for ``publication_number`` + BigQuery columns in the header and Google-style numbers."""
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    header = {c.strip().strip('"') for c in first.split(",")}
    return (
        "publication_number" in header
        and len(header & set(_SIGNATURE)) >= 2
        and _GOOGLE_NUMBER.search(head[len(first) :]) is not None
    )


def _items(cell: object, column: str) -> list[Any]:
    """A nested cell (JSON or Python-literal list) as a list; a plain text as a one-item list."""
    text = clean(cell)
    if text is None or text in ("[]", "{}"):
        return []
    if text[0] in "[{":
        try:
            value = json.loads(text)
        except ValueError:
            try:
                value = ast.literal_eval(text)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                raise InvalidRecordError(f"{column}: not a list: {text[:60]!r}", field=column) from None
        return value if isinstance(value, list) else [value]
    return [text]


def _strings(cell: object, column: str) -> list[str]:
    out = []
    for item in _items(cell, column):
        if isinstance(item, dict):
            item = next((item[k] for k in _LIST_KEYS if item.get(k)), "")
        if text := clean(item):
            out.append(text)
    return out


def _localized(cell: object, column: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in _items(cell, column):
        if isinstance(item, dict):
            text = clean(item.get("text"))
            if text:
                out.setdefault(clean(item.get("language")) or detect_lang(text), text)
        elif text := clean(item):
            out.update(texts(text))
    return out


def _text(row: Mapping[str, str], flat: str, nested: str) -> dict[str, str]:
    return texts(row.get(flat)) if clean(row.get(flat)) else _localized(row.get(nested), nested)


def _parties(row: Mapping[str, str], columns: tuple[str, str], *, organisations: bool) -> tuple[Party, ...]:
    column = next((c for c in columns if clean(row.get(c))), columns[0])
    make = organisation if organisations else person
    out = []
    for item in _items(row.get(column), column):
        if isinstance(item, dict):
            name, country = clean(item.get("name")), item.get("country_code")
        else:
            name, country = clean(item), None
        if name:
            out.append(make(name, country=country))
    return tuple(out)


def _codes(row: Mapping[str, str], scheme: str, columns: tuple[str, str]) -> tuple[Code, ...]:
    column = next((c for c in columns if clean(row.get(c))), columns[0])
    return codes_in("\n".join(_strings(row.get(column), column)), scheme, column)


def _first_claim(claims: dict[str, str]) -> dict[str, str]:
    out = {}
    for lang, text in claims.items():
        match = _SECOND_CLAIM.search(text)
        out[lang] = text[: match.start()].strip() if match else text
    return out


def _extra(row: Mapping[str, str], landscape: str, unparsed: list[str]) -> dict[str, Any]:
    extra: dict[str, Any] = {"landscape": landscape}
    if uspc := _strings(row.get("uspc_code") or row.get("uspc"), "uspc_code"):
        extra["uspc"] = uspc
    if unparsed:
        extra["unparsed_citations"] = unparsed
    label = (clean(row.get("valid")) or "").lower()
    if label in ("true", "false", "1", "0"):
        extra["valid"] = extra[f"valid:{landscape}"] = label in ("true", "1")
    return extra


def _record(row: Mapping[str, str], landscape: str, source: str, location: str) -> PatentRecord:
    number = publication(row.get("publication_number"), "publication_number")
    country = (clean(row.get("country_code")) or number.office).upper()
    if country != number.office:
        raise InvalidRecordError(
            f"country_code {country!r} differs from the office of {number.original!r}",
            field="country_code",
        )
    kind = number.kind or clean(row.get("kind_code"))
    published = date_in(row.get("publication_date"), "publication_date")
    granted = date_in(row.get("grant_date"), "grant_date")
    if granted is None and is_grant_kind(number.office, kind, published):
        granted = published
    cited, unparsed = cited_keys(_strings(row.get("refs") or row.get("citation"), "refs"))
    return PatentRecord(
        id=number.key,
        jurisdiction=number.office,
        kind=kind,
        original_id=number.original.strip(),
        family_id=family_key(row.get("family_id")),
        title=_text(row, "title_text", "title_localized"),
        abstract=_text(row, "abstract_text", "abstract_localized"),
        first_claim=_first_claim(_localized(row.get("claims_localized"), "claims_localized")),
        ipc=_codes(row, "IPC", ("ipc_code", "ipc")),
        cpc=_codes(row, "CPC", ("cpc_code", "cpc")),
        applicants=_parties(row, ("assignee_harmonized", "assignee"), organisations=True),
        inventors=_parties(row, ("inventor_harmonized", "inventor"), organisations=False),
        application_number=clean(row.get("application_number")),
        application_date=date_in(row.get("filing_date"), "filing_date"),
        priority_date=date_in(row.get("priority_date"), "priority_date"),
        publication_date=published,
        grant_date=granted,
        cited=cited,
        extra=_extra(row, landscape, unparsed),
        provenance=(Provenance(source, location, FORMAT),),
    )


def _landscape(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".csv", ".tsv"):
        name = name.removesuffix(suffix)
    return name


def read(path: Path, *, mapping: Mapping[str, Any] | None = None) -> Iterator[Row]:
    """Read Google Patents Public Data rows (CSV): one record or RowError per row.

    Args:
        path: The CSV (gzip allowed).
        mapping: Not used; accepted for the common reader signature.

    Raises:
        InputFormatError: Empty file or no ``publication_number`` column.

    Example:
        >>> rows = list(read(Path("radar_rain_gauge.csv.gz")))  # doctest: +SKIP
        >>> rows[0].id, rows[0].extra["valid"]  # doctest: +SKIP
        ('US5665809', False)
    """
    source = str(path)
    landscape = _landscape(path)
    for item in csv_rows(path, fmt=FORMAT, required=("publication_number",)):
        if isinstance(item, RowError):
            yield item
            continue
        location, row = item
        yield guard(source, location, FORMAT, row, partial(_record, row, landscape, source, location))
