"""Applicant names: rule-based normalisation, the kind of applicant, one call to clean a Party.

:func:`normalize_name` gives the key under which an organisation is grouped before any alias
table applies (:mod:`ipnav.aliases` handles the variants the rules cannot). The rules, in order:

1. Text: HTML entities (``&amp;``) decoded, full-width forms folded (NFKC: ``（`` -> ``(``,
   ``ＡＢＣ`` -> ``ABC``), accents removed, upper case, Espacenet country tags (``[US]``) removed.
2. Chinese / Japanese / Korean names: legal forms stripped from the end, repeatedly
   (``股份有限公司``, ``有限责任公司``, ``有限公司``, ``集团``, ``(集团)``, ``株式会社``,
   ``주식회사`` ...);
   a legal form inside the name before a branch or institute (``...集团公司沈阳飞机设计研究所``) is
   removed too, and a bracketed place after the trade name moves to the front
   (``浙视传媒(温州)有限公司`` -> ``温州浙视传媒``, like ``温州浙视传媒有限公司``).
   ``分公司`` (branch) is kept. Chinese and English names of one company are NOT merged here:
   that is the alias table's job.
3. Latin names: punctuation to spaces (apostrophes dropped), runs of single letters joined
   (``S.A.`` -> ``SA``, ``W. R.`` -> ``WR``), long legal forms shortened
   (``AKTIENGESELLSCHAFT`` -> AG,
   ``KABUSHIKI KAISHA`` -> KK, ``SOCIETE ANONYME`` -> SA ...), words shortened to the forms EPO's
   DOCDB standard names (which Lens shows) use (``UNIVERSITY`` -> UNIV, ``TECHNOLOGIES`` -> TECH,
   ``RESEARCH`` -> RES, ``INSTITUTE`` -> INST ...), stop words dropped (THE, OF, AND, &, FOR;
   DE/DER/DU...
   when not first), ``DBA ...`` / ``FKA ...`` clauses cut, boiler-plate such as ``REGENTS OF`` or
   ``BOARD OF TRUSTEES`` removed, legal forms stripped from the end repeatedly (CO LTD,
   GMBH & CO KG,
   INC, LLC, PLC, SPA, AB, OY, NV, BV, PTY LTD, GROUP, HOLDINGS ...) and ``UNIV`` moved to the front
   when at most two words follow it (``CARNEGIE MELLON UNIVERSITY`` -> ``UNIV CARNEGIE MELLON``,
   DOCDB's order).
4. Lens / DOCDB reordered names: DOCDB writes a person-named company surname first and the given
   name after the legal form (``BOSCH GMBH ROBERT`` is Robert Bosch GmbH). When a legal form is
   followed by one to three words, those words are moved in front if they are initials or common
   given names (``BOSCH GMBH ROBERT`` -> ``ROBERT BOSCH``, ``FRIEND CO LTD G`` -> ``G FRIEND``);
   otherwise (a place or an acronym: ``SONY CORP AMERICA``) only the legal form is removed
   (``SONY AMERICA``). Ambiguous short forms (SE, SA, AB, AS, CO ...) count only at the very end, so
   Korean names such as ``LEE SE LIN`` stay intact.

:func:`classify_party` tells company / university / institute / hospital / government /
individual from words in the name; :func:`normalize_party` fills a :class:`~ipnav.records.Party`'s
``normalized``, ``kind`` and ``region`` in one call (what readers and the ingest pipeline use).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from ipnav.records import Party

__all__ = ["classify_party", "normalize_name", "normalize_party"]

_CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_HAS_CJK = re.compile(f"[{_CJK_CHARS}]")
_COUNTRY_TAG = re.compile(r"\[\s*[A-Z]{2}\s*\]")
_APOSTROPHES = re.compile(r"['\u2019\u2018`´]")
_ELISION = re.compile(r"\b([DL])['\u2019]")  # d'Etude, l'Air: the article is a word of its own
_PUNCT = re.compile(r"(?:[^\w&]|_)+")
_CJK_GAP = re.compile(rf"(?<=[{_CJK_CHARS}])\s+(?=[{_CJK_CHARS}])")

# --- Chinese / Japanese / Korean legal forms --------------------------------------------------
# Longest first; stripped from the end repeatedly. 分公司 (branch) is protected separately.
_CJK_FORMS = tuple(
    sorted(
        {
            "股份有限公司",
            "有限责任公司",
            "有限公司",
            "股份公司",
            "集团公司",
            "总公司",
            "公司",
            "有限两合公司",
            "两合公司",
            "简化股份公司",
            "私人有限公司",
            "集团",
            "(集团)",
            "有限合伙",
            "(有限合伙)",
            "普通合伙",
            "合伙企业",
            "株式会社",
            "有限会社",
            "合同会社",
            "주식회사",
            "유한회사",
            "(주)",
            "㈜",
        },
        key=lambda s: (-len(s), s),
    )
)
_CJK_PREFIX_FORMS = ("株式会社", "有限会社", "주식회사", "(주)", "㈜")
# A legal form inside the name, followed by a branch or institute name of >= 2 characters.
_CJK_INNER = re.compile(
    rf"(集团有限公司|集团股份有限公司|股份有限公司|有限责任公司|集团公司|有限公司)(?=[{_CJK_CHARS}]{{2,}})"
)
_CJK_BRACKET_PLACE = re.compile(rf"^(?P<head>.+?)\((?P<place>[{_CJK_CHARS}]{{2,6}})\)$")

# --- Latin legal forms ------------------------------------------------------------------------
_LONG_FORMS = [
    (r"GESELLSCHAFT MIT BESCHRANKTER HAFTUNG", "GMBH"),
    (r"GESELLSCHAFT MBH", "GMBH"),
    (r"KOMMANDITGESELLSCHAFT", "KG"),
    (r"AKTIENGESELLSCHAFT", "AG"),
    (r"KABUSHIKI ?KAISHA", "KK"),
    (r"SOCIETE PAR ACTIONS SIMPLIFIEE", "SAS"),
    (r"SOCIETE ANONYME", "SA"),
    (r"SOCIEDAD ANONIMA", "SA"),
    (r"SOCIEDADE ANONIMA", "SA"),
    (r"SOCIETA PER AZIONI", "SPA"),
    (r"SOCIETA A RESPONSABILITA LIMITATA", "SRL"),
    (r"NAAMLOZE VENNOOTSCHAP", "NV"),
    (r"BESLOTEN VENNOOTSCHAP", "BV"),
    (r"AKTIEBOLAGET|AKTIEBOLAG", "AB"),
    (r"OSAKEYHTIO", "OY"),
    (r"PUBLIC LIMITED COMPANY", "PLC"),
    (r"LIMITED LIABILITY COMPANY", "LLC"),
    (r"LIMITED LIABILITY PARTNERSHIP", "LLP"),
    (r"LIMITED PARTNERSHIP", "LP"),
    (r"PROPRIETARY LIMITED", "PTY LTD"),
    (r"PRIVATE LIMITED", "PTE LTD"),
]
_LONG_FORMS_RE = [(re.compile(rf"(?<![A-Z0-9]){pat}(?![A-Z0-9])"), short) for pat, short in _LONG_FORMS]

# Every legal form token (after the long forms above were shortened and single letters joined).
_LEGAL_TOKENS = frozenset(
    {
        "CO",
        "LTD",
        "CORP",
        "INC",
        "LLC",
        "LLP",
        "LP",
        "GMBH",
        "KG",
        "AG",
        "SE",
        "SA",
        "SAS",
        "SARL",
        "NV",
        "BV",
        "PLC",
        "KK",
        "SPA",
        "SRL",
        "AB",
        "OY",
        "OYJ",
        "AS",
        "ASA",
        "APS",
        "PTY",
        "PTE",
        "BHD",
        "SDN",
        "GROUP",
        "HOLDING",
        "HOLDINGS",
        "KGAA",
        "MBH",
        "UG",
        "SL",
        "SLU",
        "LTDA",
        "CV",
        "PVT",
        "OOO",
        "ZAO",
        "OAO",
        "PJSC",
        "JSC",
        "OUE",
        "OU",
        "SPZOO",
        "SRO",
        "KFT",
        "ZRT",
        "DOO",
        "EV",
        "CIE",
        "SPRL",
        "BVBA",
        "SCA",
        "SNC",
        "EURL",
        "SCRL",
        "AMBA",
    }
)
# Legal forms that are also common name parts (Korean given names SE / SA, Swedish AB, ...):
# they count only at the end of a name, never before a moved tail.
_AMBIGUOUS_TOKENS = frozenset(
    {
        "SE",
        "SA",
        "AB",
        "AS",
        "OY",
        "KG",
        "CO",
        "LP",
        "UG",
        "SL",
        "CV",
        "EV",
        "OU",
        "GROUP",
        "HOLDING",
        "HOLDINGS",
        "DOO",
        "ASA",
    }
)

# Words written out in full by some sources and abbreviated by DOCDB (Lens): one key for both.
_ABBREVIATIONS = {
    **dict.fromkeys(
        (
            "UNIVERSITY",
            "UNIVERSITIES",
            "UNIVERSITAET",
            "UNIVERSITAT",
            "UNIVERSITE",
            "UNIVERSIDAD",
            "UNIVERSITA",
            "UNIVERSIDADE",
            "UNIVERSITEIT",
            "UNIVERSITETI",
        ),
        "UNIV",
    ),
    **dict.fromkeys(("INSTITUTE", "INSTITUTES", "INSTITUT", "INSTITUTO", "INSTITUTA"), "INST"),
    **dict.fromkeys(("TECHNOLOGY", "TECHNOLOGIES", "TECHNOLOGICAL", "TECHNOLOGIE", "TECHNOLOGIES"), "TECH"),
    **dict.fromkeys(("LABORATORY", "LABORATORIES", "LABORATORIUM", "LABORATOIRE", "LABS"), "LAB"),
    **dict.fromkeys(("INDUSTRIES", "INDUSTRY", "INDUSTRIAL", "INDUSTRIE", "INDUSTRIAS"), "IND"),
    **dict.fromkeys(("SCIENCE", "SCIENCES", "SCIENTIFIC"), "SCI"),
    **dict.fromkeys(("SYSTEMS", "SYSTEM"), "SYS"),
    **dict.fromkeys(("ENTERPRISES", "ENTERPRISE"), "ENTPR"),
    **dict.fromkeys(("CENTER", "CENTRE"), "CT"),
    **dict.fromkeys(("COMMUNICATIONS", "COMMUNICATION"), "COMM"),
    **dict.fromkeys(("PRODUCTS", "PRODUCT"), "PROD"),
    **dict.fromkeys(("CHEMICAL", "CHEMICALS"), "CHEM"),
    **dict.fromkeys(("PHARMACEUTICAL", "PHARMACEUTICALS"), "PHARM"),
    **dict.fromkeys(("MANUFACTURING", "MANUFACTURE"), "MFG"),
    **dict.fromkeys(("MATERIALS", "MATERIAL"), "MAT"),
    "RESEARCH": "RES",
    "ENGINEERING": "ENG",
    "CONSTRUCTION": "CONSTR",
    "DEVELOPMENT": "DEV",
    "NATIONAL": "NAT",
    "INTERNATIONAL": "INT",
    "GENERAL": "GEN",
    "PRECISION": "PREC",
    "PROCESSING": "PROC",
    "BROTHERS": "BROS",
    "CORPORATION": "CORP",
    "INCORPORATED": "INC",
    "LIMITED": "LTD",
    "COMPANY": "CO",
    "KABUSHIKIKAISHA": "KK",
    "GMBH": "GMBH",
}
_STOPWORDS = frozenset({"THE", "OF", "AND", "&", "FOR"})
_STOPWORDS_INNER = frozenset(
    {"DE", "DES", "DU", "DER", "DEL", "DELLA", "DI", "DA", "DO", "LA", "ET", "UND", "D", "L", "EN"}
)
_CLAUSE_CUT = frozenset({"DBA", "FKA", "AKA", "FORMERLY"})
_BOILERPLATE_LEAD = (
    ("BOARD", "TRUSTEES"),
    ("BOARD", "REGENTS"),
    ("PRESIDENT", "FELLOWS"),
    ("REGENTS",),
    ("TRUSTEES",),
    ("GOVERNORS",),
)
_BOILERPLATE_TAIL = (("BOARD", "TRUSTEES"), ("BOARD", "REGENTS"), ("REGENTS",), ("TRUSTEES",))
# Given names DOCDB puts after the legal form of person-named companies.
_GIVEN_NAMES = frozenset(
    {
        "ROBERT",
        "ALFRED",
        "KARL",
        "CARL",
        "FRIEDRICH",
        "FRITZ",
        "HEINRICH",
        "HEINZ",
        "HANS",
        "JOHANN",
        "JOSEF",
        "JOSEPH",
        "WILHELM",
        "WILLIAM",
        "GEORG",
        "GEORGE",
        "ERNST",
        "OTTO",
        "PAUL",
        "PETER",
        "HERMANN",
        "MAX",
        "AUGUST",
        "LUDWIG",
        "WALTER",
        "WERNER",
        "GUSTAV",
        "ADOLF",
        "RICHARD",
        "ERICH",
        "JOHN",
        "JAMES",
        "THOMAS",
        "CHARLES",
        "HENRY",
        "FRANK",
        "ALBERT",
        "ANDREAS",
        "MICHAEL",
        "GEBR",
    }
)
_COMPANY_WORDS = re.compile(
    r"\b(CORP|INC|LLC|LTD|GMBH|AG|SAS|NV|BV|PLC|KK|SPA|SRL|LLP|PTY|PTE|KAISHA|"
    r"COMPANY|IND|TECH|SYS|ELECTRONICS|ELECTRIC|MOTOR|MOTORS|ROBOTICS|ROBOTIC|ROBOTS|ROBOT|GROUP|ENTPR|MFG|"
    r"LAB|DYNAMICS|NETWORKS|SOLUTIONS|SERVICES|SOFTWARE|PROD|WORKS|AUTOMATION|INNOVATION|INNOVATIONS|"
    r"OPERATIONS|PARTNERS|VENTURES|CAPITAL|LICENSING|PORTFOLIO|CONSULTING|AUTOMOTIVE|AEROSPACE|MEDICAL|"
    r"SURGICAL|HEALTH|ENERGY|POWER|MOBILITY|LOGISTICS|INSTRUMENTS|DEVICES|MACHINES|MACHINERY|MACHINE|"
    r"TOOL|TOOLS|CHEM|PHARM|AI|HOLDING|HOLDINGS|INT|GLOBAL|TRADING|DESIGN|INTELLIGENCE|MAT|ENG|CONSTR|"
    r"OUE|MASCHF|MASCHINENFABRIK|WERKE|VERWALTUNGS|STIFTUNG|CIE|TELEPHONE|TELEGRAPH|"
    r"INTELLECTUAL PROPERTY|PATENTS|PATENT)\b"
)
_STRONG_COMPANY = frozenset(_LEGAL_TOKENS - {"INC", "GROUP", "HOLDING", "HOLDINGS", "CO", "LP", "EV"})


def _fold_char(char: str) -> str:
    if char.isascii() or not ("\u00c0" <= char <= "\u024f" or "\u1e00" <= char <= "\u1eff"):
        return char  # only Latin letters lose their accents: kana keep their dakuten (デ stays デ)
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", html.unescape(text))
    return "".join(map(_fold_char, text)).replace("ß", "SS")


def _prepare(name: str) -> str:
    text = _fold(name).upper().replace("\u3000", " ")
    text = _ELISION.sub(r"\1 ", _COUNTRY_TAG.sub(" ", text))
    return _APOSTROPHES.sub("", text).strip()


def _strip_cjk(text: str) -> str:
    """Legal forms off a CJK name (suffixes repeatedly, prefixes once, inner before a branch)."""
    text = _CJK_GAP.sub("", text.replace("（", "(").replace("）", ")"))
    for prefix in _CJK_PREFIX_FORMS:
        if text.startswith(prefix) and len(text) > len(prefix) + 1:
            text = text[len(prefix) :].lstrip()
    changed = True
    while changed:
        changed = False
        for form in _CJK_FORMS:
            head = text[: -len(form)].rstrip()
            if text.endswith(form) and len(head) >= 2 and not (form == "公司" and head.endswith("分")):
                text, changed = head, True
                break
    text = _CJK_INNER.sub("", text)
    match = _CJK_BRACKET_PLACE.match(text)
    if match:
        text = match["place"] + match["head"]
    return text


_INITIALS_AMP = re.compile(r"(?<![A-Z0-9])([A-Z])\s*&\s*(?=[A-Z](?![A-Z0-9]))")


def _tokens(text: str) -> list[str]:
    """Punctuation to spaces, & kept as its own token, runs of single letters joined (A&M -> AM)."""
    raw = _PUNCT.sub(" ", _INITIALS_AMP.sub(r"\1", text).replace("&", " & ")).split()
    out: list[str] = []
    run: list[str] = []
    for tok in [*raw, ""]:
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        if run:
            out.append("".join(run))
            run = []
        if tok:
            out.append(tok)
    return out


def _drop_sequences(tokens: list[str], sequences: tuple[tuple[str, ...], ...], *, lead: bool) -> list[str]:
    for seq in sequences:
        n = len(seq)
        if len(tokens) > n and (tuple(tokens[:n]) if lead else tuple(tokens[-n:])) == seq:
            return tokens[n:] if lead else tokens[:-n]
    return tokens


_LEADING_FORMS = frozenset({"KK", "INC", "OOO", "ZAO", "OAO", "PAO", "PJSC", "JSC", "PT", "CV", "UAB", "SIA"})


def _strip_trailing_forms(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and tokens[-1] in _LEGAL_TOKENS:
        tokens = tokens[:-1]
    while len(tokens) > 1 and tokens[0] in _LEADING_FORMS:  # KABUSHIKI KAISHA TOSHIBA, PT ASTRA
        tokens = tokens[1:]
    return tokens


def _move_tail(tokens: list[str]) -> list[str]:
    """DOCDB order ``SURNAME <legal form> GIVEN``: form out, given names / initials to the front."""
    for i in range(len(tokens) - 2, 0, -1):
        if tokens[i] in _LEGAL_TOKENS and tokens[i] not in _AMBIGUOUS_TOKENS:
            start = i
            while start > 1 and tokens[start - 1] in _LEGAL_TOKENS:
                start -= 1
            tail = tokens[i + 1 :]
            if not 1 <= len(tail) <= 3 or any(t in _LEGAL_TOKENS for t in tail):
                return tokens
            head = tokens[:start]
            if all(len(t) == 1 or t in _GIVEN_NAMES for t in tail):
                return tail + head
            return head + tail
    return tokens


def _normalize_latin(text: str) -> str:
    for pattern, short in _LONG_FORMS_RE:
        text = pattern.sub(short, text)
    tokens = [_ABBREVIATIONS.get(t, t) for t in _tokens(text)]
    for i, tok in enumerate(tokens):
        if tok in _CLAUSE_CUT and i > 0:
            tokens = tokens[:i]
            break
    tokens = [t for i, t in enumerate(tokens) if t not in _STOPWORDS and (i == 0 or t not in _STOPWORDS_INNER)]
    tokens = _drop_sequences(tokens, _BOILERPLATE_LEAD, lead=True)
    tokens = _strip_trailing_forms(_drop_sequences(_strip_trailing_forms(tokens), _BOILERPLATE_TAIL, lead=False))
    tokens = _strip_trailing_forms(_move_tail(tokens))
    if "UNIV" in tokens[1:]:
        at = tokens.index("UNIV")
        if len(tokens) - at - 1 <= 2:
            tokens = ["UNIV", *tokens[:at], *tokens[at + 1 :]]
    return " ".join(tokens)


def _normalize_once(name: str, strip_legal_forms: bool) -> str:
    text = _prepare(name)
    if not strip_legal_forms:
        return " ".join(t for t in _tokens(_CJK_GAP.sub("", text)) if t != "&")
    if _HAS_CJK.search(text):
        text = _strip_cjk(text)
    text = _normalize_latin(text) if text else ""
    return _CJK_GAP.sub("", text)


@lru_cache(maxsize=262_144)
def _normalize(name: str, strip_legal_forms: bool) -> str:
    """Apply the rules until nothing changes: a key normalises to itself (alias tables need it)."""
    key = _normalize_once(name, strip_legal_forms)
    for _ in range(4):
        again = _normalize_once(key, strip_legal_forms)
        if again == key:
            break
        key = again
    return key


def normalize_name(name: str, *, strip_legal_forms: bool = True) -> str:
    """Normalise an applicant or inventor name to its grouping key (rules in the module docstring).

    Args:
        name: The name as written in the source.
        strip_legal_forms: Apply the organisation rules (legal forms, abbreviations, word order).
            Off for inventors: case, accents, punctuation and initials only.

    Returns:
        The key; empty if the name has no letters or digits.

    Example:
        >>> normalize_name("Intel Corporation"), normalize_name("INTEL CORP")
        ('INTEL', 'INTEL')
        >>> normalize_name("四川大阳实业发展有限公司")
        '四川大阳实业发展'
        >>> normalize_name("Siemens Aktiengesellschaft"), normalize_name("ROBERT BOSCH GMBH")
        ('SIEMENS', 'ROBERT BOSCH')
        >>> normalize_name("BOSCH GMBH ROBERT"), normalize_name("Carnegie Mellon University")
        ('ROBERT BOSCH', 'UNIV CARNEGIE MELLON')
        >>> normalize_name("Chick, James P. [US]", strip_legal_forms=False)
        'CHICK JAMES P'
    """
    if not isinstance(name, str):
        raise TypeError(f"The 'name' parameter of normalize_name must be a str. Got {type(name).__name__} instead.")
    return _normalize(name, strip_legal_forms)


# --- kinds --------------------------------------------------------------------------------------
_HOSPITAL = re.compile(r"\b(HOSPITAL|HOSPITALS|CLINIC|KLINIKUM|KLINIK|HOPITAL|MEDICAL CT|MED CT)\b")
_UNIVERSITY = re.compile(
    r"\b(UNIV|COLLEGE|HOCHSCHULE|ECOLE|SCHOOL|POLITECNICO|POLYTECHNIC|POLITECHNIKA|ACADEMIA|ETH|EPFL)\b"
)
_INSTITUTE = re.compile(
    r"\b(INST|ACADEMY|ACAD|FOUNDATION|FOUND|STIFTELSEN|RES CT|RES COUNCIL|RES ORG|LAB|"
    r"FRAUNHOFER|CNRS|"
    r"ZENTR|ZENTRUM|FORSCHUNGSZENTRUM|FORSCHUNG|CONSEJO|INVESTIGACION|RECHERCHE|RECH|"
    r"CENTRE NAT|CT NAT|COMMISSARIAT|MAX PLANCK|CSIC|TNO|CSIR|KIST|KAIST|ETRI|ITRI|A STAR)\b"
)
_INST_OF_TECH = re.compile(r"\bINST TECH\b|\bPOLYTECHNIC INST\b")  # MIT, Caltech, HIT, KAIST: universities
_GOVERNMENT = re.compile(
    r"\b(GOV|GOVT|GOVERNMENT|SECRETARY|SEC|MINISTRY|MINISTER|NAVY|ARMY|AIR FORCE|NASA|DEPT|"
    r"DEPARTMENT|"
    r"AGENCY|STATE OF|CITY OF|COMMONWEALTH|REPUBLIC|KINGDOM|ADMINISTRATION|BUNDESREPUBLIK)\b"
)
_PERSON_TOKEN = re.compile(r"^[A-Z][A-Z\-]*$")
_CJK_SUFFIX_KINDS = (
    ("hospital", ("医院", "卫生院", "诊所", "病院", "병원")),
    (
        "company",
        (
            "公司",
            "厂",
            "集团",
            "株式会社",
            "会社",
            "合伙",
            "商行",
            "工作室",
            "经营部",
            "회사",
            "(주)",
        ),
    ),
    ("university", ("大学", "学院", "学校", "大學", "大学校", "学园", "대학교", "대학")),
    (
        "institute",
        (
            "研究所",
            "研究院",
            "研究中心",
            "科学院",
            "实验室",
            "研究室",
            "中心",
            "协力团",
            "基金会",
            "研究會",
            "연구원",
            "연구소",
        ),
    ),
    ("government", ("局", "政府", "部队", "委员会", "厅", "办公室", "管理处", "总站", "部")),
)
_CJK_CONTAINS_KINDS = (
    ("hospital", "医院"),
    ("university", "大学"),
    ("institute", "研究"),
    ("company", "公司"),
)
_PERSON_CJK = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\uac00-\ud7af]{2,4}$")


def _classify_cjk(text: str) -> str | None:
    compact = _CJK_GAP.sub("", text).replace("（", "(").replace("）", ")")
    if compact.startswith(_CJK_PREFIX_FORMS):
        return "company"
    for kind, suffixes in _CJK_SUFFIX_KINDS:
        if compact.endswith(suffixes):
            if kind == "government" and "公司" in compact:
                return "company"
            return kind
    for kind, word in _CJK_CONTAINS_KINDS:
        if word in compact:
            return kind
    return "individual" if _PERSON_CJK.match(compact) else None


def classify_party(name: str) -> str | None:
    """Tell what kind of applicant a name is, from words in it; None when it cannot be told.

    Returns one of ``company``, ``university``, ``institute``, ``hospital``, ``government``,
    ``individual``. Precedence: for CJK names the ending decides
    (``...集团公司沈阳飞机设计研究所`` is
    an institute, ``...有限责任公司江门供电局`` a company); for Latin names hospital words, then a
    company legal form other than INC (``TOYOTA RES INST INC`` stays an institute, ``HRL LAB LLC``
    is a company), then university, institute, government and business words; a name of two to
    four plain words with none of those is an individual.

    Example:
        >>> classify_party("浙江大学"), classify_party("NVIDIA CORP"), classify_party("李育超")
        ('university', 'company', 'individual')
        >>> [classify_party(n) for n in ("UNIV CARNEGIE MELLON", "US NAVY", "FATH LUKAS")]
        ['university', 'government', 'individual']
    """
    text = _prepare(name)
    if not text:
        return None
    if _HAS_CJK.search(text) and not re.search(r"[A-Z]{3,}", text):
        return _classify_cjk(text)
    tokens = [_ABBREVIATIONS.get(t, t) for t in _tokens(text) if t not in _STOPWORDS]
    plain = " ".join(tokens)
    for pattern, short in _LONG_FORMS_RE:
        plain = pattern.sub(short, plain)
    tokens = plain.split()
    if _HOSPITAL.search(plain):
        return "hospital"
    if _INST_OF_TECH.search(plain):
        return "university"
    if tokens and tokens[-1] in _STRONG_COMPANY and len(tokens) > 1:
        return "company"
    for kind, pattern in (
        ("university", _UNIVERSITY),
        ("institute", _INSTITUTE),
        ("government", _GOVERNMENT),
    ):
        if pattern.search(plain):
            return kind
    if _COMPANY_WORDS.search(plain) or any(t.isdigit() for t in tokens) or "&" in text:
        return "company"  # "&" joins partners (PROCTER & GAMBLE); one person is never written so
    words = [t for t in re.split(r"[\s,;]+", _PUNCT.sub(" ", text.replace(",", " , ")).strip()) if t and t != ","]
    if 2 <= len(words) <= 4 and all(_PERSON_TOKEN.match(w) for w in words):
        return "individual"
    return None


def normalize_party(party: Party, *, is_inventor: bool = False) -> Party:
    """The party with ``normalized``, ``kind`` and ``region`` filled where the source has none.

    Values the source gave are kept. The region comes from
    :func:`ipnav.regions.detect_region` (name and address).

    Example:
        >>> p = normalize_party(Party("洛阳轴承研究所有限公司"))
        >>> p.normalized, p.kind, p.region
        ('洛阳轴承研究所', 'company', '河南/洛阳')
    """
    from ipnav.regions import detect_region

    normalized = party.normalized or normalize_name(party.name, strip_legal_forms=not is_inventor)
    kind = party.kind if party.kind is not None or is_inventor else classify_party(party.name)
    region = party.region if party.region is not None else detect_region(party.name, party.address)
    if (normalized, kind, region) == (party.normalized, party.kind, party.region):
        return party
    return replace(party, normalized=normalized, kind=kind, region=region)
