"""``icplab lock``: show the metric lock; ``icplab lock --accept`` re-locks the metrics."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from icplab.cli.commands._parser import command, option
from icplab.cli.commands._text import emit
from icplab.cli.terminal import say, show
from icplab.core.config import Config
from icplab.icp.lock import accept_lock, check_lock, history_notes


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "lock")
    option(p, "--accept", action="store_true")
    option(p, "--config")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = Config.load(args.config)
    if args.accept:
        status = accept_lock(config)
        if status.changes:
            emit(say("cli.lock.accepted"))
            emit("\n".join(f"  - {show(c.note())}" for c in status.changes))
        emit(say("cli.lock.locked", path=str(status.path)))
        return 0
    status = check_lock(config)
    emit(show(status.describe()))
    if status.history:
        emit(say("cli.lock.history"))
        for entry in status.history:
            for change in history_notes(entry):
                emit(f"  - {_at(str(entry.get('at', '?')))}: {show(change)}")
    return 3 if status.changed else 0


def _at(text: str) -> str:
    """When a change was accepted: a UTC time as the lock writes it (ISO) in the terminal's
    words (``07.12.2026 09:11:38 UTC`` in German); any other text as it is.

    Examples
    --------
    >>> _at("2026-12-07T09:11:38+00:00"), _at("yesterday")
    ('2026-12-07T09:11:38+00:00', 'yesterday')
    """
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return text
    if when.isoformat() != text or when.utcoffset() != UTC.utcoffset(None):
        return text
    return say("cli.lock.at", day=when.date(), time=f"{when:%H:%M:%S}")
