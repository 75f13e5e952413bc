"""Figures of an evaluation (matplotlib, Chinese-capable font; see :mod:`ipnav.report.fonts`).

Each function takes an :class:`~ipnav.scores.evaluation.Evaluation` (or the patent table) and
returns a :class:`matplotlib.figure.Figure`; the report embeds it as SVG (HTML) or PNG (PDF).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ipnav.report.figures import new_figure
from ipnav.scores.definitions import DIMENSIONS
from ipnav.scores.evaluation import Evaluation

__all__ = ["filings_figure", "landscape_figure", "percentile_figure", "sensitivity_figure"]

_DIM_COLOURS = {
    "legal": "#1c7ed6",
    "technical": "#7048e8",
    "economic": "#2b8a3e",
    "strategic": "#e67700",
    "people": "#c2255c",
}


def _label(row: dict, lang: str) -> str:
    return row["name_zh"] if lang == "zh" else row["name_en"]


def percentile_figure(ev: Evaluation, lang: str = "zh") -> Figure:
    """Horizontal bars: the peer percentile of every weighted indicator (missing ones marked).

    Example:
        >>> from ipnav.scores.evaluation import Evaluation
        >>> ev = Evaluation("A", "A", "investment", 50.0, .5, "medium", 10, 1, 2, [{"key": "growth",
        ...     "name_zh": "增长", "name_en": "Growth", "dimension": "strategic", "peer_percentile": 75.0,
        ...     "weight": 1.0, "available": True}], {}, 1.0, [], {}, [], 0, [], [], {}, {})
        >>> len(percentile_figure(ev, "en").axes)
        1
    """
    rows = [r for r in ev.indicators if r["weight"] > 0]
    rows.sort(key=lambda r: (r["peer_percentile"] is None, -(r["peer_percentile"] or 0)))
    fig = new_figure(7.2, 0.32 * len(rows) + 1.0)
    ax = fig.add_subplot()
    y = np.arange(len(rows))[::-1]
    values = [r["peer_percentile"] or 0.0 for r in rows]
    colours = [_DIM_COLOURS.get(r["dimension"], "#495057") if r["available"] else "#ced4da" for r in rows]
    ax.barh(y, values, color=colours, height=0.62)
    for yi, r in zip(y, rows, strict=True):
        text = f"{r['peer_percentile']:.0f}" if r["available"] else ("缺失" if lang == "zh" else "missing")
        ax.text(
            (r["peer_percentile"] or 0) + 1.5,
            yi,
            text,
            va="center",
            fontsize=8,
            color="#212529" if r["available"] else "#868e96",
        )
    ax.set_yticks(y, [f"{_label(r, lang)}  ({r['weight']:.2f})" for r in rows], fontsize=8)
    ax.axvline(50, color="#868e96", lw=0.8, ls="--")
    ax.set_xlim(0, 108)
    ax.set_xlabel(
        "同行百分位(括号内为权重)" if lang == "zh" else "Peer percentile (weight in brackets)",
        fontsize=8.5,
    )
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [
        Patch(color=c, label=DIMENSIONS[d][0 if lang == "zh" else 1])
        for d, c in _DIM_COLOURS.items()
        if any(r["dimension"] == d for r in rows)
    ]
    ax.legend(handles=handles, fontsize=7, loc="lower right", frameon=False)
    return fig


def filings_figure(ev: Evaluation, lang: str = "zh") -> Figure:
    """Filings per year of the evaluated organisation."""
    per_year = ev.facts.get("per_year") or {}
    fig = new_figure(7.2, 2.4)
    ax = fig.add_subplot()
    if per_year:
        years = sorted(int(y) for y in per_year)
        ax.bar(years, [per_year[y] for y in years], color="#164e8c")
    ax.set_ylabel("申请量" if lang == "zh" else "Filings", fontsize=8.5)
    ax.set_xlabel("申请年" if lang == "zh" else "Filing year", fontsize=8.5)
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def sensitivity_figure(ev: Evaluation, lang: str = "zh") -> Figure:
    """The evaluated organisation's rank when each weight moves -x% / +x% (base rank as a line)."""
    rows = ev.sensitivity[:14]
    names = {r["key"]: (r["name_zh"] if lang == "zh" else r["name_en"]) for r in ev.indicators}
    fig = new_figure(7.2, 0.3 * len(rows) + 1.1)
    ax = fig.add_subplot()
    y = np.arange(len(rows))[::-1]
    for yi, r in zip(y, rows, strict=True):
        lo, hi = sorted((r["rank_minus"], r["rank_plus"]))
        ax.plot([lo, hi], [yi, yi], color="#adb5bd", lw=3, solid_capstyle="round")
        ax.plot(r["rank_minus"], yi, "o", color="#1c7ed6", ms=5)
        ax.plot(r["rank_plus"], yi, "s", color="#e67700", ms=5)
    ax.axvline(ev.rank, color="#c92a2a", lw=1, ls="--")
    ax.set_yticks(y, [names.get(r["indicator"], r["indicator"]) for r in rows], fontsize=8)
    ax.set_xlim(0.5, max(ev.group_size, 2) + 0.5)
    ax.invert_xaxis()
    pct = round(100 * float(ev.parameters.get("delta", 0.2)))
    ax.set_xlabel(
        (
            f"同行组内排名(1=最好);圆点=权重-{pct}%,方块=权重+{pct}%,虚线=基准排名"
            if lang == "zh"
            else f"Rank in peer group (1 = best); circle = weight -{pct}%, square = +{pct}%, dashed = base rank"
        ),
        fontsize=8,
    )
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def landscape_figure(
    patents: pd.DataFrame,
    target: str,
    topic_labels: dict[int, str],
    lang: str = "zh",
    *,
    max_labels: int = 12,
) -> Figure:
    """The landscape map: every mapped patent in grey, the organisation's in red, topic labels at centres."""
    fig = new_figure(7.2, 5.0)
    ax = fig.add_subplot()
    mapped = patents.dropna(subset=["x", "y"])
    mine = mapped["orgs"].map(lambda t: target in t)
    ax.scatter(mapped.loc[~mine, "x"], mapped.loc[~mine, "y"], s=3, c="#ced4da", linewidths=0)
    ax.scatter(
        mapped.loc[mine, "x"],
        mapped.loc[mine, "y"],
        s=9,
        c="#c92a2a",
        linewidths=0,
        label="本组织专利" if lang == "zh" else "Its patents",
    )
    sizes = mapped["topic"].value_counts().head(max_labels)
    centres = mapped.groupby("topic")[["x", "y"]].median()
    for topic in sizes.index:
        label = str(topic_labels.get(int(topic), topic))[:28]
        ax.text(
            centres.loc[topic, "x"],
            centres.loc[topic, "y"],
            label,
            fontsize=7,
            ha="center",
            va="center",
            color="#343a40",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
        )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(fontsize=8, loc="upper right", frameon=False)
    return fig
