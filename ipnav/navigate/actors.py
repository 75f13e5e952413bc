"""Who and what stands behind a topic: key patents, companies, inventors, partners, trend.

``topic_profile`` answers, for one step of a route (or any topic):

* key patents: the topic's global SPC main path when its patents cite each other (the
  backbone of its development, :mod:`ipnav.paths`); otherwise, with the note
  ``no citation data``, the patents most typical of the topic (highest landscape probability);
* leading applicants outside the focus (investment-attraction targets, 招商引资): companies
  with most patents in the topic, their recent patents, region and example patents;
* key inventors outside the focus (talent, 人才引进): citation-weighted: each patent counts
  ``1 + citations``
  (citations received inside the data, or the source's cited-by count when larger), shared
  equally among its inventors; with their most frequent employer;
* possible partners (产学研合作): universities and institutes with patents in the topic;
* trend: patents per year and the topic's growth figures.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pandas as pd

from ipnav.exceptions import AnalysisError
from ipnav.paths import global_main_path, make_acyclic, set_traversal_weights

__all__ = ["citations_received", "key_patents", "topic_profile"]

_PARTNER_KINDS = ("university", "institute")


def citations_received(patents: pd.DataFrame) -> pd.Series:
    """Per patent: max(citations received inside the data, the source's cited-by count).

    Example:
        >>> t = pd.DataFrame({"patent_id": ["A", "B"], "cited": [(), ("A",)],
        ...                   "cited_by_count": [None, 7]})
        >>> citations_received(t).to_dict()
        {'A': 1, 'B': 7}
    """
    inside = Counter(c for cited in patents["cited"] for c in cited)
    given = patents["cited_by_count"].fillna(0).astype(int).to_numpy()
    return pd.Series(
        [max(inside.get(p, 0), g) for p, g in zip(patents["patent_id"], given, strict=True)],
        index=patents["patent_id"].tolist(),
    )


def key_patents(
    ids: Iterable[str], patents: pd.DataFrame, probability: pd.Series | None = None, *, n: int = 8
) -> dict[str, Any]:
    """The main path of the patents' own citation network, else the most typical patents.

    Returns:
        ``{"basis": "main_path" | "typical", "note": {"zh", "en"}, "patents": [{"patent_id", "year",
        "title"}], "arcs": [[cited, citing], ...]}``: at most 40 main-path patents, or ``n``
        typical ones.
    """
    ids = list(dict.fromkeys(ids))
    table = patents.set_index("patent_id")
    own = set(ids)
    arcs = [
        (c, p) for p in ids if p in table.index for c in table.at[p, "cited"] if c in own and c != p
    ]
    if arcs:
        dag, _ = make_acyclic(nx.DiGraph(arcs))
        set_traversal_weights(dag, ["spc"])
        path = global_main_path(dag, "spc")
        members = [m for v in path.nodes for m in (dag.nodes[v].get("members") or [v])]
        chosen, basis = members, "main_path"
        note = {
            "zh": f"这些专利之间 {len(arcs)} 条引证的全局SPC主路径"
            f"（{path.n_paths} 条并列路径，{len(members)} 件专利）",
            "en": f"global SPC main path of the {len(arcs)} citations among these patents "
            f"({path.n_paths} tied path(s), {len(members)} patents)",
        }
        arc_list = [[str(u), str(v)] for u, v, _ in path.arcs]
    else:
        order = (
            probability.reindex(ids).fillna(0).sort_values(ascending=False, kind="stable")
            if probability is not None
            else None
        )
        chosen = list(order.index[:n]) if order is not None else ids[:n]
        basis, arc_list = "typical", []
        note = {
            "zh": "这些专利之间无引文数据；列出最具代表性的专利（主题归属概率最高）",
            "en": "no citation data among these patents; the most typical patents "
            "(landscape probability) are listed",
        }
    rows = [
        {
            "patent_id": p,
            "year": None if pd.isna(table.at[p, "year"]) else int(table.at[p, "year"]),
            "title": str(table.at[p, "title"]),
        }
        for p in chosen
        if p in table.index
    ]
    return {
        "basis": basis,
        "note": note,
        "patents": rows[: 40 if basis == "main_path" else n],
        "arcs": arc_list,
    }


_COMPANY_FORM = re.compile(r"\b(INC|CORP|CORPORATION|LTD|LLC|GMBH|CO|AG|PLC|LIMITED)\b", re.I)


def _applicants(
    sub: pd.DataFrame,
    recent: pd.Series,
    *,
    exclude: set[str],
    kinds: tuple[str | None, ...],
    n: int,
) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    recent_counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    regions: dict[str, Any] = {}
    examples: dict[str, list[str]] = defaultdict(list)
    kind_of: dict[str, str | None] = {}
    for row in sub.itertuples():
        for key, name, kind, region in zip(
            row.applicants, row.applicant_names, row.applicant_kinds, row.regions, strict=True
        ):
            if key in exclude:
                continue
            # A company whose name only looks like an institute ("TEXAS INSTRUMENTS INC").
            if kind == "institute" and _COMPANY_FORM.search(name):
                kind = "company"
            if kind not in kinds:
                continue
            counts[key] += 1
            recent_counts[key] += int(bool(recent.get(row.patent_id, False)))
            names[key][name] += 1
            kind_of[key] = kind
            regions.setdefault(key, region)
            if len(examples[key]) < 3:
                examples[key].append(row.patent_id)
    return [
        {
            "key": k,
            "name": names[k].most_common(1)[0][0],
            "kind": kind_of[k],
            "patents": c,
            "recent_patents": recent_counts[k],
            "region_zh": regions[k].label("zh") if regions.get(k) else None,
            "region_en": regions[k].label("en") if regions.get(k) else None,
            "examples": examples[k],
        }
        for k, c in sorted(counts.items(), key=lambda kv: (-kv[1], -recent_counts[kv[0]], kv[0]))[
            :n
        ]
    ]


def _inventors(sub: pd.DataFrame, cites: pd.Series, n: int) -> list[dict[str, Any]]:
    score: dict[str, float] = defaultdict(float)
    count: Counter[str] = Counter()
    employers: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for row in sub.itertuples():
        if not row.inventors:
            continue
        weight = (1 + int(cites.get(row.patent_id, 0))) / len(row.inventors)
        orgs = [
            nm
            for nm, kd in zip(row.applicant_names, row.applicant_kinds, strict=True)
            if kd != "individual"
        ]
        for name in row.inventors:
            score[name] += weight
            count[name] += 1
            employers[name].update(orgs)
            if len(examples[name]) < 3:
                examples[name].append(row.patent_id)
    return [
        {
            "name": k,
            "score": round(v, 3),
            "patents": count[k],
            "employer": employers[k].most_common(1)[0][0] if employers[k] else None,
            "examples": examples[k],
        }
        for k, v in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    ]


def topic_profile(
    topic: int,
    patents: pd.DataFrame,
    assignments: pd.DataFrame,
    indicators: pd.DataFrame,
    focus_ids: Iterable[str],
    *,
    n: int = 5,
    cites: pd.Series | None = None,
) -> dict[str, Any]:
    """Key patents, attraction targets, inventors, partners and trend of one topic.

    Raises:
        AnalysisError: Unknown topic.
    """
    if topic not in indicators.index:
        raise AnalysisError(f"unknown topic {topic!r}")
    focus = set(focus_ids)
    in_topic = assignments[assignments["topic"] == topic]
    sub = patents[patents["patent_id"].isin(set(in_topic["patent_id"]))]
    cites = cites if cites is not None else citations_received(patents)
    row = indicators.loc[topic]
    end, window = indicators.attrs.get("end_year"), indicators.attrs.get("window", 5)
    recent = (
        sub.set_index("patent_id")["year"].between(end - window + 1, end)
        if end
        else pd.Series(dtype=bool)
    )
    focus_keys = {
        k for apps in patents.loc[patents["patent_id"].isin(focus), "applicants"] for k in apps
    }
    world = sub[~sub["patent_id"].isin(focus)]
    years = sub["year"].dropna().astype(int)
    return {
        "topic": int(topic),
        "label_en": row.get("label_en", ""),
        "label_zh": row.get("label_zh", ""),
        "terms": list(row.get("terms", []) or [])[:8],
        "size": int(row["size"]),
        "focus_n": int(row["focus_n"]),
        "rta": float(row["rta"]),
        "growth": None if pd.isna(row["growth"]) else round(float(row["growth"]), 4),
        "relative_growth": None
        if pd.isna(row["relative_growth"])
        else round(float(row["relative_growth"]), 4),
        "trend": {str(y): int(c) for y, c in years.value_counts().sort_index().items()},
        "key_patents": key_patents(
            sub["patent_id"], patents, in_topic.set_index("patent_id")["probability"]
        ),
        "attraction_targets": _applicants(
            world, recent, exclude=focus_keys, kinds=("company", None), n=n
        ),
        "partners": _applicants(sub, recent, exclude=focus_keys, kinds=_PARTNER_KINDS, n=n),
        "inventors": _inventors(world, cites, n) if any(len(i) for i in sub["inventors"]) else [],
        "inventor_note": None
        if any(len(i) for i in sub["inventors"])
        else "no inventor data in these records",
        "citation_note": None
        if int(cites.reindex(sub["patent_id"]).fillna(0).sum())
        else "no citation data",
    }
