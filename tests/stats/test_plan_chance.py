"""The planner's "contacts for an 80 % chance of N deals" is met about 80 % of the time."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from icplab.stats.planning import contacts_for_chance, period_precision


def test_period_precision_recovers_a_known_beta():
    rng = np.random.default_rng(3)
    kappa, r = 400.0, 0.03
    rates = rng.beta(r * kappa, (1 - r) * kappa, size=400)
    deals = rng.binomial(20_000, rates)
    est = period_precision(deals, np.full(400, 20_000))
    assert est == pytest.approx(kappa, rel=0.25)
    assert math.isinf(period_precision(rng.binomial(500, 0.02, size=3) * 0, np.full(3, 500)))


def test_without_uncertainty_it_is_the_binomial_quantile():
    m = contacts_for_chance(np.full(500, 0.05), 8)
    assert stats.binom.sf(7, m, 0.05) >= 0.8 > stats.binom.sf(7, m - 1, 0.05)


@pytest.mark.slow
def test_planned_contacts_bring_the_deals_78_to_85_percent_of_the_time():
    """Campaigns with 12 months of history whose monthly deal rate varies (Beta, precision
    1000 around 2 %); the plan for 10 deals is then tried on a new month."""
    rng = np.random.default_rng(12)
    r0, k0, c, months, want = 0.02, 1000.0, 500, 12, 10
    campaigns = 1200
    hits = 0
    for i in range(campaigns):
        rates = rng.beta(r0 * k0, (1 - r0) * k0, size=months)
        d = rng.binomial(c, rates)
        kappa = period_precision(d, np.full(months, c))
        draws = rng.beta(1 + d.sum(), 1 + months * c - d.sum(), size=2000)
        m = contacts_for_chance(draws, want, 0.8, kappa, seed=i)
        new_rate = rng.beta(r0 * k0, (1 - r0) * k0)
        hits += rng.binomial(int(m), new_rate) >= want
    assert 0.78 <= hits / campaigns <= 0.85
