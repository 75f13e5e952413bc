"""The generic CSV/XLSX reader, driven by a column mapping (see :mod:`ingest.mapping`).

With ``--format csv --mapping FILE`` the user's mapping is used; without one, the shipped mapping
whose columns best fit the file's header is chosen (PatSnap, incoPat, CNIPA-style, generic
English), and :func:`sniff` says yes only when one fits. The header may follow preamble lines
(up to 60 lines in a CSV, 30 rows in a sheet).

What the canonical fields become (``docs/ingest.md`` has the table):

* ``publication_number`` -> id / jurisdiction / kind (``kind`` column when the number has none);
* text fields -> one entry per language: ``{zh: 标题(译)(简体中文), en: 标题(译)(English)}`` gives a
  bilingual title; ``auto`` detects the language of the cell;
* ``applicants`` (+ ``applicant_country`` / ``applicant_address`` by position), ``inventors``;
  ``current_owners`` -> ``extra.current_owners`` when they differ from the applicants;
* ``ipc`` / ``cpc`` (strict: a malformed code quarantines the row); ``ipc_main`` goes first in
  ``ipc`` and to ``extra.ipc_main``;
* ``cited`` -> cited (normalised; unparsable ones -> ``extra.unparsed_citations``); ``citing``
  -> ``extra.citing`` and, without a count column, ``cited_by_count``;
* counts -> int (``7``, ``7.0``; anything else quarantines the row naming the column);
* ``grant_date``; else ``grant_when`` (e.g. 专利类型 = 授权发明) or a grant kind code gives the
  publication date;
* ``-`` cells are empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ingest.base import (
    Row,
    csv_rows,
    guard,
    locate_header,
    read_head,
    split_multi,
    xlsx_rows,
)
from ingest.fields import (
    cited_keys,
    clean,
    codes_in,
    date_in,
    family_key,
    is_grant_kind,
    organisation,
    person,
    publication,
    texts,
    whole_number,
)
from ingest.mapping import ColumnMapping, choose_mapping, header_key, parse_mapping
from ingest.tables import is_sheet, sheet_head_rows
from ipnav.codes import Code
from ipnav.exceptions import InputFormatError
from ipnav.records import Party, PatentRecord, Provenance, RowError

__all__ = ["EXTENSIONS", "FORMAT", "read", "sniff"]

FORMAT = "csv"
EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xls")

_DEFAULT_SEPARATORS = (";;", "\n", "|", ";")


def _sheet_header(path: Path, accept: Callable[[list[str]], bool]) -> list[str] | None:
    return next((cells for cells in sheet_head_rows(path) if accept(cells)), None)


def sniff(path: Path, head: str) -> bool:
    """True when a shipped mapping fits the header (CSV, or the first rows of an XLSX/XLS sheet)."""

    def fits(cells: list[str]) -> bool:
        return choose_mapping(cells) is not None

    if is_sheet(path, head):
        return _sheet_header(path, fits) is not None
    return locate_header(head, fits, delimiters=(",", ";", "\t", "|")) is not None


class _Cells:
    """Access to one row through the mapping: resolved columns, the first non-empty value wins."""

    def __init__(self, mapping: ColumnMapping, header: list[str]):
        by_key = {header_key(h): h for h in reversed(header)}
        self.columns = {
            name: [by_key[k] for c in cols if (k := header_key(c)) in by_key] for name, cols in mapping.fields.items()
        }
        self.extra = {
            key: ([by_key[k] for c in cols if (k := header_key(c)) in by_key], kind)
            for key, (cols, kind) in mapping.extra.items()
        }
        self.separators = (mapping.separator,) if mapping.separator else _DEFAULT_SEPARATORS
        self.grant: tuple[list[str], tuple[str, ...]] | None = None
        if mapping.grant_when:
            cols, values = mapping.grant_when
            self.grant = ([by_key[k] for c in cols if (k := header_key(c)) in by_key], values)

    def first(self, row: Mapping[str, str], columns: list[str]) -> tuple[str | None, str]:
        for column in columns:
            if (value := clean(row.get(column))) is not None:
                return value, column
        return None, columns[0] if columns else ""

    def get(self, row: Mapping[str, str], name: str) -> tuple[str | None, str]:
        return self.first(row, self.columns.get(name, []))

    def codes(self, row: Mapping[str, str], name: str, scheme: str) -> tuple[Code, ...]:
        """Codes of a field; a mapping's own separator splits the cell first."""
        value, column = self.get(row, name)
        if value is not None and self.separators != _DEFAULT_SEPARATORS:
            value = "\n".join(split_multi(value, self.separators))
        return codes_in(value, "IPC" if scheme == "IPC" else "CPC", column)

    def multi(self, row: Mapping[str, str], name: str) -> list[str]:
        return split_multi(self.get(row, name)[0], self.separators)


