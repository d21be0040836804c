"""Statistics of value metrics: means of a mostly-zero, skewed value such as EUR per contact.

Most contacts bring no money, a few bring a deal whose size is skewed (a handful of large
deals). A plain t-interval on such data covers the true mean far less often than it
claims when deals are few. icplab uses a **two-part (hurdle) model** instead: the mean per
contact is ``mu = p * m`` with ``p`` the share of contacts with a value > 0 and ``m`` the
mean of the non-zero values, and the interval is built on the log scale with the delta
method:

    log mu_hat = log p_hat + log m_hat,
    se^2 = (1 - p_hat) / k + CV^2 / k,

where ``k`` is the number of non-zero values and ``CV^2`` the squared coefficient of
variation of the non-zero values, taken as the larger of its sample value and the value a
log-normal with the observed spread of the logs implies (``exp(s_log^2) - 1``): the sample
CV alone underestimates the spread of heavy-tailed values when deals are few. The interval
is ``mu_hat * exp(-/+ t * se)`` with ``t`` the Student quantile on ``k - 1`` degrees of
freedom. With fewer than three non-zero values (:data:`MIN_NONZERO`) the spread of the
values is unknown or the interval uselessly wide (t on one degree of freedom): the
interval is ``[0, unbounded]`` (``ci_high`` NaN / null), never a made-up number.

Coverage of the 95 % interval, simulated (3,000 runs per setting) on zero-inflated
log-normal values (log-sd 0.5, 1.0, 1.5), gamma (shape 2) and Pareto (shape 3) values,
P(value > 0) of 1 %, 3 % and 10 %, n from 50 to 5,000 contacts: between 94.5 % and 99.9 %
in every setting (94.8 % at the hardest: log-sd 1.5, 20 expected deals), where a plain
t-interval drops to 67-80 %. ``tests/stats/test_means.py`` re-checks it.

Everything is computed from the sufficient statistics of
:func:`icplab.data.counts.value_moments`.

Examples
--------
>>> import numpy as np
>>> m = Moments(*map(np.float64, (1000, 60_000.0, 6.0e8, 6, 6 * np.log(10_000),
...     6 * np.log(10_000) ** 2 + 5 * 0.25)))
>>> mean, lo, hi = mean_interval(m)
>>> float(mean), bool(lo < 60 < hi)
(60.0, True)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import special

from icplab.data.counts import MOMENT_COLUMNS
from icplab.stats.proportions import z_value

#: Non-zero values a bounded interval needs (with two, t on 1 df gives absurd upper ends).
MIN_NONZERO = 3


def _arr(x: ArrayLike) -> np.ndarray:
    return np.asarray(x, dtype="float64")


@dataclass(frozen=True)
class Moments:
    """The sufficient statistics of a value metric, per group (float arrays of one shape).

    Attributes
    ----------
    n
        Units (contacts).
    value_sum, value_sum_sq
        Sum and sum of squares of the values (zeros included).
    nonzero
        Units with a value > 0.
    log_sum, log_sum_sq
        Sum and sum of squares of the logs of the non-zero values.

    Examples
    --------
    >>> x = np.array([0.0, 100.0, 300.0])
    >>> m = Moments.of_values(x)
    >>> float(m.n), float(m.nonzero), float(m.value_sum)
    (3.0, 2.0, 400.0)
    """

    n: np.ndarray
    value_sum: np.ndarray
    value_sum_sq: np.ndarray
    nonzero: np.ndarray
    log_sum: np.ndarray
    log_sum_sq: np.ndarray

    @classmethod
    def of(cls, table: Any) -> Moments:
        """From a table (or row) with the :data:`icplab.data.counts.MOMENT_COLUMNS`."""
        return cls(*(_arr(table[c]) for c in MOMENT_COLUMNS))

    @classmethod
    def of_values(cls, values: ArrayLike) -> Moments:
        """From the values of one group (zeros included)."""
        x = _arr(values)
        logs = np.log(x[x > 0])
        return cls(
            *map(_arr, (x.size, x.sum(), (x**2).sum(), logs.size, logs.sum(), (logs**2).sum()))
        )

    def of_nonzero(self) -> Moments:
        """The moments of the non-zero values alone (every unit non-zero: ``p = 1``)."""
        return replace(self, n=self.nonzero)

    def spread(self) -> np.ndarray:
        """Squared coefficient of variation of the non-zero values used by the intervals.

        The larger of the sample CV^2 and the log-normal CV^2 implied by the variance of
        the logs, ``exp(s_log^2) - 1``. NaN where fewer than two values are non-zero.

        Examples
        --------
        >>> x = np.array([100.0, 300.0])
        >>> bool(Moments.of_values(x).spread() >= np.var(x, ddof=1) / x.mean() ** 2)
        True
        """
        k, s, ss = self.nonzero, self.value_sum, self.value_sum_sq
        ls, lss = self.log_sum, self.log_sum_sq
        with np.errstate(divide="ignore", invalid="ignore"):
            m = s / k
            var = np.maximum(ss - k * m * m, 0.0) / (k - 1)
            cv2 = var / (m * m)
            var_log = np.maximum(lss - ls * ls / k, 0.0) / (k - 1)
            cv2_ln = np.expm1(var_log)
        return np.where(k >= 2, np.maximum(cv2, cv2_ln), np.nan)


def mean_interval(
    moments: Moments, confidence: ArrayLike = 0.95
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean per unit and its two-part log-scale interval (see the module docstring).

    Parameters
    ----------
    moments
        The group's :class:`Moments`.
    confidence
        Coverage of the interval (one per unit, or one for all).

    Returns
    -------
    tuple of numpy.ndarray
        ``mean`` (NaN where ``n == 0``), ``ci_low`` (0 where fewer than
        :data:`MIN_NONZERO` non-zero values) and ``ci_high`` (NaN, i.e. unbounded, there).

    Examples
    --------
    >>> mean, lo, hi = mean_interval(Moments.of_values(np.zeros(200)))
    >>> float(mean), float(lo), bool(np.isnan(hi))
    (0.0, 0.0, True)
    """
    n_, s, k = moments.n, moments.value_sum, moments.nonzero
    cv2 = moments.spread()
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(n_ > 0, s / n_, np.nan)
        p = k / n_
        se = np.sqrt((1.0 - p) / k + cv2 / k)
        q = special.stdtrit(np.maximum(k - 1, 1), 0.5 + np.asarray(confidence) / 2)
        lo = mean * np.exp(-q * se)
        hi = mean * np.exp(q * se)
    ok = k >= MIN_NONZERO
    lo = np.where(ok, lo, np.where(n_ > 0, 0.0, np.nan))
    hi = np.where(ok, hi, np.nan)
    return mean, lo, hi


