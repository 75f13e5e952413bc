"""A six-patent fixture whose every indicator is worked out by hand in the tests."""

from __future__ import annotations

import datetime as dt

from ipnav.codes import parse_code
from ipnav.records import Party, PatentRecord
from ipnav.scores.indicators import TopicMap
from ipnav.scores.scorecard import Focus

D = dt.date


def _rec(pid, juris, kind, app, pub, codes, orgs, **kw):
    return PatentRecord(
        id=pid,
        jurisdiction=juris,
        kind=kind,
        original_id=f"{pid}{kind}",
        application_date=app,
        publication_date=pub,
        ipc=tuple(parse_code(c) for c in codes),
        applicants=tuple(Party(name=o, normalized=o) for o in orgs),
        title={"en": f"title {pid}"},
        **kw,
    )


def fixture_records() -> list[PatentRecord]:
    return [
        _rec(
            "P1",
            "US",
            "B2",
            D(2010, 1, 1),
            D(2012, 1, 1),
            ["B25J9/16", "G06N3/08"],
            ["A"],
            claims_count=10,
            family_id="F1",
            family_size=3,
            legal_status="ACTIVE",
            cites_count=0,
            inventors=(Party(name="X"), Party(name="Y")),
        ),
        _rec(
            "P2",
            "US",
            "A1",
            D(2011, 1, 1),
            D(2012, 6, 1),
            ["B25J13/08"],
            ["A", "B"],
            cited=("P1",),
            claims_count=5,
            legal_status="PENDING",
            inventors=(Party(name="Y"), Party(name="Z")),
        ),
        _rec(
            "P3",
            "CN",
            "B",
            D(2012, 1, 1),
            D(2013, 1, 1),
            ["G05B19/418"],
            ["B"],
            cited=("P1", "P2"),
            family_id="F1",
            legal_status="授权 | 未缴年费",
        ),
        _rec("P4", "WO", "A1", D(2013, 6, 1), D(2014, 1, 1), ["C08L63/00"], ["A"], cited=("P1", "P3")),
        _rec(
            "P5",
            "EP",
            "A1",
            D(2018, 1, 1),
            D(2019, 1, 1),
            ["B25J9/16"],
            ["C"],
            cited=("P2",),
            legal_status="PENDING",
        ),
    ]


TOPICS = TopicMap(
    topics={0: "robot arms", 1: "control"},
    assignments={
        "P1": (0, 0.0, 0.0),
        "P2": (0, 2.0, 0.0),
        "P5": (0, 1.0, 3.0),
        "P3": (1, 10.0, 10.0),
        "P4": (1, 10.0, 14.0),
    },
)
FOCUS = Focus("test", {"robots": ("B25J",), "control": ("G05B",)})
