"""The comparisons a whole report run makes, and their run-wide adjustment.

Every A/B report compares the levels of its factor with a baseline. Looked at together, a
nightly run makes many such comparisons, so some "clear" differences are expected by chance
alone. :func:`run_family` recomputes every A/B report's raw p-values from counts (cheap),
counts them for the index page and, with ``[stats] correction_scope = "run"``, adjusts them
with Holm / BH across the whole run; each A/B notebook then receives its own adjusted
p-values (``run_p_adjusted``) and the family size (``run_comparisons``).

Examples
--------
>>> from icplab.core.config import Config, ReportSpec
>>> import pandas as pd
>>> t = pd.DataFrame({"salutation": ["du", "sie"], "messaging": ["a", "b"],
...                   "contacted": [500, 500], "replied": [80, 50], "meeting": [0, 0]})
>>> plan = (ReportSpec("ab-s", "02-ab-test.ipynb", {"factor": "salutation"}),
...         ReportSpec("ab-m", "02-ab-test.ipynb", {"factor": "messaging"}))
>>> fam = run_family(plan, t, Config())
>>> fam.comparisons, fam.reports
(2, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from icplab.api import scope_of
from icplab.core.config import Config, ReportSpec
from icplab.core.errors import IcpLabError
from icplab.icp.compare import compare_result
from icplab.stats.multiplicity import adjust_pvalues

#: The notebook whose plan entries are A/B comparisons.
AB_NOTEBOOK = "02-ab-test.ipynb"


@dataclass(frozen=True)
class RunFamily:
    """Comparisons of a run: how many, and each A/B report's run-adjusted p-values."""

    comparisons: int = 0
    reports: int = 0
    scope: str = "table"
    correction: str = "holm"
    adjusted: dict[str, list[float | None]] = field(default_factory=dict)

    def parameters(self, name: str) -> dict[str, Any]:
        """Extra notebook parameters for report ``name`` (empty unless run scope)."""
        if self.scope != "run" or name not in self.adjusted:
            return {}
        return {"run_p_adjusted": self.adjusted[name], "run_comparisons": self.comparisons}


def run_family(plan: Sequence[ReportSpec], data: Any, config: Config) -> RunFamily:
    """Raw p-values of every A/B report in ``plan`` on ``data``, adjusted across the run.

    Reports whose comparison cannot be computed (unknown column, no data) are skipped here;
    the notebook itself reports the problem.
    """
    raw: dict[str, np.ndarray] = {}
    for spec in plan:
        if spec.notebook.rsplit("/", 1)[-1] != AB_NOTEBOOK:
            continue
        params = spec.parameters
        try:
            res = compare_result(
                data,
                str(params.get("factor", "salutation")),
                str(params.get("metric", "reply_rate")),
                baseline=params.get("baseline") or None,
                scope=scope_of(config, where=list(params.get("where", []))),
            )
        except IcpLabError:
            continue
        raw[spec.name] = res.table["p_value"].to_numpy(dtype="float64")[1:]
    values = np.concatenate(list(raw.values())) if raw else np.array([], dtype="float64")
    m = int(np.sum(~np.isnan(values)))
    adjusted: dict[str, list[float | None]] = {}
    if config.correction_scope == "run" and raw:
        adj = adjust_pvalues(values, config.correction)
        i = 0
        for name, p in raw.items():
            part = adj[i : i + len(p)]
            adjusted[name] = [None if np.isnan(v) else float(v) for v in part]
            i += len(p)
    return RunFamily(m, len(raw), config.correction_scope, config.correction, adjusted)
