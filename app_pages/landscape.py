"""Landscape: the topographic topic map with hover, overlays and a year range; the topic table;
one topic's terms, trend, applicants and representative patents."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages.frame import PLOT_CONFIG, guard, header, lang, store, store_uri, t, table
from ipnav.ui import landscape as view
from ipnav.ui.charts import ranking_bars

header("landscape.header")


@st.cache_data(show_spinner=False)
def _map(uri: str, stamp: str) -> tuple[dict[str, Any], list[dict[str, Any]], pd.DataFrame]:
    return view.load_map(store())


@st.cache_data(show_spinner=False, max_entries=64)
def _figure(
    uri: str, stamp: str, level: int, years: tuple[int, int], overlay: str, compare: tuple[str, ...], language: str
) -> Any:
    _, nodes, frame = _map(uri, stamp)
    return view.map_figure(frame, nodes, level=level, years=years, overlay=overlay, compare=compare, lang=language)


def _stamp() -> str:
    run = store().get_artifact("topics.run") or {}
    return str(run.get("created", "")) + str(run.get("n_patents", ""))


def _controls(frame: pd.DataFrame, nodes: list[dict[str, Any]]) -> tuple[int, tuple[int, int], str, tuple[str, ...]]:
    n_topics = sum(1 for n in nodes if n.get("is_topic"))
    years = frame["year"].dropna().astype(int)
    lo, hi = (int(years.min()), int(years.max())) if len(years) else (2000, 2025)
    c1, c2, c3 = st.columns([1, 2, 2])
    level = c1.slider(t("landscape.level"), min(2, n_topics), max(2, n_topics), min(25, n_topics), key="map_level")
    start = max(lo, hi - 20)
    span = c2.slider(t("landscape.years"), lo, hi, (start, hi), key="map_years")
    overlays = {o: t(f"landscape.overlay.{o}") for o in view.OVERLAYS}
    overlay = c3.radio(
        t("landscape.overlay"), list(overlays), horizontal=True, key="map_overlay", format_func=overlays.__getitem__
    )
    compare: tuple[str, ...] = ()
    if overlay == "applicants":
        top = frame.loc[frame["applicant"] != "", "applicant"].value_counts().head(40)
        default = list(top.index[:3])
        chosen = st.multiselect(
            t("landscape.compare"), list(top.index), default=default, max_selections=3, key="map_compare"
        )
        compare = tuple(chosen)
    if overlay == "score" and frame["score"].notna().sum() == 0:
        st.info(t("landscape.no_score"), icon=":material/info:")
    return level, (int(span[0]), int(span[1])), overlay, compare


def _detail(frame: pd.DataFrame, nodes: list[dict[str, Any]], topics: pd.DataFrame, level: int) -> None:
    st.subheader(t("landscape.detail"))
    labels = {int(i): f"{lbl} ({n:,})" for i, lbl, n in zip(topics["id"], topics["topic"], topics["size"], strict=True)}
    if not labels:
        return
    if st.session_state.get("map_topic") not in labels:
        st.session_state["map_topic"] = next(iter(labels))
    node_id = st.selectbox(t("landscape.pick"), list(labels), key="map_topic", format_func=labels.__getitem__)
    detail = view.topic_detail(frame, nodes, int(node_id), level=level, lang=lang())
    cols = st.columns(4)
    cols[0].metric(t("landscape.size"), f"{detail['size']:,}")
    cols[1].metric(t("landscape.share"), f"{detail['share']:.1%}")
    growth = detail["growth"]
    cols[2].metric(
        t("landscape.growth"),
        "—" if growth is None else f"{growth:+.1%}",
        t("landscape.emerging") if detail["emerging"] else None,
    )
    cols[3].metric(t("landscape.codes"), ", ".join(detail["codes"][:2]) or "—")
    st.markdown(f"**{t('landscape.terms')}**: " + " · ".join(f"`{term}`" for term in detail["terms"]))
    left, right = st.columns(2)
    if len(detail["years"]):
        left.plotly_chart(
            view.trend_figure(detail["years"], lang=lang(), ref_year=detail["ref_year"], title=t("landscape.trend")),
            config=PLOT_CONFIG,
            key="map_trend",
        )
    if len(detail["applicants"]):
        right.plotly_chart(
            ranking_bars(
                detail["applicants"],
                label="applicant",
                value="patents",
                lang=lang(),
                title=t("landscape.applicants"),
                top=8,
                height=260,
            ),
            config=PLOT_CONFIG,
            key="map_applicants",
        )
    st.markdown(f"**{t('landscape.patents')}**")
    table(
        detail["patents"],
        key="map_patents",
        column_config={
            "probability": st.column_config.ProgressColumn(
                t("col.probability"), min_value=0.0, max_value=1.0, format="%.2f"
            ),
            "year": st.column_config.NumberColumn(t("col.year"), format="%d"),
        },
    )


def _page() -> None:
    stamp = _stamp()
    params, nodes, frame = _map(store_uri(), stamp)
    n_topics = sum(1 for n in nodes if n.get("is_topic"))
    outliers = float((frame["topic"] < 0).mean()) if len(frame) else 0.0
    st.caption(
        t(
            "landscape.caption",
            patents=len(frame),
            topics=n_topics,
            outliers=outliers,
            embedder=params.get("embedder", "?"),
        )
    )
    level, years, overlay, compare = _controls(frame, nodes)
    shown = int(((frame["year"] >= years[0]) & (frame["year"] <= years[1])).sum())
    st.plotly_chart(
        _figure(store_uri(), stamp, level, years, overlay, compare, lang()), config=PLOT_CONFIG, key="map_plot"
    )
    st.caption(t("landscape.shown", n=shown, lo=years[0], hi=years[1]))
    topics = view.topic_table(nodes, level, lang=lang())
    st.subheader(t("landscape.topics"))
    table(
        topics.drop(columns=["id"]),
        key="map_topics",
        height=320,
        column_config={
            "share": st.column_config.NumberColumn(t("col.share"), format="percent"),
            "growth": st.column_config.NumberColumn(t("col.growth"), format="percent"),
        },
    )
    _detail(frame, nodes, topics, level)


with guard():
    _page()
