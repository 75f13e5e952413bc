"""Column mappings for the generic CSV/XLSX reader: loading, validation and choice by header.

A mapping says which source column(s) fill which canonical field. It is data, not code: the
shipped ones live in ``ingest/mappings/*.yaml`` (PatSnap, incoPat, CNIPA-style, generic English)
and a user gives their own with ``ipnav ingest --format csv --mapping FILE`` (YAML or JSON of the
same shape, documented in ``docs/ingest.md``)::

    name: my-export                       # optional
    detect:                               # optional; used by --format auto
      required: [[公开(公告)号, 公开号]]      # each group: one of these columns must be present
      signature: [合享价值度, 链接到incoPat]  # typical columns of this source ...
      min_signature: 1                     # ... of which at least this many must be present
    separator: "|"                        # optional; default: first of ;; newline | ; in the cell
    fields:                               # canonical field -> column or list of columns
      publication_number: 公开(公告)号          #   (the first non-empty column of the list wins)
      title: {zh: 标题(中文), en: 标题(英文), auto: 标题}   # text fields: language -> column(s)
      applicants: [申请人, 当前权利人]
    grant_when: {column: 专利类型, values: [授权发明]}   # optional: rows that are grants
    extra:                                # optional: kept in record.extra under these keys
      value_score: {column: 合享价值度, type: int}    # type: text (default) | int | list
      office: 受理局

A flat mapping (``{publication_number: "Pub No", title: "Title"}``, no ``fields`` key) is read as
``fields``. Header names are compared after NFKC (full-width ``（）`` = ``()``), case folding and
removal of spaces, ``_``, ``-``, ``.`` and ``:``. Unknown keys and unknown canonical fields fail
loudly with :class:`~ipnav.exceptions.ConfigError`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipnav.exceptions import ConfigError

__all__ = [
    "FIELDS",
    "TEXT_FIELDS",
    "ColumnMapping",
    "choose_mapping",
    "header_key",
    "parse_mapping",
    "shipped_mappings",
]

MAPPINGS_DIR = Path(__file__).with_name("mappings")

TEXT_FIELDS = ("title", "abstract", "first_claim")
FIELDS = (
    "publication_number",
    "kind",
    "application_number",
    "family_id",
    "legal_status",
    "application_date",
    "priority_date",
    "publication_date",
    "grant_date",
    *TEXT_FIELDS,
    "applicants",
    "current_owners",
    "inventors",
    "applicant_address",
    "applicant_country",
    "inventor_country",
    "ipc",
    "ipc_main",
    "cpc",
    "cited",
    "citing",
    "priority_numbers",
    "priority_countries",
    "claims_count",
    "cites_count",
    "cited_by_count",
    "family_size",
)
"""Canonical fields a mapping may fill (see ``docs/ingest.md`` for what each becomes)."""

_TOP_KEYS = {"name", "label", "description", "detect", "separator", "fields", "grant_when", "extra"}
_EXTRA_TYPES = ("text", "int", "list")
_STRIP = re.compile(r"[\s_\-.:：]+")


def header_key(name: str) -> str:
    """The comparison key of a header name.

    Example:
        >>> header_key("公开（公告）号") == header_key("公开(公告)号")
        True
        >>> header_key("Publication No.")
        'publicationno'
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", str(name)).casefold())


