"""Publication numbers: one canonical form for the many ways exports write them.

The canonical *key* of a publication is ``<office><number>`` with no kind code and no
punctuation: ``US 2025/0100135 A1`` -> ``US20250100135``, ``US08926509`` -> ``US8926509``,
``CN 112313044 A`` -> ``CN112313044``. The kind code (``A1``, ``B2``, ``U`` ...) is kept apart.

Why the key drops the kind code: the same document appears with and without it across sources
(USPTO XML writes ``US08926509``, Lens writes ``US 8926509 B2``), and offices such as EP, CN and
DE reuse one number for the application publication and the grant (``EP1234567A1`` /
``EP1234567B1``). Both stages describe one invention, so ipnav treats them as one patent and
keeps every kind it has seen.

Office-specific rules, each a documented convention of that office or of DOCDB:

* US pre-grant publications have 11 digits (year + 7). Google's 10-digit form
  (``US2004174496A1``) is padded to ``US20040174496``. Grant numbers lose their leading zeros
  (``US08926509`` -> ``US8926509``); design, plant and reissue prefixes are kept (``USD435854``,
  ``USPP12345``, ``USRE45123``).
* WO numbers are year + 6 digits: ``WO 98/12345`` -> ``WO1998012345``; the 8-digit DOCDB/Google
  form of 2002-2003 numbers ``WO-03024198-A1`` -> ``WO2003024198``.
* EP numbers are 7 digits, zero-padded: ``EP 123456`` -> ``EP0123456``.
* KR application publications written ``KR 10-2019-0012345`` drop the ``10`` right code:
  ``KR20190012345``.
* Letter series inside a number are kept: ``JP WO2019130429 A1`` (a JP re-publication of a PCT
  application) -> ``JPWO2019130429``, ``TW I872028 B`` -> ``TWI872028``, ``IT UB20155578`` ->
  ``ITUB20155578``.
* Indian, Indonesian and Croatian numbers with an office/series code between digits are kept as
  written: ``IN 1604/DELNP/2013 A`` -> ``IN1604DELNP2013``, ``ID2020PID02266A`` ->
  ``ID2020PID02266``, ``HRP20221010AA1`` -> ``HRP20221010AA1`` (kind not separable).
* Everything else: office letters + digits as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipnav.exceptions import InvalidIdentifierError

__all__ = ["PubNumber", "normalize_pubnum", "try_normalize_pubnum"]

_PREFIXES = {
    "US": ("RE", "PP", "D", "H", "T", "X", "AI"),
    "JP": ("S", "H", "T", "R"),
}
_SLASH_FORM = re.compile(r"^(?P<cc>[A-Z]{2})\s*(?P<year>\d{2}|\d{4})\s*/\s*(?P<serial>\d+)\s*(?P<rest>.*)$")
_KIND = re.compile(r"^(?P<body>.*?\d)(?P<kind>[A-Z]\d?)?$")
_CLEAN = re.compile(r"[\s\-_/.,]+")
_LETTERS = re.compile(r"^[A-Z]{0,3}")
# Offices whose numbers carry letters between digits, kept as written: India (serial + office
# code + year: 3349MU2013, 1604DELNP2013), Indonesia (year + series: 2020PID02266), Croatia
# (P + year + serial, with the kind letters glued on: P20221010AA1).
_MIXED = {
    "IN": re.compile(r"\d{1,6}[A-Z]{2,6}\d{4}"),
    "ID": re.compile(r"\d{4}[A-Z]{1,4}\d{3,8}"),
    "HR": re.compile(r"P\d{8}[A-Z]{0,2}\d?"),
}


@dataclass(frozen=True, slots=True)
class PubNumber:
    """A normalised publication number.

    Attributes:
        office: Two-letter office or country code (``US``, ``CN``, ``WO``, ``EP`` ...).
        number: The number with its prefix letters, no punctuation (``20250100135``, ``D435854``).
        kind: Kind code if the input had one (``A1``, ``B2``, ``U``), else None.
        original: The input as given.
    """

    office: str
    number: str
    kind: str | None
    original: str

    @property
    def key(self) -> str:
        """Office + number, the identity ipnav uses for deduplication and graph keys."""
        return f"{self.office}{self.number}"

    @property
    def full(self) -> str:
        """Office + number + kind code (kind omitted when unknown)."""
        return f"{self.key}{self.kind or ''}"


def _year4(year: str) -> str:
    if len(year) == 4:
        return year
    return ("19" if int(year) >= 50 else "20") + year


def _normalize_number(office: str, number: str) -> str:
    prefix = next((p for p in _PREFIXES.get(office, ()) if number.startswith(p)), "")
    if not prefix:  # other offices' letter series: JP WO2019130429 (JP re-publication), IT UB..., TW I...
        prefix = _LETTERS.match(number)[0]  # type: ignore[index]
    digits = number[len(prefix) :]
    if not digits.isdigit():
        if office in _MIXED and _MIXED[office].fullmatch(number):
            return number
        raise InvalidIdentifierError(f"publication number has letters inside its digits: {number!r}")
    if office == "US" and not prefix:
        if len(digits) == 11 and digits[:2] in ("19", "20"):
            return digits
        if len(digits) == 10 and digits[:2] == "20":
            return digits[:4] + digits[4:].rjust(7, "0")
        return digits.lstrip("0") or "0"
    if prefix and office == "US":
        return prefix + (digits.lstrip("0") or "0")
    if prefix:
        return prefix + digits
    if office == "WO":
        if len(digits) == 10:
            return digits
        if len(digits) == 7:  # old yy + 5-digit serial
            return _year4(digits[:2]) + digits[2:].rjust(6, "0")
        if len(digits) == 8:  # DOCDB/Google yy + 6-digit serial (2002-2003): WO03024198
            return _year4(digits[:2]) + digits[2:]
        return digits
    if office == "EP":
        return digits.rjust(7, "0") if len(digits) < 7 else digits
    if office == "KR" and len(digits) == 13 and digits[:2] in ("10", "20", "30"):
        return digits[2:]
    return digits


def normalize_pubnum(value: str) -> PubNumber:
    """Normalise a publication number as exports write it.

    Args:
        value: A publication number such as ``US 2025/0100135 A1``, ``US08926509``,
            ``CN 112313044 A``, ``CN108982325A``, ``WO2020123456A1`` or ``US-8611015-B2``.

    Returns:
        The :class:`PubNumber`, with ``key`` (office + number) and ``kind``.

    Raises:
        InvalidIdentifierError: The value has no office code or no digits.

    Example:
        >>> normalize_pubnum("US 2025/0100135 A1").full
        'US20250100135A1'
        >>> normalize_pubnum("US08926509").key
        'US8926509'
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidIdentifierError(f"empty publication number: {value!r}", field="publication_number")
    original = value
    text = value.strip().upper()
    slash = _SLASH_FORM.match(text)
    if slash and slash["cc"] in ("WO", "US"):
        serial_width = 7 if slash["cc"] == "US" else 6
        text = slash["cc"] + _year4(slash["year"]) + slash["serial"].rjust(serial_width, "0") + slash["rest"]
    text = _CLEAN.sub("", text)
    if len(text) < 3 or not text[:2].isalpha() or not any(c.isdigit() for c in text):
        raise InvalidIdentifierError(
            f"not a publication number (expected office letters then digits): {original!r}",
            field="publication_number",
        )
    office, rest = text[:2], text[2:]
    match = _KIND.match(rest)
    if match is None:
        raise InvalidIdentifierError(f"not a publication number: {original!r}", field="publication_number")
    body, kind = match["body"], match["kind"]
    try:
        number = _normalize_number(office, body)
    except InvalidIdentifierError as exc:
        raise InvalidIdentifierError(f"{exc} (in {original!r})", field="publication_number") from None
    return PubNumber(office=office, number=number, kind=kind, original=original)


def try_normalize_pubnum(value: str) -> PubNumber | None:
    """Like :func:`normalize_pubnum` but returns None for a value that is not a publication number.

    Example:
        >>> try_normalize_pubnum("see figure 3") is None
        True
    """
    try:
        return normalize_pubnum(value)
    except InvalidIdentifierError:
        return None
