"""Family-level records (CSV, TSV or XLSX): one row per patent family, no publication number.

Relevance benchmarks and landscape sets are often kept per patent family (Bergeaud & Verluise's
technology landscapes: ``family_id, expansion_level, title, abstract, text, label``), and family
tables come out of PATSTAT or Lens family views. The row speaks for the whole family, not for one
publication of it. Columns (compared as :func:`ingest.mapping.header_key` does)::

    family id   family_id, family, docdb_family_id, inpadoc_family_id, family_number, 同族号 ...
                -> family_id (leading zeros dropped, as DOCDB writes it) and the record id
    title       title, invention_title, 标题, 名称                -> title (language detected)
    abstract    abstract, 摘要                                    -> abstract
    text        text (title + abstract in one cell)              -> the abstract only when the row
                                                                    has neither; kept in extra when
                                                                    it says more than the two
    ipc / cpc   IPC / CPC codes (strict, as the other readers)   -> ipc / cpc
    applicants, inventors (``;``, ``|`` or ``;;`` separated)     -> parties
    dates       publication_date, application_date, priority_date (earliest of the family)
    others      extra[column key], whole numbers as int: the labels (label, expansion_level ...)
    (unnamed)   ignored (a saved pandas index)

Id scheme. A family is not a publication, so its record has ``id_scheme="family"`` and the id
``FAM<family id>`` (``FAM26940037``): never equal to a publication key or a network label, and
``family_id`` set, so the graph's ``Family`` node joins it to every loaded publication of the
family. Landscapes and scores see it as a patent with text and no codes or dates.

A file whose rows also have a publication number is publication-level: the mapped CSV reader
(``--format csv``) reads it; ``sniff`` refuses it.

Duplicate rows (one family listed twice, e.g. two members with different labels) each give a
record and are merged at ingest (``merged_duplicates``); a column whose value differs between
them keeps every value in ``extra["<column>_values"]``, so the merge loses no label or title.

Example:
    >>> family_record_id("026940037")
    ('FAM26940037', '26940037')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ingest.base import Row, guard, read_head, split_multi
from ingest.fields import codes_in, date_in, family_key, organisation, person, texts
from ingest.mapping import header_key
from ingest.tables import column_key, differing_values, plain_value, table_header, table_rows
from ipnav.exceptions import InputFormatError, InvalidRecordError
from ipnav.records import PatentRecord, Provenance, RowError

__all__ = ["EXTENSIONS", "FORMAT", "family_record_id", "read", "sniff"]

FORMAT = "family"
EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xls")

ROLES: dict[str, tuple[str, ...]] = {
    "family_id": (
        "familyid",
        "family",
        "docdbfamilyid",
        "docdbfamily",
        "inpadocfamilyid",
        "inpadocfamily",
        "familynumber",
        "simplefamilyid",
        "extendedfamilyid",
        "同族号",
        "同族id",
        "简单同族号",
    ),
    "title": ("title", "inventiontitle", "标题", "名称", "发明名称"),
    "abstract": ("abstract", "摘要"),
    "text": ("text", "titleabstract", "titleandabstract"),
    "ipc": ("ipc", "ipccodes", "ipc分类号"),
    "cpc": ("cpc", "cpccodes", "cpc分类号"),
    "applicants": ("applicants", "applicant", "assignees", "assignee", "申请人"),
    "inventors": ("inventors", "inventor", "发明人"),
    "publication_date": ("publicationdate", "earliestpublicationdate"),
    "application_date": ("applicationdate", "filingdate", "earliestfilingdate"),
    "priority_date": ("prioritydate", "earliestprioritydate", "earliestpriority"),
}
_PUBLICATION = (
    "publicationnumber",
    "publicationno",
    "pubnumber",
    "pubno",
    "patentnumber",
    "patentno",
    "公开号",
    "公开(公告)号",
    "displaykey",
    "lensid",
)
_SPACE = re.compile(r"\s+")


def family_record_id(value: object) -> tuple[str, str]:
    """``(record id, family id)`` of a family id cell.

    Raises:
        InvalidRecordError: No usable family id (empty, ``-1``, ``0``).

    Example:
        >>> family_record_id("64980420")
        ('FAM64980420', '64980420')
    """
    family = family_key(value)
    if family is None:
        raise InvalidRecordError(f"no family id: {value!r}", field="family_id")
    return f"FAM{_SPACE.sub('', family)}", family


def _roles(header: list[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for name in header:
        if name.strip():
            keys.setdefault(header_key(name), name)
    found = {role: next((keys[n] for n in names if n in keys), None) for role, names in ROLES.items()}
    return {role: column for role, column in found.items() if column}


def sniff(path: Path, head: str) -> bool:
    """A family id column, a title / abstract / text column and no publication-number column."""
    header = table_header(path, head)
    keys = {header_key(h) for h in header if h.strip()}
    if not keys or keys & set(_PUBLICATION):
        return False
    roles = _roles(header)
    return "family_id" in roles and bool({"title", "abstract", "text"} & set(roles))


def _redundant(text: str, parts: list[str]) -> bool:
    """True when ``text`` is the title and abstract joined (whitespace aside)."""
    return _SPACE.sub(" ", text).strip() == _SPACE.sub(" ", " ".join(p for p in parts if p)).strip()


def _record(
    roles: dict[str, str], row: Mapping[str, str], source: str, location: str, varying: dict[str, list[str]]
) -> PatentRecord:
    column = roles["family_id"]
    try:
        pid, family = family_record_id(row.get(column))
    except InvalidRecordError as exc:
        raise InvalidRecordError(f"{column}: {exc}", field=column) from None
    cell = {role: (row.get(col) or "").strip() for role, col in roles.items()}
    extra: dict[str, Any] = {}
    abstract = texts(cell.get("abstract"))
    if cell.get("text") and not _redundant(cell["text"], [cell.get("title", ""), cell.get("abstract", "")]):
        if cell.get("title") or cell.get("abstract"):
            extra[column_key(roles["text"])] = cell["text"]
        else:
            abstract = texts(cell["text"])
    used = set(roles.values())
    for name, value in row.items():
        if name.strip() and name not in used and (value or "").strip():
            extra[column_key(name)] = plain_value(value)
    for name, values in varying.items():
        extra[f"{column_key(name)}_values"] = [plain_value(v) for v in values]
    parties = {role: split_multi(cell.get(role)) for role in ("applicants", "inventors")}
    return PatentRecord(
        id=pid,
        original_id=str(row.get(column, "")).strip(),
        id_scheme="family",
        family_id=family,
        title=texts(cell.get("title")),
        abstract=abstract,
        ipc=codes_in(cell.get("ipc"), "IPC", roles.get("ipc", "ipc")),
        cpc=codes_in(cell.get("cpc"), "CPC", roles.get("cpc", "cpc")),
        applicants=tuple(organisation(n) for n in parties["applicants"]),
        inventors=tuple(person(n) for n in parties["inventors"]),
        publication_date=date_in(cell.get("publication_date"), roles.get("publication_date", "")),
        application_date=date_in(cell.get("application_date"), roles.get("application_date", "")),
        priority_date=date_in(cell.get("priority_date"), roles.get("priority_date", "")),
        extra=dict(sorted(extra.items())),
        provenance=(Provenance(source, location, FORMAT),),
    )


def read(path: Path, *, mapping: Mapping[str, Any] | None = None) -> Iterator[Row]:
    """Yield one family record (or RowError) per row (see the module docstring).

    ``mapping`` is not used (the columns are found by name).

    Raises:
        InputFormatError: Empty or unreadable file, or no family id column.

    Example:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "f.csv")
        >>> _ = open(p, "w").write("family_id,title,label\\n64980420,A kind of method,1\\n")
        >>> r = next(read(Path(p)))
        >>> r.id, r.id_scheme, r.family_id, r.title, r.extra
        ('FAM64980420', 'family', '64980420', {'en': 'A kind of method'}, {'label': 1})
    """
    source = str(path)
    items = list(table_rows(path, read_head(path), fmt=FORMAT))
    rows = [item for item in items if not isinstance(item, RowError)]
    if not rows:
        yield from (item for item in items if isinstance(item, RowError))
        return
    roles = _roles(list(rows[0][1]))
    if "family_id" not in roles:
        found = list(rows[0][1])[:12]
        raise InputFormatError(f"no family id column (family_id, docdb_family_id ...) in {found}", path=source)
    column = roles["family_id"]
    keyed = [(family_key(row.get(column)) or "", row) for _, row in rows]
    varying = differing_values(((k, r) for k, r in keyed if k), skip=(column,))
    for item in items:
        if isinstance(item, RowError):
            yield item
            continue
        location, row = item
        diff = varying.get(family_key(row.get(column)) or "", {})
        yield guard(source, location, FORMAT, row, partial(_record, roles, row, source, location, diff))
