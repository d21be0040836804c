"""What the next-batch report (08) says and shows: where the next contacts go.

Like :mod:`icplab.report.content`: one builder returns a frozen dataclass of display-ready
tables, a figure and plain-language sentences (English or German); :func:`finish_next_batch`
writes the summary JSON for the index page.

Examples
--------
>>> p = NextBatchParams.from_namespace({"contacts": 600, "language": "de"})
>>> p.contacts, status_word("settled_below", "de")
(600, 'unter dem Ziel')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from icplab.api import scope_of
from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.icp.next_batch import DEFAULT_BY, NextBatchResult, next_batch
from icplab.report import messages, text
from icplab.report.honesty import judged_honesty
from icplab.report.page_words import PageWords, finish_info
from icplab.report.params import ReportParams
from icplab.report.plots.style import PALETTE, STYLE, _percent
from icplab.report.summary import ReportSummary

#: Codes of the inference line that :func:`icplab.report.honesty.honesty_text` already says.
INFERENCE_CODES = frozenset({"next.fixed", "disclosure.fixed", "disclosure.sequential"})
#: The note on contacts still maturing: the honesty paragraph says it, with the window.
MATURING_CODE = "next.maturing"
#: Notes the honesty paragraph already says: each fact is said once on the page.
SAID_BY_HONESTY = INFERENCE_CODES | {MATURING_CODE, "next.maturity_unknown"}

#: Rows the figure shows at most (the cells with the most contacts first).
MAX_CELLS_SHOWN = 40

#: Colour of each cell status (the figures' palette).
STATUS_COLOURS: dict[str, str] = {
    status: PALETTE[name]
    for status, name in (
        ("open", "orange"),
        ("settled_above", "green"),
        ("settled_below", "vermillion"),
        ("within_tolerance", "sky"),
    )
}


def status_word(status: str, language: str = "en") -> str:
    """The status in plain words (en/de)."""
    return text.word_or(f"status.{status}", status, language)


@dataclass(frozen=True)
class NextBatchParams(ReportParams):
    """Parameters of ``08-next-batch.ipynb``.

    ``contacts``: size of the next batch; ``by``: cell columns (empty: industry and size
    band); ``variants``: a column whose levels share each cell's contacts (empty: none);
    ``tolerance``: half-width of the band around the target that counts as settled.
    """

    metric: str = "reply_rate"
    contacts: int = 1000
    by: list[str] = field(default_factory=list)
    variants: str = ""
    tolerance: float = 0.02
    default_name: ClassVar[str] = "08-next-batch"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.contacts < 1:
            raise UsageError(Note("errors.report.contacts", value=self.contacts))
        if not 0 <= self.tolerance < 1:
            raise UsageError(Note("errors.report.tolerance", value=self.tolerance))


@dataclass(frozen=True)
class NextBatchReport(PageWords):
    """Everything the next-batch notebook shows: the allocation, its title, table and one
    line per cell, and the page's words."""

    result: NextBatchResult
    title: str
    table: pd.DataFrame
    lines: tuple[str, ...]


def cells_words(
    p: ReportParams, getting: int, open_cells: int, settled: int, target: str
) -> dict[str, str]:
    """The headline's cells, in singular or plural: ``to`` (which open cells get contacts)
    and ``settled`` (the clause on settled cells, empty when there are none).

    Examples
    --------
    >>> p = ReportParams(language="en")
    >>> cells_words(p, 1, 1, 1, "15%")
    {'to': 'the one cell still open against the target of 15%', 'settled': '; 1 settled cell gets none'}
    """
    if getting < open_cells:
        to_code = "page.next.to_some"
    else:
        to_code = "page.next.to_one" if open_cells == 1 else "page.next.to_all"
    settled_code = {0: "page.next.settled_none", 1: "page.next.settled_one"}.get(
        settled, "page.next.settled_many"
    )
    return {
        "to": p.word(to_code, getting=p.num(getting), open=p.num(open_cells), target=target),
        "settled": p.word(settled_code, settled=p.num(settled)),
    }


