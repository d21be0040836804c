"""An account's own status labels next to a preset's known ones (HubSpot lead statuses):
read as "no", as the preset says, and named by validate in English and German (the JSON
key ``unknown_labels`` only when there are any), so a reply hidden behind an own label
is never dropped without a word."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from icplab.data.load import load
from icplab.data.summary import describe


def _export(path: Path, statuses: list[str]) -> Path:
    n = len(statuses)
    pd.DataFrame(
        {
            "Datensatz-ID": np.arange(n),
            "Branche": "IT",
            "Anzahl der Mitarbeiter": 50,
            "Lead-Status": statuses,
            "Lifecycle-Phase": "Lead",
        }
    ).to_csv(path, index=False, sep=";")
    return path


def test_own_labels_are_named(tmp_path: Path) -> None:
    statuses = ["In Bearbeitung"] * 10 + ["Schlechtes Timing"] * 7 + ["Neu"] * 20
    data = load(_export(tmp_path / "hs.csv", statuses), preset="hubspot")
    assert int(data.frame["replied"].sum()) == 10  # the preset's own reading
    summary = describe(data)
    assert summary.to_dict()["unknown_labels"] == {"Lead-Status": ["Schlechtes Timing"]}
    assert "'Schlechtes Timing'" in summary.to_text("en")
    assert "als „nein“ gelesen: 'Schlechtes Timing'" in summary.to_text("de")


def test_no_key_when_every_label_is_known(tmp_path: Path) -> None:
    statuses = ["In Bearbeitung"] * 10 + ["Neu"] * 20
    summary = describe(load(_export(tmp_path / "hs.csv", statuses), preset="hubspot"))
    assert "unknown_labels" not in summary.to_dict()
    assert "does not know" not in summary.to_text("en")


def test_a_personal_value_in_a_status_column_is_never_shown(tmp_path: Path) -> None:
    private = ["max.mustermann@example.com", "+49 170 1234567"]
    statuses = ["In Bearbeitung"] * 10 + ["Schlechtes Timing"] * 3 + private + ["Neu"] * 20
    summary = describe(load(_export(tmp_path / "hs.csv", statuses), preset="hubspot"))
    shown = summary.to_text("en") + summary.to_text("de") + str(summary.to_dict())
    assert "Schlechtes Timing" in shown
    assert not any(p in shown for p in private)
