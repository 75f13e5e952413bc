"""The canonical patent record every reader produces and every store keeps.

A :class:`PatentRecord` is one publication (or one node of a citation network) in one form,
whatever export it came from. Readers fill what their source has and leave the rest empty:
an empty field means *unknown*, never zero. :func:`validate_record` checks a record at the
boundary; :func:`merge_records` combines two records of the same patent (the richer value wins,
provenance keeps both), and does so in an order-independent way so that ingesting A then B
gives the same store as B then A.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ipnav.codes import Code
from ipnav.exceptions import InvalidRecordError

__all__ = [
    "ID_SCHEMES",
    "MAX_DATE",
    "MIN_DATE",
    "Party",
    "PatentRecord",
    "Provenance",
    "RowError",
    "detect_lang",
    "merge_records",
    "parse_date",
    "record_from_dict",
    "record_hash",
    "record_json",
    "record_to_dict",
    "validate_record",
    "with_provenance",
]

MIN_DATE = dt.date(1790, 1, 1)
"""Earliest date accepted: the first patent act (US, 1790). Earlier dates are data errors."""

MAX_DATE = dt.date.today().replace(month=1, day=1) + dt.timedelta(days=3 * 366)
"""Latest date accepted: about two years after the current year. Later dates are data errors."""

PARTY_KINDS = ("company", "university", "institute", "individual", "government", "hospital")

ID_SCHEMES = ("publication", "family", "label")
"""What a record id is: a canonical publication key, ``FAM`` + a family id (a family-level
record), or a citation-network label. A merge keeps the first of the two in this order."""


@dataclass(frozen=True, slots=True)
class Party:
    """An applicant (organisation or person) or an inventor.

    Attributes:
        name: The name as the source writes it.
        normalized: The normalised name used as the graph key (see :mod:`ipnav.applicants`).
        country: ISO country code when the source gives one.
        kind: One of ``company``, ``university``, ``institute``, ``individual``, ``government``,
            ``hospital`` when it can be told, else None.
        address: Postal address when the source gives one (used for region focus).
        region: Region path such as ``河南/洛阳`` (province/city), from the address or the name
            (:func:`ipnav.regions.detect_region`); None when unknown.
    """

    name: str
    normalized: str = ""
    country: str | None = None
    kind: str | None = None
    address: str | None = None
    region: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Provenance:
    """Where a record came from: the file, the place in it, and the reader."""

    source: str
    location: str
    format: str


@dataclass(frozen=True, slots=True)
class RowError:
    """A row or element that could not become a record, with the reason.

    Attributes:
        source: The file.
        location: ``row 12``, ``line 40``, ``element 3`` ...
        field: The source field that is wrong, if one is.
        reason: What is wrong, with the offending value.
        raw: A short excerpt of the raw input (at most 500 characters).
        format: The reader that met the problem.
    """

    source: str
    location: str
    field: str | None
    reason: str
    raw: str = ""
    format: str = ""


@dataclass(frozen=True, slots=True)
class PatentRecord:
    """One patent publication in canonical form.

    Attributes:
        id: Canonical key, office + number without kind code (``US8926509``), see
            :mod:`ipnav.pubnum`. For nodes of citation networks that carry no publication number
            (Pajek labels, Derwent accession numbers) the label as given, with ``id_scheme="label"``.
            For a family-level record (a row that speaks for a whole patent family, no publication
            number) ``FAM`` + the family id, with ``id_scheme="family"`` and ``family_id`` set.
        jurisdiction: Office code (``US``, ``CN``, ``EP``, ``WO`` ...), None for labels.
        kind: Kind code (``A1``, ``B2``, ``U`` ...) when known.
        original_id: The publication number as the source wrote it.
        id_scheme: ``publication``, ``label`` or ``family`` (see :data:`ID_SCHEMES`).
        family_id: Family id (DOCDB / INPADOC / source family) when known.
        title, abstract, first_claim: Text by language tag (``{"en": ..., "zh": ...}``).
        ipc, cpc: Classification codes.
        applicants: Applicants / assignees / owners in source order.
        inventors: Inventors in source order.
        application_number: Application number as given.
        application_date, priority_date, publication_date, grant_date: Dates.
        legal_status: Legal status as the source states it (e.g. ``ACTIVE``, ``有效``).
        claims_count: Number of claims.
        cited: Canonical keys of cited publications (backward citations).
        cites_count: Backward citation count when the source gives only a count.
        cited_by_count: Forward citation count when the source gives one.
        family_size: Number of family members when the source gives it.
        priority_countries: Offices of the priority filings.
        industries: Target-industry codes, filled by :mod:`ipnav.industries`.
        extra: Other source fields worth keeping (JSON-serialisable values only).
        provenance: Every file/place the record was read from.
    """

    id: str
    jurisdiction: str | None = None
    kind: str | None = None
    original_id: str = ""
    id_scheme: str = "publication"
    family_id: str | None = None
    title: Mapping[str, str] = field(default_factory=dict)
    abstract: Mapping[str, str] = field(default_factory=dict)
    first_claim: Mapping[str, str] = field(default_factory=dict)
    ipc: tuple[Code, ...] = ()
    cpc: tuple[Code, ...] = ()
    applicants: tuple[Party, ...] = ()
    inventors: tuple[Party, ...] = ()
    application_number: str | None = None
    application_date: dt.date | None = None
    priority_date: dt.date | None = None
    publication_date: dt.date | None = None
    grant_date: dt.date | None = None
    legal_status: str | None = None
    claims_count: int | None = None
    cited: tuple[str, ...] = ()
    cites_count: int | None = None
    cited_by_count: int | None = None
    family_size: int | None = None
    priority_countries: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    provenance: tuple[Provenance, ...] = ()

    @property
    def publication_number(self) -> str:
        """Key + kind code, e.g. ``US20250100135A1``."""
        return f"{self.id}{self.kind or ''}"

    @property
    def filing_date(self) -> dt.date | None:
        """Earliest of priority and application date: the date the invention was first filed."""
        dates = [d for d in (self.priority_date, self.application_date) if d is not None]
        return min(dates) if dates else None

    @property
    def year(self) -> int | None:
        """Filing year (earliest priority/application), else publication year."""
        date = self.filing_date or self.publication_date
        return date.year if date else None

    @property
    def codes(self) -> tuple[Code, ...]:
        """IPC and CPC codes together."""
        return self.ipc + self.cpc

    @property
    def backward_citations(self) -> int | None:
        """Number of cited patents: the list length when known, else the source's count."""
        if self.cited:
            return len(self.cited)
        return self.cites_count

    def text(self, lang: str | None = None) -> str:
        """Title + abstract + first claim in one language (the first available if ``lang`` is None).

        Example:
            >>> PatentRecord(id="US1", title={"en": "Gripper"}, abstract={"en": "A hand."}).text()
            'Gripper. A hand.'
        """
        lang = lang or self.text_lang
        if lang is None:
            return ""
        parts = [p.get(lang, "").strip() for p in (self.title, self.abstract, self.first_claim)]
        return _join_text(parts)

    @property
    def text_lang(self) -> str | None:
        """The language with the most text (English preferred on ties), None when there is none."""
        langs: dict[str, int] = {}
        for part in (self.title, self.abstract, self.first_claim):
            for lang, text in part.items():
                langs[lang] = langs.get(lang, 0) + len(text)
        if not langs:
            return None
        return max(sorted(langs), key=lambda k: (langs[k] > 0, k == "en", langs[k]))


