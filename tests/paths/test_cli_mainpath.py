"""``ipnav mainpath`` from files and from the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ipnav.cli import main
from ipnav.records import PatentRecord
from tests.paths.toy_nets import CITE_ARCS


def _cite_net(tmp_path: Path) -> Path:
    labels = sorted({v for arc in CITE_ARCS for v in arc})
    number = {v: i + 1 for i, v in enumerate(labels)}
    lines = [f"*Vertices {len(labels)}"] + [f'{number[v]} "{v}"' for v in labels] + ["*Arcs"]
    lines += [f"{number[u]} {number[v]} 1" for u, v in CITE_ARCS]
    path = tmp_path / "cite.net"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_mainpath_json_from_pajek(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["mainpath", "--edges", str(_cite_net(tmp_path)), "--json"], capsys)
    assert (out["weight"], out["method"], out["total_weight"], out["n_paths"]) == (
        "spc",
        "global",
        43,
        4,
    )
    assert out["nodes"] == ["I", "J", "H", "F", "C", "D", "B", "A"]
    assert {"source": "B", "target": "A", "weight": 17} in out["arcs"]
    assert out["totals"] == {"spc": 24, "splc": 46, "spnp": 112}
    assert out["input"]["format"] == "pajek" and out["network"]["arcs"] == 19


def test_mainpath_key_route_and_weights_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_out = tmp_path / "w" / "arcs.csv"
    out = _run(
        [
            "mainpath",
            "--edges",
            str(_cite_net(tmp_path)),
            "--method",
            "key-route",
            "--k",
            "2",
            "--weight",
            "splc",
            "--weights-out",
            str(csv_out),
            "--json",
        ],
        capsys,
    )
    assert out["params"] == {"k": 2, "search": "local", "key_routes": 2}
    rows = list(csv.DictReader(csv_out.open(encoding="utf-8")))
    assert len(rows) == 19 and out["weights_out"]["arcs"] == 19
    by_arc = {(r["source"], r["target"]): r for r in rows}
    # B->A: SPC 17 of 24, SPLC 33 of 46, SPNP 33 of 112 (see test_toy_nets.py).
    assert (by_arc[("B", "A")]["spc"], by_arc[("B", "A")]["splc"], by_arc[("B", "A")]["spnp"]) == (
        "17",
        "33",
        "33",
    )
    assert float(by_arc[("B", "A")]["splc_norm"]) == pytest.approx(33 / 46)
    assert (
        by_arc[("B", "A")]["on_main_path"] == "True"
        and by_arc[("G", "B")]["on_main_path"] == "False"
    )


def test_mainpath_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mainpath", "--edges", str(_cite_net(tmp_path)), "--method", "backward"]) == 0
    text = capsys.readouterr().out
    assert "backward main path on SPC" in text and "  B -> A  17" in text


def test_mainpath_from_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ipnav.store.sqlite import SqliteStore

    uri = f"sqlite:///{tmp_path / 'ipnav.db'}"
    # US1 <- US2 <- US4, US1 <- US3 <- US4, US3 <- US5 (each record lists what it cites)
    cites = {"US2": ("US1",), "US3": ("US1",), "US4": ("US2", "US3"), "US5": ("US3",)}
    with SqliteStore(tmp_path / "ipnav.db") as store:
        store.upsert_patents(
            PatentRecord(id=p, jurisdiction="US", cited=c) for p, c in cites.items()
        )
    out = _run(["mainpath", "--store", uri, "--json"], capsys)
    # SPC: paths US1-US2-US4, US1-US3-US4, US1-US3-US5; US1->US3 carries 2, the rest 1.
    # Heaviest: US1-US3-US4 and US1-US3-US5 (2 + 1 = 3).
    assert out["nodes"] == ["US1", "US3", "US4", "US5"] and out["total_weight"] == 3
    assert out["input"]["format"] == "store"


def test_mainpath_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("cited,citing\n", encoding="utf-8")
    assert main(["mainpath", "--edges", str(empty)]) == 2
    assert "no rows" in capsys.readouterr().err
    store = f"sqlite:///{tmp_path / 'none.db'}"
    assert main(["mainpath", "--store", store]) == 2
    assert "no citations in the store" in capsys.readouterr().err
