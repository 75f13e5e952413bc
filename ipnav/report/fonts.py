"""One CJK font for every report: PDF (fpdf2), plots (matplotlib) and the HTML font stack.

Decision: **Noto Sans CJK SC** (SIL Open Font License 1.1) from Debian's ``fonts-noto-cjk``
package (``apt-get install fonts-noto-cjk``; Chromium for the app needs it too). Its ``.ttc``
collection holds the Simplified-Chinese face at some index, which is looked up by name, so
Chinese glyphs take their mainland (GB) forms. fpdf2 embeds a subset of it (a report adds
about 100-300 KB); matplotlib draws with it, so plot labels in Chinese render.

Search order (first found wins):

1. ``IPNAV_CJK_FONT`` = ``/path/font.ttf`` or ``/path/fonts.ttc#2`` (any TTF/OTF/TTC with CJK glyphs);
2. Noto Sans CJK SC from ``fonts-noto-cjk`` (``/usr/share/fonts/opentype/noto/``);
3. WenQuanYi Micro Hei (``fonts-wqy-microhei``), Droid Sans Fallback (``fonts-droid-fallback``);
4. any font matplotlib knows whose name says ``CJK SC``, ``WenQuanYi`` or ``Droid Sans Fallback``.

PyPI was searched for a package carrying such a font: ``manimgx-fonts-cjk`` ships Noto Sans CJK
only as a *variable* CFF2 collection, which fpdf2 cannot embed (the PDF is invalid);
``cvttf-notosanscjk-*`` carries the Traditional-Chinese face; ``rinoh-typeface-notosanscjk`` the
Japanese one; so the Debian package is the dependable source (see docs/scores.md).
"""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ipnav.exceptions import ConfigError

__all__ = ["HTML_FONT_STACK", "FontSpec", "find_cjk_font", "use_cjk_in_matplotlib"]

log = logging.getLogger(__name__)

HTML_FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", '
    '"Microsoft YaHei", "Droid Sans Fallback", "DejaVu Sans", sans-serif'
)

_CANDIDATES = (
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "Noto Sans CJK SC",
    ),
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf",
        "Noto Sans CJK SC",
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None, "WenQuanYi Micro Hei"),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", None, "Droid Sans Fallback"),
)
_INSTALL_HINT = (
    "no font with Chinese glyphs was found; install Debian's fonts-noto-cjk "
    "(apt-get install fonts-noto-cjk) or set IPNAV_CJK_FONT=/path/to/font.ttf|.otf|.ttc#index"
)


@dataclass(frozen=True)
class FontSpec:
    """A font file (and face index inside a collection) with Chinese glyphs.

    Attributes:
        path: The regular face's file.
        index: Face index in a ``.ttc`` collection (0 for single fonts).
        family: The face's family name (e.g. ``Noto Sans CJK SC``).
        bold_path: A bold file with the same face order, when there is one.
        source: Where it was found (``IPNAV_CJK_FONT``, ``fonts-noto-cjk`` ...).
    """

    path: str
    index: int
    family: str
    bold_path: str | None = None
    source: str = ""


def _face_index(path: str, want: str) -> tuple[int, str]:
    """Index and family name of the face whose name contains ``want`` (face 0 if none does)."""
    from fontTools.ttLib import TTCollection, TTFont

    if path.lower().endswith((".ttc", ".otc")):
        fonts = TTCollection(path, lazy=True).fonts
    else:
        fonts = [TTFont(path, lazy=True)]
    names = [f["name"].getDebugName(1) or "" for f in fonts]
    for i, name in enumerate(names):
        if want and want in name:
            return i, name
    return 0, names[0] if names else Path(path).stem


@functools.lru_cache(maxsize=1)
def find_cjk_font() -> FontSpec:
    """Find the CJK font reports use (see the module docstring for the search order).

    Raises:
        ConfigError: No suitable font is installed; the message says what to install.

    Example:
        >>> spec = find_cjk_font()  # doctest: +SKIP
        >>> spec.family  # doctest: +SKIP
        'Noto Sans CJK SC'
    """
    env = os.environ.get("IPNAV_CJK_FONT")
    if env:
        path, _, idx = env.partition("#")
        if not Path(path).is_file():
            raise ConfigError(f"IPNAV_CJK_FONT points to {path!r}, which is not a file")
        index = int(idx) if idx.isdigit() else _face_index(path, "SC")[0]
        return FontSpec(
            path,
            index,
            _face_index(path, "")[1] if not idx else _family_at(path, index),
            None,
            "IPNAV_CJK_FONT",
        )
    for regular, bold, want in _CANDIDATES:
        if Path(regular).is_file():
            index, family = _face_index(regular, want)
            return FontSpec(regular, index, family, bold if bold and Path(bold).is_file() else None, "system")
    from matplotlib import font_manager

    for entry in font_manager.fontManager.ttflist:
        if any(k in entry.name for k in ("CJK SC", "WenQuanYi", "Droid Sans Fallback")):
            index, family = _face_index(entry.fname, entry.name)
            return FontSpec(entry.fname, index, family, None, "matplotlib")
    raise ConfigError(_INSTALL_HINT)


def _family_at(path: str, index: int) -> str:
    from fontTools.ttLib import TTCollection

    return str(TTCollection(path, lazy=True).fonts[index]["name"].getDebugName(1))


@functools.lru_cache(maxsize=1)
def use_cjk_in_matplotlib() -> str:
    """Make matplotlib draw with the CJK font (falling back to DejaVu Sans for Latin); return its family.

    Raises:
        ConfigError: No CJK font is installed.
    """
    import matplotlib
    from matplotlib import font_manager

    spec = find_cjk_font()
    known = {f.name for f in font_manager.fontManager.ttflist}
    if spec.family not in known:
        font_manager.fontManager.addfont(spec.path)
        known = {f.name for f in font_manager.fontManager.ttflist}
    family = (
        spec.family
        if spec.family in known
        else next((f.name for f in font_manager.fontManager.ttflist if f.fname == spec.path), spec.family)
    )
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "path"  # SVG text as outlines: renders without the font
    log.debug("matplotlib uses %s from %s", family, spec.path)
    return family
