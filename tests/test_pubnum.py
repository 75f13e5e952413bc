import pytest

from ipnav.exceptions import InvalidIdentifierError
from ipnav.pubnum import normalize_pubnum, try_normalize_pubnum


@pytest.mark.parametrize(
    ("given", "key", "kind"),
    [
        ("US 2025/0100135 A1", "US20250100135", "A1"),
        ("US08926509", "US8926509", None),
        ("US 8926509 B2", "US8926509", "B2"),
        ("CN 112313044 A", "CN112313044", "A"),
        ("CN108982325A", "CN108982325", "A"),
        ("WO2020123456A1", "WO2020123456", "A1"),
        ("WO 2020/123456 A1", "WO2020123456", "A1"),
        ("WO 98/12345", "WO1998012345", None),
        ("US-8611015-B2", "US8611015", "B2"),
        ("US-2004174496-A1", "US20040174496", "A1"),  # Google's 10-digit pre-grant form
        ("US20010000044A1", "US20010000044", "A1"),
        ("USD435854S1", "USD435854", "S1"),
        ("USD0435854S1", "USD435854", "S1"),
        ("US RE45123 E1", "USRE45123", "E1"),
        ("EP 123456 A1", "EP0123456", "A1"),
        ("EP1234567B1", "EP1234567", "B1"),
        ("KR 10-2019-0012345 A", "KR20190012345", "A"),
        ("KR-20100006652-A", "KR20100006652", "A"),
        ("JPH05123456A", "JPH05123456", "A"),
        ("JP WO2019130429 A1", "JPWO2019130429", "A1"),
        ("TW I872028 B", "TWI872028", "B"),
        ("IT UB20155578 A1", "ITUB20155578", "A1"),
        ("pl2631174t3", "PL2631174", "T3"),
    ],
)
def test_normalize_pubnum(given: str, key: str, kind: str | None) -> None:
    pub = normalize_pubnum(given)
    assert (pub.key, pub.kind, pub.original) == (key, kind, given)
    assert pub.full == key + (kind or "")


def test_same_patent_from_different_sources_has_one_key() -> None:
    keys = {normalize_pubnum(v).key for v in ("US08926509", "US 8926509 B2", "US-8926509-B2", "US8926509B2")}
    assert keys == {"US8926509"}


@pytest.mark.parametrize("bad", ["", "   ", "12345", "US", "see fig. 3", "XX-ABC"])
def test_rejects_non_numbers(bad: str) -> None:
    with pytest.raises(InvalidIdentifierError):
        normalize_pubnum(bad)
    assert try_normalize_pubnum(bad) is None
