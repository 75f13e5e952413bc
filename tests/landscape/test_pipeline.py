"""Store glue: run from a store with an injected embedder, persist, load back."""

from __future__ import annotations

import numpy as np
import pytest

from ipnav.embed.base import FakeEmbedder
from ipnav.exceptions import AnalysisError
from ipnav.landscape.model import Landscape
from ipnav.landscape.pipeline import embed_patents, load_landscape, run_landscape, save_landscape
from ipnav.records import PatentRecord
from ipnav.store.base import PatentFilter


def test_run_save_and_load_back(sqlite_store, records):
    sqlite_store.upsert_patents([*records, PatentRecord(id="US77", jurisdiction="US")])  # one without text
    run = run_landscape(sqlite_store, embedder=FakeEmbedder(32), model=Landscape(min_topic_size=5), progress=False)
    assert run.model.n_topics_ == 3
    assert run.skipped == ["US77"] and run.params["n_without_text"] == 1
    assert run.params["embedder"] == "fake-32" and run.params["seed"] == 42
    save_landscape(sqlite_store, run)
    params, nodes, assignments = load_landscape(sqlite_store)
    assert params["n_topics"] == 3
    assert [n["id"] for n in nodes] == [0, 1, 2, 3, 4]
    assert nodes[0]["label"] == run.model.nodes_[0]["label"]
    assert nodes[4]["parent"] is None and nodes[0]["parent"] in (3, 4)
    assert len(assignments) == 60
    expected = run.model.assignments().set_index("id")
    got = assignments.set_index("id")
    assert (got["topic"] == expected["topic"]).all()
    assert np.allclose(got["x"], expected["x"], atol=1e-4) and np.allclose(got["y"], expected["y"], atol=1e-4)
    counts = sqlite_store.counts()
    assert counts["nodes"]["Topic"] == 5 and counts["edges"]["IN_TOPIC"] == 60
    assert counts["edges"]["SUBCLASS_OF"] >= 4  # the merge tree (plus code hierarchy)


def test_embeddings_are_cached_in_the_store(sqlite_store, records):
    sqlite_store.upsert_patents(records)

    class Counting(FakeEmbedder):
        calls = 0

        def encode(self, texts):
            Counting.calls += len(texts)
            return super().encode(texts)

    emb = Counting(16)
    ids, X = embed_patents(records, emb, store=sqlite_store, progress=False)
    assert len(ids) == 60 and X.shape == (60, 16) and Counting.calls == 60
    embed_patents(records, emb, store=sqlite_store, progress=False)
    assert Counting.calls == 60  # the second run embeds nothing


def test_filter_and_too_few_patents(sqlite_store, records):
    sqlite_store.upsert_patents(records)
    with pytest.raises(AnalysisError, match="at least 5 patents"):
        run_landscape(
            sqlite_store,
            where=PatentFilter(ids=("US00000", "US00001")),
            embedder=FakeEmbedder(8),
            progress=False,
        )


def test_load_without_a_saved_map_is_a_clear_error(sqlite_store):
    with pytest.raises(AnalysisError, match="no landscape saved"):
        load_landscape(sqlite_store)


def test_saved_map_enables_similar_patent_search(tmp_path) -> None:
    from landscape_fixtures import make_records

    from ipnav.embed.base import FakeEmbedder
    from ipnav.landscape.pipeline import run_landscape, save_landscape
    from ipnav.store.sqlite import SqliteStore

    with SqliteStore(tmp_path / "s.db") as store:
        store.upsert_patents(make_records())
        run = run_landscape(store, embedder=FakeEmbedder(16), progress=False)
        save_landscape(store, run)
        model, vectors = store.patent_embeddings()
        first = run.corpus["id"].iloc[0]
        similar = store.similar_patents(first, k=3)
    assert model == "fake-16" and len(vectors) == len(run.corpus)
    assert len(similar) == 3 and first not in [pid for pid, _ in similar]
    assert similar[0][1] >= similar[-1][1]  # by cosine, highest first
