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
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ipnav.landscape.counts import group_matrix, incidence, top_per_row

__all__ = ["FactTables", "default_ref_year", "fact_tables", "growth_rate", "topic_facts"]


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


@dataclass(frozen=True)
class FactTables:
    """What topic facts need from a corpus whatever the groups: filing years, and patents x values
    incidence matrices (with their value names) of ``year``, ``applicants``, ``inventors``,
    ``codes`` (subclasses), ``industries`` and ``jurisdiction``. Computed once by
    :func:`fact_tables`."""

    years: list[int | None]
    incidence: dict[str, tuple[sparse.csr_matrix, list[str]]]


def fact_tables(corpus: pd.DataFrame) -> FactTables:
    """The corpus side of :func:`topic_facts`, computed once."""
    years = [None if y is None or pd.isna(y) else int(y) for y in corpus["year"].tolist()]
    columns = {
        "year": [[] if y is None else [f"{y:04d}"] for y in years],
        "applicants": corpus["applicants"].tolist(),
        "inventors": corpus["inventors"].tolist(),
        "codes": corpus["subclasses"].tolist(),
        "industries": corpus["industries"].tolist(),
        "jurisdiction": [[j] if j else [] for j in corpus["jurisdiction"].tolist()],
    }
    return FactTables(years, {key: incidence(values) for key, values in columns.items()})


def topic_facts(
    corpus: pd.DataFrame,
    groups: Sequence[Sequence[int]],
    *,
    ref_year: int | None = None,
    window: int = 5,
    top_n: int = 5,
    tables: FactTables | None = None,
) -> list[dict[str, Any]]:
    """Facts of each topic (a group of corpus rows).

    Counted with sparse matrices (:mod:`ipnav.landscape.counts`), so nested groups (a merge tree's
    800 nodes) cost little more than their leaves.

    Args:
        corpus: Frame from :func:`ipnav.landscape.corpus.build_corpus`.
        groups: Corpus rows of each topic.
        ref_year: Last complete filing year; None uses :func:`default_ref_year` of the corpus.
        window: Growth window in years.
        top_n: Entries in each top list.
        tables: :func:`fact_tables` of ``corpus``, when already computed.

    Returns:
        One dict per group: ``size``, ``share`` (of all corpus rows), ``years`` (``{year:
        filings}``), ``recent``, ``earlier``, ``growth``, ``relative_growth``, ``emerging``,
        ``ref_year``, ``top_applicants`` / ``top_inventors`` / ``top_codes`` (``[[name, count]]``;
        a name listed twice on one patent counts once), ``industry_share`` (``{industry: share of
        the topic's patents}``), ``jurisdictions`` (``{office: share}``).

    Example:
        >>> frame = pd.DataFrame({"year": [2015, 2020, 2021], "applicants": [["A"], ["A", "B"], ["B"]],
        ...     "inventors": [[], [], []], "subclasses": [["B25J"], ["B25J"], ["G06N"]],
        ...     "industries": [[], [], []], "jurisdiction": ["US", "CN", "CN"]})
        >>> f = topic_facts(frame, [[0, 1], [1, 2]], ref_year=2021)[1]
        >>> f["years"], f["recent"], f["top_applicants"], f["jurisdictions"]
        ({'2020': 1, '2021': 1}, 2, [['B', 2], ['A', 1]], {'CN': 1.0})
    """
    n_all = max(len(corpus), 1)
    tables = tables if tables is not None else fact_tables(corpus)
    members = group_matrix(groups, len(corpus))
    sizes = [int(x) for x in np.asarray(members.sum(axis=1)).ravel()]
    years = tables.years
    ref = ref_year if ref_year is not None else default_ref_year(years)
    field = growth_rate(years, ref_year=ref, window=window) if ref is not None else None
    year_counts, year_names = tables.incidence["year"]
    by_year = sparse.csr_matrix(members @ year_counts)
    year_values = np.array([int(y) for y in year_names], dtype=np.int64)
    tops = {
        f"top_{key}": top_per_row(members @ tables.incidence[key][0], tables.incidence[key][1], top_n)
        for key in ("applicants", "inventors", "codes")
    }
    ind, ind_names = tables.incidence["industries"]
    industries = top_per_row(members @ ind, ind_names, 20)
    office, office_names = tables.incidence["jurisdiction"]
    office_counts = sparse.csr_matrix(members @ office)
    offices = top_per_row(office_counts, office_names, 10)
    with_office = [int(x) for x in np.asarray(office_counts.sum(axis=1)).ravel()]
    out = []
    for g in range(len(groups)):
        lo, hi = by_year.indptr[g], by_year.indptr[g + 1]
        per_year = {
            int(year_values[j]): int(c) for j, c in zip(by_year.indices[lo:hi], by_year.data[lo:hi], strict=True) if c
        }
        fact: dict[str, Any] = {
            "size": sizes[g],
            "share": round(sizes[g] / n_all, 4),
            "years": {str(y): per_year[y] for y in sorted(per_year)},
            "ref_year": ref,
        }
        g_rate = (
            _window_growth(per_year, ref, window)
            if ref is not None
            else {"recent": 0, "earlier": 0, "growth": None, "emerging": False}
        )
        fact.update(g_rate)
        fact["relative_growth"] = _relative(g_rate, field, window)
        for key, top in tops.items():
            fact[key] = [[name, count] for name, count in top[g]]
        fact["industry_share"] = {k: round(c / sizes[g], 4) for k, c in industries[g]} if sizes[g] else {}
        fact["jurisdictions"] = {k: round(c / with_office[g], 4) for k, c in offices[g]}
        out.append(fact)
    return out


def _window_growth(per_year: dict[int, int], ref: int, window: int) -> dict[str, Any]:
    """:func:`growth_rate` from filings per year."""
    recent = sum(c for y, c in per_year.items() if ref - window < y <= ref)
    earlier = sum(c for y, c in per_year.items() if ref - 2 * window < y <= ref - window)
    growth = round((recent / earlier) ** (1 / window) - 1, 4) if earlier else None
    return {"recent": recent, "earlier": earlier, "growth": growth, "emerging": earlier == 0 and recent > 0}


def _relative(g: dict[str, Any], field: dict[str, Any] | None, window: int) -> float | None:
    """Growth of the topic's share of all filings between the two windows."""
    if not (field and field["recent"] and field["earlier"] and g["recent"] and g["earlier"]):
        return None
    ratio = (g["recent"] / field["recent"]) / (g["earlier"] / field["earlier"])
    return round(ratio ** (1 / window) - 1, 4)
