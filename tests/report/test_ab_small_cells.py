"""The A/B page's "cannot be tested here" sentence names the true reason: when every
segment is left out of the test in points because a cell is small, it says so, instead of
claiming the data lacks two levels in two segments."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.report.ab import ab_report
from icplab.report.params import ABTestParams


def _log(small: bool, seed: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 1600
    frame = pd.DataFrame(
        {
            "industry": rng.choice(["IT", "Handel"], n),
            "employees": rng.choice([20, 100], n),
            "replied": (rng.random(n) < 0.12).astype(int),
        }
    )
    if small:  # a third industry with 2 contacts in each size band
        frame.loc[:3, "industry"] = "Bau"
        frame.loc[:3, "employees"] = [20, 20, 100, 100]
    return frame


def _sentence(raw: pd.DataFrame, lang: str) -> str:
    p = ABTestParams(factor="industry", language=lang, within=["size_band"])
    rep = ab_report(p, validate_frame(raw, source="x.csv"), Config())
    return rep.segments[0].sentence


def test_small_cells_are_named_as_the_reason() -> None:
    raw = _log(small=True)
    cells = raw.groupby(["industry", raw["employees"] < 50]).size()
    assert cells.min() < 50 and cells.loc["Bau"].tolist() == [2, 2]  # every band has a tiny cell
    en = _sentence(raw, "en")
    assert "cannot be tested here" in en and "fewer than 50 contacts" in en
    assert "needs at least two" not in en
    de = _sentence(raw, "de")
    assert "weniger als 50 Kontakte" in de and "braucht es mindestens zwei" not in de


def test_without_small_cells_it_is_tested() -> None:
    en = _sentence(_log(small=False), "en")
    assert "cannot be tested here" not in en
