"""Figures of the funnel-and-value and closed-loop reports: value per contact by segment,
rejection reasons by segment.

Pure functions from tidy tables to :class:`matplotlib.figure.Figure` (no pyplot), in the
style of :mod:`icplab.report.plots` (its palette, fonts and wording helpers).

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"cell": ["IT 500+", "Handel 1-49"], "value_per_contact": [900.0, 20.0],
...                   "ci_low": [500.0, 0.0], "ci_high": [1600.0, float("nan")]})
>>> fig = value_per_contact(t, target=150)
>>> [x.get_text() for x in fig.axes[0].get_yticklabels()]
['Handel 1-49', 'IT 500+']
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from icplab.report.plots.style import PALETTE, STYLE, _figure, _percent, _t, message_figure
from icplab.report.text import (
    PLOT_LABEL_LIMIT,
    TITLE_LIMIT,
    localise,
    money,
    plot_text,
    short_label,
)

REASON_COLOURS: tuple[str, ...] = (
    PALETTE["blue"],
    PALETTE["orange"],
    PALETTE["green"],
    PALETTE["purple"],
    PALETTE["sky"],
    PALETTE["vermillion"],
    PALETTE["yellow"],
    PALETTE["grey"],
)


def value_per_contact(
    table: pd.DataFrame,
    target: float | None = None,
    title: str | None = None,
    language: str = "en",
    top: int = 12,
) -> Figure:
    """Value per contact of each cell with its plausible range, ranked by evidence.

    Cells are ordered by the lower end of their range (then by the value), so a cell
    whose high value rests on one deal does not top the chart.

    Parameters
    ----------
    table
        Columns ``cell`` (label), ``value_per_contact``, ``ci_low``, ``ci_high`` (NaN: an
        open upper end, drawn as an arrow to the edge).
    target
        EUR per contact, drawn as a dashed line.
    top
        At most this many cells (the highest).
    """
    title = _t("title_value", language) if title is None else title
    t = table.dropna(subset=["value_per_contact"])
    if t.empty or not (pd.to_numeric(t["value_per_contact"], errors="coerce") > 0).any():
        # no value above 0 anywhere: an axis of 0-1 EUR would read "0 0 0 1 1 1"
        return message_figure(_t("no_values", language), title)
    t = t.assign(_low=pd.to_numeric(t["ci_low"], errors="coerce").fillna(-np.inf))
    t = t.sort_values(["_low", "value_per_contact"], ascending=False).head(top).iloc[::-1]
    with matplotlib.rc_context(STYLE):
        fig = _figure(8.5, 0.45 * len(t) + 1.8)
        ax = fig.add_subplot()
        y = np.arange(len(t))
        v = t["value_per_contact"].to_numpy(dtype="float64")
        lo = t["ci_low"].to_numpy(dtype="float64")
        hi = t["ci_high"].to_numpy(dtype="float64")
        # the axis ends at 2.5 x the largest value: longer (or open) ranges get an arrow
        edge = float(np.nanmax(v)) * 2.5 if float(np.nanmax(v)) > 0 else 1.0
        hi = np.where(np.isfinite(hi) & (hi <= edge), hi, np.nan)
        ax.barh(y, v, color=PALETTE["sky"], height=0.6)
        for i in range(len(t)):
            right = hi[i] if np.isfinite(hi[i]) else edge
            ax.plot([lo[i], right], [y[i], y[i]], color=PALETTE["black"], linewidth=1.6)
            if not np.isfinite(hi[i]):
                ax.annotate(
                    "",
                    xy=(edge, y[i]),
                    xytext=(edge * 0.96, y[i]),
                    arrowprops={"arrowstyle": "->", "color": PALETTE["black"]},
                )
        if target is not None and np.isfinite(target):
            ax.axvline(target, color=PALETTE["black"], linestyle="--", linewidth=1.4)
            ax.text(
                target,
                len(t) - 0.4,
                f" {_t('target', language)} {money(target, language)}",
                fontsize=11,
                va="bottom",
            )
        ax.set_yticks(y, [plot_text(short_label(c, PLOT_LABEL_LIMIT)) for c in t["cell"]])
        ax.set_xlim(0, edge)
        ax.set_xlabel("EUR")
        ax.xaxis.set_major_formatter(
            matplotlib.ticker.FuncFormatter(lambda v, _: localise(f"{v:,.0f}", language))
        )
        ax.set_title(plot_text(short_label(title, TITLE_LIMIT)), loc="left")
    return fig


def reason_shares(table: pd.DataFrame, title: str | None = None, language: str = "en") -> Figure:
    """Stacked bars: the share of each rejection reason within each level.

    Parameters
    ----------
    table
        Tidy rows ``level``, ``reason``, ``count``, ``share`` (``ReasonsResult.to_frame()``).

    Examples
    --------
    >>> t = pd.DataFrame({"level": ["IT", "IT", "Handel"], "reason": ["Timing", "kein Budget",
    ...                   "kein Budget"], "count": [3, 1, 2], "share": [0.75, 0.25, 1.0]})
    >>> len(reason_shares(t).axes[0].patches)
    4
    """
    title = _t("title_reasons", language) if title is None else title
    if table.empty:
        return message_figure(_t("no_reasons", language), title)
    wide = table.pivot(index="level", columns="reason", values="share").fillna(0.0)
    wide = wide.iloc[::-1]
    reasons = list(table.groupby("reason")["count"].sum().sort_values(ascending=False).index)
    with matplotlib.rc_context(STYLE):
        fig = _figure(9, 0.5 * len(wide) + 2.2)
        ax = fig.add_subplot()
        left = np.zeros(len(wide))
        y = np.arange(len(wide))
        for k, r in enumerate(reasons):
            w = wide[r].to_numpy(dtype="float64") if r in wide.columns else np.zeros(len(wide))
            ax.barh(
                y,
                w,
                left=left,
                color=REASON_COLOURS[k % len(REASON_COLOURS)],
                label=plot_text(short_label(r, PLOT_LABEL_LIMIT)),
                height=0.65,
            )
            left += w
        ax.set_yticks(y, [plot_text(short_label(x, PLOT_LABEL_LIMIT)) for x in wide.index])
        ax.set_xlim(0, 1)
        _percent(ax.xaxis, language)
        ax.set_title(plot_text(short_label(title, TITLE_LIMIT)), loc="left")
        fig.legend(loc="outside lower center", ncols=min(len(reasons), 4), frameon=False)
    return fig
