"""Where the log lies in an XLSX workbook: which sheet, which row holds the headers (a
title row or a blank row may stand above them), and the values of merged cells.

A workbook saved by hand often has a cover or notes sheet first, a title such as
"Kontaktliste Herbst" in row 1, and industry cells merged down a group of rows. The log
is then read from the sheet whose header row names the most contract (or mapped)
columns, starting at that header row, with a vertically merged cell's value in every
row it spans, as a spreadsheet shows it. Row numbers stay those of the sheet: the frame's
``index + 2`` is the row a spreadsheet shows.

Examples
--------
>>> import pandas as pd
>>> top = pd.DataFrame([["Kontaktliste", None, None], [None] * 3, ["Branche", "Mitarbeiter", "Antwort"]])
>>> header_row(top)
2
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd

from icplab.core.schema import canonical_header
from icplab.data.csvtext import header_below_titles
from icplab.data.mapping import ColumnMapping
from icplab.data.tidy import _CONTRACT

#: Rows looked at for the header row (title rows above it are few).
_HEAD_ROWS = 20


def header_row(top: pd.DataFrame) -> int:
    """The 0-based row of a sheet's first rows (read without a header) that holds the
    headers: the first row filling at least two cells and half the widest row, when the
    rows above it fill at most two cells each (a title); else 0 (the first row, as
    before: a short header row stays the header).

    Examples
    --------
    >>> header_row(pd.DataFrame([["industry", "employees"], ["IT", 5]]))
    0
    """
    top = top.head(_HEAD_ROWS)
    filled = top.notna().to_numpy() & (
        top.astype(str).apply(lambda c: c.str.strip()).to_numpy() != ""
    )
    # rows above the headers are a title ("Kontaktliste", "Stand: | 01.12.2025"), never
    # a header that names only some columns
    return header_below_titles(filled.sum(axis=1).tolist())


def _score(top: pd.DataFrame, row: int, mapping: ColumnMapping) -> int:
    """How many cells of the header row name a contract column or a mapped header."""
    cells = [str(v).strip() for v in top.iloc[row].tolist() if pd.notna(v)] if len(top) else []
    return sum(
        canonical_header(c) in _CONTRACT or c.casefold() in mapping.source_headers for c in cells
    )


def locate(xl: pd.ExcelFile, mapping: ColumnMapping) -> tuple[str | int, int, list[int]]:
    """The sheet to read (the first one unless a later sheet's header row names more
    contract or mapped columns) and its header row (0-based): :func:`header_row`, or,
    when that row names no such column, the first row that names two (below a row of
    group names such as "Kontakt" | "Ergebnis" merged over the columns). Third, the
    1-based positions of the sheets whose header row is the same as the chosen one's
    when there are several (the log split over sheets: only one would be read)."""
    names = list(xl.sheet_names)
    best: tuple[int, str | int, int] | None = None
    seen: dict[str | int, tuple[str, ...]] = {}
    for name in names if len(names) > 1 else names[:1]:
        try:
            top = pd.read_excel(xl, sheet_name=name, header=None, nrows=_HEAD_ROWS, dtype=object)
        except Exception:  # a chart sheet, or one openpyxl cannot read: not the log
            if name == names[0] and len(names) == 1:
                raise
            continue
        row = header_row(top)
        score = _score(top, row, mapping)
        if not score:  # a row of group names above the headers ("Kontakt", "Ergebnis")
            scores = ((r, _score(top, r, mapping)) for r in range(len(top)))
            row, score = next(((r, k) for r, k in scores if k >= 2), (row, 0))
        if score >= 2:
            seen[name] = _header_cells(top, row)
        if best is None or score > best[0]:
            best = (score, name, row)
    if best is None:
        return 0, 0, []
    alike = [i + 1 for i, n in enumerate(names) if seen.get(n) and seen[n] == seen.get(best[1])]
    return best[1], best[2], alike if len(alike) > 1 else []


def _header_cells(top: pd.DataFrame, row: int) -> tuple[str, ...]:
    """The header row's cells, trimmed and case-folded (to compare sheets)."""
    return tuple(str(v).strip().casefold() for v in top.iloc[row].tolist() if pd.notna(v))


def fill_merged(raw: pd.DataFrame, path: Path, sheet: str | int, header: int) -> pd.DataFrame:
    """``raw`` (read with ``header`` as its header row) with the value of every vertically
    merged range of data cells in each row it spans. Cheap when the workbook merges no
    cells: the sheet files are searched for a merge before the workbook is opened again."""
    try:
        with zipfile.ZipFile(path) as zf:
            merges = any(
                b"<mergeCell " in zf.read(n)
                for n in zf.namelist()
                if n.startswith("xl/worksheets/") and n.endswith(".xml")
            )
    except (zipfile.BadZipFile, OSError, KeyError):
        return raw
    if not merges:
        return raw
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    ws = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet]
    out = raw.copy()
    first_data = header + 2  # 1-based sheet row of the first data row
    for rng in ws.merged_cells.ranges:
        if rng.max_row <= rng.min_row or rng.min_row < first_data:
            continue
        col = rng.min_col - 1
        if col >= out.shape[1]:
            continue
        rows = [r - first_data for r in range(rng.min_row, rng.max_row + 1)]
        rows = [r for r in rows if 0 <= r < len(out)]
        if rows:
            out.iloc[rows, col] = out.iloc[rows[0], col]
    book.close()
    return out


def sheet_rows_index(raw: pd.DataFrame, header: int) -> pd.DataFrame:
    """``raw`` indexed so that ``index + 2`` is each row's row number in the sheet."""
    raw.index = pd.RangeIndex(header, header + len(raw))
    return raw
