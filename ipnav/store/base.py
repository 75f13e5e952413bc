"""The store interface every backend implements, and the plain data it speaks.

The graph model (``docs/graph-model.md``) is the same for every backend::

    (:Patent)-[:ASSIGNED_TO {position}]->(:Organization)-[:LOCATED_IN]->(:Region {key, name, level, parent})
    (:Patent)-[:INVENTED_BY {position}]->(:Inventor)
    (:Patent)-[:CLASSIFIED_AS {scheme}]->(:Code)-[:SUBCLASS_OF]->(:Code)   (subgroup->group->subclass->class->section)
    (:Patent)-[:IN_INDUSTRY]->(:Industry)-[:SUBCLASS_OF]->(:Industry)
    (:Patent)-[:IN_FAMILY]->(:Family)
    (:Patent)-[:CITES]->(:Patent)                                            (citing -> cited)
    (:Patent)-[:IN_TOPIC {probability}]->(:Topic)-[:SUBCLASS_OF]->(:Topic)  (topic merge tree)

Backends: :class:`ipnav.store.sqlite.SqliteStore` (embedded, the default) and
:class:`ipnav.store.neo4j.Neo4jStore`. Both pass ``tests/store/test_contract.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ipnav.exceptions import ConfigError
from ipnav.records import PatentRecord

__all__ = [
    "EDGE_TYPES",
    "FACETS",
    "NODE_LABELS",
    "GraphStore",
    "PatentFilter",
    "Subgraph",
    "UpsertSummary",
]

NODE_LABELS = ("Patent", "Organization", "Inventor", "Code", "Industry", "Family", "Topic", "Region")
EDGE_TYPES = (
    "ASSIGNED_TO",
    "INVENTED_BY",
    "CLASSIFIED_AS",
    "SUBCLASS_OF",
    "IN_INDUSTRY",
    "IN_FAMILY",
    "CITES",
    "IN_TOPIC",
    "LOCATED_IN",
)
FACETS = ("year", "jurisdiction", "industry", "applicant", "subclass", "legal_status", "kind")


@dataclass(frozen=True, slots=True)
class UpsertSummary:
    """What an upsert did: new patents, changed patents, patents already identical."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: UpsertSummary) -> UpsertSummary:
        return UpsertSummary(
            self.inserted + other.inserted, self.updated + other.updated, self.unchanged + other.unchanged
        )


