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
from ipnav.navigate.actors import citations_received, key_patents, topic_profile
from ipnav.navigate.focus import Focus
from ipnav.navigate.gaps import find_gaps
from ipnav.navigate.indicators import branch_indicators, topic_indicators
from ipnav.navigate.ranking import DEFAULT_WEIGHTS, rank_gaps, rank_opportunities
from ipnav.navigate.routes import find_routes, topic_graph

__all__ = ["SCHEMA", "jsonable", "navigation_report"]

SCHEMA = "ipnav.navigation/1"


def _pct(x: float | None) -> str:
    return "n/a" if x is None or pd.isna(x) else f"{x:+.1%}"


def _f(x: Any, digits: int = 2) -> float | None:
    if x is None or pd.isna(x):
        return None
    x = float(x)
    return round(x, digits) if np.isfinite(x) else x


def _statement(zh: str, en: str, numbers: dict[str, Any] | None = None, patents: Iterable[str] = ()) -> dict[str, Any]:
    return {"zh": zh, "en": en, "numbers": numbers or {}, "patents": list(patents)}


def _examples(topic: int, assignments: pd.DataFrame, n: int = 3, among: set[str] | None = None) -> list[str]:
    rows = assignments[assignments["topic"] == topic]
    if among is not None:
        rows = rows[rows["patent_id"].isin(among)]
    return rows.sort_values(["probability", "patent_id"], ascending=[False, True])["patent_id"].head(n).tolist()


def _topic_name(row: pd.Series | dict, lang: str) -> str:
    return str(row.get(f"label_{lang}") or row.get("label_en") or row.get("label_zh") or "")


def _quadrant(strong: bool, growth: float | None) -> tuple[str, str]:
    growing = growth is not None and not pd.isna(growth) and growth > 0
    if strong:
        return ("优势增长 · 巩固提升", "strong & growing: consolidate") if growing else ("优势放缓 · 转型升级", "strong, slowing: upgrade")
    return ("弱势增长 · 培育引进", "weak & growing: build or attract") if growing else ("弱势放缓 · 观察", "weak, slowing: watch")


def _direction(ind: pd.DataFrame, branches: pd.DataFrame, patents: pd.DataFrame, assignments: pd.DataFrame,
               *, min_size: int, n: int) -> dict[str, Any]:
    w = ind.attrs["window"]
    grow = ind[ind["size"] >= min_size].sort_values("relative_growth", ascending=False).head(n)
    topics = [{"topic": int(t), "label_zh": r["label_zh"], "label_en": r["label_en"], "size": int(r["size"]),
               "recent_n": int(r["recent_n"]), "earlier_n": int(r["earlier_n"]), "growth": _f(r["growth"], 4),
               "relative_growth": _f(r["relative_growth"], 4), "examples": _examples(int(t), assignments)}
              for t, r in grow.iterrows()]
    statements = [
        _statement(
            f"增长最快的技术主题“{t['label_zh']}”：近{w}年 {t['recent_n']} 件，此前{w}年 {t['earlier_n']} 件，"
            f"相对整体每年 {_pct(t['relative_growth'])}。",
            f"Fast-growing topic '{t['label_en']}': {t['recent_n']} patents in the last {w} years against "
            f"{t['earlier_n']} in the {w} before, {_pct(t['relative_growth'])} a year beyond the field.",
            {k: t[k] for k in ("topic", "size", "recent_n", "earlier_n", "relative_growth")}, t["examples"])
        for t in topics[:3]
    ]
    top_branches = branches[branches["total_n"] >= min_size].sort_values("relative_growth", ascending=False).head(n)
    branch_rows = [{"branch": b, "total_n": int(r["total_n"]), "recent_n": int(r["recent_n"]),
                    "earlier_n": int(r["earlier_n"]), "relative_growth": _f(r["relative_growth"], 4)}
                   for b, r in top_branches.iterrows()]
    return {"statements": statements, "growing_topics": topics, "growing_branches": branch_rows,
            "main_path": _world_main_path(patents)}


