"""The 09 headline on a handful of deals: it gives the medians with how many contacts they
rest on and does not call one segment slower than another."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.report import cycle_report as cr


def _log(deals_small: int, deals_big: int, n: int = 400, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sent = pd.Timestamp("2026-01-05") + pd.to_timedelta(rng.integers(0, 60, n), unit="D")
    big = np.arange(n) >= n // 2
    deal = np.zeros(n, dtype=int)
    deal[:deals_small] = 1
    deal[n // 2 : n // 2 + deals_big] = 1
    lag = np.where(big, 120, 30)
    return pd.DataFrame(
        {
            "industry": "IT",
            "employees": np.where(big, 800, 20),
            "replied": deal,
            "meeting": deal,
            "deal": deal,
            "sent_at": sent.strftime("%Y-%m-%d"),
            "deal_at": np.where(
                deal == 1, (sent + pd.to_timedelta(lag, unit="D")).strftime("%Y-%m-%d"), ""
            ),
        }
    )


def _headline(raw: pd.DataFrame, lang: str) -> str:
    log = validate_frame(raw, source="x.csv")
    p = cr.CycleParams(language=lang, by="size_band")
    return cr.cycle_report(p, log, Config(as_of=date(2026, 9, 30))).conclusion


def test_a_handful_of_deals_is_named_and_not_compared() -> None:
    raw = _log(1, 3)
    counts = raw[raw["deal"] == 1].groupby(raw["employees"] >= 500).size()  # 1 and 3
    assert counts.tolist() == [1, 3]
    en = _headline(raw, "en")
    assert "30 days in 1-49, 120 days in 500+, from only 1 and 3" in en
    assert "Judge slow segments" not in en
    de = _headline(raw, "de")
    assert "aus nur 1 bzw. 3 Kontakt(en)" in de and "Langsame Segmente" not in de


def test_enough_deals_keep_the_comparison() -> None:
    en = _headline(_log(12, 9), "en")
    assert "30 days in 1-49, 120 days in 500+. Judge slow segments" in en
