"""Sparse counting per group of patents: who and what is most frequent in each topic.

A topic landscape describes every merge-tree node (``2K - 1`` groups of patents), and the groups
nest, so counting item by item in Python costs patents x tree depth. Here the groups are a sparse
0/1 matrix (groups x patents) and each attribute (applicants, codes, years, terms ...) a sparse
incidence matrix (patents x values); one product counts every value in every group.

Ties are broken alphabetically, as :func:`ipnav.landscape.terms.top_items` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

__all__ = ["group_matrix", "incidence", "top_per_row"]


def group_matrix(groups: Sequence[Sequence[int]], n_rows: int) -> sparse.csr_matrix:
    """``(len(groups), n_rows)`` 0/1 matrix: row ``g`` marks the corpus rows of group ``g``.

    Example:
        >>> group_matrix([[0, 2], [1]], 3).toarray().tolist()
        [[1, 0, 1], [0, 1, 0]]
    """
    sizes = [len(g) for g in groups]
    rows = np.repeat(np.arange(len(groups)), sizes)
    cols = np.concatenate([np.asarray(g, dtype=np.int64) for g in groups]) if groups else np.zeros(0, np.int64)
    return sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(len(groups), n_rows))


def incidence(values: Sequence[Iterable[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """``(rows x distinct values)`` 0/1 matrix (a value listed twice in a row counts once), and
    the values in alphabetical order (the matrix's columns).

    Example:
        >>> m, names = incidence([["b", "a", "b"], [], ["a"]])
        >>> m.toarray().tolist(), names
        ([[1, 1], [0, 0], [1, 0]], ['a', 'b'])
    """
    per_row = [sorted({str(v) for v in row if v is not None and str(v) != ""}) for row in values]
    names = sorted({v for row in per_row for v in row})
    col = {v: j for j, v in enumerate(names)}
    sizes = [len(r) for r in per_row]
    rows = np.repeat(np.arange(len(per_row)), sizes)
    cols = np.fromiter((col[v] for r in per_row for v in r), dtype=np.int64, count=int(sum(sizes)))
    data = np.ones(len(rows), dtype=np.int64)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(per_row), len(names))), names


def top_per_row(counts: sparse.spmatrix, names: Sequence[str], n: int) -> list[list[tuple[str, int]]]:
    """The ``n`` largest entries of each row as ``(name, count)``, ties in column (= name) order.

    Example:
        >>> top_per_row(sparse.csr_matrix([[1, 3, 3], [0, 0, 2]]), ["a", "b", "c"], 2)
        [[('b', 3), ('c', 3)], [('c', 2)]]
    """
    m = sparse.csr_matrix(counts)
    out = []
    for g in range(m.shape[0]):
        lo, hi = m.indptr[g], m.indptr[g + 1]
        data, cols = m.data[lo:hi], m.indices[lo:hi]
        keep = data > 0
        data, cols = data[keep], cols[keep]
        order = np.lexsort((cols, -data))[:n]
        out.append([(names[int(cols[i])], int(data[i])) for i in order])
    return out
