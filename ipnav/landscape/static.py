"""The topographic map as a static PNG with matplotlib (no browser needed).

Same data and same label placement as the Plotly map (:mod:`ipnav.landscape.figures`). Chinese
labels need a CJK font: the first installed of Noto Sans CJK (Debian ``fonts-noto-cjk``),
WenQuanYi or Source Han is used; without one a warning is logged and CJK glyphs show as boxes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ipnav.landscape.density import density_grid

__all__ = ["cjk_font", "render_png"]

log = logging.getLogger(__name__)

_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def cjk_font() -> str | None:
    """Name of an installed font with Chinese glyphs, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in _CJK_FONTS if name in installed), None)


def render_png(
    frame: pd.DataFrame,
    nodes: Sequence[dict[str, Any]],
    path: str | Path,
    *,
    level: int | None = None,
    title: str = "",
    width_px: int = 1400,
    height_px: int = 950,
    dpi: int = 100,
) -> Path:
    """Draw terrain, patents and peak labels to ``path``.

    Args:
        frame: From :func:`ipnav.landscape.figures.map_frame`.
        nodes: ``Landscape.nodes_``.
        level: Label at this many topics (merge tree cut); None: every topic that fits.
        title: Title line.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import LinearSegmentedColormap

    from ipnav.landscape.figures import TERRAIN, map_caption, map_labels

    font = cjk_font()
    texts = [n.get("label", "") for n in nodes]
    if font is None and any(_HAN.search(t) for t in texts):
        log.warning("no CJK font installed (Debian: apt-get install fonts-noto-cjk); Chinese labels will show as boxes")
    family = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    grid = density_grid(frame[["x", "y"]].to_numpy())
    cmap = LinearSegmentedColormap.from_list("terrain_ipnav", TERRAIN)
    with plt.rc_context({"font.family": family}):
        fig = plt.figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
        ax = fig.add_axes((0.005, 0.005, 0.99, 0.94))
        z = np.sqrt(grid.z)
        ax.contourf(grid.xs, grid.ys, z, levels=16, cmap=cmap, antialiased=True)
        lines = np.linspace(0, float(z.max()), 17)[1:-1]  # no line on the flat sea
        ax.contour(grid.xs, grid.ys, z, levels=lines, colors=[(0.35, 0.27, 0.2, 0.35)], linewidths=0.4)
        ax.scatter(
            frame["x"],
            frame["y"],
            s=1.2,
            c=[(0.15, 0.15, 0.15, 0.3)],
            linewidths=0,
            rasterized=True,
        )
        boxes = map_labels(frame, nodes, grid, level=level, width_px=width_px, height_px=height_px, font_px=12)
        for b in boxes:
            moved = (b.x, b.y) != (b.px, b.py)
            ax.annotate(
                b.text,
                xy=(b.px, b.py),
                xytext=(b.x, b.y),
                ha="center",
                va="center",
                fontsize=9,
                color="#222",
                bbox={
                    "boxstyle": "round,pad=0.25",
                    "fc": (1, 1, 1, 0.8),
                    "ec": (0.35, 0.25, 0.15, 0.5),
                    "lw": 0.6,
                },
                arrowprops={"arrowstyle": "-", "color": (0.3, 0.2, 0.1, 0.7), "lw": 0.7} if moved else None,
            )
            ax.plot([b.px], [b.py], marker="^", ms=4, color=(0.3, 0.2, 0.1, 0.8))
        ax.set_xlim(grid.xs[0], grid.xs[-1])
        ax.set_ylim(grid.ys[0], grid.ys[-1])
        ax.set_axis_off()
        fig.suptitle(title, x=0.01, y=0.985, ha="left", fontsize=15)
        ax.text(
            0.005,
            0.005,
            map_caption(len(frame), nodes, level),
            transform=ax.transAxes,
            fontsize=9,
            color="#555",
            ha="left",
            va="bottom",
            bbox={"fc": (1, 1, 1, 0.7), "ec": "none", "pad": 2},
        )
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=dpi)
        plt.close(fig)
    return path
