"""Worker entry point of the batch runner (not a user command).

``python -m icplab.batch.worker --serve`` reads lines ``JOB.json<TAB>RESULT.json`` from stdin,
runs each job (:func:`icplab.batch.runner.execute_job`: one notebook, one fresh kernel), writes
the result JSON and answers with one line on stdout. Everything else the process or its
kernels print goes to stderr (the worker log), so the protocol stays clean.
``python -m icplab.batch.worker JOB.json RESULT.json`` runs a single job.

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


def _run(job_file: Path, result_file: Path) -> None:
    from icplab.batch.runner import Job, execute_job, result_to_dict
    from icplab.core.files import atomic_write_text

    job = Job(**json.loads(job_file.read_text(encoding="utf-8")))
    result = execute_job(job)
    atomic_write_text(result_file, json.dumps(result_to_dict(result), ensure_ascii=False))


def _end_now(signum: int, frame: FrameType | None) -> None:
    """SIGTERM: kill every process this worker started (kernels), then exit."""
    with contextlib.suppress(Exception):
        import psutil

        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                child.kill()
    os._exit(128 + signum)


def serve() -> int:
    signal.signal(signal.SIGTERM, _end_now)
    # keep a private copy of stdout for the protocol; send fd 1 (and kernels) to stderr
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    import icplab.batch.runner  # noqa: F401 - warm the imports once per worker

    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        job_file, result_file = line.split("\t")
        _run(Path(job_file), Path(result_file))
        proto.write("done\n")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"]:
        return serve()
    _run(Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
