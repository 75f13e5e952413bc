"""The Navigation page's data: navigation results kept in the store, their tables and figures.

A navigation result is :func:`ipnav.navigate.pipeline.navigate_store`'s report (a JSON-able dict
in the order of GB/T 39551: ``direction`` -> ``positioning`` -> ``paths``), kept as the artifact
``navigation.<kind>.<query>`` with an index ``navigation.index``. The functions below turn its
sections into tables (every number in them comes from the report) and Plotly figures: the
positioning matrix (RTA against relative growth), the navigation map (focus patents, strong
topics, white space, routes) and a main-path graph.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

__all__ = [
    "INDEX_KEY",
    "actor_table",
    "gap_table",
    "list_navigations",
    "load_navigation",
    "main_path_subgraph",
    "navigation_key",
    "navigation_map_figure",
    "opportunity_table",
    "positioning_figure",
    "positioning_table",
    "route_table",
    "run_navigation",
    "save_navigation",
    "statements",
]

INDEX_KEY = "navigation.index"
FOCUS_KINDS = ("applicant", "region", "ids")


def navigation_key(kind: str, query: str) -> str:
    """The artifact key of a navigation result.

    Example:
        >>> navigation_key("region", "河南")
        'navigation.region.河南'
    """
    return f"navigation.{kind}.{query}"


def run_navigation(store: Any, *, kind: str, query: str | Sequence[str], **options: Any) -> dict[str, Any]:
    """Navigate for a focus and keep the result; return the report.

    Args:
        store: An opened store with a topic map.
        kind: ``applicant``, ``region`` or ``ids``.
        query: The applicant or region name, or the patent ids.
        **options: Passed to :func:`ipnav.navigate.report.navigation_report` (``target``, ``seed`` ...).

    Raises:
        ConfigError: Unknown kind or region. AnalysisError: No topic map, nothing matches, ...
    """
    from ipnav.exceptions import ConfigError
    from ipnav.navigate.pipeline import navigate_store

    if kind not in FOCUS_KINDS:
        raise ConfigError(f"The 'kind' parameter must be one of {', '.join(FOCUS_KINDS)}. Got {kind!r} instead.")
    if kind == "ids":
        ids = (
            [str(i).strip() for i in query if str(i).strip()]
            if not isinstance(query, str)
            else [line.strip() for line in query.splitlines() if line.strip()]
        )
        report = navigate_store(store, ids=ids, **options)
        name = f"{len(ids)} ids"
    else:
        name = str(query).strip()
        report = navigate_store(store, **{kind: name}, **options)
    save_navigation(store, report, kind=kind, query=name)
    return report


def save_navigation(store: Any, report: Mapping[str, Any], *, kind: str, query: str) -> str:
    """Keep a report and list it in the index; returns its key."""
    key = navigation_key(kind, query)
    store.put_artifact(key, report)
    index = store.get_artifact(INDEX_KEY) or {"items": []}
    items = [i for i in index["items"] if i["key"] != key]
    focus = report.get("focus", {})
    items.append(
        {
            "key": key,
            "kind": kind,
            "query": query,
            "label_zh": focus.get("label_zh", query),
            "label_en": focus.get("label_en", query),
            "patents": focus.get("patents", 0),
            "generated": report.get("generated"),
        }
    )
    store.put_artifact(INDEX_KEY, {"items": sorted(items, key=lambda i: (i["kind"], -int(i["patents"] or 0)))})
    return key


def list_navigations(store: Any) -> list[dict[str, Any]]:
    """The kept navigation results (index entries)."""
    return list((store.get_artifact(INDEX_KEY) or {"items": []})["items"])


def load_navigation(store: Any, key: str) -> dict[str, Any] | None:
    """A kept navigation report, or None."""
    return store.get_artifact(key)


def statements(section: Mapping[str, Any], lang: str = "zh") -> list[dict[str, Any]]:
    """A section's statements as ``{"text", "patents"}`` in ``lang`` (the patents behind each)."""
    return [
        {"text": s.get(lang) or s.get("en", ""), "patents": list(s.get("patents", []))}
        for s in section.get("statements", [])
    ]


def _label(row: Mapping[str, Any], lang: str) -> str:
    return str(row.get(f"label_{lang}") or row.get("label_en") or row.get("topic", ""))


def _num(value: Any) -> float:
    if value in (None, "inf", "-inf"):
        return math.inf if value == "inf" else (-math.inf if value == "-inf" else math.nan)
    return float(value)


