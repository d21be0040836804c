"""Display helpers that keep the report notebooks thin.

A report notebook parses its parameters (:mod:`icplab.report.params`), calls into icplab,
and shows figures, badges and tables with :func:`show`, :func:`badge`, :func:`show_table`
and the ``show_*_table`` helpers here (numbers in the report's language, user labels
escaped).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict, Unpack

import pandas as pd

from icplab.report import text
from icplab.report.params import ReportParams
from icplab.report.summary import ANSWER_MARKS
from icplab.report.tables import (
    MAX_ROWS_SHOWN,
    baseline_mask,
    record_table,
    rows_sentence,
    top_rows,
)

# -- display ----------------------------------------------------------------------------


def show(fig) -> None:
    """Display a matplotlib figure as an embedded PNG (works without pyplot), with the
    figure's words (title, axes, legend, annotations) as its alt text for screen readers."""
    from IPython.display import Image, display

    from icplab.report.plots import figure_text, to_png

    display(Image(data=to_png(fig), format="png", alt=figure_text(fig)))


def show_html(markup: str) -> None:
    """Display trusted HTML (user text inside must go through :func:`text.html_text`)."""
    from IPython.display import HTML, display

    display(HTML(markup))


def show_markdown(markup: str) -> None:
    """Display trusted Markdown (user text inside must go through :func:`text.md`)."""
    from IPython.display import Markdown, display

    display(Markdown(markup))


def badge(verdict: str, language: str = "en") -> str:
    """An HTML badge for a verdict (styled by the report template).

    Examples
    --------
    >>> badge("pass")
    '<span class="icp-verdict icp-pass">✓ meets target</span>'
    """
    marks = {
        "pass": "\u2713 ",
        "fail": "\u2717 ",
        "inconclusive": "? ",
        "untested": "\u2013 ",
        "so_far": "\u2193 ",
        "below_target_so_far": "\u2193 ",
        "failed": "\u26a0 ",
    }
    word = text.verdict_word(verdict, language)
    return (
        f'<span class="icp-verdict icp-{text.html_text(verdict)}">'
        f"{marks.get(verdict, '')}{text.html_text(word)}</span>"
    )


def answer_badge(kind: str, level: str = "", language: str = "en") -> str:
    """An HTML badge answering an A/B report's question (``level`` is escaped).

    Examples
    --------
    >>> answer_badge("winner", "<b>du</b>")
    '<span class="icp-verdict icp-answer-winner">✓ clear winner: &lt;b&gt;du&lt;/b&gt;</span>'
    """
    words = text.html_text(text.answer_word(kind, language, "\x00"))
    words = words.replace("\x00", text.html_text(level))
    return (
        f'<span class="icp-verdict icp-answer-{text.html_text(kind)}">'
        f"{ANSWER_MARKS.get(kind, '')}{words}</span>"
    )


def metric_change_banner(params: ReportParams) -> None:
    """Show the metric-change warning on top of a report, when there is one."""
    if not params.metric_change:
        return
    head = params.word("change_head")
    tail = params.word("change_tail")
    body = text.html_text(text.change_lines(params.metric_change, params.language))
    body = body.replace("\n", "<br>")
    show_html(
        f'<div class="icp-warning">\u26a0 {head}<br>{body}<br>'
        f'<span style="font-weight:400">{tail}</span></div>'
    )


def callout(message: str) -> None:
    """A highlighted plain-language conclusion (plain text: it is HTML-escaped here)."""
    show_html(f'<div class="icp-callout">{text.html_text(message)}</div>')