def _join_text(parts: list[str]) -> str:
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out and not out[-1].endswith((".", "。", "!", "?", "；", ";")):
            out[-1] += "。" if _CJK.search(out[-1][-1:]) else "."
        out.append(part)
    return " ".join(out)


_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


def detect_lang(text: str) -> str:
    """Guess the language tag of a text from its script.

    Han script -> ``zh`` (``ja`` when kana are present), Hangul -> ``ko``, otherwise ``en``.
    Readers that know the language from the source (Lens ``abstract_lang``) use that instead.

    Example:
        >>> detect_lang("一种工业机器人"), detect_lang("A robot arm")
        ('zh', 'en')
    """
    sample = text[:400]
    if _HANGUL.search(sample):
        return "ko"
    if _KANA.search(sample):
        return "ja"
    cjk = len(_CJK.findall(sample))
    if cjk and cjk >= 0.2 * len(sample.replace(" ", "")):
        return "zh"
    return "en"


_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%m/%d/%Y", "%Y年%m月%d日")


def parse_date(value: object, *, field_name: str = "date") -> dt.date | None:
    """Parse a date as exports write it; empty -> None; impossible or absurd -> error.

    Accepts ``2024-09-19``, ``20240919``, ``2024/09/19``, ``2024.09.19``, ``19.09.2024``,
    ``2024年9月19日``, datetime/date objects and ``2024-09-19 00:00:00``.

    Raises:
        InvalidRecordError: The value is not a date, or lies outside [MIN_DATE, MAX_DATE].

    Example:
        >>> parse_date("20131217")
        datetime.date(2013, 12, 17)
    """
    if value is None:
        return None
    date: dt.date | None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        text = str(value).strip()
        if text in ("", "-", "--", "nan", "NaT", "None", "null", "0", "00000000"):
            return None
        text = text.split("T")[0].split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text) else text
        date = None
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            try:
                date = dt.date.fromisoformat(text)
            except ValueError:
                date = None
        for fmt in () if date else _DATE_FORMATS:
            try:
                date = dt.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        if date is None:
            raise InvalidRecordError(f"{field_name}: not a date: {text!r}", field=field_name)
    assert date is not None
    if not MIN_DATE <= date <= MAX_DATE:
        raise InvalidRecordError(
            f"{field_name}: date {date.isoformat()} is outside {MIN_DATE.isoformat()}..{MAX_DATE.isoformat()}",
            field=field_name,
        )
    return date


