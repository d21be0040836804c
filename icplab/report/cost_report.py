"""What a customer costs and returns, for the reports (06, 09): CAC, LTV:CAC and payback per
segment, display-ready in the report's language.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from icplab.core.config import Config
from icplab.report import text
from icplab.report.params import ReportParams


def cost_table(p: ReportParams, log: Any, config: Config, by: str) -> pd.DataFrame | None:
    """CAC, LTV:CAC (against 3:1) and payback months per level of ``by``, display-ready
    (en/de), from :func:`icplab.icp.costs.unit_economics`; ``None`` without ``[costs]``.

    Columns: ``level``, ``contacts``, ``deals``, ``cac``, ``cac_range``, ``ltv_cac``,
    ``ltv_cac_range``, ``vs_benchmark``, ``payback``.
    """
    if config.costs is None:
        return None
    from icplab.api import scope_of
    from icplab.icp.costs import unit_economics

    res = unit_economics(log, by=by, scope=scope_of(config, as_of=p.judged_as_of(config)))
    open_word = p.word("page.cost.open")
    vs = {key: p.word(f"page.cost.vs.{key}") for key in ("above", "below", "open")}

    def ratio(x: float) -> str:
        if x == math.inf:  # only without any cost (CAC 0): no ratio to write
            return p.word("page.cost.unbounded")
        return open_word if not math.isfinite(x) else f"{text.number(x, p.language, 1)} : 1"

    def months(x: float) -> str:
        if not math.isfinite(x):
            return open_word
        return p.word("page.cost.months", months=text.number(x, p.language, 1))

    rows = []
    for r in res.rows:
        rows.append(
            {
                "level": r.level,
                "contacts": r.contacts,
                "deals": r.deals,
                "cac": text.money(r.cac if math.isfinite(r.cac) else None, p.language),
                "cac_range": text.money_range(
                    r.cac_low, r.cac_high if math.isfinite(r.cac_high) else None, p.language
                ),
                "ltv_cac": ratio(r.ltv_cac),
                "ltv_cac_range": f"{ratio(r.ltv_cac_low)} – {ratio(r.ltv_cac_high)}",
                "vs_benchmark": vs[r.vs_benchmark],
                "payback": months(r.payback_months),
            }
        )
    return pd.DataFrame(rows)


def cost_note(p: ReportParams) -> str:
    """How CAC, LTV and their ranges are computed (in the report's language)."""
    return p.word("page.cost.note")
