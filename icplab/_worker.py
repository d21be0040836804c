"""Worker entry point: ``python -m icplab._worker JOB.json RESULT.json``.

Runs one report notebook (:func:`icplab.runner.execute_job`) in this process and writes the
result as JSON. Started by :func:`icplab.runner.run_job_in_subprocess`; not a user command.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from icplab.export import atomic_write_text
    from icplab.runner import Job, execute_job, result_to_dict

    job_file, result_file = Path(argv[0]), Path(argv[1])
    job = Job(**json.loads(job_file.read_text(encoding="utf-8")))
    result = execute_job(job)
    atomic_write_text(result_file, json.dumps(result_to_dict(result), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
