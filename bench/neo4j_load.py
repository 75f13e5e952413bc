"""Neo4j load throughput: patents/second with their organisation, code and citation relationships.

Two inputs:

1. the real Lens robotics export (``data/demo/lens_robotics_physical_ai.csv.gz``, 14,373 rows;
   it has applicants and IPC codes but no citations);
2. a labelled SYNTHETIC set of ``--synthetic N`` records (default 200,000) from
   :mod:`ipnav.synthetic` (ids ``XS...``, titles ``[SYNTHETIC]``, ~4 citations each).

For each, in the same run against the same server:

* ``baseline``: the engine's own ceiling on this machine, a raw ``UNWIND $rows CREATE`` of exactly
  the same nodes (with the same properties, including the record JSON) and relationships, rows
  prepared in advance, relationships created with ``MATCH`` on the same unique constraints, in
  managed write transactions of ``--batch`` records;
* ``ipnav``: ``Neo4jStore.upsert_patents`` from records: building the rows, fetching existing
  records, merging, content hashes, ``MERGE`` upserts, organisation naming.

Both loads end in the same graph (node and edge counts are compared and reported). ``ratio`` is
ipnav patents/s divided by baseline patents/s; the target is at least 0.5. ``reload`` is the
time of loading the same records again (everything unchanged).

Usage::

    NEO4J_PASSWORD=... python bench/neo4j_load.py [--synthetic 200000] [--uri bolt://127.0.0.1:7687]
    python bench/neo4j_load.py --start-server      # start a private server (scripts/neo4j-server)

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest import lens  # noqa: E402
from ipnav.records import PatentRecord, merge_records  # noqa: E402
from ipnav.store.graph_rows import graph_rows  # noqa: E402
from ipnav.store.neo4j import Neo4jStore  # noqa: E402
from ipnav.synthetic import synthetic_records  # noqa: E402

LENS = REPO / "data" / "demo" / "lens_robotics_physical_ai.csv.gz"
PROPS = ("id_scheme", "jurisdiction", "kind", "family_id", "year", "publication_date", "legal_status", "text_lc",
         "content_hash", "doc")

# The baseline's statements: plain CREATE, no MERGE, no reads.
RAW = {
    "patents": "UNWIND $rows AS row CREATE (p:Patent) SET p = row",
    "orgs": "UNWIND $rows AS row CREATE (o:Organization) SET o = row",
    "inventors": "UNWIND $rows AS row CREATE (i:Inventor) SET i = row",
    "codes": "UNWIND $rows AS row CREATE (c:Code) SET c = row",
    "industries": "UNWIND $rows AS row CREATE (:Industry {code: row.code})",
    "families": "UNWIND $rows AS row CREATE (:Family {id: row.id})",
    "regions": "UNWIND $rows AS row CREATE (r:Region) SET r = row",
    "located": """UNWIND $rows AS row MATCH (o:Organization {key: row.key}), (r:Region {key: row.region})
                  CREATE (o)-[:LOCATED_IN]->(r)""",
    "code_parents": """UNWIND $rows AS row MATCH (c:Code {symbol: row.symbol}), (p:Code {symbol: row.parent})
                       CREATE (c)-[:SUBCLASS_OF]->(p)""",
    "assigned": """UNWIND $rows AS row MATCH (p:Patent {id: row.patent_id}), (o:Organization {key: row.key})
                   CREATE (p)-[:ASSIGNED_TO {variant: row.key, raw_name: row.raw_name, country: row.country,
                                             kind: row.kind, position: row.position, region: row.region}]->(o)""",
    "invented": """UNWIND $rows AS row MATCH (p:Patent {id: row.patent_id}), (i:Inventor {key: row.key})
                   CREATE (p)-[:INVENTED_BY {position: row.position}]->(i)""",
    "classified": """UNWIND $rows AS row MATCH (p:Patent {id: row.patent_id}), (c:Code {symbol: row.symbol})
                     CREATE (p)-[:CLASSIFIED_AS {scheme: row.scheme, position: row.position}]->(c)""",
    "in_industry": """UNWIND $rows AS row MATCH (p:Patent {id: row.patent_id}), (i:Industry {code: row.code})
                      CREATE (p)-[:IN_INDUSTRY]->(i)""",
    "in_family": """UNWIND $rows AS row MATCH (p:Patent {id: row.patent_id}), (f:Family {id: row.family_id})
                    CREATE (p)-[:IN_FAMILY]->(f)""",
    "cites": """UNWIND $rows AS row MATCH (a:Patent {id: row.citing}), (b:Patent {id: row.cited})
                CREATE (a)-[:CITES]->(b)""",
}


def lens_records() -> list[PatentRecord]:
    return [r for r in lens.read(LENS) if isinstance(r, PatentRecord)]


def raw_rows(records: Sequence[PatentRecord], batch: int) -> list[list[tuple[str, list[dict[str, Any]]]]]:
    """The baseline's statements and rows, in transactions of ``batch`` records (nodes first)."""
    nodes: list[tuple[str, list[dict[str, Any]]]] = []
    rels: list[list[tuple[str, list[dict[str, Any]]]]] = []
    orgs: dict[str, dict[str, Any]] = {}
    inventors: dict[str, dict[str, Any]] = {}
    codes: dict[str, dict[str, Any]] = {}
    industries: set[str] = set()
    families: set[str] = set()
    regions: dict[str, dict[str, Any]] = {}
    located: set[tuple[str, str]] = set()
    own = {r.id for r in records}
    stubs: dict[str, dict[str, Any]] = {}
    for start in range(0, len(records), batch):
        rows = graph_rows(records[start : start + batch])
        patents = [{"id": p[0], **dict(zip(PROPS, p[1:], strict=True)), "is_stub": False} for p in rows.patents]
        nodes.append((RAW["patents"], [{k: v for k, v in p.items() if v is not None} for p in patents]))
        for pid, scheme, juris in rows.stubs:
            if pid not in own and pid not in stubs:
                stubs[pid] = {k: v for k, v in
                              {"id": pid, "is_stub": True, "id_scheme": scheme, "jurisdiction": juris}.items() if v}
        for variant, name, country, kind in rows.orgs:
            orgs.setdefault(variant, {"key": variant, "name": name, "country": country, "kind": kind})
        for key, name, country in rows.inventors:
            inventors.setdefault(key, {"key": key, "name": name, "country": country})
        for symbol, level, parent in rows.codes:
            codes.setdefault(symbol, {"symbol": symbol, "level": level, "parent": parent})
        industries.update(code for _, code in rows.industries)
        for key, name, level, parent in rows.regions:
            regions.setdefault(key, _clean({"key": key, "name": name, "level": level, "parent": parent}))
        where = {(pid, variant): region for pid, variant, region in rows.located}
        located.update((variant, region) for _, variant, region in rows.located)
        families.update(p[4] for p in rows.patents if p[4])
        rels.append([
            (RAW["assigned"], [{"patent_id": a[0], "key": a[1], "raw_name": a[2], "country": a[3], "kind": a[4],
                                "position": a[5], "region": where.get((a[0], a[1]))} for a in rows.assigned]),
            (RAW["invented"], [{"patent_id": p, "key": k, "position": pos} for p, k, pos in rows.invented]),
            (RAW["classified"], [{"patent_id": p, "symbol": s, "scheme": sc, "position": pos}
                                 for p, s, sc, pos in rows.classified]),
            (RAW["in_industry"], [{"patent_id": p, "code": i} for p, i in rows.industries]),
            (RAW["in_family"], [{"patent_id": p[0], "family_id": p[4]} for p in rows.patents if p[4]]),
            (RAW["cites"], [{"citing": a, "cited": b} for a, b in rows.cites]),
        ])
    chunks: list[list[tuple[str, list[dict[str, Any]]]]] = [[n] for n in nodes]
    for statement, items in (
        (RAW["patents"], list(stubs.values())), (RAW["orgs"], [_clean(o) for o in orgs.values()]),
        (RAW["inventors"], [_clean(i) for i in inventors.values()]),
        (RAW["codes"], [_clean(c) for c in codes.values()]),
        (RAW["industries"], [{"code": c} for c in sorted(industries)]),
        (RAW["families"], [{"id": f} for f in sorted(families)]),
        (RAW["regions"], list(regions.values())),
    ):
        chunks += [[(statement, items[i : i + 10 * batch])] for i in range(0, len(items), 10 * batch)]
    parents = [c for c in codes.values() if c["parent"]]
    chunks += [[(RAW["code_parents"], parents[i : i + 10 * batch])] for i in range(0, len(parents), 10 * batch)]
    pairs = [{"key": k, "region": r} for k, r in sorted(located)]
    tail = [[(RAW["located"], pairs[i : i + 10 * batch])] for i in range(0, len(pairs), 10 * batch)]
    return chunks + rels + tail


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}


