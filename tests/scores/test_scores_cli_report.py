"""``ipnav evaluate`` and ``ipnav validate-scores`` end to end, and the rendered reports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from tests_cjk import require_cjk_font

from ipnav.cli import main
from ipnav.synthetic import synthetic_records


@pytest.fixture()
def store_uri(tmp_path, sqlite_store):
    sqlite_store.upsert_patents(synthetic_records(600, seed=5, n_applicants=25))
    sqlite_store.save_topics(
        {"seed": 5},
        [{"id": t, "label": f"topic {t}"} for t in range(4)],
        [
            {
                "patent_id": f"XS{i:08d}",
                "topic": i % 4,
                "probability": 1.0,
                "x": float(i % 4) + (i % 7) / 10,
                "y": float(i % 4) * 2 + (i % 5) / 10,
            }
            for i in range(600)
        ],
    )
    return sqlite_store.uri


def test_evaluate_json(store_uri, capsys):
    assert (
        main(
            [
                "evaluate",
                "--applicant",
                "Synthetic Applicant 0001 Co Ltd",
                "--store",
                store_uri,
                "--json",
                "--scenario",
                "talent",
                "--peer-k",
                "5",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["applicant"] == "SYNTHETIC APPLICANT 0001" and out["scenario"] == "talent"
    assert 0 <= out["score"] <= 100 and 0 < out["confidence"] <= 1 and out["portfolio_size"] > 0
    assert out["group_size"] == 6 and len(out["sensitivity"]) == 11
    ind = {i["key"]: i for i in out["indicators"]}
    assert ind["inventor_base"]["weight"] == 0.20 and ind["inventor_base"]["coverage"] == 1.0
    assert ind["topics_led"]["coverage"] == 1.0
    assert ind["family_size"]["value"] is None and ind["family_size"]["coverage"] == 0.0


def test_evaluate_unknown_applicant_lists_close_names(store_uri, capsys):
    assert main(["evaluate", "--applicant", "Synthetic Aplicant 0001", "--store", store_uri]) == 2
    err = capsys.readouterr().err
    assert "no organisation named" in err and "SYNTHETIC APPLICANT 0001" in err


def test_evaluate_bad_scenario(store_uri, capsys):
    assert (
        main(
            [
                "evaluate",
                "--applicant",
                "SYNTHETIC APPLICANT 0001",
                "--store",
                store_uri,
                "--scenario",
                "x",
            ]
        )
        == 2
    )
    assert "must be one of investment" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_report_is_self_contained(store_uri, tmp_path, capsys, lang):
    require_cjk_font()
    path = tmp_path / f"r_{lang}.html"
    assert (
        main(
            [
                "evaluate",
                "--applicant",
                "SYNTHETIC APPLICANT 0002",
                "--store",
                store_uri,
                "--report",
                str(path),
                "--lang",
                lang,
                "--peers",
                "SYNTHETIC APPLICANT 0003,SYNTHETIC APPLICANT 0004,SYNTHETIC APPLICANT 0005",
            ]
        )
        == 0
    )
    html = path.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)=["\']https?:', html)  # nothing loaded from the network
    assert html.count("<svg") >= 4  # percentiles, filings, sensitivity, landscape map
    assert ("第三方专利评价报告" in html) == (lang == "zh") and ("Third-party patent evaluation report" in html) == (
        lang == "en"
    )
    assert "SYNTHETIC APPLICANT 0003" in html and re.search(r"[0-9a-f]{64}", html)  # peers and the content hash


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_report_has_cjk_font_and_text(store_uri, tmp_path, lang):
    spec = require_cjk_font()
    path = tmp_path / f"r_{lang}.pdf"
    assert (
        main(
            [
                "evaluate",
                "--applicant",
                "SYNTHETIC APPLICANT 0002",
                "--store",
                store_uri,
                "--report",
                str(path),
                "--lang",
                lang,
                "--json",
            ]
        )
        == 0
    )
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    assert spec.family.replace(" ", "").encode() in data.replace(b" ", b"")  # the CJK font is embedded
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert ("评价结论" in text) if lang == "zh" else ("Summary" in text)
        assert "SYNTHETIC APPLICANT 0002" in text


def test_report_suffix_is_checked(store_uri, capsys, tmp_path):
    assert (
        main(
            [
                "evaluate",
                "--applicant",
                "SYNTHETIC APPLICANT 0002",
                "--store",
                store_uri,
                "--report",
                str(tmp_path / "r.docx"),
            ]
        )
        == 2
    )
    assert "must end in .html or .pdf" in capsys.readouterr().err


def test_validate_scores(store_uri, capsys):
    assert main(["validate-scores", "--store", store_uri, "--cut-year", "2012", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cut_year"] == 2012 and out["citations_after"] > 0
    assert out["patent_level"]["score"]["n"] == out["visible_patents"]
    assert out["org_level"]["organisations"] >= 3 and out["org_level"]["score"]["rho"] is not None


def test_validate_scores_needs_citations(sqlite_store, capsys):
    from ipnav.records import PatentRecord

    sqlite_store.upsert_patents([PatentRecord(id="US1", jurisdiction="US")])
    assert main(["validate-scores", "--store", sqlite_store.uri]) == 2
    assert "no citation links" in capsys.readouterr().err
