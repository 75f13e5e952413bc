"""The three sections of the navigation report: direction, positioning, paths.

Each builder returns a plain dict whose ``statements`` are ``{"zh", "en", "numbers",
"patents"}``: the sentence in both languages, the figures it quotes and the patents behind it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ipnav.navigate.actors import key_patents
from ipnav.navigate.focus import Focus

__all__ = ["direction_section", "paths_section", "positioning_section", "rounded", "statement"]


def _pct(x: float | None) -> str:
    return "n/a" if x is None or pd.isna(x) else f"{x:+.1%}"


def rounded(x: Any, digits: int = 2) -> float | None:
    """A number rounded for the report; None for missing, infinities kept."""
    if x is None or pd.isna(x):
        return None
    x = float(x)
    return round(x, digits) if np.isfinite(x) else x


def statement(
    zh: str, en: str, numbers: dict[str, Any] | None = None, patents: Iterable[str] = ()
) -> dict[str, Any]:
    return {"zh": zh, "en": en, "numbers": numbers or {}, "patents": list(patents)}


def _examples(
    topic: int, assignments: pd.DataFrame, n: int = 3, among: set[str] | None = None
) -> list[str]:
    rows = assignments[assignments["topic"] == topic]
    if among is not None:
        rows = rows[rows["patent_id"].isin(among)]
    return (
        rows.sort_values(["probability", "patent_id"], ascending=[False, True])["patent_id"]
        .head(n)
        .tolist()
    )


def _quadrant(strong: bool, growth: float | None) -> tuple[str, str]:
    growing = growth is not None and not pd.isna(growth) and growth > 0
    if strong:
        return (
            ("优势增长 · 巩固提升", "strong & growing: consolidate")
            if growing
            else ("优势放缓 · 转型升级", "strong, slowing: upgrade")
        )
    return (
        ("弱势增长 · 培育引进", "weak & growing: build or attract")
        if growing
        else ("弱势放缓 · 观察", "weak, slowing: watch")
    )


def direction_section(
    ind: pd.DataFrame,
    branches: pd.DataFrame,
    patents: pd.DataFrame,
    assignments: pd.DataFrame,
    *,
    min_size: int,
    n: int,
) -> dict[str, Any]:
    w = ind.attrs["window"]
    grow = ind[ind["size"] >= min_size].sort_values("relative_growth", ascending=False).head(n)
    topics = [
        {
            "topic": int(t),
            "label_zh": r["label_zh"],
            "label_en": r["label_en"],
            "size": int(r["size"]),
            "recent_n": int(r["recent_n"]),
            "earlier_n": int(r["earlier_n"]),
            "growth": rounded(r["growth"], 4),
            "relative_growth": rounded(r["relative_growth"], 4),
            "examples": _examples(int(t), assignments),
        }
        for t, r in grow.iterrows()
    ]
    statements = [
        statement(
            f"增长最快的技术主题“{t['label_zh']}”：近{w}年 {t['recent_n']} 件，"
            f"此前{w}年 {t['earlier_n']} 件，"
            f"相对整体每年 {_pct(t['relative_growth'])}。",
            f"Fast-growing topic '{t['label_en']}': {t['recent_n']} patents in the last {w} "
            f"years against {t['earlier_n']} in the {w} before, "
            f"{_pct(t['relative_growth'])} a year beyond the field.",
            {k: t[k] for k in ("topic", "size", "recent_n", "earlier_n", "relative_growth")},
            t["examples"],
        )
        for t in topics[:3]
    ]
    top_branches = (
        branches[branches["total_n"] >= min_size]
        .sort_values("relative_growth", ascending=False)
        .head(n)
    )
    branch_rows = [
        {
            "branch": b,
            "total_n": int(r["total_n"]),
            "recent_n": int(r["recent_n"]),
            "earlier_n": int(r["earlier_n"]),
            "relative_growth": rounded(r["relative_growth"], 4),
        }
        for b, r in top_branches.iterrows()
    ]
    return {
        "statements": statements,
        "growing_topics": topics,
        "growing_branches": branch_rows,
        "main_path": _world_main_path(patents),
    }


def _world_main_path(patents: pd.DataFrame) -> dict[str, Any]:
    known = set(patents["patent_id"])
    arcs = [
        (c, p)
        for p, cited in zip(patents["patent_id"], patents["cited"], strict=True)
        for c in cited
        if c in known and c != p
    ]
    if not arcs:
        return {
            "basis": None,
            "note": {"zh": "无引文数据", "en": "no citation data"},
            "patents": [],
            "arcs": [],
        }
    ids = {v for arc in arcs for v in arc}
    out = key_patents(sorted(ids), patents, None, n=20)
    out["citations"] = len(arcs)
    return out


def positioning_section(
    ind: pd.DataFrame, branches: pd.DataFrame, focus: Focus, assignments: pd.DataFrame
) -> dict[str, Any]:
    rows = []
    for t, r in ind.sort_values(["focus_n", "size"], ascending=False).iterrows():
        q_zh, q_en = _quadrant(bool(r["strong"]), r["relative_growth"])
        rows.append(
            {
                "topic": int(t),
                "label_zh": r["label_zh"],
                "label_en": r["label_en"],
                "size": int(r["size"]),
                "focus_n": int(r["focus_n"]),
                "world_n": int(r["world_n"]),
                "focus_share": rounded(r["focus_share"], 4),
                "world_share": rounded(r["world_share"], 4),
                "rta": rounded(r["rta"], 3),
                "strong": bool(r["strong"]),
                "relative_growth": rounded(r["relative_growth"], 4),
                "density": rounded(r["density"], 3),
                "quadrant_zh": q_zh,
                "quadrant_en": q_en,
                "focus_examples": _examples(int(t), assignments, among=set(focus.patent_ids)),
            }
        )
    strengths = [r for r in rows if r["strong"]]
    n_focus = ind.attrs["n_focus"]
    statements = [
        statement(
            f"{focus.label_zh}在主题图中有 {n_focus} 件专利；"
            f"优势主题（RTA≥1 且至少 {ind.attrs['min_count']} 件）{len(strengths)} 个。",
            f"{focus.label_en}: {n_focus} patents on the topic map; "
            f"{len(strengths)} strong topic(s) "
            f"(RTA >= 1 and at least {ind.attrs['min_count']} patents).",
            {"focus_on_map": n_focus, "strong_topics": len(strengths)},
            sorted(focus.patent_ids)[:10],
        )
    ]
    for r in strengths[:3]:
        statements.append(
            statement(
                f"优势：“{r['label_zh']}”，{r['focus_n']} 件，占本方 {r['focus_share']:.1%}，"
                f"全球（其余）占 {r['world_share']:.1%}，RTA {r['rta']}。",
                f"Strength: '{r['label_en']}', {r['focus_n']} patents, "
                f"{r['focus_share']:.1%} of the focus against "
                f"{r['world_share']:.1%} of the rest of the world, RTA {r['rta']}.",
                {k: r[k] for k in ("topic", "focus_n", "focus_share", "world_share", "rta")},
                r["focus_examples"],
            )
        )
    branch_rows = [
        {
            "branch": b,
            "focus_n": int(r["focus_n"]),
            "world_n": int(r["world_n"]),
            "rta": rounded(r["rta"], 3),
            "relative_growth": rounded(r["relative_growth"], 4),
            "density": rounded(r["density"], 3),
            "strong": bool(r["strong"]),
        }
        for b, r in branches[branches["focus_n"] > 0]
        .sort_values("focus_n", ascending=False)
        .head(20)
        .iterrows()
    ]
    return {
        "statements": statements,
        "topics": rows,
        "strengths": strengths,
        "branches": branch_rows,
        "proximity": ind.attrs.get("proximity"),
    }


def _aggregate(profiles: dict[int, dict], key: str, n: int = 10) -> list[dict[str, Any]]:
    """One list over the topics on the routes: patents, recent patents and scores summed."""
    merged: dict[str, dict[str, Any]] = {}
    for topic, prof in sorted(profiles.items()):
        for item in prof[key]:
            ident = item.get("key") or item["name"]
            if ident not in merged:
                merged[ident] = {**item, "topics": [topic]}
                continue
            entry = merged[ident]
            entry["topics"].append(topic)
            for field in ("patents", "recent_patents", "score"):
                if field in item:
                    entry[field] = round(entry[field] + item[field], 3)
    return sorted(
        merged.values(),
        key=lambda e: (-e.get("score", e.get("patents", 0)), -len(e["topics"]), e.get("name", "")),
    )[:n]


def paths_section(
    ranked: list[dict],
    gaps: list[dict],
    opportunities: list[dict],
    routes: list[dict],
    profiles: dict[int, dict],
    sources: list[int],
    strong: list[int],
    alpha: float,
) -> dict[str, Any]:
    statements = []
    if not gaps:
        statements.append(
            statement(
                f"置换检验（α={alpha}）下，主题图上没有显著空白区；以下机会来自弱势但增长的主题。",
                "No white space on the map is significant under the permutation test "
                f"(alpha = {alpha}); "
                "the opportunities below are weak but growing topics.",
            )
        )
    for gap in ranked[:3]:
        names_zh = "、".join(t["label_zh"] for t in gap["nearest_topics"])
        names_en = "; ".join(t["label_en"] for t in gap["nearest_topics"])
        tv = {k: v["value"] for k, v in gap["terms"].items()}
        tz = {k: "–" if v is None else v for k, v in tv.items()}
        statements.append(
            statement(
                f"空白区 {gap['id']}（邻近：{names_zh}）：区内 {gap['patents_inside']} 件，"
                f"按周边密度应约 {gap['expected']:.0f}，置换检验 p={gap['p_value']}；"
                f"得分 {gap['score']}（增长 {tz['growth']}，市场 {tz['market']}，"
                f"缺位 {tz['absence']}，关联 {tz['relatedness']}）。",
                f"White space {gap['id']} (next to {names_en}): {gap['patents_inside']} patents "
                f"inside where the surroundings suggest about {gap['expected']:.0f}, "
                f"permutation p = {gap['p_value']}; score {gap['score']} (growth {tz['growth']}, "
                f"market {tz['market']}, absence {tz['absence']}, "
                f"relatedness {tz['relatedness']}).",
                {"gap": gap["id"], "score": gap["score"], "p_value": gap["p_value"], **tv},
                [p["patent_id"] for p in gap["nearest_patents"]],
            )
        )
    for entry in routes:
        for route in entry["routes"][:1]:
            chain_zh = [str(profiles[t]["label_zh"]) for t in route["topics"]]
            chain_en = [str(profiles[t]["label_en"]) for t in route["topics"]]
            ids = [
                p["patent_id"]
                for t in route["topics"]
                for p in profiles[t]["key_patents"]["patents"][:2]
            ]
            statements.append(
                statement(
                    f"路径（{entry['why_zh']}）：{' → '.join(chain_zh)}，"
                    f"路径强度 {route['strength']}。",
                    f"Route ({entry['why_en']}): {' -> '.join(chain_en)}, "
                    f"strength {route['strength']}.",
                    {"topics": route["topics"], "strength": route["strength"]},
                    ids,
                )
            )
    return {
        "statements": statements,
        "gaps": ranked,
        "gaps_found": len(gaps),
        "gaps_not_next_to_growth": len(gaps) - len(ranked),
        "opportunities": opportunities,
        "sources": sources,
        "sources_are_strengths": bool(strong),
        "targets": routes,
        "profiles": {str(k): v for k, v in profiles.items()},
        "attraction_targets": _aggregate(profiles, "attraction_targets"),
        "talent": _aggregate(profiles, "inventors"),
        "partners": _aggregate(profiles, "partners"),
    }
