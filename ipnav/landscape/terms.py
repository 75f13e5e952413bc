"""Terms for topic labels: tokenisers for English and Chinese, and patent boilerplate stop words.

English: lower-case words, a light plural fold (``robots`` -> ``robot``), stop words dropped, plus
two-word phrases of adjacent content words (``robot arm``); a short list of technical
compounds with a stop word inside (``internet of things``, ``degrees of freedom``) stays one
hyphenated term. Chinese: jieba segmentation, words of
two or more characters, stop words dropped. Stop words are general function words plus the
boilerplate every patent repeats ("method", "device", "system", "所述", "一种" ...), which would
otherwise top every topic.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["PATENT_STOP_WORDS_EN", "PATENT_STOP_WORDS_ZH", "tokenize", "tokenize_en", "tokenize_zh"]

# fmt: off
PATENT_STOP_WORDS_EN = frozenset([
    "method", "methods", "process", "processes", "system", "systems", "device", "devices",
    "apparatus", "apparatuses", "arrangement", "unit", "units", "assembly", "assemblies",
    "means", "mechanism", "equipment", "machine-readable", "computer-readable",
    "non-transitory", "medium", "media", "storage", "program", "programs", "product",
    "products", "thereof", "therefor", "therein", "thereto", "same", "use", "using", "used",
    "uses", "based", "having", "comprising", "comprises", "comprise", "include", "includes",
    "including", "wherein", "whereby", "said", "plurality", "embodiment", "embodiments",
    "invention", "inventions", "present", "provided", "provide", "provides", "providing",
    "associated", "configured", "related", "relating", "according", "via", "first", "second",
    "third", "one", "two", "least", "respective", "corresponding", "particular", "certain",
    "various", "new", "improved", "performing", "perform", "performs", "operating", "operation",
    "operations", "carrying", "technique", "techniques", "implementing", "implemented",
    "enabling", "enable", "enables", "facilitating", "application", "applications", "item",
    "items", "way", "ways", "manner", "type", "kind", "general", "disclosed", "disclosure",
    "herein", "described", "example", "examples", "controlling", "determining", "generating",
    "obtaining", "readable", "storing", "stored", "recording", "electronic",
    "computer-implemented",
])
# fmt: on
"""English patent boilerplate: claim-drafting words and the method/system/medium title formula."""

# fmt: off
PATENT_STOP_WORDS_ZH = frozenset([
    "所述", "一种", "一个", "方法", "装置", "系统", "设备", "及其", "以及", "用于",
    "包括", "包含", "其中", "基于", "通过", "进行", "实现", "具有", "相关", "其他",
    "上述", "本发明", "本实用新型", "发明", "实用新型", "提供", "采用", "使用", "利用", "设置",
    "设有", "连接", "以便", "能够", "可以", "从而", "使得", "由于", "根据", "所以",
    "并且", "或者", "以上", "以下", "至少", "多个", "第一", "第二", "第三", "一端",
    "另一端", "结构", "组件", "部件", "单元", "模块", "制备", "应用", "存储介质", "计算机",
    "可读", "程序", "产品", "技术", "领域", "特征", "步骤", "该", "该种", "一组",
    "一体", "相应", "对应", "有效", "优选", "实施例", "方式",
])
# fmt: on
"""Chinese patent boilerplate (所述, 一种, 方法, 装置 ...) and common function words."""

_STOP_EN = frozenset(ENGLISH_STOP_WORDS) | PATENT_STOP_WORDS_EN

# Technical compounds whose middle word is a stop word: kept as one hyphenated term, so that
# "Internet of Things" labels a topic as "internet-of-things" rather than "internet" and "thing".
# Measured on the Lens robotics titles: "internet of things" 46 times, "degree(s) of freedom" 21,
# "end of arm" 15. Extend the list here; the term keeps its plural as written below.
_COMPOUNDS_EN = {
    "internet of things": "internet-of-things",
    "degrees of freedom": "degree-of-freedom",
    "degree of freedom": "degree-of-freedom",
    "end of arm": "end-of-arm",
    "field of view": "field-of-view",
    "time of flight": "time-of-flight",
    "line of sight": "line-of-sight",
    "centre of mass": "center-of-mass",
    "center of mass": "center-of-mass",
    "centre of gravity": "center-of-gravity",
    "center of gravity": "center-of-gravity",
    "state of charge": "state-of-charge",
    "state of health": "state-of-health",
    "system on chip": "system-on-chip",
    "system on a chip": "system-on-chip",
}
_COMPOUND = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _COMPOUNDS_EN), key=len, reverse=True)) + r")\b")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KEEP_S = ("ss", "us", "is", "ous", "ics", "sis", "xis", "series", "species")


def _fold_plural(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_KEEP_S) or "-of-" in word:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1]


def tokenize_en(text: str, *, ngrams: bool = True) -> list[str]:
    """English terms of a text: content words and two-word phrases of adjacent content words.

    Example:
        >>> tokenize_en("Robot arms and method for gripping objects")
        ['robot', 'arm', 'robot arm', 'gripping', 'object', 'gripping object']
    """
    out: list[str] = []
    prev: str | None = None
    lowered = _COMPOUND.sub(lambda m: _COMPOUNDS_EN[m.group(1)], text.lower())
    for raw in _WORD.findall(lowered):
        word = _fold_plural(raw)
        if raw in _STOP_EN or word in _STOP_EN or len(word) < 2 or word.isdigit():
            prev = None
            continue
        out.append(word)
        if ngrams and prev is not None:
            out.append(f"{prev} {word}")
        prev = word
    return out


_jieba_ready = False


def tokenize_zh(text: str) -> list[str]:
    """Chinese terms of a text: jieba words of two or more characters, boilerplate removed.

    Latin words inside Chinese text (``AGV``, ``SLAM``) are kept, lower-cased.

    Example:
        >>> tokenize_zh("一种工业机器人的控制方法")
        ['工业', '机器人', '控制']
    """
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba_ready = True
    out = []
    for word in jieba.lcut(text):
        word = word.strip().lower()
        if not word or word in PATENT_STOP_WORDS_ZH:
            continue
        if _HAN.search(word):
            if len(word) >= 2:
                out.append(word)
        elif _WORD.fullmatch(word) and len(word) >= 2 and word not in _STOP_EN:
            out.append(word)
    return out


def tokenize(text: str, lang: str) -> list[str]:
    """Terms of a text in language ``lang`` (``zh`` uses jieba, anything else the English rules)."""
    return tokenize_zh(text) if lang == "zh" else tokenize_en(text)


def top_items(values: Iterable[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` most frequent values with counts, ties alphabetical.

    Example:
        >>> top_items(["b", "a", "b", "c", "a"], 2)
        [('a', 2), ('b', 2)]
    """
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
