"""USPTO XML v4.x (grants ``us-patent-grant`` 2005 onwards, applications ``us-patent-application``).

One reader covers the grant DTDs v4.0 (2004) to v4.5+ (2014 onwards) and the application DTDs of
the same family; the versions differ in wrappers, which the paths below tolerate:

===============================================  ================================================
publication-reference//doc-number, kind, date    publication number, kind (``B2``, ``A1``, ``S``)
application-reference//doc-number, date          application number, filing date (``appl-type``
                                                 attribute: utility / design / plant / reissue)
priority-claims/priority-claim                   foreign priority: country, doc-number, date
us-related-documents/us-provisional-application  US provisional (a priority, country US);
                                                 related-publication -> ``extra`` (the
                                                 application publication of a grant)
classifications-ipcr/classification-ipcr         IPC from its level fields: section, class,
                                                 subclass, main-group, subgroup (symbol-position
                                                 ``F`` -> ``extra["ipc_main"]``)
classification-ipc (v4.0/4.1)                    main-/further-classification ``G06F015/00``
classifications-cpc (2013 onwards)               main-cpc, further-cpc: CPC from level fields
classification-locarno                           design class -> ``extra["locarno"]``
classification-national                          USPC main / further -> ``extra["uspc"]``
invention-title, abstract, claims/claim          text; number-of-claims
(us-)references-cited/(us-)citation              patcit (document-id: country, doc-number, kind)
                                                 -> cited; nplcit -> ``extra["npl_count"]``;
                                                 category ``cited by examiner`` counted
assignees/assignee                               applicants (orgname or last/first name, role =
                                                 assignee type code, address)
(us-)parties/(us-)applicants/(us-)applicant      organisation applicants join the applicants;
                                                 ``app-type="applicant-inventor"`` are inventors
                                                 when the document has no inventors section
(us-)parties/inventors/inventor                  inventors
===============================================  ================================================
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ingest.uspto.draft import RecordDraft
from ingest.uspto.values import make_party, person_name, strip_claim_number
from ingest.uspto.xmltext import child_text, element_text, raw_texts, texts
from ipnav.records import Party, PatentRecord

__all__ = ["redbook_record"]


def _party(elem: ET.Element, *, inventor: bool, type_code: str | None = None) -> Party | None:
    book = elem.find("addressbook")
    if book is None:
        book = elem
    org = child_text(book, "orgname")
    given = " ".join(t for t in (child_text(book, "first-name"), child_text(book, "middle-name")) if t)
    name = org or person_name(given, child_text(book, "last-name"), suffix=child_text(book, "suffix"))
    return make_party(
        name,
        person=org is None,
        inventor=inventor,
        country=child_text(book, "address/country"),
        city=child_text(book, "address/city"),
        state=child_text(book, "address/state"),
        type_code=type_code or child_text(book, "role") or child_text(elem, "role"),
    )


def _level_symbol(elem: ET.Element) -> str:
    parts = [child_text(elem, tag) or "" for tag in ("section", "class", "subclass", "main-group", "subgroup")]
    return f"{parts[0]}{parts[1]}{parts[2]} {parts[3]}/{parts[4]}"


def _classification(bib: ET.Element, draft: RecordDraft) -> None:
    for ipcr in bib.iterfind("classifications-ipcr/classification-ipcr"):
        symbol = _level_symbol(ipcr)
        draft.add_code(symbol, "IPC")
        if child_text(ipcr, "symbol-position") == "F" and draft.ipc and "ipc_main" not in draft.extra:
            draft.extra["ipc_main"] = draft.ipc[-1].symbol
    for tag in ("main-classification", "further-classification"):
        for value in texts(bib, f"classification-ipc/{tag}"):
            draft.add_code(value, "IPC")
    for path in (
        "classifications-cpc/main-cpc/classification-cpc",
        "classifications-cpc/further-cpc/classification-cpc",
    ):
        for cpc in bib.iterfind(path):
            draft.add_code(_level_symbol(cpc), "CPC")
    locarno = child_text(bib, "classification-locarno/main-classification")
    if locarno:
        draft.extra["locarno"] = locarno
    for value in raw_texts(bib, "classification-national/main-classification"):
        draft.add_uspc(value, main=True)
    for value in raw_texts(bib, "classification-national/further-classification"):
        draft.add_uspc(value)


def _references(bib: ET.Element, draft: RecordDraft) -> None:
    for path in ("references-cited/citation", "us-references-cited/us-citation"):
        for citation in bib.iterfind(path):
            category = child_text(citation, "category")
            patcit = citation.find("patcit")
            if patcit is not None:
                doc = patcit.find("document-id")
                doc = patcit if doc is None else doc
                draft.add_citation(
                    child_text(doc, "country"),
                    child_text(doc, "doc-number"),
                    child_text(doc, "kind"),
                    category=category,
                )
            elif citation.find("nplcit") is not None:
                draft.add_npl()


def _related(bib: ET.Element, draft: RecordDraft) -> None:
    for prio in bib.iterfind("priority-claims/priority-claim"):
        draft.add_priority(child_text(prio, "country"), child_text(prio, "doc-number"), child_text(prio, "date"))
    for doc in bib.iterfind("us-related-documents/us-provisional-application/document-id"):
        draft.add_priority("US", child_text(doc, "doc-number"), child_text(doc, "date"))
    related = bib.find("us-related-documents/related-publication/document-id")
    if related is not None:
        number = child_text(related, "doc-number")
        if number:
            office = child_text(related, "country") or "US"
            kind = child_text(related, "kind") or ""
            draft.extra["related_publication"] = f"{office}{number}{kind}"


def _parties(bib: ET.Element, draft: RecordDraft) -> None:
    for assignee in bib.iterfind("assignees/assignee"):
        draft.add_applicant(_party(assignee, inventor=False))
    inventors = [
        *bib.iterfind("parties/inventors/inventor"),
        *bib.iterfind("us-parties/inventors/inventor"),
    ]
    applicants = [
        *bib.iterfind("parties/applicants/applicant"),
        *bib.iterfind("us-parties/us-applicants/us-applicant"),
    ]
    known = {p.normalized for p in draft.applicants}
    for applicant in applicants:
        book = applicant.find("addressbook")
        if child_text(book if book is not None else applicant, "orgname"):
            party = _party(applicant, inventor=False)
            if party is not None and party.normalized not in known:
                draft.add_applicant(party)
                known.add(party.normalized)
        elif not inventors and "inventor" in applicant.get("app-type", ""):
            draft.add_inventor(_party(applicant, inventor=True))
    for inventor in inventors:
        draft.add_inventor(_party(inventor, inventor=True))


def redbook_record(root: ET.Element, *, source: str, location: str) -> PatentRecord:
    """Build the PatentRecord of one ``us-patent-grant`` or ``us-patent-application`` document.

    Raises:
        InvalidRecordError: No document number, an impossible date, or another invalid field.
    """
    grant = root.tag == "us-patent-grant"
    draft = RecordDraft(source=source, location=location, era="xml4 grant" if grant else "xml4 application")
    if root.get("dtd-version"):
        draft.extra["dtd_version"] = root.get("dtd-version", "").strip()
    bib = root.find("us-bibliographic-data-grant" if grant else "us-bibliographic-data-application")
    if bib is None:
        bib = ET.Element("us-bibliographic-data")
    draft.set_number(
        child_text(bib, "publication-reference//doc-number"),
        child_text(bib, "publication-reference//kind"),
    )
    date = child_text(bib, "publication-reference//date")
    draft.set_date("publication_date", date)
    if grant:
        draft.set_date("grant_date", date)
    app = bib.find("application-reference")
    draft.fields["application_number"] = child_text(app, ".//doc-number")
    draft.set_date("application_date", child_text(app, ".//date"))
    if app is not None and app.get("appl-type"):
        draft.extra["application_type"] = app.get("appl-type")
    draft.title = child_text(bib, "invention-title") or ""
    claims = root.findall("claims/claim")
    declared = child_text(bib, "number-of-claims")
    draft.fields["claims_count"] = int(declared) if declared and declared.isdigit() else (len(claims) or None)
    _classification(bib, draft)
    _references(bib, draft)
    _related(bib, draft)
    _parties(bib, draft)
    draft.abstract = element_text(root.find("abstract"))
    draft.first_claim = strip_claim_number(element_text(claims[0])) if claims else ""
    draft.extra["document_type"] = "grant" if grant else "application"
    return draft.build()
