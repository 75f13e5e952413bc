"""Rank gaps and opportunity topics by a transparent formula; every term is reported.

For a gap (its nearest topics T) or a single topic (T = {t})::

    score = (w_growth·G + w_market·M + w_absence·A + w_related·R) / (sum of the weights used)

    G  growth       mean over T of the percentile rank of relative_growth among all topics (0..1)
    M  market       share of T's patents tagged with a target industry (0..1); when no patent in
                    the data carries an industry tag, the share with an IPC/CPC code of the target
                    industries (``TARGET_CODE_PREFIXES``); left out, with its weight, when the
                    data has neither
    A  absence      1 - min(1, mean RTA of the focus over T): 1 = the focus is absent there
    R  relatedness  mean relatedness density of T (0..1): how close T is to the focus's strengths

Default weights are equal (0.25 each). Each ranked item carries ``score`` and ``terms``
(``{"growth": {"value", "weight", "inputs"}, ...}``) so a reader can recompute the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ipnav.exceptions import ConfigError

__all__ = [
    "DEFAULT_WEIGHTS",
    "TARGET_CODE_PREFIXES",
    "rank_gaps",
    "rank_opportunities",
    "score_terms",
]

DEFAULT_WEIGHTS = {"growth": 0.25, "market": 0.25, "absence": 0.25, "relatedness": 0.25}

TARGET_CODE_PREFIXES = (
    # equipment manufacturing (装备制造): machine tools, metal working, bearings, mining, rail,
    # farm machines
    "B21",
    "B23",
    "B24",
    "F16C",
    "E21",
    "B61",
    "A01B",
    # robotics (机器人): manipulators, program control, vehicle/robot motion control
    "B25J",
    "G05B19",
    "G05D",
    # new materials (新材料): alloys, ceramics, polymers, nano, additive manufacturing, carbon
    "C22C",
    "C04B",
    "C08",
    "B82Y",
    "B33Y",
    "B22F",
    "C01B",
)
"""IPC/CPC prefixes of Luoyang's target industries, used when records carry no industry tags."""


def _check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    if (
        set(weights) != set(DEFAULT_WEIGHTS)
        or any(w < 0 for w in weights.values())
        or not sum(weights.values())
    ):
        raise ConfigError(
            "The 'weights' parameter must give non-negative growth, market, absence and "
            "relatedness weights "
            f"with a positive sum. Got {weights!r} instead."
        )
    return weights


def _market_share(
    topic_ids: Sequence[int],
    patents: pd.DataFrame,
    assignments: pd.DataFrame,
    targets: set[str] | None,
) -> tuple[float | None, dict[str, Any]]:
    ids = assignments.loc[assignments["topic"].isin(topic_ids), "patent_id"]
    if not any(len(i) for i in patents["industries"]):
        if "codes" not in patents or not any(len(c) for c in patents["codes"]):
            return None, {"note": "no industry tags and no classification codes in the data"}
        codes = patents.set_index("patent_id").loc[lambda t: t.index.isin(ids), "codes"]
        hit = int(sum(any(c.startswith(TARGET_CODE_PREFIXES) for c in cs) for cs in codes))
        return (hit / len(codes) if len(codes) else 0.0), {
            "patents": len(codes),
            "with_target_code": hit,
            "basis": "IPC/CPC prefixes (no industry tags)",
        }
    inds = patents.set_index("patent_id").loc[lambda t: t.index.isin(ids), "industries"]
    if inds.empty:
        return 0.0, {"patents": 0, "tagged": 0}
    tagged = int(sum(bool(set(i) & targets) if targets else bool(i) for i in inds))
    return tagged / len(inds), {
        "patents": len(inds),
        "tagged": tagged,
        "targets": sorted(targets) if targets else "any",
    }


