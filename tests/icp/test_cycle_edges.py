"""The cycle on edge logs: no event at all (the date column then empty and absent), dates
before the first touch, and what the notes say about them."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

import icplab
from icplab.core.config import Config
from icplab.core.notes import render

AS_OF = "2026-10-01"


def _log(n: int = 400, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sent = pd.Timestamp("2026-03-01") + pd.to_timedelta(rng.integers(0, 200, n), unit="D")
    return pd.DataFrame(
        {
            "industry": "IT",
            "employees": rng.choice([20, 800], n),
            "replied": 0,
            "sent_at": sent.strftime("%Y-%m-%d"),
            "replied_at": "",  # nobody replied: empty in every row, so treated as absent
        }
    )


def test_no_event_at_all_is_estimated_not_refused() -> None:
    raw = _log()
    res = icplab.cycle(
        raw, step="replied", by="size_band", horizon=30, as_of=AS_OF, config=Config()
    )
    followed = (pd.Timestamp(AS_OF) - pd.to_datetime(raw["sent_at"])).dt.days
    for lv in res.to_dict()["levels"]:
        band = raw["employees"] >= 500 if lv["level"] == "500+" else raw["employees"] < 50
        assert lv["n"] == int(band.sum()) and lv["events"] == 0 and lv["cumulative"] == 0.0
        at_risk = int((followed[band] >= 30).sum())  # observed for the whole horizon
        assert lv["at_risk"] == at_risk
        # the exact upper bound for 0 events among them (Clopper-Pearson, scipy's beta)
        assert lv["ci_low"] == 0.0
        assert abs(lv["ci_high"] - stats.beta.ppf(0.975, 1, at_risk)) < 1e-12
    note = res.to_dict()["notes"][-1]
    assert "No contact in 1-49, 500+ has reached replied yet" in note


def test_a_date_before_the_first_touch_is_named_as_such() -> None:
    raw = _log()
    raw.loc[:9, "replied"] = 1
    raw.loc[:2, "replied_at"] = "2026-01-01"  # before every sent_at
    raw.loc[3:9, "replied_at"] = "2026-09-30"
    res = icplab.cycle(raw, step="replied", horizon=30, as_of=AS_OF, config=Config())
    out = res.to_dict()
    assert out["left_out"] == 3 and out["left_out_reasons"] == {"date before sent_at": 3}
    note = next(n for n in out["notes"] if n.startswith("Left out"))
    assert note == "Left out: 3 with replied_at before sent_at."  # no word of missing dates
    assert render(note, "de") == "Nicht berücksichtigt: 3 mit replied_at vor sent_at."


def test_a_deal_dated_before_its_reply_is_named() -> None:
    raw = _log()
    raw["deal"] = 0
    raw["deal_at"] = ""
    raw.loc[:5, ["replied", "deal"]] = 1
    raw.loc[:5, "replied_at"] = "2026-09-25"
    raw.loc[:1, "deal_at"] = "2026-09-24"  # before the reply: out of order
    raw.loc[2:5, "deal_at"] = "2026-09-28"
    raw.loc[:5, "sent_at"] = "2026-09-01"
    raw["meeting"] = raw["deal"]
    expected = int((pd.to_datetime(raw["deal_at"]) < pd.to_datetime(raw["replied_at"])).sum())  # 2
    out = icplab.cycle(raw, step="deal", horizon=90, as_of=AS_OF, config=Config()).to_dict()
    note = next(n for n in out["notes"] if "before an earlier step" in n)
    assert note.startswith(
        f"{expected} contact(s) reached deal before an earlier step (replied_at)"
    )
    clean = raw.assign(deal_at=raw["deal_at"].replace("2026-09-24", "2026-09-26"))
    out = icplab.cycle(clean, step="deal", horizon=90, as_of=AS_OF, config=Config()).to_dict()
    assert not any("before an earlier step" in n for n in out["notes"])
