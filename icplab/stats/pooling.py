"""Partial pooling of cell rates: empirical-Bayes beta-binomial.

Small cells lie: a 3/8 cell "beats" everything. Each cell's rate is shrunk toward the
rate of all cells, the more the smaller the cell, with a Beta(a, b) prior fitted to the
cells themselves by maximum marginal likelihood.

Examples
--------
>>> prior = fit_beta_prior([3, 40, 30, 25], [8, 200, 200, 180])
>>> post = pooled_rates([3, 40, 30, 25], [8, 200, 200, 180], prior, target=0.15)
>>> bool(post["estimate"].iloc[0] < 3 / 8)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import special  # scipy.optimize is imported where a prior is fitted (slow import)

from icplab.core.notes import Note

#: Bounds of the prior strength a + b (in pseudo-contacts).
MIN_STRENGTH, MAX_STRENGTH = 2.0, 1e5


@dataclass(frozen=True)
class BetaPrior:
    """A Beta(a, b) prior on cell rates and how it was found."""

    a: float
    b: float
    method: str
    note: str = ""

    @property
    def mean(self) -> float:
        return self.a / (self.a + self.b)

    @property
    def strength(self) -> float:
        """a + b: how many contacts' worth of weight the pooled rate gets."""
        return self.a + self.b


def fit_beta_prior(successes: ArrayLike, n: ArrayLike) -> BetaPrior:
    """Fit Beta(a, b) to cells by maximum beta-binomial marginal likelihood.

    Notes
    -----
    Maximises ``sum_i [betaln(s_i + a, n_i - s_i + b) - betaln(a, b)]`` over the prior mean
    (logit scale) and strength ``a + b`` (log scale, bounded to [2, 1e5]). A strength at the
    upper bound means the cells look alike (near-complete pooling). With fewer than two
    cells with contacts there is nothing to pool from: a weak prior (strength 2) centred on
    the overall rate is used and the note says so.
    """
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    keep = n > 0
    s, n = s[keep], n[keep]
    overall = (s.sum() + 0.5) / (n.sum() + 1.0)
    if len(n) < 2:
        return BetaPrior(
            2 * overall, 2 * (1 - overall), "weak", "fewer than two cells: weak prior, no pooling"
        )

    def nll(theta: np.ndarray) -> float:
        mu = special.expit(theta[0])
        k = np.exp(theta[1])
        a, b = mu * k, (1 - mu) * k
        return -float(np.sum(special.betaln(s + a, n - s + b) - special.betaln(a, b)))

    x0 = np.array([special.logit(overall), np.log(100.0)])
    bounds = [(-15, 15), (np.log(MIN_STRENGTH), np.log(MAX_STRENGTH))]
    from scipy import optimize

    res = optimize.minimize(nll, x0, method="L-BFGS-B", bounds=bounds)
    if not res.success or not np.all(np.isfinite(res.x)):
        return _moments_prior(s, n, overall)
    mu, k = float(special.expit(res.x[0])), float(np.exp(res.x[1]))
    note = Note("pooling.near_complete") if k >= MAX_STRENGTH * 0.99 else ""
    return BetaPrior(mu * k, (1 - mu) * k, "marginal-likelihood", note)


def _moments_prior(s: np.ndarray, n: np.ndarray, overall: float) -> BetaPrior:
    p = s / n
    var = max(float(np.var(p, ddof=1)) - overall * (1 - overall) * float(np.mean(1 / n)), 1e-9)
    k = float(np.clip(overall * (1 - overall) / var - 1, MIN_STRENGTH, MAX_STRENGTH))
    return BetaPrior(
        overall * k, (1 - overall) * k, "moments", "likelihood fit failed: method of moments"
    )


def pooled_rates(
    successes: ArrayLike,
    n: ArrayLike,
    prior: BetaPrior,
    target: float | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Posterior of each cell's rate under ``prior``.

    Returns
    -------
    pandas.DataFrame
        ``estimate`` (posterior mean), ``post_low``, ``post_high`` (equal-tailed credible
        interval) and, with a ``target``, ``prob_meets`` = P(rate >= target).
    """
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    a, b = prior.a + s, prior.b + n - s
    tail = (1 - confidence) / 2
    out = pd.DataFrame(
        {
            "estimate": a / (a + b),
            "post_low": special.betaincinv(a, b, tail),  # the Beta quantile
            "post_high": special.betaincinv(a, b, 1 - tail),
        }
    )
    if target is not None:
        out["prob_meets"] = special.betaincc(a, b, target)  # the Beta survival function
    return out
