"""Store glue for landscapes: load patents from a GraphStore, embed, fit, persist, load back.

The analysis modules of :mod:`ipnav.landscape` never touch a store; this module does, and so does
the CLI. Embedding goes through :func:`ipnav.embed.embed_records` (cached by (model, text hash) in
the store, so a re-run embeds nothing) and :func:`ipnav.embed.get_embedder`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ipnav.embed.base import Embedder
from ipnav.embed.cache import corpus_languages
from ipnav.exceptions import AnalysisError
from ipnav.landscape.corpus import build_corpus
from ipnav.landscape.model import Landscape
from ipnav.records import PatentRecord
from ipnav.store.base import GraphStore, PatentFilter

__all__ = [
    "LandscapeRun",
    "default_embedder",
    "embed_patents",
    "load_landscape",
    "run_landscape",
    "save_landscape",
    "update_landscape",
]

log = logging.getLogger(__name__)

EmbedFn = Callable[[Sequence[PatentRecord]], tuple[list[str], np.ndarray]]


@dataclass
class LandscapeRun:
    """A fitted landscape with its inputs: records, corpus, embeddings, model, run parameters."""

    records: list[PatentRecord]
    corpus: pd.DataFrame
    embeddings: np.ndarray
    model: Landscape
    params: dict[str, Any]
    skipped: list[str]


def default_embedder(
    model: str = "auto",
    backend: str = "auto",
    device: str = "auto",
    *,
    languages: Sequence[str] | Mapping[str, int] | None = None,
) -> Embedder:
    """The embedder for a model name (see :func:`ipnav.embed.get_embedder`)."""
    from ipnav.embed import get_embedder

    return get_embedder(model, backend, device, languages=languages)


def embed_patents(
    records: Sequence[PatentRecord],
    embedder: Embedder,
    *,
    store: GraphStore | None = None,
    progress: bool = True,
) -> tuple[list[str], np.ndarray]:
    """``(ids, vectors)`` of the records that have text, through the store's embedding cache."""
    from ipnav.embed import embed_records

    ids, vectors = embed_records(records, embedder, store=store, progress=progress, total=len(records))
    return list(ids), np.asarray(vectors, dtype=np.float32)


def run_landscape(
    store: GraphStore,
    *,
    where: PatentFilter | None = None,
    embedder: Embedder | None = None,
    embed: EmbedFn | None = None,
    model: Landscape | None = None,
    progress: bool = True,
) -> LandscapeRun:
    """Load the patents matching ``where``, embed them and fit a landscape.

    Args:
        store: An opened store.
        where: Which patents (None: all).
        embedder: The model (default :func:`default_embedder`); its name keys the cache.
        embed: Replaces the embed stage: records -> ``(ids, vectors)`` (tests inject one).
        model: An unfitted :class:`~ipnav.landscape.model.Landscape` (default parameters if None).
        progress: Progress bar while embedding.

    Raises:
        AnalysisError: Fewer than 5 patents with text match.
    """
    records = list(store.iter_patents(where))
    embedder = embedder or default_embedder(languages=corpus_languages(records))
    ids, vectors = (
        embed(records) if embed is not None else embed_patents(records, embedder, store=store, progress=progress)
    )
    with_text = set(ids)
    skipped = [r.id for r in records if r.id not in with_text]
    by_id = {r.id: r for r in records}
    kept = [by_id[i] for i in ids]
    if len(kept) < 5:
        raise AnalysisError(
            f"a landscape needs at least 5 patents with text; {len(kept)} of {len(records)} matching patents have text"
        )
    corpus = build_corpus(kept)
    model = model or Landscape()
    model.fit(corpus, vectors, embedder=embedder)
    params = {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "embedder": embedder.name,
        "filter": repr(where or PatentFilter()),
        "n_patents": len(kept),
        "n_without_text": len(skipped),
        "seed": model.random_state,
        "min_topic_size": model.clusterer_.min_cluster_size_,
        "n_topics": model.n_topics_,
        "requested_topics": model.n_topics,
        "assign_outliers": model.assign_outliers,
        "reducer": model.reducer_.method_,
        "timings": model.timings_,
    }
    return LandscapeRun(kept, corpus, vectors, model, params, skipped)


def _assignment_rows(assignments: pd.DataFrame) -> list[dict[str, Any]]:
    """Store rows of an assignments frame (``id, topic, probability, x, y``); outliers (topic < 0)
    get no topic."""
    return [
        {
            "patent_id": a.id,
            "topic": None if a.topic < 0 else int(a.topic),
            "probability": float(a.probability),
            "x": float(a.x),
            "y": float(a.y),
        }
        for a in assignments.itertuples(index=False)
    ]


