"""Figures over time: weekly rates and a metric's rate by send week."""

from __future__ import annotations

from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from icplab.core.metrics import Metric
from icplab.data.maturity import mature_frame, maturity_mask, resolve_as_of
from icplab.report.plots.style import (
    PALETTE,
    STYLE,
    _figure,
    _legend_below,
    _percent,
    _t,
    _target_line,
    _title,
    message_figure,
)
from icplab.stats.proportions import wilson_interval


def weekly_rates(
    frame: pd.DataFrame,
    metric: Metric,
    confidence: float = 0.95,
    *,
    as_of: Any = None,
) -> pd.DataFrame:
    """Weekly and cumulative rate of ``metric`` by the week of ``sent_at``.

    Parameters
    ----------
    frame
        Canonical frame with a ``sent_at`` column and the metric's count columns.
    metric
        The metric to follow.
    confidence
        Coverage of the cumulative Wilson interval (``cum_ci_low``, ``cum_ci_high``).
    as_of
        Judge as of this date with the metric's maturity window
        (:mod:`icplab.data.maturity`): contacts still maturing are not counted, and the
        weeks that hold them are flagged (``maturing``, ``immature``), so a running
        campaign's recent weeks do not show up as a drop. ``None``: every contact counts.

    Returns
    -------
    pandas.DataFrame
        One row per calendar week (Monday start) with contacts, sorted: ``week`` (Timestamp),
        ``successes``, ``n`` (this week), ``cum_successes``, ``cum_n``, ``cum_rate``,
        ``cum_ci_low``, ``cum_ci_high`` (Wilson, cumulative); with ``as_of`` also
        ``maturing`` (contacts of that week not counted yet) and ``immature`` (bool).
        Empty without ``sent_at``.

    Examples
    --------
    >>> from icplab.core.metrics import DEFAULT_METRICS
    >>> f = pd.DataFrame({"sent_at": pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-13"]),
    ...                   "contacted": [1, 1, 1], "replied": [1, 0, 1]})
    >>> w = weekly_rates(f, DEFAULT_METRICS["reply_rate"])
    >>> w[["n", "cum_n", "cum_successes"]].values.tolist()
    [[2, 2, 1], [1, 3, 2]]
    """
    cols = [
        "week",
        "successes",
        "n",
        "cum_successes",
        "cum_n",
        "cum_rate",
        "cum_ci_low",
        "cum_ci_high",
    ]
    if "sent_at" not in frame.columns or frame.empty:
        return pd.DataFrame(columns=cols)
    den = metric.denominator_in(frame.columns)
    if metric.numerator not in frame.columns or den not in frame.columns:
        return pd.DataFrame(columns=cols)
    sent = pd.to_datetime(frame["sent_at"], errors="coerce")
    keep = sent.notna().to_numpy()
    if not keep.any():
        return pd.DataFrame(columns=cols)
    if as_of is not None:
        return _weekly_mature(frame, metric, sent, keep, den, as_of, cols, confidence)
    week = sent[keep].dt.to_period("W-SUN").dt.start_time
    grouped = (
        pd.DataFrame(
            {
                "week": week.to_numpy(),
                "successes": frame.loc[keep, metric.numerator].to_numpy(dtype="int64"),
                "n": frame.loc[keep, den].to_numpy(dtype="int64"),
            }
        )
        .groupby("week", sort=True)[["successes", "n"]]
        .sum()
        .reset_index()
    )
    grouped = grouped[grouped["n"] > 0].reset_index(drop=True)
    grouped["cum_successes"] = grouped["successes"].cumsum()
    grouped["cum_n"] = grouped["n"].cumsum()
    grouped["cum_rate"] = grouped["cum_successes"] / grouped["cum_n"]
    lo, hi = wilson_interval(grouped["cum_successes"], grouped["cum_n"], confidence)
    grouped["cum_ci_low"] = lo
    grouped["cum_ci_high"] = hi
    return grouped[cols]


