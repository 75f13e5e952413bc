"""Scenario weight sets and the focus industries, read from an editable YAML file.

The shipped file is ``ipnav/data/scenarios.yaml``: four scenarios (``investment`` 招商引资,
``financing`` 资本对接/质押融资, ``talent`` 人才引进, ``positioning`` 产业定位), each weight with
its reason in Chinese and English, and the focus industries of the Luoyang zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ipnav.exceptions import ConfigError
from ipnav.scores.definitions import ORG_INDICATORS
from ipnav.scores.scorecard import Focus

__all__ = ["SCENARIO_KEYS", "Scenario", "ScenarioBook", "load_scenarios"]

SCENARIO_KEYS = ("investment", "financing", "talent", "positioning")


@dataclass(frozen=True)
class Scenario:
    """One weight set.

    Attributes:
        key: ``investment``, ``financing``, ``talent``, ``positioning`` or a user key.
        name_zh, name_en, purpose_zh, purpose_en: Display texts.
        weights: ``{org indicator: weight >= 0}``.
        reasons: ``{org indicator: (reason_zh, reason_en)}``.
    """

    key: str
    name_zh: str
    name_en: str
    purpose_zh: str = ""
    purpose_en: str = ""
    weights: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, tuple[str, str]] = field(default_factory=dict)

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def purpose(self, lang: str) -> str:
        return self.purpose_zh if lang == "zh" else self.purpose_en

    def reason(self, key: str, lang: str) -> str:
        zh, en = self.reasons.get(key, ("", ""))
        return zh if lang == "zh" else en

    def with_weights(self, weights: dict[str, float]) -> Scenario:
        """A copy with other weights (used by the sensitivity analysis and the app's sliders)."""
        return replace(self, weights=dict(weights))


@dataclass(frozen=True)
class ScenarioBook:
    """Everything in a scenarios file: the scenarios, the focus, and where it came from."""

    scenarios: dict[str, Scenario]
    focus: Focus
    focus_names: dict[str, tuple[str, str]]
    source: str

    def get(self, key: str) -> Scenario:
        """The scenario with that key.

        Raises:
            ConfigError: No such scenario (the message lists the ones there are).
        """
        if key not in self.scenarios:
            raise ConfigError(
                f"The scenario must be one of {', '.join(self.scenarios)}. Got {key!r} instead (file: {self.source})."
            )
        return self.scenarios[key]


def _scenario(key: str, spec: Any, source: str) -> Scenario:
    where = f"{source}: scenarios.{key}"
    if not isinstance(spec, dict) or not isinstance(spec.get("weights"), dict) or not spec["weights"]:
        raise ConfigError(f"{where}: needs a non-empty 'weights' mapping")
    weights: dict[str, float] = {}
    reasons: dict[str, tuple[str, str]] = {}
    for name, entry in spec["weights"].items():
        if name not in ORG_INDICATORS:
            raise ConfigError(f"{where}.weights.{name}: unknown indicator; expected one of {', '.join(ORG_INDICATORS)}")
        value = entry.get("w") if isinstance(entry, dict) else entry
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"{where}.weights.{name}: the weight must be a number >= 0. Got {value!r} instead.")
        weights[name] = float(value)
        if isinstance(entry, dict):
            reasons[name] = (str(entry.get("reason_zh", "")), str(entry.get("reason_en", "")))
    if sum(weights.values()) <= 0:
        raise ConfigError(f"{where}: the weights sum to 0")
    return Scenario(
        key,
        str(spec.get("name_zh", key)),
        str(spec.get("name_en", key)),
        str(spec.get("purpose_zh", "")),
        str(spec.get("purpose_en", "")),
        weights,
        reasons,
    )


def load_scenarios(path: str | Path | None = None) -> ScenarioBook:
    """Read a scenarios file (default: the shipped ``ipnav/data/scenarios.yaml``).

    Raises:
        ConfigError: The file is missing, not YAML, or a weight is unknown or negative (the message
            names the file and the key).

    Example:
        >>> book = load_scenarios()
        >>> sorted(book.scenarios) == sorted(SCENARIO_KEYS), book.get("financing").weights["active_share"]
        (True, 0.15)
    """
    if path is None:
        text = resources.files("ipnav").joinpath("data/scenarios.yaml").read_text(encoding="utf-8")
        source = "ipnav/data/scenarios.yaml"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read the scenarios file {path}: {exc}") from exc
        source = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("scenarios"), dict):
        raise ConfigError(f"{source}: needs a top-level 'scenarios' mapping")
    scenarios = {str(k): _scenario(str(k), v, source) for k, v in data["scenarios"].items()}
    focus_spec = data.get("focus") or {}
    branches: dict[str, tuple[str, ...]] = {}
    names: dict[str, tuple[str, str]] = {}
    for name, b in (focus_spec.get("branches") or {}).items():
        match = b.get("match") if isinstance(b, dict) else None
        if not isinstance(match, list) or not all(isinstance(m, str) and m for m in match):
            raise ConfigError(f"{source}: focus.branches.{name}.match must be a list of IPC prefixes or industry codes")
        branches[str(name)] = tuple(m.strip().upper() if m[:1].isupper() else m.strip() for m in match)
        names[str(name)] = (str(b.get("zh", name)), str(b.get("en", name)))
    focus_name = f"{focus_spec.get('name_zh', '')} / {focus_spec.get('name_en', '')}".strip(" /")
    return ScenarioBook(scenarios, Focus(focus_name, branches), names, source)
