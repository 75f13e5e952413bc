"""Lens.org CSV export (the "Export > CSV" of a Lens patent search).

Columns used (Lens export names; others are kept in ``extra`` when useful)::

    Display Key            -> id / kind / original_id   ("US 2025/0100135 A1")
    Lens ID                -> extra.lens_id
    Jurisdiction           -> jurisdiction (checked against the key's office)
    Kind                   -> kind (when the key has none)
    Title                  -> title[detected language]
    Abstract               -> abstract[detected language]
    Claims                 -> first_claim (text up to the second claim)
    Application Number     -> application_number
    Application Date       -> application_date
    Priority Numbers       -> priority_countries (office prefixes)
    Earliest Priority Date -> priority_date
    Publication Date       -> publication_date
    Applicants / Owners    -> applicants (";;"-separated)
    Inventors              -> inventors (";;"-separated)
    IPCR Classifications   -> ipc (";;"-separated, e.g. B25J9/16)
    CPC Classifications    -> cpc
    Cited Patents / Cites Patent Count, Cited by Patent Count -> cited / cites_count / cited_by_count
    Simple Family Size, Simple Family Members -> family_size
    Document Type          -> extra.document_type ("Granted Patent" gives grant_date = publication date)
    Legal Status           -> legal_status

Multi-valued cells use ``;;``. Only ``Display Key`` is required; every other column is optional,
so narrower exports (the shipped robotics sample has ten columns) read too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from ingest.base import Row, csv_rows, excerpt, split_multi
from ipnav.applicants import classify_party, normalize_name
from ipnav.codes import split_codes
from ipnav.exceptions import InvalidRecordError
from ipnav.pubnum import normalize_pubnum, try_normalize_pubnum
from ipnav.records import Party, PatentRecord, Provenance, RowError, detect_lang, parse_date

__all__ = ["EXTENSIONS", "FORMAT", "read", "sniff"]

FORMAT = "lens"
EXTENSIONS = (".csv",)

_REQUIRED = ("Display Key",)
_SIGNATURE = ("Display Key", "Jurisdiction", "Publication Date")


def sniff(path: Path, head: str) -> bool:
    """A Lens export's header starts with its own column names (``Display Key``, ``Lens ID`` ...)."""
    first = head.lstrip("\ufeff").splitlines()[0] if head.strip() else ""
    return all(name in first for name in _SIGNATURE) or ("Lens ID" in first and "Display Key" in first)


def _int(row: Mapping[str, str], column: str) -> int | None:
    value = (row.get(column) or "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise InvalidRecordError(f"{column}: not a number: {value!r}", field=column) from None
    if number < 0 or number != int(number):
        raise InvalidRecordError(f"{column}: not a whole number >= 0: {value!r}", field=column)
    return int(number)


def _date(row: Mapping[str, str], column: str):
    try:
        return parse_date(row.get(column), field_name=column)
    except InvalidRecordError as exc:
        raise InvalidRecordError(str(exc), field=column) from None


def _parties(cell: str | None, *, organisations: bool) -> tuple[Party, ...]:
    parties = []
    for name in split_multi(cell, (";;",)):
        parties.append(
            Party(
                name=name,
                normalized=normalize_name(name, strip_legal_forms=organisations),
                kind=classify_party(name) if organisations else None,
            )
        )
    return tuple(parties)


_SECOND_CLAIM = re.compile(r"\s2\s*[.)]\s")


def _first_claim(text: str) -> str:
    text = text.strip()
    match = _SECOND_CLAIM.search(text)
    return text[: match.start()].strip() if match else text


def _texts(value: str | None) -> dict[str, str]:
    text = (value or "").strip()
    return {detect_lang(text): text} if text else {}


def _record(row: Mapping[str, str], source: str, location: str) -> PatentRecord:
    key = (row.get("Display Key") or "").strip()
    try:
        pub = normalize_pubnum(key)
    except InvalidRecordError as exc:
        raise InvalidRecordError(str(exc), field="Display Key") from None
    jurisdiction = (row.get("Jurisdiction") or "").strip().upper() or pub.office
    if jurisdiction != pub.office:
        raise InvalidRecordError(
            f"Jurisdiction {jurisdiction!r} does not match the office of Display Key {key!r}", field="Jurisdiction"
        )
    ipc, bad_ipc = split_codes(row.get("IPCR Classifications"), "IPC")
    cpc, bad_cpc = split_codes(row.get("CPC Classifications"), "CPC")
    if bad_ipc or bad_cpc:
        column = "IPCR Classifications" if bad_ipc else "CPC Classifications"
        raise InvalidRecordError(f"{column}: malformed code(s) {(bad_ipc or bad_cpc)[:3]}", field=column)
    document_type = (row.get("Document Type") or "").strip()
    publication_date = _date(row, "Publication Date")
    cited = tuple(
        sorted({p.key for c in split_multi(row.get("Cited Patents"), (";;",)) if (p := try_normalize_pubnum(c))})
    )
    extra = {k: v for k, v in (("document_type", document_type), ("lens_id", (row.get("Lens ID") or "").strip())) if v}
    priorities = tuple(
        sorted({p[:2].upper() for p in split_multi(row.get("Priority Numbers"), (";;",)) if p[:2].isalpha()})
    )
    claims = _first_claim(row.get("Claims") or "")
    return PatentRecord(
        id=pub.key,
        jurisdiction=jurisdiction,
        kind=pub.kind or ((row.get("Kind") or "").strip() or None),
        original_id=key,
        family_id=None,
        title=_texts(row.get("Title")),
        abstract=_texts(row.get("Abstract")),
        first_claim=_texts(claims),
        ipc=tuple(ipc),
        cpc=tuple(cpc),
        applicants=_parties(row.get("Applicants") or row.get("Owners"), organisations=True),
        inventors=_parties(row.get("Inventors"), organisations=False),
        application_number=(row.get("Application Number") or "").strip() or None,
        application_date=_date(row, "Application Date"),
        priority_date=_date(row, "Earliest Priority Date"),
        publication_date=publication_date,
        grant_date=publication_date if document_type.lower().startswith("granted") else None,
        legal_status=(row.get("Legal Status") or "").strip() or None,
        claims_count=_int(row, "Claims Count"),
        cited=cited,
        cites_count=_int(row, "Cites Patent Count"),
        cited_by_count=_int(row, "Cited by Patent Count"),
        family_size=_int(row, "Simple Family Size"),
        priority_countries=priorities,
        extra=extra,
        provenance=(Provenance(source, location, FORMAT),),
    )


def read(path: Path, *, mapping: Mapping[str, str] | None = None) -> Iterator[Row]:
    """Read a Lens CSV export: one record or RowError per data row.

    Args:
        path: The export (``.csv`` or ``.csv.gz``).
        mapping: Not used (Lens columns are fixed); accepted for the common reader signature.

    Raises:
        InputFormatError: Empty file, or no ``Display Key`` column (wrong delimiter / not Lens).

    Example:
        >>> from pathlib import Path
        >>> rows = list(read(Path("data/demo/lens_robotics_sample.csv.gz")))  # doctest: +SKIP
    """
    source = str(path)
    for item in csv_rows(path, fmt=FORMAT, delimiter=",", required=_REQUIRED):
        if isinstance(item, RowError):
            yield item
            continue
        location, row = item
        try:
            yield _record(row, source, location)
        except InvalidRecordError as exc:
            yield RowError(source, location, exc.field, str(exc), excerpt(row), FORMAT)
