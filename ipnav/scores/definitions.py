"""The catalogue of indicators: what each one measures, how, and which way is better.

Every number in a scorecard or report is one of these, and the report prints the definition next
to it. Patent-level indicators follow the OECD patent quality indicators (Squicciarini, Dernis &
Criscuolo 2013, "Measuring Patent Quality", OECD STI Working Paper 2013/03); they are grouped
into CNIPA's legal / technical / economic value degrees (专利价值分析: 法律价值度, 技术价值度,
经济价值度) and GB/T 42748-2023 专利评估指引. Organisation indicators aggregate them and add
portfolio, landscape and network facts.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DIMENSIONS", "ORG_INDICATORS", "PATENT_INDICATORS", "Indicator", "indicator"]

DIMENSIONS = {
    "legal": ("法律价值度", "Legal value"),
    "technical": ("技术价值度", "Technical value"),
    "economic": ("经济价值度", "Economic value"),
    "strategic": ("战略与布局", "Strategy and position"),
    "people": ("人才与合作", "People and collaboration"),
}


@dataclass(frozen=True)
class Indicator:
    """One indicator.

    Attributes:
        key: Column name in the data frames and key in the JSON output.
        zh, en: Short names.
        dimension: A key of :data:`DIMENSIONS`.
        higher_is_better: Direction used for percentiles (False: lower values rank higher).
        unit: Unit shown after the value.
        how_zh, how_en: How it is computed (one or two sentences, printed in reports).
    """

    key: str
    zh: str
    en: str
    dimension: str
    higher_is_better: bool
    unit: str
    how_zh: str
    how_en: str

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def how(self, lang: str) -> str:
        return self.how_zh if lang == "zh" else self.how_en


def _i(key: str, zh: str, en: str, dim: str, up: bool, unit: str, how_zh: str, how_en: str) -> Indicator:
    return Indicator(key, zh, en, dim, up, unit, how_zh, how_en)


PATENT_INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        _i(
            "forward_citations_5y",
            "5年被引次数",
            "Forward citations (5 y)",
            "technical",
            True,
            "",
            "公开后5年内被引用的专利数(数据内的引用关系或来源给出的5年被引数);5年窗口未满则缺失。",
            "Patents citing it within 5 years of its publication (citation links in the data, or the "
            "source's 5-year count); missing while the 5-year window is still open.",
        ),
        _i(
            "forward_citations_rel",
            "队列标准化被引",
            "Cohort-normalised citations",
            "technical",
            True,
            "x",
            "5年被引次数 / 同队列(申请年 x IPC小类)平均值;队列少于5件时逐级放宽到大类、部、年份。",
            "5-year forward citations divided by the mean of its cohort (filing year x IPC subclass); "
            "cohorts under 5 patents widen to class, section, then year.",
        ),
        _i(
            "backward_citations",
            "引用专利数",
            "Backward citations",
            "technical",
            True,
            "",
            "该专利引用的专利文献数量。",
            "Number of patent documents it cites.",
        ),
        _i(
            "family_size",
            "同族规模",
            "Family size",
            "economic",
            True,
            "",
            "来源给出的简单同族申请数(来源未给出则缺失)。",
            "Simple family size as the source gives it (missing where the source gives none).",
        ),
        _i(
            "family_offices",
            "同族受理局数",
            "Offices in family",
            "economic",
            True,
            "",
            "同族成员所在的不同受理局数量(数据内)。",
            "Distinct offices among its family members in the data.",
        ),
        _i(
            "pct",
            "PCT/多国申请",
            "PCT or multi-country",
            "economic",
            True,
            "0/1",
            "WO公开、或同族覆盖2个及以上受理局为1;同族信息缺失的国家公开视为缺失。",
            "1 for a WO publication or a family in 2+ offices; national publications without family data are missing.",
        ),
        _i(
            "claims",
            "权利要求数",
            "Claims",
            "legal",
            True,
            "",
            "权利要求项数。",
            "Number of claims.",
        ),
        _i(
            "scope",
            "保护范围(IPC小类数)",
            "Scope (IPC subclasses)",
            "legal",
            True,
            "",
            "不同4位IPC小类的数量(Lerner 1994)。",
            "Distinct 4-digit IPC subclasses (Lerner 1994).",
        ),
        _i(
            "generality",
            "通用性",
            "Generality",
            "technical",
            True,
            "",
            "1 - 引用它的专利在IPC小类上的赫芬达尔指数。",
            "1 - Herfindahl index over the IPC subclasses of the patents citing it.",
        ),
        _i(
            "originality",
            "原创性",
            "Originality",
            "technical",
            True,
            "",
            "1 - 它引用的专利在IPC小类上的赫芬达尔指数。",
            "1 - Herfindahl index over the IPC subclasses of the patents it cites.",
        ),
        _i(
            "radicalness",
            "突破性",
            "Radicalness",
            "technical",
            True,
            "",
            "被引专利的IPC小类中不属于本专利小类的比例(Shane 2001)。",
            "Share of the cited patents' IPC subclasses outside its own subclasses (Shane 2001).",
        ),
        _i(
            "grant_lag",
            "授权周期",
            "Grant lag",
            "legal",
            False,
            "y",
            "申请日到授权日的年数;越短越好(OECD)。未授权则缺失。",
            "Years from application to grant; shorter is better (OECD). Missing if not granted.",
        ),
        _i(
            "remaining_life",
            "剩余寿命",
            "Remaining life",
            "legal",
            True,
            "y",
            "法定保护期(发明20年、实用新型10年)自申请日起算的剩余年数;失效为0。",
            "Years of statutory term left (20 y inventions, 10 y utility models, from application); 0 when lapsed.",
        ),
        _i(
            "legal_status",
            "法律状态",
            "Legal status",
            "legal",
            True,
            "",
            "有效=1、审中=0.5、失效=0;状态未知则缺失。",
            "In force 1, pending 0.5, lapsed 0; missing when unknown.",
        ),
        _i(
            "topic_growth",
            "所在主题增长率",
            "Topic growth",
            "economic",
            True,
            "/y",
            "所在技术主题近5年相对前5年的年化申请增长率。",
            "Annualised filing growth of its landscape topic, last 5 years vs the 5 before.",
        ),
        _i(
            "topic_centrality",
            "主题中心度",
            "Topic centrality",
            "technical",
            True,
            "",
            "在地图上距所在主题中心的接近程度:1 - 距离/主题内最大距离。",
            "Closeness to its topic's centre on the map: 1 - distance / largest distance in the topic.",
        ),
        _i(
            "quality_index",
            "质量指数",
            "Quality index",
            "technical",
            True,
            "",
            "OECD质量指数6:5年被引、同族规模、权利要求数、通用性、引用数、授权周期(反向)各除以队列最大值后取平均;至少2项。",
            "OECD quality index 6: 5-year citations, family size, claims, generality, backward citations "
            "and grant lag (inverted), each divided by its cohort maximum, averaged; needs 2+ components.",
        ),
    )
}

ORG_INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        _i(
            "portfolio_size",
            "专利规模",
            "Portfolio size",
            "strategic",
            True,
            "",
            "该组织作为申请人/专利权人的专利数。",
            "Patents with the organisation among applicants/owners.",
        ),
        _i(
            "growth",
            "申请增长率",
            "Filing growth",
            "strategic",
            True,
            "/y",
            "近5年相对前5年的年化申请增长率:((近5年+1)/(前5年+1))^(1/5)-1。",
            "Annualised filing growth: ((last 5 y + 1) / (previous 5 y + 1))^(1/5) - 1.",
        ),
        _i(
            "top_decile_share",
            "高质量专利占比",
            "Top-decile share",
            "technical",
            True,
            "%",
            "质量指数位于其队列前10%的专利占比(队列内期望值10%)。",
            "Share of its patents in the top 10% of their cohort by quality index (10% expected).",
        ),
        _i(
            "citation_impact",
            "被引影响力",
            "Citation impact",
            "technical",
            True,
            "x",
            "队列标准化被引的平均值(1=同队列平均)。",
            "Mean cohort-normalised forward citations (1 = cohort average).",
        ),
        _i(
            "generality",
            "平均通用性",
            "Mean generality",
            "technical",
            True,
            "",
            "专利通用性的平均值。",
            "Mean generality of its patents.",
        ),
        _i(
            "originality",
            "平均原创性",
            "Mean originality",
            "technical",
            True,
            "",
            "专利原创性的平均值。",
            "Mean originality of its patents.",
        ),
        _i(
            "radicalness",
            "平均突破性",
            "Mean radicalness",
            "technical",
            True,
            "",
            "专利突破性的平均值。",
            "Mean radicalness of its patents.",
        ),
        _i(
            "backward_citations",
            "平均引用数",
            "Mean backward citations",
            "technical",
            True,
            "",
            "专利引用文献数的平均值。",
            "Mean backward citations of its patents.",
        ),
        _i(
            "scope",
            "平均保护范围",
            "Mean scope",
            "legal",
            True,
            "",
            "每件专利IPC小类数的平均值。",
            "Mean IPC subclasses per patent.",
        ),
        _i(
            "claims",
            "平均权利要求数",
            "Mean claims",
            "legal",
            True,
            "",
            "权利要求数的平均值。",
            "Mean number of claims.",
        ),
        _i(
            "family_size",
            "平均同族规模",
            "Mean family size",
            "economic",
            True,
            "",
            "同族规模的平均值。",
            "Mean family size.",
        ),
        _i(
            "international_share",
            "国际布局占比",
            "International share",
            "economic",
            True,
            "%",
            "经PCT(WO)或地区(EP)途径公开、或同族覆盖2个以上受理局的专利占比。",
            "Share published via PCT (WO) or regional (EP) routes, or with a family in 2+ offices.",
        ),
        _i(
            "office_count",
            "布局受理局数",
            "Offices",
            "economic",
            True,
            "",
            "专利所在的不同受理局数量。",
            "Distinct offices its patents were published in.",
        ),
        _i(
            "granted_share",
            "授权占比",
            "Granted share",
            "legal",
            True,
            "%",
            "已授权公开在全部公开中的占比。",
            "Share of its publications that are grants.",
        ),
        _i(
            "active_share",
            "有效占比",
            "In-force share",
            "legal",
            True,
            "%",
            "法律状态已知的专利中有效的占比。",
            "Share in force among patents with a known legal status.",
        ),
        _i(
            "remaining_life",
            "平均剩余寿命",
            "Mean remaining life",
            "legal",
            True,
            "y",
            "有效及审中专利的平均剩余法定年数。",
            "Mean statutory years left of its in-force and pending patents.",
        ),
        _i(
            "grant_lag",
            "平均授权周期",
            "Mean grant lag",
            "legal",
            False,
            "y",
            "已授权专利的平均授权周期(越短越好)。",
            "Mean grant lag of its granted patents (shorter is better).",
        ),
        _i(
            "focus_fit",
            "重点产业契合度",
            "Focus fit",
            "strategic",
            True,
            "%",
            "落入所选重点产业(产业标签或IPC前缀)的专利占比。",
            "Share of its patents in the chosen focus industries (industry tags or IPC prefixes).",
        ),
        _i(
            "industry_concentration",
            "重点产业集中度",
            "Focus concentration",
            "strategic",
            True,
            "",
            "重点产业内各分支的赫芬达尔指数(1=集中于一个分支)。",
            "Herfindahl index over the focus branches of its focus patents (1 = one branch).",
        ),
        _i(
            "breadth",
            "技术广度",
            "Technology breadth",
            "strategic",
            True,
            "",
            "覆盖的不同4位IPC小类数。",
            "Distinct 4-digit IPC subclasses covered.",
        ),
        _i(
            "topics_led",
            "领先主题数",
            "Topics led",
            "strategic",
            True,
            "",
            "该组织为第一大申请人的景观主题数。",
            "Landscape topics in which it is the largest applicant.",
        ),
        _i(
            "growing_topic_share",
            "增长主题占比",
            "Share in growing topics",
            "strategic",
            True,
            "%",
            "位于增长率高于中位数的主题中的专利占比。",
            "Share of its mapped patents in topics growing faster than the median topic.",
        ),
        _i(
            "main_path_share",
            "主路径占比",
            "Main-path share",
            "technical",
            True,
            "%",
            "位于引文主路径上的专利占比。",
            "Share of its patents on citation main paths.",
        ),
        _i(
            "co_applicants",
            "合作申请人数",
            "Co-applicants",
            "people",
            True,
            "",
            "共同申请专利的不同组织数。",
            "Distinct organisations it co-filed with.",
        ),
        _i(
            "inventor_base",
            "发明人规模",
            "Inventor base",
            "people",
            True,
            "",
            "不同发明人的数量。",
            "Distinct inventors on its patents.",
        ),
    )
}


def indicator(key: str) -> Indicator:
    """The organisation indicator, else the patent indicator, with that key.

    Raises:
        KeyError: No indicator has that key.
    """
    if key in ORG_INDICATORS:
        return ORG_INDICATORS[key]
    return PATENT_INDICATORS[key]
