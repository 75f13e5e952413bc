"""``ipnav embed``: embed the store's patents into its embedding cache (resumable).

Each finished chunk is written to the store at once, so an interrupted run picks up where it
stopped: run the same command again and it embeds only what is missing.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from ipnav.cli.options import add_json, add_store, emit, settings_from
from ipnav.embed.cache import DEFAULT_CHUNK_SIZE, cache_records, corpus_languages
from ipnav.embed.models import MODELS, get_embedder
from ipnav.store import PatentFilter, open_store

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "embed",
        help="embed patents into the store's embedding cache (嵌入向量缓存; resumable)",
        description=(
            "Embed the title, abstract and first claim of each patent into the store's cache, "
            "keyed by model and text hash. Interrupted runs resume: finished chunks are kept. "
            "将专利文本嵌入到存储的向量缓存中；中断后重新运行只计算缺少的部分。"
        ),
    )
    add_store(parser)
    parser.add_argument(
        "--filter", metavar="SPEC", help="which patents, e.g. 'industry=robotics;year=2015-' (default: all)"
    )
    parser.add_argument(
        "--model",
        metavar="NAME",
        help=f"auto (default, $IPNAV_EMBED_MODEL) or one of: {', '.join(MODELS)}; "
        "auto = use-multilingual unless every patent is English, then minilm",
    )
    parser.add_argument(
        "--backend",
        metavar="NAME",
        help="auto (default, $IPNAV_EMBED_BACKEND): fastest equivalent; minilm also takes "
        "onnx or sentence-transformers (the reference)",
    )
    parser.add_argument("--device", metavar="DEV", help="cpu, cuda or auto (default, $IPNAV_DEVICE)")
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"texts per chunk written to the cache (default {DEFAULT_CHUNK_SIZE})",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    add_json(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args, embed_model=args.model, embed_backend=args.backend, device=args.device)
    where = PatentFilter.parse(args.filter)
    store = open_store(settings.store_uri)
    try:
        total = store.count_patents(where)
        languages = None
        if settings.embed_model.strip().lower() == "auto":
            languages = corpus_languages(store.iter_patents(where))
        embedder = get_embedder(settings.embed_model, settings.embed_backend, settings.device, languages=languages)
        started = time.perf_counter()
        stats = cache_records(
            store.iter_patents(where),
            embedder,
            store,
            chunk_size=args.chunk_size,
            progress=not args.no_progress,
            total=total,
        )
        seconds = time.perf_counter() - started
        result = {
            "model": embedder.name,
            "dim": embedder.dim,
            "patents": total,
            "texts": stats.texts,
            "cached": stats.cached,
            "embedded": stats.embedded,
            "repeated": stats.repeated,
            "skipped_no_text": stats.skipped,
            "other_languages": stats.other_languages,
            "corpus_languages": languages,
            "seconds": round(seconds, 2),
            "embedded_per_s": round(stats.embedded / seconds, 1) if seconds > 0 else None,
        }
        store.put_artifact("embed.last_run", {**result, "filter": args.filter or ""})
    finally:
        store.close()
    text = (
        f"嵌入 / embedded {stats.texts} patents with {embedder.name}: "
        f"{stats.cached} from cache, {stats.embedded} new, {stats.skipped} without text "
        f"({seconds:.1f} s)"
    )
    emit(result, as_json=args.json, text=text)
    return 0
