"""The one terminal voice of the CLI: what ``icplab`` prints for people, in one language.

Every human line of every command is built here or from here: sentences are notes with
codes of the ``cli.*`` catalogue (:mod:`icplab.core.catalogue.cli_en`, ``cli_de``), other
layers' notes are rendered from their codes, and numbers, percentages and dates are written
by Babel's locale rules through :mod:`icplab.report.messages` (``1.234``, ``13,8 %``,
``30.09.2026``). ``--format json`` never passes through here: JSON stays language-neutral.

The terminal language is chosen once per call by :func:`choose_language`: ``--lang`` >
environment ``ICPLAB_LANG`` > the workspace's ``[reports] language`` > English.

Examples
--------
>>> set_language("de")
>>> say("cli.wrote_rows", rows=1500, path="log.csv")
'1.500 Zeilen nach log.csv geschrieben'
>>> pct(0.138), num(1234.5, 1), day("2026-09-30")
('13,8 %', '1.234,5', '30.09.2026')
>>> set_language("en")
>>> pct(0.138), num(1234), day("2026-09-30")
('13.8 %', '1,234', '2026-09-30')
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from icplab.core.catalogue import LANGUAGES
from icplab.core.notes import Note

#: Environment variable naming the terminal language.
ENV_LANGUAGE = "ICPLAB_LANG"

_state = {"language": "en"}


def _messages() -> ModuleType:
    """:mod:`icplab.report.messages` (Babel), imported when a number or note is written,
    so ``icplab --version`` and ``--help`` stay light."""
    from icplab.report import messages

    return messages


def language() -> str:
    """The terminal language of this call (``en`` until :func:`set_language`)."""
    return _state["language"]


def set_language(lang: str | None) -> None:
    """Make ``lang`` the terminal language (an unknown one falls back to English)."""
    _state["language"] = lang if lang in LANGUAGES else "en"


def workspace_language(config: Path | None) -> str | None:
    """``[reports] language`` of ``config`` (default ``./icplab.toml``), or None when the
    file is absent, unreadable or says nothing; a broken file is reported by the command
    itself, not here."""
    path = config if config is not None else Path("icplab.toml")
    from icplab.core.config import config_bytes
    from icplab.core.errors import ConfigError

    try:
        text = config_bytes(path).decode("utf-8")
        value = tomllib.loads(text).get("reports", {}).get("language")
    except (OSError, tomllib.TOMLDecodeError, AttributeError, ValueError, RecursionError):
        return None
    except ConfigError:  # not a regular file, or too large: the command says so
        return None
    return value if isinstance(value, str) and value in LANGUAGES else None


def choose_language(option: str | None, config: Path | None = None) -> str:
    """``--lang`` > ``ICPLAB_LANG`` > ``[reports] language`` > English.

    Examples
    --------
    >>> choose_language("de"), choose_language(None, Path("/nonexistent/icplab.toml"))[:2]
    ('de', 'en')
    """
    # ICPLAB_LANG may be written as a locale is (de_DE.UTF-8, de-AT): its language part
    env = re.split(r"[_.@-]", os.environ.get(ENV_LANGUAGE, "").strip().lower())[0]
    for candidate in (option, env or None):
        if candidate in LANGUAGES:
            return str(candidate)
    return workspace_language(config) or "en"


def show(text: Any) -> str:
    """A note in the terminal language; any other text as it is.

    In English a note is its own text (``str(note)``), so the English terminal output is
    the wording the notes always had; other languages write numbers and dates by Babel.
    """
    if isinstance(text, Note) and language() != "en":
        return _messages().render(text, language())
    return "" if text is None else str(text)


def say(code: str, /, **params: Any) -> str:
    """The ``code`` sentence of the catalogue in the terminal language."""
    return show(Note(code, **params))


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x)))


def num(x: Any, digits: int = 0) -> str:
    """A number with the language's group and decimal signs (``-`` when missing)."""
    if _missing(x):
        return "-"
    return _messages().decimal(float(x), language(), digits)


def count(x: Any) -> str:
    """A count in a table: as it is in English (``1254``, as the tables always wrote it), with
    the language's group sign otherwise (``1.254``); text (already written) as it is.

    Examples
    --------
    >>> set_language("de"); count(1254), count("1.254 EUR"); set_language("en")
    ('1.254', '1.254 EUR')
    >>> count(1254)
    '1254'
    """
    if isinstance(x, str) or language() == "en":
        return str(x)
    return num(x)


def pct(x: Any, digits: int = 1) -> str:
    """A rate as a percentage (``12.3 %`` / ``12,3 %``; ``-`` when missing)."""
    if _missing(x):
        return "-"
    return _messages().percent(float(x), language(), digits)


def short(x: float) -> int:
    """Decimals needed to write ``x`` (0 for a whole number, else 1 or 2): ``15``, ``2.5``."""
    for digits in (0, 1):
        if abs(x * 10**digits - round(x * 10**digits)) < 1e-9:
            return digits
    return 2


