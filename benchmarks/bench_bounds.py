"""What the first ``compare`` on an unseen big log cannot skip, each part alone, beside its floor.

Run: ``.venv/bin/python benchmarks/bench_bounds.py [--repeat 3] [--big]`` (``--big``: the
20M-row log of ``bench_scale.py --big``, built once; without it the 1M-row log).

Issue 25 asks the first ``icplab compare`` on a 20M-row Parquet log to take at most 8 times
a bare DuckDB ``GROUP BY salutation`` over the file, and on a 1M-row log at most 1.5 times a
bare pandas read and group-by. The floors read and group one or all columns; the command
must also do what CONTRACT section 1 asks of every command: validate every contract column
(a bad value anywhere is an input error whatever the command uses), prove each
(campaign, prospect_id) pair unique and name the rows where it is not, and load the
statistics. This script times those parts one by one, each in a fresh process (the query
alone timed inside it, after connecting), so that the lowest possible time of *any*
implementation that does them can be set beside the floor:

- ``import``: a process that only imports the ``compare`` command's modules (pandas,
  ``scipy.special``, DuckDB, icplab), against one that imports pandas alone;
- ``read every contract column``: DuckDB hashes every value of the contract's columns once
  (no grouping: the least work that looks at every value);
- ``hash every (campaign, prospect_id)``: the least work of any exact duplicate check;
- ``group by every contract column``: the grouping the scan validates (one row per
  distinct combination of values).

Each part's wall time is printed as a multiple of the floor; their sum is a bound only where
the parts cannot overlap (the imports hold one core; DuckDB uses both).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import million_rows_parquet
from bench_scale import DUCKDB_FLOOR, PANDAS_FLOOR, big_parquet, machine

from icplab.core.schema import MAPPABLE_COLUMNS, PERSONAL_COLUMNS

#: A query timed inside its process (after ``duckdb.connect``): prints its wall seconds.
TIMED_QUERY = """
import sys, time
import duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
t0 = time.perf_counter()
con.execute(sys.argv[2].replace("FILE", sys.argv[1])).fetchall()
print(time.perf_counter() - t0)
"""


def process_wall(code: str, *args: str) -> float:
    """Wall seconds of a whole ``python -c code args`` process."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def query_wall(path: Path, sql: str) -> float:
    """Wall seconds of ``sql`` (``FILE`` standing for the file) inside a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", TIMED_QUERY, str(path), sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def best(fn, repeat: int) -> tuple[float, float]:
    """Minimum and median of ``repeat`` calls after one untimed call."""
    fn()
    runs = [fn() for _ in range(repeat)]
    return min(runs), statistics.median(runs)


def contract_columns(path: Path) -> list[str]:
    """The file's contract columns that the validation reads (personal ones and
    ``prospect_id`` left out, as the scan does)."""
    import pyarrow.parquet as pq

    names = pq.read_schema(path).names
    return [
        n
        for n in names
        if n in MAPPABLE_COLUMNS and n not in PERSONAL_COLUMNS and n != "prospect_id"
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big", action="store_true", help="the 20M-row log (default: 1M rows)")
    args = ap.parse_args()
    path = big_parquet() if args.big else million_rows_parquet()
    cols = ", ".join(f'"{c}"' for c in contract_columns(path))
    src = "read_parquet('FILE')"
    floor_code = DUCKDB_FLOOR if args.big else PANDAS_FLOOR
    floor_name = "DuckDB GROUP BY" if args.big else "pandas read + group-by"
    print(machine())
    print(f"log: {path.name}")
    floor, floor_med = best(lambda: process_wall(floor_code, str(path)), args.repeat)
    print(
        f"  floor ({floor_name} process)          wall min {floor:5.2f} s  median {floor_med:5.2f} s"
    )
    parts = [
        ("process: import pandas only", lambda: process_wall("import pandas")),
        (
            "process: import the compare command",
            lambda: process_wall("import icplab.cli.commands.compare, duckdb"),
        ),
        (
            "query: read every contract column",
            lambda: query_wall(path, f"SELECT bit_xor(hash({cols})) FROM {src}"),
        ),
        (
            "query: hash every (campaign, prospect_id)",
            lambda: query_wall(path, f"SELECT bit_xor(hash(campaign, prospect_id)) FROM {src}"),
        ),
        (
            "query: group by every contract column",
            lambda: query_wall(path, f"SELECT {cols}, count(*) FROM {src} GROUP BY ALL"),
        ),
    ]
    for name, fn in parts:
        low, med = best(fn, args.repeat)
        print(
            f"  {name:<42} wall min {low:5.2f} s  median {med:5.2f} s  = {low / floor:4.1f}x the floor"
        )


if __name__ == "__main__":
    main()
