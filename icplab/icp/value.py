"""Value metrics on segments: EUR per contact and per deal, compared, judged and pooled.

A value metric (``kind = "mean"``, e.g. ``value_per_contact``: ``deal_value`` per
contact) is handled like a rate everywhere, with statistics suited to a mostly-zero,
skewed value (:mod:`icplab.stats.means`):

- interval of a segment's mean: two-part (hurdle) log-scale interval;
- difference to the baseline: Welch's t interval and test on the per-contact values,
  ``prob_beats_baseline`` by the normal approximation;
- verdict: ``pass`` when the interval's lower end reaches the target, ``fail`` when its
  upper end stays below it (an unbounded upper end, with fewer than three deals, never
  fails);
- refinement: normal-normal empirical Bayes pooling of the cell means.

:mod:`icplab.icp.compare`, :mod:`icplab.icp.verdicts` and :mod:`icplab.icp.refine`
dispatch here on ``metric.kind``; this module builds tables and numbers, they wrap them
in their result types.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"industry": ["IT"] * 4 + ["Handel"] * 4, "contacted": 1,
...                   "deal": [1, 1, 0, 0, 1, 0, 0, 0],
...                   "deal_value": [900.0, 1100.0, 0, 0, 500.0, 0, 0, 0]})
>>> t = value_by_segment(f, ["industry"])
>>> t[["industry", "contacts", "deals", "value_per_contact", "mean_deal_value"]].values.tolist()
[['Handel', 4, 1, 125.0, 500.0], ['IT', 4, 2, 500.0, 1000.0]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import ConfigError, NotEnoughDataError, UsageError
from icplab.core.metrics import Metric
from icplab.core.notes import Note
from icplab.core.schema import ordered_levels
from icplab.data.counts import value_moments
from icplab.icp.comparison import Contrast
from icplab.stats.means import (
    MIN_NONZERO,
    Moments,
    NormalPrior,
    mean_contacts_to_settle,
    mean_interval,
    mean_verdict,
    per_unit_variance,
    pool_means,
    welch_diff,
)
from icplab.stats.multiplicity import adjust_pvalues
from icplab.stats.selective import selective_levels

#: Columns of :func:`value_by_segment`, after the group columns.
VALUE_COLUMNS: tuple[str, ...] = (
    "contacts",
    "deals",
    "value_sum",
    "value_per_contact",
    "ci_low",
    "ci_high",
    "mean_deal_value",
    "deal_value_ci_low",
    "deal_value_ci_high",
)


def require_target(metric: Metric) -> float:
    """The metric's target, or a :class:`ConfigError` that says how to set one."""
    t = float(metric.target)
    if np.isnan(t):
        raise ConfigError(Note("value.no_target", metric=metric.name))
    return t


def _moments(frame: pd.DataFrame, metric: Metric, by: Sequence[str]) -> pd.DataFrame:
    denom = metric.denominator_in(frame.columns)
    return value_moments(frame, list(by), column=metric.numerator, denominator=denom)


def mean_table(frame: pd.DataFrame, metric: Metric, by: Sequence[str] = ()) -> pd.DataFrame:
    """Moments, mean and interval of a mean metric per group.

    Returns
    -------
    pandas.DataFrame
        ``by...``, the :data:`icplab.data.counts.MOMENT_COLUMNS` and ``mean``, ``ci_low``,
        ``ci_high`` (NaN: unbounded).
    """
    m = _moments(frame, metric, by)
    mean, lo, hi = mean_interval(Moments.of(m))
    return m.assign(mean=mean, ci_low=lo, ci_high=hi)


def check_mean(frame: pd.DataFrame, metric: Metric) -> dict[str, Any]:
    """The fields of a metric verdict for a value metric on a (filtered) frame.

    Returns
    -------
    dict
        ``successes`` (sum of values), ``n`` (units), ``rate`` (the mean), ``ci_low``,
        ``ci_high``, ``verdict``, ``more_contacts_needed`` and ``note`` (or ``""``).

    Examples
    --------
    >>> import pandas as pd
    >>> from icplab.core.metrics import OPTIONAL_METRICS
    >>> from dataclasses import replace
    >>> m = replace(OPTIONAL_METRICS["value_per_contact"], target=100.0)
    >>> f = pd.DataFrame({"contacted": 1, "deal_value": [0.0] * 8 + [900.0, 1100.0]})
    >>> r = check_mean(f, m)
    >>> r["rate"], r["verdict"]
    (200.0, 'inconclusive')
    """
    target = require_target(metric)
    t = mean_table(frame, metric)
    r = t.iloc[0]
    v = str(mean_verdict(r["ci_low"], r["ci_high"], target))
    more = mean_contacts_to_settle(Moments.of(r), target)
    more_needed = float(more) if v == "inconclusive" else 0.0
    note = ""
    if int(r["nonzero"]) < MIN_NONZERO:
        note = Note("value.few_nonzero_check", metric=metric.name, numerator=metric.numerator)
    return {
        "successes": float(r["value_sum"]),
        "n": int(r["n"]),
        "rate": float(r["mean"]),
        "ci_low": float(r["ci_low"]),
        "ci_high": float(r["ci_high"]),
        "verdict": v,
        "more_contacts_needed": more_needed,
        "note": note,
    }


