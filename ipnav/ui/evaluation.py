"""The Evaluation page's data: precomputed evaluations, live re-scoring with other weights,
tables and Plotly charts, and the report as bytes.

An evaluation is kept in the store as the artifact ``evaluation.<scenario>.<applicant>``
(:func:`save_evaluation`): the full ``Evaluation.to_dict()``, the report appendix, and the peer
group's percentile and value matrices, so moving a weight slider re-scores the whole group
(:func:`rescore`) and re-runs the +/-20 % sensitivity without touching the patents. The list of
kept evaluations is the artifact ``evaluation.index``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ipnav.i18n import column_label
from ipnav.ui.charts import PALETTE, style

__all__ = [
    "INDEX_KEY",
    "evaluation_key",
    "format_value",
    "indicator_table",
    "list_evaluations",
    "load_evaluation",
    "peer_table",
    "percentile_figure",
    "report_bytes",
    "rescore",
    "save_evaluation",
    "sensitivity_figure",
]

INDEX_KEY = "evaluation.index"
DIMENSION_COLORS = {
    "legal": PALETTE[2],
    "technical": PALETTE[0],
    "economic": PALETTE[1],
    "strategic": PALETTE[4],
    "people": PALETTE[5],
}


def evaluation_key(scenario: str, applicant: str) -> str:
    """The artifact key of an evaluation.

    Example:
        >>> evaluation_key("investment", "UBTECH ROBOTICS")
        'evaluation.investment.UBTECH ROBOTICS'
    """
    return f"evaluation.{scenario}.{applicant}"


def _split(frame: pd.DataFrame) -> dict[str, Any]:
    clean = frame.astype(float).where(frame.notna(), None)
    return {"index": list(clean.index), "columns": list(clean.columns), "data": clean.to_numpy().tolist()}


def _unsplit(blob: Mapping[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(blob["data"], index=blob["index"], columns=blob["columns"])
    return frame.apply(pd.to_numeric, errors="coerce")


def save_evaluation(store: Any, run: Any, patents: pd.DataFrame, *, focus: Any = None) -> dict[str, Any]:
    """Keep an evaluation run (:class:`ipnav.scores.pipeline.EvaluationRun`) as an artifact; return it.

    The peer group's scorecards are recomputed once here (``org_scorecards``) so the app can
    re-score with other weights later.
    """
    from ipnav.scores.composite import peer_percentiles
    from ipnav.scores.scorecard import org_scorecards

    ev = run.evaluation
    group = [ev.applicant, *[p["key"] for p in ev.peers]]
    cards = org_scorecards(patents, orgs=group, focus=focus)
    pct = peer_percentiles(cards, group)
    names = {key: (ev.name if key == ev.applicant else key) for key in group}
    artifact = {
        "applicant": ev.applicant,
        "name": ev.name,
        "scenario": run.scenario.key,
        "scenario_name": {"zh": run.scenario.name_zh, "en": run.scenario.name_en},
        "scenario_purpose": {"zh": run.scenario.purpose_zh, "en": run.scenario.purpose_en},
        "reasons": {k: list(v) for k, v in run.scenario.reasons.items()},
        "evaluation": ev.to_dict(),
        "appendix": run.appendix,
        "percentiles": _split(pct),
        "values": _split(cards.loc[group, [c for c in pct.columns if c in cards.columns]]),
        "names": names,
    }
    store.put_artifact(evaluation_key(run.scenario.key, ev.applicant), artifact)
    index = store.get_artifact(INDEX_KEY) or {"items": []}
    items = [i for i in index["items"] if (i["applicant"], i["scenario"]) != (ev.applicant, run.scenario.key)]
    items.append(
        {
            "applicant": ev.applicant,
            "name": ev.name,
            "scenario": run.scenario.key,
            "score": ev.score,
            "portfolio_size": ev.portfolio_size,
        }
    )
    store.put_artifact(
        INDEX_KEY, {"items": sorted(items, key=lambda i: (-i["portfolio_size"], i["applicant"], i["scenario"]))}
    )
    return artifact


def list_evaluations(store: Any) -> pd.DataFrame:
    """The kept evaluations: ``applicant, name, scenario, score, portfolio_size`` (largest portfolio first)."""
    items = (store.get_artifact(INDEX_KEY) or {"items": []})["items"]
    return pd.DataFrame(items, columns=["applicant", "name", "scenario", "score", "portfolio_size"])


def load_evaluation(store: Any, scenario: str, applicant: str) -> dict[str, Any] | None:
    """A kept evaluation, or None."""
    return store.get_artifact(evaluation_key(scenario, applicant))


def rescore(artifact: Mapping[str, Any], weights: Mapping[str, float], *, delta: float = 0.2) -> dict[str, Any]:
    """Score the whole peer group again with other weights.

    Args:
        artifact: A kept evaluation (:func:`load_evaluation`).
        weights: Indicator -> weight (>= 0; relative, need not sum to 1).
        delta: The sensitivity step (0.2 = each weight x0.8 and x1.2).

    Returns:
        ``{"score", "rank", "group_size", "weight_used", "group": DataFrame(key, name, score, rank,
        weight_used), "sensitivity": DataFrame(indicator, weight, rank, rank_minus, rank_plus,
        target_change, max_change), "worst_rank_change"}``.

    Example:
        >>> art = {"applicant": "A", "names": {"A": "A", "B": "B"}, "percentiles": {"index": ["A", "B"],
        ...        "columns": ["growth", "breadth"], "data": [[90.0, 10.0], [10.0, 85.0]]}}
        >>> rescore(art, {"growth": 1.0, "breadth": 0.0})["rank"], rescore(art, {"growth": 0.1, "breadth": 1.0})["rank"]
        (1, 2)
    """
    from ipnav.scores.composite import rank_scores, sensitivity, weighted_scores

    pct = _unsplit(artifact["percentiles"])
    target = artifact["applicant"]
    used = {k: float(w) for k, w in weights.items() if k in pct.columns}
    scored = weighted_scores(pct, used)
    ranks = rank_scores(scored["score"])
    group = pd.DataFrame(
        {
            "key": scored.index,
            "name": [artifact.get("names", {}).get(k, k) for k in scored.index],
            "score": scored["score"].to_numpy(),
            "rank": ranks.reindex(scored.index).to_numpy(),
            "weight_used": scored["weight_used"].to_numpy(),
        }
    ).sort_values(["rank", "key"], ignore_index=True)
    columns = ["indicator", "weight", "rank", "rank_minus", "rank_plus", "target_change", "max_change"]
    if any(w > 0 for w in used.values()):
        sens = sensitivity(pct, used, target, delta=delta)
        if "indicator" not in sens.columns:  # keyed by indicator in the index
            sens = sens.rename_axis("indicator").reset_index()
        sens = sens.reset_index(drop=True)[columns]
    else:
        sens = pd.DataFrame(columns=columns)
    score = scored.loc[target, "score"]
    return {
        "score": None if pd.isna(score) else float(score),
        "rank": int(ranks[target]),
        "group_size": len(scored),
        "weight_used": float(scored.loc[target, "weight_used"]),
        "group": group,
        "sensitivity": sens,
        "worst_rank_change": int(sens["target_change"].max()) if len(sens) else 0,
    }


def indicator_table(
    artifact: Mapping[str, Any],
    weights: Mapping[str, float] | None = None,
    *,
    lang: str = "zh",
    only_weighted: bool = False,
) -> pd.DataFrame:
    """The scorecard: one row per indicator with ``key, indicator, dimension, value, percentile,
    weight, contribution, coverage``; ``value``/``percentile`` are NaN where the data is missing.

    With ``weights`` the weights and contributions are those of the sliders, else the scenario's.
    """
    rows = artifact["evaluation"]["indicators"]
    weights = dict(weights) if weights is not None else {r["key"]: r["weight"] for r in rows}
    avail = sum(w for k, w in weights.items() if w > 0 and any(r["key"] == k and r["available"] for r in rows))
    out = []
    for r in rows:
        w = float(weights.get(r["key"], 0.0))
        if only_weighted and w <= 0:
            continue
        pct = r["peer_percentile"]
        out.append(
            {
                "key": r["key"],
                "indicator": r["name_zh"] if lang == "zh" else r["name_en"],
                "dimension": r["dimension"],
                "value": float("nan") if r["value"] is None else float(r["value"]),
                "unit": r.get("unit") or "",
                "shown": format_value(r["value"], r.get("unit") or "", lang),
                "percentile": float("nan") if pct is None else float(pct),
                "weight": w,
                "contribution": (w / avail * pct) if (pct is not None and avail and r["available"]) else 0.0,
                "coverage": float(r["coverage"]),
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "key",
            "indicator",
            "dimension",
            "value",
            "unit",
            "shown",
            "percentile",
            "weight",
            "contribution",
            "coverage",
        ],
    )


def format_value(value: float | None, unit: str, lang: str = "zh") -> str:
    """An indicator value for people: shares as percentages, missing as 缺失 / missing.

    Example:
        >>> format_value(0.8992, "%", "en"), format_value(15.2, "y", "zh"), format_value(None, "", "en")
        ('89.9%', '15.2 y', 'missing')
    """
    if value is None or pd.isna(value):
        return "缺失" if lang == "zh" else "missing"
    if unit == "%":
        return f"{100 * value:.1f}%"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{text} {unit}".strip()


def peer_table(artifact: Mapping[str, Any], group: pd.DataFrame) -> pd.DataFrame:
    """The peer group with similarity and portfolio size beside the (re-)scored rank."""
    peers = {p["key"]: p for p in artifact["evaluation"]["peers"]}
    values = _unsplit(artifact["values"])
    frame = group.copy()
    frame["similarity"] = [peers.get(k, {}).get("similarity") for k in frame["key"]]
    frame["patents"] = [
        int(values.loc[k, "portfolio_size"])
        if "portfolio_size" in values.columns and pd.notna(values.loc[k, "portfolio_size"])
        else None
        for k in frame["key"]
    ]
    frame["evaluated"] = frame["key"] == artifact["applicant"]
    return frame


def percentile_figure(table: pd.DataFrame, *, lang: str = "zh", title: str | None = None) -> go.Figure:
    """Peer percentiles of the weighted indicators, coloured by value dimension; missing ones in grey at 0."""
    from ipnav.scores.definitions import DIMENSIONS

    rows = table[table["weight"] > 0].sort_values("percentile", na_position="first")
    fig = go.Figure()
    have = rows[rows["percentile"].notna()]
    for dim, color in DIMENSION_COLORS.items():
        part = have[have["dimension"] == dim]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["percentile"],
                y=part["indicator"],
                orientation="h",
                name=DIMENSIONS.get(dim, (dim, dim))[0 if lang == "zh" else 1],
                marker_color=color,
                text=[f"{p:.0f}" for p in part["percentile"]],
                textposition="outside",
                cliponaxis=False,
                customdata=part[["weight", "coverage"]].to_numpy(),
                hovertemplate="%{y}: %{x:.0f}<br>"
                + column_label("weight", lang)
                + " %{customdata[0]:.2f} · "
                + column_label("coverage", lang)
                + " %{customdata[1]:.0%}<extra></extra>",
            )
        )
    missing = rows[rows["percentile"].isna()]
    if len(missing):
        word = "缺失" if lang == "zh" else "missing"
        fig.add_trace(
            go.Bar(
                x=[1.5] * len(missing),
                y=missing["indicator"],
                orientation="h",
                name=word + ("（数据不含此项）" if lang == "zh" else " (not in the data)"),
                marker_color="#d5dbe1",
                text=[word] * len(missing),
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: " + word + "<extra></extra>",
            )
        )
    fig.add_vline(x=50, line_dash="dot", line_color="#8c8c8c")
    fig.update_xaxes(range=[0, 100], title=column_label("percentile", lang))
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["indicator"]), automargin=True)
    style(fig, height=max(280, 26 * len(rows) + 80), title=title, legend=True)
    fig.update_layout(legend={"orientation": "h", "y": -0.15})
    return fig


def sensitivity_figure(
    sens: pd.DataFrame, names: Mapping[str, str], *, lang: str = "zh", title: str | None = None
) -> go.Figure:
    """The evaluated organisation's rank with each weight at -20 % and +20 % (dumbbells around the base rank)."""
    rows = sens.iloc[::-1]
    labels = [names.get(k, k) for k in rows["indicator"]]
    fig = go.Figure()
    for _, (label, lo, hi) in enumerate(zip(labels, rows["rank_minus"], rows["rank_plus"], strict=True)):
        fig.add_trace(
            go.Scatter(
                x=[lo, hi],
                y=[label, label],
                mode="lines",
                line={"color": "#c9d3dd", "width": 6},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=rows["rank_minus"],
            y=labels,
            mode="markers",
            name="-20%",
            marker={"color": PALETTE[1], "size": 11, "symbol": "triangle-left"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=rows["rank_plus"],
            y=labels,
            mode="markers",
            name="+20%",
            marker={"color": PALETTE[0], "size": 11, "symbol": "triangle-right"},
        )
    )
    if len(rows):
        fig.add_vline(x=float(rows["rank"].iloc[0]), line_dash="dot", line_color="#1b2733")
    fig.update_xaxes(title=column_label("rank", lang), autorange="reversed", dtick=1)
    fig.update_yaxes(automargin=True)
    style(fig, height=max(260, 26 * len(rows) + 90), title=title, legend=True)
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return fig


def report_bytes(
    store: Any,
    artifact: Mapping[str, Any],
    *,
    weights: Mapping[str, float] | None = None,
    lang: str = "zh",
    fmt: str = "html",
    table: tuple[pd.DataFrame, dict[str, Any]] | None = None,
) -> bytes:
    """The evaluation report (HTML or PDF) for a kept evaluation, with the given weights.

    The evaluation is run again on the store (same peers, the weights given), so the report's
    appendix and content hash match what it shows.

    Raises:
        ConfigError: ``fmt`` is not html or pdf, or no CJK font for the PDF.
    """
    from ipnav.exceptions import ConfigError
    from ipnav.scores.pipeline import run_evaluation
    from ipnav.scores.report import write_report

    if fmt not in ("html", "pdf"):
        raise ConfigError(f"The report format must be 'html' or 'pdf'. Got {fmt!r} instead.")
    rule = artifact["evaluation"].get("peer_rule", {})
    peers: Any = "auto" if rule.get("mode") == "auto" else [p["key"] for p in artifact["evaluation"]["peers"]]
    run = run_evaluation(
        store, artifact["applicant"], scenario=artifact["scenario"], peers=peers, weights=weights, table=table
    )
    with tempfile.TemporaryDirectory() as folder:
        path = write_report(
            Path(folder) / f"report.{fmt}",
            run.evaluation,
            scenario=run.scenario,
            lang=lang,
            appendix=run.appendix,
            patents=run.patents,
            topic_labels=run.topic_labels,
        )
        return path.read_bytes()
