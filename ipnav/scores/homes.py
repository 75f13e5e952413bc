"""The home country of an organisation, to tell domestic from foreign-held patents.

Exports rarely say where an applicant is based. The rule, first that applies:

1. the applicant country the source gives (majority over its patents);
2. the priority countries of its patents (majority; first filings are usually made at home);
3. a hint in its name: script (Han -> CN, kana or 株式会社 -> JP, Hangul -> KR), a Chinese
   province or city in pinyin, a country word (KOREA, JAPAN, TAIWAN ...), or a legal form tied to
   one country (GMBH / AG -> DE, KABUSHIKI KAISHA / KK -> JP, AB -> SE, OY -> FI, SPA / SRL -> IT);
4. the national office of its earliest application (WO/EP left out).

The basis is reported with the result; the evaluator can override it (``--home``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pandas as pd

__all__ = ["country_from_name", "org_homes"]

_CN_PLACES = (
    "BEIJING",
    "SHANGHAI",
    "SHENZHEN",
    "GUANGZHOU",
    "HANGZHOU",
    "NANJING",
    "TIANJIN",
    "CHONGQING",
    "WUHAN",
    "SUZHOU",
    "ZHEJIANG",
    "JIANGSU",
    "GUANGDONG",
    "SHANDONG",
    "HENAN",
    "LUOYANG",
    "ZHENGZHOU",
    "HUNAN",
    "HUBEI",
    "SICHUAN",
    "CHENGDU",
    "XIAN",
    "XI AN",
    "HARBIN",
    "QINGDAO",
    "DALIAN",
    "SHENYANG",
    "HEFEI",
    "XIAMEN",
    "FUJIAN",
    "ANHUI",
    "JIANGXI",
    "SHAANXI",
    "SHANXI",
    "HEBEI",
    "LIAONING",
    "JILIN",
    "HEILONGJIANG",
    "YUNNAN",
    "GUIZHOU",
    "GUANGXI",
    "NINGBO",
    "DONGGUAN",
    "FOSHAN",
    "WUXI",
    "CHANGSHA",
    "CHINA",
    "CHINESE",
    "TSINGHUA",
    "PEKING",
    "FUDAN",
    "ZHONGGUANCUN",
    "HUAWEI",
    "XIAOMI",
    "TENCENT",
    "BAIDU",
    "ALIBABA",
)
_WORDS = (
    (re.compile(r"\b(?:" + "|".join(_CN_PLACES) + r")\b"), "CN"),
    (re.compile(r"\b(?:KOREA|KOREAN|SEOUL|DAEJEON|SAMSUNG|HYUNDAI)\b"), "KR"),
    (
        re.compile(r"\b(?:JAPAN|TOKYO|OSAKA|KYOTO|NAGOYA|KABUSHIKI KAISHA|KABUSHIKIKAISHA|KK)\b"),
        "JP",
    ),
    (re.compile(r"\b(?:TAIWAN|TAIPEI|HSINCHU)\b"), "TW"),
    (re.compile(r"\b(?:GMBH|AG|E V|DEUTSCH|DEUTSCHE|DEUTSCHES|FRAUNHOFER)\b"), "DE"),
    (re.compile(r"\b(?:AB)\b"), "SE"),
    (re.compile(r"\b(?:OY|OYJ)\b"), "FI"),
    (re.compile(r"\b(?:SPA|S P A|SRL|S R L)\b"), "IT"),
)


def country_from_name(name: str) -> str | None:
    """A country suggested by an applicant's name, or None.

    Example:
        >>> country_from_name("UNIV ZHEJIANG"), country_from_name("BOSCH GMBH ROBERT"), country_from_name("优必选科技")
        ('CN', 'DE', 'CN')
        >>> country_from_name("NVIDIA CORP") is None
        True
    """
    if re.search(r"[\uac00-\ud7af]", name):
        return "KR"
    if re.search(r"[\u3040-\u30ff]|株式会社", name):
        return "JP"
    if re.search(r"[\u4e00-\u9fff]", name):
        return "CN"
    upper = re.sub(r"[^A-Z ]+", " ", name.upper())
    for pattern, country in _WORDS:
        if pattern.search(upper):
            return country
    return None


def _top(counts: Counter) -> str:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def org_homes(patents: pd.DataFrame) -> dict[str, tuple[str | None, str]]:
    """Home country of every organisation and the basis it was inferred from (see module docstring).

    Example:
        >>> import datetime as dt
        >>> df = pd.DataFrame({"orgs": [("A",), ("A",)], "org_names": [("A Inc",), ("A Inc",)],
        ...     "org_countries": [("",), ("",)], "priority_countries": [(), ()], "jurisdiction": ["US", "CN"],
        ...     "filing_date": [dt.date(2020, 1, 1), dt.date(2019, 1, 1)]}, index=["P1", "P2"])
        >>> org_homes(df)["A"]
        ('CN', 'earliest office')
    """
    given: dict[str, Counter] = {}
    priority: dict[str, Counter] = {}
    named: dict[str, Counter] = {}
    earliest: dict[str, tuple[Any, str]] = {}
    rows = zip(
        patents["orgs"],
        patents["org_names"],
        patents["org_countries"],
        patents["priority_countries"],
        patents["jurisdiction"],
        patents["filing_date"],
        strict=True,
    )
    for orgs, names, countries, prio, juris, filed in rows:
        for i, org in enumerate(orgs):
            c = countries[i] if i < len(countries) else ""
            if c:
                given.setdefault(org, Counter())[c] += 1
            for pc in prio:
                priority.setdefault(org, Counter())[pc] += 1
            hint = country_from_name(names[i]) if i < len(names) else None
            if hint:
                named.setdefault(org, Counter())[hint] += 1
            if juris and juris not in ("WO", "EP") and filed is not None and not pd.isna(filed):
                key = (filed, juris)
                if org not in earliest or key < earliest[org]:
                    earliest[org] = key
    out: dict[str, tuple[str | None, str]] = {}
    for org in set(given) | set(priority) | set(named) | set(earliest):
        if org in given:
            out[org] = (_top(given[org]), "applicant country")
        elif org in priority:
            out[org] = (_top(priority[org]), "priority country")
        elif org in named:
            out[org] = (_top(named[org]), "name")
        else:
            out[org] = (earliest[org][1], "earliest office")
    return out
