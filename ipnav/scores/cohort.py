"""Cohort normalisation: compare a patent only with patents of the same age and field.

Citations and family sizes grow with age and differ by field, so raw values are not comparable.
A patent's *cohort* is its filing year x its main IPC subclass (the first IPC code the source
lists; the first CPC code when there is no IPC). A cohort with fewer than ``min_size`` patents
that have the value widens step by step, and the level used is recorded for every patent:

    year x subclass (B25J)  ->  year x class (B25)  ->  year x section (B)  ->  year

Only patents that *have* the value form the cohort; missing values stay missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["COHORT_LEVELS", "cohort_keys", "cohort_normalize"]

COHORT_LEVELS = ("year x subclass", "year x class", "year x section", "year")
_CUT = {"year x subclass": 4, "year x class": 3, "year x section": 1, "year": 0}


def cohort_keys(year: pd.Series, subclass: pd.Series, level: str) -> pd.Series:
    """Cohort labels like ``2015|B25J`` at one level (missing year -> missing key).

    Example:
        >>> cohort_keys(pd.Series([2015]), pd.Series(["B25J"]), "year x class").tolist()
        ['2015|B25']
    """
    cut = _CUT[level]
    sub = subclass.fillna("").astype(str).str[:cut] if cut else pd.Series("", index=subclass.index)
    keys = year.astype("Int64").astype(str) + "|" + sub
    return keys.where(year.notna(), None)


def cohort_normalize(
    values: pd.Series,
    year: pd.Series,
    subclass: pd.Series,
    *,
    min_size: int = 5,
    method: str = "mean",
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Normalise values within cohorts.

    Args:
        values: The raw values (NaN = missing).
        year: Filing year of each patent.
        subclass: Main IPC subclass of each patent (may be missing).
        min_size: Smallest cohort (patents with a value) used before widening.
        method: ``mean`` (value / cohort mean; 0 when the cohort mean is 0), ``max`` (value /
            cohort maximum, OECD's composite-index scaling; 0 when the maximum is 0) or
            ``percentile`` (share of the cohort strictly below plus half the ties, 0..1).

    Returns:
        ``(normalised, cohort_label, level)`` aligned with ``values``; NaN / None where the value
        or the year is missing.

    Example:
        >>> v = pd.Series([1.0, 3.0, 2.0, 2.0, 2.0])
        >>> y = pd.Series([2015] * 5)
        >>> s = pd.Series(["B25J"] * 5)
        >>> cohort_normalize(v, y, s, min_size=5)[0].tolist()
        [0.5, 1.5, 1.0, 1.0, 1.0]
    """
    if method not in ("mean", "max", "percentile"):
        raise ValueError(
            f"The 'method' parameter of cohort_normalize must be mean, max or percentile. Got {method!r} instead."
        )
    if min_size < 1:
        raise ValueError(f"The 'min_size' parameter of cohort_normalize must be an int >= 1. Got {min_size!r} instead.")
    values = pd.to_numeric(values, errors="coerce").astype(float)
    have = values.notna() & year.notna()
    label = pd.Series(None, index=values.index, dtype=object)
    level = pd.Series(None, index=values.index, dtype=object)
    out = pd.Series(np.nan, index=values.index)
    for lvl in COHORT_LEVELS:
        keys = cohort_keys(year, subclass, lvl)
        sizes = keys[have].value_counts()
        todo = have & label.isna()
        take = todo if lvl == "year" else todo & keys.map(sizes).fillna(0).ge(min_size)
        if not take.any():
            continue
        label[take] = keys[take]
        level[take] = lvl
        pool = dict(list(values[have].groupby(keys[have])))  # (get_group trips on some keys in pandas 3)
        for key, idx in keys[take].groupby(keys[take]).groups.items():
            out[idx] = _scale(values[idx], pool[key], method)
    return out, label, level


def _scale(v: pd.Series, cohort: pd.Series, method: str) -> pd.Series:
    if method == "mean":
        m = cohort.mean()
        return v / m if m > 0 else v * 0.0
    if method == "max":
        m = cohort.max()
        return v / m if m > 0 else v * 0.0
    arr = np.sort(cohort.to_numpy())
    below = np.searchsorted(arr, v.to_numpy(), side="left")
    upto = np.searchsorted(arr, v.to_numpy(), side="right")
    return pd.Series((below + 0.5 * (upto - below)) / len(arr), index=v.index)
