"""Value conventions shared by the US readers (USPTO full text and PatentsView).

Country spellings, person names, parties with kind and address, the fixed-width IPC of the
APS/SGML eras, USPC ``class/subclass`` notation and the leading number of a first claim.
"""

from __future__ import annotations

import re

from ipnav.applicants import classify_party, normalize_name
from ipnav.records import Party

__all__ = [
    "ASSIGNEE_TYPE_KINDS",
    "country2",
    "fixed_width_ipc",
    "format_uspc",
    "make_party",
    "person_name",
    "strip_claim_number",
]

# Assignee type codes of the USPTO (APS COD, SGML B732US, XML <role>, PatentsView assignee_type).
ASSIGNEE_TYPE_KINDS = {
    "02": "company",
    "03": "company",
    "04": "individual",
    "05": "individual",
    "06": "government",
    "07": "government",
    "08": "government",
    "09": "government",
}

_NAMED_KINDS = ("university", "institute", "hospital")
_NOT_A_COUNTRY = {"", "XX", "OMITTED", "UNKNOWN", "NONE", "N/A"}


def country2(value: str | None) -> str | None:
    """Two-letter office/country code from USPTO spellings (``JPX`` -> ``JP``, ``omitted`` -> None).

    Example:
        >>> country2("JPX"), country2("de"), country2("unknown")
        ('JP', 'DE', None)
    """
    if value is None:
        return None
    text = value.strip().upper()
    if text in _NOT_A_COUNTRY or len(text) < 2 or not text[:2].isalpha():
        return None
    return text[:2]


def person_name(first: str | None, last: str | None, *, suffix: str | None = None) -> str:
    """``First Last`` from the parts a source gives (either may be missing).

    Example:
        >>> person_name("James C.", "Beck"), person_name(None, "Liu")
        ('James C. Beck', 'Liu')
        >>> person_name("James A.", "Savage", suffix="III")
        'James A. Savage III'
    """
    parts = [p.strip() for p in (first, last, suffix) if p and p.strip()]
    return " ".join(parts)


def make_party(
    name: str | None,
    *,
    person: bool = False,
    inventor: bool = False,
    country: str | None = None,
    city: str | None = None,
    state: str | None = None,
    type_code: str | None = None,
) -> Party | None:
    """A Party with normalised name, kind and ``City, ST`` address; None for an empty name.

    Args:
        name: Organisation name, or a person's full name.
        person: The source marks the name as a person's (first/last name fields).
        inventor: The party is an inventor (legal forms are not stripped from the key).
        country: Country as the source writes it (``JPX``, ``JP``).
        city, state: Address parts.
        type_code: USPTO assignee type code (``02`` US company ... ``07`` foreign government).

    Example:
        >>> p = make_party("Hmicro, Inc.", city="Fremont", state="CA", country="US")
        >>> p.normalized, p.country, p.kind, p.address
        ('HMICRO', 'US', 'company', 'Fremont, CA')
    """
    if name is None or not name.strip():
        return None
    clean = re.sub(r"\s+", " ", name).strip()
    kind = classify_party(clean)
    coded = ASSIGNEE_TYPE_KINDS.get(type_code.strip().zfill(2)[-2:]) if type_code and type_code.strip() else None
    if kind not in _NAMED_KINDS:  # a university/institute/hospital by name stays one
        if person:
            kind = "individual"
        elif coded:  # the office's assignee type beats guessing from words
            kind = coded
    address = ", ".join(p.strip() for p in (city, state) if p and p.strip()) or None
    return Party(
        name=clean,
        normalized=normalize_name(clean, strip_legal_forms=not inventor),
        country=country2(country) or ("US" if state and not country and len(state.strip()) == 2 else None),
        kind=kind,
        address=address,
    )


def fixed_width_ipc(value: str) -> str:
    """APS/SGML fixed-width IPC (``G06F 1516`` -> ``G06F 15/16``; ``B60R  900`` -> ``B60R 9/00``).

    Four characters of subclass, three of main group (right-aligned), the rest subgroup.
    Values already holding a ``/`` are returned unchanged.

    Example:
        >>> fixed_width_ipc("G06F  728"), fixed_width_ipc("H04M 1100")
        ('G06F 7/28', 'H04M 11/00')
    """
    text = value.rstrip()
    if "/" in text or len(text) < 6:
        return text.strip()
    group, subgroup = text[4:7].strip(), text[7:].strip()
    return f"{text[:4]} {group}/{subgroup or '00'}"


def format_uspc(value: str, subclass: str | None = None) -> str | None:
    """USPC as ``class/subclass`` from the fixed-width forms of every era.

    ``600301`` -> ``600/301``, ``224 4207`` -> ``224/42.07``, ``179 90K`` -> ``179/90K``,
    ``34053912`` -> ``340/539.12``, ``D14480`` -> ``D14/480``; with a separate subclass
    (``705`` + ``026000``) -> ``705/26``.

    Example:
        >>> format_uspc("224 4207"), format_uspc("705", "026000"), format_uspc("700  2")
        ('224/42.07', '705/26', '700/2')
    """
    if subclass is not None:
        klass, sub = value.strip(), subclass.strip()
        main, rest = sub[:3], sub[3:]
    else:
        text = value.rstrip()
        if len(text) < 4 or text.strip().upper() == "NONE":
            return None
        klass, main, rest = text[:3].strip(), text[3:6], text[6:]
    main = main.strip().lstrip("0") or ("0" if main.strip() else "")
    rest = rest.strip()
    if rest.startswith("."):
        rest = rest[1:]
    if rest.isdigit():
        rest = rest.rstrip("0")
        tail = f".{rest}" if rest else ""
    else:
        tail = rest
    if not klass:
        return None
    return f"{klass}/{main}{tail}" if main or tail else klass


_CLAIM_NUMBER = re.compile(r"^\s*1\s*\.\s*(?=\S)")


def strip_claim_number(text: str) -> str:
    """Drop the leading ``1.`` of a first claim.

    Example:
        >>> strip_claim_number("1. A weighing balance device")
        'A weighing balance device'
    """
    return _CLAIM_NUMBER.sub("", text, count=1)
