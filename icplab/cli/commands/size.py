"""``icplab size``: how many contacts a test needs."""

from __future__ import annotations

import argparse

from icplab.cli.commands._text import emit, emit_json
from icplab.core.errors import UsageError
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
            raise UsageError("--segment needs --rate and --target, e.g. --rate 0.18 --target 0.15.")
        n = segment_sample_size(args.rate, args.target, power=args.power, confidence=1 - args.alpha)
        payload = {
            "kind": "segment",
            "rate": args.rate,
            "target": args.target,
            "alpha": args.alpha,
            "power": args.power,
            "n": n,
        }
        text = (
            f"A segment with a true rate of {100 * args.rate:.1f} % needs about {n} contacts "
            f"(trials of the metric's denominator) for its {100 * (1 - args.alpha):g} % Wilson "
            f"interval to clear the {100 * args.target:.1f} % target with {100 * args.power:.0f} % "
            "probability."
        )
    else:
        if args.baseline_rate is None or args.lift is None:
            raise UsageError(
                "give --baseline-rate and --lift (e.g. --baseline-rate 0.12 --lift 0.03), "
                "or --segment --rate R --target T."
            )
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
        text = (
            f"To detect {100 * args.baseline_rate:.1f} % -> "
            f"{100 * (args.baseline_rate + args.lift):.1f} % ({100 * args.lift:+.1f} pp) with "
            f"{100 * args.power:.0f} % power at alpha {args.alpha:g} (two-sided): {n} contacts "
            f"per variant, {2 * n} in total."
        )
    if args.format == "json":
        emit_json(payload)
    else:
        emit(text)
    return 0
