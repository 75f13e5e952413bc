"""The Neo4j backend without a server: URIs, credentials, allow-lists (offline)."""

from __future__ import annotations

import pytest

from ipnav.exceptions import ConfigError, StoreError
from ipnav.store import cypher, make_store
from ipnav.store.neo4j import Neo4jStore


def test_every_statement_uses_allow_listed_labels_and_types() -> None:
    assert cypher.check_allow_lists() == []


def test_the_allow_list_check_catches_a_foreign_label(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cypher, "BAD_STATEMENT", "MATCH (p:Patent)-[:KNOWS]->(x:Person) RETURN x", raising=False)
    assert sorted(cypher.check_allow_lists()) == ["BAD_STATEMENT: label Person", "BAD_STATEMENT: type KNOWS"]


def test_from_uri_reads_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_USER", "analyst")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-value")
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    store = make_store("neo4j://db.example:7687/patents")
    assert isinstance(store, Neo4jStore)
    assert (store.database, store.uri) == ("patents", "neo4j://db.example:7687/patents")
    assert "s3cret" not in repr(store) and "s3cret" not in store.uri
    monkeypatch.setenv("NEO4J_DATABASE", "other")
    assert Neo4jStore.from_uri("bolt+s://db.example").database == "other"


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("http://db.example:7474", "looks like neo4j://host:7687"),
        ("neo4j://user:pw@db.example:7687", "Do not put credentials in the store URI"),
        ("neo4j://", "looks like neo4j://host:7687"),
    ],
)
def test_bad_uris(monkeypatch: pytest.MonkeyPatch, uri: str, message: str) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "x" * 8)
    with pytest.raises(ConfigError, match=message):
        Neo4jStore.from_uri(uri)


def test_missing_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with pytest.raises(ConfigError, match="NEO4J_PASSWORD is not set"):
        Neo4jStore.from_uri("neo4j://db.example:7687")


def test_constructor_does_no_io_and_an_unopened_store_says_so() -> None:
    store = Neo4jStore(uri="bolt://127.0.0.1:1", auth=("neo4j", "password"))  # nothing listens on port 1
    with pytest.raises(StoreError, match="not open"):
        store.count_patents()


def test_no_server_is_a_clear_retryable_error() -> None:
    from ipnav.exceptions import StoreUnavailableError

    with pytest.raises(StoreUnavailableError, match="no server answers") as info:
        Neo4jStore(uri="bolt://127.0.0.1:1", auth=("neo4j", "password")).open()
    assert info.value.retryable is True
