"""Pajek network files (``.net``; the network part of ``.paj`` bundles).

What is read::

    *Vertices n            one line per vertex: number, optional "label" (quoted or one word),
                           optional x y z coordinates, other drawing attributes ignored
    *Arcs / *Arcslist      arcs "u v [value]" / "u v1 v2 ..." (value default 1)
    *Edges / *Edgeslist    undirected edges, kept apart; a citation DAG orients them as written
    % ...                  comments

A ``.paj`` file is read up to its first ``*Partition``, ``*Vector`` or second ``*Network``
section. ``*Matrix`` networks are not supported (clear error).

Direction. Pajek citation networks (Batagelj's ``bib/cite`` collection, the sMPA data) draw an
arc from the cited to the citing work, the direction knowledge flows; ipnav keeps it as is.

Ids. A vertex label that is a publication number (``US10535192``, ``CN101710429A``, also with
a series letter: ``TWI278772``, ``USD956751``, ``USRE45031``, ``JPWO2014119097``) becomes the
canonical key (:mod:`ipnav.pubnum`); any other label (``"A"``, a Derwent accession number
``2005777716``, an author name) is kept as given with ``id_scheme="label"``. Labels repeated on
several vertices (SmaGri has 35 ``"SMALL H"``) are made unique as ``"label [vertex number]"`` on
every occurrence; a vertex without a label is named by its number.

Each vertex becomes one :class:`~ipnav.records.PatentRecord` whose ``cited`` are its
predecessors (the vertices with an arc into it). Malformed lines, arcs to undeclared vertices
and self-loops become :class:`~ipnav.records.RowError` rows naming the line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ingest.base import Row, open_text
from ipnav.exceptions import InputFormatError
from ipnav.pubnum import try_normalize_pubnum
from ipnav.records import PatentRecord, Provenance, RowError

__all__ = ["EXTENSIONS", "FORMAT", "PajekNetwork", "parse_pajek", "read", "record_id", "sniff"]

FORMAT = "pajek"
EXTENSIONS = (".net", ".paj")

_SECTION = re.compile(r"^\*(\w+)", re.I)
_PUBNUM_LIKE = re.compile(r"^[A-Z]{2}[\s\-]?(?:[A-Z]{1,2}[\s\-]?)?\d{5,}", re.I)


def sniff(path: Path, head: str) -> bool:
    """A Pajek file has a ``*Vertices`` line before any data (after comments / ``*Network``)."""
    for line in head.lstrip("\ufeff").splitlines()[:50]:
        text = line.strip()
        if not text or text.startswith("%"):
            continue
        if text.lower().startswith("*network"):
            continue
        return text.lower().startswith("*vertices")
    return False


@dataclass
class PajekNetwork:
    """A parsed Pajek network.

    Attributes:
        source: The file.
        labels: Unique vertex names, index ``i`` for Pajek vertex ``i + 1``.
        raw_labels: Labels as written ("" when a vertex has none).
        coords: ``(x, y)`` per vertex, None where not given.
        arcs: ``(u, v)`` 0-based vertex numbers, in file order (self-loops left out).
        values: Arc values, parallel to ``arcs``.
        edges: Undirected edges ``(u, v)`` as written.
        edge_values: Their values.
        errors: Bad lines.
        name: The ``*Network`` name if given.
    """

    source: str
    labels: list[str] = field(default_factory=list)
    raw_labels: list[str] = field(default_factory=list)
    coords: list[tuple[float, float] | None] = field(default_factory=list)
    arcs: list[tuple[int, int]] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    edges: list[tuple[int, int]] = field(default_factory=list)
    edge_values: list[float] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    name: str = ""
    vertex_lines: list[int] = field(default_factory=list)


_VERTEX = re.compile(r'^(\d+)(?:\s+(?:"([^"]*)"|(\S+)))?(.*)$')


def _vertex_line(text: str) -> tuple[int, str, tuple[float, float] | None]:
    match = _VERTEX.match(text)
    if match is None:
        raise ValueError(f"expected a vertex number first, got {text[:40]!r}")
    number = int(match[1])
    label = (match[2] if match[2] is not None else match[3] or "").strip()
    rest = match[4].split()
    coords = None
    if len(rest) >= 2:
        try:
            coords = (float(rest[0]), float(rest[1]))
        except ValueError:
            coords = None
    return number, label, coords


def parse_pajek(path: str | Path) -> PajekNetwork:
    """Parse a Pajek ``.net`` file into labels, arcs and values (the main-path CLI's input).

    Args:
        path: The file (gzip allowed).

    Returns:
        The network; bad lines are in ``errors`` (the rest is read).

    Raises:
        InputFormatError: No ``*Vertices`` section, a bad vertex count, or a ``*Matrix`` section.

    Example:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "t.net")
        >>> _ = open(p, "w").write('*Vertices 2\\n1 "A"\\n2 "B"\\n*Arcs\\n1 2 3\\n')
        >>> net = parse_pajek(p)
        >>> net.labels, net.arcs, net.values
        (['A', 'B'], [(0, 1)], [3.0])
    """
    source = str(path)
    net = PajekNetwork(source=source)
    section, declared, networks = None, None, 0
    try:
        fh = open_text(Path(path))
    except OSError as exc:
        raise InputFormatError(f"cannot open: {exc}", path=source) from exc
    with fh:
        for lineno, line in enumerate(fh, start=1):
            text = line.strip()
            if not text or text.startswith("%"):
                continue
            head = _SECTION.match(text)
            if head:
                keyword = head.group(1).lower()
                if keyword == "network":
                    networks += 1
                    if networks > 1:
                        break
                    net.name = text[len("*network") :].strip()
                    continue
                if keyword in ("partition", "vector", "permutation", "cluster", "hierarchy"):
                    break
                if keyword == "matrix":
                    raise InputFormatError(
                        f"line {lineno}: *Matrix networks are not supported; "
                        "save the network with *Arcs",
                        path=source,
                    )
                if keyword == "vertices":
                    try:
                        declared = int(text.split()[1])
                    except (IndexError, ValueError):
                        raise InputFormatError(
                            f"line {lineno}: *Vertices needs a vertex count, got {text!r}",
                            path=source,
                        ) from None
                    net.raw_labels = [""] * declared
                    net.coords = [None] * declared
                    net.vertex_lines = [0] * declared
                section = keyword
                continue
            if declared is None:
                raise InputFormatError(
                    f"line {lineno}: data before the *Vertices line", path=source
                )
            _data_line(net, section, text, lineno, declared)
    if declared is None:
        raise InputFormatError("no *Vertices section (not a Pajek network?)", path=source)
    net.labels = _unique_labels(net.raw_labels)
    return net


def _error(
    net: PajekNetwork, lineno: int, reason: str, text: str, field_name: str | None = None
) -> None:
    net.errors.append(
        RowError(net.source, f"line {lineno}", field_name, reason, text[:500], FORMAT)
    )


def _data_line(
    net: PajekNetwork, section: str | None, text: str, lineno: int, declared: int
) -> None:
    if section == "vertices":
        try:
            number, label, coords = _vertex_line(text)
        except ValueError as exc:
            _error(net, lineno, f"bad vertex line: {exc}", text, "vertex")
            return
        if not 1 <= number <= declared:
            _error(net, lineno, f"vertex number {number} outside 1..{declared}", text, "vertex")
            return
        net.raw_labels[number - 1] = label
        net.coords[number - 1] = coords
        net.vertex_lines[number - 1] = lineno
        return
    if section in ("arcs", "edges", "arcslist", "edgeslist"):
        parts = text.split()
        try:
            numbers = [int(p) for p in (parts if section.endswith("list") else parts[:2])]
            value = 1.0 if section.endswith("list") or len(parts) < 3 else float(parts[2])
        except ValueError:
            _error(net, lineno, f"bad {section} line (expected vertex numbers)", text, section)
            return
        if len(numbers) < 2:
            _error(net, lineno, f"{section} line needs two vertex numbers", text, section)
            return
        tail, heads = numbers[0], numbers[1:]
        for head in heads:
            if not (1 <= tail <= declared and 1 <= head <= declared):
                _error(
                    net,
                    lineno,
                    f"arc {tail} -> {head} names a vertex outside 1..{declared}",
                    text,
                    section,
                )
            elif tail == head:
                _error(
                    net,
                    lineno,
                    f"self-loop {tail} -> {head} (a work citing itself) removed",
                    text,
                    section,
                )
            elif section.startswith("arcs"):
                net.arcs.append((tail - 1, head - 1))
                net.values.append(value)
            else:
                net.edges.append((tail - 1, head - 1))
                net.edge_values.append(value)
        return
    _error(net, lineno, f"line outside a known section ({section or 'none'}) ignored", text)


def _unique_labels(raw: list[str]) -> list[str]:
    counts = Counter(label for label in raw if label)
    out = []
    for i, label in enumerate(raw):
        if not label:
            out.append(str(i + 1))
        elif counts[label] > 1:
            out.append(f"{label} [{i + 1}]")
        else:
            out.append(label)
    return out


def record_id(label: str) -> tuple[str, str, str | None, str | None]:
    """``(id, id_scheme, jurisdiction, kind)`` for a vertex label.

    Example:
        >>> record_id("US10535192B2")[:3], record_id("2005777716")[:2]
        (('US10535192', 'publication', 'US'), ('2005777716', 'label'))
    """
    if _PUBNUM_LIKE.match(label.strip()):
        pub = try_normalize_pubnum(label)
        if pub is not None:
            return pub.key, "publication", pub.office, pub.kind
    return label, "label", None, None


def read(path: Path, *, mapping: Mapping[str, str] | None = None) -> Iterator[Row]:
    """Yield one record per vertex (``cited`` = its predecessors), then one RowError per bad line.

    Undirected ``*Edges`` are read as arcs from the first to the second vertex as written.

    Raises:
        InputFormatError: See :func:`parse_pajek`.
    """
    net = parse_pajek(path)
    ids = [record_id(label) for label in net.labels]
    preds: list[list[int]] = [[] for _ in net.labels]
    for u, v in net.arcs + net.edges:
        preds[v].append(u)
    for i, (pid, scheme, office, kind) in enumerate(ids):
        extra: dict[str, object] = {"pajek_vertex": i + 1}
        if net.raw_labels[i] and net.raw_labels[i] != pid:
            extra["label"] = net.raw_labels[i]
        coords = net.coords[i]
        if coords is not None:
            extra["x"], extra["y"] = coords
        yield PatentRecord(
            id=pid,
            jurisdiction=office,
            kind=kind,
            original_id=net.raw_labels[i] or pid,
            id_scheme=scheme,
            cited=tuple(sorted({ids[u][0] for u in preds[i]})),
            extra=extra,
            provenance=(
                Provenance(
                    str(path), f"vertex {i + 1} (line {net.vertex_lines[i] or '?'})", FORMAT
                ),
            ),
        )
    yield from net.errors
