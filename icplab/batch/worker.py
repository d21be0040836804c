"""Worker entry point of the batch runner (not a user command).

``python -m icplab.batch.worker --serve [KERNEL]`` reads lines ``JOB.json<TAB>RESULT.json`` from stdin,
runs each job (:func:`icplab.batch.runner.execute_job`: one notebook, in the worker's warm
kernel, :mod:`icplab.batch.kernel`, which is cleared before each notebook and replaced after
any failure), writes the result JSON and answers with one line on stdout. Everything else the process or its
kernels print goes to stderr (the worker log), so the protocol stays clean.
``python -m icplab.batch.worker JOB.json RESULT.json`` runs a single job (in a kernel of its
own). With the environment variable ``ICPLAB_FRESH_KERNELS=1`` every job gets a fresh kernel.

On SIGTERM (the runner stopping the batch) the worker kills the kernels it started
(they run in sessions of their own) and exits at once with status 143.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any


def _run(job_file: Path, result_file: Path, warm: Any = None) -> None:
    from icplab.batch.execute import result_to_worker
    from icplab.batch.runner import Job, execute_job
    from icplab.core.files import atomic_write_text

    job = Job(**json.loads(job_file.read_text(encoding="utf-8")))
    if warm is not None and warm.kernel_name != job.kernel_name:
        warm.discard()
        warm.kernel_name = job.kernel_name
    result = execute_job(job, warm)
    atomic_write_text(result_file, json.dumps(result_to_worker(result), ensure_ascii=False))


def _end_now(signum: int, frame: FrameType | None) -> None:
    """SIGTERM: kill every process this worker started (kernels), then exit."""
    with contextlib.suppress(Exception):
        import psutil

        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                child.kill()
    os._exit(128 + signum)


def serve(kernel_name: str = "") -> int:
    """Run jobs read from stdin (see the module docstring) in one warm kernel of
    ``kernel_name``, started at once so that it starts while this process imports."""
    signal.signal(signal.SIGTERM, _end_now)
    # keep a private copy of stdout for the protocol; send fd 1 (and kernels) to stderr
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    from icplab.batch.kernel import WarmKernel
    from icplab.batch.lean import import_notebook_stack

    fresh = os.environ.get("ICPLAB_FRESH_KERNELS", "").strip() not in ("", "0")
    warm = None if fresh else WarmKernel(kernel_name)
    # the kernel starts (and imports what reports need) while this process imports
    starter = None if warm is None or not kernel_name else warm.start_in_background()
    import_notebook_stack()
    import icplab.batch.runner
    import icplab.report.export  # noqa: F401 - its exporter is then built once per worker

    if starter is not None:
        starter.join()
    try:
        for line in sys.stdin:
            line = line.rstrip("\n")
            if not line:
                continue
            job_file, result_file = line.split("\t")
            _run(Path(job_file), Path(result_file), warm)
            proto.write("done\n")
    finally:
        if warm is not None:
            warm.discard()
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"]:
        return serve(argv[1] if len(argv) > 1 else "")
    _run(Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
