"""Dates and datetimes in exports: ISO 8601 and German ``dd.mm.yyyy`` (CONTRACT section 1).

A column is read as ISO when every value is ISO, as German when every value is
``dd.mm.yyyy`` (or ``dd.mm.yy``) with an optional ``HH:MM[:SS]`` (and ``Uhr``). Slashes
are read only where the column itself tells the order: a column of slash dates in which some day is above 12 in the
second place and none in the first (``12/31/2025 9:15 AM``, US exports) is month-first,
the reverse day-first (``31/12/2025``). A column that mixes day-first dots with slashes,
or whose slash dates never show the order (``03/04/2026`` is March or April), is
ambiguous: the caller names the rows and asks for a ``date_format``. Unix timestamps
(13 digits: milliseconds, as HubSpot's API writes them; 10 digits: seconds) between 2000
and 2100 are read as UTC.

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
_SLASH_PARTS = (
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2,4})"
    r"(?:[ ,T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*(?P<p>[AaPp])[Mm])?)?"
)
#: Unix timestamps in milliseconds (13 digits) or seconds (10 digits).
_EPOCH = r"\d{13}|\d{10}"
#: Timestamps outside these years are not read as dates (a 10-digit id is no date).
_EPOCH_YEARS = (2000, 2100)


@dataclass(frozen=True)
class ParsedDates:
    """Parsed dates (naive UTC datetime64), with the masks of empty, bad and ambiguous
    cells and the style found (``iso``, ``german``, ``month-first``, ``day-first``,
    ``epoch`` or ``None``)."""

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
    text = _plain(text)
    german = text.str.fullmatch(_GERMAN).to_numpy(dtype=bool) & ~missing
    slash = text.str.fullmatch(_SLASH).to_numpy(dtype=bool) & ~missing
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    ambiguous = np.zeros(n, dtype=bool)
    parts = text[slash].str.extract(_SLASH_PARTS) if slash.any() and not german.any() else None
    order = _slash_order(parts) if parts is not None else None
    if parts is not None and order is not None:
        out[slash] = _slash_dates(parts, order)
    elif slash.any():
        # month/day/year or day/month/year: the file does not say which
        ambiguous = slash | german
    stamps, millis = _epoch_dates(text)
    epoch = stamps & ~missing & ~german & ~slash
    if epoch.any():
        out[epoch] = millis[epoch].astype("datetime64[ms]").astype("datetime64[ns]")
    rest = ~missing & ~german & ~slash & ~epoch
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
    style = next(
        (
            name
            for name, found in (
                ("german", german.any() and not slash.any()),
                ("iso", rest.any()),
                (order, order is not None),
                ("epoch", epoch.any()),
            )
            if found
        ),
        None,
    )
    return ParsedDates(out, missing, bad, ambiguous, style)


def _plain(text: pd.Series) -> pd.Series:
    """Date cells without what exports add around the date: a trailing ``Uhr``
    (``31.12.2025 09:15 Uhr``) or ``UTC`` / ``GMT`` (read as UTC anyway), and German
    two-digit years made four (``31.12.25``: 2025; 69-99 are 1969-1999, as ``%y`` reads
    them).

    Examples
    --------
    >>> _plain(pd.Series(["31.12.25 09:15 Uhr", "2025-12-31 09:15:00 UTC", "1.2.99"])).tolist()
    ['31.12.2025 09:15', '2025-12-31 09:15:00', '1.2.1999']
    """
    out = text.str.replace(r"\s*(?:Uhr|UTC|GMT)$", "", case=False, regex=True)
    return out.str.replace(
        r"^(\d{1,2}\.\d{1,2}\.)(\d{2})(?=$|[ ,T])",
        lambda m: f"{m[1]}{'20' if int(m[2]) < 69 else '19'}{m[2]}",
        regex=True,
    )


def _epoch_dates(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Which cells are Unix timestamps (milliseconds or seconds) between 2000 and 2100,
    and each such cell's value in milliseconds (0 elsewhere)."""
    digits = text.str.fullmatch(_EPOCH).to_numpy(dtype=bool).copy()
    millis = np.zeros(len(text), dtype="int64")
    if not digits.any():
        return digits, millis
    value = pd.to_numeric(text[digits]).to_numpy(dtype="int64")
    ms = np.where(text[digits].str.len().to_numpy() == 13, value, value * 1000)
    lo, hi = (pd.Timestamp(year=y, month=1, day=1).timestamp() for y in _EPOCH_YEARS)
    seconds = ms // 1000
    inside = (seconds >= lo) & (seconds < hi)
    digits[digits] = inside
    millis[digits] = ms[inside]
    return digits, millis


def _slash_order(parts: pd.DataFrame) -> str | None:
    """``month-first`` or ``day-first`` when the slash dates (their parts, as
    ``_SLASH_PARTS`` extracts them) show the order (a number above 12 in one place and
    never in the other), else ``None``.

    Examples
    --------
    >>> def order(*cells):
    ...     return _slash_order(pd.Series(cells).str.extract(_SLASH_PARTS))
    >>> order("12/31/2025 9:15 AM", "01/02/2026")
    'month-first'
    >>> order("31/12/2025", "01/02/2026"), order("01/02/2026")
    ('day-first', None)
    """
    a, b = parts["a"].astype(int), parts["b"].astype(int)
    if (b > 12).any() and not (a > 12).any():
        return "month-first"
    if (a > 12).any() and not (b > 12).any():
        return "day-first"
    return None


def _slash_dates(parts: pd.DataFrame, order: str) -> np.ndarray:
    """Slash dates (their parts, as ``_SLASH_PARTS`` extracts them) in a known order
    (``month-first`` / ``day-first``), with an optional time and AM/PM, as datetime64;
    impossible dates (02/30/2026) are NaT."""
    month, day = (parts["a"], parts["b"]) if order == "month-first" else (parts["b"], parts["a"])
    year = parts["y"].astype(int)
    year = np.where(year < 100, np.where(year < 69, 2000 + year, 1900 + year), year)
    hour = parts["H"].fillna("0").astype(int).to_numpy()
    ampm = parts["p"].fillna("").str.casefold().to_numpy()
    hour = np.where(
        (ampm == "p") & (hour < 12), hour + 12, np.where((ampm == "a") & (hour == 12), 0, hour)
    )
    frame = pd.DataFrame(
        {
            "year": year,
            "month": month.astype(int).to_numpy(),
            "day": day.astype(int).to_numpy(),
            "hour": hour,
            "minute": parts["M"].fillna("0").astype(int).to_numpy(),
            "second": parts["S"].fillna("0").astype(int).to_numpy(),
        }
    )
    return pd.to_datetime(frame, errors="coerce").to_numpy(dtype="datetime64[ns]")
