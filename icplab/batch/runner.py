"""The batch runner: execute the report plan, publish good reports, build the index.

:func:`run_reports` is the one entry point for ``icplab run``, cron, CI, an Airflow task or
a Dask job. For each entry of the plan it runs the notebook with papermill in a worker
process (papermill switches the working folder of that process only, never of a thread:
threads merely wait for the worker processes; each worker runs its notebooks one after
another in one warm kernel, cleared before each and replaced after any failure, see
:mod:`icplab.batch.kernel`) into a fresh run folder::

    reports/runs/<UTC timestamp>/<report>/<report>.ipynb   executed notebook
                                         /<report>.html    rendered report (also when failed)
                                         /<report>.json    summary written by the notebook

A report that succeeded is then published atomically to ``reports/<report>.html`` and
``reports/<report>.json``; a failed one leaves the last good published report in place, and
its HTML with papermill's error banner stays in the run folder. Finally
``reports/index.html`` is built from the JSON summaries.

Examples
--------
>>> from icplab.core.config import Config
>>> [s.name for s in default_plan(Config())][:3]
['01-overview', '02-ab-test-industry', '02-ab-test-size_band']
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import keyword
import os
import queue
import re
import stat
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from icplab.batch.run_lock import workspace_run_lock
from icplab.batch.snapshot import DataSnapshot, take_snapshot
from icplab.batch.stop import Interrupted, RunStopped, StopSignals
from icplab.core.config import Config, ReportSpec
from icplab.core.errors import (
    ConfigError,
    IcpLabError,
    InputError,
    MetricLockError,
    UsageError,
    printable,
)
from icplab.core.files import (
    atomic_write_text,
    check_inside,
    replace_inside,
    safe_mkdir,
    safe_rmtree,
    safe_unlink,
    stage_copy,
)
from icplab.core.schema import FACTORS
from icplab.data.load import load
from icplab.data.maturity import resolve_as_of
from icplab.data.personal import scrub_text
from icplab.icp.lock import RUN_RECORD_KEY, lock_for_run_record
from icplab.report.outcome import ReportResult, RunSummary
from icplab.report.summary import ReportSummary, read_summary

#: Kernel the notebooks run in (jupyter_client maps its ``python`` to this interpreter).
DEFAULT_KERNEL = "python3"
#: Default sample data, relative to the workspace, when neither config nor caller names one.
DEFAULT_DATA = "data/samples/outreach.csv"

ProgressFn = Callable[["ReportResult"], None]
#: Longest report name (it becomes file names such as ``NAME.tables.json``).
MAX_NAME = 120
#: The run's copy of ``icplab.toml``, beside its copy of the data (``.icplab/snapshots/``).
CONFIG_COPY_NAME = "icplab.run.toml"
#: Longest thesis part of a report name; a longer one is cut and given a short hash.
MAX_SLUG = 80
#: Notebook parameters only the runner sets, with the reason a plan may not set them.
RESERVED_PARAMETERS: dict[str, str] = {
    "summary_path": "reports are written only into the run folder inside reports/",
    "data": "every report of a run reads the same data: use --data or [workspace] data",
    "workspace": "the workspace is the folder of icplab.toml",
    "config": "use --config",
    "report_name": "the report's name is its entry's name",
    "metric_change": "it comes from the metric lock",
    "run_p_adjusted": "it comes from the run-wide comparisons",
    "run_comparisons": "it comes from the run-wide comparisons",
    "config_copy": "every report of a run reads the icplab.toml the run started with",
}


def notebooks_dir() -> Path:
    """The folder with icplab's report notebooks.

    Installed from a wheel they live in ``icplab/notebooks``; in a source checkout
    (editable install, development) in the repository's ``notebooks/``.

    Examples
    --------
    >>> (notebooks_dir() / "01-overview.ipynb").name
    '01-overview.ipynb'
    """
    here = Path(__file__).resolve().parents[1]  # the icplab package folder
    for candidate in (here / "notebooks", here.parent / "notebooks"):
        if candidate.is_dir() and any(candidate.glob("*.ipynb")):
            return candidate
    return here.parent / "notebooks"


def default_plan(config: Config, data: Any = None) -> tuple[ReportSpec, ...]:
    """The report plan used when ``icplab.toml`` has no ``[[reports]]``.

    One overview, one A/B test per factor (reply rate, also inside every industry and
    company size; ``channel`` too when ``data``, a loaded log or its frame, has more than
    one channel), one check per thesis, one ICP refinement (reply rate), one sample-size
    planner, the funnel-and-value report, the next-batch planner, when the log has
    rejection reasons, the closed-loop report, and, when it dates the first touch and a
    later step, the sales-cycle report.
    """
    plan = [ReportSpec("01-overview", "01-overview.ipynb", {})]
    factors = list(FACTORS) + (["channel"] if _levels(data, "channel") > 1 else [])
    segment_columns = ("industry", "size_band")
    plan += [
        ReportSpec(
            f"02-ab-test-{f}",
            "02-ab-test.ipynb",
            {
                "factor": f,
                "metric": "reply_rate",
                "within": [w for w in segment_columns if w != f],
            },
        )
        for f in factors
    ]
    plan += [
        ReportSpec(f"03-thesis-{_slug(t.name)}", "03-thesis-check.ipynb", {"thesis": t.name})
        for t in config.theses
    ]
    plan.append(
        ReportSpec("04-icp-refinement", "04-icp-refinement.ipynb", {"metric": "reply_rate"})
    )
    plan.append(ReportSpec("05-sample-size", "05-sample-size.ipynb", {"metric": "reply_rate"}))
    plan.append(ReportSpec("06-funnel-value", "06-funnel-value.ipynb", {}))
    # the closed loop needs rejection reasons: a tool export without them (lemlist, Apollo)
    # gets no report that could only fail; a log that cannot be read keeps it (its report
    # then says what is wrong)
    if data is None or _levels(data, "rejection_reason") > 0:
        plan.append(ReportSpec("07-closed-loop", "07-closed-loop.ipynb", {}))
    plan.append(ReportSpec("08-next-batch", "08-next-batch.ipynb", {"metric": "reply_rate"}))
    # the sales cycle needs the dates of the first touch and of at least one later step
    # (a log that cannot be read keeps it, like the closed loop)
    if (
        data is None
        or _levels(data, "sent_at")
        and any(_levels(data, c) for c in ("replied_at", "meeting_at", "qualified_at", "deal_at"))
    ):
        plan.append(ReportSpec("09-sales-cycle", "09-sales-cycle.ipynb", {}))
    return tuple(plan)


def _levels(data: Any, column: str) -> int:
    """Distinct non-empty values of ``column`` in a loaded log or frame (0 without)."""
    frame = getattr(data, "frame", data)
    if not isinstance(frame, pd.DataFrame) or column not in frame.columns:
        return 0
    return int(frame[column].dropna().astype(str).str.strip().replace("", pd.NA).nunique())


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


def report_plan(
    config: Config, only: Iterable[str] | None = None, data: Any = None
) -> tuple[ReportSpec, ...]:
    """The plan of ``config`` (or :func:`default_plan`), restricted to ``only`` names.

    An ``only`` entry matches a report name exactly or as a prefix (``02-ab-test`` selects
    all A/B tests); one that matches nothing is an error listing the known names.
    """
    plan = config.reports if config.reports is not None else default_plan(config, data)
    names = [s.name for s in plan]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"report names must be unique; repeated: {', '.join(dupes)}.")
    for s in plan:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", s.name):
            raise ConfigError(
                f"report name '{s.name}' may only use letters, digits, '.', '_' and '-'."
            )
        if len(s.name) > MAX_NAME:
            raise ConfigError(
                f"report name '{s.name[:40]}...' has {len(s.name)} characters; use at most "
                f"{MAX_NAME} (it becomes a file name)."
            )
        _check_name_is_free(s.name, names)
        _check_parameter_names(s)
        reserved = sorted(set(s.parameters) & set(RESERVED_PARAMETERS))
        if reserved:
            key = reserved[0]
            raise ConfigError(
                f"[[reports]] entry '{s.name}': parameter '{key}' cannot be set in the plan; "
                f"icplab run sets it ({RESERVED_PARAMETERS[key]}). Remove it from the entry."
            )
    if not only:
        return tuple(plan)
    chosen: list[ReportSpec] = []
    for sel in only:
        hits = [s for s in plan if s.name == sel] or [s for s in plan if s.name.startswith(sel)]
        if not hits:
            raise UsageError(f"no report named '{sel}' in the plan. Known: {', '.join(names)}.")
        chosen += [s for s in hits if s not in chosen]
    return tuple(s for s in plan if s in chosen)


#: Report names whose files would replace other files of ``reports/`` (the index page,
#: the tables workbook, the run folders, the cron log).
RESERVED_REPORT_NAMES = frozenset({"index", "tables", "runs", "cron", "run"})


def _check_name_is_free(name: str, names: list[str]) -> None:
    """Refuse a report name whose files would overwrite another file of ``reports/``.

    Examples
    --------
    >>> _check_name_is_free("01-overview", ["01-overview"])
    >>> _check_name_is_free("Index", ["Index"])
    Traceback (most recent call last):
    icplab.core.errors.ConfigError: report name 'Index' would overwrite reports/index.html (or another file icplab keeps in reports/); choose another name.
    """
    folded = name.casefold()
    if folded in RESERVED_REPORT_NAMES or folded.split(".")[0] in RESERVED_REPORT_NAMES:
        raise ConfigError(
            f"report name '{name}' would overwrite reports/{folded.split('.')[0]}.html (or "
            "another file icplab keeps in reports/); choose another name."
        )
    for other in names:
        if other == name:
            continue
        if other.casefold() == folded:
            raise ConfigError(
                f"report names '{other}' and '{name}' differ only in case: on many disks they "
                "are the same file in reports/. Choose different names."
            )
        if folded == f"{other.casefold()}.tables":
            raise ConfigError(
                f"report name '{name}' would overwrite the tables of report '{other}' "
                f"(reports/{other}.tables.json); choose another name."
            )


def _check_parameter_names(spec: ReportSpec) -> None:
    """Refuse plan parameters whose names are not plain Python names: papermill writes
    them as ``NAME = value`` into the notebook's parameter cell, so a name such as
    ``import os; x`` would be run as code.

    Examples
    --------
    >>> _check_parameter_names(ReportSpec("r", "01-overview.ipynb", {"metric": "x"}))
    >>> _check_parameter_names(ReportSpec("r", "01-overview.ipynb", {"class": 1}))
    Traceback (most recent call last):
    icplab.core.errors.ConfigError: [[reports]] entry 'r': parameter name 'class' is a Python keyword; a parameter name must be a plain name (letters, digits, '_', not starting with a digit), e.g. metric or factor.
    """
    for key in spec.parameters:
        text = str(key)
        why = ""
        if not text.isidentifier() or not text.isascii():
            why = "is not a plain name"
        elif keyword.iskeyword(text) or keyword.issoftkeyword(text):
            why = "is a Python keyword"
        elif text.startswith("__"):
            why = "is reserved by Python"
        if why:
            raise ConfigError(
                f"[[reports]] entry '{spec.name}': parameter name '{printable(text)[:60]}' {why}; "
                "a parameter name must be a plain name (letters, digits, '_', not starting "
                "with a digit), e.g. metric or factor."
            )


@dataclass(frozen=True)
class Job:
    """One notebook execution, as sent to a worker process (plain, picklable values)."""

    name: str
    notebook: str
    output_dir: str
    parameters: dict[str, Any]
    kernel_name: str
    timeout: float


def run_reports(
    config: Config,
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
) -> RunSummary:
    """Run the report plan of ``config`` and publish the results.

    One run at a time per workspace (:mod:`icplab.batch.run_lock`); every notebook of the
    run reads the same copy of the data (:mod:`icplab.batch.snapshot`), validated once
    before anything is written; good reports are published together when all have
    finished, so a run stopped by Ctrl-C or SIGTERM (:mod:`icplab.batch.stop`) publishes
    nothing.

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
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}.")
    if timeout <= 0:
        raise UsageError(f"--timeout must be positive, got {timeout}.")
    if wait < 0:
        raise UsageError(f"--wait must be 0 or more seconds, got {wait}.")
    started = time.perf_counter()
    root = config.root.resolve()
    data_path = _resolve_data(root, data if data is not None else config.data)
    with StopSignals() as signals:
        try:
            with workspace_run_lock(root, wait, on_wait):
                snap = take_snapshot(root, data_path)
                try:
                    _copy_config(config, snap)
                    return _run_locked(
                        config,
                        only,
                        jobs,
                        timeout,
                        accept_metric_change,
                        progress,
                        on_plan,
                        snap,
                        kernel_name,
                        language,
                        signals,
                        started,
                    )
                finally:
                    snap.remove()
        except Interrupted as stop:
            raise RunStopped(stop.exit_code) from None


