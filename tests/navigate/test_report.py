"""The navigation report end to end on labelled synthetic data with a hand-made map."""

from __future__ import annotations

import json
from html import escape as html_escape

import pytest

from ipnav.navigate.focus import focus_by_applicant
from ipnav.navigate.frame import patent_frame, topic_frames
from ipnav.navigate.render import render_html
from ipnav.navigate.report import navigation_report
from tests.navigate.fixtures import synthetic_map


@pytest.fixture(scope="module")
def data():
    records, topics, assignments = synthetic_map(800)
    patents = patent_frame(records)
    t, a = topic_frames(topics, assignments)
    focus = focus_by_applicant(patents, "SYNTHETIC APPLICANT 0000 CO LTD")
    return patents, t, a, focus


@pytest.fixture(scope="module")
def report(data):
    patents, t, a, focus = data
    return navigation_report(patents, t, a, focus, n_null=49)


def test_sections_and_traceability(report, data) -> None:
    patents, _, _, focus = data
    assert report["schema"] == "ipnav.navigation/1"
    assert report["focus"]["patents"] == len(focus.patent_ids) > 20
    known = set(patents["patent_id"])
    for section in ("direction", "positioning", "paths"):
        assert report[section]["statements"], section
        for s in report[section]["statements"]:
            assert s["zh"] and s["en"]
            assert set(s["patents"]) <= known
    # Every strength quoted in positioning is backed by focus patents.
    for s in report["positioning"]["statements"][1:]:
        assert s["patents"] and set(s["patents"]) <= focus.patent_ids
    json.dumps(report, allow_nan=False)


def test_positioning_numbers_add_up(report) -> None:
    rows = report["positioning"]["topics"]
    assert sum(r["focus_n"] for r in rows) == report["focus"]["patents"]
    assert sum(r["focus_share"] for r in rows) == pytest.approx(1.0)
    for r in rows:
        expected_rta = r["focus_share"] / r["world_share"] if r["world_share"] else None
        if expected_rta is not None:
            assert r["rta"] == pytest.approx(expected_rta, rel=2e-3)  # both rounded in the report
        assert r["strong"] == (r["rta"] not in (None,) and (r["rta"] == "inf" or r["rta"] >= 1) and r["focus_n"] >= 2)


def test_the_empty_centre_is_white_space_and_routes_start_at_strengths(report) -> None:
    paths = report["paths"]
    assert paths["gaps_found"] >= 1
    centre = min(paths["gaps"] or [], key=lambda g: abs(g["x"]) + abs(g["y"]), default=None)
    if centre is not None:  # ranked gaps are those next to a growing topic
        assert abs(centre["x"]) < 1.0 and abs(centre["y"]) < 1.0
        assert set(centre["terms"]) == {"growth", "market", "absence", "relatedness"}
    strengths = {r["topic"] for r in report["positioning"]["strengths"]}
    assert paths["sources_are_strengths"] and set(paths["sources"]) == strengths
    for target in paths["targets"]:
        for route in target["routes"]:
            assert route["topics"][0] in strengths and route["topics"][-1] == target["topic"]
            assert route["strength"] == pytest.approx(
                __import__("math").prod(s["strength"] for s in route["steps"]), rel=1e-4
            )


def test_profiles_name_companies_inventors_and_key_patents(report, data) -> None:
    _, _, _, focus = data
    profiles = report["paths"]["profiles"]
    assert profiles
    focus_name = focus.matched[1]
    for prof in profiles.values():
        assert all(a["name"] != focus_name for a in prof["attraction_targets"])  # the focus is not a target
        assert prof["key_patents"]["patents"]
        assert prof["key_patents"]["basis"] in ("main_path", "typical")
        assert prof["inventors"] and all(i["score"] > 0 for i in prof["inventors"])
    assert report["direction"]["main_path"]["basis"] == "main_path"


def test_html_in_both_languages(report) -> None:
    zh, en = render_html(report, lang="zh"), render_html(report, lang="en")
    for html in (zh, en):
        assert html.startswith("<!doctype html>") and "data:image/png;base64," in html
        assert "产业发展方向" in html and "Industry direction" in html  # headings are bilingual
        assert report["positioning"]["statements"][1]["patents"][0] in html
    first = report["positioning"]["statements"][0]
    assert html_escape(first["zh"]) in zh and html_escape(first["en"]) in en
    assert "<script" not in zh  # self-contained, nothing to fetch or run


def test_without_citations_the_report_says_so() -> None:
    records, topics, assignments = synthetic_map(400, citations=False)
    patents = patent_frame(records)
    t, a = topic_frames(topics, assignments)
    focus = focus_by_applicant(patents, "SYNTHETIC APPLICANT 0000 CO LTD")
    rep = navigation_report(patents, t, a, focus, n_null=19)
    assert rep["data"]["citation_note"] == "no citation data"
    assert rep["direction"]["main_path"]["note"]["en"] == "no citation data"
    assert all(p["key_patents"]["basis"] == "typical" for p in rep["paths"]["profiles"].values())
    assert "No citation data" in render_html(rep, lang="en")
