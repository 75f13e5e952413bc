"""Skip (locally) or fail (in CI) when no CJK font is installed: the PDF report needs one."""

from __future__ import annotations

import os

import pytest

from ipnav.exceptions import ConfigError


def require_cjk_font():
    from ipnav.report.fonts import find_cjk_font

    find_cjk_font.cache_clear()
    try:
        return find_cjk_font()
    except ConfigError as exc:
        if os.environ.get("CI") or os.environ.get("IPNAV_REQUIRE_FONTS") == "1":
            raise
        pytest.skip(f"no CJK font installed ({exc}); apt-get install fonts-noto-cjk")
