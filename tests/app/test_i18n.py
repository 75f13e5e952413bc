"""The bilingual text table: complete, used keys exist, placeholders agree between languages."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ipnav.i18n import TEXT, column_label, label_columns, tr

REPO = Path(__file__).resolve().parents[2]
KEY = re.compile(r"""\bt\(\s*["']([a-z_.]+)["']""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_entry_has_both_languages_with_the_same_placeholders(key: str) -> None:
    zh, en = TEXT[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en)


def test_every_key_the_pages_use_exists() -> None:
    used = {k for path in (REPO / "app_pages").glob("*.py") for k in KEY.findall(path.read_text(encoding="utf-8"))}
    used |= set(KEY.findall((REPO / "app.py").read_text(encoding="utf-8")))
    assert len(used) > 100
    prefixes = {k for k in used if k.endswith(".")}  # t("confidence." + level): every completion exists
    assert all(any(key.startswith(p) for key in TEXT) for p in prefixes)
    assert sorted(used - prefixes - set(TEXT)) == []


def test_chinese_is_chinese() -> None:
    cjk = re.compile(r"[\u4e00-\u9fff]")
    allowed = {"col.rta", "evaluation.rank_value"}  # "RTA" and "{rank} / {n}" read the same in both
    latin_only = [k for k, (zh, _) in TEXT.items() if not cjk.search(zh) and k not in allowed]
    assert latin_only == []


def test_lookup_and_columns() -> None:
    assert tr("store.patents", "en", n=1234) == "1,234 patents"
    assert tr("store.patents", "zh", n=1234) == "1,234 件专利"
    with pytest.raises(KeyError):
        tr("no.such.key")
    assert column_label("rta", "en") == "RTA" and column_label("unknown_column", "zh") == "unknown_column"
    assert label_columns(["patents"], "zh", extra={"patents": "件数"}) == {"patents": "件数"}
