"""Property-based tests over the tabular readers: garbage in cells never escapes as an exception.

For every reader, a file with the reader's real header and random cells (free text mixed with
values that look almost right: dates, numbers, codes, separators, CJK, quotes, newlines) must
give exactly one PatentRecord or RowError per data row, and nothing else.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import bigquery, cnki, espacenet, lens_api, wips
from ingest import csv as mapped
from ingest.fields import cited_keys, codes_in, date_in, whole_number
from ipnav.exceptions import InvalidRecordError
from ipnav.records import PatentRecord, RowError

WIPS = [
    "country",
    "db_type",
    "patent_or_utility",
    "kind_code",
    "application_number",
    "filing_date",
    "title",
    "abstract",
    "representative_claim",
    "claim_count",
    "publication_number",
    "publication_date",
    "examined_publication_number",
    "examined_publication_date",
    "grant_number",
    "grant_date",
    "cpc_main_us",
    "cpc_all_us",
    "ipc_main",
    "ipc_all",
    "uspc_main",
    "uspc_all",
    "fi_jp",
    "theme_code_jp",
    "fterm_jp",
    "applicants",
    "applicant_countries",
    "applicant_id_jp",
    "applicant_normalized_code",
    "applicant_normalized_name_en",
    "applicant_normalized_name_kr",
    "inventors",
    "inventor_countries",
    "agents",
    "priority_countries",
    "priority_numbers",
    "priority_dates",
    "pct_application_number",
    "pct_filing_date",
    "pct_publication_number",
    "pct_publication_date",
    "designated_states",
    "wips_on_key",
]
PATSNAP = [
    "序号",
    "公开(公告)号",
    "法律状态/事件",
    "[标]当前申请(专利权)人",
    "申请日",
    "公开(公告)日",
    "非专利引用文献数量",
    "被引用专利数量",
    "引用专利数量",
    "发明人数量",
    "标题(译)(简体中文)",
    "标题(译)(English)",
    "摘要(译)(简体中文)",
    "摘要(译)(English)",
    "优先权国家/地区",
    "简单同族专利申请数量",
    "简单同族被引用专利总数",
    "3年内被引用次数",
    "5年内被引用次数",
    "INPADOC同族专利申请数量",
    "INPADOC同族被引用专利总数",
    "INPADOC法律状态",
    "PatSnap同族被引用专利总数",
    "Patsnap同族专利申请数量",
    "专利类型",
    "当前申请(专利权)人数量",
    "诉讼案件数",
    "受理局",
    "[标]原始申请(专利权)人",
    "SEP信息",
    "IPC分类号",
    "IPC主分类号",
    "UPC分类号",
]
LENS_API = [
    "lens_id",
    "jurisdiction",
    "date_published",
    "doc_key",
    "publication_type",
    "publication_reference_jurisdiction",
    "publication_reference_kind",
    "publication_reference_date",
    "application_reference_jurisdiction",
    "application_reference_kind",
    "application_reference_date",
    "priority_claims_earliest_claim_date",
    "invention_title",
    "numApplicants",
    "numInventors",
    "references_cited_patent_count",
    "references_cited_npl_count",
    "priority_claim_jurisdiction",
    "abstract",
    "abstract_lang",
    "owner",
    "title_lang",
]
BIGQUERY = [
    "",
    "publication_number",
    "publication_date",
    "country_code",
    "family_id",
    "title_text",
    "abstract_text",
    "uspc_code",
    "cpc_code",
    "ipc_code",
    "refs",
    "embedding_v1",
    "valid",
]
CNKI = [
    "publication_number",
    "title",
    "inventors",
    "applicant",
    "source_type",
    "filing_date",
    "publication_date",
    "cnki_url",
    "abstract",
    "first_claim",
]
ESPACENET = [
    "No",
    "Titel",
    "Erfinder",
    "Anmelder",
    "Veröffentlichungsnummer",
    "Früheste Priorität",
    "IPC",
    "CPC",
    "Veröffentlichungsdatum",
    "Früheste Veröffentlichung",
    "Familiennummer",
    "",
]

ALMOST = [
    "",
    "-",
    "0",
    "7",
    "7.0",
    "-3",
    "1e9",
    "nan",
    "2019-03-20",
    "20190320",
    "2999-01-01",
    "1066-10-14",
    "2019-02-30",
    "US5186960A",
    "US-8611015-B2",
    "CN108982325A",
    "CN_218289675_U_20230113",
    "WO 98/12345",
    "IN1604DELNP2013A",
    "EP",
    "B25J9/16",
    "B29C-067/00",
    "B25B1/103 (EP,US)",
    "G06F/",
    "B25J9/16;;ROBOT",
    "['B25J9/16', 'X']",
    '[{"code": "B25J9/16"}]',
    "['US-4668494-A', '']",
    "{'value': 'ACME'}",
    "[",
    "ACME CORP [US]",
    "浙江大学;李四",
    "a | b | c",
    "True",
    "False",
    "US",
    "CN",
    "zh-cn",
    "GRANTED_PATENT",
    "授权发明",
    "有效",
    "x\ny",
    '"quoted"',
]
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
CELL = st.one_of(st.sampled_from(ALMOST), st.text(_CHARS, max_size=25))


def _check(read: Callable[[Path], object], path: Path, n_rows: int) -> None:
    items = list(read(path))  # type: ignore[call-overload]
    assert len(items) == n_rows
    assert all(isinstance(item, (PatentRecord, RowError)) for item in items)


def _table(header: list[str], rows: list[list[str]], *, delimiter: str = ",", preamble: int = 0) -> str:
    out = io.StringIO()
    for i in range(preamble):
        out.write(f'"Espacenet {i}";""\n')
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _rows(width: int) -> st.SearchStrategy[list[list[str]]]:
    return st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=6)


def _run(name: str, text: str, read: Callable[[Path], object], n_rows: int, encoding: str = "utf-8") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(text.encode(encoding, errors="replace"))
        _check(read, path, n_rows)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(rows=_rows(len(WIPS)))
def test_wips_garbage(rows) -> None:
    _run("wips.csv", _table(WIPS, rows), wips.read, len(rows))


@SETTINGS
@given(rows=_rows(len(CNKI)), encoding=st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]))
def test_cnki_garbage(rows, encoding: str) -> None:
    _run("cnki.csv", _table(CNKI, rows), cnki.read, len(rows), encoding)


@SETTINGS
@given(rows=_rows(len(ESPACENET)), preamble=st.integers(0, 9))
def test_espacenet_garbage_after_any_preamble(rows, preamble: int) -> None:
    _run(
        "esp.csv",
        _table(ESPACENET, rows, delimiter=";", preamble=preamble),
        espacenet.read,
        len(rows),
    )


@SETTINGS
@given(rows=_rows(len(LENS_API)))
def test_lens_api_garbage(rows) -> None:
    _run("patents.csv", _table(LENS_API, rows), lens_api.read, len(rows))


@SETTINGS
@given(rows=_rows(len(BIGQUERY)))
def test_bigquery_garbage(rows) -> None:
    _run("landscape.csv", _table(BIGQUERY, rows), bigquery.read, len(rows))


@SETTINGS
@given(rows=_rows(len(PATSNAP)), delimiter=st.sampled_from([",", "\t", ";"]))
def test_patsnap_mapping_garbage(rows, delimiter: str) -> None:
    _run("patsnap.csv", _table(PATSNAP, rows, delimiter=delimiter), mapped.read, len(rows))


@settings(max_examples=300, deadline=None)
@given(value=CELL)
def test_cell_parsers_raise_only_record_errors(value: str) -> None:
    for parse in (
        lambda v: whole_number(v, "n"),
        lambda v: date_in(v, "d"),
        lambda v: codes_in(v, "CPC", "c"),
    ):
        try:
            parse(value)
        except InvalidRecordError as exc:
            assert exc.field in ("n", "d", "c")
    keys, bad = cited_keys([value])
    assert len(keys) + len(bad) <= 1
