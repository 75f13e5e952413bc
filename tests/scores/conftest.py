"""Fixtures of these tests; the shared data lives in scores_fixtures.py (importable by name)."""

from __future__ import annotations

import pytest
from scores_fixtures import TOPICS, D, fixture_records

from ipnav.records import PatentRecord
from ipnav.scores.indicators import patent_indicators


@pytest.fixture()
def records() -> list[PatentRecord]:
    return fixture_records()


@pytest.fixture()
def table(records):
    return patent_indicators(records, topics=TOPICS, main_path_ids={"P1", "P3"}, as_of=D(2020, 1, 1))
