"""The fixed texts of the evaluation report in Chinese and English (labels, sentences, method)."""

from __future__ import annotations

__all__ = ["APPENDIX_LABELS", "HOME_SOURCE", "LABELS", "SENTENCES", "STATUS", "method_lines"]

LABELS = {
    "title": ("第三方专利评价报告", "Third-party patent evaluation report"),
    "scenario": ("评价场景", "Scenario"),
    "summary": ("一、评价结论", "1. Summary"),
    "indicators": ("二、指标与同行百分位", "2. Indicators and peer percentiles"),
    "portfolio": ("三、专利组合概况", "3. Portfolio"),
    "risks": ("四、优势与风险", "4. Strengths and risks"),
    "landscape": ("五、技术景观位置与主路径", "5. Landscape position and main paths"),
    "peers": ("六、同行组", "6. Peer group"),
    "sensitivity": ("七、权重敏感性", "7. Weight sensitivity"),
    "method": ("八、方法与权重", "8. Method and weights"),
    "appendix": ("附录:数据与参数", "Appendix: data and parameters"),
    "definitions": ("附录:指标定义", "Appendix: indicator definitions"),
    "score": ("综合得分", "Score"),
    "confidence": ("置信度", "Confidence"),
    "dimension": ("维度", "Dimension"),
    "indicator": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "percentile": ("同行百分位", "Peer percentile"),
    "weight": ("权重", "Weight"),
    "coverage": ("数据覆盖率", "Coverage"),
    "contribution": ("得分贡献", "Contribution"),
    "reason": ("理由", "Reason"),
    "missing": ("缺失", "missing"),
    "strengths": ("优势", "Strengths"),
    "weaknesses": ("短板", "Weaknesses"),
    "expiring": ("即将到期的核心专利", "Core patents expiring soon"),
    "blocking": (
        "同领域的境外权利人有效专利(潜在阻碍)",
        "Foreign-held patents in force in the same fields (potential blocking)",
    ),
    "disputes": ("诉讼或无效记录", "Litigation or invalidation"),
    "none": ("无", "none"),
    "patent": ("专利", "Patent"),
    "title_col": ("标题", "Title"),
    "year": ("年份", "Year"),
    "holder": ("权利人", "Holder"),
    "left": ("剩余年数", "Years left"),
    "organisation": ("组织", "Organisation"),
    "similarity": ("相似度", "Similarity"),
    "size": ("专利数", "Patents"),
    "rank": ("排名", "Rank"),
    "minus": ("权重-20%时排名", "Rank at -20%"),
    "plus": ("权重+20%时排名", "Rank at +20%"),
    "max_change": ("组内最大排名变动", "Largest change in group"),
}


HOME_SOURCE = {
    "applicant country": ("申请人国别", "applicant country"),
    "priority country": ("优先权国家", "priority country"),
    "name": ("名称中的地名或公司形式", "place or legal form in the name"),
    "earliest office": ("最早申请的受理局", "office of its earliest filing"),
    "given by the evaluator": ("评价人指定", "given by the evaluator"),
}

STATUS = {
    "zh": {"active": "有效", "pending": "审中", "inactive": "失效", "unknown": "未知"},
    "en": {"active": "in force", "pending": "pending", "inactive": "lapsed", "unknown": "unknown"},
}


SENTENCES = {
    "conf": (
        "置信度 {c:.2f}({lvl})= 数据支撑 {support:.2f} × √规模因子 {size_factor:.2f} × √同行因子 {peer_factor:.2f}",
        "Confidence {c:.2f} ({lvl}) = data support {support:.2f} x sqrt(size factor {size_factor:.2f})"
        " x sqrt(peer factor {peer_factor:.2f})",
    ),
    "rank": ("在 {n} 个同行组织中排名第 {rank}。", "Ranked {rank} of {n} in its peer group."),
    "size": (
        "专利 {n} 件({first}–{last}年申请);本国/地区推断为 {home}(依据:{src})。",
        "{n} patents (filed {first}–{last}); home inferred as {home} (from {src}).",
    ),
    "sens": (
        "各权重分别上下浮动20%时,本组织排名最多变动 {d} 位(组内任一组织最多 {g} 位)。",
        "Moving each weight by +/-20% changes its rank by at most {d} (any group member: {g}).",
    ),
    "home_guess": (
        "本国/地区为推断结果,可能不准确,可用 --home 指定;它决定哪些专利算'境外权利人'。",
        "The home country is inferred and may be wrong; set it with --home. "
        "It decides which patents count as foreign-held.",
    ),
    "subtitle": ("评价场景: {sc} · 评价基准日 {d}", "Scenario: {sc} · as of {d}"),
    "blocking_topics": (
        "比较范围:相同主题 {fields};本组织所在国家/地区 {home}。",
        "Compared within the same topics {fields}; its home: {home}.",
    ),
    "blocking_codes": (
        "比较范围:最大的3个IPC小类 {fields};本组织所在国家/地区 {home}。",
        "Compared within its 3 largest IPC subclasses {fields}; its home: {home}.",
    ),
}


