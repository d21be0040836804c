"""The one PII scrubber: e-mail addresses, phone numbers and a row's own names masked.

Error messages, log lines, labels, rejection reasons and free text pass through
:func:`scrub_text` (one string) or :func:`scrub_series` / :func:`mask_row_values` (a column,
a table) before they leave the loader, the CLI or the runner. The patterns here
(:data:`EMAIL_RE`, :data:`PHONE_RE`) are the ones the recognition of personal columns
(:mod:`icplab.data.personal`) and the pseudonyms (:mod:`icplab.data.pseudonym`) use.

Examples
--------
>>> scrub_text("write to anna@example.de")
'write to [e-mail removed]'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

#: Characters that end an e-mail address in free text (and may stand before one).
_SEP = r"\s<>,;\"'()\[\]"
#: An e-mail address. Linear time on any cell: a match may only start at the beginning of
#: a word (the look-behind rejects every other position in one step), so each word is
#: scanned once (a 1 MB cell without separators takes milliseconds, not hours).
EMAIL_RE = rf"(?<![^{_SEP}])[^{_SEP}@]+@[^{_SEP}@]+\.[A-Za-z]{{2,}}"
#: Phone numbers, with bounded repetitions (linear time, like :data:`EMAIL_RE`).
_PHONE_RES = (
    r"\+\d[\d\s()./-]{5,24}\d",  # +49 30 1234567
    r"00\d[\d\s()./-]{5,24}\d",  # 0049 ...
    r"0\d{1,5}[\s/()-]{1,3}[\d\s/()-]{3,20}\d",  # 030 1234567, 0171/1234567
    r"0[1-9]\d{8,11}",  # 01711234567
)
PHONE_RE = "(?:" + "|".join(_PHONE_RES) + ")"
#: A phone number in free text starts a word (never inside a number or a date).
_PHONE_IN_TEXT = r"(?<![\w+.:/-])" + PHONE_RE
_DATE_LIKE = re.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
#: A calendar date at the start of a match (``01-10-2026 09`` of ``01-10-2026 09:30``).
_DATE_START = re.compile(
    r"(?:\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2})\b"
)
#: What a masked value reads as in messages, labels and free text.
MASK_EMAIL = "[e-mail removed]"
MASK_PHONE = "[phone removed]"
MASK_NAME = "[name removed]"
#: Personal values shorter than this are not searched for inside other cells (an initial
#: or "IT" would mask half the labels).
MIN_MASKED_VALUE = 3


_EMAIL = re.compile(EMAIL_RE)
_PHONE = re.compile(_PHONE_IN_TEXT)
_DIGIT = re.compile(r"\d")


def _phone_mask(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    date = _DATE_START.match(found)
    if date:  # a date, then maybe a time or a phone number: look again after the date
        return date.group(0) + _PHONE.sub(_phone_mask, found[date.end() :])
    if not 7 <= digits <= 15 or _DATE_LIKE.fullmatch(found.strip()):
        return found
    return MASK_PHONE


def scrub_text(text: object, personal: Iterable[object] = ()) -> str:
    """``text`` with every e-mail address, phone number and personal value masked.

    The one scrubber of icplab: error messages, log lines, labels, rejection reasons and
    free text pass through it before they leave the loader, the CLI or the runner.
    ``personal`` holds values of the row's own personal columns (names, companies): each
    is masked wherever it occurs (any case; values shorter than
    :data:`MIN_MASKED_VALUE` characters are left alone). Linear time in ``len(text)``.

    Examples
    --------
    >>> scrub_text("bad row for max@firma.de, call +49 30 1234567")
    'bad row for [e-mail removed], call [phone removed]'
    >>> scrub_text("Logistik (Max Mustermann <max@x.de>)", ["Max Mustermann"])
    'Logistik ([name removed] <[e-mail removed]>)'
    >>> scrub_text("Termin 2026-09-30 oder 01-10-2026, 12 Leads")
    'Termin 2026-09-30 oder 01-10-2026, 12 Leads'
    """
    out = str(text)
    if "@" in out:
        out = _EMAIL.sub(MASK_EMAIL, out)
    if _DIGIT.search(out):
        out = _PHONE.sub(_phone_mask, out)
    for value in personal:
        if value is None or (isinstance(value, float) and value != value):
            continue
        v = str(value).strip()
        if len(v) >= MIN_MASKED_VALUE and v.casefold() in out.casefold():
            out = re.sub(re.escape(v), MASK_NAME, out, flags=re.IGNORECASE)
    return out


def _candidates(uniques: Any) -> np.ndarray:
    """Which distinct values could hold an e-mail address or a phone number (an ``@`` or
    three digits in a row): only those are scrubbed."""
    text = pd.Series(np.asarray(uniques, dtype=object)).astype(str)
    return text.str.contains(r"@|\d{3}", regex=True).to_numpy(dtype=bool)


def scrub_series(values: pd.Series) -> pd.Series:
    """A text column with e-mail addresses and phone numbers masked (per distinct value;
    empty cells stay empty).

    Examples
    --------
    >>> scrub_series(pd.Series(["budget", "ask x.y@firma.de", None])).tolist()
    ['budget', 'ask [e-mail removed]', nan]
    """
    if (
        isinstance(values.dtype, pd.CategoricalDtype)
        and not _candidates(values.cat.categories).any()
    ):
        return values  # no level could hold an e-mail or phone (the codes need not be read)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    candidate = _candidates(uniques)
    if not candidate.any():
        return values
    text = pd.Series(np.asarray(uniques, dtype=object)).astype(str)
    clean = text.to_numpy(dtype=object).copy()
    clean[candidate] = [scrub_text(t) for t in text[candidate]]
    if (clean == text.to_numpy(dtype=object)).all():
        return values
    out = np.append(np.asarray(clean, dtype=object), np.asarray([np.nan], dtype=object))[codes]
    return pd.Series(out, index=values.index, dtype=object)


#: Kept for callers of the first version: e-mail addresses (and now phones) masked.
scrub_emails = scrub_series


_WORD = re.compile(r"[^\W\d_]{3,}")  # words of letters: digits alone name nobody


def _words(text: object) -> set[str]:
    return set(_WORD.findall(str(text).casefold()))


def _mask_whole(values: pd.Series, person_values: set[str]) -> pd.Series:
    """``values`` with each cell that is, whole, a personal value of any row masked."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    found = [isinstance(u, str) and u.strip().casefold() in person_values for u in uniques]
    hit = np.append(np.asarray(found, dtype=bool), False)[codes]
    if not hit.any():
        return values
    return values.astype(object).where(~hit, MASK_NAME)


