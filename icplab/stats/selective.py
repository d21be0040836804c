"""Own-evidence cell bounds with family-wise control: which cells meet (or miss) a target.

Refinement judges many cells at once. Each cell is judged on its OWN Wilson bound, but a
plain 95 % interval per cell would find a false ICP cell in most campaigns with a dozen
cells at the target. A Bonferroni split over all cells (each bound at ``alpha / k``)
holds the error rate but buries a real niche among many cells that are clearly below the
target: those cells could never have produced a false ICP, yet each costs level.

**Selective Bonferroni** (Zhao, Small & Su 2019, "Multiple testing when many p-values
are uniformly conservative", JASA 114, 1291-1304): for the question "does the cell meet
the target?" only the cells whose estimate is at or above the target (score
``z_i >= 0``, i.e. one-sided p-value <= tau = 1/2) take part; with ``R`` of them, each
lower bound is the exact (Clopper-Pearson) bound at one-sided level ``tau * alpha / R``
(Wilson bounds err more often than their level at such small levels on small cells). A cell whose
lower bound clears the target is ``icp``. The same on the other side for "misses the
target" (cells with ``z_i <= 0``, upper bounds). Because the one-sided score test of a
binomial rate below the target gives uniformly conservative p-values (monotone
likelihood ratio), the chance of ANY false ``icp`` cell is at most ``alpha`` for
independent cells, whatever their number, and the same for false ``not_icp`` cells
(checked by simulation in ``tests/stats/test_selective.py``). A niche at 22 % among cells
at 10 % (target 15 %) is judged almost alone: its bound is near the plain 95 % one.

Examples
--------
>>> s, n = np.array([55, 20, 21, 19]), np.array([250, 250, 250, 250])
>>> split = selective_split(s, n, 0.15)
>>> lo, hi = split.bounds()
>>> float(split.a_up), float(split.a_dn)
(0.025, 0.008333333333333333)
>>> bool(lo[0] >= 0.15), bool((hi[1:] < 0.15).all())
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import special  # not scipy.stats: its import costs ~0.5 s on every command

from icplab.stats.proportions import wilson_bounds

#: The selection threshold on the one-sided p-value (Zhao, Small & Su suggest 1/2).
TAU = 0.5

METHOD = (
    "exact (Clopper-Pearson) bounds of each cell's own counts; each side at one-sided level "
    "alpha * 1/2 / R, R = the cells whose estimate is on that side of the target "
    "(selective Bonferroni, Zhao, Small & Su 2019), so no more than alpha of campaigns "
    "show a false icp (or a false not_icp) cell at one look"
)


def wilson_bound(s: ArrayLike, n: ArrayLike, z: ArrayLike, upper: bool) -> np.ndarray:
    """One Wilson score bound at normal quantile ``z`` (array-friendly in every argument).

    ``n == 0`` gives 0 (lower) or 1 (upper).

    Examples
    --------
    >>> from icplab.stats.proportions import wilson_interval
    >>> lo, hi = wilson_interval(30, 200)
    >>> bool(np.isclose(wilson_bound(30, 200, 1.959964, False), lo))
    True
    """
    lo, hi = wilson_bounds(s, n, z)
    return hi if upper else lo


@dataclass(frozen=True)
class SelectiveSplit:
    """The selective split of ``alpha`` over the cells of one table (module docstring).

    Made once by :func:`selective_split`; :meth:`bounds` gives each cell's exact bounds,
    :meth:`decisions` only whether they clear the target (fast, for simulations).

    Attributes
    ----------
    s, n
        Counts per cell (float arrays of one shape); the last axis holds the cells of one
        table (leading axes: e.g. many simulated campaigns).
    target
        The target rate.
    lvl_up, lvl_dn
        Each cell's one-sided level of its lower and of its upper bound.
    a_up, a_dn
        The one-sided level of the lower and of the upper bounds per table (shape of the
        leading axes).
    """

    s: np.ndarray
    n: np.ndarray
    target: float
    lvl_up: np.ndarray
    lvl_dn: np.ndarray
    a_up: np.ndarray
    a_dn: np.ndarray

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Each cell's exact lower and upper bound at its selective level.

        Examples
        --------
        >>> lo, hi = selective_split([55, 20], [250, 250], 0.15).bounds()
        >>> bool(lo[0] >= 0.15), bool(hi[1] < 0.15)
        (True, True)
        """
        return exact_bounds(self.s, self.n, self.lvl_up, self.lvl_dn)

    def decisions(self) -> tuple[np.ndarray, np.ndarray]:
        """Which cells meet / miss the target, without the bounds.

        Equivalent to ``lo >= target`` and ``hi < target`` of :meth:`bounds` (the exact
        bounds invert the exact binomial tests), but computed from binomial tail
        probabilities: fast enough for simulations over many campaigns.

        Examples
        --------
        >>> s, n = np.array([55, 20, 21, 19]), np.array([250, 250, 250, 250])
        >>> meets, misses = selective_split(s, n, 0.15).decisions()
        >>> meets.tolist(), misses.tolist()
        ([True, False, False, False], [False, True, True, True])
        """
        s, n, t = self.s, self.n, self.target
        nn = np.where(n > 0, n, 1.0)
        whole = np.isfinite(nn) & (nn == np.floor(nn)) & (nn >= 0)  # scipy.stats: nan otherwise
        n_int = np.where(whole, nn, 0).astype(np.int64)
        p_up = np.where(whole, special.bdtrc(s - 1, n_int, t), np.nan)  # P(X >= s)
        p_dn = np.where(whole, special.bdtr(s, n_int, t), np.nan)  # P(X <= s)
        meets = (n > 0) & (s > 0) & (p_up <= self.lvl_up)
        misses = (n > 0) & (p_dn < self.lvl_dn)
        return meets, misses


