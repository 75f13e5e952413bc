"""Reduce: embeddings to a few dimensions for clustering and to 2-D for the map.

UMAP (umap-learn) with a fixed ``random_state`` (which makes umap-learn run single-threaded and
deterministic). Sets too small for UMAP's neighbour graph fall back to PCA, which is exact and
deterministic.

Three measured choices (docs/landscape.md, Lens robotics set, 8,198 distinct titles):

* **Exact nearest neighbours** (:func:`nearest_neighbours`) up to ``exact_max_rows`` rows: one
  blocked matrix product (1.6 s) instead of pynndescent's approximate search (1.1 s, but 97.5 %
  recall, a random start, and about 20 s of numba compilation in every new process). Exact
  neighbours remove one source of seed-to-seed variation: mean ARI between 5 seeds rose from
  0.56 to 0.67 at the same topics. Above ``exact_max_rows`` pynndescent is used (seeded).
* **One neighbour graph and one spectral start for both reductions** (:func:`spectral_init`):
  the 5-d clustering space and the 2-d map share ``n_neighbors`` and the metric, so the graph
  and the spectral initialisation are computed once and each UMAP starts from its first columns.
* **Side by side** (:func:`release_umap_gil`): umap-learn compiles its single-threaded (seeded)
  optimisation epoch without ``nogil``, so two fits in two threads would take turns; the same
  Python function compiled with ``nogil=True`` lets the 5-d and the 2-d fit run on two cores at
  once, with bit-identical results (tests/landscape/test_reduce.py).
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.decomposition import PCA

from ipnav.exceptions import AnalysisError

__all__ = ["Neighbours", "Reducer", "nearest_neighbours", "quiet_umap", "release_umap_gil", "spectral_init"]

log = logging.getLogger(__name__)

EXACT_MAX_ROWS = 20_000
"""Exact neighbours up to this many rows (n² · d work: 20,000 x 384 takes about 6 s here)."""


@dataclass(frozen=True)
class Neighbours:
    """The ``k`` nearest neighbours of each row (itself first): indices and distances."""

    indices: np.ndarray
    distances: np.ndarray
    exact: bool


def nearest_neighbours(
    X: np.ndarray,
    n_neighbors: int,
    *,
    metric: str = "cosine",
    exact_max_rows: int = EXACT_MAX_ROWS,
    random_state: int | None = None,
    block: int = 1024,
) -> Neighbours:
    """Each row's ``n_neighbors`` nearest rows (the row itself first), exact where affordable.

    Exact (``cosine`` or ``euclidean``, at most ``exact_max_rows`` rows): blocked matrix products,
    ties broken by row index, so the result never depends on a seed. Otherwise pynndescent
    (umap-learn's approximate search), seeded with ``random_state``.

    Example:
        >>> X = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]], dtype=np.float32)
        >>> nn = nearest_neighbours(X, 2)
        >>> nn.indices.tolist(), nn.exact
        ([[0, 1], [1, 0], [2, 1]], True)
    """
    X = np.asarray(X, dtype=np.float32)
    n = len(X)
    k = min(n_neighbors, n)
    if metric not in ("cosine", "euclidean") or n > exact_max_rows:
        from umap.umap_ import nearest_neighbors

        idx, dist, _ = nearest_neighbors(X, k, metric, {}, False, np.random.RandomState(random_state), low_memory=True)
        return Neighbours(np.asarray(idx, dtype=np.int64), np.asarray(dist, dtype=np.float32), exact=False)
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k), dtype=np.float32)
    unit = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12) if metric == "cosine" else X
    for start in range(0, n, block):
        rows = np.arange(start, min(start + block, n))
        D = 1.0 - unit[rows] @ unit.T if metric == "cosine" else _distances(X[rows], X, metric)
        D[rows - start, rows] = -1.0  # the row itself first
        indices[rows], distances[rows] = _smallest(D, k)
    return Neighbours(indices, np.maximum(distances, 0.0), exact=True)


def _distances(Q: np.ndarray, X: np.ndarray, metric: str) -> np.ndarray:
    """Cosine or euclidean distance of every row of ``Q`` to every row of ``X``."""
    if metric == "cosine":
        Qn = Q / np.maximum(np.linalg.norm(Q, axis=1, keepdims=True), 1e-12)
        Xn = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)
        return 1.0 - Qn @ Xn.T
    sq = (Q.astype(np.float64) ** 2).sum(axis=1)[:, None] + (X.astype(np.float64) ** 2).sum(axis=1)[None, :]
    return np.sqrt(np.maximum(sq - 2.0 * (Q @ X.T), 0.0)).astype(np.float32)


def _smallest(D: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and values of the ``k`` smallest entries of each row, by value then index."""
    part = np.argpartition(D, k - 1, axis=1)[:, :k] if k < D.shape[1] else np.tile(np.arange(D.shape[1]), (len(D), 1))
    d = np.take_along_axis(D, part, axis=1)
    order = np.lexsort((part, d), axis=1)
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(d, order, axis=1)


