"""The Landscape page on the fixture workspace's saved topic map."""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("ipnav.landscape", reason="the landscape modules are not in this checkout")

from ipnav.i18n import tr
from ipnav.ui import landscape as view
from tests.app.helpers import array, plot_specs, table_with


@pytest.fixture(scope="module")
def saved(workspace_store):
    return view.load_map(workspace_store)


def test_map_table_matches_the_saved_assignments(saved, workspace_store) -> None:
    params, _, frame = saved
    _, _, assignments = workspace_store.load_topics()
    assert len(frame) == len(assignments) == params["n_patents"]
    by_id = {a["patent_id"]: a for a in assignments}
    row = frame.iloc[0]
    assert row["x"] == pytest.approx(by_id[row["id"]]["x"])
    record = workspace_store.get_patent(row["id"])
    assert row["title"] in record.title.values()


def test_page_draws_the_terrain_and_lists_topics(app, saved) -> None:
    _, nodes, _ = saved
    at = app("landscape", "en")
    assert at.title[0].value == tr("landscape.header", "en")
    spec = plot_specs(at)[0]
    kinds = [d["type"] for d in spec["data"]]
    assert kinds[0] == "contour" and "scattergl" in kinds
    n_topics = sum(1 for n in nodes if n["is_topic"])
    level = min(25, n_topics)
    topics = table_with(at, tr("col.topic", "en"), tr("col.size", "en"))
    assert len(topics) == len(view.shown_nodes(nodes, level))
    assert topics[tr("col.size", "en")].tolist() == sorted(topics[tr("col.size", "en")], reverse=True)


def test_zooming_out_merges_topics(app, saved) -> None:
    at = app("landscape", "en")
    at.slider(key="map_level").set_value(5).run()
    assert not at.exception
    topics = table_with(at, tr("col.topic", "en"), tr("col.size", "en"))
    assert len(topics) == 5
    _, nodes, frame = saved
    owner = view.topic_owner(frame, nodes, 5)
    assert topics[tr("col.size", "en")].sum() == int((owner >= 0).sum())


def test_year_range_changes_the_points_shown(app, saved) -> None:
    _, _, frame = saved
    at = app("landscape", "en")
    at.slider(key="map_years").set_value((2019, 2020)).run()
    assert not at.exception
    points = next(d for d in plot_specs(at)[0]["data"] if d["type"] == "scattergl")
    expected = int(((frame["year"] >= 2019) & (frame["year"] <= 2020)).sum())
    assert len(array(points["x"])) == expected
    assert tr("landscape.shown", "en", n=expected, lo=2019, hi=2020) in [c.value for c in at.caption]


def test_applicant_overlay_draws_the_chosen_companies(app, saved) -> None:
    _, _, frame = saved
    at = app("landscape", "en")
    at.radio(key="map_overlay").set_value("applicants").run()
    chosen = at.multiselect(key="map_compare").value
    assert 1 <= len(chosen) <= 3
    names = [d.get("name", "") for d in plot_specs(at)[0]["data"]]
    lo, hi = at.slider(key="map_years").value
    in_years = frame[(frame["year"] >= lo) & (frame["year"] <= hi)]
    for applicant in chosen:
        n = int((in_years["applicant"] == applicant).sum())
        if n:
            assert f"{applicant} ({n:,})" in names


def test_topic_detail_trend_sums_to_the_topic_size(app, saved) -> None:
    _, nodes, _ = saved
    at = app("landscape", "zh")
    node_id = at.selectbox(key="map_topic").value
    node = next(n for n in nodes if n["id"] == node_id)
    trend = next(s for s in plot_specs(at) if s["data"][0]["type"] == "bar" and "%{x}" in s["data"][0]["hovertemplate"])
    dated = sum(int(v) for v in node["years"].values())
    assert sum(array(trend["data"][0]["y"])) == dated
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[tr("landscape.size", "zh")] == f"{node['size']:,}"


def test_choosing_another_topic_changes_the_detail(app, saved) -> None:
    at = app("landscape", "en")
    first = table_with(at, tr("col.title", "en"), tr("col.probability", "en"))
    options = at.selectbox(key="map_topic").options
    at.selectbox(key="map_topic").select_index(1).run()
    assert not at.exception and len(options) > 1
    second = table_with(at, tr("col.title", "en"), tr("col.probability", "en"))
    assert not first.equals(second)


def test_topic_owner_keeps_outliers_out(saved) -> None:
    _, nodes, frame = saved
    owner = view.topic_owner(frame, nodes, 3)
    assert set(owner[frame["topic"] < 0]) <= {-1}
    assert owner[frame["topic"] >= 0].nunique() == 3
    assert isinstance(owner, pd.Series)


def test_map_table_is_rebuilt_when_the_demo_did_not_keep_one(scratch_uri, saved) -> None:
    from ipnav.store import open_store

    _, _, kept = saved
    with open_store(scratch_uri) as store:
        store.put_artifact(view.MAP_KEY, {"columns": view.MAP_COLUMNS, "data": []})  # as after `ipnav landscape`
        _, _, rebuilt = view.load_map(store)
    assert len(rebuilt) == len(kept)
    merged = kept.merge(rebuilt, on="id", suffixes=("", "_rebuilt"))
    assert (merged["topic"] == merged["topic_rebuilt"]).all()
    assert (merged["title"] == merged["title_rebuilt"]).all()
