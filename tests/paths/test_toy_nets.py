"""Exact SPC / SPLC / SPNP weights and main paths on Batagelj's toy networks, worked out by hand.

Notation: N⁻(v) counts the paths that end in v, N⁺(v) the paths that start in v; the weight of
arc (u, v) is N⁻(u) · N⁺(v). SPC: N⁻ = 1 at sources, else Σ N⁻(pred); N⁺ = 1 at sinks, else
Σ N⁺(succ). SPLC: N⁻(v) = 1 + Σ N⁻(pred) (a path may start anywhere). SPNP: also
N⁺(v) = 1 + Σ N⁺(succ) (a path may end anywhere).
"""

from __future__ import annotations

import pytest

from ipnav.paths import (
    global_main_path,
    key_route_main_path,
    local_main_path,
    multiple_main_paths,
    set_traversal_weights,
    traversal_weights,
)
from tests.paths.toy_nets import CITE_ARCS, TEST_ARCS, TEST_SPLC_ARCS, TEST_SPNP_ARCS, graph

# ---------------------------------------------------------------------------------------------
# Test.net (vertices by label; one source "3", one sink "22")
#
#   SPC  N⁻: 3:1  5:1  12:1  20:1  15:1  21: N⁻(3)+N⁻(20) = 2  22: N⁻(20)+N⁻(15)+N⁻(21) = 4
#        N⁺: 22:1  21:1  15:1  20: N⁺(21)+N⁺(22) = 2  12: N⁺(20)+N⁺(15) = 3  5:3
#            3: N⁺(5)+N⁺(21) = 4
#        4 source-sink paths: 3-5-12-20-21-22, 3-5-12-20-22, 3-5-12-15-22, 3-21-22.
#   SPLC N⁻: 3:1  5:2  12:3  20:4  15:4  21: 1+1+4 = 6  22: 1+4+4+6 = 15;  N⁺ as SPC.
#        e.g. 21->22 = 6·1: the paths into 21 start at 21, 3, 20, 12, 5 or 3 (via 5-12-20).
#   SPNP N⁻ as SPLC;  N⁺: 22:1  21:2  15:2  20: 1+2+1 = 4  12: 1+4+2 = 7  5:8  3: 1+8+2 = 11.
# fmt: off
TEST_WEIGHTS = {
    #              SPC       SPLC       SPNP
    ("3", "5"):   (1 * 3,    1 * 3,     1 * 8),
    ("3", "21"):  (1 * 1,    1 * 1,     1 * 2),
    ("5", "12"):  (1 * 3,    2 * 3,     2 * 7),
    ("12", "20"): (1 * 2,    3 * 2,     3 * 4),
    ("12", "15"): (1 * 1,    3 * 1,     3 * 2),
    ("20", "21"): (1 * 1,    4 * 1,     4 * 2),
    ("20", "22"): (1 * 1,    4 * 1,     4 * 1),
    ("15", "22"): (1 * 1,    4 * 1,     4 * 1),
    ("21", "22"): (2 * 1,    6 * 1,     6 * 1),
}
# fmt: on
# Counted paths with at least one arc: SPC 4 (above); SPLC: paths ending in 22 = N⁻(22) - 1 = 14;
# SPNP: Σ_v (N⁻(v) - 1) = 0+1+2+3+3+5+14 = 28.
TEST_TOTALS = {"spc": 4, "splc": 14, "spnp": 28}


@pytest.mark.parametrize("column, method", [(0, "spc"), (1, "splc"), (2, "spnp")])
def test_test_net_weights_by_hand(column: int, method: str) -> None:
    got = traversal_weights(graph(TEST_ARCS), method)
    assert got == {arc: w[column] for arc, w in TEST_WEIGHTS.items()}


def test_test_net_totals_and_normalisation() -> None:
    G = graph(TEST_ARCS)
    counts = set_traversal_weights(G)
    assert {m: c.total for m, c in counts.items()} == TEST_TOTALS
    assert all(c.exact for c in counts.values())
    assert G["3"]["5"]["spc_norm"] == pytest.approx(3 / 4)
    assert G["5"]["12"]["splc_norm"] == pytest.approx(6 / 14)
    assert G["5"]["12"]["spnp_norm"] == pytest.approx(14 / 28)


def test_splc_and_spnp_are_not_spc_scaled() -> None:
    got = {m: traversal_weights(graph(TEST_ARCS), m) for m in ("spc", "splc", "spnp")}
    ratios_splc = {got["splc"][a] / got["spc"][a] for a in TEST_ARCS}
    ratios_spnp = {got["spnp"][a] / got["spc"][a] for a in TEST_ARCS}
    assert len(ratios_splc) > 1 and len(ratios_spnp) > 1


