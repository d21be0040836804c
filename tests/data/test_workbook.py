"""Workbooks as people save them (CONTRACT section 1): a title row above the headers, a
cover sheet before the log, industry cells merged down a group of rows. Counts are
checked against the frame the workbook was written from; row numbers against the sheet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from icplab.core.errors import InputError
from icplab.core.notes import render
from icplab.data.load import load, read_headers


def _truth(n: int = 60, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    replied = rng.random(n) < 0.3
    return pd.DataFrame(
        {
            "Branche": np.sort(rng.choice(["IT", "Logistik", "Maschinenbau"], n)),
            "Mitarbeiter": rng.integers(5, 900, n),
            "Antwort": np.where(replied, "ja", "nein"),
        }
    )


def _write(
    path: Path, truth: pd.DataFrame, *, title: bool, cover: bool, merge: bool
) -> tuple[Path, int]:
    """The workbook, and the sheet row of its header."""
    book = openpyxl.Workbook()
    ws = book.active
    if cover:
        ws.title = "Hinweise"
        ws.append(["Export vom 01.12.2025"])
        ws.append(["Nur intern verwenden"])
        ws = book.create_sheet("Kontakte")
    if title:
        ws.append(["Kontaktliste Herbst-Aktion"])
        ws.merge_cells("A1:C1")
        ws.append([])
    ws.append(list(truth.columns))
    header = ws.max_row
    for row in truth.itertuples(index=False):
        ws.append([v.item() if hasattr(v, "item") else v for v in row])
    if merge:
        first = header + 1
        for _, group in truth.groupby("Branche"):
            a, b = first + int(group.index.min()), first + int(group.index.max())
            if b > a:
                ws.merge_cells(f"A{a}:A{b}")
    book.save(path)
    return path, header


@pytest.mark.parametrize(
    ("title", "cover", "merge"),
    [(True, False, False), (False, True, False), (True, True, True), (False, False, True)],
)
def test_the_log_is_found_and_counted_as_in_the_sheet(
    tmp_path: Path, title: bool, cover: bool, merge: bool
) -> None:
    truth = _truth()
    path, _ = _write(tmp_path / "liste.xlsx", truth, title=title, cover=cover, merge=merge)
    data = load(path)
    frame = data.frame
    assert len(frame) == len(truth)
    assert int(frame["replied"].sum()) == int((truth["Antwort"] == "ja").sum())
    got = frame["industry"].astype(str).value_counts().sort_index()
    want = truth["Branche"].value_counts().sort_index()
    assert got.to_dict() == want.to_dict()
    assert read_headers(path) == list(truth.columns)


def test_row_numbers_are_the_sheets_below_a_title_row(tmp_path: Path) -> None:
    truth = _truth()
    truth.loc[7, "Antwort"] = "vielleicht"
    path, header = _write(tmp_path / "liste.xlsx", truth, title=True, cover=False, merge=False)
    with pytest.raises(InputError) as err:
        load(path)
    sheet_row = header + 1 + 7  # the header's row, then data row 7 (0-based)
    assert f"row {sheet_row}:" in str(err.value) or f"row {sheet_row}," in str(err.value)


def test_a_header_naming_only_some_columns_stays_the_header(tmp_path: Path) -> None:
    truth = _truth()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append([*truth.columns, None, None, None, None])  # notes typed right of the table
    for row in truth.itertuples(index=False):
        ws.append([v.item() if hasattr(v, "item") else v for v in row] + ["a", "b", "c", "d"])
    book.save(tmp_path / "liste.xlsx")
    data = load(tmp_path / "liste.xlsx")
    assert len(data.frame) == len(truth)
    assert int(data.frame["replied"].sum()) == int((truth["Antwort"] == "ja").sum())


def test_a_row_of_group_names_above_the_headers_is_skipped(tmp_path: Path) -> None:
    truth = _truth()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Firma", None, "Ergebnis"])
    ws.merge_cells("A1:B1")
    ws.append(list(truth.columns))
    for row in truth.itertuples(index=False):
        ws.append([v.item() if hasattr(v, "item") else v for v in row])
    book.save(tmp_path / "liste.xlsx")
    data = load(tmp_path / "liste.xlsx")
    assert len(data.frame) == len(truth)
    assert int(data.frame["replied"].sum()) == int((truth["Antwort"] == "ja").sum())


def test_a_log_split_over_sheets_with_the_same_headers_is_refused(tmp_path: Path) -> None:
    truth = _truth()
    book = openpyxl.Workbook()
    book.active.title = "Hinweise"
    book.active.append(["Stand 01.12.2025"])
    for title, part in (("Q3", truth.iloc[:30]), ("Q4", truth.iloc[30:])):
        ws = book.create_sheet(title)
        ws.append(list(truth.columns))
        for row in part.itertuples(index=False):
            ws.append([v.item() if hasattr(v, "item") else v for v in row])
    book.save(tmp_path / "liste.xlsx")
    with pytest.raises(InputError) as err:
        load(tmp_path / "liste.xlsx")
    assert "several sheets with the same headers (sheets 2, 3)" in str(err.value)
    german = render(err.value.problems[0].message, "de")
    assert "auf mehreren Blättern mit denselben Kopfzeilen (Blätter 2, 3)" in german
