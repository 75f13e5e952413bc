"""Plain text out of USPTO XML elements (all eras).

Inline markup (bold, italic, sub/superscript, claim references ...) joins without a space so that
``H<sub>2</sub>O`` stays ``H2O``; block elements (paragraphs, claim-text, headings ...) are
separated by a space. Whitespace is collapsed and stray spaces before punctuation removed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

__all__ = ["child_text", "element_text", "raw_texts", "texts"]

INLINE_TAGS = frozenset(
    {
        # 2001 application publications and v4.x XML
        "b",
        "i",
        "u",
        "o",
        "sup",
        "sub",
        "smallcaps",
        "sup2",
        "sub2",
        "bold",
        "italic",
        "underline",
        "highlight",
        "superscript",
        "subscript",
        "claim-ref",
        "figref",
        "in-line-formula",
        "br",
        "dependent-claim-reference",
        "cross-reference",
        "chemistry-cwu",
        # SGML-era grants (ST.32)
        "BOLD",
        "ITALIC",
        "HIL",
        "SB",
        "SP",
        "U",
        "O",
        "SMALLCAPS",
        "CLREF",
        "FGREF",
        "F",
        "PDAT",
        "STEXT",
        "PTEXT",
        "DNUM",
    }
)

_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")


def _collect(elem: ET.Element, out: list[str]) -> None:
    block = elem.tag not in INLINE_TAGS
    if block:
        out.append(" ")
    if elem.text:
        out.append(elem.text)
    for child in elem:
        _collect(child, out)
        if child.tail:
            out.append(child.tail)
    if block:
        out.append(" ")


def element_text(elem: ET.Element | None) -> str:
    """The element's text content as one clean line ('' for None).

    Example:
        >>> element_text(ET.fromstring("<p>H<sub>2</sub>O: <claim-text>claim 1</claim-text>,</p>"))
        'H2O: claim 1,'
    """
    if elem is None:
        return ""
    out: list[str] = []
    _collect(elem, out)
    text = _SPACES.sub(" ", "".join(out)).strip()
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACE_AFTER_OPEN.sub(r"\1", text)


def child_text(elem: ET.Element | None, path: str) -> str | None:
    """Clean text of the first element at ``path`` below ``elem``; None when absent or empty."""
    if elem is None:
        return None
    found = elem.find(path)
    text = element_text(found) if found is not None else ""
    return text or None


def texts(elem: ET.Element | None, path: str) -> list[str]:
    """Clean, non-empty texts of every element at ``path``."""
    if elem is None:
        return []
    return [t for t in (element_text(e) for e in elem.iterfind(path)) if t]


def raw_texts(elem: ET.Element | None, path: str) -> list[str]:
    """Texts of every element at ``path`` with inner spacing kept (fixed-width codes such as
    ``B32B  302`` or ``700  2`` depend on it); line breaks and trailing spaces removed."""
    if elem is None:
        return []
    out = ("".join(e.itertext()).strip("\r\n").rstrip() for e in elem.iterfind(path))
    return [t for t in out if t.strip()]
