"""The third-party evaluation report (HTML and PDF, Chinese or English) of one organisation.

:func:`report_context` turns an :class:`~ipnav.scores.evaluation.Evaluation` into the texts and
tables both formats print; :func:`write_report` writes ``.html`` (template
``ipnav/templates/evaluate_report.html.j2``, self-contained) or ``.pdf`` (fpdf2, offline, with the
CJK font of :mod:`ipnav.report.fonts`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ipnav.exceptions import ConfigError
from ipnav.report import png_bytes, svg_markup, write_html
from ipnav.report.html import fmt_number
from ipnav.scores import plots
from ipnav.scores.definitions import DIMENSIONS, ORG_INDICATORS
from ipnav.scores.evaluation import EXPIRY_YEARS, Evaluation, verdict
from ipnav.scores.report_text import APPENDIX_LABELS, HOME_SOURCE, LABELS, SENTENCES, STATUS, method_lines
from ipnav.scores.scenarios import Scenario

__all__ = ["report_context", "write_report"]


def _s(key: str, lang: str, **values: Any) -> str:
    zh, en = SENTENCES[key]
    return (zh if lang == "zh" else en).format(**values)


def _t(key: str, lang: str) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en


def _value_text(row: dict[str, Any], lang: str) -> str:
    if row["value"] is None:
        return f"{_t('missing', lang)}"
    unit = row["unit"]
    if unit == "%":
        return fmt_number(row["value"], unit="%")
    if row["key"] in (
        "portfolio_size",
        "breadth",
        "office_count",
        "co_applicants",
        "inventor_base",
        "topics_led",
    ):
        return fmt_number(row["value"], 0)
    if row["key"] == "growth":
        return f"{100 * row['value']:+.1f}%/" + ("年" if lang == "zh" else "y")
    return fmt_number(row["value"], 2, unit if unit in ("y", "x") else "")


def _indicator_rows(ev: Evaluation, scenario: Scenario, lang: str) -> list[dict[str, Any]]:
    rows = []
    for r in ev.indicators:
        ind = ORG_INDICATORS[r["key"]]
        rows.append(
            {
                "key": r["key"],
                "dimension": DIMENSIONS[r["dimension"]][0 if lang == "zh" else 1],
                "name": ind.name(lang),
                "value": _value_text(r, lang),
                "percentile": None if r["peer_percentile"] is None else round(r["peer_percentile"]),
                "weight": f"{r['weight']:.2f}" if r["weight"] else "—",
                "coverage": fmt_number(r["coverage"], unit="%"),
                "contribution": f"{r['contribution']:.1f}" if r["available"] and r["weight"] else "—",
                "how": ind.how(lang),
                "reason": scenario.reason(r["key"], lang),
                "weighted": r["weight"] > 0,
                "available": r["available"],
                "direction": ("越高越好" if ind.higher_is_better else "越低越好")
                if lang == "zh"
                else ("higher is better" if ind.higher_is_better else "lower is better"),
            }
        )
    dims = list(DIMENSIONS)
    return sorted(rows, key=lambda x: (not x["weighted"], dims.index(ORG_INDICATORS[x["key"]].dimension)))


def _named_list(ev: Evaluation, keys: list[str], lang: str) -> list[str]:
    by_key = {r["key"]: r for r in ev.indicators}
    sep = "同行百分位" if lang == "zh" else "peer percentile"
    return [
        f"{ORG_INDICATORS[k].name(lang)}: {_value_text(by_key[k], lang)} ({sep} {by_key[k]['peer_percentile']:.0f})"
        for k in keys
    ]


def _title(patent: dict[str, Any], lang: str) -> str:
    """The title in the report's language when the record has it (at most 90 characters)."""
    text = patent.get("title_zh") if lang == "zh" else patent.get("title")
    return str(text or patent.get("title") or "")[:90]


def _patent_rows(items: list[dict[str, Any]], extra: str, lang: str) -> list[list[str]]:
    rows = []
    for p in items:
        tail = p.get(extra)
        if extra == "remaining_life" and tail is not None:
            tail = f"{tail:.1f}"
        rows.append(
            [
                p["number"],
                _title(p, lang),
                "" if p.get("year") is None else str(p["year"]),
                p.get("holder", "") if extra != "holder" else "",
                "" if tail is None else str(tail),
            ]
        )
    return rows


