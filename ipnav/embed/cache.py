"""Embed texts and patents through the store's embedding cache, in resumable chunks.

Every text is keyed by ``(embedder.name, text_hash(text))``. Texts are read in chunks of
``chunk_size``; per chunk the cached vectors are fetched with ``store.get_embeddings``, the
missing ones are encoded, and written with ``store.put_embeddings`` at once. A run killed
half-way has therefore stored every finished chunk, and a re-run encodes only what is left.
Only one chunk of texts is held at a time, so memory grows with the result vectors, not with
the texts.

Example:
    >>> from ipnav.embed.base import FakeEmbedder
    >>> embed_texts(["robot arm", "slag concrete"], FakeEmbedder(dim=8), progress=False).shape
    (2, 8)
"""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
from tqdm import tqdm

from ipnav.embed.base import Embedder, text_hash
from ipnav.exceptions import AnalysisError, ConfigError, ModelError
from ipnav.records import PatentRecord

if TYPE_CHECKING:
    from ipnav.store.base import GraphStore

__all__ = [
    "EmbedStats",
    "cache_records",
    "corpus_languages",
    "embed_records",
    "embed_texts",
    "iter_embeddings",
    "patent_text",
]

logger = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 128


@dataclass
class EmbedStats:
    """What an embedding run did (pass one in to have it filled).

    Attributes:
        texts: Texts seen.
        cached: Texts whose vector came from the cache.
        embedded: Texts the model encoded in this run (distinct within a chunk).
        repeated: Texts that repeated another text of the same chunk (encoded once).
        skipped: Records without any text (``embed_records`` only); they get no vector.
        other_languages: Texts per language the model was not trained for (``embed_records``).
        seconds: Wall time of the run.
    """

    texts: int = 0
    cached: int = 0
    embedded: int = 0
    repeated: int = 0
    skipped: int = 0
    other_languages: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def patent_text(record: PatentRecord, *, languages: Sequence[str] | None = None) -> str:
    """The text to embed for a patent: title + abstract + first claim, all in one language.

    The record's own language (:attr:`PatentRecord.text_lang`: English when the record has
    English text, else the language with the most text) is used, unless the model does not
    cover it and the record also has text in a language the model does cover.

    Args:
        record: The patent.
        languages: Languages the model covers; None: any.

    Example:
        >>> patent_text(PatentRecord(id="CN1", title={"zh": "一种机械手", "en": "A manipulator"}))
        'A manipulator'
        >>> r = PatentRecord(id="JP1", title={"ja": "ロボットハンドの制御装置", "zh": "机械手"})
        >>> patent_text(r), patent_text(r, languages=("zh", "en"))
        ('ロボットハンドの制御装置', '机械手')
    """
    lang = record.text_lang
    if lang is None:
        return ""
    if languages is not None and lang not in languages:
        sizes: dict[str, int] = {}
        for part in (record.title, record.abstract, record.first_claim):
            for code, text in part.items():
                if code in languages and text.strip():
                    sizes[code] = sizes.get(code, 0) + len(text)
        if sizes:
            lang = max(sorted(sizes), key=lambda code: sizes[code])
    return record.text(lang)


def corpus_languages(records: Iterable[PatentRecord]) -> dict[str, int]:
    """How many patents would be embedded in each language (their ``text_lang``), for
    ``get_embedder(languages=...)``.

    Example:
        >>> corpus_languages([PatentRecord(id="US1", title={"en": "Gripper"}),
        ...                   PatentRecord(id="CN2", title={"zh": "机械手"}), PatentRecord(id="US3")])
        {'en': 1, 'zh': 1}
    """
    counts = Counter(r.text_lang for r in records if r.text_lang)
    return dict(sorted(counts.items()))


