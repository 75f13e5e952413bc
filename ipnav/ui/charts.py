"""Small Plotly charts in one house style (fonts with Chinese glyphs, quiet colours, no CDN).

Each function takes a plain table and returns a ``plotly.graph_objects.Figure``; the app shows
it with ``st.plotly_chart``, a notebook with ``fig.show()``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ipnav.i18n import column_label

__all__ = ["FONT_STACK", "PALETTE", "ranking_bars", "style", "year_bars"]

FONT_STACK = (
    '"Source Sans", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
    '"PingFang SC", "Microsoft YaHei", "DejaVu Sans", sans-serif'
)
"""Fonts for chart text: Latin first, then faces with Chinese glyphs (Debian's fonts-noto-cjk,
macOS, Windows), all local; nothing is fetched."""

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
