"""Sparse counting per group (labels and facts of every merge-tree node): values by hand."""

from __future__ import annotations

from scipy import sparse

from ipnav.landscape.counts import group_matrix, incidence, top_per_row


def test_group_matrix_marks_rows_of_nested_groups():
    m = group_matrix([[0, 1], [2], [0, 1, 2]], 4)
    assert m.toarray().tolist() == [[1, 1, 0, 0], [0, 0, 1, 0], [1, 1, 1, 0]]


def test_incidence_counts_a_value_once_per_row_and_skips_blanks():
    m, names = incidence([["ACME", "ACME", "Beta"], ["", None], ["Beta"]])
    assert names == ["ACME", "Beta"]
    assert m.toarray().tolist() == [[1, 1], [0, 0], [0, 1]]


def test_top_per_row_breaks_ties_alphabetically_and_drops_zeros():
    m, names = incidence([["b", "a"], ["c"], ["a", "c"], ["b"]])
    counts = group_matrix([[0, 1, 2, 3], [1], [3]], 4) @ m
    # group 0: a 2, b 2, c 2 -> alphabetical; group 1: c 1; group 2: b 1
    assert top_per_row(counts, names, 2) == [[("a", 2), ("b", 2)], [("c", 1)], [("b", 1)]]
    assert top_per_row(sparse.csr_matrix((1, 3)), names, 2) == [[]]
