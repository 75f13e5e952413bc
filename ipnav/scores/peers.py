"""The peer group an organisation is compared with.

``auto``: the organisations whose technology profile is most similar to the evaluated one. The
profile is the share of its patents per landscape topic when topics exist (same topics), else
per IPC subclass (same technology fields / industry); similarity is the cosine of the two share
vectors. Only organisations with at least ``min_patents`` patents qualify, so percentiles are not
driven by one-patent applicants, and individuals are left out (unless the evaluated applicant is
one); ties are broken by size, then name. The rule and the resulting
list are printed in the report so a reviewer can rebuild the group.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["profiles", "select_peers"]


def profiles(patents: pd.DataFrame, *, basis: str = "auto") -> tuple[pd.DataFrame, str]:
    """Per-organisation share vectors over topics or IPC subclasses.

    Args:
        patents: The patent table.
        basis: ``topics``, ``subclasses`` or ``auto`` (topics when any patent has one).

    Returns:
        ``(shares, basis_used)``: index = organisation, columns = topics or subclasses, rows sum to 1
        (organisations without any topic/subclass are left out).

    Example:
        >>> df = pd.DataFrame({"orgs": [("A",), ("A", "B")], "subclasses": [("B25J",), ("G06N",)],
        ...                    "topic": [pd.NA, pd.NA]}, index=["P1", "P2"])
        >>> profiles(df)[0].loc["A"].tolist(), profiles(df)[1]
        ([0.5, 0.5], 'subclasses')
    """
    if basis not in ("auto", "topics", "subclasses"):
        raise ValueError(f"The 'basis' parameter must be auto, topics or subclasses. Got {basis!r} instead.")
    if basis == "auto":
        basis = "topics" if "topic" in patents and patents["topic"].notna().any() else "subclasses"
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for orgs, subs, topic in zip(
        patents["orgs"],
        patents["subclasses"],
        patents.get("topic", pd.Series(pd.NA, index=patents.index)),
        strict=True,
    ):
        if basis == "topics":
            items: Sequence = () if pd.isna(topic) else (int(topic),)
        else:
            items = subs
        for org in orgs:
            for item in items:
                counts[org][item] += 1.0 / len(items)
    shares = pd.DataFrame.from_dict(counts, orient="index").fillna(0.0).sort_index()
    if shares.empty:
        return shares, basis
    shares = shares[sorted(shares.columns, key=str)]
    return shares.div(shares.sum(axis=1), axis=0), basis


def _kinds(patents: pd.DataFrame) -> dict[str, str]:
    """The most frequent applicant kind of each organisation ('' when never told)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    if "org_kinds" not in patents:
        return {}
    for orgs, kinds in zip(patents["orgs"], patents["org_kinds"], strict=True):
        for org, kind in zip(orgs, kinds, strict=False):
            counts[org][kind or ""] += 1
    return {o: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for o, c in counts.items()}


def select_peers(
    patents: pd.DataFrame,
    target: str,
    *,
    k: int = 15,
    min_patents: int = 5,
    basis: str = "auto",
) -> tuple[list[str], dict]:
    """The ``k`` organisations most similar to ``target`` (the target itself excluded).

    Returns:
        ``(peers, info)`` where ``info`` has ``basis``, ``k``, ``min_patents``, and ``similarity``
        (``{peer: cosine}``) for the report.

    Example:
        >>> df = pd.DataFrame({"orgs": [("A",), ("B",), ("C",)], "subclasses": [("B25J",), ("B25J",), ("C08L",)],
        ...                    "topic": [pd.NA] * 3}, index=["P1", "P2", "P3"])
        >>> select_peers(df, "A", k=1, min_patents=1)[0]
        ['B']
    """
    if k < 1:
        raise ValueError(f"The 'k' parameter of select_peers must be an int >= 1. Got {k!r} instead.")
    shares, used = profiles(patents, basis=basis)
    sizes = Counter(o for orgs in patents["orgs"] for o in orgs)
    kinds = _kinds(patents)
    people_ok = kinds.get(target) == "individual"
    info = {"basis": used, "k": k, "min_patents": min_patents, "similarity": {}}
    if target not in shares.index:
        return [], info
    candidates = [
        o
        for o in shares.index
        if o != target and sizes[o] >= min_patents and (people_ok or kinds.get(o) != "individual")
    ]
    if not candidates:
        return [], info
    mat = shares.loc[candidates].to_numpy()
    vec = shares.loc[target].to_numpy()
    norms = np.linalg.norm(mat, axis=1) * np.linalg.norm(vec)
    sims = np.divide(mat @ vec, norms, out=np.zeros(len(candidates)), where=norms > 0)
    order = sorted(
        range(len(candidates)),
        key=lambda i: (-round(float(sims[i]), 12), -sizes[candidates[i]], candidates[i]),
    )
    chosen = [candidates[i] for i in order[:k] if sims[i] > 0]
    info["similarity"] = {candidates[i]: round(float(sims[i]), 4) for i in order[:k] if sims[i] > 0}
    return chosen, info
