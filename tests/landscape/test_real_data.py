"""Real data: Lens robotics titles with the packaged MiniLM (marked shared, model, slow)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.shared, pytest.mark.model, pytest.mark.slow]


def test_lens_titles_give_technology_topics(patents_dir):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.landscape_data import lens_robotics_records
    from ipnav.landscape.corpus import build_corpus
    from ipnav.landscape.evaluate import cluster_scores, ipc_labels
    from ipnav.landscape.model import Landscape
    from ipnav.landscape.pipeline import default_embedder

    by_id = {}
    for r in lens_robotics_records(patents_dir / "lens_robotics_physical_ai" / "pai.csv.gz"):
        by_id.setdefault(r.id, r)
    records = list(by_id.values())[:3000]
    corpus = build_corpus(records)
    embedder = default_embedder("minilm", "sentence-transformers")
    X = embedder.encode(corpus["text"].tolist())
    model = Landscape(random_state=42).fit(corpus, X, embedder=embedder)
    assert 20 <= model.n_topics_ <= 150  # smallest topic 10 on 3,000 patents
    assert 0.05 < model.outlier_share_ < 0.5
    labels = " | ".join(model.topics()["label"])
    found = [
        w
        for w in (
            "legged",
            "grasp",
            "gripper",
            "surgical",
            "reinforcement",
            "navigation",
            "humanoid",
            "autonomous vehicle",
            "neural network",
        )
        if w in labels
    ]
    assert len(found) >= 4, labels
    assert "method" not in labels.split() and "system" not in labels.split()
    scores = cluster_scores(ipc_labels(corpus).tolist(), model.labels_)
    assert scores["all"]["v_measure"] > 0.15
    dup = model.transform(X[:50])
    assert (dup.topics == model.labels_[:50]).all()
