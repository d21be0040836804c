"""First command on an unseen file, and a log past memory: each figure beside its floor.

Run: ``.venv/bin/python benchmarks/bench_scale.py [--repeat 3] [--big]`` (``--big`` or
``ICPLAB_BENCH_BIG=1`` adds the 20M-row Parquet log; it takes minutes to build once and
about 200 MB in ``benchmarks/_data/``).

Every figure is a complete process (start-up, imports, reading, computing, printing), run
``--repeat`` times; the table shows the minimum and the median of the wall times, the CPU
time (user + system of the process and its children) and the peak memory of the whole
process tree (sampled every 20 ms with psutil), beside the floors:

- pandas: ``pd.read_parquet(FILE)`` + group by salutation in a bare Python process;
- DuckDB: the same GROUP BY over the file in a bare Python process with ``duckdb``;
- ``icplab compare FILE --by salutation --metric reply_rate --format json`` in an empty
  folder (no workspace, so no cache: every run is a first command), with the ordinary
  reader (``ICPLAB_LOAD_ENGINE=pandas``) and with the out-of-core one (``duckdb``).

Each command runs once untimed first (its modules compiled, the file in the OS cache).
Python may cache compiled modules (``PYTHONDONTWRITEBYTECODE`` is removed for the measured
processes, as for an installed package, whose modules pip compiles); ``--no-bytecode``
keeps the environment as it is. ``--baseline DIR`` adds the 20M-row first command with the
icplab of another checkout (e.g. a worktree of an older commit) and this one's, measured in
turn, one run of each per round, so that old and new code meet the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DATA_DIR, million_rows_parquet

BIN = Path(sys.executable).parent
PANDAS_FLOOR = """
import sys
import pandas as pd
df = pd.read_parquet(sys.argv[1])
print(df.groupby("salutation")["replied"].agg(["size", "sum"]).to_json())
"""
DUCKDB_FLOOR = """
import sys
import duckdb
q = "SELECT salutation, count(*), sum(replied) FROM read_parquet(?) GROUP BY 1"
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
print(con.execute(q, [sys.argv[1]]).fetchall())
"""


def big_parquet(rows: int = 20_000_000) -> Path:
    """A ``rows``-row log: the 1M-row file repeated with fresh prospect ids (DuckDB)."""
    import duckdb

    base = million_rows_parquet()
    path = DATA_DIR / f"outreach-{rows}-{base.stem.split('-', 1)[1]}.parquet"
    if not path.exists():
        times = rows // 1_000_000
        duckdb.execute(
            f"COPY (SELECT * EXCLUDE (i) REPLACE (prospect_id || '-' || CAST(i AS VARCHAR) "
            f"AS prospect_id) FROM read_parquet('{base}'), range({times}) t(i)) "
            f"TO '{path}' (FORMAT parquet)"
        )
    return path


def measure(
    cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> dict[str, float]:
    """Wall and CPU seconds and peak memory (MB, whole process tree) of one process (in a
    fresh empty folder, or in ``cwd``; an empty value in ``env`` removes that variable)."""
    merged = {k: v for k, v in {**os.environ, **(env or {})}.items() if v != ""}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        proc = psutil.Popen(
            cmd,
            cwd=cwd or tmp,
            env=merged,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        peak = 0
        while proc.poll() is None:
            rss = 0
            try:
                for p in [proc, *proc.children(recursive=True)]:
                    rss += p.memory_info().rss
            except psutil.Error:
                pass
            peak = max(peak, rss)
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd[:3])} failed: {err[-500:]}")
    return {"wall": wall, "peak_mb": peak / 2**20}


def cpu_of(fn) -> tuple[dict[str, float], float]:
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = fn()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out, cpu


#: Environment changes of every measured process (set in ``main`` from ``--no-bytecode``).
BASE_ENV: dict[str, str] = {}


def figure(
    name: str,
    cmd: list[str],
    repeat: int,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> dict:
    env = {**BASE_ENV, **(env or {})}
    measure(cmd, env, cwd)  # one untimed run: compiled modules and the file in the OS cache
    walls, cpus, peaks = [], [], []
    for _ in range(repeat):
        out, cpu = cpu_of(lambda: measure(cmd, env, cwd))
        walls.append(out["wall"])
        cpus.append(cpu)
        peaks.append(out["peak_mb"])
    row = {
        "what": name,
        "wall_min": min(walls),
        "wall_median": statistics.median(walls),
        "cpu_min": min(cpus),
        "peak_mb": max(peaks),
    }
    print(
        f"  {name:<44} wall min {row['wall_min']:6.2f} s  median {row['wall_median']:6.2f} s"
        f"  cpu {row['cpu_min']:6.2f} s  peak {row['peak_mb']:7.0f} MB",
        flush=True,
    )
    return row


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB memory, load average {load:.1f}"


def cached_figure(label: str, cmd: list[str], repeat: int) -> dict:
    """``cmd`` as the second command in a workspace (an ``icplab.toml`` in the folder):
    answered from the cache of validated logs that the first, unmeasured, filled."""
    env = {"ICPLAB_LOAD_ENGINE": "duckdb"}
    with tempfile.TemporaryDirectory() as ws:
        (Path(ws) / "icplab.toml").write_text("", encoding="utf-8")
        measure(cmd, env, Path(ws))  # the first command: fills the cache
        return figure(f"{label} compare, cached (second command)", cmd, repeat, env, Path(ws))


def alternating(named: list[tuple[str, list[str], dict[str, str]]], repeat: int) -> list[dict]:
    """Several commands measured in turn, one run of each per round (``repeat`` rounds after
    one untimed round), so that each meets the same load on a shared machine; one row each
    (as :func:`figure`)."""
    for _, cmd, env in named:
        measure(cmd, {**BASE_ENV, **env})
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _, _ in named}
    for _ in range(repeat):
        for name, cmd, env in named:
            out, cpu = cpu_of(lambda cmd=cmd, env=env: measure(cmd, {**BASE_ENV, **env}))
            runs[name].append((out["wall"], cpu, out["peak_mb"]))
    rows = []
    for name, got in runs.items():
        walls = [w for w, _, _ in got]
        row = {
            "what": name,
            "wall_min": min(walls),
            "wall_median": statistics.median(walls),
            "cpu_min": min(c for _, c, _ in got),
            "peak_mb": max(m for _, _, m in got),
        }
        print(
            f"  {name:<44} wall min {row['wall_min']:6.2f} s  median "
            f"{row['wall_median']:6.2f} s  cpu {row['cpu_min']:6.2f} s  peak "
            f"{row['peak_mb']:7.0f} MB",
            flush=True,
        )
        rows.append(row)
    return rows


def big_in_turn(cmd: list[str], baseline: Path, repeat: int) -> list[dict]:
    """The 20M-row first command with this checkout's icplab and with the one of
    ``baseline`` (``--baseline DIR``), one run of each per round."""
    env = {"ICPLAB_LOAD_ENGINE": "duckdb"}
    here = str(Path(__file__).resolve().parent.parent)
    return alternating(
        [
            ("20M compare, first command, in turn: this", cmd, {**env, "PYTHONPATH": here}),
            (
                f"20M compare, first command, in turn: {baseline.name}",
                cmd,
                {**env, "PYTHONPATH": str(baseline.resolve())},
            ),
        ],
        repeat,
    )


#: (rows label, floor, target ratio): the targets of issue 25.
TARGETS = (("1M", "pandas read + groupby", 1.5), ("20M", "DuckDB GROUP BY", 8.0))


def print_ratios(rows: list[dict]) -> None:
    """Each ``compare`` figure as a multiple of its floor (wall min, wall median, CPU)."""
    by_name = {r["what"]: r for r in rows}
    for label, floor_name, target in TARGETS:
        floor = by_name.get(f"{label} floor: {floor_name}")
        if floor is None:
            continue
        for r in rows:
            if not r["what"].startswith(f"{label} compare"):
                continue
            ratios = [r[k] / floor[k] for k in ("wall_min", "wall_median", "cpu_min")]
            verdict = "met" if ratios[0] <= target else "not met"
            print(
                f"  {r['what']:<44} / {floor_name}: wall min {ratios[0]:.2f}x, median "
                f"{ratios[1]:.2f}x, CPU {ratios[2]:.2f}x (target <= {target:g}x by wall: {verdict})"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big", action="store_true", default=bool(os.environ.get("ICPLAB_BENCH_BIG")))
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--big-only", action="store_true", help="only the 20M-row log (implies --big)")
    ap.add_argument(
        "--cached",
        action="store_true",
        help="also the second command on the 20M-row log in a workspace (answered from "
        "the workspace's cache of validated logs; the first command fills it, unmeasured)",
    )
    ap.add_argument(
        "--baseline",
        type=Path,
        default=None,
        metavar="DIR",
        help="also the first command on the 20M-row log with the icplab of DIR (a checkout "
        "of an older commit, put first on PYTHONPATH) and with this one, in turn (one run "
        "of each per round, so that both meet the same load)",
    )
    ap.add_argument(
        "--no-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as the environment has it: icplab's modules are "
        "then compiled in every process, while pandas comes compiled from site-packages "
        "(default: Python may cache compiled modules, as an installed package has them)",
    )
    args = ap.parse_args()
    if not args.no_bytecode:
        BASE_ENV["PYTHONDONTWRITEBYTECODE"] = ""  # removed for the measured processes
    py, icplab = str(BIN / "python"), str(BIN / "icplab")
    files = [] if args.big_only else [("1M", million_rows_parquet())]
    if args.big or args.big_only:
        files.append(("20M", big_parquet()))
    print(machine())
    rows = []
    for label, f in files:
        print(f"{label} rows: {f.name}")
        cmd = [icplab, "compare", str(f), "--by", "salutation", "--metric", "reply_rate"]
        cmd += ["--format", "json"]
        if label == "1M":
            rows.append(
                figure(
                    f"{label} floor: pandas read + groupby",
                    [py, "-c", PANDAS_FLOOR, str(f)],
                    args.repeat,
                )
            )
        rows.append(
            figure(f"{label} floor: DuckDB GROUP BY", [py, "-c", DUCKDB_FLOOR, str(f)], args.repeat)
        )
        if label == "1M":
            rows.append(
                figure(
                    f"{label} compare, first command (pandas reader)",
                    cmd,
                    args.repeat,
                    {"ICPLAB_LOAD_ENGINE": "pandas"},
                )
            )
        rows.append(
            figure(
                f"{label} compare, first command (DuckDB scan)",
                cmd,
                args.repeat,
                {"ICPLAB_LOAD_ENGINE": "duckdb"},
            )
        )
        if label == "20M" and args.cached:
            rows.append(cached_figure(label, cmd, args.repeat))
        if label == "20M" and args.baseline is not None:
            rows += big_in_turn(cmd, args.baseline, args.repeat)
    print_ratios(rows)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
