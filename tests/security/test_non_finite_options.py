"""Attack: ``nan`` / ``inf`` in numeric options (issue 22). Every float option of every
subcommand refuses them with exit 2 and a one-line reason, no traceback."""

from __future__ import annotations

import argparse

import pytest

from icplab.cli import build_full_parser, main
from icplab.cli.commands._parser import NUMBER


def _float_options() -> list[tuple[str, str]]:
    """(command, option) for every option whose type is float (argparse's or the named
    :data:`~icplab.cli.commands._parser.NUMBER`), found in the parsers."""
    found = []
    sub = next(a for a in build_full_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for command, parser in sub.choices.items():
        for action in parser._actions:
            if action.type in (float, NUMBER) and action.option_strings:
                found.append((command, action.option_strings[-1]))
    return found


def test_the_float_options_are_found() -> None:
    options = _float_options()
    assert ("run", "--wait") in options and ("run", "--timeout") in options
    assert len(options) >= 8


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999", "NaN"])
@pytest.mark.parametrize(("command", "option"), _float_options())
def test_every_float_option_refuses_non_finite_numbers(
    command: str, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the other required arguments are given so that only this option can be wrong
    argv = {
        "run": ["run"],
        "size": ["size", "--baseline-rate", "0.1", "--lift", "0.02"],
        "plan": ["plan", "x.csv", "--deals", "5"],
        "compare": ["compare", "x.csv", "--by", "industry", "--metric", "reply_rate"],
        "refine": ["refine", "x.csv"],
        "next": ["next", "x.csv", "--contacts", "100"],
    }.get(command, [command, "x.csv"])
    code = main([*argv, f"{option}={value}"])
    err = capsys.readouterr().err
    assert code == 2
    assert "finite number" in err and option in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
