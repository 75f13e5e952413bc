"""The stages of :func:`ipnav.demo.build_workspace`.

Each stage is ``stage(ctx) -> (fingerprint_parts, run)``: the parts that decide whether its
saved result is still valid (files, parameters; the previous stage's fingerprint is chained in
by the caller), and a function that does the work and returns a JSON summary.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipnav.exceptions import AnalysisError

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
            for k in (
                "read",
                "stored",
                "quarantined",
                "merged_duplicates",
                "inserted",
                "updated",
                "unchanged",
                "file_errors",
            )
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


def landscape_ids(store: Any, source: str | None) -> list[str] | None:
    """Ids of the patents read from ``source`` (a reader format such as ``lens``); None: every patent."""
    if source is None:
        return None
    return [r.id for r in store.iter_patents() if any(p.format == source for p in r.provenance)]


def _params(model: Any) -> str:
    """An estimator's parameters (nested estimators included) as stable text, for the fingerprint."""
    import json

    return json.dumps(model.__dict__, sort_keys=True, default=lambda o: {type(o).__name__: vars(o)})


def landscape_stage(ctx: _Context) -> StageResult:
    """Embed (cached in the store) and map the landscape set; keep topics and the app's map table."""
    config = ctx.config
    embedder_name = config.embedder.name if config.embedder is not None else config.embed_model

    def run() -> dict[str, Any]:
        from ipnav.landscape.figures import map_frame
        from ipnav.landscape.model import Landscape
        from ipnav.landscape.pipeline import default_embedder, run_landscape, save_landscape
        from ipnav.store.base import PatentFilter
        from ipnav.ui.landscape import save_map_table

        ids = landscape_ids(ctx.store, config.landscape_source)
        where = PatentFilter(ids=tuple(ids)) if ids is not None else None
        embedder = config.embedder or default_embedder(config.embed_model)
        result = run_landscape(
            ctx.store,
            where=where,
            embedder=embedder,
            model=config.landscape or Landscape(random_state=config.seed),
            progress=ctx.progress,
        )
        save_landscape(ctx.store, result)
        save_map_table(ctx.store, map_frame(result.corpus, result.model.assignments()))
        model = result.model
        return {
            "patents": len(result.records),
            "topics": int(model.n_topics_),
            "outlier_share": round(float(model.outlier_share_), 4),
            "embedder": result.params["embedder"],
            "without_text": len(result.skipped),
            "source": config.landscape_source,
        }

    model = config.landscape
    model_key = _params(model) if model is not None else "default"
    return [config.landscape_source, config.seed, embedder_name, model_key], run


def pick_applicants(store: Any, patents: Any, *, top: int, min_chinese: int) -> list[str]:
    """The ``top`` largest organisations (people left out) plus enough Chinese ones to have ``min_chinese``.

    Chinese means home country CN as inferred by :func:`ipnav.scores.homes.org_homes`.
    """
    from ipnav.applicants import classify_party
    from ipnav.scores.homes import org_homes

    homes = org_homes(patents)
    orgs = [
        o for o in store.organizations(limit=400) if classify_party(o["name"]) != "individual" and o["patents"] >= 5
    ]
    chosen = [o["key"] for o in orgs[:top]]
    chinese = [o["key"] for o in orgs if homes.get(o["key"], (None,))[0] == "CN"]
    for key in chinese:
        if sum(1 for k in chosen if k in chinese) >= min_chinese:
            break
        if key not in chosen:
            chosen.append(key)
    return chosen


def default_focus(store: Any, patents: Any, wanted: str | None) -> str:
    """The navigation focus: the configured applicant when the store has it, else the largest Chinese organisation."""
    if wanted:
        from ipnav.exceptions import ApplicantNotFoundError
        from ipnav.scores.pipeline import resolve_applicant

        try:
            return resolve_applicant(store, wanted)
        except ApplicantNotFoundError:
            pass
    picked = pick_applicants(store, patents, top=0, min_chinese=1)
    if not picked:
        return str(store.organizations(limit=1)[0]["key"])
    return picked[0]


