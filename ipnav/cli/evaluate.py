"""``ipnav evaluate``: third-party evaluation of an organisation from its patents.

ipnav evaluate --applicant NAME [--scenario investment|financing|talent|positioning]
               [--peers auto|NAMES] [--store URI] [--json] [--report out.html|out.pdf] [--lang zh|en]
"""

from __future__ import annotations

import argparse
import datetime as dt

from ipnav.cli.options import add_json, add_store, emit, settings_from, store_from
from ipnav.exceptions import ConfigError

__all__ = ["register"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--as-of must be YYYY-MM-DD, got {text!r}") from exc


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "evaluate",
        help="score an organisation against its peers and write a third-party evaluation report",
        description="Third-party evaluation (第三方评价) of an organisation from its patents: indicators, "
        "peer percentiles, scenario weights, confidence, +/-20%% weight sensitivity; report as HTML or PDF.",
    )
    p.add_argument("--applicant", required=True, metavar="NAME", help="organisation name, raw or normalised")
    p.add_argument(
        "--scenario",
        default="investment",
        metavar="KEY",
        help="investment (招商引资), financing (资本对接/质押融资), talent (人才引进), positioning (产业定位)",
    )
    p.add_argument(
        "--peers",
        default="auto",
        metavar="auto|NAMES",
        help="'auto' (most similar organisations) or a comma-separated list of names",
    )
    p.add_argument(
        "--peer-k",
        type=int,
        default=15,
        metavar="N",
        help="size of an automatic peer group (default 15)",
    )
    p.add_argument(
        "--scenarios",
        metavar="FILE",
        help="scenarios YAML (default: the shipped ipnav/data/scenarios.yaml)",
    )
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="evaluation date (default: the data's latest publication)",
    )
    p.add_argument(
        "--main-paths",
        metavar="FILE",
        help="main-path patent ids (lines, or `ipnav mainpath --json` output)",
    )
    p.add_argument(
        "--home",
        metavar="CC",
        help="the organisation's home country (default: inferred; decides 'foreign-held')",
    )
    p.add_argument("--report", metavar="FILE", help="write the report: .html (self-contained) or .pdf")
    p.add_argument("--lang", choices=("zh", "en"), help="report language (default: $IPNAV_LANG, else zh)")
    add_store(p)
    add_json(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ipnav.scores.pipeline import load_main_path_ids, run_evaluation
    from ipnav.scores.report import write_report

    if args.peer_k < 1:
        raise ConfigError(f"--peer-k must be an int >= 1. Got {args.peer_k} instead.")
    settings = settings_from(args, lang=args.lang)
    peers = "auto" if args.peers.strip().lower() == "auto" else [p.strip() for p in args.peers.split(",") if p.strip()]
    main_paths = load_main_path_ids(args.main_paths) if args.main_paths else None
    with store_from(args) as store:
        result = run_evaluation(
            store,
            args.applicant,
            scenario=args.scenario,
            peers=peers,
            scenarios_path=args.scenarios,
            as_of=args.as_of,
            main_path_ids=main_paths,
            peer_k=args.peer_k,
            home=args.home,
        )
    ev = result.evaluation
    report = None
    if args.report:
        report = write_report(
            args.report,
            ev,
            scenario=result.scenario,
            lang=settings.lang,
            appendix=result.appendix,
            patents=result.patents,
            topic_labels=result.topic_labels,
        )
    out = ev.to_dict()
    out["report"] = str(report) if report else None
    out["content_hash"] = result.appendix["content_hash"]
    emit(out, as_json=args.json, text=_text(out, settings.lang))
    return 0


def _text(out: dict, lang: str) -> str:
    score = "—" if out["score"] is None else f"{out['score']:.1f}"
    lines = [
        f"{out['name']} [{out['applicant']}]  scenario={out['scenario']}",
        f"score {score}/100  confidence {out['confidence']:.2f} ({out['confidence_level']})  "
        f"rank {out['rank']}/{out['group_size']}  patents {out['portfolio_size']}  "
        f"worst rank change at +/-20% weights: {out['worst_rank_change']}",
        f"{'indicator':<24}{'value':>12}{'peer pct':>10}{'weight':>8}{'coverage':>10}",
    ]
    for r in out["indicators"]:
        if not r["weight"] and r["value"] is None:
            continue
        value = "missing" if r["value"] is None else f"{r['value']:.3g}"
        pct = "—" if r["peer_percentile"] is None else f"{r['peer_percentile']:.0f}"
        name = r["name_zh"] if lang == "zh" else r["key"]
        lines.append(f"{name:<24}{value:>12}{pct:>10}{r['weight']:>8.2f}{100 * r['coverage']:>9.0f}%")
    lines.append("peers: " + ", ".join(p["key"] for p in out["peers"]))
    if out.get("report"):
        lines.append(f"report: {out['report']}")
    return "\n".join(lines)