def mask_row_values(
    frame: pd.DataFrame, personal: Sequence[object], keep: Iterable[object] = ()
) -> pd.DataFrame:
    """``frame`` with every text cell scrubbed (:func:`scrub_series`) and, in each row,
    the values of that row's ``personal`` columns masked wherever they occur in its other
    text cells ("Max Mustermann" inside an industry label or a rejection reason).

    The ``personal`` columns themselves and the ``keep`` columns (the prospect id, which
    is pseudonymised instead) are left as they are; numeric, boolean and date columns are
    not touched. Only cells that share a word with some personal value are searched row
    by row, so a log of labels costs one pass over its distinct values.

    Examples
    --------
    >>> f = pd.DataFrame({"name": ["Max Mustermann", "Eva Roth"],
    ...                   "industry": ["IT (Max Mustermann)", "Logistik"]})
    >>> mask_row_values(f, ["name"])["industry"].tolist()
    ['IT ([name removed])', 'Logistik']
    """
    personal = [c for c in personal if c in frame.columns]
    skip = {*personal, *keep}
    text_cols = [
        c
        for c in frame.columns
        if c not in skip
        and not pd.api.types.is_numeric_dtype(frame[c].dtype)
        and not pd.api.types.is_datetime64_any_dtype(frame[c].dtype)
        and not pd.api.types.is_bool_dtype(frame[c].dtype)
    ]
    if not text_cols:
        return frame
    frame = frame.copy(deep=False)  # columns are replaced, never changed in place
    person_words: set[str] = set()
    person_values: set[str] = set()  # a cell that is some row's name, whole (shifted columns)
    for c in personal:  # one pass over all distinct values (joined): fast on 1M rows
        distinct = [v for v in frame[c].unique() if isinstance(v, str)]
        person_words |= _words("\n".join(distinct))
        person_values |= {
            v.strip().casefold() for v in distinct if len(v.strip()) >= MIN_MASKED_VALUE
        }
    people: list[np.ndarray] = []  # each row's personal values, made when a cell needs them
    for col in text_cols:
        values = scrub_series(frame[col])
        if person_values:
            values = _mask_whole(values, person_values)
        if person_words:
            if isinstance(values.dtype, pd.CategoricalDtype):  # its levels, its codes
                codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
            else:
                codes, uniques = pd.factorize(values, use_na_sentinel=True)
            maybe = np.array([bool(_words(u) & person_words) for u in uniques] + [False])
            rows = np.flatnonzero(maybe[codes])
            if len(rows):
                people = people or [frame[c].astype(object).to_numpy() for c in personal]
                cells = values.astype(object).to_numpy().copy()
                for i in rows:
                    cells[i] = scrub_text(cells[i], [p[i] for p in people])
                values = pd.Series(cells, index=frame.index, dtype=object)
        if values is not frame[col]:
            frame[col] = values
    return frame
