"""compare's one-line summary on logs without variation: no traceback, and words that
match the numbers (every level at 0 %; 0 % against 100 %)."""

from __future__ import annotations

import pandas as pd
import pytest
from scipy import stats

import icplab
from icplab.core.config import Config
from icplab.core.notes import render


@pytest.mark.parametrize("sequential", [True, False])
def test_every_level_at_zero(sequential: bool) -> None:
    df = pd.DataFrame({"industry": ["IT"] * 50 + ["Bau"] * 40, "employees": 20, "replied": 0})
    r = icplab.compare(
        df, by="industry", metric="reply_rate", sequential=sequential, config=Config()
    )
    text = r.summary()
    if sequential:  # no range at the same edge: said in words
        assert text == (
            "Nothing to compare on reply rate: every level is at 0.0 % so far, so nothing "
            "tells them apart."
        )
        assert "0,0 %" in render(text, "de")
    else:  # Newcombe gives a range around 0
        assert "No clear difference" in text and "nan" not in text


def test_zero_against_all_is_named_as_a_difference() -> None:
    df = pd.DataFrame(
        {"industry": ["IT"] * 40 + ["Bau"] * 30, "employees": 20, "replied": [0] * 40 + [1] * 30}
    )
    assert stats.fisher_exact([[30, 0], [0, 40]])[1] < 1e-15
    for sequential in (True, False):
        r = icplab.compare(
            df, by="industry", metric="reply_rate", sequential=sequential, config=Config()
        )
        assert r.summary().startswith("Bau beats IT on reply rate: +100.0 pp")
