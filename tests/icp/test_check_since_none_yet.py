"""A thesis with ``since`` after the last send (as refine --propose writes it): the error
says that none of the segment's contacts was sent since then, not that its filters match
nothing together."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import icplab
from icplab.core.config import Config, Thesis
from icplab.core.errors import NotEnoughDataError
from icplab.core.notes import render


def test_no_contact_since_is_named() -> None:
    raw = pd.DataFrame(
        {
            "industry": ["IT"] * 30 + ["Handel"] * 20,
            "employees": 20,
            "replied": 0,
            "sent_at": "2026-03-01",
        }
    )
    thesis = Thesis("it", "IT", {"industry": ("IT",)}, since=date(2026, 10, 1))
    cfg = Config(as_of=date(2026, 10, 20), theses=(thesis,))
    with pytest.raises(NotEnoughDataError) as exc:
        icplab.check(raw, thesis="it", config=cfg)
    n_it = int((raw["industry"] == "IT").sum())  # 30: the segment does match contacts
    text = str(exc.value)
    assert f"none of its {n_it} contacts was sent on or after 2026-10-01" in text
    assert "none match all of them together" not in text
    assert "01.10.2026" in render(exc.value.args[0], "de")
