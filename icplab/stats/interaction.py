"""Does a factor's effect differ across segments? A likelihood-ratio test on counts.

Binomial GLM (logit link) on the successes and failures of every ``factor x within`` cell:
``factor * within`` (one rate per cell, saturated on this table) against ``factor +
within`` (the factor shifts the log-odds by the same amount in every segment). The
likelihood-ratio statistic ``2 (llf_full - llf_additive)`` is referred to a chi-square
with ``(levels of factor - 1) x (levels of within - 1)`` degrees of freedom. The design
full model is saturated on that grid, so the statistic is the additive model's deviance,
fitted by Newton's method on the counts without a design matrix (:func:`additive_deviance`):
linear in the number of levels, so a column with thousands of levels tests in milliseconds.
No formula strings are built, so any label text is safe.

Examples
--------
>>> import numpy as np
>>> f = np.array(["du", "sie", "du", "sie"])
>>> w = np.array(["IT", "IT", "Bau", "Bau"])
>>> res = interaction_lr_test([60, 30, 30, 60], [300, 300, 300, 300], f, w)
>>> res.df, res.p_value < 0.001
(1, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import special

from icplab.core.schema import ordered_levels
from icplab.stats.inference import FIXED, Inference
from icplab.stats.sequential import DEFAULT_TUNING, rho


@dataclass(frozen=True)
class InteractionTest:
    """Result of :func:`interaction_lr_test`.

    Attributes
    ----------
    statistic
        The likelihood-ratio (deviance) statistic; NaN when there is nothing to test.
    df
        Degrees of freedom, ``(F - 1) x (W - 1)`` over the levels kept; 0 when untestable.
    p_value
        Chi-square upper tail of ``statistic``; NaN when ``df`` is 0.
    factor_levels, within_levels
        The levels that entered the test (every one of their cells has a denominator).
    dropped_within, dropped_factor
        Levels left out (a cell without denominator, or no successes / no failures at all).
    """

    statistic: float
    df: int
    p_value: float
    factor_levels: tuple[str, ...]
    within_levels: tuple[str, ...]
    dropped_within: tuple[str, ...] = ()
    dropped_factor: tuple[str, ...] = ()


def _xlogy_ratio(k: np.ndarray, m: np.ndarray) -> np.ndarray:
    """``k log(k / m)`` with ``0 log 0 = 0`` (one term of a binomial deviance)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(k > 0, k * np.log(np.where(k > 0, k, 1.0) / m), 0.0)


def _deviance(s: np.ndarray, n: np.ndarray, p: np.ndarray) -> float:
    """Binomial deviance of fitted rates ``p`` against the saturated model (one rate a cell)."""
    mu = n * p
    return float(2.0 * np.sum(_xlogy_ratio(s, mu) + _xlogy_ratio(n - s, n - mu)))


def additive_deviance(s: np.ndarray, n: np.ndarray, max_iter: int = 100) -> float:
    """Deviance of the additive logit model ``row + column`` on a complete grid of counts.

    The likelihood-ratio statistic of the interaction test: the full model ``factor *
    within`` is saturated on the ``factor x within`` grid, so ``2 (llf_full -
    llf_additive)`` is the additive model's deviance. Newton's method with the Hessian's
    structure (both factors' blocks are diagonal, only the ``rows x columns`` weight
    matrix couples them): each step solves a system of the smaller side's size, so the
    cost is linear in the number of levels of the larger side, with no design matrix.

    Parameters
    ----------
    s, n
        Successes and denominators, shape ``(rows, columns)``, every ``n > 0``.

    Examples
    --------
    >>> s = np.array([[60.0, 30.0], [30.0, 60.0]])
    >>> round(additive_deviance(s, np.full((2, 2), 300.0)), 4)
    23.9193
    """
    if s.shape[0] < s.shape[1]:
        s, n = s.T, n.T  # rows: the larger side (diagonal block eliminated)
    nr, nc = s.shape
    p0 = float(s.sum() / n.sum())
    a = np.full(nr, float(special.logit(min(max(p0, 1e-9), 1 - 1e-9))))  # row effects
    b = np.zeros(nc - 1)  # column effects, column 0 is the reference
    dev = _deviance(s, n, special.expit(a[:, None] + np.r_[0.0, b][None, :]))
    for _ in range(max_iter):
        p = special.expit(a[:, None] + np.r_[0.0, b][None, :])
        w = n * p * (1.0 - p)
        r = s - n * p
        g_a, g_b = r.sum(axis=1), r[:, 1:].sum(axis=0)
        h_a = np.maximum(w.sum(axis=1), 1e-300)
        h_b = w[:, 1:].sum(axis=0)
        cross = w[:, 1:]  # d2/da_i db_j
        schur = np.diag(h_b) - cross.T @ (cross / h_a[:, None])
        rhs = g_b - cross.T @ (g_a / h_a)
        d_b = np.linalg.lstsq(schur, rhs, rcond=None)[0] if nc > 1 else np.zeros(0)
        d_a = (g_a - cross @ d_b) / h_a
        step = 1.0
        while True:  # step-halving keeps every step an improvement
            a_new, b_new = a + step * d_a, b + step * d_b
            new = _deviance(s, n, special.expit(a_new[:, None] + np.r_[0.0, b_new][None, :]))
            if new <= dev + 1e-12 * max(1.0, dev) or step < 1e-6:
                break
            step /= 2
        a, b = a_new, b_new
        converged = abs(dev - new) <= 1e-10 * max(1.0, abs(new))
        dev = new
        if converged:
            break
    return max(0.0, dev)


