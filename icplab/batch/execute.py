"""Executing the jobs of a run: each notebook in a worker process, never in a thread.

A :class:`Job` is one notebook with its parameters and run folder; :func:`execute_all` runs
a run's jobs in ``--jobs`` :class:`WorkerProcess` slots (``python -m icplab.batch.worker``,
whose warm kernel lives in :mod:`icplab.batch.kernel`); :func:`execute_job` is what the
worker does with one job (papermill, then the HTML). Every failure becomes a ``failed``
:class:`ReportResult` with a scrubbed one-line error; nothing here publishes.
"""

from __future__ import annotations

import contextlib
import json
import queue
import re
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from icplab.batch.stop import StopSignals
from icplab.core.errors import IcpLabError
from icplab.core.notes import Note, note_data, note_from_data
from icplab.data.personal import scrub_text
from icplab.report.outcome import ReportResult
from icplab.report.summary import ReportSummary, read_summary

#: Kernel the notebooks run in (jupyter_client maps its ``python`` to this interpreter).
DEFAULT_KERNEL = "python3"

#: Called with each result as it finishes (the CLI prints a line).
ProgressFn = Callable[["ReportResult"], None]


@dataclass(frozen=True)
class Job:
    """One notebook execution, as sent to a worker process (plain, picklable values)."""

    name: str
    notebook: str
    output_dir: str
    parameters: dict[str, Any]
    kernel_name: str
    timeout: float


def execute_all(
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
    kernel = jobs_todo[0].kernel_name
    workers = [
        WorkerProcess(run_dir / f"worker-{k}.log", kernel) for k in range(min(jobs, len(jobs_todo)))
    ]
    for w in workers:  # their imports and kernels start now, side by side
        w.start()

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


class WorkerProcess:
    """A Python process that executes report notebooks one at a time.

    The batch runner keeps one per parallel slot and sends it jobs; the worker runs them in
    its warm kernel (:mod:`icplab.batch.kernel`: cleared before every job, replaced after a
    failed one), each in its own run folder. papermill's
    switch of the working folder happens in this process, never in a thread of the caller.
    A worker that dies is replaced for the next job. Works from any caller (no
    ``if __name__ == "__main__"`` guard needed, unlike multiprocessing).
    """

    def __init__(self, log_path: Path, kernel_name: str = ""):
        self.log_path = log_path
        self.kernel_name = kernel_name
        self.proc: subprocess.Popen | None = None
        self._guard = threading.Lock()
        self._terminated = False

    def start(self) -> None:
        """Start the process now (and with it its kernel of :attr:`kernel_name`), so that
        its imports overlap with other work; :meth:`run` otherwise starts it on demand."""
        if self.proc is None or self.proc.poll() is not None:
            self._start()

    def _start(self) -> subprocess.Popen | None:
        with self._guard:
            if self._terminated:
                return None
            log = open(self.log_path, "ab")  # noqa: SIM115 - owned by the process
            # a session of its own: Ctrl-C in the terminal reaches the runner only, which
            # then ends the worker and its kernels itself (terminate)
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "icplab.batch.worker", "--serve", self.kernel_name],
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
            return _failed(job, 0.0, Note("errors.run.batch_stopped"))
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
                Note("errors.run.worker_stopped", log=self.log_path.name),
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


#: The key under which a worker hands its result's error on as a note (code and
#: parameters, :func:`icplab.core.notes.note_data`), so that the terminal and the index
#: show it in their language; the run record keeps only the English ``error``.
ERROR_NOTE = "error_note"


def result_to_worker(res: ReportResult) -> dict[str, Any]:
    """:func:`result_to_dict` plus the error as a note (read by :func:`result_from_dict`)."""
    payload = result_to_dict(res)
    if isinstance(res.error, Note):
        payload[ERROR_NOTE] = note_data(res.error)
    return payload


def result_from_dict(d: Mapping[str, Any]) -> ReportResult:
    return ReportResult(
        name=d["name"],
        notebook=d["notebook"],
        status=d["status"],
        seconds=float(d["seconds"]),
        run_dir=Path(d["run_dir"]),
        html=Path(d["html"]) if d["html"] else None,
        summary=ReportSummary.from_dict(d["summary"]) if d["summary"] else None,
        error=_error_of(d),
    )


def _error_of(d: Mapping[str, Any]) -> str:
    """The result's error: its note when the worker handed one on, else the text."""
    raw = d.get(ERROR_NOTE)
    if isinstance(raw, Mapping):
        try:
            return note_from_data(raw)
        except (KeyError, TypeError, ValueError):
            pass
    return d["error"]


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
        return _failed(job, 0.0, Note("errors.run.summary_outside"))
    error: str = ""
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
        error = Note(
            "errors.run.cell_failed",
            error=f"{exc.ename}: {_one_line(exc.evalue)}",
            cell=exc.exec_count,
        )
    except Exception as exc:
        kind = type(exc).__name__
        if "Timeout" in kind:
            error = Note("errors.run.timed_out", timeout=job.timeout, detail=_one_line(exc))
        else:
            error = f"{kind}: {_one_line(exc)}"
    try:
        if ipynb.exists():
            write_html(
                ipynb, html, title=job.name, language=str(job.parameters.get("language", "en"))
            )
    except Exception as exc:
        error = error or Note("errors.run.no_html", detail=_one_line(exc))
        traceback.print_exc()
    if error and warm is not None:
        warm.discard()  # the next report gets a fresh kernel
    seconds = time.perf_counter() - t0
    summary = None
    if not error:
        try:
            summary = read_summary(summary_path)
        except FileNotFoundError:
            error = Note("errors.run.no_summary")
        except (ValueError, TypeError, IcpLabError) as exc:
            error = Note("errors.run.bad_summary", detail=_one_line(exc))
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
        job.name,
        job.notebook,
        "failed",
        seconds,
        Path(job.output_dir),
        html,
        None,
        _scrubbed(error),
    )


def _scrubbed(error: str) -> str:
    """``error`` with personal data masked; a note keeps its code (its text parameters are
    masked), so that it is shown in the reader's language."""
    if not isinstance(error, Note):
        return scrub(error)
    params = {
        k: v if isinstance(v, Note) or not isinstance(v, str) else scrub(v)
        for k, v in error.params.items()
    }
    return Note(error.code, **params)


#: The one PII scrubber (:func:`icplab.data.personal.scrub_text`), under its old name.
scrub = scrub_text


def _one_line(value: object, limit: int = 300) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(value)).strip()
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


__all__ = [
    "DEFAULT_KERNEL",
    "Job",
    "ProgressFn",
    "WorkerProcess",
    "execute_all",
    "execute_job",
    "result_from_dict",
    "result_to_dict",
    "run_job_in_subprocess",
    "scrub",
]
