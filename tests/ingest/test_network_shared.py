"""The node tables, research workbooks and family benchmark of ../shared/data, and the whole folder.

Values from the files themselves (SOURCES.md sections 6, 9, 11). ``shared`` tests: skipped with a
reason where ../shared/data is absent; CI has it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ingest import detect_format, family, nodes
from ingest.edges import parse_edge_list
from ingest.pajek import parse_pajek, record_id
from ipnav.ingestion import ingest_paths
from ipnav.records import PatentRecord, RowError
from ipnav.store.sqlite import SqliteStore

pytestmark = pytest.mark.shared

SMPA = "smpa_li_battery_citation_net"
VR_AR = "vr_ar_citation_net_cn_research"
AM = "am_relevance_gold_bergeaud_verluise/eval_processed_additivemanufacturing.csv.gz"


def _records(rows: list) -> list[PatentRecord]:
    assert not [r for r in rows if isinstance(r, RowError)]
    return rows


def test_smpa_node_table_attaches_to_the_pajek_and_edge_list_nodes(patents_dir: Path) -> None:
    folder = patents_dir / SMPA
    assert detect_format(folder / "nodes.csv") == "nodes"
    records = _records(list(nodes.read(folder / "nodes.csv")))
    pajek = parse_pajek(folder / "pajek_original" / "citation_network_raw_pajek.net")
    edges = parse_edge_list(folder / "edges.csv.gz")
    assert len(records) == 3603
    assert [r.id for r in records] == pajek.labels  # same ids, same order (vertex numbers)
    assert set(edges.labels) == set(pajek.labels) and len(edges.arcs) == 5647
    assert {(edges.labels[u], edges.labels[v]) for u, v in edges.arcs} == {
        (pajek.labels[u], pajek.labels[v]) for u, v in pajek.arcs
    }
    assert Counter(edges.values) == Counter(pajek.values)  # raw_multiplicity = Pajek's arc value
    assert records[0].extra == {"accession_year": 2005, "pajek_vertex": 1, "weak_component_clu": 1}
    assert records[1].id == "2009R10745" and records[1].id_scheme == "label"
    years = [r.extra["accession_year"] for r in records]
    assert (min(years), max(years)) == (1974, 2010)
    assert Counter(r.extra["weak_component_clu"] for r in records) == Counter(
        int(line) for line in (folder / "pajek_original" / "citation_network_raw_pajek.clu").read_text().split()[2:]
    )


def test_vr_ar_node_table(patents_dir: Path) -> None:
    records = _records(list(nodes.read(patents_dir / VR_AR / "nodes.csv.gz")))
    assert len(records) == len({r.id for r in records}) == 23111
    assert Counter(r.extra["community_label"] for r in records) == {2: 22464, 1: 647}
    first = records[0]
    assert (first.id, str(first.publication_date), first.jurisdiction) == ("KR100726028", "2007-06-08", "KR")
    # Series-letter numbers are publication numbers too (TWI..., USD..., USRE...).
    assert Counter(r.id_scheme for r in records) == {"publication": 23111}


@pytest.fixture(scope="module")
def workbook(patents_dir: Path) -> list[PatentRecord]:
    return _records(list(nodes.read(patents_dir / VR_AR / "original_xlsx" / "AR_mid_result.xlsx")))


def test_vr_ar_workbook_rows_dates_and_duplicates(workbook: list[PatentRecord]) -> None:
    assert len(workbook) == 23917 and len({r.id for r in workbook}) == 23111  # 806 duplicate rows
    dup = [r for r in workbook if r.id == "AU2017342562"]
    assert [str(r.publication_date) for r in dup] == ["2019-05-02", "2020-10-15"]
    assert all(r.extra["publication_date_values"] == ["2019-05-02", "2020-10-15"] for r in dup)
    # The links of both rows are united: CN108897474 and US10789475 (row 1), US9432421 (row 2).
    assert all(r.cited == ("CN108897474", "US9432421") for r in dup)
    assert len({r.id for r in workbook if "publication_date_values" in r.extra}) == 795
    assert sorted({r.id for r in workbook if r.extra.get("self_link")})[:2] == ["US20050231419", "US20060105838"]
    assert len({r.id for r in workbook if r.extra.get("self_link")}) == 15


def test_vr_ar_workbook_links_against_the_derived_edge_list(patents_dir: Path, workbook: list[PatentRecord]) -> None:
    arcs = {(c, r.id) for r in workbook for c in r.cited}
    derived = parse_edge_list(patents_dir / VR_AR / "edges_oriented_by_date.csv.gz")
    keys = [record_id(label)[0] for label in derived.labels]
    theirs = {(keys[u], keys[v]) for u, v in derived.arcs}
    assert (len(arcs), len(theirs)) == (74335, 74226)
    assert len(arcs & theirs) == 73277
    # The derived file kept the last row of a duplicated number (its date and its links):
    # 949 pairs run the other way (this reader dates a number by its earliest row) and the
    # 109 links listed only on an earlier row are missing there. Every one of its links is here.
    assert len({(b, a) for a, b in arcs} & theirs) == 949
    assert len(arcs - theirs - {(b, a) for a, b in theirs}) == 109
    assert not theirs - arcs - {(b, a) for a, b in arcs}
    loose = {r.id: r.extra["unoriented_links"] for r in workbook if "unoriented_links" in r.extra}
    assert (len(loose), sum(map(len, loose.values()))) == (666, 793)  # linked ids outside the table


def test_vr_ar_label_workbook_has_no_dates(patents_dir: Path) -> None:
    path = patents_dir / VR_AR / "original_xlsx" / "label_result.xlsx"
    records = _records(list(nodes.read(path)))
    assert len(records) == 23917
    assert all(r.cited == () and r.publication_date is None for r in records)
    assert records[0].extra == {
        "label": 1,
        "unoriented_links": [
            "KR101114226",
            "KR101258961",
            "KR20160108926",
            "US10575920",
            "US20020082498",
            "WO2016144005",
        ],
    }
    assert len({r.id for r in records if "label_values" in r.extra}) == 14  # two community labels


def test_am_benchmark_family_records(patents_dir: Path) -> None:
    path = patents_dir / AM
    assert detect_format(path) == "family"
    records = _records(list(family.read(path)))
    assert len(records) == 1098 and len({r.id for r in records}) == 1097
    assert Counter(r.extra["expansion_level"] for r in records) == {
        "ANTISEED-manual": 418,
        "ANTISEED-AF": 400,
        "SEED": 280,
    }
    assert Counter(r.extra["label"] for r in records) == {0: 818, 1: 280}
    assert sum(bool(r.abstract) for r in records) == 965 and sum(not r.title and not r.abstract for r in records) == 19
    assert not any("text" in r.extra for r in records)  # text = title + abstract in every row
    first = records[0]
    assert (first.id, first.family_id, first.id_scheme) == ("FAM64980420", "64980420", "family")
    assert first.title["en"].startswith("A kind of method that selective laser fusing prepares TiAl/TC4")
    twice = [r for r in records if r.id == "FAM26940037"]
    assert [r.extra["expansion_level"] for r in twice] == ["SEED", "ANTISEED-manual"]
    assert twice[0].extra["label_values"] == [0, 1]


@pytest.mark.slow
def test_whole_shared_folder_accounts_for_every_row(patents_dir: Path, tmp_path: Path) -> None:
    """``ipnav ingest ../shared/data/patents``: no file errors, read = stored + quarantined + merged."""
    with SqliteStore(tmp_path / "ipnav.db") as store:
        first = ingest_paths([patents_dir], store, quarantine_path=tmp_path / "q.csv", progress=False)
        result = first.as_dict()
        assert result["file_errors"] == []
        assert result["read"] == result["stored"] + result["quarantined"] + result["merged_duplicates"]
        for name, tally in result["by_format"].items():
            assert tally["read"] == tally["stored"] + tally["quarantined"] + tally["merged_duplicates"], name
        by_format = result["by_format"]
        assert (by_format["nodes"]["files"], by_format["nodes"]["read"]) == (4, 3603 + 23111 + 2 * 23917)
        assert by_format["nodes"]["quarantined"] == 0
        assert (by_format["family"]["read"], by_format["family"]["merged_duplicates"]) == (1098, 1)
        # The only quarantined rows: the 15 self-citations of the derived VR/AR edge list.
        assert result["quarantined"] == 15 and all("self-citation" in r for r in result["quarantine_reasons"])
        assert result["inserted"] == result["stored"]
        node = store.get_patent("2005777716")  # Pajek vertex, edge-list end and node-table row in one
        assert node.extra["accession_year"] == 2005 and node.extra["pajek_vertex"] == 1
        assert node.extra["weak_component_clu"] == 1 and len(node.cited) == 10
        assert {p.format for p in node.provenance} == {"edges", "nodes", "pajek"}
        again = ingest_paths([patents_dir], store, quarantine_path=tmp_path / "q.csv", progress=False)
        assert (again.store.inserted, again.store.updated) == (0, 0)
        assert again.as_dict()["read"] == result["read"]
