"""Navigation: choose a focus (region, company, uploaded list of patents), then the GB/T 39551
sections: industry direction, positioning, development paths (white space with its reasons,
routes with companies to attract and inventors to recruit), main paths, and the report."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from app_pages.frame import PLOT_CONFIG, guard, header, lang, store, store_uri, t, table
from ipnav.ui import navigation as view
from ipnav.ui.graphview import graph_figure

header("navigation.header", "navigation.caption")

KEY = "nav_key"


@st.cache_data(show_spinner=False)
def _index(uri: str, stamp: int) -> list[dict[str, Any]]:
    return view.list_navigations(store())


@st.cache_data(show_spinner=False, max_entries=32)
def _report(uri: str, key: str) -> dict[str, Any] | None:
    return view.load_navigation(store(), key)


@st.cache_data(show_spinner=False, max_entries=32)
def _html(uri: str, key: str, language: str) -> bytes:
    from ipnav.navigate.render import render_html

    report = view.load_navigation(store(), key)
    return render_html(report, lang=language).encode("utf-8") if report else b""


def _new_focus() -> None:
    with st.expander(t("navigation.new"), expanded=not _index(store_uri(), st.session_state.get("nav_stamp", 0))):
        kinds = {k: t(f"navigation.kind.{k}") for k in view.FOCUS_KINDS}
        kind = st.radio(
            t("navigation.kind"), list(kinds), horizontal=True, key="nav_kind", format_func=kinds.__getitem__
        )
        query: Any
        if kind == "ids":
            upload = st.file_uploader(t("navigation.query.ids"), type=["txt", "csv"], key="nav_ids")
            query = upload.getvalue().decode("utf-8-sig") if upload else ""
        else:
            query = st.text_input(
                t(f"navigation.query.{kind}"),
                key="nav_query",
                placeholder="河南" if kind == "region" else "UBTECH ROBOTICS",
            )
        if st.button(t("navigation.run"), key="nav_run", type="primary") and str(query).strip():
            with st.spinner(t("navigation.running", name=query if kind != "ids" else kinds[kind])):
                report = view.run_navigation(store(), kind=kind, query=query)
            focus = report["focus"]
            name = focus["query"] if kind != "ids" else f"{len(focus.get('matched') or [])} ids"
            st.session_state["nav_stamp"] = st.session_state.get("nav_stamp", 0) + 1
            st.session_state[KEY] = view.navigation_key(kind, name if kind == "ids" else str(query).strip())
            st.cache_data.clear()
            st.rerun()


def _statements(section: dict[str, Any]) -> None:
    for item in view.statements(section, lang()):
        st.markdown(f"- {item['text']}")
        if item["patents"]:
            st.caption(f"{t('navigation.patents_behind')}: " + ", ".join(item["patents"][:8]))


def _direction(report: dict[str, Any]) -> None:
    import pandas as pd

    from ipnav.ui.charts import ranking_bars

    _statements(report["direction"])
    rows = pd.DataFrame(
        [
            {
                "no": r["topic"],
                "topic": r.get(f"label_{lang()}") or r["label_en"],
                "size": r["size"],
                "recent_n": r["recent_n"],
                "earlier_n": r["earlier_n"],
                "relative_growth": r["relative_growth"],
            }
            for r in report["direction"]["growing_topics"]
        ],
        columns=["no", "topic", "size", "recent_n", "earlier_n", "relative_growth"],
    )
    percent = {"relative_growth": st.column_config.NumberColumn(t("col.relative_growth"), format="percent")}
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('navigation.growing_topics')}**")
        if len(rows):
            chart = rows.assign(label=[f"{n} · {str(x)[:48]}" for n, x in zip(rows["no"], rows["topic"], strict=True)])
            st.plotly_chart(
                ranking_bars(chart, label="label", value="relative_growth", lang=lang(), top=8, height=300),
                config=PLOT_CONFIG,
                key="nav_growth_chart",
            )
            table(rows, key="nav_growing", column_config=percent)
    with right:
        st.markdown(f"**{t('navigation.growing_branches')}**")
        branches = pd.DataFrame(report["direction"].get("growing_branches", []))
        if len(branches):
            table(branches, key="nav_branches", column_config=percent)


def _positioning(report: dict[str, Any]) -> None:
    _statements(report["positioning"])
    frame = view.positioning_table(report, lang())
    st.plotly_chart(
        view.positioning_figure(frame, lang=lang(), title=t("navigation.matrix")), config=PLOT_CONFIG, key="nav_matrix"
    )
    table(
        frame,
        key="nav_positions",
        height=320,
        column_config={
            "focus_share": st.column_config.NumberColumn(t("col.focus_share"), format="percent"),
            "world_share": st.column_config.NumberColumn(t("col.world_share"), format="percent"),
            "relative_growth": st.column_config.NumberColumn(t("col.relative_growth"), format="percent"),
            "rta": st.column_config.NumberColumn("RTA", format="%.2f"),
            "density": st.column_config.NumberColumn(t("col.density"), format="%.3f"),
        },
    )


def _paths(report: dict[str, Any]) -> None:
    _statements(report["paths"])
    st.markdown(f"**{t('navigation.map')}**")
    st.plotly_chart(view.navigation_map_figure(report, lang=lang()), config=PLOT_CONFIG, key="nav_map")
    st.markdown(f"**{t('navigation.gaps')}**")
    st.caption(t("navigation.formula"))
    gaps = view.gap_table(report, lang())
    if len(gaps):
        table(gaps, key="nav_gaps")
    else:
        st.info(t("navigation.gaps.none"), icon=":material/info:")
    st.markdown(f"**{t('navigation.opportunities')}**")
    table(view.opportunity_table(report, lang()), key="nav_opps")
    st.markdown(f"**{t('navigation.routes')}**")
    table(view.route_table(report, lang()), key="nav_routes")
    cols = st.columns(3)
    for col, (key, title) in zip(
        cols,
        [
            ("attraction_targets", "navigation.attract"),
            ("talent", "navigation.talent"),
            ("partners", "navigation.partners"),
        ],
        strict=True,
    ):
        with col:
            st.markdown(f"**{t(title)}**")
            actors = view.actor_table(report, key, lang())
            if len(actors):
                table(actors, key=f"nav_{key}")
            else:
                st.caption(t("navigation.no_inventors") if key == "talent" else "—")


def _main_paths(report: dict[str, Any]) -> None:
    field = report["direction"].get("main_path") or {}
    st.markdown(f"**{t('navigation.mainpath.field')}**")
    if field.get("arcs"):
        sub = view.main_path_subgraph(field)
        st.plotly_chart(graph_figure(sub, None, lang=lang(), height=420), config=PLOT_CONFIG, key="nav_field_path")
    else:
        st.caption((field.get("note") or {}).get(lang()) or t("navigation.mainpath.none"))
    profiles = report["paths"].get("profiles", {})
    if not profiles:
        return
    st.markdown(f"**{t('navigation.mainpath.topic')}**")
    labels = {k: f"{k} · {p.get(f'label_{lang()}') or p.get('label_en')}" for k, p in profiles.items()}
    chosen = st.selectbox(
        t("navigation.mainpath.pick"), list(labels), key="nav_path_topic", format_func=labels.__getitem__
    )
    part = profiles[chosen]["key_patents"]
    if part.get("arcs"):
        st.plotly_chart(
            graph_figure(view.main_path_subgraph(part), None, lang=lang(), height=420),
            config=PLOT_CONFIG,
            key="nav_topic_path",
        )
    else:
        st.caption((part.get("note") or {}).get(lang()) or t("navigation.mainpath.none"))
    import pandas as pd

    table(pd.DataFrame(part.get("patents", [])), key="nav_key_patents")


def _page() -> None:
    _new_focus()
    items = _index(store_uri(), st.session_state.get("nav_stamp", 0))
    if not items:
        st.info(t("navigation.none"), icon=":material/info:")
        return
    labels = {
        i["key"]: f"{t('navigation.kind.' + i['kind'])} · {i.get('label_' + lang()) or i['query']} "
        f"({int(i['patents'] or 0):,})"
        for i in items
    }
    if st.session_state.get(KEY) not in labels:
        defaults = store().get_artifact("demo.defaults") or {}
        wanted = defaults.get("navigation")
        st.session_state[KEY] = wanted if wanted in labels else next(iter(labels))
    key = st.selectbox(t("navigation.saved"), list(labels), key=KEY, format_func=labels.__getitem__)
    report = _report(store_uri(), key)
    if report is None:
        st.info(t("navigation.none"))
        return
    focus = report["focus"]
    st.subheader(report["title"][lang()])
    st.caption(
        t(
            "navigation.focus",
            label=focus.get(f"label_{lang()}") or focus["query"],
            n=focus["patents"],
            date=report.get("generated", ""),
        )
    )
    tabs = st.tabs(
        [
            t("navigation.tab.direction"),
            t("navigation.tab.positioning"),
            t("navigation.tab.paths"),
            t("navigation.tab.mainpath"),
            t("navigation.tab.report"),
        ]
    )
    with tabs[0]:
        _direction(report)
    with tabs[1]:
        _positioning(report)
    with tabs[2]:
        _paths(report)
    with tabs[3]:
        _main_paths(report)
    with tabs[4]:
        uri, language = store_uri(), lang()
        stem = f"ipnav-navigation-{focus['kind']}-{focus['query']}-{language}".replace(" ", "_")
        st.download_button(
            t("navigation.report.html"),
            key="nav_report_html",
            file_name=f"{stem}.html",
            mime="text/html",
            data=lambda: _html(uri, key, language),
            type="primary",
            icon=":material/description:",
        )
        st.download_button(
            t("navigation.report.json"),
            key="nav_report_json",
            file_name=f"{stem}.json",
            mime="application/json",
            icon=":material/data_object:",
            data=json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8"),
        )
        st.caption(json.dumps(report.get("method", {}), ensure_ascii=False)[:600])


with guard():
    _page()
