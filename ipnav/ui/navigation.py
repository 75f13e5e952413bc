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
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ipnav.i18n import column_label
from ipnav.store.base import Subgraph
from ipnav.ui.charts import FONT_STACK, PALETTE, style

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
QUADRANT_COLORS = {"consolidate": PALETTE[0], "upgrade": PALETTE[4], "build": PALETTE[1], "watch": "#9aa5b1"}


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


def _quadrant(row: Mapping[str, Any]) -> str:
    growing = not math.isnan(row["relative_growth"]) and row["relative_growth"] > 0
    if row["strong"]:
        return "consolidate" if growing else "upgrade"
    return "build" if growing else "watch"


def positioning_figure(table: pd.DataFrame, *, lang: str = "zh", title: str | None = None) -> go.Figure:
    """The positioning matrix: RTA (log scale) against relative growth, bubbles sized by topic size,
    coloured by quadrant (consolidate / upgrade / build or attract / watch)."""
    names = {
        "consolidate": ("优势增长 · 巩固提升", "strong & growing: consolidate"),
        "upgrade": ("优势放缓 · 转型升级", "strong & slowing: upgrade"),
        "build": ("弱势增长 · 培育引进", "weak & growing: build or attract"),
        "watch": ("弱势放缓 · 观察", "weak & slowing: watch"),
    }
    frame = table.copy()
    frame["q"] = [_quadrant(r) for r in frame.to_dict("records")]
    finite = frame["rta"].replace([np.inf], np.nan)
    top = float(finite.max()) if finite.notna().any() else 1.0
    frame["x"] = frame["rta"].replace([np.inf], max(top, 1.0) * 2).fillna(0.0).clip(lower=0.01)  # log axis: 0 at 0.01
    frame["y"] = frame["relative_growth"].fillna(0.0)
    fig = go.Figure()
    scale = max(frame["size"].max(), 1) if len(frame) else 1
    for q, color in QUADRANT_COLORS.items():
        part = frame[frame["q"] == q]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["x"],
                y=part["y"],
                mode="markers+text",
                name=names[q][0 if lang == "zh" else 1],
                text=[str(t) for t in part["no"]],
                textposition="middle center",
                textfont={"size": 9, "color": "white"},
                marker={
                    "size": 12 + 38 * np.sqrt(part["size"] / scale),
                    "color": color,
                    "opacity": 0.85,
                    "line": {"width": 1, "color": "white"},
                },
                customdata=part[["topic", "focus_n", "size", "rta"]].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>RTA %{customdata[3]:.2f} · "
                + column_label("relative_growth", lang)
                + " %{y:+.1%}<br>%{customdata[1]} / %{customdata[2]}<extra></extra>",
            )
        )
    fig.add_vline(x=1, line_dash="dot", line_color="#8c8c8c")
    fig.add_hline(y=0, line_dash="dot", line_color="#8c8c8c")
    fig.update_xaxes(
        type="log", title="RTA (" + ("显示性技术优势" if lang == "zh" else "revealed technological advantage") + ")"
    )
    fig.update_yaxes(title=column_label("relative_growth", lang), tickformat="+.0%")
    style(fig, height=460, title=title, legend=True)
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return fig


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


def main_path_subgraph(part: Mapping[str, Any]) -> Subgraph:
    """A main path (``{"patents": [{"patent_id", "title", "year"}], "arcs": [...]}``) as a Subgraph.

    Arcs may be ``{"source", "target"}`` dicts or ``[source, target, ...]`` lists.

    Example:
        >>> g = main_path_subgraph({"patents": [{"patent_id": "A", "title": "a"}, {"patent_id": "B"}],
        ...                         "arcs": [["A", "B", 3]]})
        >>> [e["source"] for e in g.edges], [n["name"] for n in g.nodes]
        (['Patent:A'], ['a', 'B'])
    """
    nodes = {}
    for p in part.get("patents", []):
        pid = str(p.get("patent_id") or p.get("id"))
        nodes[pid] = {
            "id": f"Patent:{pid}",
            "label": "Patent",
            "key": pid,
            "name": str(p.get("title") or pid)[:60] + (f" ({p['year']})" if p.get("year") else ""),
        }
    edges = []
    for arc in part.get("arcs", []):
        src, dst = (arc.get("source"), arc.get("target")) if isinstance(arc, Mapping) else (arc[0], arc[1])
        for end in (src, dst):
            nodes.setdefault(str(end), {"id": f"Patent:{end}", "label": "Patent", "key": str(end), "name": str(end)})
        edges.append({"source": f"Patent:{src}", "target": f"Patent:{dst}", "type": "CITES"})
    for n in nodes.values():  # names without a year suffix when no year was given
        n["name"] = n["name"].removesuffix(" (None)")
    return Subgraph(list(nodes.values()), edges)