# TestSPLC.net adds "s" -> every vertex, so SPC there is SPLC of Test.net (Batagelj 2003).
# The s-arcs: SPC(s, v) = 1 · N⁺(v) = 4, 3, 3, 2, 1, 1, 1 for 3, 5, 12, 20, 15, 21, 22.
# TestSPNP.net also adds every vertex -> "t": SPC there is SPNP of Test.net; s-arcs carry the
# SPNP N⁺ (11, 8, 7, 4, 2, 2, 1), t-arcs the SPLC N⁻ (1, 2, 3, 4, 4, 6, 15).
def test_spc_on_augmented_networks_equals_splc_and_spnp() -> None:
    splc = traversal_weights(graph(TEST_SPLC_ARCS), "spc")
    assert {a: splc[a] for a in TEST_ARCS} == {a: w[1] for a, w in TEST_WEIGHTS.items()}
    assert [splc[("s", v)] for v in ("3", "5", "12", "20", "15", "21", "22")] == [
        4,
        3,
        3,
        2,
        1,
        1,
        1,
    ]
    spnp = traversal_weights(graph(TEST_SPNP_ARCS), "spc")
    assert {a: spnp[a] for a in TEST_ARCS} == {a: w[2] for a, w in TEST_WEIGHTS.items()}
    assert [spnp[("s", v)] for v in ("3", "5", "12", "20", "15", "21", "22")] == [
        11,
        8,
        7,
        4,
        2,
        2,
        1,
    ]
    assert [spnp[(v, "t")] for v in ("3", "5", "12", "20", "15", "21", "22")] == [
        1,
        2,
        3,
        4,
        4,
        6,
        15,
    ]


# Main paths on Test.net.
#   Global, SPC: path sums 3+3+2+1+2 = 11 (via 20-21), 3+3+2+1 = 9, 3+3+1+1 = 8, 1+2 = 3 -> 11.
#   Global, SPLC: 3+6+6+4+6 = 25 beats 19, 16, 7; SPNP: 8+14+12+8+6 = 48 beats 38, 32, 8.
#   Local forward, SPC: from 3 take 3->5 (3 > 1), 5->12, 12->20 (2 > 1), at 20 the arcs to 21 and
#   22 tie (1 = 1): both kept, then 21->22.
#   Local backward, SPC: into 22 take 21->22 (2 > 1, 1); into 21 the arcs from 3 and 20 tie (1):
#   both; then 12->20, 5->12, 3->5.
#   Local forward, SPNP: 3->5 (8 > 2), 5->12, 12->20 (12 > 6), 20->21 (8 > 4), 21->22: no tie.
GLOBAL_TEST = [("3", "5"), ("5", "12"), ("12", "20"), ("20", "21"), ("21", "22")]


@pytest.mark.parametrize("weight, total", [("spc", 11), ("splc", 25), ("spnp", 48)])
def test_test_net_global_main_path(weight: str, total: int) -> None:
    G = graph(TEST_ARCS)
    set_traversal_weights(G)
    path = global_main_path(G, weight)
    assert [(u, v) for u, v, _ in path.arcs] == GLOBAL_TEST
    assert path.nodes == ["3", "5", "12", "20", "21", "22"]
    assert path.total_weight == total
    assert path.n_paths == 1


def test_test_net_local_paths_keep_ties() -> None:
    G = graph(TEST_ARCS)
    set_traversal_weights(G)
    forward = local_main_path(G, "spc", direction="forward")
    assert {(u, v) for u, v, _ in forward.arcs} == {
        ("3", "5"),
        ("5", "12"),
        ("12", "20"),
        ("20", "21"),
        ("20", "22"),
        ("21", "22"),
    }
    assert forward.n_paths == 2
    backward = local_main_path(G, "spc", direction="backward")
    assert {(u, v) for u, v, _ in backward.arcs} == {
        ("21", "22"),
        ("3", "21"),
        ("20", "21"),
        ("12", "20"),
        ("5", "12"),
        ("3", "5"),
    }
    spnp = local_main_path(G, "spnp", direction="forward")
    assert [(u, v) for u, v, _ in spnp.arcs] == GLOBAL_TEST


