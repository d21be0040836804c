"""``icplab sample``: write a generated outreach log with planted true effects."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from icplab.cli.commands._text import emit
from icplab.core.errors import UsageError
from icplab.core.files import FILE_MODE
from icplab.data.sample import (
    RUNNING_CAMPAIGN,
    SNAPSHOT,
    aggregate_sample,
    generate_outreach,
    to_german_export,
)


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
    p.add_argument(
        "--running",
        type=int,
        default=0,
        metavar="N",
        help="append N prospects of a campaign still running on the snapshot day "
        "(responses after it not in the log yet); default 0",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace OUT when it exists (by default an existing file is never overwritten)",
    )
    p.add_argument(
        "--snapshot",
        default=SNAPSHOT,
        metavar="DATE",
        help=f"export day of the running campaign (default {SNAPSHOT})",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.rows < 1:
        raise UsageError("--rows must be at least 1.")
    if args.running < 0:
        raise UsageError("--running must be 0 or more.")
    try:
        date.fromisoformat(args.snapshot)
    except ValueError:
        raise UsageError(
            f"--snapshot {args.snapshot}: expected an ISO date, e.g. 2026-09-30."
        ) from None
    if args.running and args.snapshot < RUNNING_CAMPAIGN[1]:
        raise UsageError(f"--snapshot must be on or after {RUNNING_CAMPAIGN[1]}.")
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise UsageError(f"{out}: use a .csv or .parquet file name.")
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; give a file name such as {out / 'sample.csv'}.")
    if out.exists() and not args.force:
        raise UsageError(
            f"{out}: the file exists and was left unchanged. icplab sample writes generated "
            "(fake) data; pass --force to replace the file, or choose another name."
        )
    raw = generate_outreach(
        args.rows, seed=args.seed, null=args.null, running=args.running, snapshot=args.snapshot
    )
    table = aggregate_sample(raw) if args.aggregated else raw
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=suffix, dir=out.parent)
    except OSError as exc:
        raise UsageError(
            f"cannot write {out}: {exc.strerror or exc}. Choose a folder that exists and is "
            "writable."
        ) from None
    os.close(fd)
    tmp = Path(name)
    try:
        if suffix == ".parquet":
            table.to_parquet(tmp, index=False)
        elif args.german:
            to_german_export(table).to_csv(tmp, sep=";", index=False, encoding="cp1252")
        else:
            table.to_csv(tmp, index=False)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, out)  # never a half-written file under OUT's name
    finally:
        tmp.unlink(missing_ok=True)
    emit(f"wrote {len(table)} rows to {out}", file=sys.stderr)
    return 0
