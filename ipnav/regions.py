"""Chinese regions (省 / 市) of applicants, from their address or their name.

Two interfaces over one gazetteer:

* the store's: :func:`detect_region` ``(name, address) -> "河南/洛阳" | "浙江" | None`` (a path:
  province short name, then city; the four municipalities have no city part) and
  :func:`region_parent`. Readers and the ingest cleaner fill ``Party.region`` with it; the graph
  keeps ``(:Organization)-[:LOCATED_IN]->(:Region)``.
* navigation's: :class:`Region` (province + city), :func:`locate_region` on one text,
  :func:`resolve_region` for what a user types (``洛阳``, ``LUOYANG``, ``河南省``, ``Henan``) and
  :meth:`Region.contains`.

Navigation for a region (洛阳, 河南) needs to know where an applicant sits. Exports give an
address only sometimes (PatSnap, CNKI: ``河南省洛阳市涧西区...``); otherwise the name often says
it (``洛阳轴承研究所有限公司``, ``UNIV HENAN SCIENCE & TECH``, ``LUOYANG BEARING RES INST``).

* Chinese: leftmost-longest matching of full and short names (``河南省``, ``河南``, ``洛阳市``,
  ``洛阳``), so ``上海南方...`` is Shanghai, not Hainan.
* Latin script: whole-word matching of pinyin and English names (``LUOYANG``, ``HENAN``,
  ``XI AN``, ``INNER MONGOLIA``), case-insensitive.

A city implies its province. The table (``ipnav/data/regions_cn.csv``) holds all 34
provincial-level divisions, every prefecture-level city of Henan and about 80 other capitals and
industrial cities. Pinyin shared by two cities (SUZHOU 苏州/宿州, TAIZHOU 台州/泰州, FUZHOU
福州/抚州) gives both candidates and no single region. Limits: a name that mentions another
place (``中山大学`` is in Guangzhou, not Zhongshan) is misplaced; an address beats the name. Known
foreign namesakes (Nanyang Technological University, Singapore) are skipped.

Example:
    >>> detect_region("中信重工机械股份有限公司", "河南省洛阳市涧西区建设路206号")
    '河南/洛阳'
    >>> locate_region("LUOYANG BEARING RESEARCH INSTITUTE CO LTD").label("en")
    'Henan / Luoyang'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ipnav.exceptions import ConfigError

__all__ = [
    "PROVINCES",
    "Region",
    "detect_region",
    "find_regions",
    "in_region",
    "known_organization_region",
    "locate_region",
    "region_parent",
    "resolve_region",
]


@dataclass(frozen=True, slots=True)
class Region:
    """A province (Chinese short name) and optionally a city in it."""

    province: str
    city: str | None = None

    @property
    def path(self) -> str:
        """``河南/洛阳`` or ``河南``: the form the store keeps (``Party.region``, Region nodes)."""
        return f"{self.province}/{self.city}" if self.city else self.province

    @classmethod
    def from_path(cls, path: str) -> Region:
        """The region of a stored path (``河南/洛阳`` -> Region("河南", "洛阳")); deeper parts are ignored.

        Example:
            >>> Region.from_path("河南/洛阳/涧西")
            Region(province='河南', city='洛阳')
        """
        parts = [p for p in path.split("/") if p]
        if not parts:
            raise ConfigError(f"empty region path {path!r}")
        return cls(parts[0], parts[1] if len(parts) > 1 else None)

    def label(self, lang: str = "zh") -> str:
        """``河南 / 洛阳`` or ``Henan / Luoyang``."""
        if lang == "zh":
            return self.province + (f" / {self.city}" if self.city else "")
        english = _table().english
        prov = english.get(self.province, self.province)
        return prov + (f" / {english.get(self.city, self.city)}" if self.city else "")

    def contains(self, other: Region | None) -> bool:
        """True if ``other`` lies in this region (a province contains its cities)."""
        if other is None or other.province != self.province:
            return False
        return self.city is None or self.city == other.city


@dataclass(frozen=True)
class _Table:
    zh_names: dict[str, tuple[str, str | None]]  # any Chinese form -> (province, city)
    latin: dict[str, list[tuple[str, str | None]]]  # upper-case Latin form -> candidates
    english: dict[str, str]  # Chinese short name -> English name
    pinyin: dict[str, str]  # province short name -> upper-case pinyin
    latin_pattern: re.Pattern[str]
    max_zh: int


@lru_cache(maxsize=1)
def _table() -> _Table:
    zh_names: dict[str, tuple[str, str | None]] = {}
    latin: dict[str, list[tuple[str, str | None]]] = {}
    english: dict[str, str] = {}
    pinyin: dict[str, str] = {}
    text = resources.files("ipnav").joinpath("data/regions_cn.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        is_province = row["level"] == "province"
        place = (row["province"], None) if is_province else (row["province"], row["zh"])
        english[row["zh"]] = row["en"]
        if is_province:
            pinyin[row["zh"]] = row["latin_aliases"].split("|")[0].replace(" ", "")
        for name in [row["zh"], *filter(None, row["zh_aliases"].split("|"))]:
            zh_names[name] = place
        for name in {row["en"].upper(), *filter(None, row["latin_aliases"].split("|"))}:
            latin.setdefault(name.replace("'", ""), []).append(place)
    words = sorted(latin, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    pattern = re.compile(r"(?<![A-Z])(" + alternatives + r")(?![A-Z])")
    return _Table(zh_names, latin, english, pinyin, pattern, max(len(n) for n in zh_names))


# Latin names that contain a Chinese place name but are elsewhere (Nanyang Technological
# University and Nanyang Polytechnic are in Singapore).
_NOT_A_PLACE = re.compile(r"NANYANG\s+(TECH\w*|POLYTECHNIC|ACAD\w*)|UNIV\w*\s+(OF\s+)?NANYANG")


def find_regions(text: str | None) -> list[Region | tuple[Region, ...]]:
    """Every place named in the text, in order; an ambiguous pinyin gives a tuple of candidates.

    Example:
        >>> find_regions("浙江西子重工 / HENAN")
        [Region(province='浙江', city=None), Region(province='河南', city=None)]
    """
    if not text:
        return []
    table = _table()
    found: list[Region | tuple[Region, ...]] = []
    i = 0
    while i < len(text):
        for size in range(min(table.max_zh, len(text) - i), 1, -1):
            place = table.zh_names.get(text[i : i + size])
            if place is not None:
                found.append(Region(*place))
                i += size
                break
        else:
            i += 1
    latin = _NOT_A_PLACE.sub(" ", text.upper().replace("'", ""))
    for match in table.latin_pattern.finditer(latin):
        candidates = table.latin[re.sub(r"\s+", " ", match.group(1))]
        regions = tuple(dict.fromkeys(Region(*c) for c in candidates))
        found.append(regions[0] if len(regions) == 1 else regions)
    return found


@lru_cache(maxsize=200_000)
def locate_region(text: str | None) -> Region | None:
    """The most specific unambiguous region in one text (a city beats a province), else None.

    A city whose province contradicts a province named earlier is ignored
    (``河南省 ... 苏州`` keeps Henan).

    Example:
        >>> locate_region("UNIV HENAN SCIENCE & TECH")
        Region(province='河南', city=None)
        >>> locate_region("SUZHOU ROBOT CO") is None
        True
    """
    regions = [r for r in find_regions(text) if isinstance(r, Region)]
    if not regions:
        return None
    province = regions[0].province
    cities = [r for r in regions if r.city and r.province == province]
    return cities[0] if cities else Region(province)


PROVINCES: dict[str, str] = dict(_table().pinyin)
"""Province short name -> upper-case pinyin (``河南`` -> ``HENAN``)."""


def detect_region(name: str | None, address: str | None = None) -> str | None:
    """The Chinese region of an organisation as a path: ``"河南/洛阳"``, ``"浙江"``, or None.

    Args:
        name: The organisation's name (Chinese or DOCDB/Lens pinyin).
        address: Its address when the source gives one; tried first.

    Example:
        >>> detect_region("中信重工机械股份有限公司", "河南省洛阳市涧西区建设路206号")
        '河南/洛阳'
        >>> detect_region("UNIV ZHEJIANG"), detect_region("INTEL CORP")
        ('浙江', None)
    """
    if address:
        region = locate_region(address)
        if region is not None:
            return region.path
    known = known_organization_region(name)
    if known is not None:
        return known
    if name:
        region = locate_region(name)
        if region is not None:
            return region.path
    return None


@lru_cache(maxsize=1)
def _known_organizations() -> tuple[tuple[str, str, bool], ...]:
    text = resources.files("ipnav.data").joinpath("org_regions.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines):
        pattern = row["pattern"].strip()
        rows.append((pattern, row["region"].strip(), pattern.isascii()))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))  # longest pattern first


@lru_cache(maxsize=65536)
def known_organization_region(name: str | None) -> str | None:
    """The region of an organisation listed in ``ipnav/data/org_regions.csv``, else None.

    The table holds organisations whose names do not say their city (``河南科技大学`` is in
    Luoyang, ``中信重工`` too). Chinese patterns match as substrings; Latin ones as whole words
    of the upper-cased name; the longest matching pattern wins.

    Example:
        >>> known_organization_region("河南科技大学"), known_organization_region("UNIV HENAN SCIENCE & TECH")
        ('河南/洛阳', '河南/洛阳')
        >>> known_organization_region("INTEL CORP") is None
        True
    """
    if not name:
        return None
    upper = f" {re.sub(r'[^A-Z0-9&]+', ' ', name.upper()).strip()} "
    for pattern, region, latin in _known_organizations():
        if (latin and f" {pattern} " in upper) or (not latin and pattern in name):
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


def resolve_region(query: str) -> Region:
    """The region a user means: ``洛阳``, ``洛阳市``, ``LUOYANG``, ``Luoyang``, ``河南省``, ``河南/洛阳``.

    Raises:
        ConfigError: Not a known province or city, or an ambiguous pinyin (the message lists the
            candidates, to be given in Chinese).

    Example:
        >>> resolve_region("Luoyang"), resolve_region("河南省")
        (Region(province='河南', city='洛阳'), Region(province='河南', city=None))
    """
    table = _table()
    text = query.strip()
    if "/" in text:
        return Region.from_path(text)
    if text in table.zh_names:
        return Region(*table.zh_names[text])
    key = re.sub(r"\s+", " ", text.upper().replace("'", ""))
    key = re.sub(r"\s+(CITY|PROVINCE|SHI|SHENG)$", "", key)
    candidates = table.latin.get(key, [])
    if len(candidates) == 1:
        return Region(*candidates[0])
    if candidates:
        names = ", ".join(Region(*c).city or c[0] for c in candidates)
        raise ConfigError(f"The region {query!r} is ambiguous ({names}); give it in Chinese.")
    raise ConfigError(
        f"Unknown region {query!r}: give a Chinese province or city (河南, 洛阳) or its pinyin (HENAN, LUOYANG)."
    )


def in_region(text: str | None, region: Region) -> bool:
    """True if the text (an address or a name) places its owner inside ``region``.

    Example:
        >>> name = "河南科技大学"
        >>> in_region(name, resolve_region("河南")), in_region(name, resolve_region("洛阳"))
        (True, False)
    """
    return region.contains(locate_region(text))
