"""``icplab size``: how many contacts a test needs."""

from __future__ import annotations

import argparse

from icplab.cli.commands._parser import command, option
from icplab.cli.commands._text import emit, emit_json
from icplab.cli.terminal import num, pct, pp, say, short
from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.stats.planning import ab_sample_size, segment_sample_size


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "size")
    option(p, "--baseline-rate", type=float, default=None)
    option(p, "--lift", type=float, default=None)
    option(p, "--segment", action="store_true")
    option(p, "--rate", type=float, default=None)
    option(p, "--target")
    option(p, "--alpha", type=float, default=0.05)
    option(p, "--power", type=float, default=0.8)
    option(p, "--format", choices=("table", "json"))
    p.set_defaults(func=run)


#: The names :mod:`icplab.stats.planning` gives a rate it refuses -> their catalogue code.
RATE_NAMES = {
    "baseline rate": "baseline_rate",
    "baseline rate + lift": "new_rate",
    "alpha": "alpha",
    "power": "power",
    "rate": "rate",
    "target": "target",
}


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except UsageError as exc:
        raise _named(exc) from None


def _named(exc: UsageError) -> UsageError:
    """A refused rate named in the terminal's words (the planner names it in English)."""
    note = exc.args[0] if exc.args else None
    if not isinstance(note, Note) or note.code != "planning.bad_rate":
        return exc
    code = RATE_NAMES.get(str(note.params.get("name")))
    if code is None:
        return exc
    return UsageError(Note(note.code, **{**note.params, "name": Note(f"cli.size.rate.{code}")}))


def _run(args: argparse.Namespace) -> int:
    if args.segment:
        if args.rate is None or args.target is None:
            raise UsageError(Note("cli.size.segment_needs"))
        n = segment_sample_size(args.rate, args.target, power=args.power, confidence=1 - args.alpha)
        payload = {
            "kind": "segment",
            "rate": args.rate,
            "target": args.target,
            "alpha": args.alpha,
            "power": args.power,
            "n": n,
        }
        confidence = 1 - args.alpha
        text = say(
            "cli.size.segment",
            rate=pct(args.rate),
            n=num(n),
            confidence=pct(confidence, short(100 * confidence)),
            target=pct(args.target),
            power=pct(args.power, 0),
        )
    else:
        if args.baseline_rate is None or args.lift is None:
            raise UsageError(Note("cli.size.ab_needs"))
        n = ab_sample_size(args.baseline_rate, args.lift, alpha=args.alpha, power=args.power)
        payload = {
            "kind": "ab",
            "baseline_rate": args.baseline_rate,
            "lift": args.lift,
            "alpha": args.alpha,
            "power": args.power,
            "n_per_arm": n,
            "n_total": 2 * n,
        }
        text = say(
            "cli.size.ab",
            base=pct(args.baseline_rate),
            new=pct(args.baseline_rate + args.lift),
            lift=pp(args.lift),
            power=pct(args.power, 0),
            alpha=args.alpha,
            n=num(n),
            total=num(2 * n),
        )
    if args.format == "json":
        emit_json(payload)
    else:
        emit(text)
    return 0
