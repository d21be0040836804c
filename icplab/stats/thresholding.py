"""Where the next contacts go: batched allocation that settles cells against a fixed target.

The question is a *thresholding bandit* (Locatelli, Carpentier and Kpotufe 2016, "An
optimal algorithm for the thresholding bandit problem", ICML): each cell (industry x size
band) has an unknown rate, and the task is to tell for every cell whether it lies above
or below the target ``tau`` (or within ``tau ± tolerance``) with as few contacts as
possible. Outreach adds two things the textbook setting lacks: contacts go out in
*waves* (a batch of N per week, not one at a time), and replies arrive *days later*, so
at every decision the most recent contacts are still maturing.

Everything here works on count arrays whose last axis is the cell; leading axes are
independent campaigns (the simulations vectorise over them).

Statuses (:func:`statuses`), from an interval ``[lo, hi]`` of each cell:
``settled_above`` (``lo >= tau``), ``settled_below`` (``hi < tau``), ``within_tolerance``
(``tau - T <= lo`` and ``hi <= tau + T``), else ``open``.

Methods (:func:`allocate`):

- ``"settle"`` (the default, what ``icplab next`` uses): the wave goes to the cells still
  open only (settled cells get nothing), topping them up towards totals in proportion to
  ``P(rate outside target ± tolerance)`` under the cell's posterior, damped by the chance
  that the contacts already in flight settle the cell once their replies are in
  (:func:`settled_on_arrival`); a cell's total counts its contacts still maturing (their
  outcomes are coming). A cell that sits at the target can only be settled as
  ``within_tolerance``, at great cost, so it gets less until the cells that can be
  settled sooner are; cells without evidence get a first look of :data:`FIRST_LOOK`
  contacts before anything else. The simulations favour it over the plain APT index and
  over need-based greedy rules (``docs/next-batch.md``).
- ``"apt"``: the batched APT index: contacts go to the open cells so that
  ``sqrt(T_i) (|p_i - tau| + tolerance)`` is equalised (water-filling), ``T_i`` counting
  maturing contacts.
- ``"open"``: the wave spread evenly over the open cells (topping up the cells with
  fewer contacts first).
- ``"even"``: the even split over all cells, the baseline.

:func:`simulate` runs campaigns with known truths through waves with a reply lag and
returns the contacts each needed until every cell at least ``margin`` from the target
was settled (``benchmarks/bench_next.py`` and ``tests/stats/test_thresholding.py``).

Examples
--------
>>> import numpy as np
>>> x = allocate(np.array([400, 400, 50]), np.array([20, 61, 8]), np.array([0, 0, 0]),
...              0.15, 300)
>>> int(x.sum()), int(x[0])
(300, 0)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from icplab.stats.inference import Inference

#: Allocation methods of :func:`allocate`.
METHODS: tuple[str, ...] = ("settle", "apt", "open", "even")
#: Status codes (index into :data:`STATUSES`).
OPEN, ABOVE, BELOW, WITHIN = 0, 1, 2, 3
STATUSES: tuple[str, ...] = ("open", "settled_above", "settled_below", "within_tolerance")
#: Default tolerance around the target (CONTRACT section 9).
DEFAULT_TOLERANCE = 0.02
#: Contacts an open cell gets first (mature plus maturing), before any weighting.
FIRST_LOOK = 50
#: Least weight kept by a cell that its contacts in flight will most likely settle.
IN_FLIGHT_FLOOR = 0.05

Bounds = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
#: The inference the allocation rule is built on (and simulated with) by default.
ALWAYS_VALID = Inference.sequential()


def bounds_for(inference: Inference, alpha: float = 0.05) -> Bounds:
    """The interval each cell is judged on: always-valid (sequential) or Wilson.

    Examples
    --------
    >>> lo, hi = bounds_for(Inference.sequential())(np.array([30]), np.array([100]))
    >>> bool(lo[0] < 0.3 < hi[0])
    True
    """
    return lambda s, n: inference.rate_interval(s, n, alpha)


def statuses(
    lo: ArrayLike, hi: ArrayLike, target: float, tolerance: float = DEFAULT_TOLERANCE
) -> np.ndarray:
    """Status code of each cell (see :data:`STATUSES`) from its interval.

    Examples
    --------
    >>> [STATUSES[i] for i in statuses([0.16, 0.02, 0.135, 0.1], [0.3, 0.12, 0.165, 0.2], 0.15)]
    ['settled_above', 'settled_below', 'within_tolerance', 'open']
    """
    lo = np.asarray(lo, dtype="float64")
    hi = np.asarray(hi, dtype="float64")
    with np.errstate(invalid="ignore"):
        out = np.full(lo.shape, OPEN, dtype="int8")
        out[(lo >= target - tolerance) & (hi <= target + tolerance)] = WITHIN
        out[hi < target] = BELOW
        out[lo >= target] = ABOVE
    return out


def whole_numbers(weights: ArrayLike, total: ArrayLike) -> np.ndarray:
    """Whole numbers proportional to ``weights`` (last axis) that sum to ``total``.

    Largest-remainder rounding; rows whose weights are all zero get nothing.

    Examples
    --------
    >>> whole_numbers([1.0, 1.0, 1.0], 10).tolist()
    [4, 3, 3]
    """
    w = np.asarray(weights, dtype="float64")
    total = np.asarray(total, dtype="int64")
    w = np.where(np.isfinite(w) & (w > 0), w, 0.0)
    wsum = w.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        exact = np.where(wsum > 0, w / np.where(wsum > 0, wsum, 1.0), 0.0) * total[..., None]
    base = np.floor(exact + 1e-9).astype("int64")
    short = np.where(wsum[..., 0] > 0, total - base.sum(axis=-1), 0)
    frac = np.where(w > 0, exact - base, -1.0)
    # rank of each cell by remainder (stable: earlier cells first on ties)
    order = np.argsort(-frac, axis=-1, kind="stable")
    rank = np.argsort(order, axis=-1, kind="stable")
    return base + (rank < short[..., None]).astype("int64")


def _fill(level_of: Callable[[np.ndarray], np.ndarray], total: np.ndarray) -> np.ndarray:
    """Water-filling: the level ``L`` per row with ``level_of(L).sum(-1) == total``."""
    lo = np.zeros(total.shape)
    hi = np.ones(total.shape)
    for _ in range(60):  # grow the bracket
        short = level_of(hi).sum(axis=-1) < total
        if not short.any():
            break
        hi = np.where(short, hi * 4.0, hi)
    for _ in range(50):
        mid = 0.5 * (lo + hi)
        over = level_of(mid).sum(axis=-1) >= total
        hi, lo = np.where(over, mid, hi), np.where(over, lo, mid)
    return hi


def allocate(
    n: ArrayLike,
    successes: ArrayLike,
    pending: ArrayLike,
    target: float,
    contacts: int,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    method: str = "settle",
    bounds: Bounds | None = None,
    interval: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Whole contacts per cell for the next wave, summing to ``contacts`` per campaign.

    Parameters
    ----------
    n, successes
        Mature contacts (the metric's denominator) and successes per cell (last axis).
    pending
        Contacts per cell still maturing: their outcomes are coming, so they count
        towards a cell's need but not in its interval.
    target, tolerance
        The fixed target and the tolerance band around it.
    contacts
        Contacts of the wave.
    method
        One of :data:`METHODS` (module notes).
    bounds
        Interval function (default: the always-valid sequence, :func:`bounds_for`).
    interval
        The cells' intervals ``(lo, hi)`` when already computed (``bounds`` is not called).

    Returns
    -------
    numpy.ndarray
        int64, the shape of ``n``. Settled cells get 0; when every cell is settled the
        row is all 0 (nothing left to learn).
    """
    n = np.asarray(n, dtype="float64")
    s = np.asarray(successes, dtype="float64")
    pending = np.asarray(pending, dtype="float64")
    squeeze = n.ndim == 1
    if squeeze:
        n, s, pending = n[None], s[None], pending[None]
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; one of {', '.join(METHODS)}")
    total = np.full(n.shape[0], int(contacts), dtype="int64")
    if method == "even":
        out = whole_numbers(np.ones_like(n), total)
        return out[0] if squeeze else out
    if interval is not None:
        lo, hi = (np.asarray(a, dtype="float64").reshape(n.shape) for a in interval)
    else:
        lo, hi = (bounds or bounds_for(ALWAYS_VALID))(s, n)
    status = statuses(lo, hi, target, tolerance)
    is_open = status == OPEN
    have = n + pending
    if method == "open":
        level = _fill(lambda lv: np.where(is_open, np.maximum(lv[..., None] - have, 0), 0), total)
        w = np.where(is_open, np.maximum(level[..., None] - have, 0), 0)
    elif method == "apt":
        p = (s + 0.5) / (n + 1.0)
        g = np.abs(p - target) + tolerance
        # sqrt(have + x) * g = L  ->  x = (L / g)^2 - have
        level = _fill(
            lambda lv: np.where(is_open, np.maximum((lv[..., None] / g) ** 2 - have, 0), 0), total
        )
        w = np.where(is_open, np.maximum((level[..., None] / g) ** 2 - have, 0), 0)
    else:
        w = _settle_weights(n, s, pending, lo, hi, is_open, target, tolerance, total)
    out = whole_numbers(w, total)
    return out[0] if squeeze else out


