"""Shared fixtures.

``shared_data`` points at ../shared/data (override with IPNAV_SHARED_DATA). Tests marked
``shared`` skip with a clear reason where it is absent (a fresh machine without the research
data); CI has it and runs them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("IPNAV_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared real-data folder (../shared/data); skips the test where it is absent."""
    if not (SHARED / "patents").is_dir():
        if os.environ.get("IPNAV_REQUIRE_SHARED") == "1":
            pytest.fail(f"IPNAV_REQUIRE_SHARED=1 but the shared data folder {SHARED} is missing")
        pytest.skip(f"shared data not found at {SHARED} (set IPNAV_SHARED_DATA); these tests read real exports")
    return SHARED


@pytest.fixture(scope="session")
def patents_dir(shared_data: Path) -> Path:
    return shared_data / "patents"


@pytest.fixture()
def sqlite_store(tmp_path: Path):
    from ipnav.store.sqlite import SqliteStore

    with SqliteStore(tmp_path / "ipnav.db") as store:
        yield store
