"""German sheets name their dates Versanddatum, Antwortdatum, ...: read as the contract's
``*_at`` columns (with the german-crm preset; Versanddatum also without one), so that
maturity is checked instead of "no send dates"."""

from __future__ import annotations

import pandas as pd

from icplab.data.load import load

ROWS = [
    ["1", "IT", "50-199", "Ja", "Ja", "01.03.2026", "04.03.2026", "10.03.2026"],
    ["2", "IT", "50-199", "Nein", "Nein", "02.03.2026", "", ""],
    ["3", "Logistik", "1-49", "Ja", "Nein", "02.03.2026", "20.03.2026", ""],
]
HEADERS = ["Kunden-Nr.", "Branche", "Mitarbeiter", "Antwort", "Termin"]
DATES = ["Versanddatum", "Antwortdatum", "Termindatum"]


def _sheet(tmp_path, headers):
    path = tmp_path / "liste.csv"
    pd.DataFrame(ROWS, columns=headers).to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path


def test_the_preset_reads_every_german_date_column(tmp_path):
    frame = load(_sheet(tmp_path, HEADERS + DATES), preset="german-crm").frame
    for column, header in zip(("sent_at", "replied_at", "meeting_at"), DATES, strict=True):
        expected = pd.to_datetime([r[5 + DATES.index(header)] or None for r in ROWS], dayfirst=True)
        assert list(frame[column]) == list(expected), column


def test_versanddatum_is_a_send_date_without_a_preset(tmp_path):
    frame = load(_sheet(tmp_path, HEADERS + ["Versanddatum", "x", "y"])).frame
    assert list(frame["sent_at"].dt.strftime("%d.%m.%Y")) == [r[5] for r in ROWS]