def outside_band(
    successes: ArrayLike, n: ArrayLike, target: float, tolerance: float = DEFAULT_TOLERANCE
) -> np.ndarray:
    """Posterior probability that a cell's rate lies outside ``target ± tolerance``.

    Under the Jeffreys posterior Beta(``s + 1/2``, ``n - s + 1/2``).

    Examples
    --------
    >>> outside_band([5, 150], [100, 1000], 0.15).round(3).tolist()
    [0.996, 0.076]
    """
    from scipy import special

    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    a, b = s + 0.5, n - s + 0.5
    below = special.betainc(a, b, max(target - tolerance, 0.0))
    above = special.betaincc(a, b, min(target + tolerance, 1.0))
    return np.asarray(below + above, dtype="float64")


def settled_on_arrival(
    n: ArrayLike,
    successes: ArrayLike,
    total: ArrayLike,
    lo: ArrayLike,
    hi: ArrayLike,
    target: float,
    z_factor: float = 1.3,
) -> np.ndarray:
    """Chance that a cell is settled once ``total`` contacts (mature + maturing) count.

    Notes
    -----
    The interval's half-width behaves like ``z sqrt(v / n)`` (``v = p (1 - p)``); ``z``
    is read off the cell's current interval (so the same rule serves Wilson and the
    confidence sequence) and enlarged by ``z_factor`` (the sequence widens slowly with
    ``n``; an optimistic guess would starve a cell for a whole reply lag). With the rate
    drawn from its posterior ``N(p, v / n)``, the cell is settled at ``total`` when the
    rate lies more than the half-width at ``total`` from the target. 0 without evidence.

    Examples
    --------
    >>> lo, hi = bounds_for(ALWAYS_VALID)(np.array([25.0, 30.0]), np.array([100.0, 200.0]))
    >>> p = settled_on_arrival([100, 200], [25, 30], [2100, 200], lo, hi, 0.15)
    >>> bool(p[0] > 0.5 > p[1])
    True
    """
    from scipy import special

    n = np.asarray(n, dtype="float64")
    s = np.asarray(successes, dtype="float64")
    p = (s + 0.5) / (n + 1.0)
    v = p * (1.0 - p)
    with np.errstate(divide="ignore", invalid="ignore"):
        half = 0.5 * (np.asarray(hi, dtype="float64") - np.asarray(lo, dtype="float64"))
        z = np.where(n > 0, half / np.sqrt(v / np.maximum(n, 1.0)), 3.3)
        z = np.clip(np.nan_to_num(z, nan=3.3), 1.0, 10.0) * z_factor
        big = np.maximum(np.asarray(total, dtype="float64"), n)
        h = z * np.sqrt(v / np.maximum(big, 1.0))
        sd = np.sqrt(v / np.maximum(n, 1.0))
        up = special.ndtr((p - target - h) / sd)
        down = special.ndtr((target - h - p) / sd)
    return np.where(n > 0, np.clip(up + down, 0.0, 1.0), 0.0)


