"""Python's reasons for a broken JSON file or a byte that is not UTF-8, as notes.

``json.JSONDecodeError`` and ``UnicodeDecodeError`` explain themselves in one English
sentence from a fixed set (``Modules/_json.c``, ``json/decoder.py``, the UTF-8 codec).
:func:`json_reason` and :func:`utf8_reason` turn that sentence into a note
(``errors.json.*``, ``errors.utf8.*``) whose English is Python's text, character for
character, and whose German is German, the place in German numbers. A sentence not in the
tables keeps Python's words.
"""

from __future__ import annotations

import json

from icplab.core.notes import Note

#: The JSON parser's sentences (C scanner and the pure-Python one), each with its code.
_JSON = {
    "Expecting value": "value",
    "Expecting property name enclosed in double quotes": "property_name",
    "Expecting ':' delimiter": "colon",
    "Expecting ',' delimiter": "comma",
    "Unterminated string starting at": "unterminated",
    "Invalid control character at": "control",
    "Invalid \\escape": "escape",
    "Invalid \\uXXXX escape": "unicode_escape",
    "Extra data": "extra",
    "Illegal trailing comma before end of object": "trailing_comma",
    "Illegal trailing comma before end of array": "trailing_comma_array",
}
#: The UTF-8 codec's reasons, each with its code.
_UTF8 = {
    "invalid start byte": "start",
    "invalid continuation byte": "continuation",
    "unexpected end of data": "end",
}


def json_reason(exc: Exception) -> str:
    """The reason of a :class:`json.JSONDecodeError` as a note whose English is
    ``str(exc)`` exactly; a :class:`UnicodeDecodeError` as :func:`utf8_reason`; any other
    error as its text.

    Examples
    --------
    >>> import json
    >>> from icplab.core.notes import render
    >>> exc = json.JSONDecodeError("Extra data", "{} x" + " " * 2000 + "y", 2004)
    >>> render(json_reason(exc), "de")
    'nach dem Ende des JSON-Dokuments folgt noch Text: Zeile 1, Spalte 2.005 (Zeichen 2.004)'
    >>> render(json_reason(ValueError("no 'metrics' object")), "de")
    "no 'metrics' object"
    """
    if isinstance(exc, UnicodeDecodeError):
        return utf8_reason(exc)
    if not isinstance(exc, json.JSONDecodeError):
        return str(exc)
    code = _JSON.get(exc.msg)
    what = Note(f"errors.json.{code}") if code else exc.msg
    return Note("errors.json.at", what=what, line=exc.lineno, column=exc.colno, pos=exc.pos)


def utf8_reason(exc: UnicodeDecodeError) -> str:
    """The reason of a :class:`UnicodeDecodeError` as a note whose English is ``str(exc)``
    exactly (a codec or reason this table does not know: the text as it is).

    Examples
    --------
    >>> from icplab.core.notes import render
    >>> try:
    ...     b"ab\\xff".decode("utf-8")
    ... except UnicodeDecodeError as exc:
    ...     reason, text = utf8_reason(exc), str(exc)
    >>> str(reason) == text, render(reason, "de")
    (True, 'Byte 0xff an Position 2 ist kein UTF-8: ungültiges Startbyte')
    """
    code = _UTF8.get(exc.reason)
    if exc.encoding != "utf-8" or code is None:
        return str(exc)
    bad = exc.object[exc.start : exc.end]
    if len(bad) == 1:
        return Note(
            "errors.utf8.byte",
            byte=f"0x{bad[0]:02x}",
            position=exc.start,
            reason=Note(f"errors.utf8.{code}"),
        )
    return Note(
        "errors.utf8.bytes",
        start=exc.start,
        end=exc.end - 1,
        reason=Note(f"errors.utf8.{code}"),
    )
