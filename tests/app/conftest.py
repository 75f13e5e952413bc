"""Fixtures of the app tests: the fixture workspace (built once per session) and an AppTest
factory that runs ``app.py`` on it, opened at a chosen page and language."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.workspace import build_fixture_workspace

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def workspace_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_fixture_workspace(tmp_path_factory.mktemp("app-ws"))


@pytest.fixture(scope="session")
def workspace_store(workspace_uri: str) -> Iterator[object]:
    from ipnav.store import open_store

    with open_store(workspace_uri) as store:
        yield store


@pytest.fixture()
def scratch_uri(workspace_uri: str, tmp_path: Path) -> str:
    """A private copy of the fixture workspace (store and alias table) for tests that write."""
    import shutil
    import sqlite3

    source = Path(workspace_uri[len("sqlite:///") :])
    target = tmp_path / "scratch" / "ipnav.db"
    target.parent.mkdir(parents=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    for name in ("aliases.csv", "quarantine.csv"):
        if (source.parent / name).is_file():
            shutil.copy(source.parent / name, target.parent / name)
    return f"sqlite:///{target}"


@pytest.fixture()
def app(workspace_uri: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """``app(page, lang)``: the app at ``app_pages/<page>.py`` in ``lang``, after its first run."""
    monkeypatch.setenv("IPNAV_STORE", workspace_uri)
    monkeypatch.delenv("IPNAV_HOME", raising=False)
    monkeypatch.chdir(REPO)

    def make(page: str = "home", lang: str = "zh", *, store: str | None = None) -> AppTest:
        if store:
            os.environ["IPNAV_STORE"] = store
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.query_params["lang"] = lang
        at.run()
        if page != "home":
            at.switch_page(f"app_pages/{page}.py")
            at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return make
