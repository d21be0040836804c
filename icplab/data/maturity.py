"""Maturity windows: which contacts and which successes count for a metric as of a date.

Replies, meetings and deals arrive days to months after the first touch, so the recent
contacts of a running campaign look worse than they are. Each metric has a window
(:attr:`icplab.core.metrics.Metric.window`, CONTRACT section 2). As of a date ``as_of``:

- a contact counts once it is mature: ``sent_at <= as_of - window_days`` (by calendar
  day); rows without ``sent_at`` count as mature, and a log without ``sent_at`` (or an
  aggregated log) is mature as a whole;
- when the metric's numerator has a timestamp column (``replied`` -> ``replied_at``,
  ``meeting`` -> ``meeting_at``), a success counts only if it came within
  ``window_days`` of ``sent_at``; a success with an empty timestamp counts.

So every contact is judged on the same fixed window, whatever its send date: the rate
is the rate "within ``window_days`` days", the same on every night's re-run. A window
of 0 switches all of this off. A metric with windows by segment
(:attr:`~icplab.core.metrics.Metric.window_table`, e.g. 240 days for ``500+``) judges
each row on the window of its size band or industry (:func:`row_windows`). All of it is vectorised over the rows (masks), before the
data is aggregated into counts.

Examples
--------
>>> import pandas as pd
>>> from datetime import date
>>> from icplab.core.metrics import DEFAULT_METRICS
>>> frame = pd.DataFrame({
...     "sent_at": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-03-01"]),
...     "replied_at": pd.to_datetime(["2026-01-03", "2026-03-01", None]),
...     "contacted": [1, 1, 1], "replied": [1, 1, 0], "meeting": [0, 0, 0]})
>>> mature, info = mature_frame(frame, DEFAULT_METRICS["reply_rate"], date(2026, 3, 10))
>>> int(mature["contacted"].sum()), int(mature["replied"].sum()), info.maturing, info.late
(2, 1, 1, 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import strict_date
from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import Metric
from icplab.core.notes import Note

#: Timestamp column of each numerator that has one.
TIMESTAMP_COLUMNS: dict[str, str] = {
    "replied": "replied_at",
    "first_touch_reply": "replied_at",
    "meeting": "meeting_at",
    "qualified": "qualified_at",
    "deal": "deal_at",
}


@dataclass(frozen=True)
class Maturity:
    """How a metric was restricted to mature contacts.

    Attributes
    ----------
    as_of
        The date the data is judged as of.
    window_days
        The metric's window (0: off).
    maturing
        Contacts sent within the window before ``as_of``: not counted yet.
    late
        Successes left out because they came more than ``window_days`` after ``sent_at``.
    cutoff
        Contacts sent on or before this date count (``None`` when the window is off or
        the data has no ``sent_at``).
    """

    as_of: date
    window_days: int
    maturing: int = 0
    late: int = 0
    cutoff: date | None = None


def resolve_as_of(as_of: Any = None, default: date | None = None) -> date:
    """The ``as_of`` date: the given one, else ``default`` (e.g. the workspace's), else today.

    Accepts a :class:`datetime.date`, a datetime, or an ISO string (``2026-09-30``).

    Examples
    --------
    >>> resolve_as_of("2026-09-30")
    datetime.date(2026, 9, 30)
    >>> resolve_as_of(None, date(2026, 1, 2))
    datetime.date(2026, 1, 2)
    """
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        return default if default is not None else date.today()
    if isinstance(as_of, pd.Timestamp):
        return as_of.date()
    if isinstance(as_of, datetime):
        return as_of.date()
    if isinstance(as_of, date):
        return as_of
    try:
        return strict_date(str(as_of))
    except ValueError:
        raise UsageError(Note("data_filter.as_of_form", as_of=str(as_of))) from None


def day_numbers(values: pd.Series) -> np.ndarray:
    """Calendar day numbers (days since 1970-01-01) of a datetime column; NaN where empty.

    Examples
    --------
    >>> day_numbers(pd.Series(pd.to_datetime(["1970-01-02 23:59", "1969-12-31 12:00", None])))
    array([ 1., -1., nan])
    """
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":
        # a validated (naive) column: numpy's conversion to days floors, as dt.floor("D")
        day = values.to_numpy().astype("datetime64[D]")
    else:
        day = _floored_days(values)
    out = day.astype("int64").astype("float64")
    out[np.isnat(day)] = np.nan
    return out


def _floored_days(values: pd.Series) -> np.ndarray:
    """The calendar days of any date-like column (text, time zones: converted to UTC)."""
    v = pd.to_datetime(values, errors="coerce")
    if isinstance(v.dtype, pd.DatetimeTZDtype):
        v = v.dt.tz_convert("UTC").dt.tz_localize(None)
    return v.dt.floor("D").to_numpy(dtype="datetime64[D]")


def _day_number(d: date) -> int:
    return int(np.datetime64(d, "D").astype("int64"))


def maturity_mask(
    frame: pd.DataFrame, window_days: int, as_of: date
) -> tuple[np.ndarray, np.ndarray]:
    """Rows that count (mature) and rows still maturing, as boolean arrays.

    Rows sent after ``as_of`` are neither (they did not exist as of that date).

    Examples
    --------
    >>> f = pd.DataFrame({"sent_at": pd.to_datetime(["2026-01-01", "2026-02-20", None])})
    >>> m, w = maturity_mask(f, 28, date(2026, 3, 1))
    >>> m.tolist(), w.tolist()
    ([True, False, True], [False, True, False])
    """
    n = len(frame)
    if window_days <= 0 or "sent_at" not in frame.columns:
        return np.ones(n, dtype=bool), np.zeros(n, dtype=bool)
    sent = day_numbers(frame["sent_at"])
    today = _day_number(as_of)
    cutoff = today - int(window_days)
    unknown = np.isnan(sent)
    mature = unknown | (sent <= cutoff)
    maturing = ~unknown & (sent > cutoff) & (sent <= today)
    return mature, maturing


def row_windows(frame: pd.DataFrame, metric: Metric) -> np.ndarray:
    """The window of every row: the metric's window of the row's size band or industry
    (:attr:`~icplab.core.metrics.Metric.window_table`), else its default window.

    A level named in the table matches ``size_band`` first, then ``industry``.

    Examples
    --------
    >>> from icplab.core.metrics import Metric
    >>> m = Metric("d", "deal", "qualified", 0.05, window_table=(("500+", 240),))
    >>> row_windows(pd.DataFrame({"size_band": ["1-49", "500+"]}), m).tolist()
    [90, 240]
    """
    out = np.full(len(frame), int(metric.window), dtype="int64")
    for col in ("industry", "size_band"):  # size band last: it wins over the industry
        if col not in frame.columns:
            continue
        values = frame[col].astype("string").fillna("").to_numpy(dtype=object)
        for level, days in metric.window_table:
            out[values == level] = int(days)
    return out


def mature_frame(
    frame: pd.DataFrame, metric: Metric, as_of: date | None = None
) -> tuple[pd.DataFrame, Maturity]:
    """The rows of ``frame`` that count for ``metric`` as of ``as_of``, late successes removed.

    Parameters
    ----------
    frame
        A canonical frame (row-level or aggregated) or a count table.
    metric
        The metric; its :attr:`~icplab.core.metrics.Metric.window` is used.
    as_of
        The judging date (default today).

    Returns
    -------
    (pandas.DataFrame, Maturity)
        The mature rows (a copy where successes were removed, else a view) and what was
        left out. With the window off, or without ``sent_at``, ``frame`` itself.
    """
    as_of = resolve_as_of(as_of)
    window = int(metric.window)
    by_row = row_windows(frame, metric) if metric.window_table else None
    longest = window if by_row is None or not len(by_row) else max(window, int(by_row.max()))
    if longest <= 0 or "sent_at" not in frame.columns:
        return frame, Maturity(as_of, window)
    sent = day_numbers(frame["sent_at"])  # once: the lags below use it too
    today = _day_number(as_of)
    unknown = np.isnan(sent)
    mature = unknown | (sent <= today - (window if by_row is None else by_row))
    maturing = ~unknown & ~mature & (sent <= today)
    weight = (
        frame["contacted"].to_numpy(dtype="int64")
        if "contacted" in frame.columns
        else np.ones(len(frame), dtype="int64")
    )
    n_maturing = int(weight[maturing].sum())
    everyone = bool(mature.all())
    out = frame if everyone else frame.loc[mature]  # frames copy on write: no copy needed
    late_n = 0
    col = metric.numerator
    at_col = TIMESTAMP_COLUMNS.get(col)
    if at_col and at_col in out.columns and col in out.columns and len(out):
        lag = day_numbers(out[at_col]) - (sent if everyone else sent[mature])
        success = out[col].to_numpy() > 0
        limit = window if by_row is None else by_row[mature]
        late = success & (lag > limit)  # NaN lags (no timestamp) compare False: counted
        late_n = int(late.sum())
        if late_n:
            out = out.copy()
            values = out[col].to_numpy().copy()
            values[late] = 0
            out[col] = values
    cutoff = date.fromordinal(as_of.toordinal() - window)
    return out, Maturity(as_of, window, n_maturing, late_n, cutoff)


def sent_by(frame: pd.DataFrame, as_of: date, *, whole_log: bool = False) -> pd.DataFrame:
    """The rows that existed as of ``as_of``: contacts sent after it are left out.

    Rows without ``sent_at`` are kept. Used when a log is judged as of a past date, so
    the result is what that night's run would have shown. With ``whole_log`` (the frame is
    the whole log, not a segment) a date before the first contact is an error that says so.

    Examples
    --------
    >>> f = pd.DataFrame({"sent_at": pd.to_datetime(["2026-01-01", "2026-02-20", None])})
    >>> len(sent_by(f, date(2026, 2, 1)))
    2
    """
    if "sent_at" not in frame.columns or not len(frame):
        return frame
    sent = day_numbers(frame["sent_at"])
    keep = np.isnan(sent) | (sent <= _day_number(as_of))
    if whole_log and not keep.any():
        first = np.datetime64(int(np.nanmin(sent)), "D").astype(date)
        raise NotEnoughDataError(Note("data_filter.nothing_sent", as_of=as_of, first=first))
    return frame if keep.all() else frame.loc[keep]


def since_frame(frame: pd.DataFrame, since: date | None, what: str = "thesis") -> pd.DataFrame:
    """The rows sent on or after ``since`` (all rows when ``since`` is ``None``).

    Rows without ``sent_at`` are left out (their send date is unknown).

    Raises
    ------
    UsageError
        ``since`` is set but the data has no ``sent_at`` column.

    Examples
    --------
    >>> f = pd.DataFrame({"sent_at": pd.to_datetime(["2026-01-01", "2026-02-20", None])})
    >>> len(since_frame(f, date(2026, 2, 1)))
    1
    """
    if since is None:
        return frame
    if "sent_at" not in frame.columns:
        raise UsageError(
            Note("data_filter.since_needs_sent_at", what=what, since=since.isoformat())
        )
    sent = day_numbers(frame["sent_at"])
    return frame.loc[~np.isnan(sent) & (sent >= _day_number(since))]
