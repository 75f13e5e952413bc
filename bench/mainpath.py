"""Benchmark: SPC weights + global main path on a labelled SYNTHETIC citation DAG.

The network is synthetic (vertex ids ``SYN00000001`` ...): patents filed in 60 half-year slots,
each citing about 4 earlier patents, mostly recent ones (the cited slot lies a geometric number of
slots back) and preferentially the first-filed of a slot. Its depth and path counts grow like a
real citation network's (counts beyond 2**53, so the extended-range arithmetic is exercised).

Measured, in one run:

* ``ipnav``: :func:`ipnav.paths.set_traversal_weights` (SPC) + :func:`ipnav.paths.global_main_path`
  on an ``nx.DiGraph`` (the public API; building the graph is timed apart as ``build_graph_s``);
* ``ipnav_arrays``: the same on arrays (:class:`ArcIndex`, :func:`traversal_counts`,
  :func:`index_main_path`), what the API spends without networkx's per-arc dictionaries;
* ``baseline``: the textbook networkx implementation: ``nx.topological_sort``, SPC by two
  dictionary passes with exact Python integers, and ``nx.dag_longest_path`` on those weights.

Each measurement is the fastest of ``--repeat`` runs (3; the machine is shared). Both sizes
(``--small`` and ``--arcs``) are run; ``ratio_small_large`` = time(small) / time(large)
is 0.1 for perfectly linear growth between 100k and 1M arcs. The last line is one JSON object.

Run: ``python bench/mainpath.py [--arcs 1000000] [--small 100000] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import sys
import time
from typing import Any

import networkx as nx
import numpy as np

from ipnav.paths import ArcIndex, global_main_path, set_traversal_weights, traversal_counts
from ipnav.paths.search import index_main_path


def synthetic_citation_arcs(
    n_arcs: int, *, seed: int = 0, slots: int = 60, cites: float = 4.0
) -> tuple[int, np.ndarray, np.ndarray]:
    """``(n_vertices, cited, citing)``: ``n_arcs`` distinct arcs, the cited filed earlier."""
    rng = np.random.default_rng(seed)
    n = int(n_arcs / cites * 1.1) + 10
    slot = np.sort(rng.integers(0, slots, n))
    start = np.searchsorted(slot, np.arange(slots + 1))
    m = int(n_arcs * 1.15)
    citing = rng.integers(int(start[1]), n, m)
    back = rng.geometric(0.3, m)
    cited_slot = slot[citing] - back
    ok = cited_slot >= 0
    citing, cited_slot = citing[ok], cited_slot[ok]
    size = start[cited_slot + 1] - start[cited_slot]
    ok = size > 0
    citing, cited_slot, size = citing[ok], cited_slot[ok], size[ok]
    cited = start[cited_slot] + (size * rng.random(citing.size) ** 2).astype(np.int64)
    pairs = np.unique(np.stack([cited, citing], axis=1), axis=0)
    if pairs.shape[0] < n_arcs:
        raise SystemExit(
            f"generator made only {pairs.shape[0]} arcs for {n_arcs}; raise the oversampling"
        )
    pairs = pairs[np.sort(rng.choice(pairs.shape[0], n_arcs, replace=False))]
    return n, pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)


def label(i: int) -> str:
    return f"SYN{i:08d}"


def run_arrays(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[float, Any]:
    t = time.perf_counter()
    index = ArcIndex.from_arrays([label(i) for i in range(n)], src, dst)
    counts = traversal_counts(index, "spc")
    weights = counts.raw if counts.exact else counts.normalized
    path = index_main_path(index, weights, "global")
    return time.perf_counter() - t, (counts, path)


def run_networkx_api(G: nx.DiGraph) -> tuple[float, Any]:
    t = time.perf_counter()
    counts = set_traversal_weights(G, ["spc"])
    path = global_main_path(G, "spc" if counts["spc"].exact else "spc_norm")
    return time.perf_counter() - t, path


def run_baseline(G: nx.DiGraph) -> tuple[float, list[str]]:
    """Textbook SPC with networkx and exact Python integers, then nx.dag_longest_path."""
    t = time.perf_counter()
    order = list(nx.topological_sort(G))
    n_minus: dict[str, int] = {}
    for v in order:
        preds = G._pred[v]
        n_minus[v] = sum(n_minus[u] for u in preds) if preds else 1
    n_plus: dict[str, int] = {}
    for v in reversed(order):
        succs = G._succ[v]
        n_plus[v] = sum(n_plus[w] for w in succs) if succs else 1
    for u, v, d in G.edges(data=True):
        d["spc_baseline"] = n_minus[u] * n_plus[v]
    path = nx.dag_longest_path(G, weight="spc_baseline", topo_order=order)
    return time.perf_counter() - t, path


def _best(repeat: int, run: Any, *args: Any) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs (the machine is shared: the minimum is the least disturbed)."""
    times, result = [], None
    for _ in range(repeat):
        t, result = run(*args)
        times.append(t)
    return min(times), result


