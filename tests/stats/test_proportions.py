"""Proportions: every figure against statsmodels / scipy / numerical integration / simulation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

from icplab.stats.proportions import (
    min_expected_count,
    newcombe_interval,
    prob_beats,
    two_proportion_pvalue,
    wilson_interval,
)


@st.composite
def two_groups(draw, max_n=400):
    n1 = draw(st.integers(1, max_n))
    n2 = draw(st.integers(1, max_n))
    return draw(st.integers(0, n1)), n1, draw(st.integers(0, n2)), n2


@settings(max_examples=200, deadline=None)
@given(two_groups())
def test_newcombe_matches_statsmodels(g):
    s1, n1, s2, n2 = g
    lo, hi = newcombe_interval(s1, n1, s2, n2)
    ref = confint_proportions_2indep(s1, n1, s2, n2, method="newcomb", compare="diff")
    assert float(lo) == pytest.approx(ref[0], abs=1e-12)
    assert float(hi) == pytest.approx(ref[1], abs=1e-12)


def test_newcombe_vectorised_and_empty_group():
    s1, n1, s2, n2 = [0, 10, 5], [10, 10, 0], [0, 0, 1], [10, 10, 4]
    lo, hi = newcombe_interval(s1, n1, s2, n2)
    for i in range(2):
        ref = confint_proportions_2indep(s1[i], n1[i], s2[i], n2[i], method="newcomb")
        assert (lo[i], hi[i]) == pytest.approx(ref, abs=1e-12)
    assert np.isnan(lo[2]) and np.isnan(hi[2])


@settings(max_examples=200, deadline=None)
@given(two_groups(max_n=3000))
def test_pvalue_z_or_fisher_as_contract(g):
    s1, n1, s2, n2 = g
    p, test = two_proportion_pvalue(s1, n1, s2, n2)
    expected = [
        n1 * (s1 + s2) / (n1 + n2),
        n1 * (n1 + n2 - s1 - s2) / (n1 + n2),
        n2 * (s1 + s2) / (n1 + n2),
        n2 * (n1 + n2 - s1 - s2) / (n1 + n2),
    ]
    assert float(min_expected_count(s1, n1, s2, n2)) == pytest.approx(min(expected))
    if min(expected) < 5:
        assert str(test) == "fisher"
        ref = stats.fisher_exact([[s1, n1 - s1], [s2, n2 - s2]], alternative="two-sided").pvalue
    else:
        assert str(test) == "z"
        ref = proportions_ztest([s1, s2], [n1, n2])[1]
    assert float(p) == pytest.approx(ref, rel=1e-9, abs=1e-300)


def test_pvalue_edges_and_tiny_groups():
    p, test = two_proportion_pvalue([0, 5, 3, 7], [10, 5, 4, 0], [0, 5, 0, 1], [12, 5, 4, 3])
    assert test.tolist()[:3] == ["fisher", "fisher", "fisher"]
    assert p[0] == 1.0 and p[1] == 1.0  # nothing or everything succeeded in both
    assert p[2] == pytest.approx(stats.fisher_exact([[3, 1], [0, 4]]).pvalue)
    assert np.isnan(p[3])  # empty group


def test_wilson_matches_statsmodels_random():
    rng = np.random.default_rng(3)
    n = rng.integers(1, 5000, 500)
    s = rng.binomial(n, rng.uniform(0, 1, 500))
    lo, hi = wilson_interval(s, n)
    rlo, rhi = proportion_confint(s, n, method="wilson")
    np.testing.assert_allclose(lo, rlo, atol=1e-12)
    np.testing.assert_allclose(hi, rhi, atol=1e-12)


def _quad_prob(s1, n1, s2, n2):
    b1, b2 = stats.beta(1 + s1, 1 + n1 - s1), stats.beta(1 + s2, 1 + n2 - s2)
    # integrate f1(x) F2(x) over the region where b1 has mass; split at b2's mean
    lo = max(0.0, b1.ppf(1e-13))
    hi = min(1.0, b1.isf(1e-13))
    pts = [x for x in (b2.mean(), b1.mean()) if lo < x < hi]
    val = integrate.quad(
        lambda x: b1.pdf(x) * b2.cdf(x),
        lo,
        hi,
        points=pts or None,
        epsabs=1e-13,
        epsrel=1e-12,
        limit=400,
    )[0]
    return val


@settings(max_examples=60, deadline=None)
@given(two_groups(max_n=2000))
def test_prob_beats_matches_numerical_integration(g):
    s1, n1, s2, n2 = g
    assert float(prob_beats(s1, n1, s2, n2)) == pytest.approx(_quad_prob(s1, n1, s2, n2), abs=1e-7)


@pytest.mark.parametrize(
    "s1,n1,s2,n2",
    [
        (150_000, 1_000_000, 149_500, 1_000_000),
        (2_000_000, 3_000_000, 1_999_000, 3_000_000),
        (0, 5, 0, 50),
        (5, 5, 0, 3),
        (0, 0, 3, 10),
    ],
)
def test_prob_beats_large_and_edge_counts(s1, n1, s2, n2):
    assert float(prob_beats(s1, n1, s2, n2)) == pytest.approx(_quad_prob(s1, n1, s2, n2), abs=1e-6)


def test_prob_beats_monte_carlo_and_symmetry():
    rng = np.random.default_rng(11)
    x = rng.beta(1 + 30, 1 + 170, 2_000_000)
    y = rng.beta(1 + 22, 1 + 178, 2_000_000)
    mc = float((x > y).mean())
    p = float(prob_beats(30, 200, 22, 200))
    assert p == pytest.approx(mc, abs=4 * np.sqrt(mc * (1 - mc) / 2_000_000))
    assert p + float(prob_beats(22, 200, 30, 200)) == pytest.approx(1.0, abs=1e-12)
    assert float(prob_beats(7, 40, 7, 40)) == pytest.approx(0.5, abs=1e-12)


def test_wilson_and_newcombe_coverage_near_95_percent():
    rng = np.random.default_rng(2024)
    reps = 40_000
    for p1, p2, n1, n2 in [(0.15, 0.12, 300, 280), (0.05, 0.08, 150, 200), (0.3, 0.3, 60, 80)]:
        s1 = rng.binomial(n1, p1, reps)
        s2 = rng.binomial(n2, p2, reps)
        lo, hi = wilson_interval(s1, n1)
        cover = ((lo <= p1) & (p1 <= hi)).mean()
        assert 0.93 <= cover <= 0.97, (p1, n1, cover)
        dlo, dhi = newcombe_interval(s1, n1, s2, n2)
        dcover = ((dlo <= p1 - p2) & (p1 - p2 <= dhi)).mean()
        assert 0.935 <= dcover <= 0.97, (p1, p2, dcover)


def test_two_proportion_pvalue_2d_with_fisher():
    """2-D input where some cells need Fisher (used to raise TypeError)."""
    from icplab.stats.proportions import two_proportion_pvalue

    s1 = np.array([[150, 1], [2, 40]])
    n1 = np.array([[1200, 10], [12, 300]])
    s2 = np.array([[201, 6], [7, 55]])
    n2 = np.array([[1180, 10], [15, 310]])
    p, test = two_proportion_pvalue(s1, n1, s2, n2)
    assert p.shape == test.shape == (2, 2)
    for i in range(2):
        for j in range(2):
            a, b, c, d = (int(x[i, j]) for x in (s1, n1, s2, n2))
            exp = min(b, d) * min(a + c, b + d - a - c) / (b + d)
            if exp < 5:
                assert test[i, j] == "fisher"
                ref = stats.fisher_exact([[a, b - a], [c, d - c]]).pvalue
            else:
                assert test[i, j] == "z"
                ref = proportions_ztest([a, c], [b, d])[1]
            assert p[i, j] == pytest.approx(ref, rel=1e-10)
    assert set(test.ravel()) == {"z", "fisher"}
    p0, t0 = two_proportion_pvalue(3, 20, 9, 20)
    assert p0.shape == () and str(t0) in {"z", "fisher"}
