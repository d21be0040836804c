"""``icplab assign CONTACTS --variants COLUMN=A,B``: stratified, seeded variant assignment."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from icplab.cli.commands._data import refuse_input_as_output
from icplab.cli.commands._parser import command, option
from icplab.cli.commands._text import emit
from icplab.cli.terminal import say
from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.icp.assign import assign_file, parse_ratio, parse_variants, record_split


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "assign")
    option(p, "contacts", type=Path, metavar=say("cli.help.assign.contacts_name"))
    option(p, "--by", default="industry,size_band", metavar="COLUMN,...")
    option(p, "--variants", required=True, metavar="COLUMN=A,B[,C]")
    option(p, "--ratio", default=None, metavar="1:1")
    option(p, "--seed", required=True)
    option(p, "-o", "--output", required=True, help=None)
    option(p, "--config")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    column, levels = parse_variants(args.variants)
    ratio = parse_ratio(args.ratio, len(levels))
    config_path = args.config or Path("icplab.toml")
    _check_targets(args, config_path)
    config = Config.load(config_path) if config_path.exists() else Config()
    by = [c.strip() for c in args.by.split(",") if c.strip()]
    summary = assign_file(
        args.contacts,
        args.output,
        by,
        column,
        levels,
        ratio,
        args.seed,
        config.size_bands if "size_bands" in config.raw else None,
    )
    record_split(config_path, column, dict(zip(levels, ratio, strict=True)))
    emit(
        say(
            "cli.assign.wrote_one" if summary.segments == 1 else "cli.assign.wrote",
            rows=summary.rows,
            segments=summary.segments,
            output=str(args.output),
            config=str(config_path),
        ),
        file=sys.stderr,
    )
    return 0


def _check_targets(args: argparse.Namespace, config_path: Path) -> None:
    """Refuse, before anything is written, an output that is an input (the contact list,
    the configuration: it would be overwritten) and an ``icplab.toml`` that is a symbolic
    link (writing ``[split]`` would replace the link by a file)."""
    refuse_input_as_output(args.output, args)
    if config_path.is_symlink():
        raise UsageError(Note("cli.assign.config_link", path=str(config_path)))
