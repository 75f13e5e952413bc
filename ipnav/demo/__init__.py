"""Build a ready-to-show workspace: ingest, clean, map, navigate and evaluate, saved in the store.

``ipnav demo`` runs :func:`build_workspace` on the shipped ``data/demo`` files (see
``data/demo/SOURCES.md``); the test suites run it on small subsets with a fake embedder. Each
stage saves its results as store artifacts (and topics via ``store.save_topics``) so the app
reads them instantly instead of computing while a user waits.

Stages, in order (each one is skipped when its inputs are unchanged since the last run, so a
second run reuses everything; ``force=True`` redoes all):

1. ``ingest``: every source file into the store (quarantine file in the workspace).
2. ``aliases``: applicant alias suggestions written to ``<home>/aliases.csv`` for review; the
   ones scoring at least :data:`SAFE_ALIAS_SCORE` are applied at once (the others wait for a
   person, in the Data page or ``ipnav aliases apply``).
3. ``landscape``: embeddings (cached in the store) and the topic map of the landscape set (the
   Lens robotics export), saved as topics plus the ``app.map`` artifact the map page draws.
4. ``scores``: evaluations of the top applicants (at least :data:`MIN_CHINESE` Chinese ones,
   and the focus applicant) for every scenario, saved as ``evaluation.<scenario>.<applicant>``;
   the patents' OECD quality index goes into the map table as its value score.
5. ``navigation``: the navigation results (direction, positioning, white space, routes) for the
   focus applicant and the focus regions, saved as ``navigation.<kind>.<focus>``.

The manifest (artifact ``demo.manifest``) records for every stage its input fingerprint,
parameters, duration and summary.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ipnav.embed.base import Embedder
from ipnav.exceptions import ConfigError
from ipnav.store.base import GraphStore

__all__ = [
    "DEMO_DATA",
    "MANIFEST",
    "SAFE_ALIAS_SCORE",
    "DemoConfig",
    "build_workspace",
    "demo_sources",
]

log = logging.getLogger(__name__)

DEMO_DATA = Path(__file__).resolve().parents[2] / "data" / "demo"
"""The shipped demo files (a checkout's ``data/demo``)."""

MANIFEST = "demo.manifest"
SAFE_ALIAS_SCORE = 97.0
"""Alias suggestions scoring at least this are applied without review (same words reordered,
legal-form and spelling variants); lower ones wait in the table."""
MIN_CHINESE = 3


@dataclass
class DemoConfig:
    """What to build.

    Attributes:
        sources: Files or folders to ingest.
        landscape_source: Provenance format whose records make up the landscape set
            (``lens``: the robotics export); None maps every record.
        focus_applicant: The default focus of navigation and evaluation (raw or normalised name);
            when None or absent from the data, the largest Chinese organisation. The shipped data's
            default is UBTECH Robotics (优必选, Shenzhen), a Chinese robotics company in the Lens set.
        focus_regions: Regions navigated for as well (the Luoyang zone's province by default).
        top_applicants: How many of the largest applicants get a scorecard per scenario.
        scenarios: Scenario keys to evaluate (None: all in the scenarios file).
        seed: Seed of every stochastic stage.
        embedder: The embedder for the landscape (None: ``ipnav.embed.get_embedder("auto")``).
        embed_model: The model when no ``embedder`` is given (``ipnav.embed.get_embedder``). The
            demo's landscape set is English titles (8 of 14,086 Lens records carry ko/ja/zh text);
            ``auto`` would pick the multilingual USE for that mix, which separates 3 topics on it
            against about 50 with MiniLM, so the demo names MiniLM.
        landscape: An unfitted :class:`ipnav.landscape.Landscape` to fit (None: the default
            pipeline with ``seed``); tests pass a PCA-only one to stay fast.
    """

    sources: Sequence[Path] = field(default_factory=lambda: [DEMO_DATA])
    landscape_source: str | None = "lens"
    focus_applicant: str | None = "UBTECH ROBOTICS"
    focus_regions: Sequence[str] = ("河南",)
    top_applicants: int = 8
    scenarios: Sequence[str] | None = None
    seed: int = 42
    embedder: Embedder | None = None
    embed_model: str = "minilm"
    landscape: Any = None


def demo_sources(root: Path = DEMO_DATA) -> list[Path]:
    """The demo files under ``root`` (data files only, no documentation).

    Raises:
        ConfigError: The folder is missing (ipnav installed without its data).
    """
    if not root.is_dir():
        raise ConfigError(f"the demo data folder {root} is missing; run from a checkout of the repository")
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() not in (".md", ".txt"))


def _fingerprint(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            h.update(part.read_bytes())
        else:
            h.update(json.dumps(part, sort_keys=True, default=str).encode())
    return h.hexdigest()[:20]


@dataclass
class _Context:
    store: GraphStore
    home: Path
    config: DemoConfig
    manifest: dict[str, Any]
    force: bool
    progress: bool


Stage = Callable[[_Context], dict[str, Any]]


def _run_stage(name: str, run: Callable[[], dict[str, Any]], fingerprint: str) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        summary = run()
    except ModuleNotFoundError as exc:  # a partial checkout: the stage's back-end is not installed
        if not (exc.name or "").startswith("ipnav."):
            raise
        log.warning("demo stage %s skipped: %s is not installed", name, exc.name)
        return {"fingerprint": None, "reused": False, "skipped": f"{exc.name} is not installed"}
    return {
        "fingerprint": fingerprint,
        "seconds": round(time.perf_counter() - start, 2),
        "reused": False,
        "summary": summary,
    }


def build_workspace(
    store: GraphStore,
    home: str | Path,
    config: DemoConfig | None = None,
    *,
    force: bool = False,
    progress: bool = True,
    stages: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Build (or bring up to date) a workspace in ``store``; see the module docstring.

    Args:
        store: An opened store.
        home: The workspace folder (quarantine file, alias table, reports).
        config: What to build (default: the shipped demo).
        force: Redo every stage even when its inputs are unchanged.
        progress: Progress bars on stderr.
        stages: Only these stages (default: all, in order).

    Returns:
        The manifest: ``{"stages": {name: {"fingerprint", "seconds", "reused", "summary"}}}``.

    Raises:
        ConfigError, AnalysisError, ModelError: As the stages raise them.
    """
    from ipnav.demo.stages import STAGES

    config = config or DemoConfig()
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    manifest = store.get_artifact(MANIFEST) or {"stages": {}}
    ctx = _Context(store, home, config, manifest, force, progress)
    chosen = [s for s in STAGES if stages is None or s in stages]
    unknown = set(stages or ()) - set(STAGES)
    if unknown:
        raise ConfigError(f"unknown stage(s) {sorted(unknown)}; stages are {list(STAGES)}")
    upstream = ""
    bar = tqdm(chosen, desc="demo", unit="stage", disable=not progress, leave=True)
    for name in bar:
        bar.set_postfix_str(name)
        key_parts, run = STAGES[name](ctx)
        fingerprint = _fingerprint(upstream, name, *key_parts)
        previous = manifest["stages"].get(name)
        if previous and previous.get("fingerprint") == fingerprint and not force:
            manifest["stages"][name] = {**previous, "reused": True}
        else:
            manifest["stages"][name] = _run_stage(name, run, fingerprint)
            store.put_artifact(MANIFEST, manifest)
        upstream = fingerprint
        log.info("demo stage %s: %s", name, manifest["stages"][name])
    store.put_artifact(MANIFEST, manifest)
    return manifest
