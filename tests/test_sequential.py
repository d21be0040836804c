"""Always-valid inference: closed form, consistency and the A/A peeking simulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from icplab.stats.sequential import rho, sequential_diff


def test_interval_formula_and_p_value_consistency():
    s1, n1, s2, n2 = 230, 1100, 180, 1050
    lo, hi, p = sequential_diff(s1, n1, s2, n2, alpha=0.05, tuning=1500)
    p1, p2, big_n = s1 / n1, s2 / n2, n1 + n2
    var = big_n * (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    r2 = (-2 * np.log(0.05) + np.log(-2 * np.log(0.05) + 1)) / 1500
    half = np.sqrt(
        var * 2 * (big_n * r2 + 1) / (big_n**2 * r2) * np.log(np.sqrt(big_n * r2 + 1) / 0.05)
    )
    assert (float(lo), float(hi)) == pytest.approx((p1 - p2 - half, p1 - p2 + half))
    assert rho(0.05, 1500) ** 2 == pytest.approx(r2)
    # p < alpha exactly when the alpha-level sequence (same rho) excludes 0
    for alpha in (0.01, 0.05, 0.2):
        lo_a, hi_a, _ = sequential_diff(s1, n1, s2, n2, alpha=alpha, tuning=1500)
        r_fixed = rho(0.05, 1500)
        a = big_n * r_fixed**2 + 1
        half_a = np.sqrt(var * 2 * a / (big_n**2 * r_fixed**2) * np.log(np.sqrt(a) / alpha))
        assert (float(p) < alpha) == (abs(p1 - p2) > half_a)
    # wider than the fixed-horizon Wald interval
    wald = stats.norm.ppf(0.975) * np.sqrt(var / big_n)
    assert half > wald


def test_degenerate_inputs():
    lo, hi, p = sequential_diff([0, 5, 3], [10, 0, 10], [0, 5, 3], [10, 10, 10])
    assert np.isnan(lo[:2]).all() and np.isnan(p[:2]).all()
    assert p[2] == 1.0


def test_aa_peeking_fixed_horizon_inflates_sequential_holds():
    """A/A test looked at daily for 60 days: fixed-horizon z-test exceeds alpha, sequential not."""
    rng = np.random.default_rng(42)
    reps, days, per_day, rate, alpha = 3000, 60, 40, 0.15, 0.05
    a = rng.binomial(per_day, rate, (reps, days)).cumsum(axis=1)
    b = rng.binomial(per_day, rate, (reps, days)).cumsum(axis=1)
    n = per_day * np.arange(1, days + 1)[None, :].repeat(reps, axis=0)
    pooled = (a + b) / (2 * n)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (a - b) / n / np.sqrt(pooled * (1 - pooled) * 2 / n)
    p_fixed = 2 * stats.norm.sf(np.abs(z))
    fixed_error = (p_fixed < alpha).any(axis=1).mean()
    _, _, p_seq = sequential_diff(a, n, b, n, alpha=alpha, tuning=2000)
    seq_error = (np.nan_to_num(p_seq, nan=1.0) < alpha).any(axis=1).mean()
    se = np.sqrt(alpha * (1 - alpha) / reps)
    assert fixed_error > alpha + 5 * se  # peeking inflates the fixed-horizon error rate
    assert seq_error <= alpha + 2 * se
    # and the sequential test still has power against a real difference
    b2 = rng.binomial(per_day, 0.22, (500, days)).cumsum(axis=1)
    _, _, p_alt = sequential_diff(a[:500], n[:500], b2, n[:500], alpha=alpha)
    assert (p_alt < alpha).any(axis=1).mean() > 0.8
