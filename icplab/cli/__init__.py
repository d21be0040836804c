"""The ``icplab`` command line.

Each subcommand lives in its own module under :mod:`icplab.commands` and exposes
``add_parser(subparsers)``, which registers the subcommand and sets ``func(args) -> int``.
User mistakes raise :class:`icplab.core.errors.IcpLabError`; this module prints their message
(never a traceback) and exits with the error's status (2 for bad input).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from icplab.core.errors import IcpLabError

#: Subcommand modules under icplab.commands, in the order ``icplab --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "validate",
    "sample",
    "init",
    "run",
    "compare",
    "check",
    "refine",
    "funnel",
    "plan",
    "reasons",
    "size",
    "lock",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="icplab",
        description="Test ICP hypotheses on B2B outreach data: numbers, honestly computed.",
    )
    from icplab import __version__

    parser.add_argument("--version", action="version", version=f"icplab {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"icplab.cli.commands.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 a check failed, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except IcpLabError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
