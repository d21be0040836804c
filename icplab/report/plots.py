"""Report figures: funnel, rates against target, differences, segment heatmap, rate over time.

Every function is pure: it takes a tidy DataFrame and returns a new
:class:`matplotlib.figure.Figure` built without pyplot (safe under the ``Agg`` backend, no
global state, nothing shown). Figures use large fonts, plain-language titles, percent axes,
the colour-blind-safe Okabe-Ito palette (verdicts are also marked with a symbol, so colour is
never the only cue) and labelled target lines. With nothing to plot, a figure says so in
words instead of raising.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"level": ["du", "sie"], "n": [200, 180], "successes": [40, 20],
...                       "rate": [0.2, 20 / 180], "ci_low": [0.15, 0.07],
...                       "ci_high": [0.26, 0.16], "verdict": ["pass", "inconclusive"]})
>>> fig = rates(table, target=0.15, title="Reply rate by salutation")
>>> fig.axes[0].get_title(loc="left")
'Reply rate by salutation'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from icplab.core.metrics import Metric
from icplab.core.schema import ordered_levels
from icplab.data.maturity import mature_frame, maturity_mask, resolve_as_of
from icplab.report import text as txt
from icplab.report.tables import MAX_LEVELS_SHOWN, Shown, left_out_sentence, top_rows
from icplab.stats.proportions import wilson_interval

#: Okabe-Ito colours (safe for the common colour-vision deficiencies).
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "sky": "#56B4E9",
    "green": "#009E73",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
    "black": "#000000",
}
#: Colour of each verdict.
VERDICT_COLOURS: dict[str, str] = {
    "pass": PALETTE["green"],
    "fail": PALETTE["vermillion"],
    "inconclusive": PALETTE["orange"],
    "untested": "#C8C8C8",
    # no send dates: below target so far, a provisional miss (a light vermillion, with its
    # own mark), never the grey of an untested or failed result
    "so_far": "#F4A582",
    "below_target_so_far": "#F4A582",
    "candidate": PALETTE["sky"],
    "other": PALETTE["grey"],  # levels pooled for display: no verdict of their own
}
#: Symbol printed next to each verdict (colour is never the only cue).
VERDICT_MARKS: dict[str, str] = {
    "pass": "\u2713",  # check mark
    "fail": "\u2717",  # ballot x
    "inconclusive": "?",
    "untested": "\u2013",  # en dash
    "so_far": "\u2193",  # downwards arrow: below, not final
    "below_target_so_far": "\u2193",
    "candidate": "?",
}
#: Words shown in legends for each verdict.
VERDICT_WORDS: dict[str, str] = {
    "pass": "meets target",
    "fail": "misses target",
    "inconclusive": "not yet clear",
    "untested": "too few contacts",
    "so_far": "below target so far",
    "below_target_so_far": "below target so far",
    "candidate": "not yet clear",
}
#: Verdicts in the order legends list them.
LEGEND_ORDER: tuple[str, ...] = ("pass", "inconclusive", "so_far", "fail", "untested")
#: Funnel stages in order, with their plain-language names.
FUNNEL_STAGES: tuple[tuple[str, str], ...] = (
    ("contacted", "Contacted"),
    ("replied", "Replied"),
    ("meeting", "Meeting"),
    ("qualified", "Qualified"),
    ("deal", "Deal"),
)

#: German text of every English label the figures use (home: :mod:`icplab.report.text`).
GERMAN: dict[str, str] = txt.PLOT_GERMAN


def _t(text: str, language: str = "en") -> str:
    """``text`` in ``language`` (English text is the key; unknown text stays as is).

    Examples
    --------
    >>> _t("target", "de"), _t("target")
    ('Ziel', 'target')
    """
    return txt.plot_word(text, language)


STYLE: Any = {  # matplotlib rc parameters (Any: rc_context types its keys as literals)
    "font.size": 13,
    "axes.titlesize": 16,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _percent(axis, language: str = "en") -> None:
    fmt: Any = PercentFormatter(xmax=1, decimals=None)
    if language == "de":
        from matplotlib.ticker import FuncFormatter

        fmt = FuncFormatter(lambda v, pos: txt.localise(f"{round(100 * v, 6):g}", "de") + " %")
    axis.set_major_formatter(fmt)


def _pct(x: float, language: str = "en") -> str:
    return txt.pct(x, language)


def _label(value: Any) -> str:
    """A user label (level, segment) made safe for matplotlib (``$`` is not mathtext), on
    one line and at most :data:`icplab.report.text.PLOT_LABEL_LIMIT` characters, so a long
    or multi-line label cannot squeeze the axes away.

    Examples
    --------
    >>> _label("IT\\nmit $5")
    'IT mit \\\\$5'
    """
    return txt.plot_text(txt.short_label(value, txt.PLOT_LABEL_LIMIT))


def _title(value: Any) -> str:
    """A figure title (it may hold a user label) for matplotlib, one line, capped."""
    return txt.plot_text(txt.short_label(value, txt.TITLE_LIMIT))


def _levels_note(shown: Shown, factor: str, how: str, language: str) -> str:
    """The sentence on levels a figure leaves out ("" when it draws them all)."""
    return left_out_sentence(shown, factor, how, language).replace("  ", " ")


def _with_note(label: str, note: str) -> str:
    """An axis label with the left-out sentence on a second, wrapped line."""
    if not note:
        return label
    import textwrap

    return label + "\n" + "\n".join(textwrap.wrap(note, 80))


def message_figure(message: str, title: str = "") -> Figure:
    """A figure that only says, in words, why there is nothing to plot.

    Examples
    --------
    >>> fig = message_figure("No contacts in this segment yet.")
    >>> fig.axes[0].texts[0].get_text()
    'No contacts in this segment yet.'
    """
    with matplotlib.rc_context(STYLE):
        fig = _figure(8, 2.2)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, fontsize=14)
        if title:
            ax.set_title(title)
    return fig


def _target_line(
    ax, target: float | None, vertical: bool, label: str = "target", language: str = "en"
) -> None:
    if target is None:
        return
    kw = {"color": PALETTE["black"], "linestyle": "--", "linewidth": 1.6, "zorder": 1}
    label_text = f"{_t(label, language)} {txt.pct(target, language, 0 if round(100 * target, 1) == round(100 * target) else 1)}"
    if vertical:
        ax.axvline(target, label=label_text, **kw)
    else:
        ax.axhline(target, label=label_text, **kw)


#: Panels of the funnel figure (one per group, largest first).
FUNNEL_PANELS = 6


def funnel(
    table: pd.DataFrame, by: str | None = None, title: str = "Outreach funnel", language: str = "en"
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
        Figure title.

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
    stages = [(c, label) for c, label in FUNNEL_STAGES if c in table.columns]
    if table.empty or "contacted" not in table.columns or int(table["contacted"].sum()) == 0:
        return message_figure(
            _t("No contacts in the data, so there is no funnel to show.", language), title
        )
    note = ""
    if by is None:
        groups = [("", table[[c for c, _ in stages]].sum())]
    else:
        summed = table.groupby(by, observed=True, sort=False)[[c for c, _ in stages]].sum()
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
            values = np.array([float(row[c]) for c, _ in stages])
            y = np.arange(len(stages))[::-1]
            ax.barh(y, values, color=PALETTE["blue"], height=0.65)
            ax.set_yticks(y, [_t(label, language) for _, label in stages])
            top = values[0] if values[0] > 0 else 1.0
            for i, v in enumerate(values):
                if i == 0:
                    text = txt.integer(v, language)
                else:
                    prev = values[i - 1]
                    step = v / prev if prev > 0 else float("nan")
                    text = f"{txt.integer(v, language)}  ({_pct(step, language)})"
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
            _with_note(_t("in brackets: share of the previous step", language), note),
            fontsize=11,
            color="#444444",
        )
    return fig


def _verdict_colours(table: pd.DataFrame) -> list[str]:
    if "verdict" not in table.columns:
        return [PALETTE["blue"]] * len(table)
    return [VERDICT_COLOURS.get(str(v), PALETTE["blue"]) for v in table["verdict"]]


def _verdict_legend(
    ax, verdicts: Sequence[str], extra: Sequence = (), language: str = "en"
) -> None:
    from matplotlib.lines import Line2D

    handles = list(extra)
    shown = {"so_far" if v == "below_target_so_far" else v for v in verdicts}
    for v in LEGEND_ORDER:
        if v in shown:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=10,
                    color=VERDICT_COLOURS[v],
                    label=f"{VERDICT_MARKS[v]} {_t(VERDICT_WORDS[v], language)}",
                )
            )
    if handles:
        _legend_below(ax.figure, handles)


def _legend_below(fig: Figure, handles: Sequence) -> None:
    fig.legend(
        handles=list(handles), loc="outside lower center", ncol=min(len(handles), 4), frameon=False
    )


def _rates_shown(
    table: pd.DataFrame, level_col: str, factor: str, limit: int, language: str
) -> tuple[pd.DataFrame, str]:
    """The rows :func:`rates` draws (the largest, plus a pooled ``other`` row) and the
    sentence on the rest."""
    keep = (
        table["is_baseline"].fillna(False).astype(bool).to_numpy()
        if "is_baseline" in table.columns
        else None
    )
    shown = top_rows(table, limit, keep=keep)
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
    title: str = "Rate per group",
    level_col: str = "level",
    xlabel: str | None = None,
    target_col: str | None = None,
    language: str = "en",
    factor: str = "",
    max_levels: int = MAX_LEVELS_SHOWN,
) -> Figure:
    """Rate of each level with its 95 % Wilson interval, against the target line.

    Parameters
    ----------
    table
        One row per level with ``level`` (or ``level_col``), ``n``, ``rate``, ``ci_low``,
        ``ci_high`` and optionally ``verdict`` (``pass``/``fail``/``inconclusive``) to
        colour the points, as in :func:`icplab.icp.compare.compare`'s table. Rows whose
        ``kind`` is ``mean`` (value metrics: amounts, not rates) are left out.
    target
        The metric's target rate; drawn as a labelled dashed line.
    title
        Plain-language title, e.g. ``"Reply rate by salutation"``.
    target_col
        Instead of one ``target``: a column with each row's own target (rows are different
        metrics), drawn as a black tick on each row.
    factor, max_levels
        With more than ``max_levels`` rows only the largest (by contacts; the baseline
        row ``is_baseline`` always) are drawn, the rest pooled into one grey ``other`` row
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
    if "kind" in table.columns:  # a value metric (an amount per contact) is not a rate
        table = table[table["kind"].astype(str) != "mean"]
    if table.empty:
        return message_figure(
            _t("No groups with contacts, so there are no rates to show.", language), title
        )
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
            ax.text(r, yi + 0.16, _pct(r, language), ha="center", va="bottom", fontsize=11)
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
        ax.set_xlabel(
            _with_note(xlabel or _t("rate (bar: 95 % range of plausible values)", language), note)
        )
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
    ax.axvline(0, color=PALETTE["black"], linewidth=1.4, label=_t("no difference", language))
    for yi, a, b, s in zip(y, lo, hi, sig, strict=True):
        c = PALETTE["blue"] if s else PALETTE["grey"]
        ax.plot([a, b], [yi, yi], color=c, linewidth=4, alpha=0.6, solid_capstyle="round")
    clear, chance = _t("clear difference (*)", language), _t("could be chance", language)
    ax.scatter(d[sig], y[sig], s=110, color=PALETTE["blue"], zorder=3, label=clear)
    ax.scatter(
        d[~sig], y[~sig], s=110, facecolor="white", edgecolor=PALETTE["grey"], linewidth=2,
        zorder=3, label=chance,
    )  # fmt: skip


