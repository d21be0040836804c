"""Figures of rates against the target and of differences to the baseline (overall and per
segment), coloured and marked by verdict."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Unpack

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from icplab.report import text as txt
from icplab.report.plots.style import (
    PALETTE,
    STYLE,
    FigureWords,
    LevelWords,
    _figure,
    _label,
    _legend_below,
    _levels_note,
    _percent,
    _t,
    _target_line,
    _title,
    _verdict_colours,
    _verdict_legend,
    _with_note,
    figure_words,
    level_words,
    message_figure,
)
from icplab.report.tables import baseline_mask, top_rows
from icplab.stats.proportions import wilson_interval


def _rates_shown(
    table: pd.DataFrame, level_col: str, factor: str, limit: int, language: str
) -> tuple[pd.DataFrame, str]:
    """The rows :func:`rates` draws (the largest, plus a pooled ``other`` row) and the
    sentence on the rest."""
    shown = top_rows(table, limit, keep=baseline_mask(table))
    t = shown.table
    if not shown.hidden:
        return t, ""
    rest = shown.rest
    how = "not_drawn"
    if {"successes", "n"} <= set(rest.columns):
        s, n = float(rest["successes"].sum()), float(rest["n"].sum())
        if n > 0:
            lo, hi = wilson_interval(np.array([s]), np.array([n]))
            other = {
                level_col: txt.word(
                    "other_levels", language, k=txt.integer(shown.hidden, language)
                ),
                "n": int(n),
                "successes": int(s),
                "rate": s / n,
                "ci_low": float(np.asarray(lo)[0]),
                "ci_high": float(np.asarray(hi)[0]),
            }
            if "verdict" in t.columns:
                other["verdict"] = "other"
            t = pd.concat([t, pd.DataFrame([other])], ignore_index=True)
            how = "pooled"
    return t.reset_index(drop=True), _levels_note(shown, factor, how, language)


def rates(
    table: pd.DataFrame,
    target: float | None = None,
    xlabel: str | None = None,
    target_col: str | None = None,
    **words: Unpack[LevelWords],
) -> Figure:
    """Rate of each level with its 95 % Wilson interval, against the target line.

    Parameters
    ----------
    table
        One row per level with ``level`` (or the keyword ``level_col``), ``n``, ``rate``, ``ci_low``,
        ``ci_high`` and optionally ``verdict`` (``pass``/``fail``/``inconclusive``) to
        colour the points, as in :func:`icplab.icp.compare.compare_result`'s table. Rows whose
        ``kind`` is ``mean`` (value metrics: amounts, not rates) are left out.
    target
        The metric's target rate; drawn as a labelled dashed line.
    xlabel
        The label of the rate axis; default: "rate (bar: 95 % range of plausible values)"
        in the language.
    target_col
        Instead of one ``target``: a column with each row's own target (rows are different
        metrics), drawn as a black tick on each row.
    **words
        ``title`` (e.g. ``"Reply rate by salutation"``), ``language``, ``max_levels``,
        ``level_col``, ``factor`` (:class:`icplab.report.plots.style.LevelWords`): with
        more than ``max_levels`` rows only the largest (by contacts; the baseline row
        ``is_baseline`` always) are drawn, the rest pooled into one grey ``other`` row
        (Wilson interval of their summed counts, no verdict) and counted in words under the
        axis (``factor`` names the column there).

    Returns
    -------
    matplotlib.figure.Figure
        A dot per level (coloured by verdict) with a horizontal interval bar, and
        ``n = ...`` labels; the legend sits below the plot.

    Examples
    --------
    >>> t = pd.DataFrame({"level": ["IT"], "n": [50], "rate": [0.2], "ci_low": [0.11],
    ...                   "ci_high": [0.33]})
    >>> len(rates(t, target=0.15).axes[0].collections) >= 1
    True
    """
    title, language, max_levels = figure_words(words, "title_rates")
    level_col, factor = level_words(words)
    if "kind" in table.columns:  # a value metric (an amount per contact) is not a rate
        table = table[table["kind"].astype(str) != "mean"]
    if table.empty:
        return message_figure(_t("no_rates", language), title)
    t, note = _rates_shown(table, level_col, factor, max_levels, language)
    levels = [_label(v) for v in t[level_col]]
    y = np.arange(len(t))[::-1]
    colours = _verdict_colours(t)
    with matplotlib.rc_context(STYLE):
        fig = _figure(9, 1.0 + 0.62 * len(t) + 1.2)
        ax = fig.add_subplot()
        rate = t["rate"].to_numpy(dtype="float64")
        lo = t["ci_low"].to_numpy(dtype="float64")
        hi = t["ci_high"].to_numpy(dtype="float64")
        for yi, a, b, c in zip(y, lo, hi, colours, strict=True):
            ax.plot([a, b], [yi, yi], color=c, linewidth=4, alpha=0.55, solid_capstyle="round")
        ax.scatter(rate, y, s=110, color=colours, zorder=3, edgecolor="white", linewidth=1.2)
        labels = levels
        if "n" in t.columns:
            labels = [
                f"{lv}  (n = {txt.integer(n, language)})"
                for lv, n in zip(levels, t["n"], strict=True)
            ]
        ax.set_yticks(y, labels)
        for yi, r in zip(y, rate, strict=True):
            ax.text(r, yi + 0.16, txt.pct(r, language), ha="center", va="bottom", fontsize=11)
        targets = (
            t[target_col].to_numpy(dtype="float64") if target_col else np.array([], dtype="float64")
        )
        if target_col:
            ax.scatter(
                targets,
                y,
                marker="|",
                s=900,
                linewidths=2.5,
                color=PALETTE["black"],
                zorder=4,
                label=_t("target", language),
            )
        right = float(np.nanmax(np.r_[hi, targets, target or 0.0]))
        ax.set_xlim(0, min(1.0, right * 1.25 + 0.02))
        ax.set_ylim(-0.7, len(t) - 0.3)
        _percent(ax.xaxis, language)
        ax.set_xlabel(_with_note(xlabel or _t("rate_range", language), note))
        ax.set_title(_title(title), loc="left")
        _target_line(ax, target, vertical=True, language=language)
        extra = [h for h in ax.get_legend_handles_labels()[0]]
        _verdict_legend(
            ax, list(t["verdict"]) if "verdict" in t.columns else [], extra, language=language
        )
    return fig


def _difference_marks(
    ax: Any,
    y: np.ndarray,
    d: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    sig: np.ndarray,
    language: str,
) -> None:
    """The zero line, each difference's range as a bar and its estimate as a dot: filled
    blue where the difference is clear, hollow grey where it could be chance."""
    ax.axvline(0, color=PALETTE["black"], linewidth=1.4, label=_t("no_difference", language))
    for yi, a, b, s in zip(y, lo, hi, sig, strict=True):
        c = PALETTE["blue"] if s else PALETTE["grey"]
        ax.plot([a, b], [yi, yi], color=c, linewidth=4, alpha=0.6, solid_capstyle="round")
    clear, chance = _t("clear_difference", language), _t("chance", language)
    ax.scatter(d[sig], y[sig], s=110, color=PALETTE["blue"], zorder=3, label=clear)
    ax.scatter(
        d[~sig], y[~sig], s=110, facecolor="white", edgecolor=PALETTE["grey"], linewidth=2,
        zorder=3, label=chance,
    )  # fmt: skip
    for yi, v in zip(y, d, strict=True):
        ax.text(v, yi + 0.18, txt.pp(v, language), ha="center", va="bottom", fontsize=11)


def _diff_arrays(t: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The differences and their interval ends of a comparison table, as float arrays."""
    d, lo, hi = (t[c].to_numpy(dtype="float64") for c in ("diff", "diff_ci_low", "diff_ci_high"))
    return d, lo, hi


