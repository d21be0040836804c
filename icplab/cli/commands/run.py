"""``icplab run``: execute the report plan and publish HTML reports into ``reports/``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from icplab.batch.plan import report_plan
from icplab.batch.runner import RunOptions, run_reports
from icplab.batch.stop import RunStopped
from icplab.cli.commands._data import data_option
from icplab.cli.commands._progress import RunProgress
from icplab.cli.commands._text import emit
from icplab.cli.terminal import language, num, say, show
from icplab.core.config import CONFIG_FILENAME, Config
from icplab.core.errors import render_error
from icplab.data.personal import scrub_text
from icplab.report.outcome import ReportResult


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="run the report notebooks and publish HTML reports with an index page",
        description="Run every report of the plan in icplab.toml ([[reports]] or [[reports.plan]], or the default "
        "plan: overview, one A/B test per factor, one check per thesis, ICP refinement, "
        "sample-size planner), each notebook in its own process. Good reports replace "
        "reports/<name>.html; a failed one keeps the last good version and its error page "
        "stays in reports/runs/<timestamp>/. Exit status: 0 all ok, 1 a report failed, "
        "2 bad input (nothing is written) or another run in progress in this workspace, 3 the "
        "metrics changed and the change was not accepted, 130 stopped by Ctrl-C (143 by "
        "SIGTERM; nothing new is published).",
    )
    p.add_argument(
        "--config",
        type=Path,
        default=None,
        help=f"workspace config (default: ./{CONFIG_FILENAME}, else built-in defaults)",
    )
    p.add_argument(
        "--data",
        type=data_option,
        default=None,
        help="outreach log or table to report on (default: [workspace] data in the config)",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=min(os.cpu_count() or 1, 4),
        help="notebooks run in parallel (default: the number of cores, at most 4)",
    )
    p.add_argument(
        "--only",
        action="append",
        default=None,
        metavar="NAME",
        help="run only this report (name or name prefix); repeatable",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=600,
        help="seconds a single notebook cell may run (default 600)",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=0,
        metavar="SECONDS",
        help="when another icplab run is in progress in this workspace, wait up to this "
        "many seconds for it to finish (default 0: exit 2 at once)",
    )
    p.add_argument(
        "--accept-metric-change",
        action="store_true",
        help="accept changed metric definitions (targets, windows, the [columns] mapping of "
        "the counted columns, size bands) and lock the new ones; without it a change exits 3",
    )
    p.add_argument(
        "--language",
        choices=("en", "de"),
        default=None,
        help="language of every report and the index (default: [reports] language in "
        "icplab.toml, else English)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    data = args.data  # a resolved path or a table URL (data_option)
    bar = RunProgress(total=len(report_plan(config, args.only)))  # refined by on_plan

    def _progress(res: ReportResult) -> None:
        bar.done(res.name, res.ok, res.seconds, "" if res.ok else res.error)

    def _waiting(message: str) -> None:
        emit(show(message), file=sys.stderr)

    try:
        options = RunOptions(
            config,
            only=args.only,
            jobs=args.jobs,
            timeout=args.timeout,
            accept_metric_change=args.accept_metric_change,
            progress=_progress,
            on_plan=lambda n: setattr(bar, "total", n),
            data=data,
            language=args.language or config.language,
            wait=args.wait,
            on_wait=_waiting,
        )
        summary = run_reports(options)
    except RunStopped as stop:
        emit(f"\n{render_error(stop, language())}", file=sys.stderr)
        return stop.exit_code
    n, k = len(summary.results), len(summary.failed)
    seconds = num(summary.seconds, 1)
    done = say("cli.run.done", ok=n - k, n=n, seconds=seconds, index=str(summary.index))
    emit(done, file=sys.stderr)
    if summary.lock_error:
        emit(f"{say('cli.error')}: {scrub_text(show(summary.lock_error))}", file=sys.stderr)
    emit(summary.index)
    return summary.exit_code
