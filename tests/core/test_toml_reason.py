"""icplab/core/toml_reason.py: a broken icplab.toml is explained in the terminal's language.

The English is tomllib's own text, character for character; every sentence the installed
tomllib can raise is in the table (read from its source, so a new Python fails here)."""

from __future__ import annotations

import ast
import inspect
import tomllib
import tomllib._parser

import pytest

from icplab.cli import main
from icplab.core.notes import render
from icplab.core.toml_reason import _FIXED, _WITH_VALUE, toml_reason

BROKEN = [
    "a = 1\na = 2",
    'a = "x\\y"',
    'a = "abc',
    "a = {b = 1",
    "a = [1, 2",
    "a = x",
    "= 1",
    "a.= 1",
    'a = "\\uZZZZ"',
    "a = 1979-13-01",
    "[[a\n",
    "[a\n",
    "a 1",
    'a = "\\uD800"',
    "[a]\n[a]",
    "a = {b = 1}\na.c = 2",
    "a = {b = 1, b = 2}",
    'a = "\x01"',
    "a = 1 x",
]


def _error(text: str) -> tomllib.TOMLDecodeError:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    return caught.value


@pytest.mark.parametrize("text", BROKEN)
def test_english_is_the_parsers_text_and_german_is_german(text):
    exc = _error(text)
    reason = toml_reason(exc)
    assert str(reason) == str(exc)
    german = render(reason, "de")
    assert " (at " not in german and ("Zeile" in german or "Ende der Datei" in german)
    english_sentence = str(exc).rsplit(" (at ", 1)[0]
    assert english_sentence not in german, german


def test_every_sentence_of_the_parser_is_in_the_table():
    tree = ast.parse(inspect.getsource(tomllib._parser))
    sentences = [
        n.args[2]
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "suffixed_err"
    ]
    assert len(sentences) > 20
    for node in sentences:
        if isinstance(node, ast.Constant):
            assert node.value in _FIXED, node.value
        else:  # an f-string: its fixed head must start one of the patterns
            head = node.values[0].value
            assert any(p.pattern.startswith(head) for p, _ in _WITH_VALUE), head


def test_a_german_workspace_reads_its_broken_config_in_german(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "icplab.toml").write_text("[workspace\n", encoding="utf-8")
    assert main(["--lang", "de", "lock"]) == 2
    err = capsys.readouterr().err
    assert "']' fehlt am Ende der Tabellenüberschrift (Zeile 1, Spalte 11)" in err, err
    assert main(["--lang", "en", "lock"]) == 2
    assert "Expected ']' at the end of a table declaration (at line 1, column 11)" in (
        capsys.readouterr().err
    )
