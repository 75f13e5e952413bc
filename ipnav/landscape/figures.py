"""Topographic landscape maps as Plotly figures (ThemeScape style), offline HTML and PNG.

A map is drawn from two plain tables: :func:`map_frame` (one row per patent: position, topic,
title, first applicant, year, office, optional score) and the topic nodes of a fitted
:class:`~ipnav.landscape.model.Landscape`. Layers: filled density contours (the terrain), patents
as hover points, topic labels on the peaks (no overlaps, see
:func:`~ipnav.landscape.density.place_labels`),
and overlays switched by buttons: two or three applicants, offices, value score. The year view is
a separate animated figure (:func:`ipnav.landscape.timeline.timeline_figure`). HTML embeds plotly.js (no CDN); PNG goes
through kaleido when a Chrome/Chromium is installed, else through matplotlib
(:mod:`ipnav.landscape.static`) from the same data.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ipnav.landscape.density import DensityGrid, LabelBox, density_grid, place_labels, topic_peaks

__all__ = [
    "TERRAIN",
    "label_annotation",
    "landscape_figure",
    "map_frame",
    "map_labels",
    "short_label",
    "terrain_contour",
    "write_html",
    "write_png",
]

log = logging.getLogger(__name__)

TERRAIN: list[tuple[float, str]] = [
    (0.0, "#f4f8fb"),
    (0.04, "#dcebd6"),
    (0.15, "#bcdcab"),
    (0.3, "#97c583"),
    (0.45, "#c9c98a"),
    (0.6, "#d8b779"),
    (0.75, "#b98d5a"),
    (0.9, "#9c7650"),
    (1.0, "#fbf7ef"),
]
"""Sea -> lowland -> hills -> peaks (snow), the ThemeScape look."""

FONT = "Noto Sans CJK SC, Noto Sans, DejaVu Sans, Arial, sans-serif"
PALETTE = ["#d62728", "#1f77b4", "#9467bd", "#ff7f0e", "#17becf", "#e377c2", "#2ca02c", "#8c564b"]
WIDTH, HEIGHT = 1400, 950


def map_frame(corpus: pd.DataFrame, assignments: pd.DataFrame, *, scores: pd.Series | None = None) -> pd.DataFrame:
    """One row per patent with what the map shows: ``id, x, y, topic, probability, title,
    applicant, year, jurisdiction`` and ``score`` (NaN where no score is given).

    Args:
        corpus: From :func:`~ipnav.landscape.corpus.build_corpus`.
        assignments: ``id, topic, probability, x, y`` (e.g. ``Landscape.assignments()``).
        scores: Optional value score indexed by patent id.
    """
    frame = assignments.merge(corpus[["id", "title", "applicants", "year", "jurisdiction"]], on="id", how="left")
    frame["applicant"] = frame["applicants"].map(lambda a: a[0] if isinstance(a, list) and a else "")
    frame = frame.drop(columns=["applicants"])
    frame["score"] = frame["id"].map(scores) if scores is not None else np.nan
    return frame


def short_label(node: dict[str, Any], *, n_terms: int = 2) -> str:
    """Map label of a topic node: its first terms (English, and Chinese when the node has them),
    one per line.

    Example:
        >>> short_label({"label_en": "robot arm / gripper / joint", "label_zh": ""})
        'robot arm\\ngripper'
    """
    lines = [t for t in (node.get("label_en") or "").split(" / ") if t][:n_terms]
    zh = [t for t in (node.get("label_zh") or "").split(" / ") if t][:n_terms]
    if zh:
        lines.append(" ".join(zh))
    return "\n".join(lines) or f"topic {node.get('id')}"


def map_labels(
    frame: pd.DataFrame,
    nodes: Sequence[dict[str, Any]],
    grid: DensityGrid,
    *,
    level: int | None = None,
    width_px: int = WIDTH,
    height_px: int = HEIGHT,
    font_px: float = 12.0,
) -> list[LabelBox]:
    """Label boxes of the nodes shown at ``level`` topics (None: every topic), largest first."""
    topics = [n for n in nodes if n["is_topic"]]
    if level is None or level >= len(topics):
        shown = topics
        owner = frame["topic"].to_numpy()
    else:
        shown = [n for n in nodes if n["n_min"] <= level <= n["n_max"]]
        leaf_owner = {leaf: n["id"] for n in shown for leaf in _leaves(nodes, n["id"])}
        owner = frame["topic"].map(lambda t: leaf_owner.get(int(t), -1)).to_numpy()
    coords = frame[["x", "y"]].to_numpy()
    peaks = topic_peaks(coords, owner, grid, [n["id"] for n in shown])
    order = sorted(shown, key=lambda n: (-n["size"], n["id"]))
    anchors = [(n["id"], short_label(n), *peaks[n["id"]][:2]) for n in order if n["id"] in peaks]
    return place_labels(
        anchors,
        x_range=(grid.xs[0], grid.xs[-1]),
        y_range=(grid.ys[0], grid.ys[-1]),
        width_px=int(width_px * 0.9),
        height_px=int(height_px * 0.85),
        font_px=font_px,
    )


def _leaves(nodes: Sequence[dict[str, Any]], node_id: int) -> list[int]:
    by_id = {n["id"]: n for n in nodes}
    children: dict[int, list[int]] = {}
    for n in nodes:
        if n["parent"] is not None:
            children.setdefault(n["parent"], []).append(n["id"])
    stack, out = [node_id], []
    while stack:
        v = stack.pop()
        if by_id[v]["is_topic"]:
            out.append(v)
        stack.extend(children.get(v, []))
    return sorted(out)


def _hover(frame: pd.DataFrame, names: dict[int, str]) -> list[str]:
    out = []
    for t, title, app, year, jur in zip(
        frame["topic"],
        frame["title"],
        frame["applicant"],
        frame["year"],
        frame["jurisdiction"],
        strict=True,
    ):
        y = "" if pd.isna(year) else str(int(year))
        out.append(
            f"<b>{html.escape(str(title)[:110])}</b><br>{html.escape(str(app)[:60])} · {y} · {jur}"
            f"<br><i>{html.escape(names.get(int(t), 'outlier'))}</i>"
        )
    return out


def landscape_figure(
    frame: pd.DataFrame,
    nodes: Sequence[dict[str, Any]],
    *,
    level: int | None = None,
    compare: Sequence[str] = (),
    title: str = "Patent landscape",
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """The topographic map with hover points, peak labels and overlay buttons.

    Args:
        frame: From :func:`map_frame`.
        nodes: ``Landscape.nodes_`` (or the same dicts loaded from a store).
        level: Label the map at this many topics (merge tree cut); None labels every topic.
        compare: Two or three applicant names (as in ``frame.applicant``) for the applicant overlay.
        title: Figure title.

    Returns:
        A ``plotly.graph_objects.Figure``.
    """
    import plotly.graph_objects as go

    grid = density_grid(frame[["x", "y"]].to_numpy())
    names = {n["id"]: n["label"] for n in nodes if n["is_topic"]}
    fig = go.Figure()
    fig.add_trace(terrain_contour(grid, name="terrain"))
    fig.add_trace(
        go.Scatter(
            x=frame["x"],
            y=frame["y"],
            mode="markers",
            name="patents",
            marker={"size": 3, "color": "rgba(40,40,40,0.35)"},
            text=_hover(frame, names),
            hovertemplate="%{text}<extra></extra>",
        )
    )
    groups: dict[str, list[int]] = {"all": [0, 1]}
    for name, traces in _overlays(frame, names, compare).items():
        groups[name] = []
        for trace in traces:
            groups[name].append(len(fig.data))
            fig.add_trace(trace)
    boxes = map_labels(frame, nodes, grid, level=level, width_px=width, height_px=height)
    caption = {
        "x": 0.01,
        "y": 0.0,
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "bottom",
        "text": map_caption(len(frame), nodes, level),
        "font": {"size": 11, "color": "#555"},
        "bgcolor": "rgba(255,255,255,0.7)",
    }
    fig.update_layout(annotations=[label_annotation(b) for b in boxes] + [caption])
    visible = {name: [i in (0, *idx) for i in range(len(fig.data))] for name, idx in groups.items()}
    visible["all"] = [i in (0, 1) for i in range(len(fig.data))]
    for i in range(2, len(fig.data)):
        fig.data[i].visible = False
    buttons = [
        {
            "label": {
                "all": "Topics 主题",
                "applicants": "Applicants 申请人",
                "offices": "Offices 受理局",
                "score": "Value score 价值评分",
            }[name],
            "method": "update",
            "args": [{"visible": visible[name]}],
        }
        for name in groups
    ]
    fig.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 20}},
        width=width,
        height=height,
        font={"family": FONT, "size": 12},
        plot_bgcolor="#f4f8fb",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis={"visible": False, "range": [grid.xs[0], grid.xs[-1]]},
        yaxis={"visible": False, "range": [grid.ys[0], grid.ys[-1]], "scaleanchor": None},
        legend={"x": 0.01, "y": 0.01, "bgcolor": "rgba(255,255,255,0.8)"},
        hoverlabel={"font": {"family": FONT}},
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "x": 0.99,
                "xanchor": "right",
                "y": 1.05,
                "buttons": buttons,
                "showactive": True,
            }
        ]
        if len(groups) > 1
        else [],
    )
    return fig


def map_caption(n_patents: int, nodes: Sequence[dict[str, Any]], level: int | None) -> str:
    """The legend line under the map (bilingual).

    Example:
        >>> map_caption(100, [{"is_topic": True}] * 30, 25)
        'Height = density of 100 patents · labels: 25 of 30 topics (merged) · 地形高度 = 专利密度'
    """
    k = sum(1 for n in nodes if n.get("is_topic"))
    shown = f"{level} of {k} topics (merged)" if level is not None and level < k else f"{k} topics"
    return f"Height = density of {n_patents:,} patents · labels: {shown} · 地形高度 = 专利密度"


def _overlays(frame: pd.DataFrame, names: dict[int, str], compare: Sequence[str]) -> dict[str, list[Any]]:
    import plotly.graph_objects as go

    out: dict[str, list[Any]] = {}
    if compare:
        out["applicants"] = [
            go.Scatter(
                x=sub["x"],
                y=sub["y"],
                mode="markers",
                name=f"{name} ({len(sub)})",
                marker={
                    "size": 6,
                    "color": PALETTE[i % len(PALETTE)],
                    "line": {"width": 0.5, "color": "white"},
                },
                text=_hover(sub, names),
                hovertemplate="%{text}<extra></extra>",
            )
            for i, name in enumerate(compare)
            if len(sub := frame[frame["applicant"] == name])
        ]
    offices = frame["jurisdiction"].value_counts()
    if len(offices) > 1:
        top = list(offices.index[:6])
        traces = []
        for i, office in enumerate([*top, "other"]):
            sub = (
                frame[~frame["jurisdiction"].isin(top)] if office == "other" else frame[frame["jurisdiction"] == office]
            )
            if len(sub):
                traces.append(
                    go.Scatter(
                        x=sub["x"],
                        y=sub["y"],
                        mode="markers",
                        name=f"{office} ({len(sub)})",
                        marker={"size": 4, "color": PALETTE[i % len(PALETTE)], "opacity": 0.7},
                        text=_hover(sub, names),
                        hovertemplate="%{text}<extra></extra>",
                    )
                )
        out["offices"] = traces
    scored = frame[frame["score"].notna()]
    if len(scored):
        out["score"] = [
            go.Scatter(
                x=scored["x"],
                y=scored["y"],
                mode="markers",
                name="value score",
                marker={
                    "size": 5,
                    "color": scored["score"],
                    "colorscale": "Viridis",
                    "showscale": True,
                    "colorbar": {"title": "score", "x": 1.0},
                },
                text=_hover(scored, names),
                hovertemplate="%{text}<br>score %{marker.color:.2f}<extra></extra>",
            )
        ]
    return out


def terrain_contour(
    grid: DensityGrid,
    *,
    ncontours: int = 16,
    line_width: float = 0.4,
    line_alpha: float = 0.35,
    name: str | None = None,
) -> Any:
    """The topographic layer of a map: filled contours of the square root of the density."""
    import plotly.graph_objects as go

    extra = {} if name is None else {"name": name}
    return go.Contour(
        x=grid.xs,
        y=grid.ys,
        z=np.sqrt(grid.z),
        colorscale=TERRAIN,
        showscale=False,
        ncontours=ncontours,
        line={"width": line_width, "color": f"rgba(90,70,50,{line_alpha})"},
        hoverinfo="skip",
        **extra,
    )


def label_annotation(box: LabelBox, **style: Any) -> dict[str, Any]:
    """A plotly annotation for a placed label; a label moved off its peak gets a leader line.
    ``style`` overrides the look (``font``, ``bgcolor``, ``bordercolor``)."""
    moved = (box.x, box.y) != (box.px, box.py)
    out = {
        "x": box.px if moved else box.x,
        "y": box.py if moved else box.y,
        "ax": box.x,
        "ay": box.y,
        "axref": "x",
        "ayref": "y",
        "xref": "x",
        "yref": "y",
        "showarrow": moved,
        "arrowhead": 0,
        "arrowwidth": 0.8,
        "arrowcolor": "rgba(60,40,20,0.7)",
        "text": box.text.replace("\n", "<br>"),
        "font": {"size": 12, "color": "#222"},
        "bgcolor": "rgba(255,255,255,0.78)",
        "bordercolor": "rgba(60,40,20,0.5)",
        "borderwidth": 0.6,
        "borderpad": 2,
    }
    out.update(style)
    return out


def write_html(fig: Any, path: str | Path) -> Path:
    """Standalone HTML with plotly.js inline (opens offline, no CDN)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.write_html(str(path), include_plotlyjs=True, full_html=True, config={"displaylogo": False})
    return path


def write_png(
    fig: Any,
    path: str | Path,
    *,
    frame: pd.DataFrame,
    nodes: Sequence[dict[str, Any]],
    level: int | None = None,
    engine: str = "auto",
    title: str = "",
) -> str:
    """Write the map as PNG; returns the engine used (``kaleido`` or ``matplotlib``).

    ``auto`` tries kaleido (needs a Chrome/Chromium on the machine; Debian: ``apt-get install
    chromium``) and falls back to matplotlib, which draws the same terrain and labels from
    ``frame`` and ``nodes``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if engine in ("auto", "kaleido"):
        try:
            fig.write_image(str(path), scale=1)
            return "kaleido"
        except Exception as exc:  # kaleido raises several types when no browser can start
            if engine == "kaleido":
                raise
            log.info("kaleido could not render (%s); drawing the PNG with matplotlib", exc)
    from ipnav.landscape.static import render_png

    render_png(frame, nodes, path, level=level, title=title)
    return "matplotlib"
