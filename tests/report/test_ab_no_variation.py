"""An A/B page where every level is at 0 % (nobody replied): the conclusion says there is
nothing to tell apart, with no empty range ("plausible range  to")."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.report.ab import ab_report
from icplab.report.params import ABTestParams


@pytest.mark.parametrize(
    ("lang", "words", "rate"),
    [("en", "nothing tells the levels apart", "0.0 %"), ("de", "nichts unterscheidet", "0,0 %")],
)
def test_all_levels_at_zero_say_so(lang: str, words: str, rate: str) -> None:
    rng = np.random.default_rng(0)
    raw = pd.DataFrame(
        {"industry": rng.choice(["IT", "Handel", "Bau"], 450), "employees": 20, "replied": 0}
    )
    p = ABTestParams(factor="industry", language=lang, within=[])
    rep = ab_report(p, validate_frame(raw, source="x.csv"), Config(sequential=True))
    assert words in rep.conclusion and rate in rep.conclusion
    assert "450" in rep.conclusion  # every contact, counted here: len(raw)
    assert " to ," not in rep.conclusion and " bis ," not in rep.conclusion
    assert rep.answer == "no_difference"
