"""The shared report layer: font lookup, PDF layout with Chinese text, number formatting."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from ipnav.exceptions import ConfigError
from ipnav.report import fonts
from ipnav.report.html import fmt_number, render_html


def test_font_env_pointing_nowhere_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("IPNAV_CJK_FONT", "/nonexistent/font.ttc#2")
    fonts.find_cjk_font.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"IPNAV_CJK_FONT points to '/nonexistent/font\.ttc'"):
            fonts.find_cjk_font()
    finally:
        fonts.find_cjk_font.cache_clear()


def test_pdf_with_chinese_text(tmp_path):
    from tests_cjk import require_cjk_font

    spec = require_cjk_font()
    from ipnav.report import PdfReport, new_figure, png_bytes

    pdf = PdfReport.create("测试 Test", footer="hash 123")
    pdf.title_block("专利价值评估", "洛阳 · 装备制造")
    pdf.data_table(["指标", "数值"], [["授权占比", "43.6%"], ["Grant lag", "2.39 y"]], widths=(50, 50))
    fig = new_figure(3, 2)
    fig.add_subplot().set_title("申请趋势")
    pdf.figure(png_bytes(fig), width=60)
    out = pdf.save(tmp_path / "t.pdf")
    assert spec.family.replace(" ", "").encode() in out.read_bytes().replace(b" ", b"")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "专利价值评估" in text and "授权占比" in text and "洛阳" in text


def test_matplotlib_uses_the_cjk_font():
    from tests_cjk import require_cjk_font

    spec = require_cjk_font()
    import matplotlib

    family = fonts.use_cjk_in_matplotlib()
    assert matplotlib.rcParams["font.sans-serif"][0] == family
    assert family == spec.family or "CJK" in family or "Hei" in family or "Fallback" in family


@pytest.mark.parametrize(
    ("value", "kw", "want"),
    [
        (None, {}, "—"),
        (float("nan"), {}, "—"),
        (0.256, {"unit": "%"}, "25.6%"),
        (1234.0, {"digits": 0}, "1,234"),
        (2.5, {"unit": "y"}, "2.50 y"),
    ],
)
def test_fmt_number(value, kw, want):
    assert fmt_number(value, **kw) == want


def test_base_template_escapes(tmp_path):
    html = render_html("report_base.html.j2", {"lang": "en", "title": "<b>x</b>", "footer": "f"})
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "Noto Sans CJK SC" in html
