"""``icplab size``: how many contacts a test needs."""

from __future__ import annotations

import argparse

from icplab.cli.commands._text import emit, emit_json
from icplab.cli.terminal import num, pct, pp, say, short
from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.stats.planning import ab_sample_size, segment_sample_size


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "size",
        help="contacts needed for an A/B test or a segment check",
        description="A/B test: contacts per arm to detect --lift over --baseline-rate "
        "(two-sided pooled z-test). With --segment: trials a segment check needs so the "
        "95 %% Wilson interval separates an assumed true --rate from the --target.",
    )
    p.add_argument("--baseline-rate", type=float, default=None, help="e.g. 0.12")
    p.add_argument("--lift", type=float, default=None, help="absolute lift, e.g. 0.03 (3 points)")
    p.add_argument("--segment", action="store_true", help="plan a segment check instead")
    p.add_argument("--rate", type=float, default=None, help="assumed true rate of the segment")
    p.add_argument("--target", type=float, default=None, help="the metric target, e.g. 0.15")
    p.add_argument("--alpha", type=float, default=0.05)
    p.add_argument("--power", type=float, default=0.8)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
