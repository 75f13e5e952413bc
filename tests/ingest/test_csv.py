"""The mapped CSV/XLSX reader: the real PatSnap export (CSV and original XLSX), incoPat and
CNIPA-style fixtures, user mappings, and broken input."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from ingest import csv as mapped
from ingest import detect_format
from ingest.base import read_head
from ingest.mapping import choose_mapping, parse_mapping, shipped_mappings
from ipnav.exceptions import ConfigError, InputFormatError
from ipnav.records import PatentRecord, RowError

FIXTURES = Path(__file__).parent / "fixtures"
PATSNAP = "patsnap_green_aviation_cn/patsnap_green_aviation_1999.csv.gz"
PATSNAP_XLSX = "patsnap_green_aviation_cn/original_xlsx/20240401085613950.XLSX"


def _bare(items: list) -> list:
    return [replace(r, provenance=()) if isinstance(r, PatentRecord) else (r.field, r.reason) for r in items]


@pytest.fixture(scope="module")
def patsnap(patents_dir: Path) -> list[PatentRecord | RowError]:
    return list(mapped.read(patents_dir / PATSNAP))


@pytest.mark.shared
def test_patsnap_every_row_accounted(patsnap, patents_dir: Path) -> None:
    table = list(csv.DictReader(io.StringIO(gzip.decompress((patents_dir / PATSNAP).read_bytes()).decode())))
    assert len(patsnap) == len(table) == 1999
    assert all(isinstance(r, PatentRecord) for r in patsnap)
    assert (patsnap[1939].id, patsnap[1939].kind) == ("HRP20221010AA1", None)  # Croatian number
    offices = Counter(r.jurisdiction for r in patsnap if isinstance(r, PatentRecord))
    counts = [offices[c] for c in ("CN", "RU", "FR", "IN", "ID", "HR")]
    assert counts == [1327, 136, 126, 23, 3, 1]
    # 1,999 distinct numbers with kind; application and grant of one CN number share an id
    assert len({r.publication_number for r in patsnap}) == 1999 and len({r.id for r in patsnap}) == 1789


@pytest.mark.shared
def test_patsnap_bilingual_values(patsnap) -> None:
    cn = patsnap[1]
    assert (cn.id, cn.kind, cn.jurisdiction) == ("CN103104575", "A", "CN")
    assert cn.title == {
        "zh": "电弧式放电等离子体涡流发生器",
        "en": "Electric arc type discharging plasma vortex generator",
    }
    assert set(cn.abstract) == {"zh", "en"} and cn.abstract["en"].startswith("The invention discloses")
    assert [(p.name, p.kind) for p in cn.applicants] == [("南京航空航天大学", "university")]
    assert cn.legal_status == "撤回-视为撤回" and cn.grant_date is None
    assert (cn.cites_count, cn.cited_by_count, cn.family_size) == (7, 7, 1)
    assert cn.extra["cited_by_5y"] == 7 and cn.extra["npl_cites_count"] == 1 and cn.extra["office"] == "中国"
    assert [c.symbol for c in cn.ipc] == ["F15D1/00", "B64C23/06"] and cn.extra["ipc_main"] == "F15D1/00"
    assert cn.application_date == dt.date(2013, 1, 21) and cn.publication_date == dt.date(2013, 5, 15)


@pytest.mark.shared
def test_patsnap_placeholders_grants_and_owners(patsnap) -> None:
    pl = patsnap[0]
    assert (pl.id, pl.kind) == ("PL2631174", "T3")
    assert pl.legal_status is None  # "-"
    assert pl.grant_date == pl.publication_date == dt.date(2017, 7, 31)  # 专利类型 授权发明
    assert pl.priority_countries == ("FR",) and pl.extra["family_cited_by"] == 87
    airbus = patsnap[12]
    assert [p.name for p in airbus.applicants] == [
        "空中客车运营简化股份公司",
        "空中客车集团简化股份公司",
    ]
    assert airbus.extra["current_owners"] == [
        "空中客车集团简化股份公司",
        "空中客车运营简化股份公司",
    ]
    no_ipc = next(r for r in patsnap if isinstance(r, PatentRecord) and r.id == "IT202000109053")
    assert no_ipc.ipc == () and "ipc_main" not in no_ipc.extra
    indian = next(r for r in patsnap if isinstance(r, PatentRecord) and r.original_id == "IN1604DELNP2013A")
    assert (indian.id, indian.kind) == ("IN1604DELNP2013", "A")


@pytest.mark.shared
def test_patsnap_xlsx_gives_identical_records(patsnap, patents_dir: Path) -> None:
    sheet = patents_dir / PATSNAP_XLSX
    assert mapped.sniff(sheet, read_head(sheet)) and detect_format(sheet) == "csv"
    rows = list(mapped.read(sheet))
    assert _bare(rows) == _bare(patsnap)
    assert rows[0].provenance[0].location == "row 1 (sheet line 2)"


@pytest.mark.shared
def test_patsnap_detected_and_gbk_copy(tmp_path: Path, patents_dir: Path, patsnap) -> None:
    assert detect_format(patents_dir / PATSNAP) == "csv"
    text = gzip.decompress((patents_dir / PATSNAP).read_bytes()).decode("utf-8")
    copy = tmp_path / "patsnap_gb18030.csv"
    copy.write_bytes(text.encode("gb18030"))
    assert _bare(list(mapped.read(copy))) == _bare(patsnap)


def test_incopat_fixture() -> None:
    rows = list(mapped.read(FIXTURES / "incopat.csv"))
    assert (
        choose_mapping(next(csv.reader(io.StringIO((FIXTURES / "incopat.csv").read_text("utf-8"))))).name == "incopat"
    )
    reducer, grinder, ceramic = rows
    assert (reducer.id, reducer.kind) == ("CN112345678", "B")
    assert reducer.title == {
        "zh": "一种六轴工业机器人关节减速器",
        "en": "Joint reducer of six-axis industrial robot",
    }
    assert [(p.name, p.address) for p in reducer.applicants] == [
        ("洛阳轴承研究所有限公司", "河南省洛阳市涧西区建设路1号"),
        ("河南科技大学", "河南省洛阳市涧西区西苑路48号"),
    ]
    assert reducer.cited == ("CN1234567", "JP2018123456", "US20190012345")
    assert reducer.extra["citing"] == ["CN115000001"] and reducer.cited_by_count == 1 and reducer.cites_count == 3
    assert [c.symbol for c in reducer.ipc] == ["F16H49/00", "B25J9/10"] and [c.symbol for c in reducer.cpc] == [
        "B25J9/102"
    ]
    assert reducer.grant_date == dt.date(2022, 3, 15) and reducer.legal_status == "有效"
    assert reducer.extra["value_score"] == 8 and reducer.extra["current_owners"] == ["洛阳轴承研究所有限公司"]
    assert grinder.title == {"zh": "一种轴承套圈磨削夹具"} and grinder.abstract == {}  # "-" cells
    assert grinder.cited_by_count is None and grinder.cites_count == 0 and grinder.grant_date == dt.date(2021, 5, 25)
    assert ceramic.grant_date is None and ceramic.legal_status == "审中" and len(ceramic.inventors) == 3


def test_cnipa_fixture_with_a_title_line() -> None:
    rows = list(mapped.read(FIXTURES / "cnipa.csv"))
    assert detect_format(FIXTURES / "cnipa.csv") == "csv"
    mine, tractor = rows
    assert (mine.id, mine.application_number) == ("CN109500001", "CN201910000001.X")
    assert mine.title == {"zh": "一种矿用液压支架电液控制系统"}
    assert [c.symbol for c in mine.ipc] == ["E21D23/26", "E21D23/16"]
    assert mine.applicants[0].address == "471039 河南省洛阳市涧西区建设路206号"
    assert mine.extra["agency"] == "洛阳市凯旋专利事务所" and mine.extra["applicant_postcode"] == "471039"
    assert [p.name for p in mine.inventors] == ["赵刚", "孙敏"]
    assert tractor.grant_date == dt.date(2018, 9, 25)  # CN U: a registration
    assert "agency" not in tractor.extra and tractor.provenance[0].location == "row 2"


def test_xlsx_with_preamble_rows(tmp_path: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(FIXTURES / "incopat.csv", dtype=str, keep_default_na=False)
    sheet = tmp_path / "incopat.xlsx"
    with pd.ExcelWriter(sheet) as writer:
        pd.DataFrame([["incoPat 专利检索导出"], [""]]).to_excel(writer, header=False, index=False)
        frame.to_excel(writer, startrow=3, index=False)
    assert detect_format(sheet) == "csv"
    assert _bare(list(mapped.read(sheet))) == _bare(list(mapped.read(FIXTURES / "incopat.csv")))


def test_user_mapping_file() -> None:
    mapping = yaml.safe_load((FIXTURES / "user_mapping.yaml").read_text(encoding="utf-8"))
    assert not mapped.sniff(FIXTURES / "user_export.csv", read_head(FIXTURES / "user_export.csv"))
    bearing, holder = mapped.read(FIXTURES / "user_export.csv", mapping=mapping)
    assert bearing.title == {
        "en": "Spindle bearing with oil-air lubrication",
        "zh": "带油气润滑的主轴轴承",
    }
    assert [p.normalized for p in bearing.applicants] == ["LUOYANG BEARING", "SKF"]
    assert [c.symbol for c in bearing.ipc] == ["F16C33/66", "F16C19/16"]
    assert bearing.cited_by_count == 4 and bearing.grant_date == dt.date(2021, 1, 13)  # EP B1
    assert bearing.extra == {"business_unit": "bearings", "score": 7}
    assert holder.cited_by_count is None and holder.extra == {"business_unit": "tools"}


def test_flat_mapping_and_its_errors(tmp_path: Path) -> None:
    path = tmp_path / "flat.csv"
    path.write_text("PN;Name\nUS 9000001 B2;Gear\nWO 98/12345;Vise\n", encoding="utf-8")
    rows = list(mapped.read(path, mapping={"publication_number": "PN", "title": "Name"}))
    assert [(r.id, r.title) for r in rows] == [
        ("US9000001", {"en": "Gear"}),
        ("WO1998012345", {"en": "Vise"}),
    ]
    with pytest.raises(InputFormatError, match="requires"):
        list(mapped.read(path, mapping={"publication_number": "Publication"}))


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"title": "Name"}, "publication_number"),
        ({"publication_number": "PN", "colour": "C"}, "not a canonical field"),
        ({"fields": {"publication_number": "PN"}, "detect": {"requird": []}}, "detect"),
        ({"fields": {"publication_number": "PN"}, "extras": {}}, "Unknown mapping key"),
        ({"publication_number": ["PN", 3]}, "column name"),
        (
            {
                "fields": {"publication_number": "PN"},
                "extra": {"n": {"column": "N", "type": "float"}},
            },
            "extra entry",
        ),
        ({"publication_number": "PN", "title": {"Chinese": "T"}}, "language key"),
        (["PN"], "must be a mapping"),
    ],
)
def test_malformed_mappings_fail_loudly(mapping, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_mapping(mapping)


def test_shipped_mappings_load_and_are_chosen_by_header() -> None:
    assert [m.name for m in shipped_mappings()] == ["cnipa", "generic_en", "incopat", "patsnap"]
    assert choose_mapping(["Publication Number", "Title", "Abstract", "Assignee", "IPC"]).name == "generic_en"
    assert choose_mapping(["公开（公告）号", "申请号", "发明名称", "申请(专利权)人", "主分类号"]).name == "cnipa"
    assert choose_mapping(["公开(公告)号", "标题"]) is None  # too little to tell the source
    assert choose_mapping(["node", "dwpi_accession", "accession_year"]) is None


def test_bad_rows_are_quarantined_naming_the_column(tmp_path: Path) -> None:
    text = (FIXTURES / "incopat.csv").read_text(encoding="utf-8").splitlines()
    bad = [
        text[1].replace("2020-11-05", "2020-02-30"),
        text[2].replace(",B24B41/06,B24B41/06,", ",B24B41/06,磨削夹具,"),
        text[3].replace(",1,8,发明申请", ",1,eight,发明申请"),
        text[3].replace("CN114500000A", "-"),
    ]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([text[0], *bad]) + "\n", encoding="utf-8")
    items = list(mapped.read(path))
    assert [(e.location, e.field) for e in items] == [
        ("row 1", "申请日"),
        ("row 2", "IPC"),
        ("row 3", "权利要求数量"),
        ("row 4", "公开（公告）号"),
    ]
    assert "磨削夹具" in items[1].reason


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty|fits"),
        (b"node,dwpi_accession\n1,X\n", "fits a shipped mapping"),
        (b"PK\x03\x04garbage", "workbook|fits"),
    ],
)
def test_empty_unknown_and_broken_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / ("x.xlsx" if content.startswith(b"PK") else "x.csv")
    path.write_bytes(content)
    assert not mapped.sniff(path, read_head(path))
    with pytest.raises(InputFormatError, match=message):
        list(mapped.read(path))
