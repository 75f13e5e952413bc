"""Embeddings of patent texts: models, the cache, and the contract (:mod:`ipnav.embed.base`).

Example:
    >>> from ipnav.embed import embed_texts, get_embedder
    >>> embed_texts(["robot arm"], get_embedder("fake"), progress=False).shape
    (1, 32)
"""

from ipnav.embed.base import Embedder, FakeEmbedder, text_hash
from ipnav.embed.cache import (
    EmbedStats,
    cache_records,
    corpus_languages,
    embed_records,
    embed_texts,
    iter_embeddings,
    patent_text,
)
from ipnav.embed.models import MODELS, choose_model, get_embedder, resolve_device

__all__ = [
    "MODELS",
    "EmbedStats",
    "Embedder",
    "FakeEmbedder",
    "cache_records",
    "choose_model",
    "corpus_languages",
    "embed_records",
    "embed_texts",
    "get_embedder",
    "iter_embeddings",
    "patent_text",
    "resolve_device",
    "text_hash",
]