def next_batch_report(p: NextBatchParams, log: Any, config: Config) -> NextBatchReport:
    """Allocate the next batch on the workspace's data and word it."""
    res = next_batch(
        log,
        p.contacts,
        p.metric,
        tuple(p.by) or DEFAULT_BY,
        variants=p.variants or None,
        tolerance=p.tolerance,
        scope=scope_of(config, as_of=p.as_of or None),
    )
    rows = res.rows
    keys = [*res.by, *([res.variants] if res.variants else [])]
    label = [" ".join(str(r[k]) for k in keys) for r in rows.to_dict("records")]
    columns = {
        "cell": label,
        "contacts": [p.num(x) for x in rows["contacts"]],
        "status": [status_word(s, p.language) for s in rows["status"]],
        "counted": [p.num(x) for x in rows["n"]],
        "maturing": [p.num(x) for x in rows["pending"]],
        "rate": [p.pct(x) for x in rows["rate"]],
        "range": [
            f"{p.pct(a)} – {p.pct(b)}" for a, b in zip(rows["ci_low"], rows["ci_high"], strict=True)
        ],
    }
    table = pd.DataFrame({p.word(f"page.next.column.{k}"): v for k, v in columns.items()})
    open_cells = int((rows["status"] == "open").sum())
    settled = int(len(rows) - open_cells)
    top = rows.iloc[0] if len(rows) and int(rows.iloc[0]["contacts"]) > 0 else None
    title = p.word("page.next.title")
    if top is None:
        conclusion = p.word("page.next.all_settled", target=p.pct(res.target, 0))
    else:
        where = " ".join(str(top[k]) for k in keys)
        # open cells that already hold a large share of the contacts get none this wave
        getting = int((rows["contacts"] > 0).sum())
        conclusion = p.word(
            "page.next.conclusion",
            contacts=p.num(res.contacts),
            **cells_words(p, getting, open_cells, settled, p.pct(res.target, 0)),
            top=where,
            top_contacts=p.num(int(top["contacts"])),
        )
    honesty = judged_honesty(p, res, _window_words(p, res))
    shown = rows.head(MAX_CELLS_SHOWN)
    lines = [messages.render(x, p.language) for x in shown["explanation"]]
    if len(rows) > MAX_CELLS_SHOWN:
        rest = len(rows) - MAX_CELLS_SHOWN
        lines.append(p.word("page.next.more_lines", rest=p.num(rest), shown=MAX_CELLS_SHOWN))
    # the honesty line already names the inference (fixed horizon or always-valid), the
    # contacts still maturing and missing send dates: each is said once
    notes = tuple(
        messages.render(n, p.language)
        for n in res.notes
        if not (isinstance(n, Note) and n.code in SAID_BY_HONESTY)
    )
    return NextBatchReport(
        result=res,
        title=title,
        table=table,
        lines=tuple(lines),
        conclusion=conclusion,
        honesty=honesty,
        notes=notes,
    )


def _window_words(p: NextBatchParams, res: NextBatchResult) -> str:
    """When the metric's contacts count (``Reply rate: contacts count 28 days after the
    first touch``), from the result's note on contacts still maturing; ``""`` without one."""
    for n in res.notes:
        if isinstance(n, Note) and n.code == MATURING_CODE:
            metric = text.metric_word(res.metric.name, res.metric.title, p.language)
            return p.word("page.next.window", metric=metric, days=n.params["window"])
    return ""


def allocation_figure(res: NextBatchResult, language: str = "en") -> Figure:
    """Each cell's interval against the target band (left) and its next contacts (right)."""
    rows = res.rows.head(MAX_CELLS_SHOWN)
    keys = [*res.by, *([res.variants] if res.variants else [])]
    labels = [
        text.short_label(" ".join(str(r[k]) for k in keys), 36) for r in rows.to_dict("records")
    ]
    labels = [lab.replace("$", r"\$") for lab in labels]
    k = len(rows)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(11, 1.6 + 0.38 * max(k, 1)), layout="constrained")
        left, right = fig.subplots(1, 2, sharey=True, width_ratios=[3, 2])
        y = np.arange(k)[::-1]
        t, tol = res.target, res.tolerance
        left.axvspan(max(t - tol, 0), t + tol, color="#DDDDDD", zorder=0)
        left.axvline(t, color="black", ls="--", lw=1.4, zorder=1)
        colours = [STATUS_COLOURS.get(str(s), "#999999") for s in rows["status"]]
        lo = rows["ci_low"].to_numpy(dtype="float64")
        hi = rows["ci_high"].to_numpy(dtype="float64")
        rate = rows["rate"].to_numpy(dtype="float64")
        left.hlines(y, lo, hi, colors=colours, lw=4, zorder=2)
        left.scatter(rate, y, color="black", s=18, zorder=3)
        left.set_yticks(y, labels)
        left.set_xlim(0, min(1.0, max(float(np.nanmax(hi)) if k else 0.5, t + tol) * 1.05))
        _percent(left.xaxis, language)
        left.set_xlabel(
            text.word(
                "page.next.axis",
                language,
                metric=text.metric_word(res.metric.name, res.metric.title, language),
                target=text.pct(t, language, 0),
            )
        )
        bars = rows["contacts"].to_numpy(dtype="float64")
        right.barh(y, bars, color=colours, height=0.6)
        for yi, b in zip(y, bars, strict=True):
            right.text(b, yi, " " + text.integer(int(b), language), va="center", fontsize=10)
        right.set_xlabel(text.word("page.next.column.contacts", language))
        right.set_xlim(0, max(float(bars.max()) if k else 1.0, 1.0) * 1.2)
        from matplotlib.patches import Patch

        handles = [
            Patch(color=STATUS_COLOURS[s], label=status_word(s, language))
            for s in STATUS_COLOURS
            if s in set(rows["status"])
        ]
        if handles:
            fig.legend(
                handles=handles, loc="outside lower center", ncol=len(handles), frameon=False
            )
        fig.suptitle(text.word("page.next.title", language), fontweight="bold")
    return fig


def finish_next_batch(p: NextBatchParams, rep: NextBatchReport) -> ReportSummary:
    """Write the summary JSON: the allocation as data, for the index page."""
    d = rep.result.to_dict()
    details = {
        "metric": d["metric"],
        "target": d["target"],
        "contacts": d["contacts"],
        "open_cells": sum(1 for r in d["allocation"] if r["status"] == "open"),
        "allocation": [{k: v for k, v in r.items() if k != "explanation"} for r in d["allocation"]],
        "maturity": d["maturity"],
        "inference": d["inference"],
        "as_of": d["as_of"],
    }
    return finish_info(p, "next", rep, details)
