"""APS "Green Book" full text (US grants 1976-2001) -> PatentRecord.

The format is fixed-width text: a four-character section name on its own line (``PATN``,
``INVT``, ``ASSG``, ``CLAS``, ``UREF``, ``ABST``, ``CLMS`` ...), then fields written
``TAG  value`` (tag in columns 1-4, value from column 6) with continuation lines indented by five
spaces. Fields read here:

========  ==============================================================================
PATN      WKU patent number (9 characters: number zero-padded to 8 + a check digit, e.g.
          ``039373754`` -> 3937375, ``D02354214`` -> D235421), SRC application series code,
          APN application serial (6 digits + check digit), APT application type, APD filing
          date, TTL title, ISD issue date, NCL number of claims
INVT      NAM (``Last; First``), CTY, STA, CNT (3 letters, ``JPX``)
ASSG      NAM, CTY, STA, CNT, COD (assignee type code)
PRIR      CNT, APD, APN (foreign priority)
CLAS      OCL / XCL (USPC, original and cross-reference), ICL (fixed-width IPC ``H04M 1100``)
UREF      PNO (cited US patent) ; FREF PNO + CNT (cited foreign patent) ; OREF PAL (other
          references: one PAL per non-patent citation)
ABST      PAR / PAL paragraphs ; CLMS NUM + PAR/PA1.. (claims, the first one kept) ; DCLM
          (design claim)
========  ==============================================================================

The kind code is not written in APS; it follows from APT as the pre-2001 USPTO kind codes
(WIPO ST.16): 1 utility -> ``A``, 2 reissue -> ``E``, 4 design -> ``S``, 6 plant -> ``P``,
7 statutory invention registration -> ``H``; 5 (defensive publication) gets none.
"""

from __future__ import annotations

from ingest.uspto.documents import GreenbookRecord
from ingest.uspto.draft import RecordDraft
from ingest.uspto.values import fixed_width_ipc, make_party, strip_claim_number
from ipnav.records import PatentRecord

__all__ = ["greenbook_record"]

_KIND_BY_APT = {"1": "A", "2": "E", "4": "S", "6": "P", "7": "H"}
_TEXT_TAGS = ("PAR", "PAL", "PA1", "PA2", "PA3", "PA4", "PA5", "PAC", "TBL", "EQU")


def _person(name: str) -> str:
    """``Last; First`` -> ``First Last`` (names without ``;`` stay as they are)."""
    if ";" not in name:
        return name.strip()
    last, _, first = name.partition(";")
    return f"{first.strip()} {last.strip()}".strip()


def _wku_number(wku: str) -> str:
    """The patent number in WKU: drop the trailing check digit of the 9-character form."""
    text = wku.strip()
    return text[:-1] if len(text) == 9 else text


def _application_number(series: str | None, apn: str | None) -> str | None:
    """Series code + 6-digit serial (APN's 7th character is a check digit): ``05`` + ``518454``."""
    if not apn:
        return None
    serial = apn.strip()[:6] if len(apn.strip()) == 7 else apn.strip()
    if series and series.strip().isdigit():
        return f"{int(series):02d}{serial}"
    return serial


def _paragraphs(fields: list[tuple[str, str]]) -> str:
    return " ".join(value for tag, value in fields if tag in _TEXT_TAGS and value)


def _first_claim(record: GreenbookRecord) -> tuple[str, int]:
    """Text of the first claim and the number of claims (NUM fields) in CLMS / DCLM."""
    first: list[str] = []
    count = 0
    for name in ("CLMS", "DCLM"):
        for fields in record.section(name):
            for tag, value in fields:
                if tag == "NUM":
                    count += 1
                elif tag in _TEXT_TAGS and value and count <= 1:
                    first.append(value)
    return strip_claim_number(" ".join(first)), count


def _parties(record: GreenbookRecord, draft: RecordDraft) -> None:
    for fields in record.section("INVT"):
        values = dict(fields)
        draft.add_inventor(
            make_party(
                _person(values.get("NAM", "")),
                person=True,
                inventor=True,
                country=values.get("CNT"),
                city=values.get("CTY"),
                state=values.get("STA"),
            )
        )
    for fields in record.section("ASSG"):
        values = dict(fields)
        name = values.get("NAM", "")
        draft.add_applicant(
            make_party(
                _person(name),
                person=";" in name,
                country=values.get("CNT"),
                city=values.get("CTY"),
                state=values.get("STA"),
                type_code=values.get("COD"),
            )
        )


def _classification(record: GreenbookRecord, draft: RecordDraft) -> None:
    for fields in record.section("CLAS"):
        for tag, value in fields:
            if tag == "ICL":
                draft.add_code(fixed_width_ipc(value), "IPC")
            elif tag in ("OCL", "XCL"):
                draft.add_uspc(value, main=tag == "OCL")


def _references(record: GreenbookRecord, draft: RecordDraft) -> None:
    for fields in record.section("UREF"):
        draft.add_citation("US", dict(fields).get("PNO"))
    for fields in record.section("FREF"):
        values = dict(fields)
        draft.add_citation(values.get("CNT") or "", values.get("PNO"))
    for fields in record.section("OREF"):
        for tag, value in fields:
            if tag in ("PAL", "PAR") and value:
                draft.add_npl()
    for fields in record.section("PRIR"):
        values = dict(fields)
        draft.add_priority(values.get("CNT"), values.get("APN"), values.get("APD"))


def greenbook_record(record: GreenbookRecord, source: str) -> PatentRecord:
    """Build the PatentRecord of one Green Book ``PATN`` record.

    Raises:
        InvalidRecordError: No WKU, an impossible date, or another invalid field.
    """
    draft = RecordDraft(source=source, location=record.location, era="greenbook")
    wku = record.first("PATN", "WKU")
    apt = record.first("PATN", "APT")
    draft.set_number(_wku_number(wku) if wku else None, _KIND_BY_APT.get((apt or "").strip()))
    draft.title = record.first("PATN", "TTL") or ""
    draft.fields["application_number"] = _application_number(record.first("PATN", "SRC"), record.first("PATN", "APN"))
    draft.set_date("application_date", record.first("PATN", "APD"))
    draft.set_date("grant_date", record.first("PATN", "ISD"))
    draft.set_date("publication_date", record.first("PATN", "ISD"))
    abstract = " ".join(_paragraphs(fields) for fields in record.section("ABST")).strip()
    draft.abstract = abstract
    draft.first_claim, counted = _first_claim(record)
    declared = record.first("PATN", "NCL")
    draft.fields["claims_count"] = int(declared) if declared and declared.isdigit() else (counted or None)
    _parties(record, draft)
    _classification(record, draft)
    _references(record, draft)
    draft.extra["document_type"] = "grant"
    if apt:
        draft.extra["application_type"] = apt
    if record.odd_lines:
        draft.add_warnings(
            [f"{record.odd_lines} line(s) outside the Green Book field layout joined to the previous field"]
        )
    return draft.build()
