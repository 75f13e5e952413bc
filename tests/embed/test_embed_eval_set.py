"""The cross-lingual evaluation set: its shape, and that every key resolves in ../shared/data."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO / "bench" / "data" / "xling_eval.csv"


def rows() -> list[dict[str, str]]:
    with EVAL.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_eval_set_has_the_documented_parts():
    data = rows()
    assert Counter(r["set"] for r in data) == {"patsnap_pairs": 300, "en_pool": 76, "cnki_zh": 33}
    cnki = Counter(r["label"] for r in data if r["set"] == "cnki_zh")
    assert cnki == {
        "metal_alloy": 9,
        "none": 9,
        "grinding_crushing": 4,
        "luminescent_optical": 4,
        "battery": 2,
        "polymer": 2,
        "mixing_vessel": 2,
        "cement_concrete": 1,
    }
    pool = Counter(r["label"] for r in data if r["set"] == "en_pool")
    assert pool["other"] == 30
    assert set(pool) - {"other"} == set(cnki) - {"none"}  # every labelled technology has English patents
    assert len({(r["set"], r["key"]) for r in data}) == len(data)


@pytest.mark.shared
def test_every_key_resolves_to_text(shared_data: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("IPNAV_SHARED_DATA", str(shared_data))
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    from corpora import english_abstracts, shared_patents, xling_items

    patents = shared_patents()
    assert patents is not None
    items = xling_items(patents)
    assert len(items) == 409
    assert all(len(i.text) > 20 for i in items)
    pairs = [i for i in items if i.set == "patsnap_pairs"]
    assert all(i.text_en and i.title_en for i in pairs)
    first_cnki = next(i for i in items if i.set == "cnki_zh")
    assert first_cnki.title == "地下防污屏障材料化学相容性测试装置及方法"
    texts, sources = english_abstracts(patents, 2000)
    assert len(texts) == len(set(texts)) == 2000
    assert sources == {
        "wips_3d_printing_us_cn": 285,
        "tfh_thin_film_head_uspto_abstracts": 930,
        "kista/underwater_glider": 474,
        "kista/radar_rain_gauge": 311,
    }
    sys.modules.pop("corpora", None)
