"""Multiple-comparison adjustment of p-values (Holm, Benjamini-Hochberg), in numpy.

Examples
--------
>>> adjust_pvalues([0.01, 0.04, 0.03], "holm").round(4).tolist()
[0.03, 0.06, 0.06]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from icplab.core.errors import UsageError
from icplab.core.notes import Note

#: Accepted ``method`` names.
METHODS: tuple[str, ...] = ("holm", "bh", "none")
#: Human names for messages and tables.
METHOD_NAMES: dict[str, str] = {"holm": "Holm", "bh": "Benjamini-Hochberg", "none": "no correction"}


def adjust_pvalues(p: ArrayLike, method: str = "holm") -> np.ndarray:
    """Adjust p-values for the number of comparisons made.

    Parameters
    ----------
    p
        Raw p-values. NaN entries (comparisons that could not be made) stay NaN and do not
        count towards the number of tests ``m``.
    method
        ``"holm"`` (Holm-Bonferroni step-down, controls the family-wise error rate),
        ``"bh"`` (Benjamini-Hochberg step-up, controls the false discovery rate) or
        ``"none"``.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values in the input order, capped at 1.

    Notes
    -----
    With the ``m`` p-values sorted ascending, ``p_(1) <= ... <= p_(m)``:
    Holm gives ``max_{j<=i} min(1, (m - j + 1) p_(j))``; BH gives
    ``min_{j>=i} min(1, m p_(j) / j)``. Both match
    ``statsmodels.stats.multitest.multipletests(method="holm" | "fdr_bh")`` on the
    non-NaN values, ties included.

    Examples
    --------
    >>> adjust_pvalues([0.01, float("nan"), 0.02], "bh").round(3).tolist()
    [0.02, nan, 0.02]
    """
    method = str(method).lower()
    if method not in METHODS:
        raise UsageError(Note("stats.unknown_correction", method=method, methods=tuple(METHODS)))
    p = np.asarray(p, dtype="float64")
    shape = p.shape
    p = p.reshape(-1)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if method == "none" or not ok.any():
        out[ok] = p[ok]
        return out.reshape(shape)
    vals = p[ok]
    m = vals.size
    order = np.argsort(vals, kind="stable")
    sorted_p = vals[order]
    rank = np.arange(1, m + 1, dtype="float64")
    if method == "holm":
        adj = np.maximum.accumulate((m - rank + 1) * sorted_p)
    else:
        adj = np.minimum.accumulate((m * sorted_p / rank)[::-1])[::-1]
    adj = np.minimum(adj, 1.0)
    back = np.empty(m, dtype="float64")
    back[order] = adj
    out[ok] = back
    return out.reshape(shape)
