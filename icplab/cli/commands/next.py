"""``icplab next DATA --contacts N``: where the next batch of contacts should go."""

from __future__ import annotations

import argparse

from icplab.cli.commands._data import add_log_options, open_log, show_result
from icplab.cli.commands._parser import command, option, passed
from icplab.cli.commands._stats_format import as_of_line
from icplab.cli.terminal import language, note_lines, num, pct, say, short
from icplab.icp.next_batch import DEFAULT_BY, NextBatchResult, next_batch


def _columns(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "next")
    add_log_options(p, sequential=True)
    option(p, "--contacts", type=int, required=True)
    option(p, "--metric")
    option(p, "--by", metavar="COLUMN,...")
    option(p, "--variants", default=None, metavar="COLUMN")
    option(p, "--tolerance", type=float, default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scope, data = open_log(args)
    by = _columns(args.by) if args.by else list(DEFAULT_BY)
    res = next_batch(
        data, by=by, **passed(args, "contacts", "metric", "variants", "tolerance"), scope=scope
    )
    show_result(args, scope.config, res, lambda: table(res, language()), lock=True)
    return 0


def table(res: NextBatchResult, lang: str = "en") -> str:
    """The plain-text allocation: one explained line per cell, then the notes."""
    head = say(
        "cli.next.head",
        contacts=num(res.contacts),
        metric=res.metric.name,
        target=pct(res.target, short(100 * res.target)),
        tolerance=num(100 * res.tolerance, short(100 * res.tolerance)),
    )
    de = lang == "de"
    lines = [head, ""] + [f"  {x}" for x in res.rows["explanation_de" if de else "explanation"]]
    notes = res.notes_de if de else res.notes
    lines += ["", *note_lines(notes)]
    lines.append(as_of_line(res.as_of, res.maturing, res.sequential, res.maturity, res.undated))
    return "\n".join(lines)
