"""A small real workspace for the app tests: a subset of the shipped demo data, built by the
same :func:`ipnav.demo.build_workspace` as ``ipnav demo``, with the deterministic fake embedder
so it is fast and needs no model.

The subset keeps every row of a few applicants the tests pick by name (UBTECH and Tencent from
China, Intel, Bosch, Honda) and every 25th other row of the Lens robotics export, plus all
USPTO samples (real citations) and the Espacenet vise export.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

from ipnav.demo import DEMO_DATA, DemoConfig, build_workspace
from ipnav.embed.base import FakeEmbedder
from ipnav.store.sqlite import SqliteStore

KEEP = ("UBTECH ROBOTICS", "TENCENT TECH", "INTEL CORP", "BOSCH GMBH ROBERT", "HONDA MOTOR")
EVERY = 25


def lens_subset(dest: Path) -> Path:
    """Write the subset of the Lens robotics export to ``dest`` (gzip CSV) and return it."""
    with gzip.open(DEMO_DATA / "lens_robotics_physical_ai.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        applicants = header.index("Applicants")
        rows = [row for i, row in enumerate(reader) if i % EVERY == 0 or any(k in row[applicants] for k in KEEP)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(buffer.getvalue().encode("utf-8"))  # mtime 0: the same subset gives the same bytes
    return dest


def fixture_config(home: Path) -> DemoConfig:
    try:
        from ipnav.landscape import Landscape, Reducer
    except ModuleNotFoundError:  # a checkout without the landscape: the demo skips that stage
        fast = None
    else:  # PCA keeps the fixture fast; the real demo uses UMAP
        fast = Landscape(
            reducer=Reducer(5, method="pca", random_state=7),
            layout=Reducer(2, method="pca", random_state=7),
            random_state=7,
        )
    return DemoConfig(
        sources=[
            lens_subset(home / "sources" / "lens_subset.csv.gz"),
            DEMO_DATA / "uspto",
            DEMO_DATA / "espacenet_machine_vise.csv.gz",
        ],
        embedder=FakeEmbedder(dim=64),
        landscape=fast,
        top_applicants=3,
        scenarios=("investment", "talent"),
        focus_regions=("广东",),  # Tencent (Shenzhen) is in the subset; 河南 has no mapped patent in it
        seed=7,
    )


def build_fixture_workspace(home: Path) -> str:
    """Build the fixture workspace in ``home``; return its store URI."""
    db = home / "ipnav.db"
    with SqliteStore(db) as store:
        build_workspace(store, home, fixture_config(home), progress=False)
    return f"sqlite:///{db}"
