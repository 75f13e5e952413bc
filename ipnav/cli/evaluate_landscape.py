"""``ipnav evaluate-landscape``: how good is the topic map? (专利地图质量评估)

Fits the landscape of the stored patents (embeddings come from the cache) with each seed and
reports V-measure and NMI of the topics against known labels (``--labels FILE`` with columns
``id,label``, else the first IPC/CPC subclass or section of each patent in the store), and the
stability across seeds (mean adjusted Rand index over all pairs of runs).
"""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

from ipnav.cli.options import add_json, add_store, emit, settings_from, store_from
from ipnav.exceptions import ConfigError, InputFormatError
from ipnav.store.base import PatentFilter


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "evaluate-landscape",
        help="V-measure / NMI against known labels and seed stability",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_store(p)
    p.add_argument("--filter", metavar="SPEC", help="which patents (as in `ipnav landscape`)")
    p.add_argument(
        "--labels",
        metavar="CSV",
        help="known labels: a CSV with columns id,label (default: IPC from the store)",
    )
    p.add_argument(
        "--level",
        choices=("subclass", "section"),
        default="subclass",
        help="IPC label level (default subclass)",
    )
    p.add_argument("--seeds", default="0,1,2,3,4", help="comma-separated seeds (default 0,1,2,3,4)")
    p.add_argument("--min-topic-size", type=int, help="smallest topic (default as in `ipnav landscape`)")
    p.add_argument("--model", help="embedding model (default $IPNAV_EMBED_MODEL or auto)")
    add_json(p)
    p.set_defaults(func=run)


def _labels(path: str) -> dict[str, str]:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise InputFormatError(f"cannot read the labels file: {exc}", path=path) from exc
    if not {"id", "label"} <= set(frame.columns):
        raise InputFormatError(f"the labels file needs columns id,label; it has {', '.join(frame.columns)}", path=path)
    dup = frame["id"].duplicated()
    if dup.any():
        row = int(frame.index[dup][0]) + 2
        raise InputFormatError(f"id {frame['id'][dup].iloc[0]!r} appears twice", path=path, location=f"row {row}")
    return dict(zip(frame["id"], frame["label"], strict=True))


def run(args: argparse.Namespace) -> int:
    from ipnav.landscape.evaluate import cluster_scores, ipc_labels, seed_stability
    from ipnav.landscape.model import Landscape
    from ipnav.landscape.pipeline import default_embedder, run_landscape

    try:
        seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    except ValueError as exc:
        raise ConfigError(f"--seeds must be comma-separated integers. Got {args.seeds!r} instead.") from exc
    if len(seeds) < 2:
        raise ConfigError(f"--seeds needs at least 2 seeds for stability. Got {args.seeds!r} instead.")
    settings = settings_from(args)
    known = _labels(args.labels) if args.labels else None
    with store_from(args) as store:
        embedder = default_embedder(args.model) if args.model else None
        first = run_landscape(
            store,
            where=PatentFilter.parse(args.filter),
            embedder=embedder,
            progress=not args.json,
            model=Landscape(min_topic_size=args.min_topic_size, random_state=seeds[0]),
        )
    corpus, X = first.corpus, first.embeddings
    truth = (
        [known.get(i, "") for i in corpus["id"]] if known is not None else ipc_labels(corpus, level=args.level).tolist()
    )

    def fit(seed: int) -> Any:
        if seed == seeds[0]:
            return first.model.labels_
        return Landscape(min_topic_size=args.min_topic_size, random_state=seed).fit(corpus, X).labels_

    stability = seed_stability(fit, seeds)
    per_seed = [cluster_scores(truth, labels) for labels in stability.pop("runs")]
    result = {
        "n_patents": len(corpus),
        "labels": args.labels or f"IPC {args.level}",
        "seed": seeds[0],
        "scores": per_seed[0],
        "v_measure_per_seed": [s["all"]["v_measure"] for s in per_seed],
        "nmi_per_seed": [s["all"]["nmi"] for s in per_seed],
        "stability": stability,
        "embedder": first.params["embedder"],
        "settings_seed": settings.seed,
    }
    emit(result, as_json=args.json, text=_text(result))
    return 0


def _text(r: dict[str, Any]) -> str:
    s, st = r["scores"], r["stability"]
    clustered = s["clustered"] or {}
    return "\n".join(
        [
            f"{r['n_patents']:,} patents vs {r['labels']} ({s['n_labels']} labels), "
            f"{s['n_topics']} topics, "
            f"{100 * s['outlier_share']:.1f}% outliers",
            f"V-measure {s['all']['v_measure']:.3f} "
            f"(topics only {clustered.get('v_measure', float('nan')):.3f}), "
            f"NMI {s['all']['nmi']:.3f}, ARI {s['all']['ari']:.3f}",
            f"stability over seeds {st['seeds']}: mean ARI {st['mean_ari']:.3f} (min "
            f"{st['min_ari']:.3f}); "
            f"topics per run {st['n_topics']}",
        ]
    )
