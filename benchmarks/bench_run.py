"""Wall time of the default report batch with --jobs 2 vs. its notebooks one by one.

Usage: ``.venv/bin/python benchmarks/bench_run.py [--jobs 2] [--rows 15000]``

Builds a throw-away workspace (sample data with the given number of rows, the repo's
theses), runs the default plan once with ``jobs=1`` (the sum of the notebooks run one by
one) and once with ``jobs=N``, and prints both wall times and the parallel efficiency
``T1 / (N * TN)`` (1.0 = perfect use of N workers). With ``--fresh`` it also runs
``jobs=N`` with a fresh kernel per notebook (``ICPLAB_FRESH_KERNELS=1``, the behaviour
before the warm kernels of ``icplab/batch/kernel.py``), the floor the warm kernel is
measured against.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from icplab.core.config import Config
from icplab.data.sample import generate_outreach

THESES = """
[[theses]]
name = "logistik-50-199"
statement = "Datenimport-Automatisierung passt zu Logistik-Mittelstand mit 50-199 MA"
where = { industry = ["Logistik"], employees = [50, 199] }
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rows", type=int, default=15_000)
    ap.add_argument("--fresh", action="store_true", help="also time a kernel per notebook")
    args = ap.parse_args()

    from icplab.batch.runner import run_reports

    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        (ws / "data").mkdir()
        generate_outreach(args.rows, seed=7).to_csv(ws / "data" / "outreach.csv", index=False)
        (ws / "icplab.toml").write_text('[workspace]\ndata = "data/outreach.csv"\n' + THESES)
        config = Config.load(ws / "icplab.toml")

        t0 = time.perf_counter()
        serial = run_reports(config, jobs=1)
        t_serial = time.perf_counter() - t0
        t0 = time.perf_counter()
        parallel = run_reports(config, jobs=args.jobs)
        t_parallel = time.perf_counter() - t0
        t_fresh = None
        if args.fresh:
            os.environ["ICPLAB_FRESH_KERNELS"] = "1"
            t0 = time.perf_counter()
            run_reports(config, jobs=args.jobs)
            t_fresh = time.perf_counter() - t0
            del os.environ["ICPLAB_FRESH_KERNELS"]

    n = len(serial.results)
    sum_single = sum(r.seconds for r in serial.results)
    print(f"cores: {os.cpu_count()}, notebooks: {n}, rows: {args.rows:,}")
    print(f"failed: serial {len(serial.failed)}, parallel {len(parallel.failed)}")
    for r in serial.results:
        print(f"  {r.name:<28} {r.seconds:6.1f} s")
    print(f"sum of notebooks one by one : {sum_single:7.1f} s")
    print(f"batch --jobs 1 (wall)       : {t_serial:7.1f} s")
    print(f"batch --jobs {args.jobs} (wall)       : {t_parallel:7.1f} s")
    print(f"speed-up vs --jobs 1        : {t_serial / t_parallel:7.2f}x")
    print(f"parallel efficiency         : {t_serial / (args.jobs * t_parallel):7.2f}")
    if t_fresh is not None:
        print(
            f"batch --jobs {args.jobs}, fresh kernels: {t_fresh:7.1f} s (warm: {t_parallel:.1f} s)"
        )


if __name__ == "__main__":
    main()
