"""Which message angle and form of address to use inside ICP and candidate cells.

:func:`recommend` compares the two variants of ``messaging`` and ``salutation`` within
each cell that :func:`icplab.icp.refine.refine` put in ``icp`` or ``candidates``;
:func:`recommendation_text` says the significant ones in one line each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.metrics import Metric, metric_counts
from icplab.data.load import OutreachData
from icplab.stats.inference import FIXED, Inference
from icplab.stats.proportions import newcombe_interval, two_proportion_pvalue
from icplab.stats.sequential import sequential_diff


def recommend(
    data: OutreachData,
    metric: Metric,
    cells: pd.DataFrame,
    by: Sequence[str],
    alpha: float = 0.05,
    inference: Inference = FIXED,
) -> list[dict[str, Any]]:
    """Best message angle and form of address within ICP and candidate cells.

    A variant is recommended only where its difference to the other variant is significant
    (pooled z-test, Fisher on small counts; Holm over the cells tested for that factor);
    the evidence (rates, Newcombe interval of the difference, p-values) comes along. With
    a sequential ``inference`` the interval and p-value are the always-valid ones of
    :func:`icplab.stats.sequential.sequential_diff` (``test`` = ``"sequential"``), so a
    recommendation re-checked every night does not turn up by chance.
    """
    from icplab.stats.multiplicity import adjust_pvalues

    recs: list[dict[str, Any]] = []
    focus = cells[cells["list"].isin(["icp", "candidates"])]
    if focus.empty:
        return recs
    for factor in ("messaging", "salutation"):
        if factor in by or factor not in data.frame.columns:
            continue
        table = data.counts([*by, factor])
        for c in by:
            table[c] = table[c].astype(str)
        table[factor] = table[factor].astype(str)
        s, n = metric_counts(table, metric)
        table = table.assign(_s=s, _n=n)
        rows = []
        for _, cell in focus.iterrows():
            mask = np.ones(len(table), dtype=bool)
            for c in by:
                mask &= (table[c] == cell[c]).to_numpy()
            sub = table[mask & (table["_n"] > 0).to_numpy()]
            if len(sub) != 2:
                continue
            (l1, s1, n1), (l2, s2, n2) = [
                (str(r[factor]), int(r["_s"]), int(r["_n"])) for _, r in sub.iterrows()
            ]
            if s1 / n1 < s2 / n2:
                l1, s1, n1, l2, s2, n2 = l2, s2, n2, l1, s1, n1
            test: Any = "sequential"
            if inference.is_sequential:
                dlo, dhi, p = sequential_diff(s1, n1, s2, n2, alpha=alpha, tuning=inference.tuning)
            else:
                p, test = two_proportion_pvalue(s1, n1, s2, n2)
                dlo, dhi = newcombe_interval(s1, n1, s2, n2)
            rows.append(
                {
                    "cell": {c: str(cell[c]) for c in by},
                    "factor": factor,
                    "best": l1,
                    "other": l2,
                    "best_rate": s1 / n1,
                    "other_rate": s2 / n2,
                    "best_n": n1,
                    "other_n": n2,
                    "diff": s1 / n1 - s2 / n2,
                    "diff_ci_low": float(np.asarray(dlo)),
                    "diff_ci_high": float(np.asarray(dhi)),
                    "p_value": float(np.asarray(p)),
                    "test": str(np.asarray(test)),
                }
            )
        if rows:
            adj = adjust_pvalues(np.array([r["p_value"] for r in rows]), "holm")
            for r, pa in zip(rows, adj, strict=True):
                r["p_adjusted"] = float(pa)
                r["significant"] = bool(pa < alpha)
                recs.append(r)
    return recs


def recommendation_text(recs: Sequence[Mapping[str, Any]], language: str = "en") -> list[str]:
    """One plain line per cell where a variant is clearly better (significant after Holm).

    Examples
    --------
    >>> recommendation_text([{"cell": {"industry": "IT", "size_band": "50-199"}, "factor": "salutation",
    ...     "best": "du", "other": "sie", "best_rate": 0.287, "other_rate": 0.165, "diff": 0.122,
    ...     "diff_ci_low": 0.074, "diff_ci_high": 0.169, "p_adjusted": 0.0001, "significant": True}])
    ['IT 50-199: du (28.7 % vs 16.5 % with sie; +12.2 percentage points, plausible range 7.4 to 16.9)']
    """
    by_cell: dict[tuple, list[Mapping[str, Any]]] = {}
    for r in recs:
        if r.get("significant"):
            by_cell.setdefault(tuple(r["cell"].values()), []).append(r)
    de = language == "de"
    lines = []
    for cell, rs in by_cell.items():
        best = " + ".join(r["best"] for r in rs)
        ev = "; ".join(
            (
                f"{r['best_rate'] * 100:.1f} % vs {r['other_rate'] * 100:.1f} % mit {r['other']}; "
                f"+{r['diff'] * 100:.1f} Prozentpunkte, plausibel {r['diff_ci_low'] * 100:.1f} bis {r['diff_ci_high'] * 100:.1f}"
            )
            if de
            else (
                f"{r['best_rate'] * 100:.1f} % vs {r['other_rate'] * 100:.1f} % with {r['other']}; "
                f"+{r['diff'] * 100:.1f} percentage points, plausible range {r['diff_ci_low'] * 100:.1f} to {r['diff_ci_high'] * 100:.1f}"
            )
            for r in rs
        )
        lines.append(f"{' '.join(cell)}: {best} ({ev})")
    return lines


# ----------------------------------------------------------------------------- proposal
