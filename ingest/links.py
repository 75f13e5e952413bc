"""Undirected link lists: the cell that lists a node's linked publications, and their direction.

A research table built from a citation export often lists, per publication, the publications it
is linked to by a citation in either direction (``CP`` in the VR/AR workbooks of
``../shared/data``). :func:`parse_links` reads such a cell; :func:`orient_links` turns the links
into citations by date (see :mod:`ingest.nodes` for how the node table uses them).
"""

from __future__ import annotations

import ast
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from ingest.base import split_multi
from ipnav.exceptions import InvalidRecordError

__all__ = ["orient_links", "parse_links"]


def parse_links(cell: str | None, column: str) -> list[str]:
    """The publications listed in a link cell, as written.

    Accepts a Python or JSON list (``"['US1', 'CN2']"``) or text separated by ``;;``, newlines,
    ``|``, ``;`` or ``,``.

    Raises:
        InvalidRecordError: A bracketed cell that is not a list of ids (``field`` = ``column``).

    Example:
        >>> parse_links("['KR101258961', 'WO2016144005']", "CP"), parse_links("US1; US2", "links")
        (['KR101258961', 'WO2016144005'], ['US1', 'US2'])
    """
    text = (cell or "").strip()
    if not text.startswith(("[", "(")):
        return split_multi(text, (";;", "\n", "|", ";", ","))
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        value = None
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, int)) for v in value):
        raise InvalidRecordError(f"{column}: not a list of publication ids: {text[:60]!r}", field=column)
    return [str(v).strip() for v in value if str(v).strip()]


def orient_links(
    links: Mapping[str, set[str]], dates: Mapping[str, dt.date]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Orient undirected links from the earlier to the later node: ``(cited, unoriented)`` per node.

    Args:
        links: Node -> the nodes its rows list (either end of a link may list it).
        dates: Node -> its date; the nodes of the table are the keys of ``links``.

    Returns:
        ``cited[v]``: the nodes ``v`` cites (linked and earlier by ``(date, id)``);
        ``unoriented[v]``: linked nodes that are not in the table or where a date is missing.

    Example:
        >>> d = {"A": dt.date(2001, 1, 1), "B": dt.date(2003, 1, 1), "C": dt.date(2001, 1, 1)}
        >>> cited, loose = orient_links({"A": {"B", "C", "X"}, "B": set(), "C": set()}, d)
        >>> sorted(cited["B"]), sorted(cited["C"]), sorted(loose["A"])
        (['A'], ['A'], ['X'])
    """
    cited: dict[str, set[str]] = defaultdict(set)
    unoriented: dict[str, set[str]] = defaultdict(set)
    for node, listed in links.items():
        for other in listed:
            if other == node:
                continue
            if other not in links or node not in dates or other not in dates:
                unoriented[node].add(other)
                if other in links:
                    unoriented[other].add(node)
                continue
            early, late = sorted(((dates[node], node), (dates[other], other)))
            cited[late[1]].add(early[1])
    return dict(cited), dict(unoriented)
