"""Turn canonical records into the node and edge rows of the graph model.

Both backends write exactly these rows (SQLite as table rows, Neo4j as ``UNWIND $rows`` maps),
which is what keeps their graphs identical.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ipnav.applicants import normalize_name
from ipnav.exceptions import InvalidRecordError
from ipnav.records import Party, PatentRecord, record_hash, record_json
from ipnav.regions import detect_region

__all__ = [
    "GraphRows",
    "check_record",
    "graph_rows",
    "inventor_key",
    "org_variant",
    "party_region",
    "region_rows",
    "with_aliases",
]

_REGION_LEVELS = ("province", "city", "district")


def check_record(record: object, index: int) -> PatentRecord:
    """The store's boundary check: a PatentRecord with a non-empty id (``index``: its place in the input).

    Raises:
        InvalidRecordError: Naming the position, the field and the offending value.

    Example:
        >>> check_record(PatentRecord(id="US1"), 0).id
        'US1'
    """
    if not isinstance(record, PatentRecord):
        raise InvalidRecordError(
            f"item {index} to store is a {type(record).__name__}, not a PatentRecord", field="record"
        )
    if not isinstance(record.id, str) or not record.id.strip():
        raise InvalidRecordError(f"item {index} to store has an empty id: {record.id!r}", field="id")
    return record


def with_aliases(record: PatentRecord, aliases: Mapping[str, str]) -> PatentRecord:
    """The record with each applicant's normalised name replaced by its canonical alias, if any."""
    if not aliases or not any(p.normalized in aliases for p in record.applicants):
        return record
    parties = tuple(replace(p, normalized=aliases.get(p.normalized, p.normalized)) for p in record.applicants)
    return replace(record, applicants=parties)


def org_variant(party_name: str, normalized: str) -> str:
    """The organisation key before aliases: the record's normalised name, else one computed now."""
    return normalized or normalize_name(party_name)


def party_region(party: Party) -> str | None:
    """An applicant's region path: the record's ``region``, else detected from name and address."""
    return party.region or detect_region(party.name, party.address)


def region_rows(region: str) -> list[tuple[str, str, str, str | None]]:
    """Region nodes ``(key, name, level, parent)`` for a path and each of its ancestors.

    Example:
        >>> region_rows("河南/洛阳")
        [('河南', '河南', 'province', None), ('河南/洛阳', '洛阳', 'city', '河南')]
    """
    parts = [p for p in region.split("/") if p]
    out: list[tuple[str, str, str, str | None]] = []
    for depth in range(1, len(parts) + 1):
        key = "/".join(parts[:depth])
        parent = "/".join(parts[: depth - 1]) or None
        out.append((key, parts[depth - 1], _REGION_LEVELS[min(depth, len(_REGION_LEVELS)) - 1], parent))
    return out


def inventor_key(name: str, normalized: str = "") -> str:
    """Inventor key: the normalised name (case-folded, punctuation and spacing unified)."""
    return normalized or normalize_name(name, strip_legal_forms=False)


@dataclass
class GraphRows:
    """Rows for one batch of records (see module docstring)."""

    patents: list[tuple[Any, ...]] = field(default_factory=list)
    stubs: list[tuple[str, str, str | None]] = field(default_factory=list)
    codes: list[tuple[str, str, str | None]] = field(default_factory=list)
    orgs: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    assigned: list[tuple[str, str, str, str | None, str | None, int]] = field(default_factory=list)
    inventors: list[tuple[str, str, str | None]] = field(default_factory=list)
    invented: list[tuple[str, str, int]] = field(default_factory=list)
    classified: list[tuple[str, str, str, int]] = field(default_factory=list)
    industries: list[tuple[str, str]] = field(default_factory=list)
    cites: list[tuple[str, str]] = field(default_factory=list)
    regions: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    located: list[tuple[str, str, str]] = field(default_factory=list)


def _doc(record: PatentRecord) -> tuple[str, str]:
    doc = record_json(record)
    return doc, record_hash(record, doc)


def _search_text(record: PatentRecord) -> str:
    return " ".join(list(record.title.values()) + list(record.abstract.values())).lower()


def graph_rows(records: Sequence[PatentRecord], docs: Mapping[str, tuple[str, str]] | None = None) -> GraphRows:
    """Build the rows of every node and edge the records imply.

    Args:
        records: The records.
        docs: Already computed ``(canonical JSON, content hash)`` per id, to avoid encoding twice.

    Example:
        >>> from ipnav.codes import parse_code
        >>> rows = graph_rows([PatentRecord(id="US1", jurisdiction="US", ipc=(parse_code("B25J9/16"),))])
        >>> [c[0] for c in rows.codes]
        ['B', 'B25', 'B25J', 'B25J9/00', 'B25J9/16']
    """
    rows = GraphRows()
    codes: dict[str, tuple[str, str | None]] = {}
    inventors: dict[str, tuple[str, str | None]] = {}
    own_ids = {r.id for r in records}
    stubs: dict[str, tuple[str, str | None]] = {}
    regions: dict[str, tuple[str, str, str, str | None]] = {}
    for r in records:
        doc, chash = docs[r.id] if docs and r.id in docs else _doc(r)
        rows.patents.append((
            r.id, r.id_scheme, r.jurisdiction, r.kind, r.family_id, r.year,
            r.publication_date.isoformat() if r.publication_date else None,
            r.legal_status, _search_text(r), chash, doc,
        ))
        seen_orgs: set[str] = set()
        for pos, party in enumerate(r.applicants):
            variant = org_variant(party.name, party.normalized)
            if not variant or variant in seen_orgs:
                continue
            seen_orgs.add(variant)
            rows.orgs.append((variant, party.name, party.country, party.kind))
            rows.assigned.append((r.id, variant, party.name, party.country, party.kind, pos))
            region = party_region(party)
            if region:
                rows.located.append((r.id, variant, region))
                for row in region_rows(region):
                    regions.setdefault(row[0], row)
        seen_inv: set[str] = set()
        for pos, person in enumerate(r.inventors):
            key = inventor_key(person.name, person.normalized)
            if not key or key in seen_inv:
                continue
            seen_inv.add(key)
            inventors.setdefault(key, (person.name, person.country))
            rows.invented.append((r.id, key, pos))
        seen_codes: set[tuple[str, str]] = set()
        for pos, code in enumerate(r.codes):
            if (code.symbol, code.scheme) in seen_codes:
                continue
            seen_codes.add((code.symbol, code.scheme))
            rows.classified.append((r.id, code.symbol, code.scheme, pos))
            parent = None
            for symbol, level in code.ancestors():
                codes.setdefault(symbol, (level, parent))
                parent = symbol
        for industry in sorted(set(r.industries)):
            rows.industries.append((r.id, industry))
        for cited in sorted(set(r.cited)):
            if cited == r.id:
                continue
            rows.cites.append((r.id, cited))
            if cited not in own_ids:
                juris = cited[:2] if r.id_scheme == "publication" and cited[:2].isalpha() else None
                stubs.setdefault(cited, (r.id_scheme, juris))
    rows.codes = [(s, lvl, parent) for s, (lvl, parent) in codes.items()]
    rows.inventors = [(k, name, country) for k, (name, country) in inventors.items()]
    rows.stubs = [(pid, scheme, juris) for pid, (scheme, juris) in stubs.items()]
    rows.regions = list(regions.values())
    return rows
