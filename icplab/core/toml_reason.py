"""Why a TOML file could not be parsed, as a note: the parser's reason and its place.

Python's :mod:`tomllib` reports a syntax error as one English sentence with its place,
``"Expected '=' after a key in a key/value pair (at line 3, column 5)"``. Its sentences are
a fixed set (``tomllib/_parser.py``); :func:`toml_reason` reads the sentence and the place
back into a note (``config.toml.*``) so that a German terminal shows them in German. The
English rendering is the parser's own text, character for character; a sentence this
table does not know keeps the parser's English words, with its place in the reader's
language.

Examples
--------
>>> import tomllib
>>> from icplab.core.notes import render
>>> try:
...     tomllib.loads("[workspace\\n")
... except tomllib.TOMLDecodeError as exc:
...     reason, text = toml_reason(exc), str(exc)
>>> str(reason) == text, render(reason, "de")
(True, "']' fehlt am Ende der Tabellenüberschrift (Zeile 1, Spalte 11)")
"""

from __future__ import annotations

import re

from icplab.core.notes import Note

#: The parser's sentences without parameters, each with its note code.
_FIXED = {
    "Cannot overwrite a value": "overwrite",
    "Unescaped '\\' in a string": "unescaped",
    "Unterminated string": "unterminated",
    "Unclosed inline table": "unclosed_table",
    "Unclosed array": "unclosed_array",
    "Invalid value": "invalid_value",
    "Invalid statement": "invalid_statement",
    "Invalid initial character for a key part": "invalid_key",
    "Invalid hex value": "invalid_hex",
    "Invalid date or datetime": "invalid_date",
    "Expected ']]' at the end of an array declaration": "expected_array_end",
    "Expected ']' at the end of a table declaration": "expected_table_end",
    "Expected '=' after a key in a key/value pair": "expected_equals",
    "Expected newline or end of document after a statement": "expected_newline",
    "Escaped character is not a Unicode scalar value": "not_scalar",
}
#: The parser's sentences with one parameter (its text as the parser quotes it).
_WITH_VALUE = (
    (re.compile(r"Cannot declare (?P<value>.+) twice"), "declared_twice"),
    (re.compile(r"Cannot redefine namespace (?P<value>.+)"), "redefined"),
    (re.compile(r"Cannot mutate immutable namespace (?P<value>.+)"), "immutable"),
    (re.compile(r"Duplicate inline table key (?P<value>.+)"), "duplicate_key"),
    (re.compile(r"Illegal character (?P<value>.+)"), "illegal_character"),
    (re.compile(r"Found invalid character (?P<value>.+)"), "invalid_character"),
    (re.compile(r"Expected (?P<value>'.*')"), "expected"),
)
_PLACE = re.compile(
    r"^(?P<what>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$", re.S
)


def _what(sentence: str) -> str:
    code = _FIXED.get(sentence)
    if code is not None:
        return Note(f"config.toml.{code}")
    for pattern, code in _WITH_VALUE:
        found = pattern.fullmatch(sentence)
        if found:
            return Note(f"config.toml.{code}", value=found["value"])
    return sentence  # not in the table: the parser's own words


def toml_reason(exc: Exception) -> str:
    """The reason of a :class:`tomllib.TOMLDecodeError` (or any error) as a note whose
    English is ``str(exc)`` exactly.

    Examples
    --------
    >>> from icplab.core.notes import render
    >>> render(toml_reason(ValueError("Invalid value (at line 2, column 8)")), "de")
    'ungültiger Wert (Zeile 2, Spalte 8)'
    >>> render(toml_reason(ValueError("Unclosed array (at end of document)")), "de")
    'Liste nicht geschlossen (am Ende der Datei)'
    >>> render(toml_reason(ValueError("Something new (at line 1, column 1)")), "de")
    'Something new (Zeile 1, Spalte 1)'
    """
    text = str(exc)
    place = _PLACE.match(text)
    if place is None:
        return text
    what = _what(place["what"])
    if place["line"] is None:
        return Note("config.toml.at_end", what=what)
    return Note("config.toml.at", what=what, line=int(place["line"]), column=int(place["column"]))
