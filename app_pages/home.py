"""Overview: what is in the store, and the way through the app."""

from __future__ import annotations

import streamlit as st

from app_pages.frame import PLOT_CONFIG, guard, header, lang, store, store_uri, t
from ipnav.status import store_status
from ipnav.ui.charts import industry_bars, ranking_bars, year_bars
from ipnav.ui.workspace import industry_table, status_tables


@st.cache_data(show_spinner=False)
def _status(uri: str) -> dict:
    return store_status(store(), top=15)


header("home.header")
st.markdown(t("app.tagline"))

with guard():
    status = _status(store_uri())
    tables = status_tables(status)
    nodes = dict(zip(tables["nodes"]["label"], tables["nodes"]["count"], strict=True))
    edges = dict(zip(tables["edges"]["type"], tables["edges"]["count"], strict=True))
    cols = st.columns(5)
    cols[0].metric(t("kpi.patents"), f"{status['patents']:,}")
    cols[1].metric(t("kpi.organizations"), f"{nodes.get('Organization', 0):,}")
    cols[2].metric(t("kpi.inventors"), f"{nodes.get('Inventor', 0):,}")
    cols[3].metric(t("kpi.citations"), f"{edges.get('CITES', 0):,}")
    topics = (store().get_artifact("topics.run") or {}).get("n_topics")  # leaf topics, not merge-tree nodes
    cols[4].metric(t("kpi.topics"), f"{topics if topics is not None else nodes.get('Topic', 0):,}")
    if not status["patents"]:
        st.info(t("store.empty"), icon=":material/info:")

    st.subheader(t("home.steps"))
    steps = st.columns(5)
    for col, (page, key, icon) in zip(
        steps,
        [
            ("app_pages/data.py", "data", ":material/database:"),
            ("app_pages/landscape.py", "landscape", ":material/terrain:"),
            ("app_pages/navigation.py", "navigation", ":material/alt_route:"),
            ("app_pages/evaluation.py", "evaluation", ":material/analytics:"),
            ("app_pages/graph.py", "graph", ":material/hub:"),
        ],
        strict=True,
    ):
        with col.container(border=True):
            st.page_link(page, label=t(f"nav.{key}"), icon=icon)
            st.caption(t(f"home.step.{key}"))

    if status["patents"]:
        left, right = st.columns([3, 2])
        years = tables["years"]
        years = years[years["year"] >= 1990]
        left.plotly_chart(year_bars(years, lang=lang(), title=t("home.years")), config=PLOT_CONFIG, key="home_years")
        right.plotly_chart(
            ranking_bars(
                tables["jurisdictions"],
                label="jurisdiction",
                value="patents",
                lang=lang(),
                title=t("home.offices"),
                top=8,
            ),
            config=PLOT_CONFIG,
            key="home_offices",
        )
        left, right = st.columns([3, 2])
        left.plotly_chart(
            ranking_bars(
                tables["applicants"], label="name", value="patents", lang=lang(), title=t("home.top_applicants"), top=12
            ),
            config=PLOT_CONFIG,
            key="home_applicants",
        )
        industries = industry_table(status["industries"], lang=lang())
        if (industries["level"] == 2).any():
            right.plotly_chart(
                industry_bars(industries, lang=lang(), title=t("home.industries")),
                config=PLOT_CONFIG,
                key="home_industries",
            )
