"""The sales cycle: how many contacts reach a funnel step within N days (CONTRACT section 10).

Time runs from ``sent_at`` (first touch) to the step's date (``replied_at``, ``meeting_at``,
``qualified_at``, ``deal_at``), in calendar days. A contact without the event by ``as_of``
is censored at ``as_of``: a young contact contributes the days it has been observed, instead
of being dropped or counted as a failure. ``cumulative`` is the Kaplan-Meier estimate of
reaching the step within ``horizon_days``, ``1 - S(horizon)``; for deals a ``lost_at``
before the deal censors the contact at that day ("other outcomes censored"), and
``competing="lost"`` reports the Aalen-Johansen cumulative incidence with lost deals as a
competing risk instead (see :mod:`icplab.stats.survival`).

Per level: ``n`` contacts with ``sent_at`` (sent on or before ``as_of``), ``events`` those
that reached the step on or before ``as_of``, ``median_days`` the median days to the event
among those events, ``at_risk`` the contacts still under observation at the horizon (no
event and not censored before day ``horizon_days``). Rows without ``sent_at``, or with the
step marked yes but no date (or a date before ``sent_at``), are left out and counted
(``left_out``).

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({
...     "industry": ["IT"] * 4, "contacted": [1] * 4, "replied": [1, 1, 0, 1],
...     "sent_at": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-01-01", None]),
...     "replied_at": pd.to_datetime(["2026-01-03", "2026-01-11", None, "2026-01-02"])})
>>> r = cycle(f, step="replied", horizon=7, scope=Scope(as_of="2026-02-01"))
>>> lv = r.levels[0]
>>> lv.n, lv.events, round(lv.cumulative, 4), lv.median_days, lv.at_risk, r.left_out
(3, 2, 0.3333, 6.0, 2, 1)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import Metric
from icplab.core.notes import Note
from icplab.core.schema import ordered_levels
from icplab.data.counts import apply_where
from icplab.data.maturity import day_numbers as _days
from icplab.data.maturity import resolve_as_of, sent_by
from icplab.icp.by_column import by_column
from icplab.icp.funnel import as_frame
from icplab.icp.scope import Scope
from icplab.stats.survival import AJ_METHOD, KM_METHOD, Curve, aalen_johansen, kaplan_meier

#: The message code of each reason a row is left out of the cycle (``Observations.left_out``).
REASON_CODES: dict[str, str] = {
    "no date": "cycle.no_date",
    "date before sent_at": "cycle.date_before_sent",
    "no sent_at": "cycle.no_sent_at",
}

#: Each step and the column that dates it.
STEP_DATES: dict[str, str] = {
    "replied": "replied_at",
    "meeting": "meeting_at",
    "qualified": "qualified_at",
    "deal": "deal_at",
}
#: Competing outcomes ``competing=`` accepts, and the column that dates them.
COMPETING: dict[str, str] = {"lost": "lost_at"}
#: Columns of :meth:`CycleResult.to_frame`.
FRAME_COLUMNS: tuple[str, ...] = (
    "level",
    "n",
    "events",
    "cumulative",
    "ci_low",
    "ci_high",
    "median_days",
    "at_risk",
)
#: Columns of :meth:`CycleResult.curves`.
CURVE_COLUMNS: tuple[str, ...] = ("level", "day", "cumulative", "ci_low", "ci_high")
#: The level label when there is no ``by``.
ALL = "all"


def _num(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(float(x)) else float(x)


@dataclass(frozen=True)
class CycleLevel:
    """One level's time-to-event estimate at the horizon (one entry of ``levels``)."""

    level: str
    n: int
    events: int
    cumulative: float
    ci_low: float
    ci_high: float
    median_days: float | None
    at_risk: int
    followed_days: int = 0
    curve: Curve | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        med = self.median_days
        return {
            "level": self.level,
            "n": int(self.n),
            "events": int(self.events),
            "cumulative": _num(self.cumulative),
            "ci_low": _num(self.ci_low),
            "ci_high": _num(self.ci_high),
            "median_days": None
            if med is None or not math.isfinite(med)
            else (int(med) if float(med).is_integer() else float(med)),
            "at_risk": int(self.at_risk),
        }


