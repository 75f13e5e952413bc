"""White space on the landscape map: places surrounded by patents that hold few themselves.

The statistic, on a ``bins`` x ``bins`` grid over the map (by default about two patents per cell):

1. ``f``: patents per cell, Gaussian-smoothed (σ = ``fine_sigma`` cells).
2. For each cell and each ring radius ``r`` in ``scales`` (cells), the mean of ``f`` in 8 compass
   sectors of the ring ``r/2 .. r`` around the cell; ``e_r`` = the ``(8 - surround + 1)``-th
   lowest sector mean (with ``surround=6``: at least that density on 6 of 8 sides). The outer
   edge of the map and its open bays are thus never "gaps": only a place with patents on
   (almost) all sides is.
3. Deficit ``z = max_r (e_r - f) / sqrt(e_r + 0.5)`` over the scales where ``e_r >= min_expected``.

Null model (permutation of the layout density, so a gap is not a sampling artefact): the
*footprint* is the part of the grid the map occupies (cells whose smoothed density reaches
``footprint_floor`` of the median occupied cell, with enclosed holes filled in). ``n_null``
times, the patent counts of the footprint cells are randomly permuted among those cells and
the largest deficit ``max z`` of the permuted grid is recorded. A permuted layout has the same
cells, counts and outline as the map but no spatial arrangement, so its holes are chance ones.
A cell is significant when ``p = (1 + #{max z_null >= z}) / (n_null + 1) <= alpha``. Comparing
with the maximum over the whole map makes ``alpha`` the chance of reporting any false gap on a
map without holes (family-wise error).

Significant cells at most one cell apart form one gap. Each gap is described by its nearest
topics (labels, terms, growth) and nearest patents, and is "next to growth" when one of those
topics grows faster than the field (``relative_growth > 0``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from scipy import ndimage
from tqdm import tqdm

from ipnav.exceptions import AnalysisError

__all__ = ["GapMap", "find_gaps", "footprint", "gap_statistic"]


@dataclass
class GapMap:
    """The grid behind :func:`find_gaps` (for plots and the report).

    Attributes:
        x_edges, y_edges: Cell edges.
        counts: Patents per cell.
        observed: Smoothed density ``f``.
        expected: Surround density ``e``.
        z: Deficit statistic (NaN outside eligible cells).
        p: Family-wise p-value per cell (1 outside eligible cells).
        null_max: The largest deficit of each null layout.
        params: The parameters used.
    """

    x_edges: np.ndarray
    y_edges: np.ndarray
    counts: np.ndarray
    observed: np.ndarray
    expected: np.ndarray
    z: np.ndarray
    p: np.ndarray
    null_max: np.ndarray
    params: dict[str, Any] = field(default_factory=dict)

    def cell_center(self, i: int, j: int) -> tuple[float, float]:
        return (
            float(self.x_edges[i] + self.x_edges[i + 1]) / 2,
            float(self.y_edges[j] + self.y_edges[j + 1]) / 2,
        )


def _sector_kernels(r_in: float, r_out: float) -> list[np.ndarray]:
    size = int(np.ceil(r_out))
    yy, xx = np.mgrid[-size : size + 1, -size : size + 1]
    dist = np.hypot(xx, yy)
    angle = (np.arctan2(yy, xx) + np.pi) / (2 * np.pi) * 8
    ring = (dist >= r_in) & (dist <= r_out)
    kernels = []
    for k in range(8):
        mask = ring & (np.floor(angle).astype(int) % 8 == k)
        kernels.append(mask / max(mask.sum(), 1))
    return kernels


@lru_cache(maxsize=16)
def _kernels(scales: tuple[float, ...]) -> tuple[list[np.ndarray], ...]:
    return tuple(_sector_kernels(r / 2, r) for r in scales)


def gap_statistic(
    counts: np.ndarray,
    *,
    fine_sigma: float = 1.0,
    scales: tuple[float, ...] = (2.5, 4.0, 6.0, 9.0, 13.0),
    surround: int = 6,
    min_expected: float = 2.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(f, e, z)`` for a grid of counts (see the module docstring).

    ``e`` is the surround density at the scale giving the largest deficit; ``z`` is NaN where no
    scale has ``e_r >= min_expected``.

    Example:
        >>> counts = np.full((30, 30), 5.0); counts[12:18, 12:18] = 0
        >>> f, e, z = gap_statistic(counts)
        >>> bool(z[15, 15] > 2 * np.nanmax(z[:5, :5]))
        True
    """
    if not 1 <= surround <= 8:
        raise AnalysisError(
            f"The 'surround' parameter must be an int in 1..8. Got {surround!r} instead."
        )
    f = ndimage.gaussian_filter(counts.astype(float), fine_sigma, mode="constant")
    best_z = np.full(f.shape, -np.inf)
    best_e = np.zeros(f.shape)
    for kernels in _kernels(tuple(float(r) for r in scales)):
        sectors = np.stack([ndimage.convolve(f, k, mode="constant") for k in kernels])
        e = np.partition(sectors, 8 - surround, axis=0)[8 - surround]
        z = np.where(e >= min_expected, (e - f) / np.sqrt(e + 0.5), -np.inf)
        better = z > best_z
        best_z[better], best_e[better] = z[better], e[better]
    return f, best_e, np.where(np.isfinite(best_z), best_z, np.nan)


