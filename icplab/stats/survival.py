"""Time to an event (reply, meeting, qualified lead, deal): Kaplan-Meier and Aalen-Johansen.

Each contact is observed from its first touch for ``duration`` days; ``event`` says whether
the step was reached at the end of that time (otherwise the contact is censored there).
:func:`kaplan_meier` uses statsmodels' :class:`~statsmodels.duration.survfunc.SurvfuncRight`
for the survival curve ``S(t)`` and Greenwood's variance; the cumulative share that has
reached the step is ``1 - S(t)``. Its 95 % interval is the log-log transformed Greenwood
interval (Kalbfleisch and Prentice), the one lifelines' ``KaplanMeierFitter`` reports, so it
stays inside [0, 1].

With a competing outcome (a lost deal ends the chance of a won one),
:func:`aalen_johansen` gives the cumulative incidence of the event of interest, with the
delta-method variance of Collett (Modelling Survival Data in Medical Research, 3rd ed.,
p. 411, as in SAS PROC LIFETEST and lifelines' ``AalenJohansenFitter``) and a log-log
transformed interval. Both are computed on counts per distinct time (at risk, events), so
tied days are handled exactly.

Examples
--------
>>> import numpy as np
>>> c = kaplan_meier(np.array([1, 2, 3, 4, 5]), np.array([1, 0, 1, 1, 0]))
>>> round(c.at(3).cumulative, 4)
0.4667
>>> c.at(10).at_risk
0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtri

#: What :func:`kaplan_meier` reports as its method.
KM_METHOD = (
    "Kaplan-Meier (statsmodels SurvfuncRight), 1 - S(horizon), other outcomes censored; "
    "95 % interval: log-log transformed Greenwood"
)
#: What :func:`aalen_johansen` reports as its method.
AJ_METHOD = (
    "Aalen-Johansen cumulative incidence with lost deals (lost_at) as a competing risk; "
    "95 % interval: log-log transformed, delta-method variance (Collett)"
)


@dataclass(frozen=True)
class PointEstimate:
    """The cumulative share at one time ``t``.

    Attributes
    ----------
    cumulative
        Share that reached the step by ``t`` (``nan`` when nobody was observed).
    ci_low, ci_high
        95 % interval (``nan`` where undefined, e.g. before the first event).
    at_risk
        Contacts still under observation at ``t`` (duration >= ``t``).
    variance
        Variance of ``cumulative`` (Greenwood, or the delta method for Aalen-Johansen).
    """

    cumulative: float
    ci_low: float
    ci_high: float
    at_risk: int
    variance: float = float("nan")


@dataclass(frozen=True)
class Curve:
    """A cumulative-incidence curve as a step function over the distinct times.

    Attributes
    ----------
    times
        Distinct observed times (ascending).
    cumulative, ci_low, ci_high
        The estimate and its 95 % interval just after each time.
    n_risk
        Contacts at risk at each time (duration >= time).
    durations
        All durations (for the number at risk at any ``t``).
    variance
        Variance of ``cumulative`` at each time.
    """

    times: np.ndarray
    cumulative: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    n_risk: np.ndarray
    durations: np.ndarray
    variance: np.ndarray | None = None

    def at(self, t: float) -> PointEstimate:
        """The estimate at time ``t`` (the value of the step function: last time <= ``t``)."""
        at_risk = int(np.count_nonzero(self.durations >= t))
        if self.durations.size == 0:
            return PointEstimate(float("nan"), float("nan"), float("nan"), 0)
        i = int(np.searchsorted(self.times, t, side="right")) - 1
        if i < 0:
            return PointEstimate(0.0, float("nan"), float("nan"), at_risk, 0.0)
        var = float("nan") if self.variance is None else float(self.variance[i])
        return PointEstimate(
            float(self.cumulative[i]), float(self.ci_low[i]), float(self.ci_high[i]), at_risk, var
        )

    def on_grid(self, grid: np.ndarray) -> np.ndarray:
        """``cumulative``, ``ci_low``, ``ci_high`` on ``grid`` as a (3, len(grid)) array.

        Before the first time the estimate is 0 and the interval ``nan``.
        """
        grid = np.asarray(grid, dtype="float64")
        i = np.searchsorted(self.times, grid, side="right") - 1
        out = np.full((3, grid.size), np.nan)
        ok = i >= 0
        out[0] = 0.0
        out[0, ok] = self.cumulative[i[ok]]
        out[1, ok] = self.ci_low[i[ok]]
        out[2, ok] = self.ci_high[i[ok]]
        return out


def _check(durations: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d = np.asarray(durations, dtype="float64")
    c = np.asarray(codes, dtype="int64")
    if d.shape != c.shape or d.ndim != 1:
        raise ValueError("durations and events must be 1-d arrays of the same length")
    if np.isnan(d).any() or (d < 0).any():
        raise ValueError("durations must be >= 0 and not missing")
    return d, c


def _loglog_bounds(f: np.ndarray, var_log: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Log-log bounds of a share ``f`` in (0, 1) whose ``log(-log f)`` has standard error
    ``sqrt(var_log)``; ``nan`` where ``f`` is 0 or 1 or the variance is undefined."""
    z = float(ndtri(0.975))
    with np.errstate(divide="ignore", invalid="ignore"):
        lf = np.log(-np.log(f))
        se = np.sqrt(var_log)
        a = np.exp(-np.exp(lf + z * se))
        b = np.exp(-np.exp(lf - z * se))
    bad = ~np.isfinite(a) | ~np.isfinite(b) | (f <= 0) | (f >= 1)
    a[bad] = np.nan
    b[bad] = np.nan
    return np.minimum(a, b), np.maximum(a, b)


