"""The navigation report as a plain dict, in the order of GB/T 39551 industry-planning navigation.

Sections: ``direction`` (产业发展方向: where the field grows, its technology backbone),
``positioning`` (区域产业定位: where the focus is strong, weak, related), ``paths`` (发展路径:
white space, opportunities, routes from strengths to targets with the companies to attract,
inventors to recruit and partners). Every statement is ``{"zh", "en", "numbers", "patents"}``:
the text, the figures it quotes and the patent ids behind it. The dict is JSON-serialisable
and is what :mod:`ipnav.navigate.render` turns into HTML (and a PDF renderer may later).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ipnav.exceptions import AnalysisError
from ipnav.navigate.actors import citations_received, topic_profile
from ipnav.navigate.focus import Focus
from ipnav.navigate.gaps import find_gaps
from ipnav.navigate.indicators import branch_indicators, topic_indicators
from ipnav.navigate.ranking import DEFAULT_WEIGHTS, rank_gaps, rank_opportunities
from ipnav.navigate.routes import find_routes, topic_graph
from ipnav.navigate.sections import direction_section, paths_section, positioning_section, rounded

__all__ = ["SCHEMA", "jsonable", "navigation_report"]

SCHEMA = "ipnav.navigation/1"


def _targets(
    ranked_gaps: list[dict],
    opportunities: list[dict],
    ind: pd.DataFrame,
    target: int | None,
    n_targets: int,
) -> list[dict[str, Any]]:
    if target is not None:
        if target not in ind.index:
            raise AnalysisError(
                f"unknown target topic {target!r}; topics are {sorted(ind.index.tolist())[:20]}"
            )
        return [{"topic": int(target), "why_zh": "用户指定", "why_en": "chosen by the user"}]
    out: list[dict[str, Any]] = []
    for gap in ranked_gaps:
        topic = next(
            (t["topic"] for t in gap["nearest_topics"] if not ind.at[t["topic"], "strong"]), None
        )
        if topic is not None and topic not in {o["topic"] for o in out}:
            out.append(
                {
                    "topic": topic,
                    "why_zh": f"空白区 {gap['id']} 旁的主题",
                    "why_en": f"topic next to white space {gap['id']}",
                }
            )
    for opp in opportunities:
        if opp["topic"] not in {o["topic"] for o in out}:
            out.append(
                {
                    "topic": opp["topic"],
                    "why_zh": "弱势高增长主题",
                    "why_en": "weak but growing topic",
                }
            )
    return out[:n_targets]


def navigation_report(
    patents: pd.DataFrame,
    topics: pd.DataFrame,
    assignments: pd.DataFrame,
    focus: Focus,
    *,
    target: int | None = None,
    n_targets: int = 3,
    n_routes: int = 3,
    window: int = 5,
    end_year: int | None = None,
    min_count: int = 2,
    min_size: int = 5,
    n_null: int = 199,
    alpha: float = 0.05,
    seed: int = 0,
    targets_industries: Iterable[str] | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Build the navigation report for a focus.

    Args:
        patents: :func:`ipnav.navigate.frame.patent_frame`.
        topics, assignments: :func:`ipnav.navigate.frame.topic_frames`.
        focus: The focus set.
        target: Route target topic (default: next to the best gap, then the best opportunities).
        n_targets, n_routes: Targets and routes per target.
        window, end_year, min_count, min_size: Indicator parameters.
        n_null, alpha, seed: White-space null model.
        targets_industries: Industry codes for the market term (default: any tag).
        progress: Progress bar over the null model's permutations (stderr).

    Returns:
        The report dict (see the module docstring).

    Raises:
        AnalysisError: No focus patent on the map, too few patents for white space, ...
    """
    ind = topic_indicators(
        patents,
        assignments,
        topics,
        focus.patent_ids,
        end_year=end_year,
        window=window,
        min_count=min_count,
    )
    has_codes = any(len(c) for c in patents["codes"])
    branches = (
        branch_indicators(
            patents,
            focus.patent_ids,
            end_year=ind.attrs["end_year"],
            window=window,
            min_count=min_count,
        )
        if has_codes and any(len(c) for c in patents.loc[focus.mask(patents), "codes"])
        else pd.DataFrame(
            columns=[
                "focus_n",
                "world_n",
                "total_n",
                "rta",
                "recent_n",
                "earlier_n",
                "relative_growth",
                "density",
                "strong",
            ]
        )
    )
    gaps, gap_map = find_gaps(
        assignments,
        ind.reset_index().rename(columns={"index": "topic"}),
        patents,
        n_null=n_null,
        alpha=alpha,
        seed=seed,
        progress=progress,
    )
    ranked = rank_gaps(gaps, ind, patents, assignments, targets=targets_industries)
    opportunities = rank_opportunities(
        ind, patents, assignments, targets=targets_industries, min_size=min_size
    )
    G = topic_graph(ind, patents, assignments)
    strong = [int(t) for t in ind.index[ind["strong"]]]
    sources = strong or [int(t) for t in ind.index[ind["focus_n"] > 0]]
    cites = citations_received(patents)
    routes_out, profiles = [], {}
    for tgt in _targets(ranked, opportunities, ind, target, n_targets):
        try:
            routes = find_routes(G, sources, tgt["topic"], k=n_routes)
        except AnalysisError as exc:
            routes_out.append({**tgt, "routes": [], "note": str(exc)})
            continue
        for topic in {t for r in routes for t in r["topics"]}:
            if topic not in profiles:
                profiles[topic] = topic_profile(
                    topic, patents, assignments, ind, focus.patent_ids, cites=cites
                )
        routes_out.append(
            {
                **tgt,
                "label_zh": ind.at[tgt["topic"], "label_zh"],
                "label_en": ind.at[tgt["topic"], "label_en"],
                "routes": routes,
            }
        )
    years = patents["year"].dropna().astype(int)
    n_cites = sum(len(c) for c in patents["cited"])
    report = {
        "schema": SCHEMA,
        "generated": dt.date.today().isoformat(),
        "title": {
            "zh": f"{focus.label_zh} 专利导航报告",
            "en": f"Patent navigation report: {focus.label_en}",
        },
        "focus": {
            "kind": focus.kind,
            "query": focus.query,
            "label_zh": focus.label_zh,
            "label_en": focus.label_en,
            "patents": len(focus.patent_ids),
            "matched": focus.matched,
            "missing": focus.missing[:50],
            "examples": sorted(focus.patent_ids)[:20],
        },
        "data": {
            "patents": len(patents),
            "on_map": int(assignments["x"].notna().sum()),
            "in_topics": int(assignments["topic"].notna().sum()),
            "topics": len(ind),
            "years": [int(years.min()), int(years.max())] if len(years) else None,
            "end_year": ind.attrs["end_year"],
            "window": window,
            "citations": n_cites,
            "citation_note": None if n_cites else "no citation data",
            "inventors": bool(any(len(i) for i in patents["inventors"])),
            "codes": has_codes,
        },
        "method": {
            "proximity": ind.attrs.get("proximity"),
            "min_count": min_count,
            "min_size": min_size,
            "gap_null_model": gap_map.params,
            "topic_graph": {
                "citation_flow": G.graph["citation_flow"],
                "citation_weight": G.graph["citation_weight"],
            },
            "score_weights": dict(DEFAULT_WEIGHTS),
        },
        "direction": direction_section(ind, branches, patents, assignments, min_size=min_size, n=8),
        "positioning": positioning_section(ind, branches, focus, assignments),
        "paths": paths_section(
            ranked,
            gaps,
            opportunities,
            routes_out,
            profiles,
            sources,
            strong,
            gap_map.params["alpha"],
        ),
        "map": _map_data(assignments, focus, ind, ranked or gaps, routes_out, gap_map.params),
    }
    return jsonable(report)


