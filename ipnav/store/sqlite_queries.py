"""Graph queries of the embedded store: co-applicants, citation paths, patent vectors and
similar patents. Same answers as :mod:`ipnav.store.neo4j_queries` (the contract suite checks).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from ipnav.exceptions import ConfigError, PatentNotFoundError
from ipnav.store.base import PatentFilter
from ipnav.store.neo4j_queries import check_paths_args, check_vectors

if TYPE_CHECKING:
    from ipnav.store.sqlite import SqliteStore

__all__ = [
    "sqlite_citation_paths",
    "sqlite_co_applicants",
    "sqlite_patent_embeddings",
    "sqlite_set_patent_embeddings",
    "sqlite_similar_patents",
]

_ORG_KEY = "COALESCE((SELECT canonical FROM alias WHERE alias.variant = a.variant), a.variant)"


def sqlite_co_applicants(
    store: SqliteStore, where: PatentFilter | None = None, *, min_patents: int = 1, limit: int | None = None
) -> list[tuple[str, str, int]]:
    """Pairs of organisations that share patents: ``[(key_a, key_b, shared)]``, ``key_a < key_b``."""
    from ipnav.store.sqlite import _where_sql

    if not isinstance(min_patents, int) or min_patents < 1:
        raise ConfigError(f"The 'min_patents' parameter must be an int >= 1. Got {min_patents!r} instead.")
    sql, params = _where_sql(where)
    rows = store.conn.execute(
        f"""WITH ak AS (SELECT DISTINCT a.patent_id AS pid, {_ORG_KEY} AS k
                        FROM assigned_to a JOIN patent p ON p.id = a.patent_id WHERE {sql})
            SELECT x.k, y.k, count(DISTINCT x.pid) AS n FROM ak x JOIN ak y ON x.pid = y.pid AND x.k < y.k
            GROUP BY x.k, y.k HAVING n >= ? ORDER BY n DESC, x.k, y.k LIMIT ?""",
        [*params, min_patents, -1 if limit is None else limit],
    ).fetchall()
    return [(a, b, int(n)) for a, b, n in rows]


def _neighbours(store: SqliteStore, ids: list[str], directed: bool) -> dict[str, list[str]]:
    chunk = json.dumps(ids)
    out: dict[str, list[str]] = {}
    q = store.conn.execute
    for a, b in q("SELECT citing, cited FROM cites WHERE citing IN (SELECT value FROM json_each(?))", (chunk,)):
        out.setdefault(a, []).append(b)
    if not directed:
        for a, b in q("SELECT cited, citing FROM cites WHERE cited IN (SELECT value FROM json_each(?))", (chunk,)):
            out.setdefault(a, []).append(b)
    return out


def sqlite_citation_paths(
    store: SqliteStore, source: str, target: str, *, max_hops: int = 6, directed: bool = True, limit: int = 10
) -> list[list[str]]:
    """All shortest citation paths from ``source`` to ``target`` (breadth-first, level by level)."""
    check_paths_args(source, target, max_hops, limit)
    for pid in (source, target):
        if store.conn.execute("SELECT 1 FROM patent WHERE id = ?", (pid,)).fetchone() is None:
            raise PatentNotFoundError(f"no patent {pid!r} in {store.uri}")
    parents: dict[str, list[str]] = {source: []}
    frontier = [source]
    for _ in range(max_hops):
        nxt: dict[str, list[str]] = {}
        for node, others in _neighbours(store, frontier, directed).items():
            for other in others:
                if other not in parents:
                    nxt.setdefault(other, []).append(node)
        if not nxt:
            return []
        parents.update(nxt)
        if target in nxt:
            break
        frontier = sorted(nxt)
    else:
        return []
    paths: list[list[str]] = []

    def walk(node: str, tail: list[str]) -> None:
        if node == source:
            paths.append([source, *tail])
            return
        for parent in parents[node]:
            walk(parent, [node, *tail])

    walk(target, [])
    return sorted(paths)[:limit]


def sqlite_set_patent_embeddings(store: SqliteStore, model: str, vectors: Mapping[str, np.ndarray]) -> int:
    """Attach vectors to patents (one model at a time; another model or dimension replaces all)."""
    dim, checked = check_vectors(model, vectors)
    if not checked:
        return 0
    row = store.conn.execute("SELECT model, length(vector) / 4 FROM patent_vector LIMIT 1").fetchone()
    statements: list[tuple[str, object, bool]] = []
    if row and (row[0] != model or int(row[1]) != dim):
        statements.append(("DELETE FROM patent_vector", (), False))
    real = {
        pid
        for (pid,) in store.conn.execute(
            "SELECT id FROM patent WHERE is_stub = 0 AND id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(checked)),),
        )
    }
    rows = [(pid, model, arr.tobytes()) for pid, arr in checked.items() if pid in real]
    statements.append(("INSERT OR REPLACE INTO patent_vector VALUES (?,?,?)", rows, True))
    store._write(statements)  # type: ignore[arg-type]
    return len(rows)


def sqlite_patent_embeddings(
    store: SqliteStore, patent_ids: Iterable[str] | None = None
) -> tuple[str | None, dict[str, np.ndarray]]:
    """The model of the attached vectors and the vectors by patent id."""
    row = store.conn.execute("SELECT model FROM patent_vector LIMIT 1").fetchone()
    if patent_ids is None:
        cursor = store.conn.execute("SELECT patent_id, vector FROM patent_vector ORDER BY patent_id")
    else:
        cursor = store.conn.execute(
            "SELECT patent_id, vector FROM patent_vector WHERE patent_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY patent_id",
            (json.dumps(list(patent_ids)),),
        )
    return (row[0] if row else None), {pid: np.frombuffer(blob, dtype=np.float32).copy() for pid, blob in cursor}


def sqlite_similar_patents(
    store: SqliteStore, patent_id: str, *, k: int = 10, model: str | None = None
) -> list[tuple[str, float]]:
    """The ``k`` patents nearest by cosine similarity (exact, brute force over the stored vectors)."""
    if not isinstance(k, int) or k < 1:
        raise ConfigError(f"The 'k' parameter must be an int >= 1. Got {k!r} instead.")
    current, vectors = sqlite_patent_embeddings(store)
    if model is not None and current is not None and current != model:
        raise ConfigError(f"patent vectors in the store are from model {current!r}, not {model!r}")
    if patent_id not in vectors:
        raise PatentNotFoundError(f"no patent {patent_id!r} with an embedding in {store.uri}")
    ids = [pid for pid in vectors if pid != patent_id]
    if not ids:
        return []
    matrix = np.stack([vectors[pid] for pid in ids])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    query = vectors[patent_id] / np.linalg.norm(vectors[patent_id])
    scores = (matrix @ query).astype(float)
    scored = sorted(zip(ids, scores.tolist(), strict=True), key=lambda t: (-round(t[1], 6), t[0]))
    return scored[:k]
