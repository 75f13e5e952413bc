"""Bilingual user-interface text (中文 / English).

Every string a user sees in the app comes from :data:`TEXT`, keyed by a short English id, with
the Chinese text first. :func:`tr` picks the language and fills ``{placeholders}``; table
columns are renamed with :func:`label_columns` (keys ``col.<column>``). A key missing from the
table is a bug and raises ``KeyError``, so a typo cannot ship silently.

Chinese terms follow GB/T 39551 (专利导航指南) where it has one: 产业发展方向 (industry direction),
区域产业定位 (regional positioning), 发展路径 (development paths), 招商引资 (investment attraction),
人才引进 (talent introduction), 资本对接 (capital matching).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["LANGS", "TEXT", "label_columns", "tr"]

LANGS = ("zh", "en")
"""Supported languages; ``zh`` is the default of :class:`ipnav.config.Settings`."""

TEXT: dict[str, tuple[str, str]] = {
    # --- app frame --------------------------------------------------------------------------
    "app.title": ("ipnav 专利导航", "ipnav patent navigation"),
    "app.tagline": (
        "从真实专利数据出发：产业方向、区域定位、发展路径与第三方评价，每个数字都可追溯到专利。",
        "From real patent data to industry direction, regional positioning, development paths and "
        "third-party evaluation — every number traceable to the patents behind it.",
    ),
    "lang.label": ("语言 / Language", "Language / 语言"),
    "nav.home": ("概览", "Overview"),
    "nav.data": ("数据", "Data"),
    "nav.landscape": ("专利地图", "Landscape"),
    "nav.navigation": ("导航", "Navigation"),
    "nav.evaluation": ("评价", "Evaluation"),
    "nav.graph": ("知识图谱", "Graph"),
    "nav.section.work": ("分析", "Analysis"),
    "nav.section.data": ("数据与图谱", "Data and graph"),
    "store.label": ("当前数据库", "Store"),
    "store.patents": ("{n:,} 件专利", "{n:,} patents"),
    "store.empty": (
        "数据库为空。请在“数据”页导入文件，或运行 `ipnav demo` 生成演示工作区。",
        "The store is empty. Import files on the Data page, or run `ipnav demo` to build the demo workspace.",
    ),
    "store.unavailable": ("无法打开数据库：{error}", "Cannot open the store: {error}"),
    "error.prefix": ("出错了：{error}", "Error: {error}"),
    "missing.artifact": (
        "尚无预先计算的结果（{what}）。请运行 `{command}`。",
        "No precomputed result yet ({what}). Run `{command}`.",
    ),
    "missing.module": (
        "此功能所需的模块尚未安装：{module}",
        "The module this feature needs is not available in this installation: {module}",
    ),
    # --- overview ---------------------------------------------------------------------------
    "home.header": ("专利导航工作台", "Patent navigation workbench"),
    "home.steps": ("工作流程", "Workflow"),
    "home.step.data": (
        "导入检索结果，清洗申请人，查看隔离行",
        "Import exports, clean applicants, review quarantined rows",
    ),
    "home.step.landscape": ("技术主题地形图与趋势", "Topographic map of technology topics and trends"),
    "home.step.navigation": ("产业方向 → 区域定位 → 发展路径", "Industry direction → positioning → development paths"),
    "home.step.evaluation": ("企业第三方评价与报告", "Third-party evaluation of an organisation, with report"),
    "home.step.graph": ("专利、机构、发明人的关系", "Relations of patents, organisations and inventors"),
    "home.years": ("申请年份分布", "Filings by year"),
    "home.offices": ("受理局", "Patent offices"),
    "home.top_applicants": ("主要申请人", "Top applicants"),
    "home.industries": ("目标产业", "Target industries"),
    "kpi.patents": ("专利", "Patents"),
    "kpi.organizations": ("机构", "Organisations"),
    "kpi.inventors": ("发明人", "Inventors"),
    "kpi.citations": ("引用关系", "Citations"),
    "kpi.topics": ("技术主题", "Topics"),
    "kpi.cited_only": ("仅被引用", "Cited only"),
    # --- data page --------------------------------------------------------------------------
    "data.header": ("数据", "Data"),
    "data.import": ("导入数据", "Import data"),
    "data.upload": ("上传文件", "Upload files"),
    "data.path": ("服务器路径", "Path on this machine"),
    "data.path.input": ("文件或文件夹路径", "File or folder path"),
    "data.format": ("格式", "Format"),
    "data.format.auto": ("自动识别", "detect"),
    "data.run": ("开始导入", "Import"),
    "data.running": ("正在导入 {name} …", "Importing {name} …"),
    "data.done": ("导入完成", "Import finished"),
    "data.nofiles": ("请先选择文件或输入路径。", "Choose files or give a path first."),
    "data.summary": ("导入结果", "Import summary"),
    "data.workspace_import": ("工作区的导入记录（ipnav demo）", "How this workspace was imported (ipnav demo)"),
    "data.read": ("读取行数", "Rows read"),
    "data.stored": ("入库专利", "Patents stored"),
    "data.merged": ("合并重复", "Duplicates merged"),
    "data.quarantined": ("隔离行", "Rows quarantined"),
    "data.store_effect": (
        "数据库：新增 {inserted:,}，更新 {updated:,}，未变 {unchanged:,}",
        "Store: {inserted:,} new, {updated:,} updated, {unchanged:,} unchanged",
    ),
    "data.file_errors": ("未能读取的文件", "Files not read"),
    "data.quarantine": ("隔离表", "Quarantine"),
    "data.quarantine.help": (
        "无法成为有效记录的行，连同文件、行号、字段和原因；修正源文件后重新导入即可。",
        "Rows that could not become valid records, with file, row, field and reason; fix the source and import again.",
    ),
    "data.quarantine.none": ("没有隔离行。", "No quarantined rows."),
    "data.download": ("下载 CSV", "Download CSV"),
    "data.aliases": ("申请人别名表", "Applicant aliases"),
    "data.aliases.help": (
        "同一机构的不同写法。审核列：yes 采用、no 拒绝、空白 待审；修改后点击“保存并应用”。",
        "Different spellings of one organisation. Reviewed: yes = keep, no = reject, blank = not checked; "
        "edit, then Save and apply.",
    ),
    "data.aliases.none": (
        "还没有别名表。点击“生成建议”从数据库中的申请人写法生成。",
        "No alias table yet. Suggest builds one from the applicant spellings in the store.",
    ),
    "data.aliases.suggest": ("生成建议", "Suggest"),
    "data.aliases.apply": ("保存并应用", "Save and apply"),
    "data.aliases.applied": (
        "已应用 {n:,} 条别名：机构数 {before:,} → {after:,}。",
        "Applied {n:,} aliases: organisations {before:,} → {after:,}.",
    ),
    "data.aliases.rows": ("建议与决定", "Rows"),
    "data.aliases.in_force": ("已生效", "In force"),
    "data.aliases.pending": ("待审核", "Not yet reviewed"),
    "data.status": ("数据库状态", "Store status"),
    "data.nodes": ("节点", "Nodes"),
    "data.edges": ("关系", "Edges"),
    "data.backend": ("数据库", "Store"),
    "data.backend.sqlite": ("内嵌 SQLite（单机，无需服务器）", "Embedded SQLite (no server)"),
    "data.backend.neo4j": ("Neo4j 服务器（团队共享）", "Neo4j server (for teams)"),
    "data.backend.sqlite_path": ("数据库文件", "Database file"),
    "data.backend.neo4j_uri": ("Neo4j 地址", "Neo4j URI"),
    "data.backend.neo4j_help": (
        "用户名和密码来自环境变量 NEO4J_USER / NEO4J_PASSWORD，不在界面中输入。",
        "User and password come from NEO4J_USER / NEO4J_PASSWORD in the environment, never from this page.",
    ),
    "data.backend.connect": ("连接", "Connect"),
    "data.backend.connected": ("已连接 {uri}", "Connected to {uri}"),
    # --- landscape page ---------------------------------------------------------------------
    "landscape.header": ("专利地图", "Patent landscape"),
    "landscape.caption": (
        "{patents:,} 件专利 · {topics} 个技术主题 · 离群 {outliers:.0%} · 向量模型 {embedder}",
        "{patents:,} patents · {topics} topics · {outliers:.0%} outliers · embeddings {embedder}",
    ),
    "landscape.none": (
        "尚无专利地图。请运行 `ipnav demo`（演示数据）或 `ipnav landscape --out DIR`。",
        "No landscape yet. Run `ipnav demo` (demo data) or `ipnav landscape --out DIR`.",
    ),
    "landscape.level": ("主题数（缩放）", "Topics (zoom)"),
    "landscape.years": ("申请年份", "Filing years"),
    "landscape.overlay": ("叠加图层", "Overlay"),
    "landscape.overlay.topics": ("技术主题", "Topics"),
    "landscape.overlay.applicants": ("申请人对比", "Compare applicants"),
    "landscape.overlay.offices": ("受理局", "Offices"),
    "landscape.overlay.score": ("价值评分", "Value score"),
    "landscape.compare": ("对比申请人（最多 3 个）", "Applicants to compare (up to 3)"),
    "landscape.no_score": (
        "这些专利没有可计算的价值评分（导出数据缺少引用、权利要求、同族等字段）。",
        "No value score can be computed for these patents (the export has no citations, claims or families).",
    ),
    "landscape.shown": ("图中显示 {n:,} 件（{lo}–{hi} 年申请）", "{n:,} patents shown (filed {lo}–{hi})"),
    "landscape.topics": ("技术主题", "Topics"),
    "landscape.detail": ("主题详情", "Topic detail"),
    "landscape.pick": ("选择主题", "Topic"),
    "landscape.terms": ("关键词", "Terms"),
    "landscape.codes": ("主要 IPC 小类", "Main IPC subclasses"),
    "landscape.trend": ("年度申请量（浅色年份尚未完全公开）", "Filings per year (light years not fully published yet)"),
    "landscape.applicants": ("主要申请人", "Top applicants"),
    "landscape.patents": ("代表专利", "Representative patents"),
    "landscape.growth": ("5 年年均增长", "5-year annual growth"),
    "landscape.emerging": ("新兴", "emerging"),
    "landscape.size": ("专利数", "Patents"),
    "landscape.share": ("占比", "Share"),
    # --- navigation page --------------------------------------------------------------------
    "navigation.header": ("专利导航", "Patent navigation"),
    "navigation.caption": (
        "按 GB/T 39551：产业发展方向 → 区域/企业定位 → 发展路径。每条结论都附有数字和背后的专利。",
        "Following GB/T 39551: industry direction → positioning → development paths. Every statement carries "
        "its numbers and the patents behind it.",
    ),
    "navigation.saved": ("已有导航结果", "Saved navigation"),
    "navigation.new": ("新的导航对象", "New focus"),
    "navigation.kind": ("导航对象", "Focus"),
    "navigation.kind.applicant": ("企业", "Company"),
    "navigation.kind.region": ("地区", "Region"),
    "navigation.kind.ids": ("专利清单", "Patent list"),
    "navigation.query.applicant": ("企业名称", "Company name"),
    "navigation.query.region": ("省或市（如 河南、洛阳、HENAN）", "Province or city (河南, 洛阳, HENAN …)"),
    "navigation.query.ids": ("上传专利号清单（每行一个）", "Upload a list of publication numbers (one per line)"),
    "navigation.run": ("开始导航", "Navigate"),
    "navigation.running": (
        "正在为 {name} 计算导航（定位、空白区置换检验、路径），约需半分钟 …",
        "Navigating for {name} (positioning, white-space permutation test, routes); about half a minute …",
    ),
    "navigation.none": (
        "还没有导航结果。请运行 `ipnav demo`，或在上方选择一个导航对象。",
        "No navigation result yet. Run `ipnav demo`, or choose a focus above.",
    ),
    "navigation.focus": ("{label} · {n:,} 件专利 · 生成于 {date}", "{label} · {n:,} patents · generated {date}"),
    "navigation.tab.direction": ("产业发展方向", "Industry direction"),
    "navigation.tab.positioning": ("定位", "Positioning"),
    "navigation.tab.paths": ("发展路径", "Development paths"),
    "navigation.tab.mainpath": ("技术主路径", "Main paths"),
    "navigation.tab.report": ("报告", "Report"),
    "navigation.growing_topics": ("增长最快的技术主题", "Fastest-growing topics"),
    "navigation.growing_branches": ("增长最快的 IPC 小类", "Fastest-growing IPC subclasses"),
    "navigation.matrix": (
        "定位矩阵（气泡大小 = 主题专利数；编号见下表）",
        "Positioning matrix (bubble = topic size; numbers as in the table)",
    ),
    "navigation.map": (
        "导航地图：本方专利、强势主题、空白区与路径",
        "Navigation map: focus patents, strong topics, white space, routes",
    ),
    "navigation.gaps": (
        "空白区（按透明公式排序，含各项理由）",
        "White space, ranked by the transparent formula with every term",
    ),
    "navigation.gaps.none": (
        "置换检验下没有邻近增长主题的显著空白区；见下方的机会主题。",
        "No significant white space next to growing topics under the permutation test; see the opportunities below.",
    ),
    "navigation.formula": (
        "得分 = 0.25·增长 + 0.25·市场 + 0.25·缺位 + 0.25·关联（取已有项的加权平均）",
        "score = 0.25·growth + 0.25·market + 0.25·absence + 0.25·relatedness (weighted mean of the terms present)",
    ),
    "navigation.opportunities": ("机会主题（弱势但增长）", "Opportunities (weak but growing topics)"),
    "navigation.routes": ("突破路径（从优势主题到目标）", "Routes from strengths to targets"),
    "navigation.attract": ("招商引资对象", "Companies to attract (招商引资)"),
    "navigation.talent": ("人才引进对象", "Inventors to recruit (人才引进)"),
    "navigation.partners": ("产学研合作伙伴", "University and institute partners"),
    "navigation.no_inventors": ("这些记录没有发明人数据。", "These records carry no inventor data."),
    "navigation.mainpath.field": ("全领域引文主路径", "Main path of the whole field"),
    "navigation.mainpath.topic": ("主题的关键专利", "Key patents of a topic"),
    "navigation.mainpath.pick": ("路径上的主题", "Topic on a route"),
    "navigation.mainpath.none": (
        "无引文数据：列出最具代表性的专利。",
        "No citation data: the most typical patents are listed.",
    ),
    "navigation.report.html": ("下载导航报告（HTML）", "Download the navigation report (HTML)"),
    "navigation.report.json": ("下载数据（JSON）", "Download the data (JSON)"),
    "navigation.patents_behind": ("依据专利", "Patents behind it"),
    # --- evaluation page --------------------------------------------------------------------
    "evaluation.header": ("第三方评价", "Third-party evaluation"),
    "evaluation.caption": (
        "以同行百分位衡量企业的专利实力；权重可调，评分与排名实时更新，并给出 ±20% 权重下的排名稳定性。",
        "The organisation's patents measured as percentiles within its peer group; move the weights and the score, "
        "rank and ±20 % rank stability update at once.",
    ),
    "evaluation.org": ("评价对象", "Organisation"),
    "evaluation.scenario": ("评价场景", "Scenario"),
    "evaluation.none": (
        "还没有预先计算的评价。请运行 `ipnav demo`，或在下方评价一个机构。",
        "No precomputed evaluation yet. Run `ipnav demo`, or evaluate an organisation below.",
    ),
    "evaluation.other": ("评价其他机构", "Evaluate another organisation"),
    "evaluation.other.name": ("机构名称（原文或规范名）", "Organisation name (as written or normalised)"),
    "evaluation.other.run": ("评价", "Evaluate"),
    "evaluation.other.running": (
        "正在评价 {name}（首次需加载全部专利，约十秒）…",
        "Evaluating {name} (the first time loads every patent, about ten seconds) …",
    ),
    "evaluation.score": ("综合得分", "Score"),
    "evaluation.rank": ("同行排名", "Peer rank"),
    "evaluation.rank_value": ("{rank} / {n}", "{rank} of {n}"),
    "evaluation.confidence": ("置信度", "Confidence"),
    "evaluation.patents": ("专利数", "Patents"),
    "evaluation.stability": ("±20% 权重最大排名变化", "Worst rank change at ±20 %"),
    "evaluation.weight_used": ("有数据支撑的权重 {share:.0%}", "{share:.0%} of the weight has data"),
    "evaluation.changed": ("（已调整权重）", "(weights changed)"),
    "evaluation.tab.scorecard": ("评分卡", "Scorecard"),
    "evaluation.tab.weights": ("权重与敏感性", "Weights and sensitivity"),
    "evaluation.tab.peers": ("同行对比", "Peer group"),
    "evaluation.tab.risks": ("优势与风险", "Strengths and risks"),
    "evaluation.tab.report": ("报告", "Report"),
    "evaluation.percentiles": ("同行百分位（按价值维度着色）", "Peer percentiles (coloured by value dimension)"),
    "evaluation.weights.help": (
        "权重为相对值；缺少数据的指标自动退出，其余按比例放大。",
        "Weights are relative; indicators without data drop out and the rest are rescaled.",
    ),
    "evaluation.weights.reset": ("恢复场景权重", "Reset to the scenario's weights"),
    "evaluation.sensitivity": ("各权重 ±20% 时的排名", "Rank with each weight at ±20 %"),
    "evaluation.peer_rule": ("同行选择规则：{rule}", "Peer rule: {rule}"),
    "evaluation.strengths": ("优势指标", "Strengths"),
    "evaluation.weaknesses": ("薄弱指标", "Weaknesses"),
    "evaluation.expiring": ("即将到期的核心专利", "Core patents expiring soon"),
    "evaluation.blocking": (
        "同领域境外权利人的有效专利（潜在障碍）",
        "Foreign-held patents in force in the same fields",
    ),
    "evaluation.disputes": ("诉讼或无效", "Litigation or invalidation"),
    "evaluation.nothing": ("无", "None"),
    "evaluation.lapsed": ("失效专利占比 {share:.0%}", "Lapsed share {share:.0%}"),
    "evaluation.report.help": (
        "报告按当前权重重新计算并生成，附录含数据与参数的内容哈希，便于复核。",
        "The report is computed again with the current weights; its appendix carries a content hash for review.",
    ),
    "evaluation.report.html": ("下载 HTML 报告", "Download HTML report"),
    "evaluation.report.pdf": ("下载 PDF 报告", "Download PDF report"),
    "evaluation.reproduce": ("复现命令", "Command to reproduce"),
    "confidence.high": ("高", "high"),
    "confidence.medium": ("中", "medium"),
    "confidence.low": ("低", "low"),
    # --- graph page -------------------------------------------------------------------------
    "graph.header": ("知识图谱", "Knowledge graph"),
    "graph.explorer": ("邻域浏览", "Neighbourhood explorer"),
    "graph.kind": ("节点类型", "Node type"),
    "graph.search": ("搜索", "Search"),
    "graph.key": ("节点", "Node"),
    "graph.limit": ("最多邻居数", "Most neighbours"),
    "graph.recenter": ("以此节点为中心", "Centre on"),
    "graph.neighbours": ("邻居", "Neighbours"),
    "graph.similar": ("语义最相近的专利", "Most similar patents (by meaning)"),
    "graph.similar.none": (
        "尚无专利向量：运行专利地图（ipnav landscape）后可用。",
        "No patent vectors yet: available after the landscape (ipnav landscape) has run.",
    ),
    "graph.nothing": ("没有找到匹配的节点。", "No matching node."),
    "graph.console": ("Cypher 只读控制台", "Read-only Cypher console"),
    "graph.console.help": (
        "只读事务（READ 访问模式）：写入语句会被拒绝。参数请用 $name 并在下方 JSON 中给出。",
        "Read transactions only (READ access mode): writes are refused. Use $name parameters, given as JSON below.",
    ),
    "graph.console.query": ("查询", "Query"),
    "graph.console.params": ("参数（JSON）", "Parameters (JSON)"),
    "graph.console.run": ("运行", "Run"),
    "graph.console.rows": ("{n:,} 行", "{n:,} rows"),
    "graph.console.neo4j_only": (
        "Cypher 控制台只在 Neo4j 模式下可用（在“数据”页连接 Neo4j 服务器）。",
        "The Cypher console is available in Neo4j mode (connect a Neo4j server on the Data page).",
    ),
    "label.Patent": ("专利", "Patent"),
    "label.Organization": ("机构", "Organisation"),
    "label.Inventor": ("发明人", "Inventor"),
    "label.Code": ("分类号", "Classification"),
    "label.Industry": ("产业", "Industry"),
    "label.Family": ("同族", "Family"),
    "label.Topic": ("技术主题", "Topic"),
    "label.Region": ("地区", "Region"),
    # --- table columns ----------------------------------------------------------------------
    "col.id": ("编号", "ID"),
    "col.key": ("键", "Key"),
    "col.name": ("名称", "Name"),
    "col.label": ("类型", "Type"),
    "col.type": ("关系", "Relation"),
    "col.patents": ("专利数", "Patents"),
    "col.year": ("年份", "Year"),
    "col.title": ("标题", "Title"),
    "col.applicant": ("申请人", "Applicant"),
    "col.jurisdiction": ("受理局", "Office"),
    "col.share": ("占比", "Share"),
    "col.format": ("格式", "Format"),
    "col.files": ("文件数", "Files"),
    "col.read": ("读取", "Read"),
    "col.stored": ("入库", "Stored"),
    "col.merged_duplicates": ("合并", "Merged"),
    "col.quarantined": ("隔离", "Quarantined"),
    "col.source": ("文件", "File"),
    "col.location": ("位置", "Location"),
    "col.field": ("字段", "Field"),
    "col.reason": ("原因", "Reason"),
    "col.raw": ("原始值", "Raw"),
    "col.file": ("文件", "File"),
    "col.error": ("错误", "Error"),
    "col.variant": ("写法", "Variant"),
    "col.canonical": ("统一为", "Canonical"),
    "col.score": ("得分", "Score"),
    "col.alias_score": ("相似度", "Similarity"),
    "col.reviewed": ("审核", "Reviewed"),
    "col.applied": ("已生效", "In force"),
    "col.variant_name": ("原名", "Variant name"),
    "col.canonical_name": ("统一名称", "Canonical name"),
    "col.canonical_patents": ("统一后专利数", "Canonical patents"),
    "col.count": ("数量", "Count"),
    "col.node": ("节点", "Node"),
    "col.indicator": ("指标", "Indicator"),
    "col.dimension": ("维度", "Dimension"),
    "col.value": ("数值", "Value"),
    "col.shown": ("数值", "Value"),
    "col.percentile": ("同行百分位", "Peer percentile"),
    "col.weight": ("权重", "Weight"),
    "col.contribution": ("得分贡献", "Contribution"),
    "col.coverage": ("数据覆盖", "Coverage"),
    "col.rank": ("排名", "Rank"),
    "col.rank_minus": ("权重 -20% 排名", "Rank at -20 %"),
    "col.rank_plus": ("权重 +20% 排名", "Rank at +20 %"),
    "col.target_change": ("本机构最大变化", "Largest change"),
    "col.max_change": ("组内最大变化", "Largest change in group"),
    "col.similarity": ("相似度", "Similarity"),
    "col.weight_used": ("有效权重", "Weight with data"),
    "col.evaluated": ("评价对象", "Evaluated"),
    "col.number": ("公开号", "Number"),
    "col.holder": ("权利人", "Holder"),
    "col.home": ("国别", "Country"),
    "col.remaining_life": ("剩余保护期（年）", "Years left"),
    "col.unit": ("单位", "Unit"),
    "col.topic": ("技术主题", "Topic"),
    "col.no": ("编号", "No."),
    "col.size": ("专利数", "Patents"),
    "col.growth": ("5 年增长", "5-year growth"),
    "col.emerging": ("新兴", "Emerging"),
    "col.applicants": ("主要申请人", "Top applicants"),
    "col.codes": ("主要小类", "Main subclasses"),
    "col.probability": ("隶属度", "Membership"),
    "col.focus_n": ("本方专利", "Focus patents"),
    "col.focus_share": ("本方占比", "Focus share"),
    "col.world_share": ("全球占比", "World share"),
    "col.rta": ("RTA", "RTA"),
    "col.relative_growth": ("相对增长", "Relative growth"),
    "col.density": ("关联密度", "Relatedness"),
    "col.strong": ("优势", "Strong"),
    "col.quadrant": ("象限", "Quadrant"),
    "col.gap": ("空白区", "Gap"),
    "col.market": ("市场", "Market"),
    "col.absence": ("缺位", "Absence"),
    "col.relatedness": ("关联", "Relatedness"),
    "col.p_value": ("p 值", "p-value"),
    "col.inside": ("区内专利", "Inside"),
    "col.expected": ("应有专利", "Expected"),
    "col.near": ("邻近主题", "Nearest topics"),
    "col.target": ("目标主题", "Target"),
    "col.why": ("理由", "Why"),
    "col.route": ("路径", "Route"),
    "col.steps": ("步数", "Steps"),
    "col.strength": ("路径强度", "Strength"),
    "col.kind": ("类型", "Kind"),
    "col.recent_patents": ("近 5 年专利", "Recent patents"),
    "col.region": ("地区", "Region"),
    "col.employer": ("所在单位", "Employer"),
    "col.topics": ("涉及主题", "Topics"),
    "col.examples": ("示例专利", "Examples"),
    "col.branch": ("小类", "Subclass"),
    "col.total_n": ("专利数", "Patents"),
    "col.recent_n": ("近 5 年", "Last 5 years"),
    "col.earlier_n": ("此前 5 年", "5 years before"),
}


def tr(key: str, lang: str = "zh", **values: Any) -> str:
    """The text of ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    Args:
        key: A key of :data:`TEXT`.
        lang: ``zh`` or ``en`` (anything else falls back to ``zh``).
        **values: Values for the placeholders.

    Raises:
        KeyError: The key is not in the table.

    Example:
        >>> tr("store.patents", "en", n=14103)
        '14,103 patents'
        >>> tr("nav.landscape", "zh")
        '专利地图'
    """
    zh, en = TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def column_label(column: str, lang: str = "zh") -> str:
    """A column's display name (``col.<column>`` in :data:`TEXT`), or the column itself when unknown.

    Example:
        >>> column_label("patents", "zh"), column_label("x", "en")
        ('专利数', 'x')
    """
    key = f"col.{column}"
    return tr(key, lang) if key in TEXT else column


def label_columns(
    columns: Iterable[str], lang: str = "zh", *, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """A rename mapping for a table's columns (for ``DataFrame.rename(columns=...)``).

    Args:
        columns: Column names.
        lang: ``zh`` or ``en``.
        extra: Display names that override the table's.

    Example:
        >>> label_columns(["name", "patents"], "en")
        {'name': 'Name', 'patents': 'Patents'}
    """
    extra = dict(extra or {})
    return {c: extra.get(c) or column_label(c, lang) for c in columns}


__all__ += ["column_label"]
