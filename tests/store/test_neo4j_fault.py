"""Fault test: kill the Neo4j server in the middle of a large load, restart it, load again.

The test starts its own server with ``scripts/neo4j-server`` (own port, own data folder under
``tmp_path``), lets a separate process load 20,000 labelled synthetic patents in batches of 250,
kills the server with SIGKILL once some batches are in, restarts it on the same data folder and
runs the same load again. Then:

* what survived the crash is whole batches only (each batch is one transaction);
* the second load inserts exactly the rest and finds the survivors unchanged;
* the final graph answers everything exactly like a clean load of the same records into the
  embedded store (counts, every record, citations, facets, organisations and their names):
  nothing lost, nothing duplicated.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ipnav.store.base import UpsertSummary
from ipnav.synthetic import synthetic_records

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

N_RECORDS, BATCH, SEED = 20_000, 250, 11
REPO = Path(__file__).resolve().parents[2]
LOADER = """
import os, sys
import neo4j
from ipnav.store.neo4j import Neo4jStore
from ipnav.synthetic import synthetic_records
driver = neo4j.GraphDatabase.driver(os.environ["FAULT_URI"], auth=("neo4j", os.environ["NEO4J_PASSWORD"]),
                                    max_transaction_retry_time=2.0, connection_timeout=3.0)
store = Neo4jStore(driver=driver).open()
print("loaded", store.upsert_patents(synthetic_records({n}, seed={seed}, n_applicants=300), batch_size={batch}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(REPO / "scripts" / "neo4j-server"), command],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _start(env: dict[str, str]) -> None:
    started = _server("start", env)
    if started.returncode != 0:
        reason = f"scripts/neo4j-server start failed: {started.stderr.strip()[-800:]}"
        if os.environ.get("IPNAV_REQUIRE_NEO4J") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def _count(uri: str, password: str) -> int:
    import neo4j

    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password), connection_timeout=3.0) as driver:
        records, _, _ = driver.execute_query("MATCH (p:Patent) RETURN count(p) AS n")
        return int(records[0]["n"])


def test_kill_mid_load_restart_and_rerun_equals_a_clean_load(tmp_path: Path, snapshot: Any) -> None:
    from ipnav.store.neo4j import Neo4jStore
    from ipnav.store.sqlite import SqliteStore

    password = "fault-test-password"
    bolt = _free_port()
    uri = f"bolt://127.0.0.1:{bolt}"
    env = {
        **os.environ,
        "NEO4J_BOLT_PORT": str(bolt),
        "NEO4J_HTTP_PORT": str(_free_port()),
        "NEO4J_DATA_DIR": str(tmp_path / "neo4j"),
        "NEO4J_PASSWORD": password,
        "NEO4J_HEAP": "768m",
        "NEO4J_PAGECACHE": "256m",
        "FAULT_URI": uri,
        "PYTHONPATH": str(REPO),
    }
    _start(env)
    try:
        code = LOADER.format(n=N_RECORDS, seed=SEED, batch=BATCH)
        loader = subprocess.Popen(
            [sys.executable, "-c", code], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        while loader.poll() is None and _count(uri, password) < 3 * BATCH:
            time.sleep(0.2)
        assert loader.poll() is None, "the load finished before the server could be killed"
        pid = int((tmp_path / "neo4j" / "run" / "ipnav-neo4j.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        _, err = loader.communicate(timeout=300)
        assert loader.returncode != 0 and "StoreUnavailableError" in err, err[-2000:]

        _start(env)  # recovery from Neo4j's transaction log on the same data folder
        survived = _count(uri, password)
        assert 0 < survived < N_RECORDS and survived % BATCH == 0  # whole batches only
        with Neo4jStore(uri=uri, auth=("neo4j", password)) as store:
            summary = store.upsert_patents(synthetic_records(N_RECORDS, seed=SEED, n_applicants=300), batch_size=BATCH)
            assert summary == UpsertSummary(inserted=N_RECORDS - survived, unchanged=survived)
            after_rerun = snapshot(store)
        with SqliteStore(tmp_path / "clean.db") as clean:
            clean.upsert_patents(synthetic_records(N_RECORDS, seed=SEED, n_applicants=300), batch_size=BATCH)
            expected = snapshot(clean)
        for key in expected:
            assert after_rerun[key] == expected[key], key
        assert expected["counts"]["nodes"]["Patent"] == N_RECORDS
    finally:
        _server("stop", env)
