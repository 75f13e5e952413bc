"""A read-only Cypher console for a Neo4j store (the app's Graph page, notebooks).

The statement is the user's own text: it is never combined with anything, values go in as
``$parameters``, and it runs only in a **read transaction** of a session opened with access mode
READ (``session.execute_read``), so the server itself refuses any write. A light check first
rejects statements whose clauses write (``CREATE``, ``MERGE``, ``SET`` ...), outside string
literals and comments, to give a clear message before anything is sent.

Results come back as a table (one row per record; nodes and relationships shown as short text)
and as a :class:`~ipnav.store.base.Subgraph` of every node, relationship and path in them, for
drawing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ipnav.exceptions import ConfigError, StoreError
from ipnav.store.base import Subgraph

__all__ = ["ConsoleResult", "check_read_only", "read_cypher"]

_WRITE = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV|GRANT|DENY|REVOKE|ALTER|RENAME|"
    r"START\s+DATABASE|STOP\s+DATABASE|TERMINATE)\b|\bIN\s+TRANSACTIONS\b",
    re.IGNORECASE,
)
_STRINGS_AND_COMMENTS = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
_NAME_KEYS = ("name", "title", "label", "key", "id", "symbol", "code")


@dataclass
class ConsoleResult:
    """What a console query returned.

    Attributes:
        columns: The result's keys, in order.
        rows: One dict per record (at most ``limit``), values made displayable.
        graph: Nodes and relationships found in the values.
        truncated: True when the query had more records than ``limit``.
    """

    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    graph: Subgraph = field(default_factory=Subgraph)
    truncated: bool = False


def check_read_only(statement: str) -> str:
    """Reject an empty statement or one whose clauses write; return it stripped.

    Raises:
        ConfigError: The statement is empty or writes (the clause is named).

    Example:
        >>> check_read_only("MATCH (p:Patent {id: $id}) RETURN p.title AS title")
        'MATCH (p:Patent {id: $id}) RETURN p.title AS title'
        >>> check_read_only("MATCH (n) WHERE n.note = 'CREATE me' RETURN n")
        "MATCH (n) WHERE n.note = 'CREATE me' RETURN n"
        >>> check_read_only("MATCH (n) DETACH DELETE n")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ipnav.exceptions.ConfigError: The console runs read-only queries; 'DETACH' writes. ...
    """
    text = statement.strip().rstrip(";").strip()
    if not text:
        raise ConfigError("The console needs a Cypher statement. Got an empty one.")
    match = _WRITE.search(_STRINGS_AND_COMMENTS.sub(" ", text))
    if match:
        raise ConfigError(f"The console runs read-only queries; {match.group(0).upper()!r} writes. Got {text[:120]!r}.")
    return text


def parse_params(text: str | None) -> dict[str, Any]:
    """Parameters typed as a JSON object (empty text: none).

    Raises:
        ConfigError: Not a JSON object.

    Example:
        >>> parse_params('{"id": "US1"}')
        {'id': 'US1'}
    """
    if not text or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"The parameters must be a JSON object: {exc.msg} at column {exc.colno}.") from exc
    if not isinstance(value, dict):
        raise ConfigError(f'The parameters must be a JSON object like {{"id": "US1"}}. Got {text[:80]!r}.')
    return value


def _node_dict(node: Any) -> dict[str, Any]:
    props = dict(node.items())
    labels = sorted(node.labels)
    name = next((str(props[k]) for k in _NAME_KEYS if props.get(k) not in (None, "")), node.element_id)
    doc = props.pop("doc", None)  # a patent's full record (JSON): its title names the node
    props.pop("text_lc", None)
    if isinstance(doc, str):
        try:
            titles = json.loads(doc).get("title") or {}
        except (json.JSONDecodeError, AttributeError):
            titles = {}
        title = titles.get("en") or titles.get("zh") or next(iter(titles.values()), "")
        if title:
            name = f"{props.get('id', '')} {title}".strip()
    key = str(props.get("id", props.get("key", "")))
    return {"id": node.element_id, "label": labels[0] if labels else "", "key": key, "name": name, "properties": props}


def _collect(value: Any, nodes: dict[str, dict[str, Any]], edges: dict[str, dict[str, Any]]) -> Any:
    """Add graph values to ``nodes``/``edges``; return a displayable form of ``value``."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        d = _node_dict(value)
        if d["id"] not in nodes or not nodes[d["id"]]["label"]:  # a relationship's end comes without labels
            nodes[d["id"]] = d
        return f"({d['label']}) {d['name']}" if d["label"] else f"({d['name']})"
    if isinstance(value, Relationship):
        for end in (value.start_node, value.end_node):
            if end is not None:
                _collect(end, nodes, edges)
        edges.setdefault(
            value.element_id,
            {
                "source": value.start_node.element_id if value.start_node is not None else "",
                "target": value.end_node.element_id if value.end_node is not None else "",
                "type": value.type,
                "properties": dict(value.items()),
            },
        )
        return f"[:{value.type}]"
    if isinstance(value, Path):
        for rel in value.relationships:
            _collect(rel, nodes, edges)
        for node in value.nodes:
            _collect(node, nodes, edges)
        return f"path of {len(value)} hops"
    if isinstance(value, list):
        return [_collect(v, nodes, edges) for v in value]
    if isinstance(value, dict):
        return {k: _collect(v, nodes, edges) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j temporal types
        return value.iso_format()
    return value


def read_cypher(
    store: Any, statement: str, params: Mapping[str, Any] | None = None, *, limit: int = 500, check: bool = True
) -> ConsoleResult:
    """Run one read-only Cypher statement on a Neo4j store.

    Args:
        store: An opened :class:`~ipnav.store.neo4j.Neo4jStore` (anything with ``driver`` and ``database``).
        statement: The user's Cypher.
        params: Values for its ``$parameters``.
        limit: Most records returned (the rest are not fetched).
        check: Reject writing clauses before sending (the server refuses writes either way).

    Returns:
        The :class:`ConsoleResult`.

    Raises:
        ConfigError: Not a Neo4j store, empty or writing statement, or ``limit`` < 1.
        StoreError: The server refused or failed the query (a write in a read transaction included).

    Example:
        >>> read_cypher(store, "MATCH (o:Organization) RETURN o.name AS name LIMIT 3").columns  # doctest: +SKIP
        ['name']
    """
    if not hasattr(store, "driver") or not hasattr(store, "database"):
        raise ConfigError("The Cypher console needs a Neo4j store (neo4j:// or bolt:// URI).")
    if limit < 1:
        raise ConfigError(f"The 'limit' parameter of read_cypher must be an int >= 1. Got {limit!r} instead.")
    text = check_read_only(statement) if check else statement
    import neo4j
    import neo4j.exceptions as ne

    def work(tx: Any) -> tuple[list[str], list[list[Any]], bool]:
        result = tx.run(text, dict(params or {}))
        keys = list(result.keys())
        records = result.fetch(limit + 1)
        return keys, [list(r.values()) for r in records[:limit]], len(records) > limit

    try:
        with store.driver.session(
            database=store.database, default_access_mode=neo4j.READ_ACCESS, notifications_min_severity="OFF"
        ) as session:
            keys, values, truncated = session.execute_read(work)
    except ne.Neo4jError as exc:
        raise StoreError(f"the query failed: {exc.message}", retryable=isinstance(exc, ne.TransientError)) from exc
    except ne.DriverError as exc:
        raise StoreError(f"the query failed: {exc}", retryable=True) from exc
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    rows = [{k: _collect(v, nodes, edges) for k, v in zip(keys, row, strict=True)} for row in values]
    graph = Subgraph(list(nodes.values()), [e for e in edges.values() if e["source"] in nodes and e["target"] in nodes])
    return ConsoleResult(keys, rows, graph, truncated)


__all__ += ["parse_params"]
