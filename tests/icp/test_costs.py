"""CAC, LTV:CAC and payback against a hand computation on a fixture."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.icp.costs import unit_economics
from icplab.icp.scope import Scope

TOML = """
[costs]
per_contact = { email = 0.5, linkedin = 3.0 }
monthly_fixed = 300
gross_margin = 0.8
ltv_months = 24
"""


def fixture() -> pd.DataFrame:
    """Band 1-49: 80 e-mail + 40 LinkedIn contacts, 6 deals at EUR 500 a month; band 500+:
    80 LinkedIn contacts, 2 deals at EUR 2,000 a month; sent over 61 days."""
    sent = pd.date_range("2026-01-01", "2026-03-02", freq="D")  # 61 days
    n = 200
    band = np.array(["1-49"] * 120 + ["500+"] * 80)
    channel = np.array(["email"] * 80 + ["linkedin"] * 40 + ["linkedin"] * 80)
    deal = np.zeros(n, dtype=int)
    deal[[0, 10, 20, 85, 95, 110]] = 1
    deal[[130, 170]] = 1
    value = np.where(deal == 1, np.where(band == "500+", 2000.0, 500.0), 0.0)
    return pd.DataFrame(
        {
            "size_band": band,
            "channel": channel,
            "contacted": 1,
            "replied": deal,
            "meeting": deal,
            "deal": deal,
            "deal_value": value,
            "sent_at": np.resize(sent.to_numpy(), n),
        }
    )


def test_cac_ltv_and_payback_match_a_hand_computation():
    cfg = Config.from_toml_text(TOML)
    res = unit_economics(fixture(), by="size_band", scope=Scope(config=cfg, as_of="2027-01-01"))
    rows = {r["level"]: r for r in res.to_dict()["rows"]}
    months = 61 / (365.25 / 12)
    fixed_each = 300 * months / 200
    hand = {
        "1-49": (80 * 0.5 + 40 * 3.0 + 120 * fixed_each, 120, 6, 500.0),
        "500+": (80 * 3.0 + 80 * fixed_each, 80, 2, 2000.0),
    }
    for level, (cost, n, deals, monthly) in hand.items():
        r = rows[level]
        lo, hi = proportion_confint(deals, n, alpha=0.05, method="wilson")
        cac = cost / deals
        ltv = monthly * 0.8 * 24
        assert r["cost"] == pytest.approx(cost)
        assert r["cac"] == pytest.approx(cac)
        assert r["cac_low"] == pytest.approx(cost / n / hi)
        assert r["cac_high"] == pytest.approx(cost / n / lo)
        assert r["ltv"] == pytest.approx(ltv)
        assert r["ltv_cac"] == pytest.approx(ltv / cac)
        assert r["ltv_cac_low"] == pytest.approx(ltv * lo / (cost / n))
        assert r["ltv_cac_high"] == pytest.approx(ltv * hi / (cost / n))
        assert r["payback_months"] == pytest.approx(cac / (monthly * 0.8))
    assert res.to_dict()["benchmark_ltv_cac"] == 3.0


def test_no_deal_gives_null_not_infinity():
    frame = fixture()
    frame["deal"] = 0
    frame["deal_value"] = 0.0
    out = unit_economics(
        frame, scope=Scope(config=Config.from_toml_text(TOML), as_of="2027-01-01")
    ).to_dict()
    json.dumps(out, allow_nan=False)
    assert out["rows"][0]["cac"] is None and out["rows"][0]["ltv_cac_low"] in (None, 0.0)


def test_without_costs_configured_says_how():
    with pytest.raises(UsageError, match=r"\[costs\]"):
        unit_economics(fixture(), scope=Scope(config=Config()))
