"""IPC and CPC classification symbols, parsed into their hierarchy.

Every export writes symbols differently: ``B25J9/16`` (Lens), ``B25J 9/16`` (WIPO), ``B29C-047/00``
(WIPS), ``B25B1/103 (EP,US)`` (Espacenet, with the offices that gave it), ``H01L 21/00 (2006.01)``
(with the IPC version). :func:`parse_code` turns all of them into one :class:`Code` whose
``symbol`` is the compact form ``B25J9/16`` and whose levels are::

    section   B
    class     B25
    subclass  B25J
    group     B25J9/00     (main group)
    symbol    B25J9/16     (the full symbol; equals ``group`` for a main-group code)

A bare subclass (``B25J``, or ``B25J/`` as some Lens rows write it) is a valid code of level
``subclass`` with no group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ipnav.exceptions import InvalidCodeError

__all__ = ["Code", "Level", "parse_code", "split_codes"]

Level = Literal["section", "class", "subclass", "group", "subgroup"]

_CODE = re.compile(
    r"""^\s*
    (?P<section>[A-HY])\s*(?P<klass>\d{2})\s*(?P<sub>[A-Z])
    (?:\s*[-\s]?\s*(?P<group>\d{1,4})
        (?:\s*/\s*(?P<subgroup>\d{1,6}))?
    |\s*/)?
    \s*(?P<tail>(?:\(.*\)|\[.*\]|[,;]|\d{8}[A-Z]{0,4}\S*|\s)*)$""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True, order=True)
class Code:
    """A parsed IPC or CPC symbol.

    Attributes:
        symbol: Compact symbol, e.g. ``B25J9/16``; for a bare subclass just ``B25J``.
        scheme: ``IPC`` or ``CPC``.
    """

    symbol: str
    scheme: str = "IPC"

    @property
    def section(self) -> str:
        return self.symbol[0]

    @property
    def klass(self) -> str:
        """The class, e.g. ``B25`` (``class`` is a Python keyword)."""
        return self.symbol[:3]

    @property
    def subclass(self) -> str:
        return self.symbol[:4]

    @property
    def group(self) -> str | None:
        """The main group, e.g. ``B25J9/00``; None for a bare subclass."""
        if len(self.symbol) == 4:
            return None
        return self.symbol[: self.symbol.index("/")] + "/00"

    @property
    def level(self) -> Level:
        if len(self.symbol) == 4:
            return "subclass"
        return "group" if self.symbol == self.group else "subgroup"

    def ancestors(self) -> list[tuple[str, Level]]:
        """The chain from section down to this code: ``[("B", "section"), ("B25", "class"), ...]``."""
        chain: list[tuple[str, Level]] = [
            (self.section, "section"),
            (self.klass, "class"),
            (self.subclass, "subclass"),
        ]
        group = self.group
        if group is not None:
            chain.append((group, "group"))
            if self.symbol != group:
                chain.append((self.symbol, "subgroup"))
        return chain


def parse_code(value: str, scheme: str = "IPC") -> Code:
    """Parse one IPC or CPC symbol written in any common export style.

    Args:
        value: The symbol, e.g. ``B25J9/16``, ``B25J 9/16``, ``B29C-047/00``,
            ``B25B1/103 (EP,US)`` or ``H01L 21/00 (2006.01)``.
        scheme: ``IPC`` or ``CPC``.

    Returns:
        The parsed :class:`Code`.

    Raises:
        InvalidCodeError: The value is not an IPC/CPC symbol.

    Example:
        >>> parse_code("B29C-047/00").symbol
        'B29C47/00'
        >>> parse_code("B25B1/103 (EP,US)", "CPC").group
        'B25B1/00'
    """
    if scheme not in ("IPC", "CPC"):
        raise InvalidCodeError(f"The 'scheme' parameter must be 'IPC' or 'CPC'. Got {scheme!r} instead.")
    match = _CODE.match(value.upper()) if isinstance(value, str) else None
    if match is None:
        raise InvalidCodeError(f"not an {scheme} symbol: {value!r}", field=scheme.lower())
    head = f"{match['section']}{match['klass']}{match['sub']}"
    group = match["group"]
    if group is None:
        return Code(head, scheme)
    subgroup = match["subgroup"] or "00"
    return Code(f"{head}{int(group)}/{subgroup}", scheme)


_SPLIT = re.compile(r"\s*(?:;;|\||;|\n|,(?![A-Z]{2}\)|[A-Z]{2},))\s*")


def split_codes(cell: str | None, scheme: str = "IPC") -> tuple[list[Code], list[str]]:
    """Split a multi-valued cell into codes; return the parsed codes and the parts that failed.

    Separators understood: ``;;`` (Lens), ``|`` (WIPS, PatSnap), ``;``, newlines (Espacenet) and
    commas outside an office list such as ``(EP,US)``. Duplicates are dropped, order kept.

    Example:
        >>> codes, bad = split_codes("B25J9/16;;G06N3/008")
        >>> [c.symbol for c in codes], bad
        (['B25J9/16', 'G06N3/008'], [])
    """
    if not cell:
        return [], []
    codes: list[Code] = []
    bad: list[str] = []
    seen: set[str] = set()
    for part in _SPLIT.split(cell.strip()):
        if not part or part == "-":
            continue
        try:
            code = parse_code(part, scheme)
        except InvalidCodeError:
            bad.append(part)
            continue
        if code.symbol not in seen:
            seen.add(code.symbol)
            codes.append(code)
    return codes, bad
