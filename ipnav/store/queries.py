"""Read queries composed from the :class:`~ipnav.store.base.GraphStore` interface, so they work
the same on every backend.

The other graph queries of the API are methods of the stores themselves:
``store.neighbors(label, key)``, ``store.co_applicants(where)``,
``store.citation_paths(source, target)`` and ``store.similar_patents(patent_id)``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ipnav.store.base import GraphStore, PatentFilter, Subgraph
from ipnav.store.graph_rows import org_variant

__all__ = ["industry_by_year", "organization_neighborhood"]


def industry_by_year(store: GraphStore, industry: str, where: PatentFilter | None = None) -> list[tuple[int, int]]:
    """Patents of one industry branch by filing year, oldest first.

    Args:
        store: An opened store.
        industry: An industry code (``robotics``, ``robotics.industrial`` ...); tags include
            parents, so a branch counts its sub-branches.
        where: Further restrictions (jurisdiction, applicants ...); its industries are replaced.

    Returns:
        ``[(year, patents)]`` for the years that have patents.

    Example:
        >>> import tempfile
        >>> from ipnav.store.sqlite import SqliteStore
        >>> from ipnav.records import PatentRecord
        >>> import datetime as dt
        >>> s = SqliteStore(f"{tempfile.mkdtemp()}/x.db").open()
        >>> _ = s.upsert_patents([PatentRecord(id="US1", jurisdiction="US", industries=("robotics",),
        ...                                    application_date=dt.date(2020, 1, 1))])
        >>> industry_by_year(s, "robotics")
        [(2020, 1)]
    """
    flt = replace(where or PatentFilter(), industries=(industry,))
    return sorted((int(year), n) for year, n in store.facet("year", flt))


def organization_neighborhood(store: GraphStore, key: str, *, limit: int = 50) -> Subgraph:
    """An organisation, its patents (at most ``limit``) and the co-applicants on those patents.

    Nodes are ``{"id", "label", "key", "name"}`` as in :meth:`GraphStore.neighbors`; edges are
    the ASSIGNED_TO links from the patents to every organisation on them.

    Raises:
        NotFoundError: No organisation with that key has patents.
    """
    center = store.neighbors("Organization", key, limit=limit)
    aliases = store.aliases()
    nodes: dict[str, dict[str, Any]] = {n["id"]: n for n in center.nodes}
    edges = list(center.edges)
    patent_ids = [n["key"] for n in center.nodes if n["label"] == "Patent"]
    for pid, record in sorted(store.get_patents(patent_ids).items()):
        for party in record.applicants:
            other = org_variant(party.name, party.normalized)
            other = aliases.get(other, other)
            if not other or other == key:
                continue
            node_id = f"Organization:{other}"
            nodes.setdefault(node_id, {"id": node_id, "label": "Organization", "key": other, "name": other})
            edge = {"source": f"Patent:{pid}", "target": node_id, "type": "ASSIGNED_TO"}
            if edge not in edges:
                edges.append(edge)
    return Subgraph(list(nodes.values()), edges)
