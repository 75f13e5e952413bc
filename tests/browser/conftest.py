"""Fixtures of the browser test: Debian's chromium, a prepared workspace and the running app.

Chromium comes from the system (``scripts/install-browser``), never from a download: the
``playwright`` package drives it through ``executable_path``. Without chromium the tests skip
with a reason, unless ``IPNAV_REQUIRE_BROWSER=1`` (CI), where they fail.

The workspace is ``IPNAV_BROWSER_STORE`` when set (CI points it at the demo workspace built by
``ipnav demo``), else the small fixture workspace of ``tests/app`` built in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"


def _require() -> bool:
    return os.environ.get("IPNAV_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        reason = "Debian chromium is not installed (run scripts/install-browser)"
        if _require():
            pytest.fail(f"IPNAV_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if _require():
            pytest.fail("IPNAV_REQUIRE_BROWSER=1 but the playwright package is not installed")
        pytest.skip("the playwright package is not installed")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def browser_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    uri = os.environ.get("IPNAV_BROWSER_STORE")
    if uri:
        return uri
    from tests.app.workspace import build_fixture_workspace

    home = tmp_path_factory.mktemp("browser-ws")
    return build_fixture_workspace(home)


@contextmanager
def serve(store: str, log: Path) -> Iterator[str]:
    """Run ``ipnav app`` on a free port for ``store``; yield its URL; stop it."""
    port = _free_port()
    env = dict(os.environ, IPNAV_STORE=store, PYTHONPATH=str(REPO))
    env.pop("IPNAV_HOME", None)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ipnav", "app", "--port", str(port), "--store", store],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app did not start (exit {proc.poll()}); log:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()  # ipnav app execs Streamlit: this stops the server itself
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def app_url(browser_store: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the prepared workspace (read by the page tests)."""
    with serve(browser_store, tmp_path_factory.mktemp("app-log") / "streamlit.log") as url:
        yield url


@pytest.fixture()
def empty_app_url(tmp_path: Path) -> Iterator[str]:
    """The app on a new empty store, for tests that write (imports)."""
    with serve(f"sqlite:///{tmp_path / 'ws' / 'ipnav.db'}", tmp_path / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A headless chromium context with a fresh profile (the flags CI uses)."""
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),  # = --user-data-dir=<fresh dir>
            executable_path=chromium,
            headless=True,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
            viewport={"width": 1440, "height": 1800},
            device_scale_factor=1,
            locale="zh-CN",
            accept_downloads=True,
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
