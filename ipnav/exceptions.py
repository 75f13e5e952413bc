"""Exceptions raised by ipnav.

Every error ipnav raises on purpose derives from :class:`IpnavError`, so a user interface can
catch that one class and let real bugs surface. Specific errors also inherit the builtin they
refine, so ``except ValueError`` keeps working for callers who do not know ipnav::

    IpnavError
    ├── ConfigError(IpnavError, ValueError)          bad setting, unknown store URI, bad option
    ├── InputFormatError(IpnavError, ValueError)     a file is not what its reader expects
    │   └── UnknownFormatError                       no reader recognises the content
    ├── InvalidRecordError(IpnavError, ValueError)   one row/element fails validation
    ├── InvalidIdentifierError(InvalidRecordError)   a publication number cannot be normalised
    ├── InvalidCodeError(InvalidRecordError)         an IPC/CPC symbol cannot be parsed
    ├── NotFoundError(IpnavError, KeyError)
    │   ├── PatentNotFoundError                      no patent with that id in the store
    │   └── ApplicantNotFoundError                   no organisation with that name
    ├── StoreError(IpnavError)                       the store failed; ``retryable`` says if a retry can help
    │   └── StoreUnavailableError                    no server answers / the file cannot be opened
    ├── ModelError(IpnavError, RuntimeError)         an embedding model cannot be loaded offline
    └── AnalysisError(IpnavError, ValueError)        an analysis cannot run on the given data
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "ApplicantNotFoundError",
    "ConfigError",
    "InputFormatError",
    "InvalidCodeError",
    "InvalidIdentifierError",
    "InvalidRecordError",
    "IpnavError",
    "ModelError",
    "NotFoundError",
    "PatentNotFoundError",
    "StoreError",
    "StoreUnavailableError",
    "UnknownFormatError",
]


class IpnavError(Exception):
    """Base class of every error ipnav raises on purpose."""


class ConfigError(IpnavError, ValueError):
    """A setting, option or store URI is invalid."""


class InputFormatError(IpnavError, ValueError):
    """A file cannot be read by the reader it was given to.

    Args:
        message: What is wrong.
        path: The file.
        location: Row number, line or element where the problem is, if known.
    """

    def __init__(self, message: str, *, path: str | None = None, location: str | None = None):
        self.path = path
        self.location = location
        where = ", ".join(p for p in (path, location) if p)
        super().__init__(f"{where}: {message}" if where else message)


class UnknownFormatError(InputFormatError):
    """No reader recognises the file's content."""


class InvalidRecordError(IpnavError, ValueError):
    """A single record fails validation.

    Args:
        message: What is wrong, including the offending value.
        field: The canonical or source field that is wrong.
    """

    def __init__(self, message: str, *, field: str | None = None):
        self.field = field
        super().__init__(message)


class InvalidIdentifierError(InvalidRecordError):
    """A publication number cannot be normalised."""


class InvalidCodeError(InvalidRecordError):
    """An IPC or CPC symbol cannot be parsed."""


class NotFoundError(IpnavError, KeyError):
    """Something asked for by key is not in the store."""

    def __str__(self) -> str:  # KeyError quotes its argument; keep the message readable.
        return str(self.args[0]) if self.args else ""


class PatentNotFoundError(NotFoundError):
    """No patent with the given id is in the store."""


class ApplicantNotFoundError(NotFoundError):
    """No organisation with the given name is in the store."""


class StoreError(IpnavError):
    """The store failed.

    Args:
        message: What failed.
        retryable: True when the same call may succeed later (server restarting, lock held).
    """

    def __init__(self, message: str, *, retryable: bool = False):
        self.retryable = retryable
        super().__init__(message)


class StoreUnavailableError(StoreError):
    """No server answers at the URI, or the store file cannot be opened."""


class ModelError(IpnavError, RuntimeError):
    """An embedding model cannot be loaded (offline, from an installed package)."""


class AnalysisError(IpnavError, ValueError):
    """An analysis cannot run on the given data (too few records, no citations, ...)."""
