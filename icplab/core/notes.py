"""Results are data: a :class:`Note` is a message code with its parameters.

The statistics and ICP layers never write sentences of their own. They create a
``Note("compare.fisher", levels=("Handel",))``; the sentence comes from the message
catalogue of a language (:mod:`icplab.core.catalogue`). A note *is* its English sentence
(a ``str``), so JSON outputs, logs and exceptions that show it stay as they were, while
the report layer renders the same note in any language from its code and parameters
(:func:`icplab.report.messages.render`).

Templates use ``str.format`` fields with a few named formats besides Python's own:
``{x:list}`` (``a, b``), ``{x:arrows}`` (``a -> b``),
``{x:items}`` (``a; b``), ``{x:date}`` (ISO in English),
``{x:den}`` (a count column in words, from the catalogue's ``den.*`` entries), ``{x:step}``
(a funnel step in words, ``step.*``), ``{x:factor}`` (a factor's name, ``factor.*``). A parameter
that is itself a note is rendered in the same language.

Examples
--------
>>> n = Note("compare.fisher", levels=("Handel", "IT"))
>>> n
"Fisher's exact test used for Handel, IT (small counts)."
>>> n.code, n.params["levels"]
('compare.fisher', ('Handel', 'IT'))
>>> render(n, "de")
'Exakter Fisher-Test für Handel, IT (kleine Zahlen).'
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from datetime import date, datetime
from numbers import Integral, Real
from typing import Any

from icplab.core.catalogue import messages

#: ``(value, spec, language) -> text``: how one template field is written.
FieldFormatter = Callable[[Any, str, str], str]


class Note(str):
    """A message of the statistics layers as data: ``code`` plus ``params``.

    The string value is the English sentence (so outputs that carry notes as text keep
    their wording); :func:`render` writes it in another language.

    Parameters
    ----------
    code
        A key of every language's catalogue (:mod:`icplab.core.catalogue`).
    **params
        The template's fields: plain values (numbers, dates, level names, tuples of
        them) or notes.
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Note:
        self = super().__new__(cls, render_message(code, params, "en"))
        self.code = code
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.code, self.params))


def _rebuild(code: str, params: dict[str, Any]) -> Note:
    return Note(code, **params)


def note_data(note: Note) -> dict[str, Any]:
    """A note as JSON data, ``{"code": ..., "params": ...}``; a parameter that is a note
    is kept as a note, so that it is written in the reader's language later.

    Examples
    --------
    >>> data = note_data(Note("lock.change_item", change=Note("errors.lock.none")))
    >>> data
    {'code': 'lock.change_item', 'params': {'change': {'code': 'errors.lock.none', 'params': {}}}}
    >>> note_from_data(data) == Note("lock.change_item", change="none")
    True
    """
    params = {k: note_data(v) if isinstance(v, Note) else v for k, v in note.params.items()}
    return {"code": note.code, "params": params}


def note_from_data(raw: Mapping[str, Any]) -> Note:
    """The note of :func:`note_data` (``KeyError``, ``TypeError`` or ``ValueError`` for
    anything else, e.g. an unknown code)."""
    params = {
        str(k): note_from_data(v) if isinstance(v, Mapping) else v
        for k, v in dict(raw["params"]).items()
    }
    return Note(str(raw["code"]), **params)


def plain_field(value: Any, spec: str, language: str) -> str:
    """A field as the English notes always wrote it (Python formats, ISO dates); in German
    with German signs and dates (``1.234,5``, ``30.09.2026``).

    Examples
    --------
    >>> plain_field(("a", "b"), "arrows", "en"), plain_field(0.01234, ".2g", "en")
    ('a -> b', '0.012')
    >>> plain_field(1234, "", "en"), plain_field(1234, "", "de"), plain_field(0.5, ".2f", "de")
    ('1234', '1.234', '0,50')
    """
    if isinstance(value, Note):
        return render(value, language, plain_field)
    if spec == "list":
        return ", ".join(plain_field(v, "", language) for v in value)
    if spec == "arrows":
        return " -> ".join(plain_field(v, "", language) for v in value)
    if spec == "items":
        return "; ".join(plain_field(v, "", language) for v in value)
    if spec == "date":
        if language == "de" and isinstance(value, (date, datetime)):
            return f"{value:%d.%m.%Y}"
        return value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    if spec == "den":
        return messages(language).get(f"den.{value}", repr(value))
    if spec in ("step", "period", "factor"):
        return messages(language).get(f"{spec}.{value}", str(value))
    if spec == "metric":  # a metric's name in words (``reply rate``)
        return messages(language).get(f"metric_word.{value}", str(value).replace("_", " "))
    if language == "de" and isinstance(value, Real) and not isinstance(value, bool):
        # German signs (1.234,5); the report layer writes every locale by Babel's rules
        text = format(value, spec or ("," if isinstance(value, Integral) else ""))
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return format(value, spec)


class _Formatter(string.Formatter):
    def __init__(self, language: str, field: FieldFormatter) -> None:
        self.language, self.field = language, field

    def format_field(self, value: Any, format_spec: str) -> str:
        return self.field(value, format_spec, self.language)


def render_message(
    code: str,
    params: Mapping[str, Any],
    language: str = "en",
    field: FieldFormatter | None = None,
) -> str:
    """The sentence of ``code`` in ``language`` with ``params`` filled in.

    Raises ``KeyError`` for a code that no catalogue knows (a programming error, caught
    by the catalogue test), never for a language without the code: that falls back to
    English.
    """
    table = messages(language)
    template = table.get(code)
    if template is None:
        template, language = messages("en")[code], "en"
    return _Formatter(language, field or plain_field).vformat(template, (), dict(params))


def render(text: str, language: str = "en", field: FieldFormatter | None = None) -> str:
    """A note in ``language`` (any other string is returned unchanged).

    Examples
    --------
    >>> render("free text", "de")
    'free text'
    """
    if isinstance(text, Note):
        return render_message(text.code, text.params, language, field)
    return text
