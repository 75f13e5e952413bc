"""Glue: load the patent table and the topic map from a store, pick the focus, build the report.

The analysis modules of :mod:`ipnav.navigate` work on DataFrames; this module is the only one
that reads a store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ipnav.exceptions import AnalysisError, ConfigError
from ipnav.navigate.focus import Focus, focus_by_applicant, focus_by_ids, focus_by_region
from ipnav.navigate.frame import patent_frame, topic_frames
from ipnav.navigate.report import navigation_report
from ipnav.store.base import GraphStore

__all__ = ["choose_focus", "load_navigation_data", "navigate_store"]


def load_navigation_data(
    store: GraphStore,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """``(patents, topics, assignments, run)`` from the store.

    Raises:
        AnalysisError: The store has no topic map (run ``ipnav landscape`` first) or no patents.
    """
    run, topics, assignments = store.load_topics()
    if not topics or not assignments:
        raise AnalysisError(
            f"no topic map in the store {store.uri}: run `ipnav landscape` first "
            "(navigation needs the landscape's topics and map positions)"
        )
    patents = patent_frame(store.iter_patents())
    if patents.empty:
        raise AnalysisError(f"no patents in the store {store.uri}; run `ipnav ingest` first")
    topic_table, assign_table = topic_frames(topics, assignments)
    return patents, topic_table, assign_table, dict(run)


def choose_focus(
    patents: pd.DataFrame,
    *,
    applicant: str | None = None,
    region: str | None = None,
    ids: Iterable[str] | None = None,
    aliases: dict[str, str] | None = None,
) -> Focus:
    """Exactly one of ``applicant``, ``region`` or ``ids``.

    Raises:
        ConfigError: None or several given. AnalysisError: Nothing matches.
    """
    given = [x is not None for x in (applicant, region, ids)]
    if sum(given) != 1:
        raise ConfigError("Give exactly one focus: an applicant, a region or a list of patent ids.")
    if applicant is not None:
        return focus_by_applicant(patents, applicant, aliases=aliases)
    if region is not None:
        return focus_by_region(patents, region)
    return focus_by_ids(patents, list(ids or []))


def navigate_store(
    store: GraphStore,
    *,
    applicant: str | None = None,
    region: str | None = None,
    ids: Iterable[str] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Load, choose the focus and build the report (options go to :func:`navigation_report`)."""
    patents, topics, assignments, run = load_navigation_data(store)
    focus = choose_focus(
        patents, applicant=applicant, region=region, ids=ids, aliases=store.aliases()
    )
    report = navigation_report(patents, topics, assignments, focus, **options)
    report["data"]["store"] = store.uri
    report["data"]["topic_run"] = {
        k: v for k, v in run.items() if isinstance(v, (str, int, float, bool))
    }
    return report
