"""``icplab sample``: write a generated outreach log with planted true effects."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from icplab.cli.commands._parser import command, option
from icplab.cli.commands._text import emit
from icplab.cli.terminal import say
from icplab.core.errors import UsageError, usage_error_on_os_error
from icplab.core.files import FILE_MODE
from icplab.core.notes import Note
from icplab.data.sample import (
    RUNNING_CAMPAIGN,
    SNAPSHOT,
    aggregate_sample,
    generate_outreach,
    to_german_export,
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "sample")
    option(p, "out", metavar=say("cli.help.name.out"), type=Path)
    option(p, "--rows", type=int, default=15_000)
    option(p, "--seed", default=7)
    option(p, "--aggregated", action="store_true")
    option(p, "--german", action="store_true")
    option(p, "--null", action="store_true")
    option(p, "--running", type=int, default=0, metavar="N")
    option(p, "--force")
    option(p, "--snapshot", default=SNAPSHOT, metavar="DATE", params={"snapshot": SNAPSHOT})
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.rows < 1:
        raise UsageError(Note("cli.sample.rows"))
    if args.running < 0:
        raise UsageError(Note("cli.sample.running"))
    try:
        date.fromisoformat(args.snapshot)
    except ValueError:
        raise UsageError(Note("cli.sample.snapshot", snapshot=args.snapshot)) from None
    if args.running and args.snapshot < RUNNING_CAMPAIGN[1]:
        raise UsageError(Note("cli.sample.snapshot_after", first=RUNNING_CAMPAIGN[1]))
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise UsageError(Note("cli.sample.suffix", out=str(out)))
    if out.is_dir():
        raise UsageError(Note("cli.sample.folder", out=str(out), example=str(out / "sample.csv")))
    if out.exists() and not args.force:
        raise UsageError(Note("cli.sample.exists", out=str(out)))
    raw = generate_outreach(
        args.rows, seed=args.seed, null=args.null, running=args.running, snapshot=args.snapshot
    )
    table = aggregate_sample(raw) if args.aggregated else raw
    with usage_error_on_os_error("cli.sample.cannot_write", out=str(out)):
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=suffix, dir=out.parent)
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
    emit(say("cli.wrote_rows", rows=len(table), path=str(out)), file=sys.stderr)
    return 0