def mean_verdict(ci_low: ArrayLike, ci_high: ArrayLike, target: float) -> np.ndarray:
    """``pass`` when ``ci_low >= target``, ``fail`` when ``ci_high < target``, else
    ``inconclusive`` (an unbounded ``ci_high`` never fails).

    Examples
    --------
    >>> mean_verdict([200, 10, 0], [400, 90, np.nan], 150).tolist()
    ['pass', 'fail', 'inconclusive']
    """
    lo, hi = _arr(ci_low), _arr(ci_high)
    with np.errstate(invalid="ignore"):
        out = np.where(lo >= target, "pass", np.where(hi < target, "fail", "inconclusive"))
    return out.astype(object)


def mean_contacts_to_settle(
    moments: Moments, target: float, confidence: float = 0.95
) -> np.ndarray:
    """Additional units after which the interval would exclude ``target``, if the mean and
    the spread stay as observed.

    Notes
    -----
    The log-scale standard error shrinks like ``1 / sqrt(N)``: with ``c^2 = n se^2`` it is
    ``c / sqrt(N)`` at ``N`` units, and the interval excludes the target once
    ``z c / sqrt(N) <= |log mean - log target|``, i.e. at ``N* = (z c / log(mean /
    target))^2`` (normal quantile; the planning figure, like
    :func:`icplab.icp.verdicts.more_contacts_needed` for rates). Returns
    ``max(ceil(N*) - n, 0)``; NaN where it cannot be estimated (fewer than
    :data:`MIN_NONZERO` non-zero values, a mean exactly on the target).

    Examples
    --------
    >>> x = np.array([9000.0, 11000.0, 10000.0, 12000.0])
    >>> m = Moments.of_values(np.concatenate([np.zeros(96), x]))
    >>> extra = mean_contacts_to_settle(m, target=300)
    >>> bool(extra > 0)
    True
    """
    n_, s, k = moments.n, moments.value_sum, moments.nonzero
    cv2 = moments.spread()
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = s / n_
        p = k / n_
        c2 = n_ * ((1.0 - p) / k + cv2 / k)
        gap = np.log(mean / target)
        n_star = np.ceil(z * z * c2 / (gap * gap))
        extra = np.maximum(n_star - n_, 0.0)
    return np.where(np.isfinite(extra) & (k >= MIN_NONZERO), extra, np.nan)


def per_unit_variance(n: ArrayLike, value_sum: ArrayLike, value_sum_sq: ArrayLike) -> np.ndarray:
    """Sample variance (``ddof=1``) of the per-unit values, zeros included.

    Examples
    --------
    >>> x = np.array([0.0, 0.0, 300.0, 100.0])
    >>> float(per_unit_variance(4, x.sum(), (x**2).sum())) == float(np.var(x, ddof=1))
    True
    """
    n_, s, ss = _arr(n), _arr(value_sum), _arr(value_sum_sq)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n_ > 1, np.maximum(ss - s * s / n_, 0.0) / (n_ - 1), np.nan)


