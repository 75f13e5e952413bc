"""Chinese regions (省 / 市) from applicant names and addresses.

A minimal detector behind a small, stable interface: :func:`detect_region` returns a path
``"<province>/<city>"`` (``"河南/洛阳"``), a province alone (``"浙江"``), or None. Province
names are the short forms (``河南``, ``北京``, ``内蒙古``); the four municipalities have no city
part. It reads
Chinese text (``洛阳轴承研究所``, ``河南省洛阳市涧西区``) and the pinyin of Lens/DOCDB names
(``LUOYANG BEARING RES``, ``UNIV ZHEJIANG``). The address is tried before the name, cities before
provinces, the longest match wins.

The paths/navigation work owns the full gazetteer (every prefecture and county); this module only
fixes the function everything else calls: ``detect_region(name, address) -> str | None``.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["PROVINCES", "detect_region", "region_parent"]

# short name -> pinyin (upper case, no spaces)
PROVINCES: dict[str, str] = {
    "北京": "BEIJING",
    "天津": "TIANJIN",
    "上海": "SHANGHAI",
    "重庆": "CHONGQING",
    "河北": "HEBEI",
    "山西": "SHANXI",
    "辽宁": "LIAONING",
    "吉林": "JILIN",
    "黑龙江": "HEILONGJIANG",
    "江苏": "JIANGSU",
    "浙江": "ZHEJIANG",
    "安徽": "ANHUI",
    "福建": "FUJIAN",
    "江西": "JIANGXI",
    "山东": "SHANDONG",
    "河南": "HENAN",
    "湖北": "HUBEI",
    "湖南": "HUNAN",
    "广东": "GUANGDONG",
    "海南": "HAINAN",
    "四川": "SICHUAN",
    "贵州": "GUIZHOU",
    "云南": "YUNNAN",
    "陕西": "SHAANXI",
    "甘肃": "GANSU",
    "青海": "QINGHAI",
    "台湾": "TAIWAN",
    "内蒙古": "NEIMENGGU",
    "广西": "GUANGXI",
    "西藏": "XIZANG",
    "宁夏": "NINGXIA",
    "新疆": "XINJIANG",
    "香港": "HONGKONG",
    "澳门": "MACAO",
}
_MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})

# city -> (province, pinyin): every prefecture of Henan, every provincial capital, and the large
# industrial cities that appear in patent data.
_CITIES: dict[str, tuple[str, str]] = {
    "郑州": ("河南", "ZHENGZHOU"),
    "洛阳": ("河南", "LUOYANG"),
    "开封": ("河南", "KAIFENG"),
    "平顶山": ("河南", "PINGDINGSHAN"),
    "安阳": ("河南", "ANYANG"),
    "鹤壁": ("河南", "HEBI"),
    "新乡": ("河南", "XINXIANG"),
    "焦作": ("河南", "JIAOZUO"),
    "濮阳": ("河南", "PUYANG"),
    "许昌": ("河南", "XUCHANG"),
    "漯河": ("河南", "LUOHE"),
    "三门峡": ("河南", "SANMENXIA"),
    "南阳": ("河南", "NANYANG"),
    "商丘": ("河南", "SHANGQIU"),
    "信阳": ("河南", "XINYANG"),
    "周口": ("河南", "ZHOUKOU"),
    "驻马店": ("河南", "ZHUMADIAN"),
    "济源": ("河南", "JIYUAN"),
    "石家庄": ("河北", "SHIJIAZHUANG"),
    "唐山": ("河北", "TANGSHAN"),
    "太原": ("山西", "TAIYUAN"),
    "沈阳": ("辽宁", "SHENYANG"),
    "大连": ("辽宁", "DALIAN"),
    "长春": ("吉林", "CHANGCHUN"),
    "哈尔滨": ("黑龙江", "HARBIN"),
    "南京": ("江苏", "NANJING"),
    "苏州": ("江苏", "SUZHOU"),
    "无锡": ("江苏", "WUXI"),
    "常州": ("江苏", "CHANGZHOU"),
    "杭州": ("浙江", "HANGZHOU"),
    "宁波": ("浙江", "NINGBO"),
    "温州": ("浙江", "WENZHOU"),
    "合肥": ("安徽", "HEFEI"),
    "福州": ("福建", "FUZHOU"),
    "厦门": ("福建", "XIAMEN"),
    "南昌": ("江西", "NANCHANG"),
    "济南": ("山东", "JINAN"),
    "青岛": ("山东", "QINGDAO"),
    "烟台": ("山东", "YANTAI"),
    "武汉": ("湖北", "WUHAN"),
    "长沙": ("湖南", "CHANGSHA"),
    "株洲": ("湖南", "ZHUZHOU"),
    "广州": ("广东", "GUANGZHOU"),
    "深圳": ("广东", "SHENZHEN"),
    "东莞": ("广东", "DONGGUAN"),
    "佛山": ("广东", "FOSHAN"),
    "珠海": ("广东", "ZHUHAI"),
    "海口": ("海南", "HAIKOU"),
    "成都": ("四川", "CHENGDU"),
    "绵阳": ("四川", "MIANYANG"),
    "贵阳": ("贵州", "GUIYANG"),
    "昆明": ("云南", "KUNMING"),
    "西安": ("陕西", "XIAN"),
    "兰州": ("甘肃", "LANZHOU"),
    "西宁": ("青海", "XINING"),
    "呼和浩特": ("内蒙古", "HOHHOT"),
    "包头": ("内蒙古", "BAOTOU"),
    "南宁": ("广西", "NANNING"),
    "拉萨": ("西藏", "LHASA"),
    "银川": ("宁夏", "YINCHUAN"),
    "乌鲁木齐": ("新疆", "URUMQI"),
}
_ZH_NAMES = sorted([*_CITIES, *PROVINCES], key=len, reverse=True)
_ZH_RE = re.compile("|".join(map(re.escape, _ZH_NAMES)))
_PINYIN = {
    **{py: name for name, (_, py) in _CITIES.items()},
    **{py: name for name, py in PROVINCES.items()},
}
_WORDS = re.compile(r"[A-Z]+")


def _as_path(place: str) -> str:
    if place in _CITIES:
        return f"{_CITIES[place][0]}/{place}"
    return place


@lru_cache(maxsize=65_536)
def _find(text: str) -> str | None:
    found = [m.group(0) for m in _ZH_RE.finditer(text)]
    if not found:
        found = [_PINYIN[w] for w in _WORDS.findall(text.upper().replace("XI'AN", "XIAN")) if w in _PINYIN]
    if not found:
        return None
    cities = [f for f in found if f in _CITIES]
    return _as_path(cities[0] if cities else found[0])


def detect_region(name: str | None, address: str | None = None) -> str | None:
    """The Chinese region of an organisation: ``"河南/洛阳"``, ``"浙江"``, or None.

    Args:
        name: The organisation's name (Chinese or DOCDB/Lens pinyin).
        address: Its address when the source gives one; tried first.

    Example:
        >>> detect_region("中信重工机械股份有限公司", "河南省洛阳市涧西区建设路206号")
        '河南/洛阳'
        >>> detect_region("UNIV ZHEJIANG"), detect_region("INTEL CORP")
        ('浙江', None)
    """
    for text in (address, name):
        if text:
            region = _find(text)
            if region is not None:
                return region
    return None


def region_parent(region: str) -> str | None:
    """The parent of a region path (``"河南/洛阳"`` -> ``"河南"``), None for a province.

    Example:
        >>> region_parent("河南/洛阳"), region_parent("河南")
        ('河南', None)
    """
    head, sep, _ = region.rpartition("/")
    return head if sep else None
