"""What every page shares: the language, the open store, cached reads and error display.

Streamlit-only glue (this module imports streamlit; nothing in :mod:`ipnav` imports it). Pages
call :func:`lang` / :func:`t` for text, :func:`store` for the open store, and wrap their work
in :func:`guard`, which shows an :class:`~ipnav.exceptions.IpnavError` as ``st.error`` and lets
every other exception (a bug) surface.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st

from ipnav.config import Settings
from ipnav.exceptions import IpnavError
from ipnav.i18n import label_columns, tr
from ipnav.store import GraphStore, open_store

LANG_OPTIONS = {"中文": "zh", "English": "en"}
LANG_KEY = "lang_choice"
STORE_KEY = "store_uri"


def settings() -> Settings:
    """Settings from the environment (``IPNAV_STORE``, ``IPNAV_HOME``, ``IPNAV_LANG`` ...); cheap, read each run."""
    return Settings.from_env()


def lang() -> str:
    """The language chosen in the sidebar (``zh`` or ``en``); the settings' language before any choice."""
    choice = st.session_state.get(LANG_KEY)
    return LANG_OPTIONS.get(choice, settings().lang) if choice else settings().lang


def t(key: str, **values: Any) -> str:
    """The text of ``key`` in the chosen language."""
    return tr(key, lang(), **values)


def store_uri() -> str:
    """The store this session works on: chosen on the Data page, else ``IPNAV_STORE``, else the default workspace."""
    return str(st.session_state.get(STORE_KEY) or settings().store_uri)


@st.cache_resource(show_spinner=False)
def _open(uri: str) -> GraphStore:
    return open_store(uri)


def store() -> GraphStore:
    """The opened store of this session (one connection per URI, shared by sessions).

    Raises:
        IpnavError: The store cannot be opened.
    """
    return _open(store_uri())


def use_store(uri: str) -> GraphStore:
    """Open ``uri`` and make it this session's store.

    Raises:
        IpnavError: The store cannot be opened (the session keeps its current store).
    """
    opened = _open(uri)
    st.session_state[STORE_KEY] = uri
    return opened


def refresh() -> None:
    """Forget cached reads after a write (ingest, aliases), so every page shows the new data."""
    st.cache_data.clear()


@contextmanager
def guard() -> Iterator[None]:
    """Show ipnav's own errors as ``st.error`` (in the chosen language); bugs surface."""
    try:
        yield
    except IpnavError as exc:
        st.error(t("error.prefix", error=exc), icon=":material/error:")
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("ipnav."):
            raise
        st.warning(t("missing.module", module=exc.name), icon=":material/extension:")


def table(frame: pd.DataFrame, *, key: str | None = None, height: int | str = "auto", **kwargs: Any) -> Any:
    """``st.dataframe`` with the columns named in the chosen language and no index."""
    names = label_columns(frame.columns, lang())
    if "column_config" in kwargs:  # configs are given by column, the frame shows display names
        kwargs["column_config"] = {names.get(c, c): v for c, v in kwargs["column_config"].items()}
    return st.dataframe(frame.rename(columns=names), hide_index=True, width="stretch", height=height, key=key, **kwargs)


def header(title_key: str, caption_key: str | None = None) -> None:
    """The page title (and a caption) in the chosen language."""
    st.title(t(title_key))
    if caption_key:
        st.caption(t(caption_key))


def missing(what: str, command: str) -> None:
    """Say that a precomputed result is missing and which command makes it."""
    st.info(t("missing.artifact", what=what, command=command), icon=":material/info:")


PLOT_CONFIG = {"displaylogo": False, "responsive": True, "toImageButtonOptions": {"format": "png", "scale": 2}}
"""Plotly options for every chart: no plotly logo; PNG export at twice the size."""
