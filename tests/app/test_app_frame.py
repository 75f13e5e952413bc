"""The frame around every page: navigation, language switch, store in the sidebar."""

from __future__ import annotations

import pytest

from ipnav.i18n import tr


def test_home_renders_store_counts_in_chinese(app, workspace_store) -> None:
    at = app("home", "zh")
    assert at.title[0].value == tr("home.header", "zh")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[tr("kpi.patents", "zh")] == f"{workspace_store.count_patents():,}"
    assert metrics[tr("kpi.citations", "zh")] == f"{workspace_store.counts()['edges']['CITES']:,}"


def test_language_switch_changes_every_text(app) -> None:
    at = app("home", "zh")
    assert at.sidebar.radio[0].value == "中文"
    at.sidebar.radio[0].set_value("English").run()
    assert at.title[0].value == tr("home.header", "en")
    assert at.metric[0].label == tr("kpi.patents", "en")


def test_query_parameter_sets_the_first_language(app) -> None:
    at = app("home", "en")
    assert at.sidebar.radio[0].value == "English"
    assert at.title[0].value == "Patent navigation workbench"


def test_sidebar_names_the_store(app, workspace_uri) -> None:
    at = app("home", "en")
    assert workspace_uri in [c.value for c in at.sidebar.code]


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("home", "home.header"),
        ("data", "data.header"),
        ("landscape", "landscape.header"),
        ("navigation", "navigation.header"),
        ("evaluation", "evaluation.header"),
        ("graph", "graph.header"),
    ],
)
def test_every_page_switches_language(app, page: str, title: str) -> None:
    at = app(page, "zh")
    assert at.title[0].value == tr(title, "zh")
    assert not at.exception
    at.sidebar.radio[0].set_value("English").run()
    assert at.title[0].value == tr(title, "en")
    assert not at.exception and not at.error
