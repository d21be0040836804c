"""``icplab cycle DATA --step deal --by size_band --horizon 180``: the share of contacts
reaching a funnel step within N days of the first touch, with young contacts censored
instead of dropped (CONTRACT section 10)."""

from __future__ import annotations

import argparse

from icplab.cli.commands._data import add_log_options, open_log, show_result
from icplab.cli.commands._text import term_safe
from icplab.cli.terminal import day, headers, note_lines, num, pct, say, short, show, table, word
from icplab.core.notes import Note
from icplab.icp.cycle import COMPETING, STEP_DATES, CycleResult, cycle


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cycle",
        help="sales cycle: share reaching a step within N days of the first touch",
        description="For each level of --by, the Kaplan-Meier estimate of reaching STEP "
        "within --horizon days of sent_at (contacts without the step by --as-of are "
        "censored there, so young contacts count for what they have shown so far), its "
        "95 %% interval (log-log Greenwood), the median days to the step among those who "
        "reached it, and the contacts still at risk at the horizon. --competing lost: "
        "Aalen-Johansen cumulative incidence with lost deals (lost_at) as a competing risk.",
    )
    add_log_options(p, as_of="contacts without the step by then are censored there")
    p.add_argument("--step", choices=tuple(STEP_DATES), default="deal", help="the funnel step")
    p.add_argument("--by", default=None, help="one estimate per level, e.g. size_band, industry")
    p.add_argument(
        "--horizon", type=int, default=180, metavar="DAYS", help="days since the first touch"
    )
    p.add_argument(
        "--competing",
        choices=tuple(COMPETING),
        default=None,
        help="lost: treat lost_at as a competing risk (deals only)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config, where, data = open_log(args)
    result = cycle(
        data,
        step=args.step,
        by=args.by,
        horizon=args.horizon,
        as_of=args.as_of,
        competing=args.competing,
        where=where or None,
        config=config,
    )
    show_result(args, config, result, lambda: cycle_text(result))
    return 0


def cycle_text(result: CycleResult) -> str:
    """The cycle as a plain-text table, then the method and notes."""
    rows = []
    for lv in result.levels:
        d = lv.to_dict()
        median = d["median_days"]
        rows.append(
            [
                term_safe(lv.level),
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
        say("cli.method", method=show(result.method)),
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