@dataclass(frozen=True)
class PatentFilter:
    """Which patents a query covers. Empty fields do not filter.

    Attributes:
        ids: Only these canonical ids.
        jurisdictions: Office codes (``US``, ``CN`` ...).
        industries: Industry codes; a patent matches if it is tagged with one of them
            (tags include parents, so ``robotics`` matches every robotics branch).
        codes: IPC/CPC prefixes (``B25J``, ``G05B19``); a patent matches if any code starts with one.
        applicants: Organisation keys (normalised names).
        regions: Region paths (``河南``, ``河南/洛阳``); a patent matches if an applicant is located in
            one of them or below it (``河南`` matches ``河南/洛阳``).
        year_from, year_to: Filing year range, inclusive.
        text: Case-insensitive substring of title or abstract.
        include_stubs: Also return cited-only patents that have no record of their own.
    """

    ids: tuple[str, ...] | None = None
    jurisdictions: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    applicants: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    text: str | None = None
    include_stubs: bool = False

    @classmethod
    def parse(cls, spec: str | None) -> PatentFilter:
        """Build a filter from the CLI's ``--filter`` text.

        Terms are separated by ``;``; values of one term by ``|`` or ``,``. Keys: ``industry``,
        ``jurisdiction``, ``code``, ``applicant``, ``region``, ``year`` (``2015-2024``, ``2015-`` or
        ``2020``), ``text``, ``id``.

        Raises:
            ConfigError: Unknown key or malformed year range.

        Example:
            >>> PatentFilter.parse("industry=robotics;year=2015-2024;jurisdiction=US|CN").year_from
            2015
        """
        if not spec or not spec.strip():
            return cls()
        kwargs: dict[str, Any] = {}
        keys = {
            "industry": "industries",
            "jurisdiction": "jurisdictions",
            "code": "codes",
            "applicant": "applicants",
            "id": "ids",
            "region": "regions",
        }
        for term in filter(None, (t.strip() for t in spec.split(";"))):
            key, sep, value = term.partition("=")
            key, value = key.strip().lower(), value.strip()
            if not sep or not value:
                raise ConfigError(f"filter term must be key=value, got {term!r}")
            if key == "year":
                match = re.fullmatch(r"(\d{4})?\s*(-)?\s*(\d{4})?", value)
                if not match or not (match[1] or match[3]):
                    raise ConfigError(f"year must be YYYY, YYYY-YYYY, YYYY- or -YYYY, got {value!r}")
                kwargs["year_from"] = int(match[1]) if match[1] else None
                kwargs["year_to"] = int(match[3]) if match[3] else (None if match[2] else kwargs["year_from"])
            elif key == "text":
                kwargs["text"] = value
            elif key in keys:
                values = tuple(v.strip() for v in re.split(r"[|,]", value) if v.strip())
                if key in ("jurisdiction", "code"):
                    values = tuple(v.upper().replace(" ", "") for v in values)
                kwargs[keys[key]] = values
            else:
                raise ConfigError(
                    f"unknown filter key {key!r}; expected one of industry, jurisdiction, code, "
                    "applicant, region, year, text, id"
                )
        return cls(**kwargs)

    def _in_regions(self, record: PatentRecord) -> bool:
        from ipnav.store.graph_rows import party_region

        found = {party_region(p) for p in record.applicants} - {None}
        return any(r == want or r.startswith(want + "/") for r in found if r for want in self.regions)

    def matches(self, record: PatentRecord) -> bool:
        """True if the record passes the filter (the reference semantics for every backend)."""
        if self.ids is not None and record.id not in self.ids:
            return False
        if self.jurisdictions and record.jurisdiction not in self.jurisdictions:
            return False
        if self.industries and not set(self.industries) & set(record.industries):
            return False
        if self.codes and not any(c.symbol.startswith(p) for c in record.codes for p in self.codes):
            return False
        if self.applicants and not {p.normalized for p in record.applicants} & set(self.applicants):
            return False
        if self.regions and not self._in_regions(record):
            return False
        year = record.year
        if self.year_from is not None and (year is None or year < self.year_from):
            return False
        if self.year_to is not None and (year is None or year > self.year_to):
            return False
        if self.text:
            needle = self.text.lower()
            hay = " ".join(list(record.title.values()) + list(record.abstract.values())).lower()
            if needle not in hay:
                return False
        return True


