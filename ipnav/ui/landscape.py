"""The Landscape page's data: the map table, topics at a zoom level, topic details and figures.

The map is :mod:`ipnav.landscape`'s (terrain from :func:`~ipnav.landscape.density.density_grid`,
labels placed by :func:`~ipnav.landscape.figures.map_labels`, the ThemeScape colours); this module
draws it for an interactive page: a year range that re-draws the terrain of those years on fixed
bounds, overlays chosen by widgets (applicants to compare, offices, value score) instead of
buttons, and a size that follows the page.

``ipnav demo`` keeps the per-patent map table as the artifact ``app.map``
(:func:`save_map_table`) so the page does not rebuild it from every record; a landscape saved by
``ipnav landscape`` alone is read too (:func:`load_map`, slower the first time).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ipnav.i18n import column_label
from ipnav.ui.charts import FONT_STACK, PALETTE, style

__all__ = [
    "MAP_KEY",
    "load_map",
    "map_figure",
    "node_label",
    "save_map_table",
    "topic_detail",
    "topic_owner",
    "topic_table",
    "trend_figure",
]

MAP_KEY = "app.map"
MAP_COLUMNS = ["id", "x", "y", "topic", "probability", "title", "applicant", "year", "jurisdiction", "score"]
OVERLAYS = ("topics", "applicants", "offices", "score")


def save_map_table(store: Any, frame: pd.DataFrame) -> None:
    """Keep the per-patent map table (:func:`ipnav.landscape.figures.map_frame` columns) in the store."""
    frame = frame.reindex(columns=MAP_COLUMNS)
    rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    store.put_artifact(MAP_KEY, {"columns": MAP_COLUMNS, "data": rows})


def _table(blob: Mapping[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(blob["data"], columns=blob["columns"])
    for col in ("x", "y", "probability", "score", "year"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce")
    frame["topic"] = pd.to_numeric(frame["topic"], errors="coerce").fillna(-1).astype(int)
    for col in ("title", "applicant", "jurisdiction"):
        frame[col] = frame[col].fillna("").astype(str)
    return frame


def load_map(store: Any) -> tuple[dict[str, Any], list[dict[str, Any]], pd.DataFrame]:
    """``(run parameters, topic nodes, map table)`` of the store's landscape.

    Raises:
        AnalysisError: The store holds no landscape (run ``ipnav demo`` or ``ipnav landscape``).
    """
    from ipnav.landscape.pipeline import load_landscape

    params, nodes, assignments = load_landscape(store)
    blob = store.get_artifact(MAP_KEY)
    if blob is not None and len(blob.get("data", [])) == len(assignments):
        return params, nodes, _table(blob)
    from ipnav.landscape.corpus import build_corpus
    from ipnav.landscape.figures import map_frame

    records = store.get_patents(assignments["id"].tolist())
    corpus = build_corpus([records[i] for i in assignments["id"] if i in records])
    frame = map_frame(corpus, assignments).reindex(columns=MAP_COLUMNS)
    return params, nodes, _table({"columns": MAP_COLUMNS, "data": frame.astype(object).to_numpy().tolist()})


def node_label(node: Mapping[str, Any], lang: str = "zh") -> str:
    """A topic's label in ``lang`` when it has one (Chinese labels exist for topics with Chinese text).

    Example:
        >>> node_label({"id": 3, "label": "gait / legged robot", "label_zh": "步态"}, "zh")
        '步态'
    """
    if lang == "zh" and node.get("label_zh"):
        return str(node["label_zh"])
    return str(node.get("label_en") or node.get("label") or f"#{node.get('id')}")


def _children(nodes: Sequence[Mapping[str, Any]]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for n in nodes:
        if n.get("parent") is not None:
            out.setdefault(int(n["parent"]), []).append(int(n["id"]))
    return out


def shown_nodes(nodes: Sequence[Mapping[str, Any]], level: int) -> list[Mapping[str, Any]]:
    """The merge-tree nodes a map zoomed to ``level`` topics shows (each topic at full zoom)."""
    topics = [n for n in nodes if n.get("is_topic")]
    if level >= len(topics):
        return topics
    return [n for n in nodes if n.get("n_min", 0) <= level <= n.get("n_max", 0)]


def topic_owner(frame: pd.DataFrame, nodes: Sequence[Mapping[str, Any]], level: int) -> pd.Series:
    """For each patent of the map table, the node shown at ``level`` topics (-1: outlier).

    Example:
        >>> nodes = [{"id": 0, "is_topic": True, "parent": 2, "n_min": 2, "n_max": 2},
        ...          {"id": 1, "is_topic": True, "parent": 2, "n_min": 2, "n_max": 2},
        ...          {"id": 2, "is_topic": False, "parent": None, "n_min": 1, "n_max": 1}]
        >>> topic_owner(pd.DataFrame({"topic": [0, 1, -1]}), nodes, 1).tolist()
        [2, 2, -1]
    """
    children = _children(nodes)
    by_id = {int(n["id"]): n for n in nodes}
    owner: dict[int, int] = {}
    for node in shown_nodes(nodes, level):
        stack = [int(node["id"])]
        while stack:
            v = stack.pop()
            if by_id[v].get("is_topic"):
                owner[v] = int(node["id"])
            stack.extend(children.get(v, []))
    return frame["topic"].map(lambda t: owner.get(int(t), -1)).astype(int)


def topic_table(nodes: Sequence[Mapping[str, Any]], level: int, *, lang: str = "zh") -> pd.DataFrame:
    """Topics at ``level``: ``id, topic, size, share, growth, emerging, applicants, codes``, largest first.

    ``growth`` is the topic's 5-year compound annual growth rate (see docs/landscape.md).
    """
    rows = []
    for n in shown_nodes(nodes, level):
        rows.append(
            {
                "id": int(n["id"]),
                "topic": node_label(n, lang),
                "size": int(n.get("size", 0)),
                "share": float(n.get("share", 0.0)),
                "growth": n.get("growth"),
                "emerging": bool(n.get("emerging", False)),
                "applicants": ", ".join(str(a[0]) for a in (n.get("top_applicants") or [])[:3]),
                "codes": ", ".join(str(c[0]) for c in (n.get("top_codes") or [])[:3]),
            }
        )
    frame = pd.DataFrame(rows, columns=["id", "topic", "size", "share", "growth", "emerging", "applicants", "codes"])
    frame["growth"] = pd.to_numeric(frame["growth"], errors="coerce")
    return frame.sort_values(["size", "id"], ascending=[False, True], ignore_index=True)


def _hover(frame: pd.DataFrame, names: Mapping[int, str], owner: pd.Series) -> list[str]:
    out = []
    for title, app, year, jur, node in zip(
        frame["title"], frame["applicant"], frame["year"], frame["jurisdiction"], owner, strict=True
    ):
        y = "" if pd.isna(year) else str(int(year))
        topic = names.get(int(node), "—")
        out.append(
            f"<b>{html.escape(title[:110])}</b><br>{html.escape(app[:60])} · {y} · {jur}<br><i>{html.escape(topic)}</i>"
        )
    return out


def _labels_for(
    frame: pd.DataFrame, nodes: Sequence[Mapping[str, Any]], grid: Any, level: int, lang: str, width: int, height: int
) -> list[dict[str, Any]]:
    from ipnav.landscape.figures import label_annotation, map_labels

    localized = [
        {**n, "label_en": node_label(n, lang) if lang == "zh" and n.get("label_zh") else n.get("label_en")}
        for n in nodes
    ]
    boxes = map_labels(frame, localized, grid, level=level, width_px=width, height_px=height)
    return [
        label_annotation(
            b,
            font={"size": 12, "color": "#1b1b1b", "family": FONT_STACK},
            bgcolor="rgba(255,255,255,0.8)",
            bordercolor="rgba(60,40,20,0.45)",
        )
        for b in boxes
    ]


def _terrain(frame: pd.DataFrame, chosen: pd.DataFrame) -> tuple[go.Contour, Any, tuple[float, float, float, float]]:
    """The terrain of the ``chosen`` patents drawn on the whole map's bounds (so the land stays put
    while the year range moves); also the whole map's density grid and the bounds."""
    from ipnav.landscape.density import density_grid
    from ipnav.landscape.figures import terrain_contour

    full = density_grid(frame[["x", "y"]].to_numpy(dtype=float))
    half_x, half_y = (full.xs[1] - full.xs[0]) / 2, (full.ys[1] - full.ys[0]) / 2
    bounds = (full.xs[0] - half_x, full.xs[-1] + half_x, full.ys[0] - half_y, full.ys[-1] + half_y)
    grid = density_grid(chosen[["x", "y"]].to_numpy(dtype=float), bounds=bounds) if len(chosen) else full
    return terrain_contour(grid, name="terrain"), full, bounds


