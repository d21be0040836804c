"""DuckDB against Polars for the out-of-core path: CPU and peak memory on the 20M-row log.

Run: ``.venv/bin/python benchmarks/bench_engines.py`` (Polars is not a dependency: install
it to compare, ``pip install polars``; the 20M-row file is built by ``bench_scale.py
--big``). Each engine runs in a fresh process: the count by salutation and the number of
duplicate (campaign, prospect_id) pairs, the two scans the out-of-core path needs most
(``duckdb``: a hash aggregate over the pairs; ``duckdb+sort``: their hashes sorted in
numpy, as the scan does now).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import big_parquet

WORK = {
    "duckdb": """
import duckdb
con = duckdb.connect(config={"memory_limit": "1GB"})
con.execute("SET enable_progress_bar = false")
con.execute("SELECT salutation, count(*), sum(replied) FROM read_parquet(?) GROUP BY 1", [F]).fetchall()
con.execute("SELECT count(*) FROM (SELECT hash(campaign, prospect_id) h FROM read_parquet(?) "
            "GROUP BY h HAVING count(*) > 1)", [F]).fetchall()
""",
    # what icplab/data/scan.py does since round 5: hash the raw pairs in DuckDB, sort the
    # 64-bit hashes in numpy; no equal neighbours = no duplicate pair (exact)
    "duckdb+sort": """
import duckdb
con = duckdb.connect(config={"memory_limit": "1GB"})
con.execute("SET enable_progress_bar = false")
con.execute("SELECT salutation, count(*), sum(replied) FROM read_parquet(?) GROUP BY 1", [F]).fetchall()
h = con.execute("SELECT hash(campaign, prospect_id) AS h FROM read_parquet(?)", [F]).fetchnumpy()["h"]
h.sort()
bool((h[1:] == h[:-1]).any())
""",
    "polars": """
import polars as pl
lf = pl.scan_parquet(F)
lf.group_by("salutation").agg(pl.len(), pl.col("replied").sum()).collect(engine="streaming")
lf.select(pl.struct("campaign", "prospect_id").n_unique()).collect(engine="streaming")
""",
}
FRAME = """
import resource, sys, time
F = sys.argv[1]
t = time.perf_counter()
{work}
r = resource.getrusage(resource.RUSAGE_SELF)
print(f"wall {{time.perf_counter() - t:.1f}} s, cpu {{r.ru_utime + r.ru_stime:.1f}} s, "
      f"peak {{r.ru_maxrss // 1024}} MB")
"""


def main() -> None:
    path = big_parquet()
    for engine, work in WORK.items():
        proc = subprocess.run(
            [sys.executable, "-c", FRAME.format(work=work), str(path)],
            capture_output=True,
            text=True,
        )
        line = proc.stdout.strip() or f"not run ({proc.stderr.strip().splitlines()[-1:]})"
        print(f"{engine:<11} {line}")


if __name__ == "__main__":
    main()