def run_raw(store: Neo4jStore, chunks: list[list[tuple[str, list[dict[str, Any]]]]]) -> float:
    start = time.perf_counter()
    for chunk in tqdm(chunks, desc="baseline CREATE", unit="tx", file=sys.stderr, leave=False):

        def work(tx: Any, chunk: list[tuple[str, list[dict[str, Any]]]] = chunk) -> None:
            for statement, rows in chunk:
                if rows:
                    tx.run(statement, rows=rows).consume()

        store._write(work)
    return time.perf_counter() - start


def run_ipnav(store: Neo4jStore, records: Sequence[PatentRecord], batch: int) -> tuple[float, Any]:
    start = time.perf_counter()
    summary = store.upsert_patents(_progress(records, "ipnav upsert"), batch_size=batch)
    return time.perf_counter() - start, summary


def _progress(records: Sequence[PatentRecord], label: str) -> Iterator[PatentRecord]:
    yield from tqdm(records, desc=label, unit="patent", file=sys.stderr, leave=False, mininterval=2)


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def unique(records: Sequence[PatentRecord]) -> list[PatentRecord]:
    """One record per canonical id (duplicates merged), in first-seen order."""
    out: dict[str, PatentRecord] = {}
    for r in records:
        out[r.id] = merge_records(out[r.id], r) if r.id in out else r
    return list(out.values())


