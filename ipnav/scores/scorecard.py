"""Organisation scorecards: aggregate patent indicators to one row per organisation.

:func:`org_scorecards` takes the patent table of :func:`~ipnav.scores.indicators.patent_indicators`
and returns, for every organisation (or the ones asked for), each indicator of
:data:`~ipnav.scores.definitions.ORG_INDICATORS` with its coverage (``cov_<key>``: the share of the
organisation's patents that carry the underlying data). A patent with several applicants counts
fully for each of them (whole counting).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ipnav.scores.definitions import ORG_INDICATORS

__all__ = ["Focus", "memberships", "org_facts", "org_scorecards"]

_MEAN_OF = {  # org indicator -> patent column averaged
    "citation_impact": "forward_citations_rel",
    "generality": "generality",
    "originality": "originality",
    "radicalness": "radicalness",
    "backward_citations": "backward_citations",
    "scope": "scope",
    "claims": "claims",
    "family_size": "family_size",
    "grant_lag": "grant_lag",
    "top_decile_share": "top_decile",
    "main_path_share": "on_main_path",
}


@dataclass(frozen=True)
class Focus:
    """What an organisation should fit: target industries and their branches.

    Attributes:
        name: Display name (e.g. ``洛阳重点产业 / Luoyang target industries``).
        branches: ``{branch: (match, ...)}``; a match is an IPC/CPC prefix (``B25J``, ``G05B19``) or
            an industry code as tagged on records (``robotics``); a patent is in a branch when any
            of its codes starts with a prefix or any of its industry tags equals a code.

    Example:
        >>> f = Focus("demo", {"robots": ("B25J",), "cnc": ("G05B19",)})
        >>> f.branches_of(("B25J9/16", "G06N3/08"), ())
        ['robots']
    """

    name: str = ""
    branches: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.branches)

    def branches_of(self, codes: Sequence[str], industries: Sequence[str]) -> list[str]:
        tags = set(industries)
        return [
            b
            for b, matches in self.branches.items()
            if any(m in tags or any(c.startswith(m) for c in codes) for m in matches)
        ]


def memberships(patents: pd.DataFrame) -> pd.DataFrame:
    """One row per (patent, organisation): columns ``patent_id``, ``org``.

    Example:
        >>> df = pd.DataFrame({"orgs": [("A", "B"), ("A",)]}, index=["P1", "P2"])
        >>> memberships(df).values.tolist()
        [['P1', 'A'], ['P1', 'B'], ['P2', 'A']]
    """
    pairs = [(pid, org) for pid, orgs in patents["orgs"].items() for org in orgs]
    return pd.DataFrame(pairs, columns=["patent_id", "org"])


def _growth(years: pd.Series, end_year: int, span: int = 5) -> float:
    recent = int(((years > end_year - span) & (years <= end_year)).sum())
    previous = int(((years > end_year - 2 * span) & (years <= end_year - span)).sum())
    return ((recent + 1) / (previous + 1)) ** (1 / span) - 1


def _hhi(counts: Mapping[str, float]) -> float:
    total = sum(counts.values())
    return sum((c / total) ** 2 for c in counts.values()) if total else float("nan")


def org_scorecards(
    patents: pd.DataFrame,
    *,
    orgs: Collection[str] | None = None,
    focus: Focus | None = None,
    growth_end_year: int | None = None,
) -> pd.DataFrame:
    """Compute organisation indicators and their coverage.

    Args:
        patents: The patent table (all patents: topic leadership and co-applicants need them).
        orgs: Organisation keys to return (default: every organisation).
        focus: Target industries for ``focus_fit`` / ``industry_concentration`` (missing without one).
        growth_end_year: Last complete filing year (default: ``patents.attrs["growth_end_year"]``).

    Returns:
        Index = organisation key; one column per org indicator and ``cov_<key>`` per indicator.

    Example:
        >>> from ipnav.records import PatentRecord
        >>> from ipnav.scores.indicators import patent_indicators
        >>> p = patent_indicators([PatentRecord(id="US1", jurisdiction="US", applicants=())])
        >>> org_scorecards(p).empty
        True
    """
    members = memberships(patents)
    if orgs is not None:
        wanted = set(orgs)
        members_all = members
        members = members[members["org"].isin(wanted)]
    else:
        members_all = members
    end_year = growth_end_year if growth_end_year is not None else int(patents.attrs.get("growth_end_year", 9999))
    joined = members.join(patents, on="patent_id")
    grouped = joined.groupby("org", sort=True)
    out = pd.DataFrame(index=pd.Index(sorted(members["org"].unique()), name="org"))
    if len(out.index) == 0:
        return out
    out["portfolio_size"] = grouped["patent_id"].nunique().astype(float)
    out["cov_portfolio_size"] = 1.0
    years = joined["year"].astype("float")
    out["growth"] = years.groupby(joined["org"]).apply(lambda s: _growth(s.dropna(), end_year))
    out["cov_growth"] = years.notna().groupby(joined["org"]).mean()
    for key, col in _MEAN_OF.items():
        values = joined[col].astype(float)
        out[key] = values.groupby(joined["org"]).mean()
        out[f"cov_{key}"] = values.notna().groupby(joined["org"]).mean()
    _legal(out, joined)
    _geography(out, joined)
    _focus(out, joined, focus)
    _breadth(out, joined)
    _landscape(out, joined, patents, members_all)
    _people(out, joined, patents, members_all)
    ordered = [k for k in ORG_INDICATORS]
    return out[ordered + [f"cov_{k}" for k in ordered]]


def _legal(out: pd.DataFrame, joined: pd.DataFrame) -> None:
    org = joined["org"]
    granted = joined["granted"].map({True: 1.0, False: 0.0})
    out["granted_share"] = granted.groupby(org).mean()
    out["cov_granted_share"] = granted.notna().groupby(org).mean()
    known = joined["status"].notna()
    active = (joined["status"] == "active").astype(float).where(known)
    out["active_share"] = active.groupby(org).mean()
    out["cov_active_share"] = known.groupby(org).mean()
    alive = joined["remaining_life"].where(joined["status"] != "inactive")
    out["remaining_life"] = alive.groupby(org).mean()
    out["cov_remaining_life"] = joined["remaining_life"].notna().groupby(org).mean()


def _geography(out: pd.DataFrame, joined: pd.DataFrame) -> None:
    org = joined["org"]
    has = joined["jurisdiction"].notna()
    intl = (joined["jurisdiction"].isin(["WO", "EP"]) | joined["family_offices"].ge(2)).astype(float).where(has)
    out["international_share"] = intl.groupby(org).mean()
    out["cov_international_share"] = has.groupby(org).mean()
    out["office_count"] = joined["jurisdiction"].groupby(org).nunique().astype(float)
    out["cov_office_count"] = out["cov_international_share"]


def _focus(out: pd.DataFrame, joined: pd.DataFrame, focus: Focus | None) -> None:
    if not focus:
        out["focus_fit"] = out["industry_concentration"] = np.nan
        out["cov_focus_fit"] = out["cov_industry_concentration"] = 0.0
        return
    branches = [focus.branches_of(c, i) for c, i in zip(joined["codes"], joined["industries"], strict=True)]
    coded = pd.Series(
        [bool(c) or bool(i) for c, i in zip(joined["codes"], joined["industries"], strict=True)],
        index=joined.index,
    )
    fit = pd.Series([1.0 if b else 0.0 for b in branches], index=joined.index).where(coded)
    out["focus_fit"] = fit.groupby(joined["org"]).mean()
    out["cov_focus_fit"] = coded.groupby(joined["org"]).mean()
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for org, bs in zip(joined["org"], branches, strict=True):
        for b in bs:
            counts[org][b] += 1.0 / len(bs)
    out["industry_concentration"] = pd.Series({o: _hhi(c) for o, c in counts.items()}, dtype=float)
    out["cov_industry_concentration"] = out["focus_fit"].fillna(0.0)


def _breadth(out: pd.DataFrame, joined: pd.DataFrame) -> None:
    subs = joined[["org", "subclasses"]].explode("subclasses").dropna()
    out["breadth"] = subs.groupby("org")["subclasses"].nunique().astype(float)
    out["cov_breadth"] = joined["subclasses"].map(bool).groupby(joined["org"]).mean()
    out.loc[out["cov_breadth"] == 0, "breadth"] = np.nan


def _landscape(out: pd.DataFrame, joined: pd.DataFrame, patents: pd.DataFrame, members_all: pd.DataFrame) -> None:
    mapped = joined["topic"].notna()
    out["cov_topics_led"] = out["cov_growing_topic_share"] = mapped.groupby(joined["org"]).mean()
    if not patents["topic"].notna().any():
        out["topics_led"] = out["growing_topic_share"] = np.nan
        return
    every = members_all.join(patents[["topic"]], on="patent_id").dropna(subset=["topic"])
    counts = every.groupby(["topic", "org"]).size()
    best = counts.groupby(level="topic").transform("max")
    leaders = counts[counts == best].reset_index()["org"].value_counts()
    has_map = out["cov_topics_led"] > 0
    out["topics_led"] = leaders.reindex(out.index).fillna(0.0).astype(float).where(has_map)
    growth = patents.dropna(subset=["topic"]).groupby("topic")["topic_growth"].first()
    fast = set(growth[growth > growth.median()].index)
    in_fast = joined["topic"].map(lambda t: (1.0 if t in fast else 0.0) if pd.notna(t) else np.nan)
    out["growing_topic_share"] = in_fast.astype(float).groupby(joined["org"]).mean()


def _people(out: pd.DataFrame, joined: pd.DataFrame, patents: pd.DataFrame, members_all: pd.DataFrame) -> None:
    partners: dict[str, set[str]] = defaultdict(set)
    for orgs in patents["orgs"]:
        if len(orgs) > 1:
            for o in orgs:
                partners[o].update(p for p in orgs if p != o)
    out["co_applicants"] = [float(len(partners.get(o, ()))) for o in out.index]
    out["cov_co_applicants"] = 1.0
    has_inv = joined["inventors"].map(bool)
    inv = joined.loc[has_inv, ["org", "inventors"]].explode("inventors")
    out["inventor_base"] = inv.groupby("org")["inventors"].nunique().astype(float)
    out["cov_inventor_base"] = has_inv.groupby(joined["org"]).mean()


def org_facts(patents: pd.DataFrame, org: str) -> dict:
    """Descriptive facts about one organisation for the report (names, years, mix, partners).

    Example:
        >>> df = pd.DataFrame({"orgs": [("A",)], "org_names": [("A Co",)], "year": [2020],
        ...     "status": ["active"], "jurisdiction": ["CN"], "subclasses": [("B25J",)],
        ...     "granted": [True]}, index=["P1"])
        >>> org_facts(df, "A")["names"]
        ['A Co']
    """
    mine = patents[patents["orgs"].map(lambda t: org in t)]
    names: Counter = Counter()
    partners: Counter = Counter()
    for orgs, raw in zip(mine["orgs"], mine["org_names"], strict=True):
        for key, name in zip(orgs, raw, strict=False):
            if key == org:
                names[name] += 1
            else:
                partners[key] += 1
    years = mine["year"].dropna().astype(int)
    subs = Counter(s for t in mine["subclasses"] for s in t)
    return {
        "key": org,
        "names": [n for n, _ in names.most_common(3)],
        "patents": len(mine),
        "first_year": int(years.min()) if len(years) else None,
        "last_year": int(years.max()) if len(years) else None,
        "per_year": {int(y): int(n) for y, n in years.value_counts().sort_index().items()},
        "status_mix": {str(k): int(v) for k, v in mine["status"].fillna("unknown").value_counts().items()},
        "granted": int(mine["granted"].eq(True).sum()),
        "jurisdictions": {str(k): int(v) for k, v in mine["jurisdiction"].value_counts().items()},
        "top_subclasses": subs.most_common(8),
        "partners": partners.most_common(8),
    }
