"""Tiny hand-made navigation data with known answers (see test_indicators.py)."""

from __future__ import annotations

import pandas as pd

# 10 patents, 3 topics; focus = P1, P2, P3 (applicant A and B).
#   T0: P1 P2 P4 P5   T1: P3 P6 P7 P8   T2: P9 P10
YEARS = {
    "P1": 2020,
    "P2": 2019,
    "P3": 2020,
    "P4": 2017,
    "P5": 2018,
    "P6": 2020,
    "P7": 2019,
    "P8": 2017,
    "P9": 2018,
    "P10": 2017,
}
APPLICANTS = {
    "P1": "A",
    "P2": "A",
    "P3": "B",
    "P4": "C",
    "P5": "D",
    "P6": "C",
    "P7": "E",
    "P8": "F",
    "P9": "D",
    "P10": "G",
}
TOPIC = {"P1": 0, "P2": 0, "P4": 0, "P5": 0, "P3": 1, "P6": 1, "P7": 1, "P8": 1, "P9": 2, "P10": 2}
CODES = {
    "P1": ("B25J9/16", "G05B19/418"),
    "P2": ("B25J15/00",),
    "P3": ("G05B19/4155",),
    "P4": ("B25J9/16",),
    "P5": ("G05B19/418",),
    "P6": ("G05B19/418",),
    "P7": ("B23Q3/06",),
    "P8": ("B23Q17/00",),
    "P9": ("B25J11/00",),
    "P10": ("B23Q3/06",),
}
FOCUS = {"P1", "P2", "P3"}


def patents() -> pd.DataFrame:
    ids = list(YEARS)
    return pd.DataFrame(
        {
            "patent_id": ids,
            "year": pd.array([YEARS[p] for p in ids], dtype="Int64"),
            "title": [f"title {p}" for p in ids],
            "applicants": [(APPLICANTS[p],) for p in ids],
            "applicant_names": [(f"{APPLICANTS[p]} CO LTD",) for p in ids],
            "applicant_kinds": [("company",) for _ in ids],
            "regions": [(None,) for _ in ids],
            "inventors": [() for _ in ids],
            "codes": [CODES[p] for p in ids],
            "subclasses": [tuple(dict.fromkeys(c[:4] for c in CODES[p])) for p in ids],
            "industries": [() for _ in ids],
            "cited": [() for _ in ids],
            "cited_by_count": [None for _ in ids],
            "jurisdiction": ["CN" for _ in ids],
        }
    )


def assignments() -> pd.DataFrame:
    centers = {0: (0.0, 0.0), 1: (1.0, 0.0), 2: (5.0, 0.0)}
    ids = list(TOPIC)
    return pd.DataFrame(
        {
            "patent_id": ids,
            "topic": pd.array([TOPIC[p] for p in ids], dtype="Int64"),
            "probability": 1.0,
            "x": [centers[TOPIC[p]][0] for p in ids],
            "y": [centers[TOPIC[p]][1] for p in ids],
        }
    )


def topics() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "topic": [0, 1, 2],
            "label_en": ["grippers", "controllers", "spindles"],
            "label_zh": ["夹爪", "控制器", "主轴"],
            "terms": [["gripper"], ["controller"], ["spindle"]],
            "parent": [None] * 3,
            "size": [4, 4, 2],
            "cx": [0.0, 1.0, 5.0],
            "cy": [0.0, 0.0, 0.0],
        }
    )


def synthetic_map(n: int = 800, *, seed: int = 1, citations: bool = True):
    """Labelled synthetic records (ipnav.synthetic) with a hand-made topic map: one topic per
    main IPC group, topics on a circle (radius 3, spread 0.6), so the circle's centre is empty.

    Returns ``(records, topics, assignments)`` shaped like ``store.load_topics()``.
    """
    from dataclasses import replace

    import numpy as np

    from ipnav.synthetic import synthetic_records

    records = list(synthetic_records(n, seed=seed, n_applicants=60))
    if not citations:
        records = [replace(r, cited=()) for r in records]
    groups = sorted({r.ipc[0].symbol for r in records})
    topic_of = {g: i for i, g in enumerate(groups)}
    angle = np.linspace(0, 2 * np.pi, len(groups), endpoint=False)
    rng = np.random.default_rng(seed)
    assignments = []
    for r in records:
        t = topic_of[r.ipc[0].symbol]
        assignments.append(
            {
                "patent_id": r.id,
                "topic": t,
                "probability": round(float(rng.random()), 3),
                "x": float(3 * np.cos(angle[t]) + rng.normal(0, 0.6)),
                "y": float(3 * np.sin(angle[t]) + rng.normal(0, 0.6)),
            }
        )
    topics = [
        {
            "id": i,
            "label_en": f"[SYNTHETIC] {g}",
            "label_zh": f"[合成] {g}",
            "terms_en": [g],
            "parent": None,
            "is_topic": True,
        }
        for g, i in topic_of.items()
    ]
    return records, topics, assignments
