"""What the statistics commands share: their options (the log, ``--where``, ``--as-of``,
``--sequential``, ``--format``, ``--config``, ``--preset``: :func:`add_log_options`),
reading the configuration, the filters and the log (:func:`open_log`), the metric-lock
warning, and writing the result as a table, JSON or spreadsheet (:func:`emit_result`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from icplab.cli.commands._parser import option
from icplab.cli.commands._text import emit, emit_json
from icplab.cli.terminal import say, show
from icplab.core.config import Config
from icplab.core.errors import usage_error_on_os_error
from icplab.data.load import OutreachData, load
from icplab.data.presets import PRESETS
from icplab.icp.lock import check_lock
from icplab.report.spreadsheet import SPREADSHEET_FORMATS, write_table

if TYPE_CHECKING:  # the statistics load with the command that judges (scope_of)
    from icplab.icp.scope import Scope


def _data_arg(value: str) -> Path | str:
    """A file path, or a database table (``duckdb:///x.duckdb::t``) kept as text."""
    from icplab.data.warehouse import is_warehouse

    return value if is_warehouse(value) else Path(value)


def data_option(value: str) -> Path | str:
    """``--data`` of ``icplab run``: a table (``duckdb:///x.duckdb::t``) kept as text, as
    ``[workspace] data`` keeps it; a file made absolute."""
    data = _data_arg(value)
    return data.resolve() if isinstance(data, Path) else data


def add_data_argument(p: argparse.ArgumentParser) -> None:
    """Add the positional ``data``: the outreach log."""
    option(p, "data", metavar=say("cli.help.name.data"), type=_data_arg)


def add_output_options(p: argparse.ArgumentParser) -> None:
    """Add ``--format table|json|csv|xlsx`` with ``--output`` / ``--language``, and
    ``--config`` / ``--preset``."""
    option(p, "--format", choices=("table", "json", *SPREADSHEET_FORMATS))
    add_spreadsheet_options(p)
    option(p, "--config")
    add_preset_option(p)


def add_log_options(
    p: argparse.ArgumentParser,
    *,
    where: bool = True,
    as_of: str | None = "",
    sequential: bool = False,
) -> None:
    """The options of a command that judges a log: the positional ``data``, ``--where``
    (unless ``where`` is false), ``--sequential`` (when asked), ``--as-of`` (``as_of``
    names what it counts, ``cli.help.as_of.<as_of>``; None: no ``--as-of``) and the output
    options (:func:`add_output_options`)."""
    add_data_argument(p)
    if where:
        add_where_option(p)
    if sequential:
        add_sequential_option(p)
    if as_of is not None:
        add_as_of_option(p, as_of)
    add_output_options(p)


def open_log(args: argparse.Namespace) -> tuple[Scope, OutreachData]:
    """The scope of a judgement (the configuration of ``--config``, the ``--where``
    filters, ``--as-of`` and ``--sequential``, by :func:`icplab.api.scope_of`) and the log
    (``data``); the configuration is ``scope.config``.

    A ``--thesis`` that the configuration does not know fails before the log is read."""
    from icplab.api import scope_of

    config = Config.load(args.config)
    scope = scope_of(
        config,
        where=getattr(args, "where", None) or [],
        as_of=getattr(args, "as_of", None),
        sequential=getattr(args, "sequential", None),
    )
    if getattr(args, "thesis", None):
        config.thesis(args.thesis)
    return scope, load_data(args.data, config, args)


def warn_if_metrics_changed(config: Config) -> None:
    """Print the metric-lock change (if any) on stderr; never writes the lock."""
    if config.path is None:
        return
    status = check_lock(config, record=False)
    if status.changed:
        emit(f"{say('cli.warning_upper')}: {show(status.describe())}", file=sys.stderr)


def _with_preset(config: Config, preset: str | None) -> Config:
    """``config`` as the command reads the log: with ``--preset`` in its ``[columns]`` (the
    lock compares the mapping the numbers come from, not only the file's)."""
    if not preset:
        return config
    from dataclasses import replace

    return replace(config, columns={**config.columns, "preset": preset})


def emit_result(
    args: argparse.Namespace,
    config: Config,
    command: str,
    payload: Callable[[], Any],
    frame: Callable[[], pd.DataFrame],
    text: Callable[[], str],
    *,
    lock: bool = False,
) -> None:
    """Print or write a command's result in ``args.format``: JSON (``payload``), CSV/XLSX
    (``frame``) or the plain-text table (``text``); only the one asked for is built.

    With ``lock``, a change of the locked metric definitions is first a warning on stderr.
    An ``as_of`` older than the newest contact is also a warning on stderr that names how
    many contacts it leaves out (CONTRACT section 2), whatever the format."""
    if lock:
        warn_if_metrics_changed(_with_preset(config, getattr(args, "preset", None)))
    warn_after_as_of(payload())
    if args.format == "json":
        emit_json(payload(), indent=2)
    elif args.format in SPREADSHEET_FORMATS:
        write_spreadsheet(args, config, frame(), command)
    else:
        emit(text())


def show_result(
    args: argparse.Namespace,
    config: Config,
    result: Any,
    text: Callable[[], str],
    *,
    frame: Callable[[], pd.DataFrame] | None = None,
    lock: bool = False,
) -> None:
    """:func:`emit_result` for a result object with ``to_dict`` and ``to_frame`` (or the
    given ``frame``); the command's name is ``args.command``."""
    frame = frame or result.to_frame
    emit_result(args, config, args.command, result.to_dict, frame, text, lock=lock)


def warn_after_as_of(payload: Any) -> None:
    """Warn on stderr when the judgement left out contacts sent after ``as_of``."""
    items = payload.get("theses", [payload]) if isinstance(payload, dict) else []
    left = max((int(d.get("after_as_of") or 0) for d in items if isinstance(d, dict)), default=0)
    if left:
        day = next((d.get("as_of") for d in items if isinstance(d, dict)), "as_of")
        emit(say("cli.after_as_of", day=_day(day), left=left), file=sys.stderr)


def _day(value: Any) -> str:
    """A JSON date (ISO text) in the terminal language's form."""
    from icplab.cli.terminal import day

    try:
        return day(value)
    except (ValueError, TypeError):
        return str(value)


def add_preset_option(p: argparse.ArgumentParser) -> None:
    """Add ``--preset NAME`` (a built-in column mapping, CONTRACT section 6)."""
    option(p, "--preset", params={"presets": ", ".join(sorted(PRESETS))})


def add_where_option(p: argparse.ArgumentParser) -> None:
    """Add the repeatable ``--where COLUMN=VALUE`` segment filter (CONTRACT section 4)."""
    option(p, "--where")


def add_sequential_option(p: argparse.ArgumentParser) -> None:
    """Add ``--sequential/--no-sequential`` (always-valid inference, CONTRACT section 3)."""
    option(p, "--sequential", action=argparse.BooleanOptionalAction, default=None)


def add_as_of_option(p: argparse.ArgumentParser, counts: str = "") -> None:
    """Add ``--as-of DATE``: judge the data as of a date (maturity windows, CONTRACT
    section 2); ``counts`` names what it counts (``cli.help.as_of.<counts>``)."""
    what = ": " + say(f"cli.help.as_of.{counts}") if counts else ""
    option(p, "--as-of", dest="as_of", default=None, metavar="DATE", params={"what": what})


def load_data(path: Path | str, config: Config, args: argparse.Namespace) -> OutreachData:
    """Load ``path`` with the config's size bands and ``[columns]``, and ``--preset``."""
    from icplab.data.keep import command_columns

    # the columns the command names (validate, without --where, may show any column)
    named = [getattr(args, a, None) for a in ("by", "where", "within", "variants")]
    needs = command_columns(*named) if hasattr(args, "where") else None
    return load(path, config=config, preset=getattr(args, "preset", None), needs=needs)


def add_spreadsheet_options(p: argparse.ArgumentParser) -> None:
    """Add ``--output`` and ``--language`` for ``--format csv`` / ``--format xlsx``."""
    option(p, "--output", "-o")
    option(p, "--language")


def write_spreadsheet(
    args: argparse.Namespace, config: Config, frame: pd.DataFrame, command: str
) -> None:
    """Write ``frame`` as ``args.format`` (csv or xlsx) and say where an XLSX went."""
    language = getattr(args, "language", None) or config.language or "en"
    default = Path(f"icplab-{command}.xlsx")
    refuse_input_as_output(args.output or (default if args.format == "xlsx" else None), args)
    with usage_error_on_os_error("errors.cannot_write", target=str(args.output or default)):
        path = write_table(
            frame,
            args.format,
            output=args.output,
            default_name=str(default),
            language=language,
            sheet=command,
        )
    if path is not None:
        emit(
            say("cli.wrote" if args.output else "cli.wrote_default", path=str(path)),
            file=sys.stderr,
        )


def refuse_input_as_output(output: Path | None, args: argparse.Namespace) -> None:
    """Refuse an ``output`` that is one of the command's inputs: its data (``data``,
    ``contacts``) or its configuration (``--config``, else ``./icplab.toml``), so that
    ``-o`` / ``--out`` never overwrites what the command reads.

    Raises
    ------
    icplab.core.errors.UsageError
        Naming the output (exit status 2, nothing written).
    """
    import os

    from icplab.core.errors import UsageError
    from icplab.core.notes import Note

    if output is None or not Path(output).exists():
        return
    inputs = [getattr(args, name, None) for name in ("data", "contacts", "config")]
    if getattr(args, "config", None) is None:
        inputs.append(Path("icplab.toml"))
    for given in inputs:
        given_path = Path(given) if isinstance(given, (str, Path)) else None
        if given_path is not None and given_path.exists() and os.path.samefile(output, given_path):
            raise UsageError(Note("cli.output_is_input", path=str(output)))
