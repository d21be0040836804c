"""``icplab compare DATA --by FACTOR --metric M``: compare levels with a baseline."""

from __future__ import annotations

import argparse

from icplab.api import inference_of
from icplab.cli.commands._data import add_log_options, open_log, show_result
from icplab.cli.commands._stats_format import comparison_text, within_frame
from icplab.icp.compare import compare_result
from icplab.stats.multiplicity import METHODS


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare the levels of a factor on a metric (A/B test)",
        description="Compare every level of a factor with a baseline level on a success "
        "metric: Wilson intervals, Newcombe difference intervals, pooled z-test or Fisher's "
        "exact test, Holm/BH adjustment, probability of beating the baseline, and a "
        "sample-ratio-mismatch check.",
    )
    add_log_options(p, sequential=True)
    p.add_argument(
        "--by",
        required=True,
        help="factor: industry, size_band, messaging, salutation or any column",
    )
    p.add_argument("--metric", required=True, help="metric name, e.g. reply_rate")
    p.add_argument("--baseline", default=None, help="baseline level (default: most contacts)")
    p.add_argument(
        "--correction",
        choices=METHODS,
        default=None,
        help="multiple-comparison adjustment (default from icplab.toml: holm)",
    )
    p.add_argument("--alpha", type=float, default=None, help="significance level (default 0.05)")
    p.add_argument(
        "--within",
        default=None,
        metavar="COLUMN",
        help="also compare inside every level of COLUMN (e.g. industry) and test whether "
        "the effect differs across them (likelihood-ratio test of the interaction)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config, where, data = open_log(args)
    result = compare_result(
        data,
        args.by,
        args.metric,
        baseline=args.baseline,
        alpha=args.alpha,
        correction=args.correction,
        where=where,
        config=config,
        inference=inference_of(config, args.sequential),
        as_of=args.as_of,
        within=args.within,
    )
    show_result(
        args,
        config,
        result,
        lambda: comparison_text(result, ", ".join(args.where)),
        frame=lambda: result.to_frame() if result.within is None else within_frame(result),
        lock=True,
    )
    return 0