def positioning_table(report: Mapping[str, Any], lang: str = "zh") -> pd.DataFrame:
    """Every topic with the focus's position: ``no`` (topic id), ``topic`` (label), ``size, focus_n,
    focus_share, world_share, rta, relative_growth, density, strong, quadrant`` (strong first, then by RTA)."""
    rows = [
        {
            "no": int(r["topic"]),
            "topic": _label(r, lang),
            "size": int(r["size"]),
            "focus_n": int(r["focus_n"]),
            "focus_share": _num(r["focus_share"]),
            "world_share": _num(r["world_share"]),
            "rta": _num(r["rta"]),
            "relative_growth": _num(r["relative_growth"]),
            "density": _num(r["density"]),
            "strong": bool(r["strong"]),
            "quadrant": r.get(f"quadrant_{lang}") or r.get("quadrant_en", ""),
        }
        for r in report["positioning"]["topics"]
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "no",
            "topic",
            "size",
            "focus_n",
            "focus_share",
            "world_share",
            "rta",
            "relative_growth",
            "density",
            "strong",
            "quadrant",
        ],
    )
    return frame.sort_values(["strong", "rta", "size"], ascending=[False, False, False], ignore_index=True)


def _terms(item: Mapping[str, Any]) -> dict[str, float | None]:
    return {k: (v.get("value") if isinstance(v, Mapping) else v) for k, v in (item.get("terms") or {}).items()}


def gap_table(report: Mapping[str, Any], lang: str = "zh") -> pd.DataFrame:
    """Ranked white-space gaps with their reasons: ``gap, score, growth, market, absence, relatedness,
    p_value, inside, expected, near`` (the nearest topics)."""
    rows = []
    for g in report["paths"].get("gaps", []):
        t = _terms(g)
        rows.append(
            {
                "gap": g["id"],
                "score": g.get("score"),
                "growth": t.get("growth"),
                "market": t.get("market"),
                "absence": t.get("absence"),
                "relatedness": t.get("relatedness"),
                "p_value": g.get("p_value"),
                "inside": g.get("patents_inside"),
                "expected": g.get("expected"),
                "near": " · ".join(_label(n, lang) for n in g.get("nearest_topics", [])),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["gap", "score", "growth", "market", "absence", "relatedness", "p_value", "inside", "expected", "near"],
    )


def opportunity_table(report: Mapping[str, Any], lang: str = "zh") -> pd.DataFrame:
    """Weak but growing topics ranked by the same transparent score: ``no`` (topic id), ``topic``
    (label), ``score, growth, market, absence, relatedness, size, focus_n``."""
    rows = []
    for o in report["paths"].get("opportunities", []):
        t = _terms(o)
        rows.append(
            {
                "no": o["topic"],
                "topic": _label(o, lang),
                "score": o.get("score"),
                "growth": t.get("growth"),
                "market": t.get("market"),
                "absence": t.get("absence"),
                "relatedness": t.get("relatedness"),
                "size": o.get("size"),
                "focus_n": o.get("focus_n"),
            }
        )
    return pd.DataFrame(
        rows, columns=["no", "topic", "score", "growth", "market", "absence", "relatedness", "size", "focus_n"]
    )


def _profile_label(report: Mapping[str, Any], topic: int, lang: str) -> str:
    prof = report["paths"].get("profiles", {}).get(str(topic))
    return _label(prof, lang) if prof else str(topic)


def route_table(report: Mapping[str, Any], lang: str = "zh") -> pd.DataFrame:
    """Routes from the focus's strengths to each target: ``target, why, rank, route, steps, strength``."""
    rows = []
    for entry in report["paths"].get("targets", []):
        why = entry.get(f"why_{lang}") or entry.get("why_en", "")
        for i, route in enumerate(entry.get("routes", []), start=1):
            rows.append(
                {
                    "target": _label(entry, lang),
                    "why": why,
                    "rank": i,
                    "route": " → ".join(_profile_label(report, t, lang) for t in route["topics"]),
                    "steps": len(route["topics"]) - 1,
                    "strength": route.get("strength"),
                }
            )
        if not entry.get("routes"):
            rows.append(
                {
                    "target": _label(entry, lang),
                    "why": entry.get("note") or why,
                    "rank": None,
                    "route": "",
                    "steps": None,
                    "strength": None,
                }
            )
    return pd.DataFrame(rows, columns=["target", "why", "rank", "route", "steps", "strength"])


def actor_table(report: Mapping[str, Any], key: str, lang: str = "zh") -> pd.DataFrame:
    """Companies to attract (``attraction_targets``), inventors to recruit (``talent``) or partners
    (``partners``) over all routes: ``name, kind, patents, recent_patents, score, region, employer, topics``."""
    rows = []
    for item in report["paths"].get(key, []):
        rows.append(
            {
                "name": item.get("name"),
                "kind": item.get("kind"),
                "patents": item.get("patents"),
                "recent_patents": item.get("recent_patents"),
                "score": item.get("score"),
                "region": item.get(f"region_{lang}") or item.get("region_en"),
                "employer": item.get("employer"),
                "topics": ", ".join(str(t) for t in item.get("topics", [])),
                "examples": ", ".join(item.get("examples", [])[:3]),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["name", "kind", "patents", "recent_patents", "score", "region", "employer", "topics", "examples"]
    )
    return frame.dropna(axis=1, how="all")


# The figures live in their own module; re-exported so pages and notebooks import one place.
from ipnav.ui.navigation_figures import main_path_subgraph, navigation_map_figure, positioning_figure  # noqa: E402
