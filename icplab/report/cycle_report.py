"""What the sales-cycle report (``09-sales-cycle``) says and draws.

For every funnel step the log dates (``replied_at``, ``meeting_at``, ``qualified_at``,
``deal_at``), the cumulative share of contacts that reached it by day since the first
touch, per segment, with its 95 % band (Kaplan-Meier, young contacts censored at the
report's date, :mod:`icplab.icp.cycle`); the share within the horizon and the median
cycle length per segment; replies by message of the sequence (``reply_step``); opens as a
diagnostic only (Apple Mail Privacy Protection inflates them); and, with ``[costs]``,
CAC and LTV:CAC per segment. English and German.

Examples
--------
>>> p = CycleParams.from_namespace({"by": "industry", "language": "de"})
>>> p.by, p.horizon, p.word("page.cycle.days", days=p.horizon)
('industry', 180, '180 Tage')
>>> steps_with_dates(["sent_at", "replied", "replied_at", "deal", "deal_at"])
['replied', 'deal']
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from icplab.api import scope_of
from icplab.core.config import Config
from icplab.core.errors import IcpLabError, NotEnoughDataError
from icplab.core.notes import Note
from icplab.icp.cycle import STEP_DATES, CycleResult, cycle
from icplab.report import messages, text
from icplab.report.page_words import PageWords, finish_info
from icplab.report.params import ReportParams
from icplab.report.summary import ReportSummary

#: Okabe-Ito colours for the segments' curves.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: At most this many segments get a curve of their own (the largest ones).
MAX_CURVES = 7


def steps_with_dates(columns: Iterable[str]) -> list[str]:
    """The funnel steps whose date column (and ``sent_at``) the log has, in funnel order."""
    cols = set(columns)
    if "sent_at" not in cols:
        return []
    return [s for s, c in STEP_DATES.items() if c in cols]


@dataclass(frozen=True)
class CycleParams(ReportParams):
    """Parameters of ``09-sales-cycle.ipynb``: ``by`` the segment column, ``horizon`` the
    days since the first touch at which each step's share is read."""

    by: str = "size_band"
    horizon: int = 180
    default_name: ClassVar[str] = "09-sales-cycle"


@dataclass(frozen=True)
class CycleReport(PageWords):
    """Everything the sales-cycle notebook shows: one result per dated step, the tables
    (share within the horizon, median days, replies by message, opens, costs) and the
    page's words."""

    results: dict[str, CycleResult]
    shares: pd.DataFrame
    medians: pd.DataFrame
    replies_by_step: pd.DataFrame | None = None
    opens: pd.DataFrame | None = None
    costs: pd.DataFrame | None = None