# ---------------------------------------------------------------------------------------------
# CiteTest.net. Sources I, J; sink A. Topological order J, I, H, G, F, E, D, C, B, A.
#   SPC N⁻: J1 I1 H2 G1 F=I+H+G=4 E=I+H=3 D=F=4 C=G+F+E=8 B=G+F+D+C=17 A=E+D+B=24
#       N⁺: A1 B1 C1 D=B+A=2 E=C+A=2 F=D+B+C=4 G=F+B+C=6 H=F+E=6 I=H+F+E=12 J=H+G=12
#   24 source-sink paths (N⁻(A) = N⁺(I) + N⁺(J)); flow is conserved at every vertex, e.g.
#   F: in 4+8+4 = out 8+4+4 = 16.
CITE_SPC = {
    ("J", "H"): 1 * 6,
    ("J", "G"): 1 * 6,
    ("I", "H"): 1 * 6,
    ("I", "F"): 1 * 4,
    ("I", "E"): 1 * 2,
    ("H", "F"): 2 * 4,
    ("H", "E"): 2 * 2,
    ("G", "F"): 1 * 4,
    ("G", "B"): 1 * 1,
    ("G", "C"): 1 * 1,
    ("F", "D"): 4 * 2,
    ("F", "B"): 4 * 1,
    ("F", "C"): 4 * 1,
    ("E", "C"): 3 * 1,
    ("E", "A"): 3 * 1,
    ("D", "B"): 4 * 1,
    ("D", "A"): 4 * 1,
    ("C", "B"): 8 * 1,
    ("B", "A"): 17 * 1,
}
#   SPLC N⁻ = 1 + Σ pred: J1 I1 H3 G2 F=1+1+3+2=7 E=1+1+3=5 D=8 C=1+2+7+5=15 B=1+2+7+8+15=33
#        A=1+5+8+33=47; N⁺ as SPC.
CITE_SPLC = {
    ("J", "H"): 1 * 6,
    ("J", "G"): 1 * 6,
    ("I", "H"): 1 * 6,
    ("I", "F"): 1 * 4,
    ("I", "E"): 1 * 2,
    ("H", "F"): 3 * 4,
    ("H", "E"): 3 * 2,
    ("G", "F"): 2 * 4,
    ("G", "B"): 2 * 1,
    ("G", "C"): 2 * 1,
    ("F", "D"): 7 * 2,
    ("F", "B"): 7 * 1,
    ("F", "C"): 7 * 1,
    ("E", "C"): 5 * 1,
    ("E", "A"): 5 * 1,
    ("D", "B"): 8 * 1,
    ("D", "A"): 8 * 1,
    ("C", "B"): 15 * 1,
    ("B", "A"): 33 * 1,
}
#   SPNP N⁻ as SPLC; N⁺ = 1 + Σ succ: A1 B2 C3 D=1+2+1=4 E=1+3+1=5 F=1+4+2+3=10 G=1+10+2+3=16
#        H=1+10+5=16 I=1+16+10+5=32 J=1+16+16=33.
CITE_SPNP = {
    ("J", "H"): 1 * 16,
    ("J", "G"): 1 * 16,
    ("I", "H"): 1 * 16,
    ("I", "F"): 1 * 10,
    ("I", "E"): 1 * 5,
    ("H", "F"): 3 * 10,
    ("H", "E"): 3 * 5,
    ("G", "F"): 2 * 10,
    ("G", "B"): 2 * 2,
    ("G", "C"): 2 * 3,
    ("F", "D"): 7 * 4,
    ("F", "B"): 7 * 2,
    ("F", "C"): 7 * 3,
    ("E", "C"): 5 * 3,
    ("E", "A"): 5 * 1,
    ("D", "B"): 8 * 2,
    ("D", "A"): 8 * 1,
    ("C", "B"): 15 * 2,
    ("B", "A"): 33 * 1,
}


@pytest.mark.parametrize(
    "method, expected", [("spc", CITE_SPC), ("splc", CITE_SPLC), ("spnp", CITE_SPNP)]
)
def test_citetest_weights_by_hand(method: str, expected: dict) -> None:
    assert traversal_weights(graph(CITE_ARCS), method) == expected


def test_citetest_totals() -> None:
    counts = set_traversal_weights(graph(CITE_ARCS))
    # SPC: 24 source-sink paths. SPLC: N⁻(A) - 1 = 46. SPNP: Σ (N⁻ - 1) = 0+0+2+1+6+4+7+14+32+46.
    assert {m: c.total for m, c in counts.items()} == {"spc": 24, "splc": 46, "spnp": 112}


