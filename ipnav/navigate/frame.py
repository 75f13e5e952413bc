"""The plain tables navigation works on: patents, topics and topic assignments.

:func:`patent_frame` turns canonical records into one row per patent with the fields the
indicators need; :func:`topic_frames` normalises the landscape stage's output (``run, topics,
assignments`` as ``store.load_topics()`` returns them) into two DataFrames. Everything after
this works on DataFrames only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from ipnav.applicants import classify_party, normalize_name
from ipnav.records import PatentRecord
from ipnav.regions import Region, locate_region

__all__ = ["PATENT_COLUMNS", "patent_frame", "topic_frames"]

PATENT_COLUMNS = (
    "patent_id",
    "year",
    "title",
    "applicants",
    "applicant_names",
    "applicant_kinds",
    "regions",
    "inventors",
    "codes",
    "subclasses",
    "industries",
    "cited",
    "cited_by_count",
    "jurisdiction",
)


@lru_cache(maxsize=200_000)
def _region(party_name: str, address: str | None, kind: str | None, stored: str | None) -> Region | None:
    if stored:  # Party.region, filled by the reader or the ingest cleaner
        return Region.from_path(stored)
    if address:
        found = locate_region(address)
        if found is not None:
            return found
    if kind == "individual":
        return None
    return locate_region(party_name)


def _title(record: PatentRecord) -> str:
    for lang in ("zh", "en"):
        if record.title.get(lang):
            return record.title[lang]
    return next(iter(record.title.values()), "")


def patent_frame(records: Iterable[PatentRecord]) -> pd.DataFrame:
    """One row per patent (first occurrence of an id kept).

    Columns: ``patent_id``, ``year`` (filing year, else publication year; nullable Int64),
    ``title`` (Chinese if present, else English), ``applicants`` (normalised keys, tuple),
    ``applicant_names``, ``applicant_kinds`` (``university``, ``institute``, ``company`` ...),
    ``regions`` (:class:`~ipnav.regions.Region` or None per applicant: the record's
    ``Party.region``, else detected from the address, else from the name), ``inventors``
    (names), ``codes`` (IPC + CPC symbols), ``subclasses`` (4-character IPC/CPC subclasses),
    ``industries``, ``cited`` (ids), ``cited_by_count``, ``jurisdiction``.

    Example:
        >>> from ipnav.records import Party
        >>> r = PatentRecord(id="CN1", jurisdiction="CN",
        ...                  applicants=(Party("洛阳轴承研究所有限公司"),))
        >>> patent_frame([r]).loc[0, "regions"]
        (Region(province='河南', city='洛阳'),)
    """
    rows: dict[str, dict[str, Any]] = {}
    for r in records:
        if r.id in rows:
            continue
        kinds = tuple(p.kind or classify_party(p.name) for p in r.applicants)
        rows[r.id] = {
            "patent_id": r.id,
            "year": r.year,
            "title": _title(r),
            "applicants": tuple(p.normalized or normalize_name(p.name) for p in r.applicants),
            "applicant_names": tuple(p.name for p in r.applicants),
            "applicant_kinds": kinds,
            "regions": tuple(_region(p.name, p.address, k, p.region) for p, k in zip(r.applicants, kinds, strict=True)),
            "inventors": tuple(p.name for p in r.inventors),
            "codes": tuple(dict.fromkeys(c.symbol for c in r.codes)),
            "subclasses": tuple(dict.fromkeys(c.symbol[:4] for c in r.codes)),
            "industries": tuple(r.industries),
            "cited": tuple(r.cited),
            "cited_by_count": r.cited_by_count,
            "jurisdiction": r.jurisdiction,
        }
    frame = pd.DataFrame(list(rows.values()), columns=list(PATENT_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _topic_label(topic: Mapping[str, Any], lang: str) -> str:
    for key in (f"label_{lang}", "label", "label_en", "label_zh"):
        if topic.get(key):
            return str(topic[key])
    return f"topic {topic['id']}"


def _terms(topic: Mapping[str, Any]) -> list[str]:
    terms: list[str] = []
    for key in ("terms", "terms_en", "terms_zh"):
        value = topic.get(key) or []
        terms += [str(t) for t in value if str(t) not in terms]
    return terms


def topic_frames(
    topics: Sequence[Mapping[str, Any]], assignments: Sequence[Mapping[str, Any]]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The landscape's topics and assignments as DataFrames.

    Args:
        topics: Dicts with at least ``id``; ``label`` / ``label_en`` / ``label_zh``, ``terms`` /
            ``terms_en`` / ``terms_zh``, ``parent`` and ``is_topic`` are used when present (tree
            nodes with ``is_topic`` False are dropped: assignments point at leaf topics).
        assignments: Dicts ``{patent_id, topic, probability, x, y}``; a topic of None or below
            0 is an outlier (kept for the map, outside every topic).

    Returns:
        ``(topics, assignments)``. Topics: ``topic``, ``label_en``, ``label_zh``, ``terms``,
        ``parent``, ``size`` (assigned patents), ``cx``, ``cy`` (centroid on the map).
        Assignments: ``patent_id``, ``topic`` (Int64, <NA> for outliers), ``probability``,
        ``x``, ``y``.

    Example:
        >>> t, a = topic_frames([{"id": 0, "label": "gripper"}],
        ...     [{"patent_id": "US1", "topic": 0, "probability": 1, "x": 1, "y": 2}])
        >>> t[["topic", "label_en", "size", "cx", "cy"]].values.tolist()
        [[0, 'gripper', 1, 1.0, 2.0]]
    """
    amap = pd.DataFrame(list(assignments), columns=["patent_id", "topic", "probability", "x", "y"])
    amap["topic"] = pd.to_numeric(amap["topic"], errors="coerce").astype("Int64")
    amap.loc[amap["topic"] < 0, "topic"] = pd.NA
    amap["x"] = amap["x"].astype(float)
    amap["y"] = amap["y"].astype(float)
    amap["probability"] = amap["probability"].astype(float)
    amap = amap.drop_duplicates("patent_id").reset_index(drop=True)
    leaves = [t for t in topics if t.get("is_topic", True)]
    tframe = pd.DataFrame(
        {
            "topic": [int(t["id"]) for t in leaves],
            "label_en": [_topic_label(t, "en") for t in leaves],
            "label_zh": [_topic_label(t, "zh") for t in leaves],
            "terms": [_terms(t) for t in leaves],
            "parent": [t.get("parent") for t in leaves],
        }
    )
    assigned = amap.dropna(subset=["topic"])
    stats = assigned.groupby("topic").agg(size=("patent_id", "size"), cx=("x", "mean"), cy=("y", "mean"))
    tframe = tframe.merge(stats, left_on="topic", right_index=True, how="left")
    tframe["size"] = tframe["size"].fillna(0).astype(int)
    return tframe.sort_values("topic").reset_index(drop=True), amap
