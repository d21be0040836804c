"""Load + validate + counts on 1M generated rows, against a bare pandas.read_parquet.

Run: ``.venv/bin/python benchmarks/bench_load.py [--rows N]``. Prints the timings; the
target is load + validate within about twice the bare read of the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, million_rows_parquet

from icplab.core.schema import FACTORS
from icplab.data.load import load


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = million_rows_parquet(args.rows)
    csv_path = path.with_suffix(".csv")
    if not csv_path.exists():
        pd.read_parquet(path).to_csv(csv_path, index=False)

    t_bare, _ = best_of(lambda: pd.read_parquet(path), args.repeat)
    t_load, data = best_of(lambda: load(path), args.repeat)
    t_counts, _ = best_of(
        lambda: [data.counts([f]) for f in FACTORS] + [data.counts(list(FACTORS))], args.repeat
    )
    t_csv_bare, _ = best_of(lambda: pd.read_csv(csv_path), 1)
    t_csv, _ = best_of(lambda: load(csv_path), 1)
    n = len(data.frame)
    print(f"rows: {n:,}")
    print(f"parquet  bare pandas.read_parquet      {t_bare:6.3f} s")
    print(
        f"parquet  icplab.data.load (read+validate)   {t_load:6.3f} s   ratio {t_load / t_bare:4.2f}x"
    )
    print(f"counts   4 factors + full cross        {t_counts:6.3f} s")
    print(f"csv      bare pandas.read_csv          {t_csv_bare:6.3f} s")
    print(
        f"csv      icplab.data.load (read+validate)   {t_csv:6.3f} s   ratio {t_csv / t_csv_bare:4.2f}x"
    )


if __name__ == "__main__":
    main()
