"""The segment heatmap: a rate per cell of two factors, marked by verdict."""

from __future__ import annotations

from typing import Unpack

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from icplab.core.schema import ordered_levels
from icplab.report import text as txt
from icplab.report.plots.style import (
    LEGEND_ORDER,
    STYLE,
    VERDICT_MARKS,
    FigureWords,
    _figure,
    _label,
    _levels_note,
    _percent,
    _t,
    _title,
    _with_note,
    figure_words,
    message_figure,
)
from icplab.report.tables import top_rows


def heatmap(
    segments: pd.DataFrame,
    rows: str = "industry",
    cols: str = "size_band",
    target: float | None = None,
    **words: Unpack[FigureWords],
) -> Figure:
    """Rate of every ``rows`` x ``cols`` cell, coloured by rate, marked with its verdict.

    Parameters
    ----------
    segments
        One row per cell with ``rows``, ``cols``, ``n``, ``rate`` and optionally ``verdict``
        (``pass``/``fail``/``inconclusive``/``untested``), as in the ``segments`` of
        :func:`icplab.icp.refine.refine`.
    target
        Target rate, shown in the colour bar as a labelled line.
    **words
        ``title``, ``language``, ``max_levels`` (:class:`icplab.report.plots.style.FigureWords`):
        with more than ``max_levels`` ``rows`` levels only the largest (by contacts) get a
        row; the rest are pooled into one ``other`` row per column (rate of their summed
        counts, no verdict), and a sentence under the map says how many.

    Returns
    -------
    matplotlib.figure.Figure
        A heatmap; each cell shows its rate, its verdict symbol and its ``n``. Cells
        without contacts stay blank and say ``no data``.

    Examples
    --------
    >>> s = pd.DataFrame({"industry": ["IT", "IT"], "size_band": ["1-49", "50-199"],
    ...                   "n": [40, 60], "rate": [0.1, 0.25], "verdict": ["fail", "pass"]})
    >>> fig = heatmap(s, target=0.15)
    >>> sorted(t.get_text().splitlines()[0] for t in fig.axes[0].texts)
    ['10.0 % ✗', '25.0 % ✓']
    """
    title, language, max_levels = figure_words(words, "title_heatmap")
    if segments.empty:
        return message_figure(_t("no_map", language), title)
    segments, other_row, note = _heatmap_rows(segments, rows, cols, max_levels, language)
    row_levels = ordered_levels(segments[rows].astype(str).unique())
    if other_row:
        row_levels = [v for v in row_levels if v != other_row] + [other_row]
    col_levels = ordered_levels(segments[cols].astype(str).unique())
    s = segments.assign(_r=segments[rows].astype(str), _c=segments[cols].astype(str))
    grid = np.full((len(row_levels), len(col_levels)), np.nan)
    ri = {v: i for i, v in enumerate(row_levels)}
    ci = {v: i for i, v in enumerate(col_levels)}
    r_idx = s["_r"].map(ri).to_numpy()
    c_idx = s["_c"].map(ci).to_numpy()
    grid[r_idx, c_idx] = s["rate"].to_numpy(dtype="float64")
    with matplotlib.rc_context(STYLE):
        fig = _figure(2.0 + 1.9 * len(col_levels) + 1.5, 1.5 + 0.8 * len(row_levels) + 0.6)
        ax = fig.add_subplot()
        cmap = matplotlib.colormaps["cividis"].with_extremes(bad="#F2F2F2")
        vmax = float(np.nanmax(np.r_[grid.ravel(), (target or 0) * 1.5, 0.01]))
        im = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=0, vmax=vmax, aspect="auto")
        ax.set_xticks(np.arange(len(col_levels)), [_label(v) for v in col_levels])
        ax.set_yticks(np.arange(len(row_levels)), [_label(v) for v in row_levels])
        ax.set_xlabel(txt.word_or(f"plot.axis_{cols}", cols.replace("_", " "), language))
        ax.set_ylabel(txt.word_or(f"plot.axis_{rows}", rows.replace("_", " "), language))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        verdicts = s["verdict"].astype(str).tolist() if "verdict" in s.columns else [""] * len(s)
        n_values = s["n"].tolist() if "n" in s.columns else [None] * len(s)
        rates = pd.to_numeric(s["rate"], errors="coerce").to_numpy(dtype="float64")  # None: nan
        for r, c, rate, v, n in zip(r_idx, c_idx, rates, verdicts, n_values, strict=True):
            mark = VERDICT_MARKS.get(v, "")
            shade = (float(rate) / vmax) if vmax > 0 and np.isfinite(rate) else 0
            colour = "black" if shade > 0.55 else "white"
            text = f"{txt.pct(float(rate), language)} {mark}".rstrip()
            if n is not None:
                text += f"\nn = {txt.integer(n, language)}"
            ax.text(
                c,
                r,
                text,
                ha="center",
                va="center",
                fontsize=11,
                color=colour,
                fontweight="bold" if v == "pass" else "normal",
            )
        for r, c in zip(*np.where(np.isnan(grid)), strict=True):
            ax.text(
                c,
                r,
                _t("no_data", language),
                ha="center",
                va="center",
                fontsize=10,
                color="#666666",
            )
        bar = fig.colorbar(im, ax=ax, shrink=0.85)
        _percent(bar.ax.yaxis, language)
        bar.set_label(_t("rate", language))
        if target is not None:
            bar.ax.axhline(target, color="white", linewidth=3)
            bar.ax.axhline(target, color="black", linewidth=1.5, linestyle="--")
            bar.set_label(_t("rate_target", language).format(target=txt.pct(target, language)))
        legend = "  ".join(
            f"{VERDICT_MARKS[v]} {txt.verdict_word(v, language, short=True)}"
            for v in LEGEND_ORDER
            if v != "so_far" or {"so_far", "below_target_so_far"} & set(verdicts)
        )
        ax.set_title(_title(title), loc="left")
        fig.supxlabel(_with_note(legend, note), fontsize=11)
    return fig


def _heatmap_rows(
    segments: pd.DataFrame, rows: str, cols: str, limit: int, language: str
) -> tuple[pd.DataFrame, str, str]:
    """The cells :func:`heatmap` draws: the ``limit`` largest ``rows`` levels by contacts,
    the others pooled per column into one ``other`` row; its label and the sentence."""
    if "n" not in segments.columns:
        return segments, "", ""
    keys = segments[rows].astype(str)
    size = segments.groupby(keys, sort=False)["n"].sum().rename_axis(rows).reset_index()
    shown = top_rows(size, limit, size_col="n")
    if not shown.hidden:
        return segments, "", ""
    big = keys.isin(set(shown.table[rows].astype(str)))
    rest = segments[~big]
    label = txt.word("other_levels", language, k=txt.integer(shown.hidden, language))
    by_col = rest[cols].astype(str)
    n = rest.groupby(by_col, sort=False)["n"].sum()
    succ = (rest["rate"] * rest["n"]).groupby(by_col, sort=False).sum()
    pooled = pd.DataFrame(
        {rows: label, cols: n.index, "n": n.to_numpy(), "rate": (succ / n.where(n > 0)).to_numpy()}
    )
    if "verdict" in segments.columns:
        pooled["verdict"] = "other"
    out = pd.concat([segments[big], pooled], ignore_index=True)
    return out, label, _levels_note(shown, rows, "pooled", language)
