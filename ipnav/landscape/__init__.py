"""Landscape maps: embeddings -> reduce -> cluster -> merge tree -> labels -> facts -> topographic
map.

Stages (each a plain function or sklearn-style estimator, swappable):
:class:`~ipnav.landscape.reduce.Reducer` (UMAP / PCA),
:class:`~ipnav.landscape.cluster.TopicClusterer`
(HDBSCAN), :func:`~ipnav.landscape.hierarchy.build_topic_tree`,
:func:`~ipnav.landscape.label.label_topics`
(c-TF-IDF + MMR, English and Chinese), :func:`~ipnav.landscape.facts.topic_facts`, tied together by
:class:`~ipnav.landscape.model.Landscape`. Maps: :mod:`ipnav.landscape.figures` (Plotly) and
:mod:`ipnav.landscape.static` (matplotlib PNG). Quality: :mod:`ipnav.landscape.evaluate`.
Store glue: :mod:`ipnav.landscape.pipeline`. See docs/landscape.md.
"""

from ipnav.landscape.cluster import TopicClusterer
from ipnav.landscape.corpus import build_corpus
from ipnav.landscape.evaluate import cluster_scores, ipc_labels, seed_stability
from ipnav.landscape.facts import growth_rate, topic_facts
from ipnav.landscape.hierarchy import TopicTree, build_topic_tree
from ipnav.landscape.label import ctfidf, label_topics
from ipnav.landscape.model import Landscape, Placement
from ipnav.landscape.reduce import Reducer

__all__ = [
    "Landscape",
    "Placement",
    "Reducer",
    "TopicClusterer",
    "TopicTree",
    "build_corpus",
    "build_topic_tree",
    "cluster_scores",
    "ctfidf",
    "growth_rate",
    "ipc_labels",
    "label_topics",
    "seed_stability",
    "topic_facts",
]
