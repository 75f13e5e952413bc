"""USPTO full-text reader: every bulk format from 1976 to today, detected from the content.

=====================  ===============================  =====================================
era                    content                          module
=====================  ===============================  =====================================
1976-2001 grants       APS Green Book text (``PATN``)   :mod:`ingest.uspto.greenbook`
2001-2004 grants       SGML-era XML (``PATDOC``)        :mod:`ingest.uspto.sgml`
2001-2004 applications ``patent-application-            :mod:`ingest.uspto.pap`
                       publication``
2005- grants,          ``us-patent-grant``,             :mod:`ingest.uspto.redbook`
2005- applications     ``us-patent-application`` (v4.x)
=====================  ===============================  =====================================

A file may hold one document or a whole weekly bulk file (documents concatenated, each with its
own XML declaration, or consecutive ``PATN`` records); it is streamed one document at a time
(:mod:`ingest.uspto.documents`). ``read`` yields one item per document: a PatentRecord, or a
RowError naming the file, the document (index and first line) and what is wrong (malformed XML
with its file line and column, a missing number, an impossible date). No DTD or external entity
is ever fetched. ``mapping`` is not used by this reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import Element

from ingest.base import Row, excerpt, read_head
from ingest.uspto.documents import (
    RawDocument,
    iter_greenbook_records,
    iter_xml_documents,
    parse_xml,
)
from ingest.uspto.greenbook import greenbook_record
from ingest.uspto.pap import pap_record
from ingest.uspto.redbook import redbook_record
from ingest.uspto.sgml import sgml_record
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.records import PatentRecord, RowError

__all__ = ["EXTENSIONS", "FORMAT", "read", "sniff"]

FORMAT = "uspto-xml"
EXTENSIONS = (".xml", ".sgml", ".greenbook", ".txt", ".dat")

_ROOTS = ("us-patent-grant", "us-patent-application", "PATDOC", "patent-application-publication")
_XML_ROOT = re.compile(r"<(?:!DOCTYPE\s+)?(?:" + "|".join(_ROOTS) + r")[\s>\[]")
_GREENBOOK = re.compile(r"(?m)^PATN[ \t]*\r?\n(?:.*\r?\n){0,3}?WKU  ")

Builder = Callable[..., PatentRecord]
_BUILDERS: dict[str, Builder] = {
    "us-patent-grant": redbook_record,
    "us-patent-application": redbook_record,
    "PATDOC": sgml_record,
    "patent-application-publication": pap_record,
}

_DOC_ID = re.compile(rb"<(?:doc-number|B110><DNUM><PDAT)>\s*([A-Za-z]*\d+)")


def _is_greenbook(head: str) -> bool:
    return bool(_GREENBOOK.search(head)) or head.startswith("HHHHHT")


def sniff(path: Path, head: str) -> bool:
    """True when the decoded head is USPTO full text: a known XML root/DOCTYPE or Green Book fields.

    Example:
        >>> sniff(Path("x.xml"), '<?xml version="1.0"?>\\n<!DOCTYPE us-patent-grant SYSTEM "x">')
        True
        >>> sniff(Path("x.txt"), "PATN\\nWKU  039373754\\n")
        True
    """
    return bool(_XML_ROOT.search(head)) or _is_greenbook(head)


def _document_id(data: bytes) -> str | None:
    match = _DOC_ID.search(data[:20000])
    return match.group(1).decode("ascii", "replace") if match else None


def _xml_rows(path: Path) -> Iterator[Row]:
    source = str(path)
    for item in iter_xml_documents(path):
        if isinstance(item, RowError):
            yield item
            continue
        yield _xml_row(item, source)


def _xml_row(doc: RawDocument, source: str) -> Row:
    doc_id = _document_id(doc.data)
    named = f" ({doc_id})" if doc_id else ""
    raw = f"doc-number {doc_id}" if doc_id else excerpt(doc.data[:300].decode("utf-8", "replace"))
    try:
        root, warnings = parse_xml(doc.data, first_line=doc.line)
        builder = _BUILDERS.get(root.tag)
        if builder is None:
            return RowError(
                source,
                doc.location,
                None,
                f"not a patent document: root element <{root.tag}>{named}; expected one of {', '.join(_ROOTS)}",
                raw,
                FORMAT,
            )
        record = _build(builder, root, source, doc.location, warnings)
    except InvalidRecordError as exc:
        return RowError(source, doc.location, exc.field, f"{exc}{named}", raw, FORMAT)
    return record


def _build(builder: Builder, root: Element, source: str, location: str, warnings: list[str]) -> PatentRecord:
    record = builder(root, source=source, location=location)
    if warnings:
        extra = dict(record.extra)
        extra["parse_warnings"] = [*extra.get("parse_warnings", []), *warnings]
        record = replace(record, extra=dict(sorted(extra.items())))
    return record


def _greenbook_rows(path: Path) -> Iterator[Row]:
    source = str(path)
    for item in iter_greenbook_records(path):
        if isinstance(item, RowError):
            yield item
            continue
        wku = item.first("PATN", "WKU")
        try:
            yield greenbook_record(item, source)
        except InvalidRecordError as exc:
            named = f" (WKU {wku})" if wku else ""
            yield RowError(
                source,
                item.location,
                exc.field,
                f"{exc}{named}",
                f"WKU {wku}" if wku else "",
                FORMAT,
            )


def read(path: Path, *, mapping: Mapping[str, str] | None = None) -> Iterator[Row]:
    """Yield one PatentRecord or RowError per document of a USPTO full-text file.

    Args:
        path: A Green Book text file or an XML file (one or many documents; gzip allowed).
        mapping: Not used (the formats have fixed tags).

    Raises:
        InputFormatError: The file cannot be read, is empty, or is not USPTO full text.

    Example:
        >>> from pathlib import Path
        >>> rows = list(read(Path("tests/ingest/fixtures/uspto/grants_2014_2004.xml")))
        >>> [(r.id, r.kind) for r in rows]
        [('US8930553', 'B2'), ('US6859910', 'B2')]
    """
    head = read_head(path)
    if not head.strip():
        raise InputFormatError("file is empty", path=str(path))
    if _is_greenbook(head):
        return _greenbook_rows(path)
    if _XML_ROOT.search(head) or head.lstrip().startswith("<"):
        return _xml_rows(path)
    first = head.strip().splitlines()[0][:120]
    raise InputFormatError(
        f"not USPTO full text (no XML patent document, no Green Book PATN record); first line: {first!r}",
        path=str(path),
    )
