"""Selective Bonferroni cell bounds: a niche is found, the null bounds hold (simulation)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from icplab.stats.proportions import wilson_interval
from icplab.stats.selective import (
    exact_bounds,
    selective_split,
    wilson_bound,
)

CAMPAIGNS = 4000


def test_wilson_bound_matches_the_interval():
    s, n = np.array([0, 3, 30, 200]), np.array([10, 40, 200, 200])
    lo, hi = wilson_interval(s, n)
    z = stats.norm.isf(0.025)
    assert np.allclose(wilson_bound(s, n, z, False), lo)
    assert np.allclose(wilson_bound(s, n, z, True), hi)


def test_exact_bounds_match_scipy_clopper_pearson():
    for k, n in [(0, 20), (3, 40), (30, 200), (200, 200)]:
        ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.9, method="exact")
        lo, hi = exact_bounds(k, n, 0.05, 0.05)
        assert float(lo) == pytest.approx(ci.low) and float(hi) == pytest.approx(ci.high)


def test_decisions_equal_the_bounds():
    rng = np.random.default_rng(4)
    n = rng.integers(20, 400, size=(300, 9))
    s = rng.binomial(n, rng.uniform(0.05, 0.3, size=(300, 9)))
    elig = n >= 30
    lo, hi = selective_split(s, n, 0.15, elig).bounds()
    meets, misses = selective_split(s, n, 0.15, elig).decisions()
    assert (meets == (lo >= 0.15)).all() and (misses == (hi < 0.15)).all()


@pytest.mark.parametrize("cells", [4, 12, 24])
def test_niche_among_low_cells_is_found_at_one_look(cells):
    """CONTRACT section 5: 22 % among cells at 10 % (target 15 %, 250 a cell): >= 60 %."""
    rng = np.random.default_rng(cells)
    p = np.full(cells, 0.10)
    p[0] = 0.22
    n = np.full((CAMPAIGNS, cells), 250)
    meets, misses = selective_split(rng.binomial(n, p), n, 0.15).decisions()
    assert meets[:, 0].mean() >= 0.70  # about 0.79 measured
    assert not misses[:, 0].any()
    assert meets[:, 1:].any(axis=1).mean() <= 0.05


@pytest.mark.parametrize("n_cell", [30, 60, 250, 1000])
@pytest.mark.parametrize("cells", [1, 4, 16, 30])
@pytest.mark.parametrize("truth", [0.15, 0.145, 0.12])
def test_no_false_icp_beyond_alpha_when_no_cell_meets_the_target(cells, n_cell, truth):
    """Every cell at (or just under) the target: a false icp in <= 5 % of campaigns; and a
    cell that truly meets the target lands in not_icp no more often."""
    rng = np.random.default_rng(cells * 1000 + n_cell)
    n = np.full((CAMPAIGNS, cells), n_cell)
    meets, misses = selective_split(rng.binomial(n, truth), n, 0.15).decisions()
    # 4000 campaigns: 5 % + 2 standard errors of simulation noise
    assert meets.any(axis=1).mean() <= 0.05 + 2 * np.sqrt(0.05 * 0.95 / CAMPAIGNS)
    at_target = rng.binomial(n, 0.15)
    _, wrong = selective_split(at_target, n, 0.15).decisions()
    assert wrong.any(axis=1).mean() <= 0.05 + 2 * np.sqrt(0.05 * 0.95 / CAMPAIGNS)
