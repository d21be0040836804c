"""How a subcommand declares itself and its options, in the terminal language.

Every help text is a catalogue entry (:mod:`icplab.core.catalogue.cli_en`, ``cli_de``):
``cli.help.<command>`` is the command's line in ``icplab --help``,
``cli.help.<command>.about`` its description, and an option's help is
``cli.help.<command>.<dest>`` or, for an option that reads the same in every command, the
shared ``cli.help.opt.<dest>``. An option without either has no help line.

The options several commands have are declared once in :data:`SHARED` (type, default,
metavar); a command names only what differs (``option(p, "--by", required=True)``).

Examples
--------
>>> import argparse
>>> sub = argparse.ArgumentParser(prog="icplab").add_subparsers()
>>> p = command(sub, "lock")
>>> option(p, "--config").help
'icplab.toml (default: ./icplab.toml)'
>>> option(p, "--accept", action="store_true").help
'lock the current definitions'
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from icplab.cli.terminal import say
from icplab.core.catalogue import messages

#: Options that several commands declare alike: flag -> ``add_argument`` keywords. The
#: aliases of a flag (``-o``) come first in its key's tuple.
SHARED: dict[str, dict[str, Any]] = {
    "--by": {"default": None},
    "--within": {"default": None, "metavar": "COLUMN"},
    "--config": {"type": Path, "default": None},
    "--data": {"type": Path, "default": None},
    "--preset": {"default": None, "metavar": "NAME"},
    "--where": {"action": "append", "default": [], "metavar": "COLUMN=VALUE"},
    "--metric": {"default": "reply_rate"},
    "--thesis": {"default": None},
    "--target": {"type": float, "default": None},
    "--force": {"action": "store_true"},
    "--seed": {"type": int},
    "--language": {"choices": ("en", "de"), "default": None},
    "--output": {"type": Path, "default": None, "metavar": "FILE"},
    "--format": {"default": "table"},
}


def command_name(p: argparse.ArgumentParser) -> str:
    """The subcommand a parser belongs to (the last word of its ``prog``)."""
    return p.prog.rsplit(" ", 1)[-1]


def help_code(command: str, dest: str) -> str | None:
    """The catalogue code of an option's help: the command's own, else the shared one."""
    catalogue = messages("en")
    for code in (f"cli.help.{command}.{dest}", f"cli.help.opt.{dest}"):
        if code in catalogue:
            return code
    return None


def command(sub: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    """Register subcommand ``name`` with its help line and description from the catalogue."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=say(f"cli.help.{name}"), description=say(f"cli.help.{name}.about")
    )
    return parser


class Converter:
    """A value type of an option that argparse names in the terminal language: its
    "invalid ... value" error says ``float``/``int`` in English (argparse's own words) and
    ``Zahl``/``ganze Zahl`` in German (the catalogue's ``cli.type.*``).

    Examples
    --------
    >>> NUMBER("0.05"), WHOLE_NUMBER("12"), NUMBER.__name__
    (0.05, 12, 'float')
    """

    def __init__(self, convert: Any, code: str) -> None:
        self.convert, self.code = convert, code

    def __call__(self, text: str) -> Any:
        return self.convert(text)

    @property
    def __name__(self) -> str:  # what argparse calls the type in its error
        return say(self.code)

    def __repr__(self) -> str:
        return f"Converter({self.convert.__name__})"


_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


def decimal(text: str) -> float:
    """A number option: Python's float syntax; in a German terminal also with a decimal
    comma, as the German hints write it (``--lift 0,03``). English keeps ``0,03`` an error
    (there a comma groups thousands).

    Examples
    --------
    >>> from icplab.cli.terminal import set_language
    >>> set_language("de"); decimal("0,12"), decimal("1e-3"); set_language("en")
    (0.12, 0.001)
    >>> decimal("0,12")
    Traceback (most recent call last):
    ValueError: could not convert string to float: '0,12'
    """
    from icplab.cli.terminal import language

    if language() == "de" and _DECIMAL_COMMA.fullmatch(text.strip()):
        return float(text.strip().replace(",", "."))
    return float(text)


decimal.__name__ = "float"  # what argparse calls the type
NUMBER = Converter(decimal, "cli.type.float")
WHOLE_NUMBER = Converter(int, "cli.type.int")
_CONVERTERS: dict[Any, Converter] = {float: NUMBER, int: WHOLE_NUMBER}


def option(p: argparse.ArgumentParser, *flags: str, params: Any = None, **kw: Any) -> Any:
    """``p.add_argument(*flags, **kw)`` with the shared keywords of the flag
    (:data:`SHARED`, overridden by ``kw``) and the help of the catalogue, its fields filled
    from ``params``; an explicit ``help=`` (``None``: none) wins."""
    shared = next((SHARED[f] for f in flags if f in SHARED), {})
    action = p.add_argument(*flags, **{**shared, **kw})
    action.type = _CONVERTERS.get(action.type, action.type)
    if "help" not in kw:
        code = help_code(command_name(p), action.dest)
        if code is not None:
            # argparse expands %-fields in option help: a literal '%' is written '%%'
            action.help = say(code, **(params or {})).replace("%", "%%")
    return action


def passed(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """The options ``names`` as keyword arguments: what a command hands on unchanged to a
    function whose parameters have the options' names.

    Examples
    --------
    >>> passed(argparse.Namespace(step="deal", horizon=180, by=None), "step", "horizon")
    {'step': 'deal', 'horizon': 180}
    """
    return {name: getattr(args, name) for name in names}
