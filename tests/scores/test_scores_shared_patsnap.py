"""Citation-based indicators on the real PatSnap export (5-year cited-by counts, families, litigation)."""

from __future__ import annotations

import pandas as pd
import pytest

from ipnav.records import PatentRecord
from ipnav.scores.indicators import patent_indicators
from ipnav.scores.scenarios import load_scenarios
from ipnav.scores.scorecard import org_scorecards

pytestmark = [pytest.mark.shared, pytest.mark.slow]

FILE = "patsnap_green_aviation_cn/patsnap_green_aviation_1999.csv.gz"


@pytest.fixture(scope="module")
def patsnap(patents_dir):
    from ingest import read_path

    _, rows = read_path(patents_dir / FILE)
    records: dict[str, PatentRecord] = {}
    for row in rows:
        if isinstance(row, PatentRecord):
            records[row.id] = row
    raw = pd.read_csv(patents_dir / FILE, dtype=str)
    return patent_indicators(list(records.values())), raw


def test_five_year_citations_come_from_the_source(patsnap):
    table, raw = patsnap
    assert table["forward_citations_5y"].notna().all()
    # the source's own column, summed over distinct publications kept by the reader
    assert table["forward_citations_5y"].max() == pd.to_numeric(raw["5年内被引用次数"]).max()
    assert table["family_size"].notna().mean() > 0.99
    assert table["quality_index"].notna().mean() > 0.99  # citations, family and backward citations
    assert (table["top_decile"] == 1).mean() == pytest.approx(0.1, abs=0.06)


def test_litigation_is_read(patsnap):
    table, raw = patsnap
    assert int((table["litigation"].fillna(0) > 0).sum()) == int((pd.to_numeric(raw["诉讼案件数"]) > 0).sum())


def test_org_citation_impact_has_full_coverage(patsnap):
    table, _ = patsnap
    cards = org_scorecards(table, orgs=["南京航空航天大学"], focus=load_scenarios().focus)
    assert cards.loc["南京航空航天大学", "cov_citation_impact"] == 1.0
    assert cards.loc["南京航空航天大学", "portfolio_size"] == 20
