"""A German terminal takes a number option with a decimal comma, as its hints write it.

The German hints say "z. B. 0,12 für 12 %" and "z. B. 0,02", but ``--baseline-rate 0,12``
was refused ("ungültiger Wert '0,12'"). In German a decimal comma is read now; the result
equals the one for ``0.12``. In English ``0,12`` stays an error (a comma groups thousands
there), and a JSON answer is the same in both languages.
"""

from __future__ import annotations

import json

from icplab.cli import main

DOT = ["size", "--baseline-rate", "0.12", "--lift", "0.03", "--format", "json"]
COMMA = ["size", "--baseline-rate", "0,12", "--lift", "0,03", "--format", "json"]


def test_german_reads_a_decimal_comma(capsys):
    assert main(["--lang", "de", *COMMA]) == 0
    german = json.loads(capsys.readouterr().out)
    assert main(["--lang", "en", *DOT]) == 0
    assert german == json.loads(capsys.readouterr().out)
    assert german["baseline_rate"] == 0.12 and german["lift"] == 0.03


def test_english_refuses_a_decimal_comma(capsys):
    try:
        main(["--lang", "en", *COMMA])
    except SystemExit as stop:
        assert stop.code == 2
    err = capsys.readouterr().err
    assert "invalid float value: '0,12'" in err


def test_german_still_refuses_what_is_no_number(capsys):
    try:
        main(["--lang", "de", "size", "--baseline-rate", "0,1,2", "--lift", "0,03"])
    except SystemExit as stop:
        assert stop.code == 2
    assert "ungültiger Wert '0,1,2'" in capsys.readouterr().err
