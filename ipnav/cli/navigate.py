"""``ipnav navigate``: the navigation report for a company, a region or a list of patents.

Examples::

    ipnav navigate --focus-applicant "UBTECH ROBOTICS CORP" --report ubtech.html
    ipnav navigate --focus-region 洛阳 --json
    ipnav navigate --focus-ids ids.txt --lang en --report out.html
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ipnav.cli.options import add_json, add_store, emit, store_from
from ipnav.exceptions import InputFormatError

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "navigate",
        help="navigation report: industry direction, positioning, development paths / 专利导航报告",
        description="Industry direction -> regional positioning -> development paths (GB/T 39551) "
        "for a "
        "focus against the rest of the store. Needs the topic map of `ipnav landscape`.",
    )
    focus = p.add_mutually_exclusive_group(required=True)
    focus.add_argument(
        "--focus-applicant", metavar="NAME", help="an organisation (normalised name match)"
    )
    focus.add_argument(
        "--focus-region", metavar="NAME", help="a province or city: 河南, 洛阳, HENAN, LUOYANG"
    )
    focus.add_argument(
        "--focus-ids", metavar="FILE", type=Path, help="text file, one publication number per line"
    )
    add_store(p)
    p.add_argument(
        "--target",
        type=int,
        help="route target topic id (default: from white space / opportunities)",
    )
    p.add_argument("--routes", type=int, default=3, help="routes per target (default 3)")
    p.add_argument("--window", type=int, default=5, help="growth window in years (default 5)")
    p.add_argument(
        "--end-year", type=int, help="last year of the growth window (default: from the data)"
    )
    p.add_argument(
        "--null",
        type=int,
        default=199,
        help="permutations of the white-space null model (default 199)",
    )
    p.add_argument(
        "--alpha", type=float, default=0.05, help="white-space significance level (default 0.05)"
    )
    p.add_argument("--seed", type=int, default=0, help="random seed of the null model (default 0)")
    p.add_argument(
        "--report", metavar="FILE.html", type=Path, help="write the self-contained HTML report"
    )
    p.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="report language (default zh)"
    )
    add_json(p)
    p.set_defaults(func=run)


def _ids(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputFormatError(f"cannot read the id list: {exc}", path=str(path)) from exc
    return [
        line.split(",")[0].strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _text(report: dict[str, Any], lang: str) -> str:
    lines = [report["title"][lang], ""]
    for key, heading in (
        ("direction", ("产业发展方向", "Industry direction")),
        ("positioning", ("区域产业定位", "Regional positioning")),
        ("paths", ("发展路径", "Development paths")),
    ):
        lines.append(heading[0] if lang == "zh" else heading[1])
        for s in report[key]["statements"]:
            lines.append(f"  - {s[lang]}")
            if s["patents"]:
                lines.append(f"    {', '.join(s['patents'][:8])}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ipnav.navigate.pipeline import navigate_store
    from ipnav.navigate.render import render_html

    with store_from(args) as store:
        report = navigate_store(
            store,
            applicant=args.focus_applicant,
            region=args.focus_region,
            ids=_ids(args.focus_ids) if args.focus_ids else None,
            target=args.target,
            n_routes=args.routes,
            window=args.window,
            end_year=args.end_year,
            n_null=args.null,
            alpha=args.alpha,
            seed=args.seed,
            progress=sys.stderr.isatty(),
        )
    if args.report is not None:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(render_html(report, lang=args.lang), encoding="utf-8")
        report["report_file"] = str(args.report)
    if args.json:
        emit(report, as_json=True)
    else:
        emit(
            report,
            as_json=False,
            text=_text(report, args.lang) + (f"\n\nreport: {args.report}" if args.report else ""),
        )
    return 0
