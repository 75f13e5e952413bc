"""Reduce: embeddings to a few dimensions for clustering and to 2-D for the map.

UMAP (umap-learn) with a fixed ``random_state`` (which makes umap-learn run single-threaded and
deterministic). Sets too small for UMAP's neighbour graph fall back to PCA, which is exact and
deterministic. Both keep a fitted model, so new patents are placed without refitting
(:meth:`Reducer.transform`).
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

import numpy as np
from sklearn.decomposition import PCA

from ipnav.exceptions import AnalysisError

__all__ = ["Reducer"]

log = logging.getLogger(__name__)


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
        random_state: Seed; the same seed and input give the same output.

    Attributes:
        method_: The method used (``umap`` or ``pca``).
        embedding_: The reduced training data, shape ``(n, n_components)``.

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

    def fit(self, X: np.ndarray, y: Any = None) -> Reducer:
        """Fit on embeddings ``X`` (rows = patents)."""
        X = self._validate(X)
        n = X.shape[0]
        use_umap = self.method == "umap" or (self.method == "auto" and n >= self.min_umap_samples)
        if use_umap and n <= self.n_neighbors + 1:
            raise AnalysisError(
                f"UMAP needs more rows than n_neighbors + 1 ({self.n_neighbors + 1}). Got {n}; use method='pca'."
            )
        if use_umap:
            import umap  # slow import (numba); only when needed

            self.model_: Any = umap.UMAP(
                n_components=self.n_components,
                n_neighbors=self.n_neighbors,
                min_dist=self.min_dist,
                metric=self.metric,
                random_state=self.random_state,
                low_memory=True,
                init=self.init,
                n_epochs=self.n_epochs,
            )
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*n_jobs value.*")
                self.embedding_ = np.asarray(self.model_.fit_transform(X), dtype=np.float32)
            self.method_ = "umap"
        else:
            k = min(self.n_components, n - 1, X.shape[1])
            self.model_ = PCA(n_components=k, random_state=self.random_state).fit(X)
            emb = self.model_.transform(X)
            self.embedding_ = _pad(emb, self.n_components)
            self.method_ = "pca"
        log.info("reduced %d x %d to %d-d with %s", n, X.shape[1], self.n_components, self.method_)
        return self

    def fit_transform(self, X: np.ndarray, y: Any = None) -> np.ndarray:
        return self.fit(X).embedding_

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Place new rows in the fitted space without refitting."""
        if not hasattr(self, "model_"):
            raise AnalysisError("This Reducer is not fitted yet; call fit first.")
        X = np.asarray(X, dtype=np.float32)
        if X.ndim != 2 or X.shape[1] != self.model_.n_features_in_:
            raise AnalysisError(
                f"Reducer was fitted on {self.model_.n_features_in_} features. Got shape {X.shape} instead."
            )
        if len(X) == 0:
            return np.zeros((0, self.n_components), dtype=np.float32)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*n_jobs value.*")
            out = np.asarray(self.model_.transform(X), dtype=np.float32)
        return _pad(out, self.n_components) if self.method_ == "pca" else out


def _pad(emb: np.ndarray, width: int) -> np.ndarray:
    """Zero-pad PCA output when the data have fewer dimensions than asked for."""
    out = np.zeros((emb.shape[0], width), dtype=np.float32)
    out[:, : emb.shape[1]] = emb
    return out
