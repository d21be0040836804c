"""German and English number formats in exports (CONTRACT section 1).

Head counts and counts are whole numbers: ``2.000``, ``12.000``, ``1,200`` and ``1'200``
(groups of three digits after the separator) are thousands, never 2 or 12. Amounts
(``deal_value``) may carry a decimal mark, which is inferred once per file from the values
that settle it (``1.234,56``, ``1234,56``, ``1,234.56``, ``12.5``); a value such as
``1.500`` that reads as 1500 with one mark and 1.5 with the other stays ambiguous unless
another value of the file settles the mark, and is then an input error.

Everything here works on the distinct values of a column (a handful even in a large file)
and is vectorised with pandas string methods.

Examples
--------
>>> import pandas as pd
>>> parse_whole(pd.Series(["2.000", "12.000", "1,200", "45", "1'500", "2,5"])).value.tolist()
[2000.0, 12000.0, 1200.0, 45.0, 1500.0, 2.5]
>>> a = parse_amounts(pd.Series(["1.234,56 €", "1234,56", "500"]))
>>> a.value.tolist(), a.decimal_mark
([1234.56, 1234.56, 500.0], ',')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from icplab.core.notes import Note

#: Characters that group thousands besides ``.`` and ``,`` (Swiss apostrophes, spaces).
_GROUP_CHARS = "'’\u00a0\u202f "  # real characters: pyarrow's regex engine has no \u escapes
_GROUP_ONLY = f"[{_GROUP_CHARS}]"
_CURRENCY = r"(?i)(?:€|eur|euro)"


@dataclass(frozen=True)
class ParsedNumbers:
    """Numbers parsed from text, aligned with the input.

    Attributes
    ----------
    value
        The number, NaN where missing or not a number.
    missing
        Empty cells.
    bad
        Cells that are not a number in any format.
    ambiguous
        Cells whose value depends on the decimal mark, which the file does not settle.
    decimal_mark
        ``","`` or ``"."`` when the file settles it, else ``None``.
    """

    value: np.ndarray
    missing: np.ndarray
    bad: np.ndarray
    ambiguous: np.ndarray
    decimal_mark: str | None = None


def _as_text(values: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Trimmed text, the mask of empty cells and the numbers already numeric (Excel)."""
    obj = pd.Series(np.asarray(values, dtype=object))
    is_num = obj.map(lambda v: isinstance(v, (int, float, np.number)) and not isinstance(v, bool))
    num = np.full(len(obj), np.nan)
    if is_num.any():
        num[is_num.to_numpy()] = obj[is_num].astype("float64").to_numpy()
    text = obj.where(~is_num, "").astype(str).str.strip()
    missing = (
        obj.isna().to_numpy()
        | (~is_num.to_numpy() & text.str.lower().isin(["", "nan", "none", "nat"]).to_numpy())
        | (is_num.to_numpy() & np.isnan(num))
    )
    return text, missing, num


def parse_whole(values: pd.Series) -> ParsedNumbers:
    """Parse whole numbers (head counts, counts) written in German or English style.

    A separator followed by groups of exactly three digits groups thousands; ``2000.0``
    (a float written by a spreadsheet) is 2000; anything else that is not a whole number
    (``2,5``, ``abc``) is ``bad``.

    Examples
    --------
    >>> r = parse_whole(pd.Series(["1.000.000", "7", "", "3.0", "x"]))
    >>> r.value.tolist(), r.missing.tolist(), r.bad.tolist()
    ([1000000.0, 7.0, nan, 3.0, nan], [False, False, True, False, False], [False, False, False, False, True])
    """
    text, missing, num = _as_text(values)
    is_text = ~missing & np.isnan(num)
    t = text.str.replace(_GROUP_ONLY, "", regex=True)
    plain = t.str.fullmatch(r"[+]?\d+")
    grouped = t.str.fullmatch(r"[+]?\d{1,3}(?:\.\d{3})+") | t.str.fullmatch(
        r"[+]?\d{1,3}(?:,\d{3})+"
    )
    float_zero = t.str.fullmatch(r"[+-]?\d+[.,]0+")
    out = num.copy()
    digits = t.str.replace(r"[.,+]", "", regex=True)
    ok = (plain | grouped).to_numpy() & is_text
    out[ok] = pd.to_numeric(digits[ok], errors="coerce").to_numpy(dtype="float64")
    fz = float_zero.to_numpy() & is_text & ~ok
    out[fz] = pd.to_numeric(
        t[fz].str.replace(r"[.,]0+$", "", regex=True), errors="coerce"
    ).to_numpy(dtype="float64")
    # anything else: a plain signed or decimal number (then judged by the caller: < 1, not
    # whole), or not a number at all
    rest = is_text & ~ok & ~fz
    other = pd.to_numeric(t[rest].str.replace(",", ".", regex=False), errors="coerce")
    out[rest] = other.to_numpy(dtype="float64")
    # a decimal such as 2,5 or 2.5 is not a whole number: keep it, so the caller says so
    bad = np.isnan(out) & ~missing
    out[missing] = np.nan
    return ParsedNumbers(out, missing, bad, np.zeros(len(out), dtype=bool), None)