def _texts(cells: _Cells, row: Mapping[str, str], name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in sorted(k for k in cells.columns if k.startswith(f"{name}.")):
        lang = key.split(".", 1)[1]
        value, _ = cells.get(row, key)
        for tag, text in texts(value, None if lang == "auto" else lang).items():
            if lang != "auto" or tag not in out:
                out[tag] = text
    return out


def _parties(cells: _Cells, row: Mapping[str, str]) -> tuple[Party, ...]:
    names = cells.multi(row, "applicants")
    countries = cells.multi(row, "applicant_country")
    addresses = cells.multi(row, "applicant_address")
    if len(countries) != len(names):
        countries = countries * len(names) if len(countries) == 1 else [""] * len(names)
    if len(addresses) != len(names):
        whole = cells.get(row, "applicant_address")[0]
        addresses = [whole or ""] + [""] * (len(names) - 1) if names else []
    return tuple(
        organisation(n, country=c or None, address=a or None)
        for n, c, a in zip(names, countries, addresses, strict=True)
    )


def _codes(cells: _Cells, row: Mapping[str, str]) -> tuple[tuple[Code, ...], tuple[Code, ...], str | None]:
    ipc = cells.codes(row, "ipc", "IPC")
    main = cells.codes(row, "ipc_main", "IPC")[:1]
    if main:
        ipc = main + tuple(c for c in ipc if c != main[0])
    return ipc, cells.codes(row, "cpc", "CPC"), main[0].symbol if main else None


def _extra(cells: _Cells, row: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, (columns, kind) in cells.extra.items():
        value, column = cells.first(row, columns)
        if value is None:
            continue
        if kind == "int":
            out[key] = whole_number(value, column)
        elif kind == "list":
            out[key] = split_multi(value, cells.separators)
        else:
            out[key] = value
    return out


def _granted(cells: _Cells, row: Mapping[str, str], office: str, kind: str | None, published: dt.date | None) -> bool:
    if cells.grant is not None:
        value = cells.first(row, cells.grant[0])[0]
        if value is not None:
            return any(part in cells.grant[1] for part in split_multi(value, ("|", ";")))
    return is_grant_kind(office, kind, published)


def _record(cells: _Cells, row: Mapping[str, str], source: str, location: str) -> PatentRecord:
    number_text, number_column = cells.get(row, "publication_number")
    number = publication(number_text, number_column)
    kind = number.kind or cells.get(row, "kind")[0]
    published = date_in(*cells.get(row, "publication_date"))
    ipc, cpc, main = _codes(cells, row)
    cited, unparsed = cited_keys(cells.multi(row, "cited"))
    citing, _ = cited_keys(cells.multi(row, "citing"))
    cited_by = whole_number(*cells.get(row, "cited_by_count"))
    extra = _extra(cells, row)
    owners = cells.multi(row, "current_owners")
    if owners and owners != cells.multi(row, "applicants"):
        extra["current_owners"] = owners
    extra.update(
        {
            k: v
            for k, v in (
                ("ipc_main", main),
                ("unparsed_citations", unparsed),
                ("citing", list(citing)),
                ("priority_numbers", cells.multi(row, "priority_numbers")),
            )
            if v
        }
    )
    granted = date_in(*cells.get(row, "grant_date"))
    return PatentRecord(
        id=number.key,
        jurisdiction=number.office,
        kind=kind,
        original_id=number_text or "",
        family_id=family_key(cells.get(row, "family_id")[0]),
        title=_texts(cells, row, "title"),
        abstract=_texts(cells, row, "abstract"),
        first_claim=_texts(cells, row, "first_claim"),
        ipc=ipc,
        cpc=cpc,
        applicants=_parties(cells, row),
        inventors=tuple(person(n) for n in cells.multi(row, "inventors")),
        application_number=cells.get(row, "application_number")[0],
        application_date=date_in(*cells.get(row, "application_date")),
        priority_date=min(
            filter(
                None,
                (date_in(d, cells.get(row, "priority_date")[1]) for d in cells.multi(row, "priority_date")),
            ),
            default=None,
        ),
        publication_date=published,
        grant_date=granted or (published if _granted(cells, row, number.office, kind, published) else None),
        legal_status=cells.get(row, "legal_status")[0],
        claims_count=whole_number(*cells.get(row, "claims_count")),
        cited=cited,
        cites_count=whole_number(*cells.get(row, "cites_count")),
        cited_by_count=cited_by if cited_by is not None else (len(citing) or None),
        family_size=whole_number(*cells.get(row, "family_size")),
        priority_countries=tuple(sorted({c.upper() for c in cells.multi(row, "priority_countries") if len(c) == 2})),
        extra=extra,
        provenance=(Provenance(source, location, FORMAT),),
    )


def _chosen(path: Path, mapping: Mapping[str, Any] | ColumnMapping | None) -> ColumnMapping | None:
    if isinstance(mapping, ColumnMapping):
        return mapping
    return parse_mapping(mapping, name=path.stem) if mapping is not None else None


def _rows(
    path: Path, given: ColumnMapping | None
) -> tuple[Iterator[tuple[str, dict[str, str]] | RowError], ColumnMapping]:
    """The row iterator of a CSV or sheet and the mapping that fits its header.

    Raises:
        InputFormatError: No header line fits the given mapping (or any shipped one).
    """
    head = read_head(path)
    chosen: list[ColumnMapping] = []

    def fits(cells: list[str]) -> bool:
        found = choose_mapping(cells, [given] if given else None)
        if found is not None:
            chosen.append(found)
        return found is not None

    if is_sheet(path, head):
        _sheet_header(path, fits)
        mapping = _needed(path, chosen, given, "the first 30 rows of the sheet")
        return xlsx_rows(path, fmt=FORMAT, accept=lambda cells: mapping.score(cells) is not None), mapping
    found = locate_header(head, fits, delimiters=(",", ";", "\t", "|"))
    mapping = _needed(path, chosen, given, "the first 60 lines")
    skip, delimiter = found or (0, ",")
    return csv_rows(path, fmt=FORMAT, delimiter=delimiter, skip_lines=skip), mapping


def _needed(path: Path, chosen: list[ColumnMapping], given: ColumnMapping | None, where: str) -> ColumnMapping:
    if chosen:
        return chosen[0]
    if given is not None:
        raise InputFormatError(
            f"no header line in {where} has the columns the mapping {given.name!r} requires "
            f"({' / '.join(given.required[0])} ...); check the mapping's column names",
            path=str(path),
        )
    raise InputFormatError(
        f"no header line in {where} fits a shipped mapping (PatSnap, incoPat, CNIPA, generic "
        "English); give --mapping FILE (see docs/ingest.md)",
        path=str(path),
    )


def read(path: Path, *, mapping: Mapping[str, Any] | ColumnMapping | None = None) -> Iterator[Row]:
    """Read a CSV/XLSX/XLS patent sheet through a column mapping: one record or RowError per row.

    Args:
        path: The sheet (``.csv``/``.tsv``/``.txt``, gzip allowed, or ``.xlsx``/``.xls``).
        mapping: A mapping as loaded from ``--mapping FILE`` (full or flat shape, see
            :mod:`ingest.mapping`); None chooses the shipped mapping that fits the header.

    Raises:
        InputFormatError: Empty or unreadable file, or no header line fits the mapping.
        ConfigError: The given mapping is malformed (unknown field, wrong shape).

    Example:
        >>> rows = list(read(Path("patsnap_green_aviation_1999.csv.gz")))  # doctest: +SKIP
        >>> rows[1].id, rows[1].title["en"]  # doctest: +SKIP
        ('CN103104575', 'Electric arc type discharging plasma vortex generator')
    """
    source = str(path)
    rows, chosen = _rows(path, _chosen(path, mapping))
    cells: _Cells | None = None
    for item in rows:
        if isinstance(item, RowError):
            yield item
            continue
        location, row = item
        if cells is None:
            cells = _Cells(chosen, list(row))
        yield guard(source, location, FORMAT, row, partial(_record, cells, row, source, location))
