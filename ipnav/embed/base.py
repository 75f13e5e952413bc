"""The embedder contract and a deterministic fake for tests.

An embedder turns texts into L2-normalised float32 vectors of a fixed dimension. Every stage
that needs vectors (landscape, gaps, similar-patent search) takes an :class:`Embedder`, so tests
inject :class:`FakeEmbedder` and never load a model.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = ["Embedder", "FakeEmbedder", "text_hash"]


@runtime_checkable
class Embedder(Protocol):
    """Texts in, unit vectors out.

    Attributes:
        name: Identifies the model *and* its numerics; the embedding cache is keyed by it, so two
            embedders whose vectors differ must have different names.
        dim: Vector dimension.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts; returns an array of shape ``(len(texts), dim)``, float32, rows of norm 1."""
        ...


def text_hash(text: str) -> str:
    """The cache key of a text: SHA-1 of its UTF-8 bytes (hex).

    Example:
        >>> text_hash("robot")[:8]
        'b232ae12'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_TOKEN = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")


class FakeEmbedder:
    """A deterministic bag-of-tokens embedder for tests (no model, no randomness across runs).

    Each token (lower-case word, or single Han character) is hashed to a fixed random direction;
    a text's vector is the normalised sum. Texts sharing words are therefore close, and the same
    text always gives the same vector.

    Args:
        dim: Vector dimension.

    Example:
        >>> e = FakeEmbedder(dim=16)
        >>> v = e.encode(["robot arm", "robot arm", "concrete slag"])
        >>> bool(np.allclose(v[0], v[1])), float(v[0] @ v[2]) < 0.9
        (True, True)
    """

    def __init__(self, dim: int = 32):
        self.dim = dim
        self.name = f"fake-{dim}"

    def _direction(self, token: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(token.encode("utf-8")).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(self.dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float64)
        for i, text in enumerate(texts):
            for token in _TOKEN.findall(text.lower()):
                out[i] += self._direction(token)
            if not out[i].any():
                out[i] = self._direction("\x00empty")
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out.astype(np.float32)
