"""Checks every subcommand's parsed options share: numbers are finite, dates are dates.

argparse's ``type=float`` takes ``nan``, ``inf`` and ``1e999``; a ``--wait inf`` would
wait forever and a ``--alpha nan`` would make every comparison "not significant". And a
date option is read whole: ``--as-of 2026-09-30garbage`` is refused, not cut to its first
ten characters. :func:`check_options` runs after parsing, before the command; a refused
option is a :class:`~icplab.core.errors.UsageError` (exit status 2, one line).

Examples
--------
>>> import argparse
>>> check_options(argparse.Namespace(wait=5.0, as_of="2026-09-30"))
>>> check_options(argparse.Namespace(wait=float("nan")))
Traceback (most recent call last):
icplab.core.errors.UsageError: --wait nan: expected a finite number (not nan or inf).
>>> check_options(argparse.Namespace(as_of="2026-09-30garbage"))
Traceback (most recent call last):
icplab.core.errors.UsageError: --as-of '2026-09-30garbage': as_of must be an ISO date such as 2026-09-30.
"""

from __future__ import annotations

import argparse
import math

from icplab.core.config import strict_date
from icplab.core.errors import ConfigError, UsageError, printable
from icplab.core.notes import Note

#: Options that hold a date (their ``dest``).
DATE_OPTIONS = ("as_of", "since")
#: Whole-number options that must be at least 1 (``dest`` -> the note that refuses them),
#: as the configuration's own key is (``[refine] min_contacts``).
AT_LEAST_ONE = {"min_contacts": "cli.refine.min_contacts"}


def _option(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def check_options(args: argparse.Namespace) -> None:
    """Refuse a non-finite number in any float option, a count below 1 where one is
    needed and a date option that is not exactly a date (see the module docstring).

    Raises
    ------
    icplab.core.errors.UsageError
        Naming the option and its value.
    """
    for dest, value in sorted(vars(args).items()):
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, float) and not math.isfinite(v):
                raise UsageError(Note("cli.option.finite", option=_option(dest), value=str(v)))
    for dest, code in AT_LEAST_ONE.items():
        value = getattr(args, dest, None)
        if isinstance(value, int) and value < 1:
            raise UsageError(Note(code, value=value))
    for dest in DATE_OPTIONS:
        value = getattr(args, dest, None)
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            strict_date(value)
        except (ConfigError, ValueError):
            shown = printable(value)[:40]
            raise UsageError(
                Note("cli.option.date", option=_option(dest), value=shown, dest=dest)
            ) from None
