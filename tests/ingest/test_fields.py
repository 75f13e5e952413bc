"""Cell parsers shared by the tabular readers (ingest.fields)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.fields import (
    cited_keys,
    clean,
    codes_in,
    date_in,
    family_key,
    is_grant_kind,
    organisation,
    person,
    split_country_tag,
    texts,
    whole_number,
)
from ipnav.exceptions import InvalidRecordError


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7", 7), ("7.0", 7), ("1,024", 1024), (" 0 ", 0), ("-", None), ("", None), (None, None)],
)
def test_whole_numbers(value, expected) -> None:
    assert whole_number(value, "n") == expected


@pytest.mark.parametrize("value", ["seven", "7.5", "-1", "inf", "nan", "2000000"])
def test_not_whole_numbers_name_the_column(value: str) -> None:
    with pytest.raises(InvalidRecordError, match="被引用专利数量") as info:
        whole_number(value, "被引用专利数量")
    assert info.value.field == "被引用专利数量"


def test_dates_name_the_column() -> None:
    assert date_in("20191210", "publication_date") == dt.date(2019, 12, 10)
    assert date_in("-", "publication_date") is None
    with pytest.raises(InvalidRecordError) as info:
        date_in("2019-02-30", "申请日")
    assert info.value.field == "申请日"


def test_codes_are_strict_and_name_the_column() -> None:
    assert [c.symbol for c in codes_in("B25B1/103 (EP,US)\nB25B1/24 (EP)", "CPC", "CPC")] == [
        "B25B1/103",
        "B25B1/24",
    ]
    assert codes_in("-", "IPC", "IPC") == ()
    with pytest.raises(InvalidRecordError, match=r"ipc_all: malformed IPC code\(s\) 'robot'") as info:
        codes_in("B25J9/16 | robot", "IPC", "ipc_all")
    assert info.value.field == "ipc_all"


def test_citations_are_lenient() -> None:
    assert cited_keys(["US-4668494-A", "US 4668494 B1", "", "-", "Smith, Nature 2015"]) == (
        ("US4668494",),
        ["Smith, Nature 2015"],
    )


@pytest.mark.parametrize(
    ("office", "kind", "date", "grant"),
    [
        ("US", "B2", None, True),
        ("US", "A", dt.date(1997, 9, 9), True),
        ("US", "A", None, False),
        ("US", "A1", dt.date(2003, 5, 29), False),
        ("EP", "B1", None, True),
        ("EP", "A1", None, False),
        ("CN", "U", None, True),
        ("CN", "A", None, False),
        ("WO", "A1", None, False),
        ("RU", "C1", None, False),  # unknown office: not asserted as a grant
        (None, "B2", None, False),
    ],
)
def test_grant_kinds(office, kind, date, grant) -> None:
    assert is_grant_kind(office, kind, date) is grant


def test_family_keys_parties_and_texts() -> None:
    assert [family_key(v) for v in ("025067405", "24081743.0", "-1", "0", "F123", "")] == [
        "25067405",
        "24081743",
        None,
        None,
        "F123",
        None,
    ]
    assert split_country_tag("HANS RENOLD LIMITED [GB]") == ("HANS RENOLD LIMITED", "GB")
    assert split_country_tag("AVEDIAN ARAM") == ("AVEDIAN ARAM", None)
    org = organisation("SAURER ALLMA GMBH", country="de", address=" - ")
    assert (org.normalized, org.country, org.kind, org.address) == (
        "SAURER ALLMA",
        "DE",
        "company",
        None,
    )
    assert organisation("X", country="Germany").country is None  # only two-letter codes
    assert person("Walsh, Jr.; Thomas J.").normalized == "WALSH JR THOMAS J"
    assert texts(" Gripper ") == {"en": "Gripper"} and texts("一种夹具", "zh") == {"zh": "一种夹具"}
    assert clean(" — ") is None and clean("x") == "x"
