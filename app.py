"""ipnav's Streamlit app: builds the navigation and the sidebar, then runs the chosen page.

Start it with ``ipnav app`` (or ``streamlit run app.py``); it binds to 127.0.0.1 (see
``.streamlit/config.toml``) and opens the store named by ``IPNAV_STORE``, else the default
workspace. Each page is one file in ``app_pages/``; pages call :mod:`ipnav` only. (The folder is
not called ``pages/``: Streamlit treats a ``pages/`` folder beside the entry script as an old-style
multipage app and runs a page opened by URL without this file, i.e. without the sidebar and
language switch.)
"""

from __future__ import annotations

import streamlit as st

from app_pages.frame import LANG_KEY, LANG_OPTIONS, lang, settings, store, store_uri, t
from ipnav.exceptions import IpnavError
from ipnav.ui.workspace import short_store_uri

st.set_page_config(
    page_title="ipnav 专利导航", page_icon=":material/explore:", layout="wide", initial_sidebar_state="expanded"
)

if LANG_KEY not in st.session_state:  # first run of a session: ?lang=en|zh in the URL, else the settings
    wanted = st.query_params.get("lang") or settings().lang
    st.session_state[LANG_KEY] = next((k for k, v in LANG_OPTIONS.items() if v == wanted), "中文")

PAGES = {
    t("nav.section.work"): [
        st.Page("app_pages/home.py", title=t("nav.home"), icon=":material/explore:", url_path="home", default=True),
        st.Page("app_pages/landscape.py", title=t("nav.landscape"), icon=":material/terrain:", url_path="landscape"),
        st.Page(
            "app_pages/navigation.py", title=t("nav.navigation"), icon=":material/alt_route:", url_path="navigation"
        ),
        st.Page(
            "app_pages/evaluation.py", title=t("nav.evaluation"), icon=":material/analytics:", url_path="evaluation"
        ),
    ],
    t("nav.section.data"): [
        st.Page("app_pages/data.py", title=t("nav.data"), icon=":material/database:", url_path="data"),
        st.Page("app_pages/graph.py", title=t("nav.graph"), icon=":material/hub:", url_path="graph"),
    ],
}
page = st.navigation(PAGES)

with st.sidebar:
    st.radio(t("lang.label"), list(LANG_OPTIONS), key=LANG_KEY, horizontal=True)
    st.caption(t("store.label"))
    st.code(short_store_uri(store_uri()), language=None, wrap_lines=True)
    try:
        st.caption(t("store.patents", n=store().count_patents()))
    except IpnavError as exc:
        st.error(t("store.unavailable", error=exc))
    st.caption(f"ipnav · {'专利导航' if lang() == 'zh' else 'patent navigation'} · 127.0.0.1")

page.run()
