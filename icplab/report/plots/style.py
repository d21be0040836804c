"""The common look of every report figure: palette, verdict colours and marks, rc style,
labels made safe for matplotlib, the target line, legends, the message figure, PNG and alt text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from icplab.report import messages
from icplab.report import text as txt
from icplab.report.tables import MAX_LEVELS_SHOWN, Shown, left_out_sentence

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
#: Verdicts in the order legends list them.
LEGEND_ORDER: tuple[str, ...] = ("pass", "inconclusive", "so_far", "fail", "untested")
#: Funnel stages in order (their names: the catalogues' ``report.plot.<stage>``).
FUNNEL_STAGES: tuple[str, ...] = ("contacted", "replied", "meeting", "qualified", "deal")


def _t(key: str, language: str = "en") -> str:
    """The figure word ``report.plot.<key>`` of the catalogues in ``language``.

    Examples
    --------
    >>> _t("target", "de"), _t("target")
    ('Ziel', 'target')
    """
    return txt.word(f"plot.{key}", language)


class FigureWords(TypedDict, total=False):
    """The keywords every figure of levels takes (rates, differences, segment effects,
    heatmap): ``title`` (plain language; default: the figure's title of the catalogues),
    ``language`` (``en``/``de``: words and numbers) and ``max_levels`` (with more levels,
    only the largest are drawn and the rest counted in words under the axis)."""

    title: str
    language: str
    max_levels: int


class LevelWords(FigureWords, total=False):
    """The keywords of a figure with one row per level (rates, differences): those of
    :class:`FigureWords`, ``level_col`` (the column of the levels; default ``level``) and
    ``factor`` (the column named in the sentence on the levels left out)."""

    level_col: str
    factor: str


def level_words(words: LevelWords) -> tuple[str, str]:
    """``(level_col, factor)`` of a figure's keywords."""
    return words.get("level_col", "level"), words.get("factor", "")


def figure_words(words: FigureWords, default_title: str) -> tuple[str, str, int]:
    """``(title, language, max_levels)`` of a figure's keywords; a missing title is the
    figure word ``report.plot.<default_title>`` in the language.

    Examples
    --------
    >>> figure_words({"language": "de"}, "title_rates")
    ('Quote je Gruppe', 'de', 20)
    """
    language = words.get("language", "en")
    title = words.get("title", _t(default_title, language) if default_title else "")
    return title, language, words.get("max_levels", MAX_LEVELS_SHOWN)


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


def _percent(axis: Any, language: str = "en") -> None:
    """Percent ticks on ``axis`` (``15%``; German ``15 %``, ``12,5 %``, as the locale writes
    percentages): the one axis format of the figures."""
    fmt: Any = PercentFormatter(xmax=1, decimals=None)
    if messages.percent_spaced(language):
        fmt = FuncFormatter(lambda v, pos: txt.localise(f"{round(100 * v, 6):g}", language) + " %")
    axis.set_major_formatter(fmt)


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
                    label=f"{VERDICT_MARKS[v]} {txt.verdict_word(v, language, short=True)}",
                )
            )
    if handles:
        _legend_below(ax.figure, handles)


def _legend_below(fig: Figure, handles: Sequence) -> None:
    fig.legend(
        handles=list(handles), loc="outside lower center", ncol=min(len(handles), 4), frameon=False
    )


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
