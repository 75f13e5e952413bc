"""A labelled SYNTHETIC patent generator for scale tests and benchmarks.

Everything it makes is synthetic: ids use the office code ``XS`` ("synthetic"), titles start with
``[SYNTHETIC]`` and every record carries ``extra={"synthetic": True}`` and provenance format
``synthetic``. Never mix it with real data in a store you report on.

The shape follows the real exports in ../shared/data: a few hundred applicants with a heavy-tailed
size distribution, 1-4 IPC codes from a pool of target-industry groups, filing years 1995-2025,
and backward citations to earlier synthetic patents (about 4 per patent), so citation, landscape
and scoring code sees realistic structure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np

from ipnav.codes import parse_code
from ipnav.records import Party, PatentRecord, Provenance

__all__ = ["SYNTHETIC_OFFICE", "synthetic_records"]

SYNTHETIC_OFFICE = "XS"

_CODES = [
    "B25J9/16",
    "B25J9/1697",
    "B25J15/00",
    "B25J13/08",
    "B25J11/00",
    "G05B19/418",
    "G05B19/4155",
    "G05D1/02",
    "B23Q3/06",
    "B23Q17/00",
    "B23B31/00",
    "F16C33/00",
    "F16C19/00",
    "E21B7/00",
    "E21D9/00",
    "B61L27/00",
    "A01B69/00",
    "B33Y10/00",
    "B33Y80/00",
    "B22F10/00",
    "B29C64/00",
    "C22C38/00",
    "C22C21/00",
    "C04B35/00",
    "C08L63/00",
    "C08K3/00",
    "B82Y30/00",
    "C01B32/00",
    "G06N3/08",
    "H01M10/00",
]
_WORDS = [
    "robot",
    "gripper",
    "joint",
    "servo",
    "spindle",
    "bearing",
    "alloy",
    "ceramic",
    "polymer",
    "composite",
    "sensor",
    "controller",
    "powder",
    "laser",
    "drill",
    "rail",
    "tractor",
    "vision",
    "learning",
    "battery",
    "nano",
    "coating",
    "fixture",
    "clamp",
    "motor",
    "reducer",
    "welding",
    "printing",
    "graphene",
    "steel",
]


def synthetic_records(
    n: int, *, seed: int = 0, n_applicants: int = 500, with_text: bool = True
) -> Iterator[PatentRecord]:
    """Yield ``n`` labelled synthetic patent records, deterministically for a seed.

    Args:
        n: How many records.
        seed: Random seed; the same seed gives the same records.
        n_applicants: Size of the applicant pool (sizes follow a Zipf-like law).
        with_text: Generate titles and abstracts (off for pure graph-load benchmarks).

    Example:
        >>> recs = list(synthetic_records(3, seed=1))
        >>> recs[0].id.startswith("XS"), recs[0].extra["synthetic"]
        (True, True)
    """
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, n_applicants + 1) ** 1.1
    weights /= weights.sum()
    topic_of_applicant = rng.integers(0, len(_CODES), n_applicants)
    base = dt.date(1995, 1, 1)
    span = (dt.date(2025, 12, 31) - base).days
    days = np.sort(rng.integers(0, span, n))
    applicants = rng.choice(n_applicants, size=n, p=weights)
    for i in range(n):
        applicant = int(applicants[i])
        main = int((topic_of_applicant[applicant] + rng.integers(-1, 2)) % len(_CODES))
        extra_codes = rng.choice(len(_CODES), rng.integers(0, 3), replace=False)
        codes = tuple(dict.fromkeys(parse_code(_CODES[c]) for c in (main, *extra_codes)))
        filed = base + dt.timedelta(days=int(days[i]))
        n_cited = int(rng.poisson(4)) if i else 0
        cited = (
            tuple(sorted({f"{SYNTHETIC_OFFICE}{int(c):08d}" for c in rng.integers(max(0, i - 20000), i, n_cited)}))
            if i
            else ()
        )
        words = rng.choice(_WORDS, 6)
        title = {"en": f"[SYNTHETIC] {words[0]} {words[1]} for {_WORDS[main % len(_WORDS)]}"} if with_text else {}
        abstract = {"en": "[SYNTHETIC] " + " ".join(rng.choice(_WORDS, 40))} if with_text else {}
        yield PatentRecord(
            id=f"{SYNTHETIC_OFFICE}{i:08d}",
            jurisdiction=SYNTHETIC_OFFICE,
            kind="A",
            original_id=f"{SYNTHETIC_OFFICE}{i:08d}A",
            title=title,
            abstract=abstract,
            ipc=codes,
            applicants=(
                Party(
                    name=f"SYNTHETIC APPLICANT {applicant:04d} CO LTD",
                    normalized=f"SYNTHETIC APPLICANT {applicant:04d}",
                    kind="company",
                ),
            ),
            inventors=tuple(
                Party(name=f"Synthetic Inventor {int(k):05d}")
                for k in rng.integers(0, n_applicants * 8, rng.integers(1, 4))
            ),
            application_date=filed,
            publication_date=filed + dt.timedelta(days=548),
            claims_count=int(rng.integers(1, 30)),
            cited=cited,
            extra={"synthetic": True},
            provenance=(Provenance("synthetic", f"record {i}", "synthetic"),),
        )
