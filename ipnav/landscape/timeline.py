"""The map by filing period: one animation frame per period, with a slider (ThemeScape time slices).

Each frame draws the terrain of the patents filed in that period over the fixed bounds of the whole
map, so a user sees where the landscape grew.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ipnav.landscape.density import density_grid
from ipnav.landscape.figures import FONT, HEIGHT, TERRAIN, WIDTH, _hover, label_annotation, landscape_figure, map_labels

__all__ = ["timeline_figure"]


def timeline_figure(
    frame: pd.DataFrame,
    nodes: Sequence[dict[str, Any]],
    *,
    period: int = 5,
    level: int | None = 25,
    title: str = "Landscape by filing period",
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Any:
    """Animated map: one frame per filing period (terrain of that period, its patents), with a
    slider; the topic labels of the whole map (at ``level`` topics) stay in place for orientation."""
    import plotly.graph_objects as go

    dated = frame[frame["year"].notna()]
    if dated.empty:
        return landscape_figure(frame, nodes, title=title, width=width, height=height)
    coords = frame[["x", "y"]].to_numpy()
    x0, y0 = coords.min(axis=0)
    x1, y1 = coords.max(axis=0)
    bounds = (
        x0 - 0.08 * (x1 - x0),
        x1 + 0.08 * (x1 - x0),
        y0 - 0.08 * (y1 - y0),
        y1 + 0.08 * (y1 - y0),
    )
    first, last = int(dated["year"].min()), int(dated["year"].max())
    start = max(first, last - 6 * period + 1)
    starts = list(range(start, last + 1, period))
    names = {n["id"]: n["label"] for n in nodes if n["is_topic"]}
    frames = []
    for s in starts:
        lo = first if s == starts[0] else s
        sub = dated[(dated["year"] >= lo) & (dated["year"] < s + period)]
        grid = density_grid(sub[["x", "y"]].to_numpy(), size=120, bounds=bounds) if len(sub) else None
        name = f"{lo}-{min(s + period - 1, last)}"
        frames.append(
            go.Frame(
                name=name,
                data=[
                    go.Contour(
                        x=grid.xs if grid else [],
                        y=grid.ys if grid else [],
                        z=np.sqrt(grid.z) if grid else [[0]],
                        colorscale=TERRAIN,
                        showscale=False,
                        ncontours=14,
                        line={"width": 0.3},
                        hoverinfo="skip",
                    ),
                    go.Scatter(
                        x=sub["x"],
                        y=sub["y"],
                        mode="markers",
                        marker={"size": 3, "color": "rgba(40,40,40,0.45)"},
                        text=_hover(sub, names),
                        hovertemplate="%{text}<extra></extra>",
                        name=f"{name} ({len(sub)})",
                    ),
                ],
            )
        )
    fig = go.Figure(data=list(frames[-1].data), frames=frames)
    n_topics = sum(1 for n in nodes if n["is_topic"])
    whole = density_grid(coords, bounds=bounds)
    boxes = map_labels(
        frame,
        nodes,
        whole,
        level=min(level, n_topics) if level and n_topics else None,
        width_px=width,
        height_px=height,
    )
    fig.update_layout(
        annotations=[label_annotation(b) for b in boxes],
        title={"text": title, "x": 0.01},
        width=width,
        height=height,
        font={"family": FONT},
        xaxis={"visible": False, "range": list(bounds[:2])},
        yaxis={"visible": False, "range": list(bounds[2:])},
        plot_bgcolor="#f4f8fb",
        margin={"l": 10, "r": 10, "t": 50, "b": 60},
        sliders=[
            {
                "active": len(frames) - 1,
                "x": 0.1,
                "len": 0.88,
                "currentvalue": {"prefix": "Filed 申请年: "},
                "steps": [
                    {
                        "label": f.name,
                        "method": "animate",
                        "args": [
                            [f.name],
                            {"mode": "immediate", "frame": {"duration": 0, "redraw": True}},
                        ],
                    }
                    for f in frames
                ],
            }
        ],
        updatemenus=[
            {
                "type": "buttons",
                "x": 0.0,
                "y": -0.06,
                "xanchor": "left",
                "yanchor": "top",
                "buttons": [
                    {
                        "label": "▶ Play",
                        "method": "animate",
                        "args": [
                            None,
                            {"frame": {"duration": 900, "redraw": True}, "fromcurrent": False},
                        ],
                    }
                ],
            }
        ],
    )
    return fig
