"""Evaluation: an organisation's scorecard against its peers under a scenario, live weights with
their rank sensitivity, strengths and risks, and the HTML/PDF report."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages.frame import PLOT_CONFIG, guard, header, lang, store, store_uri, t, table
from ipnav.ui import evaluation as view

header("evaluation.header", "evaluation.caption")


@st.cache_data(show_spinner=False)
def _index(uri: str) -> pd.DataFrame:
    return view.list_evaluations(store())


@st.cache_data(show_spinner=False, max_entries=256)
def _artifact(uri: str, scenario: str, applicant: str) -> dict[str, Any] | None:
    return view.load_evaluation(store(), scenario, applicant)


@st.cache_resource(show_spinner=False, max_entries=2)
def _patent_table(uri: str, stamp: int) -> tuple[pd.DataFrame, dict[str, Any]]:
    from ipnav.scores.pipeline import load_patent_table

    return load_patent_table(store())


def _table_for(uri: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    return _patent_table(uri, store().count_patents())


@st.cache_data(show_spinner=False, max_entries=32)
def _report(
    uri: str, scenario: str, applicant: str, weights: tuple[tuple[str, float], ...], language: str, fmt: str
) -> bytes:
    artifact = view.load_evaluation(store(), scenario, applicant)
    if artifact is None:
        return b""
    return view.report_bytes(store(), artifact, weights=dict(weights), lang=language, fmt=fmt, table=_table_for(uri))


def _evaluate_other(scenarios: list[str]) -> None:
    with st.expander(t("evaluation.other")):
        name = st.text_input(t("evaluation.other.name"), key="eval_other_name", placeholder="Huawei, 优必选, INTEL …")
        if st.button(t("evaluation.other.run"), key="eval_other_run") and name.strip():
            from ipnav.scores.pipeline import run_evaluation
            from ipnav.scores.scenarios import load_scenarios

            book = load_scenarios()
            with st.spinner(t("evaluation.other.running", name=name)):
                table_ = _table_for(store_uri())
                for scenario in scenarios or list(book.scenarios):
                    run = run_evaluation(store(), name, scenario=scenario, table=table_)
                    view.save_evaluation(store(), run, table_[0], focus=book.focus)
            st.cache_data.clear()
            st.session_state["eval_org"] = run.evaluation.applicant
            st.rerun()


def _weights(artifact: dict[str, Any]) -> dict[str, float]:
    base = {r["key"]: float(r["weight"]) for r in artifact["evaluation"]["indicators"] if r["weight"] > 0}
    scenario = artifact["scenario"]

    def reset() -> None:
        for key, w in base.items():
            st.session_state[f"w_{scenario}_{key}"] = w

    names = {r["key"]: r["name_zh" if lang() == "zh" else "name_en"] for r in artifact["evaluation"]["indicators"]}
    st.caption(t("evaluation.weights.help"))
    st.button(t("evaluation.weights.reset"), key=f"reset_{scenario}", on_click=reset)
    cols = st.columns(3)
    weights = {}
    for i, (key, w) in enumerate(sorted(base.items(), key=lambda kv: -kv[1])):
        reason = artifact.get("reasons", {}).get(key, ["", ""])[0 if lang() == "zh" else 1]
        weights[key] = cols[i % 3].slider(names[key], 0.0, 0.5, w, 0.01, key=f"w_{scenario}_{key}", help=reason or None)
    return weights


def _summary(box: Any, artifact: dict[str, Any], live: dict[str, Any], changed: bool) -> None:
    from ipnav.scores.evaluation import verdict

    ev = artifact["evaluation"]
    level = ev["confidence_level"]
    with box:
        st.subheader(f"{artifact['name']} · {artifact['scenario_name'][lang()]}")
        line = verdict(live["score"], level, lang()) + (" " + t("evaluation.changed") if changed else "")
        st.markdown(f"**{line}**")
        cols = st.columns(5)
        base_score = ev["score"]
        delta = (
            None if not changed or live["score"] is None or base_score is None else f"{live['score'] - base_score:+.1f}"
        )
        cols[0].metric(t("evaluation.score"), "—" if live["score"] is None else f"{live['score']:.1f}", delta)
        cols[1].metric(t("evaluation.rank"), t("evaluation.rank_value", rank=live["rank"], n=live["group_size"]))
        cols[2].metric(f"{t('evaluation.confidence')} · {t('confidence.' + level)}", f"{ev['confidence']:.2f}")
        cols[3].metric(t("evaluation.patents"), f"{ev['portfolio_size']:,}")
        cols[4].metric(t("evaluation.stability"), f"{live['worst_rank_change']}")
        st.caption(
            artifact["scenario_purpose"][lang()] + " · " + t("evaluation.weight_used", share=live["weight_used"])
        )


def _risks(artifact: dict[str, Any]) -> None:
    ev = artifact["evaluation"]
    names = {r["key"]: r["name_zh" if lang() == "zh" else "name_en"] for r in ev["indicators"]}
    left, right = st.columns(2)
    left.markdown(f"**{t('evaluation.strengths')}**")
    left.markdown("\n".join(f"- {names.get(k, k)}" for k in ev["strengths"]) or t("evaluation.nothing"))
    right.markdown(f"**{t('evaluation.weaknesses')}**")
    right.markdown("\n".join(f"- {names.get(k, k)}" for k in ev["weaknesses"]) or t("evaluation.nothing"))
    risks = ev.get("risks") or {}
    if risks.get("lapsed_share") is not None:
        st.caption(t("evaluation.lapsed", share=risks["lapsed_share"]))
    for key, extra in (
        ("expiring", ["remaining_life"]),
        ("blocking", ["holder", "home", "remaining_life"]),
        ("disputes", []),
    ):
        st.markdown(f"**{t('evaluation.' + key)}**")
        rows = risks.get(key) or []
        if not rows:
            st.caption(t("evaluation.nothing"))
            continue
        title = "title_zh" if lang() == "zh" else "title"
        frame = pd.DataFrame(
            [
                {
                    "number": r.get("number") or r["id"],
                    "title": r.get(title) or r.get("title"),
                    "year": r.get("year"),
                    **{e: r.get(e) for e in extra},
                }
                for r in rows
            ]
        )
        table(frame, key=f"risk_{key}")


def _report_tab(artifact: dict[str, Any], weights: dict[str, float]) -> None:
    st.caption(t("evaluation.report.help"))
    frozen = tuple(sorted(weights.items()))
    uri, scenario, applicant, language = store_uri(), artifact["scenario"], artifact["applicant"], lang()
    stem = f"ipnav-evaluation-{applicant.replace(' ', '_')}-{scenario}-{language}"
    left, right = st.columns(2)
    left.download_button(
        t("evaluation.report.html"),
        key="report_html",
        file_name=f"{stem}.html",
        mime="text/html",
        data=lambda: _report(uri, scenario, applicant, frozen, language, "html"),
        icon=":material/description:",
        type="primary",
    )
    right.download_button(
        t("evaluation.report.pdf"),
        key="report_pdf",
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        data=lambda: _report(uri, scenario, applicant, frozen, language, "pdf"),
        icon=":material/picture_as_pdf:",
    )
    appendix = artifact.get("appendix") or {}
    st.markdown(f"**{t('evaluation.reproduce')}**")
    st.code(appendix.get("command", ""), language="bash", wrap_lines=True)
    st.caption(f"data {appendix.get('data_hash', '')[:16]} · {appendix.get('content_hash_short', '')}")


SCENARIO_ORDER = ("investment", "financing", "talent", "positioning")


def _choose(index: pd.DataFrame) -> dict[str, Any] | None:
    """The organisation and scenario pickers; the chosen evaluation (None when it is not kept)."""
    orgs = index.drop_duplicates("applicant")
    labels = {
        a: f"{n} ({p:,})" for a, n, p in zip(orgs["applicant"], orgs["name"], orgs["portfolio_size"], strict=True)
    }
    if st.session_state.get("eval_org") not in labels:
        wanted = (store().get_artifact("demo.defaults") or {}).get("applicant")
        st.session_state["eval_org"] = wanted if wanted in labels else next(iter(labels))
    c1, c2 = st.columns([2, 3])
    applicant = c1.selectbox(t("evaluation.org"), list(labels), key="eval_org", format_func=labels.__getitem__)
    available = set(index.loc[index["applicant"] == applicant, "scenario"])
    options = sorted(available, key=lambda s: (SCENARIO_ORDER.index(s) if s in SCENARIO_ORDER else 9, s))
    names = {s: (_artifact(store_uri(), s, applicant) or {}).get("scenario_name", {}).get(lang(), s) for s in options}
    scenario = c2.radio(
        t("evaluation.scenario"), options, key="eval_scenario", horizontal=True, format_func=names.__getitem__
    )
    return _artifact(store_uri(), scenario, applicant)


def _scorecard_tab(card: pd.DataFrame) -> None:
    st.plotly_chart(
        view.percentile_figure(card, lang=lang(), title=t("evaluation.percentiles")),
        config=PLOT_CONFIG,
        key="eval_percentiles",
    )
    shown = card[card["weight"] > 0].drop(columns=["key", "dimension", "value", "unit"])
    table(
        shown.sort_values("contribution", ascending=False),
        key="eval_scorecard",
        column_config={
            "percentile": st.column_config.ProgressColumn(
                t("col.percentile"), min_value=0, max_value=100, format="%.0f"
            ),
            "coverage": st.column_config.NumberColumn(t("col.coverage"), format="percent"),
            "weight": st.column_config.NumberColumn(t("col.weight"), format="%.2f"),
            "contribution": st.column_config.NumberColumn(t("col.contribution"), format="%.1f"),
        },
    )


def _sensitivity(card: pd.DataFrame, live: dict[str, Any]) -> None:
    names_by_key = dict(zip(card["key"], card["indicator"], strict=True))
    sens = live["sensitivity"]
    st.plotly_chart(
        view.sensitivity_figure(sens, names_by_key, lang=lang(), title=t("evaluation.sensitivity")),
        config=PLOT_CONFIG,
        key="eval_sensitivity",
    )
    table(sens.assign(indicator=[names_by_key.get(k, k) for k in sens["indicator"]]), key="eval_sensitivity_table")


def _peers_tab(artifact: dict[str, Any], live: dict[str, Any]) -> None:
    rule = artifact["evaluation"].get("peer_rule", {})
    st.caption(t("evaluation.peer_rule", rule=f"{rule.get('mode')}, {rule.get('basis')}, k={rule.get('k')}"))
    table(
        view.peer_table(artifact, live["group"]).drop(columns=["key"]),
        key="eval_peers",
        column_config={
            "score": st.column_config.NumberColumn(t("col.score"), format="%.1f"),
            "similarity": st.column_config.NumberColumn(t("col.similarity"), format="%.3f"),
            "weight_used": st.column_config.NumberColumn(t("col.weight_used"), format="percent"),
        },
    )


def _page() -> None:
    index = _index(store_uri())
    if index.empty:
        st.info(t("evaluation.none"), icon=":material/info:")
        _evaluate_other([])
        return
    artifact = _choose(index)
    if artifact is None:
        st.info(t("evaluation.none"))
        return
    summary = st.container(border=True)  # filled after the sliders: it shows their live result
    keys = ("scorecard", "weights", "peers", "risks", "report")
    tabs = dict(zip(keys, st.tabs([t(f"evaluation.tab.{k}") for k in keys]), strict=True))
    with tabs["weights"]:
        weights = _weights(artifact)
    base = {r["key"]: float(r["weight"]) for r in artifact["evaluation"]["indicators"] if r["weight"] > 0}
    live = view.rescore(artifact, weights)
    _summary(summary, artifact, live, changed=any(abs(weights[k] - base[k]) > 1e-9 for k in base))
    card = view.indicator_table(artifact, weights, lang=lang())
    with tabs["scorecard"]:
        _scorecard_tab(card)
    with tabs["weights"]:
        _sensitivity(card, live)
    with tabs["peers"]:
        _peers_tab(artifact, live)
    with tabs["risks"]:
        _risks(artifact)
    with tabs["report"]:
        _report_tab(artifact, weights)
    _evaluate_other(sorted(set(index["scenario"])))


with guard():
    _page()
