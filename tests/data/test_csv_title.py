"""A sheet with a title row above its headers, saved as CSV (``Kontaktliste;;;`` then a
blank row): read from the header on, counted as written, and every row number (value
errors and short or long rows) the one a spreadsheet shows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from icplab.core.errors import InputError
from icplab.data.load import load

TITLE = "Kontaktliste Herbst-Aktion;;;\n;;;\n"
STAND = "Stand:;01.12.2025;;\n"


def _frame(n: int = 30) -> pd.DataFrame:
    rng = np.random.default_rng(4)
    return pd.DataFrame(
        {
            "Branche": rng.choice(["IT", "Logistik"], n),
            "Mitarbeiter": rng.integers(3, 900, n),
            "Antwort": rng.choice(["ja", "nein"], n),
            "Kampagne": "Herbst",
        }
    )


@pytest.mark.parametrize("quoted", [False, True])
def test_a_title_row_above_the_header_is_skipped(tmp_path: Path, quoted: bool) -> None:
    frame = _frame()
    body = frame.to_csv(sep=";", index=False, quoting=1 if quoted else 0)
    path = tmp_path / "liste.csv"
    path.write_text(TITLE + body, encoding="cp1252")
    data = load(path)
    assert len(data.frame) == len(frame)
    assert int(data.frame["replied"].sum()) == int((frame["Antwort"] == "ja").sum())
    got = data.frame["industry"].astype(str).value_counts().to_dict()
    assert got == frame["Branche"].value_counts().to_dict()


@pytest.mark.parametrize("quoted", [False, True])
def test_row_numbers_below_a_title_are_the_files_lines(tmp_path: Path, quoted: bool) -> None:
    frame = _frame()
    frame.loc[9, "Antwort"] = "vielleicht"
    path = tmp_path / "liste.csv"
    path.write_text(TITLE + frame.to_csv(sep=";", index=False, quoting=1 if quoted else 0))
    lines = path.read_text().splitlines()
    want = next(i + 1 for i, line in enumerate(lines) if "vielleicht" in line)
    with pytest.raises(InputError, match=rf"row {want}: not a yes/no value"):
        load(path)


def test_a_long_row_below_a_title_names_its_line_and_the_headers(tmp_path: Path) -> None:
    lines = (TITLE + _frame().to_csv(sep=";", index=False)).splitlines()
    lines[7] += ";zu viel"
    path = tmp_path / "liste.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as err:
        load(path)
    assert "line 8 has 5" in str(err.value) and "the header is line 3" in str(err.value)


@pytest.mark.parametrize("sep", [";", ","])
def test_excels_sep_hint_line_is_skipped(tmp_path: Path, sep: str) -> None:
    frame = _frame()
    path = tmp_path / "liste.csv"
    path.write_text(f"sep={sep}\r\n" + frame.to_csv(sep=sep, index=False, lineterminator="\r\n"))
    data = load(path)
    assert len(data.frame) == len(frame)
    assert int(data.frame["replied"].sum()) == int((frame["Antwort"] == "ja").sum())


def test_a_two_cell_title_above_a_wider_header_is_skipped(tmp_path: Path) -> None:
    frame = _frame().assign(Botschaft="zeitersparnis", Ansprache="Sie")
    path = tmp_path / "liste.csv"
    path.write_text(STAND + frame.to_csv(sep=";", index=False))
    data = load(path)
    assert len(data.frame) == len(frame)
    assert int(data.frame["replied"].sum()) == int((frame["Antwort"] == "ja").sum())


@pytest.mark.parametrize(
    ("head_end", "row_end"), [("", ";"), (";", "")], ids=["rows-end-in-sep", "header-ends-in-sep"]
)
def test_a_trailing_separator_on_one_side_only_is_read(
    tmp_path: Path, head_end: str, row_end: str
) -> None:
    frame = _frame()
    lines = frame.to_csv(sep=";", index=False).splitlines()
    text = lines[0] + head_end + "\n" + "".join(line + row_end + "\n" for line in lines[1:])
    path = tmp_path / "liste.csv"
    path.write_text(text)
    data = load(path)
    assert len(data.frame) == len(frame)
    assert int(data.frame["replied"].sum()) == int((frame["Antwort"] == "ja").sum())
