"""Verdicts and more_contacts_needed against the Wilson interval, brute force and statsmodels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from icplab.core.config import Config
from icplab.core.errors import ConfigError, NotEnoughDataError
from icplab.icp.scope import Scope
from icplab.icp.settle import trials_to_settle
from icplab.icp.verdicts import (
    check,
    check_all,
    more_contacts_needed,
    overall_verdict,
    verdict,
)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 3000), st.floats(0, 1), st.floats(0.02, 0.5))
def test_verdict_follows_wilson(n, frac, target):
    s = int(round(frac * n))
    lo, hi = proportion_confint(s, n, method="wilson")
    expected = "pass" if lo >= target else "fail" if hi < target else "inconclusive"
    assert str(verdict(s, n, target)) == expected


def _brute_force(p, t, n_max=20000):
    from icplab.stats.proportions import wilson_interval

    n = np.arange(1, n_max + 1, dtype=float)
    lo, hi = wilson_interval(p * n, n)
    ok = lo >= t if p > t else hi < t
    return float(n[np.argmax(ok)]) if ok.any() else math.nan


@pytest.mark.parametrize(
    "p,t",
    [(0.2, 0.15), (0.1, 0.15), (0.0, 0.05), (0.3, 0.1), (0.16, 0.15), (0.12, 0.1), (0.5, 0.05)],
)
def test_trials_to_settle_is_the_first_settling_n(p, t):
    assert float(trials_to_settle(p, t)) == _brute_force(p, t)


def _settles_at_quantile(s, n, t, m, z=0.8416212335729143):
    """Independent check: Wilson verdict at the unfavourable 80 % quantile after m more."""
    from statsmodels.stats.proportion import proportion_confint

    p = s / n
    spread = z * math.sqrt(m * p * (1 - p)) + 0.5
    x = s + m * p + (-spread if p > t else spread)
    lo, hi = proportion_confint(x, n + m, method="wilson")
    return lo >= t if p > t else hi < t


def test_more_contacts_needed_cases():
    # 80 % settling (CONTRACT section 2; was the 50 % "rate persists" figure before).
    # inconclusive: 20/120 vs 15 %; pass: 0; fail: 0; on target: NaN; no data: NaN
    out = more_contacts_needed([20, 160, 30, 30, 0], [120, 840, 400, 200, 0], 0.15)
    assert out[1] == 0 and out[2] == 0
    assert math.isnan(out[3]) and math.isnan(out[4])
    # the smallest m that settles at the unfavourable 80 % quantile: m settles, m - 1 not
    extra = int(out[0])
    assert _settles_at_quantile(20, 120, 0.15, extra)
    assert not _settles_at_quantile(20, 120, 0.15, extra - 1)
    # more than the 50 % figure (the rate-persists estimate)
    assert extra > _brute_force(20 / 120, 0.15) - 120


def test_more_contacts_converts_leads_into_contacts():
    need_leads = float(more_contacts_needed(5, 50, 0.05))
    out = more_contacts_needed(5, 50, 0.05, contacts=1000)
    assert float(out) == math.ceil(need_leads * 1000 / 50)


def test_overall_verdict():
    assert overall_verdict(["pass", "pass"]) == "pass"
    assert overall_verdict(["pass", "fail", "inconclusive"]) == "fail"
    assert overall_verdict(["pass", "inconclusive"]) == "inconclusive"


def frame():
    return pd.DataFrame(
        {
            "industry": ["Logistik", "Logistik", "IT", "Handel"],
            "employees": [60, 300, 100, 40],
            "contacted": [840, 200, 300, 50],
            "replied": [160, 20, 20, 0],
            "meeting": [100, 10, 5, 0],
            "qualified": [40, 5, 0, 0],
            "deal": [4, 0, 0, 0],
        }
    )


def test_check_json_matches_contract_and_references():
    cfg = Config.from_toml_text(
        '[[theses]]\nname = "logistik-50-199"\nstatement = "s"\n'
        'where = { industry = ["Logistik"], employees = [50, 199] }\n'
    )
    d = check(frame(), "logistik-50-199", scope=Scope(config=cfg)).to_dict()
    assert list(d)[:4] == ["thesis", "n", "metrics", "verdict"]
    assert d["thesis"] == "logistik-50-199" and d["n"] == 840
    m = {x["metric"]: x for x in d["metrics"]}
    assert list(m["reply_rate"]) == [
        "metric",
        "target",
        "successes",
        "n",
        "rate",
        "ci_low",
        "ci_high",
        "verdict",
        "more_contacts_needed",
        "denominator",  # CONTRACT section 2: the denominator actually used
        "more_contacts_high",
        "below_target_so_far",
        "final",
        "inference",
    ]
    assert m["reply_rate"]["denominator"] == "contacted"
    assert m["deal_rate"]["denominator"] == "qualified"
    lo, hi = proportion_confint(160, 840, method="wilson")
    assert (m["reply_rate"]["ci_low"], m["reply_rate"]["ci_high"]) == pytest.approx((lo, hi))
    assert m["reply_rate"]["verdict"] == "pass" and m["reply_rate"]["more_contacts_needed"] == 0
    assert m["deal_rate"]["n"] == 40 and m["deal_rate"]["successes"] == 4
    assert m["deal_rate"]["verdict"] == "inconclusive"
    expected = math.ceil(float(more_contacts_needed(4, 40, 0.05)) * 840 / 40 - 1e-9)
    assert m["deal_rate"]["more_contacts_needed"] == expected
    assert d["verdict"] == "inconclusive"


def test_check_adhoc_segment_no_qualified_and_empty():
    r = check(frame(), {"industry": ("IT",)})
    assert r.thesis == "segment" and r.n == 300
    deal = next(m for m in r.metrics if m.metric == "deal_rate")
    assert deal.to_dict()["rate"] is None and deal.to_dict()["more_contacts_needed"] is None
    assert (deal.ci_low, deal.ci_high) == (0.0, 1.0)
    assert any("no qualified" in n for n in r.notes)
    with pytest.raises(NotEnoughDataError, match="no contacts match"):
        check(frame(), {"industry": ("Bau",)})
    with pytest.raises(ConfigError, match="known theses"):
        check(frame(), "nope", scope=Scope(config=Config()))


def test_check_without_deal_column_leaves_it_out():
    r = check(frame().drop(columns=["deal"]), {})
    assert [m.metric for m in r.metrics] == ["reply_rate", "meeting_rate"]
    assert any("deal_rate left out" in n for n in r.notes)


def test_check_all():
    cfg = Config.from_toml_text(
        '[[theses]]\nname = "a"\nwhere = { industry = ["IT"] }\n'
        '[[theses]]\nname = "b"\nwhere = { industry = ["Bau"] }\n'
    )
    res = check_all(frame(), Scope(config=cfg), ["reply_rate"])
    assert [r.thesis for r in res] == ["a", "b"]
    # counts carry no send dates: below target so far, never a final fail (CONTRACT 2)
    assert res[0].verdict == "inconclusive" and res[1].n == 0 and res[1].notes
    assert res[0].maturity == "unknown" and res[0].metrics[0].below_target_so_far
    off = Config.from_toml_text(
        '[[theses]]\nname = "a"\nwhere = { industry = ["IT"] }\n'
        "[metrics.reply_rate]\nwindow_days = 0\n"
    )
    (final,) = check_all(frame(), Scope(config=off), ["reply_rate"])
    assert final.verdict == "fail" and final.maturity == "off"
    with pytest.raises(ConfigError, match="no theses"):
        check_all(frame(), Scope(config=Config()))
