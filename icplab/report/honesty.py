"""The honesty sentence of every report: as of when the data is judged, how many contacts
are still maturing (not counted yet), and whether the verdicts may be looked at every day.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from icplab.report import text
from icplab.report.notebook_kit import ReportParams


def honesty_text(
    p: ReportParams, *, as_of: Any, maturing: int, sequential: bool | None, windows: str = ""
) -> str:
    """Plain words on when the data is judged, what is not counted yet, and how often
    the verdicts may be looked at (en/de; ``sequential=None``: no sentence on looks, for
    a report without verdicts that the ``[stats] sequential`` switch would change).

    Examples
    --------
    >>> from datetime import date
    >>> from icplab.report.notebook_kit import ReportParams
    >>> honesty_text(ReportParams(), as_of=date(2026, 9, 30), maturing=0,
    ...              sequential=True)  # doctest: +ELLIPSIS
    'Judged as of **2026-09-30**; every contact is old enough to count. ... every day.'
    """
    day = as_of.isoformat() if hasattr(as_of, "isoformat") else str(as_of)
    day_de = text.date(as_of, "de")
    n = p.num(maturing)
    if maturing:
        en = (
            f"Judged as of **{day}**. {n} recent contacts are still maturing: "
            "replies and meetings take days to weeks to come in, so these contacts are not "
            f"counted yet{' (' + windows + ')' if windows else ''}. This keeps a running "
            "campaign from looking worse than it is."
        )
        de = (
            f"Stand: **{day_de}**. {n} neuere Kontakte reifen noch: Antworten und "
            "Termine kommen erst nach Tagen bis Wochen, daher zählen diese Kontakte noch "
            f"nicht{' (' + windows + ')' if windows else ''}. So sieht eine laufende "
            "Kampagne nicht schlechter aus, als sie ist."
        )
    else:
        en = f"Judged as of **{day}**; every contact is old enough to count."
        de = f"Stand: **{day_de}**; jeder Kontakt ist alt genug, um zu zählen."
    if sequential:
        en += (
            " The verdicts use always-valid ranges: they stay honest however often this "
            "report is opened, so it is safe to look at it every day."
        )
        de += (
            " Die Ergebnisse nutzen stets gültige Bereiche: Sie bleiben ehrlich, egal wie "
            "oft dieser Bericht geöffnet wird. Tägliches Nachsehen ist also unbedenklich."
        )
    elif sequential is not None:
        en += (
            " The verdicts assume one look at the data: if this report is opened every "
            "day, set `sequential = true` under `[stats]` in icplab.toml."
        )
        de += (
            " Die Ergebnisse gelten für einen einzigen Blick auf die Daten: Wird dieser "
            "Bericht täglich geöffnet, setzen Sie `sequential = true` unter `[stats]` in "
            "icplab.toml."
        )
    return p.tr(en, de)


def windows_text(p: ReportParams, table: pd.DataFrame) -> str:
    """``replies count after 28 days, ...`` from a metrics table with ``window_days``."""
    if "window_days" not in table.columns or "maturing" not in table.columns:
        return ""
    parts = []
    for _, r in table[table["maturing"] > 0].iterrows():
        label = text.md(str(r.get("label", r["metric"])))
        parts.append(
            p.tr(
                f"{label}: contacts count {int(r['window_days'])} days after the first touch",
                f"{label}: Kontakte zählen {int(r['window_days'])} Tage nach dem Erstkontakt",
            )
        )
    return "; ".join(parts)