def _world_main_path(patents: pd.DataFrame) -> dict[str, Any]:
    known = set(patents["patent_id"])
    arcs = [(c, p) for p, cited in zip(patents["patent_id"], patents["cited"], strict=True) for c in cited if c in known and c != p]
    if not arcs:
        return {"basis": None, "note": {"zh": "无引文数据", "en": "no citation data"}, "patents": [], "arcs": []}
    ids = {v for arc in arcs for v in arc}
    out = key_patents(sorted(ids), patents, None, n=20)
    out["citations"] = len(arcs)
    return out


def _positioning(ind: pd.DataFrame, branches: pd.DataFrame, focus: Focus, assignments: pd.DataFrame) -> dict[str, Any]:
    rows = []
    for t, r in ind.sort_values(["focus_n", "size"], ascending=False).iterrows():
        q_zh, q_en = _quadrant(bool(r["strong"]), r["relative_growth"])
        rows.append({"topic": int(t), "label_zh": r["label_zh"], "label_en": r["label_en"], "size": int(r["size"]),
                     "focus_n": int(r["focus_n"]), "world_n": int(r["world_n"]), "focus_share": _f(r["focus_share"], 4),
                     "world_share": _f(r["world_share"], 4), "rta": _f(r["rta"], 3), "strong": bool(r["strong"]),
                     "relative_growth": _f(r["relative_growth"], 4), "density": _f(r["density"], 3),
                     "quadrant_zh": q_zh, "quadrant_en": q_en,
                     "focus_examples": _examples(int(t), assignments, among=set(focus.patent_ids))})
    strengths = [r for r in rows if r["strong"]]
    n_focus = ind.attrs["n_focus"]
    statements = [_statement(
        f"{focus.label_zh}在主题图中有 {n_focus} 件专利；优势主题（RTA≥1 且至少 {ind.attrs['min_count']} 件）{len(strengths)} 个。",
        f"{focus.label_en} has {n_focus} patents on the topic map; {len(strengths)} strong topic(s) "
        f"(RTA >= 1 and at least {ind.attrs['min_count']} patents).",
        {"focus_on_map": n_focus, "strong_topics": len(strengths)}, sorted(focus.patent_ids)[:10])]
    for r in strengths[:3]:
        statements.append(_statement(
            f"优势：“{r['label_zh']}”，{r['focus_n']} 件，占本方 {r['focus_share']:.1%}，全球（其余）占 {r['world_share']:.1%}，RTA {r['rta']}。",
            f"Strength: '{r['label_en']}', {r['focus_n']} patents, {r['focus_share']:.1%} of the focus against "
            f"{r['world_share']:.1%} of the rest of the world, RTA {r['rta']}.",
            {k: r[k] for k in ("topic", "focus_n", "focus_share", "world_share", "rta")}, r["focus_examples"]))
    branch_rows = [{"branch": b, "focus_n": int(r["focus_n"]), "world_n": int(r["world_n"]), "rta": _f(r["rta"], 3),
                    "relative_growth": _f(r["relative_growth"], 4), "density": _f(r["density"], 3), "strong": bool(r["strong"])}
                   for b, r in branches[branches["focus_n"] > 0].sort_values("focus_n", ascending=False).head(20).iterrows()]
    return {"statements": statements, "topics": rows, "strengths": strengths, "branches": branch_rows,
            "proximity": ind.attrs.get("proximity")}


def _targets(ranked_gaps: list[dict], opportunities: list[dict], ind: pd.DataFrame, target: int | None,
             n_targets: int) -> list[dict[str, Any]]:
    if target is not None:
        if target not in ind.index:
            raise AnalysisError(f"unknown target topic {target!r}; topics are {sorted(ind.index.tolist())[:20]}")
        return [{"topic": int(target), "why_zh": "用户指定", "why_en": "chosen by the user"}]
    out: list[dict[str, Any]] = []
    for gap in ranked_gaps:
        topic = next((t["topic"] for t in gap["nearest_topics"] if not ind.at[t["topic"], "strong"]), None)
        if topic is not None and topic not in {o["topic"] for o in out}:
            out.append({"topic": topic, "why_zh": f"空白区 {gap['id']} 旁的主题", "why_en": f"topic next to white space {gap['id']}"})
    for opp in opportunities:
        if opp["topic"] not in {o["topic"] for o in out}:
            out.append({"topic": opp["topic"], "why_zh": "弱势高增长主题", "why_en": "weak but growing topic"})
    return out[:n_targets]


