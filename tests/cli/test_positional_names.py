"""The positional arguments are named in the terminal's language.

A German terminal said ``diese Angaben fehlen: path`` and showed ``data``, ``out`` and
``dir`` in the usage lines, beside German help; ``assign`` already named its list
``kontakte``. English keeps argparse's names as they were.
"""

from __future__ import annotations

import pytest

from icplab.cli import main

#: command -> (English name, German name)
NAMES = {
    "validate": ("path", "pfad"),
    "sample": ("out", "ziel"),
    "init": ("dir", "ordner"),
    "compare": ("data", "daten"),
    "plan": ("data", "daten"),
    "next": ("data", "daten"),
    "assign": ("contacts", "kontakte"),
}


def _exit(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out = capsys.readouterr()
    return int(stop.value.code or 0), out.out, out.err


@pytest.mark.parametrize("command", sorted(NAMES))
def test_missing_positional_is_named_in_german(command, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    english, german = NAMES[command]
    code, _, err = _exit(["--lang", "de", command], capsys)
    assert code == 2
    missing = err.split("diese Angaben fehlen: ", 1)[1].split(" (siehe")[0]
    assert german in missing.split(", "), err
    assert english not in missing.split(", "), err
    code, _, err = _exit(["--lang", "en", command], capsys)
    assert code == 2 and english in err.split("required: ", 1)[1].split(" (see")[0].split(", ")


@pytest.mark.parametrize("command", sorted(NAMES))
def test_usage_and_help_name_it_in_german(command, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    english, german = NAMES[command]
    code, out, _ = _exit(["--lang", "de", command, "--help"], capsys)
    assert code == 0
    usage, positionals = out.split("\n\n", 1)[0], out.split("Positionsargumente:\n", 1)[1]
    assert usage.split()[-1] == german, usage
    assert positionals.split()[0] == german, positionals
    code, out, _ = _exit(["--lang", "en", command, "--help"], capsys)
    assert out.split("\n\n", 1)[0].split()[-1] == english
