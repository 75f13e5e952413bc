"""Stores: where ipnav keeps the patent knowledge graph.

``open_store("sqlite:///path/to/ipnav.db")`` (the embedded default, no server) or
``open_store("neo4j://host:7687")`` / ``bolt://`` (credentials from ``NEO4J_USER`` /
``NEO4J_PASSWORD``). Both return an opened :class:`GraphStore`.
"""

from __future__ import annotations

import os
from pathlib import Path

from ipnav.exceptions import ConfigError
from ipnav.store.base import (
    EDGE_TYPES,
    FACETS,
    NODE_LABELS,
    GraphStore,
    PatentFilter,
    Subgraph,
    UpsertSummary,
)

__all__ = [
    "EDGE_TYPES",
    "FACETS",
    "NODE_LABELS",
    "GraphStore",
    "PatentFilter",
    "Subgraph",
    "UpsertSummary",
    "default_store_uri",
    "make_store",
    "open_store",
]


def default_store_uri() -> str:
    """``IPNAV_STORE`` if set, else ``sqlite:///<IPNAV_HOME or ./workspace>/ipnav.db``."""
    uri = os.environ.get("IPNAV_STORE")
    if uri:
        return uri
    home = Path(os.environ.get("IPNAV_HOME", "workspace"))
    return f"sqlite:///{home / 'ipnav.db'}"


def make_store(uri: str | None = None) -> GraphStore:
    """Build (but do not open) the store for a URI.

    Raises:
        ConfigError: The URI scheme is not ``sqlite``, ``bolt`` or ``neo4j`` (with ``+s``/``+ssc``).
    """
    uri = uri or default_store_uri()
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme == "sqlite":
        from ipnav.store.sqlite import SqliteStore

        return SqliteStore.from_uri(uri)
    if scheme in ("bolt", "neo4j", "bolt+s", "bolt+ssc", "neo4j+s", "neo4j+ssc"):
        from ipnav.store.neo4j import Neo4jStore

        return Neo4jStore.from_uri(uri)
    raise ConfigError(f"The store URI must start with sqlite://, bolt:// or neo4j://. Got {uri!r} instead.")


def open_store(uri: str | None = None) -> GraphStore:
    """Build and open the store for a URI (see :func:`make_store`).

    Example:
        >>> import tempfile, os
        >>> with open_store(f"sqlite:///{tempfile.mkdtemp()}/x.db") as store:
        ...     store.count_patents()
        0
    """
    return make_store(uri).open()
