"""``ipnav mainpath``: main paths of a citation network (from the store or a file).

Examples::

    ipnav mainpath --edges Test.net --weight spc --method global --json
    ipnav mainpath --edges edges.csv.gz --weight splc --method key-route --k 5 \\
        --weights-out arcs.csv
    ipnav mainpath --store sqlite:///workspace/ipnav.db --method forward
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

import networkx as nx

from ipnav.cli.options import add_json, add_store, emit, store_from
from ipnav.paths.dag import CYCLE_RULES
from ipnav.paths.search import METHOD_NAMES
from ipnav.paths.weights import METHODS, weights_frame

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "mainpath",
        help="main paths of a citation network (SPC/SPLC/SPNP) / 主路径分析",
        description="Weight every citation arc by its traversal count (SPC, SPLC or SPNP) "
        "and search the main path. Arcs run from the cited to the citing patent.",
    )
    source = p.add_mutually_exclusive_group()
    add_store(source)
    source.add_argument(
        "--edges",
        metavar="FILE",
        type=Path,
        help="Pajek .net file or CSV edge list (cited,citing or source,target); ids as given",
    )
    p.add_argument(
        "--format",
        choices=("auto", "pajek", "edges"),
        default="auto",
        help="format of --edges (default: from content)",
    )
    p.add_argument(
        "--weight", choices=METHODS, default="spc", help="traversal weight (default spc)"
    )
    p.add_argument(
        "--method", choices=METHOD_NAMES, default="global", help="search (default global)"
    )
    p.add_argument(
        "--k",
        type=int,
        default=10,
        help="key routes for --method key-route (default 10; ties kept)",
    )
    p.add_argument(
        "--search",
        choices=("local", "global"),
        default="local",
        help="how key routes are extended (default local, Liu & Lu 2012)",
    )
    p.add_argument("--n", type=int, default=3, help="paths for --method multiple (default 3)")
    p.add_argument(
        "--tolerance",
        type=float,
        default=0.0,
        help="forward/backward: also keep arcs within this fraction of the heaviest (default 0)",
    )
    p.add_argument(
        "--cycles",
        choices=CYCLE_RULES,
        default="condense",
        help="how citation cycles are removed (default condense)",
    )
    p.add_argument(
        "--weights-out",
        metavar="FILE.csv",
        type=Path,
        help="write every arc with SPC, SPLC, SPNP (raw and normalised) and its main-path flag",
    )
    add_json(p)
    p.set_defaults(func=run)


def _load(args: argparse.Namespace) -> tuple[nx.DiGraph, dict[str, Any]]:
    from ipnav.paths.pipeline import load_network, network_from_store

    if args.edges is not None:
        return load_network(args.edges, fmt=args.format)
    with store_from(args) as store:
        G = network_from_store(store)
        return G, {
            "format": "store",
            "store": store.uri,
            "vertices": G.number_of_nodes(),
            "arcs": G.number_of_edges(),
        }


def _write_weights(path: Path, dag: nx.DiGraph, on_path: set[tuple[str, str]]) -> int:
    frame = weights_frame(dag)
    frame["on_main_path"] = [
        (str(u), str(v)) in on_path for u, v in zip(frame["source"], frame["target"], strict=True)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, float_format="%.10g")
    return len(frame)


def _text(result: dict[str, Any]) -> str:
    cycles = result["cycles"]
    lines = [
        f"{result['method']} main path on {result['weight'].upper()} / 主路径: "
        f"{result['n_nodes']} nodes, {result['n_arcs']} arcs, {result['n_paths']} path(s), "
        f"total weight {result['total_weight']}",
        f"network: {result['network']['vertices']} vertices, {result['network']['arcs']} arcs; "
        f"cycles ({cycles['rule']}): {len(cycles['cyclic_components'])} component(s), "
        f"{len(cycles['self_loops'])} self-citation(s)",
    ]
    lines += [f"  {a['source']} -> {a['target']}  {a['weight']}" for a in result["arcs"]]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ipnav.paths.pipeline import run_main_path

    G, info = _load(args)
    dag, result = run_main_path(
        G,
        weight=args.weight,
        method=args.method,
        k=args.k,
        n=args.n,
        tolerance=args.tolerance,
        search=args.search,
        cycles=args.cycles,
    )
    result["input"] = info
    if args.weights_out is not None:
        on_path = {(a["source"], a["target"]) for a in result["arcs"]}
        result["weights_out"] = {
            "file": str(args.weights_out),
            "arcs": _write_weights(args.weights_out, dag, on_path),
        }
    emit(result, as_json=args.json, text=_text(result))
    return 0