def method_fields(metric: Metric) -> dict[str, str]:
    """The fields of the notes naming a value metric's method (``value.method_*``)."""
    return {"title": metric.title, "numerator": metric.numerator, "denominator": metric.denominator}


def mean_comparison_table(
    frame: pd.DataFrame, contrast: Contrast
) -> tuple[pd.DataFrame, str, list[str]]:
    """The comparison table of a value metric, with the columns of
    :data:`icplab.icp.compare.TABLE_COLUMNS` (``test`` is ``welch``).

    Returns
    -------
    (pandas.DataFrame, str, list of str)
        The table (baseline first), the baseline level and notes.
    """
    by, metric, baseline = contrast.by, contrast.metric, contrast.baseline
    alpha, correction = contrast.alpha, contrast.correction
    t = mean_table(frame, metric, [by])
    t[by] = t[by].astype(str)
    if t[by].duplicated().any():
        t = t.groupby(by, sort=False).sum(numeric_only=True).reset_index()
        mean, lo, hi = mean_interval(Moments.of(t))
        t = t.assign(mean=mean, ci_low=lo, ci_high=hi)
    levels = ordered_levels(t[by].tolist())
    if not levels:
        raise NotEnoughDataError(Note("value.no_contacts", metric=metric.name))
    t = t.set_index(by).loc[levels].reset_index()
    if baseline is None:
        base_i = int(np.argmax(t["n"].to_numpy()))
    else:
        hits = [i for i, lv in enumerate(levels) if lv.casefold() == str(baseline).casefold()]
        if not hits:
            raise UsageError(
                Note("compare.bad_baseline", baseline=str(baseline), by=by, levels=tuple(levels))
            )
        base_i = hits[0]
    order = [base_i] + [i for i in range(len(levels)) if i != base_i]
    t = t.iloc[order].reset_index(drop=True)
    k = len(t)
    b = t.iloc[0]
    d, dlo, dhi, p, pb = welch_diff(
        t["n"], t["value_sum"], t["value_sum_sq"], b["n"], b["value_sum"], b["value_sum_sq"]
    )
    for arr in (d, dlo, dhi, p, pb):
        arr[0] = np.nan
    padj = adjust_pvalues(p, correction)
    significant: np.ndarray = np.where(np.isnan(padj), None, padj < alpha)  # type: ignore[call-overload]
    significant[0] = None
    notes: list[str] = [Note("value.method_compare", **method_fields(metric))]
    few = t.loc[t["nonzero"] < MIN_NONZERO, by].tolist()
    if few:
        notes.append(Note("value.few_nonzero", numerator=metric.numerator, levels=tuple(few)))
    if k == 1:
        notes.append(Note("value.one_level", by=by))
    out = pd.DataFrame(
        {
            "level": t[by].astype(str),
            "n": t["n"].astype("int64"),
            "successes": t["value_sum"].astype("float64"),
            "rate": t["mean"],
            "ci_low": t["ci_low"],
            "ci_high": t["ci_high"],
            "diff": d,
            "diff_ci_low": dlo,
            "diff_ci_high": dhi,
            "p_value": p,
            "p_adjusted": padj,
            "prob_beats_baseline": pb,
            "significant": pd.array(significant, dtype="boolean"),
            "test": pd.array([None] + ["welch"] * (k - 1), dtype="string"),
            "is_baseline": np.arange(k) == 0,
            "contacts": t["n"].astype("int64"),
        }
    )
    return out, str(b[by]), notes


