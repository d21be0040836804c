"""The next-batch planner against an even split, in simulated campaigns (issue 23).

12 cells with true reply rates 4 % .. 35 %, target 15 %, waves of 600 contacts, replies
arriving ``lag`` waves late (the contacts of the last ``lag`` waves are still maturing at
each decision), always-valid verdicts. Each method runs until every cell at least 4
points from the target is settled; the figure is the mean of the contacts it needed,
relative to the even split, with the share of settled cells on the wrong side.

Run: ``.venv/bin/python benchmarks/bench_next.py [--campaigns 400] [--figure docs/img/next-batch.png]``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from icplab.stats.thresholding import simulate

RATES = np.linspace(0.04, 0.35, 12)
METHODS = ("even", "open", "apt", "settle")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--campaigns", type=int, default=400)
    parser.add_argument("--lags", default="0,1,2,3")
    parser.add_argument("--figure", type=Path, default=None)
    args = parser.parse_args()
    lags = [int(x) for x in args.lags.split(",")]
    table: dict[tuple[int, str], tuple[float, float, float]] = {}
    print(f"campaigns per cell of the table: {args.campaigns}; wave 600; target 15 %")
    print("lag  method   mean contacts  x even  wrong side  finished  time")
    for lag in lags:
        base = None
        for m in METHODS:
            t0 = time.perf_counter()
            r = simulate(RATES, 0.15, method=m, lag=lag, campaigns=args.campaigns, seed=2026)
            mean = float(r.contacts.mean())
            base = base or mean
            table[(lag, m)] = (mean, mean / base, r.error_rate)
            print(
                f"{lag:3d}  {m:7s}  {mean:13.0f}  {mean / base:6.3f}  {r.error_rate:10.4f}"
                f"  {r.finished.mean():8.2f}  {time.perf_counter() - t0:4.0f} s",
                flush=True,
            )
    if args.figure:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(7, 3.6), dpi=110)
        width = 0.2
        for j, m in enumerate(METHODS):
            ax.bar(
                np.arange(len(lags)) + (j - 1.5) * width,
                [table[(lag, m)][1] for lag in lags],
                width,
                label=m,
            )
        ax.axhline(0.7, color="black", lw=1, ls="--")
        ax.text(len(lags) - 0.5, 0.71, "0.7x", ha="right", va="bottom", fontsize=8)
        ax.set_xticks(np.arange(len(lags)), [f"lag {lag} wave(s)" for lag in lags])
        ax.set_ylabel("contacts until settled / even split")
        ax.set_title(
            "12 cells 4-35 %, target 15 %, waves of 600, always-valid verdicts", fontsize=9
        )
        ax.legend(fontsize=8, ncol=4, loc="upper left")
        ax.set_ylim(0, 1.6)
        fig.tight_layout()
        args.figure.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(args.figure)
        print(f"figure: {args.figure}")


if __name__ == "__main__":
    main()
