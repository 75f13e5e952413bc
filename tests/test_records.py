import datetime as dt

import pytest

from ipnav.codes import parse_code
from ipnav.exceptions import InvalidRecordError
from ipnav.records import (
    Party,
    PatentRecord,
    Provenance,
    detect_lang,
    merge_records,
    parse_date,
    record_from_dict,
    record_hash,
    record_to_dict,
    validate_record,
)

A = PatentRecord(
    id="EP1234567",
    jurisdiction="EP",
    kind="A1",
    original_id="EP 1234567 A1",
    title={"en": "Robot gripper"},
    ipc=(parse_code("B25J15/00"),),
    applicants=(Party("ROBOT CO LTD", "ROBOT"),),
    publication_date=dt.date(2020, 5, 1),
    legal_status="PENDING",
    cited=("US1",),
    cited_by_count=2,
    provenance=(Provenance("a.csv", "row 1", "lens"),),
)
B = PatentRecord(
    id="EP1234567",
    jurisdiction="EP",
    kind="B1",
    original_id="EP 1234567 B1",
    title={"en": "Robot gripper with fingers", "de": "Robotergreifer"},
    ipc=(parse_code("B25J15/08"),),
    applicants=(Party("ROBOT CO LTD", "ROBOT", country="DE"),),
    publication_date=dt.date(2022, 7, 1),
    grant_date=dt.date(2022, 7, 1),
    legal_status="ACTIVE",
    cited=("US2",),
    cited_by_count=5,
    provenance=(Provenance("b.csv", "row 9", "espacenet"),),
)


def test_merge_richer_value_wins_and_is_symmetric() -> None:
    merged = merge_records(A, B)
    assert merged == merge_records(B, A)
    assert merged.kind == "B1"
    assert merged.title == {"de": "Robotergreifer", "en": "Robot gripper with fingers"}
    assert [c.symbol for c in merged.ipc] == ["B25J15/00", "B25J15/08"]
    assert merged.applicants[0].country == "DE"
    assert merged.publication_date == dt.date(2020, 5, 1)  # first publication
    assert merged.legal_status == "ACTIVE"  # from the later stage
    assert merged.cited == ("US1", "US2") and merged.cited_by_count == 5
    assert [p.source for p in merged.provenance] == ["a.csv", "b.csv"]


def test_merge_is_idempotent() -> None:
    merged = merge_records(A, B)
    assert merge_records(merged, A) == merged
    assert record_hash(merge_records(merged, B)) == record_hash(merged)


def test_merge_refuses_different_ids() -> None:
    with pytest.raises(InvalidRecordError, match="different patents"):
        merge_records(A, PatentRecord(id="EP7654321", jurisdiction="EP"))


def test_round_trip() -> None:
    merged = merge_records(A, B)
    assert record_from_dict(record_to_dict(merged)) == merged
    assert "abstract" not in record_to_dict(merged)  # empty fields are left out


def test_text_and_language() -> None:
    r = PatentRecord(id="CN1", title={"zh": "一种机器人"}, abstract={"zh": "本发明公开了一种机器人。"})
    assert r.text_lang == "zh"
    assert r.text() == "一种机器人。 本发明公开了一种机器人。"
    assert A.text() == "Robot gripper"
    assert (
        detect_lang("一种工业机器人"),
        detect_lang("로봇 팔"),
        detect_lang("ロボットアーム"),
        detect_lang("Robot"),
    ) == ("zh", "ko", "ja", "en")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-09-19", dt.date(2024, 9, 19)),
        ("20131217", dt.date(2013, 12, 17)),
        ("2024/9/19", dt.date(2024, 9, 19)),
        ("19.09.2024", dt.date(2024, 9, 19)),
        ("2018年7月30日", dt.date(2018, 7, 30)),
        ("2024-09-19 00:00:00", dt.date(2024, 9, 19)),
        ("", None),
        ("-", None),
        (None, None),
    ],
)
def test_parse_date(given: object, expected: dt.date | None) -> None:
    assert parse_date(given) == expected


@pytest.mark.parametrize("bad", ["9999-12-31", "0001-01-01", "1700-01-01", "2024-13-45", "yesterday"])
def test_parse_date_rejects_absurd(bad: str) -> None:
    with pytest.raises(InvalidRecordError, match="publication_date") as info:
        parse_date(bad, field_name="publication_date")
    assert info.value.field == "publication_date"


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (PatentRecord(id=""), "id"),
        (PatentRecord(id="US1", jurisdiction="usa"), "jurisdiction"),
        (PatentRecord(id="US1", jurisdiction="US", claims_count=-1), "claims_count"),
        (PatentRecord(id="US1", jurisdiction="US", applicants=(Party(" "),)), "applicants"),
        (PatentRecord(id="US1", jurisdiction="US", publication_date=dt.date(1200, 1, 1)), "publication_date"),
    ],
)
def test_validate_names_the_field(record: PatentRecord, field: str) -> None:
    with pytest.raises(InvalidRecordError) as info:
        validate_record(record)
    assert info.value.field == field


def test_label_ids_need_no_office() -> None:
    assert validate_record(PatentRecord(id="12", id_scheme="label")).id == "12"