def parse_amounts(values: pd.Series) -> ParsedNumbers:
    """Parse amounts in EUR, inferring the decimal mark from the values themselves.

    Currency signs (``€``, ``EUR``) and grouping spaces or apostrophes are ignored. A value
    settles the decimal mark when it has both marks (the last one is decimal), a mark
    followed by other than three digits (``1234,56``), or one mark repeated (``1.234.567``
    groups thousands). Values that settle it both ways are ``bad`` (mixed formats);
    values such as ``1.500`` stay ``ambiguous`` when nothing settles the mark.

    Examples
    --------
    >>> r = parse_amounts(pd.Series(["€1,234.56", "1,500", "99"]))
    >>> r.value.tolist(), r.decimal_mark
    ([1234.56, 1500.0, 99.0], '.')
    >>> parse_amounts(pd.Series(["1.500", "200"])).ambiguous.tolist()
    [True, False]
    """
    text, missing, num = _as_text(values)
    is_text = ~missing & np.isnan(num)
    t = (
        text.str.replace(_CURRENCY, "", regex=True)
        .str.replace(_GROUP_ONLY, "", regex=True)
        .str.strip()
    )
    plain = t.str.fullmatch(r"[+-]?\d+").to_numpy()
    de_full = t.str.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+").to_numpy()  # 1.234,56
    en_full = t.str.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+").to_numpy()  # 1,234.56
    de_groups = t.str.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3}){2,}").to_numpy()  # 1.234.567
    en_groups = t.str.fullmatch(r"[+-]?\d{1,3}(?:,\d{3}){2,}").to_numpy()
    one_group = t.str.fullmatch(r"[+-]?\d{1,3}[.,]\d{3}").to_numpy()  # 1.500 / 1,500
    comma_dec = t.str.fullmatch(r"[+-]?\d*,\d+").to_numpy() & ~one_group
    dot_dec = t.str.fullmatch(r"[+-]?\d*\.\d+").to_numpy() & ~one_group
    says_comma = (de_full | de_groups | comma_dec) & is_text
    says_dot = (en_full | en_groups | dot_dec) & is_text
    mark: str | None = None
    bad = np.zeros(len(t), dtype=bool)
    if says_comma.any() and says_dot.any():
        # the minority breaks the file's convention
        minority = says_dot if says_dot.sum() <= says_comma.sum() else says_comma
        mark = "," if minority is says_dot else "."
        bad |= minority
    elif says_comma.any():
        mark = ","
    elif says_dot.any():
        mark = "."
    out = num.copy()
    ambiguous = one_group & is_text & (mark is None)
    if mark == ",":
        conv = t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    elif mark == ".":
        conv = t.str.replace(",", "", regex=False)
    else:
        conv = t
    use = is_text & ~bad & ~ambiguous
    parsed = pd.to_numeric(conv.where(use, None), errors="coerce").to_numpy(dtype="float64")
    out[use] = parsed[use]
    bad |= is_text & ~ambiguous & np.isnan(out) & ~plain
    bad |= use & np.isnan(out)
    out[bad | ambiguous | missing] = np.nan
    return ParsedNumbers(out, missing, bad, ambiguous, mark)


def describe_mark(mark: str | None) -> str:
    """Words for a decimal mark, as ``icplab validate`` states it.

    Examples
    --------
    >>> print(describe_mark(","))
    decimal comma (German style, e.g. 1.234,56)
    """
    if mark == ",":
        return Note("data_note.mark_comma")
    if mark == ".":
        return Note("data_note.mark_point")
    return Note("data_note.mark_none")


#: A head count above this is not a company's size (the largest employers have about
#: 2.3 million people): a phone number, an ID or an overflowed integer.
MAX_EMPLOYEES = 10_000_000

_NUM = r"\d[\d.," + _GROUP_CHARS + "]*"
_RANGE = f"(?P<lo>{_NUM}?)" + r"\s*(?:[-–—]|bis|to)\s*" + f"(?P<hi>{_NUM})"
_OPEN = (
    r"(?:>\s*|(?:über|ueber|over|mehr als|more than)\s+)?"
    + f"(?P<lo>{_NUM}?)"
    + r"\s*(?:\+|(?:und|and|or|oder)\s+(?:mehr|more))"
)
_PHONE_SHAPE = r"(?:\+|00|0)\d[\d\s/().\-]{5,}|\(\d+\)[\d\s/\-]{5,}"


#: Cells that say "no size known" (exports write them for a blank): read as blank.
SIZE_PLACEHOLDERS: frozenset[str] = frozenset(
    {"-", "–", "—", "n/a", "n.a.", "k.a.", "k. a.", "unknown", "unbekannt", "?"}
)


