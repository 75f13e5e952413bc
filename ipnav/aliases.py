"""Fuzzy grouping of normalised applicant names into a reviewable alias table.

:func:`ipnav.applicants.normalize_name` merges what rules can merge (``INTEL CORP`` and ``Intel
Corporation``). What is left are variants only a comparison can find: word order (``KAERCHER
ALFRED`` / ``ALFRED KAERCHER``), abbreviations DOCDB and the other sources write differently
(``UNIV KING FAHD PET MINERALS`` / ``... PETROLEUM MINERALS``), spelling (``FLUORCHEMIE`` /
``FLOURCHEMIE``), spacing (``UB TECH ROBOTICS`` / ``UBTECH ROBOTICS``).

How (documented with the numbers in ``docs/cleaning.md``):

1. **Blocking** so that 100k names stay cheap: two names are compared only if they share a word
   that at most ``max_block`` names contain (CJK names: a character pair), or the same letters
   once spaces are removed.
2. **Pair score** (:func:`pair_score`, 0-100): words are aligned one to one; a word pair counts
   1.0 when equal, 0.9 when one is an abbreviation (prefix of at least 3 letters) of the other,
   and its spelling similarity when that is >= 85 for words of >= 5 letters. The score is the mean
   over aligned words, minus 6 for each generic word left over (TECH, IND, INT, GLOBAL ...).
3. **Guards**, each a reason for a score of 0: a distinctive word on either side with no partner
   (``SAMSUNG ELECTRONICS`` vs ``SAMSUNG SDI``, ``TOYOTA MOTOR`` vs ``TOYOTA RES INST``; generic
   words are distinctive between universities and institutes: ``UNIV WUHAN TECH`` is not
   ``UNIV WUHAN``); different
   numbers (``STRONG FORCE ... 2018`` vs ``... 2019``); different kinds (university vs company) or
   countries where both are known; one-word names other than spelling (``INTEL`` is not
   ``INTELLIGENT``); persons other than reordered words; CJK names other than the same characters
   reordered or a one-character difference in a long name (numerals excluded); a CJK name against a
   Latin one (that link is the reviewer's to add by hand).
4. **Leader grouping** (no chaining): variants are taken by patent count, largest first; each
   joins the best-scoring larger variant that is itself a group head, else heads a group. So
   ``A ~ B`` and ``B ~ C`` never pull ``C`` into ``A`` unless ``A ~ C`` too.

The result is a list of :class:`AliasRow` (variant -> canonical, score, patents, reviewed flag,
reason) that :mod:`ipnav.alias_table` writes to CSV for a person to check and re-apply.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ipnav.exceptions import ConfigError

__all__ = ["DEFAULT_THRESHOLD", "AliasRow", "Variant", "group_variants", "pair_score"]

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 90.0
"""Pairs scoring at least this are suggested. Chosen on the Lens robotics applicants: every pair
from 90 up that was checked by hand is one organisation (docs/cleaning.md lists them)."""

_GENERIC = frozenset({"TECH", "IND", "INT", "GLOBAL", "SYS", "MFG", "ENTPR", "CO"})
_GENERIC_PENALTY = 6.0
_TYPO_MIN = 85.0
_PREFILTER = 70.0  # token_sort_ratio below this never reaches the threshold (lowest seen on Lens: 76)
_SPACING_MIN_LETTERS = 6
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]")
_CJK_NUMERALS = frozenset("一二三四五六七八九十百千零〇")


@dataclass(frozen=True, slots=True)
class Variant:
    """One organisation key as the store holds it, before aliases.

    Attributes:
        key: The normalised name (``ipnav.applicants.normalize_name``).
        patents: Patents assigned to this key.
        name: Its most frequent raw name, for people to read.
        kind: ``company``, ``university`` ... when known.
        country: Country code when known.
    """

    key: str
    patents: int = 0
    name: str = ""
    kind: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class AliasRow:
    """One line of the alias table: ``variant`` is to be counted as ``canonical``.

    Attributes:
        variant, canonical: Normalised keys.
        score: Pair score 0-100 (100 for hand-made rows).
        patents: Patents of the variant (what the merge moves).
        reviewed: ``""`` (not yet checked), ``yes`` (checked, keep) or ``no`` (checked, wrong:
            never applied, never suggested again).
        reason: Why the rows were paired (``same words, reordered``, ``abbreviation PET/PETROLEUM``,
            ``manual`` ...).
        variant_name, canonical_name: Raw names for reading.
        canonical_patents: Patents of the canonical key.
    """

    variant: str
    canonical: str
    score: float
    patents: int
    reviewed: str = ""
    reason: str = ""
    variant_name: str = ""
    canonical_name: str = ""
    canonical_patents: int = 0


def _is_cjk(text: str) -> bool:
    return len(_CJK.findall(text)) * 2 >= len(text.replace(" ", ""))


def _word_match(a: str, b: str) -> tuple[float, str]:
    if a == b:
        return 1.0, ""
    if a.isdigit() or b.isdigit():
        return 0.0, ""
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return 0.9, f"abbreviation {short}/{long_}"
    if min(len(a), len(b)) >= 5 and a[0] == b[0]:
        similarity = fuzz.ratio(a, b)
        if similarity >= _TYPO_MIN:
            return similarity / 100.0, f"spelling {a}/{b}"
    return 0.0, ""


def _align(words_a: list[str], words_b: list[str]) -> tuple[list[tuple[float, str]], list[str]]:
    """One-to-one alignment: equal words first, then the best inexact pairs.

    Returns the matches ``(value, note)`` and the words left over on either side.
    """
    rest_a = Counter(words_a)
    rest_b = Counter(words_b)
    common = rest_a & rest_b
    rest_a -= common
    rest_b -= common
    matches: list[tuple[float, str]] = [(1.0, "")] * sum(common.values())
    left_a, left_b = list(rest_a.elements()), list(rest_b.elements())
    if not left_a or not left_b:
        return matches, left_a + left_b
    candidates = []
    for i, a in enumerate(left_a):
        for j, b in enumerate(left_b):
            value, note = _word_match(a, b)
            if value > 0:
                candidates.append((-value, i, j, note))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    for neg, i, j, note in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            matches.append((-neg, note))
    left = [w for i, w in enumerate(left_a) if i not in used_a] + [w for j, w in enumerate(left_b) if j not in used_b]
    return matches, left


def _cjk_score(a: str, b: str) -> tuple[float, str]:
    a, b = a.replace(" ", ""), b.replace(" ", "")
    if sorted(a) == sorted(b) and len(a) >= 4:
        return 100.0, "same characters, reordered"
    if min(len(a), len(b)) < 10 or abs(len(a) - len(b)) > 1:
        return 0.0, "CJK names differ"
    differing = set(a) ^ set(b)
    if differing & _CJK_NUMERALS:
        return 0.0, "numbers differ"
    score = fuzz.ratio(a, b)
    return (score, "one character differs") if score >= 95 else (0.0, "CJK names differ")


_ACADEMIC = re.compile(r"\b(UNIV|INST|COLLEGE|SCHOOL|ACAD|ACADEMY|LAB|FOUND|FOUNDATION)\b")


def _companies(a: Variant, b: Variant) -> bool:
    """Generic words may be left over only between companies (UNIV WUHAN TECH is not UNIV WUHAN)."""
    return all(v.kind in (None, "company") and not _ACADEMIC.search(v.key) for v in (a, b))


def pair_score(a: Variant | str, b: Variant | str) -> tuple[float, str]:
    """Similarity of two normalised names after the guards (module docstring), with the reason.

    Returns:
        ``(score, reason)``; the score is 0 when a guard rejects the pair, and the reason names it.

    Example:
        >>> pair_score("KAERCHER ALFRED", "ALFRED KAERCHER")
        (100.0, 'same words, reordered')
        >>> pair_score("SAMSUNG ELECTRONICS", "SAMSUNG SDI")
        (0.0, 'distinctive words unmatched: ELECTRONICS, SDI')
        >>> pair_score("UNIV KING FAHD PET MINERALS", "UNIV KING FAHD PETROLEUM MINERALS")
        (98.0, 'abbreviation PET/PETROLEUM')
    """
    va = a if isinstance(a, Variant) else Variant(a)
    vb = b if isinstance(b, Variant) else Variant(b)
    if va.kind and vb.kind and va.kind != vb.kind:
        return 0.0, f"kinds differ: {va.kind}/{vb.kind}"
    if va.country and vb.country and va.country != vb.country:
        return 0.0, f"countries differ: {va.country}/{vb.country}"
    ka, kb = va.key, vb.key
    if ka == kb:
        return 100.0, "same key"
    cjk_a, cjk_b = _is_cjk(ka), _is_cjk(kb)
    if cjk_a or cjk_b:
        return _cjk_score(ka, kb) if cjk_a and cjk_b else (0.0, "different scripts")
    squash_a, squash_b = ka.replace(" ", ""), kb.replace(" ", "")
    if squash_a == squash_b:
        if len(squash_a) >= _SPACING_MIN_LETTERS:
            return 100.0, "same letters, spacing differs"
        return 85.0, "same letters, spacing differs (short name: check)"
    words_a, words_b = ka.split(), kb.split()
    if {w for w in words_a if w.isdigit()} != {w for w in words_b if w.isdigit()}:
        return 0.0, "numbers differ"
    individual = "individual" in (va.kind, vb.kind)
    if sorted(words_a) == sorted(words_b):
        return 100.0, "same words, reordered"
    if individual:
        return 0.0, "persons merge only on reordered words"
    matches, left = _align(words_a, words_b)
    if not matches:
        return 0.0, "no word in common"
    generic = _GENERIC if _companies(va, vb) else frozenset()
    distinctive = [w for w in left if w not in generic]
    if distinctive:
        return 0.0, f"distinctive words unmatched: {', '.join(distinctive)}"
    exact = sum(1 for value, _ in matches if value == 1.0)
    if len(matches) == 1 and exact == 0 and not matches[0][1].startswith("spelling"):
        return 0.0, "one-word names differ"
    if exact == 0 and len(matches) > 1:
        return 0.0, "no word equal"
    score = 100.0 * sum(value for value, _ in matches) / len(matches) - _GENERIC_PENALTY * len(left)
    notes = [note for _, note in matches if note] + ([f"generic word(s) {', '.join(left)}"] if left else [])
    return round(max(score, 0.0), 1), "; ".join(notes) or "same words"


def _blocks(variants: Sequence[Variant], max_block: int) -> Iterable[tuple[str, list[int]]]:
    """Candidate groups: shared rare words (CJK: character pairs) and equal space-free spellings."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(variants):
        text = v.key
        if _is_cjk(text):
            compact = text.replace(" ", "")
            keys = {f"c:{compact[k : k + 2]}" for k in range(len(compact) - 1)} or {f"c:{compact}"}
        else:
            keys = {f"w:{w}" for w in text.split() if w not in _GENERIC}
            keys.add(f"s:{text.replace(' ', '')}")
        for key in keys:
            by_key[key].append(i)
    skipped = 0
    for key, members in by_key.items():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            skipped += 1
            continue
        yield key[0], members
    if skipped:
        logger.info(
            "alias blocking: %d words shared by more than %d names were not used",
            skipped,
            max_block,
        )


