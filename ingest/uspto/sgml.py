"""SGML-era grant XML (``PATDOC``, WIPO ST.32 US grant DTD v2.4/2.5; grants 2001-2004) -> record.

Bibliographic data sits in ``SDOBI`` under numbered B-tags (INID codes), text in ``PDAT``:

=============  ===============================================================================
B110 / B130    document number (``06336130``, ``D0435854``) / kind (``B1``, ``B2``, ``S``, ``E``)
B140           publication (grant) date
B210 / B220    application number / filing date (B211US series code)
B300           priority: B310 number, B320 date, B330 country
B511 / B512    IPC main / further, fixed width (``G06F 1516``); for designs (kind ``S``) B511 is
               the Locarno class (``1402`` -> ``extra["locarno"] = "14-02"``)
B521 / B522    USPC main / further
B540           title
B561 / B562    cited patent (``PCIT``: DOC DNUM, CTRY, KIND) / non-patent citation (``NCIT``)
B577           number of claims
B680US         US provisional application (a priority, country US)
B721 / B731    inventors / assignees (``PARTY-US``: NAM ONM or FNM+SNM, ADR CITY STATE CTRY);
               B732US assignee type code
=============  ===============================================================================

``SDOAB`` holds the abstract and ``SDOCL`` the claims (``CLM``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ingest.uspto.draft import RecordDraft
from ingest.uspto.values import fixed_width_ipc, make_party, person_name, strip_claim_number
from ingest.uspto.xmltext import child_text, element_text, raw_texts, texts
from ipnav.records import Party, PatentRecord

__all__ = ["sgml_record"]


def _pdat(elem: ET.Element | None, path: str) -> str | None:
    return child_text(elem, path)


def _party(party: ET.Element, *, inventor: bool, type_code: str | None = None) -> Party | None:
    org = _pdat(party, "NAM/ONM")
    name = org or person_name(_pdat(party, "NAM/FNM"), _pdat(party, "NAM/SNM"))
    return make_party(
        name,
        person=org is None,
        inventor=inventor,
        country=_pdat(party, "ADR/CTRY"),
        city=_pdat(party, "ADR/CITY"),
        state=_pdat(party, "ADR/STATE"),
        type_code=type_code,
    )


def _classification(bi: ET.Element, draft: RecordDraft) -> None:
    for path in ("B500/B510/B511", "B500/B510/B512"):
        for value in raw_texts(bi, path):
            if draft.kind == "S" and re.fullmatch(r"\d{4}", value):
                draft.extra.setdefault("locarno", f"{value[:2]}-{value[2:]}")
            else:
                draft.add_code(fixed_width_ipc(value), "IPC")
    for value in raw_texts(bi, "B500/B520/B521"):
        draft.add_uspc(value, main=True)
    for value in raw_texts(bi, "B500/B520/B522"):
        draft.add_uspc(value)


def _references(bi: ET.Element, draft: RecordDraft) -> None:
    for cited in bi.iterfind("B500/B560/B561"):
        pcit = cited.find("PCIT")
        category = "cited by examiner" if cited.find("CITED-BY-EXAMINER") is not None else None
        draft.add_citation(
            _pdat(pcit, "DOC/CTRY"),
            _pdat(pcit, "DOC/DNUM"),
            _pdat(pcit, "DOC/KIND"),
            category=category,
        )
    for _ in bi.iterfind("B500/B560/B562"):
        draft.add_npl()


def _priorities(bi: ET.Element, draft: RecordDraft) -> None:
    for group in bi.iterfind("B300"):
        numbers, dates, countries = texts(group, "B310"), texts(group, "B320"), texts(group, "B330")
        for i in range(max(len(numbers), len(dates), len(countries))):
            draft.add_priority(
                countries[i] if i < len(countries) else None,
                numbers[i] if i < len(numbers) else None,
                dates[i] if i < len(dates) else None,
            )
    for doc in bi.iterfind("B600/B680US/DOC"):
        draft.add_priority("US", _pdat(doc, "DNUM"), _pdat(doc, "DATE"))


def sgml_record(root: ET.Element, *, source: str, location: str) -> PatentRecord:
    """Build the PatentRecord of one ``PATDOC`` document.

    Raises:
        InvalidRecordError: No document number, an impossible date, or another invalid field.
    """
    draft = RecordDraft(source=source, location=location, era="sgml")
    bi = root.find("SDOBI")
    if bi is None:
        bi = ET.Element("SDOBI")
    draft.set_number(_pdat(bi, "B100/B110/DNUM"), _pdat(bi, "B100/B130"))
    draft.set_date("publication_date", _pdat(bi, "B100/B140/DATE"))
    draft.set_date("grant_date", _pdat(bi, "B100/B140/DATE"))
    draft.fields["application_number"] = _pdat(bi, "B200/B210/DNUM")
    draft.set_date("application_date", _pdat(bi, "B200/B220/DATE"))
    draft.title = _pdat(bi, "B500/B540") or ""
    claims = _pdat(bi, "B500/B570/B577")
    draft.fields["claims_count"] = (
        int(claims) if claims and claims.isdigit() else (len(root.findall("SDOCL/CL/CLM")) or None)
    )
    _classification(bi, draft)
    _references(bi, draft)
    _priorities(bi, draft)
    for party in bi.iterfind("B700/B720/B721/PARTY-US"):
        draft.add_inventor(_party(party, inventor=True))
    for group in bi.iterfind("B700/B730"):
        code = _pdat(group, "B732US")
        for party in group.iterfind("B731/PARTY-US"):
            draft.add_applicant(_party(party, inventor=False, type_code=code))
    draft.abstract = element_text(root.find("SDOAB"))
    first = root.find("SDOCL/CL/CLM")
    draft.first_claim = strip_claim_number(element_text(first)) if first is not None else ""
    draft.extra["document_type"] = "grant"
    return draft.build()