def footprint(counts: np.ndarray, *, floor: float = 0.2, sigma: float = 1.0) -> np.ndarray:
    """Cells the map occupies: smoothed density >= ``floor`` x the median occupied cell, with
    enclosed holes filled in.

    Example:
        >>> c = np.zeros((9, 9)); c[2:7, 2:7] = 4; c[4, 4] = 0
        >>> fp = footprint(c, sigma=0.01)
        >>> bool(fp[4, 4]), bool(fp[0, 0]), int(fp.sum())
        (True, False, 25)
    """
    smooth = ndimage.gaussian_filter(counts.astype(float), sigma, mode="constant")
    occupied = smooth[counts > 0]
    if occupied.size == 0:
        return np.zeros(counts.shape, dtype=bool)
    return ndimage.binary_fill_holes(smooth >= floor * float(np.median(occupied)))


def _grid(
    x: np.ndarray, y: np.ndarray, bins: int, margin: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    span_x = (x.max() - x.min()) or 1.0
    span_y = (y.max() - y.min()) or 1.0
    xe = np.linspace(x.min() - margin * span_x, x.max() + margin * span_x, bins + 1)
    ye = np.linspace(y.min() - margin * span_y, y.max() + margin * span_y, bins + 1)
    counts, _, _ = np.histogram2d(x, y, bins=[xe, ye])
    return xe, ye, counts


def _null_maxima(
    counts: np.ndarray, inside: np.ndarray, n_null: int, seed: int, stat_kwargs: dict[str, Any], progress: bool = False
) -> np.ndarray:
    """Largest deficit of each layout with the footprint cells' counts permuted."""
    rng = np.random.default_rng(seed)
    values = counts[inside]
    maxima = np.empty(n_null)
    layout = np.zeros_like(counts, dtype=float)
    for k in tqdm(range(n_null), desc="white-space null model", disable=not progress, file=sys.stderr):
        layout[inside] = rng.permutation(values)
        _, _, z0 = gap_statistic(layout, **stat_kwargs)
        z0 = np.where(inside, z0, np.nan)
        maxima[k] = np.nanmax(z0) if np.isfinite(z0).any() else 0.0
    return np.maximum(maxima, 0.0)  # a layout without any deficit has maximum 0


def find_gaps(
    assignments: pd.DataFrame,
    topics: pd.DataFrame,
    patents: pd.DataFrame | None = None,
    *,
    bins: int | None = None,
    margin: float = 0.03,
    fine_sigma: float = 1.0,
    scales: tuple[float, ...] = (2.5, 4.0, 6.0, 9.0, 13.0),
    surround: int = 6,
    min_expected: float = 2.0,
    footprint_floor: float = 0.2,
    n_null: int = 199,
    alpha: float = 0.05,
    n_topics: int = 3,
    n_patents: int = 5,
    seed: int = 0,
    progress: bool = False,
) -> tuple[list[dict[str, Any]], GapMap]:
    """Find significant white space on the map.

    Args:
        assignments: ``patent_id``, ``x``, ``y`` (outliers included: they occupy the map too).
        topics: Topic table or topic indicators (``topic`` column or index; ``cx``, ``cy``;
            ``relative_growth``, labels and terms when present).
        patents: Patent table for the nearest patents' titles (optional).
        bins, margin: Grid: ``bins`` x ``bins`` cells (default ``sqrt(n / 2)`` clipped to
            16..64, about two patents per cell) over the map's extent plus ``margin`` a side.
        fine_sigma, scales, surround, min_expected, footprint_floor: The statistic and the
            footprint (module docstring).
        n_null, alpha, seed: The null model.
        progress: Show a progress bar (stderr) over the permutations.
        n_topics, n_patents: How many nearest topics / patents describe a gap.

    Returns:
        ``(gaps, gap_map)``; gaps sorted by their smallest p-value, then size.

    Raises:
        AnalysisError: Fewer than 50 patents on the map, or bad parameters.
    """
    pts = assignments.dropna(subset=["x", "y"])
    if len(pts) < 50:
        raise AnalysisError(
            f"white-space detection needs at least 50 patents on the map. Got {len(pts)} instead."
        )
    if not 0 < alpha < 1 or n_null < 19:
        raise AnalysisError(
            f"need 0 < alpha < 1 and n_null >= 19. Got alpha={alpha!r}, n_null={n_null!r} instead."
        )
    x, y = pts["x"].to_numpy(float), pts["y"].to_numpy(float)
    bins = bins or int(np.clip(np.sqrt(len(pts) / 2), 16, 64))
    xe, ye, counts = _grid(x, y, bins, margin)
    kwargs: dict[str, Any] = {
        "fine_sigma": fine_sigma,
        "scales": tuple(scales),
        "surround": surround,
        "min_expected": min_expected,
    }
    inside = footprint(counts, floor=footprint_floor)
    f, e, z = gap_statistic(counts, **kwargs)
    z = np.where(inside, z, np.nan)
    null_max = _null_maxima(counts, inside, n_null, seed, kwargs, progress)
    zf = np.where(np.isfinite(z), z, -np.inf)
    p = (1 + (null_max[None, None, :] >= zf[..., None]).sum(-1)) / (n_null + 1)
    p = np.where(np.isfinite(z) & (zf > 0), p, 1.0)
    params = {
        **kwargs,
        "scales": list(scales),
        "footprint_floor": footprint_floor,
        "bins": bins,
        "n_null": n_null,
        "alpha": alpha,
        "seed": seed,
        "null_max_95": float(np.quantile(null_max, 0.95)),
        "cell_width": float(xe[1] - xe[0]),
    }
    gap_map = GapMap(xe, ye, counts, f, e, z, p, null_max, params)
    significant = p <= alpha
    # cells at most one cell apart belong to the same gap
    labels, n_found = ndimage.label(
        ndimage.binary_dilation(significant, structure=np.ones((3, 3))), structure=np.ones((3, 3))
    )
    labels = np.where(significant, labels, 0)
    gaps = [
        _describe(gap_map, labels == k, pts, topics, patents, n_topics, n_patents)
        for k in range(1, n_found + 1)
        if (labels == k).any()
    ]
    gaps.sort(key=lambda g: (g["p_value"], -g["cells"]))
    for rank, gap in enumerate(gaps, start=1):
        gap["id"] = f"G{rank}"
    return gaps, gap_map


def _describe(
    gm: GapMap,
    mask: np.ndarray,
    pts: pd.DataFrame,
    topics: pd.DataFrame,
    patents: pd.DataFrame | None,
    n_topics: int,
    n_patents: int,
) -> dict[str, Any]:
    ii, jj = np.nonzero(mask)
    weights = np.nan_to_num(gm.z[ii, jj], nan=0.0) + 1e-9
    centers = np.array([gm.cell_center(int(i), int(j)) for i, j in zip(ii, jj, strict=True)])
    cx, cy = (centers * weights[:, None]).sum(0) / weights.sum()
    table = topics.reset_index() if "topic" not in topics.columns else topics
    d_topic = np.hypot(table["cx"].to_numpy(float) - cx, table["cy"].to_numpy(float) - cy)
    near = table.assign(distance=d_topic).nsmallest(n_topics, "distance")
    d_pat = np.hypot(pts["x"].to_numpy(float) - cx, pts["y"].to_numpy(float) - cy)
    closest = pts.assign(distance=d_pat).nsmallest(n_patents, "distance")
    titles = (
        patents.set_index("patent_id")["title"] if patents is not None else pd.Series(dtype=str)
    )
    near_topics = [
        {
            "topic": int(t["topic"]),
            "label_en": t.get("label_en", ""),
            "label_zh": t.get("label_zh", ""),
            "terms": list(t.get("terms", []) or [])[:6],
            "distance": round(float(t["distance"]), 4),
            "relative_growth": None
            if pd.isna(t.get("relative_growth", np.nan))
            else round(float(t["relative_growth"]), 4),
        }
        for _, t in near.iterrows()
    ]
    growth = [t["relative_growth"] for t in near_topics if t["relative_growth"] is not None]
    return {
        "x": round(float(cx), 4),
        "y": round(float(cy), 4),
        "cells": int(mask.sum()),
        "area_share": round(float(mask.sum()) / mask.size, 4),
        "observed": round(float(gm.observed[mask].sum()), 2),
        "expected": round(float(gm.expected[mask].sum()), 2),
        "patents_inside": int(gm.counts[mask].sum()),
        "z_max": round(float(np.nanmax(gm.z[mask])), 3),
        "p_value": round(float(gm.p[mask].min()), 4),
        "nearest_topics": near_topics,
        "next_to_growth": bool(growth and max(growth) > 0),
        "nearest_patents": [
            {
                "patent_id": r["patent_id"],
                "title": str(titles.get(r["patent_id"], "")),
                "distance": round(float(r["distance"]), 4),
            }
            for _, r in closest.iterrows()
        ],
    }
