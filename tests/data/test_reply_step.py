"""``reply_step`` and the dates of section 10 at read; ``reply_rate_first_touch``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import icplab
from icplab.core.config import Config
from icplab.core.errors import InputError


def _frame(n: int = 300, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    replied = rng.random(n) < 0.3
    step = np.where(replied, rng.integers(1, 5, n), 0)
    return pd.DataFrame(
        {
            "prospect_id": [f"p{i}" for i in range(n)],
            "industry": rng.choice(["IT", "Logistik"], n),
            "employees": 40,
            "messaging": "a",
            "salutation": "du",
            "replied": replied.astype(int),
            "meeting": 0,
            "reply_step": pd.array(np.where(replied, step, 0), dtype="Int64").astype(object),
            "deal_at": "",
            "qualified_at": "2026-02-01",
        }
    ).assign(reply_step=lambda f: [str(v) if v else "" for v in f["reply_step"]])


def test_first_touch_reply_rate_counts_replies_to_the_first_message():
    frame = _frame()
    res = icplab.compare(frame, by="industry", metric="reply_rate_first_touch", config=Config())
    for row in res.to_dict()["rows"]:
        part = frame[frame["industry"] == row["level"]]
        assert row["n"] == len(part)
        assert row["successes"] == int(((part["replied"] == 1) & (part["reply_step"] == "1")).sum())


def test_dates_are_parsed():
    log = icplab.load(_frame(), config=Config())
    assert pd.api.types.is_datetime64_any_dtype(log.frame["qualified_at"])


@pytest.mark.parametrize("bad", ["0", "1.5", "zwei"])
def test_reply_step_must_be_a_whole_number_from_one(bad):
    frame = _frame(20)
    frame.loc[7, "reply_step"] = bad
    with pytest.raises(InputError) as exc:
        icplab.load(frame, config=Config())
    text = str(exc.value)
    assert "reply_step" in text and "row 9" in text


def test_metric_without_reply_step_says_what_is_missing():
    frame = _frame().drop(columns="reply_step")
    with pytest.raises(icplab.IcpLabError, match="reply_step"):
        icplab.compare(frame, by="industry", metric="reply_rate_first_touch", config=Config())
