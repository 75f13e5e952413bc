"""Embeddings of patent texts (see :mod:`ipnav.embed.base` for the contract)."""

from ipnav.embed.base import Embedder, FakeEmbedder, text_hash

__all__ = ["Embedder", "FakeEmbedder", "text_hash"]
