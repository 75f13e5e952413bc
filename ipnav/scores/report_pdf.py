"""The evaluation report laid out as PDF (fpdf2), from :func:`ipnav.scores.report.report_context`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ipnav.report import PdfReport

__all__ = ["write_pdf"]


def write_pdf(path: Path, ctx: dict[str, Any]) -> Path:
    """Write the report context (figures as PNG bytes) as a PDF; return the path."""
    T = ctx["T"]
    pdf = PdfReport.create(ctx["title"], footer=ctx["footer"])
    pdf.title_block(ctx["title"], ctx["subtitle"] + "\n" + ctx["purpose"])
    pdf.h1(T["summary"])
    pdf.big_number(ctx["verdict"], ctx["score_text"], ctx["conf_note"])
    pdf.bullets(ctx["summary"])
    if ctx["strengths"]:
        pdf.h2(T["strengths"])
        pdf.bullets(ctx["strengths"])
    if ctx["weaknesses"]:
        pdf.h2(T["weaknesses"])
        pdf.bullets(ctx["weaknesses"])
    pdf.h1(T["indicators"])
    rows = [
        [
            r["dimension"],
            r["name"],
            r["value"],
            "—" if r["percentile"] is None else str(r["percentile"]),
            r["weight"],
            r["coverage"],
            r["contribution"],
        ]
        for r in ctx["rows"]
    ]
    pdf.data_table(
        [
            T["dimension"],
            T["indicator"],
            T["value"],
            T["percentile"],
            T["weight"],
            T["coverage"],
            T["contribution"],
        ],
        rows,
        widths=(16, 30, 16, 13, 10, 13, 13),
        align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
    )
    if pdf.get_y() + pdf.figure_height(ctx["fig_percentiles"], width=pdf.epw * 0.9) > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.figure(ctx["fig_percentiles"], width=pdf.epw * 0.9)
    pdf.h1(T["portfolio"], keep_with=pdf.figure_height(ctx["fig_filings"], width=pdf.epw * 0.9))
    pdf.figure(ctx["fig_filings"], width=pdf.epw * 0.9)
    facts = ctx["facts"]
    lang = ctx["lang"]
    pdf.key_values(
        [
            (
                "法律状态" if lang == "zh" else "Legal status",
                " · ".join(f"{ctx['status_names'].get(k, k)} {v}" for k, v in facts["status_mix"].items()),
            ),
            (
                "受理局" if lang == "zh" else "Offices",
                " · ".join(f"{k} {v}" for k, v in facts["jurisdictions"].items()),
            ),
            (
                "主要IPC小类" if lang == "zh" else "Top IPC subclasses",
                " · ".join(f"{k} {v}" for k, v in facts["top_subclasses"]),
            ),
            (
                "合作申请人" if lang == "zh" else "Co-applicants",
                " · ".join(f"{k} ({v})" for k, v in facts["partners"]) or T["none"],
            ),
            ("数据中的名称" if lang == "zh" else "Names in the data", " · ".join(facts["names"])),
        ]
    )
    pdf.h1(T["risks"])
    head = [T["patent"], T["title_col"], T["year"], T["holder"], T["left"]]
    widths = (20, 45, 8, 17, 10)
    pdf.h2(f"{T['expiring']} (< {ctx['expiry_years']:g} {'年' if lang == 'zh' else 'years'})")
    pdf.data_table(head, ctx["expiring"], widths=widths) if ctx["expiring"] else pdf.para(T["none"], muted=True)
    pdf.h2(T["blocking"])
    pdf.para(ctx["blocking_note"], size=8, muted=True)
    pdf.data_table(head, ctx["blocking"], widths=widths) if ctx["blocking"] else pdf.para(T["none"], muted=True)
    pdf.h2(T["disputes"])
    if ctx["disputes"]:
        pdf.data_table(
            [T["patent"], T["title_col"], "litigation", "status"],
            ctx["disputes"],
            widths=(20, 50, 10, 20),
        )
    else:
        pdf.para(T["none"], muted=True)
    pdf.h1(
        T["landscape"],
        keep_with=pdf.figure_height(ctx["fig_landscape"], width=pdf.epw * 0.85) if ctx["fig_landscape"] else 20,
    )
    if ctx["fig_landscape"]:
        pdf.figure(ctx["fig_landscape"], width=pdf.epw * 0.85)
    pdf.bullets(ctx["landscape_lines"])
    pdf.h1(T["peers"])
    pdf.data_table(
        [T["organisation"], T["similarity"], T["size"], T["score"], T["rank"]],
        [
            [
                p["key"],
                "—" if p["similarity"] is None else f"{p['similarity']:.2f}",
                str(p["portfolio_size"]),
                "—" if p["score"] is None else f"{p['score']:.1f}",
                str(p["rank"]),
            ]
            for p in ctx["peers"]
        ],
        widths=(50, 12, 12, 12, 10),
        align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
    )
    pdf.h1(
        T["sensitivity"],
        keep_with=pdf.figure_height(ctx["fig_sensitivity"], width=pdf.epw * 0.9) if ctx["fig_sensitivity"] else 20,
    )
    if ctx["fig_sensitivity"]:
        pdf.figure(ctx["fig_sensitivity"], width=pdf.epw * 0.9)
    names = {r["key"]: r["name"] for r in ctx["rows"]}
    pdf.data_table(
        [T["indicator"], T["weight"], T["rank"], T["minus"], T["plus"], T["max_change"]],
        [
            [
                names.get(s["indicator"], s["indicator"]),
                f"{s['weight']:.2f}",
                str(s["rank"]),
                str(s["rank_minus"]),
                str(s["rank_plus"]),
                str(s["max_change"]),
            ]
            for s in ctx["sensitivity"]
        ],
        widths=(34, 12, 10, 16, 16, 18),
        align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
    )
    pdf.h1(T["method"])
    pdf.bullets(ctx["method"], size=8.5)
    pdf.data_table(
        [T["indicator"], T["weight"], T["reason"]],
        [[r["name"], r["weight"], r["reason"]] for r in ctx["rows"] if r["weighted"]],
        widths=(30, 10, 60),
    )
    pdf.h1(T["appendix"])
    pdf.key_values(ctx["appendix_pairs"], size=7.5)
    pdf.h1(T["definitions"])
    pdf.data_table([T["indicator"], ""], [list(d) for d in ctx["definitions"]], widths=(28, 72), size=7.5)
    return pdf.save(path)
