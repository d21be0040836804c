"""Always-valid inference: closed form, consistency and the A/A peeking simulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from icplab.stats.sequential import rho, sequential_diff


def _bounded_variance(s: int, n: int) -> float:
    """q(1-q) at the rate closest to 1/2 inside the 95 % Wilson interval (statsmodels)."""
    lo, hi = proportion_confint(s, n, alpha=0.05, method="wilson")
    q = min(max(0.5, lo), hi)
    return q * (1 - q)


def test_interval_formula_and_p_value_consistency():
    s1, n1, s2, n2 = 230, 1100, 180, 1050
    lo, hi, p = sequential_diff(s1, n1, s2, n2, alpha=0.05, tuning=1500)
    p1, p2, big_n = s1 / n1, s2 / n2, n1 + n2
    var = big_n * (_bounded_variance(s1, n1) / n1 + _bounded_variance(s2, n2) / n2)
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


def test_a_tiny_new_variant_is_not_significant_against_a_large_baseline():
    """1 reply from 1 contact has plug-in variance 0: the interval was +84 to +88 points and
    p = 0 on the first day. With the bounded variance it says what one contact can say."""
    lo, hi, p = sequential_diff([1, 0, 3], [1, 1, 3], [700] * 3, [5000] * 3)
    assert (lo < 0).all() and (hi > 0).all()
    assert (p > 0.05).all() and (p[:2] == 1.0).all()


def test_small_variant_looked_at_daily_keeps_alpha():
    """Known truth: a new variant at the baseline's rate, one contact a day for 300 days,
    against a baseline of 1,000 growing by 40 a day; any zero-excluding look is an error."""
    rng = np.random.default_rng(7)
    reps, days, alpha = 2000, 300, 0.05
    for rate in (0.03, 0.15, 0.4):
        s = (rng.random((reps, days)) < rate).cumsum(axis=1)
        n = np.arange(1, days + 1)[None, :].repeat(reps, axis=0)
        nb = 1000 + 40 * n
        sb = rng.binomial(1000, rate, (reps, 1)) + rng.binomial(40, rate, (reps, days)).cumsum(1)
        lo, hi, _ = sequential_diff(s, n, sb, nb, alpha=alpha)
        error = ((lo > 0) | (hi < 0)).any(axis=1).mean()
        assert error <= alpha + 2 * np.sqrt(alpha * (1 - alpha) / reps), (rate, error)


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


def test_difference_bounds_stay_within_one_hundred_points():
    """3 of 3 against 26 of 209: the sequence's half-width exceeds 1, but a difference of two
    rates lies in [-1, 1], so no bound may pass +-100 points."""
    lo, hi, _ = sequential_diff([3, 0], [3, 3], [26, 26], [209, 209])
    d = np.array([1 - 26 / 209, 0 - 26 / 209])
    assert (lo >= -1).all() and (hi <= 1).all()
    assert (lo <= d).all() and (d <= hi).all()
    assert float(hi[0]) == 1.0 and float(lo[1]) == -1.0


def test_zero_against_all_is_a_clear_difference():
    """0 of 40 against 30 of 30: both plug-in variances are 0, but the bounded variance is
    not, and the difference is as clear as it gets (Fisher's p is about 1e-20)."""
    lo, hi, p = sequential_diff([30], [30], [0], [40])
    fisher = stats.fisher_exact([[30, 0], [0, 40]])[1]
    assert fisher < 1e-15
    assert float(lo[0]) > 0.5 and float(hi[0]) == 1.0 and float(p[0]) < 0.05
