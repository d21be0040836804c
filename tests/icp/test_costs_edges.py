"""Unit economics at the edges: no cost at all (LTV:CAC unbounded, clearly above 3:1) and
no deal (nothing above the benchmark can be claimed)."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from icplab.core.config import Config
from icplab.icp.costs import unit_economics
from icplab.icp.scope import Scope
from icplab.report.cost_report import cost_table
from icplab.report.params import ReportParams

FREE = """
[costs]
per_contact = { default = 0.0 }
monthly_fixed = 0
gross_margin = 0.8
ltv_months = 24
"""


def _log(deals: int) -> pd.DataFrame:
    n = 100
    deal = np.zeros(n, dtype=int)
    deal[:deals] = 1
    return pd.DataFrame(
        {
            "size_band": "1-49",
            "contacted": 1,
            "replied": deal,
            "meeting": deal,
            "deal": deal,
            "deal_value": np.where(deal == 1, 500.0, 0.0),
            "sent_at": pd.Timestamp("2026-01-01"),
        }
    )


def test_free_contacts_with_deals_are_above_the_benchmark() -> None:
    cfg = Config.from_toml_text(FREE)
    scope = Scope(config=cfg, as_of="2027-01-01")
    res = unit_economics(_log(4), by="size_band", scope=scope)
    row = res.rows[0]
    # hand: cost 0, CAC 0, LTV = 500 * 0.8 * 24 > 0, so LTV / CAC has no bound
    assert row.cost == 0.0 and row.cac == 0.0
    assert row.ltv == 500.0 * 0.8 * 24
    assert row.ltv_cac_low == math.inf and row.vs_benchmark == "above"
    out = res.to_dict()["rows"][0]
    assert out["ltv_cac"] is None and out["ltv_cac_low"] is None  # JSON: null, not Infinity
    json.dumps(res.to_dict(), allow_nan=False)
    for lang, word, above in (
        ("en", "unbounded (no cost)", "above 3:1"),
        ("de", "unbegrenzt", "über 3:1"),
    ):
        t = cost_table(ReportParams(language=lang), _log(4), cfg, "size_band")
        assert t is not None
        assert t.loc[0, "ltv_cac"].startswith(word) and t.loc[0, "vs_benchmark"] == above


def test_no_deal_claims_nothing() -> None:
    for toml in (FREE, FREE.replace("default = 0.0", "default = 2.0")):
        cfg = Config.from_toml_text(toml)
        res = unit_economics(_log(0), scope=Scope(config=cfg, as_of="2027-01-01"))
        row = res.rows[0]
        assert row.deals == 0 and row.vs_benchmark == "open"
        json.dumps(res.to_dict(), allow_nan=False)
