"""The ``ipnav`` command line.

Each subcommand lives in its own module ``ipnav/cli/<name>.py`` (hyphens become underscores)
with a ``register(subparsers)`` function that adds its parser and sets ``func``. ``func`` takes
the parsed arguments and returns the exit code. Errors ipnav raises on purpose
(:class:`~ipnav.exceptions.IpnavError`) are printed as one line; anything else is a bug and
shows its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from ipnav.exceptions import IpnavError

__all__ = ["COMMANDS", "main"]

COMMANDS = [
    "ingest",
    "status",
    "aliases",
    "retag",
    "sync",
    "embed",
    "landscape",
    "evaluate-landscape",
    "mainpath",
    "navigate",
    "evaluate",
    "validate-scores",
    "demo",
    "app",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ipnav", description="Patent navigation engine (专利导航).")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"ipnav.cli.{name.replace('-', '_')}")
        except ModuleNotFoundError as exc:
            if exc.name == f"ipnav.cli.{name.replace('-', '_')}":
                continue  # command not built yet in this checkout
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=[logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)],
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except IpnavError as exc:
        print(f"ipnav {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
