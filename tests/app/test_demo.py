"""``ipnav demo`` / ``build_workspace``: stages, reuse, and the ``ipnav app`` command line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ipnav.cli.app import app_command
from ipnav.demo import MANIFEST, build_workspace
from ipnav.exceptions import ConfigError
from ipnav.store import open_store
from tests.app.workspace import fixture_config


def _home(uri: str) -> Path:
    return Path(uri[len("sqlite:///") :]).parent


def test_fixture_build_ran_every_stage(workspace_store) -> None:
    stages = workspace_store.get_artifact(MANIFEST)["stages"]
    assert set(stages) >= {"ingest", "aliases", "scores"}
    ingest = stages["ingest"]["summary"]
    assert ingest["read"] == ingest["stored"] + ingest["merged_duplicates"] + ingest["quarantined"]
    assert ingest["stored"] == workspace_store.count_patents()


def test_second_build_reuses_every_stage(scratch_uri: str) -> None:
    home = _home(scratch_uri)
    with open_store(scratch_uri) as store:
        before = store.get_artifact(MANIFEST)["stages"]
        after = build_workspace(store, home, fixture_config(home), progress=False)["stages"]
    ran = {name for name, stage in before.items() if stage.get("fingerprint")}
    assert ran and all(after[name]["reused"] for name in ran)
    assert {n: after[n]["fingerprint"] for n in ran} == {n: before[n]["fingerprint"] for n in ran}


@pytest.mark.slow
def test_a_changed_parameter_reruns_that_stage_and_the_ones_after(scratch_uri: str) -> None:
    home = _home(scratch_uri)
    config = replace(fixture_config(home), top_applicants=2)
    with open_store(scratch_uri) as store:
        stages = build_workspace(store, home, config, progress=False)["stages"]
    assert stages["ingest"]["reused"] and stages["aliases"]["reused"]
    assert not stages["scores"]["reused"]
    if "navigation" in stages and stages["navigation"].get("fingerprint"):
        assert not stages["navigation"]["reused"]  # downstream of scores: its fingerprint chains


def test_unknown_stage_is_refused(scratch_uri: str) -> None:
    home = _home(scratch_uri)
    with open_store(scratch_uri) as store, pytest.raises(ConfigError, match="unknown stage"):
        build_workspace(store, home, fixture_config(home), stages=["ingest", "mainpaths"], progress=False)


def test_app_command_binds_this_machine_by_default() -> None:
    command = app_command()
    assert command[1:4] == ["-m", "streamlit", "run"]
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert Path(command[4]).name == "app.py" and Path(command[4]).is_file()


@pytest.mark.parametrize("port", [0, 70000])
def test_app_command_checks_the_port(port: int) -> None:
    with pytest.raises(ConfigError, match="between 1 and 65535"):
        app_command(port=port)
