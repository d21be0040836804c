"""The pooled rates' Beta quantiles and tail from ``scipy.special`` equal ``scipy.stats.beta``."""

from __future__ import annotations

import numpy as np
from scipy import stats

from icplab.stats.pooling import BetaPrior, pooled_rates


def test_pooled_rates_equal_scipy_stats_beta() -> None:
    rng = np.random.default_rng(3)
    n = rng.integers(1, 5000, size=400)
    s = rng.binomial(n, rng.uniform(0.0, 1.0, size=400))
    s[:3], n[:3] = 0, [1, 7, 40]  # zero successes
    s[3:6] = n[3:6]  # all successes
    prior = BetaPrior(a=2.5, b=17.0, method="fixed for the test")
    out = pooled_rates(s, n, prior, confidence=0.9, target=0.15)
    a, b = prior.a + s, prior.b + n - s
    np.testing.assert_allclose(out["post_low"], stats.beta.ppf(0.05, a, b), rtol=1e-12, atol=0)
    np.testing.assert_allclose(out["post_high"], stats.beta.ppf(0.95, a, b), rtol=1e-12, atol=0)
    np.testing.assert_allclose(
        out["prob_meets"], stats.beta.sf(0.15, a, b), rtol=1e-12, atol=1e-300
    )
    np.testing.assert_allclose(out["estimate"], a / (a + b), rtol=1e-15)