def selective_split(
    s: ArrayLike,
    n: ArrayLike,
    target: float,
    eligible: ArrayLike | None = None,
    alpha: float = 0.05,
) -> SelectiveSplit:
    """Each cell's levels under selective Bonferroni (module docstring; selection at
    :data:`TAU`).

    Parameters
    ----------
    s, n
        Successes and contacts per cell; the last axis holds the cells of one table
        (leading axes: e.g. many simulated campaigns).
    target
        The target rate.
    eligible
        Cells that may be judged (e.g. ``n >= min_contacts``); others take no part in the
        counts ``R`` and get plain 95 % bounds. Default: every cell with ``n > 0``.
    alpha
        Family-wise error rate of each side.

    Returns
    -------
    SelectiveSplit
        Its :meth:`~SelectiveSplit.bounds` and :meth:`~SelectiveSplit.decisions`.
    """
    s, n = np.broadcast_arrays(np.asarray(s, dtype="float64"), np.asarray(n, dtype="float64"))
    ok = (n > 0) if eligible is None else (np.asarray(eligible, dtype=bool) & (n > 0))
    nn = np.where(n > 0, n, 1.0)
    z = (s / nn - target) / np.sqrt(target * (1 - target) / nn)
    lvl_up, lvl_dn, a_up, a_dn = selective_levels(z, ok, alpha)
    return SelectiveSplit(s, n, float(target), lvl_up, lvl_dn, a_up, a_dn)


def selective_levels(
    score: ArrayLike, eligible: ArrayLike, alpha: float = 0.05, tau: float = TAU
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The selective split of ``alpha`` from the cells' scores (module docstring).

    Only the sign of ``score`` counts: at or above zero (the estimate reaches the target)
    a cell takes part in "meets the target", at or below zero in "misses it". Used for
    rates (score test) and value metrics (mean minus target) alike.

    Parameters
    ----------
    score
        Estimate minus target, or a standardised score; the last axis holds the cells.
    eligible
        Cells that may be judged; the others get the plain level ``alpha / 2``.

    Returns
    -------
    lvl_up, lvl_dn, a_up, a_dn
        Each cell's one-sided level of its lower and of its upper bound, and the
        per-table levels ``tau * alpha / R`` (shape of the leading axes).

    Examples
    --------
    >>> lvl_up, lvl_dn, a_up, a_dn = selective_levels([30.0, -5.0, -2.0], [True, True, False])
    >>> lvl_up.tolist(), float(a_dn)
    ([0.025, 0.025, 0.025], 0.025)
    >>> selective_levels([1.0, 2.0, -1.0], [True, True, True])[0].tolist()
    [0.0125, 0.0125, 0.0125]
    """
    z = np.asarray(score, dtype="float64")
    ok = np.asarray(eligible, dtype=bool)
    r_up = np.maximum((ok & (z >= 0)).sum(axis=-1), 1)
    r_dn = np.maximum((ok & (z <= 0)).sum(axis=-1), 1)
    a_up = np.asarray(tau * alpha / r_up, dtype="float64")
    a_dn = np.asarray(tau * alpha / r_dn, dtype="float64")
    lvl_up = np.where(ok, a_up[..., None], alpha / 2)
    lvl_dn = np.where(ok, a_dn[..., None], alpha / 2)
    return lvl_up, lvl_dn, a_up, a_dn


def exact_bounds(
    s: ArrayLike, n: ArrayLike, a_low: ArrayLike, a_high: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Clopper-Pearson one-sided bounds: lower at level ``a_low``, upper at ``a_high``.

    The lower bound reaches ``t`` exactly when the exact binomial test of ``rate <= t``
    has p-value ``P(X >= s | t) <= a_low``; unlike the Wilson bound it never errs more
    often than its level, which matters at the small levels of a multiplicity split.

    Examples
    --------
    >>> lo, hi = exact_bounds(30, 200, 0.025, 0.025)
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.1035, 0.2072)
    """
    s, n, a_low, a_high = np.broadcast_arrays(
        *(np.asarray(x, dtype="float64") for x in (s, n, a_low, a_high))
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        lo = np.where(s > 0, special.betaincinv(s, n - s + 1, a_low), 0.0)
        hi = np.where(s < n, special.betaincinv(s + 1, n - s, 1 - a_high), 1.0)
    lo = np.where(n > 0, np.nan_to_num(lo, nan=0.0), 0.0)
    hi = np.where(n > 0, np.nan_to_num(hi, nan=1.0), 1.0)
    return lo, hi
