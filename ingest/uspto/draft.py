"""What every US reader shares: a record under construction that applies the conventions.

Each era module (:mod:`~ingest.uspto.greenbook`, :mod:`~ingest.uspto.sgml`,
:mod:`~ingest.uspto.pap`, :mod:`~ingest.uspto.redbook`) reads its own tags and hands values to
a :class:`RecordDraft`, which applies the conventions once (the PatentsView reader uses it too):

* publication number: ``US`` + number, leading zeros dropped, kind kept apart
  (``08926509`` + ``B2`` -> ``US8926509`` / ``B2``; ``D0435854`` -> ``USD435854``);
* classification: IPC in any era's notation (``G06F 1516`` APS/SGML fixed width, ``G06F015/16``
  edition 7, IPCR level fields) and CPC parsed by :func:`ipnav.codes.parse_code`; what does not
  parse is kept in ``extra["unparsed_codes"]``, never dropped;
* USPC written ``class/subclass`` (``600/301``, ``224/42.07``, ``D14/480``) in ``extra["uspc"]``;
* cited references: patent citations normalised to canonical ids (``US`` + number, foreign ones
  with their office), in source order without repeats; non-patent literature counted in
  ``extra["npl_count"]``; raw counts in ``extra["patent_citations"]``;
* parties: organisation names as given, persons as ``First Last``; ``normalized`` by
  :func:`ipnav.applicants.normalize_name` (legal forms kept for inventors), ``kind`` by
  :func:`ipnav.applicants.classify_party`, overridden by the office's assignee type code unless
  the name says university, institute or hospital (:mod:`ingest.uspto.values`);
* applicants are the assignees (owners); a document without any assignee lists its inventors as
  applicants (``extra["applicants_from"] = "inventors"``), because an unassigned US patent
  belongs to its inventors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ingest.uspto.values import country2, format_uspc
from ipnav.applicants import normalize_name
from ipnav.codes import Code, parse_code
from ipnav.exceptions import InvalidCodeError, InvalidIdentifierError, InvalidRecordError
from ipnav.pubnum import normalize_pubnum
from ipnav.records import Party, PatentRecord, Provenance, parse_date, validate_record

__all__ = ["RecordDraft"]

FORMAT = "uspto-xml"


def _date(value: str | None, field_name: str) -> dt.date | None:
    if value is None:
        return None
    return parse_date(value.strip(), field_name=field_name)


@dataclass
class RecordDraft:
    """A US record under construction; :meth:`build` validates it into a PatentRecord.

    Example:
        >>> d = RecordDraft(source="f.xml", location="document 1 (line 1)", era="xml2014")
        >>> d.set_number("08926509", "B2")
        >>> d.add_citation("US", "04313443"), d.add_citation("WO", "WO 89/02682"), d.add_npl()
        (True, True, None)
        >>> r = d.build(); (r.id, r.kind, r.cited, r.extra["npl_count"])
        ('US8926509', 'B2', ('US4313443', 'WO1989002682'), 1)
    """

    source: str
    location: str
    era: str | None = None
    format: str = FORMAT
    inventors_as_applicants: bool = True
    number: str = ""
    kind: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    abstract: str = ""
    first_claim: str = ""
    ipc: list[Code] = field(default_factory=list)
    cpc: list[Code] = field(default_factory=list)
    applicants: list[Party] = field(default_factory=list)
    inventors: list[Party] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    priorities: list[dict[str, str | None]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    # -- identity and dates -----------------------------------------------------------------
    def set_number(self, number: str | None, kind: str | None) -> None:
        self.number = (number or "").strip()
        self.kind = (kind or "").strip().upper() or None

    def set_date(self, name: str, value: str | None) -> None:
        """Set an application, publication or grant date; raises on an impossible date."""
        if value and value.strip():
            self.fields[name] = _date(value, name)

    # -- classification ---------------------------------------------------------------------
    def _unparsed(self, scheme: str, value: str) -> None:
        self.extra.setdefault("unparsed_codes", []).append(f"{scheme}: {value}")

    def add_code(self, value: str | None, scheme: str = "IPC") -> None:
        """Add an IPC/CPC symbol in any USPTO notation; keep what does not parse in extra."""
        if value is None or not value.strip():
            return
        try:
            code = parse_code(value, scheme)
        except InvalidCodeError:
            self._unparsed(scheme, value.strip())
            return
        target = self.ipc if scheme == "IPC" else self.cpc
        if code not in target:
            target.append(code)

    def add_uspc(self, value: str | None, *, subclass: str | None = None, main: bool = False) -> None:
        """Add a USPC classification (fixed-width, or class + ``subclass``) to ``extra["uspc"]``."""
        if value is None:
            return
        symbol = format_uspc(value, subclass)
        if symbol is None:
            return
        uspc = self.extra.setdefault("uspc", [])
        if symbol not in uspc:
            uspc.append(symbol)
        if main and "uspc_main" not in self.extra:
            self.extra["uspc_main"] = symbol

    # -- citations ----------------------------------------------------------------------------
    def add_citation(
        self,
        country: str | None,
        number: str | None,
        kind: str | None = None,
        *,
        category: str | None = None,
        keep_unparsed: bool = True,
    ) -> bool:
        """Add a cited patent document; True when its number normalised.

        ``country=None`` means US. A number that does not normalise goes to
        ``extra["unparsed_citations"]`` (and counts), or, with ``keep_unparsed=False``, is left
        to the caller to report (and does not count).
        """
        office = "US" if country is None else country2(country)
        raw = (number or "").strip()
        if office and raw[:2].upper() == office and not raw[2:3].isalpha():
            raw = raw[2:].lstrip(" /-")  # "WO 89/02682" under country WO
        try:
            key = normalize_pubnum(f"{office} {raw}").key if raw and office else None
        except InvalidIdentifierError:
            key = None
        if key is None and not keep_unparsed:
            return False
        self.extra["patent_citations"] = self.extra.get("patent_citations", 0) + 1
        if category and "examiner" in category.lower():
            self.extra["examiner_citations"] = self.extra.get("examiner_citations", 0) + 1
        if key is None:
            self.extra.setdefault("unparsed_citations", []).append(f"{country or ''} {raw}".strip())
            return False
        if key not in self.cited:
            self.cited.append(key)
        return True

    def add_npl(self) -> None:
        self.extra["npl_count"] = self.extra.get("npl_count", 0) + 1

    # -- priority -----------------------------------------------------------------------------
    def add_priority(self, country: str | None, number: str | None, date: str | None) -> None:
        """Add a priority claim; a bad date is kept as text with a note, not fatal."""
        claim: dict[str, str | None] = {
            "country": country2(country),
            "number": (number or "").strip() or None,
        }
        try:
            value = _date(date, "priority_date") if date else None
            claim["date"] = value.isoformat() if value else None
        except InvalidRecordError as exc:
            claim["date"] = None
            self.extra.setdefault("invalid_values", []).append(str(exc))
        if any(claim.values()):
            self.priorities.append(claim)

    # -- parties ------------------------------------------------------------------------------
    def add_applicant(self, party: Party | None) -> None:
        if party is not None and party not in self.applicants:
            self.applicants.append(party)

    def add_inventor(self, party: Party | None) -> None:
        if party is not None and party not in self.inventors:
            self.inventors.append(party)

    def add_warnings(self, warnings: Iterable[str]) -> None:
        for warning in warnings:
            self.extra.setdefault("parse_warnings", []).append(warning)

    # -- build --------------------------------------------------------------------------------
    def build(self) -> PatentRecord:
        """Validate and return the record.

        Raises:
            InvalidRecordError: No or malformed publication number, or an invalid field.
        """
        if not self.number:
            raise InvalidIdentifierError("document has no publication number", field="publication_number")
        pub = normalize_pubnum(f"US{self.number}")
        applicants = list(self.applicants)
        if not applicants and self.inventors and self.inventors_as_applicants:
            applicants = [Party(p.name, normalize_name(p.name), p.country, p.kind, p.address) for p in self.inventors]
            self.extra["applicants_from"] = "inventors"
        dates = sorted(d for p in self.priorities if (d := p.get("date")))
        countries = sorted({c for p in self.priorities if (c := p.get("country"))})
        if self.priorities:
            self.extra["priority_claims"] = self.priorities
        if self.era:
            self.extra["era"] = self.era
        record = PatentRecord(
            id=pub.key,
            jurisdiction="US",
            kind=self.kind or pub.kind,
            original_id=f"US{self.number}{self.kind or ''}",
            title={"en": self.title} if self.title else {},
            abstract={"en": self.abstract} if self.abstract else {},
            first_claim={"en": self.first_claim} if self.first_claim else {},
            ipc=tuple(self.ipc),
            cpc=tuple(self.cpc),
            applicants=tuple(applicants),
            inventors=tuple(self.inventors),
            application_number=self.fields.get("application_number"),
            application_date=self.fields.get("application_date"),
            priority_date=dt.date.fromisoformat(dates[0]) if dates else None,
            publication_date=self.fields.get("publication_date"),
            grant_date=self.fields.get("grant_date"),
            legal_status=self.fields.get("legal_status"),
            claims_count=self.fields.get("claims_count"),
            cited=tuple(self.cited),
            priority_countries=tuple(countries),
            extra=dict(sorted(self.extra.items())),
            provenance=(Provenance(self.source, self.location, self.format),),
        )
        return validate_record(record)
