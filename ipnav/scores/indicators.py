"""Patent-level value indicators: one row per patent, one column per indicator.

:func:`patent_indicators` turns canonical records (plus, when present, the citation edges, the
landscape topics and the main-path patents) into a data frame. A value that the data cannot
give is NaN (shown as "missing" with a coverage figure), never 0. See :mod:`.definitions` for
what each column means and :mod:`.cohort` for the cohort normalisation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ipnav.applicants import classify_party, normalize_name
from ipnav.records import PatentRecord
from ipnav.scores import citations as cit
from ipnav.scores import legal
from ipnav.scores.cohort import cohort_normalize

__all__ = [
    "FORWARD_5Y_KEYS",
    "TopicMap",
    "coverage",
    "patent_indicators",
    "record_subclasses",
    "topic_growth",
]

FORWARD_5Y_KEYS = ("cited_by_5y", "forward_citations_5y", "5年内被引用次数")
"""``extra`` keys a reader may use for a source-given 5-year forward citation count."""

QUALITY_COMPONENTS = (
    "forward_citations_5y",
    "family_size",
    "claims",
    "generality",
    "backward_citations",
    "grant_lag",
)


@dataclass(frozen=True)
class TopicMap:
    """The landscape as plain data (what ``GraphStore.load_topics`` returns).

    Attributes:
        topics: ``{topic id: label}``.
        assignments: ``{patent id: (topic id, x, y)}``; outliers (topic None or < 0) left out.
        run: The landscape run's parameters (for the report's appendix).
    """

    topics: dict[int, str] = field(default_factory=dict)
    assignments: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    run: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_store_rows(cls, run: dict, topics: Sequence[dict], assignments: Sequence[dict]) -> TopicMap:
        """Build from ``(run, topics, assignments)`` as saved by the landscape stage."""
        labels = {int(t["id"]): str(t.get("label") or t["id"]) for t in topics if t.get("id") is not None}
        assigned = {
            str(a["patent_id"]): (
                int(a["topic"]),
                float(a.get("x") or 0.0),
                float(a.get("y") or 0.0),
            )
            for a in assignments
            if a.get("topic") is not None and int(a["topic"]) >= 0
        }
        return cls(labels, assigned, dict(run))

    def __bool__(self) -> bool:
        return bool(self.assignments)


def record_subclasses(record: PatentRecord) -> tuple[str, ...]:
    """Distinct 4-digit subclasses of the IPC codes (of the CPC codes when there is no IPC), in order.

    Example:
        >>> from ipnav.codes import parse_code
        >>> record_subclasses(PatentRecord(id="X1", ipc=(parse_code("B25J9/16"), parse_code("B25J13/08"))))
        ('B25J',)
    """
    codes = record.ipc or record.cpc
    return tuple(dict.fromkeys(c.subclass for c in codes))


def _date(record: PatentRecord) -> dt.date | None:
    return record.publication_date or record.filing_date


def _org_keys(record: PatentRecord) -> tuple[str, ...]:
    keys = (p.normalized or normalize_name(p.name) for p in record.applicants)
    return tuple(dict.fromkeys(k for k in keys if k))


def topic_growth(years_by_topic: dict[int, list[int]], *, end_year: int, span: int = 5) -> dict[int, float]:
    """Annualised filing growth per topic: ``((recent + 1) / (previous + 1)) ** (1 / span) - 1``.

    ``recent`` counts filings in ``end_year - span + 1 .. end_year``, ``previous`` the ``span``
    years before; the +1 keeps small topics finite.

    Example:
        >>> round(topic_growth({1: [2016] * 1 + [2021] * 3}, end_year=2022)[1], 4)
        0.1487
    """
    out = {}
    for topic, years in years_by_topic.items():
        recent = sum(end_year - span < y <= end_year for y in years)
        previous = sum(end_year - 2 * span < y <= end_year - span for y in years)
        out[topic] = ((recent + 1) / (previous + 1)) ** (1 / span) - 1
    return out


def patent_indicators(
    records: Sequence[PatentRecord],
    *,
    citations: Iterable[tuple[str, str]] | None = None,
    topics: TopicMap | None = None,
    main_path_ids: Collection[str] | None = None,
    as_of: dt.date | None = None,
    window_years: int = 5,
    min_cohort: int = 5,
    growth_lag_years: int = 2,
) -> pd.DataFrame:
    """Compute every patent-level indicator.

    Args:
        records: The patents (the cohort population: every patent loaded, not only one company's).
        citations: ``(citing, cited)`` pairs; default: the records' own ``cited`` lists.
        topics: The landscape topics; None or empty: topic indicators are missing.
        main_path_ids: Patents on citation main paths; None: main-path presence is missing.
        as_of: Evaluation date for remaining life; default: the latest publication date in the data.
        window_years: Forward-citation window (OECD: 5).
        min_cohort: Smallest cohort before widening (see :mod:`.cohort`).
        growth_lag_years: Latest filing years left out of growth rates (publication lag of
            18 months makes them incomplete).

    Returns:
        One row per patent (index = patent id) with descriptive columns (``year``,
        ``main_subclass``, ``subclasses``, ``codes``, ``industries``, ``orgs``, ``inventors``,
        ``jurisdiction``, ``status``, ``granted``, ``title``...) and one float column per key of
        :data:`~ipnav.scores.definitions.PATENT_INDICATORS` (NaN = missing). ``df.attrs`` keeps the
        parameters (``as_of``, ``data_end``, ``citations_known``...).

    Example:
        >>> df = patent_indicators([PatentRecord(id="US1", jurisdiction="US", legal_status="ACTIVE")])
        >>> float(df.loc["US1", "legal_status"]), bool(np.isnan(df.loc["US1", "forward_citations_5y"]))
        (1.0, True)
    """
    if not records:
        raise ValueError("patent_indicators needs at least one record")
    by_id = {r.id: r for r in records}
    ids = list(by_id)
    edges = list(citations) if citations is not None else [(r.id, c) for r in records for c in r.cited]
    citations_known = bool(edges)
    cites: dict[str, list[str]] = defaultdict(list)
    for citing, cited in edges:
        if citing != cited:
            cites[citing].append(cited)
    cited_by = cit.invert_citations(edges)
    dates = {r.id: _date(r) for r in records}
    pub_dates = [r.publication_date for r in records if r.publication_date]
    citing_dates = [d for c in cites if (d := dates.get(c)) is not None]
    data_end = max(citing_dates) if citing_dates else (max(pub_dates) if pub_dates else None)
    as_of = as_of or (max(pub_dates) if pub_dates else dt.date.today())
    subclasses = {r.id: record_subclasses(r) for r in records}

    df = _describe(records, subclasses)
    fwd = cit.forward_citations(
        ids,
        cited_by,
        dates,
        data_end=data_end,
        window_years=window_years,
        citations_known=citations_known,
    )
    for r in records:
        given = legal.extra_number(r.extra, FORWARD_5Y_KEYS)
        if given is not None:
            fwd[r.id] = given  # the source counts citations from outside the loaded set too
    df["forward_citations_5y"] = pd.Series(fwd, dtype=float)
    df["generality"] = pd.Series(
        cit.generality(ids, cited_by, subclasses, citations_known=citations_known), dtype=float
    )
    df["originality"] = pd.Series(cit.originality(ids, cites, subclasses), dtype=float)
    df["radicalness"] = pd.Series(cit.radicalness(ids, cites, subclasses), dtype=float)
    df["backward_citations"] = pd.Series({r.id: r.backward_citations for r in records}, dtype=float)
    _family(df, records)
    df["claims"] = pd.Series({r.id: r.claims_count for r in records}, dtype=float)
    df["scope"] = pd.Series({pid: (len(s) if s else None) for pid, s in subclasses.items()}, dtype=float)
    df["grant_lag"] = pd.Series({r.id: legal.grant_lag_years(r) for r in records}, dtype=float)
    df["remaining_life"] = pd.Series({r.id: legal.remaining_life_years(r, as_of=as_of) for r in records}, dtype=float)
    df["legal_status"] = df["status"].map(legal.STATUS_VALUE).astype(float)
    end_year = as_of.year - growth_lag_years
    _topics(df, topics, end_year=end_year)
    if main_path_ids is None:
        df["on_main_path"] = np.nan
    else:
        on = set(main_path_ids)
        df["on_main_path"] = [1.0 if pid in on else 0.0 for pid in df.index]
    rel, label, level = cohort_normalize(
        df["forward_citations_5y"],
        df["year"],
        df["main_subclass"],
        min_size=min_cohort,
        method="mean",
    )
    df["forward_citations_rel"], df["cohort"], df["cohort_level"] = rel, label, level
    _quality(df, min_cohort=min_cohort)
    df.attrs.update(
        {
            "as_of": as_of.isoformat(),
            "data_end": data_end.isoformat() if data_end else None,
            "citations_known": citations_known,
            "n_citations": len(edges),
            "window_years": window_years,
            "min_cohort": min_cohort,
            "growth_end_year": end_year,
            "topics": bool(topics),
            "main_paths": main_path_ids is not None,
        }
    )
    return df


def _describe(records: Sequence[PatentRecord], subclasses: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    rows = []
    for r in records:
        subs = subclasses[r.id]
        flags = legal.dispute_flags(r)
        rows.append(
            {
                "id": r.id,
                "year": r.year,
                "main_subclass": subs[0] if subs else None,
                "subclasses": subs,
                "codes": tuple(c.symbol for c in r.codes),
                "industries": tuple(r.industries),
                "orgs": _org_keys(r),
                "org_names": tuple(p.name for p in r.applicants),
                "org_countries": tuple(p.country or "" for p in r.applicants),
                "org_kinds": tuple(p.kind or classify_party(p.name) or "" for p in r.applicants),
                "priority_countries": tuple(r.priority_countries),
                "filing_date": r.filing_date,
                "inventors": tuple(
                    dict.fromkeys(p.normalized or normalize_name(p.name, strip_legal_forms=False) for p in r.inventors)
                ),
                "jurisdiction": r.jurisdiction,
                "family_id": r.family_id,
                "status": legal.status_class(r.legal_status),
                "raw_status": r.legal_status,
                "granted": legal.is_granted(r),
                "litigation": flags["litigation"],
                "invalidation": flags["invalidation"],
                "term_years": legal.statutory_term_years(r),
                "title": next(iter(r.title.values()), "") if "en" not in r.title else r.title["en"],
                "title_zh": r.title.get("zh", ""),
                "publication_number": r.original_id or r.publication_number,
            }
        )
    df = pd.DataFrame(rows).set_index("id")
    df["year"] = df["year"].astype("Int64")
    return df


def _family(df: pd.DataFrame, records: Sequence[PatentRecord]) -> None:
    offices: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.family_id and r.jurisdiction:
            offices[r.family_id].add(r.jurisdiction)
    df["family_size"] = pd.Series({r.id: r.family_size for r in records}, dtype=float)
    df["family_offices"] = pd.Series(
        {r.id: (len(offices[r.family_id]) if r.family_id else None) for r in records}, dtype=float
    )
    pct = []
    for r in records:
        if r.jurisdiction in ("WO", "EP"):
            pct.append(1.0)
        elif r.family_id:
            pct.append(1.0 if len(offices[r.family_id]) >= 2 else 0.0)
        elif r.family_size is not None and r.family_size <= 1:
            pct.append(0.0)
        else:
            pct.append(np.nan)
    df["pct"] = pct


def _topics(df: pd.DataFrame, topics: TopicMap | None, *, end_year: int) -> None:
    df["topic"] = pd.Series(dtype="Int64", index=df.index)
    df["x"], df["y"] = np.nan, np.nan
    df["topic_growth"], df["topic_centrality"] = np.nan, np.nan
    if not topics:
        return
    rows = {pid: a for pid, a in topics.assignments.items() if pid in df.index}
    if not rows:
        return
    assigned = pd.DataFrame.from_dict(rows, orient="index", columns=["topic", "x", "y"])
    df.loc[assigned.index, "topic"] = assigned["topic"].astype("Int64")
    df.loc[assigned.index, "x"] = assigned["x"]
    df.loc[assigned.index, "y"] = assigned["y"]
    years: dict[int, list[int]] = defaultdict(list)
    for pid, t in assigned["topic"].items():
        y = df.at[pid, "year"]
        if pd.notna(y):
            years[int(t)].append(int(y))
    growth = topic_growth(years, end_year=end_year)
    df.loc[assigned.index, "topic_growth"] = assigned["topic"].map(growth)
    centre = assigned.groupby("topic")[["x", "y"]].transform("mean")
    dist = np.hypot(assigned["x"] - centre["x"], assigned["y"] - centre["y"])
    far = dist.groupby(assigned["topic"]).transform("max")
    df.loc[assigned.index, "topic_centrality"] = np.where(far > 0, 1 - dist / far.where(far > 0, 1), 1.0)


def _quality(df: pd.DataFrame, *, min_cohort: int) -> None:
    parts = []
    for key in QUALITY_COMPONENTS:
        scaled, _, _ = cohort_normalize(df[key], df["year"], df["main_subclass"], min_size=min_cohort, method="max")
        parts.append(1 - scaled if key == "grant_lag" else scaled)
    comp = pd.concat(parts, axis=1)
    n = comp.notna().sum(axis=1)
    df["quality_components"] = n
    df["quality_index"] = comp.mean(axis=1).where(n >= 2)
    pct, _, _ = cohort_normalize(
        df["quality_index"],
        df["year"],
        df["main_subclass"],
        min_size=min_cohort,
        method="percentile",
    )
    df["quality_percentile"] = pct
    df["top_decile"] = (pct >= 0.9).astype(float).where(pct.notna())


def coverage(values: pd.Series) -> float:
    """Share of non-missing values (0 for an empty series).

    Example:
        >>> coverage(pd.Series([1.0, np.nan]))
        0.5
    """
    return float(values.notna().mean()) if len(values) else 0.0
