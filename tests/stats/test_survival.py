"""Kaplan-Meier and Aalen-Johansen on counts, against lifelines and closed forms."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from icplab.stats.survival import aalen_johansen, kaplan_meier


def _step(frame, t):
    """The value of a lifelines step-function frame at ``t`` (last index <= t)."""
    return frame[frame.index <= t].iloc[-1]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_km_equals_lifelines_with_ties(seed):
    lifelines = pytest.importorskip("lifelines")
    rng = np.random.default_rng(seed)
    n = 500
    event_day = np.round(rng.exponential(80, n))  # whole days: many ties
    censor_day = rng.integers(0, 250, n).astype(float)
    d = np.minimum(event_day, censor_day)
    e = (event_day <= censor_day).astype(int)
    curve = kaplan_meier(d, e)
    kmf = lifelines.KaplanMeierFitter().fit(d, e)
    for t in (0, 7, 30, 90, 180, 400):
        got = curve.at(t)
        s = float(kmf.survival_function_at_times(t).iloc[0])
        lo_s, hi_s = sorted(_step(kmf.confidence_interval_, t).to_numpy())
        assert got.cumulative == pytest.approx(1 - s, abs=1e-9)
        if 0 < s < 1:
            assert got.ci_low == pytest.approx(1 - hi_s, abs=1e-9)
            assert got.ci_high == pytest.approx(1 - lo_s, abs=1e-9)
        assert got.at_risk == int((d >= t).sum())


def test_km_without_censoring_is_the_empirical_share():
    d = np.array([1.0, 3, 3, 4, 9, 10])
    curve = kaplan_meier(d, np.ones(6, dtype=int))
    assert curve.at(3).cumulative == pytest.approx(3 / 6)
    assert curve.at(9.5).cumulative == pytest.approx(5 / 6)


@pytest.mark.parametrize("seed", [0, 1])
def test_aalen_johansen_equals_lifelines(seed):
    lifelines = pytest.importorskip("lifelines")
    rng = np.random.default_rng(seed)
    n = 400  # continuous times: lifelines jitters ties, so compare without them
    t_deal, t_lost, t_cens = rng.exponential(90, n), rng.exponential(120, n), rng.uniform(0, 250, n)
    d = np.minimum.reduce([t_deal, t_lost, t_cens])
    cause = np.where(d == t_deal, 1, np.where(d == t_lost, 2, 0))
    curve = aalen_johansen(d, cause, cause=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        aj = lifelines.AalenJohansenFitter().fit(d, cause, event_of_interest=1)
    for t in (10, 60, 120, 200):
        got = curve.at(t)
        assert got.cumulative == pytest.approx(
            float(_step(aj.cumulative_density_, t).iloc[0]), abs=1e-9
        )
        lo, hi = sorted(_step(aj.confidence_interval_, t).to_numpy())
        assert got.ci_low == pytest.approx(lo, abs=1e-9)
        assert got.ci_high == pytest.approx(hi, abs=1e-9)


def test_aalen_johansen_without_competing_is_one_minus_km():
    rng = np.random.default_rng(5)
    d = np.round(rng.exponential(50, 300))
    e = rng.integers(0, 2, 300)
    km, aj = kaplan_meier(d, e), aalen_johansen(d, e, cause=1)
    grid = np.arange(0, 200, 5.0)
    np.testing.assert_allclose(aj.on_grid(grid)[0], km.on_grid(grid)[0], atol=1e-12)


def test_km_interval_covers_the_truth_about_95_percent():
    """Exponential time to event, uniform censoring: the true F(60) = 1 - exp(-60/80)."""
    rng = np.random.default_rng(11)
    truth = 1 - np.exp(-60 / 80)
    runs, hits = 300, 0
    for _ in range(runs):
        t = rng.exponential(80, 300)
        c = rng.uniform(20, 200, 300)
        est = kaplan_meier(np.minimum(t, c), (t <= c).astype(int)).at(60)
        hits += est.ci_low <= truth <= est.ci_high
    assert 0.91 <= hits / runs <= 0.985
