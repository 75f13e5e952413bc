"""The focus set a navigation is made for: a company, a region, or a list of patents.

The *world* is every other patent in the data. A focus is built from the patent table
(:func:`ipnav.navigate.frame.patent_frame`) and keeps what it matched, so a report can say who
and what it covers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from ipnav.applicants import normalize_name
from ipnav.exceptions import AnalysisError
from ipnav.pubnum import try_normalize_pubnum
from ipnav.regions import Region, resolve_region

__all__ = ["Focus", "focus_by_applicant", "focus_by_ids", "focus_by_region"]


@dataclass(frozen=True)
class Focus:
    """A focus set.

    Attributes:
        kind: ``applicant``, ``region`` or ``ids``.
        query: What the user asked for.
        label_zh, label_en: Display names.
        patent_ids: The focus patents.
        matched: What matched (applicant keys and names, or a region), for the report.
        missing: Requested ids not in the data (``ids`` focus).
    """

    kind: str
    query: str
    label_zh: str
    label_en: str
    patent_ids: frozenset[str]
    matched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def mask(self, patents: pd.DataFrame) -> pd.Series:
        """Boolean mask of focus rows in a patent table."""
        return patents["patent_id"].isin(self.patent_ids)


def _suggest(keys: Iterable[str], query: str, limit: int = 5) -> list[str]:
    from rapidfuzz import fuzz, process

    return [
        k for k, _, _ in process.extract(query, sorted(set(keys)), scorer=fuzz.WRatio, limit=limit)
    ]


def focus_by_applicant(
    patents: pd.DataFrame, name: str, *, aliases: dict[str, str] | None = None
) -> Focus:
    """Patents of one organisation, matched by its normalised name (after aliases).

    Args:
        patents: Patent table.
        name: The organisation as the user writes it (``UBTECH Robotics Corp``, ``洛阳轴研科技``).
        aliases: Normalised variant -> canonical key (the store's alias table).

    Raises:
        AnalysisError: No patent has that applicant (the message suggests close names).

    Example:
        >>> t = pd.DataFrame({"patent_id": ["US1", "US2"], "applicants": [("INTEL",), ("AMD",)],
        ...                   "applicant_names": [("INTEL CORP",), ("AMD INC",)]})
        >>> sorted(focus_by_applicant(t, "Intel Corporation").patent_ids)
        ['US1']
    """
    aliases = aliases or {}
    key = aliases.get(normalize_name(name), normalize_name(name))
    hits = patents[[key in {aliases.get(a, a) for a in apps} for apps in patents["applicants"]]]
    if hits.empty:
        keys = [aliases.get(a, a) for apps in patents["applicants"] for a in apps]
        raise AnalysisError(
            f"no patent of applicant {name!r} (key {key!r}); "
            f"close names: {', '.join(_suggest(keys, key)) or 'none'}"
        )
    names = sorted(
        {
            n
            for apps, ns in zip(hits["applicants"], hits["applicant_names"], strict=True)
            for a, n in zip(apps, ns, strict=True)
            if aliases.get(a, a) == key
        }
    )
    return Focus(
        "applicant",
        name,
        names[0] if names else key,
        names[0] if names else key,
        frozenset(hits["patent_id"]),
        matched=[key, *names],
    )


def focus_by_region(patents: pd.DataFrame, region: str | Region) -> Focus:
    """Patents with at least one applicant located in the region (see :mod:`ipnav.regions`).

    Raises:
        ConfigError: Unknown region name.
        AnalysisError: No applicant in the data is located there.

    Example:
        >>> from ipnav.regions import Region
        >>> t = pd.DataFrame({"patent_id": ["CN1", "CN2"],
        ...                   "regions": [(Region("河南", "洛阳"),), (None,)]})
        >>> sorted(focus_by_region(t, "HENAN").patent_ids)
        ['CN1']
    """
    where = resolve_region(region) if isinstance(region, str) else region
    mask = [any(where.contains(r) for r in regions) for regions in patents["regions"]]
    ids = frozenset(patents.loc[mask, "patent_id"])
    if not ids:
        raise AnalysisError(
            f"no applicant located in {where.label('zh')} ({where.label('en')}) in the data; "
            "region detection reads applicant addresses and names (see docs/navigation.md)"
        )
    return Focus(
        "region",
        str(region),
        where.label("zh"),
        where.label("en"),
        ids,
        matched=[where.label("zh")],
    )


def focus_by_ids(patents: pd.DataFrame, ids: Iterable[str]) -> Focus:
    """The listed patents (publication numbers are normalised; unknown ones are reported).

    Raises:
        AnalysisError: None of the ids is in the data.

    Example:
        >>> t = pd.DataFrame({"patent_id": ["US8926509"]})
        >>> f = focus_by_ids(t, ["US 8926509 B2", "US1"])
        >>> sorted(f.patent_ids), f.missing
        (['US8926509'], ['US1'])
    """
    known = set(patents["patent_id"])
    found, missing = set(), []
    for raw in ids:
        raw = raw.strip()
        if not raw:
            continue
        pub = try_normalize_pubnum(raw)
        key = pub.key if pub is not None else raw
        if key in known:
            found.add(key)
        elif raw in known:
            found.add(raw)
        else:
            missing.append(raw)
    if not found:
        raise AnalysisError(
            f"none of the {len(missing)} listed patent ids is in the data (first: {missing[:3]})"
        )
    label = f"{len(found)} 件指定专利"
    return Focus(
        "ids",
        f"{len(found) + len(missing)} ids",
        label,
        f"{len(found)} listed patents",
        frozenset(found),
        missing=missing,
    )
