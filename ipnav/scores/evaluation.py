"""Evaluate one organisation: score, confidence, indicator table, peers, sensitivity, strengths and risks.

:func:`evaluate_organization` is the analysis behind ``ipnav evaluate``. It takes the patent table
(:func:`~ipnav.scores.indicators.patent_indicators`), never a store; :mod:`ipnav.scores.pipeline`
loads the data and calls it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ipnav.exceptions import AnalysisError
from ipnav.scores.composite import (
    confidence,
    confidence_level,
    peer_percentiles,
    rank_scores,
    sensitivity,
    weighted_scores,
)
from ipnav.scores.definitions import ORG_INDICATORS
from ipnav.scores.homes import org_homes
from ipnav.scores.peers import select_peers
from ipnav.scores.scenarios import Scenario
from ipnav.scores.scorecard import Focus, org_facts, org_scorecards

__all__ = ["Evaluation", "evaluate_organization", "org_homes", "verdict"]

EXPIRY_YEARS = 3.0
"""In-force patents with less statutory term than this are flagged as expiring."""


@dataclass
class Evaluation:
    """The result of one evaluation (``to_dict`` is the ``--json`` output)."""

    applicant: str
    name: str
    scenario: str
    score: float | None
    confidence: float
    confidence_level: str
    portfolio_size: int
    rank: int
    group_size: int
    indicators: list[dict[str, Any]]
    confidence_parts: dict[str, float]
    weight_used: float
    peers: list[dict[str, Any]]
    peer_rule: dict[str, Any]
    sensitivity: list[dict[str, Any]]
    worst_rank_change: int
    strengths: list[str]
    weaknesses: list[str]
    risks: dict[str, Any]
    facts: dict[str, Any]
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _clean(asdict(self))


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, (np.floating, float)):
        return None if not np.isfinite(value) else round(float(value), 6)
    if isinstance(value, np.integer):
        return int(value)
    if value is pd.NA:
        return None
    return value


def verdict(score: float | None, level: str, lang: str) -> str:
    """A one-line verdict from the score band and the confidence level.

    Example:
        >>> verdict(80, "high", "en")
        'Strong relative position (score 80/100, high confidence).'
    """
    if score is None:
        return "数据不足,无法评分。" if lang == "zh" else "Not enough data to score."
    bands = [
        (75, "优势明显", "Strong relative position"),
        (60, "较好", "Favourable"),
        (40, "中等", "Average"),
        (0, "较弱", "Weak relative position"),
    ]
    zh, en = next((z, e) for t, z, e in bands if score >= t)
    conf = {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")}[level]
    if lang == "zh":
        return f"{zh}(得分 {score:.0f}/100,置信度{conf[0]})。"
    return f"{en} (score {score:.0f}/100, {conf[1]} confidence)."


def _indicator_rows(card: pd.Series, pct: pd.Series, weights: dict[str, float]) -> list[dict[str, Any]]:
    total = sum(w for w in weights.values() if w > 0)
    avail_w = sum(w for k, w in weights.items() if w > 0 and pd.notna(pct.get(k)))
    rows = []
    for key, ind in ORG_INDICATORS.items():
        w = float(weights.get(key, 0.0))
        p = pct.get(key)
        available = bool(pd.notna(card.get(key)) and pd.notna(p))
        rows.append(
            {
                "key": key,
                "name_zh": ind.zh,
                "name_en": ind.en,
                "dimension": ind.dimension,
                "value": None if pd.isna(card.get(key)) else float(card[key]),
                "peer_percentile": float(p) if available else None,
                "weight": w,
                "weight_share": w / total if total else 0.0,
                "effective_weight": (w / avail_w if available and avail_w else 0.0),
                "contribution": (w / avail_w * float(p) if available and avail_w else 0.0),
                "coverage": float(card.get(f"cov_{key}", 0.0) or 0.0),
                "available": available,
                "higher_is_better": ind.higher_is_better,
                "unit": ind.unit,
            }
        )
    return rows


def evaluate_organization(
    patents: pd.DataFrame,
    target: str,
    *,
    scenario: Scenario,
    focus: Focus | None = None,
    peers: Sequence[str] | None = None,
    peer_k: int = 15,
    peer_min_patents: int = 5,
    delta: float = 0.2,
    home: str | None = None,
) -> Evaluation:
    """Score ``target`` against its peer group under a scenario.

    Args:
        patents: The patent table of every loaded patent.
        target: Organisation key (normalised name).
        scenario: The weight set.
        focus: Target industries for ``focus_fit``.
        peers: Peer organisation keys; None: chosen automatically (:func:`~ipnav.scores.peers.select_peers`).
        peer_k, peer_min_patents: Settings of the automatic choice.
        delta: Relative weight change of the sensitivity analysis (0.2 = +/-20%).
        home: The target's home country when the evaluator knows it (default: inferred,
            see :mod:`ipnav.scores.homes`).

    Raises:
        AnalysisError: The target has no patents, or no peer can be found.

    Example:
        >>> from ipnav.synthetic import synthetic_records
        >>> from ipnav.scores.indicators import patent_indicators
        >>> from ipnav.scores.scenarios import load_scenarios
        >>> p = patent_indicators(list(synthetic_records(400, seed=1, n_applicants=20)))
        >>> ev = evaluate_organization(p, "SYNTHETIC APPLICANT 0000", scenario=load_scenarios().get("investment"))
        >>> 0 <= ev.score <= 100, ev.portfolio_size > 0
        (True, True)
    """
    if not patents["orgs"].map(lambda t: target in t).any():
        raise AnalysisError(f"the organisation {target!r} has no patents in the data")
    rule: dict[str, Any]
    if peers is None:
        chosen, rule = select_peers(patents, target, k=peer_k, min_patents=peer_min_patents)
        rule["mode"] = "auto"
    else:
        chosen = [p for p in dict.fromkeys(peers) if p != target]
        rule = {
            "mode": "given",
            "basis": None,
            "k": len(chosen),
            "min_patents": None,
            "similarity": {},
        }
    if not chosen:
        raise AnalysisError(
            f"no peer organisation found for {target!r} (need organisations with at least {peer_min_patents} "
            "patents in similar fields); pass --peers NAMES"
        )
    group = [target, *chosen]
    cards = org_scorecards(patents, orgs=group, focus=focus)
    missing = [g for g in group if g not in cards.index]
    if missing:
        raise AnalysisError(f"peer(s) without patents in the data: {', '.join(missing)}")
    pct = peer_percentiles(cards, group)
    scored = weighted_scores(pct, scenario.weights)
    ranks = rank_scores(scored["score"])
    card = cards.loc[target]
    rows = _indicator_rows(card, pct.loc[target], scenario.weights)
    conf = confidence(
        {r["key"]: r["coverage"] for r in rows},
        {r["key"]: r["available"] for r in rows},
        scenario.weights,
        n_patents=int(card["portfolio_size"]),
        n_peers=len(chosen),
    )
    sens = sensitivity(pct, scenario.weights, target, delta=delta)
    score = scored.loc[target, "score"]
    facts = org_facts(patents, target)
    homes = org_homes(patents)
    if home:
        homes[target] = (home.upper(), "given by the evaluator")
    facts["home"], facts["home_source"] = homes.get(target, (None, "unknown"))
    peer_rows = [
        {
            "key": p,
            "similarity": rule["similarity"].get(p),
            "score": _f(scored.loc[p, "score"]),
            "rank": int(ranks[p]),
            "portfolio_size": int(cards.loc[p, "portfolio_size"]),
        }
        for p in chosen
    ]
    evaluation = Evaluation(
        applicant=target,
        name=(facts["names"] or [target])[0],
        scenario=scenario.key,
        score=_f(score),
        confidence=conf["confidence"],
        confidence_level=confidence_level(conf["confidence"]),
        portfolio_size=int(card["portfolio_size"]),
        rank=int(ranks[target]),
        group_size=len(group),
        indicators=rows,
        confidence_parts=conf,
        weight_used=float(scored.loc[target, "weight_used"]),
        peers=peer_rows,
        peer_rule=rule,
        sensitivity=[{"indicator": k, **v} for k, v in sens.to_dict(orient="index").items()],
        worst_rank_change=int(sens["target_change"].max()) if len(sens) else 0,
        strengths=[
            r["key"]
            for r in sorted(rows, key=lambda r: -(r["peer_percentile"] or 0))
            if r["available"] and r["weight"] > 0 and r["peer_percentile"] >= 75
        ][:4],
        weaknesses=[
            r["key"]
            for r in sorted(rows, key=lambda r: r["peer_percentile"] or 0)
            if r["available"] and r["weight"] > 0 and r["peer_percentile"] <= 25
        ][:4],
        risks=risks(patents, target, homes=homes),
        facts=facts,
        parameters={
            "delta": delta,
            "peer_k": peer_k,
            "peer_min_patents": peer_min_patents,
            "weights": dict(scenario.weights),
            "focus": focus.name if focus else None,
            **{k: v for k, v in patents.attrs.items()},
        },
    )
    evaluation.facts["group_worst_rank_change"] = int(sens["max_change"].max()) if len(sens) else 0
    return evaluation


def _f(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _patent_row(pid: str, row: pd.Series, **extra: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "number": row["publication_number"],
        "title": row["title"] or row["title_zh"],
        "title_zh": row["title_zh"] or row["title"],
        "year": None if pd.isna(row["year"]) else int(row["year"]),
        **extra,
    }


def risks(
    patents: pd.DataFrame, target: str, *, homes: dict[str, tuple[str | None, str]], limit: int = 10
) -> dict[str, Any]:
    """Expiring core patents, foreign-held blocking patents in the same fields, disputes, lapsed share.

    - expiring: the target's granted, non-lapsed patents with less than :data:`EXPIRY_YEARS` of
      term left, best quality first.
    - blocking: granted, in-force patents of organisations from another home country in the
      target's topics (its three largest IPC subclasses when there are no topics), ranked by
      quality index, then 5-year citations, then scope, then remaining life.
    - disputes: the target's patents with litigation or an invalidation event in their status.

    Example:
        >>> from ipnav.synthetic import synthetic_records
        >>> from ipnav.scores.indicators import patent_indicators
        >>> p = patent_indicators(list(synthetic_records(50, seed=1, n_applicants=5)))
        >>> sorted(risks(p, "SYNTHETIC APPLICANT 0000", homes=org_homes(p)))
        ['blocking', 'blocking_basis', 'disputes', 'expiring', 'lapsed_share']
    """
    own = patents["orgs"].map(lambda t: target in t)
    mine = patents[own]
    alive = mine["status"] != "inactive"
    soon = mine[alive & mine["granted"].eq(True) & mine["remaining_life"].lt(EXPIRY_YEARS)]
    soon = soon.sort_values(["quality_index", "remaining_life"], ascending=[False, True], na_position="last")
    expiring = [
        _patent_row(pid, r, remaining_life=round(float(r["remaining_life"]), 2))
        for pid, r in soon.head(limit).iterrows()
    ]
    home = homes.get(target, (None, ""))[0]
    if mine["topic"].notna().any():
        basis, fields = "topics", set(mine["topic"].dropna().astype(int))
        same = patents["topic"].map(lambda t: pd.notna(t) and int(t) in fields)
    else:
        top = Counter(s for t in mine["subclasses"] for s in t).most_common(3)
        basis, fields = "subclasses", {s for s, _ in top}
        same = patents["subclasses"].map(lambda t: bool(set(t) & fields))
    foreign = patents["orgs"].map(lambda t: bool(t) and all(homes.get(o, (None, ""))[0] not in (home, None) for o in t))
    cand = patents[same & ~own & foreign & patents["granted"].eq(True) & (patents["status"] == "active")]
    cand = cand.sort_values(
        ["quality_index", "forward_citations_5y", "scope", "remaining_life"],
        ascending=False,
        na_position="last",
    )
    blocking = [
        _patent_row(
            pid,
            r,
            holder=", ".join(r["orgs"]),
            home=homes.get(r["orgs"][0], (None, ""))[0],
            remaining_life=_f(r["remaining_life"]),
        )
        for pid, r in cand.head(limit).iterrows()
    ]
    disputed = mine[(mine["litigation"].fillna(0) > 0) | mine["invalidation"]]
    disputes = [
        _patent_row(
            pid,
            r,
            litigation=None if pd.isna(r["litigation"]) else int(r["litigation"]),
            status=r["raw_status"],
        )
        for pid, r in disputed.head(limit).iterrows()
    ]
    known = mine["status"].notna()
    return {
        "expiring": expiring,
        "blocking": blocking,
        "blocking_basis": {"basis": basis, "fields": sorted(map(str, fields)), "home": home},
        "disputes": disputes,
        "lapsed_share": float((mine.loc[known, "status"] == "inactive").mean()) if known.any() else None,
    }
