"""One PatentsView patent (a ``g_patent`` row and its side-table rows) -> PatentRecord.

Side rows arrive as ``(file number, row number, values)`` with the values of the columns in
:data:`SIDE_TABLES`, so that a malformed side row can be reported with its own file and row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ingest.base import Row, excerpt
from ingest.patentsview_tables import Table
from ingest.uspto.draft import RecordDraft
from ingest.uspto.values import make_party, person_name
from ipnav.codes import parse_code
from ipnav.exceptions import InvalidRecordError
from ipnav.pubnum import normalize_pubnum
from ipnav.records import RowError

__all__ = ["SIDE_TABLES", "SideRow", "build_record"]

FORMAT = "patentsview"

SIDE_TABLES: dict[str, tuple[str, ...]] = {
    "g_patent_abstract": ("patent_abstract",),
    "g_application": ("application_id", "filing_date", "patent_application_type", "series_code"),
    "g_cpc_current": ("cpc_sequence", "cpc_group", "cpc_type"),
    "g_ipc_at_issue": (
        "ipc_sequence",
        "section",
        "ipc_class",
        "subclass",
        "main_group",
        "subgroup",
        "symbol_position",
    ),
    "g_assignee_disambiguated": (
        "assignee_sequence",
        "disambig_assignee_individual_name_first",
        "disambig_assignee_individual_name_last",
        "disambig_assignee_organization",
        "assignee_type",
        "location_id",
    ),
    "g_inventor_disambiguated": (
        "inventor_sequence",
        "disambig_inventor_name_first",
        "disambig_inventor_name_last",
        "location_id",
    ),
    "g_us_patent_citation": ("citation_sequence", "citation_patent_id", "citation_category"),
    "g_foreign_citation": (
        "citation_sequence",
        "citation_application_id",
        "citation_country",
        "citation_category",
    ),
    "g_other_reference": ("other_reference_sequence",),
    "g_foreign_priority": (
        "priority_claim_sequence",
        "foreign_application_id",
        "filing_date",
        "foreign_country_filed",
    ),
}
"""Side table -> the columns kept in memory while g_patent streams."""

SideRow = tuple[int, int, tuple[str, ...]]
"""(file number, row number, values of the kept columns)"""

_SOURCE_FIELD = {
    "publication_number": "patent_id",
    "grant_date": "patent_date",
    "publication_date": "patent_date",
    "claims_count": "num_claims",
}
_NULLS = frozenset({"", "NULL", "null", "\\N", "nan", "NaN", "None"})
_TRUE = frozenset({"1", "true", "True", "TRUE", "t", "yes"})


def _val(value: str | None) -> str:
    return "" if value is None or value.strip() in _NULLS else value.strip()


def _seq(value: str) -> int:
    try:
        return int(float(value))
    except ValueError:
        return 1 << 30


class _Context:
    """What the per-table handlers share: the draft, the tables and the side-row errors."""

    def __init__(
        self,
        draft: RecordDraft,
        tables: Sequence[Table],
        locations: Mapping[str, Mapping[str, str]],
    ):
        self.draft = draft
        self.tables = tables
        self.locations = locations
        self.errors: list[RowError] = []

    def rows(self, name: str, rows: list[SideRow]) -> Iterator[tuple[SideRow, dict[str, str]]]:
        """The rows of a table in ``*_sequence`` order, as dicts of cleaned values."""
        columns = SIDE_TABLES[name]
        ordered = sorted(
            rows,
            key=lambda r: (_seq(r[2][0]) if columns[0].endswith("sequence") else 0, r[0], r[1]),
        )
        for side in ordered:
            yield side, {c: _val(v) for c, v in zip(columns, side[2], strict=True)}

    def fail(self, side: SideRow, name: str, field: str, reason: str) -> None:
        values = dict(zip(SIDE_TABLES[name], side[2], strict=True))
        self.errors.append(
            RowError(
                str(self.tables[side[0]].path),
                f"row {side[1]}",
                field,
                f"{reason} (patent {self.draft.number})",
                excerpt(values),
                FORMAT,
            )
        )

    def place(self, location_id: str) -> Mapping[str, str]:
        return self.locations.get(location_id, {}) if location_id else {}


def _codes(ctx: _Context, rows: Mapping[str, list[SideRow]]) -> None:
    draft = ctx.draft
    for side, row in ctx.rows("g_cpc_current", rows.get("g_cpc_current", [])):
        try:
            code = parse_code(row["cpc_group"], "CPC")
        except InvalidRecordError as exc:
            ctx.fail(side, "g_cpc_current", "cpc_group", str(exc))
            continue
        if code not in draft.cpc:
            draft.cpc.append(code)
        draft.extra.setdefault("cpc_first", code.symbol)
        if row["cpc_type"] == "inventional":
            draft.extra.setdefault("cpc_inventional", []).append(code.symbol)
    for side, row in ctx.rows("g_ipc_at_issue", rows.get("g_ipc_at_issue", [])):
        head = f"{row['section']}{row['ipc_class']}{row['subclass']}"
        raw = f"{head} {row['main_group']}/{row['subgroup']}"
        try:
            code = parse_code(raw, "IPC")
        except InvalidRecordError as exc:
            ctx.fail(side, "g_ipc_at_issue", "main_group", str(exc))
            continue
        if code not in draft.ipc:
            draft.ipc.append(code)
        if row["symbol_position"] == "F":
            draft.extra.setdefault("ipc_main", code.symbol)


def _parties(ctx: _Context, rows: Mapping[str, list[SideRow]]) -> None:
    draft = ctx.draft
    for _side, row in ctx.rows("g_assignee_disambiguated", rows.get("g_assignee_disambiguated", [])):
        org = row["disambig_assignee_organization"]
        name = org or person_name(
            row["disambig_assignee_individual_name_first"],
            row["disambig_assignee_individual_name_last"],
        )
        place = ctx.place(row["location_id"])
        draft.add_applicant(
            make_party(
                name,
                person=not org,
                country=place.get("disambig_country"),
                city=place.get("disambig_city"),
                state=place.get("disambig_state"),
                type_code=row["assignee_type"],
            )
        )
    for _side, row in ctx.rows("g_inventor_disambiguated", rows.get("g_inventor_disambiguated", [])):
        place = ctx.place(row["location_id"])
        draft.add_inventor(
            make_party(
                person_name(row["disambig_inventor_name_first"], row["disambig_inventor_name_last"]),
                person=True,
                inventor=True,
                country=place.get("disambig_country"),
                city=place.get("disambig_city"),
                state=place.get("disambig_state"),
            )
        )


def _citations(ctx: _Context, rows: Mapping[str, list[SideRow]]) -> None:
    draft = ctx.draft
    for name, number_col, country_col in (
        ("g_us_patent_citation", "citation_patent_id", None),
        ("g_foreign_citation", "citation_application_id", "citation_country"),
    ):
        for side, row in ctx.rows(name, rows.get(name, [])):
            country = (row[country_col] or "") if country_col else None
            if not draft.add_citation(country, row[number_col], category=row["citation_category"], keep_unparsed=False):
                ctx.fail(side, name, number_col, f"not a patent number: {row[number_col]!r}")
    for _ in rows.get("g_other_reference", []):
        draft.add_npl()


def _filing(ctx: _Context, rows: Mapping[str, list[SideRow]]) -> None:
    draft = ctx.draft
    for side, row in ctx.rows("g_application", rows.get("g_application", [])):
        try:
            draft.set_date("application_date", row["filing_date"])
        except InvalidRecordError as exc:
            ctx.fail(side, "g_application", "filing_date", str(exc))
            continue
        draft.fields.setdefault("application_number", row["application_id"] or None)
        if row["patent_application_type"]:
            draft.extra.setdefault("application_type", row["patent_application_type"])
    for _side, row in ctx.rows("g_foreign_priority", rows.get("g_foreign_priority", [])):
        draft.add_priority(row["foreign_country_filed"], row["foreign_application_id"], row["filing_date"])
    for _side, row in ctx.rows("g_patent_abstract", rows.get("g_patent_abstract", [])):
        draft.abstract = draft.abstract or row["patent_abstract"]


def _main_row(draft: RecordDraft, row: Mapping[str, str]) -> None:
    draft.set_number(row["patent_id"], _val(row.get("wipo_kind")))
    draft.title = _val(row.get("patent_title"))
    draft.abstract = _val(row.get("patent_abstract"))
    draft.set_date("grant_date", _val(row.get("patent_date")))
    draft.set_date("publication_date", _val(row.get("patent_date")))
    claims = _val(row.get("num_claims"))
    if claims:
        try:
            draft.fields["claims_count"] = int(float(claims))
        except ValueError:
            raise InvalidRecordError(f"num_claims: not a number: {claims!r}", field="num_claims") from None
    if _val(row.get("withdrawn")) in _TRUE:
        draft.fields["legal_status"] = "WITHDRAWN"
    for column, key in (("patent_type", "patent_type"), ("filename", "source_file")):
        if _val(row.get(column)):
            draft.extra[key] = _val(row.get(column))
    draft.extra["document_type"] = "grant"


def build_record(
    patent_id: str,
    main: Mapping[str, str] | None,
    rows: Mapping[str, list[SideRow]],
    locations: Mapping[str, Mapping[str, str]],
    *,
    tables: Sequence[Table],
    source: str,
    location: str,
) -> Iterator[Row]:
    """Yield the RowErrors of bad side rows, then the patent's record (or the RowError of its row).

    Args:
        patent_id: The PatentsView ``patent_id`` (``10000001``, ``D123456``, ``RE12345``).
        main: The ``g_patent`` row, or None for a partial record from side tables alone.
        rows: Side table name -> its rows for this patent.
        locations: ``location_id`` -> ``disambig_city`` / ``disambig_state`` / ``disambig_country``.
        tables: The side tables, indexed by the file numbers in ``rows``.
        source, location: The file and row the record comes from.
    """
    draft = RecordDraft(
        source=source,
        location=location,
        format=FORMAT,
        inventors_as_applicants=main is not None and any(t.name == "g_assignee_disambiguated" for t in tables),
    )
    ctx = _Context(draft, tables, locations)
    try:
        if main is not None:
            _main_row(draft, main)
        else:
            draft.set_number(patent_id, None)
        normalize_pubnum(f"US{patent_id}")
        _filing(ctx, rows)
        _codes(ctx, rows)
        _parties(ctx, rows)
        _citations(ctx, rows)
        record = draft.build()
    except InvalidRecordError as exc:
        yield from ctx.errors
        field = _SOURCE_FIELD.get(exc.field or "publication_number", exc.field)
        message = str(exc)
        if exc.field and field and message.startswith(f"{exc.field}:"):
            message = field + message[len(exc.field) :]  # name the PatentsView column
        yield RowError(
            source,
            location,
            field,
            f"{message} (patent_id {patent_id!r})",
            excerpt(main) if main is not None else f"patent_id {patent_id}",
            FORMAT,
        )
        return
    yield from ctx.errors
    yield record
