"""The embedded store: the patent graph in one SQLite file (WAL mode, no server).

Nodes and edges of ``docs/graph-model.md`` are tables; each patent's full canonical record is
kept as JSON beside the columns that queries filter on. WAL mode lets the Streamlit app read
while the CLI writes. Writes are idempotent: a record whose merged content hash is unchanged is
not rewritten.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ipnav.exceptions import ConfigError, PatentNotFoundError, StoreError, StoreUnavailableError
from ipnav.records import PatentRecord, merge_records, record_from_dict, record_hash, record_json
from ipnav.store.base import FACETS, PatentFilter, Subgraph, UpsertSummary
from ipnav.store.graph_rows import GraphRows, check_record, graph_rows, inventor_key, with_aliases

__all__ = ["SqliteStore"]

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS patent (
    id TEXT PRIMARY KEY, id_scheme TEXT, jurisdiction TEXT, kind TEXT, family_id TEXT,
    year INTEGER, publication_date TEXT, legal_status TEXT, is_stub INTEGER NOT NULL DEFAULT 0,
    text_lc TEXT, content_hash TEXT, doc TEXT
);
CREATE INDEX IF NOT EXISTS patent_year ON patent(year);
CREATE INDEX IF NOT EXISTS patent_juris ON patent(jurisdiction);
CREATE INDEX IF NOT EXISTS patent_family ON patent(family_id);
CREATE TABLE IF NOT EXISTS organization (key TEXT PRIMARY KEY, name TEXT, country TEXT, kind TEXT);
CREATE TABLE IF NOT EXISTS inventor (key TEXT PRIMARY KEY, name TEXT, country TEXT);
CREATE TABLE IF NOT EXISTS code (symbol TEXT PRIMARY KEY, level TEXT NOT NULL, parent TEXT);
CREATE TABLE IF NOT EXISTS industry (code TEXT PRIMARY KEY, name_zh TEXT, name_en TEXT, parent TEXT);
CREATE TABLE IF NOT EXISTS assigned_to (
    patent_id TEXT NOT NULL, variant TEXT NOT NULL, raw_name TEXT, country TEXT, kind TEXT,
    position INTEGER, PRIMARY KEY (patent_id, variant));
CREATE INDEX IF NOT EXISTS assigned_variant ON assigned_to(variant);
CREATE TABLE IF NOT EXISTS invented_by (
    patent_id TEXT NOT NULL, inventor_key TEXT NOT NULL, position INTEGER,
    PRIMARY KEY (patent_id, inventor_key));
CREATE INDEX IF NOT EXISTS invented_key ON invented_by(inventor_key);
CREATE TABLE IF NOT EXISTS classified_as (
    patent_id TEXT NOT NULL, symbol TEXT NOT NULL, scheme TEXT NOT NULL, position INTEGER,
    PRIMARY KEY (patent_id, symbol, scheme));
CREATE INDEX IF NOT EXISTS classified_symbol ON classified_as(symbol);
CREATE TABLE IF NOT EXISTS in_industry (
    patent_id TEXT NOT NULL, industry_code TEXT NOT NULL, PRIMARY KEY (patent_id, industry_code));
CREATE INDEX IF NOT EXISTS in_industry_code ON in_industry(industry_code);
CREATE TABLE IF NOT EXISTS cites (citing TEXT NOT NULL, cited TEXT NOT NULL, PRIMARY KEY (citing, cited));
CREATE INDEX IF NOT EXISTS cites_cited ON cites(cited);
CREATE TABLE IF NOT EXISTS alias (variant TEXT PRIMARY KEY, canonical TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS embedding (
    model TEXT NOT NULL, text_hash TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model, text_hash));
CREATE TABLE IF NOT EXISTS topic (id INTEGER PRIMARY KEY, label TEXT, parent INTEGER, doc TEXT);
CREATE TABLE IF NOT EXISTS in_topic (
    patent_id TEXT PRIMARY KEY, topic INTEGER, probability REAL, x REAL, y REAL);
CREATE INDEX IF NOT EXISTS in_topic_topic ON in_topic(topic);
CREATE TABLE IF NOT EXISTS artifact (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS patent_vector (patent_id TEXT PRIMARY KEY, model TEXT NOT NULL, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS region (key TEXT PRIMARY KEY, name TEXT, level TEXT, parent TEXT);
CREATE TABLE IF NOT EXISTS located_in (
    patent_id TEXT NOT NULL, variant TEXT NOT NULL, region TEXT NOT NULL,
    PRIMARY KEY (patent_id, variant, region));
CREATE INDEX IF NOT EXISTS located_region ON located_in(region);
"""

