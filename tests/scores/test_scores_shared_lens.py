"""Validity on the shipped Lens robotics export: missing stays missing, and the score is not size.

Needs the Lens reader (``ingest/lens.py``) and ../shared/data; marked ``shared`` and ``slow``.
"""

from __future__ import annotations

import importlib.util
from collections import Counter

import numpy as np
import pytest
from scipy.stats import spearmanr

from ipnav.records import PatentRecord
from ipnav.scores.composite import peer_percentiles, weighted_scores
from ipnav.scores.indicators import patent_indicators
from ipnav.scores.scenarios import SCENARIO_KEYS, load_scenarios
from ipnav.scores.scorecard import org_scorecards

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def lens_table(patents_dir):
    if importlib.util.find_spec("ingest.lens") is None:
        pytest.skip("the Lens reader (ingest/lens.py) is not in this checkout")
    from ingest import read_path

    _, rows = read_path(patents_dir / "lens_robotics_physical_ai" / "pai.csv.gz", "lens")
    records: dict[str, PatentRecord] = {}
    for row in rows:
        if isinstance(row, PatentRecord):
            records[row.id] = row
    return patent_indicators(list(records.values()))


def test_lens_has_no_citations_so_citation_indicators_are_missing(lens_table):
    assert lens_table.attrs["citations_known"] is False
    for key in ("forward_citations_5y", "generality", "originality", "radicalness", "quality_index"):
        assert lens_table[key].isna().all(), key
    assert lens_table["scope"].notna().mean() > 0.99 and lens_table["legal_status"].notna().mean() > 0.99


def test_score_is_not_portfolio_size(lens_table):
    sizes = Counter(o for t in lens_table["orgs"] for o in t)
    top = [o for o, _ in sizes.most_common(30)]
    assert top[0] == "INTEL" and sizes["INTEL"] > 1000
    book = load_scenarios()
    cards = org_scorecards(lens_table, orgs=top, focus=book.focus)
    assert np.isnan(cards["citation_impact"]).all() and (cards["cov_citation_impact"] == 0).all()
    for key in SCENARIO_KEYS:
        scores = weighted_scores(peer_percentiles(cards, top), book.get(key).weights)["score"]
        rho = spearmanr(cards["portfolio_size"], scores.reindex(cards.index)).statistic
        assert abs(rho) < 0.8, (key, rho)