@dataclass(frozen=True)
class CycleResult:
    """The sales cycle of a step by level.

    ``to_dict()`` is the JSON of ``icplab cycle`` (CONTRACT section 10): ``step``,
    ``horizon_days``, ``as_of``, ``method``, ``levels`` and ``left_out``, plus ``by``,
    ``competing``, ``where``, ``inference`` (always ``"fixed"``: pointwise intervals),
    ``maturity`` (``"checked"``: censoring at ``as_of`` replaces the maturity window),
    ``maturing`` (contacts observed for less than the horizon without the event: they count
    for the days they were observed), ``left_out_reasons`` and ``notes``.
    """

    step: str
    horizon_days: int
    as_of: date
    method: str
    levels: tuple[CycleLevel, ...]
    left_out: int
    by: str | None = None
    competing: str | None = None
    where: Mapping[str, Any] = field(default_factory=dict)
    maturing: int = 0
    left_out_reasons: Mapping[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "horizon_days": int(self.horizon_days),
            "as_of": self.as_of.isoformat(),
            "method": self.method,
            "by": self.by,
            "competing": self.competing,
            "levels": [lv.to_dict() for lv in self.levels],
            "left_out": int(self.left_out),
            "left_out_reasons": {k: int(v) for k, v in self.left_out_reasons.items()},
            "where": {
                k: list(v) if isinstance(v, tuple) else str(v) for k, v in self.where.items()
            },
            "inference": "fixed",
            "maturity": "checked",
            "maturing": int(self.maturing),
            "notes": list(self.notes),
        }

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per level, columns :data:`FRAME_COLUMNS` (``nan`` where undefined)."""
        rows = [
            {k: (np.nan if v is None else v) for k, v in lv.to_dict().items()} for lv in self.levels
        ]
        return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))

    def curves(self, step_days: int = 1) -> pd.DataFrame:
        """The cumulative share by day since first touch (0 .. horizon) for each level.

        Returns
        -------
        pandas.DataFrame
            Columns :data:`CURVE_COLUMNS`; ``ci_low``/``ci_high`` are ``nan`` before the
            first event.
        """
        grid = np.arange(0, self.horizon_days + 1, max(int(step_days), 1), dtype="float64")
        parts = []
        for lv in self.levels:
            if lv.curve is None:
                continue
            est = lv.curve.on_grid(grid)
            parts.append(
                pd.DataFrame(
                    {
                        "level": lv.level,
                        "day": grid.astype("int64"),
                        "cumulative": est[0],
                        "ci_low": est[1],
                        "ci_high": est[2],
                    }
                )
            )
        if not parts:
            return pd.DataFrame(columns=list(CURVE_COLUMNS))
        return pd.concat(parts, ignore_index=True)


@dataclass(frozen=True)
class Observations:
    """Per row: days observed, outcome code (0 censored at ``as_of``, 1 the step, 2 a lost
    deal before it: censored there by Kaplan-Meier, a competing risk for Aalen-Johansen) and
    the reason a row is left out (empty string when it is kept)."""

    duration: np.ndarray
    code: np.ndarray
    left_out: np.ndarray


def observations(frame: pd.DataFrame, step: str, as_of: date) -> Observations:
    """Durations and outcomes of every row of a row-level frame (see the module text).

    Examples
    --------
    >>> f = pd.DataFrame({"sent_at": pd.to_datetime(["2026-01-01", None, "2026-01-01"]),
    ...                   "deal": [1, 0, 1],
    ...                   "deal_at": pd.to_datetime(["2026-01-31", None, None])})
    >>> o = observations(f, "deal", date(2026, 3, 1))
    >>> o.duration.tolist(), o.code.tolist(), o.left_out.tolist()
    ([30.0, nan, nan], [1, 0, 0], ['', 'no sent_at', 'no date'])
    """
    today = float(np.datetime64(as_of, "D").astype("int64"))
    sent = _days(frame["sent_at"])
    date_col = STEP_DATES[step]
    # without the date column (the step never happened: an all-empty column is absent)
    when = _days(frame[date_col]) if date_col in frame.columns else np.full(len(frame), np.nan)
    has_date = ~np.isnan(when)
    flagged = frame[step].to_numpy(dtype="float64") > 0 if step in frame.columns else has_date
    reason = np.full(len(frame), "", dtype=object)
    reason[flagged & ~has_date] = "no date"
    reason[flagged & has_date & ~np.isnan(sent) & (when < sent)] = "date before sent_at"
    reason[np.isnan(sent)] = "no sent_at"
    kept = reason == ""
    event = kept & flagged & has_date & (when <= today)
    end = np.where(event, when, today)
    code = event.astype("int64")
    lost_col = COMPETING["lost"] if step == "deal" else None
    if lost_col and lost_col in frame.columns:
        lost = _days(frame[lost_col])
        ends_lost = kept & ~event & ~np.isnan(lost) & (lost <= today) & (lost >= sent)
        end = np.where(ends_lost, lost, end)
        code = np.where(ends_lost, 2, code)
    duration = np.where(kept, end - sent, np.nan)
    return Observations(duration, code, reason)


def never_reached(frame: pd.DataFrame, step: str) -> bool:
    """Whether the log records ``step`` and no contact reached it: then the step's date
    column is not needed (an optional column empty in every row is absent, CONTRACT
    section 1), and every contact is censored at ``as_of``.

    Examples
    --------
    >>> never_reached(pd.DataFrame({"replied": [0, 0]}), "replied")
    True
    >>> never_reached(pd.DataFrame({"replied": [0, 1]}), "replied"), never_reached(
    ...     pd.DataFrame({"deal": [0]}), "replied")
    (False, False)
    """
    if step not in frame.columns:
        return False
    return not bool((pd.to_numeric(frame[step], errors="coerce").fillna(0) > 0).any())


def _earlier(step: str) -> list[str]:
    """The funnel steps before ``step`` (``replied`` < ``meeting`` < ``qualified`` < ``deal``)."""
    order = list(STEP_DATES)
    return order[: order.index(step)]


def out_of_order(frame: pd.DataFrame, step: str) -> int:
    """Rows whose ``step`` date lies before the date of an earlier step (a deal dated before
    its reply): the dates break the funnel order; the cycle times them as they are and says so.

    Examples
    --------
    >>> f = pd.DataFrame({"replied_at": pd.to_datetime(["2026-01-05", "2026-01-05"]),
    ...                   "deal_at": pd.to_datetime(["2026-01-04", "2026-02-01"])})
    >>> out_of_order(f, "deal"), out_of_order(f, "replied")
    (1, 0)
    """
    col = STEP_DATES[step]
    if col not in frame.columns:
        return 0
    when = _days(frame[col])
    bad = np.zeros(len(frame), dtype=bool)
    for k in _earlier(step):
        if STEP_DATES[k] in frame.columns:
            bad |= when < _days(frame[STEP_DATES[k]])  # NaN on either side: False
    return int(bad.sum())


def zero_event_bound(followed: int, alpha: float = 0.05) -> float:
    """The upper end of the 95 % interval when no contact has reached the step yet: the
    exact (Clopper-Pearson) bound for 0 events among the ``followed`` contacts observed
    for the whole horizon (contacts censored earlier only add information, so this is
    conservative); 1 when none was followed that long. Kaplan-Meier's Greenwood interval
    has no width without events.

    Examples
    --------
    >>> round(zero_event_bound(100), 4), zero_event_bound(0)
    (0.0362, 1.0)
    """
    if followed <= 0:
        return 1.0
    return float(1.0 - (alpha / 2.0) ** (1.0 / followed))


def _median(values: np.ndarray) -> float | None:
    return float(np.median(values)) if values.size else None


def _level(label: str, obs: Observations, horizon: int, competing: str | None) -> CycleLevel:
    keep = obs.left_out == ""
    d, c = obs.duration[keep], obs.code[keep]
    curve = aalen_johansen(d, c, cause=1) if competing else kaplan_meier(d, (c == 1).astype(int))
    est = curve.at(float(horizon))
    events = int((c == 1).sum())
    low, high = est.ci_low, est.ci_high
    if events == 0:  # no event: [0, exact upper bound], not "no interval"
        low, high = 0.0, zero_event_bound(est.at_risk)
    return CycleLevel(
        label,
        int(keep.sum()),
        events,
        est.cumulative,
        low,
        high,
        _median(d[c == 1]),
        est.at_risk,
        int(d.max()) if d.size else 0,
        curve,
    )


def cycle(
    data: Any,
    *,
    step: str = "deal",
    by: str | None = None,
    horizon: int = 180,
    competing: str | None = None,
    scope: Scope | None = None,
) -> CycleResult:
    """Time from first touch to ``step``, by level of ``by`` (CONTRACT section 10).

    Parameters
    ----------
    data
        A row-level log (path, :class:`~icplab.data.load.OutreachData` or DataFrame) with
        ``sent_at`` and the step's date column.
    step
        ``replied``, ``meeting``, ``qualified`` or ``deal``.
    by
        One estimate per level of this column (``None``: one level, ``all``).
    horizon
        Days since the first touch at which the cumulative share is read (> 0).
    competing
        ``"lost"`` (deals only): Aalen-Johansen with ``lost_at`` as a competing risk.
    scope
        The segment to restrict to first, the workspace configuration (size bands) and
        the as-of date: contacts without the event by then are censored there (default
        the config's ``[workspace] as_of``, else today); contacts sent after it are left
        out (:class:`~icplab.icp.scope.Scope`; its inference is not used).

    Returns
    -------
    CycleResult
        ``to_dict()`` is the JSON of ``icplab cycle``; ``to_frame()`` one row per level.

    Raises
    ------
    UsageError
        Unknown step or competing outcome, a horizon <= 0, missing ``sent_at`` or date
        column, aggregated data, or an unknown ``by`` column.
    NotEnoughDataError
        No contact with ``sent_at`` in the selection.
    """
    scope = scope or Scope()
    config, where = scope.config, scope.where
    if step not in STEP_DATES:
        raise UsageError(Note("cycle.bad_step", step=str(step), steps=tuple(STEP_DATES)))
    if competing is not None and (competing not in COMPETING or step != "deal"):
        raise UsageError(Note("cycle.bad_competing", competing=str(competing)))
    if isinstance(horizon, bool) or not float(horizon) > 0 or float(horizon) != int(horizon):
        raise UsageError(Note("cycle.bad_horizon", horizon=str(horizon)))
    horizon = int(horizon)
    as_of = scope.day()
    frame = as_frame(data, config)
    date_col = STEP_DATES[step]
    needs = ["sent_at", date_col] + ([COMPETING[competing]] if competing else [])
    if never_reached(frame, step):
        needs.remove(date_col)  # no event to date: every contact is censored at as_of
    missing = [c for c in needs if c not in frame.columns]
    if missing:
        what = {"sent_at": "cycle.date_of.first_touch", "lost_at": "cycle.date_of.lost"}
        dates = tuple(Note(what.get(c, f"cycle.date_of.{step}")) for c in missing)
        raise UsageError(
            Note("cycle.needs_columns", step=step, columns=tuple(missing), dates=dates)
        )
    full = sent_by(frame, as_of, whole_log=True)
    later = len(frame) - len(full)
    sel = apply_where(full, where)
    if by is not None:
        sel = by_column(sel, by, "cycle")
    obs = observations(sel, step, as_of)
    reasons = pd.Series(obs.left_out[obs.left_out != ""]).value_counts()
    kept = obs.left_out == ""
    if not kept.any():
        raise NotEnoughDataError(Note("cycle.no_sent_at_selected", step=step))
    levels: list[CycleLevel] = []
    if by is None:
        levels.append(_level(ALL, obs, horizon, competing))
    else:
        labels = sel[by].astype("string").fillna("")
        values = labels.to_numpy(dtype=object)
        for lv in ordered_levels([v for v in pd.unique(values) if v != ""]):
            m = values == lv
            part = Observations(obs.duration[m], obs.code[m], obs.left_out[m])
            if (part.left_out == "").any():
                levels.append(_level(str(lv), part, horizon, competing))
    notes: list[str] = []
    if later:
        notes.append(Note("cycle.after_as_of", later=later, as_of=as_of))
    if reasons.sum():
        counted = tuple(
            Note("cycle.reason_count", n=int(v), reason=_reason(str(k), date_col))
            for k, v in reasons.items()
        )
        if "no date" in reasons.index:  # the bracket explains that reason
            notes.append(Note("cycle.left_out", reasons=counted, step=step, date_col=date_col))
        else:
            notes.append(Note("cycle.left_out_plain", reasons=counted))
    unbounded = [lv.level for lv in levels if lv.n and lv.events == 0]
    if unbounded and by is None:
        notes.append(Note("cycle.zero_events_all", step=step))
    elif unbounded:
        notes.append(Note("cycle.zero_events", levels=tuple(unbounded), step=step))
    early = out_of_order(sel[obs.left_out == ""], step)
    if early:
        earlier = tuple(STEP_DATES[k] for k in _earlier(step) if STEP_DATES[k] in sel.columns)
        notes.append(Note("cycle.out_of_order", n=early, step=step, columns=earlier))
    short = [lv.level for lv in levels if lv.n and lv.followed_days < horizon]
    if short:
        notes.append(Note("cycle.short", levels=tuple(short), horizon=horizon))
    maturing = int(np.count_nonzero(kept & (obs.code == 0) & (obs.duration < horizon)))
    return CycleResult(
        step,
        horizon,
        as_of,
        AJ_METHOD if competing else KM_METHOD,
        tuple(levels),
        int(reasons.sum()),
        by,
        competing,
        dict(where or {}),
        maturing,
        {str(k): int(v) for k, v in reasons.items()},
        tuple(notes),
    )


def _reason(key: str, date_col: str) -> Note:
    """The words of one reason a row is left out (:data:`REASON_CODES`)."""
    if key == "date before sent_at":
        return Note(REASON_CODES[key], date_col=date_col)
    return Note(REASON_CODES[key])


def window_table_note(metric: Metric) -> str:
    """The words for a metric with windows by segment (empty without a table).

    Examples
    --------
    >>> window_table_note(Metric("deal_rate", "deal", "qualified", 0.05,
    ...                          window_table=(("500+", 240),)))
    'deal_rate counts each segment on its own window: 500+ 240 days, every other 90 days.'
    """
    if not metric.window_table:
        return ""
    parts = tuple(Note("cycle.window_part", segment=k, days=v) for k, v in metric.window_table)
    return Note("cycle.window_table", metric=metric.name, parts=parts, window=metric.window)


def horizon_note(metric: Metric) -> str:
    """The words every output carries for a metric judged on the cycle's clock."""
    return Note(
        "cycle.horizon",
        metric=metric.name,
        numerator=metric.numerator,
        days=metric.horizon_days,
    )


def horizon_counts(
    frame: pd.DataFrame, metric: Metric, as_of: Any, fallback: tuple[int, int]
) -> tuple[int, int]:
    """Effective ``(successes, n)`` of a metric with ``horizon_days`` on a segment's rows.

    The Kaplan-Meier estimate ``F`` of reaching the numerator's step within
    ``horizon_days`` of ``sent_at`` (among the rows in the metric's denominator, censored at
    ``as_of``) with Greenwood's variance ``V`` becomes ``n = F (1 - F) / V`` contacts of
    which ``round(F n)`` succeeded, so the count-based verdicts, intervals and pooling judge
    the time-to-event estimate. Without the dates (or without a horizon) ``fallback`` is
    returned unchanged.

    Examples
    --------
    >>> f = pd.DataFrame({"sent_at": pd.to_datetime(["2026-01-01"] * 4 + ["2026-05-01"] * 4),
    ...                   "contacted": 1, "deal": [1, 1, 0, 0, 1, 0, 0, 0],
    ...                   "deal_at": pd.to_datetime(["2026-02-01", "2026-03-01", None, None,
    ...                                              "2026-05-10", None, None, None])})
    >>> m = Metric("d", "deal", "contacted", 0.05, horizon_days=90)
    >>> horizon_counts(f, m, "2026-06-01", (0, 0))
    (2, 5)
    """
    step = metric.numerator
    if not metric.horizon_days or step not in STEP_DATES:
        return fallback
    if "sent_at" not in frame.columns or STEP_DATES[step] not in frame.columns:
        return fallback
    denom = metric.denominator_in(frame.columns)
    rows = frame if denom == "contacted" or denom not in frame.columns else frame[frame[denom] > 0]
    obs = observations(rows, step, resolve_as_of(as_of))
    keep = obs.left_out == ""
    d, c = obs.duration[keep], obs.code[keep]
    if not d.size:
        return fallback
    curve = kaplan_meier(d, (c == 1).astype(int))
    est = curve.at(float(metric.horizon_days))
    f = est.cumulative
    full = int(np.count_nonzero(d >= metric.horizon_days) + np.count_nonzero(c == 1))
    if not 0.0 < f < 1.0:
        n = max(full, 0)
        return (n if f >= 1.0 else 0), n
    var = est.variance
    if not var > 0:
        return int(round(f * full)), full
    n_eff = max(int(round(f * (1 - f) / var)), 1)
    n_eff = min(n_eff, int(d.size))
    return int(round(f * n_eff)), n_eff


def horizon_cell_counts(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    by: list[str],
    metric: Metric,
    as_of: Any,
    successes: np.ndarray,
    n: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`horizon_counts` for every row (cell) of a count table grouped by ``by``.

    Cells whose rows lack the dates keep their fixed-window counts.
    """
    if not metric.horizon_days or any(c not in frame.columns for c in by):
        return successes, n
    s_out = np.asarray(successes, dtype="int64").copy()
    n_out = np.asarray(n, dtype="int64").copy()
    keys = frame[by].astype("string").fillna("")
    cells = table[by].astype("string").fillna("")
    for i in range(len(table)):
        mask = np.ones(len(frame), dtype=bool)
        for c in by:
            mask &= keys[c].to_numpy(dtype=object) == cells[c].iloc[i]
        s_out[i], n_out[i] = horizon_counts(
            frame.loc[mask], metric, as_of, (int(s_out[i]), int(n_out[i]))
        )
    return s_out, n_out