def _weekly_mature(
    frame: pd.DataFrame,
    metric: Metric,
    sent: pd.Series,
    keep: np.ndarray,
    den: str,
    as_of: Any,
    cols: list[str],
    confidence: float,
) -> pd.DataFrame:
    """:func:`weekly_rates` with maturity: counts of mature contacts, maturing flagged."""
    as_of = resolve_as_of(as_of)
    dated = frame.loc[keep]
    week_all = sent[keep].dt.to_period("W-SUN").dt.start_time.to_numpy()
    _, maturing = maturity_mask(dated, metric.window, as_of)
    mature, _ = mature_frame(dated, metric, as_of)
    mask = np.asarray(dated.index.isin(mature.index))
    mature = mature.reindex(dated.index)
    succ = np.where(mask, mature[metric.numerator].fillna(0).to_numpy(dtype="float64"), 0)
    n = np.where(mask, mature[den].fillna(0).to_numpy(dtype="float64"), 0)
    table = pd.DataFrame(
        {
            "week": week_all,
            "successes": succ.astype("int64"),
            "n": n.astype("int64"),
            "maturing": maturing.astype("int64"),
            "contacts": np.ones(len(dated), dtype="int64"),
        }
    )
    grouped = table.groupby("week", sort=True).sum().reset_index()
    grouped = grouped[(grouped["n"] > 0) | (grouped["maturing"] > 0)].reset_index(drop=True)
    grouped["cum_successes"] = grouped["successes"].cumsum()
    grouped["cum_n"] = grouped["n"].cumsum()
    with np.errstate(divide="ignore", invalid="ignore"):
        grouped["cum_rate"] = grouped["cum_successes"] / grouped["cum_n"].where(
            grouped["cum_n"] > 0
        )
    lo, hi = wilson_interval(grouped["cum_successes"], grouped["cum_n"], confidence)
    grouped["cum_ci_low"] = np.where(grouped["cum_n"] > 0, lo, np.nan)
    grouped["cum_ci_high"] = np.where(grouped["cum_n"] > 0, hi, np.nan)
    grouped["immature"] = grouped["maturing"] > 0
    # a week is drawn as still maturing when any of its contacts is; its partial count
    # would show up as a drop, so it does not extend the line
    for c in ("cum_rate", "cum_ci_low", "cum_ci_high"):
        grouped.loc[grouped["immature"], c] = np.nan
    return grouped[[*cols, "maturing", "immature"]]


def rate_over_time(
    weekly: pd.DataFrame,
    target: float | None = None,
    title: str | None = None,
    language: str = "en",
) -> Figure:
    """Cumulative rate week by week, with its 95 % band and the target line.

    Parameters
    ----------
    weekly
        Output of :func:`weekly_rates`.

    Returns
    -------
    matplotlib.figure.Figure
        A line of the cumulative rate (the rate of all contacts up to that week), a shaded
        95 % band, hollow dots for each single week's rate, and the labelled target line.
        Weeks flagged ``immature`` by :func:`weekly_rates` (``as_of``) are shaded grey
        and hatched, labelled "still maturing", and carry no point: not a drop.

    Examples
    --------
    >>> w = pd.DataFrame({"week": pd.to_datetime(["2026-01-05"]), "successes": [3], "n": [20],
    ...                   "cum_successes": [3], "cum_n": [20], "cum_rate": [0.15],
    ...                   "cum_ci_low": [0.05], "cum_ci_high": [0.36]})
    >>> rate_over_time(w, target=0.15).axes[0].get_ylabel()
    'rate (all contacts so far)'
    """
    title = _t("title_over_time", language) if title is None else title
    if weekly.empty:
        return message_figure(
            _t("no_timeline", language),
            title,
        )
    with matplotlib.rc_context(STYLE):
        fig = _figure(10, 4.8)
        ax = fig.add_subplot()
        x = pd.to_datetime(weekly["week"]).to_numpy()
        immature = (
            weekly["immature"].to_numpy(dtype=bool)
            if "immature" in weekly.columns
            else np.zeros(len(weekly), dtype=bool)
        )
        for k, start in enumerate(x[immature]):
            ax.axvspan(
                start - np.timedelta64(3, "D"),
                start + np.timedelta64(4, "D"),
                facecolor=PALETTE["grey"],
                alpha=0.18,
                hatch="//",
                edgecolor=PALETTE["grey"],
                linewidth=0,
                label=_t("still_maturing", language) if k == 0 else None,
            )
        ax.fill_between(
            x,
            weekly["cum_ci_low"].to_numpy(dtype="float64"),
            weekly["cum_ci_high"].to_numpy(dtype="float64"),
            color=PALETTE["sky"],
            alpha=0.35,
            label=_t("range_so_far", language),
            linewidth=0,
        )
        ax.plot(
            x,
            weekly["cum_rate"].to_numpy(dtype="float64"),
            color=PALETTE["blue"],
            linewidth=2.5,
            marker="o",
            label=_t("rate_so_far", language),
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            single = weekly["successes"].to_numpy(dtype="float64") / weekly["n"].to_numpy(
                dtype="float64"
            )
        single = np.where(immature, np.nan, single)
        ax.scatter(
            x,
            single,
            facecolor="none",
            edgecolor=PALETTE["grey"],
            s=40,
            label=_t("single_week", language),
            zorder=2,
        )
        _target_line(ax, target, vertical=False, language=language)
        top = float(
            np.nanmax(
                np.r_[weekly["cum_ci_high"].to_numpy(dtype="float64"), single, (target or 0), 0.01]
            )
        )
        ax.set_ylim(0, min(1.0, top * 1.15 + 0.01))
        _percent(ax.yaxis, language)
        ax.set_ylabel(_t("rate_so_far_axis", language))
        ax.set_xlabel(_t("first_week", language))
        ax.set_title(_title(title), loc="left")
        _legend_below(fig, ax.get_legend_handles_labels()[0])
        fig.autofmt_xdate()
    return fig
