"""``ipnav navigate`` on an embedded store holding synthetic records and a topic map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipnav.cli import main
from ipnav.store.sqlite import SqliteStore
from tests.navigate.fixtures import synthetic_map


@pytest.fixture(scope="module")
def store_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("nav") / "ipnav.db"
    records, topics, assignments = synthetic_map(600)
    with SqliteStore(path) as store:
        store.upsert_patents(records)
        store.save_topics({"method": "hand-made synthetic map", "n_topics": len(topics)}, topics, assignments)
    return f"sqlite:///{path}"


def test_navigate_json_and_html(store_uri: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_html = tmp_path / "r" / "report.html"
    code = main(
        [
            "navigate",
            "--store",
            store_uri,
            "--focus-applicant",
            "Synthetic Applicant 0000 Co., Ltd.",
            "--null",
            "19",
            "--json",
            "--report",
            str(out_html),
            "--lang",
            "en",
        ]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["focus"]["kind"] == "applicant" and report["focus"]["matched"][0] == "SYNTHETIC APPLICANT 0000"
    assert report["data"]["store"] == store_uri and report["data"]["topic_run"]["method"] == "hand-made synthetic map"
    assert report["method"]["gap_null_model"]["n_null"] == 19
    assert report["report_file"] == str(out_html)
    html = out_html.read_text(encoding="utf-8")
    assert "Patent navigation report: SYNTHETIC APPLICANT 0000 CO LTD" in html


def test_navigate_ids_and_text(store_uri: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("# focus\nXS00000001\nXS 00000002 A\nXS00000003,extra\nUS999\n", encoding="utf-8")
    assert (
        main(
            [
                "navigate",
                "--store",
                store_uri,
                "--focus-ids",
                str(ids),
                "--null",
                "19",
                "--target",
                "3",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert text.startswith("3 件指定专利 专利导航报告") and "产业发展方向" in text and "发展路径" in text


def test_navigate_needs_a_topic_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uri = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["navigate", "--store", uri, "--focus-region", "洛阳"]) == 2
    assert "run `ipnav landscape` first" in capsys.readouterr().err


def test_navigate_unknown_region(store_uri: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["navigate", "--store", store_uri, "--focus-region", "洛阳"]) == 2
    assert "no applicant located in 河南 / 洛阳" in capsys.readouterr().err
