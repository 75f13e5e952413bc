"""``ipnav demo [--home DIR] [--store URI] [--force] [--json]``: build the demo workspace.

Ingests the shipped ``data/demo`` files, applies the safe applicant aliases, maps the Lens
robotics landscape, navigates for a default focus and evaluates the top applicants, saving
everything in the store so ``ipnav app`` answers at once. A second run reuses every stage whose
inputs did not change.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ipnav.cli.options import add_json, emit
from ipnav.config import Settings
from ipnav.demo import DemoConfig, build_workspace, demo_sources
from ipnav.store import open_store

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="build the demo workspace from data/demo (演示工作区)",
        description="Build a ready-to-show workspace from the shipped demo data: ingest, aliases, landscape, "
        "navigation and scorecards, saved in the store. Idempotent: a second run reuses everything.",
    )
    parser.add_argument("--home", type=Path, help="workspace folder (default: $IPNAV_HOME, else ./workspace)")
    parser.add_argument("--store", metavar="URI", help="store URI (default: sqlite:///<home>/ipnav.db)")
    parser.add_argument("--force", action="store_true", help="redo every stage")
    parser.add_argument(
        "--focus",
        default="UBTECH ROBOTICS",
        help="focus applicant of navigation and evaluation (default: UBTECH ROBOTICS, else the largest "
        "Chinese organisation)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    add_json(parser)
    parser.set_defaults(func=run)


def _summary_text(summary: dict) -> str:
    parts = []
    for key, value in summary.items():
        if key == "table":
            continue
        if isinstance(value, dict):  # e.g. navigations: {"applicant:UBTECH ROBOTICS": {...}}
            value = f"{len(value)} ({', '.join(value)})" if value else "0"
        elif isinstance(value, list):
            value = len(value)
        parts.append(f"{key} {value}")
    return ", ".join(parts)


def _text(manifest: dict) -> str:
    from ipnav.demo.stages import STAGES

    lines = []
    for name in [n for n in STAGES if n in manifest["stages"]]:
        stage = manifest["stages"][name]
        state = "reused" if stage.get("reused") else stage.get("skipped") or f"{stage.get('seconds', 0):.1f} s"
        lines.append(f"  {name:<11} {state:>9}  {_summary_text(stage.get('summary') or {})[:160]}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env(home=args.home, store_uri=args.store)
    config = DemoConfig(sources=demo_sources(), focus_applicant=args.focus, seed=settings.seed)
    if settings.embed_model != "auto":  # IPNAV_EMBED_MODEL overrides the demo's model (MiniLM, see DemoConfig)
        config.embed_model = settings.embed_model
    with open_store(settings.store_uri) as store:
        manifest = build_workspace(
            store, settings.home, config, force=args.force, progress=not args.no_progress and not args.json
        )
    result = {"home": str(settings.home), "store": settings.store_uri, **manifest}
    emit(
        result,
        as_json=args.json,
        text=f"demo workspace {settings.home} (store {settings.store_uri})\n"
        + _text(manifest)
        + f"\nnext: ipnav app --store {settings.store_uri}",
    )
    return 0
