"""``ipnav landscape``: topic map of the patents in the store (专利地图).

Writes to ``--out``: ``map.html`` (topographic map, offline, overlays for applicants / offices /
score), ``map_years.html`` (filing periods, animated), ``map.png``, ``topics.csv`` (topics and
merge-tree nodes with labels and facts), ``assignments.csv`` (id, topic, probability, x, y) and
``summary.json``; saves Topic nodes and IN_TOPIC edges to the store unless ``--no-save``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pandas as pd

from ipnav.cli.options import add_json, add_store, emit, settings_from, store_from
from ipnav.exceptions import ConfigError, InputFormatError
from ipnav.store.base import PatentFilter


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "landscape",
        help="topic landscape map of the stored patents (专利地图)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_store(p)
    p.add_argument("--filter", metavar="SPEC", help="which patents, e.g. 'industry=robotics;year=2015-2024'")
    p.add_argument("--seed", type=int, help="random seed (default $IPNAV_SEED or 42)")
    p.add_argument(
        "--min-topic-size",
        type=int,
        help="smallest topic (default 0.25%% of the patents, at least 10, at most 500)",
    )
    p.add_argument("--topics", type=int, metavar="N", help="merge the topics down to N through the merge tree")
    p.add_argument(
        "--map-topics",
        type=int,
        default=25,
        metavar="N",
        help="label the map at N topics (zoom level of the merge tree; default 25)",
    )
    p.add_argument("--assign-outliers", action="store_true", help="give outliers their nearest topic")
    p.add_argument("--model", help="embedding model (default $IPNAV_EMBED_MODEL or auto)")
    p.add_argument("--device", help="cpu, cuda or auto")
    p.add_argument("--compare", metavar="A|B|C", help="applicants for the overlay (default: the 3 largest)")
    p.add_argument("--scores", metavar="CSV", help="value scores to overlay: a CSV with columns id,score")
    p.add_argument("--title", help="map title")
    p.add_argument("--png-engine", choices=("auto", "kaleido", "matplotlib"), default="auto")
    p.add_argument("--no-save", action="store_true", help="do not write the topics to the store")
    p.add_argument(
        "--redraw",
        action="store_true",
        help="redraw the map saved in the store (new title, overlays, scores); no refit",
    )
    p.add_argument(
        "--update",
        action="store_true",
        help="place patents added since the saved map on it (nearest mapped patents; no refit), then redraw",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    add_json(p)
    p.set_defaults(func=run)


def _scores(path: str | None) -> pd.Series | None:
    if not path:
        return None
    try:
        frame = pd.read_csv(path, dtype={"id": str})
    except (OSError, ValueError) as exc:
        raise InputFormatError(f"cannot read the scores file: {exc}", path=path) from exc
    if not {"id", "score"} <= set(frame.columns):
        raise InputFormatError(f"the scores file needs columns id,score; it has {', '.join(frame.columns)}", path=path)
    values = pd.to_numeric(frame["score"], errors="coerce")
    bad = frame.index[values.isna() & frame["score"].notna()]
    if len(bad):
        row = int(bad[0]) + 2
        raise InputFormatError(
            f"score is not a number: {frame.loc[bad[0], 'score']!r}",
            path=path,
            location=f"row {row}",
        )
    return pd.Series(values.to_numpy(), index=frame["id"])


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args, seed=args.seed)
    if args.min_topic_size is not None and args.min_topic_size < 2:
        raise ConfigError(f"--min-topic-size must be >= 2. Got {args.min_topic_size} instead.")
    scores = _scores(args.scores)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with store_from(args) as store:
        if args.update:
            from ipnav.landscape.pipeline import default_embedder, update_landscape

            embedder = default_embedder(args.model) if args.model else None
            placed = update_landscape(
                store, where=PatentFilter.parse(args.filter), embedder=embedder, progress=not args.json
            )
        if args.redraw or args.update:
            corpus, nodes, assignments, params, skipped = _saved(store)
        else:
            corpus, nodes, assignments, params, skipped = _fit(store, args, settings)
    result = _write(out, args, corpus, nodes, assignments, scores)
    if args.update:
        result["update"] = placed
    result.update(
        {
            "n_without_text": skipped,
            "params": params,
            "files": sorted(p.name for p in out.iterdir()),
        }
    )
    (out / "summary.json").write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    emit(result, as_json=args.json, text=_text(result, out))
    return 0


def _fit(store: Any, args: argparse.Namespace, settings: Any) -> tuple[Any, ...]:
    from ipnav.landscape.model import Landscape
    from ipnav.landscape.pipeline import default_embedder, run_landscape, save_landscape

    embedder = None
    if args.model or settings.embed_model != "auto":
        model_name = args.model or settings.embed_model
        embedder = default_embedder(model_name, settings.embed_backend, args.device or settings.device)
    model = Landscape(
        min_topic_size=args.min_topic_size,
        n_topics=args.topics,
        assign_outliers=args.assign_outliers,
        random_state=settings.seed,
    )
    where = PatentFilter.parse(args.filter)
    result = run_landscape(store, where=where, embedder=embedder, model=model, progress=not args.json)
    if not args.no_save:
        save_landscape(store, result)
    assignments = result.model.assignments()
    return result.corpus, result.model.nodes_, assignments, result.params, len(result.skipped)


def _saved(store: Any) -> tuple[Any, ...]:
    """The map saved in the store, for --redraw (no embedding, no refit)."""
    from ipnav.landscape.corpus import build_corpus
    from ipnav.landscape.pipeline import load_landscape

    params, nodes, assignments = load_landscape(store)
    records = store.get_patents(assignments["id"])
    missing = [i for i in assignments["id"] if i not in records]
    if missing:
        raise ConfigError(
            f"{len(missing)} patents of the saved map are no longer in the store "
            f"(first: {missing[0]}); run `ipnav landscape` again without --redraw"
        )
    corpus = build_corpus(records[i] for i in assignments["id"])
    assignments["outlier"] = assignments["topic"] == -1
    return corpus, nodes, assignments, params, params.get("n_without_text", 0)


def _write(
    out: Path,
    args: argparse.Namespace,
    corpus: Any,
    nodes: list[dict[str, Any]],
    assignments: Any,
    scores: Any,
) -> dict[str, Any]:
    from ipnav.landscape.export import summary, topics_table
    from ipnav.landscape.figures import (
        landscape_figure,
        map_frame,
        write_html,
        write_png,
    )
    from ipnav.landscape.timeline import timeline_figure

    frame = map_frame(corpus, assignments, scores=scores)
    n_topics = sum(1 for n in nodes if n["is_topic"])
    compare = (
        [c.strip() for c in args.compare.split("|")]
        if args.compare
        else frame.loc[frame["applicant"] != "", "applicant"].value_counts().index[:3].tolist()
    )
    title = args.title or f"Patent landscape 专利地图 — {len(frame):,} patents, {n_topics} topics"
    level = min(args.map_topics, n_topics) if n_topics else None
    fig = landscape_figure(frame, nodes, level=level, compare=compare, title=title)
    write_html(fig, out / "map.html")
    write_html(timeline_figure(frame, nodes, title=title), out / "map_years.html")
    engine = write_png(
        fig,
        out / "map.png",
        frame=frame,
        nodes=nodes,
        level=level,
        engine=args.png_engine,
        title=title,
    )
    topics_table(nodes).to_csv(out / "topics.csv", index=False)
    assignments[["id", "topic", "probability", "x", "y", "outlier"]].to_csv(out / "assignments.csv", index=False)
    outlier_share = float((assignments["topic"] == -1).mean()) if len(assignments) else 0.0
    result = summary(nodes, n_patents=len(frame), outlier_share=outlier_share)
    result["png_engine"] = engine
    return result


def _text(res: dict[str, Any], out: Path) -> str:
    lines = [
        f"{res['n_patents']:,} patents, {res['n_topics']} topics, "
        f"{100 * res['outlier_share']:.1f}% outliers "
        f"-> {out} (PNG by {res['png_engine']})",
        f"{'id':>3} {'size':>6} {'growth':>7}  label",
    ]
    for t in res["topics"]:
        g = (
            "new"
            if t["growth"] is None and t.get("emerging")
            else ("-" if t["growth"] is None else f"{100 * t['growth']:+.1f}%")
        )
        lines.append(f"{t['id']:>3} {t['size']:>6} {g:>7}  {t['label']}")
    return "\n".join(lines)
