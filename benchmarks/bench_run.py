"""Wall time of the default report batch with --jobs 2 vs. its notebooks one by one.

Usage: ``.venv/bin/python benchmarks/bench_run.py [--jobs 2] [--rows 15000]``

Builds a throw-away workspace (sample data with the given number of rows, the repo's
theses), runs the default plan once with ``jobs=1`` (the sum of the notebooks run one by
one) and once with ``jobs=N``, and prints both wall times and the parallel efficiency
``T1 / (N * TN)`` (1.0 = perfect use of N workers). With ``--fresh`` it also runs
``jobs=N`` with a fresh kernel per notebook (``ICPLAB_FRESH_KERNELS=1``, the behaviour
before the warm kernels of ``icplab/batch/kernel.py``), the floor the warm kernel is
measured against.

With ``--sample`` it instead times whole ``icplab run --jobs 2`` processes on a copy of
the repository's sample workspace (``icplab.toml``, ``data/samples``, ``notebooks``),
``--repeat`` times: wall and CPU time (user + system of the process tree, from
``resource.getrusage(RUSAGE_CHILDREN)``) and the load average, beside the target of 15 s
wall on a 2-core machine (issue 25; figures in ``docs/performance.md``).
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


#: Wall seconds ``icplab run`` of the sample workspace may take on 2 cores (issue 25).
TARGET_WALL = 15.0
REPO = Path(__file__).resolve().parents[1]


def sample_runs(jobs: int, repeat: int) -> None:
    """Time ``icplab run`` processes on a copy of the sample workspace (see the docstring)."""
    import resource
    import shutil
    import statistics
    import subprocess
    import sys

    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp)
        for name in ("icplab.toml", "icplab.lock.json"):
            if (REPO / name).exists():
                shutil.copy2(REPO / name, ws / name)
        shutil.copytree(REPO / "data" / "samples", ws / "data" / "samples")
        shutil.copytree(REPO / "notebooks", ws / "notebooks")
        cmd = [sys.executable, "-m", "icplab", "run", "--jobs", str(jobs)]
        walls, cpus = [], []
        for k in range(repeat + 1):  # the first run fills the cache of validated logs
            load = os.getloadavg()[0]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            done = subprocess.run(cmd, cwd=ws, capture_output=True, text=True)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            label = "warm-up" if k == 0 else f"run {k}"
            print(
                f"{label:<8} exit {done.returncode}  wall {wall:6.1f} s  CPU {cpu:6.1f} s"
                f"  load {load:4.1f}"
            )
            if k:
                walls.append(wall)
                cpus.append(cpu)
    print(f"icplab run --jobs {jobs}, sample workspace, {repeat} runs, cores {os.cpu_count()}")
    print(
        f"  wall min {min(walls):.1f} s, median {statistics.median(walls):.1f} s "
        f"(target <= {TARGET_WALL:g} s on 2 cores: "
        f"{'met' if min(walls) <= TARGET_WALL else 'not met'} by the best run)"
    )
    print(
        f"  CPU  min {min(cpus):.1f} s, median {statistics.median(cpus):.1f} s "
        f"(the floor of the wall time on 2 idle cores: CPU / 2 = {min(cpus) / 2:.1f} s)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rows", type=int, default=15_000)
    ap.add_argument("--fresh", action="store_true", help="also time a kernel per notebook")
    ap.add_argument("--sample", action="store_true", help="time icplab run on the sample")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if args.sample:
        sample_runs(args.jobs, args.repeat)
        return

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
