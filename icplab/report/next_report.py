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

from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.icp.next_batch import DEFAULT_BY, NextBatchResult, next_batch
from icplab.report import messages, text
from icplab.report.honesty import honesty_text
from icplab.report.params import ReportParams
from icplab.report.plots.style import PALETTE, STYLE, _percent
from icplab.report.summary import ReportSummary

#: Codes of the inference line that :func:`icplab.report.honesty.honesty_text` already says.
INFERENCE_CODES = frozenset({"next.fixed", "disclosure.fixed", "disclosure.sequential"})

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
            raise UsageError(
                f"report parameter 'contacts' must be at least 1, got {self.contacts}."
            )
        if not 0 <= self.tolerance < 1:
            raise UsageError(
                f"report parameter 'tolerance' must be between 0 and 1, got {self.tolerance}."
            )


@dataclass(frozen=True)
class NextBatchReport:
    """Everything the next-batch notebook shows."""

    result: NextBatchResult
    title: str
    conclusion: str
    honesty: str
    table: pd.DataFrame
    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()


def next_batch_report(p: NextBatchParams, log: Any, config: Config) -> NextBatchReport:
    """Allocate the next batch on the workspace's data and word it."""
    res = next_batch(
        log,
        p.contacts,
        p.metric,
        tuple(p.by) or DEFAULT_BY,
        variants=p.variants or None,
        tolerance=p.tolerance,
        config=config,
        as_of=p.as_of or None,
    )
    rows = res.rows
    keys = [*res.by, *([res.variants] if res.variants else [])]
    label = [" ".join(str(r[k]) for k in keys) for r in rows.to_dict("records")]
    table = pd.DataFrame(
        {
            p.tr("cell", "Zelle"): label,
            p.tr("next contacts", "nächste Kontakte"): [p.num(x) for x in rows["contacts"]],
            p.tr("status", "Status"): [status_word(s, p.language) for s in rows["status"]],
            p.tr("contacts counted", "gezählte Kontakte"): [p.num(x) for x in rows["n"]],
            p.tr("still maturing", "reifen noch"): [p.num(x) for x in rows["pending"]],
            p.tr("rate", "Quote"): [p.pct(x) for x in rows["rate"]],
            p.tr("plausible range", "plausibler Bereich"): [
                f"{p.pct(a)} – {p.pct(b)}"
                for a, b in zip(rows["ci_low"], rows["ci_high"], strict=True)
            ],
        }
    )
    open_cells = int((rows["status"] == "open").sum())
    settled = int(len(rows) - open_cells)
    top = rows.iloc[0] if len(rows) and int(rows.iloc[0]["contacts"]) > 0 else None
    title = p.tr("Where the next contacts go", "Wohin die nächsten Kontakte gehen")
    if top is None:
        conclusion = p.tr(
            f"Every cell is settled against the target of {p.pct(res.target, 0)}: "
            "no further contacts are needed to decide the ICP.",
            f"Jede Zelle ist gegen das Ziel von {p.pct(res.target, 0)} entschieden: "
            "für den ICP sind keine weiteren Kontakte nötig.",
        )
    else:
        where = " ".join(str(top[k]) for k in keys)
        # open cells that already hold a large share of the contacts get none this wave
        getting = int((rows["contacts"] > 0).sum())
        to_en, to_de = f"the {p.num(open_cells)}", f"die {p.num(open_cells)}"
        if getting < open_cells:
            to_en = f"{p.num(getting)} of the {p.num(open_cells)}"
            to_de = f"{p.num(getting)} der {p.num(open_cells)}"
        conclusion = p.tr(
            f"Send the next {p.num(res.contacts)} contacts to {to_en} "
            f"cells still open against the target of {p.pct(res.target, 0)}; "
            f"{p.num(settled)} settled cells get none. Most go to {where} "
            f"({p.num(int(top['contacts']))}).",
            f"Schicken Sie die nächsten {p.num(res.contacts)} Kontakte an {to_de} "
            f"Zellen, die gegen das Ziel von {p.pct(res.target, 0)} noch "
            f"offen sind; {p.num(settled)} entschiedene Zellen bekommen keine. Die meisten "
            f"gehen an {where} ({p.num(int(top['contacts']))}).",
        )
    honesty = honesty_text(p, as_of=res.as_of, maturing=res.maturing, inference=res.inference)
    if res.maturity == "unknown":
        honesty = (
            p.tr(
                "**The data has no send dates: the counts are treated as final**, so a cell "
                "below the target is below it *so far*. ",
                "**Die Daten haben keine Versanddaten: die Zahlen gelten als endgültig**, "
                "eine Zelle unter dem Ziel liegt also *bisher* darunter. ",
            )
            + honesty
        )
    shown = rows.head(MAX_CELLS_SHOWN)
    lines = [
        messages.render(x, p.language) if isinstance(x, Note) or p.language == "en" else str(de)
        for x, de in zip(shown["explanation"], shown["explanation_de"], strict=True)
    ]
    if len(rows) > MAX_CELLS_SHOWN:
        rest = len(rows) - MAX_CELLS_SHOWN
        lines.append(
            p.tr(
                f"... and {p.num(rest)} more lines (the figure and this list show the "
                f"{MAX_CELLS_SHOWN} with the most contacts; the table has all)",
                f"... und {p.num(rest)} weitere Zeilen (Abbildung und Liste zeigen die "
                f"{MAX_CELLS_SHOWN} mit den meisten Kontakten; die Tabelle zeigt alle)",
            )
        )
    # the honesty line already names the inference (fixed horizon or always-valid): once only
    notes = tuple(
        messages.render(n, p.language)
        for n in res.notes
        if not (isinstance(n, Note) and n.code in INFERENCE_CODES)
    )
    return NextBatchReport(res, title, conclusion, honesty, table, tuple(lines), notes)


def allocation_figure(res: NextBatchResult, language: str = "en") -> Figure:
    """Each cell's interval against the target band (left) and its next contacts (right)."""

    de = language == "de"
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
            f"{text.metric_word(res.metric.name, res.metric.title, language)}: "
            + (
                f"plausibler Bereich, Ziel {text.pct(t, language, 0)} ± Toleranz (grau)"
                if de
                else f"plausible range, target {text.pct(t, language, 0)} ± tolerance (grey)"
            )
        )
        bars = rows["contacts"].to_numpy(dtype="float64")
        right.barh(y, bars, color=colours, height=0.6)
        for yi, b in zip(y, bars, strict=True):
            right.text(b, yi, " " + text.integer(int(b), language), va="center", fontsize=10)
        right.set_xlabel("nächste Kontakte" if de else "next contacts")
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
        fig.suptitle(
            "Wohin die nächsten Kontakte gehen" if de else "Where the next contacts go",
            fontweight="bold",
        )
    return fig


def finish_next_batch(p: NextBatchParams, rep: NextBatchReport) -> ReportSummary:
    """Write the summary JSON: the allocation as data, for the index page."""
    d = rep.result.to_dict()
    return p.finish(
        title=rep.title,
        verdict="info",
        key_figure=rep.conclusion,
        details={
            "metric": d["metric"],
            "target": d["target"],
            "contacts": d["contacts"],
            "open_cells": sum(1 for r in d["allocation"] if r["status"] == "open"),
            "allocation": [
                {k: v for k, v in r.items() if k != "explanation"} for r in d["allocation"]
            ],
            "maturity": d["maturity"],
            "inference": d["inference"],
            "as_of": d["as_of"],
        },
    )
