"""Evaluation harness: scores by hand, stability."""

from __future__ import annotations

import pandas as pd
import pytest

from ipnav.exceptions import AnalysisError
from ipnav.landscape.evaluate import cluster_scores, ipc_labels, seed_stability


def test_perfect_and_merged_partitions():
    perfect = cluster_scores(["a", "a", "b", "b"], [1, 1, 0, 0])
    assert perfect["all"]["v_measure"] == 1.0 and perfect["all"]["nmi"] == 1.0
    merged = cluster_scores(["a", "a", "b", "b"], [0, 0, 0, 0])
    # one cluster: homogeneity 0, completeness 1 -> V-measure 0
    assert merged["all"]["homogeneity"] == 0.0 and merged["all"]["completeness"] == 1.0
    assert merged["all"]["v_measure"] == 0.0


def test_outliers_scored_both_ways_and_unknown_labels_left_out():
    s = cluster_scores(["a", "a", "b", "b", "", None], [0, 0, 1, -1, 0, 1])
    assert s["n_scored"] == 4 and s["outlier_share"] == 0.25
    assert s["clustered"]["v_measure"] == 1.0
    assert s["all"]["v_measure"] < 1.0
    assert s["n_topics"] == 2 and s["n_labels"] == 2


def test_length_mismatch_is_an_error():
    with pytest.raises(AnalysisError, match="differ in length"):
        cluster_scores(["a"], [0, 1])


def test_ipc_labels_subclass_and_section():
    corpus = pd.DataFrame({"main_subclass": ["B25J", "G06N", ""]})
    assert ipc_labels(corpus).tolist() == ["B25J", "G06N", ""]
    assert ipc_labels(corpus, level="section").tolist() == ["B", "G", ""]


def test_seed_stability_pairs():
    runs = {0: [0, 0, 1, 1], 1: [1, 1, 0, 0], 2: [0, 1, 0, 1]}
    st = seed_stability(lambda s: runs[s], seeds=(0, 1, 2))
    assert [p[:2] for p in st["pairs"]] == [[0, 1], [0, 2], [1, 2]]
    assert st["pairs"][0][2] == 1.0  # same partition, other ids
    assert st["pairs"][1][2] == pytest.approx(-0.5)
    assert st["min_ari"] == pytest.approx(-0.5)
    assert st["n_topics"] == [2, 2, 2]


def test_assign_to_nearest_topic_by_hand():
    import numpy as np

    from ipnav.landscape.evaluate import assign_to_nearest_topic

    X = np.array([[1.0, 0.0], [1.0, 0.2], [0.0, 1.0], [0.8, 0.6], [0.6, 0.8]])
    # topic means: 7 -> (1, 0.1), 3 -> (0, 1); row 3 (0.8, 0.6) is nearer 7's, row 4 nearer 3's
    assert assign_to_nearest_topic([7, 7, 3, -1, -1], X).tolist() == [1, 1, 0, 1, 0]
    assert assign_to_nearest_topic([-1, -1], X[:2]).tolist() == [-1, -1]


def test_merge_topics_joins_the_closest_means_and_keeps_outliers():
    import numpy as np

    from ipnav.landscape.evaluate import merge_topics

    X = np.array([[1.0, 0.0], [0.95, 0.05], [0.0, 1.0], [0.5, 0.5]])
    merged = merge_topics([0, 1, 2, -1], X, 2)
    assert merged[0] == merged[1] != merged[2] and merged[3] == -1
    assert merge_topics([0, 1, 2, -1], X, 3).tolist() == [0, 1, 2, -1]
    assert merge_topics([0, 1, -1, -1], X, 3) is None
