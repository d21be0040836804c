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
from icplab.stats.proportions import z_value


def _check_rate(name: str, value: float) -> None:
    if not 0 < value < 1:
        raise UsageError(
            f"{name} must be a rate between 0 and 1 (e.g. 0.12 for 12 %), got {value}."
        )


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
        raise UsageError("lift must not be 0: no sample size can detect no difference.")
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
        raise UsageError(
            "rate equals the target: no number of contacts can separate them. "
            "Plan with the smallest difference that matters, e.g. --rate 0.18 --target 0.15."
        )
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
