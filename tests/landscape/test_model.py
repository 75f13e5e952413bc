"""The Landscape estimator: topics on known texts, identical output for one seed, transform."""

from __future__ import annotations

import numpy as np
import pytest

from ipnav.embed.base import FakeEmbedder
from ipnav.exceptions import AnalysisError
from ipnav.landscape.corpus import build_corpus
from ipnav.landscape.model import Landscape

EMB = FakeEmbedder(32)


def fit(records, **kwargs):
    corpus = build_corpus(records)
    X = EMB.encode(corpus["text"].tolist())
    return Landscape(min_topic_size=5, **kwargs).fit(corpus, X, embedder=EMB), corpus, X


def test_three_vocabularies_give_three_labelled_topics(records):
    model, corpus, _ = fit(records)
    assert model.n_topics_ == 3
    assert model.reducer_.method_ == "pca"  # 60 patents: below min_umap_samples
    by_topic = {t: set(corpus["main_subclass"][model.labels_ == t]) for t in range(3)}
    assert sorted(map(sorted, by_topic.values())) == [["B25J"], ["C22C"], ["H01M"]]
    topics = model.topics()
    assert topics["size"].sum() == 60 and list(topics["id"]) == [0, 1, 2]
    gripper = topics[topics["codes"].map(lambda c: c[0][0]) == "B25J"].iloc[0]
    assert "gripper" in gripper["label"] or "grasping" in gripper["label"]
    assert len(model.nodes_) == 5  # 3 topics + 2 merges
    assert model.assignments().columns.tolist() == [
        "id",
        "topic",
        "probability",
        "outlier",
        "x",
        "y",
    ]
    assert set(model.timings_) == {"reduce", "layout", "cluster", "label", "facts"}


def test_identical_seed_gives_identical_output(records):
    a, _, _ = fit(records, random_state=7)
    b, _, _ = fit(records, random_state=7)
    assert np.array_equal(a.labels_, b.labels_)
    assert np.array_equal(a.coords_, b.coords_)
    assert [n["label"] for n in a.nodes_] == [n["label"] for n in b.nodes_]
    assert a.assignments().equals(b.assignments())


def test_transform_places_a_duplicate_in_its_patents_topic(records):
    model, _corpus, X = fit(records)
    rows = [0, 25, 59]
    placed = model.transform(X[rows])
    assert placed.topics.tolist() == model.labels_[rows].tolist()
    assert np.allclose(placed.coords, model.coords_[rows])


def test_transform_places_a_new_text_among_its_neighbours(records):
    model, corpus, _ = fit(records)
    new = EMB.encode(["lithium battery electrode electrolyte separator"])
    placed = model.transform(new)
    battery_topic = model.labels_[corpus.index[corpus["main_subclass"] == "H01M"][0]]
    assert placed.topics[0] == battery_topic
    assert 0.5 < placed.probabilities[0] <= 1.0
    members = model.coords_[model.labels_ == battery_topic]
    assert members.min(axis=0)[0] - 1e-6 <= placed.coords[0, 0] <= members.max(axis=0)[0] + 1e-6


def test_merge_to_n_topics_and_zoom(records):
    model, _, _ = fit(records, n_topics=2)
    assert model.n_topics_ == 2
    assert sorted(np.bincount(model.labels_[model.labels_ >= 0]).tolist()) == [20, 40]
    full, _, _ = fit(records)
    zoomed = full.topics_at(1)
    assert set(zoomed.tolist()) == {4}  # the root of 3 topics is node 2*3-2


def test_outliers_stay_minus_one_in_the_assignments(records_factory):
    recs = records_factory(20)
    from ipnav.records import PatentRecord

    recs.append(PatentRecord(id="US9999", title={"en": "quantum cryptography satellite uplink"}))
    model, _, _ = fit(recs)
    a = model.assignments().set_index("id")
    assert a.loc["US9999", "topic"] == -1 and bool(a.loc["US9999", "outlier"])
    assert model.outlier_share_ == pytest.approx(1 / 61)


def test_shape_mismatch_is_an_error(records):
    corpus = build_corpus(records)
    with pytest.raises(AnalysisError, match="one row per corpus row"):
        Landscape().fit(corpus, np.zeros((3, 4)))


@pytest.mark.slow
def test_umap_path_is_deterministic(records_factory):
    recs = records_factory(40)  # 120 patents: UMAP
    a, _, _ = fit(recs, random_state=3)
    b, _, _ = fit(recs, random_state=3)
    assert a.reducer_.method_ == "umap"
    assert a.n_topics_ == 3
    assert np.array_equal(a.labels_, b.labels_) and np.array_equal(a.coords_, b.coords_)
