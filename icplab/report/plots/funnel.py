"""The funnel figure: counts per stage and the conversion from the previous stage."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from icplab.report import text as txt
from icplab.report.plots.style import (
    FUNNEL_STAGES,
    PALETTE,
    STYLE,
    _figure,
    _label,
    _levels_note,
    _t,
    _with_note,
    message_figure,
)
from icplab.report.tables import top_rows

FUNNEL_PANELS = 6


def funnel(
    table: pd.DataFrame, by: str | None = None, title: str | None = None, language: str = "en"
) -> Figure:
    """Funnel from contacted to deal: counts and the conversion from the previous stage.

    Parameters
    ----------
    table
        Count table as returned by :func:`icplab.data.counts.counts`: the count columns
        ``contacted``, ``replied``, ``meeting`` and, when present, ``qualified`` and ``deal``;
        with ``by`` a column naming the group of each row (e.g. ``campaign``).
    by
        Optional group column; one panel per group (largest first, at most
        :data:`FUNNEL_PANELS`; a sentence under the figure says how many are not drawn).
    title
        Figure title (default: the catalogue's ``report.funnel_title``, ``Outreach funnel``).

    Returns
    -------
    matplotlib.figure.Figure
        One horizontal bar chart per group. Each bar is labelled with its count and the
        percentage of the previous stage (and of all contacted) that reached it.

    Examples
    --------
    >>> t = pd.DataFrame({"contacted": [1000], "replied": [150], "meeting": [60]})
    >>> fig = funnel(t)
    >>> [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    ['Contacted', 'Replied', 'Meeting']
    """
    title = txt.word("funnel_title", language) if title is None else title
    stages = [c for c in FUNNEL_STAGES if c in table.columns]
    if table.empty or "contacted" not in table.columns or int(table["contacted"].sum()) == 0:
        return message_figure(_t("no_funnel", language), title)
    note = ""
    if by is None:
        groups = [("", table[stages].sum())]
    else:
        summed = table.groupby(by, observed=True, sort=False)[stages].sum()
        shown = top_rows(summed.reset_index(), FUNNEL_PANELS, size_col="contacted")
        note = _levels_note(shown, by, "not_drawn", language)
        top = shown.table.sort_values("contacted", ascending=False, kind="stable")
        groups = [(str(row[by]), row) for _, row in top.iterrows()]
    with matplotlib.rc_context(STYLE):
        ncols = min(len(groups), 2)
        nrows = int(np.ceil(len(groups) / ncols))
        fig = _figure(5.2 * ncols, 0.7 * len(stages) * nrows + 1.6)
        axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
        for ax, (name, row) in zip(axes, groups, strict=False):
            values = np.array([float(row[c]) for c in stages])
            y = np.arange(len(stages))[::-1]
            ax.barh(y, values, color=PALETTE["blue"], height=0.65)
            ax.set_yticks(y, [_t(c, language) for c in stages])
            top = values[0] if values[0] > 0 else 1.0
            for i, v in enumerate(values):
                if i == 0:
                    text = txt.integer(v, language)
                else:
                    prev = values[i - 1]
                    step = v / prev if prev > 0 else float("nan")
                    text = f"{txt.integer(v, language)}  ({txt.pct(step, language)})"
                ax.text(v + top * 0.01, y[i], text, va="center", fontsize=11)
            ax.set_xlim(0, top * 1.6)
            ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: txt.integer(v, language)))
            ax.set_xlabel(_t("prospects", language))
            if name:
                ax.set_title(_label(name), fontsize=14)
        for ax in axes[len(groups) :]:
            ax.set_axis_off()
        fig.suptitle(title, fontsize=16, fontweight="bold")
        fig.supxlabel(
            _with_note(_t("funnel_note", language), note),
            fontsize=11,
            color="#444444",
        )
    return fig
