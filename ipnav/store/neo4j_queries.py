"""Graph queries of the Neo4j backend: neighbourhoods, co-applicants, citation paths and
similar patents (vector index), plus row builders shared with the topic writes.

Each function gives the same answer as its embedded-store twin in
:mod:`ipnav.store.sqlite_queries` (checked by ``tests/store/test_contract.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ipnav.exceptions import ConfigError, NotFoundError, PatentNotFoundError
from ipnav.store import cypher as C
from ipnav.store.base import NODE_LABELS, PatentFilter, Subgraph

if TYPE_CHECKING:
    from ipnav.store.neo4j import Neo4jStore

__all__ = [
    "check_paths_args",
    "check_vectors",
    "json_default",
    "neo4j_citation_paths",
    "neo4j_co_applicants",
    "neo4j_neighbors",
    "neo4j_patent_embeddings",
    "neo4j_set_patent_embeddings",
    "neo4j_similar_patents",
    "patent_title",
    "topic_rows",
]


def json_default(value: Any) -> Any:
    """JSON for numpy scalars and arrays (the stores keep topic docs and artifacts as JSON)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def patent_title(doc: str | None, patent_id: str) -> str:
    """The display name of a patent: English title, else Chinese, else any, else its id."""
    if not doc:
        return patent_id
    titles = json.loads(doc).get("title") or {}
    return titles.get("en") or titles.get("zh") or next(iter(titles.values()), patent_id)


def _node(label: str, key: str, name: str | None = None) -> dict[str, Any]:
    return {"id": f"{label}:{key}", "label": label, "key": key, "name": name or key}


def _titles(store: Neo4jStore, ids: Iterable[str]) -> dict[str, str]:
    ids = list(dict.fromkeys(ids))
    return {r["id"]: patent_title(r["doc"], r["id"]) for r in store._read(C.GET_DOCS, ids=ids)}


def neo4j_neighbors(store: Neo4jStore, label: str, key: str, *, limit: int = 50) -> Subgraph:
    """The node ``label:key`` and up to ``limit`` direct neighbours (see GraphStore.neighbors).

    Raises:
        ConfigError: Unknown label, or a label without neighbourhood support.
        NotFoundError: No such node.
    """
    if label not in NODE_LABELS:
        raise ConfigError(f"The 'label' parameter must be one of {', '.join(NODE_LABELS)}. Got {label!r} instead.")
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    if label == "Patent":
        if not store._read(C.PATENT_EXISTS, id=key):
            raise NotFoundError(f"no Patent {key!r}")
        rows = store._read(C.PATENT_NEIGHBORS, id=key)
        titles = _titles(store, [key] + [r["key"] for r in rows if r["label"] == "Patent"])
        center = _node("Patent", key, titles.get(key))
        nodes[center["id"]] = center
        for r in rows:
            if len(nodes) > limit:
                break
            node = _node(r["label"], r["key"], titles.get(r["key"]) if r["label"] == "Patent" else None)
            nodes.setdefault(node["id"], node)
            src, dst = (center["id"], node["id"]) if r["outgoing"] else (node["id"], center["id"])
            edges.append({"source": src, "target": dst, "type": r["type"]})
        return Subgraph(list(nodes.values()), edges)
    query = C.neighbor_query(label)
    if query is None:
        raise ConfigError(f"neighbours of {label} nodes are not supported")
    rel, statement = query
    found = [r["id"] for r in store._read(statement, key=key, limit=limit)]
    if not found:
        raise NotFoundError(f"no {label} {key!r} with patents")
    titles = _titles(store, found)
    center = _node(label, key)
    nodes[center["id"]] = center
    for pid in found:
        node = _node("Patent", pid, titles.get(pid))
        nodes[node["id"]] = node
        edges.append({"source": node["id"], "target": center["id"], "type": rel})
    return Subgraph(list(nodes.values()), edges)


def neo4j_co_applicants(
    store: Neo4jStore, where: PatentFilter | None = None, *, min_patents: int = 1, limit: int | None = None
) -> list[tuple[str, str, int]]:
    """Pairs of organisations that share patents: ``[(key_a, key_b, shared)]``, ``key_a < key_b``."""
    from ipnav.store.neo4j import _where

    if not isinstance(min_patents, int) or min_patents < 1:
        raise ConfigError(f"The 'min_patents' parameter must be an int >= 1. Got {min_patents!r} instead.")
    clause, params = _where(where)
    rows = store._read(
        C.CO_APPLICANTS.replace("{where}", clause),
        min_patents=min_patents,
        limit=2**62 if limit is None else limit,
        **params,
    )
    return [(r["a"], r["b"], int(r["n"])) for r in rows]


def check_paths_args(source: str, target: str, max_hops: int, limit: int) -> None:
    """Shared validation of citation_paths arguments (both backends)."""
    if not isinstance(max_hops, int) or not 1 <= max_hops <= C.MAX_PATH_HOPS:
        raise ConfigError(f"The 'max_hops' parameter must be an int in 1..{C.MAX_PATH_HOPS}. Got {max_hops!r} instead.")
    if not isinstance(limit, int) or limit < 1:
        raise ConfigError(f"The 'limit' parameter must be an int >= 1. Got {limit!r} instead.")
    if source == target:
        raise ConfigError(f"citation_paths needs two different patents. Got {source!r} twice.")