def measure(store: Neo4jStore, name: str, records: list[PatentRecord], batch: int) -> dict[str, Any]:
    merged = unique(records)
    n = len(merged)
    print(f"[{name}] {len(records)} records, {n} patents: preparing baseline rows", file=sys.stderr)
    chunks = raw_rows(merged, batch)
    store.delete_all()
    base_s = run_raw(store, chunks)
    base_counts = store.counts()
    del chunks
    clear_s = _timed(store.delete_all)
    ipnav_s, summary = run_ipnav(store, records, batch)
    ipnav_counts = store.counts()
    reload_s, again = run_ipnav(store, records, batch)
    rels = sum(ipnav_counts["edges"].values())
    result = {
        "records": len(records), "patents": n, "nodes": sum(ipnav_counts["nodes"].values()), "relationships": rels,
        "ipnav_patents_per_s": round(n / ipnav_s, 1), "baseline_patents_per_s": round(n / base_s, 1),
        "ratio": round(base_s / ipnav_s, 3), "ipnav_s": round(ipnav_s, 2), "baseline_s": round(base_s, 2),
        "reload_patents_per_s": round(n / reload_s, 1), "reload_unchanged": again.unchanged,
        "inserted": summary.inserted, "same_graph": base_counts == ipnav_counts, "delete_all_s": round(clear_s, 2),
    }
    print(f"[{name}] {json.dumps(result)}", file=sys.stderr)
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=int, default=200_000, help="synthetic records (default 200000)")
    parser.add_argument("--batch", type=int, default=1000, help="records per write transaction (default 1000)")
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    parser.add_argument("--start-server", action="store_true", help="start a private server for the run")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    tmp = tempfile.TemporaryDirectory(prefix="ipnav-neo4j-bench-")
    if args.start_server:
        port = _free_port()
        env.update(NEO4J_BOLT_PORT=str(port), NEO4J_HTTP_PORT=str(_free_port()), NEO4J_DATA_DIR=f"{tmp.name}/neo4j",
                   NEO4J_PASSWORD=env.get("NEO4J_PASSWORD") or "ipnav-bench-password")
        env.setdefault("NEO4J_HEAP", "2g")
        subprocess.run([str(REPO / "scripts" / "neo4j-server"), "start"], env=env, check=True)
        args.uri = f"bolt://127.0.0.1:{port}"
    try:
        os.environ["NEO4J_PASSWORD"] = env.get("NEO4J_PASSWORD", "")
        with Neo4jStore.from_uri(args.uri) as store:
            version = store._read("CALL dbms.components() YIELD versions RETURN versions[0] AS v")[0]["v"]
            measure(store, "warm-up", list(synthetic_records(3000, seed=99)), args.batch)
            lens_result = measure(store, "lens", lens_records(), args.batch)
            synthetic = list(synthetic_records(args.synthetic, seed=1))
            synthetic_result = measure(store, "synthetic", synthetic, args.batch)
            store.delete_all()
    finally:
        if args.start_server:
            subprocess.run([str(REPO / "scripts" / "neo4j-server"), "stop"], env=env, check=False)
        tmp.cleanup()
    print(json.dumps({
        "bench": "neo4j_load", "unit": "patents/s",
        "ipnav": synthetic_result["ipnav_patents_per_s"], "baseline": synthetic_result["baseline_patents_per_s"],
        "ratio": synthetic_result["ratio"], "target_ratio": 0.5, "neo4j": version, "batch": args.batch,
        "baseline_name": "raw UNWIND $rows CREATE of the same nodes and relationships",
        "lens": lens_result, "synthetic": synthetic_result, "cpus": os.cpu_count(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