@dataclass(frozen=True)
class ParsedSizes:
    """Company sizes parsed from text: exact head counts and ranges, aligned with the input.

    Attributes
    ----------
    lo, hi
        The range's inclusive ends (``lo == hi`` for an exact count; ``hi`` is NaN for an
        open range such as ``10000+``); NaN where missing or bad.
    missing
        Empty cells.
    bad
        Cells that are neither a whole number >= 1 nor a range of such.
    is_range
        Cells written as a range (``51-200``, ``10.001+``).
    too_large
        Whole numbers above :data:`MAX_EMPLOYEES` (an ID, a phone number, an overflow).
    """

    lo: np.ndarray
    hi: np.ndarray
    missing: np.ndarray
    bad: np.ndarray
    is_range: np.ndarray
    too_large: np.ndarray


def parse_sizes(values: pd.Series) -> ParsedSizes:
    """Parse ``employees`` cells: a head count (``2.000``, ``1,200``) or a range as exports
    write it (``51-200``, ``11 - 50``, ``1,001-5,000``, ``10000+``, ``10.001+``).

    Examples
    --------
    >>> p = parse_sizes(pd.Series(["51-200", "11 - 50", "10.001+", "1,001-5,000", "2.000", ""]))
    >>> p.lo.tolist(), p.hi.tolist()
    ([51.0, 11.0, 10001.0, 1001.0, 2000.0, nan], [200.0, 50.0, nan, 5000.0, 2000.0, nan])
    >>> parse_sizes(pd.Series(["51-200 employees", "10,001+ Mitarbeiter"])).lo.tolist()
    [51.0, 10001.0]
    >>> parse_sizes(pd.Series(["-", "k.A.", "n/a"])).missing.tolist()
    [True, True, True]
    >>> p.is_range.tolist(), p.missing.tolist()
    ([True, True, True, True, False, False], [False, False, False, False, False, True])
    """
    obj = pd.Series(np.asarray(values, dtype=object))
    placeholder = obj.map(
        lambda v: isinstance(v, str) and v.strip().casefold() in SIZE_PLACEHOLDERS
    )
    obj = obj.where(~placeholder.to_numpy(dtype=bool), "")
    n = len(obj)
    whole = parse_whole(obj)
    lo = whole.value.copy()
    hi = whole.value.copy()
    missing = whole.missing.copy()
    bad = whole.bad.copy()
    is_range = np.zeros(n, dtype=bool)
    candidates = np.flatnonzero(bad)
    if len(candidates):
        text = (
            obj.iloc[candidates]
            .astype(str)
            .str.strip()
            .str.casefold()
            .str.replace(r"\s*(?:employees|mitarbeiter(?:innen)?|ma|people)\.?$", "", regex=True)
        )
        closed = text.str.extract(f"^{_RANGE}$")
        opened = text.str.extract(f"^{_OPEN}$")
        a = parse_whole(closed["lo"].fillna("")).value
        b = parse_whole(closed["hi"].fillna("")).value
        c = parse_whole(opened["lo"].fillna("")).value
        ok_closed = ~np.isnan(a) & ~np.isnan(b) & (a <= b)
        ok_open = ~ok_closed & ~np.isnan(c)
        lo[candidates[ok_closed]] = a[ok_closed]
        hi[candidates[ok_closed]] = b[ok_closed]
        lo[candidates[ok_open]] = c[ok_open]
        hi[candidates[ok_open]] = np.nan
        done = candidates[ok_closed | ok_open]
        is_range[done] = True
        bad[done] = False
    valid = ~missing & ~bad
    not_whole = valid & ((lo < 1) | (np.floor(lo) != lo) | (~np.isnan(hi) & (np.floor(hi) != hi)))
    bad |= not_whole
    top = np.where(np.isnan(hi), lo, hi)
    too_large = ~missing & ~bad & (top > MAX_EMPLOYEES)
    lo[bad | missing] = np.nan
    hi[bad | missing] = np.nan
    return ParsedSizes(lo, hi, missing, bad, is_range, too_large)


def looks_like_phone_numbers(values: pd.Series) -> bool:
    """Whether most distinct non-empty values of a column look like phone numbers
    (``+49 30 1234567``, ``030/123456``, ``0049...``, ten or more digits).

    Examples
    --------
    >>> looks_like_phone_numbers(pd.Series(["+49 30 1234567", "030/987654", "0171 2345678"]))
    True
    >>> looks_like_phone_numbers(pd.Series(["51-200", "2.000", "12", "1001-5000", "10001+"]))
    False
    """
    if pd.api.types.is_integer_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        # distinct integers are distinct texts: the few distinct values, not 1M strings
        values = pd.Series(pd.unique(values))
    text = pd.Series(pd.unique(pd.Series(np.asarray(values, dtype=object)).astype(str)))
    text = text.str.strip()
    text = text[~text.str.casefold().isin(["", "nan", "none", "nat", "<na>"])]
    if text.empty:
        return False
    if text.str.contains("[phone removed]", regex=False).mean() > 0.5:
        return True  # already masked by the personal-data scrubber (icplab.data.personal)
    digits = text.str.count(r"\d")
    folded = text.str.casefold()
    ranged = folded.str.fullmatch(_RANGE) | folded.str.fullmatch(_OPEN)
    shaped = (text.str.fullmatch(_PHONE_SHAPE) & (digits >= 7)) | ((digits >= 10) & ~ranged)
    return bool(shaped.mean() > 0.5)
