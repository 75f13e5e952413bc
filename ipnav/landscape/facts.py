"""Topic facts: size, share, filings per year, growth, top applicants / inventors / codes, mixes.

Growth (the "5-year growth rate"), defined so it can be checked by hand:

* ``ref_year`` is the last filing year treated as complete. Patents are published about 18 months
  after filing, so the default is the corpus's latest filing year minus 2.
* ``recent`` = filings in ``ref_year-4 .. ref_year``; ``earlier`` = filings in
  ``ref_year-9 .. ref_year-5`` (two 5-year windows whose centres are 5 years apart).
* ``growth`` = ``(recent / earlier) ** (1/5) - 1``: the compound annual growth rate between the
  two windows. None when ``earlier`` is 0 (a topic new in the recent window is flagged
  ``emerging``).
* ``relative_growth`` is the same rate computed on the topic's *share* of all filings in each
  window, so a topic that grows only as fast as the whole field scores 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ipnav.landscape.terms import top_items

__all__ = ["default_ref_year", "growth_rate", "topic_facts"]


def default_ref_year(years: Sequence[Any]) -> int | None:
    """Latest filing year minus 2 (publication lag), None when no year is known.

    Example:
        >>> default_ref_year([2019, 2024, None, 2026])
        2024
    """
    known = [int(y) for y in years if y is not None and not pd.isna(y)]
    return max(known) - 2 if known else None


def growth_rate(years: Sequence[Any], *, ref_year: int, window: int = 5) -> dict[str, Any]:
    """Filings in the recent and the earlier window and the annual growth rate between them.

    Args:
        years: Filing year of each patent (None / NA ignored).
        ref_year: Last complete year.
        window: Window length in years.

    Returns:
        ``{"recent", "earlier", "growth", "emerging"}``.

    Example:
        >>> growth_rate([2013, 2014, 2018, 2019, 2020, 2021, 2022, 2023], ref_year=2022)
        {'recent': 5, 'earlier': 2, 'growth': 0.2011, 'emerging': False}
    """
    ys = np.array([int(y) for y in years if y is not None and not pd.isna(y)], dtype=np.int64)
    recent = int(((ys > ref_year - window) & (ys <= ref_year)).sum())
    earlier = int(((ys > ref_year - 2 * window) & (ys <= ref_year - window)).sum())
    growth = round((recent / earlier) ** (1 / window) - 1, 4) if earlier else None
    return {
        "recent": recent,
        "earlier": earlier,
        "growth": growth,
        "emerging": earlier == 0 and recent > 0,
    }


def _shares(values: list[str], n: int) -> dict[str, float]:
    total = len(values)
    return {k: round(c / total, 4) for k, c in top_items(values, n)} if total else {}


def topic_facts(
    corpus: pd.DataFrame,
    groups: Sequence[Sequence[int]],
    *,
    ref_year: int | None = None,
    window: int = 5,
    top_n: int = 5,
) -> list[dict[str, Any]]:
    """Facts of each topic (a group of corpus rows).

    Args:
        corpus: Frame from :func:`ipnav.landscape.corpus.build_corpus`.
        groups: Corpus rows of each topic.
        ref_year: Last complete filing year; None uses :func:`default_ref_year` of the corpus.
        window: Growth window in years.
        top_n: Entries in each top list.

    Returns:
        One dict per group: ``size``, ``share`` (of all corpus rows), ``years`` (``{year:
        filings}``),
        ``recent``, ``earlier``, ``growth``, ``relative_growth``, ``emerging``, ``ref_year``,
        ``top_applicants`` / ``top_inventors`` / ``top_codes`` (``[[name, count]]``),
        ``industry_share`` (``{industry: share of the topic's patents}``), ``jurisdictions``
        (``{office: share}``).
    """
    n_all = max(len(corpus), 1)
    years = corpus["year"].tolist()
    ref = ref_year if ref_year is not None else default_ref_year(years)
    field = growth_rate(years, ref_year=ref, window=window) if ref is not None else None
    cols = {c: corpus[c].tolist() for c in ("applicants", "inventors", "subclasses", "industries", "jurisdiction")}
    out = []
    for group in groups:
        rows = list(group)
        ys = [years[i] for i in rows]
        known = sorted(int(y) for y in ys if y is not None and not pd.isna(y))
        fact: dict[str, Any] = {
            "size": len(rows),
            "share": round(len(rows) / n_all, 4),
            "years": {str(y): known.count(y) for y in sorted(set(known))},
            "ref_year": ref,
        }
        g = (
            growth_rate(ys, ref_year=ref, window=window)
            if ref is not None
            else {"recent": 0, "earlier": 0, "growth": None, "emerging": False}
        )
        fact.update(g)
        rel = None
        if field and field["recent"] and field["earlier"] and g["recent"] and g["earlier"]:
            rel = round(
                ((g["recent"] / field["recent"]) / (g["earlier"] / field["earlier"])) ** (1 / window) - 1,
                4,
            )
        fact["relative_growth"] = rel
        fact["top_applicants"] = [
            list(x) for x in top_items((a for i in rows for a in dict.fromkeys(cols["applicants"][i])), top_n)
        ]
        fact["top_inventors"] = [
            list(x) for x in top_items((a for i in rows for a in dict.fromkeys(cols["inventors"][i])), top_n)
        ]
        fact["top_codes"] = [list(x) for x in top_items((a for i in rows for a in cols["subclasses"][i]), top_n)]
        inds = [c for i in rows for c in set(cols["industries"][i])]
        fact["industry_share"] = {k: round(c / len(rows), 4) for k, c in top_items(inds, 20)} if rows else {}
        fact["jurisdictions"] = _shares([cols["jurisdiction"][i] for i in rows if cols["jurisdiction"][i]], 10)
        out.append(fact)
    return out
