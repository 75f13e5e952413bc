"""Render a navigation report dict as one self-contained HTML file (map embedded as PNG).

The template is ``ipnav/templates/navigate_report.html.j2`` (Jinja2, autoescaped). ``lang``
picks the language of the text; headings are bilingual. No network access: the map is a
matplotlib PNG embedded as base64, the CSS is inline.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ipnav.exceptions import ConfigError

__all__ = ["map_png", "render_html"]


def map_png(report: dict[str, Any], *, width: float = 8.0, height: float = 6.0) -> bytes:
    """The landscape map with focus patents, strong topics, white space and the first routes (PNG).

    Topic marks carry their ids (``T3``), so the figure needs no CJK font; names are in the tables.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle

    data = report["map"]
    fig, ax = plt.subplots(figsize=(width, height), dpi=110)
    if data["world"]:
        xs, ys = zip(*data["world"], strict=True)
        ax.scatter(xs, ys, s=2, c="#b8c4cc", linewidths=0, label="world")
    if data["focus"]:
        xs, ys = zip(*data["focus"], strict=True)
        ax.scatter(xs, ys, s=9, c="#d1495b", linewidths=0, label="focus")
    centers = {t: (x, y) for t, x, y, _ in data["topics"]}
    for t, x, y, strong in data["topics"]:
        ax.annotate(
            f"T{t}",
            (x, y),
            fontsize=7,
            ha="center",
            va="center",
            color="#8a1c2b" if strong else "#33414d",
            weight="bold" if strong else "normal",
        )
    for gid, x, y, cells, width_cell in data["gaps"]:
        radius = max(width_cell * (cells / 3.14159) ** 0.5, width_cell)
        ax.add_patch(Circle((x, y), radius, fill=False, ec="#2a9d8f", lw=1.6, ls="--"))
        ax.annotate(
            gid, (x, y), color="#2a9d8f", fontsize=8, weight="bold", ha="center", va="center"
        )
    for route in data["routes"]:
        pts = [centers[t] for t in route if t in centers]
        if len(pts) > 1:
            xs, ys = zip(*pts, strict=True)
            ax.plot(xs, ys, "-", color="#edae49", lw=2, alpha=0.9)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def render_html(report: dict[str, Any], *, lang: str = "zh") -> str:
    """The report as one HTML document.

    Args:
        report: From :func:`ipnav.navigate.report.navigation_report`.
        lang: ``zh`` or ``en``.

    Raises:
        ConfigError: Unknown language.
    """
    if lang not in ("zh", "en"):
        raise ConfigError(f"The 'lang' parameter must be 'zh' or 'en'. Got {lang!r} instead.")
    env = Environment(
        loader=PackageLoader("ipnav", "templates"), autoescape=select_autoescape(["html", "j2"])
    )
    env.filters["pct"] = lambda x: "–" if x is None else f"{x:+.1%}"
    env.filters["share"] = lambda x: "–" if x is None else f"{x:.1%}"
    env.filters["num"] = lambda x, d=2: (
        "–" if x is None else (f"{x:.{d}f}" if isinstance(x, float) else str(x))
    )
    template = env.get_template("navigate_report.html.j2")
    image = base64.b64encode(map_png(report)).decode("ascii")
    return template.render(r=report, lang=lang, map_png=image, other="en" if lang == "zh" else "zh")