# The organisation key of an ASSIGNED_TO edge: the alias table's canonical name, else the variant.
_ORG_KEY = "COALESCE((SELECT canonical FROM alias WHERE alias.variant = a.variant), a.variant)"


class SqliteStore:
    """The embedded graph store (SQLite, WAL mode).

    Args:
        path: The database file; its folder is created on :meth:`open`.

    Example:
        >>> import tempfile
        >>> store = SqliteStore(f"{tempfile.mkdtemp()}/ipnav.db").open()
        >>> store.counts()["nodes"]["Patent"]
        0
        >>> store.close()
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.uri = f"sqlite:///{self.path}"
        self._conn: sqlite3.Connection | None = None

    @classmethod
    def from_uri(cls, uri: str) -> SqliteStore:
        """``sqlite:///relative/path.db`` or ``sqlite:////absolute/path.db``."""
        if not uri.startswith("sqlite:///") or len(uri) <= len("sqlite:///"):
            raise ConfigError(f"A sqlite store URI looks like sqlite:///path/to/ipnav.db. Got {uri!r} instead.")
        return cls(uri[len("sqlite:///") :])

    # --- connection ---------------------------------------------------------------------------
    def open(self) -> SqliteStore:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
            conn.executescript(_SCHEMA)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailableError(f"cannot open the store at {self.path}: {exc}") from exc
        self._conn = conn
        return self

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> SqliteStore:
        return self if self._conn is not None else self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the store is not open; call open() or use it as a context manager")
        return self._conn

    def _write(self, statements: Iterable[tuple[str, Sequence[Any] | Iterable[Sequence[Any]], bool]]) -> None:
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            for sql, params, many in statements:
                if many:
                    conn.executemany(sql, params)
                else:
                    conn.execute(sql, params)  # type: ignore[arg-type]
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK") if conn.in_transaction else None
            raise StoreError(f"write failed on {self.path}: {exc}", retryable="locked" in str(exc)) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # --- patents ------------------------------------------------------------------------------
    def upsert_patents(self, records: Iterable[PatentRecord], *, batch_size: int = 1000) -> UpsertSummary:
        if batch_size < 1:
            raise ConfigError(f"The 'batch_size' parameter must be an int >= 1. Got {batch_size!r} instead.")
        total = UpsertSummary()
        batch: dict[str, PatentRecord] = {}
        touched = False
        for index, record in enumerate(records):
            check_record(record, index)
            if record.id in batch:
                batch[record.id] = merge_records(batch[record.id], record)
            else:
                batch[record.id] = record
            if len(batch) >= batch_size:
                summary = self._upsert_batch(batch)
                total, touched = total + summary, touched or bool(summary.inserted + summary.updated)
                batch = {}
        if batch:
            summary = self._upsert_batch(batch)
            total, touched = total + summary, touched or bool(summary.inserted + summary.updated)
        if touched:
            self._refresh_names()
        return total

    def _existing(self, ids: Sequence[str]) -> dict[str, tuple[PatentRecord | None, str | None]]:
        rows = self.conn.execute(
            "SELECT id, doc, content_hash, is_stub FROM patent WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        ).fetchall()
        return {
            pid: (None if stub else record_from_dict(json.loads(doc)), None if stub else chash)
            for pid, doc, chash, stub in rows
        }

    def _upsert_batch(self, batch: Mapping[str, PatentRecord]) -> UpsertSummary:
        existing = self._existing(list(batch))
        inserted = updated = unchanged = 0
        to_write: list[PatentRecord] = []
        docs: dict[str, tuple[str, str]] = {}
        for pid, record in batch.items():
            old, old_hash = existing.get(pid, (None, None))
            merged = merge_records(old if old is not None else record, record)  # a new record in canonical form
            doc = record_json(merged)
            docs[pid] = (doc, record_hash(merged, doc))
            if old is not None and docs[pid][1] == old_hash:
                unchanged += 1
                continue
            if old is None:
                inserted += 1
            else:
                updated += 1
            to_write.append(merged)
        if to_write:
            self._write(self._write_statements(to_write, docs))
        return UpsertSummary(inserted, updated, unchanged)

    def _write_statements(
        self, records: Sequence[PatentRecord], docs: Mapping[str, tuple[str, str]]
    ) -> list[tuple[str, Any, bool]]:
        rows: GraphRows = graph_rows(records, docs)
        ids = json.dumps([r.id for r in records])
        stmts: list[tuple[str, Any, bool]] = []
        for table in ("assigned_to", "invented_by", "classified_as", "in_industry", "located_in"):
            stmts.append((f"DELETE FROM {table} WHERE patent_id IN (SELECT value FROM json_each(?))", (ids,), False))
        stmts.append(("DELETE FROM cites WHERE citing IN (SELECT value FROM json_each(?))", (ids,), False))
        stmts += [
            ("INSERT OR REPLACE INTO patent VALUES (?,?,?,?,?,?,?,?,0,?,?,?)", rows.patents, True),
            ("INSERT OR IGNORE INTO patent (id, id_scheme, jurisdiction, is_stub) VALUES (?,?,?,1)", rows.stubs, True),
            ("INSERT OR IGNORE INTO code VALUES (?,?,?)", rows.codes, True),
            ("INSERT OR IGNORE INTO organization (key) VALUES (?)", [(v,) for v, *_ in rows.orgs], True),
            ("INSERT OR IGNORE INTO inventor VALUES (?,?,?)", rows.inventors, True),
            ("INSERT OR IGNORE INTO industry (code) VALUES (?)", [(i,) for _, i in rows.industries], True),
            ("INSERT INTO assigned_to VALUES (?,?,?,?,?,?)", rows.assigned, True),
            ("INSERT INTO invented_by VALUES (?,?,?)", rows.invented, True),
            ("INSERT INTO classified_as VALUES (?,?,?,?)", rows.classified, True),
            ("INSERT INTO in_industry VALUES (?,?)", rows.industries, True),
            ("INSERT OR IGNORE INTO cites VALUES (?,?)", rows.cites, True),
            ("INSERT OR IGNORE INTO region VALUES (?,?,?,?)", rows.regions, True),
            ("INSERT OR IGNORE INTO located_in VALUES (?,?,?)", rows.located, True),
        ]
        return stmts

    def _refresh_names(self) -> None:
        """Rebuild organisation nodes: each named after its most frequent raw name (ties: alphabetical),
        with its most frequent country and kind."""
        rows = self.conn.execute(
            """SELECT COALESCE(al.canonical, a.variant), a.raw_name, a.country, a.kind, count(*)
               FROM assigned_to a LEFT JOIN alias al ON al.variant = a.variant GROUP BY 1, 2, 3, 4"""
        ).fetchall()
        tallies: dict[str, dict[str, Counter[str]]] = {}
        for key, raw, country, kind, n in rows:
            t = tallies.setdefault(key, {"name": Counter(), "country": Counter(), "kind": Counter()})
            t["name"][raw or key] += n
            if country:
                t["country"][country] += n
            if kind:
                t["kind"][kind] += n

        def best(counter: Counter[str]) -> str | None:
            return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counter else None

        orgs = [(k, best(t["name"]), best(t["country"]), best(t["kind"])) for k, t in sorted(tallies.items())]
        self._write(
            [("DELETE FROM organization", (), False), ("INSERT INTO organization VALUES (?,?,?,?)", orgs, True)]
        )

    def get_patent(self, patent_id: str) -> PatentRecord:
        found = self.get_patents([patent_id])
        if patent_id not in found:
            raise PatentNotFoundError(f"no patent {patent_id!r} in {self.uri}")
        return found[patent_id]

    def get_patents(self, patent_ids: Iterable[str]) -> dict[str, PatentRecord]:
        ids = list(dict.fromkeys(patent_ids))
        out: dict[str, PatentRecord] = {}
        aliases = self.aliases()
        for start in range(0, len(ids), 5000):
            chunk = json.dumps(ids[start : start + 5000])
            for pid, doc in self.conn.execute(
                "SELECT id, doc FROM patent WHERE is_stub = 0 AND id IN (SELECT value FROM json_each(?))", (chunk,)
            ):
                out[pid] = _with_aliases(record_from_dict(json.loads(doc)), aliases)
        return out

    def iter_patents(
        self, where: PatentFilter | None = None, *, batch_size: int = 1000, resolve_aliases: bool = True
    ) -> Iterator[PatentRecord]:
        sql, params = _where_sql(where)
        aliases = self.aliases() if resolve_aliases else {}
        cursor = self.conn.execute(
            f"SELECT p.id, p.doc, p.is_stub, p.jurisdiction, p.id_scheme FROM patent p WHERE {sql} ORDER BY p.id",
            params,
        )
        while rows := cursor.fetchmany(batch_size):
            for pid, doc, stub, juris, scheme in rows:
                if stub:
                    yield PatentRecord(id=pid, jurisdiction=juris, id_scheme=scheme or "publication")
                else:
                    yield _with_aliases(record_from_dict(json.loads(doc)), aliases)

    def count_patents(self, where: PatentFilter | None = None) -> int:
        sql, params = _where_sql(where)
        return int(self.conn.execute(f"SELECT count(*) FROM patent p WHERE {sql}", params).fetchone()[0])

    def iter_citations(self) -> Iterator[tuple[str, str]]:
        yield from self.conn.execute("SELECT citing, cited FROM cites ORDER BY citing, cited")

    # --- organisations ------------------------------------------------------------------------
    def set_aliases(self, aliases: Mapping[str, str]) -> None:
        rows = sorted((v, c) for v, c in aliases.items() if v != c)
        self._write([("DELETE FROM alias", (), False), ("INSERT INTO alias VALUES (?,?)", rows, True)])
        self._refresh_names()

    def aliases(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT variant, canonical FROM alias ORDER BY variant"))

    def organization_variants(self) -> list[dict[str, Any]]:
        """Every organisation key BEFORE aliases, with its patents, most frequent raw name, kind, country.

        What :mod:`ipnav.alias_table` groups; largest first, then by key.
        """

        def top(column: str) -> str:
            return (
                f"(SELECT {column} FROM assigned_to b WHERE b.variant = a.variant AND {column} IS NOT NULL "
                f"GROUP BY {column} ORDER BY count(*) DESC, {column} LIMIT 1)"
            )

        rows = self.conn.execute(
            f"""SELECT a.variant, count(DISTINCT a.patent_id) AS n, {top("raw_name")}, {top("kind")}, {top("country")}
                FROM assigned_to a GROUP BY a.variant ORDER BY n DESC, a.variant"""
        ).fetchall()
        return [
            {"variant": v, "patents": int(n), "name": name, "kind": kind, "country": country}
            for v, n, name, kind, country in rows
        ]

    def organizations(self, query: str | None = None, *, limit: int = 50) -> list[dict[str, Any]]:
        like = f"%{(query or '').lower()}%"
        rows = self.conn.execute(
            f"""SELECT {_ORG_KEY} AS k, count(DISTINCT a.patent_id) AS n FROM assigned_to a
                GROUP BY k HAVING lower(k) LIKE ? OR k IN (SELECT key FROM organization WHERE lower(name) LIKE ?)
                ORDER BY n DESC, k LIMIT ?""",
            (like, like, limit),
        ).fetchall()
        names = dict(self.conn.execute("SELECT key, name FROM organization"))
        return [{"key": k, "name": names.get(k) or k, "patents": n} for k, n in rows]

    # --- industries, embeddings, topics, artifacts --------------------------------------------
    def upsert_industries(self, industries: Sequence[Mapping[str, Any]], *, replace: bool = False) -> None:
        """Industry nodes; with ``replace`` the nodes not listed and not used by a patent are dropped."""
        rows = [(i["code"], i.get("name_zh"), i.get("name_en"), i.get("parent")) for i in industries]
        parents = [(r[3],) for r in rows if r[3] is not None]
        stmts: list[tuple[str, Any, bool]] = [
            ("INSERT OR REPLACE INTO industry VALUES (?,?,?,?)", rows, True),
            ("INSERT OR IGNORE INTO industry (code) VALUES (?)", parents, True),
        ]
        if replace:
            stmts.append(
                (
                    "DELETE FROM industry WHERE code NOT IN (SELECT value FROM json_each(?)) "
                    "AND code NOT IN (SELECT industry_code FROM in_industry) "
                    "AND code NOT IN (SELECT parent FROM industry WHERE parent IS NOT NULL)",
                    (json.dumps([r[0] for r in rows]),),
                    False,
                )
            )
        self._write(stmts)

    def industries(self) -> list[dict[str, Any]]:
        return [
            {"code": c, "name_zh": zh, "name_en": en, "parent": p}
            for c, zh, en, p in self.conn.execute("SELECT code, name_zh, name_en, parent FROM industry ORDER BY code")
        ]

    def set_patent_industries(self, tags: Mapping[str, Sequence[str]]) -> int:
        """Replace the industry tags of the given patents (record and IN_INDUSTRY edges); return how many changed.

        Patents not in the store are ignored; a patent whose tags are already these is not rewritten.
        """
        changed = 0
        ids = list(tags)
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            rows = self.conn.execute(
                "SELECT id, doc FROM patent WHERE is_stub = 0 AND id IN (SELECT value FROM json_each(?))",
                (json.dumps(chunk),),
            ).fetchall()
            updates, edges = [], []
            for pid, doc in rows:
                data = json.loads(doc)
                new = sorted(set(tags[pid]))
                if sorted(data.get("industries", [])) == new:
                    continue
                record = record_from_dict({**data, "industries": new})
                blob = record_json(record)
                updates.append((blob, record_hash(record, blob), pid))
                edges += [(pid, code) for code in new]
            if updates:
                changed += len(updates)
                done = json.dumps([u[2] for u in updates])
                self._write(
                    [
                        ("UPDATE patent SET doc = ?, content_hash = ? WHERE id = ?", updates, True),
                        ("DELETE FROM in_industry WHERE patent_id IN (SELECT value FROM json_each(?))", (done,), False),
                        ("INSERT OR IGNORE INTO industry (code) VALUES (?)", [(c,) for _, c in edges], True),
                        ("INSERT INTO in_industry VALUES (?,?)", edges, True),
                    ]
                )
        return changed

    def put_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = []
        for text_hash, vec in vectors.items():
            arr = np.ascontiguousarray(vec, dtype=np.float32)
            rows.append((model, text_hash, int(arr.shape[0]), arr.tobytes()))
        self._write([("INSERT OR REPLACE INTO embedding VALUES (?,?,?,?)", rows, True)])

    def get_embeddings(self, model: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        hashes = list(text_hashes)
        for start in range(0, len(hashes), 5000):
            chunk = json.dumps(hashes[start : start + 5000])
            for h, blob in self.conn.execute(
                "SELECT text_hash, vector FROM embedding "
                "WHERE model = ? AND text_hash IN (SELECT value FROM json_each(?))",
                (model, chunk),
            ):
                out[h] = np.frombuffer(blob, dtype=np.float32).copy()
        return out

    def iter_embeddings(self, model: str | None = None) -> Iterator[tuple[str, str, np.ndarray]]:
        cursor = self.conn.execute(
            "SELECT model, text_hash, vector FROM embedding WHERE ? IS NULL OR model = ? ORDER BY model, text_hash",
            (model, model),
        )
        for m, h, blob in cursor:
            yield m, h, np.frombuffer(blob, dtype=np.float32).copy()

    def save_topics(
        self, run: Mapping[str, Any], topics: Sequence[Mapping[str, Any]], assignments: Sequence[Mapping[str, Any]]
    ) -> None:
        topic_rows = [
            (
                int(t["id"]),
                str(t.get("label", "")),
                t.get("parent"),
                json.dumps(dict(t), ensure_ascii=False, sort_keys=True, default=_json_default),
            )
            for t in topics
        ]
        assign_rows = [
            (
                a["patent_id"],
                None if a.get("topic") is None else int(a["topic"]),
                float(a.get("probability", 0.0)),
                float(a.get("x", 0.0)),
                float(a.get("y", 0.0)),
            )
            for a in assignments
        ]
        self._write(
            [
                ("DELETE FROM topic", (), False),
                ("DELETE FROM in_topic", (), False),
                ("INSERT INTO topic VALUES (?,?,?,?)", topic_rows, True),
                ("INSERT INTO in_topic VALUES (?,?,?,?,?)", assign_rows, True),
                (
                    "INSERT OR REPLACE INTO artifact VALUES ('topics.run', ?)",
                    (json.dumps(dict(run), sort_keys=True, default=_json_default),),
                    False,
                ),
            ]
        )

    def load_topics(self) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        run = self.get_artifact("topics.run") or {}
        topics = [json.loads(doc) for (doc,) in self.conn.execute("SELECT doc FROM topic ORDER BY id")]
        assignments = [
            {"patent_id": p, "topic": t, "probability": pr, "x": x, "y": y}
            for p, t, pr, x, y in self.conn.execute("SELECT * FROM in_topic ORDER BY patent_id")
        ]
        return run, topics, assignments

    def put_artifact(self, key: str, value: Mapping[str, Any]) -> None:
        blob = json.dumps(dict(value), ensure_ascii=False, sort_keys=True, default=_json_default)
        self._write([("INSERT OR REPLACE INTO artifact VALUES (?, ?)", (key, blob), False)])

    def get_artifact(self, key: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT value FROM artifact WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def artifact_keys(self) -> list[str]:
        return [k for (k,) in self.conn.execute("SELECT key FROM artifact ORDER BY key")]

    def delete_all(self) -> None:
        tables = [
            r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name != 'meta'")
        ]
        self._write([(f"DELETE FROM {t}", (), False) for t in tables])

    # --- summaries ----------------------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        q = self.conn.execute
        nodes = {
            "Patent": q("SELECT count(*) FROM patent").fetchone()[0],
            "Organization": q(f"SELECT count(DISTINCT {_ORG_KEY}) FROM assigned_to a").fetchone()[0],
            "Inventor": q("SELECT count(*) FROM inventor").fetchone()[0],
            "Code": q("SELECT count(*) FROM code").fetchone()[0],
            "Industry": q("SELECT count(*) FROM industry").fetchone()[0],
            "Family": q("SELECT count(DISTINCT family_id) FROM patent WHERE family_id IS NOT NULL").fetchone()[0],
            "Topic": q("SELECT count(*) FROM topic").fetchone()[0],
            "Region": q("SELECT count(*) FROM region").fetchone()[0],
        }
        edges = {
            "ASSIGNED_TO": q(
                f"SELECT count(*) FROM (SELECT DISTINCT patent_id, {_ORG_KEY} FROM assigned_to a)"
            ).fetchone()[0],
            "INVENTED_BY": q("SELECT count(*) FROM invented_by").fetchone()[0],
            "CLASSIFIED_AS": q("SELECT count(*) FROM classified_as").fetchone()[0],
            "SUBCLASS_OF": q("SELECT count(*) FROM code WHERE parent IS NOT NULL").fetchone()[0]
            + q("SELECT count(*) FROM industry WHERE parent IS NOT NULL").fetchone()[0]
            + q("SELECT count(*) FROM topic WHERE parent IS NOT NULL").fetchone()[0],
            "IN_INDUSTRY": q("SELECT count(*) FROM in_industry").fetchone()[0],
            "IN_FAMILY": q("SELECT count(*) FROM patent WHERE family_id IS NOT NULL").fetchone()[0],
            "CITES": q("SELECT count(*) FROM cites").fetchone()[0],
            "IN_TOPIC": q("SELECT count(*) FROM in_topic WHERE topic IS NOT NULL").fetchone()[0],
            "LOCATED_IN": q(
                f"SELECT count(*) FROM (SELECT DISTINCT {_ORG_KEY}, a.region FROM located_in a)"
            ).fetchone()[0],
        }
        return {"nodes": {k: int(v) for k, v in nodes.items()}, "edges": {k: int(v) for k, v in edges.items()}}

    def facet(self, name: str, where: PatentFilter | None = None, *, limit: int | None = None) -> list[tuple[str, int]]:
        if name not in FACETS:
            raise ConfigError(
                f"The 'name' parameter of facet must be one of {', '.join(FACETS)}. Got {name!r} instead."
            )
        sql, params = _where_sql(where)
        value, join = {
            "year": ("p.year", ""),
            "jurisdiction": ("p.jurisdiction", ""),
            "legal_status": ("p.legal_status", ""),
            "kind": ("p.kind", ""),
            "industry": ("i.industry_code", "JOIN in_industry i ON i.patent_id = p.id"),
            "applicant": (_ORG_KEY, "JOIN assigned_to a ON a.patent_id = p.id"),
            "subclass": ("substr(c.symbol, 1, 4)", "JOIN classified_as c ON c.patent_id = p.id"),
        }[name]
        rows = self.conn.execute(
            f"""SELECT CAST({value} AS TEXT) AS v, count(DISTINCT p.id) AS n FROM patent p {join}
                WHERE {sql} AND {value} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?""",
            [*params, -1 if limit is None else limit],
        ).fetchall()
        return [(v, int(n)) for v, n in rows]

    def neighbors(self, label: str, key: str, *, limit: int = 50) -> Subgraph:
        from ipnav.store.neighbors import sqlite_neighbors

        return sqlite_neighbors(self, label, key, limit=limit)

    # --- graph queries (ipnav/store/sqlite_queries.py) ----------------------------------------
    def co_applicants(
        self, where: PatentFilter | None = None, *, min_patents: int = 1, limit: int | None = None
    ) -> list[tuple[str, str, int]]:
        from ipnav.store.sqlite_queries import sqlite_co_applicants

        return sqlite_co_applicants(self, where, min_patents=min_patents, limit=limit)

    def citation_paths(
        self, source: str, target: str, *, max_hops: int = 6, directed: bool = True, limit: int = 10
    ) -> list[list[str]]:
        from ipnav.store.sqlite_queries import sqlite_citation_paths

        return sqlite_citation_paths(self, source, target, max_hops=max_hops, directed=directed, limit=limit)

    def set_patent_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> int:
        from ipnav.store.sqlite_queries import sqlite_set_patent_embeddings

        return sqlite_set_patent_embeddings(self, model, vectors)

    def patent_embeddings(self, patent_ids: Iterable[str] | None = None) -> tuple[str | None, dict[str, np.ndarray]]:
        from ipnav.store.sqlite_queries import sqlite_patent_embeddings

        return sqlite_patent_embeddings(self, patent_ids)

    def similar_patents(self, patent_id: str, *, k: int = 10, model: str | None = None) -> list[tuple[str, float]]:
        from ipnav.store.sqlite_queries import sqlite_similar_patents

        return sqlite_similar_patents(self, patent_id, k=k, model=model)


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


_with_aliases = with_aliases


def _where_sql(where: PatentFilter | None) -> tuple[str, list[Any]]:
    where = where or PatentFilter()
    clauses = ["1=1" if where.include_stubs else "p.is_stub = 0"]
    params: list[Any] = []
    if where.ids is not None:
        clauses.append("p.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(where.ids)))
    if where.jurisdictions:
        clauses.append("p.jurisdiction IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(where.jurisdictions)))
    if where.industries:
        clauses.append(
            "EXISTS (SELECT 1 FROM in_industry i2 WHERE i2.patent_id = p.id "
            "AND i2.industry_code IN (SELECT value FROM json_each(?)))"
        )
        params.append(json.dumps(list(where.industries)))
    if where.codes:
        ors = " OR ".join("substr(c2.symbol, 1, ?) = ?" for _ in where.codes)
        clauses.append(f"EXISTS (SELECT 1 FROM classified_as c2 WHERE c2.patent_id = p.id AND ({ors}))")
        for prefix in where.codes:
            params += [len(prefix), prefix]
    if where.applicants:
        clauses.append(
            "EXISTS (SELECT 1 FROM assigned_to a2 WHERE a2.patent_id = p.id AND "
            "COALESCE((SELECT canonical FROM alias WHERE alias.variant = a2.variant), a2.variant) "
            "IN (SELECT value FROM json_each(?)))"
        )
        params.append(json.dumps(list(where.applicants)))
    if where.regions:
        clauses.append(
            "EXISTS (SELECT 1 FROM located_in l2, json_each(?) r2 WHERE l2.patent_id = p.id AND "
            "(l2.region = r2.value OR substr(l2.region, 1, length(r2.value) + 1) = r2.value || '/'))"
        )
        params.append(json.dumps(list(where.regions)))
    if where.year_from is not None:
        clauses.append("p.year >= ?")
        params.append(where.year_from)
    if where.year_to is not None:
        clauses.append("p.year <= ?")
        params.append(where.year_to)
    if where.text:
        clauses.append("instr(p.text_lc, ?) > 0")
        params.append(where.text.lower())
    return " AND ".join(clauses), params


# Re-exported for the Neo4j backend and tests.
__all__ += ["inventor_key"]
