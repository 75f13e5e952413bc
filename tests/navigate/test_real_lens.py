"""Navigation on the real Lens robotics export (14,086 patents, no citations, no inventors).

The topic map here is the test-only quick map (tests/navigate/quickmap.py); the figures asserted
do not depend on it: focus sizes, what the report says about missing data, the market term.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import read_path
from ipnav.navigate.focus import focus_by_applicant, focus_by_region
from ipnav.navigate.frame import patent_frame, topic_frames
from ipnav.navigate.render import render_html
from ipnav.navigate.report import navigation_report
from ipnav.records import PatentRecord
from tests.navigate.quickmap import quick_topic_map

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def lens(patents_dir: Path):
    _, rows = read_path(patents_dir / "lens_robotics_physical_ai" / "pai.csv.gz")
    records: dict[str, PatentRecord] = {}
    for row in rows:
        if isinstance(row, PatentRecord):
            records.setdefault(row.id, row)
    recs = list(records.values())
    _, topics, assignments = quick_topic_map(recs, k=30)
    patents = patent_frame(recs)
    t, a = topic_frames(topics, assignments)
    return patents, t, a


def test_focus_sets_on_real_applicants(lens) -> None:
    patents, _, _ = lens
    assert len(patents) == 14086
    ubtech = focus_by_applicant(patents, "UBTECH ROBOTICS CORP")
    assert len(ubtech.patent_ids) == 101 and ubtech.matched[0] == "UBTECH ROBOTICS"
    henan = focus_by_region(patents, "HENAN")
    # UNIV ZHENGZHOU x2, UNIV HENAN, UNIV HENAN SCIENCE & TECH, HENAN FOSEN, HENAN SCIENCE HARVEST,
    # STATE GRID HENAN: 7 publications.
    assert sorted(henan.patent_ids) == [
        "CN112925320",
        "CN113537318",
        "CN114047697",
        "CN116338745",
        "CN121253006",
        "CN121468530",
        "CN222932816",
    ]


def test_report_for_a_chinese_applicant(lens, tmp_path: Path) -> None:
    patents, t, a = lens
    focus = focus_by_applicant(patents, "UBTECH ROBOTICS CORP")
    report = navigation_report(patents, t, a, focus, n_null=99)
    assert report["focus"]["patents"] == 101
    assert report["data"]["citation_note"] == "no citation data" and report["data"]["inventors"] is False
    assert report["direction"]["main_path"]["note"]["en"] == "no citation data"
    # Without industry tags the market term falls back to target-industry IPC prefixes.
    opp = report["paths"]["opportunities"][0]
    assert opp["terms"]["market"]["inputs"]["basis"] == "IPC/CPC prefixes (no industry tags)"
    assert report["positioning"]["strengths"] and report["paths"]["targets"]
    assert all(p["inventors"] == [] for p in report["paths"]["profiles"].values())
    html = render_html(report, lang="zh")
    assert "无引文数据" in html and "UBTECH ROBOTICS CORP 专利导航报告" in html
    (tmp_path / "ubtech.html").write_text(html, encoding="utf-8")
