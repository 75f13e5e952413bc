"""Which embedding model puts Chinese and English patents in one space? Measured per candidate.

Evaluation set ``bench/data/xling_eval.csv`` (keys and labels only; texts are read from
../shared/data, see ``bench/data/xling_eval.md`` for provenance):

* ``patsnap_pairs``: 300 CNIPA patents of the PatSnap green-aviation export (seeded sample of
  those with a main IPC), each with its Chinese and English title + abstract. Measures:
  how often a Chinese patent's nearest English neighbour (of 300) is its own translation
  (top-1, and MRR); how often its nearest *other* English patent shares its main IPC subclass
  ("own technology"; chance = the rate for a random neighbour); and the title check: cosine of a
  Chinese title with its English translation vs with an unrelated English title.
* ``cnki_zh`` vs ``en_pool``: 24 CNKI materials-chemistry patents (Chinese, hand-labelled into 7
  technologies) against 76 English patents of the same technologies (alloys, crushing
  equipment, LEDs/luminescent materials, batteries, flame-retardant polymers, mixing vessels,
  concrete) and 30 unrelated ones. Measures: the nearest English patent is of the same
  technology (top-1) and the share of same-technology patents among the 5 nearest.
* English only, for reference: 400 KISTA landscape patents (80 per landscape); the nearest
  other patent is of the same landscape (top-1).

Usage: ``python bench/multilingual.py [--models minilm,use-multilingual,e5-multilingual]``.
Prints a markdown table, then one JSON line: ``ipnav`` = the default multilingual model's
own-translation top-1, ``baseline`` = MiniLM's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

from corpora import _kista, shared_patents, xling_items  # noqa: E402

from ipnav.embed import get_embedder  # noqa: E402
from ipnav.embed.models import DEFAULT_MODEL  # noqa: E402

LANDSCAPES = (
    "nighttime_driver_visibility",
    "offshore_plant",
    "orbit_satellite",
    "radar_rain_gauge",
    "underwater_glider",
)


def nearest_other(sims: np.ndarray, exclude_diagonal: bool) -> np.ndarray:
    s = sims.copy()
    if exclude_diagonal:
        np.fill_diagonal(s, -np.inf)
    return s.argmax(axis=1)


def same_label_chance(labels: np.ndarray, pool: np.ndarray | None = None) -> float:
    """Expected top-1 accuracy of a random neighbour (from ``pool``, else the others of ``labels``)."""
    if pool is None:
        return float(np.mean([((labels == lab).sum() - 1) / (len(labels) - 1) for lab in labels]))
    return float(np.mean([(pool == lab).mean() for lab in labels]))


def english_landscapes(patents: Path) -> tuple[list[str], np.ndarray]:
    frames = []
    for name in LANDSCAPES:
        frame = _kista(patents, name)
        frame = frame[frame.valid == True].sample(80, random_state=0)  # noqa: E712
        frames.append(frame.assign(landscape=name))
    both = pd.concat(frames).drop_duplicates("publication_number", keep=False)
    texts = (both.title_text.astype(str) + ". " + both.abstract_text.astype(str)).tolist()
    return texts, both.landscape.to_numpy()


def evaluate(model: str, patents: Path) -> dict[str, float | str]:
    items = xling_items(patents)
    pairs = [i for i in items if i.set == "patsnap_pairs"]
    cnki = [i for i in items if i.set == "cnki_zh" and i.label != "none"]
    pool = [i for i in items if i.set == "en_pool"]
    en_texts, en_labels = english_landscapes(patents)
    embedder = get_embedder(model, "auto", "cpu")
    embedder.encode(["warm up"])
    started = time.perf_counter()
    zh = embedder.encode([p.text for p in pairs])
    en = embedder.encode([p.text_en for p in pairs])
    zh_titles = embedder.encode([p.title for p in pairs])
    en_titles = embedder.encode([p.title_en for p in pairs])
    cn = embedder.encode([c.text for c in cnki])
    en_pool = embedder.encode([p.text for p in pool])
    seconds = time.perf_counter() - started
    n_texts = 4 * len(pairs) + len(cnki) + len(pool)
    en_only = embedder.encode(en_texts)

    n = len(pairs)
    sims = zh @ en.T
    rank = (sims > sims[np.arange(n), np.arange(n)][:, None]).sum(axis=1) + 1
    ipc = np.array([p.label for p in pairs])
    title_sims = zh_titles @ en_titles.T
    unrelated = title_sims[np.arange(n), (np.arange(n) + n // 2) % n]
    own_titles = np.diag(title_sims)
    cnki_labels = np.array([c.label for c in cnki])
    pool_labels = np.array([p.label for p in pool])
    pool_sims = cn @ en_pool.T
    top5 = np.argsort(-pool_sims, axis=1)[:, :5]
    return {
        "model": embedder.name,
        "pairs_own_top1": float((rank == 1).mean()),
        "pairs_own_mrr": float((1.0 / rank).mean()),
        "pairs_tech_top1": float((ipc[nearest_other(sims, True)] == ipc).mean()),
        "pairs_tech_chance": same_label_chance(ipc),
        "en_en_pairs_tech_top1": float((ipc[nearest_other(en @ en.T, True)] == ipc).mean()),
        "title_own_cos": float(own_titles.mean()),
        "title_unrelated_cos": float(unrelated.mean()),
        "title_own_gt_unrelated": float((own_titles > unrelated).mean()),
        "cnki_tech_top1": float((pool_labels[pool_sims.argmax(axis=1)] == cnki_labels).mean()),
        "cnki_tech_p5": float((pool_labels[top5] == cnki_labels[:, None]).mean()),
        "cnki_tech_chance": same_label_chance(cnki_labels, pool_labels),
        "en_landscape_top1": float((en_labels[nearest_other(en_only @ en_only.T, True)] == en_labels).mean()),
        "texts_per_s": n_texts / seconds,
    }


def table(rows: list[dict[str, float | str]]) -> str:
    cols = [
        ("model", "model (embedder name)"),
        ("pairs_own_top1", "zh→en own translation top-1"),
        ("pairs_own_mrr", "MRR"),
        ("pairs_tech_top1", "zh→en same IPC subclass top-1"),
        ("en_en_pairs_tech_top1", "en→en same IPC (reference)"),
        ("title_own_cos", "title cos: translation"),
        ("title_unrelated_cos", "title cos: unrelated"),
        ("title_own_gt_unrelated", "translation > unrelated"),
        ("cnki_tech_top1", "CNKI zh→en same technology top-1"),
        ("cnki_tech_p5", "same technology in top 5"),
        ("en_landscape_top1", "English landscape top-1"),
        ("texts_per_s", "texts/s"),
    ]
    lines = ["| " + " | ".join(title for _, title in cols) + " |", "|" + "---|" * len(cols)]
    for row in rows:
        cells = [
            row[k] if isinstance(row[k], str) else f"{row[k]:.3f}" if k != "texts_per_s" else f"{row[k]:.1f}"
            for k, _ in cols
        ]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    first = rows[0]
    lines.append(
        f"\nChance: same IPC subclass {first['pairs_tech_chance']:.3f}; CNKI same technology "
        f"{first['cnki_tech_chance']:.3f}. Own translation by chance: {1 / 300:.3f}."
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="minilm,use-multilingual,e5-multilingual")
    args = parser.parse_args()
    patents = shared_patents()
    if patents is None:
        reason = "../shared/data is absent (set IPNAV_SHARED_DATA); the evaluation texts are not redistributable"
        print(json.dumps({"bench": "multilingual", "skipped": reason}))
        return 0
    rows = []
    for model in args.models.split(","):
        print(f"evaluating {model} ...", file=sys.stderr)
        rows.append(evaluate(model.strip(), patents))
    print(table(rows))
    by_key = {m.strip(): r for m, r in zip(args.models.split(","), rows, strict=True)}
    best = by_key.get(DEFAULT_MODEL, rows[0])
    base = by_key.get("minilm", rows[-1])
    result = {
        "bench": "multilingual",
        "ipnav": round(float(best["pairs_own_top1"]), 3),
        "baseline": round(float(base["pairs_own_top1"]), 3),
        "ratio": round(float(best["pairs_own_top1"]) / max(float(base["pairs_own_top1"]), 1e-9), 2),
        "metric": "share of Chinese patents whose nearest English patent is their own translation",
        "ipnav_model": best["model"],
        "baseline_model": base["model"],
        "models": {
            k: {m: (round(v, 4) if isinstance(v, float) else v) for m, v in r.items()} for k, r in by_key.items()
        },
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
