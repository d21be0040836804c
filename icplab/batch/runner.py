"""The batch runner: one run of the report plan, from the lock to the published index.

:func:`run_reports` is the one entry point for ``icplab run``, cron, CI, an Airflow task or
a Dask job; its settings are one :class:`RunOptions`. It orchestrates the run and leaves
each step to the module whose job it is:

* :mod:`icplab.batch.plan`: which reports run (the default plan, ``--only``, the checks
  of report names and parameters);
* :mod:`icplab.batch.execute`: each report's notebook executed with papermill in a worker
  process (papermill switches the working folder of that process only, never of a
  thread; each worker runs its notebooks one after another in one warm kernel, cleared
  before each and replaced after any failure, see :mod:`icplab.batch.kernel`) into a
  fresh run folder::

    reports/runs/<UTC timestamp>/<report>/<report>.ipynb   executed notebook
                                         /<report>.html    rendered report (also when failed)
                                         /<report>.json    summary written by the notebook

* :mod:`icplab.batch.publish`: a report that succeeded is published atomically to
  ``reports/<report>.html`` and ``reports/<report>.json``; a failed one leaves the last
  good published report in place, and its HTML with papermill's error banner stays in the
  run folder. Finally ``reports/index.html`` is built from the JSON summaries and old
  run folders are pruned.

The names these modules had here before the split (``default_plan``, ``execute_job``,
``prune_runs``, ...) can still be imported from this module.

Examples
--------
>>> from icplab.core.config import Config
>>> [s.name for s in default_plan(Config())][:3]
['01-overview', '02-ab-test-industry', '02-ab-test-size_band']
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, overload

from icplab.batch.execute import (
    DEFAULT_KERNEL,
    Job,
    ProgressFn,
    WorkerProcess,
    execute_all,
    execute_job,
    result_from_dict,
    result_to_dict,
    run_job_in_subprocess,
    scrub,
)
from icplab.batch.plan import (
    MAX_NAME,
    MAX_SLUG,
    RESERVED_PARAMETERS,
    RESERVED_REPORT_NAMES,
    _resolve_notebook,
    default_plan,
    notebooks_dir,
    report_plan,
)
from icplab.batch.publish import (
    cannot_write,
    prune_runs,
    publish_all,
    reports_folder,
    write_run_files,
    write_tables_workbook,
)
from icplab.batch.run_lock import workspace_run_lock
from icplab.batch.snapshot import DataSnapshot, take_snapshot, take_table_snapshot
from icplab.batch.stop import Interrupted, RunStopped, StopSignals
from icplab.core.config import Config, ReportSpec
from icplab.core.errors import InputError, MetricLockError, UsageError, usage_error_on_os_error
from icplab.core.files import replace_inside, safe_mkdir, safe_rmtree, stage_copy
from icplab.core.notes import Note
from icplab.data.load import load
from icplab.data.maturity import resolve_as_of, sent_by
from icplab.data.warehouse import is_warehouse
from icplab.icp.lock import RUN_RECORD_KEY, lock_for_run_record
from icplab.report.outcome import ReportResult, RunSummary

#: Default sample data, relative to the workspace, when neither config nor caller names one.
DEFAULT_DATA = "data/samples/outreach.csv"
#: The run's copy of ``icplab.toml``, beside its copy of the data (``.icplab/snapshots/``).
CONFIG_COPY_NAME = "icplab.run.toml"

#: Old private names of functions that moved to :mod:`icplab.batch.publish` /
#: :mod:`icplab.batch.execute` (tests and scripts import them from here).
_publish_all = publish_all
_reports_dir = reports_folder
_execute_all = execute_all


@dataclass(frozen=True)
class RunOptions:
    """Everything one run of :func:`run_reports` needs to know.

    Parameters
    ----------
    config
        The workspace configuration; its folder (:attr:`Config.root`) is the workspace,
        ``config.reports_dir`` (relative to it) receives the reports.
    only
        Report names (or name prefixes) to run; default all.
    jobs
        Notebooks run at the same time, each in its own process and kernel.
    timeout
        Seconds any single cell may run before the notebook is stopped and failed.
    accept_metric_change
        Accept changed metric definitions (re-lock them). Without it a change makes the
        batch fail with exit status 3, after every report has shown the change.
    progress
        Called with each :class:`ReportResult` as it finishes (the CLI prints a line).
    on_plan
        Called once with the number of reports in the plan (known only after the log
        is read: the default plan adds ``channel`` when the log has several).
    data
        Outreach log to use instead of ``config.data`` / the sample data.
    kernel_name
        Jupyter kernel to execute with.
    language
        ``en`` or ``de`` for every report that does not set its own and for the index;
        default ``[reports] language`` of the config, else English.
    wait
        Seconds to wait for another run in the same workspace to finish (0: fail at once).
    on_wait
        Called with a message when the run has to wait for another one.

    Examples
    --------
    >>> from icplab.core.config import Config
    >>> opts = RunOptions(Config(), only=["01-overview"], jobs=2)
    >>> opts.only, opts.jobs, opts.timeout
    (('01-overview',), 2, 600)
    """

    config: Config
    only: Iterable[str] | None = None
    jobs: int = 1
    timeout: float = 600
    accept_metric_change: bool = False
    progress: ProgressFn | None = None
    on_plan: Callable[[int], None] | None = None
    data: str | Path | None = None
    kernel_name: str = DEFAULT_KERNEL
    language: str | None = None
    wait: float = 0
    on_wait: Callable[[str], None] | None = None

    def __post_init__(self) -> None:
        # a generator given as ``only`` is read once, here
        if self.only is not None and not isinstance(self.only, tuple):
            object.__setattr__(self, "only", tuple(self.only))


#: Positional parameters of the former ``run_reports(config, only, jobs, ...)``.
_POSITIONAL = ("only", "jobs", "timeout", "accept_metric_change", "progress", "on_plan")


@overload
def run_reports(options: RunOptions, /) -> RunSummary: ...


@overload
def run_reports(
    options: Config,
    /,
    only: Iterable[str] | None = None,
    jobs: int = 1,
    timeout: float = 600,
    accept_metric_change: bool = False,
    progress: ProgressFn | None = None,
    on_plan: Callable[[int], None] | None = None,
    *,
    data: str | Path | None = None,
    kernel_name: str = DEFAULT_KERNEL,
    language: str | None = None,
    wait: float = 0,
    on_wait: Callable[[str], None] | None = None,
) -> RunSummary: ...


def run_reports(options: RunOptions | Config, /, *args: Any, **kwargs: Any) -> RunSummary:
    """Run the report plan and publish the results.

    Call it with one :class:`RunOptions`; the former call ``run_reports(config, only=...,
    jobs=..., ...)`` with the same parameters still works and means
    ``run_reports(RunOptions(config, only=..., jobs=..., ...))``.

    One run at a time per workspace (:mod:`icplab.batch.run_lock`); every notebook of the
    run reads the same copy of the data (:mod:`icplab.batch.snapshot`), validated once
    before anything is written; good reports are published together when all have
    finished, so a run stopped by Ctrl-C or SIGTERM (:mod:`icplab.batch.stop`) publishes
    nothing.

    Returns
    -------
    RunSummary
        Per-report results, paths and the exit status to use.

    Raises
    ------
    icplab.core.errors.IcpLabError
        Bad input (exit status 2: invalid data, a plan that sets a reserved parameter, an
        unwritable ``reports/``, another run in progress), nothing written;
        :class:`icplab.batch.stop.RunStopped` when stopped by a signal.
    """
    opts = _options(options, args, kwargs)
    if opts.jobs < 1:
        raise UsageError(Note("errors.run.jobs", value=opts.jobs))
    if opts.timeout <= 0:
        raise UsageError(Note("errors.run.timeout", value=opts.timeout))
    if opts.wait < 0:
        raise UsageError(Note("errors.run.wait", value=opts.wait))
    started = time.perf_counter()
    config = opts.config
    root = config.root.resolve()
    data = opts.data if opts.data is not None else config.data
    table = str(data).strip() if is_warehouse(data) else None
    data_path = _resolve_data(root, data) if table is None else None
    with StopSignals() as signals:
        try:
            with workspace_run_lock(root, opts.wait, opts.on_wait):
                if table is not None:
                    snap = take_table_snapshot(root, table, _mapping_of(config))
                else:
                    assert data_path is not None
                    snap = take_snapshot(root, data_path)
                try:
                    _copy_config(config, snap)
                    return _run_locked(opts, snap, signals, started)
                finally:
                    snap.remove()
        except Interrupted as stop:
            raise RunStopped(stop.exit_code) from None


def _options(
    options: RunOptions | Config, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> RunOptions:
    """The :class:`RunOptions` of a call in either form (see :func:`run_reports`).

    Examples
    --------
    >>> from icplab.core.config import Config
    >>> c = Config()
    >>> _options(c, (["01"], 2), {"wait": 5}) == RunOptions(c, ["01"], 2, wait=5)
    True
    """
    if isinstance(options, RunOptions):
        if args or kwargs:
            raise TypeError("run_reports(RunOptions) takes no further arguments")
        return options
    if len(args) > len(_POSITIONAL):
        raise TypeError(f"run_reports takes at most {len(_POSITIONAL) + 1} positional arguments")
    named = dict(zip(_POSITIONAL, args, strict=False))
    twice = sorted(set(named) & set(kwargs))
    if twice:
        raise TypeError(f"run_reports got multiple values for {', '.join(twice)}")
    known = {f.name for f in fields(RunOptions)} - {"config"}
    unknown = sorted(set(kwargs) - known)
    if unknown:
        raise TypeError(f"run_reports got unexpected arguments: {', '.join(unknown)}")
    return RunOptions(options, **named, **kwargs)


def _copy_config(config: Config, snap: DataSnapshot) -> None:
    """Copy ``icplab.toml`` beside the run's data copy: every report of the run reads its
    settings from that copy, so a config edited during the run cannot mix two versions."""
    if config.path is None or not Path(config.path).is_file():
        return
    with usage_error_on_os_error("errors.run.cannot_copy_config", path=str(config.path)):
        tmp = stage_copy(Path(config.path), snap.path.parent, CONFIG_COPY_NAME, snap.path.parent)
        replace_inside(tmp, snap.path.parent / CONFIG_COPY_NAME, snap.path.parent)


def _run_locked(
    opts: RunOptions, snap: DataSnapshot, signals: StopSignals, started: float
) -> RunSummary:
    """:func:`run_reports` once the workspace is locked and the data copied."""
    config = opts.config
    root = config.root.resolve()
    reports_dir = reports_folder(root, config)
    log = _read_log(snap, config)
    # an as-of day before the first send would fail every report alike: stop here (exit 2)
    sent_by(log.frame, resolve_as_of(None, config.as_of), whole_log=True)
    plan = report_plan(config, opts.only, log)
    if opts.on_plan is not None:
        opts.on_plan(len(plan))
    language = opts.language if opts.language is not None else config.language
    family = _family(report_plan(config, None, log), log, config)  # whole plan, even with --only
    jobs_list = [
        (spec, str(_resolve_notebook(root, spec.notebook)), family.parameters(spec.name))
        for spec in plan
    ]
    metric_change, accepted, lock_error = _check_lock(
        config, opts.accept_metric_change, list(log.frame.columns)
    )

    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    run_dir = reports_dir / "runs" / run_id
    config_path = str(config.path) if config.path is not None else ""
    config_copy = snap.path.parent / CONFIG_COPY_NAME
    try:
        try:
            safe_mkdir(run_dir.parent, reports_dir)  # refuses a linked reports/runs
            run_dir.mkdir(exist_ok=False)
            jobs_todo = []
            for spec, notebook, family_params in jobs_list:
                out = run_dir / spec.name
                out.mkdir()
                params = {
                    "workspace": str(root),
                    "data": str(snap.path),
                    "config": config_path or "icplab.toml",
                    "config_copy": str(config_copy) if config_copy.is_file() else "",
                    "summary_path": str(out / f"{spec.name}.json"),
                    "report_name": spec.name,
                    "metric_change": metric_change,
                }
                if language is not None:
                    params["language"] = language
                params.update(family_params)
                params.update(spec.parameters)  # reserved keys were refused by report_plan
                jobs_todo.append(
                    Job(
                        spec.name, notebook, str(out), params, opts.kernel_name, float(opts.timeout)
                    )
                )
        except OSError as exc:
            raise cannot_write(reports_dir, exc) from None

        # the index page's and the workbook's imports load while the notebooks run
        preload = threading.Thread(target=_preload_publishing, daemon=True)
        preload.start()
        results = execute_all(
            longest_first(jobs_todo, previous_seconds(reports_dir / "runs", run_dir)),
            opts.jobs,
            run_dir,
            opts.progress,
            signals,
        )
        preload.join()

        with signals.deferred():  # publishing is short and must not stop half-way
            published = publish_all(
                [results[s.name] for s in plan if results[s.name].ok], reports_dir
            )
            ordered = tuple(published.get(s.name, results[s.name]) for s in plan)
            summary = RunSummary(
                run_id=run_id,
                run_dir=run_dir,
                index=reports_dir / "index.html",
                results=ordered,
                seconds=time.perf_counter() - started,
                metric_change=metric_change,
                metric_change_accepted=accepted,
                lock_error=lock_error,
                comparisons=family.comparisons,
                comparison_reports=family.reports,
                correction=family.correction,
                correction_scope=family.scope,
                language=language or "en",
                data={
                    **snap.to_dict(rows=int(log.n_contacts)),
                    "as_of": resolve_as_of(None, config.as_of).isoformat(),
                },
            )
            record = {**summary.to_dict(), RUN_RECORD_KEY: lock_for_run_record(config)}
            plan_names = [s.name for s in report_plan(config, None, log)]
            write_run_files(summary, record, run_dir, reports_dir, plan_names)
            prune_runs(reports_dir / "runs", config.keep_runs, keep=run_dir, base=reports_dir)
        return summary
    except BaseException:
        # stopped, or nothing could be published: no half-written run stays behind
        with signals.deferred(), contextlib.suppress(OSError, UsageError):
            safe_rmtree(run_dir, reports_dir)
        raise


def previous_seconds(runs_dir: Path, current: Path | None = None) -> dict[str, float]:
    """Seconds each report took in the newest earlier run (its ``run.json``); empty when
    there is none or it cannot be read. Only real files are read, no symbolic link.

    Examples
    --------
    >>> previous_seconds(Path("/nonexistent/runs"))
    {}
    """
    import json
    import stat

    try:
        runs = sorted(
            (p for p in runs_dir.iterdir() if p != current and not p.name.startswith(".")),
            reverse=True,
        )
    except OSError:
        return {}
    for run in runs[:3]:
        record = run / "run.json"
        try:
            if not (stat.S_ISDIR(os.lstat(run).st_mode) and stat.S_ISREG(os.lstat(record).st_mode)):
                continue
            reports = json.loads(record.read_text(encoding="utf-8")).get("reports") or []
            return {
                str(r["name"]): float(r["seconds"])
                for r in reports
                if isinstance(r, dict) and r.get("status") == "ok"
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            continue
    return {}


def longest_first(jobs: list[Job], seconds: dict[str, float]) -> list[Job]:
    """``jobs`` ordered for the workers: the longest in the last run first, reports without
    a time (new ones, failed ones) before them, else in plan order. The last report to
    finish is then a short one, so no worker idles long while another still works.

    Examples
    --------
    >>> jobs = [Job(n, "", "", {}, "python3", 1.0) for n in ("a", "b", "c")]
    >>> [j.name for j in longest_first(jobs, {"a": 1.0, "b": 3.0})]
    ['c', 'b', 'a']
    """
    return sorted(jobs, key=lambda j: -seconds.get(j.name, float("inf")))


def _preload_publishing() -> None:
    """:func:`icplab.batch.lean.preload_publishing`; a failure shows up when publishing."""
    from icplab.batch.lean import preload_publishing

    with contextlib.suppress(Exception):
        preload_publishing()


def _read_log(snap: DataSnapshot, config: Config) -> Any:
    """The run's log, read and validated once from the run's copy of the data (for the
    default plan's data-dependent entries and the run-wide family of comparisons).

    Raises
    ------
    icplab.core.errors.InputError
        When the data is invalid; the message names the user's file, not the copy.
    """
    try:
        return load(snap.path, config=config)
    except InputError as exc:
        raise InputError(str(snap.source), exc.problems) from None


def _family(plan: tuple[ReportSpec, ...], log: Any, config: Config) -> Any:
    """The run's comparisons (:mod:`icplab.batch.family`); empty when the log could not be
    read (the notebooks then report the problem themselves)."""
    from icplab.batch.family import RunFamily, run_family

    if log is None:
        return RunFamily(scope=config.correction_scope, correction=config.correction)
    return run_family(plan, log, config)


def _mapping_of(config: Config) -> Any:
    """The resolved ``[columns]`` mapping of ``config`` (the columns a table's copy keeps)."""
    from icplab.data.mapping import ColumnMapping

    return ColumnMapping.from_config(config.columns, None, where=config.where_label)


def _resolve_data(root: Path, data: str | Path | None) -> Path:
    p = Path(data or DEFAULT_DATA).expanduser()
    p = p if p.is_absolute() else root / p
    if not p.exists():
        raise UsageError(Note("errors.run.no_data", path=str(p)))
    return p.resolve()


def _check_lock(
    config: Config, accept: bool, columns: list[str] | None = None
) -> tuple[str, bool, str]:
    """(change description, accepted, lock error message) from :mod:`icplab.icp.lock`.

    ``columns``: the log's columns, so the lock also covers the denominator each metric
    actually uses on it (deal_rate falling back to meetings).
    """
    try:
        from icplab.icp.lock import check_lock
    except ImportError:  # pragma: no cover - lock module not installed
        return "", False, ""
    status = check_lock(config, columns=columns)
    if not status.changed:
        return "", False, ""
    change = status.describe()  # a note: the terminal and the index write it in theirs
    try:
        status.raise_if_changed(accept)
    except MetricLockError as exc:
        return change, False, exc.args[0] if exc.args else str(exc)
    return change, True, ""


__all__ = [
    "DEFAULT_DATA",
    "DEFAULT_KERNEL",
    "MAX_NAME",
    "MAX_SLUG",
    "RESERVED_PARAMETERS",
    "RESERVED_REPORT_NAMES",
    "Job",
    "ReportResult",
    "ReportSpec",
    "RunOptions",
    "RunSummary",
    "WorkerProcess",
    "cannot_write",
    "default_plan",
    "execute_job",
    "notebooks_dir",
    "prune_runs",
    "report_plan",
    "result_from_dict",
    "result_to_dict",
    "run_job_in_subprocess",
    "run_reports",
    "scrub",
    "write_tables_workbook",
]