def sequential_chi2_pvalue(
    statistic: float, df: int, n: float, alpha: float = 0.05, tuning: float = DEFAULT_TUNING
) -> float:
    """Always-valid p-value for a chi-square (LR or Wald) statistic with ``df`` degrees.

    The ``df``-dimensional version of the Gaussian-mixture sequence of
    :func:`icplab.stats.sequential.sequential_diff`: with ``a = n rho² + 1`` the mixture
    likelihood ratio is ``a^(-df/2) exp((a - 1) / a * statistic / 2)`` and the p-value its
    inverse, capped at 1. Valid at every look (asymptotically), so a nightly re-test of the
    same campaign keeps the chance of ever rejecting a true null at or below ``alpha``.

    Examples
    --------
    >>> round(sequential_chi2_pvalue(38.0, 5, 15000), 6) < 0.001
    True
    >>> sequential_chi2_pvalue(3.3, 3, 15000)
    1.0
    """
    if df <= 0 or not np.isfinite(statistic):
        return float("nan")
    a = n * rho(alpha, tuning) ** 2 + 1.0
    log_p = 0.5 * df * np.log(a) - (a - 1.0) / a * statistic / 2.0
    return float(min(1.0, np.exp(log_p)))


def _cell_sums(
    successes: ArrayLike, n: ArrayLike, factor: ArrayLike, within: ArrayLike
) -> pd.DataFrame:
    """Successes ``s`` and trials ``n`` summed per (``f``, ``w``) = (factor, within) cell."""
    frame = pd.DataFrame(
        {
            "s": np.asarray(successes, dtype="float64"),
            "n": np.asarray(n, dtype="float64"),
            "f": np.asarray(factor).astype(str),
            "w": np.asarray(within).astype(str),
        }
    )
    return frame.groupby(["f", "w"], sort=True)[["s", "n"]].sum().reset_index()


