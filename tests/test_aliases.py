"""Fuzzy alias grouping, the reviewable alias table, and applying it to a store."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from ipnav.alias_table import (
    alias_mapping,
    apply_aliases,
    read_alias_table,
    suggest_aliases,
    variants_from_records,
    variants_from_store,
    write_alias_table,
)
from ipnav.aliases import AliasRow, Variant, group_variants, pair_score
from ipnav.applicants import classify_party, normalize_name
from ipnav.cli import main
from ipnav.exceptions import ConfigError, InputFormatError
from ipnav.records import Party, PatentRecord


@pytest.mark.parametrize(
    ("a", "b", "score", "reason_part"),
    [
        ("KAERCHER ALFRED", "ALFRED KAERCHER", 100.0, "reordered"),
        ("UBTECH ROBOTICS", "UB TECH ROBOTICS", 100.0, "spacing"),
        ("XDEV", "X DEV", 85.0, "short name"),  # below the default threshold of 90: not suggested
        ("UNIV KING FAHD PET MINERALS", "UNIV KING FAHD PETROLEUM MINERALS", 98.0, "PET/PETROLEUM"),
        ("BOSTON DYNAMICS", "BOSTYON DYNAMICS", 96.2, "spelling"),
        ("QUALCOMM", "QUALCOMM TECH", 94.0, "generic"),
        ("SAMSUNG ELECTRONICS", "SAMSUNG SDI", 0.0, "ELECTRONICS, SDI"),
        ("SAMSUNG ELECTRONICS", "SAMSUNG ELECTRO MECHANICS", 0.0, "MECHANICS"),
        ("TOYOTA MOTOR", "TOYOTA RES INST", 0.0, "distinctive"),
        ("STRONG FORCE TX PORTFOLIO 2018", "STRONG FORCE TX PORTFOLIO 2019", 0.0, "numbers"),
        ("UNIV WUHAN TECH", "UNIV WUHAN", 0.0, "TECH"),
        ("INTEL", "INTELLIGENT", 0.0, "one-word"),
        ("TOYOTA", "TOYODA", 0.0, "no word in common"),
        ("温州浙视传媒", "浙视传媒温州", 100.0, "reordered"),
        ("中国电子科技集团第四十八研究所", "中国电子科技集团第二十八研究所", 0.0, "numbers"),
        ("通用电气", "GEN ELECTRIC", 0.0, "scripts"),
    ],
)
def test_pair_score(a: str, b: str, score: float, reason_part: str) -> None:
    got, reason = pair_score(a, b)
    assert got == score
    assert reason_part in reason


def test_pair_score_guards_on_kind_country_and_persons() -> None:
    assert pair_score(Variant("ACME ROBOTICS", kind="company"), Variant("ACME ROBOTIC", kind="university"))[0] == 0
    assert pair_score(Variant("ACME ROBOTICS", country="US"), Variant("ACME ROBOTIC", country="DE"))[0] == 0
    assert pair_score(Variant("ACME ROBOTICS", country="US"), Variant("ACME ROBOTIC"))[0] == 95.0
    assert pair_score(Variant("ZHANG CHENGXU", kind="individual"), Variant("ZHANG CHENGXI", kind="individual"))[0] == 0
    assert (
        pair_score(Variant("JOHN GOULDING", kind="individual"), Variant("GOULDING JOHN", kind="individual"))[0] == 100
    )


def test_leader_grouping_does_not_chain() -> None:
    # B ~ A (94) and C ~ B (94), but C ~ A is only 88: C must not be pulled into A through B.
    variants = [
        Variant("ACME ROBOTICS", 100),
        Variant("ACME ROBOTICS TECH", 10),
        Variant("ACME ROBOTICS TECH INT", 5),
    ]
    assert pair_score(variants[2], variants[0])[0] == 88.0
    rows = group_variants(variants)
    assert [(r.variant, r.canonical, r.score, r.patents, r.canonical_patents) for r in rows] == [
        ("ACME ROBOTICS TECH", "ACME ROBOTICS", 94.0, 10, 100)
    ]


def test_group_variants_picks_the_larger_variant_and_respects_decisions() -> None:
    variants = [
        Variant("KAERCHER ALFRED", 3, "KAERCHER ALFRED SE & CO KG"),
        Variant("ALFRED KAERCHER", 9, "Alfred Kärcher SE"),
    ]
    rows = group_variants(variants)
    assert [(r.variant, r.canonical, r.variant_name, r.canonical_name) for r in rows] == [
        ("KAERCHER ALFRED", "ALFRED KAERCHER", "KAERCHER ALFRED SE & CO KG", "Alfred Kärcher SE")
    ]
    assert group_variants(variants, forbidden=[("KAERCHER ALFRED", "ALFRED KAERCHER")]) == []
    assert group_variants(variants, fixed=["KAERCHER ALFRED"]) == []


@pytest.mark.parametrize(
    ("kwargs", "message"), [({"threshold": 120}, "'threshold'"), ({"max_block": 1}, "'max_block'")]
)
def test_group_variants_rejects_bad_parameters(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        group_variants([], **kwargs)


def test_alias_table_round_trip_and_hand_edits(tmp_path: Path) -> None:
    path = write_alias_table(
        [AliasRow("KAERCHER ALFRED", "ALFRED KAERCHER", 100.0, 3, reason="same words, reordered")],
        tmp_path / "aliases.csv",
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel shows Chinese correctly
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write("通用电气公司,GENERAL ELECTRIC COMPANY,,,是,\n")  # raw names, a Chinese yes
    rows = read_alias_table(path)
    assert [(r.variant, r.canonical, r.reviewed, r.reason) for r in rows] == [
        ("KAERCHER ALFRED", "ALFRED KAERCHER", "", "same words, reordered"),
        ("通用电气", "GEN ELECTRIC", "yes", "manual"),
    ]
    assert alias_mapping(rows) == {"KAERCHER ALFRED": "ALFRED KAERCHER", "通用电气": "GEN ELECTRIC"}
    assert alias_mapping(rows, reviewed_only=True) == {"通用电气": "GEN ELECTRIC"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,canonical\nA,B\n", r"missing column\(s\) variant"),
        ("variant,canonical,reviewed\nA,B,maybe\n", "row 2"),
        ("variant,canonical\nA,B\n---,C\n", "row 3"),
        ("variant,canonical,patents\nA,B,many\n", "field 'patents'"),
    ],
)
def test_read_alias_table_names_the_bad_row(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFormatError, match=message) as info:
        read_alias_table(path)
    assert str(path) in str(info.value)


def test_alias_mapping_resolves_chains_and_refuses_cycles_and_conflicts() -> None:
    assert alias_mapping([AliasRow("A", "B", 95, 1), AliasRow("B", "C", 95, 1)]) == {
        "A": "C",
        "B": "C",
    }
    with pytest.raises(ConfigError, match="cycle: A -> B -> A"):
        alias_mapping([AliasRow("A", "B", 95, 1), AliasRow("B", "A", 95, 1)])
    with pytest.raises(ConfigError, match="both"):
        alias_mapping([AliasRow("A", "B", 95, 1), AliasRow("A", "C", 95, 1)])


def test_suggest_keeps_decisions_of_the_previous_table() -> None:
    variants = [
        Variant("ALFRED KAERCHER", 9),
        Variant("KAERCHER ALFRED", 3),
        Variant("BOSTON DYNAMICS", 50),
        Variant("BOSTYON DYNAMICS", 1),
    ]
    previous = [AliasRow("KAERCHER ALFRED", "ALFRED KAERCHER", 100, 3, "no")]
    rows = suggest_aliases(variants, previous=previous)
    assert [(r.variant, r.canonical, r.reviewed) for r in rows] == [
        ("BOSTYON DYNAMICS", "BOSTON DYNAMICS", ""),
        ("KAERCHER ALFRED", "ALFRED KAERCHER", "no"),
    ]


def _records() -> list[PatentRecord]:
    names = ["QUALCOMM INC"] * 3 + ["QUALCOMM TECHNOLOGIES INC"] * 2 + ["NVIDIA CORP"] * 4
    return [
        PatentRecord(
            id=f"US{i}",
            jurisdiction="US",
            applicants=(Party(n, normalized=normalize_name(n), kind=classify_party(n)),),
        )
        for i, n in enumerate(names, start=1)
    ]


def test_apply_changes_the_applicant_facet_and_is_idempotent(sqlite_store) -> None:
    sqlite_store.upsert_patents(_records())
    assert sqlite_store.facet("applicant") == [("NVIDIA", 4), ("QUALCOMM", 3), ("QUALCOMM TECH", 2)]
    variants = variants_from_store(sqlite_store)
    assert [(v.key, v.patents, v.name) for v in variants] == [
        ("NVIDIA", 4, "NVIDIA CORP"),
        ("QUALCOMM", 3, "QUALCOMM INC"),
        ("QUALCOMM TECH", 2, "QUALCOMM TECHNOLOGIES INC"),
    ]
    rows = suggest_aliases(variants)
    assert [(r.variant, r.canonical, r.patents) for r in rows] == [("QUALCOMM TECH", "QUALCOMM", 2)]
    first = apply_aliases(sqlite_store, rows)
    assert first == {"aliases": 1, "organizations_before": 3, "organizations_after": 2}
    assert sqlite_store.facet("applicant") == [("QUALCOMM", 5), ("NVIDIA", 4)]
    snapshot = (sqlite_store.aliases(), sqlite_store.counts(), sqlite_store.facet("applicant"))
    assert apply_aliases(sqlite_store, rows)["organizations_before"] == 2
    assert (
        sqlite_store.aliases(),
        sqlite_store.counts(),
        sqlite_store.facet("applicant"),
    ) == snapshot
    # variants stay visible after aliases are applied (the table can be re-suggested)
    assert [v.key for v in variants_from_store(sqlite_store)] == [
        "NVIDIA",
        "QUALCOMM",
        "QUALCOMM TECH",
    ]
    # a rejected row undoes the merge on re-apply
    apply_aliases(sqlite_store, [AliasRow("QUALCOMM TECH", "QUALCOMM", 94, 2, "no")])
    assert sqlite_store.facet("applicant") == [("NVIDIA", 4), ("QUALCOMM", 3), ("QUALCOMM TECH", 2)]


def test_variants_from_records_counts_patents_not_parties() -> None:
    record = PatentRecord(id="US1", jurisdiction="US", applicants=(Party("INTEL CORP"), Party("Intel Corporation")))
    assert [(v.key, v.patents, v.name) for v in variants_from_records([record, record])] == [("INTEL", 2, "INTEL CORP")]


def test_cli_suggest_review_apply_show(sqlite_store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sqlite_store.upsert_patents(_records())
    uri = sqlite_store.uri
    out = tmp_path / "aliases.csv"
    assert main(["aliases", "suggest", "--store", uri, "--out", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["variants"], result["suggested"], result["groups"], result["patents_moved"]) == (
        3,
        1,
        1,
        2,
    )
    assert result["top"][0]["variant"] == "QUALCOMM TECH"
    assert main(["aliases", "apply", str(out), "--store", uri, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["organizations_after"] == 2
    assert main(["aliases", "show", "--store", uri, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"aliases": {"QUALCOMM TECH": "QUALCOMM"}}
    # the reviewer rejects the merge; suggesting again keeps the decision, applying undoes the merge
    text = out.read_text(encoding="utf-8-sig").replace(
        "QUALCOMM TECH,QUALCOMM,94,2,,", "QUALCOMM TECH,QUALCOMM,94,2,no,"
    )
    out.write_text(text, encoding="utf-8-sig")
    assert main(["aliases", "suggest", "--store", uri, "--out", str(out), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["suggested"], again["kept_from_previous"], again["groups"]) == (0, 1, 0)
    assert main(["aliases", "apply", str(out), "--store", uri]) == 0
    assert "applied 0 aliases" in capsys.readouterr().out
    assert sqlite_store.aliases() == {}


def test_cli_apply_reports_a_bad_file(sqlite_store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["aliases", "apply", str(tmp_path / "missing.csv"), "--store", sqlite_store.uri]) == 2
    assert "alias table not found" in capsys.readouterr().err


def _lens_variants(patents_dir: Path) -> list[Variant]:
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    with gzip.open(patents_dir / "lens_robotics_physical_ai" / "pai.csv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for raw in dict.fromkeys(n.strip() for n in (row["Applicants"] or "").split(";;") if n.strip()):
                key = normalize_name(raw)
                counts[key] += 1
                names.setdefault(key, Counter())[raw] += 1
    return [
        Variant(k, n, names[k].most_common(1)[0][0], classify_party(names[k].most_common(1)[0][0]))
        for k, n in counts.items()
    ]


@pytest.mark.shared
def test_suggestions_on_the_lens_robotics_applicants(patents_dir: Path) -> None:
    variants = _lens_variants(patents_dir)
    assert len(variants) == 3589  # 3,723 raw names; the rules already merged 134
    rows = group_variants(variants)
    pairs = {(r.variant, r.canonical) for r in rows}
    assert ("BOSTYON DYNAMICS", "BOSTON DYNAMICS") in pairs
    assert ("GATIKAI", "GATIK AI") in pairs
    assert ("AFROUZI ALI EBRAHIMI", "EBRAHIMI AFROUZI ALI") in pairs
    assert ("QUALCOMM TECH", "QUALCOMM") in pairs
    merged = {r.variant for r in rows}
    # guards: universities of technology are not their namesakes, Samsung affiliates stay apart
    assert not merged & {
        "UNIV ZHEJIANG TECH",
        "UNIV WUHAN TECH",
        "UNIV QUEENSLAND TECH",
        "SAMSUNG SDI",
    }
    assert not any(r.canonical == "STRONG FORCE VCN PORTFOLIO 2019" and "PORTFOLIO" in r.variant for r in rows)
    assert all(r.score >= 90 for r in rows)
    assert len({r.canonical for r in rows}) <= len(rows) < 80
