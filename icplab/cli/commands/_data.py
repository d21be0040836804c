"""Reading the outreach log in every command: ``--preset`` and ``[columns]`` of the config."""

from __future__ import annotations

import argparse

from icplab.core.config import Config
from icplab.data.load import OutreachData, load
from icplab.data.presets import PRESETS


def add_preset_option(p: argparse.ArgumentParser) -> None:
    """Add ``--preset NAME`` (a built-in column mapping, CONTRACT section 6)."""
    p.add_argument(
        "--preset",
        default=None,
        metavar="NAME",
        help="read a tool's export with a built-in column mapping: "
        f"{', '.join(sorted(PRESETS))} (overrides [columns] preset; see docs/presets.md)",
    )


def load_data(path, config: Config, args: argparse.Namespace) -> OutreachData:
    """Load ``path`` with the config's size bands and ``[columns]``, and ``--preset``."""
    return load(
        path,
        size_bands=config.size_bands,
        columns=config.columns,
        preset=getattr(args, "preset", None),
    )
