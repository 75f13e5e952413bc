"""Corpus: the plain table a landscape works on, one row per patent.

Built from canonical records (:class:`ipnav.records.PatentRecord`); the landscape stages never see
a store. Columns:

====================  ===========================================================================
``id``                canonical patent id
``text``, ``lang``    text to embed: title + abstract (+ first claim) in the record's main language
``text_en/_zh``       text per language, for the labels ("" when absent)
``title``             display title (English first, else any language)
``year``              filing year (earliest priority / application), else publication year; <NA>
``jurisdiction``      office code
``applicants``        display names (list); ``applicant_keys`` their normalised keys
``inventors``         names (list)
``subclasses``        IPC + CPC subclasses, de-duplicated, first-listed first (list)
``main_subclass``     the first subclass ("" when none); ``section`` its first letter
``industries``        target-industry codes (list)
====================  ===========================================================================
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ipnav.exceptions import AnalysisError
from ipnav.records import PatentRecord

__all__ = ["build_corpus", "display_title"]


def display_title(record: PatentRecord) -> str:
    """The title to show: English if present, else the first language that has one.

    Example:
        >>> display_title(PatentRecord(id="CN1", title={"zh": "机器人", "en": "Robot"}))
        'Robot'
    """
    if record.title.get("en"):
        return record.title["en"]
    for lang in sorted(record.title):
        if record.title[lang]:
            return record.title[lang]
    return ""


def build_corpus(records: Iterable[PatentRecord]) -> pd.DataFrame:
    """One row per record (see the module docstring for the columns), in input order.

    Raises:
        AnalysisError: Two records share an id.

    Example:
        >>> df = build_corpus([PatentRecord(id="US1", title={"en": "Robot gripper"})])
        >>> df.loc[0, "text"], df.loc[0, "lang"]
        ('Robot gripper', 'en')
    """
    rows = []
    seen: set[str] = set()
    for r in records:
        if r.id in seen:
            raise AnalysisError(f"duplicate patent id {r.id!r} in the landscape input")
        seen.add(r.id)
        lang = r.text_lang or "en"
        subclasses = list(dict.fromkeys(c.subclass for c in r.codes))
        rows.append(
            {
                "id": r.id,
                "text": r.text(lang) if r.text_lang else "",
                "lang": lang,
                "text_en": r.text("en") if "en" in _langs(r) else "",
                "text_zh": r.text("zh") if "zh" in _langs(r) else "",
                "title": display_title(r),
                "year": r.year,
                "jurisdiction": r.jurisdiction or "",
                "applicants": [p.name for p in r.applicants],
                "applicant_keys": [p.normalized or p.name for p in r.applicants],
                "inventors": [p.name for p in r.inventors],
                "subclasses": subclasses,
                "main_subclass": subclasses[0] if subclasses else "",
                "section": subclasses[0][0] if subclasses else "",
                "industries": list(r.industries),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "text",
            "lang",
            "text_en",
            "text_zh",
            "title",
            "year",
            "jurisdiction",
            "applicants",
            "applicant_keys",
            "inventors",
            "subclasses",
            "main_subclass",
            "section",
            "industries",
        ],
    )
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _langs(record: PatentRecord) -> set[str]:
    return {lang for part in (record.title, record.abstract, record.first_claim) for lang, t in part.items() if t}
