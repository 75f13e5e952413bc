"""Applicant normalisation and kinds, on names as the shared exports write them."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipnav.applicants import classify_party, normalize_name, normalize_party
from ipnav.records import Party

# (raw name as written in a shared export, expected key)
KEYS = [
    # Lens robotics (DOCDB standard names)
    ("INTEL CORP", "INTEL"),
    ("BOSCH GMBH ROBERT", "ROBERT BOSCH"),
    ("GOOGLE LLC", "GOOGLE"),
    ("GOOGLE INC", "GOOGLE"),
    ("HONDA MOTOR CO LTD", "HONDA MOTOR"),
    ("SAMSUNG ELECTRONICS CO LTD", "SAMSUNG ELECTRONICS"),
    ("X DEV LLC", "X DEV"),
    ("SONY GROUP CORP", "SONY"),
    ("SONY CORP AMERICA", "SONY AMERICA"),
    ("TOYOTA RES INST INC", "TOYOTA RES INST"),
    ("MASSACHUSETTS INST TECHNOLOGY", "MASSACHUSETTS INST TECH"),
    ("UNIV CARNEGIE MELLON", "UNIV CARNEGIE MELLON"),
    ("UNIV MICHIGAN REGENTS", "UNIV MICHIGAN"),
    ("ERICSSON TELEFON AB L M", "ERICSSON TELEFON AB LM"),
    ("MAPLEBEAR INC DBA INSTACART", "MAPLEBEAR"),
    ("FESTO SE & CO KG", "FESTO"),
    ("KAERCHER ALFRED SE & CO KG", "KAERCHER ALFRED"),
    ("BEIJING BAIDU NETCOM SCI & TECH CO LTD", "BEIJING BAIDU NETCOM SCI TECH"),
    ("STRONG FORCE VCN PORTFOLIO 2019 LLC", "STRONG FORCE VCN PORTFOLIO 2019"),
    ("TEXAS A&M UNIV", "UNIV TEXAS AM"),
    ("FLORIDA ATLANTIC UNIV BOARD OF TRUSTEES", "UNIV FLORIDA ATLANTIC"),
    ("LEE SE LIN", "LEE SE LIN"),  # Korean given name SE is not a legal form here
    # Lens green concrete
    ("FRIEND CO LTD G", "G FRIEND"),
    ("SHANGHAI CIVIL ENG CO LTD OF CREC", "SHANGHAI CIVIL ENG CREC"),
    ("GLASS PROC SOLUTIONS LLC D/B/A SIONEER", "GLASS PROC SOLUTIONS"),
    (
        "NANJING ANCIENT ARCHITECTURAL DECORATION ENGINEERING LTD COMPANY",
        "NANJING ANCIENT ARCHITECTURAL DECORATION ENG",
    ),
    # WIPS (full names, HTML entities)
    ("Massachusetts Institute of Technology", "MASSACHUSETTS INST TECH"),
    ("Hewlett-Packard Development Company, L.P.", "HEWLETT PACKARD DEV"),
    ("Leonhard Kurz GmbH &amp; Co., KG", "LEONHARD KURZ"),
    ("The Regents of the University of Michigan", "UNIV MICHIGAN"),
    ("Objet Geometries LTD", "OBJET GEOMETRIES"),
    ("VANTICO LIMITED", "VANTICO"),
    ("VANTICO AG", "VANTICO"),
    ("Hawley; James M.", "HAWLEY JAMES M"),
    ("斯特拉特西斯有限公司", "斯特拉特西斯"),
    # Espacenet (country tags)
    ("KURT MFG CO [US]", "KURT MFG"),
    ("KURT MFG COMPANY", "KURT MFG"),
    ("SAURER ALLMA GMBH [DE]", "SAURER ALLMA"),
    ("XIANGPAI MACHINERY CO LTD JIAN [CN]", "XIANGPAI MACHINERY JIAN"),
    # PatSnap / CNKI (Chinese legal forms, brackets, branches, institutes of groups)
    ("四川大阳实业发展有限公司", "四川大阳实业发展"),
    ("歌尔股份有限公司", "歌尔"),
    ("山西北方机械制造有限责任公司", "山西北方机械制造"),
    ("美的集团股份有限公司", "美的"),
    ("米其林集团总公司", "米其林"),
    ("浙视传媒(温州)有限公司", "温州浙视传媒"),
    ("浙视传媒（温州）有限公司", "温州浙视传媒"),
    ("中国航空工业集团公司沈阳飞机设计研究所", "中国航空工业沈阳飞机设计研究所"),
    ("国网河北省电力有限公司超高压分公司", "国网河北省电力超高压分公司"),
    ("本田技研工业株式会社", "本田技研工业"),
    ("株式会社大赛璐", "大赛璐"),
    ("空中客车运营简化股份公司", "空中客车运营"),
    ("劳斯莱斯德国有限两合公司", "劳斯莱斯德国"),
    ("中国科学院大连化学物理研究所", "中国科学院大连化学物理研究所"),
    # full-width forms, accents, Cyrillic kept
    ("Ｓｏｎｙ　Ｃｏｒｐｏｒａｔｉｏｎ", "SONY"),
    ("Bayerische Motoren Werke Aktiengesellschaft", "BAYERISCHE MOTOREN WERKE"),
    ("ПАШКЕВИЧ МИХАИЛ ЮРЬЕВИЧ", "ПАШКЕВИЧ МИХАИЛ ЮРЬЕВИЧ"),
    ("株式会社デンソー", "デンソー"),
]

KINDS = [
    ("INTEL CORP", "company"),
    ("GEN ELECTRIC", "company"),
    ("INTUITIVE SURGICAL OPERATIONS", "company"),
    ("PROCTER & GAMBLE", "company"),
    ("HRL LAB LLC", "company"),
    ("UNIV CARNEGIE MELLON", "university"),
    ("MASSACHUSETTS INST TECHNOLOGY", "university"),
    ("Massachusetts Institute of Technology", "university"),
    ("ETH ZUERICH", "university"),
    ("KOREA INST SCI & TECH", "institute"),
    ("GEORGIA TECH RES INST", "institute"),
    ("PURDUE RESEARCH FOUNDATION", "institute"),
    ("TOYOTA RES INST INC", "institute"),
    ("BRIGHAM & WOMENS HOSPITAL INC", "hospital"),
    ("NASA", "government"),
    ("US NAVY", "government"),
    ("JAPAN SCIENCE & TECH AGENCY", "government"),
    ("EBRAHIMI AFROUZI ALI", "individual"),
    ("FATH LUKAS", "individual"),
    ("LEE SE LIN", "individual"),
    ("Kirk W. Wolfgram", "individual"),
    ("CHICK JAMES P [US]", "individual"),
    ("IBM", None),
    ("WANDERCRAFT", None),
    ("浙江大学", "university"),
    ("重庆电子工程职业学院", "university"),
    ("中国人民解放军国防科技大学", "university"),
    ("中国科学院大连化学物理研究所", "institute"),
    ("中国航空工业集团公司沈阳飞机设计研究所", "institute"),
    ("上海微小卫星工程中心", "institute"),
    ("重庆材料研究院有限公司", "company"),
    ("广东电网有限责任公司江门供电局", "company"),
    ("通用电气公司", "company"),
    ("含山县东山德雨球墨铸造厂", "company"),
    ("株式会社大赛璐", "company"),
    ("李育超", "individual"),
    ("이정용", "individual"),
    ("", None),
]


@pytest.mark.parametrize(("raw", "key"), KEYS)
def test_normalize_name_on_real_names(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


@pytest.mark.parametrize(("raw", "kind"), KINDS)
def test_classify_party_on_real_names(raw: str, kind: str | None) -> None:
    assert classify_party(raw) == kind


def test_inventor_names_keep_their_words() -> None:
    assert normalize_name("Chick, James P. [US]", strip_legal_forms=False) == "CHICK JAMES P"
    assert normalize_name("GROUP LTD", strip_legal_forms=False) == "GROUP LTD"
    assert normalize_name("Müller-Lüdenscheidt, K.", strip_legal_forms=False) == "MULLER LUDENSCHEIDT K"


def test_normalize_name_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="must be a str"):
        normalize_name(None)  # type: ignore[arg-type]


def test_chinese_and_english_names_are_not_merged_by_rules() -> None:
    assert normalize_name("通用电气公司") != normalize_name("GEN ELECTRIC")


def test_normalize_party_fills_only_what_is_missing() -> None:
    filled = normalize_party(Party("洛阳轴承研究所有限公司", address="河南省洛阳市涧西区"))
    assert (filled.normalized, filled.kind, filled.region) == (
        "洛阳轴承研究所",
        "company",
        "河南/洛阳",
    )
    given_values = Party("INTEL CORP", normalized="INTEL CORPORATION", kind="institute", region="浙江")
    assert normalize_party(given_values) is given_values
    inventor = normalize_party(Party("Chick, James P."), is_inventor=True)
    assert (inventor.normalized, inventor.kind) == ("CHICK JAMES P", None)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_a_key_normalises_to_itself(name: str) -> None:
    for strip in (True, False):
        key = normalize_name(name, strip_legal_forms=strip)
        assert normalize_name(key, strip_legal_forms=strip) == key


def _shared_applicant_names(patents_dir: Path) -> list[str]:
    names: list[str] = []
    with gzip.open(patents_dir / "lens_robotics_physical_ai" / "pai.csv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names += [n.strip() for n in (row["Applicants"] or "").split(";;") if n.strip()]
    with gzip.open(
        patents_dir / "wips_3d_printing_us_cn" / "3d_printing_us_cn_312.csv.gz",
        "rt",
        encoding="utf-8",
    ) as fh:
        for row in csv.DictReader(fh):
            names += [n.strip() for n in (row["applicants"] or "").split("|") if n.strip()]
    with gzip.open(
        patents_dir / "patsnap_green_aviation_cn" / "patsnap_green_aviation_1999.csv.gz",
        "rt",
        encoding="utf-8",
    ) as fh:
        for row in csv.DictReader(fh):
            names += [n.strip() for n in (row["[标]当前申请(专利权)人"] or "").split("|") if n.strip() not in ("", "-")]
    return names


@pytest.mark.shared
def test_every_shared_applicant_gets_a_stable_non_empty_key(patents_dir: Path) -> None:
    names = _shared_applicant_names(patents_dir)
    assert len(names) > 20_000
    keys = {name: normalize_name(name) for name in set(names)}
    assert [n for n, k in keys.items() if not k] == []
    assert [n for n, k in keys.items() if normalize_name(k) != k] == []
    # the rules merge variants that the Lens export itself writes differently
    assert keys["GOOGLE LLC"] == keys["GOOGLE INC"]
    assert keys["SONY CORP"] == keys["SONY GROUP CORP"]
    assert len(set(keys.values())) < len(keys)


@pytest.mark.shared
def test_kinds_on_the_lens_top_applicants(patents_dir: Path) -> None:
    names = _shared_applicant_names(patents_dir)
    kinds = {classify_party(n) for n in names}
    assert kinds <= {
        "company",
        "university",
        "institute",
        "hospital",
        "government",
        "individual",
        None,
    }
    assert {"company", "university", "institute", "individual"} <= kinds
