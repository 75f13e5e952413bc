"""Character entities of USPTO full-text documents, resolved without reading any DTD.

USPTO documents reference entities that their DTDs declare (``&lsquo;``, ``&mgr;``,
``&emsp;`` ...) and the DTDs sit on the USPTO's servers. ipnav never fetches them: the DOCTYPE is
removed before parsing and every entity reference is rewritten here, so expat sees only the five
predefined XML entities and numeric character references. This also rules out entity-expansion
attacks (nothing is expanded recursively) and network access from a parser.

Resolution order for ``&name;``:

1. the five XML entities stay as they are;
2. text entities declared in the document's own internal subset (``<!ENTITY x "...">``),
   inserted once, escaped, never expanded further;
3. HTML5 / ISO 8879 names known to :data:`html.entities.html5` (ISOnum, ISOpub, ISOlat1 ...);
4. the ISO 8879 Greek set ``ISOgrk1`` (``&agr;`` ... ``&ohgr;``), which USPTO uses and HTML
   lacks;
5. anything else becomes literal text ``&name;`` (escaped), so no character is lost.
"""

from __future__ import annotations

import html
import html.entities
import re
from collections.abc import Mapping

__all__ = ["ISO_GREEK", "resolve_entities"]

_XML_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})

# ISO 8879:1986 ISOgrk1 (Greek letters), as used by USPTO SGML/XML DTDs.
_GREEK_LOWER = {
    "agr": "α",
    "bgr": "β",
    "ggr": "γ",
    "dgr": "δ",
    "egr": "ε",
    "zgr": "ζ",
    "eegr": "η",
    "thgr": "θ",
    "igr": "ι",
    "kgr": "κ",
    "lgr": "λ",
    "mgr": "μ",
    "ngr": "ν",
    "xgr": "ξ",
    "ogr": "ο",
    "pgr": "π",
    "rgr": "ρ",
    "sgr": "σ",
    "sfgr": "ς",
    "tgr": "τ",
    "ugr": "υ",
    "phgr": "φ",
    "khgr": "χ",
    "psgr": "ψ",
    "ohgr": "ω",
}
ISO_GREEK: Mapping[str, str] = {
    **_GREEK_LOWER,
    **{name[0].upper() + name[1:]: char.upper() for name, char in _GREEK_LOWER.items() if name != "sfgr"},
    "EEgr": "Η",
    "THgr": "Θ",
    "KHgr": "Χ",
    "PHgr": "Φ",
    "PSgr": "Ψ",
    "OHgr": "Ω",
}
"""ISOgrk1 entity names (``mgr`` -> μ, ``OHgr`` -> Ω)."""

_ENTITY_REF = re.compile(r"&([A-Za-z][A-Za-z0-9._-]*);")


def _char_ref(text: str) -> str:
    return "".join(f"&#x{ord(c):X};" for c in text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def resolve_entities(text: str, declared: Mapping[str, str] | None = None) -> tuple[str, list[str]]:
    """Rewrite named entity references so that a parser needs no DTD.

    Args:
        text: XML text without its DOCTYPE.
        declared: Text entities from the document's internal subset.

    Returns:
        The rewritten text and the sorted names that could not be resolved (kept as literal text).

    Example:
        >>> resolve_entities("5 &mgr;m &lt; 1 &lsquo;a&rsquo; &foo;")
        ('5 &#x3BC;m &lt; 1 &#x2018;a&#x2019; &amp;foo;', ['foo'])
    """
    declared = declared or {}
    unknown: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_PREDEFINED:
            return match.group(0)
        if name in declared:  # character references in the value resolve; entity references do not nest
            return _escape(html.unescape(declared[name]))
        value = html.entities.html5.get(f"{name};") or ISO_GREEK.get(name)
        if value is not None:
            return _char_ref(value)
        unknown.add(name)
        return f"&amp;{name};"

    return _ENTITY_REF.sub(replace, text), sorted(unknown)
