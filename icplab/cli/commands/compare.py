"""``icplab compare DATA --by FACTOR --metric M``: compare levels with a baseline."""

from __future__ import annotations

import argparse

from icplab.cli.commands._data import add_log_options, open_log, show_result
from icplab.cli.commands._parser import command, option
from icplab.cli.commands._stats_format import comparison_text, within_frame
from icplab.icp.compare import compare_result
from icplab.stats.multiplicity import METHODS


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "compare")
    add_log_options(p, sequential=True)
    option(p, "--by", required=True)
    option(p, "--metric", required=True, default=None)
    option(p, "--baseline", default=None)
    option(p, "--correction", choices=METHODS, default=None)
    option(p, "--alpha", type=float, default=None)
    option(p, "--within")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scope, data = open_log(args)
    result = compare_result(
        data,
        args.by,
        args.metric,
        baseline=args.baseline,
        alpha=args.alpha,
        correction=args.correction,
        scope=scope,
        within=args.within,
    )
    show_result(
        args,
        scope.config,
        result,
        lambda: comparison_text(result, ", ".join(args.where)),
        frame=lambda: result.to_frame() if result.within is None else within_frame(result),
        lock=True,
    )
    return 0
