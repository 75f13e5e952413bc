"""``ipnav sync``: copy a whole workspace graph from one store to another (either direction).

Example::

    NEO4J_PASSWORD=... ipnav sync --from sqlite:///workspace/ipnav.db --to neo4j://127.0.0.1:7687
    ipnav sync --from neo4j://db.example:7687 --to sqlite:///backup/ipnav.db --replace --json

What is copied: patents with their records as stored (applicant names before aliases, so the
alias table stays editable), the alias table, the industry taxonomy, the embedding cache, the
patent vectors of similar-patent search, the topic map, and every kept artifact. Stub patents
(cited, never loaded) are re-created from the citations. Writes are upserts, so running it
twice copies nothing new; ``--replace`` empties the target first. At the end the node and edge
counts of both stores are compared; the exit code is 1 if they differ.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from tqdm import tqdm

from ipnav.cli.options import add_json, emit
from ipnav.exceptions import ConfigError
from ipnav.store import GraphStore, open_store
from ipnav.store.base import PatentFilter

__all__ = ["register", "sync_stores"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="copy a workspace between stores (sqlite <-> neo4j)",
        description="Copy every patent, alias, industry, embedding, topic and artifact from one store to another.",
    )
    parser.add_argument("--from", dest="source", required=True, metavar="URI", help="store to copy from")
    parser.add_argument("--to", dest="target", required=True, metavar="URI", help="store to copy into")
    parser.add_argument("--replace", action="store_true", help="empty the target store first")
    parser.add_argument("--batch-size", type=int, default=1000, help="patents per write transaction (default 1000)")
    add_json(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.source == args.target:
        raise ConfigError("--from and --to name the same store")
    with open_store(args.source) as source, open_store(args.target) as target:
        result = sync_stores(source, target, replace=args.replace, batch_size=args.batch_size)
    lines = [f"synced {result['from']} -> {result['to']}"]
    lines += [f"  {key}: {value}" for key, value in result.items() if key not in ("from", "to", "counts")]
    emit(result, as_json=args.json, text="\n".join(lines))
    return 0 if result["counts_equal"] else 1


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def sync_stores(
    source: GraphStore, target: GraphStore, *, replace: bool = False, batch_size: int = 1000
) -> dict[str, Any]:
    """Copy everything from ``source`` into ``target`` (both opened); return what was copied.

    Example:
        >>> import tempfile
        >>> from ipnav.store.sqlite import SqliteStore
        >>> from ipnav.records import PatentRecord
        >>> d = tempfile.mkdtemp()
        >>> a, b = SqliteStore(f"{d}/a.db").open(), SqliteStore(f"{d}/b.db").open()
        >>> _ = a.upsert_patents([PatentRecord(id="US1", jurisdiction="US", cited=("US0",))])
        >>> sync_stores(a, b)["counts_equal"], b.counts()["nodes"]["Patent"]
        (True, 2)
    """
    if replace:
        target.delete_all()
    aliases = source.aliases()
    target.set_aliases(aliases)  # before the patents, so they land on canonical organisations
    industries = source.industries()
    if industries:
        target.upsert_industries(industries)
    total = source.count_patents()
    patents = source.iter_patents(PatentFilter(include_stubs=False), batch_size=batch_size, resolve_aliases=False)
    with tqdm(total=total, desc="sync patents", unit="patent", file=sys.stderr, disable=total < 5000) as bar:
        summary = None
        for chunk in _chunks(patents, batch_size * 10):
            done = target.upsert_patents(chunk, batch_size=batch_size)
            summary = done if summary is None else summary + done
            bar.update(len(chunk))
    embeddings = 0
    for chunk in _chunks(source.iter_embeddings(), 2000):
        for model in sorted({m for m, _, _ in chunk}):
            target.put_embeddings(model, {h: v for m, h, v in chunk if m == model})
        embeddings += len(chunk)
    model, vectors = source.patent_embeddings()
    vectors_set = target.set_patent_embeddings(model, vectors) if model and vectors else 0
    run, topics, assignments = source.load_topics()
    if topics or assignments or run:
        target.save_topics(run, topics, assignments)
    keys = source.artifact_keys()
    for key in keys:
        value = source.get_artifact(key)
        if value is not None:
            target.put_artifact(key, value)
    source_counts, target_counts = source.counts(), target.counts()
    return {
        "from": source.uri,
        "to": target.uri,
        "patents": total,
        "inserted": summary.inserted if summary else 0,
        "updated": summary.updated if summary else 0,
        "unchanged": summary.unchanged if summary else 0,
        "aliases": len(aliases),
        "industries": len(industries),
        "embeddings": embeddings,
        "patent_vectors": vectors_set,
        "topics": len(topics),
        "artifacts": len(keys),
        "counts_equal": source_counts == target_counts,
        "counts": target_counts,
    }
