"""The interaction test on the additive scale: a uniform lift is not "differs by segment"."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from icplab.stats.interaction import additive_interaction_test, risk_difference_wald

CAMPAIGNS = 4000
SE = 2 * np.sqrt(0.05 * 0.95 / CAMPAIGNS)


def test_wald_statistic_equals_the_two_segment_closed_form():
    # two levels, two segments: Q = (d1 - d2)^2 / (var d1 + var d2)
    s, n = np.array([[30.0, 80.0], [45.0, 70.0]]), np.array([[300.0, 400.0], [310.0, 390.0]])
    pt = (s + 0.5) / (n + 1)
    v = pt * (1 - pt) / n
    d = s[1] / n[1] - s[0] / n[0]
    ref = (d[0] - d[1]) ** 2 / (v[0, 0] + v[1, 0] + v[0, 1] + v[1, 1])
    q, df = risk_difference_wald(s, n)
    assert df == 1 and float(q) == pytest.approx(ref)


@pytest.mark.parametrize("n_cell", [60, 250, 2000])
@pytest.mark.parametrize("base", [(0.10, 0.15, 0.20, 0.30), (0.05, 0.08, 0.12)])
def test_uniform_lift_is_not_called_differs_beyond_alpha(base, n_cell):
    """+3 points in every segment, base rates differing: rejections at about alpha."""
    rng = np.random.default_rng(int(n_cell + 100 * len(base)))
    b = np.array(base)
    p = np.stack([b, b + 0.03])
    n = np.full((CAMPAIGNS, 2, len(b)), n_cell)
    q, df = risk_difference_wald(rng.binomial(n, p), n)
    assert (stats.chi2.sf(q, df) < 0.05).mean() <= 0.05 + SE


def test_three_levels_null_holds_and_a_real_difference_is_found():
    rng = np.random.default_rng(5)
    b = np.array([0.08, 0.14, 0.22])
    p0 = np.stack([b, b + 0.02, b + 0.05])
    n = np.full((CAMPAIGNS, 3, 3), 500)
    q, df = risk_difference_wald(rng.binomial(n, p0), n)
    assert df == 4 and (stats.chi2.sf(q, df) < 0.05).mean() <= 0.05 + SE
    p1 = np.stack([b, b + np.array([0.0, 0.0, 0.10]), b + 0.05])
    q1, _ = risk_difference_wald(rng.binomial(n, p1), n)
    assert (stats.chi2.sf(q1, df) < 0.05).mean() > 0.8


def test_small_cells_excluded_and_named():
    f = ["du", "sie"] * 3
    w = ["IT", "IT", "Bau", "Bau", "Handel", "Handel"]
    r = additive_interaction_test(
        [130, 100, 330, 300, 3, 1], [1000, 1000, 1000, 1000, 10, 10], f, w
    )
    assert r.excluded == ("Handel",) and set(r.within_levels) == {"IT", "Bau"} and r.df == 1
