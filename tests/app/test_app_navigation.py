"""The Navigation page on the fixture workspace's navigation results."""

from __future__ import annotations

import pytest

pytest.importorskip("ipnav.landscape", reason="the landscape modules are not in this checkout")

from ipnav.i18n import tr
from ipnav.ui import navigation as view
from tests.app.helpers import plot_specs, table_with


@pytest.fixture(scope="module")
def saved(workspace_store):
    items = view.list_navigations(workspace_store)
    return {i["key"]: view.load_navigation(workspace_store, i["key"]) for i in items}


def test_demo_kept_the_focus_applicant_and_the_default(saved, workspace_store) -> None:
    defaults = workspace_store.get_artifact("demo.defaults")
    assert defaults["navigation"] == "navigation.applicant.UBTECH ROBOTICS"
    report = saved[defaults["navigation"]]
    assert report["focus"]["kind"] == "applicant"
    assert report["focus"]["patents"] == workspace_store.count_patents(
        __import__("ipnav.store.base", fromlist=["PatentFilter"]).PatentFilter(applicants=("UBTECH ROBOTICS",))
    )


def test_page_shows_the_sections_of_the_default_focus(app, saved) -> None:
    at = app("navigation", "zh")
    assert at.title[0].value == tr("navigation.header", "zh")
    report = saved[at.selectbox(key="nav_key").value]
    assert any(report["title"]["zh"] == h.value for h in at.subheader)
    texts = [m.value for m in at.markdown]
    for s in report["direction"]["statements"][:2]:
        assert f"- {s['zh']}" in texts
    kinds = {d["type"] for spec in plot_specs(at) for d in spec["data"]}
    assert {"scatter", "contour"} <= kinds


def test_positioning_table_follows_the_report(app, saved) -> None:
    at = app("navigation", "en")
    report = saved[at.selectbox(key="nav_key").value]
    frame = table_with(at, "RTA", tr("col.quadrant", "en"))
    strong = [r for r in report["positioning"]["topics"] if r["strong"]]
    assert int(frame[tr("col.strong", "en")].sum()) == len(strong)
    assert len(frame) == len(report["positioning"]["topics"])


def test_gap_scores_are_the_mean_of_their_terms(saved) -> None:
    for report in saved.values():
        for item in report["paths"]["gaps"] + report["paths"]["opportunities"]:
            terms = {k: v for k, v in item["terms"].items() if v["value"] is not None}
            expected = sum(v["weight"] * v["value"] for v in terms.values()) / sum(v["weight"] for v in terms.values())
            assert item["score"] == pytest.approx(expected, abs=1e-3)


def test_switching_focus_changes_the_tables(app, saved) -> None:
    if len(saved) < 2:
        pytest.skip("the fixture kept a single navigation result")
    at = app("navigation", "en")
    before = table_with(at, "RTA", tr("col.quadrant", "en"))
    other = next(k for k in saved if k != at.selectbox(key="nav_key").value)
    at.selectbox(key="nav_key").set_value(other).run()
    assert at.selectbox(key="nav_key").value == other
    after = table_with(at, "RTA", tr("col.quadrant", "en"))
    assert not before.equals(after)
    focus_n = {r["topic"]: r["focus_n"] for r in saved[other]["positioning"]["topics"]}
    shown = dict(zip(after[tr("col.no", "en")], after[tr("col.focus_n", "en")], strict=True))
    assert shown == focus_n


def test_route_table_lists_every_route(app, saved) -> None:
    at = app("navigation", "en")
    report = saved[at.selectbox(key="nav_key").value]
    routes = table_with(at, tr("col.route", "en"), tr("col.strength", "en"))
    expected = sum(max(1, len(e["routes"])) for e in report["paths"]["targets"])
    assert len(routes) == expected


def test_new_region_focus_is_computed_and_kept(app, scratch_uri) -> None:
    at = app("navigation", "en", store=scratch_uri)
    at.radio(key="nav_kind").set_value("region").run()
    at.text_input(key="nav_query").set_value("广东").run()
    at.button(key="nav_run").click().run(timeout=300)
    assert not at.exception
    assert at.selectbox(key="nav_key").value == "navigation.region.广东"
    from ipnav.store import open_store

    with open_store(scratch_uri) as store:
        assert "navigation.region.广东" in {i["key"] for i in view.list_navigations(store)}


def test_unknown_region_is_an_error_box(app, scratch_uri) -> None:
    at = app("navigation", "en", store=scratch_uri)
    at.radio(key="nav_kind").set_value("region").run()
    at.text_input(key="nav_query").set_value("Atlantis").run()
    at.button(key="nav_run").click().run()
    assert not at.exception
    assert at.error and "Atlantis" in at.error[0].value


def test_html_report_renders_in_both_languages(saved) -> None:
    from ipnav.navigate.render import render_html

    report = next(iter(saved.values()))
    zh, en = render_html(report, lang="zh"), render_html(report, lang="en")
    assert report["title"]["zh"] in zh and report["title"]["en"] in en
