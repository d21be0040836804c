"""``icplab assign CONTACTS --variants COLUMN=A,B``: stratified, seeded variant assignment."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from icplab.cli.commands._text import emit
from icplab.cli.terminal import say
from icplab.core.config import Config
from icplab.icp.assign import assign_file, parse_ratio, parse_variants, record_split


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "assign",
        help="stratified (blocked) variant assignment of a contact list, seeded",
        description="Assign message variants to a contact list inside every segment "
        "(blocked randomisation in the planned ratio), write the list with the variant "
        "column to FILE and record the plan under [split] in icplab.toml.",
    )
    p.add_argument("contacts", type=Path, help="the contact list (CSV, Parquet, XLSX)")
    p.add_argument(
        "--by",
        default="industry,size_band",
        metavar="COLUMN,...",
        help="segments to balance within (default industry,size_band; size_band comes "
        "from employees)",
    )
    p.add_argument(
        "--variants",
        required=True,
        metavar="COLUMN=A,B[,C]",
        help="the variant column and its levels, e.g. messaging=zeitersparnis,fehlerrate",
    )
    p.add_argument("--ratio", default=None, metavar="1:1", help="planned ratio (default equal)")
    p.add_argument("--seed", type=int, required=True, help="random seed (same seed, same file)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.add_argument(
        "--config",
        type=Path,
        default=None,
        help="icplab.toml to record [split] in (default ./icplab.toml, created when absent)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    column, levels = parse_variants(args.variants)
    ratio = parse_ratio(args.ratio, len(levels))
    config_path = args.config or Path("icplab.toml")
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
            "cli.assign.wrote",
            rows=summary.rows,
            segments=summary.segments,
            output=str(args.output),
            config=str(config_path),
        ),
        file=sys.stderr,
    )
    return 0
