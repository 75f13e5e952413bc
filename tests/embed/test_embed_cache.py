"""The embedding cache: hits and misses, chunked writes, streaming, patent texts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import pytest

from ipnav.embed import EmbedStats, FakeEmbedder, embed_records, embed_texts, iter_embeddings, patent_text
from ipnav.embed.base import text_hash
from ipnav.embed.cache import cache_records
from ipnav.exceptions import AnalysisError, ConfigError, ModelError
from ipnav.records import PatentRecord


class CountingEmbedder(FakeEmbedder):
    """FakeEmbedder that records every text it was asked to encode."""

    def __init__(self, dim: int = 16):
        super().__init__(dim)
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return super().encode(texts)


class RecordingStore:
    """Just the two cache methods of a GraphStore, recording each write."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], np.ndarray] = {}
        self.puts: list[int] = []

    def get_embeddings(self, model: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        return {h: self.data[(model, h)] for h in text_hashes if (model, h) in self.data}

    def put_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        self.puts.append(len(vectors))
        self.data.update({(model, h): np.asarray(v) for h, v in vectors.items()})


TEXTS = [f"robot arm number {i}" for i in range(25)]


def test_vectors_are_the_embedders_own_in_input_order():
    embedder = FakeEmbedder(dim=16)
    got = embed_texts(TEXTS, embedder, chunk_size=7, progress=False)
    assert got.dtype == np.float32 and got.shape == (25, 16)
    np.testing.assert_allclose(got, embedder.encode(TEXTS), atol=1e-7)


def test_second_run_is_served_from_the_cache(sqlite_store):
    first, second = CountingEmbedder(), CountingEmbedder()
    stats1, stats2 = EmbedStats(), EmbedStats()
    v1 = embed_texts(TEXTS, first, store=sqlite_store, chunk_size=10, progress=False, stats=stats1)
    v2 = embed_texts(TEXTS, second, store=sqlite_store, chunk_size=10, progress=False, stats=stats2)
    assert (stats1.embedded, stats1.cached) == (25, 0)
    assert (stats2.embedded, stats2.cached) == (0, 25)
    assert second.seen == []
    np.testing.assert_array_equal(v1, v2)


def test_only_missing_texts_are_encoded(sqlite_store):
    embedder = CountingEmbedder()
    embed_texts(TEXTS[:10], embedder, store=sqlite_store, progress=False)
    embedder.seen.clear()
    stats = EmbedStats()
    embed_texts(TEXTS, embedder, store=sqlite_store, chunk_size=4, progress=False, stats=stats)
    assert embedder.seen == TEXTS[10:]
    assert (stats.texts, stats.cached, stats.embedded) == (25, 10, 15)


def test_each_chunk_is_written_as_soon_as_it_is_done():
    store = RecordingStore()
    embed_texts(TEXTS, FakeEmbedder(8), store=store, chunk_size=10, progress=False)
    assert store.puts == [10, 10, 5]


def test_repeats_in_a_chunk_are_encoded_once():
    embedder = CountingEmbedder()
    stats = EmbedStats()
    got = embed_texts(["gear", "gear", "slag", "gear"], embedder, chunk_size=4, progress=False, stats=stats)
    assert embedder.seen == ["gear", "slag"]
    assert (stats.embedded, stats.repeated, stats.cached) == (2, 2, 0)
    np.testing.assert_array_equal(got[0], got[3])


def test_cache_is_keyed_by_model_name(sqlite_store):
    embed_texts(TEXTS, FakeEmbedder(8), store=sqlite_store, progress=False)
    other = CountingEmbedder(dim=16)  # name fake-16: nothing cached for it
    embed_texts(TEXTS, other, store=sqlite_store, progress=False)
    assert len(other.seen) == 25
    assert set(sqlite_store.get_embeddings("fake-8", [text_hash(TEXTS[0])])) == {text_hash(TEXTS[0])}


def test_texts_are_read_lazily_one_chunk_at_a_time():
    pulled: list[int] = []

    def texts() -> Iterator[str]:
        for i, t in enumerate(TEXTS):
            pulled.append(i)
            yield t

    chunks = iter_embeddings(texts(), FakeEmbedder(8), chunk_size=5, progress=False)
    first = next(chunks)
    assert first.shape == (5, 8)
    assert len(pulled) == 5  # only the first chunk has been read
    assert sum(c.shape[0] for c in chunks) == 20


def test_empty_input_gives_an_empty_matrix():
    assert embed_texts([], FakeEmbedder(8), progress=False).shape == (0, 8)


@pytest.mark.parametrize("bad", [0, -3, 2.5])
def test_bad_chunk_size_is_named(bad):
    with pytest.raises(ConfigError, match=r"'chunk_size' parameter must be an int >= 1\. Got"):
        embed_texts(TEXTS, FakeEmbedder(8), chunk_size=bad, progress=False)


def test_a_text_that_is_not_a_string_is_named_by_position():
    with pytest.raises(AnalysisError, match=r"text 6 is float, not str: nan"):
        embed_texts(["a", "b", "c", "d", "e", "f", float("nan")], FakeEmbedder(8), chunk_size=4, progress=False)


def test_an_embedder_returning_the_wrong_shape_is_caught():
    class Broken(FakeEmbedder):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            return super().encode(texts)[:-1]

    with pytest.raises(ModelError, match=r"returned shape \(1, 8\) for 2 texts"):
        embed_texts(["a", "b"], Broken(8), progress=False)


# --- patents --------------------------------------------------------------------------------


def test_patent_text_joins_title_abstract_and_first_claim():
    r = PatentRecord(
        id="US1",
        title={"en": "Gripper"},
        abstract={"en": "A hand with two fingers."},
        first_claim={"en": "1. A gripper comprising a palm"},
    )
    assert patent_text(r) == "Gripper. A hand with two fingers. 1. A gripper comprising a palm"


def test_patent_text_keeps_one_language():
    r = PatentRecord(
        id="CN1",
        title={"zh": "一种焊接材料", "en": "Welding material"},
        abstract={"zh": "本发明涉及焊接材料技术领域。"},
    )
    # English is preferred whenever the record has it; Chinese text is never mixed in.
    assert patent_text(r) == "Welding material"
    zh_only = PatentRecord(id="CN2", title={"zh": "一种焊接材料"}, abstract={"zh": "铜60份"})
    assert patent_text(zh_only) == "一种焊接材料。 铜60份"


def test_embed_records_skips_patents_without_text_and_counts_languages():
    records = [
        PatentRecord(id="US1", title={"en": "Gripper"}),
        PatentRecord(id="US2"),
        PatentRecord(id="CN3", title={"zh": "一种机械手"}),
    ]
    english_only = FakeEmbedder(8)
    english_only.languages = ("en",)  # type: ignore[attr-defined]
    stats = EmbedStats()
    ids, vectors = embed_records(records, english_only, progress=False, stats=stats)
    assert ids == ["US1", "CN3"]
    assert vectors.shape == (2, 8)
    np.testing.assert_allclose(vectors[1], english_only.encode(["一种机械手"])[0], atol=1e-7)
    assert stats.skipped == 1
    assert stats.other_languages == {"zh": 1}


def test_cache_records_fills_the_store_without_returning_vectors(sqlite_store):
    records = [PatentRecord(id=f"US{i}", title={"en": t}) for i, t in enumerate(TEXTS)]
    stats = cache_records(records, FakeEmbedder(8), sqlite_store, chunk_size=6, progress=False)
    assert (stats.texts, stats.embedded) == (25, 25)
    cached = sqlite_store.get_embeddings("fake-8", [text_hash(t) for t in TEXTS])
    assert len(cached) == 25
    np.testing.assert_allclose(cached[text_hash(TEXTS[3])], FakeEmbedder(8).encode([TEXTS[3]])[0], atol=1e-7)


@pytest.mark.slow
def test_cache_records_memory_does_not_grow_with_the_corpus():
    import tracemalloc

    from ipnav.synthetic import synthetic_records

    class DiscardingStore(RecordingStore):
        def put_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
            self.puts.append(len(vectors))

    def run(n: int) -> int:
        tracemalloc.start()
        stats = cache_records(
            synthetic_records(n, seed=1), FakeEmbedder(384), DiscardingStore(), chunk_size=100, progress=False
        )
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert stats.embedded == n
        return peak

    run(50)  # first-use allocations (caches, lazy imports) out of the way
    small, large = run(300), run(2400)
    # 8x the patents, the same peak: holding 2,400 texts or 384-d vectors would add over 0.5 MB
    assert large < 1.3 * small
