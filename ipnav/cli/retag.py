"""``ipnav retag [--store URI] [--mapping FILE]``: re-tag every stored patent after a mapping edit.

Reads the mapping (default: the shipped ``ipnav/data/industries.csv``), writes its industry nodes,
recomputes each patent's tags from its IPC/CPC codes and replaces the tags that differ
(:meth:`set_patent_industries`; ``upsert_patents`` would only add). Industry nodes the mapping no
longer defines and no patent uses are dropped. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from ipnav.cli.options import add_json, add_store, emit, store_from
from ipnav.exceptions import StoreError
from ipnav.industries import industry_nodes, load_industries

__all__ = ["register", "retag_store"]

_BATCH = 2000


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("retag", help="re-tag stored patents with the industry mapping (重新标注产业)")
    add_store(parser)
    add_json(parser)
    parser.add_argument(
        "--mapping",
        metavar="FILE",
        help="industry mapping CSV (default: the shipped ipnav/data/industries.csv)",
    )
    parser.add_argument(
        "--sei-table",
        metavar="FILE",
        help="CNIPA SEI concordance ipc,sei_id (default: the shipped one)",
    )
    parser.set_defaults(func=_run)


def retag_store(store: Any, mapping: Any, *, progress: bool = False) -> dict[str, Any]:
    """Re-tag every patent of ``store`` with ``mapping`` (from ``load_industries``).

    Returns:
        ``{"patents": n, "changed": k, "untagged": u, "industries": {top-level code: patents}}``.

    Raises:
        StoreError: The store cannot replace tags (no ``set_patent_industries``).
    """
    if not hasattr(store, "set_patent_industries"):
        raise StoreError(f"{type(store).__name__} cannot replace industry tags (no set_patent_industries)")
    nodes = industry_nodes(mapping)
    store.upsert_industries(nodes)
    total = changed = untagged = 0
    top: Counter[str] = Counter()
    pending: dict[str, tuple[str, ...]] = {}
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=store.count_patents(), desc="retag", unit="patent", file=sys.stderr)
    for record in store.iter_patents():
        tags = mapping.rules.tags(record)
        total += 1
        untagged += not tags
        top.update(t for t in tags if mapping.taxonomy[t].parent is None)
        if tags != tuple(sorted(set(record.industries))):
            pending[record.id] = tags
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    ids = list(pending)  # written after the read finishes: no write while the store's cursor is open
    for start in range(0, len(ids), _BATCH):
        changed += store.set_patent_industries({pid: pending[pid] for pid in ids[start : start + _BATCH]})
    store.upsert_industries(nodes, replace=True)
    return {
        "patents": total,
        "changed": changed,
        "untagged": untagged,
        "industries": dict(sorted(top.items())),
    }


def _run(args: argparse.Namespace) -> int:
    mapping = load_industries(args.mapping, sei_table=args.sei_table)
    with store_from(args) as store:
        result = retag_store(store, mapping, progress=not args.json)
    result["mapping"] = args.mapping or "ipnav/data/industries.csv (shipped)"
    lines = [
        f"重新标注 retagged {result['patents']} patents with {result['mapping']}: "
        f"{result['changed']} changed, "
        f"{result['untagged']} without any industry",
        *(
            f"  {code:12} {mapping.taxonomy[code].name_zh} {mapping.taxonomy[code].name_en}: {n}"
            for code, n in result["industries"].items()
        ),
    ]
    emit(result, as_json=args.json, text="\n".join(lines))
    return 0
