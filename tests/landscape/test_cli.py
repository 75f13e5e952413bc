"""``ipnav landscape`` and ``ipnav evaluate-landscape`` end to end on a tiny store (fake model)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ipnav.cli import main
from ipnav.store.sqlite import SqliteStore


@pytest.fixture()
def store_uri(tmp_path, records):
    with SqliteStore(tmp_path / "ipnav.db") as store:
        store.upsert_patents(records)
    return f"sqlite:///{tmp_path / 'ipnav.db'}"


def test_landscape_writes_every_output(store_uri, tmp_path, capsys):
    scores = tmp_path / "scores.csv"
    scores.write_text("id,score\nUS00001,0.9\nUS10002,0.1\n")
    out = tmp_path / "out"
    code = main(
        [
            "landscape",
            "--store",
            store_uri,
            "--model",
            "fake",
            "--min-topic-size",
            "5",
            "--seed",
            "3",
            "--scores",
            str(scores),
            "--png-engine",
            "matplotlib",
            "--out",
            str(out),
            "--json",
        ]
    )
    assert code == 0
    res = json.loads(capsys.readouterr().out)
    assert res["n_patents"] == 60 and res["n_topics"] == 3 and res["outlier_share"] == 0.0
    assert {"id", "label", "size", "growth"} <= set(res["topics"][0])
    assert sum(t["size"] for t in res["topics"]) == 60
    assert res["png_engine"] == "matplotlib" and res["params"]["seed"] == 3
    for name in (
        "map.html",
        "map_years.html",
        "map.png",
        "topics.csv",
        "assignments.csv",
        "summary.json",
    ):
        assert (out / name).stat().st_size > 0, name
    assignments = pd.read_csv(out / "assignments.csv")
    assert assignments.columns.tolist() == ["id", "topic", "probability", "x", "y", "outlier"]
    assert len(assignments) == 60
    topics = pd.read_csv(out / "topics.csv")
    assert len(topics) == 5 and topics["is_topic"].sum() == 3
    html = (out / "map.html").read_text(encoding="utf-8")
    assert "Plotly" in html  # the library itself is inline; no script is loaded from the network
    assert '<script src="http' not in html
    assert (out / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_landscape_rejects_a_bad_scores_file(store_uri, tmp_path, capsys):
    scores = tmp_path / "scores.csv"
    scores.write_text("id,score\nUS00001,high\n")
    code = main(
        [
            "landscape",
            "--store",
            store_uri,
            "--model",
            "fake",
            "--scores",
            str(scores),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2
    assert "scores.csv, row 2: score is not a number: 'high'" in capsys.readouterr().err


def test_evaluate_landscape_against_ipc_and_a_labels_file(store_uri, tmp_path, capsys):
    code = main(
        [
            "evaluate-landscape",
            "--store",
            store_uri,
            "--model",
            "fake",
            "--min-topic-size",
            "5",
            "--seeds",
            "0,1,2",
            "--json",
        ]
    )
    assert code == 0
    res = json.loads(capsys.readouterr().out)
    assert res["scores"]["all"]["v_measure"] == 1.0  # one IPC subclass per vocabulary
    assert res["stability"]["mean_ari"] == 1.0 and len(res["stability"]["pairs"]) == 3
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "id,label\n" + "\n".join(f"US{k}{i:04d},{'x' if k < 2 else 'y'}" for k in range(3) for i in range(20))
    )
    assert (
        main(
            [
                "evaluate-landscape",
                "--store",
                store_uri,
                "--model",
                "fake",
                "--min-topic-size",
                "5",
                "--labels",
                str(labels),
                "--seeds",
                "0,1",
                "--json",
            ]
        )
        == 0
    )
    res = json.loads(capsys.readouterr().out)
    s = res["scores"]["all"]
    assert s["homogeneity"] == 1.0 and s["completeness"] < 1.0  # 3 topics for 2 labels


def test_redraw_uses_the_saved_map_without_refitting(store_uri, tmp_path, capsys):
    first = tmp_path / "a"
    assert (
        main(
            [
                "landscape",
                "--store",
                store_uri,
                "--model",
                "fake",
                "--min-topic-size",
                "5",
                "--png-engine",
                "matplotlib",
                "--out",
                str(first),
                "--json",
            ]
        )
        == 0
    )
    before = json.loads(capsys.readouterr().out)
    again = tmp_path / "b"
    assert (
        main(
            [
                "landscape",
                "--store",
                store_uri,
                "--redraw",
                "--title",
                "Redrawn",
                "--png-engine",
                "matplotlib",
                "--out",
                str(again),
                "--json",
            ]
        )
        == 0
    )
    after = json.loads(capsys.readouterr().out)
    assert [t["label"] for t in after["topics"]] == [t["label"] for t in before["topics"]]
    assert after["params"]["created"] == before["params"]["created"]  # no new fit
    a = pd.read_csv(first / "assignments.csv").sort_values("id").reset_index(drop=True)
    b = pd.read_csv(again / "assignments.csv").sort_values("id").reset_index(drop=True)
    assert a[["id", "topic", "x", "y"]].equals(b[["id", "topic", "x", "y"]])


def test_update_places_new_patents_without_refitting(store_uri, tmp_path, capsys, records):
    from dataclasses import replace

    assert (
        main(
            [
                "landscape",
                "--store",
                store_uri,
                "--model",
                "fake",
                "--min-topic-size",
                "5",
                "--png-engine",
                "matplotlib",
                "--out",
                str(tmp_path / "a"),
                "--json",
            ]
        )
        == 0
    )
    before = json.loads(capsys.readouterr().out)
    twins = [replace(records[i], id=f"US9{i:04d}", original_id="") for i in (0, 25, 59)]
    with SqliteStore(store_uri[len("sqlite:///") :]) as store:
        store.upsert_patents(twins)
    assert (
        main(
            [
                "landscape",
                "--store",
                store_uri,
                "--model",
                "fake",
                "--update",
                "--png-engine",
                "matplotlib",
                "--out",
                str(tmp_path / "b"),
                "--json",
            ]
        )
        == 0
    )
    after = json.loads(capsys.readouterr().out)
    assert after["update"] == {"placed": 3, "mapped": 60}
    assert after["n_patents"] == 63 and after["params"]["placed_after_fit"] == 3
    assert after["params"]["created"] == before["params"]["created"]  # no refit
    a = pd.read_csv(tmp_path / "b" / "assignments.csv").set_index("id")
    for i in (0, 25, 59):
        assert a.loc[f"US9{i:04d}", "topic"] == a.loc[records[i].id, "topic"]
        assert a.loc[f"US9{i:04d}", "x"] == pytest.approx(a.loc[records[i].id, "x"], abs=1e-6)
