"""Proof of quality: agreement with known labels, and stability across seeds.

* :func:`cluster_scores`: V-measure, NMI, homogeneity, completeness and ARI of the topics against
  known labels (an IPC subclass or section per patent, or a labels file). Outliers (-1) are
  scored two ways: ``all`` counts them as one more cluster (what a user sees), ``clustered``
  scores only the patents that got a topic (and reports the share left out).
* :func:`seed_stability`: adjusted Rand index between the topic assignments of runs that differ
  only in the random seed (all pairs of, by default, 5 seeds); 1 = identical partitions.
* Like-with-like comparisons of two topic models on the same embeddings (bench/landscape.py):
  :func:`assign_to_nearest_topic` (every outlier to the topic with the most similar mean
  embedding) and :func:`merge_topics` (merge down to ``n`` topics by average linkage on the cosine
  distance of topic mean embeddings: ipnav's merge tree, and BERTopic's ``reduce_topics`` rule).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from sklearn import metrics

from ipnav.exceptions import AnalysisError

__all__ = ["assign_to_nearest_topic", "cluster_scores", "ipc_labels", "merge_topics", "seed_stability"]


def ipc_labels(corpus: pd.DataFrame, *, level: str = "subclass") -> np.ndarray:
    """Known label of each patent from its first IPC/CPC code: ``subclass`` (B25J) or ``section``
    (B).

    Patents without a code get "" (left out of the scores).

    Example:
        >>> frame = pd.DataFrame({"main_subclass": ["B25J", "", "G06N"]})
        >>> ipc_labels(frame, level="section").tolist()
        ['B', '', 'G']
    """
    if level not in ("subclass", "section"):
        raise AnalysisError(f"The 'level' parameter must be 'subclass' or 'section'. Got {level!r} instead.")
    main = corpus["main_subclass"].fillna("").astype(str)
    return (main if level == "subclass" else main.str[:1]).to_numpy()


def _scores(true: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    h, c, v = metrics.homogeneity_completeness_v_measure(true, pred)
    return {
        "v_measure": round(float(v), 4),
        "homogeneity": round(float(h), 4),
        "completeness": round(float(c), 4),
        "nmi": round(float(metrics.normalized_mutual_info_score(true, pred)), 4),
        "ari": round(float(metrics.adjusted_rand_score(true, pred)), 4),
    }


def cluster_scores(labels_true: Sequence[Any], labels_pred: Sequence[int] | np.ndarray) -> dict[str, Any]:
    """Scores of a topic assignment against known labels (higher is better).

    Args:
        labels_true: Known label per patent; "" or None = unknown (left out).
        labels_pred: Topic per patent, -1 = outlier.

    Returns:
        ``{"all": {...}, "clustered": {...}, "n_scored", "n_labels", "n_topics", "outlier_share"}``
        where each inner dict has ``v_measure``, ``nmi``, ``homogeneity``, ``completeness``,
        ``ari``.

    Example:
        >>> s = cluster_scores(["a", "a", "b", "b"], [0, 0, 1, -1])
        >>> s["clustered"]["v_measure"], s["outlier_share"]
        (1.0, 0.25)
    """
    true = np.array(["" if t is None else str(t) for t in labels_true], dtype=object)
    pred = np.asarray(labels_pred)
    if len(true) != len(pred):
        raise AnalysisError(f"labels_true and labels_pred differ in length: {len(true)} vs {len(pred)}")
    known = true != ""
    if known.sum() < 2:
        raise AnalysisError("fewer than 2 patents have a known label")
    true, pred = true[known], pred[known]
    inside = pred != -1
    out: dict[str, Any] = {"all": _scores(true, pred)}
    out["clustered"] = _scores(true[inside], pred[inside]) if inside.sum() >= 2 else None
    out.update(
        {
            "n_scored": int(known.sum()),
            "n_labels": len(set(true)),
            "n_topics": len(set(pred[inside])),
            "outlier_share": round(float(1 - inside.mean()), 4),
        }
    )
    return out


def seed_stability(
    fit_labels: Callable[[int], Sequence[int]], seeds: Sequence[int] = (0, 1, 2, 3, 4)
) -> dict[str, Any]:
    """Adjusted Rand index between the assignments of runs with different seeds.

    Args:
        fit_labels: Runs the whole pipeline with a seed and returns the topic per patent.
        seeds: At least two seeds.

    Returns:
        ``{"seeds", "mean_ari", "min_ari", "pairs": [[s1, s2, ari], ...], "n_topics": [...],
        "outlier_share": [...], "runs": [labels, ...]}``.

    Example:
        >>> flip = lambda s: [0, 0, 1, 1] if s % 2 else [1, 1, 0, 0]
        >>> seed_stability(flip, seeds=(0, 1))["mean_ari"]
        1.0
    """
    if len(seeds) < 2:
        raise AnalysisError(f"seed_stability needs at least 2 seeds. Got {list(seeds)}.")
    runs = [np.asarray(fit_labels(int(s))) for s in seeds]
    pairs = [
        [
            int(seeds[i]),
            int(seeds[j]),
            round(float(metrics.adjusted_rand_score(runs[i], runs[j])), 4),
        ]
        for i, j in combinations(range(len(seeds)), 2)
    ]
    aris = [p[2] for p in pairs]
    return {
        "seeds": [int(s) for s in seeds],
        "mean_ari": round(float(np.mean(aris)), 4),
        "min_ari": round(float(min(aris)), 4),
        "pairs": pairs,
        "n_topics": [len(set(r[r >= 0].tolist())) for r in runs],
        "outlier_share": [round(float((r == -1).mean()), 4) for r in runs],
        "runs": runs,
    }


def _dense(labels: np.ndarray) -> np.ndarray:
    """Topic ids renumbered ``0..k-1`` in id order (outliers stay -1)."""
    labels = np.asarray(labels, dtype=np.int64)
    ids = np.unique(labels[labels >= 0])
    lookup = np.full(int(ids.max()) + 1 if len(ids) else 1, -1, dtype=np.int64)
    lookup[ids] = np.arange(len(ids))
    return np.where(labels >= 0, lookup[np.maximum(labels, 0)], -1)


def _topic_means(labels: np.ndarray, X: np.ndarray) -> np.ndarray:
    k = int(labels.max()) + 1
    inside = labels >= 0
    sums = np.zeros((k, X.shape[1]))
    np.add.at(sums, labels[inside], np.asarray(X, dtype=np.float64)[inside])
    return sums / np.maximum(np.bincount(labels[inside], minlength=k), 1)[:, None]


def assign_to_nearest_topic(labels: Sequence[int] | np.ndarray, X: np.ndarray) -> np.ndarray:
    """Each outlier (-1) moved to the topic whose mean row of ``X`` is most similar (cosine).

    Topic ids come back renumbered ``0..k-1`` in id order.

    Example:
        >>> X = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.2, 0.9]])
        >>> assign_to_nearest_topic([5, 5, 7, -1], X).tolist()
        [0, 0, 1, 1]
    """
    dense = _dense(np.asarray(labels))
    if (dense < 0).all():
        return dense
    means = _topic_means(dense, X)
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
    rows = np.flatnonzero(dense < 0)
    out = dense.copy()
    out[rows] = (np.asarray(X, dtype=np.float64)[rows] @ means.T).argmax(axis=1)
    return out


def merge_topics(labels: Sequence[int] | np.ndarray, X: np.ndarray, n: int) -> np.ndarray | None:
    """Topics merged down to ``n`` by average linkage on the cosine distance of their mean rows of
    ``X`` (outliers stay -1); None when there are fewer than ``n`` topics.

    The same rule as :class:`~ipnav.landscape.hierarchy.TopicTree` and as BERTopic's
    ``reduce_topics(nr_topics=n + 1)`` with its default (semantic) topic embeddings.

    Example:
        >>> X = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 1.0]])
        >>> merge_topics([0, 1, 2, -1], X, 2).tolist()
        [3, 3, 2, -1]
    """
    from ipnav.landscape.hierarchy import build_topic_tree

    dense = _dense(np.asarray(labels))
    k = int(dense.max()) + 1 if (dense >= 0).any() else 0
    if k < n:
        return None
    tree = build_topic_tree(_topic_means(dense, X), np.bincount(dense[dense >= 0], minlength=k))
    owner = tree.cut(n)
    return np.where(dense >= 0, owner[np.maximum(dense, 0)], -1)
