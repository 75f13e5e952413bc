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