_JURISDICTION = re.compile(r"^[A-Z]{2}$")
_DATE_FIELDS = ("application_date", "priority_date", "publication_date", "grant_date")


def validate_record(record: PatentRecord) -> PatentRecord:
    """Check a record's invariants; return it unchanged or raise.

    Raises:
        InvalidRecordError: With ``field`` naming the canonical field that is wrong.
    """
    if not record.id or not record.id.strip():
        raise InvalidRecordError("empty id", field="id")
    if record.id_scheme not in ID_SCHEMES:
        raise InvalidRecordError(
            f"id_scheme must be one of {', '.join(map(repr, ID_SCHEMES))}, got {record.id_scheme!r}",
            field="id_scheme",
        )
    if record.id_scheme == "family" and not record.family_id:
        raise InvalidRecordError("a family-level record needs its family_id", field="family_id")
    if record.id_scheme == "publication" and not (record.jurisdiction and _JURISDICTION.match(record.jurisdiction)):
        raise InvalidRecordError(
            f"jurisdiction must be two capital letters, got {record.jurisdiction!r}", field="jurisdiction"
        )
    for name in _DATE_FIELDS:
        value = getattr(record, name)
        if value is not None and not MIN_DATE <= value <= MAX_DATE:
            raise InvalidRecordError(f"{name} {value} outside {MIN_DATE}..{MAX_DATE}", field=name)
    for name in ("claims_count", "cites_count", "cited_by_count", "family_size"):
        value = getattr(record, name)
        if value is not None and (not isinstance(value, int) or value < 0 or value > 1_000_000):
            raise InvalidRecordError(f"{name} must be a whole number >= 0, got {value!r}", field=name)
    for name in ("title", "abstract", "first_claim"):
        for lang, text in getattr(record, name).items():
            if not isinstance(text, str) or not isinstance(lang, str) or not lang:
                raise InvalidRecordError(f"{name} must map a language tag to text", field=name)
    for party in record.applicants + record.inventors:
        if not party.name.strip():
            raise InvalidRecordError("empty applicant or inventor name", field="applicants")
        if party.kind is not None and party.kind not in PARTY_KINDS:
            raise InvalidRecordError(f"unknown party kind {party.kind!r}", field="applicants")
    return record


