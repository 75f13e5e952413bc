"""The Pajek toy citation networks of Batagelj (bavla/Nets ``data/Pajek/bib/cite``), transcribed.

Arcs run as in the files: from the cited to the citing work (the direction knowledge flows).
``test_toy_nets.py`` checks these transcriptions against the files themselves (``shared`` tests).
"""

from __future__ import annotations

import networkx as nx

# Test.net: 7 vertices labelled "3", "5", "12", "20", "15", "21", "22" (vertex 1..7), 9 arcs.
TEST_ARCS = [
    ("3", "5"),
    ("3", "21"),
    ("5", "12"),
    ("12", "20"),
    ("12", "15"),
    ("20", "21"),
    ("20", "22"),
    ("15", "22"),
    ("21", "22"),
]
TEST_LABELS = ["3", "5", "12", "20", "15", "21", "22"]

# TestSPLC.net: Test.net plus "s" with an arc to every vertex.
TEST_SPLC_ARCS = TEST_ARCS + [("s", v) for v in TEST_LABELS]

# TestSPNP.net: TestSPLC.net plus an arc from every vertex to "t".
TEST_SPNP_ARCS = TEST_SPLC_ARCS + [(v, "t") for v in TEST_LABELS]

# CiteTest.net: 10 vertices A..J, 19 arcs (written "J H" = J is cited by H).
CITE_ARCS = [
    ("J", "H"),
    ("J", "G"),
    ("I", "H"),
    ("I", "F"),
    ("I", "E"),
    ("H", "F"),
    ("H", "E"),
    ("G", "F"),
    ("G", "B"),
    ("G", "C"),
    ("F", "D"),
    ("F", "B"),
    ("F", "C"),
    ("E", "C"),
    ("E", "A"),
    ("D", "B"),
    ("D", "A"),
    ("C", "B"),
    ("B", "A"),
]


def graph(arcs: list[tuple[str, str]]) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_edges_from(arcs, value=1.0)
    return G
