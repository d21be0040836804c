"""``icplab funnel DATA [--where ...] [--by COLUMN]``: every funnel step with its own
denominator, against benchmark bands, and the step where each segment leaks most."""

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
from icplab.cli.commands._stats_format import render, top_lines
from icplab.cli.commands._text import term_safe
from icplab.core.config import Config
from icplab.data.counts import parse_where
from icplab.icp.funnel import FunnelLevel, FunnelResult, Stage, funnel

STAGE_WORDS = {
    "replied": "replied",
    "meeting": "meeting",
    "qualified": "qualified",
    "deal": "deal",
    "pipeline": "pipeline (meeting -> deal)",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "funnel",
        help="every funnel step with its own rate, against benchmark bands",
        description="Show each funnel step (replied of contacted, meeting of replied, "
        "qualified of meeting, deal of qualified) with its 95 %% Wilson interval, value per "
        "contact and mean deal value, by segment with --by, against the benchmark bands of "
        "[funnel] in icplab.toml, and the step where each segment leaks most.",
    )
    add_data_argument(p)
    p.add_argument(
        "--by", default=None, help="one funnel per level: industry, size_band, channel, month"
    )
    add_where_option(p)
    add_as_of_option(p, "each step counts only contacts old enough for its window")
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    where = parse_where(args.where, config.size_bands)
    data = load_data(args.data, config, args)
    result = funnel(data, by=args.by, where=where or None, config=config, as_of=args.as_of)
    emit_result(
        args,
        config,
        "funnel",
        result.to_dict,
        result.to_frame,
        lambda: funnel_text(result, ", ".join(args.where)),
    )
    return 0


def _pct(x: float) -> str:
    return "-" if x != x else f"{100 * x:.1f} %"


def _row(s: Stage) -> list[str]:
    band = f"{s.band[0]:.0%}-{s.band[1]:.0%}" if s.band else ""
    return [
        STAGE_WORDS.get(s.stage, s.stage),
        f"{s.successes}/{s.n} {s.of}",
        _pct(s.rate),
        f"[{_pct(s.ci_low)}, {_pct(s.ci_high)}]" if s.n else "-",
        band,
        s.vs_band or "",
    ]


def _level_text(lv: FunnelLevel, title: str) -> list[str]:
    rows = [_row(s) for s in lv.stages]
    if lv.pipeline is not None:
        rows.append(_row(lv.pipeline))
    out = [f"{title} ({lv.contacts} contacts)"]
    out.append(
        render(
            ["step", "of", "rate", "95 % CI", "band", "vs band"],
            rows,
            [False, True, True, True, True, False],
        )
    )
    if lv.value_per_contact is not None:
        vpc = lv.value_per_contact
        mdv = lv.mean_deal_value
        out.append(
            "Value per contact: "
            + ("-" if vpc != vpc else f"EUR {vpc:,.0f}")
            + "; mean deal value: "
            + ("-" if mdv is None or mdv != mdv else f"EUR {mdv:,.0f}")
        )
    if lv.leak:
        lk = lv.leak
        if lk["reason"] == "below_band":
            out.append(
                f"Leaks most at: {lk['stage']} ({_pct(lk['rate'])}, below the "
                f"{_pct(lk['reference'])} lower end of its band)"
            )
        else:
            sure = "" if lk.get("clear") else "; could be chance"
            out.append(
                f"Weakest step: {lk['stage']} ({_pct(lk['rate'])} vs {_pct(lk['reference'])} "
                f"overall{sure})"
            )
    return out


def funnel_text(result: FunnelResult, where: str = "") -> str:
    """The funnel as plain-text tables, the whole selection first, then each level."""
    head = "Funnel" + (f" ({term_safe(where)})" if where else "")
    parts = top_lines(result.to_dict()) + _level_text(result.overall, head)
    for lv in result.levels:
        parts += ["", *_level_text(lv, term_safe(f"{result.by} = {lv.level}"))]
    parts += [""] + [f"Note: {n}" for n in result.notes]
    return "\n".join(parts)
