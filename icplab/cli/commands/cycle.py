"""``icplab cycle DATA --step deal --by size_band --horizon 180``: the share of contacts
reaching a funnel step within N days of the first touch, with young contacts censored
instead of dropped (CONTRACT section 10)."""

from __future__ import annotations

import argparse

from icplab.cli import terminal
from icplab.cli.commands._data import add_log_options, open_log, show_result
from icplab.cli.commands._parser import command, option, passed
from icplab.cli.commands._text import term_safe
from icplab.cli.terminal import day, headers, note_lines, num, pct, say, short, table, word
from icplab.core.notes import Note
from icplab.icp.cycle import COMPETING, STEP_DATES, CycleResult, cycle
from icplab.stats.survival import AJ_METHOD, KM_METHOD

#: The estimators' names in the terminal language.
METHODS = {KM_METHOD: "cli.method.kaplan_meier", AJ_METHOD: "cli.method.aalen_johansen"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "cycle")
    add_log_options(p, as_of="censored")
    option(p, "--step", choices=tuple(STEP_DATES), default="deal")
    option(p, "--by")
    option(p, "--horizon", type=int, default=180, metavar="DAYS")
    option(p, "--competing", choices=tuple(COMPETING), default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scope, data = open_log(args)
    result = cycle(data, **passed(args, "step", "by", "horizon", "competing"), scope=scope)
    show_result(args, scope.config, result, lambda: cycle_text(result))
    return 0


def cycle_text(result: CycleResult) -> str:
    """The cycle as a plain-text table, then the method and notes."""
    rows = []
    for lv in result.levels:
        d = lv.to_dict()
        median = d["median_days"]
        rows.append(
            [
                say("cli.cycle.all") if result.by is None else term_safe(lv.level),
                num(lv.n),
                num(lv.events),
                pct(d["cumulative"]),
                f"[{pct(d['ci_low'])}, {pct(d['ci_high'])}]",
                "-" if median is None else say("cli.days", days=num(median, short(median))),
                num(lv.at_risk),
            ]
        )
    step = word("stage", result.step)
    head = say("cli.cycle.head", step=step, horizon=result.horizon_days)
    if result.by:
        head += say("cli.cycle.by", by=term_safe(result.by))
    cols = [result.by or say("cli.col.level"), *headers("contacts", "events", "reached", "ci")]
    cols += headers("median", "at_risk")
    parts = [
        head,
        table(cols, rows, [False, True, True, True, True, True, True]),
        terminal.method_line(result.method, METHODS),
        say(
            "cli.cycle.censored",
            day=day(result.as_of),
            maturing=result.maturing,
            horizon=result.horizon_days,
        ),
    ]
    if result.left_out:
        parts.append(say("cli.left_out", rows=result.left_out))
    parts += note_lines([n if isinstance(n, Note) else term_safe(n) for n in result.notes])
    return "\n".join(parts)
