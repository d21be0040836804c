"""``ICPLAB_LANG`` written as a locale (``de_DE.UTF-8``, ``de-AT``) chooses German.

Shells set locales in that form; ``ICPLAB_LANG=de_DE.UTF-8`` gave an English terminal.
The language part is read; a language without a catalogue falls through as before.
"""

from __future__ import annotations

import pytest

from icplab.cli import main

ARGS = ["size", "--baseline-rate", "0.1", "--lift", "0.02"]


@pytest.mark.parametrize("value", ["de", "DE", "de_DE.UTF-8", "de-AT", "de_CH@euro", " de "])
def test_locale_forms_choose_german(capsys, monkeypatch, tmp_path, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ICPLAB_LANG", value)
    assert main(ARGS) == 0
    assert capsys.readouterr().out.startswith("Um 10,0 % -> 12,0 %")


@pytest.mark.parametrize("value", ["en_US.UTF-8", "fr_FR.UTF-8", "German", ""])
def test_other_values_stay_english(capsys, monkeypatch, tmp_path, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ICPLAB_LANG", value)
    assert main(ARGS) == 0
    assert capsys.readouterr().out.startswith("To detect 10.0 % -> 12.0 %")
