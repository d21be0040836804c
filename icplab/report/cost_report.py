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
    from icplab.icp.costs import unit_economics

    res = unit_economics(log, by=by, config=config, as_of=p.judged_as_of(config))
    open_word = p.tr("open", "offen")
    vs = {
        "above": p.tr("above 3:1", "über 3:1"),
        "below": p.tr("below 3:1", "unter 3:1"),
        "open": p.tr("not settled", "offen"),
    }

    def ratio(x: float) -> str:
        return open_word if not math.isfinite(x) else f"{text.number(x, p.language, 1)} : 1"

    def months(x: float) -> str:
        if not math.isfinite(x):
            return open_word
        return p.tr(f"{text.number(x, 'en', 1)} months", f"{text.number(x, 'de', 1)} Monate")

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
    """How CAC, LTV and their ranges are computed (en/de)."""
    return p.tr(
        "CAC: cost of a segment's contacts (per channel, plus its share of the fixed tool "
        "cost) divided by its deals. LTV: mean deal value x gross margin x the months a "
        "customer pays. The ranges come from the uncertainty of the deal count (95 %); the "
        "deal value is taken as known. Benchmark: a customer should return at least three "
        "times its cost (3:1).",
        "CAC: Kosten der Kontakte eines Segments (je Kanal, plus ihr Anteil an den festen "
        "Tool-Kosten) geteilt durch seine Abschlüsse. LTV: durchschnittlicher Auftragswert x "
        "Bruttomarge x Monate, die ein Kunde zahlt. Die Bereiche stammen aus der "
        "Unsicherheit der Zahl der Abschlüsse (95 %); der Auftragswert gilt als bekannt. "
        "Richtwert: Ein Kunde sollte mindestens das Dreifache seiner Kosten einbringen (3:1).",
    )
