"""Pre-grant publications 2001-2004 (``patent-application-publication``, pap-v15/v16) -> record.

Paths read, below ``subdoc-bibliographic-information``:

==========================================  =====================================================
document-id/doc-number, kind-code,          publication number, kind (``A1`` ...), date
document-date
domestic-filing-data                        application-number/doc-number, filing-date
foreign-priority-data (repeated)            priority-application-number/doc-number, filing-date,
                                            country-code
continuity-data/non-provisional-of-         US provisional applications (priority, country US)
provisional/document-id
technical-information/classification-ipc    ``ipc`` in edition-7 notation (``G06F017/60``)
technical-information/classification-us     ``uspc`` class + subclass (``705`` + ``026000``)
technical-information/title-of-invention    title
inventors/(first-named-inventor|inventor)   name/given-name, middle-name, family-name,
                                            name-suffix; residence/*/city, state, country-code
assignee                                    organization-name or name; assignee-type; address
==========================================  =====================================================

``subdoc-abstract`` holds the abstract and ``subdoc-claims`` the claims. Applications carry no
cited references.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ingest.uspto.draft import RecordDraft
from ingest.uspto.values import make_party, person_name, strip_claim_number
from ingest.uspto.xmltext import child_text, element_text, texts
from ipnav.records import Party, PatentRecord

__all__ = ["pap_record"]


def _name(elem: ET.Element) -> tuple[str, bool]:
    org = child_text(elem, "organization-name") or child_text(elem, "name/organization-name")
    if org:
        return org, False
    given = " ".join(t for t in (child_text(elem, "name/given-name"), child_text(elem, "name/middle-name")) if t)
    return person_name(given, child_text(elem, "name/family-name"), suffix=child_text(elem, "name/name-suffix")), True


def _place(elem: ET.Element, field: str) -> str | None:
    for path in (
        f"residence/residence-us/{field}",
        f"residence/residence-non-us/{field}",
        f"address/{field}",
        f"address/country/{field}",
    ):
        value = child_text(elem, path)
        if value:
            return value
    return None


def _party(elem: ET.Element, *, inventor: bool) -> Party | None:
    name, person = _name(elem)
    return make_party(
        name,
        person=person,
        inventor=inventor,
        country=_place(elem, "country-code"),
        city=_place(elem, "city"),
        state=_place(elem, "state"),
        type_code=child_text(elem, "assignee-type"),
    )


def _classification(tech: ET.Element | None, draft: RecordDraft) -> None:
    for path in ("classification-ipc-primary", "classification-ipc-secondary"):
        for value in texts(tech, f"classification-ipc/{path}/ipc"):
            draft.add_code(value, "IPC")
    for path, main in (("classification-us-primary", True), ("classification-us-secondary", False)):
        for uspc in tech.iterfind(f"classification-us/{path}/uspc") if tech is not None else ():
            klass, sub = child_text(uspc, "class"), child_text(uspc, "subclass")
            if klass:
                draft.add_uspc(klass, subclass=sub or "", main=main)


def pap_record(root: ET.Element, *, source: str, location: str) -> PatentRecord:
    """Build the PatentRecord of one ``patent-application-publication`` document.

    Raises:
        InvalidRecordError: No document number, an impossible date, or another invalid field.
    """
    draft = RecordDraft(source=source, location=location, era="pap")
    bi = root.find("subdoc-bibliographic-information")
    if bi is None:
        bi = ET.Element("subdoc-bibliographic-information")
    draft.set_number(child_text(bi, "document-id/doc-number"), child_text(bi, "document-id/kind-code"))
    draft.set_date("publication_date", child_text(bi, "document-id/document-date"))
    draft.fields["application_number"] = child_text(bi, "domestic-filing-data/application-number/doc-number")
    draft.set_date("application_date", child_text(bi, "domestic-filing-data/filing-date"))
    for prio in bi.iterfind("foreign-priority-data"):
        draft.add_priority(
            child_text(prio, "country-code"),
            child_text(prio, "priority-application-number/doc-number"),
            child_text(prio, "filing-date"),
        )
    for doc in bi.iterfind("continuity-data/non-provisional-of-provisional/document-id"):
        draft.add_priority("US", child_text(doc, "doc-number"), child_text(doc, "document-date"))
    tech = bi.find("technical-information")
    _classification(tech, draft)
    draft.title = child_text(tech, "title-of-invention") or ""
    for inventor in bi.iterfind("inventors/*"):
        draft.add_inventor(_party(inventor, inventor=True))
    for assignee in bi.iterfind("assignee"):
        draft.add_applicant(_party(assignee, inventor=False))
    draft.abstract = " ".join(texts(root, "subdoc-abstract/paragraph"))
    claims = root.findall("subdoc-claims/claim")
    draft.first_claim = strip_claim_number(element_text(claims[0])) if claims else ""
    draft.fields["claims_count"] = len(claims) or None
    draft.extra["document_type"] = "application"
    filing_type = child_text(bi, "publication-filing-type")
    if filing_type:
        draft.extra["publication_filing_type"] = filing_type
    return draft.build()
