import pytest

from ipnav.codes import parse_code, split_codes
from ipnav.exceptions import InvalidCodeError


@pytest.mark.parametrize(
    ("given", "symbol", "group", "level"),
    [
        ("B25J9/16", "B25J9/16", "B25J9/00", "subgroup"),
        ("B25J 9/16", "B25J9/16", "B25J9/00", "subgroup"),
        ("B25J   9/1697", "B25J9/1697", "B25J9/00", "subgroup"),
        ("B29C-047/00", "B29C47/00", "B29C47/00", "group"),
        ("B25B1/103 (EP,US)", "B25B1/103", "B25B1/00", "subgroup"),
        ("H01L 21/00 (2006.01)", "H01L21/00", "H01L21/00", "group"),
        ("G02B2027/0187", "G02B2027/0187", "G02B2027/00", "subgroup"),
        ("B65G067/02", "B65G67/02", "B65G67/00", "subgroup"),
        ("b25j9/16", "B25J9/16", "B25J9/00", "subgroup"),
        ("B25J", "B25J", None, "subclass"),
        ("B25J/", "B25J", None, "subclass"),
    ],
)
def test_parse_code(given: str, symbol: str, group: str | None, level: str) -> None:
    code = parse_code(given)
    assert (code.symbol, code.group, code.level) == (symbol, group, level)


def test_hierarchy() -> None:
    code = parse_code("B25J9/1697", "CPC")
    assert (code.section, code.klass, code.subclass, code.scheme) == ("B", "B25", "B25J", "CPC")
    assert [s for s, _ in code.ancestors()] == ["B", "B25", "B25J", "B25J9/00", "B25J9/1697"]


@pytest.mark.parametrize("bad", ["", "25J9/16", "B2J9/16", "robot", "B25J9/x", "Z99Z1/00"])
def test_rejects_garbage(bad: str) -> None:
    with pytest.raises(InvalidCodeError):
        parse_code(bad)


def test_split_codes_separators_and_bad_parts() -> None:
    codes, bad = split_codes("B25B1/103 (EP,US) \nB25B1/24 (EP,US)\nnonsense")
    assert [c.symbol for c in codes] == ["B25B1/103", "B25B1/24"]
    assert bad == ["nonsense"]
    codes, bad = split_codes("B64C27/12 | B64C27/82 | B64C27/12")
    assert [c.symbol for c in codes] == ["B64C27/12", "B64C27/82"] and bad == []
    assert split_codes(None) == ([], []) and split_codes("-") == ([], [])
