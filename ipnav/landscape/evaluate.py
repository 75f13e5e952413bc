"""Proof of quality: agreement with known labels, and stability across seeds.

* :func:`cluster_scores`: V-measure, NMI, homogeneity, completeness and ARI of the topics against
  known labels (an IPC subclass or section per patent, or a labels file). Outliers (-1) are
  scored two ways: ``all`` counts them as one more cluster (what a user sees), ``clustered``
  scores only the patents that got a topic (and reports the share left out).
* :func:`seed_stability`: adjusted Rand index between the topic assignments of runs that differ
  only in the random seed (all pairs of, by default, 5 seeds); 1 = identical partitions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from sklearn import metrics

from ipnav.exceptions import AnalysisError

__all__ = ["cluster_scores", "ipc_labels", "seed_stability"]


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


def cluster_scores(labels_true: Sequence[Any], labels_pred: Sequence[int]) -> dict[str, Any]:
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
