"""Cell parsers shared by the tabular readers: names, numbers, dates, codes, ids, citations.

Every parser that can fail raises :class:`~ipnav.exceptions.InvalidRecordError` whose ``field``
is the SOURCE column, so a bad cell becomes a quarantined row that names the column a person can
look up in the file (``ipc_all``, ``公开(公告)号``, ``Früheste Priorität`` ...).

Policies shared by the readers built on this module (Espacenet, WIPS, CNKI, Lens API, BigQuery,
mapped CSV/XLSX):

* **Malformed IPC/CPC codes are strict**: one symbol that does not parse quarantines the row, with
  the column and the offending symbols in the reason (as the Lens reader does). None of the
  shipped real exports has one, so strictness loses no real row and flags a shifted or garbled
  row instead of storing it.
* **Cited publications are lenient**: a cited reference that is not a publication number
  (non-patent literature, a typo) is not an error of the citing row; it is kept, as written, in
  ``extra["unparsed_citations"]`` and the row is stored.
* ``-`` / ``--`` / empty cells mean *unknown* (Chinese exports write ``-``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable

from ipnav.applicants import classify_party, normalize_name
from ipnav.codes import Code, split_codes
from ipnav.exceptions import InvalidRecordError
from ipnav.pubnum import PubNumber, normalize_pubnum, try_normalize_pubnum
from ipnav.records import Party, detect_lang, parse_date

__all__ = [
    "cited_keys",
    "clean",
    "codes_in",
    "date_in",
    "family_key",
    "is_grant_kind",
    "organisation",
    "person",
    "publication",
    "split_country_tag",
    "texts",
    "whole_number",
]

_EMPTY = ("", "-", "--", "—")
_COUNTRY_TAG = re.compile(r"\s*\[([A-Z]{2})\]\s*$")


def clean(value: object) -> str | None:
    """The stripped text of a cell; None for empty cells and the ``-`` placeholder.

    Example:
        >>> clean("  B25J9/16 "), clean("-"), clean(None)
        ('B25J9/16', None, None)
    """
    if value is None:
        return None
    text = str(value).strip()
    return None if text in _EMPTY else text


def whole_number(value: object, column: str) -> int | None:
    """A count cell (``7``, ``7.0``, ``1,024``) as an int; empty -> None.

    Raises:
        InvalidRecordError: Not a whole number in 0..1,000,000 (``field`` = ``column``).

    Example:
        >>> whole_number("3.0", "references_cited_patent_count")
        3
    """
    text = clean(value)
    if text is None:
        return None
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        raise InvalidRecordError(f"{column}: not a number: {text[:40]!r}", field=column) from None
    if not math.isfinite(number) or number < 0 or number != int(number) or number > 1_000_000:
        raise InvalidRecordError(f"{column}: not a whole number in 0..1000000: {text[:40]!r}", field=column)
    return int(number)


def date_in(value: object, column: str) -> dt.date | None:
    """A date cell parsed by :func:`ipnav.records.parse_date`; empty/``-`` -> None.

    Raises:
        InvalidRecordError: Not a date, or an absurd one (``field`` = ``column``).
    """
    return parse_date(clean(value), field_name=column)


def publication(value: object, column: str) -> PubNumber:
    """A publication-number cell, normalised (:func:`ipnav.pubnum.normalize_pubnum`).

    Raises:
        InvalidRecordError: Empty or not a publication number (``field`` = ``column``).

    Example:
        >>> publication("CN108982325A", "publication_number").key
        'CN108982325'
    """
    text = clean(value)
    if text is None:
        raise InvalidRecordError(f"{column}: no publication number", field=column)
    try:
        return normalize_pubnum(text)
    except InvalidRecordError as exc:
        raise InvalidRecordError(f"{column}: {exc}", field=column) from None


def codes_in(cell: object, scheme: str, column: str) -> tuple[Code, ...]:
    """The IPC/CPC codes of a multi-valued cell (strict: one malformed symbol fails the row).

    Raises:
        InvalidRecordError: A symbol does not parse (``field`` = ``column``, symbols in the reason).

    Example:
        >>> [c.symbol for c in codes_in("B29C-067/00 | B41J-002/01", "IPC", "ipc_all")]
        ['B29C67/00', 'B41J2/01']
    """
    text = clean(cell)
    if text is None:
        return ()
    codes, bad = split_codes(text, scheme)
    if bad:
        shown = ", ".join(repr(b[:30]) for b in bad[:3])
        raise InvalidRecordError(f"{column}: malformed {scheme} code(s) {shown}", field=column)
    return tuple(codes)


def cited_keys(values: Iterable[str]) -> tuple[tuple[str, ...], list[str]]:
    """Canonical keys of cited publications (sorted, unique) and the values that are not ids.

    Example:
        >>> cited_keys(["US-4668494-A", "EP-0324411-A2", "see figure 2"])
        (('EP0324411', 'US4668494'), ['see figure 2'])
    """
    keys: set[str] = set()
    bad: list[str] = []
    for value in values:
        text = clean(value)
        if text is None:
            continue
        pub = try_normalize_pubnum(text)
        if pub is None:
            bad.append(text)
        else:
            keys.add(pub.key)
    return tuple(sorted(keys)), bad


def split_country_tag(name: str) -> tuple[str, str | None]:
    """Split Espacenet's trailing country tag off a name.

    Example:
        >>> split_country_tag("CHICK JAMES P [US]")
        ('CHICK JAMES P', 'US')
    """
    match = _COUNTRY_TAG.search(name)
    if match is None:
        return name.strip(), None
    return name[: match.start()].strip(), match.group(1)


def _country(value: str | None) -> str | None:
    text = clean(value)
    return text.upper() if text and re.fullmatch(r"[A-Za-z]{2}", text) else None


def organisation(name: str, *, country: str | None = None, address: str | None = None) -> Party:
    """An applicant/assignee: raw name, normalised key, kind told from the name.

    Example:
        >>> organisation("浙江大学").kind
        'university'
    """
    return Party(
        name=name,
        normalized=normalize_name(name),
        country=_country(country),
        kind=classify_party(name),
        address=clean(address),
    )


def person(name: str, *, country: str | None = None) -> Party:
    """An inventor: raw name, normalised key (legal forms kept), no kind (as the Lens reader)."""
    return Party(
        name=name,
        normalized=normalize_name(name, strip_legal_forms=False),
        country=_country(country),
    )


def texts(value: object, lang: str | None = None) -> dict[str, str]:
    """A text cell as ``{language: text}``; the language detected from the script when not given.

    Example:
        >>> texts("一种隔热金属材料"), texts("-")
        ({'zh': '一种隔热金属材料'}, {})
    """
    text = clean(value)
    if text is None:
        return {}
    return {lang or detect_lang(text): text}


def family_key(value: object) -> str | None:
    """A family id without leading zeros (Espacenet writes ``025067405``, BigQuery ``25067405``).

    ``-1`` and ``0`` (Google's "no family") give None; non-numeric ids are kept as written.

    Example:
        >>> family_key("025067405"), family_key("-1")
        ('25067405', None)
    """
    text = clean(value)
    if text is None:
        return None
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if text.lstrip("-").isdigit():
        number = int(text)
        return str(number) if number > 0 else None
    return text


# Kind codes of grant (or registration) publications, by office. US "A" was the grant kind
# before 2 January 2001 (WIPO ST.16; pre-grant publications started then, as A1).
_GRANT_KINDS = {
    "US": ("B1", "B2", "B3", "E", "S", "P2", "P3"),
    "EP": ("B1", "B2", "B3"),
    "CN": ("B", "C", "U", "Y", "S"),
    "JP": ("B", "B1", "B2", "Y1", "Y2", "S"),
    "KR": ("B1", "Y1", "S"),
    "TW": ("B", "U", "S"),
}
_US_A_GRANTS_UNTIL = dt.date(2001, 1, 1)


def is_grant_kind(office: str | None, kind: str | None, published: dt.date | None = None) -> bool:
    """True when a publication's kind code marks a grant/registration at that office.

    Known for US, EP, CN, JP, KR and TW; False elsewhere (unknown is not a grant).

    Example:
        >>> is_grant_kind("US", "B2"), is_grant_kind("CN", "U"), is_grant_kind("WO", "A1")
        (True, True, False)
    """
    if not office or not kind:
        return False
    if office == "US" and kind == "A":
        return published is not None and published <= _US_A_GRANTS_UNTIL
    return kind in _GRANT_KINDS.get(office, ())