def save_landscape(store: GraphStore, run: LandscapeRun) -> None:
    """Persist the topic map: Topic nodes (every merge tree node, with label and facts), IN_TOPIC
    edges with probability and 2-D position (outliers: no topic, position kept), and the patents'
    embeddings for similar-patent search (:meth:`GraphStore.similar_patents`)."""
    topics = [_jsonable(n) for n in run.model.nodes_]
    assignments = _assignment_rows(run.model.assignments())
    store.save_topics(run.params, topics, assignments)
    embedder = run.params.get("embedder")
    if embedder and len(run.corpus) == len(run.embeddings):
        # the same vectors feed similar-patent search (Neo4j: the vector index)
        store.set_patent_embeddings(str(embedder), dict(zip(run.corpus["id"], run.embeddings, strict=True)))


def update_landscape(
    store: GraphStore,
    *,
    where: PatentFilter | None = None,
    embedder: Embedder | None = None,
    embed: EmbedFn | None = None,
    k: int = 10,
    progress: bool = True,
) -> dict[str, int]:
    """Place the patents that are not on the saved map yet, without refitting (incremental).

    New patents (matching ``where``, with text, not in the saved assignments) get a topic and a
    position from their nearest mapped patents (:func:`ipnav.landscape.model.place_by_neighbours`);
    the mapped patents keep theirs. Topic labels and facts stay those of the fit: refit
    (``ipnav landscape`` without ``--update``) to recompute them.

    Returns:
        ``{"placed": n_new, "mapped": n_before}``.

    Raises:
        AnalysisError: No saved map, or ``embedder`` is not the model the map was fitted with.
    """
    from ipnav.landscape.model import place_by_neighbours

    params, nodes, assignments = load_landscape(store)
    if embedder is None and params.get("embedder"):
        from ipnav.embed.models import embedder_named

        embedder = embedder_named(str(params["embedder"]))  # the model the map was fitted with
    embedder = embedder or default_embedder(languages=None)
    if embed is None and params.get("embedder") and embedder.name != params["embedder"]:
        raise AnalysisError(
            f"the saved map was fitted with embeddings {params['embedder']!r}, not {embedder.name!r}; "
            "pass the same --model, or refit"
        )
    mapped = {r.id: r for r in store.get_patents(assignments["id"]).values()}
    new = [r for r in store.iter_patents(where) if r.id not in mapped]
    run = embed or (lambda recs: embed_patents(recs, embedder, store=store, progress=progress))
    ids_old, X_old = run([mapped[i] for i in assignments["id"] if i in mapped])
    ids_new, X_new = run(new) if new else ([], np.zeros((0, X_old.shape[1]), dtype=np.float32))
    if not ids_new:
        return {"placed": 0, "mapped": len(assignments)}
    old = assignments.set_index("id").loc[ids_old]
    placed = place_by_neighbours(
        X_old, old["topic"].to_numpy(), old["probability"].to_numpy(), old[["x", "y"]].to_numpy(), X_new, k=k
    )
    rows = _assignment_rows(assignments)
    rows += _assignment_rows(
        pd.DataFrame(
            {
                "id": list(ids_new),
                "topic": placed.topics,
                "probability": placed.probabilities,
                "x": placed.coords[:, 0],
                "y": placed.coords[:, 1],
            }
        )
    )
    params = {**params, "placed_after_fit": int(params.get("placed_after_fit", 0)) + len(ids_new)}
    store.save_topics(params, nodes, rows)
    return {"placed": len(ids_new), "mapped": len(assignments)}


def load_landscape(store: GraphStore) -> tuple[dict[str, Any], list[dict[str, Any]], pd.DataFrame]:
    """The saved map as ``(params, nodes, assignments)``; assignments has ``id, topic`` (-1 for
    outliers), ``probability, x, y``.

    Raises:
        AnalysisError: No landscape was saved in this store.
    """
    params, topics, rows = store.load_topics()
    if not topics and not rows:
        raise AnalysisError(f"no landscape saved in {store.uri}; run `ipnav landscape` first")
    frame = pd.DataFrame(rows, columns=["patent_id", "topic", "probability", "x", "y"]).rename(
        columns={"patent_id": "id"}
    )
    frame["topic"] = frame["topic"].fillna(-1).astype(int)
    return params, topics, frame


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
