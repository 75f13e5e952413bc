"""Legal facts of a patent: status class, grant, statutory term, remaining life, grant lag, disputes.

Sources write legal status in many ways (Lens ``ACTIVE`` / ``PENDING`` / ``EXPIRED``; PatSnap
``授权`` / ``实质审查`` / ``未缴年费`` / ``撤回-视为撤回`` with ``|``-joined events; CNIPA ``有效`` /
``失效`` / ``审中``). :func:`status_class` folds them into four classes, the legal value degree of
CNIPA's patent value analysis:

==========  =============================================================  =====
class       meaning                                                        value
==========  =============================================================  =====
active      granted and in force (有效)                                    1.0
pending     application under examination or published (审中)             0.5
inactive    lapsed, expired, withdrawn, refused, revoked, invalidated (失效)  0.0
(None)      the source gives no status or one that cannot be read           missing
==========  =============================================================  =====

Remaining life follows the statutory term counted from the application date (TRIPS art. 33: 20
years for inventions; CN utility models 10 years; CN designs filed from 2021-06-01 15 years, before
10; term extensions are not modelled). A patent that is inactive has 0 years left; a pending one
is given the term it would have if granted (labelled so in the report).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ipnav.records import PatentRecord

__all__ = [
    "STATUS_VALUE",
    "dispute_flags",
    "grant_date",
    "grant_lag_years",
    "is_granted",
    "remaining_life_years",
    "status_class",
    "statutory_term_years",
]

STATUS_VALUE = {"active": 1.0, "pending": 0.5, "inactive": 0.0}
"""The legal-status indicator value of each status class."""

# Checked in order; the first class whose pattern matches the LAST event decides. Inactive words
# are checked first because PatSnap events read "授权 | 未缴年费" (granted, then lapsed).
_INACTIVE = re.compile(
    r"EXPIRED|DISCONTINUED|INACTIVE|LAPSE|WITHDRAWN|REFUSED|REJECTED|REVOKED|INVALID|CEASED|ABANDON|DEAD|"
    r"失效|未缴年费|撤回|驳回|权利终止|期限届满|放弃|无效|避免重复授权|届满|终止|撤销",
    re.I,
)
_ACTIVE = re.compile(r"ACTIVE|PATENTED|部分无效|GRANTED|IN FORCE|ALIVE|有效|授权|权利转移|许可|质押|保全|恢复", re.I)
_PENDING = re.compile(r"PENDING|PUBLISHED|EXAMINATION|SEARCH|FILED|审中|实质审查|公开|受理|在审", re.I)
_INVALIDATION = re.compile(r"INVALID|REVOK|无效|撤销", re.I)
_LITIGATION_KEYS = ("litigation_count", "诉讼案件数", "litigations")


def status_class(legal_status: str | None) -> str | None:
    """Fold a source's legal status into ``active``, ``pending`` or ``inactive`` (None: unknown).

    PatSnap joins events with ``|`` (``授权 | 权利转移``); every event is read and an inactive event
    wins (a granted patent whose fees went unpaid is lapsed).

    Example:
        >>> status_class("ACTIVE"), status_class("授权 | 未缴年费"), status_class("实质审查"), status_class("-")
        ('active', 'inactive', 'pending', None)
    """
    if legal_status is None:
        return None
    text = str(legal_status).strip()
    if not text or text in ("-", "--", "UNKNOWN", "未知", "nan"):
        return None
    if _INACTIVE.search(text.replace("部分无效", "")):  # partly invalidated: the rest stays in force
        return "inactive"
    if _ACTIVE.search(text):
        return "active"
    if _PENDING.search(text):
        return "pending"
    return None


def is_granted(record: PatentRecord) -> bool | None:
    """True if the publication is a grant, False if it is an application, None if unknown.

    A grant date, a grant kind code (``B``/``B1``/``B2``/``C`` for inventions, ``U``/``Y``/``S`` for
    utility models and designs, which are registered on publication) or a document type/patent type
    in ``extra`` saying "granted" / "授权" makes it a grant; kind ``A``/``A1``/``A2`` and "application"
    / "申请" make it an application.

    Example:
        >>> is_granted(PatentRecord(id="US1", kind="B2")), is_granted(PatentRecord(id="US2", kind="A1"))
        (True, False)
    """
    if record.grant_date is not None:
        return True
    doc_type = str(record.extra.get("document_type") or record.extra.get("patent_type") or "")
    if re.search(r"GRANT|授权|实用新型|外观设计|LIMITED PATENT", doc_type, re.I):
        return True
    kind = (record.kind or "").upper()
    if kind[:1] in ("B", "C", "U", "Y", "S", "E"):
        return True
    if re.search(r"APPLICATION|申请", doc_type, re.I) or kind[:1] == "A":
        return False
    return None


def grant_date(record: PatentRecord) -> dt.date | None:
    """The grant date: the record's, else the publication date of a grant publication."""
    if record.grant_date is not None:
        return record.grant_date
    if is_granted(record) and record.publication_date is not None:
        return record.publication_date
    return None


