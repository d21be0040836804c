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
from scipy import stats


def z_value(confidence: float = 0.95) -> float:
    """Two-sided standard-normal quantile, e.g. 1.96 for 95 %."""
    return float(stats.norm.ppf(0.5 + confidence / 2))


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
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    z = z_value(confidence)
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