def map_figure(
    frame: pd.DataFrame,
    nodes: Sequence[Mapping[str, Any]],
    *,
    level: int,
    years: tuple[int, int] | None = None,
    overlay: str = "topics",
    compare: Sequence[str] = (),
    lang: str = "zh",
    height: int = 720,
    width_hint: int = 1100,
) -> go.Figure:
    """The topographic map for the page.

    Args:
        frame: The map table (:func:`load_map`).
        nodes: The topic nodes (merge tree included).
        level: Topics labelled (zoom of the merge tree).
        years: Filing-year range shown; the terrain is that of these years on the whole map's bounds,
            so the land stays where it is while the slider moves. None: all years.
        overlay: ``topics`` (patents as grey dots), ``applicants`` (``compare``), ``offices`` or ``score``.
        compare: Up to three applicants (as in ``frame.applicant``) for the ``applicants`` overlay.
        lang: Label and legend language.
        height: Pixels; the width follows the page.
        width_hint: Expected width in pixels, used to place labels without overlap.

    Raises:
        ConfigError: Unknown overlay.
    """
    from ipnav.exceptions import ConfigError

    if overlay not in OVERLAYS:
        raise ConfigError(f"The 'overlay' parameter must be one of {', '.join(OVERLAYS)}. Got {overlay!r} instead.")
    chosen = frame if years is None else frame[(frame["year"] >= years[0]) & (frame["year"] <= years[1])]
    terrain, full, bounds = _terrain(frame, chosen)
    owner = topic_owner(chosen, nodes, level)
    names = {int(n["id"]): node_label(n, lang) for n in nodes}
    fig = go.Figure(terrain)
    faded = overlay != "topics"
    fig.add_trace(
        go.Scattergl(
            x=chosen["x"],
            y=chosen["y"],
            mode="markers",
            name=column_label("patents", lang),
            marker={"size": 3, "color": "rgba(40,40,40,0.18)" if faded else "rgba(40,40,40,0.4)"},
            text=_hover(chosen, names, owner),
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    for trace in _overlay_traces(chosen, names, owner, overlay, compare, lang):
        fig.add_trace(trace)
    fig.update_layout(annotations=_labels_for(frame, nodes, full, level, lang, width_hint, height))
    fig.update_xaxes(visible=False, range=[bounds[0], bounds[1]])
    fig.update_yaxes(visible=False, range=[bounds[2], bounds[3]])
    style(fig, height=height, legend=overlay != "topics")
    fig.update_layout(
        plot_bgcolor="#f4f8fb",
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        dragmode="zoom",
        legend={"x": 0.01, "y": 0.01, "bgcolor": "rgba(255,255,255,0.85)"},
        hovermode="closest",
    )
    return fig


def _overlay_traces(
    frame: pd.DataFrame, names: Mapping[int, str], owner: pd.Series, overlay: str, compare: Sequence[str], lang: str
) -> list[Any]:
    traces: list[Any] = []
    if overlay == "applicants":
        for i, name in enumerate(compare[:3]):
            sub = frame[frame["applicant"] == name]
            if len(sub):
                traces.append(
                    go.Scattergl(
                        x=sub["x"],
                        y=sub["y"],
                        mode="markers",
                        name=f"{name} ({len(sub):,})",
                        marker={
                            "size": 8,
                            "color": [PALETTE[1], PALETTE[3], PALETTE[4]][i],
                            "line": {"width": 0.6, "color": "white"},
                        },
                        text=_hover(sub, names, owner[sub.index]),
                        hovertemplate="%{text}<extra></extra>",
                    )
                )
    elif overlay == "offices":
        counts = frame["jurisdiction"].value_counts()
        top = list(counts.index[:6])
        for i, office in enumerate(top):
            sub = frame[frame["jurisdiction"] == office]
            traces.append(
                go.Scattergl(
                    x=sub["x"],
                    y=sub["y"],
                    mode="markers",
                    name=f"{office} ({len(sub):,})",
                    marker={"size": 5, "color": PALETTE[i % len(PALETTE)], "opacity": 0.75},
                    text=_hover(sub, names, owner[sub.index]),
                    hovertemplate="%{text}<extra></extra>",
                )
            )
    elif overlay == "score":
        sub = frame[frame["score"].notna()]
        if len(sub):
            traces.append(
                go.Scattergl(
                    x=sub["x"],
                    y=sub["y"],
                    mode="markers",
                    name=column_label("score", lang),
                    marker={
                        "size": 5,
                        "color": sub["score"],
                        "colorscale": "Viridis",
                        "showscale": True,
                        "colorbar": {"title": column_label("score", lang), "thickness": 12},
                    },
                    text=_hover(sub, names, owner[sub.index]),
                    hovertemplate="%{text}<br>%{marker.color:.2f}<extra></extra>",
                )
            )
    return traces


def topic_detail(
    frame: pd.DataFrame,
    nodes: Sequence[Mapping[str, Any]],
    node_id: int,
    *,
    level: int,
    lang: str = "zh",
    top: int = 10,
) -> dict[str, Any]:
    """What the page shows about one topic node.

    Returns:
        ``{"label", "terms", "codes", "size", "share", "growth", "emerging", "ref_year",
        "years": DataFrame(year, patents), "applicants": DataFrame(applicant, patents),
        "patents": DataFrame(id, title, applicant, year, jurisdiction, probability)}``; top
        patents are the members most firmly in the topic (highest membership probability, then newest).

    Raises:
        NotFoundError: No such node.
    """
    from ipnav.exceptions import NotFoundError

    by_id = {int(n["id"]): n for n in nodes}
    if node_id not in by_id:
        raise NotFoundError(f"no topic {node_id} in this landscape")
    node = by_id[node_id]
    members = frame[topic_owner(frame, nodes, level) == node_id]
    years = pd.DataFrame(
        sorted((int(y), int(c)) for y, c in (node.get("years") or {}).items()), columns=["year", "patents"]
    )
    applicants = pd.DataFrame(
        [(str(a), int(c)) for a, c in (node.get("top_applicants") or [])], columns=["applicant", "patents"]
    )
    if len(members) and len(applicants) < top:
        counts = members["applicant"][members["applicant"] != ""].value_counts().head(top)
        applicants = pd.DataFrame({"applicant": counts.index, "patents": counts.to_numpy()})
    best = members.sort_values(["probability", "year"], ascending=[False, False]).head(top)
    terms: list[Any] = list(
        (node.get("terms_zh") if lang == "zh" and node.get("terms_zh") else node.get("terms_en")) or []
    )
    return {
        "label": node_label(node, lang),
        "terms": [t[0] if isinstance(t, list | tuple) else str(t) for t in terms][:12],
        "codes": [
            c[0] if isinstance(c, list | tuple) else str(c) for c in (node.get("codes") or node.get("top_codes") or [])
        ][:6],
        "size": int(node.get("size", len(members))),
        "share": float(node.get("share", 0.0)),
        "growth": node.get("growth"),
        "emerging": bool(node.get("emerging", False)),
        "ref_year": node.get("ref_year"),
        "years": years,
        "applicants": applicants,
        "patents": best[["id", "title", "applicant", "year", "jurisdiction", "probability"]].reset_index(drop=True),
    }


def trend_figure(
    years: pd.DataFrame, *, lang: str = "zh", ref_year: int | None = None, title: str | None = None
) -> go.Figure:
    """Filings per year of a topic; years after ``ref_year`` (not all published yet) drawn lighter."""
    from ipnav.ui.charts import year_bars

    highlight = ref_year + 1 if ref_year is not None else None
    return year_bars(years, lang=lang, title=title, highlight_from=highlight, height=260)
