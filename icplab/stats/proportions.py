"""Interval estimates and tests for binomial proportions, vectorised over count arrays.

All functions take successes ``s`` and trials ``n`` as scalars or numpy arrays and never
touch rows: they are the sufficient statistics of a binomial rate.

Examples
--------
>>> lo, hi = wilson_interval(15, 100)
>>> round(float(lo), 4), round(float(hi), 4)
(0.0931, 0.2328)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import special  # scipy.stats is imported only for Fisher's test (slow import)


def z_value(confidence: float = 0.95) -> float:
    """Two-sided standard-normal quantile, e.g. 1.96 for 95 %."""
    return float(special.ndtri(0.5 + confidence / 2))


def wilson_interval(
    successes: ArrayLike, n: ArrayLike, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a binomial rate.

    Parameters
    ----------
    successes, n
        Counts (broadcastable). Where ``n == 0`` the interval is ``[0, 1]``.
    confidence
        Two-sided coverage, default 0.95.

    Returns
    -------
    (lo, hi)
        Arrays of the interval bounds.

    Notes
    -----
    ``(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)``; matches
    ``statsmodels.stats.proportion.proportion_confint(method="wilson")``.

    Examples
    --------
    >>> lo, hi = wilson_interval([0, 10], [10, 10])
    >>> lo.round(4).tolist(), hi.round(4).tolist()
    ([0.0, 0.7225], [0.2775, 1.0])
    """
    return wilson_bounds(successes, n, z_value(confidence))


