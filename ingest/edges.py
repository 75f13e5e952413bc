"""Citation edge lists in CSV (or TSV), one arc per row.

Header (names are matched case-insensitively; column order does not matter)::

    cited,citing[,value][,cited_date,citing_date]     arc cited -> citing
    source,target[,value|weight]                      arc source -> target, read as cited -> citing
                                                       (the direction knowledge flows, as in Pajek
                                                       and the sMPA ``edges.csv.gz``)

``mapping`` names other columns: ``{"cited": "source_dwpi", "citing": "target_dwpi"}`` (or
``source`` / ``target`` / ``value`` / ``cited_date`` / ``citing_date``). Ids are kept as given;
publication numbers are normalised when records are built (:func:`ingest.pajek.record_id`).

Each distinct id becomes one :class:`~ipnav.records.PatentRecord` (``cited`` = the ids with an
arc into it). Rows with an empty id or a non-numeric value, and self-citations, become
:class:`~ipnav.records.RowError` rows naming the row and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ingest.base import Row, csv_rows, excerpt
from ingest.pajek import record_id
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.records import PatentRecord, Provenance, RowError, parse_date

__all__ = ["EXTENSIONS", "FORMAT", "EdgeList", "parse_edge_list", "read", "sniff"]

FORMAT = "edges"
EXTENSIONS = (".csv", ".tsv", ".txt")

_PAIRS = (("cited", "citing"), ("source", "target"))


def _header(head: str) -> list[str]:
    first = head.lstrip("\ufeff").splitlines()[0] if head.strip() else ""
    for sep in (",", "\t", ";"):
        if sep in first:
            return [c.strip().strip('"').lower() for c in first.split(sep)]
    return [first.strip().lower()]


def sniff(path: Path, head: str) -> bool:
    """The header has ``cited`` and ``citing`` (or ``source`` and ``target``) and few columns."""
    columns = _header(head)
    return len(columns) <= 10 and any(a in columns and b in columns for a, b in _PAIRS)


@dataclass
class EdgeList:
    """A parsed edge list.

    Attributes:
        source: The file.
        labels: Distinct ids in order of first appearance.
        arcs: ``(u, v)`` indices into ``labels``, cited -> citing, file order.
        values: Arc values (1.0 when the file has none).
        dates: id -> date text, where the file has date columns.
        errors: Bad rows.
        columns: ``(cited column, citing column)`` used.
    """

    source: str
    labels: list[str] = field(default_factory=list)
    arcs: list[tuple[int, int]] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    columns: tuple[str, str] = ("", "")
    rows: list[str] = field(default_factory=list)


def _columns(header: list[str], mapping: Mapping[str, str] | None) -> dict[str, str | None]:
    lower = {h.lower(): h for h in header}
    mapping = dict(mapping or {})
    for key in (
        "cited",
        "citing",
        "source",
        "target",
        "value",
        "weight",
        "cited_date",
        "citing_date",
    ):
        if key not in mapping and key in lower:
            mapping[key] = lower[key]
    for key, column in mapping.items():
        if column not in header:
            raise InputFormatError(
                f"mapping names column {column!r} for {key!r}, but the header has {header[:12]}"
            )
    cited, citing = (mapping.get("cited"), mapping.get("citing"))
    if not (cited and citing):
        cited, citing = mapping.get("source"), mapping.get("target")
    if not (cited and citing):
        raise InputFormatError(
            "an edge list needs columns cited,citing or source,target (or a mapping); "
            f"found {header[:12]}"
        )
    return {
        "cited": cited,
        "citing": citing,
        "value": mapping.get("value") or mapping.get("weight"),
        "cited_date": mapping.get("cited_date"),
        "citing_date": mapping.get("citing_date"),
    }


def parse_edge_list(path: str | Path, *, mapping: Mapping[str, str] | None = None) -> EdgeList:
    """Parse a CSV edge list into labels, arcs (cited -> citing) and values.

    Args:
        path: The file (gzip allowed).
        mapping: Column names for ``cited``/``citing`` (or ``source``/``target``), ``value``, dates.

    Raises:
        InputFormatError: No usable header.

    Example:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "e.csv")
        >>> _ = open(p, "w").write("citing,cited\\nB,A\\nC,A\\n")
        >>> e = parse_edge_list(p)
        >>> e.labels, e.arcs
        (['A', 'B', 'C'], [(0, 1), (0, 2)])
    """
    source = str(path)
    out = EdgeList(source=source)
    index: dict[str, int] = {}
    cols: dict[str, str | None] | None = None
    for item in csv_rows(Path(path), fmt=FORMAT):
        if isinstance(item, RowError):
            out.errors.append(item)
            continue
        location, row = item
        if cols is None:
            try:
                cols = _columns(list(row), mapping)
            except InputFormatError as exc:
                raise InputFormatError(str(exc), path=source) from None
            out.columns = (str(cols["cited"]), str(cols["citing"]))
        cited = (row.get(str(cols["cited"])) or "").strip()
        citing = (row.get(str(cols["citing"])) or "").strip()
        if not cited or not citing:
            column = cols["cited"] if not cited else cols["citing"]
            out.errors.append(
                RowError(
                    source, location, column, f"empty id in column {column!r}", excerpt(row), FORMAT
                )
            )
            continue
        if cited == citing:
            out.errors.append(
                RowError(
                    source,
                    location,
                    cols["citing"],
                    f"self-citation {cited!r} removed",
                    excerpt(row),
                    FORMAT,
                )
            )
            continue
        value = 1.0
        if cols["value"] and (row.get(cols["value"]) or "").strip():
            try:
                value = float(row[cols["value"]])
            except ValueError:
                out.errors.append(
                    RowError(
                        source,
                        location,
                        cols["value"],
                        f"not a number: {row[cols['value']]!r}",
                        excerpt(row),
                        FORMAT,
                    )
                )
                continue
        for label, date_col in ((cited, cols["cited_date"]), (citing, cols["citing_date"])):
            if label not in index:
                index[label] = len(out.labels)
                out.labels.append(label)
                out.rows.append(location)
            if date_col and (row.get(date_col) or "").strip():
                out.dates.setdefault(label, row[date_col].strip())
        out.arcs.append((index[cited], index[citing]))
        out.values.append(value)
    if cols is None and not out.errors:
        raise InputFormatError("the edge list has a header but no rows", path=source)
    return out


def read(path: Path, *, mapping: Mapping[str, str] | None = None) -> Iterator[Row]:
    """Yield one record per distinct id (``cited`` = ids with an arc into it), then the bad rows.

    Raises:
        InputFormatError: See :func:`parse_edge_list`.
    """
    edges = parse_edge_list(path, mapping=mapping)
    ids = [record_id(label) for label in edges.labels]
    preds: list[set[str]] = [set() for _ in edges.labels]
    for u, v in edges.arcs:
        preds[v].add(ids[u][0])
    for i, (pid, scheme, office, kind) in enumerate(ids):
        label = edges.labels[i]
        date_text = edges.dates.get(label)
        try:
            date = parse_date(date_text, field_name="date")
        except InvalidRecordError as exc:
            yield RowError(
                str(path), f"first seen {edges.rows[i]}", "date", str(exc), label, FORMAT
            )
            date = None
        yield PatentRecord(
            id=pid,
            jurisdiction=office,
            kind=kind,
            original_id=label,
            id_scheme=scheme,
            publication_date=date,
            cited=tuple(sorted(preds[i])),
            extra={"edge_list_date": date_text} if date_text else {},
            provenance=(Provenance(str(path), f"first seen {edges.rows[i]}", FORMAT),),
        )
    yield from edges.errors
