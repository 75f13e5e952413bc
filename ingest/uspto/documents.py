"""Splitting USPTO bulk files into documents, and parsing one XML document safely.

Real USPTO bulk files hold a week of documents in one file: the XML files (2001 onwards)
concatenate complete XML documents, each starting with its own ``<?xml ...?>`` declaration, and
the APS "Green Book" text files (1976-2001) concatenate ``PATN`` records. Both splitters stream
the file line by line and hold one document at a time, so a multi-gigabyte weekly file is read in
the memory of its largest document. A sample file holding one document is the degenerate case.

:func:`parse_xml` parses one document with no DTD and no network: the prolog (XML declaration,
comments, DOCTYPE with its internal subset) is blanked out line for line, so parser line numbers
stay file line numbers, and entity references are resolved by :mod:`ingest.uspto.entities`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.base import open_binary, open_text
from ingest.uspto.entities import resolve_entities
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.records import RowError

__all__ = [
    "GREENBOOK_SECTIONS",
    "GreenbookRecord",
    "RawDocument",
    "XmlParseError",
    "iter_greenbook_records",
    "iter_xml_documents",
    "parse_greenbook",
    "parse_xml",
]

FORMAT = "uspto-xml"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One XML document cut from a bulk file.

    Attributes:
        index: 1-based position of the document in the file.
        line: File line on which the document starts.
        data: The document's bytes.
    """

    index: int
    line: int
    data: bytes

    @property
    def location(self) -> str:
        return f"document {self.index} (line {self.line})"


class XmlParseError(InvalidRecordError):
    """A document is not well-formed XML; the message gives the file line and column."""


def _read_lines(path: Path) -> Iterator[bytes]:
    try:
        fh = open_binary(path)
    except OSError as exc:
        raise InputFormatError(f"cannot open: {exc}", path=str(path)) from exc
    with fh:
        yield from fh


def iter_xml_documents(path: Path) -> Iterator[RawDocument | RowError]:
    """Stream the XML documents of a (possibly gzipped, possibly multi-document) file.

    A document starts at a line beginning with ``<?xml``, or at a ``<!DOCTYPE`` line after the
    current document's root element has begun (documents concatenated without declarations).
    A truncated gzip stream ends the file with a RowError after the documents read so far.

    Raises:
        InputFormatError: The file cannot be opened or holds nothing but whitespace.
    """
    source = str(path)
    buffer: list[bytes] = []
    start = 1
    index = 0
    number = 0
    in_body = False  # the current document's root element has started
    lines = _read_lines(path)
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            break
        except (EOFError, zlib.error, OSError) as exc:
            yield _truncated(source, number, exc)
            buffer = []
            break
        number += 1
        line = raw.lstrip(b"\xef\xbb\xbf \t")
        starts_doc = line.startswith(b"<?xml") or (line.startswith(b"<!DOCTYPE") and in_body)
        if starts_doc and any(b.strip() for b in buffer):
            index += 1
            yield RawDocument(index, start, b"".join(buffer))
            buffer = []
            in_body = False
        if not buffer:
            start = number
        buffer.append(raw)
        in_body = in_body or (line[:1] == b"<" and line[1:2].isalpha())
    if any(b.strip() for b in buffer):
        index += 1
        yield RawDocument(index, start, b"".join(buffer))
    if index == 0 and number == 0:
        raise InputFormatError("file is empty", path=source)


# ---------------------------------------------------------------------------------------------
# XML parsing without DTDs

_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENTITY_DECL = re.compile(r"""<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>""")
_SPACE = re.compile(r"\s*")


def _decode(data: bytes) -> tuple[str, list[str]]:
    match = _DECLARED_ENCODING.match(data[:200])
    encoding = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return data.decode(encoding), []
    except LookupError:
        return data.decode("utf-8", errors="replace"), [f"unknown declared encoding {encoding!r}; read as UTF-8"]
    except UnicodeDecodeError as exc:
        text = data.decode(encoding, errors="replace")
        return text, [f"bytes not valid {encoding} replaced (first at byte {exc.start})"]


def _prolog_end(text: str, pos: int) -> int:
    """End offset of the prolog item (declaration, comment, DOCTYPE) starting at ``pos``."""
    if text.startswith("<?", pos):
        end = text.find("?>", pos)
        return -1 if end < 0 else end + 2
    if text.startswith("<!--", pos):
        end = text.find("-->", pos)
        return -1 if end < 0 else end + 3
    # <!DOCTYPE name ... [ internal subset ]>
    bracket = text.find("[", pos)
    close = text.find(">", pos)
    if close < 0:
        return -1
    if bracket < 0 or close < bracket:
        return close + 1
    match = re.compile(r"\]\s*>").search(text, bracket)
    return -1 if match is None else match.end()


def _strip_prolog(text: str) -> tuple[str, dict[str, str]]:
    """Blank the prolog (keeping its newlines) and collect internal text-entity declarations."""
    declared: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if not text.startswith(("<?", "<!--", "<!DOCTYPE"), pos):
            break
        end = _prolog_end(text, pos)
        if end < 0:
            raise XmlParseError("unterminated XML declaration, comment or DOCTYPE at the document start")
        if text.startswith("<!DOCTYPE", pos):
            for match in _ENTITY_DECL.finditer(text, pos, end):
                declared.setdefault(match.group(1), match.group(2) if match.group(2) is not None else match.group(3))
        spans.append((pos, end))
        pos = end
    if not spans:
        return text, declared
    parts: list[str] = []
    last = 0
    for begin, end in spans:
        parts.append(text[last:begin])
        parts.append("\n" * text.count("\n", begin, end))
        last = end
    parts.append(text[last:])
    return "".join(parts), declared


