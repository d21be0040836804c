"""``icplab refine DATA --metric M``: propose the next ICP from the evidence."""

from __future__ import annotations

import argparse
from pathlib import Path

from icplab.cli import terminal as t
from icplab.cli.commands._data import add_log_options, open_log, refuse_input_as_output, show_result
from icplab.cli.commands._parser import command, option, passed
from icplab.cli.commands._stats_format import as_of_line, top_lines
from icplab.cli.commands._text import emit
from icplab.icp.disclosure import undated_of
from icplab.icp.propose import propose_thesis
from icplab.icp.refine import DEFAULT_BY, refine
from icplab.icp.refine_result import LISTS


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "refine")
    add_log_options(p, sequential=True)
    option(p, "--metric")
    option(p, "--by", action="append", default=[])
    option(p, "--min-contacts", type=int, default=None)
    option(p, "--target")
    option(p, "--propose", action="store_true")
    option(p, "--thesis")
    option(p, "--out", type=Path, default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scope, data = open_log(args)
    config = scope.config
    by = (*DEFAULT_BY, *args.by)
    res = refine(data, args.metric, by, **passed(args, "min_contacts", "target"), scope=scope)
    show_result(args, config, res, lambda: _table(res), frame=lambda: res.cells, lock=True)
    if args.propose:
        current = config.thesis(args.thesis) if args.thesis else None
        snippet = propose_thesis(res, current=current, config=config).to_toml()
        if args.out:
            refuse_input_as_output(args.out, args)
            args.out.write_text(snippet, encoding="utf-8")
        elif args.format == "table":
            emit("\n" + t.say("cli.refine.proposed") + "\n" + snippet)
    return 0


def _table(res) -> str:
    """Every cell with its rate, pooled estimate, interval and list; then the ICP."""
    cells = res.cells
    keys = list(res.by)
    mean = res.metric.is_mean
    head = t.say(
        "cli.refine.head",
        metric=t.metric(res.metric.name, res.metric.title),
        by=" x ".join(keys),
        target=t.eur(res.target) if mean else t.pct(res.target, 0),
        min=res.min_contacts,
        denominator=t.word("den", res.denominator or res.metric.denominator),
    )
    lines = [*top_lines(res.to_dict()), head, ""]
    ci = "interval" if mean or res.sequential else "own_ci"
    fmt = t.num if mean else t.pct
    rows = []
    for _, r in cells.iterrows():
        hi = t.say("cli.open") if mean and r["ci_high"] != r["ci_high"] else fmt(r["ci_high"])
        rows.append(
            [str(r[k]) for k in keys]
            + [
                t.count(int(r["n"])),
                fmt(r["rate"]),
                fmt(r["estimate"]),
                f"[{fmt(r['ci_low'])}, {hi}]",
            ]
            + [t.word("list", r["list"])]
        )
    cols = [*keys, *t.headers("n", "rate", "estimate", ci, "list")]
    lines.append(t.table(cols, rows, [False] * len(keys) + [True] * 4 + [False]))
    counts = {k: int((cells["list"] == k).sum()) for k in LISTS}
    icp = ", ".join(" ".join(str(r[k]) for k in keys) for _, r in res.cells_in("icp").iterrows())
    lines += [
        "",
        t.say(
            "cli.refine.icp",
            icp=icp or t.say("cli.refine.none_yet"),
            **{f"n_{k}": v for k, v in counts.items()},
        ),
    ]
    recs = _recommendations(res.recommendations)
    if recs:
        lines += [t.say("cli.refine.best_variant")] + [f"  {t.show(x)}" for x in recs]
    fallback = res.metric.fallback_note([res.denominator])
    lines += t.note_lines(
        [
            n
            for n in res.notes
            if n.startswith(("Sequential", "Each cell", str(res.maturing))) or n == fallback
        ]
    )
    lines.append(as_of_line(res.as_of, res.maturing, res.sequential, res.maturity, undated_of(res)))
    return "\n".join(lines)


def _recommendations(recs) -> list[str]:
    """One line per cell where a variant is clearly better (significant after Holm), its
    figures in the terminal language (``29,3 % gegen 17,1 % mit sie`` in German)."""
    significant = [r for r in recs if r.get("significant")]
    cells = dict.fromkeys(tuple(r["cell"].values()) for r in significant)  # first-seen order
    lines = []
    for cell in cells:
        rs = [r for r in significant if tuple(r["cell"].values()) == cell]
        evidence = "; ".join(
            t.say(
                "cli.refine.reco",
                best_rate=100 * r["best_rate"],
                other_rate=100 * r["other_rate"],
                other=str(r["other"]),
                diff=100 * r["diff"],
                lo=100 * r["diff_ci_low"],
                hi=100 * r["diff_ci_high"],
            )
            for r in rs
        )
        best = " + ".join(str(r["best"]) for r in rs)
        lines.append(f"{' '.join(str(c) for c in cell)}: {best} ({evidence})")
    return lines
