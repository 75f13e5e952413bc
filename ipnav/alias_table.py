"""The reviewable alias table: CSV in and out, the mapping a store applies, and the store glue.

The workflow (``ipnav aliases suggest`` / ``apply`` / ``show``)::

    store -> variants_from_store -> [Variant] -> suggest_aliases -> [AliasRow]
          -> write_alias_table -> aliases.csv
    (a person checks the file in Excel: reviewed yes / no, fixes canonicals, adds rows by hand)
    aliases.csv -> read_alias_table -> [AliasRow] -> alias_mapping -> {variant: canonical}
                -> store.set_aliases

The file is UTF-8 with a byte-order mark (Excel opens Chinese correctly) and has the columns
``variant, canonical, score, patents, reviewed, reason, variant_name, canonical_name,
canonical_patents``; only ``variant`` and ``canonical`` are required, so a hand-made file of two
columns works. ``variant`` and ``canonical`` may be written as raw names (``通用电气公司``): they
are normalised on reading, and normalising a key leaves it unchanged. ``reviewed``: empty (not
checked yet), ``yes`` (keep) or ``no`` (wrong: not applied, and ``suggest`` will not propose it
again); ``y/n``, ``true/false``, ``1/0``, ``是/否`` are accepted. Applying a file replaces the
whole alias table of the store, so applying the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ipnav.aliases import DEFAULT_THRESHOLD, AliasRow, Variant, group_variants
from ipnav.applicants import normalize_name
from ipnav.exceptions import ConfigError, InputFormatError
from ipnav.records import PatentRecord
from ipnav.store.graph_rows import org_variant

__all__ = [
    "COLUMNS",
    "alias_mapping",
    "apply_aliases",
    "read_alias_table",
    "suggest_aliases",
    "variants_from_records",
    "variants_from_store",
    "write_alias_table",
]

logger = logging.getLogger(__name__)

COLUMNS = (
    "variant",
    "canonical",
    "score",
    "patents",
    "reviewed",
    "reason",
    "variant_name",
    "canonical_name",
    "canonical_patents",
)
_REVIEWED = {
    "": "",
    "yes": "yes",
    "y": "yes",
    "true": "yes",
    "1": "yes",
    "是": "yes",
    "ok": "yes",
    "x": "yes",
    "no": "no",
    "n": "no",
    "false": "no",
    "0": "no",
    "否": "no",
}


def write_alias_table(rows: Iterable[AliasRow], path: str | Path) -> Path:
    """Write the table as UTF-8 CSV (with BOM, for Excel); returns the path.

    Example:
        >>> import tempfile
        >>> row = AliasRow("KAERCHER ALFRED", "ALFRED KAERCHER", 100.0, 3)
        >>> p = write_alias_table([row], f"{tempfile.mkdtemp()}/a.csv")
        >>> [(r.variant, r.canonical) for r in read_alias_table(p)]
        [('KAERCHER ALFRED', 'ALFRED KAERCHER')]
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for r in rows:
            writer.writerow(
                [
                    r.variant,
                    r.canonical,
                    f"{r.score:g}",
                    r.patents,
                    r.reviewed,
                    r.reason,
                    r.variant_name,
                    r.canonical_name,
                    r.canonical_patents,
                ]
            )
    return path


def _number(value: str, *, path: Path, row: int, field: str, kind: type) -> Any:
    if not value.strip():
        return kind(0)
    try:
        return kind(float(value)) if kind is int else kind(value)
    except ValueError:
        raise InputFormatError(
            f"field {field!r}: not a number: {value!r}", path=str(path), location=f"row {row}"
        ) from None


def read_alias_table(path: str | Path) -> list[AliasRow]:
    """Read an alias table (see the module docstring for the columns and flags).

    Raises:
        InputFormatError: The file is missing, has no ``variant``/``canonical`` column, or a row
            has an empty variant, an unknown reviewed flag or a malformed number (file and row
            named).
    """
    path = Path(path)
    if not path.is_file():
        raise InputFormatError("alias table not found", path=str(path))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        missing = [c for c in ("variant", "canonical") if c not in header]
        if missing:
            raise InputFormatError(
                f"missing column(s) {', '.join(missing)}; the header is {header}",
                path=str(path),
                location="row 1",
            )
        rows: list[AliasRow] = []
        for number, raw in enumerate(reader, start=2):
            cells = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
            if not any(cells.values()):
                continue
            variant, canonical = (
                normalize_name(cells["variant"]),
                normalize_name(cells["canonical"]),
            )
            if not variant:
                raise InputFormatError(
                    f"field 'variant' is empty (or has no letters): {cells['variant']!r}",
                    path=str(path),
                    location=f"row {number}",
                )
            flag = cells.get("reviewed", "").lower()
            if flag not in _REVIEWED:
                raise InputFormatError(
                    f"field 'reviewed' must be empty, yes or no. Got {cells.get('reviewed')!r}",
                    path=str(path),
                    location=f"row {number}",
                )
            rows.append(
                AliasRow(
                    variant=variant,
                    canonical=canonical,
                    score=_number(cells.get("score", ""), path=path, row=number, field="score", kind=float) or 100.0,
                    patents=_number(cells.get("patents", ""), path=path, row=number, field="patents", kind=int),
                    reviewed=_REVIEWED[flag],
                    reason=cells.get("reason", "") or "manual",
                    variant_name=cells.get("variant_name", ""),
                    canonical_name=cells.get("canonical_name", ""),
                    canonical_patents=_number(
                        cells.get("canonical_patents", ""),
                        path=path,
                        row=number,
                        field="canonical_patents",
                        kind=int,
                    ),
                )
            )
    return rows