def spectral_init(
    X: np.ndarray,
    neighbours: Neighbours,
    n_components: int,
    *,
    metric: str = "cosine",
    n_epochs: int = 200,
    random_state: int | None = None,
) -> np.ndarray:
    """The spectral starting layout UMAP would compute, once, for reductions that share a graph.

    Same steps as umap-learn's ``init="spectral"``: the fuzzy neighbour graph, edges below
    ``max / n_epochs`` dropped, eigenvectors of its normalised Laplacian (umap's
    ``spectral_layout``, which also places disconnected components). Columns are ordered by
    eigenvalue, so the first 2 columns of a 5-d start are the 2-d start.
    """
    from umap.spectral import spectral_layout
    from umap.umap_ import fuzzy_simplicial_set

    rng = np.random.RandomState(random_state)
    graph, _, _ = fuzzy_simplicial_set(
        X,
        neighbours.indices.shape[1],
        rng,
        metric,
        knn_indices=neighbours.indices,
        knn_dists=neighbours.distances,
    )
    graph = graph.tocoo()
    graph.data[graph.data < graph.data.max() / float(n_epochs)] = 0.0
    graph.eliminate_zeros()
    layout = spectral_layout(X, graph.tocsr(), n_components, rng, metric=metric)
    return np.asarray(layout, dtype=np.float32)


