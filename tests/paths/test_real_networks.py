"""Main paths on the real citation networks in ../shared/data (``shared`` tests).

External references:

* sMPA (Chen et al. 2022, J. Informetrics 16:101281) published Pajek's own output for the
  battery network in ``awesome-patent-mining/sMPA-documentation`` (commit cb61d23):
  ``experimental_data/pajek_main_path_raw_net.net`` is Pajek's "Standard Global Main Path"
  (23 vertices, 22 arcs, arc values = Pajek's normalised SPLC) and
  ``citation_network_spc_pajek.net`` holds Pajek's normalised SPC of every arc. The values
  below are copied from those files. The paper's "standard global main path of 22 patents" is
  this path less 1999193225 (``pajek_main_path_reomve_22_node.net`` in the same folder).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ingest.pajek import parse_pajek
from ipnav.paths import ArcIndex, traversal_counts
from ipnav.paths.pipeline import load_network, run_main_path
from tests.paths.toy_nets import CITE_ARCS, TEST_ARCS, TEST_SPLC_ARCS, TEST_SPNP_ARCS

pytestmark = pytest.mark.shared

# Pajek's Standard Global Main Path of the sMPA network, arcs with Pajek's normalised SPLC.
PAJEK_GLOBAL_MAIN_PATH = [
    ("1982A0535J", "1984165788", 0.051845823),
    ("1982A3601J", "1984165788", 0.051845823),
    ("2004238335", "2005495929", 0.101260084),
    ("1995044692", "1997254522", 0.144966360),
    ("1998507027", "1998600272", 0.067321265),
    ("1984165788", "1995105768", 0.042408069),
    ("1999193226", "2000372173", 0.072122567),
    ("2000372173", "2004238335", 0.132241878),
    ("1999196071", "1999193225", 0.014342088),
    ("2005495929", "2009K62394", 0.070391626),
    ("1995105768", "1995044692", 0.070607993),
    ("1997254522", "1998507027", 0.098478214),
    ("1998600272", "1999196071", 0.033176381),
    ("1999193225", "1999193226", 0.031517562),
    ("2009K62394", "2009K61705", 0.008881379),
    ("2009K62394", "2009K61709", 0.008881379),
    ("2009K62394", "2009K61501", 0.008881379),
    ("2009K62394", "2009K61707", 0.008881379),
    ("2009K62394", "2009K61708", 0.008881379),
    ("2009K62394", "2009S48489", 0.008881379),
    ("2009K62394", "2010B38747", 0.008881379),
    ("2009K62394", "2009K66809", 0.008881379),
]
# Pajek normalised SPC of some arcs (Pajek vertex numbers) in citation_network_spc_pajek.net.
PAJEK_SPC = [
    (447, 2190, 0.017460317),
    (511, 3092, 0.029659354),
    (347, 3093, 0.016729089),
    (305, 2900, 0.004922418),
    (462, 3214, 0.00114143),
    (521, 2148, 0.001658641),
]


@pytest.fixture(scope="module")
def smpa(patents_dir: Path):
    path = (
        patents_dir
        / "smpa_li_battery_citation_net"
        / "pajek_original"
        / "citation_network_raw_pajek.net"
    )
    G, info = load_network(path)
    return path, G, info


def test_toy_files_match_the_transcriptions(patents_dir: Path) -> None:
    folder = patents_dir / "pajek_citation_test_nets"
    for name, arcs in (
        ("Test.net", TEST_ARCS),
        ("TestSPLC.net", TEST_SPLC_ARCS),
        ("TestSPNP.net", TEST_SPNP_ARCS),
        ("CiteTest.net", CITE_ARCS),
    ):
        G, info = load_network(folder / name)
        assert set(G.edges()) == set(arcs), name
        assert info["bad_lines"] == []


def test_smpa_global_main_path_is_pajeks(smpa) -> None:
    _, G, info = smpa
    assert (info["vertices"], info["arcs"]) == (3603, 5647)
    pajek_arcs = {(u, v) for u, v, _ in PAJEK_GLOBAL_MAIN_PATH}
    for weight in ("spc", "splc"):
        _, out = run_main_path(G, weight=weight)
        assert {(a["source"], a["target"]) for a in out["arcs"]} == pajek_arcs, weight
        # 23 patents: 2 tied sources, a chain of 13, 8 tied sinks; each path has 15 patents.
        assert (out["n_nodes"], out["n_arcs"], out["n_paths"]) == (23, 22, 16)
    _, out = run_main_path(G, weight="spc")
    assert out["total_weight"] == 59487
    assert out["totals"] == {"spc": 56070, "splc": 95786, "spnp": 145875}
    assert out["network"] == {
        "vertices": 3603,
        "arcs": 5647,
        "sources": 1248,
        "sinks": 1270,
        "isolated": 0,
    }


def test_smpa_weights_match_pajek(smpa) -> None:
    path, G, _ = smpa
    dag, _ = run_main_path(G, weight="spc")
    # Pajek normalises SPC by the 56,070 source-sink paths, exactly as ipnav does.
    labels = parse_pajek(path).labels
    for u, v, value in PAJEK_SPC:
        assert dag[labels[u - 1]][labels[v - 1]]["spc_norm"] == pytest.approx(value, abs=1e-9)
    # Pajek's SPLC is ipnav's raw SPLC over 97,057 (Pajek also counts paths without arcs).
    for u, v, value in PAJEK_GLOBAL_MAIN_PATH:
        assert dag[u][v]["splc"] / 97057 == pytest.approx(value, abs=1e-9)


def test_smpa_other_searches(smpa) -> None:
    _, G, _ = smpa
    sizes = {}
    for method in ("forward", "backward", "key-route", "multiple"):
        _, out = run_main_path(G, weight="spc", method=method, k=10, n=3)
        sizes[method] = (out["n_nodes"], out["n_arcs"])
    assert sizes == {
        "forward": (17, 17),
        "backward": (19, 20),
        "key-route": (77, 78),
        "multiple": (17, 16),
    }


def test_vr_ar_network(patents_dir: Path) -> None:
    path = patents_dir / "vr_ar_citation_net_cn_research" / "edges_oriented_by_date.csv.gz"
    G, info = load_network(path)
    # 74,241 pairs; 15 self-citations reported and removed; 23,077 linked publications.
    assert (info["vertices"], info["arcs"], len(info["bad_lines"])) == (23077, 74226, 15)
    assert all("self-citation" in line for line in info["bad_lines"])
    dag, out = run_main_path(G, weight="spc")
    assert (out["n_nodes"], out["n_arcs"], out["n_paths"]) == (29, 28, 1)
    assert out["total_weight"] == 1159814675
    assert out["nodes"][0] == "US5412569" and out["nodes"][-1] == "US11474359"
    assert out["totals"] == {"spc": 473310931, "splc": 952914422, "spnp": 1474044758}
    index = ArcIndex.from_graph(dag)
    for method in ("spc", "splc", "spnp"):
        fast, exact = traversal_counts(index, method), traversal_counts(index, method, exact=True)
        assert fast.raw.tolist() == exact.raw.tolist()


def test_smagri_cycles_and_main_path(patents_dir: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(patents_dir / "pajek_citation_test_nets" / "SmaGri.zip") as archive:
        archive.extract("SmaGri.net", tmp_path)
    G, info = load_network(tmp_path / "SmaGri.net")
    assert info["bad_lines"] == ["line 1277: self-loop 311 -> 311 (a work citing itself) removed"]
    _, out = run_main_path(G, weight="spc")
    # Two mutual-citation pairs are condensed: 1,059 - 2 vertices.
    assert out["cycles"]["cyclic_components"] == [
        ["BAYER AE [565]", "MCCAIN KW [564]"],
        ["CALLON M [263]", "LAW J [264]"],
    ]
    assert out["network"]["vertices"] == 1057
    assert (out["n_nodes"], out["n_paths"]) == (24, 1)
    assert out["nodes"][0] == "SMALL H [1]" and out["nodes"][-1] == "Ding Y [1003]"


def test_smpa_through_the_store(smpa, tmp_path: Path) -> None:
    """Ingest the Pajek file (one record per vertex, cited = predecessors) and run on the store."""
    from ipnav.ingestion import ingest_paths
    from ipnav.paths.pipeline import network_from_store
    from ipnav.store.sqlite import SqliteStore

    path, _, _ = smpa
    with SqliteStore(tmp_path / "ipnav.db") as store:
        summary = ingest_paths([path], store, quarantine_path=tmp_path / "q.csv", progress=False)
        assert (summary.total("read"), summary.total("stored"), summary.total("quarantined")) == (3603, 3603, 0)
        G = network_from_store(store)
    _, out = run_main_path(G, weight="spc")
    assert {(a["source"], a["target"]) for a in out["arcs"]} == {(u, v) for u, v, _ in PAJEK_GLOBAL_MAIN_PATH}
    assert out["network"]["arcs"] == 5647
