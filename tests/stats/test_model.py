"""The GLM on aggregated counts against a row-level statsmodels Logit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.stats.model import fit_model


def test_counts_glm_reproduces_row_level_logit():
    data = validate_frame(generate_outreach(6000, seed=12), source="gen")
    res = fit_model(data, "reply_rate", interactions=False)
    rows = data.frame[["industry", "size_band", "messaging", "salutation", "replied"]].copy()
    for c in ("industry", "size_band", "messaging", "salutation"):
        rows[c] = rows[c].astype(str)
    logit = smf.logit(
        "replied ~ C(industry) + C(size_band) + C(messaging) + C(salutation)", rows
    ).fit(disp=0)
    pd.testing.assert_series_equal(
        res.params.sort_index(), logit.params.sort_index(), atol=1e-6, check_names=False
    )
    pd.testing.assert_series_equal(
        res.bse.sort_index(), logit.bse.sort_index(), atol=1e-6, check_names=False
    )


def test_interaction_enters_and_recovers_planted_du_effect():
    data = validate_frame(generate_outreach(40_000, seed=3), source="gen")
    res = fit_model(data, "reply_rate")
    assert "C(salutation):C(industry)" in res.formula
    # planted: du vs sie is +0.35 logit in IT; reference industry is Finanzdienstleister (-0.40)
    p = res.params
    it_sie = p["C(salutation)[T.sie]"] + p.get("C(salutation)[T.sie]:C(industry)[T.IT]", 0.0)
    assert -it_sie == pytest.approx(0.35, abs=0.12)


def test_separation_gives_note_not_absurd_estimates():
    agg = pd.DataFrame(
        {
            "industry": ["IT", "IT", "Handel", "Handel", "Bau", "Bau"],
            "salutation": ["du", "sie"] * 3,
            "contacted": [100, 100, 100, 100, 50, 50],
            "replied": [20, 10, 8, 12, 0, 0],
            "meeting": [0] * 6,
        }
    )
    res = fit_model(validate_frame(agg, source="agg"), "reply_rate")
    assert any("separation" in n for n in res.notes)
    assert np.isfinite(res.terms["odds_ratio"]).all() and (res.terms["odds_ratio"] < 100).all()
    assert not any("Bau" in t for t in res.terms["term"])
