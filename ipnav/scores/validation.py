"""Predictive validity: scores computed at year T against forward citations received after T.

The data are cut at the end of year ``T``: only patents filed and published by then, and only
citations made by patents published by then, are visible. On that cut:

- **patent score**: the mean of the cohort percentiles (filing year x main IPC subclass) of the
  ex-ante indicators a patent has at T: citations received so far, backward citations, scope,
  claims, family size, originality, radicalness, generality;
- **organisation score**: the scenario score (:mod:`.composite`) of every organisation with at
  least ``min_patents`` patents, all of them forming one peer group.

The outcome is the number of citations each patent receives from patents published *after* T
(per organisation: the mean over its patents filed by T). :func:`temporal_validation` reports
Spearman's rho (with p-value and n) for both levels, and two baselines measured in the same run:
citations received by T alone (patents) and portfolio size (organisations).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ipnav.exceptions import AnalysisError
from ipnav.records import PatentRecord
from ipnav.scores.cohort import cohort_normalize
from ipnav.scores.composite import peer_percentiles, weighted_scores
from ipnav.scores.indicators import patent_indicators
from ipnav.scores.scenarios import Scenario
from ipnav.scores.scorecard import Focus, memberships, org_scorecards

__all__ = ["EX_ANTE", "cut_data", "patent_scores", "temporal_validation"]

EX_ANTE = (
    "cited_by_T",
    "backward_citations",
    "scope",
    "claims",
    "family_size",
    "originality",
    "radicalness",
    "generality",
)


def _pub_year(r: PatentRecord) -> int | None:
    date = r.publication_date or r.filing_date
    return date.year if date else None


def cut_data(
    records: Sequence[PatentRecord], citations: Iterable[tuple[str, str]], cut_year: int
) -> tuple[list[PatentRecord], list[tuple[str, str]], Counter]:
    """Split the data at the end of ``cut_year``.

    Returns:
        ``(visible records, visible citations, later)``: records filed and published by the cut,
        citations made by visible records, and ``later[id]`` = citations each visible patent
        receives from patents published after the cut.

    Example:
        >>> a = PatentRecord(id="A", application_date=dt.date(2000, 1, 1), publication_date=dt.date(2001, 1, 1))
        >>> b = PatentRecord(id="B", application_date=dt.date(2004, 1, 1), publication_date=dt.date(2005, 6, 1))
        >>> vis, cit, later = cut_data([a, b], [("B", "A")], 2003)
        >>> [r.id for r in vis], cit, later["A"]
        (['A'], [], 1)
    """
    by_id = {r.id: r for r in records}
    visible = [
        r for r in records if r.year is not None and r.year <= cut_year and (_pub_year(r) or cut_year + 1) <= cut_year
    ]
    seen = {r.id for r in visible}
    early: list[tuple[str, str]] = []
    later: Counter[str] = Counter()
    for citing, cited in citations:
        rec = by_id.get(citing)
        year = _pub_year(rec) if rec else None
        if year is None:
            continue
        if citing in seen:
            early.append((citing, cited))
        elif year > cut_year and cited in seen:
            later[cited] += 1
    return visible, early, later


def patent_scores(patents: pd.DataFrame, *, min_cohort: int = 5) -> pd.Series:
    """Mean cohort percentile of the ex-ante indicators each patent has (NaN when it has none).

    Expects a ``cited_by_T`` column (citations received so far) besides the indicator columns.
    """
    parts = []
    for key in EX_ANTE:
        if key in patents and patents[key].notna().any():
            pct, _, _ = cohort_normalize(
                patents[key],
                patents["year"],
                patents["main_subclass"],
                min_size=min_cohort,
                method="percentile",
            )
            parts.append(pct)
    if not parts:
        return pd.Series(np.nan, index=patents.index)
    return pd.concat(parts, axis=1).mean(axis=1)


def _spearman(x: pd.Series, y: pd.Series) -> dict[str, Any]:
    both = pd.concat([x, y], axis=1).dropna()
    if len(both) < 3 or both.iloc[:, 0].nunique() < 2 or both.iloc[:, 1].nunique() < 2:
        return {"rho": None, "p": None, "n": len(both)}
    rho, p = stats.spearmanr(both.iloc[:, 0], both.iloc[:, 1])
    return {"rho": round(float(rho), 4), "p": float(p), "n": len(both)}


def temporal_validation(
    records: Sequence[PatentRecord],
    citations: Iterable[tuple[str, str]],
    *,
    cut_year: int,
    scenario: Scenario,
    focus: Focus | None = None,
    min_patents: int = 5,
) -> dict[str, Any]:
    """Score at ``cut_year`` and correlate with citations received afterwards.

    Raises:
        AnalysisError: Nothing is visible at the cut, or no citation is made after it.

    Example:
        >>> from ipnav.synthetic import synthetic_records
        >>> from ipnav.scores.scenarios import load_scenarios
        >>> recs = list(synthetic_records(600, seed=3, n_applicants=15))
        >>> out = temporal_validation(recs, [(r.id, c) for r in recs for c in r.cited], cut_year=2010,
        ...                           scenario=load_scenarios().get("investment"))
        >>> out["patent_level"]["score"]["n"] > 0
        True
    """
    citations = list(citations)
    visible, early, later = cut_data(records, citations, cut_year)
    if not visible:
        raise AnalysisError(f"no patent is filed and published by the end of {cut_year}")
    if not later:
        raise AnalysisError(f"no citation in the data is made after {cut_year}; choose an earlier --cut-year")
    patents = patent_indicators(visible, citations=early, as_of=dt.date(cut_year, 12, 31))
    received = Counter(cited for _, cited in early)
    patents["cited_by_T"] = pd.Series({pid: float(received.get(pid, 0)) for pid in patents.index}) if early else np.nan
    outcome = pd.Series({pid: float(later.get(pid, 0)) for pid in patents.index})
    score = patent_scores(patents)
    result: dict[str, Any] = {
        "cut_year": cut_year,
        "visible_patents": len(visible),
        "citations_before": len(early),
        "citations_after": int(sum(later.values())),
        "scenario": scenario.key,
        "patent_level": {
            "score": _spearman(score, outcome),
            "baseline_cited_by_T": _spearman(patents["cited_by_T"], outcome),
            "components": {k: _spearman(patents[k], outcome) for k in EX_ANTE if k in patents},
        },
    }
    sizes = memberships(patents)["org"].value_counts()
    orgs = sorted(sizes[sizes >= min_patents].index)
    if len(orgs) >= 3:
        cards = org_scorecards(patents, orgs=orgs, focus=focus)
        scored = weighted_scores(peer_percentiles(cards, orgs), scenario.weights)["score"]
        members = memberships(patents)
        later_mean = members.assign(c=members["patent_id"].map(outcome)).groupby("org")["c"].mean().reindex(orgs)
        result["org_level"] = {
            "score": _spearman(scored, later_mean),
            "baseline_portfolio_size": _spearman(cards["portfolio_size"], later_mean),
            "organisations": len(orgs),
            "min_patents": min_patents,
        }
    else:
        result["org_level"] = {
            "score": {"rho": None, "p": None, "n": len(orgs)},
            "organisations": len(orgs),
            "min_patents": min_patents,
            "note": "fewer than 3 organisations with enough patents",
        }
    return result