def score_terms(
    topic_ids: Sequence[int],
    indicators: pd.DataFrame,
    patents: pd.DataFrame,
    assignments: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    targets: Iterable[str] | None = None,
) -> tuple[float, dict[str, Any]]:
    """The score of a set of topics and its terms (see the module docstring).

    Example:
        >>> ind = pd.DataFrame({"relative_growth": [0.1, 0.3], "rta": [0.5, 2.0],
        ...                     "density": [0.4, 0.6]})
        >>> pats = pd.DataFrame({"patent_id": ["A"], "industries": [()]})
        >>> asg = pd.DataFrame({"patent_id": ["A"], "topic": [0]})
        >>> score, terms = score_terms([0], ind, pats, asg)
        >>> values = {k: v["value"] for k, v in terms.items()}
        >>> round(score, 4), values["growth"], values["absence"], values["market"]
        (0.4667, 0.5, 0.5, None)
    """
    weights = _check_weights(weights)
    topic_ids = [int(t) for t in topic_ids]
    pct = indicators["relative_growth"].rank(pct=True, method="average")
    g = float(np.mean([pct.get(t, 0.0) for t in topic_ids])) if topic_ids else 0.0
    m, m_inputs = _market_share(topic_ids, patents, assignments, set(targets) if targets else None)
    rta = [float(indicators.at[t, "rta"]) for t in topic_ids if t in indicators.index]
    mean_rta = float(np.mean(np.minimum(rta, 10.0))) if rta else 0.0
    a = 1.0 - min(1.0, mean_rta)
    r = (
        float(np.mean([indicators.at[t, "density"] for t in topic_ids if t in indicators.index]))
        if topic_ids
        else 0.0
    )
    terms: dict[str, dict[str, Any]] = {
        "growth": {
            "value": round(g, 4),
            "weight": weights["growth"],
            "inputs": {
                "topics": topic_ids,
                "relative_growth": [_num(indicators.at[t, "relative_growth"]) for t in topic_ids],
                "percentile": [round(float(pct.get(t, 0.0)), 4) for t in topic_ids],
            },
        },
        "market": {
            "value": None if m is None else round(m, 4),
            "weight": weights["market"],
            "inputs": m_inputs,
        },
        "absence": {
            "value": round(a, 4),
            "weight": weights["absence"],
            "inputs": {"rta": [_num(x) for x in rta], "mean_rta_capped_at_10": round(mean_rta, 4)},
        },
        "relatedness": {
            "value": round(r, 4),
            "weight": weights["relatedness"],
            "inputs": {"density": [_num(indicators.at[t, "density"]) for t in topic_ids]},
        },
    }
    used = [
        (float(v["weight"]), float(v["value"])) for v in terms.values() if v["value"] is not None
    ]
    total_w = sum(w for w, _ in used)
    score = sum(w * x for w, x in used) / total_w if total_w else 0.0
    return round(score, 4), terms


def _num(x: Any) -> float | None:
    x = float(x)
    return None if np.isnan(x) else (round(x, 4) if np.isfinite(x) else x)


def rank_gaps(
    gaps: list[dict[str, Any]],
    indicators: pd.DataFrame,
    patents: pd.DataFrame,
    assignments: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    targets: Iterable[str] | None = None,
    only_next_to_growth: bool = True,
) -> list[dict[str, Any]]:
    """Add ``score`` and ``terms`` to each gap (from its nearest topics) and sort by score.

    Args:
        gaps: From :func:`ipnav.navigate.gaps.find_gaps`.
        indicators: From :func:`ipnav.navigate.indicators.topic_indicators`.
        patents, assignments: Patent and assignment tables.
        weights, targets: Score weights; target industry codes (default: any tag).
        only_next_to_growth: Keep only gaps next to a topic growing faster than the field.
    """
    out = []
    for gap in gaps:
        if only_next_to_growth and not gap.get("next_to_growth"):
            continue
        score, terms = score_terms(
            [t["topic"] for t in gap["nearest_topics"]],
            indicators,
            patents,
            assignments,
            weights=weights,
            targets=targets,
        )
        out.append({**gap, "score": score, "terms": terms})
    return sorted(out, key=lambda g: (-g["score"], g["p_value"]))


def rank_opportunities(
    indicators: pd.DataFrame,
    patents: pd.DataFrame,
    assignments: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    targets: Iterable[str] | None = None,
    min_size: int = 5,
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Topics where the focus is not strong but the field grows: ``strong`` False and
    ``relative_growth > 0``, at least ``min_size`` patents, ranked by the same score."""
    candidates = indicators[
        (~indicators["strong"])
        & (indicators["relative_growth"] > 0)
        & (indicators["size"] >= min_size)
    ]
    out = []
    for topic, row in candidates.iterrows():
        score, terms = score_terms(
            [int(topic)], indicators, patents, assignments, weights=weights, targets=targets
        )
        out.append(
            {
                "topic": int(topic),
                "label_en": row.get("label_en", ""),
                "label_zh": row.get("label_zh", ""),
                "size": int(row["size"]),
                "focus_n": int(row["focus_n"]),
                "score": score,
                "terms": terms,
            }
        )
    return sorted(out, key=lambda o: (-o["score"], o["topic"]))[:limit]
