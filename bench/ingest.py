"""Ingest throughput: parse + store, records/second, against pandas.read_csv of the same file.

Two inputs, each measured in a fresh child process (so peak memory is per measurement):

1. the real Lens robotics export (``data/demo/lens_robotics_physical_ai.csv.gz``);
2. a labelled SYNTHETIC Lens-format export of ``--synthetic N`` records (default 1,000,000)
   written by :mod:`ipnav.synthetic` into a temporary folder. Its rows are marked ``[SYNTHETIC]``.

For each: ``ipnav`` = full pipeline (read, validate, tag industries, merge duplicates, write the
SQLite graph) and ``baseline`` = ``pandas.read_csv`` of the same file (parse only, no store).
The ratio is ipnav records/s divided by baseline records/s (below 1: ipnav does much more work).

Usage: ``python bench/ingest.py [--synthetic N]``; the last line printed is the JSON result.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LENS = REPO / "data" / "demo" / "lens_robotics_physical_ai.csv.gz"
HEADER = [
    "Display Key",
    "Jurisdiction",
    "Title",
    "Application Date",
    "Publication Date",
    "Publication Year",
    "Applicants",
    "IPCR Classifications",
    "Document Type",
    "Legal Status",
]


def write_synthetic_lens(path: Path, n: int) -> None:
    """Write ``n`` labelled synthetic records as a Lens-format CSV (gzip)."""
    sys.path.insert(0, str(REPO))
    from ipnav.synthetic import synthetic_records

    with gzip.open(path, "wt", encoding="utf-8", newline="", compresslevel=1) as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for r in synthetic_records(n, seed=7):
            writer.writerow(
                [
                    f"{r.id[:2]} {r.id[2:]} {r.kind}",
                    r.jurisdiction,
                    r.title["en"],
                    r.application_date.isoformat(),
                    r.publication_date.isoformat(),
                    r.publication_date.year,
                    ";;".join(p.name for p in r.applicants),
                    ";;".join(c.symbol for c in r.ipc),
                    "Patent Application",
                    "PENDING",
                ]
            )


def child(kind: str, path: str, workdir: str) -> None:
    sys.path.insert(0, str(REPO))
    import pandas as pd

    from ipnav.ingestion import ingest_paths
    from ipnav.store.sqlite import SqliteStore

    start = time.perf_counter()  # imports excluded: steady-state throughput
    if kind == "pandas":
        rows = len(pd.read_csv(path, dtype=str, keep_default_na=False))
    else:
        with SqliteStore(Path(workdir) / "bench.db") as store:
            rows = ingest_paths([Path(path)], store, progress=True).as_dict()["read"]
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak_mb}))


def measure(kind: str, path: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as workdir:
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(path), workdir], check=True, capture_output=True, text=True
        )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["per_s"] = result["rows"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=1_000_000, help="synthetic records (0: skip)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    results: dict[str, dict[str, dict[str, float]]] = {}
    results["lens"] = {"ipnav": measure("ipnav", LENS), "baseline": measure("pandas", LENS)}
    if args.synthetic:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "SYNTHETIC_lens_format.csv.gz"
            write_synthetic_lens(path, args.synthetic)
            results["synthetic"] = {"ipnav": measure("ipnav", path), "baseline": measure("pandas", path)}
    for name, r in results.items():
        ip, base = r["ipnav"], r["baseline"]
        print(
            f"{name:<10} ipnav {ip['per_s']:>9,.0f} rec/s ({ip['seconds']:.1f} s, peak {ip['peak_mb']:.0f} MB)"
            f"   pandas.read_csv {base['per_s']:>10,.0f} rec/s ({base['seconds']:.1f} s, peak {base['peak_mb']:.0f} MB)"
            f"   ratio {ip['per_s'] / base['per_s']:.3f}"
        )
    main_case = results.get("synthetic", results["lens"])
    print(
        json.dumps(
            {
                "bench": "ingest",
                "ipnav": round(main_case["ipnav"]["per_s"], 1),
                "baseline": round(main_case["baseline"]["per_s"], 1),
                "ratio": round(main_case["ipnav"]["per_s"] / main_case["baseline"]["per_s"], 4),
                "unit": "records/s (parse+store vs pandas.read_csv parse only)",
                "synthetic_records": args.synthetic,
                "cases": {
                    k: {side: {m: round(v, 2) for m, v in r[side].items()} for side in r} for k, r in results.items()
                },
            }
        )
    )


if __name__ == "__main__":
    main()
