"""HTML reports: Jinja2 templates rendered into one self-contained file (inline CSS and figures).

Templates live in ``ipnav/templates/`` (each report's own, e.g. ``evaluate_report.html.j2``) and
``ipnav/report/templates/`` (the shared layout ``report_base.html.j2`` that others extend). The
output loads nothing from the network: figures are inline SVG, styles inline.
"""

from __future__ import annotations

import functools
import math
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from ipnav.report.fonts import HTML_FONT_STACK

__all__ = ["environment", "fmt_number", "render_html", "write_html"]


def fmt_number(value: Any, digits: int = 2, unit: str = "") -> str:
    """Format a number for a report: ``—`` for missing, thousands separators, percent units.

    Example:
        >>> fmt_number(None), fmt_number(0.256, unit="%"), fmt_number(1234.0, 0), fmt_number(2.5, unit="y")
        ('—', '25.6%', '1,234', '2.50 y')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if unit == "%":
        return f"{100 * float(value):.1f}%"
    if isinstance(value, (int, float)) and float(value).is_integer() and digits == 0:
        return f"{int(value):,}"
    text = f"{float(value):,.{digits}f}"
    return f"{text} {unit}".rstrip() if unit and unit not in ("%",) else text


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared Jinja2 environment (autoescaping on; ``num`` filter = :func:`fmt_number`)."""
    root = resources.files("ipnav")
    paths = [str(Path(str(root)) / "templates"), str(Path(str(root)) / "report" / "templates")]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = fmt_number
    env.globals["font_stack"] = HTML_FONT_STACK
    return env


def render_html(template: str, context: dict[str, Any]) -> str:
    """Render a template with a context.

    Raises:
        jinja2.TemplateNotFound: No such template.
        jinja2.UndefinedError: The template uses a name the context lacks (a bug).
    """
    return environment().get_template(template).render(**context)


def write_html(path: str | Path, template: str, context: dict[str, Any]) -> Path:
    """Render and write a report as UTF-8; return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(template, context), encoding="utf-8")
    return out
