"""Flat tables and the JSON summary of a landscape (for CSV files, the CLI and the app)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

__all__ = ["summary", "topics_table"]

_LIST_COLS = ("terms_en", "terms_zh")
_PAIR_COLS = ("codes", "top_applicants", "top_inventors", "top_codes")
_JSON_COLS = ("years", "jurisdictions", "industry_share")
COLUMNS = [
    "id",
    "is_topic",
    "parent",
    "n_min",
    "n_max",
    "label",
    "label_en",
    "label_zh",
    "size",
    "share",
    "growth",
    "relative_growth",
    "recent",
    "earlier",
    "emerging",
    "ref_year",
    "mean_probability",
    *_LIST_COLS,
    *_PAIR_COLS,
    *_JSON_COLS,
]


def topics_table(nodes: Sequence[dict[str, Any]], *, topics_only: bool = False) -> pd.DataFrame:
    """One row per node (or per topic), lists joined with ``"; "``, pairs as ``name:count``, maps as
    JSON.

    Example:
        >>> node = {"id": 0, "is_topic": True, "parent": None, "label": "robot",
        ...         "codes": [("B25J", 3)],
        ...         "terms_en": ["robot", "arm"], "years": {"2020": 3}}
        >>> row = topics_table([node]).iloc[0]
        >>> row["codes"], row["terms_en"], row["years"]
        ('B25J:3', 'robot; arm', '{"2020": 3}')
    """
    rows = []
    for n in nodes:
        if topics_only and not n.get("is_topic"):
            continue
        row = {c: n.get(c) for c in COLUMNS}
        for c in _LIST_COLS:
            row[c] = "; ".join(n.get(c) or [])
        for c in _PAIR_COLS:
            row[c] = "; ".join(f"{name}:{count}" for name, count in (n.get(c) or []))
        for c in _JSON_COLS:
            row[c] = json.dumps(n.get(c) or {}, ensure_ascii=False, sort_keys=True)
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def summary(nodes: Sequence[dict[str, Any]], *, n_patents: int, outlier_share: float) -> dict[str, Any]:
    """``{"n_patents", "n_topics", "outlier_share", "topics": [{"id", "label", "size", "growth",
    ...}]}``.

    Example:
        >>> s = summary([{"id": 0, "is_topic": True, "label": "robot", "size": 4, "growth": 0.1}],
        ...             n_patents=5, outlier_share=0.2)
        >>> s["n_topics"], s["topics"][0]["label"]
        (1, 'robot')
    """
    keys = (
        "id",
        "label",
        "label_en",
        "label_zh",
        "size",
        "share",
        "growth",
        "relative_growth",
        "recent",
        "earlier",
        "emerging",
        "ref_year",
        "codes",
        "top_applicants",
        "jurisdictions",
        "parent",
    )
    topics = [{k: n.get(k) for k in keys} for n in nodes if n.get("is_topic")]
    for t in topics:
        t["top_applicants"] = (t["top_applicants"] or [])[:3]
    return {
        "n_patents": n_patents,
        "n_topics": len(topics),
        "outlier_share": round(outlier_share, 4),
        "topics": topics,
    }