def neo4j_citation_paths(
    store: Neo4jStore, source: str, target: str, *, max_hops: int = 6, directed: bool = True, limit: int = 10
) -> list[list[str]]:
    """All shortest citation paths from ``source`` to ``target`` (citing -> cited), sorted, at most ``limit``."""
    check_paths_args(source, target, max_hops, limit)
    for pid in (source, target):
        if not store._read(C.PATENT_EXISTS, id=pid):
            raise PatentNotFoundError(f"no patent {pid!r} in {store.uri}")
    statement = C.CITATION_PATHS_DIRECTED if directed else C.CITATION_PATHS_UNDIRECTED
    paths = sorted({tuple(r["ids"]) for r in store._read(statement, source=source, target=target, max_hops=max_hops)})
    return [list(p) for p in paths[:limit]]


def check_vectors(model: str, vectors: Mapping[str, np.ndarray]) -> tuple[int, dict[str, np.ndarray]]:
    """Validate patent vectors (one dimension, finite, non-zero); return (dim, float32 vectors).

    Raises:
        ConfigError: Empty model name, or a vector that is not a finite non-zero 1-D array of the
            common dimension (the message names the patent).
    """
    if not isinstance(model, str) or not model:
        raise ConfigError(f"The 'model' parameter must be a non-empty string. Got {model!r} instead.")
    out: dict[str, np.ndarray] = {}
    dim = 0
    for pid, vec in vectors.items():
        arr = np.asarray(vec, dtype=np.float32)
        if arr.ndim != 1 or arr.shape[0] == 0 or not np.all(np.isfinite(arr)) or not np.any(arr):
            raise ConfigError(
                f"embedding of patent {pid!r} must be a finite, non-zero 1-D vector; got shape {arr.shape}"
            )
        if dim and arr.shape[0] != dim:
            raise ConfigError(f"embedding of patent {pid!r} has dimension {arr.shape[0]}, the others {dim}")
        dim = arr.shape[0]
        out[pid] = arr
    return dim, out


def neo4j_set_patent_embeddings(store: Neo4jStore, model: str, vectors: Mapping[str, np.ndarray]) -> int:
    """Attach vectors to patents and keep the vector index in step (one model at a time)."""
    dim, checked = check_vectors(model, vectors)
    if not checked:
        return 0
    current = store._read(C.PATENT_VECTOR_MODEL)
    index_dim = store._read(C.VECTOR_INDEX_DIM, name=C.VECTOR_INDEX_NAME)
    if current and (current[0]["model"] != model or (index_dim and int(index_dim[0]["dim"]) != dim)):
        store._write_one(C.CLEAR_PATENT_VECTORS)
    with store._errors("create the vector index in"):
        if index_dim and int(index_dim[0]["dim"]) != dim:
            store._run(C.DROP_VECTOR_INDEX)
        store._run(C.CREATE_VECTOR_INDEX, dim=dim)
        store._run(C.AWAIT_INDEXES, seconds=300)
    rows = [{"id": pid, "vector": arr.astype(np.float64).tolist()} for pid, arr in checked.items()]
    done = 0
    for start in range(0, len(rows), 2000):
        chunk = rows[start : start + 2000]
        done += int(store._write_one(C.SET_PATENT_VECTORS, rows=chunk, model=model)[0]["n"])
    return int(done)


def neo4j_patent_embeddings(
    store: Neo4jStore, patent_ids: Iterable[str] | None = None
) -> tuple[str | None, dict[str, np.ndarray]]:
    """The model of the attached vectors and the vectors by patent id."""
    current = store._read(C.PATENT_VECTOR_MODEL)
    ids = None if patent_ids is None else list(patent_ids)
    rows = store._read(C.PATENT_VECTORS, ids=ids)
    return (current[0]["model"] if current else None), {
        r["id"]: np.asarray(r["vector"], dtype=np.float32) for r in rows
    }


def neo4j_similar_patents(
    store: Neo4jStore, patent_id: str, *, k: int = 10, model: str | None = None
) -> list[tuple[str, float]]:
    """The ``k`` patents nearest by cosine similarity, via ``db.index.vector.queryNodes``."""
    if not isinstance(k, int) or k < 1:
        raise ConfigError(f"The 'k' parameter must be an int >= 1. Got {k!r} instead.")
    current = store._read(C.PATENT_VECTOR_MODEL)
    if model is not None and current and current[0]["model"] != model:
        raise ConfigError(f"patent vectors in the store are from model {current[0]['model']!r}, not {model!r}")
    rows = store._read(C.SIMILAR_PATENTS, id=patent_id, candidates=k + 11)
    if not rows and not store._read(C.PATENT_VECTORS, ids=[patent_id]):
        raise PatentNotFoundError(f"no patent {patent_id!r} with an embedding in {store.uri}")
    scored = sorted(((r["id"], 2.0 * float(r["score"]) - 1.0) for r in rows), key=lambda t: (-round(t[1], 6), t[0]))
    return scored[:k]


def topic_rows(
    run: Mapping[str, Any], topics: Sequence[Mapping[str, Any]], assignments: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
    """Topic nodes, assignment rows and the run JSON, normalised as the embedded store keeps them."""
    topic_list = [
        {
            "id": int(t["id"]),
            "label": str(t.get("label", "")),
            "parent": None if t.get("parent") is None else int(t["parent"]),
            "doc": json.dumps(dict(t), ensure_ascii=False, sort_keys=True, default=json_default),
        }
        for t in topics
    ]
    assign_list = [
        {
            "patent_id": a["patent_id"],
            "topic": None if a.get("topic") is None else int(a["topic"]),
            "probability": float(a.get("probability", 0.0)),
            "x": float(a.get("x", 0.0)),
            "y": float(a.get("y", 0.0)),
        }
        for a in assignments
    ]
    return topic_list, assign_list, json.dumps(dict(run), sort_keys=True, default=json_default)
