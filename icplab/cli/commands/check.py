"""``icplab check DATA --thesis NAME | --all | --where ...``: verdicts against the targets.

``--format json`` prints the check object of CONTRACT section 4; with ``--all`` it prints
``{"theses": [<check object>, ...]}`` in config order. A computed verdict (pass, fail or
inconclusive) is a result, not an error: the exit status is 0; bad input or usage gives 2.
"""

from __future__ import annotations

import argparse

import pandas as pd

from icplab.cli.commands._data import add_log_options, emit_result, open_log
from icplab.cli.commands._parser import command, option
from icplab.cli.commands._stats_format import check_text
from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.icp.verdicts import CheckResult, check, check_all


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "check")
    add_log_options(p, sequential=True)
    option(p, "--thesis")
    option(p, "--all", action="store_true")
    option(p, "--metric", action="append", default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.all and args.thesis:
        raise UsageError(Note("cli.check.thesis_or_all"))
    if not (args.all or args.thesis or args.where):
        raise UsageError(Note("cli.check.what"))
    if args.all and args.where:
        raise UsageError(Note("cli.check.all_where"))
    scope, data = open_log(args)  # an unknown thesis fails before the data is read
    if args.all:
        results = check_all(data, scope, args.metric)
    elif args.thesis:  # --where narrows the thesis' segment
        results = [check(data, args.thesis, args.metric, scope)]
    else:
        results = [check(data, None, args.metric, scope, name="segment")]
    emit_result(
        args,
        scope.config,
        "check",
        lambda: {"theses": [r.to_dict() for r in results]} if args.all else results[0].to_dict(),
        lambda: _frame(results),
        lambda: "\n\n".join(check_text(r) for r in results),
        lock=True,
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
