"""WIPS ON sheet export (Korean commercial database), as a CSV with English column names.

The shipped sample is the WIPS ON Excel sheet converted to UTF-8 CSV with its Korean column
names translated to English (see ``../shared/data/patents/SOURCES.md`` section 3). Multi-valued
cells use ``|``. Columns used::

    country + publication_number | grant_number -> id / jurisdiction   (publication number
                                                   preferred; a grant number otherwise)
    kind_code                    -> kind            (the kind of that document)
    application_number           -> application_number (as written, e.g. 1990-610146)
    filing_date                  -> application_date
    publication_date / grant_date -> publication_date (grant date when there is no publication
                                     number: the grant IS the publication) / grant_date
    title / abstract             -> title / abstract (language detected; CN rows are WIPS English)
    representative_claim         -> first_claim (WIPS's representative claim is claim 1)
    claim_count                  -> claims_count
    ipc_all (else ipc_main)      -> ipc   ("B29C-067/00")      ipc_main -> extra.ipc_main
    cpc_all_us (else cpc_main_us) -> cpc  ("B29C-0067/007")
    uspc_all                     -> extra.uspc
    applicants + applicant_countries -> applicants (countries by position when the counts match)
    inventors + inventor_countries   -> inventors  (names as written, "Cima; Michael")
    priority_countries / priority_dates / priority_numbers -> priority_countries / priority_date
                                     (earliest) / extra.priority_numbers
    pct_* , agents, wips_on_key, applicant_normalized_name_en -> extra

Number rules: WIPS zero-pads CN numbers to 9 digits (``001812878`` is ``CN1812878``), so leading
zeros of CN numbers are dropped; US pre-grant numbers ``2003-0098523`` become ``US20030098523``.
Malformed codes quarantine the row (see :mod:`ingest.fields`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ingest.base import Row, csv_rows, guard, split_multi
from ingest.fields import (
    clean,
    codes_in,
    date_in,
    organisation,
    person,
    publication,
    texts,
    whole_number,
)
from ipnav.exceptions import InvalidRecordError
from ipnav.pubnum import PubNumber, try_normalize_pubnum
from ipnav.records import Party, PatentRecord, Provenance, RowError

__all__ = ["EXTENSIONS", "FORMAT", "read", "sniff"]

FORMAT = "wips"
EXTENSIONS = (".csv", ".tsv")

_REQUIRED = ("country", "kind_code", "publication_number", "grant_number")
_SIGNATURE = (
    "wips_on_key",
    "db_type",
    "patent_or_utility",
    "examined_publication_number",
    "applicant_normalized_code",
    "theme_code_jp",
    "fterm_jp",
    "representative_claim",
)
_SEP = ("|",)


def sniff(path: Path, head: str) -> bool:
    """True when the header holds WIPS's columns (``wips_on_key``, ``db_type``, ``fterm_jp``...)."""
    first = head.lstrip("\ufeff").splitlines()[0] if head.strip() else ""
    return all(c in first for c in _REQUIRED) and sum(c in first for c in _SIGNATURE) >= 3


def _number(row: Mapping[str, str]) -> tuple[PubNumber, str]:
    """The document number (publication preferred, else grant) and its column."""
    country = (clean(row.get("country")) or "").upper()
    column = "publication_number" if clean(row.get("publication_number")) else "grant_number"
    number = clean(row.get(column))
    if number is None:
        raise InvalidRecordError(
            "publication_number: neither a publication nor a grant number",
            field="publication_number",
        )
    digits = number.replace("-", "")
    if country == "CN" and digits.isdigit():
        number = digits.lstrip("0") or "0"
    kind = clean(row.get("kind_code")) or ""
    return publication(f"{country}{number}{kind}", column), column


def _parties(names: str | None, countries: str | None, *, organisations: bool) -> tuple[Party, ...]:
    people = split_multi(names, _SEP)
    places = split_multi(countries, _SEP)
    if len(places) != len(people):
        places = [""] * len(people)
    make = organisation if organisations else person
    return tuple(make(name, country=place or None) for name, place in zip(people, places, strict=True))


def _extra(row: Mapping[str, str]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for key in (
        "ipc_main",
        "wips_on_key",
        "applicant_normalized_name_en",
        "pct_application_number",
        "pct_filing_date",
    ):
        if value := clean(row.get(key)):
            extra[key] = value
    if pct := try_normalize_pubnum(clean(row.get("pct_publication_number")) or ""):
        extra["pct_publication"] = pct.full
    for column, key in (
        ("uspc_all", "uspc"),
        ("agents", "agents"),
        ("priority_numbers", "priority_numbers"),
    ):
        if values := split_multi(row.get(column), _SEP):
            extra[key] = values
    return extra


def _record(row: Mapping[str, str], source: str, location: str) -> PatentRecord:
    number, column = _number(row)
    published = date_in(row.get("publication_date"), "publication_date")
    granted = date_in(row.get("grant_date"), "grant_date")
    priority = [d for d in (date_in(p, "priority_dates") for p in split_multi(row.get("priority_dates"), _SEP)) if d]
    ipc_column = "ipc_all" if clean(row.get("ipc_all")) else "ipc_main"
    cpc_column = "cpc_all_us" if clean(row.get("cpc_all_us")) else "cpc_main_us"
    return PatentRecord(
        id=number.key,
        jurisdiction=number.office,
        kind=number.kind,
        original_id=" ".join(filter(None, (clean(row.get(k)) for k in ("country", column, "kind_code")))),
        title=texts(row.get("title")),
        abstract=texts(row.get("abstract")),
        first_claim=texts(row.get("representative_claim")),
        ipc=codes_in(row.get(ipc_column), "IPC", ipc_column),
        cpc=codes_in(row.get(cpc_column), "CPC", cpc_column),
        applicants=_parties(row.get("applicants"), row.get("applicant_countries"), organisations=True),
        inventors=_parties(row.get("inventors"), row.get("inventor_countries"), organisations=False),
        application_number=clean(row.get("application_number")),
        application_date=date_in(row.get("filing_date"), "filing_date"),
        priority_date=min(priority) if priority else None,
        publication_date=published if column == "publication_number" else (published or granted),
        grant_date=granted,
        claims_count=whole_number(row.get("claim_count"), "claim_count"),
        priority_countries=tuple(
            sorted({c.upper() for c in split_multi(row.get("priority_countries"), _SEP) if len(c) == 2})
        ),
        extra=_extra(row),
        provenance=(Provenance(source, location, FORMAT),),
    )


def read(path: Path, *, mapping: Mapping[str, Any] | None = None) -> Iterator[Row]:
    """Read a WIPS ON sheet (CSV): one record or RowError per row.

    Args:
        path: The sheet as CSV (gzip allowed; the delimiter is taken from the header line).
        mapping: Not used; accepted for the common reader signature.

    Raises:
        InputFormatError: Empty file or WIPS columns missing (wrong delimiter / not a WIPS sheet).

    Example:
        >>> rows = list(read(Path("3d_printing_us_cn_312.csv.gz")))  # doctest: +SKIP
        >>> rows[13].id, rows[13].kind  # doctest: +SKIP
        ('US20030098523', 'A1')
    """
    source = str(path)
    for item in csv_rows(path, fmt=FORMAT, required=_REQUIRED):
        if isinstance(item, RowError):
            yield item
            continue
        location, row = item
        yield guard(source, location, FORMAT, row, partial(_record, row, source, location))
