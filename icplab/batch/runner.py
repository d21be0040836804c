"""The batch runner: execute the report plan, publish good reports, build the index.

:func:`run_reports` is the one entry point for ``icplab run``, cron, CI, an Airflow task or
a Dask job. For each entry of the plan it runs the notebook with papermill in a worker
process of its own (one kernel per notebook; papermill switches the working folder of that
process only, never of a thread: threads merely wait for the worker processes) into a
fresh run folder::

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
import json
import os
import queue
import re
import shutil
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

from icplab.core.config import Config, ReportSpec
from icplab.core.errors import ConfigError, IcpLabError, MetricLockError, UsageError
from icplab.core.files import FILE_MODE, atomic_write_text
from icplab.core.schema import FACTORS
from icplab.data.load import load
from icplab.report.outcome import ReportResult, RunSummary
from icplab.report.summary import ReportSummary, read_summary

#: Kernel the notebooks run in (jupyter_client maps its ``python`` to this interpreter).
DEFAULT_KERNEL = "python3"
#: Default sample data, relative to the workspace, when neither config nor caller names one.
DEFAULT_DATA = "data/samples/outreach.csv"

ProgressFn = Callable[["ReportResult"], None]


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
    planner, the funnel-and-value report and, when the log has rejection reasons, the
    closed-loop report.
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
    return tuple(plan)


def _levels(data: Any, column: str) -> int:
    """Distinct non-empty values of ``column`` in a loaded log or frame (0 without)."""
    frame = getattr(data, "frame", data)
    if not isinstance(frame, pd.DataFrame) or column not in frame.columns:
        return 0
    return int(frame[column].dropna().astype(str).str.strip().replace("", pd.NA).nunique())


def _read_log(data_path: Path, config: Config) -> Any:
    """The log, read once for the default plan's data-dependent entries and the run-wide
    family of comparisons; ``None`` when it cannot be read (the notebooks then report the
    problem themselves, each in its own report)."""
    try:
        return load(data_path, config=config)
    except IcpLabError:
        return None


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
    if not only:
        return tuple(plan)
    chosen: list[ReportSpec] = []
    for sel in only:
        hits = [s for s in plan if s.name == sel] or [s for s in plan if s.name.startswith(sel)]
        if not hits:
            raise UsageError(f"no report named '{sel}' in the plan. Known: {', '.join(names)}.")
        chosen += [s for s in hits if s not in chosen]
    return tuple(s for s in plan if s in chosen)


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
) -> RunSummary:
    """Run the report plan of ``config`` and publish the results.

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

    Returns
    -------
    RunSummary
        Per-report results, paths and the exit status to use.
    """
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}.")
    if timeout <= 0:
        raise UsageError(f"--timeout must be positive, got {timeout}.")
    started = time.perf_counter()
    root = config.root.resolve()
    reports_dir = (root / config.reports_dir).resolve()
    data_path = _resolve_data(root, data if data is not None else config.data)
    log = _read_log(data_path, config)
    plan = report_plan(config, only, log)
    if on_plan is not None:
        on_plan(len(plan))
    metric_change, accepted, lock_error = _check_lock(
        config, accept_metric_change, None if log is None else list(log.frame.columns)
    )

    language = language if language is not None else config.language
    family = _family(report_plan(config, None, log), log, config)  # whole plan, even with --only

    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    run_dir = reports_dir / "runs" / run_id
    run_dir.mkdir(parents=True, exist_ok=False)
    config_path = str(config.path) if config.path is not None else ""

    jobs_list = []
    for spec in plan:
        out = run_dir / spec.name
        out.mkdir()
        params = {
            "workspace": str(root),
            "data": str(data_path),
            "config": config_path or "icplab.toml",
            "summary_path": str(out / f"{spec.name}.json"),
            "report_name": spec.name,
            "metric_change": metric_change,
        }
        if language is not None:
            params["language"] = language
        params.update(family.parameters(spec.name))
        params.update(spec.parameters)
        jobs_list.append(
            Job(
                spec.name,
                str(_resolve_notebook(root, spec.notebook)),
                str(out),
                params,
                kernel_name,
                float(timeout),
            )
        )

    results: dict[str, ReportResult] = {}

    def finished(res: ReportResult) -> None:
        if res.ok:
            res = _publish(res, reports_dir)
        results[res.name] = res
        if progress is not None:
            progress(res)

    if jobs_list:
        todo: queue.Queue[Job] = queue.Queue()
        for j in jobs_list:
            todo.put(j)
        lock = threading.Lock()

        def slot(k: int) -> None:
            worker = WorkerProcess(run_dir / f"worker-{k}.log")
            try:
                while True:
                    try:
                        job = todo.get_nowait()
                    except queue.Empty:
                        return
                    res = worker.run(job)
                    with lock:
                        finished(res)
            finally:
                worker.close()

        with ThreadPoolExecutor(max_workers=min(jobs, len(jobs_list))) as pool:
            for fut in [pool.submit(slot, k) for k in range(min(jobs, len(jobs_list)))]:
                fut.result()

    ordered = tuple(results[s.name] for s in plan)
    from icplab.report.index_page import write_index

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
    )
    atomic_write_text(
        run_dir / "run.json", json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"
    )
    plan_names = [s.name for s in report_plan(config, None, log)]
    write_index(summary, reports_dir, plan_names)
    write_tables_workbook(reports_dir, plan_names)
    prune_runs(reports_dir / "runs", config.keep_runs, keep=run_dir)
    return summary


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


def prune_runs(runs_dir: Path, keep_runs: int, keep: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep_runs`` run folders (never ``keep``); returns them.

    Run folders are named by their UTC start time, so their names sort by age.
    """
    if not runs_dir.is_dir():
        return []
    runs = sorted(p for p in runs_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    old = [p for p in runs[: max(0, len(runs) - keep_runs)] if keep is None or p != keep]
    for p in old:
        shutil.rmtree(p, ignore_errors=True)
    return old


def _family(plan: tuple[ReportSpec, ...], log: Any, config: Config) -> Any:
    """The run's comparisons (:mod:`icplab.batch.family`); empty when the log could not be
    read (the notebooks then report the problem themselves)."""
    from icplab.batch.family import RunFamily, run_family

    if log is None:
        return RunFamily(scope=config.correction_scope, correction=config.correction)
    return run_family(plan, log, config)


class WorkerProcess:
    """A Python process that executes report notebooks one at a time.

    The batch runner keeps one per parallel slot and sends it jobs; every job still gets a
    fresh kernel (papermill starts one per notebook) and its own run folder. papermill's
    switch of the working folder happens in this process, never in a thread of the caller.
    A worker that dies is replaced for the next job. Works from any caller (no
    ``if __name__ == "__main__"`` guard needed, unlike multiprocessing).
    """

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        log = open(self.log_path, "ab")  # noqa: SIM115 - owned by the process
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "icplab.batch.worker", "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            encoding="utf-8",
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


def execute_job(job: Job) -> ReportResult:
    """Execute one notebook with papermill and render its HTML (runs in a worker process).

    Never raises: every failure is returned as a ``failed`` :class:`ReportResult`.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from icplab.report.export import write_html

    out = Path(job.output_dir)
    ipynb = out / f"{job.name}.ipynb"
    html = out / f"{job.name}.html"
    summary_path = Path(job.parameters["summary_path"])
    t0 = time.perf_counter()
    error = ""
    try:
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
        )
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


def _failed(job: Job, seconds: float, error: str, html: Path | None = None) -> ReportResult:
    return ReportResult(
        job.name, job.notebook, "failed", seconds, Path(job.output_dir), html, None, scrub(error)
    )


def _publish(res: ReportResult, reports_dir: Path) -> ReportResult:
    """Copy a good report into ``reports/`` atomically (temp file, then ``os.replace``)."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    targets = []
    suffixes = [".html", ".json"]
    if (res.run_dir / f"{res.name}.tables.json").exists():
        suffixes.append(".tables.json")
    else:  # a report without tables now: drop its old ones
        (reports_dir / f"{res.name}.tables.json").unlink(missing_ok=True)
    for suffix in suffixes:
        src = res.run_dir / f"{res.name}{suffix}"
        dst = reports_dir / f"{res.name}{suffix}"
        tmp = reports_dir / f".{res.name}{suffix}.{os.getpid()}.tmp"
        shutil.copyfile(src, tmp)
        os.chmod(tmp, FILE_MODE)
        targets.append((tmp, dst))
    for tmp, dst in targets:
        os.replace(tmp, dst)
    return replace(res, html=reports_dir / f"{res.name}.html")


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


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d /()-]{7,}\d")


def scrub(text: str) -> str:
    """Remove anything that looks like an e-mail address or phone number from ``text``.

    Examples
    --------
    >>> scrub("bad row for max@firma.de, call +49 30 1234567")
    'bad row for <e-mail>, call <phone>'
    """
    return _PHONE.sub("<phone>", _EMAIL.sub("<e-mail>", text))


def _one_line(value: object, limit: int = 300) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(value)).strip()
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "thesis"


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
