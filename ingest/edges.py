"""Citation edge lists in CSV (or TSV), one arc per row.

Header (names are matched case-insensitively; column order does not matter)::

    cited,citing[,value][,cited_date,citing_date]     arc cited -> citing
    source,target[,value|weight|*multiplicity]        arc source -> target, read as cited -> citing
                                                       (the direction knowledge flows, as in Pajek
                                                       and the sMPA ``edges.csv.gz``)

Vertex numbers and labels. A table converted from a Pajek file often has both the vertex numbers
and the labels: ``source,target,source_dwpi,target_dwpi`` (the sMPA ``edges.csv.gz``). When the
header has, beside the id pair, exactly one pair ``<id>_<name>`` for both ends (a name that is not
``date``, ``year``, ``value``, ``weight`` ...), that pair names the nodes, the id pair holds the
vertex numbers, and nodes are named as :mod:`ingest.pajek` names them: by the label, or
``"label [number]"`` for a label that two vertex numbers share. So the arcs of the table, of the
Pajek file and the rows of the node table (:mod:`ingest.nodes`) meet on the same nodes.

``mapping`` names other columns: ``{"cited": "source_dwpi", "citing": "target_dwpi"}`` (or
``source`` / ``target`` / ``value`` / ``cited_date`` / ``citing_date``, and ``cited_vertex`` /
``citing_vertex`` for vertex numbers). Ids are kept as given; publication numbers are normalised
when records are built (:func:`ingest.pajek.record_id`).

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
        rows: Where each node was first seen.
        vertices: Each node's vertex number when the table has one ("" otherwise).
    """

    source: str
    labels: list[str] = field(default_factory=list)
    arcs: list[tuple[int, int]] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    columns: tuple[str, str] = ("", "")
    rows: list[str] = field(default_factory=list)
    vertices: list[str] = field(default_factory=list)


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
    vertices = (mapping.get("cited_vertex"), mapping.get("citing_vertex"))
    if not any(vertices) and "cited_vertex" not in mapping:
        labelled = _label_pair(header, cited, citing)
        if labelled is not None:
            vertices, (cited, citing) = (cited, citing), labelled
    return {
        "cited": cited,
        "citing": citing,
        "cited_vertex": vertices[0],
        "citing_vertex": vertices[1],
        "value": mapping.get("value") or mapping.get("weight") or _multiplicity(header),
        "cited_date": mapping.get("cited_date"),
        "citing_date": mapping.get("citing_date"),
    }


def _multiplicity(header: list[str]) -> str | None:
    """A ``multiplicity`` column (``raw_multiplicity`` in the sMPA table: Pajek's arc value)."""
    return next((c for c in header if c.lower().endswith("multiplicity")), None)


_NOT_LABELS = ("date", "year", "value", "weight", "count", "multiplicity", "type", "jurisdiction", "country")


def _label_pair(header: list[str], cited: str, citing: str) -> tuple[str, str] | None:
    """The one pair ``<cited>_<name>`` / ``<citing>_<name>`` naming the nodes, if the header has it."""
    pairs = []
    for column in header:
        head, sep, name = column.partition("_")
        if sep and head.lower() == cited.lower() and name and not any(n in name.lower() for n in _NOT_LABELS):
            partner = next((c for c in header if c.lower() == f"{citing}_{name}".lower()), None)
            if partner is not None:
                pairs.append((column, partner))
    return pairs[0] if len(pairs) == 1 else None


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
    index: dict[tuple[str, str], int] = {}
    keys: list[tuple[str, str]] = []
    dates: dict[tuple[str, str], str] = {}
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
        arc = _arc(source, location, row, cols)
        if isinstance(arc, RowError):
            out.errors.append(arc)
            continue
        ends, value = arc
        for key, date_col in zip(ends, (cols["cited_date"], cols["citing_date"]), strict=True):
            if key not in index:
                index[key] = len(keys)
                keys.append(key)
                out.rows.append(location)
            if date_col and (row.get(date_col) or "").strip():
                dates.setdefault(key, row[date_col].strip())
        out.arcs.append((index[ends[0]], index[ends[1]]))
        out.values.append(value)
    if cols is None and not out.errors:
        raise InputFormatError("the edge list has a header but no rows", path=source)
    out.labels = _node_names(keys)
    out.vertices = [vertex for _, vertex in keys]
    out.dates = {out.labels[index[key]]: date for key, date in dates.items()}
    return out


def _arc(
    source: str, location: str, row: Mapping[str, str], cols: Mapping[str, str | None]
) -> tuple[tuple[tuple[str, str], tuple[str, str]], float] | RowError:
    """``((cited node, citing node), value)`` of a row (a node is ``(id, vertex number)``), or why not."""
    ends = []
    for end in ("cited", "citing"):
        column, vertex = str(cols[end]), cols[f"{end}_vertex"]
        ends.append(((row.get(column) or "").strip(), (row.get(vertex) or "").strip() if vertex else ""))
        if not ends[-1][0]:
            return RowError(source, location, column, f"empty id in column {column!r}", excerpt(row), FORMAT)
    if ends[0] == ends[1]:
        reason = f"self-citation {ends[0][0]!r} removed"
        return RowError(source, location, cols["citing"], reason, excerpt(row), FORMAT)
    value = 1.0
    text = (row.get(cols["value"]) or "").strip() if cols["value"] else ""
    if text:
        try:
            value = float(text)
        except ValueError:
            return RowError(source, location, cols["value"], f"not a number: {text!r}", excerpt(row), FORMAT)
    return (ends[0], ends[1]), value


def _node_names(keys: list[tuple[str, str]]) -> list[str]:
    """Node names as Pajek gives them: the id, or ``"id [vertex]"`` for an id on several vertices."""
    vertices: dict[str, set[str]] = {}
    for label, vertex in keys:
        vertices.setdefault(label, set()).add(vertex)
    return [f"{label} [{vertex}]" if len(vertices[label]) > 1 and vertex else label for label, vertex in keys]


def _extra(date_text: str | None, vertex: str) -> dict[str, object]:
    extra: dict[str, object] = {"edge_list_date": date_text} if date_text else {}
    if vertex.isdigit():
        extra["pajek_vertex"] = int(vertex)
    return extra


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
            extra=_extra(date_text, edges.vertices[i]),
            provenance=(Provenance(str(path), f"first seen {edges.rows[i]}", FORMAT),),
        )
    yield from edges.errors
