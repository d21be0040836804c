"""The honesty sentence of every report: as of when the data is judged, how many contacts
are still maturing (not counted yet), and whether the verdicts may be looked at every day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

from icplab.report import text
from icplab.report.params import ReportParams


def _day(as_of: Any, language: str) -> str:
    """The as-of date: ISO in English (as the JSON and the CLI write it), else by the
    language's Babel pattern (``30.09.2026``)."""
    if isinstance(as_of, str):
        try:
            as_of = date.fromisoformat(as_of)
        except ValueError:
            return as_of
    if not hasattr(as_of, "isoformat"):
        return str(as_of)
    return as_of.isoformat() if language == "en" else text.date(as_of, language)


def maturity_warning(p: ReportParams, result: Mapping[str, Any], markdown: bool = True) -> str:
    """What the reader must see at the top of a report (en/de), or ``""``.

    ``result`` is an output's JSON (``maturity``, ``after_as_of``, ``as_of``): no send
    dates (maturity unknown: below target is only "below target so far"), and an
    ``as_of`` older than the newest contact (how many contacts it leaves out).

    Examples
    --------
    >>> from icplab.report.params import ReportParams
    >>> maturity_warning(ReportParams(), {"maturity": "unknown"})  # doctest: +ELLIPSIS
    '**No send dates in the data (sent_at):** ... never final.'
    >>> maturity_warning(ReportParams(language="de"), {"maturity": "checked",
    ...     "after_as_of": 1200, "as_of": "2026-09-30"})  # doctest: +ELLIPSIS
    '**Achtung:** Der Bericht gilt zum Stand 30.09.2026, ... 1.200 später versandte Kontakte ...'
    """
    parts = []
    if result.get("maturity") == "unknown":
        parts.append(
            p.tr(
                "**No send dates in the data (sent_at):** whether recent contacts have had "
                "time to reply cannot be checked. A result below target reads *below target "
                "so far; recent contacts may still reply*, and is never final.",
                "**Keine Versanddaten in den Daten (sent_at):** Ob neuere Kontakte schon Zeit "
                "zum Antworten hatten, lässt sich nicht prüfen. Ein Ergebnis unter dem Ziel "
                "heißt *bisher unter dem Ziel; neuere Kontakte können noch antworten* und ist "
                "nie endgültig.",
            )
        )
    left = int(result.get("after_as_of") or 0)
    if left:
        raw = result.get("as_of")
        day = date.fromisoformat(raw) if isinstance(raw, str) else raw
        d = _day(day, p.language)
        parts.append(
            p.tr(
                f"**Warning:** this report is judged as of {d}, before the newest contact: "
                f"{p.num(left)} contacts sent after it are left out.",
                f"**Achtung:** Der Bericht gilt zum Stand {d}, also vor dem neuesten Kontakt: "
                f"{p.num(left)} später versandte Kontakte sind nicht berücksichtigt.",
            )
        )
    out = " ".join(parts)
    return out if markdown else out.replace("**", "").replace("*", "")


def late_text(p: ReportParams, result: Mapping[str, Any]) -> str:
    """One sentence when late successes cannot be excluded (no matching ``*_at`` column)."""
    if result.get("late_successes") != "not_excluded" or result.get("maturity") == "off":
        return ""
    names = ", ".join(str(c) for c in result.get("late_unchecked", [])) or "-"
    return p.tr(
        f" Successes that came after their window cannot be excluded for {names} (no date "
        "of the success is checked): they still count.",
        f" Erfolge, die erst nach ihrem Zeitfenster kamen, lassen sich für {names} nicht "
        "ausschließen (kein Datum des Erfolgs wird geprüft): Sie zählen mit.",
    )


def honesty_text(
    p: ReportParams,
    *,
    as_of: Any,
    maturing: int,
    inference: str | None,
    windows: str = "",
    maturity: str = "checked",
) -> str:
    """Plain words on when the data is judged, what is not counted yet, and how often
    the verdicts may be looked at (en/de; ``inference`` is the result's kind, ``"fixed"``
    or ``"sequential"``; ``None``: no sentence on looks, for a report without verdicts
    that the inference would change).

    Examples
    --------
    >>> from datetime import date
    >>> from icplab.report.params import ReportParams
    >>> honesty_text(ReportParams(), as_of=date(2026, 9, 30), maturing=0,
    ...              inference="sequential")  # doctest: +ELLIPSIS
    'Judged as of **2026-09-30**; every contact is old enough to count. ... every day.'
    """
    day, day_de = _day(as_of, "en"), _day(as_of, "de")
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
    elif maturity == "unknown":
        en = (
            f"Judged as of **{day}**. The data has no send dates, so every contact counts "
            "as it is: recent contacts may still reply."
        )
        de = (
            f"Stand: **{day_de}**. Die Daten haben keine Versanddaten, daher zählt jeder Kontakt "
            "so, wie er ist: neuere Kontakte können noch antworten."
        )
    elif maturity == "off":
        en = f"Judged as of **{day}**; maturity windows are off, so every contact counts."
        de = f"Stand: **{day_de}**; die Reifefenster sind aus, daher zählt jeder Kontakt."
    else:
        en = f"Judged as of **{day}**; every contact is old enough to count."
        de = f"Stand: **{day_de}**; jeder Kontakt ist alt genug, um zu zählen."
    if inference == "sequential":
        en += (
            " The verdicts use always-valid ranges: they stay honest however often this "
            "report is opened, so it is safe to look at it every day."
        )
        de += (
            " Die Ergebnisse nutzen stets gültige Bereiche: Sie bleiben ehrlich, egal wie "
            "oft dieser Bericht geöffnet wird. Tägliches Nachsehen ist also unbedenklich."
        )
    elif inference is not None:
        en += (
            " Fixed-horizon statistics: the verdicts hold for one look at the data. If this "
            "report is opened every day, set `sequential = true` under `[stats]` in "
            "icplab.toml (or use `--sequential`)."
        )
        de += (
            " Statistik mit festem Horizont: Die Ergebnisse gelten für einen einzigen Blick "
            "auf die Daten. Wird dieser Bericht täglich geöffnet, setzen Sie `sequential = "
            "true` unter `[stats]` in icplab.toml (oder nutzen Sie `--sequential`)."
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
