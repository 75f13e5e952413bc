"""White space: the statistic, the footprint, and the permutation null model's behaviour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ipnav.exceptions import AnalysisError
from ipnav.navigate.gaps import find_gaps, footprint, gap_statistic
from ipnav.navigate.ranking import rank_gaps


def _layout(points: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "patent_id": [f"P{i}" for i in range(len(points))],
            "x": points[:, 0],
            "y": points[:, 1],
            "topic": pd.array([pd.NA] * len(points), dtype="Int64"),
            "probability": 0.0,
        }
    )


def _topics(growth_near_hole: float) -> pd.DataFrame:
    # T0 sits next to the centre (0.5, 0.5), T1 and T2 in corners.
    return pd.DataFrame(
        {
            "topic": [0, 1, 2],
            "cx": [0.62, 0.1, 0.9],
            "cy": [0.5, 0.1, 0.9],
            "relative_growth": [growth_near_hole, -0.1, 0.05],
            "label_en": ["near", "c1", "c2"],
            "label_zh": ["近", "角1", "角2"],
            "terms": [["a"], ["b"], ["c"]],
        }
    )


@pytest.mark.parametrize("seed", range(4))
def test_uniform_layout_has_no_significant_gap(seed: int) -> None:
    rng = np.random.default_rng(seed)
    gaps, gap_map = find_gaps(_layout(rng.random((3000, 2))), _topics(0.3), n_null=99, seed=seed)
    assert gaps == []
    assert np.nanmax(gap_map.z) < gap_map.params["null_max_95"]


@pytest.mark.parametrize("radius", [0.06, 0.1])
def test_planted_hole_next_to_a_growing_topic_is_found(radius: float) -> None:
    rng = np.random.default_rng(7)
    pts = rng.random((3400, 2))
    pts = pts[np.hypot(pts[:, 0] - 0.5, pts[:, 1] - 0.5) > radius]
    gaps, _ = find_gaps(_layout(pts), _topics(0.3), n_null=99)
    assert len(gaps) == 1
    gap = gaps[0]
    assert abs(gap["x"] - 0.5) < 0.03 and abs(gap["y"] - 0.5) < 0.03
    # The gap's cells may reach over the hole's rim by a cell: almost no patent inside.
    assert gap["patents_inside"] <= 0.15 * gap["expected"]
    assert gap["p_value"] == pytest.approx(0.01)  # (1 + 0) / (99 + 1): beyond every permuted layout
    assert gap["nearest_topics"][0]["topic"] == 0 and gap["next_to_growth"]
    assert len(gap["nearest_patents"]) == 5


def test_a_hole_next_to_shrinking_topics_is_found_but_not_ranked() -> None:
    rng = np.random.default_rng(7)
    pts = rng.random((3400, 2))
    pts = pts[np.hypot(pts[:, 0] - 0.5, pts[:, 1] - 0.5) > 0.1]
    topics = _topics(-0.2).assign(relative_growth=[-0.2, -0.1, -0.05])
    gaps, _ = find_gaps(_layout(pts), topics, n_null=49)
    assert len(gaps) == 1 and not gaps[0]["next_to_growth"]
    ind = topics.set_index("topic").assign(rta=0.0, density=0.0)
    patents = pd.DataFrame({"patent_id": [], "industries": []})
    assert rank_gaps(gaps, ind, patents, _layout(pts)) == []
    assert len(rank_gaps(gaps, ind, patents, _layout(pts), only_next_to_growth=False)) == 1


def test_the_outer_edge_is_not_a_gap() -> None:
    # A dense square inside an empty frame: the frame is outside the footprint, the edges see
    # patents on at most 5 of 8 sides.
    counts = np.zeros((40, 40))
    counts[10:30, 10:30] = 6
    _, _, z = gap_statistic(counts)
    fp = footprint(counts)
    assert not fp[0, 0] and fp[20, 20]
    assert np.nanmax(np.where(fp, z, np.nan)) < 0.1


def test_statistic_sees_a_square_hole() -> None:
    counts = np.full((40, 40), 5.0)
    counts[17:23, 17:23] = 0
    f, e, z = gap_statistic(counts)
    assert z[20, 20] == pytest.approx(np.nanmax(z))
    assert e[20, 20] == pytest.approx(5.0, rel=0.05) and f[20, 20] < 0.1


def test_bad_inputs() -> None:
    with pytest.raises(AnalysisError, match="at least 50 patents"):
        find_gaps(_layout(np.zeros((10, 2))), _topics(0.1))
    with pytest.raises(AnalysisError, match="n_null >= 19"):
        find_gaps(_layout(np.random.default_rng(0).random((100, 2))), _topics(0.1), n_null=5)
    with pytest.raises(AnalysisError, match="'surround' parameter"):
        gap_statistic(np.ones((5, 5)), surround=9)


def test_same_seed_same_result() -> None:
    rng = np.random.default_rng(3)
    pts = rng.random((2000, 2))
    pts = pts[np.hypot(pts[:, 0] - 0.3, pts[:, 1] - 0.6) > 0.09]
    a, ma = find_gaps(_layout(pts), _topics(0.1), n_null=49, seed=5)
    b, mb = find_gaps(_layout(pts), _topics(0.1), n_null=49, seed=5)
    assert a == b and np.array_equal(ma.null_max, mb.null_max)