def wilson_bounds(
    successes: ArrayLike, n: ArrayLike, z: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score bounds at normal quantile ``z``, which may differ per cell (the
    selective-Bonferroni bounds give each cell its own level); :func:`wilson_interval`
    is this at one confidence. Where ``n == 0`` the bounds are ``[0, 1]``.

    Examples
    --------
    >>> lo, hi = wilson_bounds([30, 30], [200, 200], [1.959964, 2.575829])
    >>> bool(np.isclose(lo[0], wilson_interval(30, 200)[0])), bool(lo[1] < lo[0])
    (True, True)
    """
    s, n, z = np.broadcast_arrays(*(np.asarray(x, dtype="float64") for x in (successes, n, z)))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = s / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
        lo = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), 0.0)
        hi = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), 1.0)
    # exact bounds at the edges (avoid -1e-17 style noise)
    lo = np.where((s == 0) & (n > 0), 0.0, lo)
    hi = np.where((s == n) & (n > 0), 1.0, hi)
    return lo, hi


def _rates(successes: ArrayLike, n: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, s / np.where(n > 0, n, 1.0), np.nan)
    return s, n, p


def newcombe_interval(
    s1: ArrayLike, n1: ArrayLike, s2: ArrayLike, n2: ArrayLike, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Newcombe hybrid score interval of the difference ``p1 - p2`` of two rates.

    Parameters
    ----------
    s1, n1, s2, n2
        Successes and trials of the two groups (broadcastable arrays or scalars).
    confidence
        Two-sided coverage, default 0.95.

    Returns
    -------
    (lo, hi)
        Arrays of the interval bounds; NaN where a group has no trials.

    Notes
    -----
    Newcombe (1998), method 10: with the Wilson intervals ``[l1, u1]`` and ``[l2, u2]``
    of the two rates, ``lo = d - sqrt((p1 - l1)² + (u2 - p2)²)`` and
    ``hi = d + sqrt((u1 - p1)² + (p2 - l2)²)`` where ``d = p1 - p2``. Matches
    ``statsmodels.stats.proportion.confint_proportions_2indep(method="newcomb",
    compare="diff")``.

    Examples
    --------
    >>> lo, hi = newcombe_interval(56, 70, 48, 80)
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.0524, 0.3339)
    """
    _, n1a, p1 = _rates(s1, n1)
    _, n2a, p2 = _rates(s2, n2)
    l1, u1 = wilson_interval(s1, n1, confidence)
    l2, u2 = wilson_interval(s2, n2, confidence)
    d = p1 - p2
    lo = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    hi = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return lo, hi


def min_expected_count(s1: ArrayLike, n1: ArrayLike, s2: ArrayLike, n2: ArrayLike) -> np.ndarray:
    """Smallest expected cell count of the 2x2 table ``[[s1, n1-s1], [s2, n2-s2]]``.

    Examples
    --------
    >>> min_expected_count(3, 20, 9, 20).tolist()
    6.0
    """
    s1, n1 = np.asarray(s1, dtype="float64"), np.asarray(n1, dtype="float64")
    s2, n2 = np.asarray(s2, dtype="float64"), np.asarray(n2, dtype="float64")
    total = n1 + n2
    succ = s1 + s2
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.minimum(n1, n2) * np.minimum(succ, total - succ) / total
    return np.where(total > 0, out, 0.0)


def pooled_z_pvalue(s1: ArrayLike, n1: ArrayLike, s2: ArrayLike, n2: ArrayLike) -> np.ndarray:
    """Two-sided p-value of the pooled two-proportion z-test.

    ``z = (p1 - p2) / sqrt(p(1-p)(1/n1 + 1/n2))`` with the pooled rate ``p``; matches
    ``statsmodels.stats.proportion.proportions_ztest([s1, s2], [n1, n2])`` (its default
    ``prop_var=False`` pools). NaN when the pooled variance is zero (no or only successes)
    or a group is empty.

    Examples
    --------
    >>> round(float(pooled_z_pvalue(150, 1200, 201, 1180)), 5)
    0.00182
    """
    s1, n1, p1 = _rates(s1, n1)
    s2, n2, p2 = _rates(s2, n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = (s1 + s2) / (n1 + n2)
        se = np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
        z = (p1 - p2) / se
        pv = 2 * special.ndtr(-np.abs(z))
    return np.where((se > 0) & np.isfinite(se), pv, np.nan)


def fisher_pvalue(s1: int, n1: int, s2: int, n2: int) -> float:
    """Two-sided p-value of Fisher's exact test on ``[[s1, n1-s1], [s2, n2-s2]]``.

    Examples
    --------
    >>> round(fisher_pvalue(1, 10, 6, 10), 4)
    0.0573
    """
    table = [[int(s1), int(n1) - int(s1)], [int(s2), int(n2) - int(s2)]]
    from scipy import stats

    return float(stats.fisher_exact(table, alternative="two-sided").pvalue)


#: Fisher's exact test replaces the z-test when an expected cell count is below this.
MIN_EXPECTED = 5.0


def two_proportion_pvalue(
    s1: ArrayLike, n1: ArrayLike, s2: ArrayLike, n2: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided p-value for ``p1 == p2``: pooled z-test, or Fisher's exact test on small counts.

    Parameters
    ----------
    s1, n1, s2, n2
        Successes and trials of the two groups (broadcastable).

    Returns
    -------
    (p_value, test)
        Float array of p-values (NaN where a group has no trials) and a string array
        with ``"z"`` or ``"fisher"`` per comparison.

    Notes
    -----
    CONTRACT section 3: the pooled z-test (:func:`pooled_z_pvalue`), except when any
    expected cell count of the 2x2 table is below 5 (:func:`min_expected_count`); then
    ``scipy.stats.fisher_exact(alternative="two-sided")``. A table without any success
    (or without any failure) has expected count 0, so it always goes to Fisher (p = 1).

    Examples
    --------
    >>> p, test = two_proportion_pvalue([150, 1], [1200, 10], [201, 6], [1180, 10])
    >>> p.round(4).tolist(), test.tolist()
    ([0.0018, 0.0573], ['z', 'fisher'])
    """
    s1, n1, s2, n2 = np.broadcast_arrays(*(np.asarray(x, dtype="int64") for x in (s1, n1, s2, n2)))
    shape = np.shape(s1)
    s1, n1, s2, n2 = (np.ravel(a) for a in (s1, n1, s2, n2))  # any shape: work flat
    p = np.asarray(pooled_z_pvalue(s1, n1, s2, n2), dtype="float64").copy()
    small = min_expected_count(s1, n1, s2, n2) < MIN_EXPECTED
    valid = (n1 > 0) & (n2 > 0)
    use_fisher = small & valid
    for i in np.flatnonzero(use_fisher):
        p[i] = fisher_pvalue(s1[i], n1[i], s2[i], n2[i])
    p[~valid] = np.nan
    test = np.where(use_fisher, "fisher", "z")
    return p.reshape(shape), test.reshape(shape)


def _log_prob_b_beats_a(a_a: float, b_a: float, a_b: float, b_b: float) -> float:
    """log P(X_B > X_A) for X ~ Beta(a, b) with integer ``a_b`` (Evan Miller's sum)."""
    i = np.arange(int(a_b), dtype="float64")
    terms = (
        special.betaln(a_a + i, b_a + b_b)
        - np.log(b_b + i)
        - special.betaln(1 + i, b_b)
        - special.betaln(a_a, b_a)
    )
    return float(special.logsumexp(terms))


def _prob_beats_one(s1: int, n1: int, s2: int, n2: int) -> float:
    a1, b1 = 1.0 + s1, 1.0 + n1 - s1
    a2, b2 = 1.0 + s2, 1.0 + n2 - s2
    # P(X1 > X2) can be written as a sum over a1, a2, b1 or b2 terms (swap the roles of
    # the two groups, or reflect x -> 1 - x); use the shortest sum.
    k = int(np.argmin([a1, a2, b1, b2]))
    if k == 0:  # direct: P(X1 > X2) summed over a1 terms
        return float(np.exp(_log_prob_b_beats_a(a2, b2, a1, b1)))
    if k == 1:  # 1 - P(X2 > X1), summed over a2 terms
        return float(-np.expm1(_log_prob_b_beats_a(a1, b1, a2, b2)))
    if k == 2:  # P(1-X1 < 1-X2) = 1 - P(Y1 > Y2) with Y ~ Beta(b, a): b1 terms
        return float(-np.expm1(_log_prob_b_beats_a(b2, a2, b1, a1)))
    return float(np.exp(_log_prob_b_beats_a(b1, a1, b2, a2)))  # P(Y2 > Y1): b2 terms


def prob_beats(s1: ArrayLike, n1: ArrayLike, s2: ArrayLike, n2: ArrayLike) -> np.ndarray:
    """Posterior probability that rate 1 exceeds rate 2, ``P(p1 > p2)``.

    Parameters
    ----------
    s1, n1, s2, n2
        Successes and trials of the two groups (broadcastable whole numbers).

    Returns
    -------
    numpy.ndarray
        ``P(p1 > p2)`` under independent ``Beta(1 + s, 1 + n - s)`` posteriors (uniform
        priors), exact up to floating-point rounding.

    Notes
    -----
    Closed form (Evan Miller, "Formulas for Bayesian A/B testing"): for
    ``X_A ~ Beta(a_A, b_A)`` and ``X_B ~ Beta(a_B, b_B)`` with whole ``a_B``,
    ``P(X_B > X_A) = sum_{i=0}^{a_B-1} B(a_A+i, b_A+b_B) / ((b_B+i) B(1+i, b_B) B(a_A, b_A))``.
    All terms are positive; they are summed in log space (``logsumexp``). By symmetry the
    sum can run over ``a`` or ``b`` of either group, so its length is
    ``1 + min(s1, s2, n1-s1, n2-s2)``: a few milliseconds even for millions of trials.

    Examples
    --------
    >>> prob_beats([201, 5], [1180, 10], [150, 5], [1200, 10]).round(4).tolist()
    [0.9991, 0.5]
    """
    arrays = np.broadcast_arrays(*(np.asarray(x) for x in (s1, n1, s2, n2)))
    shape = arrays[0].shape
    flat = [a.reshape(-1).astype("int64") for a in arrays]
    out = np.empty(flat[0].shape, dtype="float64")
    for i in range(out.size):
        out[i] = _prob_beats_one(*(int(a[i]) for a in flat))
    return np.clip(out, 0.0, 1.0).reshape(shape)
