"""Industry tagging from the shipped mapping, custom mappings, and ``ipnav retag``."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from ipnav.cli import main
from ipnav.cli.retag import retag_store
from ipnav.codes import parse_code, split_codes
from ipnav.exceptions import InputFormatError
from ipnav.industries import explain_tags, industry_nodes, load_industries, tag_record, tag_records
from ipnav.records import PatentRecord

MAPPING = load_industries()
DATA = Path(__file__).resolve().parents[1] / "ipnav" / "data"


def _record(ipc: str = "", cpc: str = "", pid: str = "US1") -> PatentRecord:
    return PatentRecord(
        id=pid,
        jurisdiction=pid[:2],
        ipc=tuple(split_codes(ipc)[0]),
        cpc=tuple(split_codes(cpc, "CPC")[0]),
    )


@pytest.mark.parametrize(
    ("ipc", "cpc", "expected"),
    [
        # IPC robot control: ipnav branches + the SEI code of rule 32
        (
            "B25J9/16",
            "",
            {"robotics", "robotics.industrial", "robotics.control", "sei:2", "sei:2.1"},
        ),
        # a CPC-only refinement reaches the SEI row of the IPC subgroup it extends (B25J9/16)
        (
            "",
            "B25J9/1697",
            {"robotics", "robotics.industrial", "robotics.control", "sei:2", "sei:2.1"},
        ),
        # B25J15 (grippers) is absent from the SEI table: ipnav extension only, no SEI tag
        ("B25J15/06", "", {"robotics", "robotics.end_effectors"}),
        # B33Y is absent from the SEI table; B29C64 is SEI rule 43 (2.1); B22F10 is rule 99 (3.2)
        ("B33Y10/00", "", {"additive", "additive.processes"}),
        ("B29C64/153", "", {"additive", "additive.processes", "sei:2", "sei:2.1"}),
        ("B29C64/209", "", {"additive", "additive.equipment", "sei:2", "sei:2.1"}),
        ("B22F10/28", "", {"additive", "additive.processes", "sei:3", "sei:3.2"}),
        # pre-2017 rapid-prototyping code: ipnav extension; SEI rule 44 lists B29C67/00 (2.1)
        ("B29C67/0051", "", {"additive", "sei:2", "sei:2.1"}),
        # robots replicating humans or pets (IPC title of G06N3/008); other G06N codes are not robots
        ("G06N3/008", "", {"robotics", "robotics.intelligence", "sei:1", "sei:1.4"}),
        ("G06N3/08", "", {"sei:1", "sei:1.5"}),
        # G05D1/02 was withdrawn before IPC 2026: no SEI row, and no robot code with it
        ("G05D1/02", "", set()),
        ("G05D1/02;B62D57/032", "", {"robotics", "robotics.mobile"}),
        ("A47L11/40;G05D1/02", "", {"robotics", "robotics.mobile", "robotics.service"}),
        ("F16C19/06", "", {"equipment", "equipment.bearings", "sei:2", "sei:2.1"}),
        (
            "F16C3/02",
            "",
            {"sei:2", "sei:2.1"},
        ),  # a shaft: SEI rule 49 lists it, ipnav's bearings branch does not
        (
            "C22C27/04",
            "",
            {"materials", "materials.metallic", "sei:3", "sei:3.2"},
        ),  # molybdenum alloys
        ("", "G05B2219/40202", {"robotics", "robotics.control"}),  # CPC 2000-series indexing code
        ("", "Y10S901/02", {"robotics", "robotics.industrial"}),
        ("F16H49/00", "", {"equipment", "equipment.transmission"}),
        ("", "F16H49/001", {"equipment", "equipment.transmission"}),
        (
            "B25J17/02",
            "F16H49/001",
            {"robotics", "robotics.components", "equipment", "equipment.transmission"},
        ),
        ("B61D17/04", "", {"equipment", "equipment.rail", "sei:2", "sei:2.4"}),
        ("H01L21/00", "", set()),  # the SEI source has no H01L rows
    ],
)
def test_tag_record_on_codes(ipc: str, cpc: str, expected: set[str]) -> None:
    assert set(tag_record(_record(ipc, cpc), MAPPING)) == expected


def test_tags_are_sorted_and_include_parents() -> None:
    tags = tag_record(_record("B25J15/06;C04B35/80"), MAPPING)
    assert tags == tuple(sorted(tags))
    assert {
        "materials",
        "materials.ceramic",
        "materials.composite",
        "robotics",
        "robotics.end_effectors",
    } <= set(tags)


def test_a_main_group_pattern_does_not_match_a_longer_group_number() -> None:
    # the rule B25J1 (manipulators positioned by hand) must not fire for B25J13 (controls)
    assert "robotics.industrial" not in tag_record(_record("B25J13/02"), MAPPING)
    assert "robotics.industrial" in tag_record(_record("B25J1/02"), MAPPING)


def test_explain_tags_names_the_source_of_every_rule() -> None:
    explained = explain_tags(_record("B25J15/06;B29C64/153"), MAPPING)
    sources = {(e["industry"], e["code"], e["source"]) for e in explained}
    assert (
        "robotics.end_effectors",
        "B25J15/06",
        "ipnav extension: B25J15 has no row in the SEI table",
    ) in sources
    assert ("sei:2.1", "B29C64/153", "CNIPA-SEI-2021 rule 43") in sources
    assert all(e["source"] for e in explained)


def test_tag_records_replaces_industries() -> None:
    old = PatentRecord(id="US1", jurisdiction="US", ipc=(parse_code("B33Y80/00"),), industries=("robotics",))
    (new,) = tag_records([old], MAPPING)
    assert new.industries == ("additive", "additive.products")


def test_shipped_taxonomy() -> None:
    tax = MAPPING.taxonomy
    assert {c for c, i in tax.items() if i.parent is None and not c.startswith("sei:")} == {
        "equipment",
        "robotics",
        "materials",
        "additive",
    }
    assert {c for c in tax if c.startswith("sei:") and "." in c} >= {f"sei:2.{i}" for i in range(1, 6)} | {
        f"sei:3.{i}" for i in range(1, 8)
    }
    assert len([c for c in tax if c.startswith("sei:")]) == 9 + 40
    assert (tax["equipment.bearings"].name_zh, tax["equipment.bearings"].name_en) == (
        "轴承",
        "Bearings",
    )
    assert all(i.name_zh and i.name_en for i in tax.values())
    assert all(r.source for r in MAPPING.rules.rules)
    assert sum(r.pattern.startswith("sei-rule:") for r in MAPPING.rules.rules) == 321
    nodes = industry_nodes(MAPPING)
    position = {n["code"]: k for k, n in enumerate(nodes)}
    assert all(position[n["parent"]] < position[n["code"]] for n in nodes if n["parent"])


def _write_mapping(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mapping.csv"
    path.write_text("industry,parent,name_zh,name_en,pattern,requires,source,note\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "robots,,机器人,Robots,,,ipnav,\nrobot,,,,B25J,,WIPO field 25,\n",
            "line 3: field 'industry': 'robot' is not defined",
        ),
        (
            "robots,,机器人,Robots,,,ipnav,\nrobots,,,,B25J9/1,,WIPO field 25,\n",
            "line 3: field 'pattern'",
        ),
        ("robots,,机器人,Robots,,,ipnav,\nrobots,,,,B25J,,,\n", "line 3: field 'source'"),
        ("robots,,机器人,Robots,,,ipnav,\nrobots,,,,B25J,X99,WIPO,\n", "line 3: field 'requires'"),
        (
            "robots,,机器人,Robots,,,ipnav,\nrobots,,机器人,Robots,,,ipnav,\n",
            "line 3: industry 'robots' is defined twice",
        ),
        ("a,b,甲,A,,,ipnav,\nb,a,乙,B,,,ipnav,\n", "cycle"),
        ("a,zzz,甲,A,,,ipnav,\n", "unknown parent 'zzz'"),
        ("Robots,,机器人,Robots,,,ipnav,\n", "lower-case words"),
    ],
)
def test_bad_mappings_name_the_line(tmp_path: Path, body: str, message: str) -> None:
    path = _write_mapping(tmp_path, body)
    with pytest.raises(InputFormatError, match=message) as info:
        load_industries(path)
    assert str(path) in str(info.value)


def test_a_missing_mapping_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="industry mapping not found"):
        load_industries(tmp_path / "nope.csv")


def _edited_mapping(tmp_path: Path) -> Path:
    """The shipped mapping without the gripper rule, with comments kept."""
    text = (DATA / "industries.csv").read_text(encoding="utf-8-sig")
    lines = [
        line for line in text.splitlines(keepends=True) if not line.startswith("robotics.end_effectors,,,,B25J15,")
    ]
    assert len(lines) == len(text.splitlines()) - 1
    path = tmp_path / "industries.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_retag_after_editing_the_mapping_is_idempotent(sqlite_store, tmp_path: Path) -> None:
    records = [
        _record("B25J15/06", pid="US1"),
        _record("B25J9/16;B25J15/00", pid="US2"),
        _record("C22C27/04", pid="CN3"),
    ]
    sqlite_store.upsert_patents(tag_records(records, MAPPING))
    sqlite_store.upsert_industries(industry_nodes(MAPPING))
    assert dict(sqlite_store.facet("industry"))["robotics.end_effectors"] == 2
    edited = load_industries(_edited_mapping(tmp_path))
    first = retag_store(sqlite_store, edited)
    assert (first["patents"], first["changed"], first["untagged"]) == (3, 2, 0)
    assert first["industries"] == {"materials": 1, "robotics": 2, "sei:2": 1, "sei:3": 1}
    facet = dict(sqlite_store.facet("industry"))
    assert "robotics.end_effectors" not in facet and facet["robotics"] == 2
    assert sqlite_store.get_patent("US1").industries == ("robotics",)
    snapshot = (sqlite_store.counts(), sqlite_store.facet("industry"))
    assert retag_store(sqlite_store, edited)["changed"] == 0
    assert (sqlite_store.counts(), sqlite_store.facet("industry")) == snapshot
    assert sqlite_store.count_patents(PatentFilter_parse("industry=robotics")) == 2


def PatentFilter_parse(spec: str):
    from ipnav.store.base import PatentFilter

    return PatentFilter.parse(spec)


def test_cli_retag(sqlite_store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sqlite_store.upsert_patents([_record("B33Y10/00", pid="US1"), _record("G06N3/08", pid="US2")])
    assert main(["retag", "--store", sqlite_store.uri, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["patents"], result["changed"], result["industries"]["additive"]) == (2, 2, 1)
    assert main(["retag", "--store", sqlite_store.uri, "--mapping", str(tmp_path / "none.csv")]) == 2
    assert "industry mapping not found" in capsys.readouterr().err
    names = dict(sqlite_store.conn.execute("SELECT code, name_zh FROM industry"))
    assert names["additive.processes"] == "增材制造工艺"


@pytest.mark.shared
def test_shipped_sei_table_is_the_source_concordance(shared_data: Path) -> None:
    with (shared_data / "concordance" / "cnipa_sei2021_ipc_map.csv").open(encoding="utf-8") as fh:
        source = [(r["ipc"], r["sei_id"]) for r in csv.DictReader(fh)]
    with gzip.open(DATA / "cnipa_sei2021_ipc.csv.gz", "rt", encoding="utf-8") as fh:
        shipped = [(r["ipc"], r["sei_id"]) for r in csv.DictReader(io.StringIO(fh.read()))]
    assert shipped == source and len(shipped) == 34_598
    with (shared_data / "concordance" / "cnipa_sei2021_rules.csv").open(encoding="utf-8") as fh:
        rules = {f"sei-rule:{r['sei_id']}": f"sei:{r['industry_code']}" for r in csv.DictReader(fh)}
    assert {r.pattern: r.industry for r in MAPPING.rules.rules if r.pattern.startswith("sei-rule:")} == rules


@pytest.mark.shared
def test_tagging_the_lens_robotics_export(patents_dir: Path) -> None:
    records = []
    with gzip.open(patents_dir / "lens_robotics_physical_ai" / "pai.csv.gz", "rt", encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            records.append(
                PatentRecord(
                    id=f"X{n}",
                    jurisdiction="US",
                    title={"en": row["Title"]},
                    ipc=tuple(split_codes(row["IPCR Classifications"])[0]),
                )
            )
    tags = [set(tag_record(r, MAPPING)) for r in records]
    count = Counter(t for ts in tags for t in ts)
    with_b25j = [ts for r, ts in zip(records, tags, strict=True) if any(c.subclass == "B25J" for c in r.codes)]
    assert len(with_b25j) == 6755  # SOURCES.md: B25J on 6,755 patents (one writes only "B25J/", read as subclass B25J)
    assert all("robotics" in ts for ts in with_b25j)
    assert count["robotics.end_effectors"] == sum(any(c.symbol.startswith("B25J15/") for c in r.codes) for r in records)
    # no patent whose codes are all AI/vision codes (other than G06N3/008) is tagged robotics
    for r, ts in zip(records, tags, strict=True):
        if r.codes and all(
            c.subclass in ("G06N", "G06V", "G06K", "G06F", "G06T") and c.symbol != "G06N3/008" for c in r.codes
        ):
            assert "robotics" not in ts
    assert (
        count["robotics"],
        count["robotics.industrial"],
        count["equipment"],
        count["additive"],
    ) == (7035, 5844, 2841, 48)
