"""Broken copies of the tabular fixtures, the same checks for every reader.

BOM, GB18030 and re-delimited copies read the same; a truncated gzip keeps the rows before the
cut and reports the cut as a row error; an empty file, a file of another format or a wrong
delimiter give an InputFormatError naming the file.
"""

from __future__ import annotations

import gzip
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from ingest import bigquery, cnki, espacenet, lens_api
from ingest import csv as mapped
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

FIXTURES = Path(__file__).parent / "fixtures"
CASES = {
    "espacenet": (espacenet, FIXTURES / "espacenet_en.csv", 6),  # (reader, file, lines before data)
    "cnki": (cnki, FIXTURES / "cnki_original.csv", 1),
    "bigquery": (bigquery, FIXTURES / "bigquery_nested.csv", 1),
    "csv": (mapped, FIXTURES / "incopat.csv", 1),
    "lens-api": (lens_api, FIXTURES / "lens_api" / "patents.csv", 1),
}
OTHER = "Display Key,Jurisdiction,Title,Publication Date\nUS 1234567 B2,US,Gear,2003-01-01\n"


def _bare(items: list) -> list:
    return [replace(r, provenance=()) if isinstance(r, PatentRecord) else r.reason for r in items]


def _copy(tmp_path: Path, source: Path, data: bytes, name: str | None = None) -> Path:
    path = tmp_path / (name or source.name)
    path.write_bytes(data)
    return path


# Espacenet writes UTF-8; its re-saved copies are CP1252, not GB18030 (tested in test_espacenet).
@pytest.mark.parametrize(
    ("fmt", "encoding"),
    [(f, e) for f in sorted(CASES) for e in ("utf-8-sig", "gb18030") if (f, e) != ("espacenet", "gb18030")],
)
def test_bom_and_gb18030_copies_read_the_same(tmp_path: Path, fmt: str, encoding: str) -> None:
    module, source, _ = CASES[fmt]
    (tmp_path / "plain").mkdir()
    (tmp_path / "copy").mkdir()  # same file name: BigQuery keeps it as the landscape
    plain = _copy(tmp_path / "plain", source, source.read_bytes())
    copy = _copy(tmp_path / "copy", source, source.read_text(encoding="utf-8").encode(encoding))
    assert _bare(list(module.read(copy))) == _bare(list(module.read(plain)))


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_truncated_gzip_keeps_rows_before_the_cut(tmp_path: Path, fmt: str) -> None:
    module, source, skip = CASES[fmt]
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    head, body = lines[:skip], lines[skip:]
    if fmt == "espacenet":  # data rows span several lines; repeat whole rows
        body = "".join(body).replace('\n"', '\x00"').split("\x00")
        body = [b if b.endswith("\n") else b + "\n" for b in body]
    data = gzip.compress(("".join(head) + "".join(body * 400)).encode("utf-8"))
    path = _copy(tmp_path, source, data[: len(data) // 2], "cut.csv.gz")
    if fmt == "lens-api":
        shutil.copy(FIXTURES / "lens_api" / "patent_applicants.csv", tmp_path)
    items = list(module.read(path))
    cut = [i for i, r in enumerate(items) if isinstance(r, RowError) and "truncated" in r.reason]
    assert cut and items[cut[0]].source == str(path)
    assert sum(isinstance(r, PatentRecord) for r in items[: cut[0]]) > 100


@pytest.mark.parametrize("fmt", sorted(CASES))
@pytest.mark.parametrize("content", ["", OTHER, "\n\n\n"])
def test_empty_and_foreign_files_fail_naming_the_file(tmp_path: Path, fmt: str, content: str) -> None:
    module, source, _ = CASES[fmt]
    path = _copy(tmp_path, source, content.encode("utf-8"), "wrong.csv")
    assert not module.sniff(path, content)
    with pytest.raises(InputFormatError) as info:
        list(module.read(path))
    assert str(path) in str(info.value)


@pytest.mark.parametrize("fmt", ["cnki", "csv", "bigquery", "lens-api"])
def test_a_wrong_delimiter_in_the_rows_quarantines_them(tmp_path: Path, fmt: str) -> None:
    module, source, skip = CASES[fmt]
    lines = source.read_text(encoding="utf-8").splitlines()
    rows = [line.replace(",", "\t") for line in lines[skip:]]
    path = _copy(tmp_path, source, "\n".join([*lines[:skip], *rows]).encode("utf-8"))
    items = list(module.read(path))
    assert len(items) >= len(rows)  # lens-api adds its orphan-applicant rows after the patents
    assert all(isinstance(r, RowError) and "fields, header has" in r.reason for r in items[: len(rows)])