def alias_mapping(rows: Iterable[AliasRow], *, reviewed_only: bool = False) -> dict[str, str]:
    """The ``{variant: canonical}`` map a store applies, chains resolved (A->B, B->C gives A->C).

    Rows flagged ``no``, rows with an empty canonical and rows mapping a key to itself are left out;
    with ``reviewed_only`` only rows flagged ``yes`` count.

    Raises:
        ConfigError: A variant is given two different canonicals, or the rows form a cycle.

    Example:
        >>> rows = [AliasRow("A", "B", 95, 1), AliasRow("B", "C", 95, 2)]
        >>> rows.append(AliasRow("D", "C", 90, 1, "no"))
        >>> alias_mapping(rows)
        {'A': 'C', 'B': 'C'}
    """
    direct: dict[str, str] = {}
    for r in rows:
        if r.reviewed == "no" or not r.canonical or r.canonical == r.variant or (reviewed_only and r.reviewed != "yes"):
            continue
        if direct.get(r.variant, r.canonical) != r.canonical:
            raise ConfigError(f"alias table maps {r.variant!r} to both {direct[r.variant]!r} and {r.canonical!r}")
        direct[r.variant] = r.canonical
    resolved: dict[str, str] = {}
    for start in sorted(direct):
        path, node = [start], direct[start]
        while node in direct:
            if node in path:
                raise ConfigError(f"alias table has a cycle: {' -> '.join([*path, node])}")
            path.append(node)
            node = direct[node]
        resolved[start] = node
    return resolved


def variants_from_records(records: Iterable[PatentRecord]) -> list[Variant]:
    """Organisation keys with patent counts, most frequent raw name, kind and country, from records.

    The key is the one the graph uses (:func:`ipnav.store.graph_rows.org_variant`), computed from
    the raw name, so aliases already applied on read do not hide the variants.
    """
    patents: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        for key, party in {org_variant(p.name, ""): p for p in reversed(record.applicants)}.items():
            if not key:
                continue
            patents[key] += 1
            names[key][party.name] += 1
            if party.kind:
                kinds[key][party.kind] += 1
            if party.country:
                countries[key][party.country] += 1
    return [Variant(k, n, _top(names[k]) or k, _top(kinds[k]), _top(countries[k])) for k, n in sorted(patents.items())]


def _top(counter: Counter[str]) -> str | None:
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counter else None


def variants_from_store(store: Any) -> list[Variant]:
    """The store's organisation variants (before aliases) with patent counts.

    Uses the store's ``organization_variants()`` when it has one (SQLite), else reads every patent.
    """
    listing = getattr(store, "organization_variants", None)
    if listing is None:
        logger.info("store has no organization_variants(); counting variants from its records")
        return variants_from_records(store.iter_patents())
    return [
        Variant(
            v["variant"],
            int(v["patents"]),
            v.get("name") or v["variant"],
            v.get("kind"),
            v.get("country"),
        )
        for v in listing()
    ]


def suggest_aliases(
    variants: Iterable[Variant],
    *,
    previous: Iterable[AliasRow] = (),
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = 300,
) -> list[AliasRow]:
    """New suggestions plus every decision kept from a previous table.

    Rows of ``previous`` flagged ``yes`` or ``no`` (and hand-made rows, reason ``manual``) are kept
    as they are; their variants are not suggested again, and a ``no`` pair is never proposed.

    Example:
        >>> rejected = AliasRow("KAERCHER ALFRED", "ALFRED KAERCHER", 100, 3, "no")
        >>> variants = [Variant("ALFRED KAERCHER", 9), Variant("KAERCHER ALFRED", 3)]
        >>> rows = suggest_aliases(variants, previous=[rejected])
        >>> [(r.variant, r.reviewed) for r in rows]
        [('KAERCHER ALFRED', 'no')]
    """
    variants = list(variants)
    kept = [r for r in previous if r.reviewed in ("yes", "no") or r.reason == "manual"]
    counts = {v.key: v for v in variants}
    kept = [_refresh(r, counts) for r in kept]
    fixed = {r.variant for r in kept if r.reviewed != "no"}
    forbidden = [(r.variant, r.canonical) for r in kept if r.reviewed == "no"]
    new = group_variants(variants, threshold=threshold, max_block=max_block, fixed=fixed, forbidden=forbidden)
    rows = kept + [r for r in new if r.variant not in fixed]
    return sorted(rows, key=lambda r: (r.reviewed == "no", -r.patents, -r.canonical_patents, r.variant))


def _refresh(row: AliasRow, counts: Mapping[str, Variant]) -> AliasRow:
    v, c = counts.get(row.variant), counts.get(row.canonical)
    return AliasRow(
        row.variant,
        row.canonical,
        row.score,
        v.patents if v else row.patents,
        row.reviewed,
        row.reason,
        row.variant_name or (v.name if v else ""),
        row.canonical_name or (c.name if c else ""),
        c.patents if c else row.canonical_patents,
    )


def apply_aliases(store: Any, rows: Iterable[AliasRow], *, reviewed_only: bool = False) -> dict[str, int]:
    """Replace the store's alias table with the rows' mapping; return what changed.

    Returns:
        ``{"aliases": n, "organizations_before": x, "organizations_after": y}`` (organisation
        nodes counted after alias resolution).
    """
    mapping = alias_mapping(rows, reviewed_only=reviewed_only)
    before = store.counts()["nodes"]["Organization"]
    store.set_aliases(mapping)
    after = store.counts()["nodes"]["Organization"]
    return {"aliases": len(mapping), "organizations_before": before, "organizations_after": after}