def iter_embeddings(
    texts: Iterable[str],
    embedder: Embedder,
    *,
    store: GraphStore | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool = True,
    total: int | None = None,
    stats: EmbedStats | None = None,
) -> Iterator[np.ndarray]:
    """Embed texts chunk by chunk through the cache; yields a ``(len(chunk), dim)`` array per chunk.

    Args:
        texts: The texts, read lazily (a generator keeps memory flat).
        embedder: The model; ``embedder.name`` keys the cache.
        store: Where vectors are cached; None: no cache.
        chunk_size: Texts per chunk; each finished chunk is written to the store at once.
        progress: Show a progress bar (rate and time left) on stderr.
        total: Number of texts, for the bar (taken from ``len(texts)`` when it has one).
        stats: Filled with counts as the run goes.

    Raises:
        ConfigError: ``chunk_size`` < 1.
        AnalysisError: A text is not a string (its position is named).
        ModelError: The embedder returned the wrong shape.

    Example:
        >>> from ipnav.embed.base import FakeEmbedder
        >>> chunks = iter_embeddings(["a", "b", "c"], FakeEmbedder(4), chunk_size=2, progress=False)
        >>> [c.shape for c in chunks]
        [(2, 4), (1, 4)]
    """
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ConfigError(f"The 'chunk_size' parameter must be an int >= 1. Got {chunk_size!r} instead.")
    stats = stats if stats is not None else EmbedStats()
    if total is None and isinstance(texts, Sized):
        total = len(texts)
    started = time.perf_counter()
    bar = tqdm(
        total=total,
        unit="text",
        desc=f"embed {embedder.name}",
        disable=not progress,
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.05,
    )
    iterator = iter(texts)
    try:
        while chunk := list(islice(iterator, chunk_size)):
            for i, text in enumerate(chunk):
                if not isinstance(text, str):
                    raise AnalysisError(f"text {stats.texts + i} is {type(text).__name__}, not str: {text!r:.60}")
            vectors = _embed_chunk(chunk, embedder, store, stats)
            bar.update(len(chunk))
            bar.set_postfix(cached=stats.cached, refresh=False)
            stats.seconds = time.perf_counter() - started
            yield vectors
    finally:
        bar.close()
        stats.seconds = time.perf_counter() - started


def _embed_chunk(chunk: list[str], embedder: Embedder, store: GraphStore | None, stats: EmbedStats) -> np.ndarray:
    hashes = [text_hash(t) for t in chunk]
    unique = list(dict.fromkeys(hashes))
    found = store.get_embeddings(embedder.name, unique) if store is not None else {}
    found = {h: v for h, v in found.items() if v.shape == (embedder.dim,)}
    todo = [h for h in unique if h not in found]
    if todo:
        text_of = dict(zip(hashes, chunk, strict=True))
        vectors = np.asarray(embedder.encode([text_of[h] for h in todo]), dtype=np.float32)
        if vectors.shape != (len(todo), embedder.dim):
            raise ModelError(
                f"embedder {embedder.name!r} returned shape {vectors.shape} for {len(todo)} texts; "
                f"expected ({len(todo)}, {embedder.dim})"
            )
        fresh = dict(zip(todo, vectors, strict=True))
        if store is not None:
            store.put_embeddings(embedder.name, fresh)
        found.update(fresh)
    fresh_hashes = set(todo)
    n_cached = sum(h not in fresh_hashes for h in hashes)
    stats.texts += len(chunk)
    stats.cached += n_cached
    stats.embedded += len(todo)
    stats.repeated += len(chunk) - n_cached - len(todo)
    return np.stack([found[h] for h in hashes]).astype(np.float32, copy=False)


def embed_texts(
    texts: Iterable[str],
    embedder: Embedder,
    *,
    store: GraphStore | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool = True,
    total: int | None = None,
    stats: EmbedStats | None = None,
) -> np.ndarray:
    """Embed texts through the cache (see :func:`iter_embeddings`); returns ``(n, dim)`` float32.

    Example:
        >>> from ipnav.embed.base import FakeEmbedder
        >>> s = EmbedStats()
        >>> _ = embed_texts(["a b", "a b", "c"], FakeEmbedder(4), progress=False, stats=s)
        >>> s.texts, s.embedded, s.repeated
        (3, 2, 1)
    """
    chunks = list(
        iter_embeddings(
            texts,
            embedder,
            store=store,
            chunk_size=chunk_size,
            progress=progress,
            total=total,
            stats=stats,
        )
    )
    if not chunks:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.concatenate(chunks) if len(chunks) > 1 else chunks[0]


