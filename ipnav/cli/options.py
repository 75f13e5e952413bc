"""Options and output shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ipnav.config import Settings
from ipnav.store import GraphStore, open_store

__all__ = ["add_json", "add_store", "emit", "settings_from", "store_from"]


def add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="URI",
        help="store URI: sqlite:///path/ipnav.db (default: $IPNAV_STORE, else workspace/ipnav.db) "
        "or neo4j://host:7687 / bolt://host:7687 with NEO4J_USER / NEO4J_PASSWORD",
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def settings_from(args: argparse.Namespace, **extra: Any) -> Settings:
    return Settings.from_env(store_uri=getattr(args, "store", None), **extra)


def store_from(args: argparse.Namespace) -> GraphStore:
    """The opened store named by --store (or the settings' default)."""
    return open_store(settings_from(args).store_uri)


def emit(result: Any, *, as_json: bool, text: str | None = None) -> None:
    """Print ``result`` as one JSON line, or ``text`` (default: indented JSON) for people."""
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=True, default=str) + "\n")
    else:
        sys.stdout.write(
            (text if text is not None else json.dumps(result, ensure_ascii=False, indent=2, default=str)) + "\n"
        )
