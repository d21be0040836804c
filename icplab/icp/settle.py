"""Verdict intervals and how many more contacts would settle a verdict (CONTRACT section 2).

A metric *passes* on a segment when the lower end of its interval (95 % Wilson, or the
always-valid confidence sequence) reaches the target, *fails* when the upper end stays
below it, and is *inconclusive* otherwise (:func:`verdict`). An inconclusive verdict comes
with an estimate of how many more contacts would settle it (:func:`more_contacts_needed`,
and its upper figure :func:`more_contacts_high`).

Examples
--------
>>> verdict([160, 60, 25], [840, 840, 200], 0.15).tolist()
['pass', 'fail', 'inconclusive']
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from icplab.stats.inference import FIXED, Inference
from icplab.stats.proportions import wilson_interval, z_value

#: ``untested``: every contact of the segment is still inside the metric's maturity window.
VERDICTS: tuple[str, ...] = ("pass", "fail", "inconclusive", "untested")
#: Probability with which ``more_contacts_needed`` settles the verdict.
SETTLE_PROBABILITY = 0.8


def rate_bounds(
    successes: ArrayLike,
    n: ArrayLike,
    inference: Inference = FIXED,
    confidence: float = 0.95,
) -> tuple[np.ndarray, np.ndarray]:
    """The interval a verdict is made on: Wilson (fixed) or the confidence sequence.

    Examples
    --------
    >>> [round(float(x), 3) for x in rate_bounds(160, 840)]
    [0.165, 0.218]
    >>> [round(float(x), 3) for x in rate_bounds(160, 840, Inference.sequential())]
    [0.152, 0.234]
    """
    return inference.rate_interval(successes, n, 1.0 - confidence)


def verdict(
    successes: ArrayLike,
    n: ArrayLike,
    target: ArrayLike,
    confidence: float = 0.95,
    *,
    inference: Inference = FIXED,
) -> np.ndarray:
    """``pass`` / ``fail`` / ``inconclusive`` from the interval ``[lo, hi]``.

    ``pass`` when ``lo >= target``, ``fail`` when ``hi < target``, else ``inconclusive``
    (always so when ``n == 0``: the interval is ``[0, 1]``). The interval is the Wilson
    interval, or with a sequential ``inference`` the always-valid confidence sequence
    (:func:`icplab.stats.sequential.sequential_interval`).

    Examples
    --------
    >>> verdict(0, 0, 0.1).tolist()
    'inconclusive'
    >>> always_valid = Inference.sequential()
    >>> verdict(160, 840, 0.16).tolist(), verdict(160, 840, 0.16, inference=always_valid).tolist()
    ('pass', 'inconclusive')
    """
    lo, hi = rate_bounds(successes, n, inference, confidence)
    t = np.asarray(target, dtype="float64")
    return np.where(lo >= t, "pass", np.where(hi < t, "fail", "inconclusive")).astype(object)


def trials_to_settle(rate: ArrayLike, target: ArrayLike, confidence: float = 0.95) -> np.ndarray:
    """Smallest number of trials at which the Wilson interval around ``rate`` excludes ``target``.

    Parameters
    ----------
    rate
        The rate assumed to persist (e.g. the observed one).
    target
        The target rate.
    confidence
        Coverage of the interval (0.95).

    Returns
    -------
    numpy.ndarray
        Float array of whole numbers: the smallest ``N`` with ``lo >= target`` (rate above
        target) or ``hi < target`` (rate below); NaN where ``rate == target`` (never).

    Notes
    -----
    The Wilson interval is the inversion of the score test: ``t`` lies inside it exactly
    when ``|p - t| <= z sqrt(t(1 - t) / N)``. So with ``N* = z² t(1-t) / (p - t)²`` the
    interval reaches the target (``lo >= t``) for ``N >= N*``, and lies below it for
    ``N > N*``. The result is ``ceil(N*)`` (pass side) or ``floor(N*) + 1`` (fail side),
    then checked against :func:`icplab.stats.proportions.wilson_interval` to absorb rounding.

    Examples
    --------
    >>> trials_to_settle([0.2, 0.1, 0.15], 0.15).tolist()
    [196.0, 196.0, nan]
    """
    p = np.asarray(rate, dtype="float64")
    t = np.asarray(target, dtype="float64")
    p, t = np.broadcast_arrays(p, t)
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_star = z**2 * t * (1 - t) / (p - t) ** 2
    above = p > t
    n_req = np.where(above, np.ceil(n_star), np.floor(n_star) + 1)
    n_req = np.where(np.isfinite(n_req), np.maximum(n_req, 1.0), np.nan)
    for _ in range(3):  # absorb floating-point rounding at the boundary, both ways
        ok = np.isfinite(n_req)
        nn = np.where(ok, n_req, 1.0)
        lo, hi = wilson_interval(p * nn, nn, confidence)
        settled = np.where(above, lo >= t, hi < t)
        lo1, hi1 = wilson_interval(p * (nn - 1), nn - 1, confidence)
        settled_before = (nn > 1) & np.where(above, lo1 >= t, hi1 < t)
        n_req = np.where(ok & ~settled, n_req + 1, np.where(ok & settled_before, n_req - 1, n_req))
    return n_req


def more_contacts_needed(
    successes: ArrayLike,
    n: ArrayLike,
    target: ArrayLike,
    contacts: ArrayLike | None = None,
    confidence: float = 0.95,
    *,
    probability: float = SETTLE_PROBABILITY,
    inference: Inference = FIXED,
    truth: ArrayLike | None = None,
) -> np.ndarray:
    """More contacts after which the verdict is settled with ``probability`` (80 %).

    Parameters
    ----------
    successes, n
        The metric's numerator and denominator on the segment.
    target
        The metric's target.
    contacts
        The segment's contacts, when the denominator is not contacts (deal_rate counts
        qualified leads): needed leads are converted into contacts with the observed
        ratio ``contacts / n``. Default: the denominator is contacts.
    confidence
        Coverage of the verdict interval.
    probability
        Wanted chance that the verdict is settled (``pass`` or ``fail``) after the extra
        contacts, if the true rate equals the current estimate ``s / n``.
    inference
        Settle on the always-valid confidence sequence (sequential) instead of the
        Wilson interval (fixed).
    truth
        The true rate assumed for the new contacts; default the current estimate
        ``s / n``. :func:`more_contacts_high` passes the interval end nearest the target.

    Returns
    -------
    numpy.ndarray
        Float array of whole numbers: 0 where the verdict is already ``pass`` or ``fail``;
        NaN (``null`` in JSON) where no estimate exists: no data (``n == 0``) or an
        observed rate exactly on the target (it would never settle).

    Notes
    -----
    Method: with the true rate ``p = s / n`` (the current estimate), the successes of
    ``m`` more trials are ``X ~ Binomial(m, p)``, approximated by a normal distribution
    (continuity-corrected). The verdict after ``m`` more is settled with probability
    ``>= probability`` when the interval computed at the unfavourable quantile of ``X``
    (the 20 % quantile when ``p`` is above the target, the 80 % quantile when below,
    ``z = 0.84``) already excludes the target, i.e. when
    ``lo(s + m p - z sqrt(m p (1-p)) - 1/2, n + m) >= target`` (pass side) or
    ``hi(s + m p + z sqrt(m p (1-p)) + 1/2, n + m) < target`` (fail side); the bounds
    increase with the successes, so this is exact up to the normal approximation. The
    smallest such ``m`` is found by doubling and bisection over whole numbers. The
    figure is checked by simulation in ``tests/icp/test_sequential_verdicts.py``.

    Examples
    --------
    >>> more_contacts_needed([30, 160, 5], [200, 840, 50], 0.15,
    ...                      contacts=[200, 840, 400]).tolist()
    [nan, 0.0, 2560.0]
    """
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    s, n, t = np.broadcast_arrays(s, n, np.asarray(target, dtype="float64"))
    lo0, hi0 = rate_bounds(s, n, inference, confidence)
    settled_now = (lo0 >= t) | (hi0 < t)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, s / np.where(n > 0, n, 1), np.nan)
    if truth is not None:
        p = np.where(n > 0, np.broadcast_to(np.asarray(truth, dtype="float64"), s.shape), np.nan)
    z = z_value(1.0 - 2.0 * (1.0 - probability))  # two-sided helper: 0.8 -> 0.8416
    above = p > t
    todo = (n > 0) & ~settled_now & (p != t) & np.isfinite(p)
    pp, ss, nn, tt, up = p[todo], s[todo], n[todo], t[todo], above[todo]

    def settled(m: np.ndarray) -> np.ndarray:
        spread = z * np.sqrt(m * pp * (1 - pp)) + 0.5
        x = ss + m * pp + np.where(up, -spread, spread)
        big_n = nn + m
        x = np.clip(x, 0.0, big_n)
        lo, hi = rate_bounds(x, big_n, inference, confidence)
        return np.where(up, lo >= tt, hi < tt)

    cap = 1e8
    high = np.ones(pp.shape)
    ok = settled(high)
    for _ in range(30):  # doubling: find an m that settles
        if ok.all():
            break
        high = np.where(ok, high, np.minimum(high * 2, cap))
        ok = settled(high)
    low = np.where(high > 1, np.floor(high / 2), 0.0)  # low does not settle (or is 0)
    for _ in range(30):  # bisection over whole numbers: low fails, high settles
        if (high - low <= 1).all():
            break
        mid = np.floor((low + high) / 2)
        good = settled(mid)
        narrow = high - low > 1
        high = np.where(narrow & good, mid, high)
        low = np.where(narrow & ~good, mid, low)
    extra = np.full(s.shape, np.nan)
    extra[todo] = np.where(ok, high, np.nan)
    extra = np.where(settled_now & (n > 0), 0.0, extra)
    if contacts is not None:
        c = np.broadcast_to(np.asarray(contacts, dtype="float64"), s.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            extra = np.where(extra > 0, np.ceil(extra * c / n - 1e-9), extra)
    return np.where(n > 0, extra, np.nan)


def more_contacts_high(
    successes: ArrayLike,
    n: ArrayLike,
    target: ArrayLike,
    contacts: ArrayLike | None = None,
    *,
    inference: Inference = FIXED,
) -> np.ndarray:
    """:func:`more_contacts_needed` when the truth lies at the interval end nearest the target.

    The upper figure of the range reports give (CONTRACT section 2): if the true rate is
    the end of today's interval (Wilson, or the confidence sequence) that lies nearest the
    target, this many more contacts settle the verdict with probability 80 %. Never below
    :func:`more_contacts_needed`; 0 where the verdict is already settled, NaN (JSON
    ``null``) where no figure exists.

    Examples
    --------
    >>> low = more_contacts_needed(36, 200, 0.15)
    >>> high = more_contacts_high(36, 200, 0.15)
    >>> bool(high[()] > low[()])
    True
    """
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    s, n, t = np.broadcast_arrays(s, n, np.asarray(target, dtype="float64"))
    lo, hi = rate_bounds(s, n, inference, 0.95)
    near = np.where(np.abs(lo - t) <= np.abs(hi - t), lo, hi)
    high = more_contacts_needed(s, n, t, contacts, inference=inference, truth=near)
    low = more_contacts_needed(s, n, t, contacts, inference=inference)
    return np.where(np.isnan(high) | np.isnan(low), high, np.maximum(high, low))


#: How ``more_contacts_needed`` / ``more_contacts_high`` are computed (stated in outputs).
MORE_CONTACTS_METHOD = (
    "normal approximation to the binomial: the extra contacts after which the verdict "
    "interval settles with 80 % probability, if the true rate equals today's estimate "
    "(more_contacts_needed) or the end of today's interval nearest the target "
    "(more_contacts_high); a guide, not a promise"
)
