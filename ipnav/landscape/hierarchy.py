"""The topic merge tree: zoom from many fine topics to a few broad ones.

The fine topics (HDBSCAN's, ids ``0..K-1``) are merged bottom-up by average-linkage on the cosine
distance of their mean embeddings (scipy). Merge ``s`` creates node ``K + s``, as in a scipy
linkage matrix, so the tree has ``2K - 1`` nodes and node ``2K - 2`` is the root. Cutting the tree
at ``n`` topics applies the first ``K - n`` merges; node ``v`` is a shown topic for every ``n`` in
``[n_min, n_max]`` (see :meth:`TopicTree.nodes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ipnav.exceptions import AnalysisError

__all__ = ["TopicTree", "build_topic_tree"]


@dataclass(frozen=True)
class TopicTree:
    """A merge tree over ``n_leaves`` topics.

    Attributes:
        n_leaves: Number of fine topics (leaves).
        merges: ``(K-1, 2)`` int array; row ``s`` merges nodes ``merges[s]`` into node ``K + s``.
        sizes: Patents per node, ``2K - 1`` entries.
    """

    n_leaves: int
    merges: np.ndarray
    sizes: np.ndarray

    def cut(self, n: int) -> np.ndarray:
        """Node id shown for each leaf when the map shows ``n`` topics.

        Raises:
            AnalysisError: ``n`` is outside ``1..n_leaves``.

        Example:
            >>> t = build_topic_tree(np.array([[1, 0], [0.9, 0.1], [0, 1]]), np.array([5, 4, 3]))
            >>> t.cut(3).tolist(), t.cut(2).tolist(), t.cut(1).tolist()
            ([0, 1, 2], [3, 3, 2], [4, 4, 4])
        """
        k = self.n_leaves
        if not isinstance(n, (int, np.integer)) or not 1 <= n <= max(k, 1):
            raise AnalysisError(f"The 'n' parameter of cut must be an int in 1..{k}. Got {n!r} instead.")
        owner = np.arange(k)
        for s in range(k - int(n)):
            a, b = self.merges[s]
            owner[np.isin(owner, (a, b))] = k + s
        return owner

    def parents(self) -> dict[int, int]:
        """Parent node of every non-root node."""
        out: dict[int, int] = {}
        for s, (a, b) in enumerate(self.merges):
            out[int(a)] = out[int(b)] = self.n_leaves + s
        return out

    def leaves_of(self, node: int) -> list[int]:
        """The fine topics under a node, ascending."""
        k = self.n_leaves
        if node < k:
            return [node]
        a, b = self.merges[node - k]
        return sorted(self.leaves_of(int(a)) + self.leaves_of(int(b)))

    def nodes(self) -> list[dict[str, Any]]:
        """Every node: ``id``, ``parent`` (None for the root), ``size``, ``n_min``, ``n_max``.

        ``n_min..n_max`` are the topic counts at which the node is shown on the map.
        """
        k = self.n_leaves
        parents = self.parents()
        out = []
        for v in range(2 * k - 1):
            born = k if v < k else k - (v - k) - 1  # topic count right after the node exists
            parent = parents.get(v)
            dies = 1 if parent is None else k - (parent - k)  # smallest count it is still shown at
            out.append(
                {
                    "id": v,
                    "parent": parent,
                    "size": int(self.sizes[v]),
                    "n_min": dies,
                    "n_max": born,
                }
            )
        return out


def build_topic_tree(centroids: np.ndarray, sizes: np.ndarray) -> TopicTree:
    """Merge tree of topics from their mean embeddings (average linkage, cosine distance).

    Args:
        centroids: Mean embedding per fine topic, shape ``(K, d)``.
        sizes: Patents per fine topic.

    Example:
        >>> t = build_topic_tree(np.array([[1, 0], [0.9, 0.1], [0, 1]]), np.array([5, 4, 3]))
        >>> t.merges.tolist(), t.sizes.tolist()
        ([[0, 1], [2, 3]], [5, 4, 3, 9, 12])
    """
    from scipy.cluster.hierarchy import linkage

    centroids = np.asarray(centroids, dtype=np.float64)
    k = len(centroids)
    if k == 0:
        return TopicTree(0, np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64))
    if k == 1:
        return TopicTree(1, np.zeros((0, 2), dtype=np.int64), np.asarray(sizes, dtype=np.int64))
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    unit = centroids / np.where(norms == 0, 1, norms)
    z = linkage(unit, method="average", metric="cosine")
    merges = np.sort(z[:, :2].astype(np.int64), axis=1)
    all_sizes = np.concatenate([np.asarray(sizes, dtype=np.int64), np.zeros(k - 1, dtype=np.int64)])
    for s, (a, b) in enumerate(merges):
        all_sizes[k + s] = all_sizes[a] + all_sizes[b]
    return TopicTree(k, merges, all_sizes)
