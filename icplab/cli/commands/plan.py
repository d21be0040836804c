"""``icplab plan DATA --deals N --per month [--where ...]``: the reverse funnel."""

from __future__ import annotations

import argparse

from icplab.cli import terminal
from icplab.cli.commands._data import add_log_options, open_log, show_result
from icplab.cli.commands._parser import command, option
from icplab.cli.commands._text import term_safe
from icplab.cli.terminal import count, eur, headers, note_lines, num, pct, say, short, table, word
from icplab.icp.plan import PERIODS, PlanResult, plan


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "plan")
    add_log_options(p, as_of="steps")
    option(p, "--deals", type=float, required=True)
    option(p, "--per", choices=PERIODS, default="month")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scope, data = open_log(args)
    result = plan(data, args.deals, per=args.per, scope=scope)
    show_result(args, scope.config, result, lambda: plan_text(result, ", ".join(args.where)))
    return 0


def _n(x: float | None) -> str:
    return "-" if x is None or x != x or x == float("inf") else num(x)


def plan_text(result: PlanResult, where: str = "") -> str:
    """The plan as a plain-text table with the SLA figures."""
    d = result.deals
    period = word("period", result.per)
    head = say(
        "cli.plan.head_one" if d == 1 else "cli.plan.head", deals=num(d, short(d)), per=period
    )
    if where:
        head = head[:-1] + say("cli.plan.in", where=term_safe(where)) + ":"
    rows = []
    for s in result.steps:
        rate = "-" if s.rate is None else f"{pct(s.rate)} ({count(s.successes)}/{count(s.n)})"
        stage = word("stage", s.stage)
        rows.append([stage, _n(s.needed), f"[{_n(s.needed_low)}, {_n(s.needed_high)}]", rate])
    cols = headers("step", "needed", "interval95", "rate_next")
    parts = [head, table(cols, rows, [False, True, True, True])]
    sla = result.sla
    mdv = sla.get("mean_deal_value")
    parts += [
        "",
        say(
            "cli.plan.sla",
            lead=pct(sla.get("lead_to_qualified")),
            deal=pct(sla.get("qualified_to_deal")),
            value=eur(mdv),
        ),
    ]
    if mdv is not None:
        parts.append(say("cli.plan.revenue", per=period, revenue=eur(d * mdv)))
    if result.pace is not None:
        parts.append(
            say(
                "cli.plan.pace",
                pace=num(result.pace),
                per=period,
                observed=num(result.contacts_observed),
            )
        )
    parts.append(terminal.method_line(result.method, {PlanResult.method: "cli.method.plan"}))
    parts += note_lines(result.notes)
    return "\n".join(parts)