# ---------------------------------------------------------------------------------------------
# Merging duplicates


def _richer_text(a: Mapping[str, str], b: Mapping[str, str]) -> dict[str, str]:
    out = dict(a)
    for lang, text in b.items():
        old = out.get(lang)
        if old is None or (len(text), text) > (len(old), old):
            out[lang] = text
    return dict(sorted(out.items()))


def _pick(a: Any, b: Any, *, prefer: str = "max") -> Any:
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, str) and isinstance(b, str) and prefer == "longer":
        return max((len(a), a), (len(b), b))[1]
    return max(a, b) if prefer == "max" else min(a, b)


def _richer_parties(a: tuple[Party, ...], b: tuple[Party, ...]) -> tuple[Party, ...]:
    def richness(parties: tuple[Party, ...]) -> tuple[int, int, tuple[str, ...]]:
        filled = sum(bool(p.country) + bool(p.kind) + bool(p.address) + bool(p.region) for p in parties)
        return (len(parties), filled, tuple(p.name for p in parties))

    return max(a, b, key=richness)


def _scheme_rank(scheme: str) -> int:
    return ID_SCHEMES.index(scheme) if scheme in ID_SCHEMES else len(ID_SCHEMES)


def _union(a: Iterable[Any], b: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(set(a) | set(b)))