def navigation_map_figure(
    report: Mapping[str, Any], *, lang: str = "zh", height: int = 600, labels: Iterable[int] = ()
) -> go.Figure:
    """The navigation map: the world's patents as terrain, the focus's patents, topic centres
    (strong ones ringed), significant white space, and the best route to each target."""
    from ipnav.landscape.density import density_grid
    from ipnav.landscape.figures import TERRAIN

    data = report["map"]
    world = np.asarray(data.get("world") or [], dtype=float).reshape(-1, 2)
    focus = np.asarray(data.get("focus") or [], dtype=float).reshape(-1, 2)
    points = np.vstack([world, focus]) if len(focus) else world
    fig = go.Figure()
    if len(points):
        grid = density_grid(points)
        fig.add_trace(
            go.Contour(
                x=grid.xs,
                y=grid.ys,
                z=np.sqrt(grid.z),
                colorscale=TERRAIN,
                showscale=False,
                ncontours=14,
                line={"width": 0.3, "color": "rgba(90,70,50,0.3)"},
                hoverinfo="skip",
            )
        )
    profiles = report["paths"].get("profiles", {})
    centres = {int(t): (x, y, strong) for t, x, y, strong in data.get("topics", []) if x is not None}
    topic_names = {int(r["topic"]): _label(r, lang) for r in report["positioning"]["topics"]}
    for i, chain in enumerate(data.get("routes", [])):
        xy = [centres[t][:2] for t in chain if t in centres]
        if len(xy) > 1:
            fig.add_trace(
                go.Scatter(
                    x=[p[0] for p in xy],
                    y=[p[1] for p in xy],
                    mode="lines+markers",
                    line={"width": 3, "color": PALETTE[(i + 1) % len(PALETTE)]},
                    marker={"size": 6},
                    name=("路径 " if lang == "zh" else "route ") + str(i + 1),
                    hoverinfo="skip",
                )
            )
    if len(focus):
        fig.add_trace(
            go.Scattergl(
                x=focus[:, 0],
                y=focus[:, 1],
                mode="markers",
                name=report["focus"].get(f"label_{lang}") or report["focus"].get("label_en"),
                marker={"size": 6, "color": PALETTE[3], "line": {"width": 0.5, "color": "white"}},
                hoverinfo="skip",
            )
        )
    if centres:
        ids = sorted(centres)
        fig.add_trace(
            go.Scatter(
                x=[centres[t][0] for t in ids],
                y=[centres[t][1] for t in ids],
                mode="markers+text",
                text=[str(t) for t in ids],
                textposition="top center",
                textfont={"size": 10, "family": FONT_STACK},
                marker={
                    "size": [13 if centres[t][2] else 8 for t in ids],
                    "color": "rgba(255,255,255,0.9)",
                    "line": {"width": [3 if centres[t][2] else 1 for t in ids], "color": PALETTE[0]},
                },
                customdata=[topic_names.get(t, profiles.get(str(t), {}).get("label_en", "")) for t in ids],
                hovertemplate="%{text}: %{customdata}<extra></extra>",
                name="强势主题" if lang == "zh" else "strong topics (thick ring)",
            )
        )
    for gap_id, x, y, cells, width in data.get("gaps", []):
        radius = max(float(width) * math.sqrt(max(int(cells), 1)) / 1.5, float(width))
        fig.add_shape(
            type="circle",
            x0=x - radius,
            x1=x + radius,
            y0=y - radius,
            y1=y + radius,
            line={"color": PALETTE[1], "width": 2, "dash": "dash"},
        )
        fig.add_annotation(
            x=x,
            y=y,
            text=("空白区 " if lang == "zh" else "gap ") + str(gap_id),
            showarrow=False,
            font={"color": PALETTE[1], "size": 12},
            bgcolor="rgba(255,255,255,0.7)",
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    style(fig, height=height, legend=True)
    fig.update_layout(
        plot_bgcolor="#f4f8fb",
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"x": 0.01, "y": 0.01, "bgcolor": "rgba(255,255,255,0.85)"},
    )
    return fig
