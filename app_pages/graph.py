"""Graph: the neighbourhood of a patent, organisation, inventor, code or topic; in Neo4j mode a
read-only Cypher console whose results show as a table and as a graph."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.frame import PLOT_CONFIG, guard, header, lang, store, store_uri, t, table
from ipnav.store.base import Subgraph
from ipnav.ui.graphview import SEARCHABLE, find_nodes, graph_figure, neighbour_table

CENTER_KEY = "graph_center"

header("graph.header")


@st.cache_data(show_spinner=False, max_entries=64)
def _neighbours(uri: str, label: str, key: str, limit: int) -> tuple[list[dict], list[dict]]:
    db = store()
    if label == "Organization":
        try:
            from ipnav.store.queries import organization_neighborhood
        except ImportError:  # older checkouts: the organisation and its patents only
            sub = db.neighbors(label, key, limit=limit)
        else:
            sub = organization_neighborhood(db, key, limit=limit)
    else:
        sub = db.neighbors(label, key, limit=limit)
    return sub.nodes, sub.edges


@st.cache_data(show_spinner=False, max_entries=64)
def _similar(uri: str, patent_id: str) -> list[tuple[str, float]]:
    return store().similar_patents(patent_id, k=10)


@st.cache_data(show_spinner=False, max_entries=64)
def _find(uri: str, label: str, query: str, language: str) -> list[dict[str, str]]:
    return find_nodes(store(), label, query, lang=language)


def _on_pick() -> None:
    st.session_state[CENTER_KEY] = (st.session_state["graph_label"], st.session_state["graph_pick"])


def _on_recenter() -> None:
    target = st.session_state.get("graph_recenter")
    if target:
        st.session_state[CENTER_KEY] = tuple(target.split(":", 1))
        st.session_state["graph_recenter"] = ""


def _explorer() -> None:
    st.subheader(t("graph.explorer"))
    c1, c2, c3 = st.columns([1, 2, 1])
    label = c1.selectbox(
        t("graph.kind"),
        SEARCHABLE,
        key="graph_label",
        format_func={lb: t(f"label.{lb}") for lb in SEARCHABLE}.__getitem__,
    )
    query = c2.text_input(t("graph.search"), key="graph_query", placeholder="UBTECH, US10000000, …")
    limit = c3.slider(t("graph.limit"), 10, 120, 40, step=10, key="graph_limit")
    options = _find(store_uri(), label, query, lang())
    if options:
        names = {o["key"]: o["name"] for o in options}
        st.selectbox(t("graph.key"), list(names), format_func=names.__getitem__, key="graph_pick", on_change=_on_pick)
        if CENTER_KEY not in st.session_state or query:
            st.session_state.setdefault("graph_pick_seen", None)
            if st.session_state["graph_pick_seen"] != (label, query):  # a new search centres on its first hit
                st.session_state["graph_pick_seen"] = (label, query)
                st.session_state[CENTER_KEY] = (label, st.session_state["graph_pick"])
    elif query:
        st.info(t("graph.nothing"))
    center = st.session_state.get(CENTER_KEY)
    if not center:
        return
    nodes, edges = _neighbours(store_uri(), center[0], center[1], limit)
    sub = Subgraph(nodes, edges)
    center_id = f"{center[0]}:{center[1]}"
    st.plotly_chart(graph_figure(sub, center_id, lang=lang()), config=PLOT_CONFIG, key="graph_plot")
    rows = neighbour_table(sub, center_id, lang=lang())
    st.markdown(f"**{t('graph.neighbours')}** · {t('label.' + center[0])} `{center[1]}` · {len(rows):,}")
    table(rows.drop(columns=["node"]), key="graph_table", height=260)
    if len(rows):
        st.selectbox(
            t("graph.recenter"),
            ["", *rows["node"].tolist()],
            key="graph_recenter",
            on_change=_on_recenter,
            format_func={
                "": "",
                **{n: f"{t('label.' + n.split(':')[0])} · {n.split(':', 1)[1]}" for n in rows["node"]},
            }.__getitem__,
        )
    if center[0] == "Patent":
        _similar_patents(center[1])


def _similar_patents(patent_id: str) -> None:
    """The patents nearest in meaning (embedding cosine), when the landscape stored embeddings."""
    similar = _similar(store_uri(), patent_id)
    st.markdown(f"**{t('graph.similar')}**")
    if not similar:
        st.caption(t("graph.similar.none"))
        return
    found = store().get_patents([pid for pid, _ in similar])
    rows = pd.DataFrame(
        [
            {
                t("col.key"): pid,
                t("col.title"): _title(found.get(pid)),
                t("col.similarity"): round(score, 3),
            }
            for pid, score in similar
        ]
    )
    table(rows, key="graph_similar", height=220)


def _title(record) -> str:
    if record is None:
        return ""
    titles = record.title
    return titles.get(lang()) or titles.get("en") or next(iter(titles.values()), "")


def _console() -> None:
    st.subheader(t("graph.console"))
    if store_uri().startswith("sqlite:"):
        st.info(t("graph.console.neo4j_only"))
        return
    from ipnav.store.console import parse_params, read_cypher

    st.caption(t("graph.console.help"))
    query = st.text_area(
        t("graph.console.query"),
        key="cypher_query",
        height=110,
        value="MATCH (p:Patent)-[r:ASSIGNED_TO]->(o:Organization)\nRETURN p, r, o LIMIT 25",
    )
    params = st.text_input(t("graph.console.params"), key="cypher_params", value="{}")
    if st.button(t("graph.console.run"), key="cypher_run", type="primary"):
        result = read_cypher(store(), query, parse_params(params), limit=500)
        st.caption(t("graph.console.rows", n=len(result.rows)) + (" (…)" if result.truncated else ""))
        frame = pd.DataFrame(result.rows, columns=result.columns)
        st.dataframe(frame.astype(str), hide_index=True, width="stretch", key="cypher_table")
        if result.graph.nodes:
            st.plotly_chart(graph_figure(result.graph, None, lang=lang()), config=PLOT_CONFIG, key="cypher_graph")


with guard():
    _explorer()
with guard():
    _console()
