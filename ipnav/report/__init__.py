"""Shared report rendering: one CJK font, HTML (Jinja2, self-contained) and PDF (fpdf2, offline).

- :mod:`.fonts`: find the CJK font (Debian ``fonts-noto-cjk``) and set matplotlib to use it.
- :mod:`.figures`: matplotlib figures as inline SVG / PNG bytes.
- :mod:`.html`: the Jinja2 environment; templates in ``ipnav/templates`` extend
  ``report_base.html.j2``.
- :mod:`.pdf`: :class:`~ipnav.report.pdf.PdfReport`, the PDF page layout.
"""

from ipnav.report.figures import data_uri, new_figure, png_bytes, svg_markup
from ipnav.report.fonts import FontSpec, find_cjk_font, use_cjk_in_matplotlib
from ipnav.report.html import fmt_number, render_html, write_html
from ipnav.report.pdf import PdfReport

__all__ = [
    "FontSpec",
    "PdfReport",
    "data_uri",
    "find_cjk_font",
    "fmt_number",
    "new_figure",
    "png_bytes",
    "render_html",
    "svg_markup",
    "use_cjk_in_matplotlib",
    "write_html",
]