def interaction_lr_test(
    successes: ArrayLike,
    n: ArrayLike,
    factor: ArrayLike,
    within: ArrayLike,
    inference: Inference = FIXED,
    alpha: float = 0.05,
) -> InteractionTest:
    """Likelihood-ratio test of the ``factor x within`` interaction from cell counts.

    Parameters
    ----------
    successes, n
        Successes and denominators per cell (one entry per observed cell).
    factor, within
        The cell's level of the compared factor and of the segmenting column.
    inference, alpha
        With a sequential ``inference``: the p-value is always-valid
        (:func:`sequential_chi2_pvalue` over the denominators of the kept cells, at the
        inference's ``tuning``).

    Returns
    -------
    InteractionTest

    Notes
    -----
    Levels are kept only where the test is informative: first factor levels with no
    denominator at all are dropped, then segments (``within`` levels) lacking a cell with
    a denominator for any remaining factor level, and segments or factor levels with no
    successes or no failures at all (their log-odds are infinite and they carry no
    information about the interaction). Zero successes inside single cells are fine: the
    log-likelihood of both models stays finite. ``df`` counts the kept levels.

    Examples
    --------
    >>> r = interaction_lr_test([10, 10], [100, 100], ["a", "b"], ["x", "x"])
    >>> r.df, r.dropped_within
    (0, ())
    """
    frame = _cell_sums(successes, n, factor, within)
    frame = frame[frame["n"] > 0]
    all_w = ordered_levels(sorted(set(frame["w"])))
    all_f = ordered_levels(sorted(set(frame["f"])))
    dropped_w: set[str] = set()
    dropped_f: set[str] = set()
    while True:
        before = (len(frame), frame["f"].nunique(), frame["w"].nunique())
        for col, dropped in (("f", dropped_f), ("w", dropped_w)):
            g = frame.groupby(col)[["s", "n"]].sum()
            bad = g.index[(g["s"] <= 0) | (g["s"] >= g["n"])].tolist()
            dropped.update(bad)
            frame = frame[~frame[col].isin(bad)]
        nf = frame["f"].nunique()
        per_w = frame.groupby("w")["f"].nunique()
        incomplete = per_w.index[per_w < nf].tolist()
        dropped_w.update(incomplete)
        frame = frame[~frame["w"].isin(incomplete)]
        if (len(frame), frame["f"].nunique(), frame["w"].nunique()) == before:
            break
    f_levels = ordered_levels(sorted(set(frame["f"])))
    w_levels = ordered_levels(sorted(set(frame["w"])))
    nf, nw = len(f_levels), len(w_levels)
    df = (nf - 1) * (nw - 1) if nf and nw else 0
    keep = (
        tuple(f_levels),
        tuple(w_levels),
        tuple(w for w in all_w if w in dropped_w),
        tuple(f for f in all_f if f in dropped_f),
    )
    if df <= 0:
        return InteractionTest(float("nan"), 0, float("nan"), *keep)
    grid_s = frame.pivot(index="f", columns="w", values="s").loc[f_levels, w_levels]
    grid_n = frame.pivot(index="f", columns="w", values="n").loc[f_levels, w_levels]
    stat = additive_deviance(grid_s.to_numpy(dtype="float64"), grid_n.to_numpy(dtype="float64"))
    if inference.is_sequential:
        p = sequential_chi2_pvalue(stat, df, float(frame["n"].sum()), alpha, inference.tuning)
    else:
        p = float(special.chdtrc(df, stat))
    return InteractionTest(stat, int(df), p, *keep)


#: Cells with a smaller denominator leave their segment out of the additive test.
MIN_CELL_N = 50


def risk_difference_wald(s: ArrayLike, n: ArrayLike) -> tuple[np.ndarray, int]:
    """Wald statistic of "the same difference in points in every segment" on a count grid.

    Parameters
    ----------
    s, n
        Successes and denominators shaped ``(..., F, W)``: factor levels (the first is the
        baseline) by segments; leading axes for many tables at once (simulations).

    Returns
    -------
    statistic, df
        ``Q = sum_w (d_w - d)' V_w^-1 (d_w - d)``, ``d_w`` the F-1 differences to the
        baseline in segment ``w``, ``V_w`` their covariance (``Var(p_f) + Var(p_base)`` on
        the diagonal, ``Var(p_base)`` off it), ``d`` the inverse-variance pooled
        difference; chi-square with ``(F - 1)(W - 1)`` degrees of freedom under the null.

    Notes
    -----
    The variances use ``p~ = (s + 1/2) / (n + 1)`` so that a cell without successes does
    not get variance 0 (which would make its difference look exact). This is the
    additive-scale counterpart of the logit interaction test: a uniform lift of three
    points is "the same effect" here, however the baseline rates differ by segment.

    Examples
    --------
    >>> q, df = risk_difference_wald([[100, 300], [130, 330]], [[1000, 1000], [1000, 1000]])
    >>> df, round(float(q), 4)
    (1, 0.0)
    """
    s = np.asarray(s, dtype="float64")
    n = np.asarray(n, dtype="float64")
    nf, nw = s.shape[-2], s.shape[-1]
    p = s / np.where(n > 0, n, 1.0)
    pt = (s + 0.5) / (n + 1.0)
    v = pt * (1 - pt) / np.where(n > 0, n, 1.0)
    d = p[..., 1:, :] - p[..., :1, :]  # (..., F-1, W)
    inv_a = 1.0 / v[..., 1:, :]  # (..., F-1, W)
    v0 = v[..., 0, :]  # (..., W)
    shrink = v0 / (1.0 + v0 * inv_a.sum(axis=-2))  # Sherman-Morrison
    eye = np.eye(nf - 1)
    # V_w^-1 = A - shrink * (A 1)(A 1)', A = diag(inv_a): shape (..., W, F-1, F-1)
    a_w = np.moveaxis(inv_a, -1, -2)  # (..., W, F-1)
    vinv = a_w[..., :, None] * eye - shrink[..., None, None] * a_w[..., :, None] * a_w[..., None, :]
    d_w = np.moveaxis(d, -1, -2)  # (..., W, F-1)
    total = vinv.sum(axis=-3)  # (..., F-1, F-1)
    rhs = np.einsum("...wij,...wj->...i", vinv, d_w)
    pooled = np.linalg.solve(total, rhs[..., None])[..., 0]
    resid = d_w - pooled[..., None, :]
    q = np.einsum("...wi,...wij,...wj->...", resid, vinv, resid)
    return np.maximum(q, 0.0), int((nf - 1) * (nw - 1))


