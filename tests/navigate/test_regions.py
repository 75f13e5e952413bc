"""Region detection in Chinese and Latin-script applicant names and addresses."""

from __future__ import annotations

import pytest

from ipnav.exceptions import ConfigError
from ipnav.regions import (
    PROVINCES,
    Region,
    detect_region,
    find_regions,
    in_region,
    locate_region,
    region_parent,
    resolve_region,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("河南省洛阳市涧西区建设路1号", Region("河南", "洛阳")),
        ("洛阳轴承研究所有限公司", Region("河南", "洛阳")),
        ("中信重工机械股份有限公司", None),
        ("LUOYANG BEARING RESEARCH INSTITUTE CO LTD", Region("河南", "洛阳")),
        ("UNIV HENAN SCIENCE & TECH", Region("河南")),
        ("Luo Yang Precision Co", Region("河南", "洛阳")),
        ("上海南方模具有限公司", Region("上海")),  # not 海南: leftmost-longest
        ("内蒙古自治区包头市", Region("内蒙古", "包头")),
        ("INNER MONGOLIA FIRST MACHINERY GROUP", Region("内蒙古")),
        ("XI'AN JIAOTONG UNIV", Region("陕西", "西安")),
        ("SHENZHEN UBTECH TECHNOLOGY CO LTD", Region("广东", "深圳")),
        ("SUZHOU ROBOT CO", None),  # 苏州 (Jiangsu) or 宿州 (Anhui)
        ("河南省 ... 苏州工业园", Region("河南")),  # a city of another province does not override
        ("XIANGYANG AUTO PARTS", Region("湖北", "襄阳")),  # not XIAN
        ("", None),
    ],
)
def test_locate_region(text: str, expected: Region | None) -> None:
    assert locate_region(text) == expected
    known = {"中信重工机械股份有限公司": "河南/洛阳", "UNIV HENAN SCIENCE & TECH": "河南/洛阳"}  # org_regions.csv
    assert detect_region(text) == known.get(text, expected.path if expected else None)


def test_ambiguous_pinyin_gives_candidates() -> None:
    found = find_regions("TAIZHOU GEAR WORKS")
    assert found == [(Region("江苏", "泰州"), Region("浙江", "台州"))] or found == [
        (Region("浙江", "台州"), Region("江苏", "泰州"))
    ]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("洛阳", Region("河南", "洛阳")),
        ("洛阳市", Region("河南", "洛阳")),
        ("LUOYANG", Region("河南", "洛阳")),
        ("Luoyang City", Region("河南", "洛阳")),
        ("河南省", Region("河南")),
        ("henan province", Region("河南")),
        ("济源", Region("河南", "济源")),
    ],
)
def test_resolve_region(query: str, expected: Region) -> None:
    assert resolve_region(query) == expected


def test_resolve_region_errors() -> None:
    with pytest.raises(ConfigError, match="ambiguous"):
        resolve_region("Suzhou")
    with pytest.raises(ConfigError, match="Unknown region 'Atlantis'"):
        resolve_region("Atlantis")


def test_containment_and_labels() -> None:
    henan, luoyang = resolve_region("河南"), resolve_region("洛阳")
    assert henan.contains(luoyang) and not luoyang.contains(henan)
    assert in_region("洛阳LYC轴承有限公司", henan) and not in_region("郑州宇通", luoyang)
    assert luoyang.label("zh") == "河南 / 洛阳" and luoyang.label("en") == "Henan / Luoyang"


@pytest.mark.parametrize("text", ["UNIV NANYANG TECH", "NANYANG TECHNOLOGICAL UNIVERSITY", "NANYANG POLYTECHNIC"])
def test_singapore_namesakes_are_not_nanyang_henan(text: str) -> None:
    assert locate_region(text) is None
    assert locate_region("NANYANG MACHINERY CO") == Region("河南", "南阳")


def test_store_interface_paths() -> None:
    # The store's interface: the address first, then the name; a path "province/city".
    assert detect_region("中信重工机械股份有限公司", "河南省洛阳市涧西区建设路206号") == "河南/洛阳"
    assert detect_region("北京航空航天大学") == "北京" and detect_region("INTEL CORP", "Santa Clara") is None
    assert region_parent("河南/洛阳") == "河南" and region_parent("河南") is None
    assert Region.from_path("河南/洛阳").path == "河南/洛阳" and resolve_region("河南/洛阳") == Region("河南", "洛阳")
    assert PROVINCES["河南"] == "HENAN" and len(PROVINCES) == 34


@pytest.mark.parametrize(
    ("name", "address", "expected"),
    [
        ("河南科技大学", None, "河南/洛阳"),  # the name says only Henan; the table knows Luoyang
        ("UNIV HENAN", None, "河南/开封"),  # Henan University is in Kaifeng
        ("UNIV HENAN POLYTECHNIC", None, "河南/焦作"),
        ("河南科技大学", "河南省郑州市金水区", "河南/郑州"),  # an address in the data beats the table
        ("CMOC GROUP LTD", None, "河南/洛阳"),
        ("CMOCK INC", None, None),  # whole words only
    ],
)
def test_known_organizations_table(name: str, address: str | None, expected: str | None) -> None:
    assert detect_region(name, address) == expected