def differences(
    table: pd.DataFrame, baseline: str | None = None, **words: Unpack[LevelWords]
) -> Figure:
    """Difference of each level to the baseline with its 95 % interval, and a zero line.

    Parameters
    ----------
    table
        Comparison table with ``level``, ``diff``, ``diff_ci_low``, ``diff_ci_high`` and
        optionally ``significant`` (bool); rows without ``diff`` (the baseline) are skipped.
    baseline
        Name of the baseline level, for the axis label.
    **words
        ``title``, ``language``, ``max_levels``, ``level_col``, ``factor``
        (:class:`icplab.report.plots.style.LevelWords`): with more than ``max_levels``
        compared levels only the largest (by contacts) are drawn; how many are not is said
        under the axis (``factor`` names the column).

    Returns
    -------
    matplotlib.figure.Figure
        A dot and interval per compared level, in percentage points; significant
        differences are drawn filled and marked with ``*``, the others hollow.

    Examples
    --------
    >>> t = pd.DataFrame({"level": ["sie", "du"], "diff": [None, 0.05],
    ...                   "diff_ci_low": [None, 0.01], "diff_ci_high": [None, 0.09],
    ...                   "significant": [None, True]})
    >>> fig = differences(t, baseline="sie")
    >>> [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    ['du *']
    """
    title, language, max_levels = figure_words(words, "title_differences")
    level_col, factor = level_words(words)
    if "diff" not in table.columns:
        return message_figure(_t("one_group", language), title)
    t = table[pd.to_numeric(table["diff"], errors="coerce").notna()].reset_index(drop=True)
    if t.empty:
        return message_figure(_t("one_group", language), title)
    shown = top_rows(t, max_levels)
    t, note = shown.table, _levels_note(shown, factor, "not_drawn", language)
    sig = (
        t["significant"].fillna(False).astype(bool).to_numpy()
        if "significant" in t.columns
        else np.zeros(len(t), dtype=bool)
    )
    d, lo, hi = _diff_arrays(t)
    y = np.arange(len(t))[::-1]
    with matplotlib.rc_context(STYLE):
        fig = _figure(9, 1.0 + 0.62 * len(t) + 1.2)
        ax = fig.add_subplot()
        _difference_marks(ax, y, d, lo, hi, sig, language)
        labels = [
            f"{_label(lv)} *" if s else _label(lv) for lv, s in zip(t[level_col], sig, strict=True)
        ]
        ax.set_yticks(y, labels)
        span = float(np.nanmax(np.abs(np.r_[lo, hi, 0.01])))
        ax.set_xlim(-span * 1.3, span * 1.3)
        ax.set_ylim(-0.7, len(t) - 0.3)
        _percent(ax.xaxis, language)
        base = f"'{_label(baseline)}'" if baseline else _t("the_baseline", language)
        ax.set_xlabel(_with_note(_t("difference_to", language).format(base=base), note))
        ax.set_title(_title(title), loc="left")
        _legend_below(fig, ax.get_legend_handles_labels()[0])
    return fig


