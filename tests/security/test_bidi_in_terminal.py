"""Bidirectional controls typed into an option never reach the terminal.

Labels lose their bidi controls when a log is read, but a value typed on the command line
(a thesis name, a ``--where`` value) was echoed in the error as it came: a right-to-left
override (U+202E) there reorders what the terminal shows after it. The terminal writes
every bidi control as ``?``, like the other control characters.
"""

from __future__ import annotations

import pytest

from icplab.cli import main

BIDI = ["\u202e", "\u202b", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c"]


@pytest.mark.parametrize("mark", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_a_typed_bidi_control_is_not_echoed(tmp_path, capsys, monkeypatch, mark):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "icplab.toml").write_text("", encoding="utf-8")
    (tmp_path / "log.csv").write_text("industry,employees,replied\nIT,5,1\n", encoding="utf-8")
    assert main(["check", "log.csv", "--thesis", f"evil{mark}lived"]) == 2
    err = capsys.readouterr().err
    assert "'evil?lived'" in err, err
    assert not any(c in err for c in BIDI)
