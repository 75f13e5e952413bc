"""Where a focus stands, per topic and per IPC/CPC branch: shares, RTA, growth, relatedness.

Definitions (``F`` = focus patents, ``W`` = the rest of the world, both counted among patents
that have the item type at all; ``f_t``, ``w_t`` = those in item ``t``):

``focus_share``      f_t / |F|
``world_share``      w_t / |W|
``rta``              focus_share / world_share (revealed technological advantage against the
                     rest of the world; > 1 = the focus is specialised in t; ``inf`` when no
                     world patent is in t)
``rsta``             (rta - 1) / (rta + 1), the symmetric form in [-1, 1]
``growth``           n_recent / n_earlier - 1: patents of the item (focus and world) filed in the
                     last ``window`` years up to ``end_year`` against the ``window`` years before
                     (n_earlier = 0 counts as 0.5)
``relative_growth``  ((n_recent / N_recent) / (n_earlier / N_earlier)) ** (1 / window) - 1: the
                     item's yearly growth beyond the whole data's (robust to publication lag and
                     to a database that grows overall); 0 = as fast as the field
``strong``           rta >= 1 and f_t >= ``min_count``
``density``          relatedness density (Hidalgo et al. 2007): Σ_s φ_ts · strong_s / Σ_s φ_ts
                     over other items s, φ = proximity

Proximity φ: ``cooccurrence`` = cosine similarity of two items' applicant portfolios (topics:
vectors of patents per applicant; branches: co-classification over patents); ``map`` = Gaussian
kernel of the distance between topic centroids on the 2-D map (σ = median nearest-centroid
distance). Topics use ``cooccurrence`` when at least ``min_portfolios`` applicants hold patents in
two or more topics, else ``map``; the frame's ``attrs["proximity"]`` says which.

``end_year`` defaults to the latest filing year with at least a quarter of the peak year's
patents (the last year or two of any export are incomplete: applications publish 18 months
after filing).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ipnav.exceptions import AnalysisError

__all__ = [
    "branch_indicators",
    "cooccurrence_proximity",
    "map_proximity",
    "reference_year",
    "relatedness_density",
    "topic_indicators",
]


def reference_year(years: Iterable[object], *, min_fraction: float = 0.25) -> int | None:
    """Latest year with at least ``min_fraction`` of the busiest year's count.

    Example:
        >>> reference_year([2018] * 10 + [2019] * 12 + [2020] * 2)
        2019
    """
    counts = pd.Series([int(y) for y in years if y is not None and not pd.isna(y)]).value_counts()  # type: ignore[call-overload]
    if counts.empty:
        return None
    return int(counts[counts >= min_fraction * counts.max()].index.max())


def cooccurrence_proximity(
    units: pd.Series, items: pd.Series, *, index: list | None = None
) -> pd.DataFrame:
    """Cosine similarity of items over units (applicants or patents); diagonal 0.

    Args:
        units: The unit of each membership row (e.g. applicant key).
        items: The item of each row (topic id, subclass).
        index: Item order of the result (default: sorted items).

    Example:
        >>> p = cooccurrence_proximity(pd.Series(["a", "a", "b"]), pd.Series([1, 2, 2]))
        >>> round(float(p.loc[1, 2]), 4)
        0.7071
    """
    table = pd.crosstab(units, items)
    order = index if index is not None else sorted(table.columns)
    table = table.reindex(columns=order, fill_value=0)
    X = table.to_numpy(dtype=float)
    norms = np.linalg.norm(X, axis=0)
    norms[norms == 0] = 1.0
    sim = (X.T @ X) / np.outer(norms, norms)
    np.fill_diagonal(sim, 0.0)
    return pd.DataFrame(sim, index=order, columns=order)


def map_proximity(topics: pd.DataFrame) -> pd.DataFrame:
    """Gaussian kernel of centroid distances, σ = median nearest-centroid distance; diagonal 0.

    Example:
        >>> t = pd.DataFrame({"topic": [0, 1, 2], "cx": [0.0, 1.0, 5.0], "cy": [0.0, 0.0, 0.0]})
        >>> round(float(map_proximity(t).loc[0, 1]), 4)
        0.6065
    """
    xy = topics[["cx", "cy"]].to_numpy(dtype=float)
    d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
    if len(xy) < 2:
        return pd.DataFrame(
            np.zeros((len(xy), len(xy))), index=topics["topic"], columns=topics["topic"]
        )
    off = d + np.diag(np.full(len(xy), np.inf))
    sigma = float(np.median(off.min(axis=1))) or 1.0
    phi = np.exp(-(d**2) / (2 * sigma**2))
    np.fill_diagonal(phi, 0.0)
    return pd.DataFrame(phi, index=topics["topic"].tolist(), columns=topics["topic"].tolist())


def relatedness_density(proximity: pd.DataFrame, strong: pd.Series) -> pd.Series:
    """Σ_s φ_ts · strong_s / Σ_s φ_ts for every item t (0 where t has no proximity at all).

    Example:
        >>> phi = pd.DataFrame([[0, 1, 0.5], [1, 0, 0], [0.5, 0, 0]])
        >>> relatedness_density(phi, pd.Series([False, True, True], index=[0, 1, 2])).tolist()
        [1.0, 0.0, 0.0]
    """
    x = strong.reindex(proximity.columns).fillna(False).astype(float).to_numpy()
    phi = proximity.to_numpy(dtype=float)
    total = phi.sum(axis=1)
    dens = np.divide(phi @ x, total, out=np.zeros_like(total), where=total > 0)
    return pd.Series(dens, index=proximity.index)


def _window_counts(years: pd.Series, end: int, window: int) -> tuple[pd.Series, pd.Series]:
    recent = years.between(end - window + 1, end)
    earlier = years.between(end - 2 * window + 1, end - window)
    return recent.fillna(False).astype(bool), earlier.fillna(False).astype(bool)


def _indicators(
    member: pd.DataFrame,
    years: pd.Series,
    focus: set[str],
    *,
    end_year: int | None,
    window: int,
    min_count: int,
) -> pd.DataFrame:
    """Shares, RTA and growth for ``member`` rows (``patent_id``, ``item``)."""
    member = member.drop_duplicates()
    is_focus = member["patent_id"].isin(focus)
    n_focus = member.loc[is_focus, "patent_id"].nunique()
    n_world = member.loc[~is_focus, "patent_id"].nunique()
    if n_focus == 0:
        raise AnalysisError(
            "none of the focus patents has the item type (topic / classification) analysed"
        )
    out = (
        pd.DataFrame(
            {
                "focus_n": member[is_focus].groupby("item").size(),
                "world_n": member[~is_focus].groupby("item").size(),
            }
        )
        .fillna(0)
        .astype(int)
    )
    out["total_n"] = out["focus_n"] + out["world_n"]
    out["focus_share"] = out["focus_n"] / n_focus
    out["world_share"] = out["world_n"] / max(n_world, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["rta"] = np.where(
            out["world_share"] > 0,
            out["focus_share"] / out["world_share"],
            np.where(out["focus_n"] > 0, np.inf, 0.0),
        )
    out["rsta"] = np.where(np.isinf(out["rta"]), 1.0, (out["rta"] - 1) / (out["rta"] + 1))
    out["strong"] = (out["rta"] >= 1) & (out["focus_n"] >= min_count)
    end = end_year if end_year is not None else reference_year(years.tolist())
    y = member["patent_id"].map(years)
    if end is None:
        out["recent_n"] = out["earlier_n"] = 0
        out["growth"] = out["relative_growth"] = np.nan
    else:
        recent, earlier = _window_counts(y, end, window)
        out["recent_n"] = member[recent].groupby("item").size().reindex(out.index, fill_value=0)
        out["earlier_n"] = member[earlier].groupby("item").size().reindex(out.index, fill_value=0)
        n_recent = max(member.loc[recent, "patent_id"].nunique(), 1)
        n_earlier = max(member.loc[earlier, "patent_id"].nunique(), 1)
        base = out["earlier_n"].clip(lower=0.5)
        out["growth"] = out["recent_n"] / base - 1
        ratio = (out["recent_n"] / n_recent) / (base / n_earlier)
        out["relative_growth"] = np.where(out["recent_n"] > 0, ratio ** (1 / window) - 1, -1.0)
    out.attrs.update(
        end_year=end, window=window, n_focus=int(n_focus), n_world=int(n_world), min_count=min_count
    )
    return out


def topic_indicators(
    patents: pd.DataFrame,
    assignments: pd.DataFrame,
    topics: pd.DataFrame,
    focus_ids: Iterable[str],
    *,
    end_year: int | None = None,
    window: int = 5,
    min_count: int = 2,
    proximity: str = "auto",
    min_portfolios: int = 10,
) -> pd.DataFrame:
    """Indicators of every topic for a focus (see the module docstring).

    Args:
        patents: Patent table (:func:`ipnav.navigate.frame.patent_frame`).
        assignments, topics: From :func:`ipnav.navigate.frame.topic_frames`.
        focus_ids: The focus patents.
        end_year, window: Growth windows (``window`` years up to ``end_year``, and before).
        min_count: Focus patents a strength needs.
        proximity: ``auto``, ``cooccurrence`` or ``map``.
        min_portfolios: Multi-topic applicants ``auto`` needs to use ``cooccurrence``.

    Returns:
        One row per topic, indexed by topic id, with ``label_en``, ``label_zh``, ``terms``,
        ``size``, ``cx``, ``cy`` and the indicator columns; ``attrs`` holds the parameters.

    Raises:
        AnalysisError: No focus patent lies in a topic.

    Example:
        >>> pats = pd.DataFrame({"patent_id": ["A", "B", "C", "D"], "year": [2020] * 4,
        ...                      "applicants": [("X",), ("Y",), ("Y",), ("Z",)]})
        >>> asg = pd.DataFrame({"patent_id": ["A", "B", "C", "D"], "topic": [0, 0, 1, 1],
        ...                     "x": 0.0, "y": 0.0})
        >>> tps = pd.DataFrame({"topic": [0, 1], "label_en": ["a", "b"], "label_zh": ["a", "b"],
        ...                     "terms": [[], []], "size": [2, 2], "cx": [0.0, 1.0],
        ...                     "cy": [0.0, 0.0]})
        >>> ind = topic_indicators(pats, asg, tps, {"A"}, min_count=1)
        >>> ind[["focus_share", "world_share", "rta"]].round(3).values.tolist()
        [[1.0, 0.333, 3.0], [0.0, 0.667, 0.0]]
    """
    focus = set(focus_ids)
    member = assignments.dropna(subset=["topic"]).rename(columns={"topic": "item"})[
        ["patent_id", "item"]
    ]
    member = member.assign(item=member["item"].astype(int))
    years = patents.set_index("patent_id")["year"]
    ind = _indicators(member, years, focus, end_year=end_year, window=window, min_count=min_count)
    attrs = dict(ind.attrs)
    base = topics.set_index("topic")
    out = base[
        [c for c in ("label_en", "label_zh", "terms", "size", "cx", "cy") if c in base]
    ].join(ind, how="left")
    for col in ("focus_n", "world_n", "total_n", "recent_n", "earlier_n"):
        out[col] = out[col].fillna(0).astype(int)
    out["strong"] = out["strong"].astype("boolean").fillna(False).astype(bool)
    for col in ("focus_share", "world_share", "rta"):
        out[col] = out[col].fillna(0.0)
    out["rsta"] = out["rsta"].fillna(-1.0)
    out.attrs.update(attrs)
    phi, used = _topic_proximity(patents, member, topics, proximity, min_portfolios)
    out["density"] = relatedness_density(phi, out["strong"]).reindex(out.index).fillna(0.0)
    out.attrs["proximity"] = used
    return out


def _topic_proximity(
    patents: pd.DataFrame, member: pd.DataFrame, topics: pd.DataFrame, how: str, min_portfolios: int
) -> tuple[pd.DataFrame, str]:
    order = topics["topic"].astype(int).tolist()
    pairs = (
        member.merge(patents[["patent_id", "applicants"]], on="patent_id")
        .explode("applicants")
        .dropna()
    )
    spread = pairs.groupby("applicants")["item"].nunique()
    if how == "cooccurrence" or (how == "auto" and int((spread >= 2).sum()) >= min_portfolios):
        return cooccurrence_proximity(
            pairs["applicants"], pairs["item"], index=order
        ), "cooccurrence"
    if how not in ("auto", "map"):
        raise AnalysisError(
            f"The 'proximity' parameter must be auto, cooccurrence or map. Got {how!r} instead."
        )
    return map_proximity(topics), "map"


def branch_indicators(
    patents: pd.DataFrame,
    focus_ids: Iterable[str],
    *,
    level: int = 4,
    end_year: int | None = None,
    window: int = 5,
    min_count: int = 2,
) -> pd.DataFrame:
    """Indicators of every IPC/CPC branch (a patent counts in each of its branches).

    Args:
        patents: Patent table with ``codes``.
        focus_ids: The focus patents.
        level: Characters of the symbol kept: 4 = subclass (``B25J``), 1 = section.
        end_year, window, min_count: As :func:`topic_indicators`.

    Returns:
        One row per branch (index ``branch``); relatedness by co-classification.

    Raises:
        AnalysisError: No focus patent has a classification code.
    """
    rows = [
        (pid, code[:level])
        for pid, codes in zip(patents["patent_id"], patents["codes"], strict=True)
        for code in codes
    ]
    member = pd.DataFrame(rows, columns=["patent_id", "item"]).drop_duplicates()
    years = patents.set_index("patent_id")["year"]
    out = _indicators(
        member, years, set(focus_ids), end_year=end_year, window=window, min_count=min_count
    )
    phi = cooccurrence_proximity(member["patent_id"], member["item"], index=out.index.tolist())
    out["density"] = relatedness_density(phi, out["strong"]).reindex(out.index).fillna(0.0)
    out.index.name = "branch"
    out.attrs["proximity"] = "co-classification"
    return out.sort_values(["total_n", "focus_n"], ascending=False)