def _settle_weights(
    n: np.ndarray,
    s: np.ndarray,
    pending: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    is_open: np.ndarray,
    target: float,
    tolerance: float,
    total: np.ndarray,
) -> np.ndarray:
    """Real-valued contacts per cell of the ``settle`` method (module notes)."""
    have = n + pending
    budget = total.astype("float64")
    # 1. a first look at open cells without enough evidence (mature or coming)
    first = np.where(is_open, np.maximum(FIRST_LOOK - have, 0.0), 0.0)
    first_sum = first.sum(axis=-1)
    scale = np.where(first_sum > budget, budget / np.maximum(first_sum, 1e-12), 1.0)
    give = first * scale[..., None]
    budget = budget - give.sum(axis=-1)
    have = have + give
    # 2. top the open cells up to totals in proportion to P(outside the band), damped
    #    where the contacts already in flight will most likely settle the cell
    in_flight = settled_on_arrival(n, s, n + pending, lo, hi, target)
    w = np.where(is_open, np.maximum(outside_band(s, n, target, tolerance), 1e-3), 0.0)
    w = w * np.maximum(1.0 - in_flight, IN_FLIGHT_FLOOR)
    level = _fill(lambda lv: np.where(is_open, np.maximum(lv[..., None] * w - have, 0), 0), budget)
    extra = np.where(is_open, np.maximum(level[..., None] * w - have, 0), 0.0)
    return give + extra