def _aggregate(profiles: dict[int, dict], key: str, n: int = 10) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for topic, prof in profiles.items():
        for item in prof[key]:
            ident = item.get("key") or item["name"]
            entry = merged.setdefault(ident, {**item, "topics": []})
            entry["topics"].append(topic)
            if entry is not item and "patents" in item:
                entry["patents"] = max(entry["patents"], item["patents"])
    return sorted(merged.values(), key=lambda e: (-len(e["topics"]), -e.get("score", e.get("patents", 0)), e.get("name", "")))[:n]


def navigation_report(patents: pd.DataFrame, topics: pd.DataFrame, assignments: pd.DataFrame, focus: Focus, *,
                      target: int | None = None, n_targets: int = 3, n_routes: int = 3, window: int = 5,
                      end_year: int | None = None, min_count: int = 2, min_size: int = 5, n_null: int = 199,
                      alpha: float = 0.05, seed: int = 0, targets_industries: Iterable[str] | None = None
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

    Returns:
        The report dict (see the module docstring).

    Raises:
        AnalysisError: No focus patent on the map, too few patents for white space, ...
    """
    ind = topic_indicators(patents, assignments, topics, focus.patent_ids, end_year=end_year, window=window, min_count=min_count)
    has_codes = any(len(c) for c in patents["codes"])
    branches = (branch_indicators(patents, focus.patent_ids, end_year=ind.attrs["end_year"], window=window, min_count=min_count)
                if has_codes and any(len(c) for c in patents.loc[focus.mask(patents), "codes"]) else
                pd.DataFrame(columns=["focus_n", "world_n", "total_n", "rta", "recent_n", "earlier_n", "relative_growth", "density", "strong"]))
    gaps, gap_map = find_gaps(assignments, ind.reset_index().rename(columns={"index": "topic"}), patents,
                              n_null=n_null, alpha=alpha, seed=seed)
    ranked = rank_gaps(gaps, ind, patents, assignments, targets=targets_industries)
    opportunities = rank_opportunities(ind, patents, assignments, targets=targets_industries, min_size=min_size)
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
                profiles[topic] = topic_profile(topic, patents, assignments, ind, focus.patent_ids, cites=cites)
        routes_out.append({**tgt, "label_zh": ind.at[tgt["topic"], "label_zh"], "label_en": ind.at[tgt["topic"], "label_en"],
                           "routes": routes})
    years = patents["year"].dropna().astype(int)
    n_cites = sum(len(c) for c in patents["cited"])
    report = {
        "schema": SCHEMA,
        "generated": dt.date.today().isoformat(),
        "title": {"zh": f"{focus.label_zh} 专利导航报告", "en": f"Patent navigation report: {focus.label_en}"},
        "focus": {"kind": focus.kind, "query": focus.query, "label_zh": focus.label_zh, "label_en": focus.label_en,
                  "patents": len(focus.patent_ids), "matched": focus.matched, "missing": focus.missing[:50],
                  "examples": sorted(focus.patent_ids)[:20]},
        "data": {"patents": len(patents), "on_map": int(assignments["x"].notna().sum()),
                 "in_topics": int(assignments["topic"].notna().sum()), "topics": len(ind),
                 "years": [int(years.min()), int(years.max())] if len(years) else None,
                 "end_year": ind.attrs["end_year"], "window": window, "citations": n_cites,
                 "citation_note": None if n_cites else "no citation data",
                 "inventors": bool(any(len(i) for i in patents["inventors"])),
                 "codes": has_codes},
        "method": {"proximity": ind.attrs.get("proximity"), "min_count": min_count, "min_size": min_size,
                   "gap_null_model": gap_map.params, "topic_graph": {"citation_flow": G.graph["citation_flow"],
                                                                     "citation_weight": G.graph["citation_weight"]},
                   "score_weights": dict(DEFAULT_WEIGHTS)},
        "direction": _direction(ind, branches, patents, assignments, min_size=min_size, n=8),
        "positioning": _positioning(ind, branches, focus, assignments),
        "paths": _paths(ranked, gaps, opportunities, routes_out, profiles, sources, strong, gap_map.params["alpha"]),
        "map": _map_data(assignments, focus, ind, ranked or gaps, routes_out, gap_map.params),
    }
    return jsonable(report)


def jsonable(value: Any) -> Any:
    """The report with numpy scalars as Python numbers and non-finite floats as ``"inf"`` / ``None``.

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


def _paths(ranked: list[dict], gaps: list[dict], opportunities: list[dict], routes: list[dict], profiles: dict[int, dict],
           sources: list[int], strong: list[int], alpha: float) -> dict[str, Any]:
    statements = []
    if not gaps:
        statements.append(_statement(
            f"置换检验（α={alpha}）下，主题图上没有显著空白区；以下机会来自弱势但增长的主题。",
            f"No white space on the map is significant under the permutation test (alpha = {alpha}); "
            "the opportunities below are weak but growing topics."))
    for gap in ranked[:3]:
        names_zh = "、".join(t["label_zh"] for t in gap["nearest_topics"])
        names_en = "; ".join(t["label_en"] for t in gap["nearest_topics"])
        tv = {k: v["value"] for k, v in gap["terms"].items()}
        tz = {k: "–" if v is None else v for k, v in tv.items()}
        statements.append(_statement(
            f"空白区 {gap['id']}（邻近：{names_zh}）：区内 {gap['patents_inside']} 件，按周边密度应约 {gap['expected']:.0f}，"
            f"置换检验 p={gap['p_value']}；得分 {gap['score']}（增长 {tz['growth']}，市场 {tz['market']}，缺位 {tz['absence']}，关联 {tz['relatedness']}）。",
            f"White space {gap['id']} (next to {names_en}): {gap['patents_inside']} patents inside where the "
            f"surroundings suggest about {gap['expected']:.0f}, permutation p = {gap['p_value']}; score {gap['score']} "
            f"(growth {tz['growth']}, market {tz['market']}, absence {tz['absence']}, relatedness {tz['relatedness']}).",
            {"gap": gap["id"], "score": gap["score"], "p_value": gap["p_value"], **tv},
            [p["patent_id"] for p in gap["nearest_patents"]]))
    for entry in routes:
        for route in entry["routes"][:1]:
            names = [profiles[t]["label_zh"] for t in route["topics"]]
            names_en = [profiles[t]["label_en"] for t in route["topics"]]
            ids = [p["patent_id"] for t in route["topics"] for p in profiles[t]["key_patents"]["patents"][:2]]
            statements.append(_statement(
                f"路径（{entry['why_zh']}）：{' → '.join(names)}，路径强度 {route['strength']}。",
                f"Route ({entry['why_en']}): {' -> '.join(names_en)}, strength {route['strength']}.",
                {"topics": route["topics"], "strength": route["strength"]}, ids))
    return {
        "statements": statements,
        "gaps": ranked, "gaps_found": len(gaps), "gaps_not_next_to_growth": len(gaps) - len(ranked),
        "opportunities": opportunities,
        "sources": sources, "sources_are_strengths": bool(strong),
        "targets": routes,
        "profiles": {str(k): v for k, v in profiles.items()},
        "attraction_targets": _aggregate(profiles, "attraction_targets"),
        "talent": _aggregate(profiles, "inventors"),
        "partners": _aggregate(profiles, "partners"),
    }


def _map_data(assignments: pd.DataFrame, focus: Focus, ind: pd.DataFrame, gaps: list[dict], routes: list[dict],
              params: dict[str, Any], max_points: int = 6000) -> dict[str, Any]:
    pts = assignments.dropna(subset=["x", "y"])
    is_focus = pts["patent_id"].isin(focus.patent_ids)
    world = pts[~is_focus]
    if len(world) > max_points:
        world = world.sample(max_points, random_state=0)
    return {
        "world": world[["x", "y"]].round(4).values.tolist(),
        "focus": pts.loc[is_focus, ["x", "y"]].round(4).values.tolist(),
        "topics": [[int(t), _f(r["cx"], 4), _f(r["cy"], 4), bool(r["strong"])] for t, r in ind.dropna(subset=["cx"]).iterrows()],
        "gaps": [[g["id"], g["x"], g["y"], g["cells"], params["cell_width"]] for g in gaps],
        "routes": [r["topics"] for entry in routes for r in entry["routes"][:1]],
    }
