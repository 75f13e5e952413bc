"""Glue between a :class:`~ipnav.store.base.GraphStore` and the scoring analysis.

The only module of :mod:`ipnav.scores` that reads a store: it finds the organisation, loads every
patent, the citation edges, the landscape topics and (optionally) main-path patents, runs
:func:`~ipnav.scores.evaluation.evaluate_organization`, and records what was used (hashes,
parameters, the command to reproduce) for the report's appendix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import shlex
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from ipnav.applicants import normalize_name
from ipnav.exceptions import AnalysisError, ApplicantNotFoundError, ConfigError
from ipnav.records import PatentRecord, record_hash
from ipnav.scores.evaluation import Evaluation, evaluate_organization
from ipnav.scores.indicators import TopicMap, patent_indicators
from ipnav.scores.scenarios import Scenario, load_scenarios

__all__ = [
    "EvaluationRun",
    "data_hash",
    "load_main_path_ids",
    "load_patent_table",
    "match_applicant",
    "resolve_applicant",
    "run_evaluation",
]

log = logging.getLogger(__name__)

MAIN_PATH_ARTIFACT = "mainpath"
"""Store artifact read for main-path patents when no file is given: ``{"nodes": [ids...]}``."""


def match_applicant(query: str, orgs: Sequence[dict[str, Any]], *, aliases: dict[str, str] | None = None) -> str:
    """Find one organisation key for a raw or normalised name.

    Tried in order: the normalised key (through the alias table); a display name equal to the
    query (case-insensitive); a single organisation whose key or name contains the query. Else
    :class:`ApplicantNotFoundError` lists the closest names (rapidfuzz) or the ambiguous ones.

    Args:
        query: What the user typed (``Intel Corporation``, ``INTEL``, ``优必选``).
        orgs: Candidate organisations ``{"key", "name", "patents"}`` (e.g. ``store.organizations()``).
        aliases: The store's alias table (variant -> canonical key).

    Raises:
        ApplicantNotFoundError: No organisation matches, or several do.

    Example:
        >>> orgs = [{"key": "INTEL", "name": "INTEL CORP", "patents": 9}, {"key": "IBM", "name": "IBM", "patents": 3}]
        >>> match_applicant("Intel Corporation", orgs)
        'INTEL'
    """
    if not query or not query.strip():
        raise ApplicantNotFoundError("the applicant name is empty")
    key = normalize_name(query)
    key = (aliases or {}).get(key, key)
    keys = {o["key"] for o in orgs}
    if key in keys:
        return key
    folded = query.strip().casefold()
    named = [o["key"] for o in orgs if str(o.get("name") or "").casefold() == folded]
    if len(named) == 1:
        return named[0]
    contains = [o for o in orgs if key and (key in o["key"] or folded in str(o.get("name") or "").casefold())]
    if len(contains) == 1:
        return str(contains[0]["key"])
    if contains:
        listed = ", ".join(f"{o['key']} ({o['patents']})" for o in sorted(contains, key=lambda o: -o["patents"])[:10])
        raise ApplicantNotFoundError(f"{query!r} matches several organisations: {listed}; give one of these names")
    close = process.extract(key or folded, sorted(keys), scorer=fuzz.WRatio, limit=5)
    hint = ", ".join(name for name, score, _ in close if score >= 50) or "none"
    raise ApplicantNotFoundError(f"no organisation named {query!r} (normalised {key!r}); closest: {hint}")


def resolve_applicant(store: Any, query: str) -> str:
    """:func:`match_applicant` against the organisations of a store."""
    orgs = store.organizations(None, limit=10_000_000)
    return match_applicant(query, orgs, aliases=store.aliases())


def data_hash(records: Sequence[PatentRecord], citations: Collection[tuple[str, str]] = ()) -> str:
    """SHA-256 over the content hashes of all records and the citation edges (order-independent).

    Example:
        >>> data_hash([PatentRecord(id="US1")]) == data_hash([PatentRecord(id="US1")])
        True
    """
    h = hashlib.sha256()
    for digest in sorted(record_hash(r) for r in records):
        h.update(digest.encode())
    for citing, cited in sorted(citations):
        h.update(f"{citing}>{cited}\n".encode())
    return h.hexdigest()


def load_main_path_ids(path: str | Path) -> set[str]:
    """Main-path patents from a file: one id per line, or the JSON of ``ipnav mainpath --json`` (``nodes``).

    Raises:
        ConfigError: The file cannot be read or has no ids.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the main-path file {path}: {exc}") from exc
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}: not valid JSON: {exc}") from exc
        ids = {str(n["id"] if isinstance(n, dict) else n) for n in data.get("nodes", [])}
    else:
        ids = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    if not ids:
        raise ConfigError(f"{path}: no patent ids found")
    return ids


