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

#: Characters that group thousands besides ``.`` and ``,`` (Swiss apostrophes, spaces).
_GROUP_ONLY = r"['’\u00a0\u202f ]"
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
        return "decimal comma (German style, e.g. 1.234,56)"
    if mark == ".":
        return "decimal point (English style, e.g. 1,234.56)"
    return "not needed (no amounts with decimals)"
