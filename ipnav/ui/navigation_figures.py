"""Figures of the Navigation page: the positioning matrix, the navigation map and main-path graphs.

They take a navigation report (:func:`ipnav.navigate.pipeline.navigate_store`) or parts of it; see
:mod:`ipnav.ui.navigation` for its tables.
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

__all__ = ["main_path_subgraph", "navigation_map_figure", "positioning_figure"]

QUADRANT_COLORS = {"consolidate": PALETTE[0], "upgrade": PALETTE[4], "build": PALETTE[1], "watch": "#9aa5b1"}


def _label(row: Mapping[str, Any], lang: str) -> str:
    return str(row.get(f"label_{lang}") or row.get("label_en") or row.get("topic", ""))


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


def _terrain(points: np.ndarray) -> list[go.Contour]:
    from ipnav.landscape.density import density_grid
    from ipnav.landscape.figures import terrain_contour

    if not len(points):
        return []
    return [terrain_contour(density_grid(points), ncontours=14, line_width=0.3, line_alpha=0.3)]


def _routes(
    chains: Iterable[Sequence[int]], centres: Mapping[int, tuple[float, float, bool]], lang: str
) -> list[go.Scatter]:
    traces = []
    for i, chain in enumerate(chains):
        xy = [centres[t][:2] for t in chain if t in centres]
        if len(xy) > 1:
            traces.append(
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
    return traces


def _centres(centres: Mapping[int, tuple[float, float, bool]], names: Mapping[int, str], lang: str) -> go.Scatter:
    ids = sorted(centres)
    return go.Scatter(
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
        customdata=[names.get(t, "") for t in ids],
        hovertemplate="%{text}: %{customdata}<extra></extra>",
        name="强势主题（粗圈）" if lang == "zh" else "strong topics (thick ring)",
    )


def _gaps(fig: go.Figure, gaps: Iterable[Sequence[Any]], lang: str) -> None:
    for gap_id, x, y, cells, width in gaps:
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


def navigation_map_figure(report: Mapping[str, Any], *, lang: str = "zh", height: int = 600) -> go.Figure:
    """The navigation map: the world's patents as terrain, the focus's patents, topic centres
    (strong ones ringed), significant white space, and the best route to each target.

    Args:
        report: A navigation report (its ``map``, ``positioning`` and ``paths`` sections).
        lang: Legend and label language.
        height: Pixels.
    """
    data = report["map"]
    world = np.asarray(data.get("world") or [], dtype=float).reshape(-1, 2)
    focus = np.asarray(data.get("focus") or [], dtype=float).reshape(-1, 2)
    fig = go.Figure(_terrain(np.vstack([world, focus]) if len(focus) else world))
    centres = {int(t): (x, y, strong) for t, x, y, strong in data.get("topics", []) if x is not None}
    for trace in _routes(data.get("routes", []), centres, lang):
        fig.add_trace(trace)
    if len(focus):
        fig.add_trace(
            go.Scattergl(
                x=focus[:, 0],
                y=focus[:, 1],
                mode="markers",
                hoverinfo="skip",
                name=report["focus"].get(f"label_{lang}") or report["focus"].get("label_en"),
                marker={"size": 6, "color": PALETTE[3], "line": {"width": 0.5, "color": "white"}},
            )
        )
    if centres:
        names = {int(r["topic"]): _label(r, lang) for r in report["positioning"]["topics"]}
        fig.add_trace(_centres(centres, names, lang))
    _gaps(fig, data.get("gaps", []), lang)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    style(fig, height=height, legend=True)
    fig.update_layout(
        plot_bgcolor="#f4f8fb",
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"x": 0.01, "y": 0.01, "bgcolor": "rgba(255,255,255,0.85)"},
    )
    return fig