def grant_lag_years(record: PatentRecord) -> float | None:
    """Years from the application date to the grant (OECD grant lag); None if not granted or no dates.

    Utility models and designs (registered without examination) have no meaningful lag: None.

    Example:
        >>> r = PatentRecord(id="US1", kind="B2", application_date=dt.date(2018, 1, 1),
        ...                  publication_date=dt.date(2021, 1, 1))
        >>> round(grant_lag_years(r), 2)
        3.0
    """
    if _utility_or_design(record):
        return None
    granted = grant_date(record)
    filed = record.application_date or record.filing_date
    if granted is None or filed is None or granted < filed:
        return None
    return (granted - filed).days / 365.25


def _utility_or_design(record: PatentRecord) -> bool:
    kind = (record.kind or "").upper()
    doc_type = str(record.extra.get("document_type") or record.extra.get("patent_type") or "")
    if re.search(r"实用新型|外观设计|UTILITY|DESIGN|LIMITED PATENT", doc_type, re.I):
        return True
    return record.jurisdiction in ("CN", "DE", "JP", "KR", "TW") and kind[:1] in ("U", "Y", "S")


def statutory_term_years(record: PatentRecord) -> int:
    """The legal term in years from the application date: 20, or 10/15 for CN utility models/designs.

    Example:
        >>> statutory_term_years(PatentRecord(id="CN1", jurisdiction="CN", kind="U"))
        10
    """
    if not _utility_or_design(record):
        return 20
    kind = (record.kind or "").upper()
    doc_type = str(record.extra.get("document_type") or record.extra.get("patent_type") or "")
    design = kind[:1] == "S" or bool(re.search(r"外观设计|DESIGN", doc_type, re.I))
    filed = record.application_date or record.filing_date
    if design:
        return 15 if (filed is not None and filed >= dt.date(2021, 6, 1)) else 10
    return 10


def remaining_life_years(record: PatentRecord, *, as_of: dt.date) -> float | None:
    """Years of statutory term left at ``as_of``; 0 for inactive patents; None without a filing date.

    Example:
        >>> r = PatentRecord(id="US1", application_date=dt.date(2010, 1, 1), legal_status="ACTIVE")
        >>> round(remaining_life_years(r, as_of=dt.date(2020, 1, 1)), 1)
        10.0
    """
    status = status_class(record.legal_status)
    if status == "inactive":
        return 0.0
    filed = record.application_date or record.filing_date
    if filed is None:
        return None
    term = statutory_term_years(record)
    try:
        end = filed.replace(year=filed.year + term)
    except ValueError:  # 29 February
        end = filed.replace(year=filed.year + term, day=28)
    return max(0.0, (end - as_of).days / 365.25)


def dispute_flags(record: PatentRecord) -> dict[str, Any]:
    """Litigation count (when the source gives one) and whether the status names an invalidation.

    ``extra`` keys read for litigation: ``litigation_count``, ``诉讼案件数``, ``litigations``.

    Example:
        >>> dispute_flags(PatentRecord(id="CN1", extra={"诉讼案件数": 2}, legal_status="部分无效"))
        {'litigation': 2, 'invalidation': True}
    """
    litigation: int | None = None
    for key in _LITIGATION_KEYS:
        value = _to_int(record.extra.get(key))
        if value is not None:
            litigation = value
            break
    invalid = bool(record.legal_status and _INVALIDATION.search(record.legal_status))
    return {"litigation": litigation, "invalidation": invalid}


def _to_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if value == value else None  # NaN check
    text = str(value).strip()
    return int(float(text)) if re.fullmatch(r"\d+(\.0+)?", text) else None


def extra_number(extra: Mapping[str, Any], keys: tuple[str, ...]) -> int | None:
    """The first of ``keys`` in ``extra`` that holds a whole number (``"12"``, ``12``, ``12.0``)."""
    for key in keys:
        value = _to_int(extra.get(key))
        if value is not None:
            return value
    return None


__all__ += ["extra_number"]