def _copy_config(config: Config, snap: DataSnapshot) -> None:
    """Copy ``icplab.toml`` beside the run's data copy: every report of the run reads its
    settings from that copy, so a config edited during the run cannot mix two versions."""
    if config.path is None or not Path(config.path).is_file():
        return
    try:
        tmp = stage_copy(Path(config.path), snap.path.parent, CONFIG_COPY_NAME, snap.path.parent)
        replace_inside(tmp, snap.path.parent / CONFIG_COPY_NAME, snap.path.parent)
    except OSError as exc:
        raise UsageError(
            f"cannot copy {config.path} for the run ({exc.strerror or exc}). Make the "
            "workspace writable."
        ) from None


def _reports_dir(root: Path, config: Config) -> Path:
    """The reports folder, resolved; one inside the workspace may not be reached through a
    symbolic link (:func:`icplab.core.files.check_inside`)."""
    configured = Path(config.reports_dir).expanduser()
    if not configured.is_absolute():
        check_inside(root / configured, root)
    return (root / configured).resolve()


def _run_locked(
    config: Config,
    only: Iterable[str] | None,
    jobs: int,
    timeout: float,
    accept_metric_change: bool,
    progress: ProgressFn | None,
    on_plan: Callable[[int], None] | None,
    snap: DataSnapshot,
    kernel_name: str,
    language: str | None,
    signals: StopSignals,
    started: float,
) -> RunSummary:
    """:func:`run_reports` once the workspace is locked and the data copied."""
    root = config.root.resolve()
    reports_dir = _reports_dir(root, config)
    log = _read_log(snap, config)
    plan = report_plan(config, only, log)
    if on_plan is not None:
        on_plan(len(plan))
    language = language if language is not None else config.language
    family = _family(report_plan(config, None, log), log, config)  # whole plan, even with --only
    jobs_list = [
        (spec, str(_resolve_notebook(root, spec.notebook)), family.parameters(spec.name))
        for spec in plan
    ]
    metric_change, accepted, lock_error = _check_lock(
        config, accept_metric_change, list(log.frame.columns)
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
                    Job(spec.name, notebook, str(out), params, kernel_name, float(timeout))
                )
        except OSError as exc:
            raise cannot_write(reports_dir, exc) from None

        results = _execute_all(jobs_todo, jobs, run_dir, progress, signals)

        with signals.deferred():  # publishing is short and must not stop half-way
            published = _publish_all(
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
            try:
                from icplab.report.index_page import write_index

                atomic_write_text(
                    run_dir / "run.json", json.dumps(record, ensure_ascii=False, indent=2) + "\n"
                )
                plan_names = [s.name for s in report_plan(config, None, log)]
                write_index(summary, reports_dir, plan_names)
                write_tables_workbook(reports_dir, plan_names)
            except OSError as exc:
                raise cannot_write(reports_dir, exc) from None
            prune_runs(reports_dir / "runs", config.keep_runs, keep=run_dir, base=reports_dir)
        return summary
    except BaseException:
        # stopped, or nothing could be published: no half-written run stays behind
        with signals.deferred(), contextlib.suppress(OSError, UsageError):
            safe_rmtree(run_dir, reports_dir)
        raise


def _execute_all(
    jobs_todo: list[Job],
    jobs: int,
    run_dir: Path,
    progress: ProgressFn | None,
    signals: StopSignals,
) -> dict[str, ReportResult]:
    """Run ``jobs_todo`` in ``jobs`` worker processes; results by report name.

    On :class:`Interrupted` (Ctrl-C, SIGTERM) no further job starts, the workers and their
    kernels are ended, and the signal is raised again once every thread has returned.
    """
    results: dict[str, ReportResult] = {}
    if not jobs_todo:
        return results
    todo: queue.Queue[Job] = queue.Queue()
    for j in jobs_todo:
        todo.put(j)
    lock = threading.Lock()
    stop = threading.Event()
    workers = [WorkerProcess(run_dir / f"worker-{k}.log") for k in range(min(jobs, len(jobs_todo)))]

    def slot(worker: WorkerProcess) -> None:
        try:
            while not stop.is_set():
                try:
                    job = todo.get_nowait()
                except queue.Empty:
                    return
                res = worker.run(job)
                if stop.is_set():
                    return
                with lock:
                    results[res.name] = res
                    if progress is not None:
                        progress(res)
        finally:
            worker.close()

    pool = ThreadPoolExecutor(max_workers=len(workers))
    futures = [pool.submit(slot, w) for w in workers]
    try:
        for fut in futures:
            fut.result()
    except BaseException:
        with signals.deferred():  # a second Ctrl-C must not cut the clean-up short
            stop.set()
            for w in workers:
                w.terminate()
            pool.shutdown(wait=True)
        raise
    pool.shutdown(wait=True)
    return results


def cannot_write(reports_dir: Path, exc: OSError) -> UsageError:
    """The error for a ``reports/`` folder icplab cannot write to (exit status 2).

    Examples
    --------
    >>> import errno
    >>> err = PermissionError(errno.EACCES, "Permission denied", "/ws/reports/runs")
    >>> print(cannot_write(Path("/ws/reports"), err))  # doctest: +NORMALIZE_WHITESPACE
    cannot write to reports/ (permission denied): /ws/reports/runs. Make the folder
    writable, or set [workspace] reports in icplab.toml to a folder you can write to;
    nothing new was published.
    """
    reasons = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "read-only file system",
        errno.ENOSPC: "no space left on the disk",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ENAMETOOLONG: "file name too long",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    where = exc.filename or reports_dir
    return UsageError(
        f"cannot write to {reports_dir.name}/ ({reason}): {where}. Make the folder "
        "writable, or set [workspace] reports in icplab.toml to a folder you can write to; "
        "nothing new was published."
    )


def write_tables_workbook(reports_dir: Path, names: Iterable[str]) -> Path:
    """``reports/tables.xlsx``: one sheet per table of every published report.

    Built from the ``<report>.tables.json`` files beside the published reports, so a run
    of a few reports (``--only``) keeps the tables of the others.
    """
    from icplab.report.spreadsheet import write_xlsx
    from icplab.report.tables import read_tables

    sheets = {}
    for name in names:
        for title, frame in read_tables(reports_dir / f"{name}.tables.json"):
            # Excel allows 31 characters: the report name alone when both do not fit
            base = f"{name} {title}" if len(name) + len(title) < 31 else name
            key, k = base, 2
            while key in sheets:
                key, k = f"{base} ({k})", k + 1
            sheets[key] = frame
    return write_xlsx(sheets, reports_dir / "tables.xlsx")


def prune_runs(
    runs_dir: Path, keep_runs: int, keep: Path | None = None, base: Path | None = None
) -> list[Path]:
    """Delete all but the newest ``keep_runs`` run folders (never ``keep``); returns them.

    Run folders are named by their UTC start time, so their names sort by age. Only real
    folders inside ``base`` (default: the folder holding ``runs_dir``, i.e. ``reports/``)
    are deleted: a ``runs`` that is a symbolic link is refused, a link among the run
    folders is left alone (:mod:`icplab.core.files`).

    Raises
    ------
    icplab.core.errors.UnsafePathError
        When ``runs_dir`` (or a folder above it, below ``base``) is a symbolic link.
    """
    base = Path(base) if base is not None else Path(runs_dir).parent
    if not os.path.lexists(runs_dir):
        return []
    check_inside(runs_dir, base)
    if not Path(runs_dir).is_dir():
        return []
    runs = sorted(
        p for p in Path(runs_dir).iterdir() if _real_dir(p) and not p.name.startswith(".")
    )
    old = [p for p in runs[: max(0, len(runs) - keep_runs)] if keep is None or p != keep]
    for p in old:
        with contextlib.suppress(OSError):
            safe_rmtree(p, base)
    return old


def _real_dir(p: Path) -> bool:
    """A folder that is not a symbolic link."""
    try:
        return stat.S_ISDIR(os.lstat(p).st_mode)
    except OSError:
        return False


def _family(plan: tuple[ReportSpec, ...], log: Any, config: Config) -> Any:
    """The run's comparisons (:mod:`icplab.batch.family`); empty when the log could not be
    read (the notebooks then report the problem themselves)."""
    from icplab.batch.family import RunFamily, run_family

    if log is None:
        return RunFamily(scope=config.correction_scope, correction=config.correction)
    return run_family(plan, log, config)


class WorkerProcess:
    """A Python process that executes report notebooks one at a time.

    The batch runner keeps one per parallel slot and sends it jobs; the worker runs them in
    its warm kernel (:mod:`icplab.batch.kernel`: cleared before every job, replaced after a
    failed one), each in its own run folder. papermill's
    switch of the working folder happens in this process, never in a thread of the caller.
    A worker that dies is replaced for the next job. Works from any caller (no
    ``if __name__ == "__main__"`` guard needed, unlike multiprocessing).
    """

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self._guard = threading.Lock()
        self._terminated = False

    def _start(self) -> subprocess.Popen | None:
        with self._guard:
            if self._terminated:
                return None
            log = open(self.log_path, "ab")  # noqa: SIM115 - owned by the process
            # a session of its own: Ctrl-C in the terminal reaches the runner only, which
            # then ends the worker and its kernels itself (terminate)
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "icplab.batch.worker", "--serve"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                encoding="utf-8",
                start_new_session=True,
            )
            log.close()
            return self.proc

    def run(self, job: Job) -> ReportResult:
        """Execute ``job`` in the worker and return its result (never raises)."""
        out = Path(job.output_dir)
        job_file = out / "job.json"
        result_file = out / "result.json"
        job_file.write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
        t0 = time.perf_counter()
        proc = self.proc if self.proc is not None and self.proc.poll() is None else self._start()
        if proc is None:
            return _failed(job, 0.0, "not run: the batch was stopped")
        assert proc.stdin is not None and proc.stdout is not None  # Popen with PIPEs
        try:
            proc.stdin.write(f"{job_file}\t{result_file}\n")
            proc.stdin.flush()
            reply = proc.stdout.readline()
        except (BrokenPipeError, OSError):
            reply = ""
        if not reply or not result_file.exists():
            self.close()
            return _failed(
                job,
                time.perf_counter() - t0,
                f"worker process stopped (see {self.log_path.name} in the run folder)",
            )
        return result_from_dict(json.loads(result_file.read_text(encoding="utf-8")))

    def terminate(self, grace: float = 5) -> None:
        """End the worker and its kernels now (from any thread); it starts no more."""
        with self._guard:
            self._terminated = True
            proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(OSError):
            proc.terminate()  # the worker ends its kernels (worker.py), then itself
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                proc.kill()
            proc.wait()

    def close(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(OSError, AttributeError):
            self.proc.stdin.close()  # type: ignore[union-attr]
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


def run_job_in_subprocess(job: Job) -> ReportResult:
    """Run one job in a fresh worker process (for callers that schedule jobs themselves,
    e.g. one Airflow or Dask task per report)."""
    worker = WorkerProcess(Path(job.output_dir) / "worker.log")
    try:
        return worker.run(job)
    finally:
        worker.close()


def result_to_dict(res: ReportResult) -> dict[str, Any]:
    return {
        "name": res.name,
        "notebook": res.notebook,
        "status": res.status,
        "seconds": res.seconds,
        "run_dir": str(res.run_dir),
        "html": str(res.html) if res.html else None,
        "summary": res.summary.to_dict() if res.summary else None,
        "error": res.error,
    }


def result_from_dict(d: Mapping[str, Any]) -> ReportResult:
    return ReportResult(
        name=d["name"],
        notebook=d["notebook"],
        status=d["status"],
        seconds=float(d["seconds"]),
        run_dir=Path(d["run_dir"]),
        html=Path(d["html"]) if d["html"] else None,
        summary=ReportSummary.from_dict(d["summary"]) if d["summary"] else None,
        error=d["error"],
    )


def execute_job(job: Job, warm: Any = None) -> ReportResult:
    """Execute one notebook with papermill and render its HTML (runs in a worker process).

    ``warm``: a :class:`icplab.batch.kernel.WarmKernel` to run the notebook in (the worker's
    kernel, cleared and moved to the run folder first, replaced after any failure); without
    it, or when it cannot be prepared, papermill starts a kernel for this notebook alone.
    Never raises: every failure is returned as a ``failed`` :class:`ReportResult`.
    """
    from papermill.exceptions import PapermillExecutionError

    from icplab.batch.kernel import KernelPrepareError
    from icplab.report.export import write_html

    out = Path(job.output_dir)
    ipynb = out / f"{job.name}.ipynb"
    html = out / f"{job.name}.html"
    summary_path = Path(job.parameters["summary_path"])
    t0 = time.perf_counter()
    if not summary_path.resolve().is_relative_to(out.resolve()):
        return _failed(
            job, 0.0, "not run: its summary_path points outside its run folder in reports/"
        )
    error = ""
    engine: dict[str, Any] = {}
    if warm is not None:
        from icplab.batch.kernel import PRELUDE, warm_engine_name

        try:
            engine = {
                "km": warm.ready(),
                "prelude": PRELUDE.format(cwd=str(out)),
                "engine_name": warm_engine_name(),
            }
        except KernelPrepareError as exc:  # run it in a kernel of its own instead
            print(f"warm kernel not used for {job.name}: {exc}", file=sys.stderr)
    try:
        try:
            _papermill(job, ipynb, out, engine)
        except KernelPrepareError as exc:  # the warm kernel could not be cleared
            print(f"warm kernel not used for {job.name}: {exc}", file=sys.stderr)
            if warm is not None:
                warm.discard()
            engine = {}
            _papermill(job, ipynb, out, engine)
    except PapermillExecutionError as exc:
        error = f"{exc.ename}: {_one_line(exc.evalue)} (cell {exc.exec_count})"
    except Exception as exc:
        kind = type(exc).__name__
        if "Timeout" in kind:
            error = f"timed out: a cell ran longer than {job.timeout:g} s ({_one_line(exc)})"
        else:
            error = f"{kind}: {_one_line(exc)}"
    try:
        if ipynb.exists():
            write_html(
                ipynb, html, title=job.name, language=str(job.parameters.get("language", "en"))
            )
    except Exception as exc:
        error = error or f"could not render HTML: {_one_line(exc)}"
        traceback.print_exc()
    if error and warm is not None:
        warm.discard()  # the next report gets a fresh kernel
    seconds = time.perf_counter() - t0
    summary = None
    if not error:
        try:
            summary = read_summary(summary_path)
        except FileNotFoundError:
            error = "the notebook finished but wrote no summary (call params.finish(...) last)"
        except (ValueError, TypeError, IcpLabError) as exc:
            error = f"unreadable summary JSON: {_one_line(exc)}"
    if error:
        return _failed(job, seconds, error, html if html.exists() else None)
    return ReportResult(job.name, job.notebook, "ok", seconds, out, html, summary)


def _papermill(job: Job, ipynb: Path, out: Path, engine: Mapping[str, Any]) -> None:
    """papermill's run of ``job`` into ``ipynb`` (``engine``: warm-kernel arguments)."""
    import papermill as pm

    pm.execute_notebook(
        job.notebook,
        str(ipynb),
        parameters=job.parameters,
        kernel_name=job.kernel_name,
        cwd=str(out),
        progress_bar=False,
        log_output=False,
        execution_timeout=job.timeout,
        start_timeout=120,
        **engine,
    )


def _failed(job: Job, seconds: float, error: str, html: Path | None = None) -> ReportResult:
    return ReportResult(
        job.name, job.notebook, "failed", seconds, Path(job.output_dir), html, None, scrub(error)
    )


def _publish_all(good: list[ReportResult], reports_dir: Path) -> dict[str, ReportResult]:
    """Publish the good reports of a run into ``reports/`` together.

    Every file is first copied beside its target (a hidden temporary file), and only when
    all copies exist do they replace the published files (``os.replace``, atomic each): a
    folder that cannot be written leaves the published reports as they were.

    Raises
    ------
    icplab.core.errors.UsageError
        When ``reports/`` cannot be written (nothing was replaced).
    """
    staged: list[tuple[Path, Path]] = []
    stale: list[Path] = []
    base = reports_dir
    try:
        safe_mkdir(reports_dir, base)
        for res in good:
            suffixes = [".html", ".json"]
            if (res.run_dir / f"{res.name}.tables.json").exists():
                suffixes.append(".tables.json")
            else:  # a report without tables now: drop its old ones
                stale.append(reports_dir / f"{res.name}.tables.json")
            for suffix in suffixes:
                # a random name, created exclusively and never through a link: a planted
                # ".NAME.html.PID.tmp" link cannot redirect the copy (core/files.py)
                tmp = stage_copy(
                    res.run_dir / f"{res.name}{suffix}", reports_dir, f"{res.name}{suffix}", base
                )
                staged.append((tmp, reports_dir / f"{res.name}{suffix}"))
    except OSError as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        raise cannot_write(reports_dir, exc) from None
    except UsageError:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        raise
    for tmp, dst in staged:
        replace_inside(tmp, dst, base)
    for old in stale:
        with contextlib.suppress(OSError):
            safe_unlink(old, base)
    return {res.name: replace(res, html=reports_dir / f"{res.name}.html") for res in good}


def _resolve_notebook(root: Path, notebook: str) -> Path:
    p = Path(notebook).expanduser()
    candidates = [p] if p.is_absolute() else [root / p, root / "notebooks" / p, notebooks_dir() / p]
    for c in candidates:
        if c.is_file():
            return c.resolve()
    raise ConfigError(
        f"report notebook '{notebook}' not found (looked in {', '.join(str(c.parent) for c in candidates)})."
    )


def _resolve_data(root: Path, data: str | Path | None) -> Path:
    p = Path(data or DEFAULT_DATA).expanduser()
    p = p if p.is_absolute() else root / p
    if not p.exists():
        raise UsageError(
            f"{p}: data file not found. Pass --data PATH or set [workspace] data in icplab.toml."
        )
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
    change = str(status.describe())
    try:
        status.raise_if_changed(accept)
    except MetricLockError as exc:
        return change, False, str(exc)
    return change, True, ""


#: The one PII scrubber (:func:`icplab.data.personal.scrub_text`), under its old name.
scrub = scrub_text


def _one_line(value: object, limit: int = 300) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(value)).strip()
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _slug(name: str) -> str:
    """A file-name-safe form of a thesis name, at most :data:`MAX_SLUG` characters (a
    longer one keeps its start and gets a short hash of the whole name, so two long names
    stay apart).

    Examples
    --------
    >>> _slug("Logistik 50-199 / DACH")
    'Logistik-50-199-DACH'
    >>> s = _slug("x" * 300)
    >>> len(s), s[:3], s == _slug("x" * 300) != _slug("x" * 299)
    (80, 'xxx', True)
    """
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "thesis"
    if len(slug) <= MAX_SLUG:
        return slug
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return slug[: MAX_SLUG - 9].rstrip("-.") + "-" + digest


__all__ = [
    "DEFAULT_KERNEL",
    "Job",
    "ReportResult",
    "RunSummary",
    "default_plan",
    "execute_job",
    "notebooks_dir",
    "report_plan",
    "run_reports",
    "scrub",
]
