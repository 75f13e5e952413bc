"""Fixtures of these tests; the shared data lives in landscape_fixtures.py (importable by name)."""

from __future__ import annotations

import pytest
from landscape_fixtures import make_records

from ipnav.records import PatentRecord


@pytest.fixture()
def records() -> list[PatentRecord]:
    return make_records()


@pytest.fixture()
def records_factory():
    """The :func:`make_records` builder, for tests that need other sizes or languages."""
    return make_records