def parse_xml(data: bytes, *, first_line: int = 1) -> tuple[ET.Element, list[str]]:
    """Parse one USPTO XML document without DTDs, external entities or network access.

    Args:
        data: The document's bytes.
        first_line: The file line the document starts on (for error messages).

    Returns:
        The root element and warnings (replaced bytes, unknown entity names).

    Raises:
        XmlParseError: The document is not well-formed; the message names file line and column.

    Example:
        >>> root, warnings = parse_xml(b'<!DOCTYPE a SYSTEM "x.dtd"><a>5 &mgr;m</a>')
        >>> root.text, warnings
        ('5 μm', [])
    """
    text, warnings = _decode(data)
    text, declared = _strip_prolog(text)
    text, unknown = resolve_entities(text, declared)
    if unknown:
        warnings.append(f"unknown entities kept as text: {', '.join(unknown[:10])}")
    parser = ET.XMLParser()
    try:
        parser.feed(text)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (1, 0))
        message = str(exc).split(":")[0]
        raise XmlParseError(
            f"malformed XML: {message} at file line {first_line + line - 1}, column {column + 1}"
        ) from None
    return root, warnings


# ---------------------------------------------------------------------------------------------
# APS Green Book text

GREENBOOK_SECTIONS = frozenset(
    {
        "PATN",
        "INVT",
        "ASSG",
        "PRIR",
        "REIS",
        "RLAP",
        "CLAS",
        "UREF",
        "FREF",
        "OREF",
        "LREP",
        "PCTA",
        "ABST",
        "GOVT",
        "PARN",
        "BSUM",
        "DRWD",
        "DETD",
        "CLMS",
        "DCLM",
    }
)
"""Section (logical group) names of the APS Green Book format."""

_FIELD = re.compile(r"^([A-Z][A-Z0-9]{1,3})(?:\s+(.*))?$")


@dataclass(slots=True)
class GreenbookRecord:
    """One ``PATN`` record: its sections in order, each a list of ``(tag, value)`` fields."""

    index: int
    line: int
    sections: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    odd_lines: int = 0

    @property
    def location(self) -> str:
        return f"document {self.index} (line {self.line})"

    def section(self, name: str) -> list[list[tuple[str, str]]]:
        """Every occurrence of a section, e.g. all ``INVT`` groups."""
        return [fields for sec, fields in self.sections if sec == name]

    def first(self, section: str, tag: str) -> str | None:
        for fields in self.section(section):
            for key, value in fields:
                if key == tag and value.strip():
                    return value.strip()
        return None


def parse_greenbook(index: int, line: int, lines: list[str]) -> GreenbookRecord:
    """Group the lines of one record into sections and fields (continuation lines joined)."""
    record = GreenbookRecord(index, line)
    for text in lines:
        stripped = text.rstrip("\r\n")
        if not stripped.strip():
            continue
        if stripped.strip() in GREENBOOK_SECTIONS and not stripped.startswith(" "):
            record.sections.append((stripped.strip(), []))
            continue
        if not record.sections:
            record.sections.append(("PATN", []))
        fields = record.sections[-1][1]
        match = None if stripped.startswith(" ") else _FIELD.match(stripped)
        if match is None:  # a continuation line (indented), or text the format does not foresee
            if not stripped.startswith(" "):
                record.odd_lines += 1
            if fields:
                tag, value = fields[-1]
                fields[-1] = (tag, f"{value} {stripped.strip()}".strip())
            continue
        fields.append((match.group(1), (match.group(2) or "").strip()))
    return record


def _truncated(source: str, number: int, exc: Exception) -> RowError:
    reason = f"file is truncated or corrupt after line {number}: {exc}"
    return RowError(source, f"line {number + 1}", None, reason, "", FORMAT)


def _text_lines(path: Path) -> Iterator[tuple[int, str] | RowError]:
    """Numbered lines of a text file; a broken gzip stream ends it with a RowError."""
    try:
        fh = open_text(path)
    except OSError as exc:
        raise InputFormatError(f"cannot open: {exc}", path=str(path)) from exc
    number = 0
    with fh:
        while True:
            try:
                text = fh.readline()
            except (EOFError, zlib.error, OSError) as exc:
                yield _truncated(str(path), number, exc)
                return
            if not text:
                return
            number += 1
            yield number, text


def iter_greenbook_records(path: Path) -> Iterator[GreenbookRecord | RowError]:
    """Stream the ``PATN`` records of an APS Green Book file (weekly files hold thousands).

    Lines before the first ``PATN`` (the weekly file header ``HHHHHT``) are skipped; any other
    text there is reported as a RowError, not dropped. An empty ``PATN`` record is passed on
    (it becomes a RowError for its missing number).

    Raises:
        InputFormatError: The file cannot be opened, is empty or holds no ``PATN`` record.
    """
    source = str(path)
    index = start = 0
    lines: list[str] = []
    preamble: list[str] = []
    for item in _text_lines(path):
        if isinstance(item, RowError):
            yield item
            break
        number, text = item
        if text.rstrip() == "PATN":
            if start:
                index += 1
                yield parse_greenbook(index, start, lines)
            lines, start = [], number
        elif start:
            lines.append(text)
        elif text.strip() and not text.startswith("HHHHHT"):
            preamble.append(text.strip())
    if start:
        index += 1
        yield parse_greenbook(index, start, lines)
    if index == 0:
        first = f"; first line: {preamble[0][:80]!r}" if preamble else ""
        raise InputFormatError(f"no PATN record (not a Green Book file, or empty){first}", path=source)
    if preamble:
        reason = f"{len(preamble)} line(s) of text outside any record"
        yield RowError(source, "before the first PATN record", None, reason, " | ".join(preamble)[:500], FORMAT)