@contextmanager
def quiet_umap() -> Iterator[None]:
    """Silence umap-learn's "transform will be unavailable" warning about precomputed neighbours
    (:meth:`Reducer.transform` places new rows by neighbours, without umap's search index).

    ``warnings.catch_warnings`` is not thread-safe, so only the main thread installs the filter;
    a worker thread's fit runs inside the main thread's (as :class:`~ipnav.landscape.model.Landscape`
    does).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*knn_search_index.*")
        yield


_gil_released = False


def release_umap_gil() -> bool:
    """Let seeded UMAP fits in different threads run at the same time (idempotent).

    umap-learn runs a seeded fit's optimisation with ``_nb_optimize_layout_euclidean_single_epoch``,
    ``numba.njit(fastmath=True, parallel=False)`` of a plain Python function; it holds the GIL.
    This compiles that same function with ``nogil=True`` as well and puts it in its place: same
    code, same results, but two threads can optimise two layouts on two cores. Returns False
    (and changes nothing) where umap-learn is laid out differently.
    """
    global _gil_released
    if _gil_released:
        return True
    import numba
    import umap.layouts as layouts

    fn = getattr(layouts, "_optimize_layout_euclidean_single_epoch", None)
    if fn is None or not hasattr(layouts, "_nb_optimize_layout_euclidean_single_epoch"):
        return False
    layouts._nb_optimize_layout_euclidean_single_epoch = numba.njit(fn, fastmath=True, parallel=False, nogil=True)
    _gil_released = True
    return True


class Reducer:
    """UMAP (or PCA for tiny sets) as an sklearn-style transformer.

    Args:
        n_components: Output dimension (5 for clustering, 2 for the map).
        n_neighbors: UMAP neighbourhood size (local vs global structure).
        min_dist: UMAP minimum distance (0.0 packs clusters tightly, good for HDBSCAN; 0.1 reads
            better on a map).
        metric: Distance on the input (``cosine`` for sentence embeddings).
        method: ``auto`` (UMAP from ``min_umap_samples`` rows on, else PCA), ``umap`` or ``pca``.
        min_umap_samples: Below this many rows ``auto`` uses PCA.
        init: UMAP initialisation, ``spectral`` (umap-learn's default) or ``pca``. Measured on
            the 7,955 distinct Lens robotics titles: spectral 15 s, pca 87 s (5-d). Spectral
            fails on graphs made of many identical-vector cliques; the landscape fits on distinct
            rows, which avoids them.
        n_epochs: UMAP optimisation epochs. umap-learn picks 500 below 10,000 rows and 200 above;
            200 always keeps the layouts alike and halves the time on small sets.
        exact_max_rows: Exact nearest neighbours up to this many rows (:func:`nearest_neighbours`).
        random_state: Seed; the same seed and input give the same output.

    Attributes:
        method_: The method used (``umap`` or ``pca``).
        embedding_: The reduced training data, shape ``(n, n_components)``.
        neighbours_: The neighbour graph UMAP was fitted on (UMAP only).

    Example:
        >>> X = np.random.default_rng(0).normal(size=(20, 8)).astype(np.float32)
        >>> r = Reducer(n_components=2, random_state=0).fit(X)
        >>> r.method_, r.embedding_.shape
        ('pca', (20, 2))
    """

    def __init__(
        self,
        n_components: int = 5,
        *,
        n_neighbors: int = 15,
        min_dist: float = 0.0,
        metric: str = "cosine",
        method: str = "auto",
        min_umap_samples: int = 100,
        init: str = "spectral",
        n_epochs: int | None = 200,
        exact_max_rows: int = EXACT_MAX_ROWS,
        random_state: int | None = 42,
    ):
        self.init = init
        self.n_epochs = n_epochs
        self.n_components = n_components
        self.n_neighbors = n_neighbors
        self.min_dist = min_dist
        self.metric = metric
        self.method = method
        self.min_umap_samples = min_umap_samples
        self.exact_max_rows = exact_max_rows
        self.random_state = random_state

    def _validate(self, X: np.ndarray) -> np.ndarray:
        if self.method not in ("auto", "umap", "pca"):
            raise AnalysisError(
                f"The 'method' parameter of Reducer must be 'auto', 'umap' or 'pca'. Got {self.method!r} instead."
            )
        if not isinstance(self.n_components, int) or self.n_components < 1:
            raise AnalysisError(
                f"The 'n_components' parameter of Reducer must be an int >= 1. Got {self.n_components!r} instead."
            )
        X = np.asarray(X, dtype=np.float32)
        if X.ndim != 2 or X.shape[0] < 3:
            raise AnalysisError(f"Reducer needs a 2-D array of at least 3 rows. Got shape {X.shape} instead.")
        if not np.isfinite(X).all():
            raise AnalysisError("Reducer input contains NaN or infinite values")
        return X

    def uses_umap(self, n_rows: int) -> bool:
        """Whether a fit on ``n_rows`` rows runs UMAP (else PCA)."""
        return self.method == "umap" or (self.method == "auto" and n_rows >= self.min_umap_samples)

    def fit(
        self,
        X: np.ndarray,
        y: Any = None,
        *,
        neighbours: Neighbours | None = None,
        init: np.ndarray | None = None,
    ) -> Reducer:
        """Fit on embeddings ``X`` (rows = patents).

        Args:
            X: The embeddings.
            y: Ignored (sklearn convention).
            neighbours: A neighbour graph of ``X`` to reuse (UMAP only; computed when None).
            init: A starting layout ``(n, n_components)`` to reuse (UMAP only; else ``init``).
        """
        X = self._validate(X)
        n = X.shape[0]
        use_umap = self.uses_umap(n)
        if use_umap and n <= self.n_neighbors + 1:
            raise AnalysisError(
                f"UMAP needs more rows than n_neighbors + 1 ({self.n_neighbors + 1}). Got {n}; use method='pca'."
            )
        if use_umap:
            self._fit_umap(X, neighbours, init)
        else:
            k = min(self.n_components, n - 1, X.shape[1])
            self.model_ = PCA(n_components=k, random_state=self.random_state).fit(X)
            emb = self.model_.transform(X)
            self.embedding_ = _pad(emb, self.n_components)
            self.method_ = "pca"
        log.info("reduced %d x %d to %d-d with %s", n, X.shape[1], self.n_components, self.method_)
        return self

    def _fit_umap(self, X: np.ndarray, neighbours: Neighbours | None, init: np.ndarray | None) -> None:
        import umap  # slow import (numba); only when needed

        if neighbours is None:
            neighbours = nearest_neighbours(
                X,
                self.n_neighbors,
                metric=self.metric,
                exact_max_rows=self.exact_max_rows,
                random_state=self.random_state,
            )
        if neighbours.indices.shape != (len(X), self.n_neighbors):
            raise AnalysisError(
                f"neighbours must have shape ({len(X)}, {self.n_neighbors}). Got {neighbours.indices.shape} instead."
            )
        self.neighbours_ = neighbours
        self.model_ = umap.UMAP(
            n_components=self.n_components,
            n_neighbors=self.n_neighbors,
            min_dist=self.min_dist,
            metric=self.metric,
            random_state=self.random_state,
            n_jobs=1 if self.random_state is not None else -1,
            low_memory=True,
            init=init[:, : self.n_components] if init is not None else self.init,
            n_epochs=self.n_epochs,
            precomputed_knn=(neighbours.indices, neighbours.distances),
        )
        with quiet_umap():
            self.embedding_ = np.asarray(self.model_.fit_transform(X), dtype=np.float32)
        self._train = X
        self.method_ = "umap"

    def fit_transform(self, X: np.ndarray, y: Any = None, **fit_params: Any) -> np.ndarray:
        return self.fit(X, **fit_params).embedding_

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Place new rows in the fitted space without refitting.

        PCA: the projection. UMAP: the similarity-weighted mean position (weights ``(1 - d) ** 4``)
        of each row's ``n_neighbors`` nearest training rows, found exactly (umap-learn starts its
        own ``transform`` from such a mean; no neighbour search index is kept); a duplicate of a
        training row takes that row's position.
        """
        if not hasattr(self, "model_"):
            raise AnalysisError("This Reducer is not fitted yet; call fit first.")
        X = np.asarray(X, dtype=np.float32)
        width = self._train.shape[1] if self.method_ == "umap" else self.model_.n_features_in_
        if X.ndim != 2 or X.shape[1] != width:
            raise AnalysisError(f"Reducer was fitted on {width} features. Got shape {X.shape} instead.")
        if len(X) == 0:
            return np.zeros((0, self.n_components), dtype=np.float32)
        if self.method_ == "pca":
            return _pad(self.model_.transform(X), self.n_components)
        idx, dist = [], []
        for start in range(0, len(X), 1024):
            i, d = _smallest(_distances(X[start : start + 1024], self._train, self.metric), self.n_neighbors)
            idx.append(i)
            dist.append(d)
        idx_all, dist_all = np.vstack(idx), np.vstack(dist)
        w = np.clip(1.0 - dist_all, 0.0, None).astype(np.float64) ** 4 + 1e-12
        pos = self.embedding_[idx_all].astype(np.float64)
        out = (w[..., None] * pos).sum(axis=1) / w.sum(axis=1, keepdims=True)
        same = dist_all[:, 0] <= 1e-6  # a duplicate of a training row takes its position
        out[same] = self.embedding_[idx_all[same, 0]]
        return out.astype(np.float32)


def _pad(emb: np.ndarray, width: int) -> np.ndarray:
    """Zero-pad PCA output when the data have fewer dimensions than asked for."""
    out = np.zeros((emb.shape[0], width), dtype=np.float32)
    out[:, : emb.shape[1]] = emb
    return out
