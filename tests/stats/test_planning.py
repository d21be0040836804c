"""Sample sizes: against statsmodels NormalIndPower, exact binomial sums and simulation."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize, proportions_ztest

from icplab.core.errors import UsageError
from icplab.stats.planning import ab_power, ab_sample_size, segment_power, segment_sample_size


@pytest.mark.parametrize(
    "p,lift,alpha,power",
    [
        (0.12, 0.03, 0.05, 0.8),
        (0.05, 0.02, 0.05, 0.9),
        (0.3, -0.05, 0.01, 0.8),
        (0.15, 0.1, 0.1, 0.7),
    ],
)
def test_ab_sample_size_close_to_statsmodels(p, lift, alpha, power):
    n = ab_sample_size(p, lift, alpha, power)
    ref = NormalIndPower().solve_power(proportion_effectsize(p + lift, p), alpha=alpha, power=power)
    assert n == pytest.approx(ref, rel=0.03)
    # n is the smallest size whose (one-tail) power reaches the target; the far tail adds <1e-3
    assert ab_power(p, lift, n, alpha) >= power
    assert ab_power(p, lift, n - 1, alpha) < power + 1e-3


def test_ab_sample_size_power_by_simulation():
    rng = np.random.default_rng(8)
    n = ab_sample_size(0.12, 0.04)
    reps = 4000
    a = rng.binomial(n, 0.12, reps)
    b = rng.binomial(n, 0.16, reps)
    pooled = (a + b) / (2 * n)
    z = (b - a) / n / np.sqrt(pooled * (1 - pooled) * 2 / n)
    power = (np.abs(z) > 1.959964).mean()
    assert power == pytest.approx(0.8, abs=0.03)
    # the vectorised z equals statsmodels' test
    assert proportions_ztest([b[0], a[0]], [n, n])[0] == pytest.approx(z[0])


@pytest.mark.parametrize("rate,target", [(0.18, 0.15), (0.1, 0.15), (0.08, 0.05), (0.3, 0.15)])
def test_segment_sample_size_exact_power(rate, target):
    n = segment_sample_size(rate, target)
    assert segment_power(rate, target, n) == pytest.approx(0.8, abs=0.04)


def test_segment_power_by_simulation():
    rng = np.random.default_rng(4)
    n = segment_sample_size(0.2, 0.15)
    s = rng.binomial(n, 0.2, 20000)
    from icplab.icp.verdicts import verdict

    share = (verdict(s, n, 0.15) == "pass").mean()
    assert share == pytest.approx(segment_power(0.2, 0.15, n), abs=0.015)


def test_bad_planning_input():
    with pytest.raises(UsageError, match="lift must not be 0"):
        ab_sample_size(0.1, 0.0)
    with pytest.raises(UsageError, match="between 0 and 1"):
        ab_sample_size(0.95, 0.1)
    with pytest.raises(UsageError, match="rate equals the target"):
        segment_sample_size(0.15, 0.15)
