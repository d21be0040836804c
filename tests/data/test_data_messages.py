"""The data layer's messages are notes: English as before, German from the catalogue."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from icplab.core.catalogue import messages
from icplab.core.errors import InputError
from icplab.core.notes import Note, render

#: English words that must not be left in a German message of the data layer.
ENGLISH = re.compile(r"\b(the|must|is|are|column|row|found|and|or|with|Use|Write)\b")


def _data_codes() -> list[str]:
    return sorted(c for c in messages("en") if c.startswith("data_"))


@pytest.mark.parametrize("code", _data_codes())
def test_every_german_data_message_is_german(code: str) -> None:
    german = messages("de")[code]
    # template fields and quoted terms of the format (column names, TOML keys) aside
    text = re.sub(r"\{[^}]*\}|'[^']*'|\[[^\]]*\]|\b[a-z_]+ = \S+|--\S+", "", german)
    assert not ENGLISH.search(text), (code, german)


def _log(**columns: list[object]) -> pd.DataFrame:
    base: dict[str, list[object]] = {
        "prospect_id": ["p1", "p2", "p3"],
        "industry": ["IT", "IT", "Logistik"],
        "employees": [10, 80, 300],
        "replied": ["ja", "nein", "ja"],
    }
    return pd.DataFrame({**base, **columns})


def _problems(raw: pd.DataFrame) -> list[tuple[str | None, tuple[int, ...], str]]:
    from icplab.data.load import validate_frame

    with pytest.raises(InputError) as info:
        validate_frame(raw, source="log.csv")
    return [(p.column, p.rows, p.message) for p in info.value.problems]


def test_input_errors_carry_notes_that_render_in_german() -> None:
    raw = _log(
        replied=["ja", "vielleicht", "nein"],
        employees=[10, 0, 300],
        meeting=["x", "", "x"],
        qualified=["", "", "nein"],
        deal=["", "", "ja"],
    )
    problems = _problems(raw)
    by_column = {column: (rows, message) for column, rows, message in problems}
    rows, message = by_column["replied"]
    assert rows == (3,) and isinstance(message, Note)
    assert message == (
        "not a yes/no value (found 'vielleicht'). Use 1/0, true/false, yes/no, ja/nein, y/n "
        "or x/empty."
    )
    assert render(message, "de") == (
        "kein Ja/Nein-Wert (gefunden: 'vielleicht'). Schreiben Sie 1/0, true/false, yes/no, "
        "ja/nein, y/n oder x/leer."
    )
    rows, message = by_column["deal"]  # deal without a qualified lead on the fourth row
    assert rows == (4,)
    assert render(message, "de").startswith(
        "Reihenfolge im Trichter verletzt: deal ist ja, aber qualified ist nein."
    )
    assert by_column["employees"][0] == (3,)
    assert "ganze Zahl >= 1" in render(by_column["employees"][1], "de")


def test_duplicate_rows_and_size_ranges_are_joined_in_the_language() -> None:
    problems = _problems(_log(prospect_id=["p1", "p1", "p1"]))
    ((column, rows, message),) = problems
    assert column == "prospect_id" and rows == (2, 3, 4)
    assert "(e.g. rows 2 and 3 and 4 share one)" in message
    assert "(z. B. teilen sich die Zeilen 2 und 3 und 4 eine)" in render(message, "de")


def test_a_huge_head_count_is_written_with_german_separators() -> None:
    from icplab.data.numbers import MAX_EMPLOYEES

    ((_, _, message),) = _problems(_log(employees=[10, 80, MAX_EMPLOYEES * 10]))
    assert f"above {MAX_EMPLOYEES:,} " in message
    german = f"{MAX_EMPLOYEES:,}".replace(",", ".")
    assert f"über {german} " in render(message, "de")


def test_a_missing_required_column_is_explained_in_german() -> None:
    ((column, rows, message),) = _problems(_log().drop(columns=["replied"]))
    assert column == "replied" and rows == (1,)
    assert message.startswith("required column missing: replied. A row-level log needs")
    german = render(message, "de")
    assert german.startswith("Pflichtspalte fehlt: replied. Ein Protokoll mit einer Zeile")
    assert "Die Spalten der Datei: 'prospect_id', 'industry', 'employees'." in german


def test_the_validate_summary_reads_in_german_with_german_dates_and_numbers() -> None:
    from icplab.data.load import validate_frame
    from icplab.data.sample import generate_outreach
    from icplab.data.summary import describe

    raw = generate_outreach(1200, seed=4)
    data = validate_frame(raw, source="x.csv")
    summary = describe(data)
    english, german = summary.to_text(), summary.to_text("de")
    assert english.splitlines()[0] == "x.csv: valid row-level outreach log"
    assert len(english.splitlines()) == len(german.splitlines())
    sent = pd.to_datetime(raw["sent_at"])
    first, last = sent.min(), sent.max()
    assert f"  versandt: {first:%d.%m.%Y} bis {last:%d.%m.%Y}" in german.splitlines()
    assert f"  Zeilen: {len(raw):,}".replace(",", ".") in german
    share = raw["replied"].mean()
    assert (
        f"geantwortet {int(raw['replied'].sum())} ({100 * share:.1f} %)".replace(".", ",") in german
    )
    assert "Dezimalzeichen der Beträge:" in german


def test_every_data_code_the_package_names_is_in_both_catalogues() -> None:
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "icplab"
    named = set()
    for path in package.rglob("*.py"):
        if "catalogue" not in path.parts:
            text = path.read_text("utf-8")
            named |= set(
                re.findall(r"[\"'](data_(?:row|file|map|filter|note)\.[a-z_0-9]+)[\"']", text)
            )
    assert len(named) > 100
    for language in ("en", "de"):
        assert named <= set(messages(language)), named - set(messages(language))
    # and no catalogue entry is left that nothing names (a dead message)
    assert set(_data_codes()) <= named, set(_data_codes()) - named