def _union_ordered(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[Any, ...]:
    first, second = sorted((a, b))
    seen = dict.fromkeys(first)
    seen.update(dict.fromkeys(second))
    return tuple(seen)


def merge_records(a: PatentRecord, b: PatentRecord) -> PatentRecord:
    """Merge two records of the same patent; the richer value of each field wins.

    ``merge_records(r, r)`` is the canonical form of ``r`` (lists sorted or de-duplicated as
    below); stores keep records in that form, so re-loading a record finds it unchanged.

    Rules (all symmetric, so ``merge_records(a, b) == merge_records(b, a)``):
    text per language: the longer text; dates: the earliest (first publication, first filing);
    counts: the larger (later data has more citations); kind code and legal status: those of the
    later publication stage (``max``); codes, citations, industries, provenance: the union;
    applicants and inventors: the longer, more complete list; ``extra``: keys united, the larger
    JSON value on conflict.

    Raises:
        InvalidRecordError: The two records have different ids.
    """
    if a.id != b.id:
        raise InvalidRecordError(f"cannot merge records of different patents: {a.id!r} and {b.id!r}", field="id")
    extra = dict(a.extra)
    for key, value in b.extra.items():
        if key not in extra:
            extra[key] = value
        else:
            extra[key] = max(extra[key], value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    later = max(a, b, key=lambda r: (r.publication_date or MIN_DATE, r.kind or "", r.legal_status or ""))
    return PatentRecord(
        id=a.id,
        jurisdiction=_pick(a.jurisdiction, b.jurisdiction),
        kind=_pick(a.kind, b.kind),
        original_id=_pick(a.original_id or None, b.original_id or None, prefer="min") or "",
        id_scheme=min(a.id_scheme, b.id_scheme, key=lambda s: (_scheme_rank(s), s)),
        family_id=_pick(a.family_id, b.family_id, prefer="min"),
        title=_richer_text(a.title, b.title),
        abstract=_richer_text(a.abstract, b.abstract),
        first_claim=_richer_text(a.first_claim, b.first_claim),
        ipc=_union_ordered(a.ipc, b.ipc),
        cpc=_union_ordered(a.cpc, b.cpc),
        applicants=_richer_parties(a.applicants, b.applicants),
        inventors=_richer_parties(a.inventors, b.inventors),
        application_number=_pick(a.application_number, b.application_number, prefer="longer"),
        application_date=_pick(a.application_date, b.application_date, prefer="min"),
        priority_date=_pick(a.priority_date, b.priority_date, prefer="min"),
        publication_date=_pick(a.publication_date, b.publication_date, prefer="min"),
        grant_date=_pick(a.grant_date, b.grant_date, prefer="min"),
        legal_status=later.legal_status or _pick(a.legal_status, b.legal_status),
        claims_count=_pick(a.claims_count, b.claims_count),
        cited=_union(a.cited, b.cited),
        cites_count=_pick(a.cites_count, b.cites_count),
        cited_by_count=_pick(a.cited_by_count, b.cited_by_count),
        family_size=_pick(a.family_size, b.family_size),
        priority_countries=_union(a.priority_countries, b.priority_countries),
        industries=_union(a.industries, b.industries),
        extra=dict(sorted(extra.items())),
        provenance=_union(a.provenance, b.provenance),
    )


# ---------------------------------------------------------------------------------------------
# Serialisation


def _party_to_dict(p: Party) -> dict[str, Any]:
    return {
        k: v
        for k, v in (
            ("name", p.name),
            ("normalized", p.normalized),
            ("country", p.country),
            ("kind", p.kind),
            ("address", p.address),
            ("region", p.region),
        )
        if v
    }


def record_to_dict(record: PatentRecord) -> dict[str, Any]:
    """A JSON-compatible dict of the record (dates as ISO strings, codes as symbols).

    Empty fields are left out, so equal records give equal dicts and equal JSON.
    """
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if value is None or value == () or value == {} or value == "":
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif f.name in ("ipc", "cpc"):
            value = [c.symbol for c in value]
        elif f.name in ("applicants", "inventors"):
            value = [_party_to_dict(p) for p in value]
        elif f.name == "provenance":
            value = [[p.source, p.location, p.format] for p in value]
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Mapping):
            value = dict(value)
        out[f.name] = value
    return out


def record_from_dict(data: Mapping[str, Any]) -> PatentRecord:
    """Rebuild a record from :func:`record_to_dict` output."""
    kwargs: dict[str, Any] = dict(data)
    for name in _DATE_FIELDS:
        if kwargs.get(name):
            kwargs[name] = dt.date.fromisoformat(kwargs[name])
    kwargs["ipc"] = tuple(Code(s, "IPC") for s in kwargs.get("ipc", ()))
    kwargs["cpc"] = tuple(Code(s, "CPC") for s in kwargs.get("cpc", ()))
    for name in ("applicants", "inventors"):
        kwargs[name] = tuple(Party(**p) for p in kwargs.get(name, ()))
    kwargs["provenance"] = tuple(Provenance(*p) for p in kwargs.get("provenance", ()))
    for name in ("cited", "industries", "priority_countries"):
        kwargs[name] = tuple(kwargs.get(name, ()))
    return PatentRecord(**kwargs)


def record_json(record: PatentRecord) -> str:
    """The record's canonical JSON (sorted keys, no spaces): equal records give equal text."""
    return json.dumps(record_to_dict(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def record_hash(record: PatentRecord, blob: str | None = None) -> str:
    """A content hash of the record (SHA-256 of its canonical JSON, or of ``blob`` if given)."""
    blob = record_json(record) if blob is None else blob
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def with_provenance(record: PatentRecord, provenance: Provenance) -> PatentRecord:
    """The record with one provenance entry added."""
    return replace(record, provenance=_union(record.provenance, (provenance,)))
