"""``icplab check DATA --thesis NAME | --all | --where ...``: verdicts against the targets.

``--format json`` prints the check object of CONTRACT section 4; with ``--all`` it prints
``{"theses": [<check object>, ...]}`` in config order. A computed verdict (pass, fail or
inconclusive) is a result, not an error: the exit status is 0; bad input or usage gives 2.
"""

from __future__ import annotations

import argparse

import pandas as pd

from icplab.cli.commands._data import (
    add_as_of_option,
    add_data_argument,
    add_output_options,
    add_sequential_option,
    add_where_option,
    emit_result,
    load_data,
    warn_if_metrics_changed,
)
from icplab.cli.commands._stats_format import check_text
from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.data.counts import parse_where
from icplab.icp.verdicts import CheckResult, check, check_all


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check an ICP thesis (or a segment) against the metric targets",
        description="Judge a thesis from icplab.toml, every thesis (--all) or an ad-hoc "
        "segment (--where) against the fixed success metrics: pass, fail or not settled "
        "yet, with an estimate of the contacts still needed. Exit status 0 whatever the "
        "verdict.",
    )
    add_data_argument(p)
    p.add_argument("--thesis", default=None, help="thesis name from icplab.toml")
    p.add_argument("--all", action="store_true", help="check every thesis in icplab.toml")
    add_where_option(
        p, "segment filter, repeatable (narrows a --thesis, or defines an ad-hoc segment)"
    )
    p.add_argument(
        "--metric",
        action="append",
        default=None,
        help="metric to check, repeatable (default: every metric)",
    )
    add_sequential_option(p)
    add_as_of_option(p)
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.all and args.thesis:
        raise UsageError("give either --thesis NAME or --all, not both.")
    if not (args.all or args.thesis or args.where):
        raise UsageError(
            "say what to check: --thesis NAME (from icplab.toml), --all, or --where filters, "
            "e.g. icplab check data.csv --where industry=Logistik --where employees=50-199."
        )
    if args.all and args.where:
        raise UsageError("--all checks the theses as defined; drop --where or use --thesis.")
    config = Config.load(args.config)
    where = parse_where(args.where, config.size_bands)
    if args.thesis:
        config.thesis(args.thesis)  # unknown names fail before the data is read
    data = load_data(args.data, config, args)
    if args.all:
        results = check_all(data, config, args.metric, sequential=args.sequential, as_of=args.as_of)
    elif args.thesis:
        thesis = config.thesis(args.thesis)
        if where:
            from icplab.core.config import Thesis

            thesis = Thesis(thesis.name, thesis.statement, {**thesis.where, **where}, thesis.since)
        results = [
            check(data, thesis, args.metric, config, sequential=args.sequential, as_of=args.as_of)
        ]
    else:
        results = [
            check(
                data,
                where,
                args.metric,
                config,
                name="segment",
                sequential=args.sequential,
                as_of=args.as_of,
            )
        ]
    warn_if_metrics_changed(config)
    emit_result(
        args,
        config,
        "check",
        lambda: {"theses": [r.to_dict() for r in results]} if args.all else results[0].to_dict(),
        lambda: _frame(results),
        lambda: "\n\n".join(check_text(r) for r in results),
    )
    return 0


def _frame(results: list[CheckResult]) -> pd.DataFrame:
    """Every checked metric of every thesis, the thesis and its verdict first."""
    frame = pd.concat(
        [r.to_frame().assign(thesis=r.thesis, thesis_verdict=r.verdict) for r in results],
        ignore_index=True,
    )
    first = ["thesis", "thesis_verdict"]
    return frame[first + [c for c in frame.columns if c not in first]]