def _risk_notes(ev: Evaluation, lang: str) -> list[str]:
    notes = []
    lapsed = ev.risks.get("lapsed_share")
    if lapsed is not None and lapsed >= 0.3:
        notes.append(
            f"失效专利占 {100 * lapsed:.0f}%,组合中相当部分已不受保护。"
            if lang == "zh"
            else f"{100 * lapsed:.0f}% of its patents have lapsed; much of the portfolio is unprotected."
        )
    if ev.confidence_level == "low":
        notes.append(
            "数据较少或覆盖不足,结论仅供参考。" if lang == "zh" else "Thin data: treat the conclusion as indicative."
        )
    if ev.weight_used < 0.999:
        dropped = 100 * (1 - ev.weight_used)
        notes.append(
            f"{dropped:.0f}% 的权重因数据缺失未能使用(见指标表'缺失'项),其余权重按比例放大。"
            if lang == "zh"
            else f"{dropped:.0f}% of the weight had no data (see 'missing' in the table); the rest was rescaled."
        )
    return notes


def report_context(
    ev: Evaluation,
    *,
    scenario: Scenario,
    lang: str = "zh",
    appendix: dict[str, Any] | None = None,
    patents: pd.DataFrame | None = None,
    topic_labels: dict[int, str] | None = None,
    fmt: str = "svg",
) -> dict[str, Any]:
    """Everything the report prints, in one language, with figures rendered (``svg`` or ``png``).

    Raises:
        ConfigError: ``lang`` is not ``zh`` or ``en``.
    """
    if lang not in ("zh", "en"):
        raise ConfigError(f"The 'lang' parameter must be 'zh' or 'en'. Got {lang!r} instead.")
    render = svg_markup if fmt == "svg" else png_bytes
    appendix = dict(appendix or {})
    score_text = "—" if ev.score is None else f"{ev.score:.0f}"
    level = {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")}[ev.confidence_level]
    cp = ev.confidence_parts
    facts = ev.facts
    conf_note = _s("conf", lang, c=ev.confidence, lvl=level[0 if lang == "zh" else 1], **cp)
    home_source = HOME_SOURCE.get(str(facts.get("home_source")), ("", ""))[0 if lang == "zh" else 1]
    summary = [
        _s("rank", lang, rank=ev.rank, n=ev.group_size),
        _s(
            "size",
            lang,
            n=ev.portfolio_size,
            first=facts.get("first_year"),
            last=facts.get("last_year"),
            home=facts.get("home") or "?",
            src=home_source or facts.get("home_source"),
        ),
        _s("sens", lang, d=ev.worst_rank_change, g=facts.get("group_worst_rank_change", 0)),
    ]
    if facts.get("home_source") in ("earliest office", "name"):
        summary.append(_s("home_guess", lang))
    basis = ev.risks.get("blocking_basis", {})
    ctx: dict[str, Any] = {
        "lang": lang,
        "T": {k: _t(k, lang) for k in LABELS},
        "title": f"{ev.name} — {_t('title', lang)}",
        "subtitle": _s("subtitle", lang, sc=scenario.name(lang), d=appendix.get("as_of", "")),
        "purpose": scenario.purpose(lang),
        "verdict": verdict(ev.score, ev.confidence_level, lang),
        "score_text": score_text,
        "conf_note": conf_note,
        "summary": summary + _risk_notes(ev, lang),
        "strengths": _named_list(ev, ev.strengths, lang),
        "weaknesses": _named_list(ev, ev.weaknesses, lang),
        "rows": _indicator_rows(ev, scenario, lang),
        "expiring": _patent_rows(ev.risks.get("expiring", []), "remaining_life", lang),
        "blocking": _patent_rows(ev.risks.get("blocking", []), "remaining_life", lang),
        "blocking_note": _s(
            "blocking_topics" if basis.get("basis") == "topics" else "blocking_codes",
            lang,
            fields=", ".join(basis.get("fields", [])[:8]),
            home=basis.get("home"),
        ),
        "expiry_years": EXPIRY_YEARS,
        "disputes": [
            [
                p["number"],
                _title(p, lang),
                "" if p.get("litigation") is None else str(p["litigation"]),
                p.get("status") or "",
            ]
            for p in ev.risks.get("disputes", [])
        ],
        "facts": ev.facts,
        "peers": ev.peers,
        "status_names": STATUS[lang],
        "peer_rule": ev.peer_rule,
        "sensitivity": [{**s, "name": ORG_INDICATORS[s["indicator"]].name(lang)} for s in ev.sensitivity],
        "appendix": appendix,
        "scenario": scenario,
        "footer": f"ipnav · {appendix.get('content_hash_short', '')}",
    }
    ctx["fig_percentiles"] = render(plots.percentile_figure(ev, lang))
    ctx["fig_filings"] = render(plots.filings_figure(ev, lang))
    ctx["fig_sensitivity"] = render(plots.sensitivity_figure(ev, lang)) if ev.sensitivity else None
    has_map = patents is not None and "x" in patents and patents["x"].notna().any()
    ctx["fig_landscape"] = (
        render(plots.landscape_figure(patents, ev.applicant, topic_labels or {}, lang)) if has_map else None
    )
    by_key = {r["key"]: r for r in ev.indicators}
    ctx["landscape_lines"] = _landscape_lines(by_key, has_map, lang)
    ctx["definitions"] = [(ind.name(lang), ind.how(lang)) for ind in ORG_INDICATORS.values()]
    ctx["appendix_pairs"] = _appendix_pairs(appendix, ev, lang)
    ctx["method"] = method_lines(lang)
    return ctx


def _appendix_pairs(appendix: dict[str, Any], ev: Evaluation, lang: str) -> list[tuple[str, str]]:
    rule = ev.peer_rule
    peer_rule = (
        f"{rule.get('mode')}: basis={rule.get('basis')}, k={rule.get('k')}, min_patents={rule.get('min_patents')}"
    )
    values = {**appendix, "peer_rule": peer_rule}
    pairs = []
    for key, (zh, en) in APPENDIX_LABELS.items():
        if values.get(key) not in (None, ""):
            pairs.append((zh if lang == "zh" else en, str(values[key])))
    return pairs


def _landscape_lines(by_key: dict[str, dict[str, Any]], has_map: bool, lang: str) -> list[str]:
    lines = []
    if not has_map:
        lines.append(
            "数据库中还没有技术景观(主题),相关指标记为缺失。运行 `ipnav landscape` 后重新生成本报告。"
            if lang == "zh"
            else (
                "The store has no landscape (topics) yet; topic indicators are missing. Run `ipnav "
                "landscape` and regenerate this report."
            )
        )
    else:
        for key in ("topics_led", "growing_topic_share"):
            r = by_key[key]
            lines.append(f"{ORG_INDICATORS[key].name(lang)}: {_value_text(r, lang)}")
    mp = by_key["main_path_share"]
    if mp["value"] is None:
        lines.append(
            "尚未提供引文主路径结果,主路径占比记为缺失。"
            if lang == "zh"
            else "No citation main paths were supplied; main-path share is missing."
        )
    else:
        lines.append(f"{ORG_INDICATORS['main_path_share'].name(lang)}: {_value_text(mp, lang)}")
    return lines


def write_report(
    path: str | Path,
    ev: Evaluation,
    *,
    scenario: Scenario,
    lang: str = "zh",
    appendix: dict[str, Any] | None = None,
    patents: pd.DataFrame | None = None,
    topic_labels: dict[int, str] | None = None,
) -> Path:
    """Write the report as HTML or PDF, chosen by the file ending.

    Raises:
        ConfigError: The ending is not ``.html``/``.htm``/``.pdf``, or ``lang`` is invalid, or no
            CJK font is installed (PDF and figures need one).
    """
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise ConfigError(f"The report must end in .html or .pdf. Got {str(path)!r} instead.")
    fmt = "png" if suffix == ".pdf" else "svg"
    ctx = report_context(
        ev,
        scenario=scenario,
        lang=lang,
        appendix=appendix,
        patents=patents,
        topic_labels=topic_labels,
        fmt=fmt,
    )
    if suffix == ".pdf":
        from ipnav.scores.report_pdf import write_pdf

        return write_pdf(out, ctx)
    return write_html(out, "evaluate_report.html.j2", ctx)