@dataclass(frozen=True)
class Subgraph:
    """A small piece of the graph: nodes ``{"id", "label", "name", ...}`` and edges ``{"source", "target", "type"}``."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)


@runtime_checkable
class GraphStore(Protocol):
    """What every backend offers. Constructors do no I/O; :meth:`open` connects.

    Writes are idempotent: upserting the same records twice leaves the store identical.
    """

    uri: str

    def open(self) -> GraphStore:
        """Connect, create schema/constraints if missing; return self."""

    def close(self) -> None:
        """Release the connection (a caller-owned driver is left open)."""

    def __enter__(self) -> GraphStore: ...

    def __exit__(self, *exc: object) -> None: ...

    # --- writes -------------------------------------------------------------------------------
    def upsert_patents(self, records: Iterable[PatentRecord], *, batch_size: int = 1000) -> UpsertSummary:
        """Insert or merge (:func:`ipnav.records.merge_records`) patents with all their edges."""

    def set_aliases(self, aliases: Mapping[str, str]) -> None:
        """Replace the organisation alias table (normalised variant -> canonical key) and re-key edges."""

    def aliases(self) -> dict[str, str]:
        """The alias table in force."""

    def upsert_industries(self, industries: Sequence[Mapping[str, Any]], *, replace: bool = False) -> None:
        """Industry nodes ``{"code", "name_zh", "name_en", "parent"}`` and their SUBCLASS_OF edges.

        With ``replace``, industry nodes not listed and tagged on no patent are removed (``ipnav retag``).
        """

    def set_patent_industries(self, tags: Mapping[str, Sequence[str]]) -> int:
        """Replace the industry tags of these patents (record and IN_INDUSTRY edges); return how many changed.

        ``upsert_patents`` unites tags on merge, so removing a tag after a mapping edit needs this.
        """

    def industries(self) -> list[dict[str, Any]]:
        """Every Industry node ``{"code", "name_zh", "name_en", "parent"}``, by code."""

    def put_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Cache embeddings by (model, text hash)."""

    def get_embeddings(self, model: str, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached embeddings for those hashes (missing ones are left out)."""

    def iter_embeddings(self, model: str | None = None) -> Iterator[tuple[str, str, np.ndarray]]:
        """Every cached embedding as ``(model, text_hash, vector)`` (of one model if given)."""

    def set_patent_embeddings(self, model: str, vectors: Mapping[str, np.ndarray]) -> int:
        """Attach each patent's vector (by patent id) for :meth:`similar_patents`; one model at a
        time (another model or dimension replaces all). Returns how many stored patents got one."""

    def patent_embeddings(self, patent_ids: Iterable[str] | None = None) -> tuple[str | None, dict[str, np.ndarray]]:
        """The model of the attached patent vectors (None if none) and the vectors by patent id."""

    def save_topics(
        self, run: Mapping[str, Any], topics: Sequence[Mapping[str, Any]], assignments: Sequence[Mapping[str, Any]]
    ) -> None:
        """Replace the topic map: run parameters, Topic nodes (``id``, ``label``, ``parent`` ...)
        and IN_TOPIC edges (``patent_id``, ``topic``, ``probability``, ``x``, ``y``)."""

    def load_topics(self) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        """The saved topic map as (run, topics, assignments); empty when none was saved."""

    def put_artifact(self, key: str, value: Mapping[str, Any]) -> None:
        """Keep a JSON-serialisable result (precomputed scores, summaries) under a key."""

    def get_artifact(self, key: str) -> dict[str, Any] | None:
        """A kept result, or None."""

    def artifact_keys(self) -> list[str]:
        """The keys of every kept result, sorted."""

    def delete_all(self) -> None:
        """Empty the store (tests and ``ipnav sync``)."""

    # --- reads --------------------------------------------------------------------------------
    def get_patent(self, patent_id: str) -> PatentRecord:
        """One patent by canonical id. Raises PatentNotFoundError."""

    def get_patents(self, patent_ids: Iterable[str]) -> dict[str, PatentRecord]:
        """Patents by id; ids not in the store are left out."""

    def iter_patents(self, where: PatentFilter | None = None, *, batch_size: int = 1000,
                     resolve_aliases: bool = True) -> Iterator[PatentRecord]:
        """Patents matching the filter, in id order (``resolve_aliases=False``: applicants' names
        as stored, before the alias table; what ``ipnav sync`` copies)."""

    def count_patents(self, where: PatentFilter | None = None) -> int:
        """How many patents match."""

    def iter_citations(self) -> Iterator[tuple[str, str]]:
        """Every CITES edge as (citing id, cited id), in order."""

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "edges": {type: n}}`` over all labels and types."""

    def facet(self, name: str, where: PatentFilter | None = None, *, limit: int | None = None) -> list[tuple[str, int]]:
        """Patent counts by ``year``, ``jurisdiction``, ``industry``, ``applicant``, ``subclass``,
        ``legal_status`` or ``kind``: ``[(value, n)]`` by count descending, then value."""

    def organizations(self, query: str | None = None, *, limit: int = 50) -> list[dict[str, Any]]:
        """Organisations ``{"key", "name", "patents"}`` whose key or name contains ``query``, largest first."""

    def neighbors(self, label: str, key: str, *, limit: int = 50) -> Subgraph:
        """The node and its direct neighbours (any edge type), at most ``limit`` of them."""

    def co_applicants(self, where: PatentFilter | None = None, *, min_patents: int = 1,
                      limit: int | None = None) -> list[tuple[str, str, int]]:
        """The co-applicant network: ``[(org_a, org_b, shared_patents)]`` with ``org_a < org_b``,
        over the patents matching ``where``, by count descending, then keys."""

    def citation_paths(self, source: str, target: str, *, max_hops: int = 6, directed: bool = True,
                       limit: int = 10) -> list[list[str]]:
        """All shortest CITES paths from ``source`` to ``target`` (citing -> cited unless
        ``directed=False``), at most ``max_hops`` edges, as sorted id lists. Raises
        PatentNotFoundError for an unknown end."""

    def similar_patents(self, patent_id: str, *, k: int = 10, model: str | None = None) -> list[tuple[str, float]]:
        """The ``k`` patents most similar to one by cosine similarity of their attached vectors:
        ``[(id, cosine)]``, best first (ties by id). Raises PatentNotFoundError if it has no vector."""
