"""``ipnav aliases suggest|apply|show``: the reviewable applicant alias table.

``suggest`` writes the table (default ``<workspace>/aliases.csv``) and prints the largest merges
for a person to check; decisions already in that file (reviewed yes/no, hand-made rows) are kept.
``apply FILE`` makes the file the store's alias table (idempotent). ``show`` prints the table in
force.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ipnav.alias_table import (
    apply_aliases,
    read_alias_table,
    suggest_aliases,
    variants_from_store,
    write_alias_table,
)
from ipnav.aliases import DEFAULT_THRESHOLD, AliasRow
from ipnav.cli.options import add_json, add_store, emit, settings_from, store_from

__all__ = ["register"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("aliases", help="suggest, apply or show the applicant alias table (申请人别名表)")
    sub = parser.add_subparsers(dest="aliases_command", metavar="ACTION", required=True)

    p = sub.add_parser("suggest", help="group name variants and write a table to review (建议合并)")
    add_store(p)
    add_json(p)
    p.add_argument(
        "--out",
        metavar="FILE",
        help="table to write (default: <workspace>/aliases.csv); its reviewed rows are kept",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help="minimum pair score 0-100 (default %(default)s)",
    )
    p.add_argument("--top", type=int, default=20, help="merges to print (default %(default)s)")
    p.set_defaults(func=_suggest)

    p = sub.add_parser("apply", help="make FILE the store's alias table (应用别名表; idempotent)")
    p.add_argument("file", metavar="FILE")
    add_store(p)
    add_json(p)
    p.add_argument("--reviewed-only", action="store_true", help="apply only rows reviewed 'yes'")
    p.set_defaults(func=_apply)

    p = sub.add_parser("show", help="print the alias table in force (当前别名表)")
    add_store(p)
    add_json(p)
    p.set_defaults(func=_show)


def _merge_line(r: AliasRow) -> str:
    flag = {"yes": " [reviewed]", "no": " [rejected]"}.get(r.reviewed, "")
    return (
        f"{r.patents:6d}  {r.variant_name or r.variant}  ->  {r.canonical_name or r.canonical} "
        f"({r.canonical_patents})  score {r.score:g}  {r.reason}{flag}"
    )


def _suggest(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else settings_from(args).aliases_path
    previous = read_alias_table(out) if out.is_file() else []
    with store_from(args) as store:
        variants = variants_from_store(store)
    rows = suggest_aliases(variants, previous=previous, threshold=args.threshold)
    write_alias_table(rows, out)
    active = [r for r in rows if r.reviewed != "no"]
    decided = {(r.variant, r.canonical) for r in previous if r.reviewed in ("yes", "no") or r.reason == "manual"}
    kept = sum(1 for r in rows if (r.variant, r.canonical) in decided)
    result = {
        "variants": len(variants),
        "suggested": len(rows) - kept,
        "kept_from_previous": kept,
        "groups": len({r.canonical for r in active}),
        "patents_moved": sum(r.patents for r in active),
        "file": str(out),
        "top": [
            {
                "variant": r.variant,
                "canonical": r.canonical,
                "patents": r.patents,
                "score": r.score,
                "reason": r.reason,
            }
            for r in active[: args.top]
        ],
    }
    lines = [
        f"变体 variants: {result['variants']}   合并建议 merges: {len(active)} "
        f"into {result['groups']} groups ({result['patents_moved']} patent links move)   "
        f"kept from previous table: {result['kept_from_previous']}",
        f"表格 table: {out}   (review: set 'reviewed' to yes/no, then `ipnav aliases apply {out}`)",
        f"最大的合并 top {min(args.top, len(active))} merges (patents  variant -> canonical (patents)  score  reason):",
        *(_merge_line(r) for r in active[: args.top]),
    ]
    emit(result, as_json=args.json, text="\n".join(lines))
    return 0


def _apply(args: argparse.Namespace) -> int:
    rows = read_alias_table(args.file)
    with store_from(args) as store:
        result = apply_aliases(store, rows, reviewed_only=args.reviewed_only)
    result["file"] = args.file
    emit(
        result,
        as_json=args.json,
        text=f"已应用 applied {result['aliases']} aliases from {args.file}: organisations "
        f"{result['organizations_before']} -> {result['organizations_after']}",
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    with store_from(args) as store:
        table = store.aliases()
    emit(
        {"aliases": table},
        as_json=args.json,
        text="\n".join(
            [
                f"{len(table)} aliases (variant -> canonical):",
                *(f"  {v} -> {c}" for v, c in table.items()),
            ]
        ),
    )
    return 0
