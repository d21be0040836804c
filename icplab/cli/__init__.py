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
from typing import NoReturn

from icplab.core.catalogue import messages
from icplab.core.errors import IcpLabError, os_reason

#: Subcommands in the order ``icplab --help`` lists them. Each lives in
#: ``icplab/cli/commands/NAME.py``; only the module of the command being run is imported, so
#: ``icplab --version`` and ``icplab --help`` load no data or statistics code.
COMMAND_NAMES: tuple[str, ...] = (
    "validate",
    "sample",
    "init",
    "run",
    "compare",
    "check",
    "refine",
    "funnel",
    "cycle",
    "plan",
    "reasons",
    "size",
    "lock",
    "next",
    "assign",
)

#: Each subcommand's one-line help in English (``cli.help.NAME`` of the catalogue, which has
#: it in every language for ``icplab --help``).
COMMANDS: dict[str, str] = {name: messages("en")[f"cli.help.{name}"] for name in COMMAND_NAMES}


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (its first non-option word, after the value of a
    global ``--lang``), if it is a known one."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def _option_value(argv: Sequence[str], name: str) -> str | None:
    """The value of ``name`` in ``argv`` (``--lang de`` or ``--lang=de``), read before
    parsing so that even a usage error is written in the chosen language."""
    value = None
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(name + "="):
            value = arg.split("=", 1)[1]
    return value


def _terminal_language(argv: Sequence[str]) -> str:
    """``--lang`` > a command's own ``--language`` (reports, spreadsheets) >
    ``ICPLAB_LANG`` > ``[reports] language`` of ``--config`` (or ``./icplab.toml``) >
    English."""
    from pathlib import Path

    from icplab.cli.terminal import choose_language

    config = _option_value(argv, "--config")
    option = _option_value(argv, "--lang") or _option_value(argv, "--language")
    return choose_language(option, Path(config) if config else None)


class OneLineErrors(argparse.ArgumentParser):
    """An argument parser whose errors are one line (exit status 2), without the usage
    block: ``icplab run: error: argument --jobs: invalid int value: 'x' (see icplab run
    --help)``. Subcommand parsers inherit it."""

    def error(self, message: str) -> NoReturn:
        from icplab.cli.terminal import say
        from icplab.core.errors import printable

        self.exit(2, say("cli.usage_error", prog=self.prog, message=printable(message)) + "\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``command``, that subcommand's full parser.

    The other subcommands get a stub that only carries their help line, so building the
    parser imports one command module at most. ``build_parser()`` with no command imports
    none; :func:`build_full_parser` imports all (for documentation and tests).

    Examples
    --------
    >>> p = build_parser("size")
    >>> p.parse_args(["size", "--baseline-rate", "0.1", "--lift", "0.02"]).command
    'size'
    """
    from icplab import __version__
    from icplab.cli.terminal import language, say

    parser = OneLineErrors(
        prog="icplab",
        description=say("cli.help.description"),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"icplab {__version__}",
        help=say("cli.help.opt.version"),
    )
    add_lang_option(parser, top=True)
    sub = parser.add_subparsers(
        dest="command", metavar=say("cli.help.command_metavar"), required=True
    )
    for name, help_line in COMMANDS.items():
        if name == command:
            importlib.import_module(f"icplab.cli.commands.{name}").add_parser(sub)
            add_lang_option(sub.choices[name], top=False)
        else:
            sub.add_parser(name, help=messages(language()).get(f"cli.help.{name}", help_line))
    return parser


def add_lang_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--lang en|de`` on ``parser``: the global option (``top``), or on a subcommand,
    where it may also follow the command name and its default is suppressed so that it
    does not hide the global one."""
    from icplab.cli.terminal import say
    from icplab.core.catalogue import LANGUAGES

    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None if top else argparse.SUPPRESS,
        help=say("cli.help.opt.lang"),
    )


def build_full_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand's full parser (imports every command module)."""
    full = argparse.ArgumentParser(prog="icplab")
    sub = full.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"icplab.cli.commands.{name}").add_parser(sub)
    return full


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 a check failed, 2 bad input)."""
    from icplab.cli.terminal import set_language
    from icplab.cli.usage import argparse_language

    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_terminal_language(argv))
    try:
        with argparse_language():  # argparse's own words in the terminal language too
            return _run(argv)
    finally:
        set_language("en")  # a later caller in this process starts from English again


def _run(argv: list[str]) -> int:
    """Parse ``argv`` and run its command, printing a user error as one line."""
    from icplab.cli.terminal import say

    parser = build_parser(_chosen_command(argv))
    args = parser.parse_args(argv)
    try:
        from icplab.cli.commands._options import check_options

        check_options(args)  # finite numbers, whole dates (exit 2, one line)
        return int(args.func(args) or 0)
    except IcpLabError as exc:
        from icplab.cli.commands._text import emit_error

        emit_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        print(say("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a path the user gave cannot be read or written
        from icplab.cli.commands._text import emit

        reason = os_reason(exc)
        if exc.filename:
            message = say("cli.os_error", path=str(exc.filename), reason=reason)
        else:
            message = say("cli.os_error_nopath", reason=reason)
        emit(f"{say('cli.error')}: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
