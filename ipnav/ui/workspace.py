"""The workspace around a store: its folder, quarantine table, import summaries and status tables."""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ipnav.config import Settings
from ipnav.exceptions import InputFormatError

__all__ = [
    "QUARANTINE_COLUMNS",
    "format_table",
    "quarantine_table",
    "status_tables",
    "workspace_home",
]

QUARANTINE_COLUMNS = ("source", "location", "format", "field", "reason", "raw")


def workspace_home(store_uri: str, settings: Settings | None = None) -> Path:
    """The folder that holds a store's quarantine file, alias table, uploads and reports.

    ``IPNAV_HOME`` when it is set; else the folder of an embedded (SQLite) store's file, so
    ``ipnav demo --home DIR`` and ``ipnav app --store sqlite:///DIR/ipnav.db`` agree; else the
    settings' home (``./workspace``).

    Example:
        >>> workspace_home("sqlite:////tmp/demo/ipnav.db").as_posix()  # IPNAV_HOME unset
        '/tmp/demo'
    """
    settings = settings or Settings.from_env()
    if os.environ.get("IPNAV_HOME"):
        return Path(os.environ["IPNAV_HOME"])
    if store_uri.startswith("sqlite:///"):
        return Path(store_uri[len("sqlite:///") :]).parent
    return settings.home


def quarantine_table(path: str | Path) -> pd.DataFrame:
    """The quarantine file as a table (columns :data:`QUARANTINE_COLUMNS`); empty when there is no file.

    Raises:
        InputFormatError: The file exists but is not a quarantine CSV.

    Example:
        >>> quarantine_table("/nonexistent/quarantine.csv").shape
        (0, 6)
    """
    path = Path(path)
    if not path.is_file():
        return pd.DataFrame(columns=list(QUARANTINE_COLUMNS))
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if rows and not set(QUARANTINE_COLUMNS) <= set(rows[0]):
        raise InputFormatError(f"not a quarantine file; columns {sorted(rows[0])}", path=str(path), location="row 1")
    return pd.DataFrame(rows, columns=list(QUARANTINE_COLUMNS)).fillna("")


def format_table(summary: Mapping[str, Any]) -> pd.DataFrame:
    """One row per input format of an ingest summary (``IngestSummary.as_dict()``), plus a total row.

    Example:
        >>> s = {"by_format": {"lens": {"files": 1, "read": 3, "stored": 2, "quarantined": 1, "merged_duplicates": 0}}}
        >>> format_table(s)["stored"].tolist()
        [2, 2]
    """
    columns = ["format", "files", "read", "stored", "merged_duplicates", "quarantined"]
    rows = [
        {"format": name, **{c: int(tally.get(c, 0)) for c in columns[1:]}}
        for name, tally in sorted(summary.get("by_format", {}).items())
    ]
    frame = pd.DataFrame(rows, columns=columns)
    total = {"format": "Σ", **{c: int(frame[c].sum()) for c in columns[1:]}}
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


def status_tables(status: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """Tables of a store status (:func:`ipnav.status.store_status`): ``nodes``, ``edges``,
    ``years``, ``jurisdictions``, ``applicants``, ``industries``, ``subclasses``.

    Example:
        >>> s = {"nodes": {"Patent": 3}, "years": {"2020": 2, "2021": 1}, "jurisdictions": {"CN": 3},
        ...      "top_applicants": [{"key": "A", "name": "A Co", "patents": 3}]}
        >>> status_tables(s)["years"]["patents"].tolist()
        [2, 1]
    """

    def counts(mapping: Mapping[str, int], name: str) -> pd.DataFrame:
        return pd.DataFrame([(k, int(v)) for k, v in mapping.items()], columns=[name, "patents"]).astype(
            {"patents": int}
        )

    years = counts(status.get("years", {}), "year")
    years["year"] = years["year"].astype(int)
    return {
        "nodes": pd.DataFrame([(k, int(v)) for k, v in status.get("nodes", {}).items()], columns=["label", "count"]),
        "edges": pd.DataFrame([(k, int(v)) for k, v in status.get("edges", {}).items()], columns=["type", "count"]),
        "years": years.sort_values("year", ignore_index=True),
        "jurisdictions": counts(status.get("jurisdictions", {}), "jurisdiction"),
        "applicants": pd.DataFrame(status.get("top_applicants", []), columns=["name", "key", "patents"]).astype(
            {"name": str, "key": str, "patents": int}
        ),
        "industries": counts(status.get("industries", {}), "industry"),
        "subclasses": counts(status.get("top_subclasses", {}), "subclass"),
    }


def industry_names(lang: str = "zh") -> dict[str, str]:
    """Industry code -> name in ``lang``, from the shipped industry mapping (``ipnav/data/industries.csv``).

    Example:
        >>> industry_names("zh")["robotics"], industry_names("en")["equipment"]
        ('机器人', 'Equipment manufacturing')
    """
    from ipnav.industries import industry_nodes, load_industries

    key = "name_en" if lang == "en" else "name_zh"
    return {n["code"]: n.get(key) or n["code"] for n in industry_nodes(load_industries())}


def industry_table(counts: Mapping[str, int], *, lang: str = "zh", sei: bool = False) -> pd.DataFrame:
    """Patents per industry with names: ``code, industry, parent, level, patents``, largest first.

    Args:
        counts: Patents by industry code (``store.facet("industry")`` or a status's ``industries``).
        lang: Language of the names.
        sei: Also the CNIPA strategic-emerging-industry codes (``sei:*``); by default only the
            target industries (equipment, robotics, new materials ...) and their branches.

    Example:
        >>> industry_table({"robotics": 5, "robotics.mobile": 2, "sei:2": 9}, lang="en")["industry"].tolist()
        ['Robotics', 'Mobile, legged and humanoid robots']
    """
    names = industry_names(lang)
    rows = [
        {
            "code": code,
            "industry": names.get(code, code),
            "parent": names.get(code.rsplit(".", 1)[0], "") if "." in code else "",
            "level": code.count(".") + 1,
            "patents": int(n),
        }
        for code, n in counts.items()
        if sei or not code.startswith("sei:")
    ]
    frame = pd.DataFrame(rows, columns=["code", "industry", "parent", "level", "patents"])
    return frame.sort_values(["patents", "code"], ascending=[False, True], ignore_index=True)


__all__ += ["industry_names", "industry_table"]


def short_store_uri(uri: str, cwd: Path | None = None) -> str:
    """A store URI as people read it: an embedded store under the current folder by its relative path.

    Example:
        >>> short_store_uri("sqlite:////srv/ipnav/workspace/ipnav.db", Path("/srv/ipnav"))
        'sqlite:///workspace/ipnav.db'
        >>> short_store_uri("bolt://127.0.0.1:7687")
        'bolt://127.0.0.1:7687'
    """
    if not uri.startswith("sqlite:///"):
        return uri
    path = Path(uri[len("sqlite:///") :])
    try:
        return f"sqlite:///{path.relative_to(cwd or Path.cwd())}" if path.is_absolute() else uri
    except ValueError:
        return uri


__all__ += ["short_store_uri"]
