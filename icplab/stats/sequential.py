"""Always-valid inference for the difference of two rates, for peeking every day.

A fixed-horizon test looked at every day finds a "significant" difference between two
identical variants far more often than ``alpha``. An asymptotic confidence sequence
(Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas 2021, "Time-uniform central limit theory
and asymptotic confidence sequences", eq. 9; the method GrowthBook and Eppo use) holds
its coverage at every look simultaneously, so the data may be checked as often as wanted.

Examples
--------
>>> lo, hi, p = sequential_diff(201, 1180, 150, 1200)
>>> round(float(lo), 4), round(float(hi), 4), round(float(p), 4)
(0.0012, 0.0894, 0.0394)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

#: Default tuning: the total number of contacts (both arms) at which the sequence is
#: tightest. Cold-outreach tests typically end with a few hundred to a few thousand.
DEFAULT_TUNING = 2000


def rho(alpha: float = 0.05, tuning: float = DEFAULT_TUNING) -> float:
    """Mixing parameter ``rho`` that makes the sequence tightest at ``tuning`` observations.

    ``rho = sqrt((-2 ln alpha + ln(-2 ln alpha + 1)) / tuning)`` (Waudby-Smith et al.,
    appendix, eq. 161).

    Examples
    --------
    >>> round(rho(0.05, 2000), 5)
    0.06299
    """
    la = -2.0 * np.log(alpha)
    return float(np.sqrt((la + np.log(la + 1.0)) / tuning))


def sequential_diff(
    s1: ArrayLike,
    n1: ArrayLike,
    s2: ArrayLike,
    n2: ArrayLike,
    alpha: float = 0.05,
    tuning: float = DEFAULT_TUNING,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Always-valid confidence interval and p-value for ``p1 - p2``.

    Parameters
    ----------
    s1, n1, s2, n2
        Successes and trials of the two groups (broadcastable).
    alpha
        Error rate over all looks together (coverage ``1 - alpha``).
    tuning
        Total trials ``N*`` at which the sequence is tightest (sets ``rho``, see
        :func:`rho`). Smaller values favour early looks, larger ones late looks; any
        value keeps the guarantee.

    Returns
    -------
    (lo, hi, p_value)
        Arrays; NaN where a group is empty or both rates are 0 or 1 (no variance).

    Notes
    -----
    With ``d = p1 - p2``, ``N = n1 + n2`` and the per-trial variance
    ``s² = N (p1(1-p1)/n1 + p2(1-p2)/n2)``, the interval is
    ``d ± s sqrt(2(N rho² + 1) / (N² rho²) * ln(sqrt(N rho² + 1) / alpha))``.
    The p-value is the smallest ``alpha'`` whose sequence (same ``rho``) excludes 0:
    ``min(1, sqrt(N rho² + 1) exp(-d² N² rho² / (2 s² (N rho² + 1))))``. It is valid at
    every look; reject at the first look where it falls below ``alpha``. The guarantee is
    asymptotic (large counts), like the CLT behind the z-test.

    Examples
    --------
    >>> lo, hi, p = sequential_diff([10, 0], [20, 10], [5, 0], [20, 10])
    >>> p.round(3).tolist()
    [0.885, nan]
    """
    s1, n1, s2, n2 = (np.asarray(x, dtype="float64") for x in (s1, n1, s2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        p1, p2 = s1 / n1, s2 / n2
        d = p1 - p2
        big_n = n1 + n2
        unit_var = big_n * (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        r2 = rho(alpha, tuning) ** 2
        a = big_n * r2 + 1.0
        half = np.sqrt(unit_var) * np.sqrt(2 * a / (big_n**2 * r2) * np.log(np.sqrt(a) / alpha))
        p = np.minimum(1.0, np.sqrt(a) * np.exp(-(d**2) * big_n**2 * r2 / (2 * unit_var * a)))
    ok = (n1 > 0) & (n2 > 0) & (unit_var > 0)
    nan = np.nan
    return np.where(ok, d - half, nan), np.where(ok, d + half, nan), np.where(ok, p, nan)
