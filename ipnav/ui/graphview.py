"""A piece of the knowledge graph as a table and as an offline Plotly network drawing.

Works on any :class:`~ipnav.store.base.Subgraph` (``store.neighbors``, the Cypher console,
a main path): nodes ``{"id", "label", "name", ...}``, edges ``{"source", "target", "type"}``.
The layout is networkx's spring layout with a fixed seed, so the same subgraph is drawn the
same way every time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from ipnav.i18n import TEXT, tr
from ipnav.store.base import Subgraph
from ipnav.ui.charts import FONT_STACK, style

__all__ = ["LABEL_COLORS", "graph_figure", "layout_positions", "neighbour_table"]

LABEL_COLORS = {
    "Patent": "#1f5f8b",
    "Organization": "#e07b39",
    "Inventor": "#3a9d8f",
    "Code": "#8172b3",
    "Industry": "#c44e52",
    "Family": "#937860",
    "Topic": "#da8bc3",
    "Region": "#55a868",
}
_OTHER = "#8c8c8c"


def _label_name(label: str, lang: str) -> str:
    return tr(f"label.{label}", lang) if f"label.{label}" in TEXT else label


def neighbour_table(subgraph: Subgraph, center: str | None = None, *, lang: str = "zh") -> pd.DataFrame:
    """One row per node other than ``center``: ``label, key, name, type`` (the edge types joining it to the centre).

    Example:
        >>> g = Subgraph([{"id": "Patent:1", "label": "Patent", "key": "1", "name": "Arm"},
        ...               {"id": "Organization:A", "label": "Organization", "key": "A", "name": "A"}],
        ...              [{"source": "Patent:1", "target": "Organization:A", "type": "ASSIGNED_TO"}])
        >>> neighbour_table(g, "Patent:1", lang="en")[["label", "key", "type"]].values.tolist()
        [['Organisation', 'A', 'ASSIGNED_TO']]
    """
    types: dict[str, set[str]] = {}
    for e in subgraph.edges:
        for a, b in ((e["source"], e["target"]), (e["target"], e["source"])):
            if center is None or a == center:
                types.setdefault(b, set()).add(str(e.get("type", "")))
    rows = [
        {
            "label": _label_name(str(n.get("label", "")), lang),
            "key": str(n.get("key", n["id"])),
            "name": str(n.get("name") or n.get("key") or n["id"]),
            "type": ", ".join(sorted(types.get(n["id"], ()))),
            "node": n["id"],
        }
        for n in subgraph.nodes
        if n["id"] != center
    ]
    return pd.DataFrame(rows, columns=["label", "key", "name", "type", "node"])


def layout_positions(
    subgraph: Subgraph, center: str | None = None, *, seed: int = 42
) -> dict[str, tuple[float, float]]:
    """Node positions: the centre at the origin, the rest by a seeded spring layout.

    Example:
        >>> g = Subgraph([{"id": "a"}, {"id": "b"}], [{"source": "a", "target": "b", "type": "CITES"}])
        >>> layout_positions(g, "a")["a"]
        (0.0, 0.0)
    """
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in subgraph.nodes)
    graph.add_edges_from((e["source"], e["target"]) for e in subgraph.edges if e["source"] != e["target"])
    if graph.number_of_nodes() == 0:
        return {}
    fixed = [center] if center in graph else None
    init = {center: (0.0, 0.0)} if fixed else None
    if init:  # a deterministic ring around the centre as the starting point
        others = [n for n in graph if n != center]
        for i, node in enumerate(others):
            angle = 2 * math.pi * i / max(1, len(others))
            init[node] = (math.cos(angle), math.sin(angle))
    k = 1.6 / math.sqrt(max(1, graph.number_of_nodes()))
    pos = nx.spring_layout(graph, pos=init, fixed=fixed, seed=seed, k=k, iterations=80)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _short(text: str, n: int = 26) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _edge_traces(
    subgraph: Subgraph, pos: Mapping[str, tuple[float, float]], widths: Mapping[tuple[str, str], float]
) -> list[go.Scatter]:
    """Edges as lines (one trace for plain ones, one per weighted edge) and invisible midpoints that
    name the relation on hover."""
    drawn = [e for e in subgraph.edges if e["source"] in pos and e["target"] in pos]
    traces: list[go.Scatter] = []
    plain_x: list[float | None] = []
    plain_y: list[float | None] = []
    for e in drawn:
        (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
        width = widths.get((e["source"], e["target"]))
        if width is None:
            plain_x += [x0, x1, None]
            plain_y += [y0, y1, None]
        else:
            traces.append(
                go.Scatter(
                    x=[x0, x1],
                    y=[y0, y1],
                    mode="lines",
                    hoverinfo="skip",
                    showlegend=False,
                    line={"color": "#7a8ea3", "width": width},
                )
            )
    traces.append(
        go.Scatter(
            x=plain_x,
            y=plain_y,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line={"color": "#b8c4d0", "width": 1},
        )
    )
    if drawn:
        traces.append(
            go.Scatter(
                x=[(pos[e["source"]][0] + pos[e["target"]][0]) / 2 for e in drawn],
                y=[(pos[e["source"]][1] + pos[e["target"]][1]) / 2 for e in drawn],
                mode="markers",
                showlegend=False,
                marker={"size": 6, "color": "rgba(0,0,0,0)"},
                text=[str(e.get("type", "")) for e in drawn],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    return traces


def _node_traces(
    subgraph: Subgraph,
    pos: Mapping[str, tuple[float, float]],
    *,
    center: str | None,
    marked: set[str],
    lang: str,
    show_labels: bool,
) -> list[go.Scatter]:
    """One trace per node label (the legend), the centre and marked nodes ringed."""
    by_label: dict[str, list[dict[str, Any]]] = {}
    for n in subgraph.nodes:
        if n["id"] in pos:
            by_label.setdefault(str(n.get("label") or "?"), []).append(n)
    order = list(LABEL_COLORS)
    traces = []
    for label in sorted(by_label, key=lambda lb: (lb not in LABEL_COLORS, order.index(lb) if lb in order else 0, lb)):
        nodes = by_label[label]
        names = [str(n.get("name") or n.get("key") or n["id"]) for n in nodes]
        ringed = [n["id"] in marked or n["id"] == center for n in nodes]
        traces.append(
            go.Scatter(
                x=[pos[n["id"]][0] for n in nodes],
                y=[pos[n["id"]][1] for n in nodes],
                mode="markers+text" if show_labels else "markers",
                name=_label_name(label, lang),
                text=[_short(s) for s in names],
                textposition="top center",
                textfont={"size": 10, "color": "#34495e"},
                customdata=[[n["id"], s] for n, s in zip(nodes, names, strict=True)],
                hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]}<extra></extra>",
                marker={
                    "size": [26 if n["id"] == center else 14 for n in nodes],
                    "color": LABEL_COLORS.get(label, _OTHER),
                    "line": {
                        "width": [3 if r else 1 for r in ringed],
                        "color": ["#1b2733" if r else "white" for r in ringed],
                    },
                },
            )
        )
    return traces


def graph_figure(
    subgraph: Subgraph,
    center: str | None = None,
    *,
    lang: str = "zh",
    height: int = 560,
    highlight: Sequence[str] = (),
    seed: int = 42,
    edge_widths: Mapping[tuple[str, str], float] | None = None,
    show_labels: bool = True,
) -> go.Figure:
    """Draw a subgraph: nodes coloured by label (legend in the chosen language), names on hover.

    Args:
        subgraph: The nodes and edges.
        center: Node id drawn larger at the centre.
        lang: Legend language.
        height: Pixels.
        highlight: Node ids drawn with a dark ring (e.g. the main path).
        seed: Layout seed.
        edge_widths: Optional width per ``(source, target)`` (e.g. SPC weights, scaled 1-8).
        show_labels: Write short names beside the nodes.

    Example:
        >>> nodes = [{"id": "a", "label": "Patent", "name": "A"}, {"id": "b", "label": "Organization", "name": "B"}]
        >>> g = Subgraph(nodes, [{"source": "a", "target": "b", "type": "ASSIGNED_TO"}])
        >>> sorted(t.name for t in graph_figure(g, "a", lang="en").data if t.name)
        ['Organisation', 'Patent']
    """
    pos = layout_positions(subgraph, center, seed=seed)
    fig = go.Figure(_edge_traces(subgraph, pos, dict(edge_widths or {})))
    for trace in _node_traces(subgraph, pos, center=center, marked=set(highlight), lang=lang, show_labels=show_labels):
        fig.add_trace(trace)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    style(fig, height=height, legend=True)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.02, "font": {"family": FONT_STACK}}, hovermode="closest", dragmode="pan"
    )
    return fig


SEARCHABLE = ("Organization", "Patent", "Inventor", "Topic", "Code")
"""Node types the explorer can look up by text."""


def find_nodes(store: Any, label: str, query: str, *, limit: int = 30, lang: str = "zh") -> list[dict[str, str]]:
    """Nodes of one type matching a text, as ``{"key", "name"}`` (best first).

    Organisations by key or name (largest first); patents by exact id, else by title/abstract
    text; topics by label; inventors and codes by exact key (the explorer reaches them from
    a patent's neighbourhood).

    Raises:
        ConfigError: ``label`` is not in :data:`SEARCHABLE`.

    Example:
        >>> from ipnav.store.sqlite import SqliteStore
        >>> import tempfile
        >>> find_nodes(SqliteStore(f"{tempfile.mkdtemp()}/x.db").open(), "Organization", "intel")
        []
    """
    from ipnav.exceptions import ConfigError
    from ipnav.store.base import PatentFilter

    query = (query or "").strip()
    if label == "Organization":
        return [
            {"key": o["key"], "name": f"{o['name']} ({o['patents']:,})"}
            for o in store.organizations(query or None, limit=limit)
        ]
    if label == "Patent":
        if not query:
            return []
        exact = store.get_patents([query.upper().replace(" ", "")])
        found = list(exact.values())
        if not found:
            found = [r for _, r in zip(range(limit), store.iter_patents(PatentFilter(text=query)), strict=False)]
        return [{"key": r.id, "name": f"{r.id} · {record_title(r, lang)}"} for r in found]
    if label == "Topic":
        _, topics, _ = store.load_topics()
        q = query.lower()
        hits = [tp for tp in topics if not q or q in str(tp.get("label", "")).lower() or q == str(tp.get("id"))]
        return [{"key": str(tp["id"]), "name": f"{tp['id']} · {tp.get('label', '')}"} for tp in hits[:limit]]
    if label in ("Inventor", "Code"):
        return [{"key": query, "name": query}] if query else []
    raise ConfigError(
        f"The 'label' parameter of find_nodes must be one of {', '.join(SEARCHABLE)}. Got {label!r} instead."
    )


def record_title(record: Any, lang: str = "zh") -> str:
    """A record's title in ``lang`` when it has one, else in the other language, else any.

    Example:
        >>> from ipnav.records import PatentRecord
        >>> record_title(PatentRecord(id="CN1", title={"zh": "机器人", "en": "Robot"}), "en")
        'Robot'
    """
    titles = record.title or {}
    other = "en" if lang == "zh" else "zh"
    return titles.get(lang) or titles.get(other) or next(iter(titles.values()), "")


__all__ += ["SEARCHABLE", "find_nodes", "record_title"]
