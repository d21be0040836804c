"""The planner's words on edge budgets: a wave smaller than the open cells must not say a
cell got nothing because it "already has a large share of the contacts"."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

import icplab
from icplab.core.config import Config
from icplab.core.notes import render


def _log(n: int = 720, seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "industry": rng.choice(["IT", "Handel", "Logistik"], n),
            "employees": rng.choice([20, 100, 300, 800], n),
            "replied": (rng.random(n) < 0.14).astype(int),
            "sent_at": "2026-03-01",
        }
    )


def test_a_wave_smaller_than_the_open_cells_says_so() -> None:
    res = icplab.next_batch(_log(), contacts=5, as_of=date(2026, 9, 30), config=Config())
    out = res.to_dict()
    rows = out["allocation"]
    open_rows = [r for r in rows if r["status"] == "open"]
    assert len(open_rows) == 12 and sum(r["contacts"] for r in rows) == 5
    for r in open_rows:
        if r["contacts"] == 0:
            assert "too small to reach every open cell" in r["explanation"]["en"]
            assert "large share" not in r["explanation"]["en"]
            assert "zu klein" in r["explanation"]["de"]
    note = next(n for n in out["notes"] if "smaller than" in n)
    assert note.startswith("The wave of 5 contacts is smaller than the 12 open cells")
    assert render(note, "de").startswith("Die Welle von 5 Kontakten ist kleiner als die 12")


def test_a_large_wave_keeps_its_words() -> None:
    out = icplab.next_batch(_log(), contacts=5000, as_of=date(2026, 9, 30), config=Config())
    notes = out.to_dict()["notes"]
    assert not any("smaller than" in n for n in notes)
    assert sum(r["contacts"] for r in out.to_dict()["allocation"]) == 5000