def segment_effects(
    effects: pd.DataFrame,
    baseline: str,
    within: str,
    overall: pd.Series | None = None,
    **words: Unpack[FigureWords],
) -> Figure:
    """Forest plot: the difference to ``baseline`` inside each segment, with its interval.

    Parameters
    ----------
    effects
        ``WithinResult.effects()``: ``segment``, ``level``, ``diff``, ``diff_ci_low``,
        ``diff_ci_high``, ``significant``.
    baseline
        The baseline level (the same in every segment).
    within
        The segmenting column (for the axis label).
    overall
        Optional row of the overall comparison (``diff``, ``diff_ci_low``,
        ``diff_ci_high``, ``significant``, ``level``), drawn last as ``all contacts``.
    **words
        ``title`` (default: none), ``language``, ``max_levels``
        (:class:`icplab.report.plots.style.FigureWords`): with more than ``max_levels``
        segment rows only the largest (by the contacts of both compared levels) are drawn;
        how many are not is said under the axis.

    Returns
    -------
    matplotlib.figure.Figure
        One dot and bar per segment (filled and marked ``*`` when clear), a zero line, and
        the sides labelled with the level each side favours.

    Examples
    --------
    >>> e = pd.DataFrame({"segment": ["IT", "Bau"], "level": ["sie", "sie"],
    ...                   "diff": [-0.08, 0.03], "diff_ci_low": [-0.11, 0.002],
    ...                   "diff_ci_high": [-0.05, 0.05], "significant": [True, False]})
    >>> fig = segment_effects(e, "du", "industry")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['IT *', 'Bau']
    """
    title, language, max_levels = figure_words(words, "")
    t = effects[pd.to_numeric(effects["diff"], errors="coerce").notna()].reset_index(drop=True)
    if t.empty:
        return message_figure(_t("no_segment_pairs", language), title)
    if {"n", "base_n"} <= set(t.columns):
        t = t.assign(_size=t["n"] + t["base_n"])
    shown = top_rows(t, max_levels, size_col="_size" if "_size" in t.columns else None)
    if "n" in t.columns:  # contacts left out: of the compared levels (baselines repeat)
        shown = replace(shown, hidden_contacts=int(shown.rest["n"].sum()))
    several = t["level"].nunique() > 1
    t = shown.table
    note = _levels_note(shown, "" if several else within, "not_drawn", language)
    names = [
        f"{_label(s)}: {_label(lv)}" if several else _label(s)
        for s, lv in zip(t["segment"], t["level"], strict=True)
    ]
    d, lo, hi = _diff_arrays(t)
    sig = t["significant"].fillna(False).astype(bool).to_numpy()
    if overall is not None and pd.notna(overall.get("diff")):
        names.append(_t("all_contacts", language))
        d = np.r_[d, float(overall["diff"])]
        lo = np.r_[lo, float(overall["diff_ci_low"])]
        hi = np.r_[hi, float(overall["diff_ci_high"])]
        flag = overall.get("significant")
        sig = np.r_[sig, bool(flag) if flag is not None and not pd.isna(flag) else False]
    k = len(names)
    y = np.arange(k)[::-1].astype(float)
    if overall is not None and k > len(t):
        y[-1] -= 0.5  # a gap before the overall row
    labels = [f"{n} *" if s else n for n, s in zip(names, sig, strict=True)]
    level = str(t["level"].iloc[0])
    with matplotlib.rc_context(STYLE):
        fig = _figure(9.5, 1.3 + 0.55 * k + 1.3)
        ax = fig.add_subplot()
        span = float(np.nanmax(np.abs(np.r_[lo, hi, 0.01])))
        ax.axvspan(0, span * 1.35, color=PALETTE["sky"], alpha=0.08, zorder=0)
        ax.axvspan(-span * 1.35, 0, color=PALETTE["orange"], alpha=0.08, zorder=0)
        _difference_marks(ax, y, d, lo, hi, sig, language)
        ax.set_yticks(y, labels)
        ax.set_xlim(-span * 1.35, span * 1.35)
        ax.set_ylim(min(y) - 0.7, max(y) + 0.9)
        for x, lv, ha in ((0.99, level, "right"), (0.01, baseline, "left")):
            ax.text(
                x,
                0.995,
                _t("better_for", language).format(level=_label(lv)),
                transform=ax.transAxes,
                ha=ha,
                va="top",
                fontsize=11,
                color="#444444",
            )
        _percent(ax.xaxis, language)
        ax.set_xlabel(
            _with_note(
                _t(
                    "difference_within",
                    language,
                ).format(
                    level=_label(level),
                    base=_label(baseline),
                    within=txt.column_word(within, language),
                ),
                note,
            )
        )
        if title:
            ax.set_title(_title(title), loc="left")
        _legend_below(fig, ax.get_legend_handles_labels()[0])
    return fig
