"""``ipnav app [--store URI] [--port 8501] [--address 127.0.0.1] [--lang zh|en]``: start the Streamlit app.

Replaces itself (``exec``) with ``python -m streamlit run app.py`` in the repository (the app's
pages are files beside the package), the store passed as ``IPNAV_STORE``, so stopping ``ipnav app``
stops the server. It binds to 127.0.0.1 unless another
address is given on purpose; usage statistics are off (``.streamlit/config.toml``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from ipnav.cli.options import add_store, settings_from
from ipnav.exceptions import ConfigError

__all__ = ["absolute_store_uri", "app_command", "register"]

APP_ROOT = Path(__file__).resolve().parents[2]
"""The folder holding ``app.py``, ``pages/`` and ``.streamlit/`` (the repository root)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "app",
        help="start the bilingual Streamlit app (应用界面) on 127.0.0.1",
        description="Start the Streamlit app on the store (default: $IPNAV_STORE, else the workspace). "
        "It listens on 127.0.0.1 only unless --address says otherwise.",
    )
    add_store(parser)
    parser.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    parser.add_argument("--address", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument(
        "--lang", choices=("zh", "en"), help="first language of the app (default: $IPNAV_LANG, else zh)"
    )
    parser.set_defaults(func=run)


def app_command(*, port: int = 8501, address: str = "127.0.0.1") -> list[str]:
    """The command line that serves the app.

    Raises:
        ConfigError: ``app.py`` is not beside the package (ipnav installed without its app), or
            the port is out of range.

    Example:
        >>> app_command(port=8600)[-4:]
        ['--server.port', '8600', '--server.address', '127.0.0.1']
    """
    script = APP_ROOT / "app.py"
    if not script.is_file():
        raise ConfigError(f"the app's files are not at {APP_ROOT}; run ipnav app from a checkout of the repository")
    if not 1 <= port <= 65535:
        raise ConfigError(f"The '--port' option must be between 1 and 65535. Got {port} instead.")
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        address,
    ]


def absolute_store_uri(uri: str, cwd: Path | None = None) -> str:
    """An embedded store's URI with an absolute path (the app runs from the repository, not from here).

    Example:
        >>> absolute_store_uri("sqlite:///workspace/ipnav.db", Path("/home/me"))
        'sqlite:////home/me/workspace/ipnav.db'
        >>> absolute_store_uri("neo4j://db:7687")
        'neo4j://db:7687'
    """
    if not uri.startswith("sqlite:///"):
        return uri
    path = Path(uri[len("sqlite:///") :])
    return f"sqlite:///{(cwd or Path.cwd()) / path if not path.is_absolute() else path}"


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args, lang=args.lang)
    store_uri = absolute_store_uri(settings.store_uri)
    env = dict(os.environ, IPNAV_STORE=store_uri, IPNAV_LANG=settings.lang)
    command = app_command(port=args.port, address=args.address)
    print(f"ipnav app: http://{args.address}:{args.port}  (store {store_uri})", file=sys.stderr, flush=True)
    if os.name == "posix":  # become the server: a signal to this process reaches Streamlit itself
        os.chdir(APP_ROOT)
        os.execvpe(command[0], command, env)
    try:  # pragma: no cover - Windows
        return subprocess.call(command, cwd=APP_ROOT, env=env)
    except KeyboardInterrupt:  # pragma: no cover
        return 0
