"""Node tables of citation networks (CSV, TSV or XLSX): one row per node, attributes, links.

A node table gives dates and attributes (years, communities, clusters) of the nodes whose arcs
sit in a Pajek file (:mod:`ingest.pajek`) or an edge list (:mod:`ingest.edges`); it may also
list each node's linked publications itself (an *undirected* link list, as in research
workbooks built from a citation export). Columns are found by name (compared as
:func:`ingest.mapping.header_key` does: case, spaces, ``_``, ``-``, ``.`` ignored)::

    id          publication number (Publication Number, publication_number, pubnum, 公开(公告)号 ...)
                else an accession number (dwpi_accession, accession ...), else id / node_id,
                else label / name, else the vertex number
    vertex      node / vertex / pajek_vertex: a Pajek vertex number -> extra["pajek_vertex"]
    dates       publication_date (or date), application_date (filing_date), priority_date,
                grant_date -> the record's dates
    years       year, *_year (accession_year ...) -> extra[column] as int (a year is not a date)
    links       CP, links, linked, neighbours / neighbors, adjacent, connections: the node's
                linked publications, undirected ("['US1', 'CN2']", JSON, or ; | , separated)
    jurisdiction  checked against the id's office; kept in extra only where it differs
    others      extra[column key] (whole numbers as int): community_label, weak_component_clu ...
    (unnamed)   ignored (a saved pandas index)

``mapping`` names columns for these roles: ``{"id": "Doc", "vertex": "n", "links": "Linked",
"publication_date": "Pub", "year": "PY"}``.

Same node, same id. The id is built as the other network readers build it
(:func:`ingest.pajek.record_id`): a publication number becomes its canonical key, anything else
(a Derwent accession number ``2005777716``) stays a label. With a vertex column, the label wins
over the number, as in Pajek, and a label carried by two vertex numbers becomes
``"label [number]"`` on each, exactly as :mod:`ingest.pajek` names it. So the sMPA ``nodes.csv``
(``node`` + ``dwpi_accession``) attaches its years and clusters to the very nodes that the
Pajek file and ``edges.csv.gz`` create.

Link direction (:mod:`ingest.links`). A link list says that two publications are linked, not
which cites which. The reader orients every link from the earlier to the later publication: the
later one cites the earlier. A node's date is the earliest date the table gives it (over its rows and date
columns); equal dates are broken by the id (the smaller id is cited), so the arcs follow one
total order and can never form a cycle. A link the reader cannot orient (the linked publication
is not in the table, or one end has no date) is kept in ``extra["unoriented_links"]``; a node
listing itself sets ``extra["self_link"]``. A link listed on either end counts.

Duplicate rows. Rows sharing an id are one publication (for instance the A1 and B2 stages of one
number): each still gives its own record, and the ingest merges them (``merged_duplicates``).
Their links are united before orienting, and a column whose value differs between the rows
keeps every value in ``extra["<column>_values"]``, so the merge loses nothing.

Row errors: an empty id, an impossible date, a year that is not a year, a link cell that is not
a list.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.base import Row, excerpt, read_head
from ingest.links import orient_links, parse_links
from ingest.mapping import header_key
from ingest.pajek import record_id
from ingest.tables import column_key, differing_values, plain_value, table_header, table_rows
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.records import MAX_DATE, MIN_DATE, PatentRecord, Provenance, RowError, parse_date

__all__ = ["EXTENSIONS", "FORMAT", "NodeColumns", "node_columns", "read", "sniff"]

FORMAT = "nodes"
EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xls")

_PUBLICATION = (
    "publicationnumber", "publicationno", "pubnumber", "pubno", "pubnum", "patentnumber", "patentno",
    "documentnumber", "公开号", "公开(公告)号", "公告号",
)  # fmt: skip
_ID = ("id", "nodeid", "key")
_LABEL = ("label", "name", "nodelabel", "vertexlabel", "nodename")
_VERTEX = ("node", "vertex", "pajekvertex", "vertexnumber", "nodenumber", "vertexno")
_DATES = {
    "publication_date": (
        "publicationdate",
        "pubdate",
        "date",
        "datepublished",
        "publisheddate",
        "公开日",
        "公开(公告)日",
    ),
    "application_date": ("applicationdate", "filingdate", "申请日"),
    "priority_date": ("prioritydate", "earliestprioritydate", "earliestpriority", "优先权日"),
    "grant_date": ("grantdate", "issuedate", "授权日", "授权公告日"),
}
_LINKS = (
    "cp",
    "links",
    "linked",
    "linkedpublications",
    "linkedpatents",
    "neighbours",
    "neighbors",
    "adjacent",
    "connections",
)
_JURISDICTION = ("jurisdiction", "country", "countrycode", "office")
_NETWORK = (
    "community",
    "cluster",
    "partition",
    "component",
    "modularity",
    "degree",
    "pagerank",
    "betweenness",
    "centrality",
)
_RECORD = (
    "title", "abstract", "claim", "applicant", "assignee", "inventor", "ipc", "cpc", "description", "text",
    "标题", "名称", "摘要", "申请人", "发明人", "权利要求", "分类号",
)  # fmt: skip
_MAPPING_KEYS = ("id", "vertex", "links", "year", "jurisdiction", *_DATES)


@dataclass(frozen=True)
class NodeColumns:
    """The columns of a node table, by role (see the module docstring).

    Attributes:
        id: The id column. ``id_role`` says what it holds: ``publication``, ``accession``,
            ``id``, ``label`` or ``vertex``.
        vertex: The vertex-number column, if any.
        dates: Canonical date field -> column.
        years: Year columns.
        links: The link-list column, if any.
        jurisdiction: The office column, if any.
    """

    id: str
    id_role: str
    vertex: str | None = None
    dates: dict[str, str] = field(default_factory=dict)
    years: tuple[str, ...] = ()
    links: str | None = None
    jurisdiction: str | None = None

    def roles(self) -> set[str]:
        """Every column that has a role (the rest go to ``extra``)."""
        named = {self.id, self.vertex, self.links, self.jurisdiction, *self.dates.values(), *self.years}
        return {c for c in named if c}


def _find(keys: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    return next((keys[n] for n in names if n in keys), None)


def _is_year(key: str) -> bool:
    return key == "year" or key.endswith("year")


def node_columns(header: list[str], mapping: Mapping[str, Any] | None = None) -> NodeColumns:
    """Assign the columns of a node-table header to their roles.

    Mapping keys other than the roles (``id``, ``vertex``, ``links``, ``year``,
    ``jurisdiction``, the date fields) are ignored: they belong to another reader's mapping.

    Raises:
        InputFormatError: No id column, or the mapping names a column the header lacks.

    Example:
        >>> c = node_columns(["node", "dwpi_accession", "accession_year", "weak_component_clu"])
        >>> c.id, c.id_role, c.vertex, c.years
        ('dwpi_accession', 'accession', 'node', ('accession_year',))
    """
    named = [h for h in header if h.strip()]
    keys: dict[str, str] = {}
    for name in named:
        keys.setdefault(header_key(name), name)
    given = {k: v for k, v in (mapping or {}).items() if k in _MAPPING_KEYS}
    for key, column in given.items():
        for col in [column] if isinstance(column, str) else list(column):
            if col not in named:
                raise InputFormatError(f"the mapping names column {col!r} for {key!r}, but the header has {named[:12]}")
    accession = next((keys[k] for k in keys if "accession" in k and not _is_year(k)), None)
    vertex = given.get("vertex") or _find(keys, _VERTEX)
    candidates = (
        ("publication", _find(keys, _PUBLICATION)),
        ("accession", accession),
        ("id", _find(keys, _ID)),
        ("label", _find(keys, _LABEL)),
        ("vertex", vertex),
    )
    role, column = ("id", given["id"]) if "id" in given else next(((r, c) for r, c in candidates if c), ("", None))
    if column is None:
        raise InputFormatError(
            f"a node table needs an id column (publication number, id, label or node); found {named[:12]}"
        )
    dates = {f: given.get(f) or _find(keys, names) for f, names in _DATES.items()}
    years = given.get("year") or tuple(n for k, n in keys.items() if _is_year(k))
    return NodeColumns(
        id=column,
        id_role=role,
        vertex=vertex if vertex != column or role == "vertex" else None,
        dates={f: c for f, c in dates.items() if c and c != column},
        years=(years,) if isinstance(years, str) else tuple(years),
        links=given.get("links") or _find(keys, _LINKS),
        jurisdiction=given.get("jurisdiction") or _find(keys, _JURISDICTION),
    )


def _network_column(key: str) -> bool:
    return any(n in key for n in _NETWORK) or key.endswith("clu")


def sniff(path: Path, head: str) -> bool:
    """A table with an id column, network columns (links, vertex numbers, communities, clusters)
    or only ids, dates and years, and none of a patent record's columns (title, applicants ...).
    """
    header = [h for h in table_header(path, head) if h.strip()]
    if not 2 <= len(header) <= 30:
        return False
    keys = [header_key(h) for h in header]
    if (
        any(r in k for k in keys for r in _RECORD)
        or {"cited", "citing"} <= set(keys)
        or {"source", "target"} <= set(keys)
    ):
        return False
    try:
        cols = node_columns(header)
    except InputFormatError:
        return False
    if cols.links or cols.vertex or any(_network_column(k) for k in keys):
        return True
    return bool(cols.dates or cols.years) and len(cols.roles()) == len(header)


@dataclass
class _Node:
    location: str
    row: dict[str, str]
    text: str
    dates: dict[str, dt.date]
    links: list[str]
    ident: tuple[str, str, str | None, str | None] = ("", "label", None, None)

    @property
    def key(self) -> str:
        return self.ident[0]


def _parse_row(cols: NodeColumns, location: str, row: dict[str, str]) -> _Node:
    text = (row.get(cols.id) or "").strip()
    if not text:
        raise InvalidRecordError(f"{cols.id}: empty id", field=cols.id)
    dates = {}
    for name, column in cols.dates.items():
        value = parse_date(row.get(column), field_name=column)
        if value is not None:
            dates[name] = value
    for column in cols.years:
        year = plain_value(row.get(column) or "")
        if year != "" and not (isinstance(year, int) and MIN_DATE.year <= year <= MAX_DATE.year):
            raise InvalidRecordError(f"{column}: not a year: {row.get(column)!r}", field=column)
    links = parse_links(row.get(cols.links), cols.links) if cols.links else []
    return _Node(location, row, text, dates, links)


def _name_nodes(cols: NodeColumns, nodes: list[_Node]) -> None:
    """Set each node's key: the id, or ``label [vertex]`` for a label on several vertices (Pajek)."""
    shared: dict[str, set[str]] = defaultdict(set)
    if cols.vertex and cols.id_role != "vertex":
        for node in nodes:
            shared[node.text].add((node.row.get(cols.vertex) or "").strip())
    for node in nodes:
        vertex = (node.row.get(cols.vertex) or "").strip() if cols.vertex else ""
        name = f"{node.text} [{vertex}]" if len(shared.get(node.text, ())) > 1 and vertex else node.text
        node.ident = record_id(name)


