"""``icplab plan DATA --deals N --per month [--where ...]``: the reverse funnel."""

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
from icplab.cli.commands._stats_format import render
from icplab.cli.commands._text import term_safe
from icplab.core.config import Config
from icplab.data.counts import parse_where
from icplab.icp.plan import PERIODS, PlanResult, plan


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "plan",
        help="contacts (meetings, qualified leads) needed per period for N deals",
        description="The reverse funnel of a segment: from its observed step rates, how "
        "many contacts, replies, meetings and qualified leads N deals per period need, with "
        "a 95 %% interval from the uncertainty of the rates, and the SLA figures (lead -> "
        "qualified, qualified -> deal, average deal value). Not a sample size: see "
        "'icplab size' for A/B tests.",
    )
    add_data_argument(p)
    p.add_argument("--deals", type=float, required=True, help="deals wanted per period")
    p.add_argument("--per", choices=PERIODS, default="month", help="the period (default month)")
    add_where_option(p)
    add_as_of_option(p, "each step counts only contacts old enough for its window")
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    where = parse_where(args.where, config.size_bands)
    data = load_data(args.data, config, args)
    result = plan(
        data, args.deals, per=args.per, where=where or None, config=config, as_of=args.as_of
    )
    emit_result(
        args,
        config,
        "plan",
        result.to_dict,
        result.to_frame,
        lambda: plan_text(result, ", ".join(args.where)),
    )
    return 0


def _n(x: float | None) -> str:
    return "-" if x is None or x != x or x == float("inf") else f"{x:,.0f}"


def plan_text(result: PlanResult, where: str = "") -> str:
    """The plan as a plain-text table with the SLA figures."""
    seg = f" in {term_safe(where)}" if where else ""
    d = result.deals
    head = f"For {d:g} deal{'s' if d != 1 else ''} per {result.per}{seg}:"
    rows = []
    for s in result.steps:
        rows.append(
            [
                s.stage,
                _n(s.needed),
                f"[{_n(s.needed_low)}, {_n(s.needed_high)}]",
                "-" if s.rate is None else f"{100 * s.rate:.1f} % ({s.successes}/{s.n})",
            ]
        )
    parts = [
        head,
        render(
            ["step", "needed", "95 % interval", "rate to next step"],
            rows,
            [False, True, True, True],
        ),
    ]
    sla = result.sla

    def pct(x: float | None) -> str:
        return "-" if x is None else f"{100 * x:.1f} %"

    mdv = sla.get("mean_deal_value")
    parts += [
        "",
        "SLA figures: lead (meeting) -> qualified "
        + pct(sla.get("lead_to_qualified"))
        + ", qualified -> deal "
        + pct(sla.get("qualified_to_deal"))
        + ", average deal value "
        + ("-" if mdv is None else f"EUR {mdv:,.0f}"),
    ]
    if mdv is not None:
        parts.append(f"Expected revenue per {result.per}: EUR {d * mdv:,.0f}")
    if result.pace is not None:
        parts.append(
            f"Sending pace so far: about {result.pace:,.0f} contacts per {result.per}"
            f" (from {result.contacts_observed:,} contacts)."
        )
    parts.append(f"Method: {result.method}.")
    parts += [f"Note: {n}" for n in result.notes]
    return "\n".join(parts)
