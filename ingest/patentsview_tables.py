"""PatentsView bulk download tables: which table a file is, and its rows.

PatentsView publishes granted-patent tables as tab-separated files, zipped
(``g_patent.tsv.zip``), with every text value in double quotes (PatentsView's own read-in
scripts use ``csv.QUOTE_NONNUMERIC``). A file is recognised by its header names, not its file
name, using the column names of the PatentsView data dictionary
(https://patentsview.org/download/data-download-dictionary) as produced by PatentsView-DB
(``resources/create_export_views.sql``, the views behind the ``g_*`` downloads)::

    g_patent                  patent_id patent_type patent_date patent_title [patent_abstract]
                              wipo_kind num_claims withdrawn filename
    g_patent_abstract         patent_id patent_abstract
    g_application             application_id patent_id patent_application_type filing_date
                              series_code rule_47_flag
    g_cpc_current             patent_id cpc_sequence cpc_section cpc_class cpc_subclass
                              cpc_group cpc_type
    g_cpc_at_issue            ... as g_cpc_current + cpc_version_indicator cpc_action_date
    g_ipc_at_issue            patent_id ipc_sequence classification_level section ipc_class
                              subclass main_group subgroup symbol_position classification_value
                              classification_status classification_data_source action_date
                              ipc_version_indicator
    g_assignee_disambiguated  patent_id assignee_sequence assignee_id
                              disambig_assignee_individual_name_first
                              disambig_assignee_individual_name_last
                              disambig_assignee_organization assignee_type location_id
    g_inventor_disambiguated  patent_id inventor_sequence inventor_id disambig_inventor_name_first
                              disambig_inventor_name_last gender_code location_id
    g_us_patent_citation      patent_id citation_sequence citation_patent_id citation_date
                              record_name wipo_kind citation_category
    g_foreign_citation        patent_id citation_sequence citation_application_id citation_date
                              citation_category citation_country
    g_other_reference         patent_id other_reference_sequence other_reference_text
    g_foreign_priority        patent_id priority_claim_sequence priority_claim_kind
                              foreign_application_id filing_date foreign_country_filed
    g_location_disambiguated  location_id disambig_city disambig_state disambig_country ...

Only the *signature* columns below must be present to recognise a table; any other column may
be missing (older releases lack ``symbol_position``, newer ones moved the abstract out of
``g_patent``) and then reads as empty.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ingest.base import bad_bytes_field, excerpt, open_binary
from ipnav.exceptions import InputFormatError
from ipnav.records import RowError

__all__ = [
    "SIGNATURES",
    "TABLE_SUFFIXES",
    "Table",
    "identify",
    "open_table",
    "read_header",
    "table_rows",
]

FORMAT = "patentsview"

# Most specific first: g_patent may carry patent_abstract, g_cpc_at_issue extends g_cpc_current.
SIGNATURES: dict[str, tuple[str, ...]] = {
    "g_patent": ("patent_id", "patent_type", "patent_date", "patent_title"),
    "g_cpc_at_issue": ("patent_id", "cpc_sequence", "cpc_group", "cpc_action_date"),
    "g_cpc_current": ("patent_id", "cpc_sequence", "cpc_group"),
    "g_ipc_at_issue": (
        "patent_id",
        "ipc_sequence",
        "section",
        "ipc_class",
        "subclass",
        "main_group",
        "subgroup",
    ),
    "g_assignee_disambiguated": (
        "patent_id",
        "assignee_sequence",
        "disambig_assignee_organization",
    ),
    "g_inventor_disambiguated": (
        "patent_id",
        "inventor_sequence",
        "disambig_inventor_name_first",
        "disambig_inventor_name_last",
    ),
    "g_us_patent_citation": ("patent_id", "citation_sequence", "citation_patent_id"),
    "g_foreign_citation": (
        "patent_id",
        "citation_sequence",
        "citation_application_id",
        "citation_country",
    ),
    "g_other_reference": ("patent_id", "other_reference_sequence", "other_reference_text"),
    "g_foreign_priority": (
        "patent_id",
        "priority_claim_sequence",
        "foreign_application_id",
        "foreign_country_filed",
    ),
    "g_application": ("application_id", "patent_id", "filing_date"),
    "g_location_disambiguated": ("location_id", "disambig_city", "disambig_country"),
    "g_patent_abstract": ("patent_id", "patent_abstract"),
}
"""Table name -> the header names that identify it."""

TABLE_SUFFIXES = (".tsv", ".tsv.gz", ".tsv.zip", ".zip", ".txt", ".txt.gz")
"""File endings looked at when gathering the tables of a folder."""

_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Table:
    """A recognised table file."""

    name: str
    path: Path
    header: tuple[str, ...]


def open_table(path: Path) -> IO[bytes]:
    """Open a table file as bytes: plain, gzipped, or the one ``.tsv`` member of a zip archive.

    Raises:
        InputFormatError: Unreadable file, broken archive, or an archive without exactly one table.
    """
    try:
        with open(path, "rb") as fh:
            magic = fh.read(4)
        if magic != _ZIP_MAGIC:
            return open_binary(path)
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputFormatError(f"cannot open: {exc}", path=str(path)) from exc
    members = [m for m in archive.namelist() if not m.endswith("/") and not m.startswith("__MACOSX")]
    tables = [m for m in members if m.lower().endswith((".tsv", ".txt", ".csv"))] or members
    if len(tables) != 1:
        archive.close()
        raise InputFormatError(f"zip archive must hold exactly one table, found {tables[:5]}", path=str(path))
    return archive.open(tables[0])


def _text(path: Path) -> IO[str]:
    return io.TextIOWrapper(open_table(path), encoding="utf-8-sig", errors="surrogateescape", newline="")


def read_header(path: Path) -> tuple[str, ...]:
    """The header names of a table file ('' names dropped); empty tuple for an empty file.

    Raises:
        InputFormatError: The file cannot be opened or decompressed.
    """
    try:
        with _text(path) as fh:
            line = fh.readline()
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise InputFormatError(f"cannot read the header: {exc}", path=str(path)) from exc
    if "\t" not in line:
        return ()
    names = next(csv.reader([line.rstrip("\r\n")], delimiter="\t"), [])
    return tuple(n.strip() for n in names)


def identify(header: tuple[str, ...]) -> str | None:
    """The table name whose signature columns the header holds, or None.

    Example:
        >>> identify(("patent_id", "cpc_sequence", "cpc_section", "cpc_group", "cpc_type"))
        'g_cpc_current'
    """
    names = set(header)
    for table, signature in SIGNATURES.items():
        if names.issuperset(signature):
            return table
    return None


def _checked(table: Table, number: int, values: list[str]) -> tuple[int, dict[str, str]] | RowError:
    """The row as a dict, or the RowError saying why it cannot be one."""
    source, where, width = str(table.path), f"row {number}", len(table.header)
    if not any(v.strip() for v in values):
        return RowError(source, where, None, "empty row", "", FORMAT)
    if len(values) != width:
        reason = f"row has {len(values)} fields, header has {width}"
        return RowError(source, where, None, reason, excerpt(values), FORMAT)
    row = dict(zip(table.header, (v.strip() for v in values), strict=True))
    bad = bad_bytes_field(row)
    if bad is not None:
        return RowError(source, where, bad, "bytes that are not UTF-8", excerpt(row), FORMAT)
    return number, row


def table_rows(table: Table) -> Iterator[tuple[int, dict[str, str]] | RowError]:
    """Yield ``(row number, row)`` for each data row, or a RowError naming file, row and reason.

    Row numbers count data rows from 1 (the header is row 0). A row with the wrong number of
    fields, undecodable bytes or broken quoting is a RowError; a truncated archive ends the file
    with one.

    Raises:
        InputFormatError: The file cannot be opened.
    """
    source = str(table.path)
    with _text(table.path) as fh:
        fh.readline()
        reader = csv.reader(fh, delimiter="\t")
        number = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except (EOFError, zlib.error, OSError, zipfile.BadZipFile) as exc:
                reason = f"file is truncated or corrupt after row {number}: {exc}"
                yield RowError(source, f"row {number + 1}", None, reason, "", FORMAT)
                return
            except csv.Error as exc:
                number += 1
                yield RowError(source, f"row {number}", None, f"malformed TSV: {exc}", "", FORMAT)
                continue
            number += 1
            yield _checked(table, number, values)