def embed_records(
    records: Iterable[PatentRecord],
    embedder: Embedder,
    *,
    store: GraphStore | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool = True,
    total: int | None = None,
    stats: EmbedStats | None = None,
) -> tuple[list[str], np.ndarray]:
    """Embed patents (text from :func:`patent_text`) through the cache.

    Records without any text get no vector and are counted in ``stats.skipped``.

    Args:
        records: Patents, read lazily (``store.iter_patents(...)`` streams them).
        embedder: The model.
        store: Where vectors are cached; None: no cache.
        chunk_size, progress, total, stats: As in :func:`iter_embeddings`.

    Returns:
        ``(ids, vectors)``: the ids of the embedded patents and their vectors, row i for ids[i].

    Example:
        >>> from ipnav.embed.base import FakeEmbedder
        >>> recs = [PatentRecord(id="US1", title={"en": "Gripper"}), PatentRecord(id="US2")]
        >>> ids, X = embed_records(recs, FakeEmbedder(4), progress=False)
        >>> ids, X.shape
        (['US1'], (1, 4))
    """
    stats = stats if stats is not None else EmbedStats()
    ids: list[str] = []
    texts = _record_texts(records, getattr(embedder, "languages", None), stats, ids)
    vectors = embed_texts(
        texts,
        embedder,
        store=store,
        chunk_size=chunk_size,
        progress=progress,
        total=total,
        stats=stats,
    )
    _warn_about(stats, embedder)
    return ids, vectors


def cache_records(
    records: Iterable[PatentRecord],
    embedder: Embedder,
    store: GraphStore,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool = True,
    total: int | None = None,
) -> EmbedStats:
    """Embed patents into the store's cache without keeping the vectors (``ipnav embed``).

    Memory stays flat however many patents there are: one chunk of texts and vectors at a time.

    Example:
        >>> import tempfile
        >>> from ipnav.embed.base import FakeEmbedder
        >>> from ipnav.store.sqlite import SqliteStore
        >>> store = SqliteStore(f"{tempfile.mkdtemp()}/ipnav.db").open()
        >>> recs = [PatentRecord(id="US1", title={"en": "Gripper"})]
        >>> cache_records(recs, FakeEmbedder(4), store, progress=False).embedded
        1
        >>> cache_records(recs, FakeEmbedder(4), store, progress=False).cached
        1
    """
    stats = EmbedStats()
    texts = _record_texts(records, getattr(embedder, "languages", None), stats, None)
    for _ in iter_embeddings(
        texts,
        embedder,
        store=store,
        chunk_size=chunk_size,
        progress=progress,
        total=total,
        stats=stats,
    ):
        pass
    _warn_about(stats, embedder)
    return stats


def _record_texts(
    records: Iterable[PatentRecord],
    languages: Sequence[str] | None,
    stats: EmbedStats,
    ids: list[str] | None,
) -> Iterator[str]:
    for record in records:
        text = patent_text(record, languages=languages)
        if not text.strip():
            stats.skipped += 1
            continue
        lang = record.text_lang or "?"
        if languages is not None and lang not in languages and not _covered(record, languages):
            stats.other_languages[lang] = stats.other_languages.get(lang, 0) + 1
        if ids is not None:
            ids.append(record.id)
        yield text


def _warn_about(stats: EmbedStats, embedder: Embedder) -> None:
    if stats.skipped:
        logger.warning("%d patents have no title, abstract or claim text: not embedded", stats.skipped)
    if stats.other_languages:
        found = ", ".join(f"{k} ({v} texts)" for k, v in sorted(stats.other_languages.items()))
        logger.warning(
            "model %s was not trained for %s; use a multilingual model (--model use-multilingual)",
            embedder.name,
            found,
        )


def _covered(record: PatentRecord, languages: Sequence[str]) -> bool:
    return any(
        code in languages and text.strip()
        for part in (record.title, record.abstract, record.first_claim)
        for code, text in part.items()
    )