def differences(
    table: pd.DataFrame,
    title: str = "Difference to the baseline",
    level_col: str = "level",
    baseline: str | None = None,
    language: str = "en",
    factor: str = "",
    max_levels: int = MAX_LEVELS_SHOWN,
) -> Figure:
    """Difference of each level to the baseline with its 95 % interval, and a zero line.

    Parameters
    ----------
    table
        Comparison table with ``level``, ``diff``, ``diff_ci_low``, ``diff_ci_high`` and
        optionally ``significant`` (bool); rows without ``diff`` (the baseline) are skipped.
    baseline
        Name of the baseline level, for the axis label.
    factor, max_levels
        With more than ``max_levels`` compared levels only the largest (by contacts) are
        drawn; how many are not is said under the axis (``factor`` names the column).

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
    if "diff" not in table.columns:
        return message_figure(
            _t("Only one group: there is nothing to compare it with.", language), title
        )
    t = table[pd.to_numeric(table["diff"], errors="coerce").notna()].reset_index(drop=True)
    if t.empty:
        return message_figure(
            _t("Only one group: there is nothing to compare it with.", language), title
        )
    shown = top_rows(t, max_levels)
    t, note = shown.table, _levels_note(shown, factor, "not_drawn", language)
    sig = (
        t["significant"].fillna(False).astype(bool).to_numpy()
        if "significant" in t.columns
        else np.zeros(len(t), dtype=bool)
    )
    d = t["diff"].to_numpy(dtype="float64")
    lo = t["diff_ci_low"].to_numpy(dtype="float64")
    hi = t["diff_ci_high"].to_numpy(dtype="float64")
    y = np.arange(len(t))[::-1]
    with matplotlib.rc_context(STYLE):
        fig = _figure(9, 1.0 + 0.62 * len(t) + 1.2)
        ax = fig.add_subplot()
        _difference_marks(ax, y, d, lo, hi, sig, language)
        labels = [
            f"{_label(lv)} *" if s else _label(lv) for lv, s in zip(t[level_col], sig, strict=True)
        ]
        ax.set_yticks(y, labels)
        for yi, v in zip(y, d, strict=True):
            ax.text(
                v,
                yi + 0.16,
                txt.pp(v, language),
                ha="center",
                va="bottom",
                fontsize=11,
            )
        span = float(np.nanmax(np.abs(np.r_[lo, hi, 0.01])))
        ax.set_xlim(-span * 1.3, span * 1.3)
        ax.set_ylim(-0.7, len(t) - 0.3)
        _percent(ax.xaxis, language)
        base = f"'{_label(baseline)}'" if baseline else _t("the baseline", language)
        ax.set_xlabel(
            _with_note(
                _t("difference to {base} (percentage points)", language).format(base=base), note
            )
        )
        ax.set_title(_title(title), loc="left")
        _legend_below(fig, ax.get_legend_handles_labels()[0])
    return fig


def segment_effects(
    effects: pd.DataFrame,
    baseline: str,
    within: str,
    overall: pd.Series | None = None,
    title: str = "",
    language: str = "en",
    max_levels: int = MAX_LEVELS_SHOWN,
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
    max_levels
        With more than ``max_levels`` segment rows only the largest (by the contacts of
        both compared levels) are drawn; how many are not is said under the axis.

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
    t = effects[pd.to_numeric(effects["diff"], errors="coerce").notna()].reset_index(drop=True)
    if t.empty:
        return message_figure(
            _t("No segment has both levels, so there is nothing to compare.", language), title
        )
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
    d = t["diff"].to_numpy(dtype="float64")
    lo = t["diff_ci_low"].to_numpy(dtype="float64")
    hi = t["diff_ci_high"].to_numpy(dtype="float64")
    sig = t["significant"].fillna(False).astype(bool).to_numpy()
    if overall is not None and pd.notna(overall.get("diff")):
        names.append(_t("all contacts", language))
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
        for yi, v in zip(y, d, strict=True):
            ax.text(v, yi + 0.18, txt.pp(v, language), ha="center", va="bottom", fontsize=11)
        ax.set_yticks(y, labels)
        ax.set_xlim(-span * 1.35, span * 1.35)
        ax.set_ylim(min(y) - 0.7, max(y) + 0.9)
        for x, lv, ha in ((0.99, level, "right"), (0.01, baseline, "left")):
            ax.text(
                x,
                0.995,
                _t("better for {level}", language).format(level=_label(lv)),
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
                    "{level} vs {base}: difference in each {within} (percentage points)",
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


def heatmap(
    segments: pd.DataFrame,
    rows: str = "industry",
    cols: str = "size_band",
    target: float | None = None,
    title: str = "Rate per industry and company size",
    language: str = "en",
    max_levels: int = MAX_LEVELS_SHOWN,
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
    max_levels
        With more than ``max_levels`` ``rows`` levels only the largest (by contacts) get a
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
    if segments.empty:
        return message_figure(
            _t("No segments with contacts, so there is no map to show.", language), title
        )
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
        ax.set_xlabel(_t(cols.replace("_", " "), language))
        ax.set_ylabel(_t(rows.replace("_", " "), language))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        verdicts = s["verdict"].astype(str).tolist() if "verdict" in s.columns else [""] * len(s)
        n_values = s["n"].tolist() if "n" in s.columns else [None] * len(s)
        for r, c, rate, v, n in zip(r_idx, c_idx, s["rate"], verdicts, n_values, strict=True):
            mark = VERDICT_MARKS.get(v, "")
            shade = (float(rate) / vmax) if vmax > 0 and np.isfinite(rate) else 0
            colour = "black" if shade > 0.55 else "white"
            text = f"{_pct(float(rate), language)} {mark}".rstrip()
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
                _t("no data", language),
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
            bar.set_label(
                _t("rate (dashed line: target {target})", language).format(
                    target=_pct(target, language)
                )
            )
        legend = "  ".join(
            f"{VERDICT_MARKS[v]} {_t(VERDICT_WORDS[v], language)}"
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
    title: str = "Rate over time",
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
    if weekly.empty:
        return message_figure(
            _t("No send dates (sent_at) in the data, so there is no timeline to show.", language),
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
                label=_t("still maturing (not counted yet)", language) if k == 0 else None,
            )
        ax.fill_between(
            x,
            weekly["cum_ci_low"].to_numpy(dtype="float64"),
            weekly["cum_ci_high"].to_numpy(dtype="float64"),
            color=PALETTE["sky"],
            alpha=0.35,
            label=_t("95 % range (all so far)", language),
            linewidth=0,
        )
        ax.plot(
            x,
            weekly["cum_rate"].to_numpy(dtype="float64"),
            color=PALETTE["blue"],
            linewidth=2.5,
            marker="o",
            label=_t("rate of all contacts so far", language),
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
            label=_t("single week", language),
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
        ax.set_ylabel(_t("rate (all contacts so far)", language))
        ax.set_xlabel(_t("week of first contact", language))
        ax.set_title(_title(title), loc="left")
        _legend_below(fig, ax.get_legend_handles_labels()[0])
        fig.autofmt_xdate()
    return fig


def figure_text(fig: Figure) -> str:
    """The words of a figure (titles, axis labels, legend entries and annotations; tick
    labels left out), joined by `` | ``: the image's alt text, and what the language
    scan of the reports reads.

    Examples
    --------
    >>> figure_text(message_figure("Keine Daten", title="Trichter"))
    'Keine Daten | Trichter'
    """
    from matplotlib.text import Text

    ticks = {id(t) for ax in fig.axes for t in (*ax.get_xticklabels(), *ax.get_yticklabels())}
    seen: list[str] = []
    for artist in fig.findobj(Text):
        words = " ".join(artist.get_text().split())
        if words and id(artist) not in ticks and artist.get_visible() and words not in seen:
            seen.append(words)
    return " | ".join(seen)


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """Render a figure to PNG bytes (for embedding in notebooks and HTML).

    Examples
    --------
    >>> to_png(message_figure("hi"))[:4]
    b'\\x89PNG'
    """
    import io
    import warnings

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        # layout and missing-glyph notices would land in the report as a stderr block
        # naming our source files; the figure itself is the message
        warnings.simplefilter("ignore", UserWarning)
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