def _extra(cols: NodeColumns, node: _Node, office: str | None) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for column, value in node.row.items():
        text = (value or "").strip()
        if column == cols.vertex and text:
            number = plain_value(text)
            extra["pajek_vertex" if isinstance(number, int) else column_key(column)] = number
        elif not column.strip() or not text or column in (cols.id, cols.links, *cols.dates.values()):
            continue
        elif column == cols.jurisdiction:
            if text.upper() != (office or ""):
                extra[column_key(column)] = text
        else:
            extra[column_key(column)] = plain_value(text)
    return extra


def read(path: Path, *, mapping: Mapping[str, Any] | None = None) -> Iterator[Row]:
    """Yield one record (or RowError) per row, links oriented by date (see the module docstring).

    Raises:
        InputFormatError: Empty or unreadable file, no id column, or a mapping naming a column
            the file lacks.

    Example:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "n.csv")
        >>> text = "publication_number,publication_date,links\\nUS1,2001-01-01,US2\\nUS2,2003-01-01,\\n"
        >>> _ = open(p, "w").write(text)
        >>> [(r.id, r.cited) for r in read(Path(p))]
        [('US1', ()), ('US2', ('US1',))]
    """
    source = str(path)
    head = read_head(path)
    items: list[_Node | RowError] = []
    cols: NodeColumns | None = None
    for item in table_rows(path, head, fmt=FORMAT):
        if isinstance(item, RowError):
            items.append(item)
            continue
        location, row = item
        if cols is None:
            try:
                cols = node_columns(list(row), mapping)
            except InputFormatError as exc:
                raise InputFormatError(str(exc), path=source) from None
        try:
            items.append(_parse_row(cols, location, row))
        except InvalidRecordError as exc:
            items.append(RowError(source, location, exc.field, str(exc), excerpt(row), FORMAT))
    nodes = [n for n in items if isinstance(n, _Node)]
    if cols is None:
        yield from (i for i in items if isinstance(i, RowError))
        return
    yield from _records(source, cols, items, nodes)


