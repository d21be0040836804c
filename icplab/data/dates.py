"""Dates and datetimes in exports: ISO 8601 and German ``dd.mm.yyyy`` (CONTRACT section 1).

A column is read as ISO when every value is ISO, as German when every value is
``dd.mm.yyyy`` with an optional ``HH:MM[:SS]``; a column that mixes day-first dots with
month-first slashes (``03/14/2026``), or holds slashes only (``03/04/2026`` is March or
April), is ambiguous: the caller names the rows and asks for a ``date_format``.

Examples
--------
>>> import pandas as pd
>>> r = parse_dates(pd.Series(["14.03.2026 09:30", "01.04.2026", ""]))
>>> [str(v)[:16] for v in r.value], r.bad.tolist(), r.ambiguous.tolist()
(['2026-03-14T09:30', '2026-04-01T00:00', 'NaT'], [False, False, False], [False, False, False])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

_GERMAN = r"\d{1,2}\.\d{1,2}\.\d{4}(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?)?"
_SLASH = r"\d{1,2}/\d{1,2}/\d{2,4}(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?"


@dataclass(frozen=True)
class ParsedDates:
    """Parsed dates (naive UTC datetime64), with the masks of empty, bad and ambiguous
    cells and the style found (``iso``, ``german`` or ``None``)."""

    value: np.ndarray
    missing: np.ndarray
    bad: np.ndarray
    ambiguous: np.ndarray
    style: str | None


def parse_dates(values: pd.Series) -> ParsedDates:
    """Parse distinct date cells (ISO or German day-first with dots).

    Examples
    --------
    >>> r = parse_dates(pd.Series(["14.03.2026", "03/14/2026"]))
    >>> r.ambiguous.tolist()
    [True, True]
    """
    text = pd.Series(np.asarray(values, dtype=object)).astype(str).str.strip()
    n = len(text)
    missing = text.str.casefold().isin(["", "nan", "nat", "none", "<na>"]).to_numpy()
    german = text.str.fullmatch(_GERMAN).to_numpy(dtype=bool) & ~missing
    slash = text.str.fullmatch(_SLASH).to_numpy(dtype=bool) & ~missing
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    ambiguous = np.zeros(n, dtype=bool)
    if slash.any():
        # month/day/year or day/month/year: the file does not say which
        ambiguous = slash | german
    rest = ~missing & ~german & ~slash
    if german.any() and not slash.any():
        g = text[german].str.replace(r"[ ,T]+", " ", regex=True)
        parsed = pd.to_datetime(g, format="%d.%m.%Y", errors="coerce")
        need_time = parsed.isna()
        if need_time.any():
            for fmt in ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S"):
                more = pd.to_datetime(g[need_time], format=fmt, errors="coerce")
                parsed[need_time] = more
                need_time = parsed.isna()
        out[german] = parsed.to_numpy(dtype="datetime64[ns]")
    if rest.any():
        iso = pd.to_datetime(
            text[rest].where(text[rest] != "", None), errors="coerce", format="ISO8601", utc=True
        )
        out[rest] = iso.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    bad = ~missing & ~ambiguous & np.isnat(out)
    style = "german" if german.any() and not slash.any() else ("iso" if rest.any() else None)
    return ParsedDates(out, missing, bad, ambiguous, style)
