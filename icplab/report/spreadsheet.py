"""Spreadsheet output for founders who live in Excel: CSV and XLSX from any tidy table.

One writer for every command (``compare``, ``check``, ``refine`` and any later one): pass
a DataFrame. Numbers are rounded to what a reader needs; CSV is written in German style
(``;`` between fields, decimal comma) when the language is German, so German Excel opens
it in columns; every text cell that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is defused with a leading
apostrophe, and control characters (terminal escape sequences, which XLSX cannot even
store) become ``?``. Numbers stay numbers: only text cells are touched.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"level": ["=HYPERLINK(1)", "du"], "rate": [0.123456, 0.2]})
>>> print(to_csv_text(t, language="de"), end="")
level;rate
'=HYPERLINK(1);0,1235
du;0,2
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

#: Text cells starting with one of these are run as formulas by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Control characters other than tab, line feed and carriage return: ANSI escape sequences
#: on a terminal (CSV on stdout), and characters an XLSX worksheet cannot hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Decimals kept for rates, intervals, differences and other floats.
DECIMALS = 4
#: Significant digits kept for p-values (small ones stay readable, not 0.0000).
P_DIGITS = 3
#: Formats the CLI offers beside its own (table, json).
SPREADSHEET_FORMATS = ("csv", "xlsx")


def safe_cell(value: Any) -> Any:
    """Defuse a text cell that a spreadsheet would run as a formula or a terminal obey.

    Examples
    --------
    >>> safe_cell("=1+1"), safe_cell("-cmd"), safe_cell("IT"), safe_cell(-0.5)
    ("'=1+1", "'-cmd", 'IT', -0.5)
    >>> safe_cell("IT\\x1b]0;evil\\x07")
    'IT?]0;evil?'
    """
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("?", value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _round_p(x: float) -> float:
    if x is None or not np.isfinite(x) or x == 0:
        return x
    return float(f"{x:.{P_DIGITS}g}")


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with rounded numbers and defused text cells (a copy).

    Floats are rounded to four decimals, p-values to three significant digits; text
    (including column names and categorical levels) is made safe with :func:`safe_cell`.

    Examples
    --------
    >>> readable(pd.DataFrame({"p_value": [0.0000123456], "rate": [1 / 3]})).iloc[0].tolist()
    [1.23e-05, 0.3333]
    """
    out = frame.copy()
    out.columns = [safe_cell(str(c)) for c in out.columns]
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_bool_dtype(s.dtype):
            continue
        if pd.api.types.is_float_dtype(s.dtype):
            if str(col).startswith("p_") or str(col) in ("p", "pvalue", "interaction_p_value"):
                out[col] = s.map(_round_p)
            else:
                out[col] = s.round(DECIMALS)
        elif not pd.api.types.is_numeric_dtype(s.dtype):
            out[col] = s.astype(object).map(
                lambda v: safe_cell(round(v, DECIMALS) if isinstance(v, float) else v)
            )
    return out


def to_csv_text(frame: pd.DataFrame, *, language: str = "en") -> str:
    """CSV text: English (``,`` and decimal point) or German (``;`` and decimal comma): the
    language locale's decimal sign, and ``;`` between fields where that is a comma."""
    from icplab.report import messages  # Babel's locale data, only when CSV is written

    decimal = messages.decimal_sign(language)
    buf = io.StringIO()
    readable(frame).to_csv(
        buf,
        index=False,
        sep=";" if decimal == "," else ",",
        decimal=decimal,
        lineterminator="\n",
    )
    return buf.getvalue()


def _sheet_name(name: str, taken: set[str]) -> str:
    base = (
        re.sub(r"[\[\]:*?/\\']", " ", re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", str(name))).strip()
        or "Sheet"
    )
    base = base[:31]
    out, k = base, 2
    while out.casefold() in taken:
        suffix = f" ({k})"
        out = base[: 31 - len(suffix)] + suffix
        k += 1
    taken.add(out.casefold())
    return out


def write_xlsx(sheets: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """Write one sheet per table into an XLSX workbook, atomically, readable by others.

    Sheet names are shortened to Excel's 31 characters and made unique; cells are
    rounded and defused (:func:`readable`); column widths fit their contents.
    """
    from openpyxl.utils import get_column_letter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp.xlsx", dir=path.parent)
    os.close(fd)
    taken: set[str] = set()
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            if not sheets:
                pd.DataFrame({"note": ["no tables"]}).to_excel(
                    writer, sheet_name="tables", index=False
                )
            for name, frame in sheets.items():
                sheet = _sheet_name(name, taken)
                table = readable(frame)
                table.to_excel(writer, sheet_name=sheet, index=False)
                ws = writer.sheets[sheet]
                for i, col in enumerate(table.columns, start=1):
                    width = max([len(str(col)), *(len(str(v)) for v in table[col].head(200))])
                    ws.column_dimensions[get_column_letter(i)].width = min(60, width + 2)
                # openpyxl stores a text cell starting with "=" as a formula: force text
                for row in ws.iter_rows():
                    for cell in row:
                        if isinstance(cell.value, str) and cell.value.startswith("="):
                            cell.data_type = "s"
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_table(
    frame: pd.DataFrame,
    fmt: str,
    *,
    output: str | Path | None = None,
    default_name: str = "icplab.xlsx",
    language: str = "en",
    sheet: str = "table",
    stdout: Any = None,
) -> Path | None:
    """Write a command's table as CSV (to ``output`` or stdout) or XLSX (to a file).

    XLSX needs a file: ``output``, or ``default_name`` in the current folder. Returns the
    file written (``None`` for CSV on stdout).
    """
    import sys

    if fmt == "csv":
        text = to_csv_text(frame, language=language)
        if output is None:
            (stdout or sys.stdout).write(text)
            return None
        from icplab.core.files import atomic_write_text

        # a byte-order mark makes Excel read the file as UTF-8 (umlauts survive)
        return atomic_write_text(Path(output), "\ufeff" + text)
    if fmt == "xlsx":
        return write_xlsx({sheet: frame}, Path(output) if output else Path(default_name))
    raise ValueError(f"unknown spreadsheet format {fmt!r}")
