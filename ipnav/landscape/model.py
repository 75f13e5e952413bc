"""The landscape estimator: reduce -> cluster -> merge tree -> label -> facts, and transform.

:class:`Landscape` takes a corpus (:func:`ipnav.landscape.corpus.build_corpus`) and its embeddings
(any :class:`~ipnav.embed.base.Embedder`, computed by the caller, so the embed stage is swappable
and cached elsewhere). Every stage is a parameter; defaults are built in :meth:`Landscape.fit`.

Reduction and layout are fitted on the distinct embedding rows (identical texts share one point).

Incremental placement (:meth:`Landscape.transform`): a new patent gets the similarity-weighted
vote of its ``transform_neighbors`` nearest fitted patents (cosine, in the embedding space) as its
topic, and their similarity-weighted mean map position as its coordinates; an exact duplicate of a
fitted patent takes that patent's topic and position. Nothing is refitted; call :meth:`fit` again
to refit.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ipnav.embed.base import Embedder
from ipnav.exceptions import AnalysisError
from ipnav.landscape.cluster import TopicClusterer
from ipnav.landscape.facts import topic_facts
from ipnav.landscape.hierarchy import build_topic_tree
from ipnav.landscape.label import label_topics
from ipnav.landscape.reduce import Reducer

__all__ = ["Landscape", "Placement", "place_by_neighbours"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Placement:
    """Where new patents land: topic (-1 = outlier), probability, 2-D position."""

    topics: np.ndarray
    probabilities: np.ndarray
    coords: np.ndarray


class Landscape:
    """A topic landscape of patents (sklearn-style: parameters in ``__init__``, work in ``fit``).

    Args:
        reducer: Embeddings -> clustering space; default ``Reducer(5, min_dist=0.0)`` (15
            neighbours; 30 made runs slightly more alike on the Lens set but took twice as long).
        layout: Embeddings -> 2-D map; default ``Reducer(2, min_dist=0.1)`` (cosine). Fitted on
            the embeddings rather than on the 5-d clustering space: measured on the Lens set, a
            map made from the 5-d space strings each topic into thin lines, while the map from the
            embeddings reads as one continent with regions (docs/landscape.md).
        clusterer: Default ``TopicClusterer(min_topic_size, assign_outliers=...)``.
        min_topic_size: Smallest topic (None: 0.25 % of the patents, see ``auto_min_cluster_size``).
        n_topics: Merge the fine topics down to this many through the merge tree (None: keep).
        assign_outliers: Give outliers their nearest topic instead of -1.
        ref_year: Last complete filing year for growth (None: latest year - 2).
        transform_neighbors: Neighbours voting in :meth:`transform`.
        random_state: Seed of every stochastic stage.

    Attributes:
        labels_: Topic of each patent (-1 = outlier); ids 0.. by size.
        probabilities_: Membership strength of each patent in its topic.
        outlier_mask_: HDBSCAN outliers (also when ``assign_outliers`` moved them).
        coords_: 2-D map position of each patent.
        tree_: Merge tree of the topics (:class:`~ipnav.landscape.hierarchy.TopicTree`).
        nodes_: One dict per tree node (topics first, then merged nodes): id, parent, n_min,
            n_max, label, terms, codes and facts.
        n_topics_: Number of topics.
        timings_: Seconds per stage (reduce, layout, cluster, label, facts).

    Example:
        >>> from ipnav.embed.base import FakeEmbedder
        >>> from ipnav.landscape.corpus import build_corpus
        >>> from ipnav.records import PatentRecord
        >>> words = ["robot gripper arm", "alloy steel powder", "battery cell anode"]
        >>> recs = [PatentRecord(id=f"US{i}", title={"en": f"{words[i % 3]} {i}"})
        ...         for i in range(60)]
        >>> corpus = build_corpus(recs)
        >>> emb = FakeEmbedder(16)
        >>> X = emb.encode(corpus["text"].tolist())
        >>> model = Landscape(min_topic_size=5).fit(corpus, X, embedder=emb)
        >>> model.n_topics_
        3
    """

    def __init__(
        self,
        *,
        reducer: Reducer | None = None,
        layout: Reducer | None = None,
        clusterer: TopicClusterer | None = None,
        min_topic_size: int | None = None,
        n_topics: int | None = None,
        assign_outliers: bool = False,
        ref_year: int | None = None,
        transform_neighbors: int = 10,
        random_state: int | None = 42,
    ):
        self.reducer = reducer
        self.layout = layout
        self.clusterer = clusterer
        self.min_topic_size = min_topic_size
        self.n_topics = n_topics
        self.assign_outliers = assign_outliers
        self.ref_year = ref_year
        self.transform_neighbors = transform_neighbors
        self.random_state = random_state

    # --- fitting -------------------------------------------------------------------------------
    def fit(self, corpus: pd.DataFrame, embeddings: np.ndarray, *, embedder: Embedder | None = None) -> Landscape:
        """Fit on a corpus and its embeddings (one unit row per corpus row).

        Args:
            corpus: From :func:`~ipnav.landscape.corpus.build_corpus`.
            embeddings: ``(len(corpus), dim)`` float array.
            embedder: The embedder that made ``embeddings``; used to embed label candidates (MMR).

        Raises:
            AnalysisError: Sizes disagree, or too few patents.
        """
        X = np.asarray(embeddings, dtype=np.float32)
        if X.ndim != 2 or len(X) != len(corpus):
            raise AnalysisError(
                f"embeddings must have one row per corpus row ({len(corpus)}). Got shape {X.shape} instead."
            )
        if len(X) < 5:
            raise AnalysisError(f"a landscape needs at least 5 patents. Got {len(X)}.")
        seed = self.random_state
        self.reducer_ = self.reducer if self.reducer is not None else Reducer(5, min_dist=0.0, random_state=seed)
        self.layout_ = self.layout if self.layout is not None else Reducer(2, min_dist=0.1, random_state=seed)
        self.clusterer_ = (
            self.clusterer
            if self.clusterer is not None
            else TopicClusterer(self.min_topic_size, assign_outliers=self.assign_outliers)
        )
        clock = _Clock()
        unique, inverse = _unique_rows(X)
        reduced = self.reducer_.fit_transform(unique)
        self.embedding_ = reduced[inverse]
        clock.lap("reduce")
        self.coords_ = self.layout_.fit_transform(unique)[inverse]
        clock.lap("layout")
        self.clusterer_.fit(self.embedding_)
        labels = self.clusterer_.labels_.copy()
        self.outlier_mask_ = self.clusterer_.outlier_mask_.copy()
        self.probabilities_ = self.clusterer_.probabilities_.copy()
        labels = self._merge_to(labels, X)
        self.labels_ = labels
        self.n_topics_ = int(labels.max()) + 1 if (labels >= 0).any() else 0
        self.tree_ = build_topic_tree(
            _means(X, labels, self.n_topics_),
            np.bincount(labels[labels >= 0], minlength=self.n_topics_),
        )
        clock.lap("cluster")
        self.nodes_ = self._describe(corpus, X, embedder, clock)
        self.timings_ = clock.laps
        self._X = X
        self._ids = corpus["id"].tolist()
        log.info(
            "landscape: %d patents, %d topics, %.1f%% outliers",
            len(X),
            self.n_topics_,
            100 * self.outlier_share_,
        )
        return self

    def _merge_to(self, labels: np.ndarray, X: np.ndarray) -> np.ndarray:
        """Reduce the fine topics to ``n_topics`` through their merge tree (ids re-ranked by
        size)."""
        k = int(labels.max()) + 1 if (labels >= 0).any() else 0
        if self.n_topics is None or k <= self.n_topics:
            return labels
        if self.n_topics < 1:
            raise AnalysisError(f"The 'n_topics' parameter must be an int >= 1. Got {self.n_topics!r} instead.")
        tree = build_topic_tree(_means(X, labels, k), np.bincount(labels[labels >= 0], minlength=k))
        owner = tree.cut(self.n_topics)
        merged = np.where(labels >= 0, owner[np.maximum(labels, 0)], -1)
        ids, first, counts = np.unique(merged[merged >= 0], return_index=True, return_counts=True)
        rank = {int(ids[i]): r for r, i in enumerate(sorted(range(len(ids)), key=lambda i: (-counts[i], first[i])))}
        return np.array([rank.get(int(m), -1) for m in merged], dtype=np.int64)

    def _describe(
        self, corpus: pd.DataFrame, X: np.ndarray, embedder: Embedder | None, clock: _Clock
    ) -> list[dict[str, Any]]:
        tree = self.tree_
        rows_of = [np.flatnonzero(self.labels_ == t).tolist() for t in range(self.n_topics_)]
        groups = [
            [i for leaf in tree.leaves_of(v) for i in rows_of[leaf]] for v in range(max(2 * self.n_topics_ - 1, 0))
        ]
        labels = label_topics(corpus, groups, embedder=embedder, doc_vectors=X)
        clock.lap("label")
        facts = topic_facts(corpus, groups, ref_year=self.ref_year)
        clock.lap("facts")
        nodes = []
        for node, lab, fact in zip(tree.nodes(), labels, facts, strict=True):
            probs = self.probabilities_[groups[node["id"]]]
            nodes.append(
                {
                    **node,
                    "is_topic": node["id"] < self.n_topics_,
                    **lab,
                    **fact,
                    "mean_probability": round(float(probs.mean()), 4) if len(probs) else 0.0,
                }
            )
        return nodes

    # --- results -------------------------------------------------------------------------------
    @property
    def outlier_share_(self) -> float:
        return float((self.labels_ == -1).mean()) if len(self.labels_) else 0.0

    def topics(self) -> pd.DataFrame:
        """One row per topic (not the merged tree nodes), by id."""
        return pd.DataFrame([n for n in self.nodes_ if n["is_topic"]])

    def assignments(self) -> pd.DataFrame:
        """One row per fitted patent: ``id``, ``topic``, ``probability``, ``outlier``, ``x``,
        ``y``."""
        return pd.DataFrame(
            {
                "id": self._ids,
                "topic": self.labels_,
                "probability": np.round(self.probabilities_, 4),
                "outlier": self.outlier_mask_,
                "x": np.round(self.coords_[:, 0].astype(np.float64), 4),
                "y": np.round(self.coords_[:, 1].astype(np.float64), 4),
            }
        )

    def topics_at(self, n: int) -> np.ndarray:
        """Tree node shown for each patent when the map is zoomed to ``n`` topics (-1 = outlier)."""
        owner = self.tree_.cut(n)
        return np.where(self.labels_ >= 0, owner[np.maximum(self.labels_, 0)], -1)

    # --- incremental ---------------------------------------------------------------------------
    def transform(self, embeddings: np.ndarray) -> Placement:
        """Place new patents on the fitted map without refitting (see the module docstring)."""
        if not hasattr(self, "labels_"):
            raise AnalysisError("This Landscape is not fitted yet; call fit first.")
        Y = np.asarray(embeddings, dtype=np.float32)
        if Y.ndim != 2 or Y.shape[1] != self._X.shape[1]:
            raise AnalysisError(f"embeddings must have {self._X.shape[1]} columns. Got shape {Y.shape} instead.")
        return place_by_neighbours(
            self._X, self.labels_, self.probabilities_, self.coords_, Y, k=self.transform_neighbors
        )


def place_by_neighbours(
    X: np.ndarray,
    labels: np.ndarray,
    probabilities: np.ndarray,
    coords: np.ndarray,
    Y: np.ndarray,
    *,
    k: int = 10,
) -> Placement:
    """Place new rows ``Y`` on a fitted map given the fitted rows' embeddings, topics and positions.

    Topic = similarity-weighted vote of the ``k`` most similar fitted rows (weights ``sim ** 4``;
    -1 votes for "outlier"); probability = the winner's share of the vote; position = weighted mean
    of their positions. An exact duplicate of a fitted row takes that row's topic and position.
    Used by :meth:`Landscape.transform` and by the store update (no refit).

    Example:
        >>> X = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
        >>> p = place_by_neighbours(X, np.array([0, 1]), np.array([0.9, 0.8]), np.array([[0.0, 0.0], [5.0, 5.0]]),
        ...                         np.array([[1.0, 0.0]], dtype=np.float32), k=2)
        >>> p.topics.tolist(), p.coords.tolist()
        ([0], [[0.0, 0.0]])
    """
    Y = np.asarray(Y, dtype=np.float32)
    k = min(k, len(X))
    topics = np.empty(len(Y), dtype=np.int64)
    probs = np.empty(len(Y))
    placed = np.empty((len(Y), 2), dtype=np.float32)
    for start in range(0, len(Y), 1024):
        sims = Y[start : start + 1024] @ X.T
        nn = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        for j, row in enumerate(nn):
            i = start + j
            s = np.clip(sims[j, row], 0, None).astype(np.float64)
            if s[0] >= 1 - 1e-6:  # an exact duplicate of a fitted patent
                topics[i], probs[i], placed[i] = labels[row[0]], probabilities[row[0]], coords[row[0]]
                continue
            w = s**4 + 1e-12
            votes: dict[int, float] = {}
            for lab, wt in zip(labels[row], w, strict=True):
                votes[int(lab)] = votes.get(int(lab), 0.0) + float(wt)
            best = min(votes, key=lambda t: (-votes[t], t))
            topics[i], probs[i] = best, votes[best] / w.sum()
            placed[i] = (w[:, None] * coords[row]).sum(axis=0) / w.sum()
    return Placement(topics, np.round(probs, 4), placed)


def _unique_rows(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows in first-seen order, and the index of each row's distinct row.

    Patent sets repeat texts (a family's US, WO and EP members share a title; the Lens robotics
    set has 7,955 distinct titles in 14,082 patents). Fitting UMAP on distinct rows is faster and
    avoids the many tiny disconnected cliques that identical vectors form in its neighbour graph.
    """
    _, first, inverse = np.unique(X, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return X[first[order]], rank[inverse.ravel()]


class _Clock:
    """Seconds per stage, for ``timings_`` and the scale bench."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._t, 3)
        self._t = now


def _means(X: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    if k == 0:
        return np.zeros((0, X.shape[1]))
    return np.vstack([X[labels == t].mean(axis=0) for t in range(k)])
