"""Applicant names: rule-based normalisation and the kind of applicant.

:func:`normalize_name` gives the key under which an organisation is grouped before any alias
table applies: upper case, accents folded, punctuation removed, legal-form suffixes dropped
(``CO LTD``, ``GMBH``, ``INC``, ``有限公司``, ``股份有限公司`` ...). ``INTEL CORP`` and
``Intel Corporation`` both become ``INTEL``; ``四川大阳实业发展有限公司`` becomes
``四川大阳实业发展``. Fuzzy grouping of remaining variants into a reviewable alias table lives in
:mod:`ipnav.aliases`.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["classify_party", "normalize_name"]

# Longest first so that "CO LTD" goes before "LTD". Tokens are matched on word boundaries after
# punctuation has been replaced by spaces.
_LEGAL_FORMS_LATIN = sorted(
    {
        "CO LTD", "CO LIMITED", "COMPANY LIMITED", "COMPANY LTD", "CORPORATION", "CORP", "INCORPORATED",
        "INC", "LLC", "L L C", "LTD", "LIMITED", "GMBH", "GMBH CO KG", "GMBH & CO KG", "CO KG", "KG", "AG",
        "SE", "SA", "S A", "SAS", "S A S", "SARL", "NV", "N V", "BV", "B V", "PLC", "KK",
        "KABUSHIKI KAISHA", "KABUSHIKIKAISHA", "CO", "COMPANY", "SPA", "S P A", "SRL", "S R L", "AB", "OY",
        "OYJ", "AS", "A S", "APS", "LP", "L P", "LLP", "PTY", "PTY LTD", "PTE", "PTE LTD", "BHD", "SDN BHD",
        "HOLDINGS", "HOLDING", "GROUP", "CO INC", "CORP LTD", "THE",
    },
    key=lambda s: (-len(s), s),
)
_LEGAL_RE = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(f) for f in _LEGAL_FORMS_LATIN) + r")(?=\s|$)")
_LEGAL_FORMS_CJK = ("股份有限公司", "有限责任公司", "有限公司", "株式会社", "集团公司", "总公司", "公司", "(集团)", "（集团）")
_PUNCT = re.compile(r"[^\w\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af&]+")
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_name(name: str, *, strip_legal_forms: bool = True) -> str:
    """Normalise an applicant or inventor name to its grouping key.

    Args:
        name: The name as written in the source.
        strip_legal_forms: Drop company legal forms (off for inventors).

    Returns:
        The key; empty if the name has no letters.

    Example:
        >>> normalize_name("Intel Corporation"), normalize_name("INTEL CORP")
        ('INTEL', 'INTEL')
        >>> normalize_name("四川大阳实业发展有限公司")
        '四川大阳实业发展'
        >>> normalize_name("Siemens Aktiengesellschaft"), normalize_name("ROBERT BOSCH GMBH")
        ('SIEMENS', 'ROBERT BOSCH')
    """
    text = _fold(name).upper().strip()
    text = re.sub(r"\[[A-Z]{2}\]", " ", text)  # Espacenet's country tags: "CHICK JAMES P [US]"
    text = text.replace("AKTIENGESELLSCHAFT", "AG").replace("GESELLSCHAFT MIT BESCHRANKTER HAFTUNG", "GMBH")
    if strip_legal_forms:
        for form in _LEGAL_FORMS_CJK:
            if text.endswith(form) and len(text) > len(form) + 1:
                text = text[: -len(form)]
                break
    text = _PUNCT.sub(" ", text).replace("_", " ")
    text = _SPACES.sub(" ", text).strip()
    if strip_legal_forms:
        previous = None
        while previous != text:
            previous = text
            stripped = _SPACES.sub(" ", _LEGAL_RE.sub(" ", f" {text} ")).strip()
            text = stripped or text  # never strip a name down to nothing ("AB", "THE COMPANY")
        text = text.replace(" & ", " ").strip(" &")
    return text


_UNIVERSITY = re.compile(r"UNIV|COLLEGE|HOCHSCHULE|ECOLE|SCHOOL OF|大学|学院|大學|학교|大学校", re.I)
_INSTITUTE = re.compile(
    r"INST|ACADEMY|ACAD\b|RES(EARCH)?\s*(CENTER|CENTRE|LAB|ORG|COUNCIL)|LABORATOR|FRAUNHOFER|CNRS|CENTRE NATIONAL|"
    r"COMMISSARIAT|MAX PLANCK|研究所|研究院|研究中心|科学院|实验室|研究室|연구원|연구소", re.I
)
_HOSPITAL = re.compile(r"HOSPITAL|CLINIC|医院|병원", re.I)
_GOVERNMENT = re.compile(r"MINISTRY|GOVERNMENT|SECRETARY|NAVY|ARMY|AIR FORCE|NASA|DEPARTMENT OF|UNITED STATES|国家|政府|局$", re.I)
_COMPANY = re.compile(
    r"\b(CO|CORP|CORPORATION|INC|LLC|LTD|LIMITED|GMBH|AG|SA|SAS|NV|BV|PLC|KK|SPA|SRL|AB|OY|LP|LLP|PTY|PTE|"
    r"AKTIENGESELLSCHAFT|GESELLSCHAFT|COMPANY|INDUSTRIES|INDUSTRY|TECHNOLOGIES|TECHNOLOGY|TECH|SYSTEMS|ELECTRONICS|ELECTRIC|MOTOR|"
    r"ROBOTICS|HOLDINGS|GROUP|KAISHA|ENTERPRISES|MFG|MANUFACTURING|LABS)\b|公司|株式会社|工厂|厂$|集团|会社|기업|주식회사",
    re.I,
)
_PERSON_LATIN = re.compile(r"^[A-Z][A-Z'\-]+(,)?\s+[A-Z][A-Z'\-.]*(\s+[A-Z][A-Z'\-.]*){0,3}$")
_PERSON_CJK = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def classify_party(name: str) -> str | None:
    """Tell what kind of applicant a name is, from words in it; None when it cannot be told.

    Returns one of ``university``, ``institute``, ``hospital``, ``government``, ``company``,
    ``individual``.

    Example:
        >>> classify_party("浙江大学"), classify_party("NVIDIA CORP"), classify_party("李育超")
        ('university', 'company', 'individual')
    """
    text = _fold(name).strip()
    if not text:
        return None
    for kind, pattern in (("university", _UNIVERSITY), ("institute", _INSTITUTE), ("hospital", _HOSPITAL)):
        if pattern.search(text):
            return kind
    if _COMPANY.search(text.upper()):
        return "company"
    if _GOVERNMENT.search(text.upper()):
        return "government"
    upper = re.sub(r"\s*\[[A-Z]{2}\]\s*$", "", text.upper())
    if _PERSON_CJK.match(text) or (_PERSON_LATIN.match(upper) and len(upper.split()) <= 4):
        return "individual"
    return None