APPENDIX_LABELS = {
    "store": ("数据库", "Store"),
    "patents": ("专利数(全部)", "Patents (all)"),
    "organisations": ("组织数", "Organisations"),
    "citations": ("引用关系数", "Citation links"),
    "data_end": ("数据截止日", "Data end"),
    "as_of": ("评价基准日", "Evaluated as of"),
    "cohort": ("队列标准化", "Cohort normalisation"),
    "topics": ("技术景观", "Landscape"),
    "main_paths": ("主路径", "Main paths"),
    "peer_rule": ("同行组规则", "Peer rule"),
    "scenarios_file": ("权重文件", "Weights file"),
    "focus": ("重点产业", "Focus industries"),
    "ipnav_version": ("ipnav 版本", "ipnav version"),
    "data_hash": ("数据哈希(SHA-256,全部专利记录)", "Data hash (SHA-256 of all patent records)"),
    "content_hash": ("报告内容哈希(数据+参数+权重)", "Content hash (data + parameters + weights)"),
    "command": ("复现命令", "Command to reproduce"),
}


def method_lines(lang: str) -> list[str]:
    if lang == "zh":
        return [
            "专利层面指标参照OECD专利质量指标(Squicciarini, Dernis & Criscuolo 2013)"
            "与国家知识产权局专利价值分析的法律、技术、经济价值度,"
            "以及GB/T 42748-2023《专利评估指引》。",
            "被引等随年龄和领域变化的指标在队列(申请年 × 主IPC小类)内标准化;"
            "队列不足5件时逐级放宽到大类、部、年份,所用层级记录在每件专利上。",
            "组织指标在同行组内换算为百分位:百分位 = 100 × (劣于它的组织数 + 并列数/2) / 有数据的组织数;"
            "缺失值不参与排名,也不按0计。",
            "综合得分 = Σ 权重 × 百分位 / Σ 有数据指标的权重(0–100)。缺失指标的权重按比例分配给其余指标,并降低置信度。",
            "置信度 = 数据支撑(按权重加权的数据覆盖率)× √(n/(n+10)) × √min(1, 同行数/10);≥0.7为高,≥0.4为中。",
            "敏感性:每个权重分别乘以0.8和1.2(其余不变),重新计算组内所有组织的得分与排名,报告最坏情况下的排名变动。",
        ]
    return [
        "Patent indicators follow the OECD patent quality indicators (Squicciarini, Dernis & "
        "Criscuolo 2013), grouped by CNIPA's legal / technical / economic value degrees and GB/T "
        "42748-2023 (patent evaluation guidelines).",
        "Age- and field-dependent values (citations, family) are normalised within cohorts (filing "
        "year x main IPC subclass); cohorts under 5 patents widen to class, section, then year, "
        "and the level used is recorded per patent.",
        "Organisation indicators become percentiles within the peer group: 100 x (members worse + "
        "ties / 2) / members with data; missing values are not ranked and never count as 0.",
        "Score = sum(weight x percentile) / sum(weights of indicators with data), 0-100. The "
        "weight of missing indicators is spread over the others and lowers the confidence.",
        "Confidence = data support (weight-averaged coverage) x sqrt(n / (n + 10)) x sqrt(min(1, "
        "peers / 10)); >= 0.7 high, >= 0.4 medium.",
        "Sensitivity: each weight in turn is multiplied by 0.8 and 1.2 (others unchanged), every "
        "group member is re-scored and re-ranked, and the worst-case rank change is reported.",
    ]
