"""The Graph page: neighbourhood explorer on the fixture workspace, and the console's guard."""

from __future__ import annotations

import pytest

from ipnav.exceptions import ConfigError
from ipnav.i18n import tr
from ipnav.store.console import check_read_only, parse_params
from tests.app.helpers import table_with


def _neighbours(at):
    return table_with(at, tr("col.label", "en"), tr("col.key", "en"), tr("col.type", "en"))


def test_explorer_starts_at_the_largest_organisation(app, workspace_store) -> None:
    at = app("graph", "en")
    top = workspace_store.organizations(limit=1)[0]
    assert at.selectbox(key="graph_pick").value == top["key"]
    rows = _neighbours(at)
    patents = rows[rows[tr("col.label", "en")] == "Patent"]
    assert len(patents) == min(40, top["patents"])
    assert set(patents[tr("col.type", "en")]) == {"ASSIGNED_TO"}


def test_searching_a_patent_shows_its_applicants_and_codes(app, workspace_store) -> None:
    record = next(r for r in workspace_store.iter_patents() if r.applicants and r.ipc and len(r.ipc) >= 2)
    at = app("graph", "en")
    at.selectbox(key="graph_label").set_value("Patent").run()
    at.text_input(key="graph_query").set_value(record.id).run()
    assert not at.exception
    rows = _neighbours(at)
    by_label = rows.groupby(tr("col.label", "en"))[tr("col.key", "en")].apply(set).to_dict()
    aliases = workspace_store.aliases()
    assert {aliases.get(p.normalized, p.normalized) for p in record.applicants} <= by_label["Organisation"]
    assert {c.symbol for c in record.ipc} <= by_label["Classification"]


def test_recentring_on_a_neighbour(app, workspace_store) -> None:
    at = app("graph", "en")
    top = workspace_store.organizations(limit=1)[0]["key"]
    rows = _neighbours(at)
    target = "Patent:" + rows.loc[rows[tr("col.label", "en")] == "Patent", tr("col.key", "en")].iloc[0]
    at.selectbox(key="graph_recenter").set_value(target).run()
    assert not at.exception
    rows = _neighbours(at)
    # centred on one of the organisation's patents: the organisation is now a neighbour
    orgs = set(rows.loc[rows[tr("col.label", "en")] == "Organisation", tr("col.key", "en")])
    assert top in orgs
    assert any(f"`{target.split(':', 1)[1]}`" in m.value for m in at.markdown)


def test_console_is_offered_only_in_neo4j_mode(app) -> None:
    at = app("graph", "zh")
    assert tr("graph.console.neo4j_only", "zh") in [i.value for i in at.info]


@pytest.mark.parametrize(
    ("statement", "clause"),
    [
        ("MATCH (n) DETACH DELETE n", "DETACH"),
        ("CREATE (:Patent {id: 'X'})", "CREATE"),
        ("MATCH (p:Patent) SET p.title = 'x' RETURN p", "SET"),
        ("MERGE (o:Organization {key: $k})", "MERGE"),
        ("LOAD CSV FROM 'file:///x' AS row RETURN row", "LOAD CSV"),
        ("match (n) remove n.title", "REMOVE"),
        ("CALL { MATCH (n) DELETE n } IN TRANSACTIONS", "DELETE"),
        ("DROP CONSTRAINT patent_id", "DROP"),
    ],
)
def test_console_rejects_writing_clauses(statement: str, clause: str) -> None:
    with pytest.raises(ConfigError, match=f"'{clause}' writes"):
        check_read_only(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (p:Patent) WHERE p.title CONTAINS 'SET' RETURN p LIMIT 5",
        "MATCH (o:Organization) // CREATE nothing here\nRETURN o.name AS created",
        "MATCH (p:Patent {id: $id})-[:CITES]->(q) RETURN q.id AS cited_patent",
        'RETURN "DELETE" AS word',
    ],
)
def test_console_accepts_reads_whose_text_mentions_write_words(statement: str) -> None:
    assert check_read_only(statement) == statement


@pytest.mark.parametrize(("text", "message"), [("[1, 2]", "JSON object"), ("{id: 1}", "column 2"), ("   ", None)])
def test_console_parameters(text: str, message: str | None) -> None:
    if message is None:
        assert parse_params(text) == {}
    else:
        with pytest.raises(ConfigError, match=message):
            parse_params(text)


def test_a_patent_shows_its_most_similar_patents(app, workspace_store) -> None:
    model, vectors = workspace_store.patent_embeddings()
    assert model and vectors  # the fixture workspace's landscape stored them
    patent = sorted(vectors)[0]
    at = app("graph", "en")
    at.selectbox(key="graph_label").set_value("Patent").run()
    at.text_input(key="graph_query").set_value(patent).run()
    assert not at.exception
    rows = table_with(at, tr("col.similarity", "en"))
    expected = workspace_store.similar_patents(patent, k=10)
    assert rows[tr("col.key", "en")].tolist() == [pid for pid, _ in expected]
    assert patent not in rows[tr("col.key", "en")].tolist()
    assert rows[tr("col.similarity", "en")].is_monotonic_decreasing
