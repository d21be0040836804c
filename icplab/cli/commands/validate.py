"""``icplab validate PATH``: check an outreach log and summarise a valid one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from icplab.cli.commands._data import add_preset_option, load_data
from icplab.cli.commands._text import emit, emit_json
from icplab.core.config import Config
from icplab.core.errors import InputError, Problem
from icplab.data.load import read_headers
from icplab.data.mapping import best_preset, mapping_snippet
from icplab.data.nesting import confounded
from icplab.data.personal import header_looks_like_data
from icplab.data.presets import PRESETS
from icplab.data.suggest import suggest_for_file
from icplab.data.summary import describe


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check an outreach log (CSV, Parquet, XLSX) and summarise it",
        description="Check an outreach log against the input format. On a valid file, print "
        "rows, campaigns, date range, levels per factor and funnel counts. On an invalid "
        "file, list every problem with its rows and column and exit with status 2.",
    )
    p.add_argument("path", type=Path, help="the outreach log")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--config", type=Path, default=None, help="icplab.toml (default: ./icplab.toml)")
    p.add_argument(
        "--suggest-mapping",
        action="store_true",
        help="print a [columns] table for icplab.toml drafted from the file's headers",
    )
    add_preset_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.suggest_mapping:
        headers = read_headers(args.path)
        reason = header_looks_like_data(headers)
        if reason:  # the first prospect's details, not headers: never echo them
            raise InputError(
                str(args.path),
                [
                    Problem(
                        None,
                        (1,),
                        f"the first line looks like data, not a header ({reason}); add a "
                        "header row, then draft the mapping.",
                    )
                ],
            )
        emit(suggest_for_file(args.path, args.preset).rstrip("\n"))
        return 0
    config = Config.load(args.config)
    try:
        data = load_data(args.path, config, args)
    except InputError as exc:
        if not any(p.message.startswith("required column") for p in exc.problems):
            raise
        # an export whose headers are not the contract's: draft the mapping right away
        emit(f"error: {exc}", file=sys.stderr)
        emit(
            "\nA [columns] table for icplab.toml, drafted from the file's headers "
            "(check it, fill in what is missing):\n" + _draft(args.path, args.preset),
            file=sys.stderr,
        )
        return exc.exit_code
    summary = describe(data)
    if args.format == "json":
        emit_json(summary.to_dict(), indent=2)
    else:
        emit(summary.to_text())
    language = config.language or "en"
    for found in confounded(data.frame):
        emit(f"{_WARNING[language]}: {found.message(language)}", file=sys.stderr)
    preset = args.preset or config.columns.get("preset")
    guess = best_preset(read_headers(args.path)) if not preset else None
    if guess:
        emit(
            _PRESET_HINT[language].format(preset=guess, tool=PRESETS[guess].title), file=sys.stderr
        )
    return 0


_WARNING = {"en": "warning", "de": "Warnung"}
_PRESET_HINT = {
    "en": "note: the headers look like an export of {tool}; --preset {preset} reads it "
    "with its built-in mapping (docs/presets.md).",
    "de": "Hinweis: Die Spalten sehen nach einem Export aus {tool} aus; --preset {preset} "
    "liest ihn mit der eingebauten Zuordnung (docs/presets.md).",
}


def _draft(path: Path, preset: str | None) -> str:
    """The drafted [columns] table, or the header-only draft when the cells cannot be read."""
    try:
        return suggest_for_file(path, preset) + "\n"
    except InputError:
        return mapping_snippet(read_headers(path))
