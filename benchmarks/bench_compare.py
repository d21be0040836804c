"""Counts + every comparison (4 factors x 3 metrics) on 1M generated rows.

Run: ``.venv/bin/python benchmarks/bench_compare.py [--rows N]``. Prints the timings of
the single counts pass, of all comparisons from it (``compare_all``), of the exact
P(beats) on million-trial counts, and of one CLI-style ``compare`` call.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, million_rows_parquet

from icplab.core.metrics import DEFAULT_METRICS
from icplab.core.schema import FACTORS
from icplab.data.counts import counts
from icplab.data.load import load
from icplab.icp.compare import Contrast, compare_all, compare_counts, compare_result
from icplab.icp.verdicts import check
from icplab.stats.proportions import prob_beats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = million_rows_parquet(args.rows)
    t0 = time.perf_counter()
    data = load(path)
    t_load = time.perf_counter() - t0
    metrics = list(DEFAULT_METRICS)
    frame = data.frame

    t_counts, full = best_of(lambda: counts(frame, list(FACTORS)), args.repeat)

    def from_counts():
        out = {}
        for f in FACTORS:
            table = (
                full.groupby(f, observed=True)[
                    ["contacted", "replied", "meeting", "qualified", "deal"]
                ]
                .sum()
                .reset_index()
            )
            for m in metrics:
                out[(f, m)] = compare_counts(table, Contrast(f, DEFAULT_METRICS[m]))
        return out

    t_stats, res = best_of(from_counts, args.repeat)
    t_all, res_all = best_of(lambda: compare_all(data, FACTORS, metrics), args.repeat)
    t_one, _ = best_of(lambda: compare_result(data, "salutation", "reply_rate"), args.repeat)
    t_check, _ = best_of(lambda: check(data, {"industry": ("Logistik",)}), args.repeat)
    t_pb, _ = best_of(lambda: prob_beats(150_000, 1_000_000, 149_500, 1_000_000), args.repeat)
    n_comp = sum(len(r.table) - 1 for r in res.values())
    print(f"rows: {len(frame):,} (load + validate {t_load:.2f} s, not part of the figures below)")
    print(f"counts over all 4 factors (one pass)         {t_counts * 1000:8.1f} ms")
    print(
        f"all comparisons from those counts            {t_stats * 1000:8.1f} ms   "
        f"({len(res)} tables, {n_comp} comparisons)"
    )
    print(
        f"compare_all (counts + all comparisons)       {t_all * 1000:8.1f} ms   ({len(res_all)} tables)"
    )
    print(f"one compare(salutation, reply_rate) on rows  {t_one * 1000:8.1f} ms")
    print(f"one check(industry=Logistik), 3 metrics      {t_check * 1000:8.1f} ms")
    print(f"prob_beats on 1M-trial counts (exact)        {t_pb * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