@dataclass(frozen=True)
class AdditiveTest:
    """Result of :func:`additive_interaction_test` (differences in points per segment).

    ``excluded`` names the segments left out because a cell has fewer than ``min_n`` in
    the denominator; ``p_value`` is NaN and ``df`` 0 when fewer than two segments remain.
    """

    statistic: float
    df: int
    p_value: float
    within_levels: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    min_n: int = MIN_CELL_N


def additive_interaction_test(
    successes: ArrayLike,
    n: ArrayLike,
    factor: ArrayLike,
    within: ArrayLike,
    baseline: str | None = None,
    min_n: int = MIN_CELL_N,
    inference: Inference = FIXED,
    alpha: float = 0.05,
) -> AdditiveTest:
    """Does the factor's difference in points (level minus baseline) differ by segment?

    Wald test of homogeneity of risk differences (:func:`risk_difference_wald`) over the
    segments whose every factor cell has at least ``min_n`` in the denominator; the other
    segments are excluded and named. With a sequential ``inference`` the p-value is always-valid
    (:func:`sequential_chi2_pvalue`).

    Examples
    --------
    >>> f = ["du", "sie"] * 3
    >>> w = ["IT", "IT", "Bau", "Bau", "Handel", "Handel"]
    >>> r = additive_interaction_test([130, 100, 330, 300, 3, 1], [1000, 1000, 1000, 1000, 10, 10], f, w)
    >>> r.df, r.excluded, round(r.p_value, 3)
    (1, ('Handel',), 1.0)
    """
    frame = _cell_sums(successes, n, factor, within)
    f_tot = frame.groupby("f")["n"].sum()
    f_levels = [f for f in ordered_levels(sorted(f_tot.index)) if f_tot[f] > 0]
    if baseline is not None and str(baseline) in f_levels:
        f_levels = [str(baseline)] + [f for f in f_levels if f != str(baseline)]
    all_w = ordered_levels(sorted(set(frame["w"])))
    grid_n = frame.pivot(index="f", columns="w", values="n").reindex(index=f_levels, columns=all_w)
    grid_s = frame.pivot(index="f", columns="w", values="s").reindex(index=f_levels, columns=all_w)
    grid_n, grid_s = grid_n.fillna(0.0), grid_s.fillna(0.0)
    ok = (grid_n >= min_n).all(axis=0)
    kept = [w for w in all_w if ok[w]]
    excluded = tuple(w for w in all_w if not ok[w])
    if len(f_levels) < 2 or len(kept) < 2:
        return AdditiveTest(float("nan"), 0, float("nan"), tuple(kept), excluded, min_n)
    q, df = risk_difference_wald(
        grid_s[kept].to_numpy(dtype="float64"), grid_n[kept].to_numpy(dtype="float64")
    )
    stat = float(q)
    if inference.is_sequential:
        n_kept = float(grid_n[kept].to_numpy().sum())
        p = sequential_chi2_pvalue(stat, df, n_kept, alpha, inference.tuning)
    else:
        p = float(special.chdtrc(df, stat))
    return AdditiveTest(stat, df, p, tuple(kept), excluded, min_n)
