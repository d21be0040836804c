"""``icplab reasons DATA --by COLUMN``: rejection reasons among rejected leads, by segment."""

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
from icplab.icp.reasons import ReasonsResult, reasons


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reasons",
        help="why sales rejects leads, by segment (closed loop)",
        description="Tabulate rejection_reason among rejected leads (a meeting that did not "
        "become qualified; a meeting without a deal when there is no qualified column) by "
        "the levels of a column, with the chi-square test of independence of reason and "
        "level.",
    )
    add_data_argument(p)
    p.add_argument(
        "--by", required=True, help="industry, size_band, channel, month (from sent_at), ..."
    )
    add_where_option(p)
    add_as_of_option(p, "each step counts only contacts old enough for its window")
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    where = parse_where(args.where, config.size_bands)
    data = load_data(args.data, config, args)
    result = reasons(data, args.by, where=where or None, config=config, as_of=args.as_of)
    emit_result(
        args, config, "reasons", result.to_dict, result.to_frame, lambda: reasons_text(result)
    )
    return 0


def reasons_text(result: ReasonsResult) -> str:
    """The reasons as a plain-text table with the test on top."""
    if result.p_value is None:
        test = "no test (too few levels or reasons)"
    else:
        p = "<0.001" if result.p_value < 0.001 else f"{result.p_value:.3f}"
        verdict = (
            "the reasons differ between the levels"
            if result.p_value < 0.05
            else "no clear difference between the levels (could be chance)"
        )
        test = f"chi-square {result.chi2:.1f}, df {result.df}, p = {p}: {verdict}"
    parts = [
        f"Rejection reasons by {term_safe(result.by)} ({result.rejected} rejected leads)",
        test,
        "",
    ]
    rows = [
        [term_safe(r.level), term_safe(r.reason), str(r.count), f"{100 * r.share:.0f} %"]
        for r in result.rows
    ]
    if rows:
        parts.append(
            render(["level", "reason", "count", "share"], rows, [False, False, True, True])
        )
    else:
        parts.append("No rejected lead with a reason yet.")
    parts += [""] + [f"Note: {n}" for n in result.notes]
    return "\n".join(parts)
