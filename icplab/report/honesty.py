"""The honesty sentence of every report: as of when the data is judged, how many contacts
are still maturing (not counted yet), and whether the verdicts may be looked at every day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

import pandas as pd

from icplab.icp.disclosure import undated_of
from icplab.report import text
from icplab.report.params import ReportParams


def _day(as_of: Any, language: str) -> str:
    """The as-of date by :func:`icplab.report.text.judged_date` (``2026-09-30`` /
    ``30.09.2026``); a text that is no ISO date is shown as it is."""
    if isinstance(as_of, str):
        try:
            as_of = date.fromisoformat(as_of)
        except ValueError:
            return as_of
    if not hasattr(as_of, "isoformat"):
        return str(as_of)
    return text.judged_date(as_of, language)


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
        parts.append(p.word("warn_no_send_dates"))
    undated = int(result.get("undated") or 0)
    if undated and result.get("maturity") == "checked":
        parts.append(p.word("warn_undated", n=p.num(undated)))
    left = int(result.get("after_as_of") or 0)
    if left:
        raw = result.get("as_of")
        day = date.fromisoformat(raw) if isinstance(raw, str) else raw
        parts.append(p.word("warn_after_as_of", day=_day(day, p.language), left=p.num(left)))
    out = " ".join(parts)
    return out if markdown else out.replace("**", "").replace("*", "")


def late_text(p: ReportParams, result: Mapping[str, Any]) -> str:
    """One sentence when late successes cannot be excluded (no matching ``*_at`` column)."""
    if result.get("late_successes") != "not_excluded" or result.get("maturity") == "off":
        return ""
    names = ", ".join(str(c) for c in result.get("late_unchecked", [])) or "-"
    return p.word("late_not_excluded", names=names)


def honesty_text(
    p: ReportParams,
    *,
    as_of: Any,
    maturing: int,
    inference: str | None,
    windows: str = "",
    maturity: str = "checked",
    undated: int = 0,
) -> str:
    """Plain words on when the data is judged, what is not counted yet, and how often
    the verdicts may be looked at (en/de; ``inference`` is the result's kind, ``"fixed"``
    or ``"sequential"``; ``None``: no sentence on looks, for a report without verdicts
    that the inference would change). ``undated``: contacts without a send date in a log
    that has send dates; they are counted, so the page never says that every contact is
    old enough.

    Examples
    --------
    >>> from datetime import date
    >>> from icplab.report.params import ReportParams
    >>> honesty_text(ReportParams(), as_of=date(2026, 9, 30), maturing=0,
    ...              inference="sequential")  # doctest: +ELLIPSIS
    'Judged as of **2026-09-30**; every contact is old enough to count. ... every day.'
    """
    day = _day(as_of, p.language)
    if maturing:
        out = p.word(
            "honesty_maturing",
            day=day,
            n=p.num(maturing),
            windows=f" ({windows})" if windows else "",
        )
    elif maturity == "unknown":
        out = p.word("honesty_no_send_dates", day=day)
    elif maturity == "off":
        out = p.word("honesty_windows_off", day=day)
    elif undated:
        out = p.word("honesty_dated_mature", day=day)
    else:
        out = p.word("honesty_all_mature", day=day)
    if undated and maturity == "checked":
        out += p.word("honesty_undated", n=p.num(undated))
    if inference == "sequential":
        out += p.word("honesty_sequential")
    elif inference is not None:
        out += p.word("honesty_fixed")
    return out


def windows_text(p: ReportParams, table: pd.DataFrame) -> str:
    """``replies count after 28 days, ...`` from a metrics table with ``window_days``."""
    if "window_days" not in table.columns or "maturing" not in table.columns:
        return ""
    parts = []
    for _, r in table[table["maturing"] > 0].iterrows():
        label = text.md(str(r.get("label", r["metric"])))
        parts.append(p.word("window_item", label=label, days=int(r["window_days"])))
    return "; ".join(parts)


class Judged(Protocol):
    """A result of a judgement that discloses itself (CONTRACT section 2): as of when,
    how many contacts are still maturing, its inference and its maturity state."""

    @property
    def as_of(self) -> Any: ...

    @property
    def maturing(self) -> int: ...

    @property
    def inference(self) -> str: ...

    @property
    def maturity(self) -> str: ...


def judged_honesty(p: ReportParams, res: Judged, windows: str = "") -> str:
    """:func:`honesty_text` of a result: its ``as_of``, ``maturing``, ``inference`` and
    ``maturity`` (``windows``: the maturity windows in words, when the page names them).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from icplab.report.params import ReportParams
    >>> res = SimpleNamespace(as_of=date(2026, 9, 30), maturing=12, inference="fixed",
    ...                       maturity="checked")
    >>> judged_honesty(ReportParams(language="de"), res) == honesty_text(
    ...     ReportParams(language="de"), as_of=date(2026, 9, 30), maturing=12,
    ...     inference="fixed", maturity="checked")
    True
    """
    return honesty_text(
        p,
        as_of=res.as_of,
        maturing=res.maturing,
        inference=res.inference,
        windows=windows,
        maturity=res.maturity,
        undated=undated_of(res),
    )
