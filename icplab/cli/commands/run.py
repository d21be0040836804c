"""``icplab run``: execute the report plan and publish HTML reports into ``reports/``."""

from __future__ import annotations

import argparse
import os
import sys

from icplab.batch.plan import report_plan
from icplab.batch.runner import RunOptions, run_reports
from icplab.batch.stop import RunStopped
from icplab.cli.commands._data import data_option
from icplab.cli.commands._parser import command, option, passed
from icplab.cli.commands._progress import RunProgress
from icplab.cli.commands._text import emit
from icplab.cli.terminal import language, num, say, show
from icplab.core.config import Config
from icplab.core.errors import render_error
from icplab.data.personal import scrub_text
from icplab.report.outcome import ReportResult


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "run")
    option(p, "--config")
    option(p, "--data", type=data_option)
    option(p, "--jobs", "-j", type=int, default=min(os.cpu_count() or 1, 4))
    option(p, "--only", action="append", default=None, metavar="NAME")
    option(p, "--timeout", type=float, default=600)
    option(p, "--wait", type=float, default=0, metavar="SECONDS")
    option(p, "--accept-metric-change", action="store_true")
    option(p, "--language")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    data = args.data  # a resolved path or a table URL (data_option)
    bar = RunProgress(total=len(report_plan(config, args.only)))  # refined by on_plan

    def _progress(res: ReportResult) -> None:
        bar.done(res.name, res.ok, res.seconds, "" if res.ok else show(res.error))

    def _waiting(message: str) -> None:
        emit(show(message), file=sys.stderr)

    try:
        options = RunOptions(
            config,
            **passed(args, "only", "jobs", "timeout", "accept_metric_change"),
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
