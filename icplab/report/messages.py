"""Notes of the statistics layers in a reader's language, with Babel's number and date rules.

The statistics and ICP layers hand over :class:`icplab.core.notes.Note` objects (a code
and its parameters); this module writes them in English or German from the message
catalogues (:mod:`icplab.core.catalogue`), formatting numbers, percentages and dates by the
locale rules of Babel (``1.234,5`` and ``30.09.2026`` in German). There is no translation
of English text: a sentence that is not a note is shown as it is.

Examples
--------
>>> from datetime import date
>>> from icplab.core.notes import Note
>>> n = Note("maturing.metric", maturing=1234, window=28, as_of=date(2026, 9, 30),
...          metric="reply_rate")
>>> print(render(n, "de"))
1.234 Kontakte aus den 28 Tagen vor dem 30.09.2026 reifen noch und zählen bei reply_rate noch nicht mit.
>>> print(render(n, "en"))
1,234 contacts sent in the 28 days before 30 Sep 2026 are still maturing and not counted in reply_rate yet.
>>> decimal(1234.56, "de", 2), percent(0.138, "de"), day(date(2026, 1, 2), "de")
('1.234,56', '13,8 %', '02.01.2026')
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from numbers import Integral, Real
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, get_decimal_symbol, get_group_symbol

from icplab.core.catalogue import messages
from icplab.core.notes import Note, render_message

#: Currency of every amount (``deal_value``, costs, value per contact): the input format and
#: ``[costs]`` are in EUR and icplab.toml has no currency key.
CURRENCY = "EUR"


def locale(language: str) -> str:
    """The Babel locale of a report language, from its catalogue (``report.locale``;
    English for an unknown one).

    Examples
    --------
    >>> locale("de"), locale("xx")
    ('de_DE', 'en_US')
    """
    return messages(language)["report.locale"]


def decimal(x: float, language: str = "en", digits: int = 1) -> str:
    """``x`` with ``digits`` decimals and the locale's group and decimal signs (rounded as
    Python rounds, so every language shows the same digits)."""
    return symbols(f"{x:,.{digits}f}", language)


def percent(x: float, language: str = "en", digits: int = 1) -> str:
    """A rate as a percentage with a space before the sign (``13.8 %`` / ``13,8 %``)."""
    return decimal(100 * float(x), language, digits) + " %"


def money(x: float, language: str = "en", digits: int = 0) -> str:
    """An amount in :data:`CURRENCY` by the locale's currency pattern, with ``digits``
    decimals (``€1,234`` / ``1.234 €``; a plain space before the sign, as for ``%``).

    Examples
    --------
    >>> money(1234.4), money(1234.4, "de"), money(-5.5, "de", 2)
    ('€1,234', '1.234 €', '-5,50 €')
    """
    pattern = Locale.parse(locale(language)).currency_formats["standard"].pattern
    pattern = pattern.replace(".00", "." + "0" * digits if digits else "")
    text = format_currency(
        x, CURRENCY, format=pattern, locale=locale(language), currency_digits=False
    )
    return text.replace("\xa0", " ")


def day(value: Any, language: str = "en", pattern: str | None = None) -> str:
    """A date by the language's pattern (``12 Jan 2026`` / ``12.01.2026``), or by the CLDR
    ``pattern`` given."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        import pandas as pd

        value = pd.Timestamp(value).date()
    if pattern is None:
        pattern = messages(language)["report.date_pattern.day"]
    return format_date(value, pattern, locale=locale(language))


def percent_spaced(language: str) -> bool:
    """Whether the locale's percent pattern puts a space before ``%`` (``15 %`` in German,
    ``15%`` in US English): how the figures' percent axes are written.

    Examples
    --------
    >>> percent_spaced("de"), percent_spaced("en")
    (True, False)
    """
    pattern = Locale.parse(locale(language)).percent_formats[None].pattern
    return pattern.rstrip("%") != pattern.rstrip("%").rstrip()


def decimal_sign(language: str) -> str:
    """The decimal sign of the language's locale (``.`` / ``,``)."""
    return _signs(language)[1]


@cache
def _signs(language: str) -> tuple[str, str]:
    """(group, decimal) sign of the language's locale, from Babel's data."""
    return get_group_symbol(locale(language)), get_decimal_symbol(locale(language))


def symbols(text: str, language: str = "en") -> str:
    """An English-formatted number (``1,234.5``) with the locale's signs (``1.234,5``)."""
    group, dec = _signs(language)
    if (group, dec) == (",", "."):
        return text
    return text.replace(",", "\x00").replace(".", dec).replace("\x00", group)


def field(value: Any, spec: str, language: str) -> str:
    """One template field for a reader: notes, lists, dates and numbers by locale."""
    if isinstance(value, Note):
        return render(value, language)
    if spec in ("list", "arrows", "items"):
        sep = {"list": ", ", "arrows": " -> ", "items": "; "}[spec]
        return sep.join(field(v, "", language) for v in value)
    if spec in ("den", "step", "period", "factor"):
        return messages(language).get(f"{spec}.{value}", str(value))
    if spec == "metric":  # a metric's name in words (``reply rate``)
        return messages(language).get(f"metric_word.{value}", str(value).replace("_", " "))
    if spec == "date" or isinstance(value, (date, datetime)):
        return day(value, language)
    if isinstance(value, bool) or not isinstance(value, Real):
        return format(value, spec)
    if spec.endswith("%"):
        return symbols(format(100 * float(value), spec[:-1] + "f"), language) + " %"
    if not spec and isinstance(value, Integral):
        return symbols(f"{int(value):,}", language)
    return symbols(format(value, spec), language)


def render(text: str, language: str = "en") -> str:
    """A note in ``language`` (any other text unchanged: there is no translation of prose).

    Examples
    --------
    >>> from icplab.core.notes import Note
    >>> render(Note("srm.fits", factor="messaging", plan=Note("srm.plan_equal"), p=0.4312), "de")
    'Die Kontakte je Ausprägung von messaging passen zu einer gleichmäßigen Aufteilung (Chi-Quadrat p = 0,43).'
    """
    if isinstance(text, Note):
        return render_message(text.code, text.params, language, field)
    return text
