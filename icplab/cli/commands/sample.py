"""``icplab sample``: write a generated outreach log with planted true effects."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from icplab.core.errors import UsageError
from icplab.data.sample import aggregate_sample, generate_outreach, to_german_export


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sample",
        help="write a realistic generated outreach log (seeded, planted effects)",
        description="Write a generated German B2B outreach log with known true rates "
        "(see data/samples/README.md). The personal data in it is fake.",
    )
    p.add_argument("out", type=Path, help="output file (.csv or .parquet)")
    p.add_argument("--rows", type=int, default=15_000, help="number of prospects (default 15000)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument(
        "--aggregated", action="store_true", help="write counts per segment instead of rows"
    )
    p.add_argument(
        "--german",
        action="store_true",
        help="German headers, ';' and Windows-1252, like an Excel export",
    )
    p.add_argument(
        "--null", action="store_true", help="no true effects: every segment replies at 10 %%"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.rows < 1:
        raise UsageError("--rows must be at least 1.")
    raw = generate_outreach(args.rows, seed=args.seed, null=args.null)
    table = aggregate_sample(raw) if args.aggregated else raw
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    suffix = out.suffix.lower()
    if suffix == ".parquet":
        table.to_parquet(out, index=False)
    elif suffix == ".csv":
        if args.german:
            to_german_export(table).to_csv(out, sep=";", index=False, encoding="cp1252")
        else:
            table.to_csv(out, index=False)
    else:
        raise UsageError(f"{out}: use a .csv or .parquet file name.")
    print(f"wrote {len(table)} rows to {out}", file=sys.stderr)
    return 0
