"""05 without a single reply: the page renders and says it cannot plan from 0 %, instead
of failing the report."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.report import content as rc
from icplab.report.params import SampleSizeParams


@pytest.mark.parametrize(("lang", "words"), [("en", "Cannot plan"), ("de", "Keine Planung")])
def test_no_reply_yet_is_said_not_raised(lang: str, words: str) -> None:
    rng = np.random.default_rng(1)
    raw = pd.DataFrame(
        {
            "industry": rng.choice(["IT", "Handel"], 300),
            "employees": 20,
            "replied": 0,
            "sent_at": "2026-03-01",
        }
    )
    assert raw["replied"].sum() == 0
    p = SampleSizeParams(language=lang)
    plan = rc.sample_size(p, validate_frame(raw, source="x.csv"), Config(as_of=date(2026, 9, 30)))
    assert plan.table.empty and plan.conclusion.startswith(words)
    assert ("0.0 %" if lang == "en" else "0,0 %") in plan.conclusion
    assert rc.finish_sample_size(p, plan).verdict == "info"


def test_with_replies_the_plan_is_unchanged() -> None:
    rng = np.random.default_rng(2)
    raw = pd.DataFrame(
        {"industry": "IT", "employees": 20, "replied": (rng.random(400) < 0.12).astype(int)}
    )
    plan = rc.sample_size(SampleSizeParams(), validate_frame(raw, source="x.csv"), Config())
    assert len(plan.table) == 3 and not plan.conclusion.startswith("Cannot")
