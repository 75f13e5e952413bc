"""Neo4j mode: the app on a real Neo4j server and the read-only Cypher console.

Needs a server at ``NEO4J_URI`` (default ``bolt://127.0.0.1:7687``) with ``NEO4J_PASSWORD``
(``scripts/neo4j-server start``); without one the tests skip with the reason, unless
``IPNAV_REQUIRE_NEO4J=1`` (CI), where they fail. The database is emptied and loaded with part of
the fixture workspace.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from ipnav.exceptions import ConfigError, StoreError
from ipnav.i18n import tr
from tests.app.helpers import table_with

pytestmark = pytest.mark.neo4j

NEO4J_URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")


def _unavailable(reason: str) -> None:
    if os.environ.get("IPNAV_REQUIRE_NEO4J") == "1":
        pytest.fail(f"IPNAV_REQUIRE_NEO4J=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def neo4j_store(workspace_store) -> Iterator[Any]:
    if not os.environ.get("NEO4J_PASSWORD"):
        _unavailable(f"NEO4J_PASSWORD is not set, so the Neo4j server at {NEO4J_URI} cannot be used")
    try:
        from ipnav.store import open_store

        store = open_store(NEO4J_URI)
    except ModuleNotFoundError as exc:
        _unavailable(f"this checkout has no Neo4j backend ({exc.name})")
    except StoreError as exc:
        _unavailable(f"no Neo4j server answers at {NEO4J_URI}: {exc}")
    store.delete_all()
    records = [r for _, r in zip(range(300), workspace_store.iter_patents(), strict=False)]
    store.upsert_patents(records)
    yield store
    store.close()


def test_console_returns_rows_and_a_graph(neo4j_store) -> None:
    from ipnav.store.console import read_cypher

    result = read_cypher(
        neo4j_store,
        "MATCH (p:Patent)-[r:ASSIGNED_TO]->(o:Organization) RETURN p, r, o, o.name AS name ORDER BY p.id LIMIT $n",
        {"n": 5},
    )
    assert result.columns == ["p", "r", "o", "name"]
    assert len(result.rows) == 5 and not result.truncated
    labels = {n["label"] for n in result.graph.nodes}
    assert labels == {"Patent", "Organization"}
    assert {e["type"] for e in result.graph.edges} == {"ASSIGNED_TO"}
    assert all(str(row["r"]) == "[:ASSIGNED_TO]" for row in result.rows)
    assert all(row["o"] == f"(Organization) {row['name']}" for row in result.rows)
    # a relationship returned alone still brings both ends into the graph
    alone = read_cypher(neo4j_store, "MATCH ()-[r:ASSIGNED_TO]->() RETURN r LIMIT 3")
    assert len(alone.graph.edges) == 3 and len(alone.graph.nodes) >= 2


def test_console_limit_truncates(neo4j_store) -> None:
    from ipnav.store.console import read_cypher

    result = read_cypher(neo4j_store, "MATCH (p:Patent) RETURN p.id AS id", limit=7)
    assert len(result.rows) == 7 and result.truncated


def test_server_refuses_a_write_even_past_the_check(neo4j_store) -> None:
    from ipnav.store.console import read_cypher

    with pytest.raises(ConfigError):
        read_cypher(neo4j_store, "CREATE (:Patent {id: 'WRITTEN-BY-CONSOLE'})")
    with pytest.raises(StoreError):  # the read transaction itself refuses
        read_cypher(neo4j_store, "CREATE (:Patent {id: 'WRITTEN-BY-CONSOLE'})", check=False)
    found = read_cypher(neo4j_store, "MATCH (p:Patent {id: 'WRITTEN-BY-CONSOLE'}) RETURN count(p) AS n")
    assert found.rows == [{"n": 0}]


def test_graph_page_console_in_neo4j_mode(app, neo4j_store) -> None:
    at = app("graph", "en", store=NEO4J_URI)
    assert tr("graph.console.neo4j_only", "en") not in [i.value for i in at.info]
    at.text_area(key="cypher_query").set_value("MATCH (o:Organization) RETURN o.name AS name ORDER BY name LIMIT 4")
    at.button(key="cypher_run").click().run()
    assert not at.exception and not at.error
    names = table_with(at, "name")["name"].tolist()
    expected = [
        r["name"] for r in neo4j_store._read("MATCH (o:Organization) RETURN o.name AS name ORDER BY name LIMIT 4")
    ]
    assert names == expected


def test_explorer_works_on_neo4j(app, neo4j_store) -> None:
    at = app("graph", "en", store=NEO4J_URI)
    top = neo4j_store.organizations(limit=1)[0]
    assert at.selectbox(key="graph_pick").value == top["key"]
    rows = table_with(at, tr("col.label", "en"), tr("col.key", "en"))
    assert (rows[tr("col.label", "en")] == "Patent").sum() == min(40, top["patents"])
