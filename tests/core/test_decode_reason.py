"""A broken JSON file or a text that is not UTF-8 is explained in the reader's language.

The English rendering must be Python's own sentence, character for character (scripts and
the lock file's English history read it); the German one must use none of Python's English
words. Each broken text below is parsed by Python itself, so a sentence that a new Python
words differently fails here loudly instead of leaking English into a German terminal.
"""

from __future__ import annotations

import json
import re

import pytest

from icplab.core.decode_reason import json_reason, utf8_reason
from icplab.core.notes import Note, render

#: Broken JSON texts, one for each sentence of the parser we know.
BROKEN_JSON = [
    "",
    "{",
    '{"a" 1}',
    "[1 2]",
    '{"a": "x',
    '{"a": "x\ny"}',
    '{"a": "\\q"}',
    '{"a": "\\u12"}',
    "{} x",
    '{"a": 1,}',
    "[1,]",
    "garbage",
    "\n\n   {\n" + " " * 1500 + "x",
]
#: Python's English words that must not appear in German.
ENGLISH = re.compile(r"Expecting|Unterminated|Invalid|Extra data|line \d|column|codec|\bbyte\b")


def _json_error(text: str) -> json.JSONDecodeError:
    with pytest.raises(json.JSONDecodeError) as info:
        json.loads(text)
    return info.value


@pytest.mark.parametrize("text", BROKEN_JSON)
def test_json_reason_is_pythons_english_and_real_german(text):
    exc = _json_error(text)
    reason = json_reason(exc)
    assert isinstance(reason, Note), exc.msg  # a sentence this Python writes that we lack
    assert str(reason) == str(exc)
    german = render(reason, "de")
    assert not ENGLISH.search(german), german
    # the place: line and column as Python counts them, numbers in German form
    column = f"{exc.colno:,}".replace(",", ".")
    assert f"Zeile {exc.lineno}, Spalte {column} " in german, german


def test_large_positions_are_written_with_german_thousands():
    exc = _json_error("[" + " " * 1233 + "x")
    german = render(json_reason(exc), "de")
    assert "(Zeichen 1.234)" in german and "Spalte 1.235" in german, german


def test_unknown_sentence_keeps_pythons_words_with_a_german_place():
    exc = json.JSONDecodeError("Some new complaint", "abc", 1)
    assert str(json_reason(exc)) == str(exc)
    assert render(json_reason(exc), "de") == "Some new complaint: Zeile 1, Spalte 2 (Zeichen 1)"


@pytest.mark.parametrize(
    "data", [b"\xff", b"ab\xc3", b"ab\xe2\x28\xa1", b"\xed\xa0\x80", b"x\xc3\x28"]
)
def test_utf8_reason_is_pythons_english_and_real_german(data):
    with pytest.raises(UnicodeDecodeError) as info:
        data.decode("utf-8")
    exc = info.value
    reason = utf8_reason(exc)
    assert str(reason) == str(exc)
    german = render(reason, "de")
    assert not ENGLISH.search(german), german
    assert f"an Position {exc.start}" in german
    # json_reason hands a decoding error to utf8_reason
    assert render(json_reason(exc), "de") == german


def test_other_codecs_keep_their_text():
    with pytest.raises(UnicodeDecodeError) as info:
        b"\xff\xfe\x00".decode("ascii")
    assert utf8_reason(info.value) == str(info.value)


def test_config_that_is_not_utf8_is_explained_in_german(tmp_path):
    from icplab.core.config import Config
    from icplab.core.errors import ConfigError, render_error

    path = tmp_path / "icplab.toml"
    text = b'[workspace]\ndata = "Gr\xfc\xdfe.csv"\n'  # Windows-1252, not UTF-8
    path.write_bytes(text)
    at = text.index(b"\xfc")  # where Python's decoder stops, counted independently
    with pytest.raises(ConfigError) as info:
        Config.load(path)
    german = render_error(info.value, "de")
    assert f"Byte 0xfc an Position {at} ist kein UTF-8" in german, german
    assert not ENGLISH.search(german.split(": ", 1)[1]), german
    assert f"'utf-8' codec can't decode byte 0xfc in position {at}" in str(info.value)


def test_a_config_nested_thousands_deep_is_an_error_not_a_traceback(tmp_path):
    """tomllib recurses per nesting level: ``a = [[[...]]]`` 100,000 deep raised
    RecursionError (a traceback, exit 1)."""
    from icplab.cli import main

    path = tmp_path / "icplab.toml"
    path.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert main(["--lang", "de", "lock", "--config", str(path)]) == 2
    lock = tmp_path / "icplab.lock.json"
    path.write_text("", encoding="utf-8")
    lock.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["--lang", "de", "lock", "--config", str(path)]) == 2


def test_a_json_cell_nested_thousands_deep_is_no_traceback(tmp_path, capsys):
    """A custom_fields cell nested 4,000 deep raised RecursionError in the loader."""
    from icplab.cli import main
    from icplab.data.sample import generate_outreach

    frame = generate_outreach(100, seed=2).drop(columns=["industry"])
    frame["custom_fields"] = ['{"Branche": "IT"}'] * len(frame)
    frame.loc[3, "custom_fields"] = '{"Branche": ' + "[" * 4000 + "]" * 4000 + "}"
    frame.to_csv(tmp_path / "log.csv", index=False)
    config = tmp_path / "icplab.toml"
    config.write_text('[columns]\nindustry = { from = "custom_fields", json = "Branche" }\n')
    code = main(["validate", str(tmp_path / "log.csv"), "--config", str(config)])
    assert code in (0, 2)
    assert "Traceback" not in capsys.readouterr().err