@dataclass(frozen=True)
class ColumnMapping:
    """A validated column mapping (see the module docstring for the file shape).

    Attributes:
        name: Mapping name (``patsnap``, ``incopat`` ... or the user's).
        fields: Canonical field -> candidate columns; text fields: ``"<field>.<lang>"`` keys.
        extra: Extra key -> (candidate columns, type).
        required: Groups of columns of which one each must be present (detection and reading).
        signature: Typical columns; ``min_signature`` of them must be present for detection.
        separator: Multi-value separator, or None for the default.
        grant_when: (columns, values): rows whose column holds one of the values are grants.
    """

    name: str
    fields: Mapping[str, tuple[str, ...]]
    extra: Mapping[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    required: tuple[tuple[str, ...], ...] = ()
    signature: tuple[str, ...] = ()
    min_signature: int = 0
    separator: str | None = None
    grant_when: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def columns(self) -> set[str]:
        """Every source column the mapping names (as header keys)."""
        names = [c for cols in self.fields.values() for c in cols]
        names += [c for cols, _ in self.extra.values() for c in cols] + list(self.signature)
        return {header_key(c) for c in names}

    def score(self, header: Iterable[str]) -> int | None:
        """How many of the mapping's columns a header holds; None when it does not match."""
        keys = {header_key(h) for h in header}
        if not keys:
            return None
        if any(not {header_key(c) for c in group} & keys for group in self.required):
            return None
        if sum(header_key(c) in keys for c in self.signature) < self.min_signature:
            return None
        return len(self.columns() & keys)


def _columns(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if isinstance(value, Sequence) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise ConfigError(
        f"The mapping entry {where!r} must be a column name or a list of column names. Got {value!r} instead."
    )


def _fields(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for name, value in data.items():
        if name not in FIELDS:
            raise ConfigError(
                f"The mapping field {name!r} is not a canonical field; use one of "
                f"{', '.join(FIELDS)} (other columns go under 'extra')."
            )
        if name in TEXT_FIELDS and isinstance(value, Mapping):
            for lang, cols in value.items():
                if not re.fullmatch(r"auto|[a-z]{2,3}(-[A-Za-z]{2,4})?", str(lang)):
                    raise ConfigError(f"The language key {lang!r} of {name!r} must be 'auto' or a tag like 'zh', 'en'.")
                out[f"{name}.{lang}"] = _columns(cols, f"{name}.{lang}")
        else:
            out[f"{name}.auto" if name in TEXT_FIELDS else name] = _columns(value, name)
    if "publication_number" not in out:
        raise ConfigError("A mapping must name the column of 'publication_number'.")
    return out


def _extra(data: Mapping[str, Any]) -> dict[str, tuple[tuple[str, ...], str]]:
    out = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            kind = value.get("type", "text")
            if kind not in _EXTRA_TYPES or set(value) - {"column", "columns", "type"}:
                raise ConfigError(
                    f"The extra entry {key!r} must be a column or "
                    f"{{column, type: {'|'.join(_EXTRA_TYPES)}}}. Got {dict(value)!r} instead."
                )
            out[str(key)] = (
                _columns(value.get("column") or value.get("columns"), f"extra.{key}"),
                kind,
            )
        else:
            out[str(key)] = (_columns(value, f"extra.{key}"), "text")
    return out


def parse_mapping(data: Mapping[str, Any], *, name: str = "user") -> ColumnMapping:
    """Validate a mapping read from YAML/JSON (full shape, or a flat field -> column dict).

    Raises:
        ConfigError: Unknown keys or fields, or values of the wrong shape (the message says which).

    Example:
        >>> m = parse_mapping({"publication_number": "Pub No", "title": "Title"})
        >>> m.fields["publication_number"], m.fields["title.auto"]
        (('Pub No',), ('Title',))
    """
    if not isinstance(data, Mapping):
        raise ConfigError(
            f"A mapping must be a mapping of canonical field -> column. Got {type(data).__name__} instead."
        )
    if "fields" not in data:
        data = {"fields": data}
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(f"Unknown mapping key(s) {sorted(unknown)}; allowed: {sorted(_TOP_KEYS)}.")
    detect = data.get("detect") or {}
    if not isinstance(detect, Mapping) or set(detect) - {"required", "signature", "min_signature"}:
        raise ConfigError(f"The mapping's 'detect' must hold required/signature/min_signature. Got {detect!r} instead.")
    grant = data.get("grant_when")
    if grant is not None and (not isinstance(grant, Mapping) or set(grant) != {"column", "values"}):
        raise ConfigError(f"The mapping's 'grant_when' must be {{column, values}}. Got {grant!r} instead.")
    fields = _fields(data["fields"] if isinstance(data["fields"], Mapping) else {})
    required = tuple(_columns(g, "detect.required") for g in detect.get("required", []))
    return ColumnMapping(
        name=str(data.get("name") or name),
        fields=fields,
        extra=_extra(data.get("extra") or {}),
        required=required or (fields["publication_number"],),
        signature=_columns(detect["signature"], "detect.signature") if detect.get("signature") else (),
        min_signature=int(detect.get("min_signature", 0)),
        separator=data.get("separator"),
        grant_when=(
            _columns(grant["column"], "grant_when.column"),
            _columns(grant["values"], "grant_when.values"),
        )
        if grant
        else None,
    )


@functools.cache
def shipped_mappings() -> tuple[ColumnMapping, ...]:
    """The mappings shipped in ``ingest/mappings/*.yaml``, sorted by name."""
    import yaml

    out = []
    for path in sorted(MAPPINGS_DIR.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:  # a broken shipped file is a bug; say which file
            raise ConfigError(f"{path}: cannot read shipped mapping: {exc}") from exc
        out.append(parse_mapping(data, name=path.stem))
    return tuple(out)


def choose_mapping(header: Sequence[str], mappings: Iterable[ColumnMapping] | None = None) -> ColumnMapping | None:
    """The shipped mapping that fits a header best (most columns present), or None.

    Example:
        >>> header = ["公开(公告)号", "[标]当前申请(专利权)人", "PatSnap同族被引用专利总数"]
        >>> choose_mapping(header).name
        'patsnap'
    """
    best: tuple[int, ColumnMapping] | None = None
    for mapping in mappings if mappings is not None else shipped_mappings():
        score = mapping.score(header)
        if score is not None and (best is None or score > best[0]):  # ties: the first by name
            best = (score, mapping)
    return best[1] if best else None
