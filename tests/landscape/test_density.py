"""Terrain and label placement."""

from __future__ import annotations

import numpy as np

from ipnav.landscape.density import density_grid, place_labels, topic_peaks


def test_density_peaks_where_the_points_are():
    rng = np.random.default_rng(0)
    pts = np.vstack([rng.normal((0, 0), 0.2, (200, 2)), rng.normal((5, 5), 0.2, (50, 2))])
    g = density_grid(pts, size=100)
    iy, ix = np.unravel_index(g.z.argmax(), g.z.shape)
    assert abs(g.xs[ix]) < 0.5 and abs(g.ys[iy]) < 0.5
    assert g.z.max() == 1.0
    peaks = topic_peaks(pts, np.array([0] * 200 + [1] * 50), g, [0, 1])
    assert np.hypot(*peaks[1][:2]) > 6 and peaks[0][2] > peaks[1][2]


def test_labels_never_overlap_and_a_label_that_does_not_fit_is_dropped():
    anchors = [(i, "a long topic label", 0.0, 0.0) for i in range(40)]
    boxes = place_labels(anchors, x_range=(-1, 1), y_range=(-1, 1), width_px=400, height_px=300)
    assert 1 < len(boxes) < 40
    assert boxes[0].key == 0 and (boxes[0].x, boxes[0].y) == (0.0, 0.0)
    sx, sy = 2 / 400, 2 / 300
    w, h = (18 * 0.6 * 12 + 8) * sx, (1.25 * 12 + 6) * sy
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert abs(a.x - b.x) >= w - 1e-9 or abs(a.y - b.y) >= h - 1e-9