#: The heading (catalogue code ``report.<code>``) of each column of the report tables.
HEADINGS: dict[str, str] = {
    "label": "h_metric",
    "successes": "h_successes",
    "n": "h_out_of",
    "rate": "h_rate",
    "range": "h_range",
    "target": "h_target",
    "verdict": "h_verdict",
    "more_contacts_needed": "h_more",
    "level": "h_level",
    "diff": "h_diff",
    "lift": "h_lift",
    "prob": "h_prob",
    "clear": "h_clear",
    "segment": "h_segment",
    "diff_range": "h_diff_range",
    "term": "h_term",
    "or": "h_or",
    "or_range": "h_or_range",
    "p": "h_p",
    "estimate": "h_estimate",
    "target_rate": "h_plan_rate",
    "n_per_group": "h_plan_n",
    "n_total": "h_plan_total",
    "weeks": "h_plan_weeks",
}


def _headings(p: ReportParams, columns: str, **other: str) -> dict[str, str]:
    """Column -> heading of a table for ``columns`` (names separated by spaces, in display
    order): each column's heading of :data:`HEADINGS` in the report's language, or its
    heading in ``other``."""
    return {c: other[c] if c in other else p.word(HEADINGS[c]) for c in columns.split()}


class TableFormats(TypedDict, total=False):
    """How :func:`table_html` and :func:`show_table` write the cells of a table: the
    columns holding rates (``percent``: ``12.3 %``), rate differences (``points``:
    ``+1.2 pts``) and verdicts (``verdict_col``: badges), and the ``language`` (``en``
    or ``de``: numbers, words and badges; default ``en``)."""

    percent: tuple[str, ...]
    points: tuple[str, ...]
    verdict_col: str | None
    language: str


def show_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    **formats: Unpack[TableFormats],
) -> None:
    """Display a table with friendly headers, percentages and verdict badges, no index.

    ``columns`` and ``formats`` (:class:`TableFormats`) as in :func:`table_html`. A table longer than :data:`icplab.report.tables.MAX_ROWS_SHOWN`
    lists the rows with most contacts (the baseline row always) and says below how many it
    leaves out.
    """
    shown = top_rows(frame, MAX_ROWS_SHOWN, keep=baseline_mask(frame))
    show_html(table_html(shown.table, columns, **formats))
    if shown.hidden:
        sentence = rows_sentence(shown, formats.get("language", "en"))
        show_html(f'<div class="icp-muted">{text.html_text(sentence)}</div>')


def table_html(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    **formats: Unpack[TableFormats],
) -> str:
    """The HTML of a report table (what :func:`show_table` shows).

    Parameters
    ----------
    frame
        The table.
    columns
        Column -> header to show, in display order (others are dropped); default: all.
    **formats
        ``percent``, ``points``, ``verdict_col``, ``language`` (:class:`TableFormats`).

    Examples
    --------
    >>> t = pd.DataFrame({"level": ["du"], "rate": [0.171], "verdict": ["pass"]})
    >>> "17.1 %" in table_html(t, percent=("rate",), verdict_col="verdict")
    True
    """
    columns = dict(columns) if columns else {c: c for c in frame.columns}
    language = formats.get("language", "en")
    percent, points = formats.get("percent", ()), formats.get("points", ())
    verdict_col = formats.get("verdict_col")
    out = pd.DataFrame(index=range(len(frame)))
    for col, header in columns.items():
        if col not in frame.columns:
            continue
        values = frame[col].tolist()
        if col in percent:
            cells = ["" if v is None or v is pd.NA else text.pct(v, language) for v in values]
        elif col in points:
            cells = ["" if v is None or v != v else text.pp(v, language) for v in values]
        elif col == verdict_col:
            cells = [badge(str(v), language) for v in values]
        else:
            cells = [_label_cell(_fmt(v, language)) for v in values]
        out[text.html_text(header)] = cells
    return out.to_html(index=False, escape=False, border=0, classes="icp-table")


def _label_cell(value: str) -> str:
    """A table cell's text as inert HTML on one line; a label longer than
    :data:`icplab.report.text.TABLE_LABEL_LIMIT` is cut with "…", the whole label in its
    tooltip.

    Examples
    --------
    >>> _label_cell("IT")
    'IT'
    >>> _label_cell("<b>" + "x" * 80)[:40]
    '<span title="&lt;b&gt;xxxxxxxxxxxxxxxxxx'
    """
    short = text.short_label(value)
    if short == value:
        return text.html_text(value)
    whole = " ".join(value.split())
    if short == whole:
        return text.html_text(short)
    return f'<span title="{text.html_text(whole)}">{text.html_text(short)}</span>'


