"""``icplab lock``: show the metric lock; ``icplab lock --accept`` re-locks the metrics."""

from __future__ import annotations

import argparse
from pathlib import Path

from icplab.cli.commands._text import emit
from icplab.cli.terminal import say, show
from icplab.core.config import Config
from icplab.icp.lock import accept_lock, check_lock


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lock",
        help="show or accept the locked success-metric definitions",
        description="Show whether the success metrics in icplab.toml match the ones locked "
        "in icplab.lock.json (the first call locks them). --accept locks the current "
        "definitions after a deliberate change (recorded in the lock's history). Exit status "
        "3 when they changed and were not accepted, or when the lock file was edited by "
        "hand. A deleted lock file is compared with the record of the last lock in "
        ".icplab/lock-record.json.",
    )
    p.add_argument("--accept", action="store_true", help="lock the current definitions")
    p.add_argument("--config", type=Path, default=None, help="icplab.toml (default: ./icplab.toml)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    if args.accept:
        status = accept_lock(config)
        if status.changes:
            emit(say("cli.lock.accepted"))
            emit("\n".join(f"  - {show(c)}" for c in status.changes))
        emit(say("cli.lock.locked", path=str(status.path)))
        return 0
    status = check_lock(config)
    emit(show(status.describe()))
    if status.history:
        emit(say("cli.lock.history"))
        for entry in status.history:
            for change in entry.get("changes") or ():
                emit(f"  - {entry.get('at', '?')}: {show(change)}")
    return 3 if status.changed else 0
