"""From scorecards to one score: peer percentiles, weights, confidence, sensitivity.

- **Percentile within the peer group**: for each indicator, an organisation's mid-rank
  percentile among the group members that have a value: ``100 * (below + ties / 2) / n``
  (``below`` counts members with a worse value; for lower-is-better indicators the order is
  reversed). Missing values are left out, never ranked as 0.
- **Score**: the weighted mean of the available percentiles, ``sum(w_i p_i) / sum(w_i)`` over the
  indicators the organisation has; the rest of the weight is reported as dropped.
- **Confidence** (0..1): ``support x sqrt(n / (n + 10)) x sqrt(min(1, peers / 10))`` where
  ``support`` is the weight-averaged coverage of the indicators (0 for a missing one), ``n`` the
  portfolio size and ``peers`` the number of other organisations in the group. High >= 0.7,
  medium >= 0.4, else low.
- **Sensitivity**: each weight in turn is multiplied by 0.8 and by 1.2 (others unchanged), every
  group member is re-scored and re-ranked; the worst-case rank change is reported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ipnav.scores.definitions import ORG_INDICATORS

__all__ = [
    "confidence",
    "confidence_level",
    "peer_percentiles",
    "rank_scores",
    "sensitivity",
    "weighted_scores",
]


def peer_percentiles(
    cards: pd.DataFrame, group: Sequence[str], indicators: Sequence[str] | None = None
) -> pd.DataFrame:
    """Mid-rank percentiles (0..100) of each group member for each indicator.

    Args:
        cards: Scorecards (index = organisation key).
        group: The organisations compared (the evaluated one and its peers).
        indicators: Columns to rank (default: every org indicator present in ``cards``).

    Returns:
        Index = group, columns = indicators; NaN where the member has no value or fewer than two
        members have one.

    Example:
        >>> cards = pd.DataFrame({"portfolio_size": [10.0, 20.0, 30.0, np.nan]}, index=list("ABCD"))
        >>> peer_percentiles(cards, list("ABCD"))["portfolio_size"].round(1).tolist()
        [16.7, 50.0, 83.3, nan]
    """
    keys = [k for k in (indicators or ORG_INDICATORS) if k in cards.columns]
    sub = cards.loc[list(group), keys].astype(float)
    out = pd.DataFrame(np.nan, index=sub.index, columns=keys)
    for key in keys:
        col = sub[key]
        valid = col.dropna()
        if len(valid) < 2:
            continue
        sign = 1.0 if ORG_INDICATORS[key].higher_is_better else -1.0
        arr = np.sort((valid * sign).to_numpy())
        v = (valid * sign).to_numpy()
        below = np.searchsorted(arr, v, side="left")
        ties = np.searchsorted(arr, v, side="right") - below
        out.loc[valid.index, key] = 100.0 * (below + 0.5 * ties) / len(arr)
    return out


def weighted_scores(percentiles: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """Score each organisation: weighted mean of its available percentiles.

    Returns:
        Columns ``score`` (0..100, NaN when no weighted indicator is available) and
        ``weight_used`` (share of the total weight that had data).

    Example:
        >>> p = pd.DataFrame({"growth": [80.0], "portfolio_size": [np.nan]}, index=["A"])
        >>> weighted_scores(p, {"growth": 1.0, "portfolio_size": 3.0}).loc["A"].tolist()
        [80.0, 0.25]
    """
    keys = [k for k, w in weights.items() if w > 0]
    w = pd.Series({k: float(weights[k]) for k in keys})
    p = percentiles.reindex(columns=keys)
    avail = p.notna()
    used = avail.mul(w, axis=1).sum(axis=1)
    total = float(w.sum())
    score = p.fillna(0.0).mul(w, axis=1).sum(axis=1) / used.where(used > 0)
    return pd.DataFrame({"score": score, "weight_used": used / total if total else 0.0})


def rank_scores(scores: pd.Series) -> pd.Series:
    """Rank 1 = best; ties share the best rank; missing scores rank last.

    Example:
        >>> rank_scores(pd.Series({"A": 50.0, "B": 70.0, "C": 50.0})).tolist()
        [2, 1, 2]
    """
    filled = scores.fillna(-1.0)
    return filled.rank(ascending=False, method="min").astype(int)


def confidence(
    coverages: Mapping[str, float],
    available: Mapping[str, bool],
    weights: Mapping[str, float],
    *,
    n_patents: int,
    n_peers: int,
) -> dict[str, float]:
    """The confidence of one organisation's score and its three factors.

    Example:
        >>> c = confidence({"a": 1.0, "b": 0.5}, {"a": True, "b": True}, {"a": 1, "b": 1}, n_patents=90, n_peers=10)
        >>> round(c["support"], 3), round(c["confidence"], 3)
        (0.75, 0.712)
    """
    total = sum(w for w in weights.values() if w > 0)
    support = sum(w * (coverages.get(k, 0.0) if available.get(k) else 0.0) for k, w in weights.items() if w > 0)
    support = support / total if total else 0.0
    size = n_patents / (n_patents + 10.0)
    peers = min(1.0, n_peers / 10.0)
    value = support * math.sqrt(size) * math.sqrt(peers)
    return {"confidence": value, "support": support, "size_factor": size, "peer_factor": peers}


def confidence_level(value: float) -> str:
    """``high`` (>= 0.7), ``medium`` (>= 0.4) or ``low``.

    Example:
        >>> confidence_level(0.71), confidence_level(0.2)
        ('high', 'low')
    """
    return "high" if value >= 0.7 else "medium" if value >= 0.4 else "low"


def sensitivity(
    percentiles: pd.DataFrame,
    weights: Mapping[str, float],
    target: str,
    *,
    delta: float = 0.2,
) -> pd.DataFrame:
    """Rank changes when each weight moves by ``-delta`` and ``+delta`` (relative).

    Returns:
        One row per weighted indicator: ``weight``, ``rank`` (target's base rank), ``rank_minus``,
        ``rank_plus`` (target's rank after the change), ``target_change`` (largest absolute change of
        the target) and ``max_change`` (largest absolute change of any group member). Sorted by
        ``max_change`` then weight, both descending.

    Example:
        >>> p = pd.DataFrame({"growth": [90.0, 10.0], "breadth": [10.0, 85.0]}, index=["A", "B"])
        >>> s = sensitivity(p, {"growth": 1.0, "breadth": 1.0}, "A")
        >>> s.loc["growth", ["rank", "rank_minus", "rank_plus"]].tolist()
        [1, 2, 1]
    """
    if not 0 < delta < 1:
        raise ValueError(f"The 'delta' parameter of sensitivity must be in (0, 1). Got {delta!r} instead.")
    base = rank_scores(weighted_scores(percentiles, weights)["score"])
    rows = []
    for key, w in weights.items():
        if w <= 0:
            continue
        ranks = {}
        for sign, name in ((-1, "rank_minus"), (1, "rank_plus")):
            moved = dict(weights)
            moved[key] = w * (1 + sign * delta)
            ranks[name] = rank_scores(weighted_scores(percentiles, moved)["score"])
        change = pd.concat([(ranks["rank_minus"] - base).abs(), (ranks["rank_plus"] - base).abs()], axis=1).max(axis=1)
        rows.append(
            {
                "indicator": key,
                "weight": float(w),
                "rank": int(base[target]),
                "rank_minus": int(ranks["rank_minus"][target]),
                "rank_plus": int(ranks["rank_plus"][target]),
                "target_change": int(change[target]),
                "max_change": int(change.max()),
            }
        )
    out = pd.DataFrame(rows).set_index("indicator")
    return out.sort_values(["max_change", "weight"], ascending=False, kind="stable")