def eur(x: Any, sign: bool = False) -> str:
    """An amount in EUR without cents (``EUR 1,234`` / ``1.234 EUR``; ``-`` when missing)."""
    if _missing(x):
        return "-"
    s = "+" if sign and x >= 0 else "-" if x < 0 else ""
    amount = num(abs(float(x)))
    return f"{s}{amount} EUR" if language() == "de" else f"{s}EUR {amount}"


def pp(x: Any) -> str:
    """A difference of rates in percentage points (``+2.1 pp`` / ``+2,1 Pp.``)."""
    if _missing(x):
        return "-"
    return _messages().symbols(f"{100 * float(x):+.1f}", language()) + " " + say("cli.unit.pp")


def pval(x: Any) -> str:
    """A p-value with three decimals, ``<0.001`` below that."""
    if _missing(x):
        return "-"
    return _messages().symbols("<0.001" if x < 0.001 else f"{x:.3f}", language())


def day(value: Any) -> str:
    """A date in the language's form: ISO in English (as scripts read it), ``30.09.2026``
    in German; ``today`` for None."""
    if value is None:
        return say("cli.today")
    if language() == "en":
        import pandas as pd

        return value if isinstance(value, str) else pd.Timestamp(value).date().isoformat()
    return _messages().day(value, language())


#: The marks the one scrubber (:mod:`icplab.data.scrub`) puts in place of personal data
#: -> their catalogue code (the data keeps the English mark in every language).
MASK_CODES = {
    "[e-mail removed]": "cli.mask.email",
    "[phone removed]": "cli.mask.phone",
    "[name removed]": "cli.mask.name",
}


def masks_in_language(text: str) -> str:
    """``text`` with the scrubber's marks in the terminal language (as they are in
    English).

    Examples
    --------
    >>> set_language("de"); masks_in_language("found '[e-mail removed]'"); set_language("en")
    "found '[E-Mail entfernt]'"
    """
    if language() == "en" or "removed]" not in text:
        return text
    for mark, code in MASK_CODES.items():
        text = text.replace(mark, say(code))
    return text


def label(value: Any) -> str:
    """A label of the data for the terminal: as it is up to
    :data:`~icplab.report.text.TABLE_LABEL_LIMIT` characters, else cut with "…".

    Examples
    --------
    >>> label("IT"), label("x" * 100)[-3:], len(label("x" * 100))
    ('IT', 'xx…', 60)
    """
    from icplab.report.text import TABLE_LABEL_LIMIT, short_label

    text = masks_in_language(str(value))
    return text if len(text) <= TABLE_LABEL_LIMIT else short_label(text)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """A plain-text table with aligned columns (``right`` marks right-aligned ones).

    A cell longer than :data:`~icplab.report.text.TABLE_LABEL_LIMIT` characters outside the
    last column (a label of the data) is cut with "…", so one long label does not push
    every row off the screen; the last column (a verdict, a note) is never cut.

    Examples
    --------
    >>> print(table(["level", "n"], [["x" * 70, "5"]], [False, True]))
    level                                                         n
    ------------------------------------------------------------  -
    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…  5
    """
    rows = [[c if i == len(r) - 1 else label(c) for i, c in enumerate(r)] for r in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def word(kind: str, value: Any) -> str:
    """A value with a word of its own (``cli.<kind>.<value>``: a funnel step, a period), in
    the terminal language; any other value as it is.

    Examples
    --------
    >>> word("stage", "replied"), word("stage", "custom_step")
    ('replied', 'custom_step')
    """
    from icplab.core.catalogue import messages as catalogue

    code = f"cli.{kind}.{value}"
    return say(code) if code in catalogue("en") else str(value)


def metric(name: str, title: str | None = None) -> str:
    """A metric's name for the reader: the terminal language's word for a default metric
    whose label was not changed (``Antwortquote``), else its configured label."""
    from icplab.report.text import metric_word

    return metric_word(name, title or name, language())


def method_line(method: str, named: Mapping[str, str]) -> str:
    """``Method: ...`` in the terminal language. ``named`` maps the method texts that a
    result carries (in English, as its JSON says them) to their ``cli.method.*`` codes;
    any other method is shown as it is.

    Examples
    --------
    >>> method_line("Wilson", {})
    'Method: Wilson.'
    """
    code = named.get(method)
    return say("cli.method", method=say(code) if code else show(method))


def headers(*codes: str) -> list[str]:
    """Column titles of a table from their ``cli.col.*`` codes."""
    return [say(f"cli.col.{c}") for c in codes]


def note_lines(notes: Sequence[Any], label: str = "cli.note") -> list[str]:
    """``Note: ...`` lines (``Hinweis: ...``), each note in the terminal language."""
    return [f"{say(label)}: {show(n)}" for n in notes]