def _fmt(v: Any, language: str = "en") -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, bool):
        return text.word("yes" if v else "no", language)
    if isinstance(v, int) or (
        hasattr(v, "dtype") and str(getattr(v, "dtype", "")).startswith("int")
    ):
        return text.integer(v, language)
    if isinstance(v, float):
        return text.localise(f"{v:.3g}", language)
    return str(v)


# -- report tables ------------------------------------------------------------------------


def with_range(table: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """Add a ``range`` column ``"13.9-15.5 %"`` from ``ci_low`` and ``ci_high``.

    Examples
    --------
    >>> with_range(pd.DataFrame({"ci_low": [0.139], "ci_high": [0.155]}))["range"].tolist()
    ['13.9 – 15.5 %']
    """
    t = table.copy()
    t["range"] = [
        ""
        if lo is None or hi is None or lo != lo or hi != hi
        else text.pct(lo, language).removesuffix(" %") + " \u2013 " + text.pct(hi, language)
        for lo, hi in zip(t["ci_low"], t["ci_high"], strict=True)
    ]
    return t


def show_metrics_table(table: pd.DataFrame, p: ReportParams) -> None:
    """Metric verdict table (overview, thesis check, planner); a default metric's name in
    the report's language."""
    record_table(p.summary_path, "metrics", table)
    if {"metric", "label"} <= set(table.columns):
        table = table.assign(
            label=[
                text.metric_word(str(m), str(label), p.language)
                for m, label in zip(table["metric"], table["label"], strict=True)
            ]
        )
    shown = with_range(table, p.language)
    percent: tuple[str, ...] = ("rate", "target")
    if "kind" in shown.columns and (shown["kind"] == "mean").any():
        shown, percent = _value_rows(shown, p.language), ()
    show_table(
        shown,
        _headings(p, "label successes n rate range target verdict more_contacts_needed"),
        percent=percent,
        verdict_col="verdict",
        language=p.language,
    )


def _value_rows(table: pd.DataFrame, language: str) -> pd.DataFrame:
    """``rate``, ``target`` and ``range`` as text: percentages for rate metrics, plain
    amounts in EUR (two decimals, by the locale) for value metrics (``kind == "mean"``).

    Examples
    --------
    >>> t = pd.DataFrame({"kind": ["rate", "mean"], "rate": [0.138, 487.6],
    ...                   "target": [0.15, 50.0], "ci_low": [0.1, 133.5],
    ...                   "ci_high": [0.2, 1780.1]})
    >>> _value_rows(with_range(t, "de"), "de")[["rate", "target", "range"]].values.tolist()
    [['13,8 %', '15,0 %', '10,0 – 20,0 %'], ['487,60 €', '50,00 €', '133,50 € – 1.780,10 €']]
    """
    t = table.copy()
    mean = (t["kind"] == "mean").to_numpy()

    def amount(v: Any) -> str:
        return "" if v is None or v != v else text.money(float(v), language, 2)

    for col in ("rate", "target"):
        t[col] = [
            amount(v) if m else ("" if v is None or v is pd.NA else text.pct(v, language))
            for v, m in zip(t[col], mean, strict=True)
        ]
    t["range"] = [
        f"{amount(lo)} \u2013 {amount(hi)}" if m and lo == lo and hi == hi else r
        for lo, hi, m, r in zip(t["ci_low"], t["ci_high"], mean, t["range"], strict=True)
    ]
    return t


def show_compare_table(table: pd.DataFrame, p: ReportParams) -> None:
    """A/B comparison table with plain headers (relative lift beside the difference)."""
    record_table(p.summary_path, "comparison", table)
    t = with_range(table, p.language)
    if "significant" in t.columns:
        t["clear"] = [
            "" if v is None or v is pd.NA or v != v else p.word("yes" if v else "no")
            for v in t["significant"]
        ]
    if "prob_beats_baseline" in t.columns:
        t["prob"] = t["prob_beats_baseline"]
    if "diff" in t.columns and "rate" in t.columns and len(t):
        base_rate = float(t["rate"].iloc[0]) if t["rate"].notna().iloc[0] else float("nan")
        t["lift"] = [
            text.lift(d / base_rate, p.language) if base_rate and d == d else ""
            for d in t["diff"].astype(float)
        ]
    if "is_baseline" in t.columns:
        base = t["is_baseline"].astype(bool).to_numpy()
        t["level"] = [
            p.word("baseline_mark", level=lv) if b else lv
            for lv, b in zip(t["level"], base, strict=True)
        ]
        for col in ("prob", "diff", "clear", "lift"):
            if col in t.columns:
                t[col] = t[col].astype(object).where(~base, None)
    show_table(
        t,
        _headings(p, "level n successes rate range diff lift prob clear verdict"),
        percent=("rate", "prob"),
        points=("diff",),
        verdict_col="verdict",
        language=p.language,
    )


def show_effects_table(effects: pd.DataFrame, p: ReportParams) -> None:
    """Per-segment differences (``WithinResult.effects()``) with their ranges."""
    if effects.empty:
        show_markdown(p.word("none"))
        return
    t = effects.copy()
    t["diff_range"] = [
        "" if lo != lo else f"{text.signed(lo, p.language)} \u2013 {text.pp(hi, p.language)}"
        for lo, hi in zip(t["diff_ci_low"], t["diff_ci_high"], strict=True)
    ]
    t["lift"] = [
        text.lift(d / b, p.language) if b and b == b and d == d else ""
        for d, b in zip(t["diff"].astype(float), t["base_rate"].astype(float), strict=True)
    ]
    t["clear"] = [p.word("yes" if v else "no") for v in t["significant"]]
    show_table(
        t,
        _headings(
            p,
            "segment level rate base_rate diff diff_range lift clear",
            base_rate=p.word("h_rate") + p.word("base_rate_suffix"),
        ),
        percent=("rate", "base_rate"),
        points=("diff",),
        language=p.language,
    )


def show_odds_table(terms: pd.DataFrame, p: ReportParams) -> None:
    """Odds ratios of the GLM with their 95 % ranges (analyst section)."""
    t = terms.copy()
    t["or"] = [text.number(v, p.language, 2) for v in t["odds_ratio"]]
    t["or_range"] = [
        f"{text.number(a, p.language, 2)} \u2013 {text.number(b, p.language, 2)}"
        for a, b in zip(t["or_low"], t["or_high"], strict=True)
    ]
    t["p"] = [text.pvalue(v, p.language).removeprefix("p = ") for v in t["p_value"]]
    show_table(
        t,
        _headings(p, "term or or_range p"),
        language=p.language,
    )


def show_segments_table(table: pd.DataFrame, p: ReportParams) -> None:
    """Refinement cells (industry x size band) with rate, shrunk estimate and range."""
    record_table(p.summary_path, "segments", table)
    if table.empty:
        show_markdown(p.word("none"))
        return
    show_table(
        with_range(table, p.language),
        _headings(
            p,
            "industry size_band n rate estimate range verdict",
            industry=text.column_word("industry", p.language),
            size_band=text.column_word("size_band", p.language),
            n=p.word("h_contacts"),
        ),
        percent=("rate", "estimate"),
        verdict_col="verdict",
        language=p.language,
    )


def show_plan_table(table: pd.DataFrame, p: ReportParams) -> None:
    """Sample-size plan table."""
    record_table(p.summary_path, "sample size", table)
    show_table(
        table,
        _headings(p, "lift target_rate n_per_group n_total weeks", lift=p.word("h_plan_lift")),
        percent=("target_rate",),
        points=("lift",),
        language=p.language,
    )
