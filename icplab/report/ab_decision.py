"""The A/B report's answer and its multiplicity: which answer the report gives
(:func:`ab_answer`), the run-wide adjustment of its p-values (:func:`apply_run_scope`) and the
per-segment differences judged as one family (:func:`adjust_effects`).

Examples
--------
A clear winner, until the run-wide adjustment (20 comparisons in the run) says otherwise:

>>> import pandas as pd
>>> from icplab.icp.compare import compare_result
>>> t = pd.DataFrame({"salutation": ["sie", "du"], "contacted": [1200, 1180],
...                   "replied": [150, 201], "meeting": [0, 0]})
>>> r = compare_result(t, "salutation", "reply_rate")
>>> ab_answer(r)
('winner', 'du')
>>> r2, note = apply_run_scope(r, [0.4], 20)
>>> bool(r2.table["significant"].iloc[1]), r2.table["p_adjusted"].iloc[1], ab_answer(r2)
(False, np.float64(0.4), ('no_difference', ''))
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from icplab.icp.compare import ComparisonResult
from icplab.icp.heterogeneity import WithinResult
from icplab.report import text
from icplab.stats.multiplicity import METHOD_NAMES, adjust_pvalues
from icplab.stats.proportions import two_proportion_pvalue


def ab_answer(
    result: ComparisonResult,
    withins: Sequence[tuple[WithinResult, float]] = (),
    family_size: int | None = None,
) -> tuple[str, str]:
    """The report's answer and, for ``winner``, the winning level.

    Parameters
    ----------
    result
        The overall comparison.
    withins
        ``(WithinResult, adjusted interaction p-value)`` pairs; any adjusted p below
        ``result.alpha`` makes the answer ``differs_by_segment``.
    family_size
        Number of comparisons the correction runs over (run-wide scope); default: the
        comparisons of this test (levels - 1).

    Returns
    -------
    (answer, level)
        ``winner`` when the level with the highest rate beats every other level
        significantly (its pairwise tests against each of them, adjusted with
        ``result.correction`` over ``levels - 1`` tests, or ``family_size``). See the
        module's example.
    """
    t = result.table[result.table["rate"].notna()].reset_index(drop=True)
    if len(t) < 2:
        return "nothing_to_compare", ""
    for _w, p_adj in withins:
        if not math.isnan(p_adj) and p_adj < result.alpha:
            return "differs_by_segment", ""
    top = int(t["rate"].to_numpy().argmax())
    sig = result.table["significant"].fillna(False).astype(bool)
    if top == 0 or len(t) == 2:
        # the table's own tests (baseline vs each level) decide: sequential-aware and
        # adjusted exactly as the table shows them
        comp = t.iloc[1:]
        clear = comp["significant"].fillna(False).astype(bool)
        if clear.all() and (top == 0 or comp["diff"].iloc[0] > 0):
            return "winner", str(t.loc[top, "level"])
    else:
        others = [i for i in range(len(t)) if i != top]
        s = t["successes"].to_numpy()
        n = t["n"].to_numpy()
        if result.sequential:  # always-valid, like the table's own tests
            from icplab.stats.sequential import sequential_diff

            _, _, p = sequential_diff(s[others], n[others], s[top], n[top], alpha=result.alpha)
        else:
            p, _ = two_proportion_pvalue(s[others], n[others], s[top], n[top])
        padj = _adjust(np.atleast_1d(p), result.correction, family_size)
        if np.all(padj < result.alpha):
            return "winner", str(t.loc[top, "level"])
    if sig.any():
        return "differences", ""
    return "no_difference", ""


def _adjust(p: np.ndarray, correction: str, family_size: int | None) -> np.ndarray:
    """Adjust ``p`` as if it were part of a family of ``family_size`` tests (padded with 1s)."""
    m = len(p)
    if family_size is None or family_size <= m:
        return adjust_pvalues(p, correction)
    padded = np.r_[p, np.ones(family_size - m)]
    return adjust_pvalues(padded, correction)[:m]


def apply_run_scope(
    result: ComparisonResult, p_adjusted: Sequence[float | None], m: int, lang: str = "en"
) -> tuple[ComparisonResult, str]:
    """Replace the table's adjusted p-values by the run-wide ones and widen the ranges.

    ``p_adjusted`` are this table's p-values adjusted across all ``m`` comparisons of the
    run (Holm / BH, :mod:`icplab.batch.family`). Significance follows them, and the
    difference ranges printed beside become Bonferroni-level Newcombe intervals at
    confidence ``1 - alpha / m``, so a range excludes 0 whenever Bonferroni (hence Holm)
    would call the difference significant (the module's example).
    """
    from dataclasses import replace

    from icplab.stats.proportions import newcombe_interval

    t = result.table.copy()
    comp = t.index[1:]
    if len(p_adjusted) != len(comp):
        return result, ""
    padj = np.array([np.nan if v is None else float(v) for v in p_adjusted], dtype="float64")
    t.loc[comp, "p_adjusted"] = padj
    sig: np.ndarray = np.where(np.isnan(padj), None, padj < result.alpha)  # type: ignore[call-overload]
    t["significant"] = pd.array([None, *sig.tolist()], dtype="boolean")
    conf = 1 - result.alpha / max(1, m)
    if not result.sequential:
        s0, n0 = int(t["successes"].iloc[0]), int(t["n"].iloc[0])
        ok = t.loc[comp, "n"].to_numpy() > 0
        if n0 > 0 and ok.any():
            idx = comp[ok]
            lo, hi = newcombe_interval(
                t.loc[idx, "successes"].to_numpy(), t.loc[idx, "n"].to_numpy(), s0, n0, conf
            )
            t.loc[idx, "diff_ci_low"] = lo
            t.loc[idx, "diff_ci_high"] = hi
    method = METHOD_NAMES.get(result.correction, result.correction)
    note = text.word(
        "ab_run_scope", lang, method=method, m=m, conf=text.number(100 * conf, lang, 2)
    )
    return replace(result, table=t, notes=(*result.notes, note)), note


def adjust_effects(
    effects: pd.DataFrame, correction: str, alpha: float, sequential: bool = False
) -> pd.DataFrame:
    """Per-segment differences judged as one family: across all segments of a column.

    Looking at six industries gives six chances for a "clear" difference by luck, so the
    report adjusts the segment p-values together (``correction``: Holm / BH) and widens the
    ranges printed beside them to the Bonferroni level ``1 - alpha / m`` (``m``: the
    number of segment comparisons), so a range excludes 0 whenever Bonferroni would call
    the difference clear. Sequential ranges are kept as they are (already conservative).

    Examples
    --------
    >>> import pandas as pd
    >>> e = pd.DataFrame({"segment": ["a", "b"], "level": ["x", "x"], "successes": [30, 10],
    ...     "n": [100, 100], "base_successes": [20, 12], "base_n": [100, 100],
    ...     "diff": [0.1, -0.02], "diff_ci_low": [0.0, 0.0], "diff_ci_high": [0.0, 0.0],
    ...     "p_value": [0.03, 0.6], "p_adjusted": [0.03, 0.6], "significant": [True, False]})
    >>> adjust_effects(e, "holm", 0.05)["significant"].tolist()
    [False, False]
    """
    from icplab.stats.proportions import newcombe_interval

    out = effects.copy()
    if out.empty:
        return out
    p = out["p_value"].to_numpy(dtype="float64")
    m = int(np.sum(~np.isnan(p)))
    padj = adjust_pvalues(p, correction)
    out["p_adjusted"] = padj
    out["significant"] = [bool(v < alpha) if v == v else False for v in padj]
    if m > 1 and correction != "none" and not sequential:
        ok = (out["n"] > 0) & (out["base_n"] > 0)
        lo, hi = newcombe_interval(
            out.loc[ok, "successes"].to_numpy(),
            out.loc[ok, "n"].to_numpy(),
            out.loc[ok, "base_successes"].to_numpy(),
            out.loc[ok, "base_n"].to_numpy(),
            1 - alpha / m,
        )
        out.loc[ok, "diff_ci_low"] = lo
        out.loc[ok, "diff_ci_high"] = hi
    return out
