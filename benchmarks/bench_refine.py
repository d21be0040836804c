"""``refine`` and the counts GLM on 1M rows, beside a statsmodels Logit on the raw rows.

Run: ``.venv/bin/python benchmarks/bench_refine.py [--rows N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import statsmodels.formula.api as smf

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, million_rows_parquet

from icplab.data.load import load
from icplab.icp.refine import refine
from icplab.stats.model import fit_model


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    data = load(million_rows_parquet(args.rows))
    t_refine, _ = best_of(lambda: refine(data, "reply_rate"), 3)
    t_glm, res = best_of(lambda: fit_model(data, "reply_rate", interactions=False), 3)
    rows = data.frame[["industry", "size_band", "messaging", "salutation", "replied"]].copy()
    for c in ("industry", "size_band", "messaging", "salutation"):
        rows[c] = rows[c].astype(str)
    t0 = time.perf_counter()
    logit = smf.logit(
        "replied ~ C(industry) + C(size_band) + C(messaging) + C(salutation)", rows
    ).fit(disp=0)
    t_logit = time.perf_counter() - t0
    diff = float((res.params.sort_index() - logit.params.sort_index()).abs().max())
    print(f"rows: {len(data.frame):,}")
    print(f"icplab refine (counts, pooling, lists, recommendations)  {t_refine:7.3f} s")
    print(f"counts GLM, main effects                                 {t_glm:7.3f} s")
    print(f"statsmodels Logit on raw rows, same model                {t_logit:7.3f} s")
    print(
        f"speed-up GLM vs Logit {t_logit / t_glm:6.1f}x; refine vs Logit {t_logit / t_refine:6.1f}x; max |coef diff| {diff:.2e}"
    )


if __name__ == "__main__":
    main()
