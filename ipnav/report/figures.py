"""Figures for reports: matplotlib figures as PNG bytes, inline SVG or data URIs (no files, no CDN).

Every plotting function in ipnav returns a :class:`matplotlib.figure.Figure`; reports embed it
with :func:`svg_markup` (HTML) or :func:`png_bytes` (PDF). Call
:func:`ipnav.report.fonts.use_cjk_in_matplotlib` first so Chinese labels render.
"""

from __future__ import annotations

import base64
import io
import re

from matplotlib.figure import Figure

__all__ = ["data_uri", "new_figure", "png_bytes", "svg_markup"]


def new_figure(width: float = 7.0, height: float = 3.2) -> Figure:
    """A figure not attached to pyplot (thread-safe, never shown), with the CJK font set.

    Example:
        >>> fig = new_figure(4, 2)
        >>> round(fig.get_figwidth())
        4
    """
    from ipnav.report.fonts import use_cjk_in_matplotlib

    use_cjk_in_matplotlib()
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig


def png_bytes(fig: Figure, *, dpi: int = 160) -> bytes:
    """The figure as PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def svg_markup(fig: Figure) -> str:
    """The figure as an inline ``<svg>`` element (text drawn as outlines, so no font is needed).

    The SVG is made deterministic: matplotlib's date metadata and random clip-path ids are fixed.
    """
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    return re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)


def data_uri(png: bytes) -> str:
    """A ``data:image/png;base64,...`` URI for an ``<img>`` tag."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
