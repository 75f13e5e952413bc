"""A run killed half-way resumes where it stopped and re-embeds nothing (killed for real, SIGKILL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from ipnav.cli import main
from ipnav.embed import EmbedStats, FakeEmbedder, embed_texts
from ipnav.embed.base import text_hash
from ipnav.store.sqlite import SqliteStore
from ipnav.synthetic import synthetic_records

REPO = Path(__file__).resolve().parents[2]
TEXTS = [f"bearing housing variant {i}" for i in range(95)]

# The child embeds TEXTS in chunks of 10 and, when asked for its 4th chunk, says so and waits
# for stdin: the parent then kills it with SIGKILL (no cleanup, no finally blocks run).
CHILD = textwrap.dedent(
    """
    import sys
    from ipnav.embed import FakeEmbedder, embed_texts
    from ipnav.store.sqlite import SqliteStore

    class StopsAtChunk(FakeEmbedder):
        calls = 0
        def encode(self, texts):
            if self.calls == 3:
                print("waiting", flush=True)
                sys.stdin.read()
            self.calls += 1
            return super().encode(texts)

    texts = [f"bearing housing variant {i}" for i in range(95)]
    store = SqliteStore(sys.argv[1]).open()
    embed_texts(texts, StopsAtChunk(16), store=store, chunk_size=10, progress=False)
    print("finished", flush=True)
    """
)


class CountingEmbedder(FakeEmbedder):
    def __init__(self, dim: int):
        super().__init__(dim)
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return super().encode(texts)


def test_killed_run_resumes_without_reembedding(tmp_path: Path):
    db = tmp_path / "ipnav.db"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db)], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "waiting"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    with SqliteStore(db) as store:
        assert len(store.get_embeddings("fake-16", [text_hash(t) for t in TEXTS])) == 30
        resumed = CountingEmbedder(16)
        stats = EmbedStats()
        vectors = embed_texts(TEXTS, resumed, store=store, chunk_size=10, progress=False, stats=stats)
    assert resumed.seen == TEXTS[30:]
    assert (stats.cached, stats.embedded) == (30, 65)
    np.testing.assert_allclose(vectors, FakeEmbedder(16).encode(TEXTS), atol=1e-7)


@pytest.mark.slow
def test_killed_cli_run_resumes(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Kill ``ipnav embed`` itself once its progress bar shows finished chunks, then run it again."""
    db = tmp_path / "ipnav.db"
    with SqliteStore(db) as store:
        store.upsert_patents(synthetic_records(5000, seed=3))
    cmd = [
        sys.executable,
        "-m",
        "ipnav",
        "embed",
        "--store",
        f"sqlite:///{db}",
        "--model",
        "fake",
        "--chunk-size",
        "100",
    ]
    env = {**os.environ, "COLUMNS": "120"}
    child = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        assert child.stderr is not None
        seen = b""
        while b"cached=0" not in seen:  # tqdm shows the postfix after the first finished chunk
            byte = child.stderr.read(1)
            assert byte, f"ipnav embed ended before any chunk finished: {seen[-300:]!r}"
            seen += byte
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    with SqliteStore(db) as store:
        done = store.conn.execute("SELECT COUNT(*) FROM embedding WHERE model = 'fake-32'").fetchone()[0]
    assert 100 <= done < 5000 and done % 100 == 0

    assert (
        main(
            ["embed", "--store", f"sqlite:///{db}", "--model", "fake", "--chunk-size", "100", "--json", "--no-progress"]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["cached"] == done
    assert result["embedded"] == 5000 - done
