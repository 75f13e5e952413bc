"""One Settings object, built at the entry point (CLI, app, notebook) and passed down.

Values come from keyword arguments, else the environment, else defaults. Unknown keys fail
loudly. Credentials (``NEO4J_PASSWORD``) are read where the connection is made and never kept
in Settings, so printing Settings cannot leak them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from ipnav.exceptions import ConfigError

__all__ = ["Settings"]

_ENV = {
    "home": "IPNAV_HOME",
    "store_uri": "IPNAV_STORE",
    "embed_model": "IPNAV_EMBED_MODEL",
    "embed_backend": "IPNAV_EMBED_BACKEND",
    "device": "IPNAV_DEVICE",
    "seed": "IPNAV_SEED",
    "lang": "IPNAV_LANG",
}


@dataclass(frozen=True)
class Settings:
    """Settings of one ipnav run.

    Attributes:
        home: Workspace folder (default store, quarantine file, alias table, exports).
        store_uri: Store URI; default ``sqlite:///<home>/ipnav.db``.
        embed_model: Embedding model name (see :mod:`ipnav.embed`).
        embed_backend: ``auto`` (fastest equivalent), ``sentence-transformers`` (reference) or ``onnx``.
        device: ``cpu``, ``cuda`` or ``auto``.
        seed: Random seed for every stochastic stage.
        lang: Report language, ``zh`` or ``en``.
    """

    home: Path = Path("workspace")
    store_uri: str = ""
    embed_model: str = "auto"
    embed_backend: str = "auto"
    device: str = "auto"
    seed: int = 42
    lang: str = "zh"

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Settings from the environment, with keyword overrides (None means: not given).

        Raises:
            ConfigError: An override names no setting, or a value has the wrong form.

        Example:
            >>> Settings.from_env(seed=7).seed
            7
        """
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
        values: dict[str, Any] = {}
        for name in known:
            value = overrides.get(name)
            if value is None and name in _ENV:
                value = os.environ.get(_ENV[name]) or None
            if value is not None:
                values[name] = value
        settings = cls(**values)
        try:
            settings = replace(settings, home=Path(settings.home), seed=int(settings.seed))
        except ValueError as exc:
            raise ConfigError(f"IPNAV_SEED must be an integer. Got {values.get('seed')!r} instead.") from exc
        if settings.lang not in ("zh", "en"):
            raise ConfigError(f"The 'lang' setting must be 'zh' or 'en'. Got {settings.lang!r} instead.")
        if not settings.store_uri:
            settings = replace(settings, store_uri=f"sqlite:///{settings.home / 'ipnav.db'}")
        return settings

    @property
    def quarantine_path(self) -> Path:
        """Where ingest writes rows it could not store."""
        return self.home / "quarantine.csv"

    @property
    def aliases_path(self) -> Path:
        """The reviewable applicant alias table."""
        return self.home / "aliases.csv"
