"""``icplab validate PATH``: check an outreach log and summarise a valid one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from icplab.cli.commands._data import add_preset_option, load_data
from icplab.cli.commands._parser import command, option
from icplab.cli.commands._text import emit, emit_error, emit_json
from icplab.cli.terminal import language, say
from icplab.core.config import Config
from icplab.core.errors import InputError, Problem
from icplab.core.notes import Note
from icplab.data.load import read_headers
from icplab.data.mapping import best_preset, mapping_snippet
from icplab.data.nesting import confounded
from icplab.data.personal import header_looks_like_data
from icplab.data.presets import PRESETS
from icplab.data.suggest import suggest_for_file
from icplab.data.summary import describe


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "validate")
    option(p, "path", metavar=say("cli.help.name.path"), type=Path)
    option(p, "--format", choices=("text", "json"), default="text")
    option(p, "--config")
    option(p, "--suggest-mapping", action="store_true")
    add_preset_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.suggest_mapping:
        headers = read_headers(args.path)
        reason = header_looks_like_data(headers)
        if reason:  # the first prospect's details, not headers: never echo them
            raise InputError(
                str(args.path),
                [Problem(None, (1,), Note("cli.validate.no_header", reason=reason))],
            )
        emit(suggest_for_file(args.path, args.preset, language()).rstrip("\n"))
        return 0
    config = Config.load(args.config)
    try:
        data = load_data(args.path, config, args)
    except InputError as exc:
        if not any(p.message.startswith("required column") for p in exc.problems):
            raise
        # an export whose headers are not the contract's: draft the mapping right away
        emit_error(exc)
        emit(
            "\n" + say("cli.validate.draft") + "\n" + _draft(args.path, args.preset),
            file=sys.stderr,
        )
        return exc.exit_code
    summary = describe(data)
    if args.format == "json":
        emit_json(summary.to_dict(), indent=2)
    else:
        emit(summary.to_text(language()))
    for found in confounded(data.frame):
        emit(f"{say('cli.warning')}: {found.message(language())}", file=sys.stderr)
    preset = args.preset or config.columns.get("preset")
    guess = best_preset(read_headers(args.path)) if not preset else None
    if guess:
        hint = say("cli.validate.preset", preset=guess, tool=PRESETS[guess].title)
        emit(hint, file=sys.stderr)
    return 0


def _draft(path: Path, preset: str | None) -> str:
    """The drafted [columns] table, or the header-only draft when the cells cannot be read."""
    try:
        return suggest_for_file(path, preset, language()) + "\n"
    except InputError:
        return mapping_snippet(read_headers(path))
