"""Every page of the app, in Chinese and English, in a real headless chromium.

Each page is opened by URL (``?lang=zh|en``), the test waits for Streamlit to finish the run
and for the page's plot, then asserts the title is in the right language, the plot drew SVG or
canvas, and no exception or error box is on the page. Screenshots go to
``artifacts/screenshots/<page>-<lang>.png`` (CI keeps them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipnav.i18n import tr

pytestmark = pytest.mark.browser

# page -> (title key, selector that proves the page drew what it is for); the overview is the app's root URL
PAGES = {
    "home": ("home.header", '[data-testid="stPlotlyChart"] .main-svg'),
    "data": ("data.header", '[data-testid="stTabs"]'),
    "landscape": ("landscape.header", '[data-testid="stPlotlyChart"] .main-svg g.contourlayer path'),
    "navigation": ("navigation.header", '[data-testid="stPlotlyChart"] .main-svg'),
    "evaluation": ("evaluation.header", '[data-testid="stPlotlyChart"] .main-svg'),
    "graph": ("graph.header", '[data-testid="stPlotlyChart"] .main-svg'),
}
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def _url(path: str) -> str:
    return "" if path == "home" else path


def _settle(page, selector: str) -> None:
    """Wait for the app frame, the page's own element, and the end of the script run."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
    page.wait_for_selector(selector, timeout=90_000, state="attached")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=90_000,
    )
    page.wait_for_timeout(800)  # plotly finishes its transitions


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders(browser, app_url: str, screenshots: Path, path: str, lang: str) -> None:
    title_key, selector = PAGES[path]
    page = browser.new_page()
    try:
        page.goto(f"{app_url}/{_url(path)}?lang={lang}", wait_until="domcontentloaded")
        _settle(page, selector)
        page.screenshot(path=str(screenshots / f"{path}-{lang}.png"), full_page=True)
        errors = page.locator(ERRORS)
        assert errors.count() == 0, errors.first.inner_text()
        assert page.locator("h1").first.inner_text().strip() == tr(title_key, lang)
        assert page.locator(selector).count() >= 1
        if path == "landscape":  # the patents are drawn with WebGL into a canvas on top of the SVG terrain
            assert page.locator('[data-testid="stPlotlyChart"] canvas').count() >= 1
        assert page.locator('[data-testid="stPageNotFoundModal"], [role="dialog"]').count() == 0
    finally:
        page.close()


def test_language_switch_in_sidebar(browser, app_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{app_url}/?lang=zh", wait_until="domcontentloaded")
        _settle(page, PAGES["home"][1])
        assert page.locator("h1").first.inner_text().strip() == tr("home.header", "zh")
        page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
        page.wait_for_function(
            f"() => document.querySelector('h1') && document.querySelector('h1').innerText.trim() === "
            f"{tr('home.header', 'en')!r}",
            timeout=60_000,
        )
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert tr("nav.landscape", "en") in nav and tr("nav.landscape", "zh") not in nav
    finally:
        page.close()


def _open(browser, url: str, selector: str):
    page = browser.new_page()
    page.goto(url, wait_until="domcontentloaded")
    _settle(page, selector)
    return page


def test_evaluation_report_downloads(browser, app_url: str, tmp_path: Path) -> None:
    page = _open(browser, f"{app_url}/evaluation?lang=en", PAGES["evaluation"][1])
    try:
        name = page.locator('[data-testid="stMetricValue"]').first.inner_text()
        assert name  # the score is shown
        page.get_by_role("tab", name=tr("evaluation.tab.report", "en")).click()
        with page.expect_download(timeout=180_000) as info:
            page.get_by_role("button", name=tr("evaluation.report.html", "en")).click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        html = path.read_text(encoding="utf-8")
        assert path.suffix == ".html" and "<html" in html and "content" in html
    finally:
        page.close()


def test_navigation_report_downloads(browser, app_url: str, tmp_path: Path) -> None:
    page = _open(browser, f"{app_url}/navigation?lang=zh", PAGES["navigation"][1])
    try:
        page.get_by_role("tab", name=tr("navigation.tab.report", "zh")).click()
        with page.expect_download(timeout=120_000) as info:
            page.get_by_role("button", name=tr("navigation.report.html", "zh")).click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        assert "专利导航报告" in path.read_text(encoding="utf-8")
    finally:
        page.close()


LENS_ROWS = (
    "Display Key,Jurisdiction,Title,Application Date,Publication Date,Publication Year,Applicants,"
    "IPCR Classifications,Document Type,Legal Status\n"
    "CN 118000001 A,CN,ROBOT JOINT REDUCER FOR HEAVY LOADS,2023-03-01,2024-06-01,2024,LUOYANG BEARING RES CO LTD,"
    "F16C19/00,Patent Application,PENDING\n"
    "???,CN,BROKEN ROW,2023-03-01,2024-06-01,2024,X,F16C19/00,Patent Application,PENDING\n"
)


def test_upload_import_shows_the_summary_and_quarantine(browser, empty_app_url: str, tmp_path: Path) -> None:
    """Import into a new empty store (the prepared workspace is left as it is)."""
    source = tmp_path / "luoyang_upload.csv"
    source.write_text(LENS_ROWS, encoding="utf-8")
    page = _open(browser, f"{empty_app_url}/data?lang=en", PAGES["data"][1])
    try:
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(source))
        page.wait_for_selector('[data-testid="stFileChipName"]', timeout=30_000)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stFileChipIconSpinner\"]')")
        page.get_by_role("button", name=tr("data.run", "en"), exact=True).click()
        page.wait_for_selector(f"text={tr('data.summary', 'en')}", timeout=120_000)
        # the summary heading can arrive one render before its metrics
        page.wait_for_selector('[data-testid="stMetric"]:has-text("Rows quarantined")', timeout=60_000)
        metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
        assert any("Rows read" in m and "2" in m for m in metrics)
        assert any("Rows quarantined" in m and "1" in m for m in metrics)
        assert page.locator(ERRORS).count() == 0
        page.reload(wait_until="domcontentloaded")  # the sidebar counts the new patent
        page.wait_for_selector(f"text={tr('store.patents', 'en', n=1)}", timeout=60_000)
    finally:
        page.close()
