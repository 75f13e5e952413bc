"""``ipnav embed`` on a small store, with the fake model (no real model is loaded)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipnav.cli import main
from ipnav.embed import FakeEmbedder, patent_text
from ipnav.embed.base import text_hash
from ipnav.records import PatentRecord
from ipnav.store.sqlite import SqliteStore

RECORDS = [
    PatentRecord(id="US1", jurisdiction="US", title={"en": "Robot gripper"}, abstract={"en": "Two fingers."}),
    PatentRecord(id="US2", jurisdiction="US", title={"en": "Spindle bearing"}),
    PatentRecord(id="CN3", jurisdiction="CN", title={"zh": "一种焊接材料"}, abstract={"zh": "铜60份"}),
    PatentRecord(id="US4", jurisdiction="US", title={"en": "Robot gripper"}, abstract={"en": "Two fingers."}),
]


@pytest.fixture()
def store_uri(tmp_path: Path) -> str:
    with SqliteStore(tmp_path / "ipnav.db") as store:
        store.upsert_patents(RECORDS)
    return f"sqlite:///{tmp_path / 'ipnav.db'}"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(["embed", *argv, "--json", "--no-progress"]) == 0
    return json.loads(capsys.readouterr().out)


def test_embed_then_rerun_embeds_nothing(store_uri: str, capsys: pytest.CaptureFixture[str]):
    first = run_json(capsys, "--store", store_uri, "--model", "fake")
    assert first["model"] == "fake-32"
    # US1 and US4 have the same text: 3 distinct texts, one of them computed once for both
    assert (first["patents"], first["texts"], first["embedded"], first["cached"]) == (4, 4, 3, 0)
    second = run_json(capsys, "--store", store_uri, "--model", "fake")
    assert (second["embedded"], second["cached"]) == (0, 4)
    with SqliteStore(store_uri.removeprefix("sqlite:///")) as store:
        vec = store.get_embeddings("fake-32", [text_hash(patent_text(RECORDS[2]))])
        last = store.get_artifact("embed.last_run")
    assert next(iter(vec.values())).tolist() == pytest.approx(
        FakeEmbedder(32).encode(["一种焊接材料。 铜60份"])[0].tolist(), abs=1e-7
    )
    assert last is not None and last["model"] == "fake-32" and last["cached"] == 4


def test_filter_limits_the_patents(store_uri: str, capsys: pytest.CaptureFixture[str]):
    result = run_json(capsys, "--store", store_uri, "--model", "fake", "--filter", "jurisdiction=CN")
    assert (result["patents"], result["embedded"]) == (1, 1)


def test_unknown_model_is_a_one_line_error(store_uri: str, capsys: pytest.CaptureFixture[str]):
    assert main(["embed", "--store", store_uri, "--model", "word2vec", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "must be one of auto, minilm, use-multilingual, e5-multilingual, fake. Got 'word2vec'" in err


def test_text_output_is_bilingual(store_uri: str, capsys: pytest.CaptureFixture[str]):
    assert main(["embed", "--store", store_uri, "--model", "fake", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("嵌入 / embedded 4 patents with fake-32: 0 from cache, 3 new, 0 without text")
