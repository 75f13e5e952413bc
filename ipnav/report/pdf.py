"""PDF reports with fpdf2, offline, with Chinese glyphs (the font of :mod:`ipnav.report.fonts`).

:class:`PdfReport` is a thin layout layer: title, headings, paragraphs, key-value and data tables,
figures and a footer with page numbers and a reproducibility line. Reports of every ipnav module
use it, so they look alike.

Example:
    >>> pdf = PdfReport.create("专利评估 / Evaluation", footer="hash abc")  # doctest: +SKIP
    >>> pdf.h1("摘要 Summary"); pdf.para("得分 72/100")  # doctest: +SKIP
    >>> pdf.save("out.pdf")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from ipnav.report.fonts import find_cjk_font

__all__ = ["PdfReport"]

_INK = (33, 37, 41)
_MUTED = (108, 117, 125)
_ACCENT = (22, 78, 140)
_RULE = (206, 212, 218)
_HEAD_FILL = (233, 239, 247)


class PdfReport(FPDF):
    """An A4 report page layout. Build with :meth:`create` (it loads the font)."""

    footer_text: str = ""
    doc_title: str = ""

    @classmethod
    def create(cls, title: str, *, footer: str = "", creation_date: dt.datetime | None = None) -> PdfReport:
        """A new report with the CJK font registered as family ``cjk``.

        Args:
            title: Document title (PDF metadata and running header).
            footer: Text printed at the bottom of every page (e.g. the content hash).
            creation_date: Fixed creation date for reproducible files (default: 2000-01-01).

        Raises:
            ConfigError: No CJK font is installed (see :mod:`ipnav.report.fonts`).
        """
        spec = find_cjk_font()
        pdf = cls(orientation="P", unit="mm", format="A4")
        pdf.doc_title, pdf.footer_text = title, footer
        pdf.add_font("cjk", "", spec.path, collection_font_number=spec.index)
        pdf.add_font("cjk", "B", spec.bold_path or spec.path, collection_font_number=spec.index)
        pdf.set_title(title)
        pdf.set_creator("ipnav")
        pdf.set_creation_date(creation_date or dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        pdf.set_auto_page_break(auto=True, margin=16)
        pdf.set_margins(16, 16, 16)
        pdf.add_page()
        pdf.set_font("cjk", "", 10)
        pdf.set_text_color(*_INK)
        return pdf

    # --- page furniture -------------------------------------------------------------------
    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("cjk", "", 7.5)
        self.set_text_color(*_MUTED)
        self.cell(0, 5, self.doc_title, align="L")
        self.ln(7)
        self.set_text_color(*_INK)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("cjk", "", 7)
        self.set_text_color(*_MUTED)
        self.cell(0, 5, self.footer_text, align="L")
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(*_INK)

    # --- blocks ---------------------------------------------------------------------------
    def title_block(self, title: str, subtitle: str = "") -> None:
        self.set_font("cjk", "B", 17)
        self.set_text_color(*_ACCENT)
        self.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT", align="L")
        if subtitle:
            self.set_font("cjk", "", 10)
            self.set_text_color(*_MUTED)
            self.multi_cell(0, 5.5, subtitle, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*_INK)
        self.ln(2)
        self._rule()

    def h1(self, text: str, *, keep_with: float = 0.0) -> None:
        """A section heading; starts a new page when less than ``keep_with`` mm (min 30) would follow it."""
        if self.get_y() > self.h - self.b_margin - max(30.0, keep_with + 14):
            self.add_page()
        self.ln(3)
        self.set_font("cjk", "B", 13)
        self.set_text_color(*_ACCENT)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*_INK)
        self.ln(1)

    def h2(self, text: str) -> None:
        if self.get_y() > self.h - 35:
            self.add_page()
        self.ln(1.5)
        self.set_font("cjk", "B", 10.5)
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT", align="L")

    def para(self, text: str, *, size: float = 9.5, muted: bool = False) -> None:
        self.set_font("cjk", "", size)
        if muted:
            self.set_text_color(*_MUTED)
        self.multi_cell(0, size * 0.52, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*_INK)
        self.ln(1)

    def bullets(self, items: Sequence[str], *, size: float = 9.5) -> None:
        self.set_font("cjk", "", size)
        for item in items:
            self.cell(4, size * 0.52, "•")
            self.multi_cell(0, size * 0.52, item, new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1)

    def big_number(self, label: str, value: str, note: str = "") -> None:
        """A highlighted figure (e.g. the score) with its label and a note."""
        self.set_fill_color(*_HEAD_FILL)
        y = self.get_y()
        self.rect(self.l_margin, y, self.epw, 22, style="F")
        self.set_xy(self.l_margin + 4, y + 3)
        self.set_font("cjk", "B", 22)
        self.set_text_color(*_ACCENT)
        self.cell(38, 16, value)
        self.set_text_color(*_INK)
        self.set_xy(self.l_margin + 44, y + 3.5)
        self.set_font("cjk", "B", 10.5)
        self.multi_cell(self.epw - 48, 5.5, label, new_x="LMARGIN", new_y="NEXT", align="L")
        if note:
            self.set_x(self.l_margin + 44)
            self.set_font("cjk", "", 8.5)
            self.set_text_color(*_MUTED)
            self.multi_cell(self.epw - 48, 4.5, note, new_x="LMARGIN", new_y="NEXT", align="L")
            self.set_text_color(*_INK)
        self.set_y(y + 25)

    def data_table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float] | None = None,
        align: Sequence[str] | None = None,
        size: float = 8,
        headings: bool = True,
    ) -> None:
        """A data table that wraps text in cells and repeats its header on new pages."""
        self.set_font("cjk", "", size)
        head_style = FontFace(emphasis="BOLD", fill_color=_HEAD_FILL)
        with super().table(
            col_widths=tuple(widths) if widths else None,
            text_align=tuple(align) if align else "LEFT",
            headings_style=head_style,
            line_height=size * 0.5,
            borders_layout="HORIZONTAL_LINES",
            padding=(0.8, 1.2),
            repeat_headings=1,
            first_row_as_headings=headings,
        ) as tbl:
            if headings:
                row = tbl.row()
                for h in header:
                    row.cell(h)
            for values in rows:
                row = tbl.row()
                for v in values:
                    row.cell(str(v))
        self.ln(2)

    def key_values(self, pairs: Sequence[tuple[str, str]], *, size: float = 8.5) -> None:
        """Two-column label / value lines (appendix parameters)."""
        self.data_table([], [list(p) for p in pairs], widths=(35, 65), size=size, headings=False)

    def figure_height(self, png: bytes, *, width: float | None = None) -> float:
        """Height in mm a PNG takes at ``width`` (default: full text width)."""
        w_px, h_px = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        return (width or self.epw) * h_px / max(w_px, 1)

    def figure(self, png: bytes, *, width: float | None = None) -> None:
        """Place a PNG (e.g. :func:`ipnav.report.figures.png_bytes`) at full text width."""
        w = width or self.epw
        self.image(io.BytesIO(png), x=self.l_margin, w=w)
        self.ln(2)

    def _rule(self) -> None:
        self.set_draw_color(*_RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def save(self, path: str | Path) -> Path:
        """Write the PDF; return the path."""
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        self.output(str(out))
        return out