# Global SPC main path. F(v) = heaviest weight from a source: H = 6 (from J or I, tie), G = 6,
# F = max(I 0+4, H 6+8, G 6+4) = 14, E = max(2, 6+4) = 10, D = 14+8 = 22,
# C = max(6+1, 14+4, 10+3) = 18,
# B = max(6+1, 14+4, 22+4, 18+8) = 26 (D and C tie), A = max(10+3, 22+4, 26+17) = 43.
# Back from A: B->A; into B both D->B and C->B; F->D, F->C; H->F; J->H and I->H.
# 2 sources x 2 branches = 4 tied paths of weight 43 (e.g. J-H-F-D-B-A = 6+8+8+4+17).
CITE_GLOBAL = {
    ("J", "H"),
    ("I", "H"),
    ("H", "F"),
    ("F", "D"),
    ("F", "C"),
    ("D", "B"),
    ("C", "B"),
    ("B", "A"),
}
# Local forward SPC: arcs leaving the sources: J->H 6, J->G 6, I->H 6, I->F 4, I->E 2 -> three
# tie at 6. H: H->F (8 > 4). G: G->F (4 > 1, 1). F: F->D (8 > 4, 4). D: D->B and D->A tie (4).
# B: B->A.
CITE_FORWARD = {
    ("J", "H"),
    ("J", "G"),
    ("I", "H"),
    ("H", "F"),
    ("G", "F"),
    ("F", "D"),
    ("D", "B"),
    ("D", "A"),
    ("B", "A"),
}
# Local backward SPC: into A: B->A (17 > 4, 3). Into B: C->B (8 > 4, 4, 1). Into C: F->C
# (4 > 3, 1). Into F: H->F (8 > 4, 4). Into H: J->H and I->H tie (6).
CITE_BACKWARD = {("B", "A"), ("C", "B"), ("F", "C"), ("H", "F"), ("J", "H"), ("I", "H")}
# Key-route, k = 2: the 2nd heaviest weight is 8, shared by H->F, F->D, C->B, so the key routes
# are B->A, H->F, F->D, C->B. Local extension: backward from B: C->B, F->C, H->F, J->H, I->H;
# from H: J->H, I->H; from F: H->F; from C: F->C. Forward from F: F->D; from D: D->B, D->A
# (tie 4); from B: B->A. Union: 9 arcs.
CITE_KEY_ROUTE_2 = {
    ("J", "H"),
    ("I", "H"),
    ("H", "F"),
    ("F", "C"),
    ("F", "D"),
    ("C", "B"),
    ("D", "B"),
    ("D", "A"),
    ("B", "A"),
}


def test_citetest_main_paths() -> None:
    G = graph(CITE_ARCS)
    set_traversal_weights(G)
    glob = global_main_path(G, "spc")
    assert {(u, v) for u, v, _ in glob.arcs} == CITE_GLOBAL
    assert (glob.total_weight, glob.n_paths) == (43, 4)
    assert glob.nodes[-1] == "A" and set(glob.nodes[:2]) == {"I", "J"}
    assert {(u, v) for u, v, _ in local_main_path(G, "spc").arcs} == CITE_FORWARD
    assert {
        (u, v) for u, v, _ in local_main_path(G, "spc", direction="backward").arcs
    } == CITE_BACKWARD
    kr = key_route_main_path(G, "spc", k=2)
    assert {(u, v) for u, v, _ in kr.arcs} == CITE_KEY_ROUTE_2
    assert kr.params["key_routes"] == 4
    # k = 1: the key route B->A extended backward is exactly the backward local path.
    assert {(u, v) for u, v, _ in key_route_main_path(G, "spc", k=1).arcs} == CITE_BACKWARD


def test_citetest_key_route_global_extension() -> None:
    # Global extension follows heaviest paths: from D only D->B (D-B-A = 4+17 = 21 > D-A = 4),
    # so D->A of the local extension drops out.
    G = graph(CITE_ARCS)
    set_traversal_weights(G)
    kr = key_route_main_path(G, "spc", k=2, search="global")
    assert {(u, v) for u, v, _ in kr.arcs} == CITE_KEY_ROUTE_2 - {("D", "A")}


def test_citetest_multiple_main_paths_ranked() -> None:
    # The four 43-paths tie; next come the two paths through G: J-G-F-D-B-A = 6+4+8+4+17 = 39 and
    # J-G-F-C-B-A = 6+4+4+8+17 = 39; then J-H-E-C-B-A = I-H-E-C-B-A = 6+4+3+8+17 = 38.
    G = graph(CITE_ARCS)
    set_traversal_weights(G)
    best = multiple_main_paths(G, "spc", n=8)
    assert [w for _, w in best.paths] == [43, 43, 43, 43, 39, 39, 38, 38]
    assert {tuple(p) for p, w in best.paths if w == 39} == {
        ("J", "G", "F", "D", "B", "A"),
        ("J", "G", "F", "C", "B", "A"),
    }
    assert best.total_weight == 43
