"""HDBSCAN stage and merge tree: counts on separable blobs, outliers, deterministic ids."""

from __future__ import annotations

import numpy as np
import pytest

from ipnav.exceptions import AnalysisError
from ipnav.landscape.cluster import TopicClusterer, auto_min_cluster_size
from ipnav.landscape.hierarchy import build_topic_tree


def blobs(sizes=(60, 40, 30, 20), *, noise=0, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], dtype=float)
    parts = [rng.normal(centres[i], 0.3, size=(n, 3)) for i, n in enumerate(sizes)]
    truth = np.concatenate([np.full(n, i) for i, n in enumerate(sizes)])
    X = np.vstack(parts)
    if noise:
        far = np.array([[50, 50, 50], [-50, 40, -30], [40, -60, 20]], dtype=float)[:noise]
        X = np.vstack([X, far])
        truth = np.concatenate([truth, np.full(noise, -1)])
    return X, truth


def test_four_separable_blobs_give_four_topics_ordered_by_size():
    X, truth = blobs()
    c = TopicClusterer(min_cluster_size=10).fit(X)
    assert c.n_topics_ == 4
    # ids by size: blob of 60 -> topic 0, 40 -> 1, 30 -> 2, 20 -> 3
    for blob, topic in enumerate((0, 1, 2, 3)):
        assert set(c.labels_[truth == blob]) == {topic}
    assert np.bincount(c.labels_).tolist() == [60, 40, 30, 20]


def test_outliers_are_kept_as_minus_one():
    X, _truth = blobs(noise=3)
    c = TopicClusterer(min_cluster_size=10).fit(X)
    assert c.labels_[-3:].tolist() == [-1, -1, -1]
    assert c.outlier_mask_.sum() == 3
    assert (c.probabilities_[-3:] == 0).all()


def test_assign_outliers_moves_them_to_the_nearest_topic_but_keeps_the_flag():
    X, _ = blobs(noise=1)  # the far point (50,50,50) is nearest the blob at (0,0,10)? distances decide
    c = TopicClusterer(min_cluster_size=10, assign_outliers=True).fit(X)
    assert (c.labels_ >= 0).all()
    assert c.outlier_mask_[-1]
    d = ((c.centroids_ - X[-1]) ** 2).sum(axis=1)
    assert c.labels_[-1] == int(d.argmin())


def test_predict_places_a_training_point_in_its_topic():
    X, _ = blobs()
    c = TopicClusterer(min_cluster_size=10).fit(X)
    labels, strength = c.predict(X[[0, 70, 110]])
    assert labels.tolist() == c.labels_[[0, 70, 110]].tolist()
    assert (strength > 0).all()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"min_cluster_size": 1}, "min_cluster_size"),
        ({"selection": "best"}, "selection"),
    ],
)
def test_bad_parameters_name_themselves(kwargs, message):
    with pytest.raises(AnalysisError, match=message):
        TopicClusterer(**kwargs).fit(blobs()[0])


def test_auto_min_cluster_size_is_a_quarter_percent_with_bounds():
    assert auto_min_cluster_size(14_082) == 36
    assert auto_min_cluster_size(100) == 10
    assert auto_min_cluster_size(1_000_000) == 500


def test_merge_tree_cut_and_zoom_ranges():
    # topics 0 and 1 point the same way, 2 elsewhere, 3 close to 2
    centroids = np.array([[1.0, 0.0, 0.0], [0.95, 0.05, 0.0], [0.0, 1.0, 0.0], [0.0, 0.9, 0.3]])
    tree = build_topic_tree(centroids, np.array([10, 8, 6, 4]))
    assert tree.merges.tolist() == [[0, 1], [2, 3], [4, 5]]
    assert tree.sizes.tolist() == [10, 8, 6, 4, 18, 10, 28]
    assert tree.cut(4).tolist() == [0, 1, 2, 3]
    assert tree.cut(3).tolist() == [4, 4, 2, 3]
    assert tree.cut(2).tolist() == [4, 4, 5, 5]
    assert tree.cut(1).tolist() == [6, 6, 6, 6]
    nodes = {n["id"]: n for n in tree.nodes()}
    assert (nodes[0]["n_min"], nodes[0]["n_max"]) == (4, 4)
    assert (nodes[2]["n_min"], nodes[2]["n_max"]) == (3, 4)
    assert (nodes[4]["n_min"], nodes[4]["n_max"]) == (2, 3)
    assert nodes[6]["parent"] is None and (nodes[6]["n_min"], nodes[6]["n_max"]) == (1, 1)
    assert tree.leaves_of(5) == [2, 3]
    with pytest.raises(AnalysisError, match="'n' parameter"):
        tree.cut(5)
