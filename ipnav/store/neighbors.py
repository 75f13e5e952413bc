"""Neighbourhood queries of the embedded store (the graph explorer's data)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ipnav.exceptions import ConfigError, NotFoundError
from ipnav.store.base import NODE_LABELS, Subgraph

if TYPE_CHECKING:
    from ipnav.store.sqlite import SqliteStore

__all__ = ["sqlite_neighbors"]

_ORG_KEY = "COALESCE((SELECT canonical FROM alias WHERE alias.variant = a.variant), a.variant)"

# (edge type, neighbour label, SQL returning neighbour keys for a patent id, direction out?)
_PATENT_EDGES = [
    ("ASSIGNED_TO", "Organization", f"SELECT DISTINCT {_ORG_KEY} FROM assigned_to a WHERE a.patent_id = ?", True),
    ("INVENTED_BY", "Inventor", "SELECT inventor_key FROM invented_by WHERE patent_id = ? ORDER BY position", True),
    ("CLASSIFIED_AS", "Code", "SELECT symbol FROM classified_as WHERE patent_id = ? ORDER BY position", True),
    ("IN_INDUSTRY", "Industry", "SELECT industry_code FROM in_industry WHERE patent_id = ?", True),
    ("IN_FAMILY", "Family", "SELECT family_id FROM patent WHERE id = ? AND family_id IS NOT NULL", True),
    ("CITES", "Patent", "SELECT cited FROM cites WHERE citing = ? ORDER BY cited", True),
    ("CITES", "Patent", "SELECT citing FROM cites WHERE cited = ? ORDER BY citing", False),
    ("IN_TOPIC", "Topic", "SELECT CAST(topic AS TEXT) FROM in_topic WHERE patent_id = ? AND topic IS NOT NULL", True),
]
_REVERSE = {
    "Organization": (
        "ASSIGNED_TO",
        f"SELECT DISTINCT a.patent_id FROM assigned_to a WHERE {_ORG_KEY} = ? ORDER BY a.patent_id",
    ),
    "Inventor": ("INVENTED_BY", "SELECT patent_id FROM invented_by WHERE inventor_key = ? ORDER BY patent_id"),
    "Code": ("CLASSIFIED_AS", "SELECT DISTINCT patent_id FROM classified_as WHERE symbol = ? ORDER BY patent_id"),
    "Industry": ("IN_INDUSTRY", "SELECT patent_id FROM in_industry WHERE industry_code = ? ORDER BY patent_id"),
    "Family": ("IN_FAMILY", "SELECT id FROM patent WHERE family_id = ? ORDER BY id"),
    "Topic": (
        "IN_TOPIC",
        "SELECT patent_id FROM in_topic WHERE CAST(topic AS TEXT) = ? ORDER BY probability DESC, patent_id",
    ),
}


def _node(label: str, key: str, name: str | None = None) -> dict[str, Any]:
    return {"id": f"{label}:{key}", "label": label, "key": key, "name": name or key}


def sqlite_neighbors(store: SqliteStore, label: str, key: str, *, limit: int = 50) -> Subgraph:
    """The node ``label:key`` and up to ``limit`` direct neighbours.

    Raises:
        ConfigError: Unknown label.
        NotFoundError: No such node.
    """
    if label not in NODE_LABELS:
        raise ConfigError(f"The 'label' parameter must be one of {', '.join(NODE_LABELS)}. Got {label!r} instead.")
    q = store.conn.execute
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    if label == "Patent":
        row = q("SELECT doc FROM patent WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise NotFoundError(f"no Patent {key!r}")
        center = _node("Patent", key, _title(store, key))
        nodes[center["id"]] = center
        for rel, other, sql, outgoing in _PATENT_EDGES:
            for (okey,) in q(sql, (key,)).fetchall():
                if len(nodes) > limit:
                    break
                node = _node(other, okey, _title(store, okey) if other == "Patent" else None)
                nodes.setdefault(node["id"], node)
                src, dst = (center["id"], node["id"]) if outgoing else (node["id"], center["id"])
                edges.append({"source": src, "target": dst, "type": rel})
        return Subgraph(list(nodes.values()), edges)
    if label not in _REVERSE:
        raise ConfigError(f"neighbours of {label} nodes are not supported by the embedded store")
    rel, sql = _REVERSE[label]
    found = q(sql + " LIMIT ?", (key, limit)).fetchall()
    if not found:
        raise NotFoundError(f"no {label} {key!r} with patents")
    center = _node(label, key)
    nodes[center["id"]] = center
    for (pid,) in found:
        node = _node("Patent", pid, _title(store, pid))
        nodes[node["id"]] = node
        edges.append({"source": node["id"], "target": center["id"], "type": rel})
    return Subgraph(list(nodes.values()), edges)


def _title(store: SqliteStore, patent_id: str) -> str:
    row = store.conn.execute(
        "SELECT json_extract(doc, '$.title') FROM patent WHERE id = ? AND is_stub = 0", (patent_id,)
    ).fetchone()
    if not row or not row[0]:
        return patent_id
    import json

    titles = json.loads(row[0])
    return titles.get("en") or titles.get("zh") or next(iter(titles.values()), patent_id)
