"""compare's one-sentence summary: a note whose numbers are the table's, in both languages."""

from __future__ import annotations

import pandas as pd

from icplab.core.notes import Note
from icplab.icp.compare import compare_result
from icplab.report.messages import render


def _counts(a: tuple[int, int], b: tuple[int, int]) -> pd.DataFrame:
    """Aggregated counts: salutation du/sie with (contacted, replied)."""
    return pd.DataFrame(
        {
            "industry": ["IT", "IT"],
            "size_band": ["50-199", "50-199"],
            "salutation": ["du", "sie"],
            "contacted": [a[0], b[0]],
            "replied": [a[1], b[1]],
        }
    )


def test_a_clear_winner_is_said_with_the_tables_difference_in_both_languages():
    result = compare_result(_counts((1000, 250), (1000, 150)), "salutation", "reply_rate")
    note = result.summary()
    assert isinstance(note, Note)
    row = result.table.set_index("level").loc["du" if result.baseline == "sie" else "sie"]
    points = 100 * (250 / 1000 - 150 / 1000)  # the difference by hand
    assert abs(abs(row["diff"]) * 100 - points) < 1e-9
    shown = f"{100 * row['diff']:+.1f}"
    assert f"{shown} pp" in note and "significant" in note
    german = render(note, "de")
    assert f"{shown.replace('.', ',')} Pp." in german
    assert "Antwortquote" in german and "signifikant" in german
    for english in ("beats", "trails", "reply rate", "significant after"):
        assert english not in german


def test_no_clear_difference_reads_as_such_in_german():
    result = compare_result(_counts((400, 60), (400, 58)), "salutation", "reply_rate")
    note = result.summary()
    assert note.startswith("No clear difference")
    german = render(note, "de")
    assert german.startswith("Kein klarer Unterschied") and "kann Zufall sein" in german
