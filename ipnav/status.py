"""What is in a store: counts, industries, years, offices and top applicants.

The result depends only on the store's content (no timestamps, no paths), so two stores holding
the same graph give the same status.
"""

from __future__ import annotations

from typing import Any

from ipnav.store.base import GraphStore, PatentFilter

__all__ = ["store_status"]


def store_status(store: GraphStore, *, top: int = 20) -> dict[str, Any]:
    """Summarise a store.

    Returns:
        ``{"patents", "cited_only", "nodes", "edges", "industries", "years", "jurisdictions",
        "legal_status", "top_applicants": [{"name", "key", "patents"}], "top_subclasses"}``.
        ``patents`` counts records; ``cited_only`` counts Patent nodes known only as citation
        targets. ``top_applicants`` is keyed by normalised name (aliases applied).
    """
    counts = store.counts()
    patents = store.count_patents()
    all_nodes = store.count_patents(PatentFilter(include_stubs=True))
    names = {o["key"]: o["name"] for o in store.organizations(limit=top)}
    return {
        "patents": patents,
        "cited_only": all_nodes - patents,
        "nodes": counts["nodes"],
        "edges": counts["edges"],
        "industries": dict(store.facet("industry")),
        "years": dict(sorted(store.facet("year"))),
        "jurisdictions": dict(store.facet("jurisdiction")),
        "legal_status": dict(store.facet("legal_status")),
        "top_applicants": [
            {"key": key, "name": names.get(key, key), "patents": n} for key, n in store.facet("applicant", limit=top)
        ],
        "top_subclasses": dict(store.facet("subclass", limit=top)),
    }