def _days(p: ReportParams, x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return p.word("na")
    return p.word("page.cycle.days", days=text.number(x, p.language, 0))


def _interval(p: ReportParams, lo: float, hi: float) -> str:
    if lo != lo or hi != hi:
        return p.word("page.cycle.not_estimable")
    return f"{p.pct(lo)} – {p.pct(hi)}"


def _shares(p: CycleParams, results: dict[str, CycleResult]) -> pd.DataFrame:
    rows = []
    for step, res in results.items():
        for lv in res.levels:
            rows.append(
                {
                    "step": p.word(f"step.{step}"),
                    "level": lv.level,
                    "contacts": lv.n,
                    "events": lv.events,
                    "share": p.pct(lv.cumulative),
                    "range": _interval(p, lv.ci_low, lv.ci_high),
                    "at_risk": lv.at_risk,
                }
            )
    return pd.DataFrame(
        rows, columns=["step", "level", "contacts", "events", "share", "range", "at_risk"]
    )


def _medians(p: CycleParams, results: dict[str, CycleResult]) -> pd.DataFrame:
    levels: list[str] = []
    for res in results.values():
        levels += [lv.level for lv in res.levels if lv.level not in levels]
    rows = []
    for level in levels:
        row: dict[str, Any] = {"level": level}
        for step, res in results.items():
            lv = next((x for x in res.levels if x.level == level), None)
            row[step] = _days(p, None if lv is None else lv.median_days)
        rows.append(row)
    return pd.DataFrame(rows, columns=["level", *results])


def replies_by_step(log: Any) -> pd.DataFrame | None:
    """Replies by message of the sequence (``reply_step``): count and share of replies.

    Examples
    --------
    >>> f = pd.DataFrame({"replied": [1, 1, 1, 0], "reply_step": pd.array([1, 2, 1, None])})
    >>> t = replies_by_step(f)
    >>> t["reply_step"].tolist(), t["replies"].tolist(), t["share"].round(3).tolist()
    ([1, 2], [2, 1], [0.667, 0.333])
    """
    frame = getattr(log, "frame", log)
    if "reply_step" not in frame.columns or "replied" not in frame.columns:
        return None
    steps = pd.to_numeric(frame.loc[frame["replied"] > 0, "reply_step"], errors="coerce")
    steps = steps.dropna().astype("int64")
    if steps.empty:
        return None
    counts = steps.value_counts().sort_index()
    return pd.DataFrame(
        {
            "reply_step": counts.index.to_numpy(),
            "replies": counts.to_numpy(),
            "share": counts.to_numpy() / counts.sum(),
        }
    )


def opens_table(p: ReportParams, log: Any, by: str) -> pd.DataFrame | None:
    """Open rate per level (diagnostic, no target), when the log has ``opened``."""
    frame = getattr(log, "frame", log)
    if "opened" not in frame.columns or by not in frame.columns:
        return None
    g = frame.groupby(by, observed=True)[["contacted", "opened"]].sum()
    return pd.DataFrame(
        {
            "level": g.index.astype(str),
            "contacts": g["contacted"].to_numpy(),
            "open_rate": [p.pct(o / c) if c else p.pct(float("nan")) for c, o in g.to_numpy()],
        }
    )


def cycle_report(p: CycleParams, log: Any, config: Config) -> CycleReport:
    """Build the report: one :func:`~icplab.icp.cycle.cycle` per dated step."""
    as_of = p.judged_as_of(config)
    steps = steps_with_dates(log.frame.columns)
    results: dict[str, CycleResult] = {}
    notes: list[str] = []
    for step in steps:
        try:
            results[step] = cycle(
                log, step=step, by=p.by, horizon=p.horizon, scope=scope_of(config, as_of=as_of)
            )
        except NotEnoughDataError:
            notes.append(messages.render(Note("cycle.no_dated", step=step), p.language))
        except IcpLabError as exc:
            # an error that carries a note says why in every language; plain text does not
            why = exc.args[0] if exc.args else None
            note = (
                Note("cycle.step_failed", step=step, error=why)
                if isinstance(why, Note)
                else Note("cycle.not_estimable", step=step)
            )
            notes.append(messages.render(note, p.language))
    for step, res in results.items():  # rows left out, short follow-up, later contacts
        notes.extend(
            messages.render(Note("cycle.step_note", step=step, note=n), p.language)
            for n in res.notes
        )
    intro = p.word("page.cycle.intro", horizon=p.horizon, column=text.column_word(p.by, p.language))
    honesty = p.word("page.cycle.honesty", day=text.date(as_of, p.language))
    conclusion = _conclusion(p, results)
    costs = None
    if config.costs is not None and "deal" in log.frame.columns:
        from icplab.report.cost_report import cost_table

        costs = cost_table(p, log, config, p.by)
    return CycleReport(
        results=results,
        shares=_shares(p, results),
        medians=_medians(p, results),
        replies_by_step=replies_by_step(log),
        opens=opens_table(p, log, p.by),
        costs=costs,
        intro=intro,
        honesty=honesty,
        conclusion=conclusion,
        notes=tuple(notes),
    )


#: Fewer contacts than this reaching the step: the headline gives the medians with their
#: counts and does not call one segment slower than another.
MIN_EVENTS = 5


def _conclusion(p: CycleParams, results: dict[str, CycleResult]) -> str:
    if not results:
        return p.word("page.cycle.no_dates")
    step = list(results)[-1]
    res = results[step]
    timed = [lv for lv in res.levels if lv.median_days is not None]
    if not timed:
        return p.word("cycle_none", step=p.word(f"step.{step}"))
    slow = max(timed, key=lambda lv: lv.median_days or 0)
    fast = min(timed, key=lambda lv: lv.median_days or 0)
    what = p.word(f"step.{step}")
    few = min(slow.events, fast.events) < MIN_EVENTS  # a median of a handful: say so
    if slow.level == fast.level:
        return p.word(
            "page.cycle.median_one_few" if few else "page.cycle.median_one",
            step=what,
            days=_days(p, slow.median_days),
            level=slow.level,
            n=p.num(slow.events),
        )
    if few:
        return p.word(
            "page.cycle.median_two_few",
            step=what,
            fast_days=_days(p, fast.median_days),
            fast=fast.level,
            fast_n=p.num(fast.events),
            slow_days=_days(p, slow.median_days),
            slow=slow.level,
            slow_n=p.num(slow.events),
        )
    return p.word(
        "page.cycle.median_two",
        step=what,
        fast_days=_days(p, fast.median_days),
        fast=fast.level,
        slow_days=_days(p, slow.median_days),
        slow=slow.level,
    )


def curves_figure(p: CycleParams, res: CycleResult) -> Figure:
    """Cumulative share reaching the step by day since the first touch, one curve and
    95 % band per segment (the largest :data:`MAX_CURVES`)."""
    import matplotlib

    from icplab.report.plots.style import STYLE, _label, _percent

    curves = res.curves()
    shown = sorted(res.levels, key=lambda lv: -lv.n)[:MAX_CURVES]
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(11, 4.8), layout="constrained")
        ax = fig.add_subplot()
        for i, lv in enumerate(
            sorted(shown, key=lambda x: [y.level for y in res.levels].index(x.level))
        ):
            c = curves[curves["level"] == lv.level]
            colour = COLOURS[i % len(COLOURS)]
            ax.step(
                c["day"],
                c["cumulative"],
                where="post",
                color=colour,
                lw=2,
                label=f"{_label(lv.level)} (n = {text.integer(lv.n, p.language)})",
            )
            ok = c["ci_low"].notna().to_numpy()
            ax.fill_between(
                c["day"].to_numpy()[ok],
                c["ci_low"].to_numpy()[ok],
                c["ci_high"].to_numpy()[ok],
                step="post",
                color=colour,
                alpha=0.15,
                lw=0,
            )
        ax.set_title(
            p.word("cycle_share_title", step=p.word(f"step_with.{res.step}")),
            loc="left",
        )
        ax.set_xlabel(p.word("page.cycle.x_axis"))
        ax.set_xlim(0, res.horizon_days)
        ax.set_ylim(bottom=0)
        _percent(ax.yaxis, p.language)
        if len(shown):
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def finish_cycle(p: CycleParams, rep: CycleReport) -> ReportSummary:
    """Write the summary JSON (information, no target verdict)."""
    details: dict[str, Any] = {"by": p.by, "horizon_days": p.horizon}
    for step, res in rep.results.items():
        details[step] = [
            {
                "level": lv.level,
                "cumulative": None if not np.isfinite(lv.cumulative) else lv.cumulative,
                "median_days": lv.median_days,
            }
            for lv in res.levels
        ]
    return finish_info(p, "cycle", rep, details)
