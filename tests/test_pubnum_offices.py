"""Publication-number forms met in the tabular exports (BigQuery, Lens API, PatSnap)."""

from __future__ import annotations

import pytest

from ipnav.pubnum import normalize_pubnum, try_normalize_pubnum


@pytest.mark.parametrize(
    ("raw", "key", "kind"),
    [
        ("WO-03024198-A1", "WO2003024198", "A1"),  # Google/DOCDB 8-digit form of 2002-2003
        ("WO 03/024198 A1", "WO2003024198", "A1"),
        ("WO-9003724-A1", "WO1990003724", "A1"),
        ("IN1604DELNP2013A", "IN1604DELNP2013", "A"),  # PatSnap
        ("IN 3349/MU/2013 A", "IN3349MU2013", "A"),
        ("ID2020PID02266A", "ID2020PID02266", "A"),
        ("HRP20221010AA1", "HRP20221010AA1", None),
        ("HRP20221010T1", "HRP20221010", "T1"),
    ],
)
def test_office_forms(raw: str, key: str, kind: str | None) -> None:
    pub = normalize_pubnum(raw)
    assert (pub.key, pub.kind) == (key, kind)


@pytest.mark.parametrize("raw", ["CN12AB34A", "US12AB34", "IN12AB", "see figure 3", "NPL: Smith 2015"])
def test_letters_inside_digits_are_still_refused_elsewhere(raw: str) -> None:
    assert try_normalize_pubnum(raw) is None