def welch_diff(
    n1: ArrayLike,
    sum1: ArrayLike,
    sum_sq1: ArrayLike,
    n0: ArrayLike,
    sum0: ArrayLike,
    sum_sq0: ArrayLike,
    confidence: float = 0.95,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Difference of two means (group 1 minus group 0) with Welch's t interval and test.

    Returns
    -------
    tuple of numpy.ndarray
        ``diff``, ``ci_low``, ``ci_high``, ``p_value`` (two-sided Welch t-test with
        Welch-Satterthwaite degrees of freedom) and ``prob_beats`` (the normal
        approximation ``Phi(diff / se)`` of P(mean1 > mean0)). NaN where a group has fewer
        than two units or both groups have no spread.

    Examples
    --------
    >>> from scipy.stats import ttest_ind
    >>> a, b = np.array([0, 0, 500.0, 0, 900]), np.array([0, 100.0, 0, 0])
    >>> d, lo, hi, p, pb = welch_diff(5, a.sum(), (a**2).sum(), 4, b.sum(), (b**2).sum())
    >>> bool(np.isclose(p, ttest_ind(a, b, equal_var=False).pvalue))
    True
    """
    n1_, s1, n0_, s0 = _arr(n1), _arr(sum1), _arr(n0), _arr(sum0)
    v1 = per_unit_variance(n1, sum1, sum_sq1) / n1_
    v0 = per_unit_variance(n0, sum0, sum_sq0) / n0_
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = s1 / n1_ - s0 / n0_
        se = np.sqrt(v1 + v0)
        df = (v1 + v0) ** 2 / (v1**2 / (n1_ - 1) + v0**2 / (n0_ - 1))
        q = special.stdtrit(df, 0.5 + confidence / 2)
        lo, hi = diff - q * se, diff + q * se
        p = 2 * special.stdtr(df, -np.abs(diff / se))
        pb = special.ndtr(diff / se)
    bad = ~(se > 0)
    nan = np.nan
    return (
        diff,
        np.where(bad, nan, lo),
        np.where(bad, nan, hi),
        np.where(bad, nan, p),
        np.where(bad, nan, pb),
    )


@dataclass(frozen=True)
class NormalPrior:
    """The fitted between-segment distribution of means (normal-normal empirical Bayes)."""

    mean: float
    tau2: float
    method: str = "normal-normal empirical Bayes (DerSimonian-Laird moments)"

    def to_dict(self) -> dict[str, Any]:
        return {"mean": self.mean, "tau2": self.tau2, "method": self.method}


def pool_means(
    mean: ArrayLike, var: ArrayLike, target: float, confidence: float = 0.95
) -> tuple[pd.DataFrame, NormalPrior]:
    """Partially pooled (shrunk) estimates of segment means.

    Parameters
    ----------
    mean
        Observed mean of each segment.
    var
        Sampling variance of each mean (e.g. ``s^2 / n``); must be > 0.
    target
        The target, for ``prob_meets``.
    confidence
        Coverage of the posterior interval.

    Returns
    -------
    (pandas.DataFrame, NormalPrior)
        Columns ``estimate``, ``post_low``, ``post_high`` (clipped at 0) and
        ``prob_meets`` (posterior P(mean >= target)), one row per segment.

    Notes
    -----
    Normal-normal model: ``x_i ~ N(theta_i, v_i)``, ``theta_i ~ N(mu, tau^2)``. ``tau^2``
    by the DerSimonian-Laird method of moments, ``mu`` by precision weights
    ``1 / (v_i + tau^2)``. Posterior of ``theta_i``: mean ``B_i mu + (1 - B_i) x_i`` with
    ``B_i = v_i / (v_i + tau^2)``, variance ``(1 - B_i) v_i + B_i^2 Var(mu_hat)`` (the
    second term keeps the uncertainty of ``mu``; Morris 1983).

    Examples
    --------
    >>> out, prior = pool_means([100.0, 300.0, 200.0], [400.0, 400.0, 400.0], 150)
    >>> bool(out["estimate"].iloc[0] > 100 and out["estimate"].iloc[1] < 300)
    True
    """
    x, v = _arr(mean), _arr(var)
    ok = np.isfinite(x) & np.isfinite(v) & (v > 0)
    if ok.sum() == 0:
        nan = np.full(len(x), np.nan)
        return (
            pd.DataFrame({"estimate": nan, "post_low": nan, "post_high": nan, "prob_meets": nan}),
            NormalPrior(float("nan"), float("nan")),
        )
    w = 1.0 / v[ok]
    mu_fe = float(np.sum(w * x[ok]) / np.sum(w))
    q = float(np.sum(w * (x[ok] - mu_fe) ** 2))
    denom = float(np.sum(w) - np.sum(w * w) / np.sum(w))
    tau2 = max(0.0, (q - (ok.sum() - 1)) / denom) if denom > 0 else 0.0
    w_re = 1.0 / (v[ok] + tau2)
    mu = float(np.sum(w_re * x[ok]) / np.sum(w_re))
    var_mu = float(1.0 / np.sum(w_re))
    with np.errstate(divide="ignore", invalid="ignore"):
        b = np.where(ok, v / (v + tau2), np.nan)
        est = b * mu + (1 - b) * x
        post_var = (1 - b) * v + b * b * var_mu
        sd = np.sqrt(post_var)
    z = z_value(confidence)
    out = pd.DataFrame(
        {
            "estimate": est,
            "post_low": np.maximum(est - z * sd, 0.0),
            "post_high": est + z * sd,
            "prob_meets": special.ndtr(-(target - est) / sd),
        }
    )
    return out, NormalPrior(mu, tau2)