def _records(source: str, cols: NodeColumns, items: list[_Node | RowError], nodes: list[_Node]) -> Iterator[Row]:
    _name_nodes(cols, nodes)
    links: dict[str, set[str]] = {}
    dates: dict[str, dt.date] = {}
    keys: dict[str, str] = {}  # a link is listed on many rows: normalise each text once
    for node in nodes:
        listed = links.setdefault(node.key, set())  # every node of the table is a key
        for link in node.links:
            if link not in keys:
                keys[link] = record_id(link)[0]
            listed.add(keys[link])
        if node.dates:
            earliest = min(node.dates.values())
            dates[node.key] = min(dates.get(node.key, earliest), earliest)
    cited, unoriented = orient_links(links, dates)
    skip = (cols.id, cols.links or "")
    varying = differing_values(((n.key, n.row) for n in nodes), skip=skip)
    for item in items:
        if isinstance(item, RowError):
            yield item
            continue
        pid, scheme, office, kind = item.ident
        extra = _extra(cols, item, office)
        for column, values in varying.get(item.key, {}).items():
            extra[f"{column_key(column)}_values"] = [plain_value(v) for v in values]
        if unoriented.get(item.key):
            extra["unoriented_links"] = sorted(unoriented[item.key])
        if item.key in links[item.key]:
            extra["self_link"] = True
        yield PatentRecord(
            id=pid,
            jurisdiction=office,
            kind=kind,
            original_id=item.text,
            id_scheme=scheme,
            cited=tuple(sorted(cited.get(item.key, ()))),
            extra=dict(sorted(extra.items())),
            provenance=(Provenance(source, item.location, FORMAT),),
            publication_date=item.dates.get("publication_date"),
            application_date=item.dates.get("application_date"),
            priority_date=item.dates.get("priority_date"),
            grant_date=item.dates.get("grant_date"),
        )
