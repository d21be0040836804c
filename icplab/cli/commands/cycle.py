"""``icplab cycle DATA --step deal --by size_band --horizon 180``: the share of contacts
reaching a funnel step within N days of the first touch, with young contacts censored
instead of dropped (CONTRACT section 10)."""

from __future__ import annotations

import argparse

from icplab.cli.commands._data import (
    add_as_of_option,
    add_data_argument,
    add_output_options,
    add_where_option,
    emit_result,
    load_data,
)
from icplab.cli.commands._stats_format import pct, render
from icplab.cli.commands._text import term_safe
from icplab.core.config import Config
from icplab.data.counts import parse_where
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
    add_data_argument(p)
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
    add_where_option(p)
    add_as_of_option(p, "contacts without the step by then are censored there")
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    where = parse_where(args.where, config.size_bands)
    data = load_data(args.data, config, args)
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
    emit_result(args, config, "cycle", result.to_dict, result.to_frame, lambda: cycle_text(result))
    return 0


def cycle_text(result: CycleResult) -> str:
    """The cycle as a plain-text table, then the method and notes."""
    rows = []
    for lv in result.levels:
        d = lv.to_dict()
        rows.append(
            [
                term_safe(lv.level),
                str(lv.n),
                str(lv.events),
                pct(d["cumulative"]),
                f"[{pct(d['ci_low'])}, {pct(d['ci_high'])}]",
                "-" if d["median_days"] is None else f"{d['median_days']} days",
                str(lv.at_risk),
            ]
        )
    head = f"{result.step} within {result.horizon_days} days of the first touch"
    if result.by:
        head += f", by {term_safe(result.by)}"
    parts = [
        head,
        render(
            [result.by or "level", "contacts", "events", "reached", "95 % CI", "median", "at risk"],
            rows,
            [False, True, True, True, True, True, True],
        ),
        f"Method: {result.method}.",
        f"As of {result.as_of.isoformat()}; {result.maturing} contacts observed for less than "
        f"{result.horizon_days} days without the step count for the days observed (censored).",
    ]
    if result.left_out:
        parts.append(f"Left out: {result.left_out} rows.")
    parts += [f"Note: {term_safe(n)}" for n in result.notes]
    return "\n".join(parts)
