"""One network in three files (Pajek, converted edge list, node table) meets on the same nodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import detect_format
from ingest.edges import parse_edge_list
from ingest.pajek import parse_pajek, record_id
from ipnav.ingestion import ingest_paths

PAJEK = """*Vertices 4
1 "2005777716" 0.0 0.0 0.0
2 "2009R10745" 0.0 0.0 0.0
3 "SMALL H" 0.0 0.0 0.0
4 "SMALL H" 0.0 0.0 0.0
*Arcs
1 2 1
3 4 2
1 3 1
"""
# As the sMPA edges.csv.gz was made from its Pajek file: vertex numbers and labels.
EDGES = """source,target,source_dwpi,target_dwpi,raw_multiplicity
1,2,2005777716,2009R10745,1
3,4,SMALL H,SMALL H,2
1,3,2005777716,SMALL H,1
"""
NODES = """node,dwpi_accession,accession_year,weak_component_clu
1,2005777716,2005,1
2,2009R10745,2009,1
3,SMALL H,1999,2
4,SMALL H,2001,2
"""


@pytest.fixture()
def network(tmp_path: Path) -> Path:
    folder = tmp_path / "net"
    (folder / "pajek_original").mkdir(parents=True)
    (folder / "pajek_original" / "raw.net").write_text(PAJEK, encoding="utf-8")
    (folder / "edges.csv").write_text(EDGES, encoding="utf-8")
    (folder / "nodes.csv").write_text(NODES, encoding="utf-8")
    return folder


def test_edge_list_with_vertex_numbers_is_named_by_its_labels(network: Path) -> None:
    edges = parse_edge_list(network / "edges.csv")
    pajek = parse_pajek(network / "pajek_original" / "raw.net")
    assert edges.columns == ("source_dwpi", "target_dwpi")
    assert edges.labels == ["2005777716", "2009R10745", "SMALL H [3]", "SMALL H [4]"] == pajek.labels
    assert edges.vertices == ["1", "2", "3", "4"]
    arcs = {(edges.labels[u], edges.labels[v]) for u, v in edges.arcs}
    assert arcs == {(pajek.labels[u], pajek.labels[v]) for u, v in pajek.arcs}
    assert edges.values == [1.0, 2.0, 1.0] and edges.errors == []


def test_the_three_files_attach_to_the_same_store_nodes(network: Path, sqlite_store) -> None:
    assert [detect_format(p) for p in (network / "edges.csv", network / "nodes.csv")] == ["edges", "nodes"]
    summary = ingest_paths([network], sqlite_store, progress=False).as_dict()
    assert {k: summary["by_format"][k]["read"] for k in ("edges", "nodes", "pajek")} == {
        "edges": 4,
        "nodes": 4,
        "pajek": 4,
    }
    assert (summary["read"], summary["stored"], summary["merged_duplicates"], summary["quarantined"]) == (12, 4, 8, 0)
    assert summary["file_errors"] == []
    node = sqlite_store.get_patent("SMALL H [4]")
    assert node.cited == ("SMALL H [3]",)
    assert node.extra == {
        "accession_year": 2001,
        "label": "SMALL H",
        "pajek_vertex": 4,
        "weak_component_clu": 2,
        "x": 0.0,
        "y": 0.0,
    }
    assert sorted(sqlite_store.iter_citations()) == [
        ("2009R10745", "2005777716"),
        ("SMALL H [3]", "2005777716"),
        ("SMALL H [4]", "SMALL H [3]"),
    ]


@pytest.mark.parametrize(
    "header, columns",
    [
        ("source,target,source_dwpi,target_dwpi", ("source_dwpi", "target_dwpi")),
        ("cited,citing,cited_date,citing_date", ("cited", "citing")),  # dates do not name nodes
        ("source,target,source_a,target_a,source_b,target_b", ("source", "target")),  # ambiguous: as written
        ("source,target,source_label", ("source", "target")),  # no partner column
    ],
)
def test_which_pair_names_the_nodes(tmp_path: Path, header: str, columns: tuple[str, str]) -> None:
    path = tmp_path / "e.csv"
    width = len(header.split(","))
    path.write_text(f"{header}\n" + ",".join(["1", "2", "2020-01-01", "2021-01-01", "x", "y"][:width]) + "\n")
    assert parse_edge_list(path).columns == columns


def test_mapping_can_name_the_vertex_columns(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("a,b,na,nb\n1,2,X,X\n")
    edges = parse_edge_list(path, mapping={"cited": "na", "citing": "nb", "cited_vertex": "a", "citing_vertex": "b"})
    assert edges.labels == ["X [1]", "X [2]"] and edges.arcs == [(0, 1)]


@pytest.mark.parametrize(
    "label, expected",
    [
        ("TWI278772", ("TWI278772", "publication", "TW")),
        ("USD956751", ("USD956751", "publication", "US")),
        ("USRE45031", ("USRE45031", "publication", "US")),
        ("JPWO2014119097", ("JPWO2014119097", "publication", "JP")),
        ("US10535192B2", ("US10535192", "publication", "US")),
        ("2009R10745", ("2009R10745", "label", None)),
        ("SMALL H [3]", ("SMALL H [3]", "label", None)),
        ("Ding Y", ("Ding Y", "label", None)),
    ],
)
def test_record_id_of_series_letter_numbers(label: str, expected: tuple[str, str, str | None]) -> None:
    assert record_id(label)[:3] == expected
