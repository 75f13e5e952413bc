"""Reduce stage: exact neighbours by hand, the shared graph, side-by-side UMAP fits, transform."""

from __future__ import annotations

import numpy as np
import pytest

from ipnav.exceptions import AnalysisError
from ipnav.landscape.reduce import Reducer, nearest_neighbours, release_umap_gil, spectral_init


def test_euclidean_neighbours_by_hand():
    X = np.array([[0.0], [1.0], [3.0], [6.0]], dtype=np.float32)
    nn = nearest_neighbours(X, 2, metric="euclidean")
    assert nn.exact
    assert nn.indices.tolist() == [[0, 1], [1, 0], [2, 1], [3, 2]]
    assert nn.distances.tolist() == [[0.0, 1.0], [0.0, 1.0], [0.0, 2.0], [0.0, 3.0]]


def test_cosine_neighbours_match_brute_force():
    from sklearn.neighbors import NearestNeighbors

    X = np.random.default_rng(1).normal(size=(300, 12)).astype(np.float32)
    nn = nearest_neighbours(X, 7, block=64)  # several blocks
    ref_d, ref_i = NearestNeighbors(n_neighbors=7, metric="cosine", algorithm="brute").fit(X).kneighbors(X)
    assert (nn.indices == ref_i).all()
    assert np.allclose(nn.distances, ref_d, atol=1e-5)


def test_each_row_is_its_own_first_neighbour_among_duplicates():
    X = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    nn = nearest_neighbours(X, 3)
    # row i first, then the other copies by row index (ties broken by index)
    assert nn.indices[:3].tolist() == [[0, 1, 2], [1, 0, 2], [2, 0, 1]]
    assert nn.distances[:3].max() == 0.0
    assert nn.indices[3, 0] == 3 and nn.distances[3, 1] == pytest.approx(1.0)


def test_pca_transform_of_a_training_row_is_its_position():
    X = np.random.default_rng(0).normal(size=(40, 6)).astype(np.float32)
    r = Reducer(3, random_state=0).fit(X)
    assert r.method_ == "pca"
    assert np.allclose(r.transform(X[:5]), r.embedding_[:5], atol=1e-5)
    with pytest.raises(AnalysisError, match="fitted on 6 features"):
        r.transform(np.zeros((1, 4), dtype=np.float32))


def _clusters(n_per=60, dim=16, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(3, dim)) * 4
    X = np.vstack([rng.normal(c, 1.0, size=(n_per, dim)) for c in centres]).astype(np.float32)
    return X / np.linalg.norm(X, axis=1, keepdims=True)


@pytest.mark.slow
def test_umap_with_shared_neighbours_and_start_is_deterministic_and_transform_places_duplicates():
    X = _clusters()
    nb = nearest_neighbours(X, 15)
    init = spectral_init(X, nb, 5, random_state=0)
    assert init.shape == (180, 5)
    assert np.array_equal(init, spectral_init(X, nb, 5, random_state=0))
    a = Reducer(5, random_state=3).fit(X, neighbours=nb, init=init)
    b = Reducer(5, random_state=3).fit(X, neighbours=nb, init=init)
    assert a.method_ == "umap" and a.neighbours_ is nb
    assert np.array_equal(a.embedding_, b.embedding_)
    placed = a.transform(X[[0, 90, 179]])
    assert np.allclose(placed, a.embedding_[[0, 90, 179]])
    with pytest.raises(AnalysisError, match="neighbours must have shape"):
        Reducer(5, n_neighbors=10, random_state=3).fit(X, neighbours=nb)


@pytest.mark.slow
def test_optimisation_epoch_without_the_gil_gives_identical_layouts():
    """release_umap_gil recompiles umap's epoch with nogil: same numbers as umap's own compile."""
    import numba
    import umap.layouts as layouts

    assert release_umap_gil()
    assert release_umap_gil()  # idempotent
    original = numba.njit(layouts._optimize_layout_euclidean_single_epoch, fastmath=True, parallel=False)
    patched = layouts._nb_optimize_layout_euclidean_single_epoch
    X = _clusters(n_per=30)
    results = []
    for fn in (original, patched):
        layouts._nb_optimize_layout_euclidean_single_epoch = fn
        try:
            results.append(Reducer(2, min_dist=0.1, random_state=5).fit_transform(X))
        finally:
            layouts._nb_optimize_layout_euclidean_single_epoch = patched
    assert np.array_equal(results[0], results[1])