def refine_mean_cells(
    frame: pd.DataFrame,
    metric: Metric,
    by: Sequence[str],
    target: float,
    min_contacts: int = 0,
    alpha: float = 0.05,
) -> tuple[pd.DataFrame, NormalPrior]:
    """Cells of a refinement on a value metric, before classification.

    The cells with at least ``min_contacts`` are judged on their own two-part bounds
    under the selective Bonferroni split of the rate metrics
    (:func:`icplab.stats.selective.selective_levels`): the lower bound of a cell whose
    mean reaches the target at one-sided level ``alpha / 2 / R`` with ``R`` such cells,
    the upper bound likewise; so no more than ``alpha`` of campaigns show a false ``icp``
    cell however many cells there are. Smaller cells keep the plain 95 % interval.

    Returns
    -------
    (pandas.DataFrame, NormalPrior)
        Columns ``by...`` (str), ``contacts``, ``n``, ``successes`` (sum of values),
        ``rate`` (the mean), ``estimate`` (pooled), ``ci_low``, ``ci_high`` (two-part
        interval), ``post_low``, ``post_high``, ``prob_meets`` and ``verdict``.

    Notes
    -----
    The sampling variance of a cell mean is ``s^2 / n`` with ``s^2`` the per-contact
    variance; where a cell has fewer than two non-zero values (its own spread is unknown)
    the variance of all cells together stands in, so such a cell is pulled toward the
    overall mean instead of being trusted.
    """
    t = mean_table(frame, metric, by)
    if t.empty:
        raise NotEnoughDataError(Note("value.no_contacts_refine"))
    all_var = float(per_unit_variance(t["n"].sum(), t["value_sum"].sum(), t["value_sum_sq"].sum()))
    own = per_unit_variance(t["n"], t["value_sum"], t["value_sum_sq"])
    s2 = np.where((t["nonzero"] >= 2) & (own > 0), own, all_var)
    post, prior = pool_means(t["mean"], s2 / t["n"].to_numpy(dtype="float64"), target)
    cells = t[list(by)].copy()
    for c in by:
        cells[c] = cells[c].astype(str)
    cells["contacts"] = t["n"].to_numpy()
    cells["n"] = t["n"].to_numpy()
    cells["successes"] = t["value_sum"].to_numpy()
    cells["rate"] = t["mean"].to_numpy()
    cells["estimate"] = post["estimate"].to_numpy()
    n = t["n"].to_numpy(dtype="float64")
    lvl_up, lvl_dn, _, _ = selective_levels(
        t["mean"].to_numpy(dtype="float64") - target, (n >= min_contacts) & (n > 0), alpha
    )
    moments = Moments.of(t)
    _, lo, _ = mean_interval(moments, confidence=1.0 - 2.0 * lvl_up)
    _, _, hi = mean_interval(moments, confidence=1.0 - 2.0 * lvl_dn)
    cells["ci_low"], cells["ci_high"] = lo, hi
    cells["post_low"] = post["post_low"].to_numpy()
    cells["post_high"] = post["post_high"].to_numpy()
    cells["prob_meets"] = post["prob_meets"].to_numpy()
    cells["verdict"] = mean_verdict(cells["ci_low"], cells["ci_high"], target)
    return cells, prior


def value_by_segment(
    frame: pd.DataFrame, by: Sequence[str] = (), column: str = "deal_value"
) -> pd.DataFrame:
    """Value per contact and mean deal value per segment, with intervals.

    Parameters
    ----------
    frame
        A row-level canonical frame with ``deal_value`` (and ``deal`` when present).
    by
        Group columns; empty for one total row.
    column
        The value column.

    Returns
    -------
    pandas.DataFrame
        ``by...``, ``contacts``, ``deals`` (rows with ``deal`` = 1, else with a value > 0),
        ``value_sum`` (EUR), ``value_per_contact`` with ``ci_low``, ``ci_high`` (two-part
        interval; NaN = unbounded), ``mean_deal_value`` (``value_sum / deals``, NaN
        without deals) with ``deal_value_ci_low``, ``deal_value_ci_high`` (log-scale
        interval of the mean of the non-zero values).
    """
    m = value_moments(frame, list(by), column=column)
    moments = Moments.of(m)
    mean, lo, hi = mean_interval(moments)
    if "deal" in frame.columns and list(by):
        deals = frame.groupby(list(by), observed=True, sort=True, dropna=False)["deal"].sum()
        deals = m[list(by)].merge(deals.reset_index(), on=list(by), how="left")["deal"]
        deals = deals.fillna(0).to_numpy(dtype="int64")
    elif "deal" in frame.columns:
        deals = np.array([int(frame["deal"].sum())])
    else:
        deals = m["nonzero"].to_numpy(dtype="int64")
    # mean of the non-zero values: all units non-zero (p = 1), so only the spread counts
    _, dlo, dhi = mean_interval(moments.of_nonzero())
    out = m[list(by)].copy()
    out["contacts"] = m["n"].to_numpy()
    out["deals"] = deals
    out["value_sum"] = m["value_sum"].to_numpy()
    out["value_per_contact"] = mean
    out["ci_low"], out["ci_high"] = lo, hi
    with np.errstate(divide="ignore", invalid="ignore"):
        out["mean_deal_value"] = np.where(deals > 0, m["value_sum"] / np.maximum(deals, 1), np.nan)
    out["deal_value_ci_low"] = np.where(moments.nonzero >= MIN_NONZERO, dlo, np.nan)
    out["deal_value_ci_high"] = dhi
    return out.reset_index(drop=True)