def _add_map_scores(store: Any, patents: Any) -> int:
    """Put each mapped patent's OECD quality index (where the data allows one) into the app's map table."""
    from ipnav.ui.landscape import MAP_KEY

    blob = store.get_artifact(MAP_KEY)
    if not blob or "quality_index" not in patents.columns:
        return 0
    quality = patents["quality_index"].dropna().to_dict()
    at = blob["columns"].index("score")
    count = 0
    for row in blob["data"]:
        value = quality.get(row[0])
        row[at] = None if value is None else round(float(value), 4)
        count += value is not None
    store.put_artifact(MAP_KEY, blob)
    return count


def scores_stage(ctx: _Context) -> StageResult:
    """Evaluate the top applicants (and Chinese ones) under every scenario, kept as artifacts."""
    from ipnav.demo import MIN_CHINESE

    config = ctx.config

    def run() -> dict[str, Any]:
        from tqdm import tqdm

        from ipnav.scores.pipeline import load_patent_table, run_evaluation
        from ipnav.scores.scenarios import load_scenarios
        from ipnav.ui.evaluation import save_evaluation

        table = load_patent_table(ctx.store)
        book = load_scenarios()
        scenarios = list(config.scenarios or book.scenarios)
        applicants = pick_applicants(ctx.store, table[0], top=config.top_applicants, min_chinese=MIN_CHINESE)
        focus = default_focus(ctx.store, table[0], config.focus_applicant)
        if focus not in applicants:
            applicants.insert(0, focus)
        done, failed = 0, {}
        jobs = [(a, sc) for a in applicants for sc in scenarios]
        for applicant, scenario in tqdm(jobs, desc="scorecards", disable=not ctx.progress, leave=False):
            try:
                run = run_evaluation(ctx.store, applicant, scenario=scenario, table=table)
            except AnalysisError as exc:  # e.g. no peer group: recorded, the others go on
                failed[f"{scenario}:{applicant}"] = str(exc)
                continue
            save_evaluation(ctx.store, run, table[0], focus=book.focus)
            done += 1
        scored = _add_map_scores(ctx.store, table[0])
        ctx.store.put_artifact(
            "demo.defaults",
            {**(ctx.store.get_artifact("demo.defaults") or {}), "applicant": focus, "scenario": scenarios[0]},
        )
        return {
            "evaluations": done,
            "applicants": len(applicants),
            "scenarios": len(scenarios),
            "failed": failed,
            "focus": focus,
            "map_patents_with_value_score": scored,
        }

    return [config.top_applicants, MIN_CHINESE, list(config.scenarios or []), config.focus_applicant], run


def navigation_stage(ctx: _Context) -> StageResult:
    """Navigation results for the focus applicant and the focus region, kept as artifacts."""
    config = ctx.config

    def run() -> dict[str, Any]:
        from ipnav.ui.navigation import navigation_key, run_navigation

        defaults = ctx.store.get_artifact("demo.defaults") or {}
        focuses = [("applicant", defaults.get("applicant") or config.focus_applicant)]
        focuses += [("region", r) for r in config.focus_regions]
        done, failed = {}, {}
        for kind, query in focuses:
            if not query:
                continue
            try:
                report = run_navigation(ctx.store, kind=kind, query=query, seed=config.seed)
            except AnalysisError as exc:  # e.g. no patent of the region on the map: recorded, the others go on
                failed[f"{kind}:{query}"] = str(exc)
                continue
            paths = report["paths"]
            done[f"{kind}:{query}"] = {
                "patents": report["focus"]["patents"],
                "gaps": len(paths["gaps"]),
                "opportunities": len(paths["opportunities"]),
                "targets": len(paths["targets"]),
            }
        first = next(iter(done), None)
        if first:
            kind, query = first.split(":", 1)
            ctx.store.put_artifact("demo.defaults", {**defaults, "navigation": navigation_key(kind, query)})
        return {"navigations": done, "failed": failed}

    return [config.focus_applicant, list(config.focus_regions), config.seed], run


STAGES: dict[str, Callable[[_Context], StageResult]] = {
    "ingest": ingest_stage,
    "aliases": aliases_stage,
    "landscape": landscape_stage,
    "scores": scores_stage,
    "navigation": navigation_stage,
}
