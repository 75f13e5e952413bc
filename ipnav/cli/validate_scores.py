"""``ipnav validate-scores``: do scores computed at year T predict the citations received after T?

    ipnav validate-scores --cut-year T [--scenario KEY] [--min-patents N] [--store URI] [--json]

Needs citation links in the store (USPTO XML, PatentsView ``g_us_patent_citation``, BigQuery
``refs`` ...). Prints Spearman's rho at patent and organisation level with the baselines.
"""

from __future__ import annotations

import argparse

from ipnav.cli.options import add_json, add_store, emit, store_from

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "validate-scores",
        help="Spearman correlation of scores computed at year T with forward citations after T",
        description="Cut the data at the end of year T, compute patent and organisation scores on the cut, "
        "and correlate them with the citations received from patents published after T.",
    )
    p.add_argument(
        "--cut-year",
        type=int,
        metavar="T",
        help="last year of data the scores may see (default: 5 years before the latest publication year)",
    )
    p.add_argument("--scenario", default="investment", metavar="KEY", help="weights for the organisation score")
    p.add_argument("--scenarios", metavar="FILE", help="scenarios YAML (default: the shipped one)")
    p.add_argument(
        "--min-patents",
        type=int,
        default=5,
        metavar="N",
        help="organisations need N patents by T (default 5)",
    )
    add_store(p)
    add_json(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ipnav.exceptions import AnalysisError
    from ipnav.scores.scenarios import load_scenarios
    from ipnav.scores.validation import temporal_validation

    book = load_scenarios(args.scenarios)
    scenario = book.get(args.scenario)
    with store_from(args) as store:
        records = [r for r in store.iter_patents()]
        citations = list(store.iter_citations())
    if not citations:
        raise AnalysisError(f"the store {store.uri} has no citation links; load a source with citations first")
    years = [d.year for r in records for d in (r.publication_date or r.filing_date,) if d]
    cut = args.cut_year if args.cut_year is not None else max(years) - 5
    out = temporal_validation(
        records,
        citations,
        cut_year=cut,
        scenario=scenario,
        focus=book.focus,
        min_patents=args.min_patents,
    )
    emit(out, as_json=args.json, text=_text(out))
    return 0


def _fmt(r: dict) -> str:
    return "n/a" if r.get("rho") is None else f"rho={r['rho']:+.3f} (p={r['p']:.2g}, n={r['n']})"


def _text(out: dict) -> str:
    org = out["org_level"]
    return "\n".join(
        [
            f"cut at end of {out['cut_year']}: {out['visible_patents']} patents visible, "
            f"{out['citations_before']} citations before, {out['citations_after']} after",
            f"patent score      vs citations after T: {_fmt(out['patent_level']['score'])}",
            f"  baseline: cited by T              : {_fmt(out['patent_level']['baseline_cited_by_T'])}",
            f"organisation score ({out['scenario']}) vs mean citations after T: {_fmt(org['score'])}",
            f"  baseline: portfolio size          : {_fmt(org.get('baseline_portfolio_size', {}))}",
        ]
    )