def jsonable(value: Any) -> Any:
    """The report with numpy scalars as Python numbers, non-finite floats as ``"inf"`` / ``None``.

    Example:
        >>> jsonable({"a": np.int64(2), "b": [float("inf"), float("nan")]})
        {'a': 2, 'b': ['inf', None]}
    """
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None if np.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def _map_data(
    assignments: pd.DataFrame,
    focus: Focus,
    ind: pd.DataFrame,
    gaps: list[dict],
    routes: list[dict],
    params: dict[str, Any],
    max_points: int = 6000,
) -> dict[str, Any]:
    pts = assignments.dropna(subset=["x", "y"])
    is_focus = pts["patent_id"].isin(focus.patent_ids)
    world = pts[~is_focus]
    if len(world) > max_points:
        world = world.sample(max_points, random_state=0)
    return {
        "world": world[["x", "y"]].round(4).values.tolist(),
        "focus": pts.loc[is_focus, ["x", "y"]].round(4).values.tolist(),
        "topics": [
            [int(t), rounded(r["cx"], 4), rounded(r["cy"], 4), bool(r["strong"])]
            for t, r in ind.dropna(subset=["cx"]).iterrows()
        ],
        "gaps": [[g["id"], g["x"], g["y"], g["cells"], params["cell_width"]] for g in gaps],
        "routes": [r["topics"] for entry in routes for r in entry["routes"][:1]],
    }
