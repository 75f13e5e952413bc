"""The Neo4j backend: the same patent graph (``docs/graph-model.md``) in a Neo4j 5 server.

The caller may own the driver (``Neo4jStore(driver=..., database=...)``); :meth:`Neo4jStore.from_uri`
builds one from a ``neo4j://`` / ``bolt://`` URI with ``NEO4J_USER`` / ``NEO4J_PASSWORD`` from the
environment (never logged, never kept in the URI). Every Cypher statement lives in
:mod:`ipnav.store.cypher`. Writes build the same rows as the embedded store
(:func:`ipnav.store.graph_rows.graph_rows`), merge with the stored record
(:func:`ipnav.records.merge_records`), skip records whose content hash is unchanged, and run as
batched ``UNWIND $rows`` statements in one managed write transaction per batch (retried by the
driver on transient errors), so loading the same data twice leaves the graph identical and a
batch interrupted by a crash is either wholly in or wholly out.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit

import numpy as np

from ipnav.exceptions import ConfigError, PatentNotFoundError, StoreError, StoreUnavailableError
from ipnav.records import PatentRecord, merge_records, record_from_dict, record_hash, record_json
from ipnav.store import cypher as C
from ipnav.store.base import FACETS, PatentFilter, Subgraph, UpsertSummary
from ipnav.store.graph_rows import check_record, graph_rows, with_aliases

__all__ = ["Neo4jStore"]

log = logging.getLogger(__name__)
T = TypeVar("T")

_SCHEMES = ("bolt", "neo4j", "bolt+s", "bolt+ssc", "neo4j+s", "neo4j+ssc")


class Neo4jStore:
    """The patent graph in a Neo4j 5 server (Community or Enterprise, Aura, a cluster).

    Args:
        driver: A ``neo4j.Driver`` the caller owns (left open by :meth:`close`). If None, ``uri``
            and ``auth`` are used to build one on :meth:`open`, owned by the store.
        database: Database name; None for the server's default database.
        uri: Server URI when no driver is given.
        auth: ``(user, password)`` when no driver is given.

    Example:
        >>> import neo4j  # doctest: +SKIP
        >>> driver = neo4j.GraphDatabase.driver("bolt://127.0.0.1:7687", auth=("neo4j", "secret"))  # doctest: +SKIP
        >>> with Neo4jStore(driver=driver) as store:  # doctest: +SKIP
        ...     store.count_patents()
        0
    """

    def __init__(
        self,
        driver: Any = None,
        *,
        database: str | None = None,
        uri: str | None = None,
        auth: tuple[str, str] | None = None,
    ):
        self._driver = driver
        self._owns_driver = driver is None
        self.database = database
        self._uri = uri
        self._auth = auth
        self.uri = _display_uri(uri, database) if uri else "neo4j://(caller's driver)"
        self._opened = False

    def __repr__(self) -> str:
        return f"Neo4jStore(uri={self.uri!r}, database={self.database!r})"

    @classmethod
    def from_uri(cls, uri: str) -> Neo4jStore:
        """A store for ``neo4j://host:7687[/database]`` (or ``bolt://``, ``+s``, ``+ssc``).

        The user and password come from ``NEO4J_USER`` (default ``neo4j``) and ``NEO4J_PASSWORD``;
        the database from the URI path, else ``NEO4J_DATABASE``, else the server default.

        Raises:
            ConfigError: Not a Neo4j URI, credentials written into the URI, or no NEO4J_PASSWORD.

        Example:
            >>> try:
            ...     Neo4jStore.from_uri("http://db.example:7474")
            ... except ConfigError as exc:
            ...     print(str(exc)[:36])
            A Neo4j store URI looks like neo4j:/
        """
        parts = urlsplit(uri)
        if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
            raise ConfigError(
                f"A Neo4j store URI looks like neo4j://host:7687 or bolt://host:7687. Got {uri!r} instead."
            )
        if parts.username or parts.password:
            raise ConfigError("Do not put credentials in the store URI; set NEO4J_USER and NEO4J_PASSWORD instead.")
        password = os.environ.get("NEO4J_PASSWORD")
        if not password:
            raise ConfigError(f"NEO4J_PASSWORD is not set; it is needed to connect to {uri}.")
        user = os.environ.get("NEO4J_USER") or "neo4j"
        database = parts.path.strip("/") or os.environ.get("NEO4J_DATABASE") or None
        server = f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return cls(database=database, uri=server, auth=(user, password))

    # --- connection ---------------------------------------------------------------------------
    def open(self) -> Neo4jStore:
        """Verify connectivity and create constraints and indexes (before any load).

        Raises:
            StoreUnavailableError: No server answers, or the credentials are refused.
        """
        if self._driver is None:
            import neo4j

            if not self._uri:
                raise ConfigError("Neo4jStore needs a driver or a uri")
            self._driver = neo4j.GraphDatabase.driver(
                self._uri, auth=self._auth, max_transaction_retry_time=30.0, connection_timeout=10.0
            )
            self._owns_driver = True
        with self._errors("connect to"):
            self._driver.verify_connectivity()
        self._opened = True
        with self._errors("create the schema in"):
            for statement in C.CONSTRAINTS + C.INDEXES:
                self._run(statement)
            self._run(C.AWAIT_INDEXES, seconds=300)
        return self

    def close(self) -> None:
        if self._driver is not None and self._owns_driver:
            self._driver.close()
            self._driver = None
        self._opened = False

    def __enter__(self) -> Neo4jStore:
        return self if self._opened else self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def driver(self) -> Any:
        if self._driver is None or not self._opened:
            raise StoreError("the store is not open; call open() or use it as a context manager")
        return self._driver

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn driver errors into ipnav errors that say whether a retry can help."""
        import neo4j.exceptions as ne

        try:
            yield
        except ne.AuthError as exc:
            raise StoreUnavailableError(
                f"cannot {action} {self.uri}: authentication failed (check NEO4J_USER / NEO4J_PASSWORD)"
            ) from exc
        except (ne.ServiceUnavailable, ne.SessionExpired, OSError) as exc:
            raise StoreUnavailableError(
                f"cannot {action} {self.uri}: no server answers ({exc})", retryable=True
            ) from exc
        except ne.TransientError as exc:
            raise StoreError(f"cannot {action} {self.uri}: {exc.message}", retryable=True) from exc
        except ne.Neo4jError as exc:
            raise StoreError(f"cannot {action} {self.uri}: {exc.message}") from exc
        except ne.DriverError as exc:
            raise StoreError(f"cannot {action} {self.uri}: {exc}", retryable=True) from exc

    def _session(self) -> Any:
        return self.driver.session(database=self.database, notifications_min_severity="OFF")

    def _run(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """Run one auto-commit statement (schema commands, CALL IN TRANSACTIONS)."""
        with self._session() as session:
            return [r.data() for r in session.run(statement, params)]

    def _read(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        def work(tx: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(statement, params)]

        with self._errors("read from"), self._session() as session:
            return session.execute_read(work)

    def _write(self, work: Callable[[Any], T]) -> T:
        with self._errors("write to"), self._session() as session:
            return session.execute_write(work)

    def _write_one(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """One statement in one managed write transaction (retried on transient errors)."""

        def work(tx: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(statement, params)]

        return self._write(work)

    # --- patents ------------------------------------------------------------------------------
    def upsert_patents(self, records: Iterable[PatentRecord], *, batch_size: int = 1000) -> UpsertSummary:
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ConfigError(f"The 'batch_size' parameter must be an int >= 1. Got {batch_size!r} instead.")
        aliases = self.aliases()
        total = UpsertSummary()
        known = _Known()
        batch: dict[str, PatentRecord] = {}
        for index, record in enumerate(records):
            check_record(record, index)
            batch[record.id] = merge_records(batch[record.id], record) if record.id in batch else record
            if len(batch) >= batch_size:
                total += self._upsert_batch(batch, aliases, known)
                batch = {}
        if batch:
            total += self._upsert_batch(batch, aliases, known)
        self._refresh_orgs()
        return total

    def _upsert_batch(
        self, batch: Mapping[str, PatentRecord], aliases: Mapping[str, str], known: _Known
    ) -> UpsertSummary:
        existing = {r["id"]: r for r in self._read(C.FETCH_EXISTING, ids=list(batch)) if not r["stub"]}
        inserted = updated = unchanged = 0
        to_write: list[PatentRecord] = []
        docs: dict[str, tuple[str, str]] = {}
        for pid, record in batch.items():
            old = existing.get(pid)
            stored = record_from_dict(json.loads(old["doc"])) if old else record
            merged = merge_records(stored, record)  # a new record in canonical form too
            doc = record_json(merged)
            docs[pid] = (doc, record_hash(merged, doc))
            if old and docs[pid][1] == old["hash"]:
                unchanged += 1
                continue
            inserted, updated = (inserted, updated + 1) if old else (inserted + 1, updated)
            to_write.append(merged)
        if to_write:
            statements = _write_params(to_write, aliases, docs, known)
            self._write(lambda tx: _write_records(tx, statements))
            known.update(statements)
        return UpsertSummary(inserted, updated, unchanged)

    def _refresh_orgs(self) -> None:
        """Name dirty organisations after their most frequent raw name; drop those without patents."""
        keys = [r["key"] for r in self._read(C.DIRTY_ORG_KEYS)]
        for start in range(0, len(keys), 5000):
            chunk = list(keys[start : start + 5000])
            tallies: dict[str, dict[str, Counter[Any]]] = {}
            for r in self._read(C.ORG_EDGE_VALUES, keys=chunk):
                t = tallies.setdefault(r["key"], {"name": Counter(), "country": Counter(), "kind": Counter()})
                for field in ("name", "country", "kind"):
                    if r[field] is not None:
                        t[field][r[field]] += r["n"]
            rows = [{"key": k, **{f: _mode(c) for f, c in t.items()}} for k, t in tallies.items()]

            def work(tx: Any, rows: list[dict[str, Any]] = rows, chunk: list[str] = chunk) -> None:
                tx.run(C.SET_ORG_NAMES, rows=rows).consume()
                tx.run(C.REFRESH_LOCATED, keys=chunk).consume()
                tx.run(C.DELETE_ORGS, keys=chunk).consume()

            self._write(work)

    def get_patent(self, patent_id: str) -> PatentRecord:
        found = self.get_patents([patent_id])
        if patent_id not in found:
            raise PatentNotFoundError(f"no patent {patent_id!r} in {self.uri}")
        return found[patent_id]

    def get_patents(self, patent_ids: Iterable[str]) -> dict[str, PatentRecord]:
        ids = list(dict.fromkeys(patent_ids))
        aliases = self.aliases()
        out: dict[str, PatentRecord] = {}
        for start in range(0, len(ids), 5000):
            for r in self._read(C.GET_DOCS, ids=ids[start : start + 5000]):
                out[r["id"]] = with_aliases(record_from_dict(json.loads(r["doc"])), aliases)
        return out

    def iter_patents(
        self, where: PatentFilter | None = None, *, batch_size: int = 1000, resolve_aliases: bool = True
    ) -> Iterator[PatentRecord]:
        clause, params = _where(where)
        statement = C.ITER_PATENTS.replace("{where}", clause)
        aliases = self.aliases() if resolve_aliases else {}
        after = ""
        while True:
            page = self._read(statement, after=after, limit=batch_size, **params)
            for r in page:
                if r["stub"]:
                    yield PatentRecord(
                        id=r["id"], jurisdiction=r["jurisdiction"], id_scheme=r["id_scheme"] or "publication"
                    )
                else:
                    yield with_aliases(record_from_dict(json.loads(r["doc"])), aliases)
            if len(page) < batch_size:
                return
            after = page[-1]["id"]

    def count_patents(self, where: PatentFilter | None = None) -> int:
        clause, params = _where(where)
        return int(self._read(C.COUNT_PATENTS.replace("{where}", clause), **params)[0]["n"])

    def iter_citations(self) -> Iterator[tuple[str, str]]:
        citing = cited = ""
        while True:
            page = self._read(C.ITER_CITATIONS, after_citing=citing, after_cited=cited, limit=10000)
            for r in page:
                yield r["citing"], r["cited"]
            if len(page) < 10000:
                return
            citing, cited = page[-1]["citing"], page[-1]["cited"]

    # --- organisations ------------------------------------------------------------------------
    def set_aliases(self, aliases: Mapping[str, str]) -> None:
        table = {str(v): str(c) for v, c in aliases.items() if v != c}
        rows = [{"variant": v, "canonical": c} for v, c in sorted(table.items())]

        def work(tx: Any) -> None:
            tx.run(C.DELETE_ALIASES).consume()
            tx.run(C.CREATE_ALIASES, rows=rows).consume()
            tx.run(C.REKEY_ASSIGNED, aliases=table).consume()

        self._write(work)
        self._refresh_orgs()

    def aliases(self) -> dict[str, str]:
        return {r["variant"]: r["canonical"] for r in self._read(C.READ_ALIASES)}

    def organization_variants(self) -> list[dict[str, Any]]:
        """Every organisation key BEFORE aliases with its patents and most frequent raw name, kind,
        country (what :mod:`ipnav.alias_table` groups); largest first, then by key."""
        rows = [
            {
                "variant": r["variant"],
                "patents": int(r["patents"]),
                "name": _mode(r["names"]),
                "kind": _mode(r["kinds"]),
                "country": _mode(r["countries"]),
            }
            for r in self._read(C.ORG_VARIANTS)
        ]
        return sorted(rows, key=lambda r: (-r["patents"], r["variant"]))

    def organizations(self, query: str | None = None, *, limit: int = 50) -> list[dict[str, Any]]:
        return self._read(C.ORGANIZATIONS, query=(query or "").lower(), limit=limit)

    # --- industries, embeddings, topics, artifacts --------------------------------------------
    def upsert_industries(self, industries: Sequence[Mapping[str, Any]], *, replace: bool = False) -> None:
        """Industry nodes; with ``replace`` the nodes not listed, not tagged on a patent and not the
        parent of another industry are dropped."""
        rows = [
            {"code": i["code"], "name_zh": i.get("name_zh"), "name_en": i.get("name_en"), "parent": i.get("parent")}
            for i in industries
        ]
        self._write_one(C.UPSERT_INDUSTRIES, rows=rows)
        if replace:
            unused = [r["code"] for r in self._read(C.UNUSED_INDUSTRIES, keep=[r["code"] for r in rows])]
            if unused:
                self._write_one(C.DELETE_INDUSTRIES, codes=unused)

    def set_patent_industries(self, tags: Mapping[str, Sequence[str]]) -> int:
        """Replace the industry tags of the given patents (record and IN_INDUSTRY edges); return how
        many changed. Patents not in the store are ignored; unchanged ones are not rewritten."""
        changed = 0
        ids = list(tags)
        for start in range(0, len(ids), 1000):
            rows = []
            for r in self._read(C.GET_DOCS, ids=ids[start : start + 1000]):
                data = json.loads(r["doc"])
                new = sorted(set(tags[r["id"]]))
                if sorted(data.get("industries", [])) == new:
                    continue
                record = record_from_dict({**data, "industries": new})
                doc = record_json(record)
                rows.append({"id": r["id"], "doc": doc, "hash": record_hash(record, doc), "codes": new})
            if rows:
                self._write_one(C.SET_PATENT_INDUSTRIES, rows=rows)
                changed += len(rows)
        return changed

    def industries(self) -> list[dict[str, Any]]:
        return self._read(C.READ_INDUSTRIES)

    def put_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = []
        for text_hash, vec in vectors.items():
            arr = np.ascontiguousarray(vec, dtype=np.float32).ravel()
            rows.append(
                {
                    "key": f"{model}\x1f{text_hash}",
                    "model": model,
                    "text_hash": text_hash,
                    "dim": int(arr.shape[0]),
                    "vector": arr.astype(np.float64).tolist(),
                }
            )
        for start in range(0, len(rows), 2000):
            chunk = rows[start : start + 2000]
            self._write_one(C.PUT_EMBEDDINGS, rows=chunk)

    def get_embeddings(self, model: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        hashes = list(text_hashes)
        for start in range(0, len(hashes), 5000):
            keys = [f"{model}\x1f{h}" for h in hashes[start : start + 5000]]
            for r in self._read(C.GET_EMBEDDINGS, keys=keys):
                out[r["text_hash"]] = np.asarray(r["vector"], dtype=np.float32)
        return out

    def iter_embeddings(self, model: str | None = None) -> Iterator[tuple[str, str, np.ndarray]]:
        after = ""
        while True:
            page = self._read(C.ITER_EMBEDDINGS, model=model, after=after, limit=2000)
            for r in page:
                yield r["model"], r["text_hash"], np.asarray(r["vector"], dtype=np.float32)
            if len(page) < 2000:
                return
            after = page[-1]["key"]

    def save_topics(
        self, run: Mapping[str, Any], topics: Sequence[Mapping[str, Any]], assignments: Sequence[Mapping[str, Any]]
    ) -> None:
        from ipnav.store.neo4j_queries import topic_rows

        topic_list, assign_list, run_json = topic_rows(run, topics, assignments)

        def work(tx: Any) -> None:
            tx.run(C.DELETE_TOPICS).consume()
            tx.run(C.DELETE_TOPIC_ASSIGNMENTS).consume()
            tx.run(C.CREATE_TOPICS, rows=topic_list).consume()
            tx.run(C.LINK_TOPIC_PARENTS, rows=[t for t in topic_list if t["parent"] is not None]).consume()
            for start in range(0, len(assign_list), 10000):
                tx.run(C.CREATE_TOPIC_ASSIGNMENTS, rows=assign_list[start : start + 10000]).consume()
            tx.run(C.PUT_ARTIFACT, key="topics.run", value=run_json).consume()

        self._write(work)

    def load_topics(self) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        run = self.get_artifact("topics.run") or {}
        topics = [json.loads(r["doc"]) for r in self._read(C.READ_TOPICS)]
        return run, topics, self._read(C.READ_TOPIC_ASSIGNMENTS)

    def put_artifact(self, key: str, value: Mapping[str, Any]) -> None:
        from ipnav.store.neo4j_queries import json_default

        blob = json.dumps(dict(value), ensure_ascii=False, sort_keys=True, default=json_default)
        self._write_one(C.PUT_ARTIFACT, key=key, value=blob)

    def get_artifact(self, key: str) -> dict[str, Any] | None:
        rows = self._read(C.GET_ARTIFACT, key=key)
        return json.loads(rows[0]["value"]) if rows else None

    def artifact_keys(self) -> list[str]:
        return [r["key"] for r in self._read(C.ARTIFACT_KEYS)]

    def delete_all(self) -> None:
        with self._errors("empty"):
            for statement in C.DELETE_ALL:
                self._run(statement)

    # --- summaries ----------------------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {label: int(self._read(q)[0]["n"]) for label, q in C.COUNT_NODES.items()}
        edges = {rel: int(self._read(q)[0]["n"]) for rel, q in C.COUNT_EDGES.items()}
        return {"nodes": nodes, "edges": edges}

    def facet(self, name: str, where: PatentFilter | None = None, *, limit: int | None = None) -> list[tuple[str, int]]:
        if name not in FACETS:
            raise ConfigError(
                f"The 'name' parameter of facet must be one of {', '.join(FACETS)}. Got {name!r} instead."
            )
        clause, params = _where(where)
        statement = C.FACET_QUERIES[name].replace("{where}", clause) + C.FACET_TAIL
        rows = self._read(statement, limit=2**62 if limit is None or limit < 0 else limit, **params)
        return [(str(r["v"]), int(r["n"])) for r in rows]

    # --- graph queries (ipnav/store/neo4j_queries.py) -----------------------------------------
    def neighbors(self, label: str, key: str, *, limit: int = 50) -> Subgraph:
        from ipnav.store.neo4j_queries import neo4j_neighbors

        return neo4j_neighbors(self, label, key, limit=limit)

    def co_applicants(
        self, where: PatentFilter | None = None, *, min_patents: int = 1, limit: int | None = None
    ) -> list[tuple[str, str, int]]:
        from ipnav.store.neo4j_queries import neo4j_co_applicants

        return neo4j_co_applicants(self, where, min_patents=min_patents, limit=limit)

    def citation_paths(
        self, source: str, target: str, *, max_hops: int = 6, directed: bool = True, limit: int = 10
    ) -> list[list[str]]:
        from ipnav.store.neo4j_queries import neo4j_citation_paths

        return neo4j_citation_paths(self, source, target, max_hops=max_hops, directed=directed, limit=limit)

    def set_patent_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> int:
        from ipnav.store.neo4j_queries import neo4j_set_patent_embeddings

        return neo4j_set_patent_embeddings(self, model, vectors)

    def patent_embeddings(self, patent_ids: Iterable[str] | None = None) -> tuple[str | None, dict[str, np.ndarray]]:
        from ipnav.store.neo4j_queries import neo4j_patent_embeddings

        return neo4j_patent_embeddings(self, patent_ids)

    def similar_patents(self, patent_id: str, *, k: int = 10, model: str | None = None) -> list[tuple[str, float]]:
        from ipnav.store.neo4j_queries import neo4j_similar_patents

        return neo4j_similar_patents(self, patent_id, k=k, model=model)


# --- helpers ----------------------------------------------------------------------------------
def _display_uri(uri: str, database: str | None) -> str:
    return uri + (f"/{database}" if database else "")


def _mode(values: Sequence[Any] | Counter[Any]) -> Any:
    """The most frequent value, ties broken alphabetically (None for no values)."""
    if not values:
        return None
    counts = values if isinstance(values, Counter) else Counter(values)
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


class _Known:
    """Nodes one ``upsert_patents`` call has already written (committed), so later batches of the
    same call do not send them again. Only nodes that a load never deletes are remembered."""

    def __init__(self) -> None:
        self.patents: set[str] = set()
        self.codes: set[str] = set()
        self.inventors: set[str] = set()
        self.orgs: set[str] = set()
        self.regions: set[str] = set()

    def update(self, p: Mapping[str, list[Any]]) -> None:
        self.patents.update(p["ids"])
        self.patents.update(s["id"] for s in p["stubs"])
        self.codes.update(c["symbol"] for c in p["codes"])
        self.inventors.update(i["key"] for i in p["inventors"])
        self.orgs.update(p["orgs"])
        self.regions.update(r["key"] for r in p["regions"])


def _where(where: PatentFilter | None) -> tuple[str, dict[str, Any]]:
    """The WHERE text (constant fragments only) and its parameters for a filter."""
    w = where or PatentFilter()
    parts: list[str] = [] if w.include_stubs else [C.FILTER_CLAUSES["stubs"]]
    params: dict[str, Any] = {}
    values = {
        "ids": None if w.ids is None else list(w.ids),
        "jurisdictions": list(w.jurisdictions) or None,
        "industries": list(w.industries) or None,
        "codes": list(w.codes) or None,
        "applicants": list(w.applicants) or None,
        "regions": list(w.regions) or None,
        "year_from": w.year_from,
        "year_to": w.year_to,
        "text": w.text.lower() if w.text else None,
    }
    for name, value in values.items():
        if value is not None:
            parts.append(C.FILTER_CLAUSES[name])
            params[f"f_{name}"] = value
    return " AND ".join(parts) or "true", params


_PATENT_PROPS = (
    "id_scheme",
    "jurisdiction",
    "kind",
    "family_id",
    "year",
    "publication_date",
    "legal_status",
    "text_lc",
    "content_hash",
    "doc",
)


def _write_params(
    records: Sequence[PatentRecord], aliases: Mapping[str, str], docs: Mapping[str, tuple[str, str]], known: _Known
) -> dict[str, list[Any]]:
    """The ``$rows`` of every write statement for a batch of merged records (nodes this load has
    already written are left out)."""
    rows = graph_rows(records, docs)
    located = {(pid, variant): region for pid, variant, region in rows.located}
    assigned = [
        {
            "patent_id": a[0],
            "variant": a[1],
            "key": aliases.get(a[1], a[1]),
            "raw_name": a[2],
            "country": a[3],
            "kind": a[4],
            "position": a[5],
            "region": located.get((a[0], a[1])),
        }
        for a in rows.assigned
    ]
    return {
        "ids": [r.id for r in records],
        "patents": [{"id": p[0], "props": dict(zip(_PATENT_PROPS, p[1:], strict=True))} for p in rows.patents],
        "families": [{"patent_id": p[0], "family_id": p[4]} for p in rows.patents if p[4]],
        "stubs": [
            {"id": s[0], "id_scheme": s[1], "jurisdiction": s[2]} for s in rows.stubs if s[0] not in known.patents
        ],
        "codes": [{"symbol": s, "level": lvl, "parent": par} for s, lvl, par in rows.codes if s not in known.codes],
        "regions": [
            {"key": k, "name": n, "level": lvl, "parent": par}
            for k, n, lvl, par in rows.regions
            if k not in known.regions
        ],
        "orgs": sorted({a["key"] for a in assigned} - known.orgs),
        "assigned": assigned,
        "inventors": [{"key": k, "name": n, "country": c} for k, n, c in rows.inventors if k not in known.inventors],
        "invented": [{"patent_id": p, "key": k, "position": pos} for p, k, pos in rows.invented],
        "classified": [
            {"patent_id": p, "symbol": s, "scheme": sc, "position": pos} for p, s, sc, pos in rows.classified
        ],
        "industries": [{"patent_id": p, "code": i} for p, i in rows.industries],
        "cites": [{"citing": a, "cited": b} for a, b in rows.cites],
    }


def _write_records(tx: Any, p: Mapping[str, list[Any]]) -> None:
    """One batch in one transaction (idempotent: the driver may run it again after a failure)."""
    old_orgs: set[str] = set()
    old_families: list[str] = []
    for r in tx.run(C.DETACH_RECORD_EDGES, ids=p["ids"]):
        if r["type"] == "ASSIGNED_TO":
            old_orgs.add(r["key"])
        elif r["type"] == "IN_FAMILY":
            old_families.append(r["key"])
    tx.run(C.UPSERT_PATENTS, rows=p["patents"]).consume()
    tx.run(C.MERGE_STUBS, rows=p["stubs"]).consume()
    tx.run(C.MERGE_CODES, rows=p["codes"]).consume()
    tx.run(C.LINK_CODE_PARENTS, rows=[c for c in p["codes"] if c["parent"] is not None]).consume()
    tx.run(C.MERGE_REGIONS, rows=p["regions"]).consume()
    if p["orgs"]:
        tx.run(C.MERGE_ORGANIZATIONS, keys=p["orgs"]).consume()
    tx.run(C.CREATE_ASSIGNED, rows=p["assigned"]).consume()
    tx.run(C.MERGE_INVENTORS, rows=p["inventors"]).consume()
    tx.run(C.CREATE_INVENTED, rows=p["invented"]).consume()
    tx.run(C.CREATE_CLASSIFIED, rows=p["classified"]).consume()
    tx.run(C.CREATE_IN_INDUSTRY, rows=p["industries"]).consume()
    tx.run(C.CREATE_IN_FAMILY, rows=p["families"]).consume()
    tx.run(C.CREATE_CITES, rows=p["cites"]).consume()
    if old_families:
        tx.run(C.DELETE_EMPTY_FAMILIES, ids=old_families).consume()
    tx.run(C.MARK_ORGS_DIRTY, keys=sorted(old_orgs | {a["key"] for a in p["assigned"]})).consume()