def kaplan_meier(durations: np.ndarray, events: np.ndarray) -> Curve:
    """Cumulative share reaching the event, ``1 - S(t)``, by Kaplan-Meier.

    Parameters
    ----------
    durations
        Days from the first touch to the event or to censoring (>= 0).
    events
        1 where the event was observed at ``durations``, 0 where censored.

    Returns
    -------
    Curve
        The curve over the distinct event times, with the log-log Greenwood interval.

    Notes
    -----
    ``S(t) = prod_{t_j <= t} (1 - d_j / n_j)``, Greenwood's variance
    ``V = S^2 sum d_j / (n_j (n_j - d_j))``; the interval for ``S`` is
    ``S^exp(+-z sqrt(G) / log S)`` with ``G = sum d_j / (n_j (n_j - d_j))``, and the
    interval for ``1 - S`` its mirror image.

    Examples
    --------
    >>> c = kaplan_meier(np.array([2.0, 2.0, 5.0, 7.0]), np.array([1, 0, 1, 0]))
    >>> c.times.tolist(), np.round(c.cumulative, 4).tolist()
    ([2.0, 5.0], [0.25, 0.625])
    """
    from statsmodels.duration.survfunc import SurvfuncRight

    d, e = _check(durations, events)
    if d.size == 0 or not (e > 0).any():
        empty = np.array([], dtype="float64")
        return Curve(empty, empty, empty, empty, empty.astype("int64"), d)
    sf = SurvfuncRight(d, (e > 0).astype("float64"))
    s = np.asarray(sf.surv_prob, dtype="float64")
    se = np.asarray(sf.surv_prob_se, dtype="float64")
    times = np.asarray(sf.surv_times, dtype="float64")
    n_risk = np.asarray(sf.n_risk, dtype="int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        g = (se / s) ** 2  # Greenwood's sum
        var_loglog = g / np.log(s) ** 2
    s_lo, s_hi = _loglog_bounds(s, var_loglog)
    return Curve(times, 1.0 - s, 1.0 - s_hi, 1.0 - s_lo, n_risk, d, se**2)


def aalen_johansen(durations: np.ndarray, causes: np.ndarray, cause: int = 1) -> Curve:
    """Cumulative incidence of ``cause`` with competing causes, by Aalen-Johansen.

    Parameters
    ----------
    durations
        Days from the first touch to the first outcome or to censoring (>= 0).
    causes
        0 where censored, else the code of the outcome observed (e.g. 1 deal, 2 lost).
    cause
        The outcome of interest.

    Returns
    -------
    Curve
        ``F(t) = sum_{t_j <= t} S(t_j-) d_cause_j / n_j`` over the distinct times, with
        ``S`` the Kaplan-Meier survival from any outcome, and a log-log interval on
        Collett's delta-method variance.

    Examples
    --------
    >>> c = aalen_johansen(np.array([1.0, 2, 3, 4, 5, 6.5]), np.array([1, 2, 1, 0, 2, 1]))
    >>> np.round(c.cumulative, 4).tolist()
    [0.1667, 0.1667, 0.3333, 0.3333, 0.5833]
    """
    d, c = _check(durations, causes)
    if d.size == 0:
        empty = np.array([], dtype="float64")
        return Curve(empty, empty, empty, empty, empty.astype("int64"), d)
    times, inverse = np.unique(d, return_inverse=True)
    total = np.bincount(inverse, minlength=times.size)
    any_event = np.bincount(inverse, weights=(c > 0).astype("float64"), minlength=times.size)
    of_interest = np.bincount(inverse, weights=(c == cause).astype("float64"), minlength=times.size)
    n = (d.size - np.concatenate([[0], np.cumsum(total)[:-1]])).astype("float64")
    # drop times with no outcome at all (pure censoring): the estimate does not move there
    keep = any_event > 0
    times, n, dall, dk = times[keep], n[keep], any_event[keep], of_interest[keep]
    if times.size == 0:
        empty = np.array([], dtype="float64")
        return Curve(empty, empty, empty, empty, empty.astype("int64"), d)
    surv = np.cumprod(1.0 - dall / n)
    lag_s = np.concatenate([[1.0], surv[:-1]])
    f = np.cumsum(lag_s * dk / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = dall / (n * (n - dall))
    a[~np.isfinite(a)] = 0.0  # everyone left at risk had an outcome: no further variance
    # sum_i<=j a_i (F_j - F_i)^2 = F_j^2 A - 2 F_j B + C, via prefix sums
    first = f**2 * np.cumsum(a) - 2 * f * np.cumsum(a * f) + np.cumsum(a * f**2)
    second = np.cumsum(lag_s**2 * dk * (n - dk) / n**3)
    cc = lag_s * dk / n**2
    third = f * np.cumsum(cc) - np.cumsum(cc * f)
    var = np.maximum(first + second - 2 * third, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        var_loglog = var / (f * np.log(f)) ** 2
    lo, hi = _loglog_bounds(f, var_loglog)
    return Curve(times, f, lo, hi, n.astype("int64"), d, var)
