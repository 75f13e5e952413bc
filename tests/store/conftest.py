"""Fixtures of the store contract suite: one ``store`` fixture parametrized over both backends.

The ``neo4j`` parametrization connects to ``NEO4J_URI`` (default ``bolt://127.0.0.1:7687``) with
``NEO4J_USER`` (default ``neo4j``) / ``NEO4J_PASSWORD``. If no server answers the tests skip with
the reason, except when ``IPNAV_REQUIRE_NEO4J=1`` (CI), where they fail. Every test starts from
an emptied database (``delete_all``), so tests do not see each other's data.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ipnav.records import record_to_dict
from ipnav.store.base import FACETS, PatentFilter

NEO4J_URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")


def _neo4j_unavailable(reason: str) -> None:
    if os.environ.get("IPNAV_REQUIRE_NEO4J") == "1":
        pytest.fail(f"IPNAV_REQUIRE_NEO4J=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_driver() -> Iterator[Any]:
    """A driver to the test server (session-wide, owned by the tests, not by the stores)."""
    import neo4j

    password = os.environ.get("NEO4J_PASSWORD")
    if not password:
        _neo4j_unavailable(
            f"NEO4J_PASSWORD is not set, so the Neo4j server at {NEO4J_URI} cannot be used "
            "(start one with scripts/neo4j-server start)"
        )
    driver = neo4j.GraphDatabase.driver(
        NEO4J_URI,
        auth=(os.environ.get("NEO4J_USER", "neo4j"), password),
        max_transaction_retry_time=5.0,
        connection_timeout=5.0,
    )
    try:
        driver.verify_connectivity()
    except Exception as exc:  # any failure to reach the server is a skip (or a failure in CI)
        driver.close()
        _neo4j_unavailable(f"no Neo4j server answers at {NEO4J_URI}: {type(exc).__name__}: {exc}")
    yield driver
    driver.close()


def _open_store(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if kind == "embedded":
        from ipnav.store.sqlite import SqliteStore

        return SqliteStore(tmp_path / "contract.db").open()
    from ipnav.store.neo4j import Neo4jStore

    driver = request.getfixturevalue("neo4j_driver")
    store = Neo4jStore(driver=driver, database=os.environ.get("NEO4J_DATABASE") or None).open()
    store.delete_all()
    return store


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An opened, empty store of each backend."""
    opened = _open_store(request.param, request, tmp_path)
    yield opened
    opened.close()


@pytest.fixture()
def both_stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    """An empty embedded store and an empty Neo4j store, for side-by-side comparisons."""
    embedded = _open_store("embedded", request, tmp_path)
    server = _open_store("neo4j", request, tmp_path)
    yield embedded, server
    embedded.close()
    server.close()


def take_snapshot(store: Any) -> dict[str, Any]:
    """Everything the interface answers about a store, in comparable form."""
    where = PatentFilter(year_from=2005, codes=("B25J", "G05B"))
    return {
        "counts": store.counts(),
        "records": [
            json.dumps(record_to_dict(r), sort_keys=True, ensure_ascii=False)
            for r in store.iter_patents(PatentFilter(include_stubs=True), resolve_aliases=False)
        ],
        "citations": list(store.iter_citations()),
        "facets": {name: store.facet(name) for name in FACETS},
        "filtered": {name: store.facet(name, where) for name in FACETS},
        "count_filtered": store.count_patents(where),
        "organizations": store.organizations(limit=10_000),
        "aliases": store.aliases(),
        "co_applicants": store.co_applicants(limit=200),
        "industries": store.industries(),
        "topics": store.load_topics(),
        "artifacts": {k: store.get_artifact(k) for k in store.artifact_keys()},
    }


@pytest.fixture()
def snapshot() -> Any:
    """The function that captures everything a store answers (to compare two stores)."""
    return take_snapshot