def load_patent_table(
    store: Any,
    *,
    as_of: dt.date | None = None,
    main_path_ids: Collection[str] | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Load everything the scores need from a store and compute the patent table.

    Returns:
        ``(patents, meta)``; ``meta`` has ``data_hash``, counts, the topic map and the topic labels.

    Raises:
        AnalysisError: The store holds no patents.
    """
    records = list(store.iter_patents())
    if not records:
        raise AnalysisError(f"the store {store.uri} holds no patents; run `ipnav ingest` first")
    citations = list(store.iter_citations())
    try:
        topics = TopicMap.from_store_rows(*store.load_topics())
    except Exception as exc:
        log.warning("no landscape topics loaded: %s", exc)
        topics = TopicMap()
    if main_path_ids is None:
        artifact = store.get_artifact(MAIN_PATH_ARTIFACT)
        if artifact and artifact.get("nodes"):
            main_path_ids = {str(n["id"] if isinstance(n, dict) else n) for n in artifact["nodes"]}
    patents = patent_indicators(
        records,
        citations=citations,
        topics=topics or None,
        main_path_ids=main_path_ids,
        as_of=as_of,
    )
    meta = {
        "data_hash": data_hash(records, citations),
        "patents": len(records),
        "citations": len(citations),
        "topic_labels": topics.topics,
        "topics_run": topics.run,
        "n_topics": len(topics.topics),
        "main_paths": None if main_path_ids is None else len(main_path_ids),
    }
    return patents, meta


@dataclass
class EvaluationRun:
    """An evaluation with what the report needs besides it."""

    evaluation: Evaluation
    scenario: Scenario
    patents: pd.DataFrame
    topic_labels: dict[int, str]
    appendix: dict[str, Any] = field(default_factory=dict)


def _version() -> str:
    try:
        return metadata.version("ipnav")
    except metadata.PackageNotFoundError:
        return "0.1.0 (source checkout)"


def run_evaluation(
    store: Any,
    applicant: str,
    *,
    scenario: str = "investment",
    peers: str | Sequence[str] = "auto",
    scenarios_path: str | Path | None = None,
    as_of: dt.date | None = None,
    main_path_ids: Collection[str] | None = None,
    peer_k: int = 15,
    delta: float = 0.2,
    home: str | None = None,
    weights: Mapping[str, float] | None = None,
    table: tuple[pd.DataFrame, dict[str, Any]] | None = None,
) -> EvaluationRun:
    """Resolve, load, evaluate and record everything for the report.

    Args:
        store: An opened store.
        applicant: Raw or normalised organisation name.
        scenario: Scenario key in the scenarios file.
        peers: ``"auto"`` or organisation names (raw or normalised).
        scenarios_path: Another scenarios YAML (default: the shipped one).
        as_of: Evaluation date (default: the data's latest publication date, so reruns agree).
        main_path_ids: Patents on main paths (default: the store's ``mainpath`` artifact, if any).
        peer_k: Size of an automatic peer group.
        delta: Sensitivity step (0.2 = +/-20%).
        home: The organisation's home country (default: inferred).
        weights: Weights replacing the scenario's (the app's sliders); recorded in the appendix
            and the content hash like the file's.
        table: ``(patents, meta)`` from :func:`load_patent_table` when already loaded (the demo
            evaluates many organisations on one table); ``as_of`` and ``main_path_ids`` are then ignored.

    Raises:
        ApplicantNotFoundError, ConfigError, AnalysisError: As the steps raise them.
    """
    book = load_scenarios(scenarios_path)
    chosen = book.get(scenario)
    if weights is not None:
        unknown = sorted(set(weights) - set(chosen.weights))
        if unknown or any(w < 0 for w in weights.values()):
            raise ConfigError(
                f"weights must be >= 0 and name indicators of scenario {scenario!r}. Got {dict(weights)} instead."
            )
        chosen = chosen.with_weights({**chosen.weights, **{k: float(w) for k, w in weights.items()}})
    target = resolve_applicant(store, applicant)
    peer_keys = None if peers == "auto" else [resolve_applicant(store, p) for p in peers]
    patents, meta = table if table is not None else load_patent_table(store, as_of=as_of, main_path_ids=main_path_ids)
    ev = evaluate_organization(
        patents,
        target,
        scenario=chosen,
        focus=book.focus,
        peers=peer_keys,
        peer_k=peer_k,
        delta=delta,
        home=home,
    )
    params = {
        "applicant": target,
        "scenario": chosen.key,
        "weights": chosen.weights,
        "peers": [p["key"] for p in ev.peers],
        "as_of": patents.attrs["as_of"],
        "delta": delta,
        "peer_k": peer_k,
        "focus": dict(book.focus.branches),
        "data_hash": meta["data_hash"],
        "min_cohort": patents.attrs["min_cohort"],
        "window": patents.attrs["window_years"],
        "home": home,
    }
    content = hashlib.sha256(json.dumps(params, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    peer_arg = "auto" if peer_keys is None else ",".join(peer_keys)
    command = (
        f"ipnav evaluate --applicant {shlex.quote(target)} --scenario {chosen.key} --peers {shlex.quote(peer_arg)} "
        f"--as-of {patents.attrs['as_of']} --store {shlex.quote(store.uri)}" + (f" --home {home}" if home else "")
    )
    orgs = len({o for t in patents["orgs"] for o in t})
    appendix = {
        "generated": patents.attrs["as_of"],
        "store": store.uri,
        "patents": meta["patents"],
        "organisations": orgs,
        "citations": meta["citations"],
        "data_end": patents.attrs["data_end"],
        "as_of": patents.attrs["as_of"],
        "cohort": (
            f"filing year x main IPC subclass, min {patents.attrs['min_cohort']}, "
            f"window {patents.attrs['window_years']} y"
        ),
        "topics": (
            f"{meta['n_topics']} topics, run {json.dumps(meta['topics_run'], sort_keys=True, default=str)[:300]}"
            if meta["n_topics"]
            else "none"
        ),
        "main_paths": "none" if meta["main_paths"] is None else f"{meta['main_paths']} patents",
        "scenarios_file": book.source,
        "focus": book.focus.name,
        "ipnav_version": _version(),
        "data_hash": meta["data_hash"],
        "content_hash": content,
        "content_hash_short": f"content {content[:16]}",
        "command": command,
    }
    ev.parameters["content_hash"] = content
    ev.parameters["data_hash"] = meta["data_hash"]
    return EvaluationRun(ev, chosen, patents, meta["topic_labels"], appendix)
