"""Patent and topic tables, and the three kinds of focus."""

from __future__ import annotations

import datetime as dt

import pytest

from ipnav.codes import parse_code
from ipnav.exceptions import AnalysisError, ConfigError
from ipnav.navigate.focus import focus_by_applicant, focus_by_ids, focus_by_region
from ipnav.navigate.frame import patent_frame, topic_frames
from ipnav.records import Party, PatentRecord
from ipnav.regions import Region

RECORDS = [
    PatentRecord(
        id="CN1",
        jurisdiction="CN",
        title={"zh": "一种轴承", "en": "A bearing"},
        applicants=(
            Party("洛阳轴承研究所有限公司", kind="institute"),
            Party("张三", kind="individual"),
        ),
        inventors=(Party("李四"),),
        ipc=(parse_code("F16C33/00"), parse_code("F16C19/00")),
        application_date=dt.date(2019, 3, 1),
        cited=("US7",),
    ),
    PatentRecord(
        id="CN2",
        jurisdiction="CN",
        title={"en": "Gripper"},
        applicants=(Party("Foo Corp", address="河南省郑州市高新区"),),
        application_date=dt.date(2021, 1, 5),
    ),
    PatentRecord(id="US7", jurisdiction="US", applicants=(Party("LUOYANG BEARING CO LTD"),), cited_by_count=4),
    PatentRecord(id="CN8", jurisdiction="CN", applicants=(Party("某公司", region="河南/洛阳"),)),
]


def test_patent_frame_fields() -> None:
    t = patent_frame([*RECORDS, RECORDS[0]]).set_index("patent_id")
    assert list(t.index) == ["CN1", "CN2", "US7", "CN8"]  # first occurrence kept
    assert t.at["CN1", "title"] == "一种轴承" and t.at["CN2", "title"] == "Gripper"
    assert t.at["CN1", "year"] == 2019 and t.at["US7", "year"] is not None  # <NA>
    assert t.at["CN1", "applicants"] == ("洛阳轴承研究所", "张三")
    # The institute is placed by its name; the individual gets no region.
    assert t.at["CN1", "regions"] == (Region("河南", "洛阳"), None)
    assert t.at["CN2", "regions"] == (Region("河南", "郑州"),)  # from the address, not the name
    assert t.at["CN1", "subclasses"] == ("F16C",) and t.at["CN1", "codes"] == (
        "F16C33/00",
        "F16C19/00",
    )
    assert t.at["US7", "cited_by_count"] == 4 and t.at["CN1", "cited"] == ("US7",)
    assert t.at["CN8", "regions"] == (Region("河南", "洛阳"),)  # Party.region as the cleaner stored it


def test_topic_frames_drop_tree_nodes_and_mark_outliers() -> None:
    topics = [
        {"id": 0, "label_en": "a", "terms_en": ["x"], "terms_zh": ["甲"]},
        {"id": 1, "label": "b"},
        {"id": 2, "label": "merged", "is_topic": False},
    ]
    assignments = [
        {"patent_id": "P1", "topic": 0, "probability": 0.9, "x": 0, "y": 0},
        {"patent_id": "P2", "topic": 0, "probability": 0.8, "x": 2, "y": 2},
        {"patent_id": "P3", "topic": -1, "probability": 0.0, "x": 5, "y": 5},
        {"patent_id": "P4", "topic": None, "probability": 0.0, "x": 6, "y": 6},
    ]
    t, a = topic_frames(topics, assignments)
    assert t["topic"].tolist() == [0, 1] and t["terms"].tolist() == [["x", "甲"], []]
    assert t["label_zh"].tolist() == ["a", "b"]  # falls back to the other labels
    assert t.loc[0, ["size", "cx", "cy"]].tolist() == [2, 1.0, 1.0] and t.loc[1, "size"] == 0
    assert a["topic"].isna().tolist() == [False, False, True, True]


def test_focus_kinds() -> None:
    t = patent_frame(RECORDS)
    f = focus_by_applicant(t, "洛阳轴承研究所有限公司")
    assert f.patent_ids == {"CN1"} and f.matched[0] == "洛阳轴承研究所"
    assert focus_by_region(t, "洛阳").patent_ids == {"CN1", "US7", "CN8"}
    assert focus_by_region(t, "HENAN").patent_ids == {"CN1", "CN2", "US7", "CN8"}
    ids = focus_by_ids(t, ["US 7 B2", "CN2", "CN404", ""])
    assert ids.patent_ids == {"US7", "CN2"} and ids.missing == ["CN404"]


def test_focus_errors_help() -> None:
    t = patent_frame(RECORDS)
    with pytest.raises(AnalysisError, match=r"close names: .*LUOYANG BEARING"):
        focus_by_applicant(t, "Luoyang Bearings Co")
    with pytest.raises(AnalysisError, match="no applicant located in 广东 / 深圳"):
        focus_by_region(t, "深圳")
    with pytest.raises(ConfigError, match="Unknown region"):
        focus_by_region(t, "Gotham")
    with pytest.raises(AnalysisError, match="none of the 1 listed patent ids"):
        focus_by_ids(t, ["EP1"])
