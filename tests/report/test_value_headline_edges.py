"""The value headline of 06 on edge logs: the cell named as having "most" deals is the one
with the most deals (counted here from the rows), and a log whose deals carry no value
does not judge an ICP against a target of EUR 0."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.report import funnel_report as fr


def _log(seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cells = {("IT", 20): 250, ("Handel", 20): 250, ("Handel", 100): 250, ("Logistik", 800): 4}
    parts = []
    for (ind, emp), n in cells.items():
        replied = (rng.random(n) < 0.15).astype(int)
        parts.append(pd.DataFrame({"industry": ind, "employees": emp, "replied": replied}))
    df = pd.concat(parts, ignore_index=True)
    df["meeting"] = df["replied"]
    df["qualified"] = df["replied"]
    df["deal"] = 0
    df["sent_at"] = "2026-03-01"
    # the only deal sits in the small cell (untested by size), worth EUR 50,000
    df.loc[df.index[df["industry"] == "Logistik"][0], ["replied", "meeting", "qualified"]] = 1
    df.loc[df.index[df["industry"] == "Logistik"][0], "deal"] = 1
    df["deal_value"] = np.where(df["deal"] == 1, 50000.0, np.nan)
    return df


def _conclusion(raw: pd.DataFrame, lang: str) -> str:
    log = validate_frame(raw, source="x.csv")
    cfg = Config(as_of=date(2026, 9, 30))
    rep = fr.funnel_value(fr.FunnelValueParams(language=lang), log, cfg)
    return rep.conclusion


def test_most_deals_names_the_cell_that_has_them() -> None:
    raw = _log()
    deals = raw.groupby(["industry", "employees"])["deal"].sum()
    top = deals.idxmax()  # ('Logistik', 800): 1 deal
    assert top == ("Logistik", 800) and deals.max() == 1
    en = _conclusion(raw, "en")
    assert "most: Logistik 500+ with 1" in en
    de = _conclusion(raw, "de")
    assert "die meisten: Logistik 500+ mit 1" in de


def test_no_deal_value_judges_nothing_by_money() -> None:
    raw = _log()
    raw["deal"] = 0
    raw["deal_value"] = 0.0
    en, de = _conclusion(raw, "en"), _conclusion(raw, "de")
    assert "€0" not in en and "cannot be judged by money yet" in en
    assert "most:" not in en
    assert "0 €" not in de and "nach Umsatz lässt sich das ICP noch nicht" in de
