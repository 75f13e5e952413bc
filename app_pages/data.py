"""Data: choose the store, import files with a progress bar, see the summary, the quarantine
table, the applicant alias table and what the store holds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages.frame import PLOT_CONFIG, guard, header, lang, refresh, settings, store, store_uri, t, table, use_store
from ingest import FORMATS
from ipnav.ingestion import ingest_paths
from ipnav.status import store_status
from ipnav.ui.charts import ranking_bars
from ipnav.ui.workspace import format_table, quarantine_table, status_tables, workspace_home

header("data.header")
home = workspace_home(store_uri(), settings())


@st.cache_data(show_spinner=False)
def _status(uri: str) -> dict:
    return store_status(store(), top=20)


@st.cache_data(show_spinner=False)
def _quarantine(path: str, stamp: float) -> pd.DataFrame:
    return quarantine_table(path)


def _store_section() -> None:
    st.subheader(t("data.backend"))
    current = store_uri()
    is_neo4j = not current.startswith("sqlite:")
    kind = st.radio(
        t("data.backend"),
        [t("data.backend.sqlite"), t("data.backend.neo4j")],
        index=int(is_neo4j),
        horizontal=True,
        label_visibility="collapsed",
        key="backend_kind",
    )
    if kind == t("data.backend.sqlite"):
        default = current if not is_neo4j else settings().store_uri
        uri = st.text_input(t("data.backend.sqlite_path"), value=default, key="sqlite_uri")
    else:
        uri = st.text_input(
            t("data.backend.neo4j_uri"),
            value=current if is_neo4j else "bolt://127.0.0.1:7687",
            key="neo4j_uri",
            help=t("data.backend.neo4j_help"),
        )
        st.caption(t("data.backend.neo4j_help"))
    if st.button(t("data.backend.connect"), key="connect") and uri != current:
        with guard():
            use_store(uri)
            refresh()
            st.success(t("data.backend.connected", uri=uri))
            st.rerun()


def _import_section() -> None:
    upload_tab, path_tab = st.tabs([t("data.upload"), t("data.path")])
    with upload_tab:
        uploads = st.file_uploader(
            t("data.upload"), accept_multiple_files=True, key="uploads", label_visibility="collapsed"
        )
    with path_tab:
        path_text = st.text_input(t("data.path.input"), key="import_path", placeholder="data/demo")
    formats = ["auto", *FORMATS]
    fmt = st.selectbox(
        t("data.format"),
        formats,
        key="import_format",
        format_func={"auto": t("data.format.auto"), **{f: f for f in FORMATS}}.__getitem__,
    )
    if not st.button(t("data.run"), type="primary", key="run_import"):
        return
    paths: list[Path] = []
    if uploads:
        folder = home / "uploads"
        folder.mkdir(parents=True, exist_ok=True)
        for up in uploads:
            target = folder / Path(up.name).name
            target.write_bytes(up.getbuffer())
            paths.append(target)
    if path_text.strip():
        paths.append(Path(path_text.strip()).expanduser())
    if not paths:
        st.warning(t("data.nofiles"))
        return
    bar = st.progress(0.0, text=t("data.running", name=paths[0].name))

    def progress(index: int, n_files: int, name: str, rows: int) -> None:
        bar.progress(min(1.0, index / max(1, n_files)), text=f"{t('data.running', name=name)}  {rows:,}")

    with guard():
        summary = ingest_paths(paths, store(), fmt=fmt, quarantine_path=home / "quarantine.csv", progress=progress)
        bar.progress(1.0, text=t("data.done"))
        st.session_state["last_ingest"] = summary.as_dict()
        refresh()


def _summary_section() -> None:
    result = st.session_state.get("last_ingest")
    if not result:  # nothing imported in this session: show how the workspace was built, when known
        built = ((store().get_artifact("demo.manifest") or {}).get("stages") or {}).get("ingest") or {}
        if built.get("summary"):
            st.subheader(t("data.workspace_import"))
            _summary_metrics(built["summary"])
        return
    st.subheader(t("data.summary"))
    _summary_metrics(result)
    table(format_table(result), key="ingest_formats")
    if result["file_errors"]:
        st.markdown(f"**{t('data.file_errors')}**")
        table(pd.DataFrame(result["file_errors"], columns=["file", "error"]), key="ingest_file_errors")


def _summary_metrics(result: dict) -> None:
    cols = st.columns(4)
    cols[0].metric(t("data.read"), f"{result['read']:,}")
    cols[1].metric(t("data.stored"), f"{result['stored']:,}")
    cols[2].metric(t("data.merged"), f"{result['merged_duplicates']:,}")
    cols[3].metric(t("data.quarantined"), f"{result['quarantined']:,}")
    st.caption(
        t(
            "data.store_effect",
            inserted=result.get("inserted", 0),
            updated=result.get("updated", 0),
            unchanged=result.get("unchanged", 0),
        )
    )


def _quarantine_section() -> None:
    st.caption(t("data.quarantine.help"))
    path = home / "quarantine.csv"
    stamp = path.stat().st_mtime if path.is_file() else 0.0
    rows = _quarantine(str(path), stamp)
    if rows.empty:
        st.success(t("data.quarantine.none"))
        return
    reasons = sorted(rows["reason"].str.split(":").str[0].unique())
    chosen = st.multiselect(t("col.reason"), reasons, key="quarantine_reasons")
    shown = rows[rows["reason"].str.split(":").str[0].isin(chosen)] if chosen else rows
    table(shown, key="quarantine_table", height=300)
    st.download_button(
        t("data.download"),
        rows.to_csv(index=False).encode("utf-8-sig"),
        "quarantine.csv",
        "text/csv",
        key="quarantine_download",
    )


def _alias_section() -> None:
    from ipnav.ui import aliases as alias_view  # needs the cleaning modules (ipnav.alias_table)

    st.caption(t("data.aliases.help"))
    path = home / "aliases.csv"
    if st.button(t("data.aliases.suggest"), key="aliases_suggest"):
        alias_view.suggest_frame(store(), path)
    frame = alias_view.alias_frame(path, store().aliases())
    if frame.empty:
        st.info(t("data.aliases.none"))
        return
    cols = st.columns(3)
    cols[0].metric(t("data.aliases.rows"), f"{len(frame):,}")
    cols[1].metric(t("data.aliases.in_force"), f"{int(frame['applied'].sum()):,}")
    cols[2].metric(t("data.aliases.pending"), f"{int((frame['reviewed'] == '').sum()):,}")
    edited = st.data_editor(
        frame,
        key="alias_editor",
        hide_index=True,
        width="stretch",
        height=360,
        num_rows="dynamic",
        column_config={
            "applied": st.column_config.CheckboxColumn(t("col.applied")),
            "reviewed": st.column_config.SelectboxColumn(t("col.reviewed"), options=["", "yes", "no"]),
            "score": st.column_config.NumberColumn(t("col.alias_score"), format="%.0f"),
            "variant": st.column_config.TextColumn(t("col.variant")),
            "canonical": st.column_config.TextColumn(t("col.canonical")),
            "patents": st.column_config.NumberColumn(t("col.patents")),
            "reason": st.column_config.TextColumn(t("col.reason")),
            "variant_name": st.column_config.TextColumn(t("col.variant_name")),
            "canonical_name": st.column_config.TextColumn(t("col.canonical_name")),
            "canonical_patents": st.column_config.NumberColumn(t("col.canonical_patents")),
        },
        disabled=["applied", "score", "patents", "variant_name", "canonical_name", "canonical_patents"],
    )
    if st.button(t("data.aliases.apply"), type="primary", key="aliases_apply"):
        result = alias_view.save_and_apply(store(), edited.drop(columns=["applied"]), path)
        refresh()
        st.success(
            t(
                "data.aliases.applied",
                n=result["aliases"],
                before=result["organizations_before"],
                after=result["organizations_after"],
            )
        )


def _status_section() -> None:
    status = _status(store_uri())
    tables = status_tables(status)
    cols = st.columns([1, 1, 2])
    with cols[0]:
        st.markdown(f"**{t('data.nodes')}**")
        table(tables["nodes"][tables["nodes"]["count"] > 0], key="status_nodes")
    with cols[1]:
        st.markdown(f"**{t('data.edges')}**")
        table(tables["edges"][tables["edges"]["count"] > 0], key="status_edges")
    if len(tables["applicants"]):
        cols[2].plotly_chart(
            ranking_bars(
                tables["applicants"], label="name", value="patents", lang=lang(), title=t("home.top_applicants"), top=10
            ),
            config=PLOT_CONFIG,
            key="status_apps",
        )


import_tab, quarantine_tab, alias_tab, status_tab = st.tabs(
    [t("data.import"), t("data.quarantine"), t("data.aliases"), t("data.status")]
)
with import_tab, guard():
    _import_section()
    _summary_section()
with quarantine_tab, guard():
    _quarantine_section()
with alias_tab, guard():
    _alias_section()
with status_tab:
    with guard():
        _status_section()
    with guard():
        _store_section()
