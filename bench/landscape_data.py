"""Minimal loaders of three shared exports into PatentRecords, for the landscape bench and demos.

These are NOT the ingest readers (``ingest/lens.py`` and friends, built by the lead): they read
just the fields a landscape needs (id, title, abstract, codes, applicants, dates, jurisdiction) so
the landscape bench runs on any checkout. Rows that cannot be read are counted and reported, never
dropped silently. Prefer the real readers once they are on ``main``.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ipnav.applicants import normalize_name
from ipnav.codes import split_codes
from ipnav.exceptions import InvalidRecordError
from ipnav.pubnum import try_normalize_pubnum
from ipnav.records import Party, PatentRecord, Provenance, parse_date

__all__ = ["kista_records", "lens_robotics_records", "patsnap_records"]


def _date(value: object) -> dt.date | None:
    try:
        return parse_date(value)
    except InvalidRecordError:
        return None


def _parties(cell: object, sep: str) -> tuple[Party, ...]:
    if not isinstance(cell, str) or not cell.strip() or cell.strip() == "-":
        return ()
    names = [n.strip() for n in cell.split(sep) if n.strip()]
    return tuple(Party(name=n, normalized=normalize_name(n)) for n in dict.fromkeys(names))


def lens_robotics_records(path: str | Path, *, skipped: list[str] | None = None) -> Iterator[PatentRecord]:
    """Records of the Lens robotics / physical-AI CSV export (``pai.csv.gz``).

    Args:
        path: The ``.csv`` or ``.csv.gz`` file.
        skipped: When given, ``"row N: reason"`` is appended for each row that is not a patent.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        pub = try_normalize_pubnum(row[0])
        if pub is None:
            if skipped is not None:
                skipped.append(f"row {i}: bad Display Key {row[0]!r}")
            continue
        codes, _bad = split_codes(row[7])
        yield PatentRecord(
            id=pub.key,
            jurisdiction=pub.office,
            kind=pub.kind,
            original_id=row[0],
            title={"en": row[2].strip()} if row[2].strip() else {},
            ipc=tuple(codes),
            applicants=_parties(row[6], ";;"),
            application_date=_date(row[3]),
            publication_date=_date(row[4]),
            legal_status=row[9] or None,
            provenance=(Provenance(str(path), f"row {i}", "lens-csv-bench"),),
        )


def kista_records(path: str | Path) -> Iterator[tuple[PatentRecord, bool]]:
    """(record, in-landscape label) pairs of one KISTA BigQuery landscape file; first row of a
    number wins."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    seen: set[str] = set()
    for i, row in enumerate(frame.to_dict("records"), start=2):
        pub = try_normalize_pubnum(row["publication_number"])
        if pub is None or pub.key in seen:
            continue
        seen.add(pub.key)
        cpc = split_codes(";".join(ast.literal_eval(row["cpc_code"] or "[]")), "CPC")[0]
        ipc = split_codes(";".join(ast.literal_eval(row["ipc_code"] or "[]")), "IPC")[0]
        record = PatentRecord(
            id=pub.key,
            jurisdiction=pub.office,
            kind=pub.kind,
            original_id=row["publication_number"],
            title={"en": row["title_text"]},
            abstract={"en": row["abstract_text"]} if row["abstract_text"] else {},
            ipc=tuple(ipc),
            cpc=tuple(cpc),
            publication_date=_date(row["publication_date"]),
            family_id=row["family_id"] or None,
            provenance=(Provenance(str(path), f"row {i}", "kista-bench"),),
        )
        yield record, row["valid"] == "True"


def patsnap_records(path: str | Path, *, skipped: list[str] | None = None) -> Iterator[PatentRecord]:
    """Bilingual (zh + en title and abstract) records of the PatSnap green-aviation export.

    Args:
        path: The ``.csv.gz`` file.
        skipped: When given, ``"row N: reason"`` is appended for each row that is not a patent.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for i, row in enumerate(frame.to_dict("records"), start=2):
        pub = try_normalize_pubnum(row["公开(公告)号"])
        if pub is None:
            if skipped is not None:
                skipped.append(f"row {i}: bad 公开(公告)号 {row['公开(公告)号']!r}")
            continue
        codes, _bad = split_codes(row["IPC分类号"])
        title = {
            k: v for k, v in (("zh", row["标题(译)(简体中文)"]), ("en", row["标题(译)(English)"])) if v and v != "-"
        }
        abstract = {
            k: v for k, v in (("zh", row["摘要(译)(简体中文)"]), ("en", row["摘要(译)(English)"])) if v and v != "-"
        }
        yield PatentRecord(
            id=pub.key,
            jurisdiction=pub.office,
            kind=pub.kind,
            original_id=row["公开(公告)号"],
            title=title,
            abstract=abstract,
            ipc=tuple(codes),
            applicants=_parties(row["[标]当前申请(专利权)人"], "|"),
            application_date=_date(row["申请日"]),
            publication_date=_date(row["公开(公告)日"]),
            provenance=(Provenance(str(path), f"row {i}", "patsnap-bench"),),
        )


def main(argv: list[str] | None = None) -> int:
    """Load one of the sets into a store: ``python -m bench.landscape_data lens sqlite:///x.db``."""
    import argparse

    from ipnav.store import open_store

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("dataset", choices=("lens", "patsnap"))
    parser.add_argument("store")
    parser.add_argument("--shared", default="../shared/data/patents")
    args = parser.parse_args(argv)
    base = Path(args.shared)
    if args.dataset == "lens":
        skipped: list[str] = []
        records = list(lens_robotics_records(base / "lens_robotics_physical_ai" / "pai.csv.gz", skipped=skipped))
    else:
        skipped = []
        records = list(
            patsnap_records(
                base / "patsnap_green_aviation_cn" / "patsnap_green_aviation_1999.csv.gz",
                skipped=skipped,
            )
        )
    with open_store(args.store) as store:
        summary = store.upsert_patents(records)
        held = store.count_patents()
        print(f"read {len(records)} rows, skipped {len(skipped)}: {summary}; store holds {held}")
    for line in skipped:
        print("skipped", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