def measure(n_arcs: int, seed: int, repeat: int) -> dict[str, Any]:
    n, src, dst = synthetic_citation_arcs(n_arcs, seed=seed)
    print(f"[{n_arcs:,} arcs] synthetic DAG: {n:,} vertices", file=sys.stderr)
    t_arrays, (counts, apath) = _best(repeat, run_arrays, n, src, dst)
    print(f"[{n_arcs:,} arcs] ipnav arrays {t_arrays:.2f} s", file=sys.stderr)
    t = time.perf_counter()
    G = nx.DiGraph()
    G.add_nodes_from(label(i) for i in range(n))
    G.add_edges_from(zip(map(label, src.tolist()), map(label, dst.tolist()), strict=True))
    t_build = time.perf_counter() - t
    t_api, path = _best(repeat, run_networkx_api, G)
    print(
        f"[{n_arcs:,} arcs] ipnav networkx API {t_api:.2f} s (graph built in {t_build:.2f} s)",
        file=sys.stderr,
    )
    t_base, base_path = _best(repeat, run_baseline, G)
    print(f"[{n_arcs:,} arcs] baseline {t_base:.2f} s", file=sys.stderr)
    arcs = {(u, v) for u, v, _ in path.arcs}
    base_arcs = set(itertools.pairwise(base_path))
    sample = list(G.edges(data=True))[:: max(1, G.number_of_edges() // 1000)]
    rel = max(abs(float(d["spc"]) - d["spc_baseline"]) / d["spc_baseline"] for _, _, d in sample)
    return {
        "arcs": n_arcs,
        "vertices": n,
        "depth": int(counts.n_minus.size and ArcIndex.from_graph(G).level.max()),
        "max_log10_spc": round(float(counts.log10.max()), 1),
        "exact_integers": bool(counts.exact),
        "ipnav_s": round(t_api, 3),
        "ipnav_arrays_s": round(t_arrays, 3),
        "build_graph_s": round(t_build, 3),
        "baseline_s": round(t_base, 3),
        "main_path_nodes": len(path.nodes),
        "same_main_path_as_baseline": base_arcs <= arcs and len(apath.nodes) == len(path.nodes),
        "max_rel_diff_spc_vs_exact": rel,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arcs", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest counts")
    args = parser.parse_args(argv)
    small = measure(args.small, args.seed, args.repeat)
    large = measure(args.arcs, args.seed, args.repeat)
    result = {
        "bench": "mainpath_spc_global",
        "data": "labelled synthetic citation DAG (SYN ids)",
        "ipnav": large["ipnav_s"],
        "baseline": large["baseline_s"],
        "baseline_name": "networkx topological_sort + exact-int SPC dict passes "
        "+ nx.dag_longest_path",
        "ratio": round(large["ipnav_s"] / large["baseline_s"], 3),
        "ratio_small_large": round(small["ipnav_s"] / large["ipnav_s"], 3),
        "ratio_small_large_arrays": round(small["ipnav_arrays_s"] / large["ipnav_arrays_s"], 3),
        "ratio_small_large_baseline": round(small["baseline_s"] / large["baseline_s"], 3),
        "small": small,
        "large": large,
        "seed": args.seed,
        "repeat": args.repeat,
        "python": platform.python_version(),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
