"""Small Plotly charts in one house style (fonts with Chinese glyphs, quiet colours, no CDN).

Each function takes a plain table and returns a ``plotly.graph_objects.Figure``; the app shows
it with ``st.plotly_chart``, a notebook with ``fig.show()``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ipnav.i18n import column_label
from ipnav.report.fonts import HTML_FONT_STACK

__all__ = ["FONT_STACK", "PALETTE", "ranking_bars", "style", "year_bars"]

FONT_STACK = '"Source Sans", ' + HTML_FONT_STACK
"""Fonts for chart text: Streamlit's Latin face, then the reports' stack of faces with Chinese glyphs
(:data:`ipnav.report.fonts.HTML_FONT_STACK`: Noto Sans CJK SC from Debian's fonts-noto-cjk, then the
macOS and Windows ones), all local to the viewer's machine; nothing is fetched."""

PALETTE = ["#1f5f8b", "#e07b39", "#3a9d8f", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c"]
NAVY = PALETTE[0]


def style(fig: go.Figure, *, height: int = 320, title: str | None = None, legend: bool = False) -> go.Figure:
    """Apply the house style in place and return the figure.

    Example:
        >>> style(go.Figure(), height=200).layout.height
        200
    """
    fig.update_layout(
        height=height,
        title={"text": title, "x": 0, "font": {"size": 15}} if title else None,
        font={"family": FONT_STACK, "size": 13, "color": "#1b2733"},
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        paper_bgcolor="white",
        plot_bgcolor="white",
        showlegend=legend,
        colorway=PALETTE,
        hoverlabel={"font": {"family": FONT_STACK}},
    )
    fig.update_xaxes(showgrid=False, zeroline=False, linecolor="#c9d3dd")
    fig.update_yaxes(gridcolor="#edf1f5", zeroline=False)
    return fig


def year_bars(
    frame: pd.DataFrame,
    *,
    lang: str = "zh",
    value: str = "patents",
    title: str | None = None,
    highlight_from: int | None = None,
    height: int = 300,
) -> go.Figure:
    """Bars of a value by year (columns ``year`` and ``value``).

    Args:
        frame: One row per year.
        lang: Axis-title language.
        value: The value column.
        title: Chart title.
        highlight_from: Years from this one on are drawn lighter (e.g. years whose filings are
            not all published yet).
        height: Pixels.

    Example:
        >>> fig = year_bars(pd.DataFrame({"year": [2020, 2021], "patents": [3, 5]}), lang="en")
        >>> [int(v) for v in fig.data[0].y]
        [3, 5]
    """
    colors = [NAVY if highlight_from is None or y < highlight_from else "#9fbcd3" for y in frame["year"]]
    fig = go.Figure(
        go.Bar(
            x=frame["year"],
            y=frame[value],
            marker_color=colors,
            hovertemplate=f"%{{x}}: %{{y:,}} {column_label(value, lang)}<extra></extra>",
        )
    )
    fig.update_xaxes(title=None, dtick=5 if len(frame) > 15 else 1)
    fig.update_yaxes(title=column_label(value, lang))
    return style(fig, height=height, title=title)


def ranking_bars(
    frame: pd.DataFrame,
    *,
    label: str,
    value: str,
    lang: str = "zh",
    title: str | None = None,
    top: int = 15,
    color: str = NAVY,
    height: int | None = None,
    hover: Sequence[str] = (),
) -> go.Figure:
    """Horizontal bars, largest on top (the ``top`` largest rows of ``frame``).

    Example:
        >>> f = pd.DataFrame({"name": ["A", "B"], "patents": [1, 9]})
        >>> list(ranking_bars(f, label="name", value="patents").data[0].y)
        ['A', 'B']
    """
    rows = frame.astype({value: float}).nlargest(top, value).iloc[::-1] if len(frame) else frame
    extra = "".join(f"<br>{column_label(h, lang)}: %{{customdata[{i}]}}" for i, h in enumerate(hover))
    fig = go.Figure(
        go.Bar(
            x=rows[value],
            y=rows[label].astype(str),
            orientation="h",
            marker_color=color,
            customdata=rows[list(hover)].to_numpy() if hover else None,
            hovertemplate=f"%{{y}}<br>{column_label(value, lang)}: %{{x:,}}{extra}<extra></extra>",
        )
    )
    fig.update_xaxes(title=column_label(value, lang))
    fig.update_yaxes(title=None, automargin=True)
    return style(fig, height=height or max(220, 26 * len(rows) + 60), title=title)


def industry_bars(frame: pd.DataFrame, *, lang: str = "zh", title: str | None = None, top: int = 12) -> go.Figure:
    """Branches of the target industries (rows of level 2 of ``ipnav.ui.workspace.industry_table``),
    coloured by their industry, largest on top.

    Example:
        >>> f = pd.DataFrame({"industry": ["Mobile", "Welding"], "parent": ["Robotics", "Equipment"],
        ...                   "level": [2, 2], "patents": [5, 2]})
        >>> [t.name for t in industry_bars(f, lang="en").data]
        ['Robotics', 'Equipment']
    """
    rows = frame[frame["level"] == 2].nlargest(top, "patents").iloc[::-1]
    fig = go.Figure()
    for i, parent in enumerate(dict.fromkeys(rows["parent"][::-1])):
        part = rows[rows["parent"] == parent]
        fig.add_trace(
            go.Bar(
                x=part["patents"],
                y=part["industry"],
                orientation="h",
                name=parent,
                marker_color=PALETTE[i % len(PALETTE)],
                hovertemplate=f"{parent} › %{{y}}<br>{column_label('patents', lang)}: %{{x:,}}<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["industry"]), automargin=True)
    fig.update_xaxes(title=column_label("patents", lang))
    style(fig, height=max(240, 26 * len(rows) + 90), title=title, legend=True)
    fig.update_layout(legend={"orientation": "h", "y": -0.18}, barmode="stack")
    return fig


__all__ += ["industry_bars"]
