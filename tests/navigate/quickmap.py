"""A quick, deterministic topic map for tests on real records (NOT the landscape stage).

TF-IDF of titles plus IPC subclasses -> TruncatedSVD(40) -> KMeans(k) -> 2-D map by PCA of the
SVD vectors. Good enough to exercise navigation on real exports in tests; real topic maps come
from ``ipnav landscape``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ipnav.records import PatentRecord


def quick_topic_map(
    records: Sequence[PatentRecord], *, k: int = 25, seed: int = 0
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA, TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [" ".join([r.text("en") or r.text() or ""] + [f"ipc_{c.symbol[:4]}" for c in r.codes]) for r in records]
    vec = TfidfVectorizer(min_df=3, max_features=20000, stop_words="english", sublinear_tf=True)
    X = vec.fit_transform(docs)
    Z = TruncatedSVD(40, random_state=seed).fit_transform(X)
    Z /= np.linalg.norm(Z, axis=1, keepdims=True) + 1e-12
    labels = KMeans(k, n_init=3, random_state=seed).fit_predict(Z)
    xy = PCA(2, random_state=seed).fit_transform(Z)
    terms = np.array(vec.get_feature_names_out())
    topics = []
    for t in range(k):
        rows = np.flatnonzero(labels == t)
        weights = np.asarray(X[rows].mean(axis=0)).ravel()
        top = [w for w in terms[np.argsort(-weights)[:12]] if not w.startswith("ipc_")][:6]
        topics.append(
            {
                "id": t,
                "label_en": " / ".join(top[:3]),
                "terms_en": top,
                "is_topic": True,
                "parent": None,
            }
        )
    assignments = [
        {"patent_id": r.id, "topic": int(t), "probability": 1.0, "x": float(p[0]), "y": float(p[1])}
        for r, t, p in zip(records, labels, xy, strict=True)
    ]
    return {"method": "quickmap (tests)", "k": k, "seed": seed}, topics, assignments
