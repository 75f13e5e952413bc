"""The stages of :func:`ipnav.demo.build_workspace`.

Each stage is ``stage(ctx) -> (fingerprint_parts, run)``: the parts that decide whether its
saved result is still valid (files, parameters; the previous stage's fingerprint is chained in
by the caller), and a function that does the work and returns a JSON summary.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ipnav.demo import _Context

__all__ = ["STAGES"]

StageResult = tuple[list[Any], Callable[[], dict[str, Any]]]


def _files(ctx: _Context) -> list[Path]:
    from ingest import iter_files

    files: list[Path] = []
    for source in ctx.config.sources:
        files.extend(iter_files(Path(source)))
    return sorted(set(files))


def ingest_stage(ctx: _Context) -> StageResult:
    """Read every source file into the store."""
    files = _files(ctx)

    def run() -> dict[str, Any]:
        from ipnav.ingestion import ingest_paths

        summary = ingest_paths(files, ctx.store, quarantine_path=ctx.home / "quarantine.csv", progress=ctx.progress)
        result = summary.as_dict()
        return {
            k: result[k]
            for k in ("read", "stored", "quarantined", "merged_duplicates", "inserted", "updated", "file_errors")
        }

    return [*files, [str(f.name) for f in files]], run


def aliases_stage(ctx: _Context) -> StageResult:
    """Suggest aliases (table for review) and apply the safe ones."""
    from ipnav.demo import SAFE_ALIAS_SCORE

    def run() -> dict[str, Any]:
        from ipnav.alias_table import (
            apply_aliases,
            read_alias_table,
            suggest_aliases,
            variants_from_store,
            write_alias_table,
        )

        path = ctx.home / "aliases.csv"
        previous = read_alias_table(path) if path.is_file() else []
        rows = suggest_aliases(variants_from_store(ctx.store), previous=previous)
        write_alias_table(rows, path)
        safe = [r for r in rows if r.reviewed == "yes" or (r.reviewed == "" and r.score >= SAFE_ALIAS_SCORE)]
        applied = apply_aliases(ctx.store, safe)
        return {
            "suggested": len(rows),
            "applied": applied["aliases"],
            "table": str(path),
            "organizations_before": applied["organizations_before"],
            "organizations_after": applied["organizations_after"],
            "safe_score": SAFE_ALIAS_SCORE,
        }

    return [SAFE_ALIAS_SCORE], run


STAGES: dict[str, Callable[[_Context], StageResult]] = {
    "ingest": ingest_stage,
    "aliases": aliases_stage,
}
