"""``ipnav status [--store URI] [--json]``."""

from __future__ import annotations

import argparse

from ipnav.cli.options import add_json, add_store, emit, store_from
from ipnav.status import store_status

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "status",
        help="what is in the store",
        description="Counts by node and edge type, industries, years, offices and top applicants.",
    )
    parser.add_argument("--top", type=int, default=20, help="how many top applicants/subclasses (default 20)")
    add_store(parser)
    add_json(parser)
    parser.set_defaults(func=run)


def _text(s: dict) -> str:
    lines = [f"patents {s['patents']:,} (+{s['cited_only']:,} known only as cited)"]
    lines.append("nodes  " + ", ".join(f"{k} {v:,}" for k, v in s["nodes"].items() if v))
    lines.append("edges  " + ", ".join(f"{k} {v:,}" for k, v in s["edges"].items() if v))
    if s["industries"]:
        lines.append("industries  " + ", ".join(f"{k} {v:,}" for k, v in list(s["industries"].items())[:12]))
    lines.append("offices  " + ", ".join(f"{k} {v:,}" for k, v in list(s["jurisdictions"].items())[:12]))
    if s["years"]:
        years = list(s["years"])
        lines.append(f"years  {years[0]}-{years[-1]}")
    lines.append("top applicants:")
    lines += [f"  {a['patents']:>6,}  {a['name']}" for a in s["top_applicants"]]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    with store_from(args) as store:
        result = store_status(store, top=args.top)
    emit(result, as_json=args.json, text=_text(result))
    return 0
