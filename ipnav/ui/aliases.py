"""The applicant alias table as an editable table (the Data page's review workflow).

The file and its rules are :mod:`ipnav.alias_table`'s; this module only turns its rows into a
``DataFrame`` a person edits and back, so the edit -> save -> apply loop of the app is the same
as ``ipnav aliases suggest`` / ``apply`` on the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ipnav.alias_table import (
    COLUMNS,
    apply_aliases,
    read_alias_table,
    suggest_aliases,
    variants_from_store,
    write_alias_table,
)
from ipnav.aliases import AliasRow
from ipnav.applicants import normalize_name

__all__ = ["alias_frame", "frame_rows", "save_and_apply", "suggest_frame"]

_INT = ("patents", "canonical_patents")


def _rows_frame(rows: list[AliasRow]) -> pd.DataFrame:
    frame = pd.DataFrame([{c: getattr(r, c) for c in COLUMNS} for r in rows], columns=list(COLUMNS))
    for c in _INT:
        frame[c] = frame[c].astype(int)
    frame["score"] = frame["score"].astype(float)
    return frame


def alias_frame(path: str | Path, applied: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The alias table file as a table (columns :data:`ipnav.alias_table.COLUMNS`); empty when there is no file.

    Args:
        path: The alias table CSV.
        applied: The store's alias table (``store.aliases()``); adds a first column ``applied``
            that says which rows are in force.

    Raises:
        InputFormatError: The file is malformed (file and row named).
    """
    path = Path(path)
    frame = _rows_frame(read_alias_table(path) if path.is_file() else [])
    if applied is not None:
        in_force = [applied.get(v) == c for v, c in zip(frame["variant"], frame["canonical"], strict=True)]
        frame.insert(0, "applied", pd.Series(in_force, dtype=bool))
    return frame


def frame_rows(frame: pd.DataFrame) -> list[AliasRow]:
    """Edited table rows back to alias rows; rows without a variant are dropped, names are normalised.

    Example:
        >>> f = pd.DataFrame([{"variant": "Intel Corporation", "canonical": "INTEL", "reviewed": "yes"},
        ...                   {"variant": "", "canonical": "X"}])
        >>> [(r.variant, r.canonical, r.reviewed, r.reason) for r in frame_rows(f)]
        [('INTEL', 'INTEL', 'yes', 'manual')]
    """
    rows = []
    for raw in frame.to_dict("records"):
        cell: dict[str, Any] = {
            k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in raw.items()
        }
        variant = normalize_name(str(cell.get("variant", "")))
        if not variant:
            continue
        rows.append(
            AliasRow(
                variant=variant,
                canonical=normalize_name(str(cell.get("canonical", ""))),
                score=float(cell.get("score") or 100.0),
                patents=int(cell.get("patents") or 0),
                reviewed=str(cell.get("reviewed", "")).strip().lower(),
                reason=str(cell.get("reason") or "manual"),
                variant_name=str(cell.get("variant_name", "")),
                canonical_name=str(cell.get("canonical_name", "")),
                canonical_patents=int(cell.get("canonical_patents") or 0),
            )
        )
    return rows


def suggest_frame(store: Any, path: str | Path) -> pd.DataFrame:
    """Suggest aliases from the store's applicant variants, keep the decisions already in ``path``, write it back."""
    path = Path(path)
    previous = read_alias_table(path) if path.is_file() else []
    rows = suggest_aliases(variants_from_store(store), previous=previous)
    write_alias_table(rows, path)
    return _rows_frame(rows)


def save_and_apply(store: Any, frame: pd.DataFrame, path: str | Path) -> dict[str, int]:
    """Write the edited table to ``path`` and make it the store's alias table.

    Returns:
        ``{"aliases", "organizations_before", "organizations_after"}``.

    Raises:
        ConfigError: The table maps a variant to two canonicals or has a cycle.
    """
    rows = frame_rows(frame)
    result = apply_aliases(store, rows)  # validates before anything is written
    write_alias_table(rows, path)
    return result
