"""Citation-based patent indicators (OECD, Squicciarini, Dernis & Criscuolo 2013).

All functions take plain data: per-patent subclasses and dates, and the citation lists.
Citations are only *observable* inside the data that was loaded: a patent that no loaded patent
cites has 0 forward citations *within the set*, which is a real 0 only when the set carries
citation lists at all. The caller says so (``citations_known``); without citation data every
citation indicator is missing, never 0.

Definitions (IPC 4-digit subclasses throughout; a patent with several subclasses spreads one unit
over them, as OECD does):

- forward citations (5 years): citing patents published within 5 years after the focal patent's
  publication (filing date when unpublished). Missing when the 5-year window is not complete at
  the data's end (``data_end``), so young patents are not scored as uncited.
- generality: ``1 - sum_j s_j**2`` with ``s_j`` the share of the citing patents' subclass units in
  subclass ``j``; missing when no citing patent has a code.
- originality: the same over the cited patents.
- radicalness: share of the cited patents' subclass occurrences that lie outside the focal
  patent's own subclasses; missing when the focal patent or every cited patent lacks codes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "forward_citations",
    "generality",
    "herfindahl_diversity",
    "invert_citations",
    "originality",
    "radicalness",
]


def invert_citations(edges: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``{cited: [citing, ...]}`` from ``(citing, cited)`` pairs (duplicates and self-loops dropped).

    Example:
        >>> invert_citations([("B", "A"), ("C", "A"), ("C", "A"), ("A", "A")])
        {'A': ['B', 'C']}
    """
    out: dict[str, set[str]] = defaultdict(set)
    for citing, cited in edges:
        if citing != cited:
            out[cited].add(citing)
    return {k: sorted(v) for k, v in sorted(out.items())}


def herfindahl_diversity(groups: Sequence[Sequence[str]]) -> float | None:
    """``1 - sum_j s_j**2`` over subclasses, each item spreading one unit over its subclasses.

    Items without subclasses are ignored; None when no item has one.

    Example:
        >>> herfindahl_diversity([["B25J"], ["G06N"]])
        0.5
        >>> herfindahl_diversity([["B25J", "G06N"], ["B25J"]])  # shares 0.75 and 0.25
        0.375
    """
    units: dict[str, float] = defaultdict(float)
    total = 0.0
    for classes in groups:
        distinct = sorted(set(classes))
        if not distinct:
            continue
        for c in distinct:
            units[c] += 1.0 / len(distinct)
        total += 1.0
    if total == 0:
        return None
    return 1.0 - sum((u / total) ** 2 for u in units.values())


def forward_citations(
    patent_ids: Sequence[str],
    cited_by: Mapping[str, Sequence[str]],
    dates: Mapping[str, dt.date | None],
    *,
    data_end: dt.date | None,
    window_years: int = 5,
    citations_known: bool = True,
) -> dict[str, int | None]:
    """Forward citations received within ``window_years`` of each patent's date.

    Args:
        patent_ids: The focal patents.
        cited_by: ``{cited: [citing ids]}`` (see :func:`invert_citations`).
        dates: Publication date (or filing date) of every patent, focal and citing.
        data_end: The last date the citation data covers; windows ending after it are incomplete.
        window_years: The window length (OECD: 5).
        citations_known: False when the data carries no citation lists (everything is missing).

    Returns:
        ``{id: count}``; None where the count cannot be known (no data, no date, window open).

    Example:
        >>> d = {"A": dt.date(2000, 1, 1), "B": dt.date(2003, 1, 1), "C": dt.date(2007, 1, 1)}
        >>> forward_citations(["A"], {"A": ["B", "C"]}, d, data_end=dt.date(2010, 1, 1))
        {'A': 1}
    """
    out: dict[str, int | None] = {}
    for pid in patent_ids:
        start = dates.get(pid)
        if not citations_known or start is None or data_end is None:
            out[pid] = None
            continue
        end = _add_years(start, window_years)
        if end > data_end:
            out[pid] = None
            continue
        count = 0
        for citing in cited_by.get(pid, ()):
            when = dates.get(citing)
            if when is not None and start <= when <= end:
                count += 1
        out[pid] = count
    return out


def generality(
    patent_ids: Sequence[str],
    cited_by: Mapping[str, Sequence[str]],
    subclasses: Mapping[str, Sequence[str]],
    *,
    citations_known: bool = True,
) -> dict[str, float | None]:
    """Generality of each patent: diversity of the subclasses of the patents citing it.

    Example:
        >>> generality(["A"], {"A": ["B", "C"]}, {"B": ["B25J"], "C": ["G06N"]})
        {'A': 0.5}
    """
    if not citations_known:
        return dict.fromkeys(patent_ids)
    return {pid: herfindahl_diversity([subclasses.get(c, ()) for c in cited_by.get(pid, ())]) for pid in patent_ids}


def originality(
    patent_ids: Sequence[str],
    cites: Mapping[str, Sequence[str]],
    subclasses: Mapping[str, Sequence[str]],
) -> dict[str, float | None]:
    """Originality of each patent: diversity of the subclasses of the patents it cites.

    Example:
        >>> originality(["A"], {"A": ["X", "Y", "Z"]}, {"X": ["B25J"], "Y": ["B25J"], "Z": ["G05B"]})
        {'A': 0.4444444444444444}
    """
    return {pid: herfindahl_diversity([subclasses.get(c, ()) for c in cites.get(pid, ())]) for pid in patent_ids}


def radicalness(
    patent_ids: Sequence[str],
    cites: Mapping[str, Sequence[str]],
    subclasses: Mapping[str, Sequence[str]],
) -> dict[str, float | None]:
    """Radicalness: share of cited patents' subclass occurrences outside the focal patent's subclasses.

    Example:
        >>> radicalness(["A"], {"A": ["X", "Y"]}, {"A": ["B25J"], "X": ["B25J", "G06N"], "Y": ["G05B"]})
        {'A': 0.6666666666666666}
    """
    out: dict[str, float | None] = {}
    for pid in patent_ids:
        own = set(subclasses.get(pid, ()))
        if not own:
            out[pid] = None
            continue
        total = outside = 0
        for cited in cites.get(pid, ()):
            classes = set(subclasses.get(cited, ()))
            total += len(classes)
            outside += len(classes - own)
        out[pid] = outside / total if total else None
    return out


def _add_years(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)
