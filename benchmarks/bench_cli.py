"""Whole commands as a user runs them, each in a fresh process, against bare baselines.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--rows N] [--repeat K]``. Prints, for the
same machine and the same generated Parquet file:

- ``icplab compare FILE --by salutation --metric reply_rate --format json`` against a bare
  Python process that reads the file with pandas and groups it (target: <= 1.5x), once
  cold (the first command on a new file validates every row) and then with the
  workspace's cache of validated logs (every later report and command that night);
- ``icplab refine FILE --format json`` against a statsmodels Logit of the same model on the
  raw rows (target: <= 0.25x);
- ``icplab --version`` against ``python -c "import pandas"`` (target: <= 1.3x).

Each figure is the best of ``--repeat`` wall times of a complete process (start-up, imports,
reading, computing, printing), the way a user or a cron job meets it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import million_rows_parquet

BIN = Path(sys.executable).parent

#: The bare process: read the same file with pandas (every column, as a user's script
#: would) and group it.
BARE_GROUP = """
import sys
import pandas as pd
df = pd.read_parquet(sys.argv[1])
g = df.groupby(df["salutation"].str.lower())["replied"].agg(["sum", "count"])
print(g.to_json())
"""
#: The most favourable bare process: only the two columns this comparison needs.
BARE_TWO_COLUMNS = BARE_GROUP.replace(
    "pd.read_parquet(sys.argv[1])",
    'pd.read_parquet(sys.argv[1], columns=["salutation", "replied"])',
)

ROW_LOGIT = """
import sys
import pandas as pd
import statsmodels.formula.api as smf
df = pd.read_parquet(sys.argv[1])
df["size_band"] = pd.cut(df["employees"], [0, 49, 199, 499, float("inf")]).astype(str)
df["replied"] = df["replied"].astype(int)
fit = smf.logit("replied ~ C(industry) + C(size_band)", data=df).fit(disp=0)
print(len(fit.params))
"""


def wall(cmd: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = str(million_rows_parquet(args.rows))
    py, icplab = str(BIN / "python"), str(BIN / "icplab")
    # A neutral working folder: no icplab.toml there, so the defaults apply.
    cwd_args = ["--config", str(Path(__file__).resolve().parent / "bench.toml")]
    Path(cwd_args[1]).write_text("", encoding="utf-8")

    r = args.repeat
    cache = Path(__file__).resolve().parent / ".icplab"
    shutil.rmtree(cache, ignore_errors=True)  # the first compare validates the file (cold)
    t_cold = wall(
        [icplab, "compare", path, "--by", "salutation", "--metric", "reply_rate",
         "--format", "json", *cwd_args],
        1,
    )  # fmt: skip
    t_bare = wall([py, "-c", BARE_GROUP, path], r)
    t_bare2 = wall([py, "-c", BARE_TWO_COLUMNS, path], r)
    t_cmp = wall(
        [icplab, "compare", path, "--by", "salutation", "--metric", "reply_rate",
         "--format", "json", *cwd_args],
        r,
    )  # fmt: skip
    t_ref = wall([icplab, "refine", path, "--format", "json", *cwd_args], r)
    t_logit = wall([py, "-c", ROW_LOGIT, path], 1)
    t_pandas = wall([py, "-c", "import pandas"], max(r, 5))
    t_ver = wall([icplab, "--version"], max(r, 5))

    print(f"rows: {args.rows:,}  (best of {r} complete processes each)")
    print(f"bare pandas: read Parquet + group              {t_bare:6.2f} s")
    print(f"bare pandas: read 2 columns + group            {t_bare2:6.2f} s")
    print(
        f"icplab compare, first run (validates the file) {t_cold:6.2f} s   "
        f"{t_cold / t_bare:4.2f}x bare"
    )
    print(
        f"icplab compare --format json (validated log cached) {t_cmp:6.2f} s   "
        f"{t_cmp / t_bare:4.2f}x bare   (target <= 1.5x; {t_cmp / t_bare2:4.2f}x the 2-column read)"
    )
    print(f"statsmodels Logit on the raw rows               {t_logit:6.2f} s")
    print(
        f"icplab refine --format json                    {t_ref:6.2f} s   "
        f"{t_ref / t_logit:4.2f}x Logit  (target <= 0.25x)"
    )
    print(f"python -c 'import pandas'                      {t_pandas:6.2f} s")
    print(
        f"icplab --version                               {t_ver:6.2f} s   "
        f"{t_ver / t_pandas:4.2f}x       (target <= 1.3x)"
    )
    Path(cwd_args[1]).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
