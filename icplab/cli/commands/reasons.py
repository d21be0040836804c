"""``icplab reasons DATA --by COLUMN``: rejection reasons among rejected leads, by segment."""

from __future__ import annotations

import argparse

from icplab.cli.commands._data import add_log_options, open_log, show_result
from icplab.cli.commands._parser import command, option
from icplab.cli.commands._text import term_safe
from icplab.cli.terminal import headers, note_lines, num, pct, pval, say, table
from icplab.icp.reasons import ReasonsResult, reasons


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "reasons")
    add_log_options(p, as_of="steps")
    option(p, "--by", required=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scope, data = open_log(args)
    result = reasons(data, args.by, scope=scope)
    show_result(args, scope.config, result, lambda: reasons_text(result))
    return 0


def reasons_text(result: ReasonsResult) -> str:
    """The reasons as a plain-text table with the test on top."""
    if result.p_value is None:
        test = say("cli.reasons.no_test")
    else:
        differ = "cli.reasons.differ" if result.p_value < 0.05 else "cli.reasons.same"
        test = (
            say("cli.reasons.test", chi2=result.chi2, df=result.df, p=pval(result.p_value))
            + f": {say(differ)}"
        )
    parts = [
        say("cli.reasons.head", by=term_safe(result.by), rejected=result.rejected),
        test,
        "",
    ]
    rows = [
        [term_safe(r.level), term_safe(r.reason), num(r.count), pct(r.share, 0)]
        for r in result.rows
    ]
    if rows:
        cols = headers("level", "reason", "count", "share")
        parts.append(table(cols, rows, [False, False, True, True]))
    else:
        parts.append(say("cli.reasons.none"))
    parts += ["", *note_lines(result.notes)]
    return "\n".join(parts)