@dataclass(frozen=True)
class Simulation:
    """Outcome of :func:`simulate`, one entry per campaign.

    Attributes
    ----------
    contacts
        Contacts sent until every cell at least ``margin`` from the target was settled
        (at a wave decision); the cap ``max_waves * wave`` when it never was.
    finished
        Whether the campaign settled them within ``max_waves``.
    settled, wrong
        Settled cells at that point, and those settled on the wrong side of the target
        (above when the truth is below, below when it is at or above).
    """

    contacts: np.ndarray
    finished: np.ndarray
    settled: np.ndarray
    wrong: np.ndarray

    @property
    def error_rate(self) -> float:
        """Wrong-side cells among all settled cells."""
        return float(self.wrong.sum() / max(int(self.settled.sum()), 1))


def simulate(
    rates: ArrayLike,
    target: float,
    *,
    method: str = "settle",
    wave: int = 600,
    lag: int = 1,
    campaigns: int = 200,
    margin: float = 0.04,
    tolerance: float = DEFAULT_TOLERANCE,
    max_waves: int = 40,
    inference: Inference | None = None,
    seed: int = 0,
) -> Simulation:
    """Run campaigns with known true ``rates`` through waves of ``wave`` contacts.

    Each wave is allocated by ``method`` from the mature evidence; the contacts of the
    last ``lag`` waves are still maturing at each decision (their replies have not all
    arrived), so they count as pending. The first wave has no evidence and is split
    evenly by every method.

    Examples
    --------
    >>> r = simulate([0.02, 0.4], 0.15, campaigns=20, wave=100, lag=0, seed=1)
    >>> bool(r.finished.all()), int(r.contacts.max()) <= 300
    (True, True)
    """
    rates = np.asarray(rates, dtype="float64")
    k = rates.size
    rng = np.random.default_rng(seed)
    bounds = bounds_for(inference or ALWAYS_VALID)
    sent = np.zeros((max_waves, campaigns, k))
    won = np.zeros((max_waves, campaigns, k))
    far = np.abs(rates - target) >= margin - 1e-12
    truth_above = rates >= target
    done = np.zeros(campaigns, dtype=bool)
    used = np.full(campaigns, max_waves * wave, dtype="int64")
    settled = np.zeros(campaigns, dtype="int64")
    wrong = np.zeros(campaigns, dtype="int64")
    for w in range(max_waves):
        mature_to = max(w - lag, 0)
        n = sent[:mature_to].sum(axis=0)
        s = won[:mature_to].sum(axis=0)
        pend = sent[mature_to:w].sum(axis=0)
        if w > 0:
            lo, hi = bounds(s, n)
            st = statuses(lo, hi, target, tolerance)
            now = ~done & (st[:, far] != OPEN).all(axis=1)
            wrong_side = ((st == ABOVE) & ~truth_above) | ((st == BELOW) & truth_above)
            used[now] = w * wave
            settled[now] = (st[now] != OPEN).sum(axis=1)
            wrong[now] = wrong_side[now].sum(axis=1)
            done |= now
            if done.all():
                break
        if w == 0:
            x = whole_numbers(np.ones((campaigns, k)), np.full(campaigns, wave))
        else:
            x = allocate(
                n, s, pend, target, wave, tolerance=tolerance, method=method, interval=(lo, hi)
            )
        x = np.where(done[:, None], 0, x)
        sent[w] = x
        won[w] = rng.binomial(x.astype("int64"), rates)
    return Simulation(used, done, settled, wrong)