def _candidate_pairs(
    variants: Sequence[Variant], max_block: int, cutoff: float
) -> dict[tuple[int, int], tuple[float, str]]:
    """Score every blocked pair that passes a cheap sorted-word prefilter (rapidfuzz, in C)."""
    from rapidfuzz import process

    seen: set[int] = set()
    n = len(variants)
    out: dict[tuple[int, int], tuple[float, str]] = {}
    for kind, members in _blocks(variants, max_block):
        if kind == "s":  # same letters once spaces are removed: every pair is a candidate
            candidates = [(i, j) for i in members for j in members]
        else:
            keys = [variants[i].key for i in members]
            prefilter = process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=_PREFILTER, workers=1)
            candidates = [(members[int(x)], members[int(y)]) for x, y in zip(*prefilter.nonzero(), strict=True)]
        for i, j in candidates:
            if i >= j or i * n + j in seen:
                continue
            seen.add(i * n + j)
            score, reason = pair_score(variants[i], variants[j])
            if score >= cutoff:
                out[(i, j)] = (score, reason)
    return out


def group_variants(
    variants: Iterable[Variant],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = 300,
    fixed: Iterable[str] = (),
    forbidden: Iterable[tuple[str, str]] = (),
) -> list[AliasRow]:
    """Suggest alias rows for a set of variants (leader grouping, see the module docstring).

    Args:
        variants: Organisation keys with patent counts.
        threshold: Minimum pair score (0-100) for a suggestion.
        max_block: Words shared by more names than this are not used for blocking.
        fixed: Keys already decided by a reviewer; they neither join nor head a suggested group.
        forbidden: ``(variant, canonical)`` pairs a reviewer rejected.

    Returns:
        Rows ``variant -> canonical`` sorted by patents moved (largest first), then variant.

    Raises:
        ConfigError: ``threshold`` outside 0-100 or ``max_block`` < 2.

    Example:
        >>> names = [("ALFRED KAERCHER", 9), ("KAERCHER ALFRED", 3), ("SAMSUNG SDI", 5)]
        >>> rows = group_variants([Variant(key, n) for key, n in names])
        >>> [(r.variant, r.canonical, r.patents) for r in rows]
        [('KAERCHER ALFRED', 'ALFRED KAERCHER', 3)]
    """
    if not 0 <= threshold <= 100:
        raise ConfigError(f"The 'threshold' parameter must be between 0 and 100. Got {threshold!r} instead.")
    if max_block < 2:
        raise ConfigError(f"The 'max_block' parameter must be an int >= 2. Got {max_block!r} instead.")
    merged: dict[str, Variant] = {}
    for v in variants:
        if v.key:
            old = merged.get(v.key)
            merged[v.key] = (
                v
                if old is None
                else Variant(
                    v.key,
                    old.patents + v.patents,
                    old.name or v.name,
                    old.kind or v.kind,
                    old.country or v.country,
                )
            )
    fixed_set = set(fixed)
    banned = {frozenset(p) for p in forbidden}
    ordered = sorted(
        (v for k, v in merged.items() if k not in fixed_set),
        key=lambda v: (-v.patents, len(v.key), v.key),
    )
    pairs = _candidate_pairs(ordered, max_block, threshold)
    neighbours: dict[int, list[tuple[float, int, str]]] = defaultdict(list)
    for (i, j), (score, reason) in pairs.items():
        if frozenset((ordered[i].key, ordered[j].key)) not in banned:
            neighbours[j].append((score, i, reason))  # i < j: i ranks higher
    leaders: set[int] = set()
    rows: list[AliasRow] = []
    for j, variant in enumerate(ordered):
        options = sorted((-s, i, r) for s, i, r in neighbours.get(j, ()) if i in leaders)
        if not options:
            leaders.add(j)
            continue
        neg, i, reason = options[0]
        head = ordered[i]
        rows.append(
            AliasRow(
                variant.key,
                head.key,
                -neg,
                variant.patents,
                "",
                reason,
                variant.name,
                head.name,
                head.patents,
            )
        )
    rows.sort(key=lambda r: (-r.patents, -r.canonical_patents, r.variant))
    return rows
