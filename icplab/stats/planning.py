"""How many contacts a test needs: A/B sample sizes and segment checks.

Examples
--------
>>> ab_sample_size(0.12, 0.03)
2036
>>> segment_sample_size(0.18, 0.15)
1164
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.stats.proportions import z_value


def _check_rate(name: str, value: float) -> None:
    if not 0 < value < 1:
        raise UsageError(Note("planning.bad_rate", name=name, value=value))


def ab_sample_size(
    baseline_rate: float, lift: float, alpha: float = 0.05, power: float = 0.8
) -> int:
    """Contacts per arm to detect an absolute lift over a baseline rate.

    Parameters
    ----------
    baseline_rate
        Rate of the baseline variant, e.g. 0.12.
    lift
        Absolute difference to detect, e.g. 0.03 (12 % -> 15 %); may be negative.
    alpha
        Two-sided significance level of the pooled z-test.
    power
        Chance to find the difference significant when it is real.

    Returns
    -------
    int
        Contacts in each of the two arms (equal split), rounded up.

    Notes
    -----
    For the pooled two-proportion z-test (the test ``icplab compare`` runs), with
    ``p1 = baseline_rate``, ``p2 = p1 + lift`` and ``pbar = (p1 + p2) / 2`` (Fleiss):
    ``n = (z_{1-alpha/2} sqrt(2 pbar (1-pbar)) + z_{power} sqrt(p1(1-p1) + p2(1-p2)))² / lift²``.
    It agrees within a few percent with the arcsine approximation of
    ``statsmodels.stats.power.NormalIndPower`` with ``proportion_effectsize``; a
    simulation of the test at this ``n`` recovers the requested power. Holm adjustment
    over several comparisons needs more contacts (use ``alpha / comparisons`` for a
    conservative plan).

    Examples
    --------
    >>> ab_sample_size(0.10, 0.05, power=0.9)
    918
    """
    _check_rate("baseline rate", baseline_rate)
    _check_rate("baseline rate + lift", baseline_rate + lift)
    _check_rate("alpha", alpha)
    _check_rate("power", power)
    if lift == 0:
        raise UsageError(Note("planning.zero_lift"))
    p1, p2 = baseline_rate, baseline_rate + lift
    pbar = (p1 + p2) / 2
    za, zb = z_value(1 - alpha), float(stats.norm.ppf(power))
    n = (za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2
    return int(math.ceil(n / lift**2 - 1e-9))


def ab_power(baseline_rate: float, lift: float, n_per_arm: int, alpha: float = 0.05) -> float:
    """Approximate power of the pooled z-test with ``n_per_arm`` contacts per arm.

    The inverse of :func:`ab_sample_size` (normal approximation, both tails).

    Examples
    --------
    >>> round(ab_power(0.12, 0.03, 2036), 3)
    0.8
    """
    p1, p2 = baseline_rate, baseline_rate + lift
    pbar = (p1 + p2) / 2
    za = z_value(1 - alpha)
    se0 = math.sqrt(2 * pbar * (1 - pbar) / n_per_arm)
    se1 = math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n_per_arm)
    d = abs(lift)
    return float(stats.norm.sf((za * se0 - d) / se1) + stats.norm.cdf((-za * se0 - d) / se1))


def segment_sample_size(
    rate: float, target: float, power: float = 0.8, confidence: float = 0.95
) -> int:
    """Trials a segment check needs so its Wilson interval separates ``rate`` from ``target``.

    Parameters
    ----------
    rate
        The assumed true rate of the segment, e.g. 0.18.
    target
        The metric's target, e.g. 0.15.
    power
        Chance that the verdict comes out ``pass`` (rate above target) or ``fail``
        (rate below) rather than ``inconclusive``.
    confidence
        Coverage of the verdict interval (0.95, as the contract fixes).

    Returns
    -------
    int
        Trials of the metric's denominator: contacts for reply and meeting rate,
        qualified leads for deal rate.

    Notes
    -----
    The target lies outside the Wilson interval when the score statistic
    ``(phat - t) / sqrt(t(1-t)/N)`` exceeds ``z`` in absolute value. With ``phat``
    approximately ``Normal(p, p(1-p)/N)``:
    ``N = ((z sqrt(t(1-t)) + z_{power} sqrt(p(1-p))) / (p - t))²``. The exact binomial
    probability of a settled verdict at this ``N`` is close to ``power`` (tests check
    it; discreteness moves it by a few points for small ``N``).

    Examples
    --------
    >>> segment_sample_size(0.10, 0.15, power=0.9)
    471
    """
    _check_rate("rate", rate)
    _check_rate("target", target)
    _check_rate("power", power)
    if rate == target:
        raise UsageError(Note("planning.rate_is_target"))
    z = z_value(confidence)
    zb = float(stats.norm.ppf(power))
    n = (
        (z * math.sqrt(target * (1 - target)) + zb * math.sqrt(rate * (1 - rate))) / (rate - target)
    ) ** 2
    return int(math.ceil(n - 1e-9))


def segment_power(rate: float, target: float, n: int, confidence: float = 0.95) -> float:
    """Exact binomial probability that a check on ``n`` trials gives a settled verdict.

    Sums ``Binomial(n, rate)`` over the success counts whose Wilson interval lies on the
    correct side of ``target`` (``pass`` when ``rate > target``, ``fail`` otherwise).

    Examples
    --------
    >>> round(segment_power(0.18, 0.15, 1164), 2)
    0.8
    """
    from icplab.stats.proportions import wilson_interval

    s = np.arange(n + 1)
    lo, hi = wilson_interval(s, n, confidence)
    settled = lo >= target if rate > target else hi < target
    return float(stats.binom.pmf(s[settled], n, rate).sum())


def period_precision(deals: np.ndarray, contacts: np.ndarray) -> float:
    """How much the deal rate varies from period to period: the Beta precision ``kappa``.

    Method of moments on the periods' rates ``d_t / c_t``: the between-period variance
    ``tau² = max(0, Var(d_t / c_t) - mean(r (1 - r) / c_t))`` beyond binomial noise, and
    ``kappa = r (1 - r) / tau² - 1`` (``inf`` when no extra variation is seen, or with
    fewer than three periods).

    Examples
    --------
    >>> period_precision(np.array([10, 10, 10, 10]), np.array([500, 500, 500, 500]))
    inf
    >>> round(period_precision(np.array([2, 20, 5, 25]), np.array([500, 500, 500, 500])))
    55
    """
    d = np.asarray(deals, dtype="float64")
    c = np.asarray(contacts, dtype="float64")
    keep = c > 0
    d, c = d[keep], c[keep]
    if len(c) < 3 or d.sum() <= 0:
        return math.inf
    r = d.sum() / c.sum()
    rates = d / c
    tau2 = float(np.var(rates, ddof=1) - np.mean(r * (1 - r) / c))
    if tau2 <= 0:
        return math.inf
    return max(float(r * (1 - r) / tau2 - 1.0), 1.0)


def contacts_for_chance(
    rate_draws: np.ndarray,
    deals: int,
    probability: float = 0.8,
    kappa: float = math.inf,
    seed: int = 0,
) -> float:
    """Contacts in one period for a ``probability`` chance of at least ``deals`` deals.

    Parameters
    ----------
    rate_draws
        Draws of the mean contact-to-deal rate (its posterior: the uncertainty of today's
        estimate).
    deals
        Deals wanted in the period.
    probability
        Wanted chance (0.8).
    kappa
        Period-to-period variation: the period's own rate is ``Beta(mu kappa,
        (1 - mu) kappa)`` around the mean ``mu`` (:func:`period_precision`); ``inf``: none.
    seed
        Seed of the period-rate draws.

    Returns
    -------
    float
        The smallest whole number ``m`` with ``P(Binomial(m, rate) >= deals) >=
        probability`` under the posterior predictive; NaN when no draw has a positive rate.

    Notes
    -----
    ``P(D >= N | m)`` is averaged over the draws (exact binomial tails), increasing in
    ``m``; the smallest ``m`` is found by doubling and bisection. Checked by simulation in
    ``tests/stats/test_plan_chance.py`` (met 78-85 % of the time).

    Examples
    --------
    >>> m = contacts_for_chance(np.full(2000, 0.02), 10)
    >>> float(m), bool(stats.binom.sf(9, m, 0.02) >= 0.8 > stats.binom.sf(9, m - 1, 0.02))
    (625.0, True)
    """
    mu = np.clip(np.asarray(rate_draws, dtype="float64"), 0.0, 1.0)
    if not (mu > 0).any() or deals <= 0:
        return math.nan if deals > 0 else 0.0
    if math.isfinite(kappa):
        rng = np.random.default_rng(seed)
        a = np.maximum(mu * kappa, 1e-9)
        b = np.maximum((1 - mu) * kappa, 1e-9)
        r = rng.beta(a, b)
    else:
        r = mu

    def chance(m: float) -> float:
        return float(np.mean(stats.binom.sf(deals - 1, m, r)))

    hi = float(deals)
    while chance(hi) < probability:
        hi *= 2
        if hi > 1e9:
            return math.nan
    lo = hi / 2 if hi > deals else 0.0
    while hi - lo > 1:
        mid = math.floor((lo + hi) / 2)
        if chance(mid) >= probability:
            hi = mid
        else:
            lo = mid
    return float(hi)
