"""``ipnav sync``: a workspace copied between stores answers exactly like the original."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ipnav.cli import main
from ipnav.store.sqlite import SqliteStore
from ipnav.synthetic import synthetic_records


def _workspace(path: Path) -> SqliteStore:
    store = SqliteStore(path).open()
    records = list(synthetic_records(300, seed=5, n_applicants=40))
    store.upsert_patents(records)
    keys = sorted({p.normalized for r in records for p in r.applicants})
    store.set_aliases({keys[1]: keys[0], keys[3]: keys[2]})
    store.upsert_industries([{"code": "robotics", "name_zh": "机器人", "name_en": "Robotics", "parent": None}])
    store.put_embeddings("fake-4", {"h1": np.array([1, 0, 0, 0], dtype=np.float32)})
    store.set_patent_embeddings(
        "fake-4", {r.id: np.eye(4, dtype=np.float32)[i % 4] + 0.1 for i, r in enumerate(records[:20])}
    )
    store.save_topics(
        {"seed": 7}, [{"id": 0, "label": "t0"}], [{"patent_id": records[0].id, "topic": 0, "probability": 1.0}]
    )
    store.put_artifact("scores", {"top": "SYNTHETIC APPLICANT 0000"})
    return store


def _sync(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["sync", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def _everything(store: Any, snapshot: Any) -> dict[str, Any]:
    out = snapshot(store)
    model, vectors = store.patent_embeddings()
    out["patent_vectors"] = (model, {k: v.tolist() for k, v in vectors.items()})
    out["embeddings"] = [(m, h, v.tolist()) for m, h, v in store.iter_embeddings()]
    return out


def test_sync_between_embedded_stores(tmp_path: Path, capsys: pytest.CaptureFixture[str], snapshot: Any) -> None:
    source = _workspace(tmp_path / "a.db")
    result = _sync(capsys, "--from", source.uri, "--to", f"sqlite:///{tmp_path / 'b.db'}")
    assert (result["patents"], result["inserted"], result["aliases"], result["patent_vectors"]) == (300, 300, 2, 20)
    assert result["counts_equal"] is True
    with SqliteStore(tmp_path / "b.db") as copy:
        assert _everything(copy, snapshot) == _everything(source, snapshot)
    again = _sync(capsys, "--from", source.uri, "--to", f"sqlite:///{tmp_path / 'b.db'}")
    assert (again["inserted"], again["unchanged"]) == (0, 300)


def test_sync_refuses_the_same_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uri = f"sqlite:///{tmp_path / 'a.db'}"
    assert main(["sync", "--from", uri, "--to", uri]) == 2
    assert "name the same store" in capsys.readouterr().err


@pytest.mark.neo4j
def test_sync_to_neo4j_and_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], snapshot: Any, neo4j_driver: Any
) -> None:
    source = _workspace(tmp_path / "a.db")
    server = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    there = _sync(capsys, "--from", source.uri, "--to", server, "--replace", "--batch-size", "64")
    assert there["counts_equal"] is True and there["inserted"] == 300
    back = _sync(capsys, "--from", server, "--to", f"sqlite:///{tmp_path / 'back.db'}")
    assert back["counts_equal"] is True
    with SqliteStore(tmp_path / "back.db") as copy:
        assert _everything(copy, snapshot) == _everything(source, snapshot)
