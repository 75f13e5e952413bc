"""``ipnav ingest PATH... [--format F] [--mapping FILE] [--store URI] [--json]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ingest import FORMATS
from ipnav.cli.options import add_json, add_store, emit, settings_from
from ipnav.ingestion import ingest_paths, load_mapping
from ipnav.store import open_store

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="read patent exports into the store",
        description="Read patent exports (files or folders, gzip allowed) into the store. Every row is "
        "stored, merged into a duplicate, or quarantined with its reason.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument(
        "--format", default="auto", choices=("auto", *FORMATS), help="input format (default: detect from content)"
    )
    parser.add_argument("--mapping", type=Path, help="column mapping (YAML/JSON) for --format csv")
    parser.add_argument("--quarantine", type=Path, help="quarantine CSV (default: <workspace>/quarantine.csv)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    add_store(parser)
    add_json(parser)
    parser.set_defaults(func=run)


def _text(result: dict) -> str:
    lines = [
        f"read {result['read']:,} rows: stored {result['stored']:,} patents, merged {result['merged_duplicates']:,} "
        f"duplicates, quarantined {result['quarantined']:,}",
        f"store: {result['inserted']:,} new, {result['updated']:,} updated, {result['unchanged']:,} unchanged",
    ]
    for fmt, tally in result["by_format"].items():
        lines.append(
            f"  {fmt:<12} files {tally['files']:>3}  read {tally['read']:>8,}  stored {tally['stored']:>8,}  "
            f"merged {tally['merged_duplicates']:>6,}  quarantined {tally['quarantined']:>6,}"
        )
    for reason, n in result["quarantine_reasons"].items():
        lines.append(f"  quarantined {n:>6,}  {reason}")
    for error in result["file_errors"]:
        lines.append(f"  FILE NOT READ: {error['file']}: {error['error']}")
    if result["quarantined"] or result["file_errors"]:
        lines.append(f"quarantine file: {result['quarantine_file']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    quarantine = args.quarantine or settings.quarantine_path
    with open_store(settings.store_uri) as store:
        summary = ingest_paths(
            args.paths,
            store,
            fmt=args.format,
            mapping=load_mapping(args.mapping),
            quarantine_path=quarantine,
            progress=not args.no_progress and not args.json,
        )
    result = summary.as_dict()
    emit(result, as_json=args.json, text=_text(result))
    return 1 if summary.file_errors else 0
