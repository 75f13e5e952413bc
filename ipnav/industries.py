"""Industry tagging from IPC/CPC codes, driven by a shipped, editable mapping file.

The mapping is ``ipnav/data/industries.csv`` (UTF-8, opens in Excel); a user edits a copy and runs
``ipnav retag --mapping FILE``. Columns: ``industry, parent, name_zh, name_en, pattern, requires,
source, note``. A row without ``pattern`` defines an industry (stable code, parent, bilingual
names); a row with ``pattern`` is a rule that tags a patent with ``industry`` when one of its codes
matches, and says where the rule comes from in ``source`` (``CNIPA-SEI-2021 rule 41``,
``WIPO field 25``, ``ipnav extension: B33Y not in SEI table`` ...). Lines starting with ``#`` are
comments.

Industry codes: ``equipment``, ``robotics``, ``materials``, ``additive`` and their branches
(``equipment.machine_tools``, ``robotics.industrial``, ``materials.metallic``,
``additive.processes`` ...), plus the CNIPA strategic-emerging-industry codes themselves
(``sei:2``, ``sei:2.1``, ``sei:3.2`` ...). A patent's tags include every parent, so filtering by
``robotics`` finds every robotics branch.

Patterns (matched against the compact symbol of every IPC and CPC code of the patent)::

    B61           class: every code in B61
    B25J          subclass
    B25J9         main group 9 with all its subgroups
    B25J9/16      subgroup 16 and every code whose subgroup number extends it (CPC B25J9/1697)
    B29C64/2*     every subgroup number starting with 2 (B29C64/20 ... B29C64/295)
    sei-rule:41   every code the CNIPA SEI 2021 concordance lists under rule 41

CPC shares IPC's hierarchy down to the IPC subgroup, and CPC's finer subgroups extend the IPC
number (B25J9/1697 refines B25J9/16), which is what the digit-prefix patterns rely on. CPC-only
2000-series indexing codes (G05B2219/39..., A47L2201) and the Y section match only rules written
for them. ``requires`` (``B25J|G05D1``) limits a rule to patents that also carry a matching code.

SEI matching follows the source's caveat that the official table lists exact codes (its ``*``
wildcards were expanded to IPC 2026.01): a code matches a rule if the table lists the code itself,
or the IPC subgroup it refines (trailing digits removed, down to two: B25J9/1697 -> B25J9/169 ->
B25J9/16). A main group is never used for codes the table does not list, so codes withdrawn before
2026 (G05D1/02) get no SEI tag.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from ipnav.codes import Code
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord

__all__ = [
    "Industry",
    "IndustryMapping",
    "IndustryRule",
    "RuleSet",
    "explain_tags",
    "industry_nodes",
    "load_industries",
    "tag_record",
    "tag_records",
]

_COLUMNS = ("industry", "parent", "name_zh", "name_en", "pattern", "requires", "source", "note")
_CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$|^sei:\d(\.\d+)?$")
_PATTERN_RE = re.compile(r"^(?P<head>[A-HY]\d\d(?:[A-Z])?)(?:(?P<group>\d{1,4})(?:/(?P<sub>\d{1,6})(?P<star>\*)?)?)?$")
_SEI_RULE_RE = re.compile(r"^sei-rule:(?P<id>\d+)$")


@dataclass(frozen=True, slots=True)
class Industry:
    """A node of the industry taxonomy."""

    code: str
    parent: str | None
    name_zh: str
    name_en: str
    source: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class IndustryRule:
    """A rule: codes matching ``pattern`` tag ``industry`` (if the patent also matches ``requires``)."""

    industry: str
    pattern: str
    requires: tuple[str, ...] = ()
    source: str = ""
    note: str = ""
    row: int = 0


class _Pattern(NamedTuple):
    head: str  # class (B61) or subclass (B25J)
    group: str | None
    sub: str | None  # digit prefix of the subgroup number

    def matches(self, code: Code) -> bool:
        symbol = code.symbol
        if len(self.head) == 3:
            return symbol[:3] == self.head
        if symbol[:4] != self.head:
            return False
        if self.group is None:
            return True
        group, _, sub = symbol[4:].partition("/")
        return group == self.group and (self.sub is None or sub.startswith(self.sub))


def _parse_pattern(text: str) -> _Pattern | None:
    match = _PATTERN_RE.match(text.strip().upper().replace(" ", ""))
    if match is None or (len(match["head"]) == 3 and match["group"]):
        return None
    sub = match["sub"]
    if sub is not None and not match["star"] and len(sub) < 2:
        return None
    return _Pattern(match["head"], str(int(match["group"])) if match["group"] else None, sub)


class RuleSet:
    """Compiled rules, ready to tag records fast (index by class and subclass, SEI lookups by code).

    Built by :func:`load_industries`; holds the taxonomy's parent links so tags include ancestors.
    """

    def __init__(
        self,
        rules: Iterable[IndustryRule],
        taxonomy: Mapping[str, Industry],
        sei_codes: Mapping[str, tuple[int, ...]],
    ):
        self.rules = tuple(rules)
        self._by_head: dict[str, list[tuple[_Pattern, IndustryRule]]] = defaultdict(list)
        self._by_sei_rule: dict[int, list[IndustryRule]] = defaultdict(list)
        self._requires: dict[IndustryRule, list[_Pattern]] = {}
        for rule in self.rules:
            sei = _SEI_RULE_RE.match(rule.pattern)
            if sei:
                self._by_sei_rule[int(sei["id"])].append(rule)
            else:
                pattern = _parse_pattern(rule.pattern)
                if pattern is None:
                    raise InputFormatError(f"rule at line {rule.row}: not an IPC/CPC pattern: {rule.pattern!r}")
                self._by_head[pattern.head].append((pattern, rule))
            if rule.requires:
                self._requires[rule] = [p for p in map(_parse_pattern, rule.requires) if p is not None]
        self._sei = sei_codes
        self._ancestors = {code: _ancestors(code, taxonomy) for code in taxonomy}

    def sei_rules_of(self, code: Code) -> tuple[int, ...]:
        """SEI rule ids listing the code, or the IPC subgroup it refines (module docstring)."""
        symbol = code.symbol
        if symbol in self._sei:
            return self._sei[symbol]
        head, sep, sub = symbol.partition("/")
        if not sep or (len(head) > 4 and int(head[4:]) >= 2000):
            return ()
        for end in range(len(sub) - 1, 1, -1):
            found = self._sei.get(f"{head}/{sub[:end]}")
            if found:
                return found
        return ()

    def matches(self, record: PatentRecord) -> list[tuple[IndustryRule, Code]]:
        """Every (rule, code) pair that fires for the record, in rule-file order."""
        codes = list(dict.fromkeys(record.codes))
        fired: list[tuple[IndustryRule, Code]] = []
        for code in codes:
            for pattern, rule in [
                *self._by_head.get(code.klass, ()),
                *self._by_head.get(code.subclass, ()),
            ]:
                if pattern.matches(code):
                    fired.append((rule, code))
            for sei_id in self.sei_rules_of(code):
                fired.extend((rule, code) for rule in self._by_sei_rule.get(sei_id, ()))
        out = [
            (rule, code)
            for rule, code in fired
            if rule not in self._requires or any(p.matches(c) for p in self._requires[rule] for c in codes)
        ]
        return sorted(out, key=lambda rc: (rc[0].row, rc[1].symbol))

    def tags(self, record: PatentRecord) -> tuple[str, ...]:
        found: set[str] = set()
        for rule, _ in self.matches(record):
            found.update(self._ancestors.get(rule.industry, (rule.industry,)))
        return tuple(sorted(found))


class IndustryMapping(NamedTuple):
    """What :func:`load_industries` returns: ``taxonomy`` (code -> Industry) and compiled rules."""

    taxonomy: dict[str, Industry]
    rules: RuleSet


def _ancestors(code: str, taxonomy: Mapping[str, Industry]) -> tuple[str, ...]:
    chain = [code]
    while (parent := taxonomy[chain[-1]].parent) is not None:
        chain.append(parent)
    return tuple(chain)


def _default_path(name: str) -> Path:
    return Path(str(resources.files("ipnav") / "data" / name))


def _read_sei_table(path: Path) -> dict[str, tuple[int, ...]]:
    raw = path.read_bytes()
    text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8-sig")
    table: dict[str, list[int]] = defaultdict(list)
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            table[row["ipc"].strip()].append(int(row["sei_id"]))
        except (KeyError, ValueError, AttributeError):
            raise InputFormatError(
                f"expected columns ipc,sei_id with an integer id, got {row!r}",
                path=str(path),
                location=f"row {number}",
            ) from None
    return {k: tuple(sorted(set(v))) for k, v in table.items()}


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise InputFormatError("industry mapping not found", path=str(path))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, start=1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise InputFormatError("industry mapping is empty", path=str(path))
    reader = csv.reader(line for _, line in lines)
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in ("industry", "pattern", "source") if c not in header]
    if missing:
        raise InputFormatError(
            f"missing column(s) {', '.join(missing)}; expected {', '.join(_COLUMNS)}",
            path=str(path),
            location=f"line {lines[0][0]}",
        )
    return [
        (n, dict(zip(header, (c.strip() for c in cells), strict=False)))
        for (n, _), cells in zip(lines[1:], reader, strict=True)
    ]


def _check_rule(rule: IndustryRule, taxonomy: Mapping[str, Industry], path: Path) -> None:
    where = {"path": str(path), "location": f"line {rule.row}"}
    if rule.industry not in taxonomy:
        raise InputFormatError(
            f"field 'industry': {rule.industry!r} is not defined by a row without a pattern",
            **where,
        )
    if not rule.source:
        raise InputFormatError("field 'source': every rule must say where it comes from", **where)
    sei_rule = _SEI_RULE_RE.match(rule.pattern)
    if sei_rule is None and _parse_pattern(rule.pattern) is None:
        raise InputFormatError(f"field 'pattern': not an IPC/CPC pattern or sei-rule:N: {rule.pattern!r}", **where)
    for req in rule.requires:
        if _parse_pattern(req) is None:
            raise InputFormatError(f"field 'requires': not an IPC/CPC pattern: {req!r}", **where)


def load_industries(path: str | Path | None = None, *, sei_table: str | Path | None = None) -> IndustryMapping:
    """Read and check an industry mapping (default: the shipped ``ipnav/data/industries.csv``).

    Args:
        path: The mapping CSV (module docstring).
        sei_table: The CNIPA SEI concordance (``ipc,sei_id``; gzip allowed); default the shipped
            ``ipnav/data/cnipa_sei2021_ipc.csv.gz``.

    Returns:
        ``IndustryMapping(taxonomy, rules)``.

    Raises:
        InputFormatError: Missing file or column, an industry defined twice or never, an unknown
            parent, a parent cycle, a malformed pattern, or a rule without a source (line named).

    Example:
        >>> mapping = load_industries()
        >>> mapping.taxonomy["robotics.industrial"].parent, mapping.taxonomy["sei:2.1"].name_zh
        ('robotics', '智能制造装备产业')
    """
    path = Path(path) if path is not None else _default_path("industries.csv")
    sei_path = Path(sei_table) if sei_table is not None else _default_path("cnipa_sei2021_ipc.csv.gz")
    taxonomy: dict[str, Industry] = {}
    rules: list[IndustryRule] = []
    for number, cells in _read_rows(path):
        code = cells.get("industry", "")
        where = {"path": str(path), "location": f"line {number}"}
        if not _CODE_RE.match(code):
            raise InputFormatError(
                "field 'industry': codes are lower-case words joined by dots "
                "(robotics.industrial) "
                f"or sei:N.N. Got {code!r}",
                **where,
            )
        if cells.get("pattern"):
            requires = tuple(p.strip() for p in cells.get("requires", "").split("|") if p.strip())
            rules.append(
                IndustryRule(
                    code,
                    cells["pattern"],
                    requires,
                    cells.get("source", ""),
                    cells.get("note", ""),
                    number,
                )
            )
        else:
            if code in taxonomy:
                raise InputFormatError(f"industry {code!r} is defined twice", **where)
            taxonomy[code] = Industry(
                code,
                cells.get("parent") or None,
                cells.get("name_zh", ""),
                cells.get("name_en", ""),
                cells.get("source", ""),
                cells.get("note", ""),
            )
    for ind in taxonomy.values():
        if ind.parent is not None and ind.parent not in taxonomy:
            raise InputFormatError(f"industry {ind.code!r} has unknown parent {ind.parent!r}", path=str(path))
        seen = {ind.code}
        parent = ind.parent
        while parent is not None:
            if parent in seen:
                raise InputFormatError(f"industry parents form a cycle through {ind.code!r}", path=str(path))
            seen.add(parent)
            parent = taxonomy[parent].parent
    for rule in rules:
        _check_rule(rule, taxonomy, path)
    sei = _read_sei_table(sei_path)
    return IndustryMapping(taxonomy, RuleSet(rules, taxonomy, sei))


def _ruleset(rules: RuleSet | IndustryMapping) -> RuleSet:
    return rules.rules if isinstance(rules, IndustryMapping) else rules


def tag_record(record: PatentRecord, rules: RuleSet | IndustryMapping) -> tuple[str, ...]:
    """The industry codes of a record (sorted, parents included), from its IPC and CPC codes.

    Example:
        >>> from ipnav.codes import parse_code
        >>> rec = PatentRecord(id="US1", jurisdiction="US", cpc=(parse_code("B25J15/0616", "CPC"),))
        >>> tag_record(rec, load_industries())
        ('robotics', 'robotics.end_effectors')
    """
    return _ruleset(rules).tags(record)


def tag_records(records: Iterable[PatentRecord], rules: RuleSet | IndustryMapping) -> Iterator[PatentRecord]:
    """Each record with ``industries`` replaced by :func:`tag_record`."""
    ruleset = _ruleset(rules)
    for record in records:
        tags = ruleset.tags(record)
        yield record if tags == record.industries else replace(record, industries=tags)


def explain_tags(record: PatentRecord, rules: RuleSet | IndustryMapping) -> list[dict[str, str]]:
    """Why a record has its tags: ``{"industry", "code", "pattern", "source"}`` per rule fired.

    Example:
        >>> from ipnav.codes import parse_code
        >>> rec = PatentRecord(id="CN1", jurisdiction="CN", ipc=(parse_code("B33Y10/00"),))
        >>> [(e["industry"], e["source"]) for e in explain_tags(rec, load_industries())][:1]
        [('additive', 'ipnav extension: B33Y not in SEI table; WIPO field 29')]
    """
    return [
        {"industry": r.industry, "code": c.symbol, "pattern": r.pattern, "source": r.source}
        for r, c in _ruleset(rules).matches(record)
    ]


def industry_nodes(taxonomy: Mapping[str, Industry] | IndustryMapping) -> list[dict[str, Any]]:
    """Industry nodes for :meth:`GraphStore.upsert_industries`, parents before children.

    Example:
        >>> nodes = industry_nodes(load_industries())
        >>> nodes[0]["code"], [n for n in nodes if n["code"] == "robotics.industrial"][0]["parent"]
        ('additive', 'robotics')
    """
    tax = taxonomy.taxonomy if isinstance(taxonomy, IndustryMapping) else taxonomy
    depth = {code: len(_ancestors(code, tax)) for code in tax}
    return [
        {"code": i.code, "name_zh": i.name_zh, "name_en": i.name_en, "parent": i.parent}
        for i in sorted(tax.values(), key=lambda i: (depth[i.code], i.code))
    ]
