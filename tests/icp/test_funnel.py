"""Funnel, reverse-funnel planner and rejection reasons (CONTRACT section 8).

Rates and intervals are checked against statsmodels, the chi-square against scipy, values
against plain pandas, the planner against its closed form and a simulation.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.stats import chi2_contingency
from statsmodels.stats.proportion import proportion_confint

from icplab.cli import main
from icplab.core.config import Config
from icplab.core.errors import ConfigError, NotEnoughDataError, UsageError
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.icp.funnel import funnel
from icplab.icp.plan import plan, simulate_needed
from icplab.icp.reasons import reasons
from icplab.icp.scope import Scope


@pytest.fixture(scope="module")
def raw():
    return generate_outreach(6000, seed=21)


@pytest.fixture(scope="module")
def data(raw):
    return validate_frame(raw, source="demo.csv")


@pytest.fixture
def csv_path(tmp_path, raw):
    path = tmp_path / "log.csv"
    raw.to_csv(path, index=False)
    return path


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


# ------------------------------------------------------------------ funnel


def _check_stages(stages, frame, pairs):
    assert [(s["stage"], s["of"]) for s in stages] == pairs
    for s in stages:
        succ = int(frame[s["stage"]].sum())
        n = int(frame[s["of"]].sum()) if s["of"] != "contacted" else len(frame)
        lo, hi = proportion_confint(succ, n, alpha=0.05, method="wilson")
        assert (s["successes"], s["n"]) == (succ, n)
        assert s["rate"] == pytest.approx(succ / n)
        assert (s["ci_low"], s["ci_high"]) == pytest.approx((lo, hi), rel=1e-9)


FULL = [
    ("replied", "contacted"),
    ("meeting", "replied"),
    ("qualified", "meeting"),
    ("deal", "qualified"),
]


def test_funnel_stages_match_statsmodels(raw, data):
    d = funnel(data).to_dict()
    _check_stages(d["stages"], raw, FULL)
    assert d["value_per_contact"] == pytest.approx(raw["deal_value"].fillna(0).sum() / len(raw))
    assert d["mean_deal_value"] == pytest.approx(
        raw["deal_value"].fillna(0).sum() / raw["deal"].sum()
    )


def test_funnel_by_level_and_where(raw, data):
    res = funnel(data, by="size_band", scope=Scope(where={"industry": ("IT",)}))
    d = json.loads(json.dumps(res.to_dict(), allow_nan=False))
    it = raw[raw["industry"] == "IT"]
    _check_stages(d["stages"], it, FULL)
    bands = pd.cut(
        it["employees"], [0, 49, 199, 499, np.inf], labels=["1-49", "50-199", "200-499", "500+"]
    )
    assert [lv["level"] for lv in d["levels"]] == ["1-49", "50-199", "200-499", "500+"]
    for lv in d["levels"]:
        part = it[(bands == lv["level"]).to_numpy()]
        _check_stages(lv["stages"], part, FULL)
        assert lv["contacts"] == len(part)
        assert lv["value_per_contact"] == pytest.approx(part["deal_value"].fillna(0).mean())
    tidy = res.to_frame()
    assert set(tidy["level"]) == {"all", "1-49", "50-199", "200-499", "500+"}
    assert len(tidy) == 5 * 4


def test_funnel_missing_step_counts_of_last_present(raw):
    no_q = validate_frame(raw.drop(columns=["qualified"]), source="x.csv")
    d = funnel(no_q).to_dict()
    _check_stages(
        d["stages"], raw, [("replied", "contacted"), ("meeting", "replied"), ("deal", "meeting")]
    )
    bare = validate_frame(raw.drop(columns=["qualified", "deal", "deal_value"]), source="x.csv")
    d = funnel(bare).to_dict()
    assert [s["stage"] for s in d["stages"]] == ["replied", "meeting"]
    assert "value_per_contact" not in d


def test_funnel_band_and_leak_on_planted_truth():
    """Planted: Handel replies least (8-9 %) and closes least (12 % of qualified leads, under
    the 15-25 % band); IT closes 28 %. Meeting and qualified steps are the same everywhere."""
    big = validate_frame(generate_outreach(40_000, seed=4), source="big.csv")
    d = funnel(big, by="industry").to_dict()
    lv = {x["level"]: x for x in d["levels"]}
    assert lv["Handel"]["leak"]["stage"] in ("replied", "deal")
    assert lv["Handel"]["leak"]["ratio"] < 0.8
    deal = {x["level"]: [s for s in x["stages"] if s["stage"] == "deal"][0] for x in d["levels"]}
    assert deal["Handel"]["vs_band"] in ("below", "inconclusive")
    assert deal["IT"]["vs_band"] != "below"
    assert d["bands"] == {"deal": [0.15, 0.25], "pipeline": [0.2, 0.3]}


def test_funnel_zero_and_tiny_groups():
    frame = pd.DataFrame(
        {"industry": ["A", "B"], "contacted": [5, 3], "replied": [0, 3], "meeting": [0, 3]}
    )
    d = json.loads(json.dumps(funnel(frame, by="industry").to_dict(), allow_nan=False))
    a = d["levels"][0]["stages"]
    assert a[0]["successes"] == 0 and a[0]["ci_low"] == 0.0
    assert a[1]["n"] == 0 and a[1]["rate"] is None
    b = d["levels"][1]["stages"]
    assert b[0]["rate"] == 1.0 and b[0]["ci_high"] == pytest.approx(1.0)


def test_funnel_bands_config():
    cfg = Config.from_toml_text("[funnel]\nbands = { qualified = [0.5, 0.8], deal = [] }\n")
    assert cfg.funnel_bands == {"pipeline": (0.2, 0.3), "qualified": (0.5, 0.8)}
    with pytest.raises(ConfigError, match="unknown step"):
        Config.from_toml_text("[funnel]\nbands = { sql = [0.1, 0.2] }\n")
    with pytest.raises(ConfigError, match="between 0 and 1"):
        Config.from_toml_text("[funnel]\nbands = { deal = [15, 25] }\n")


def test_funnel_cli_json_and_text(capsys, csv_path, raw):
    code, out, _ = _run(capsys, "funnel", csv_path, "--by", "industry", "--format", "json")
    assert code == 0
    d = json.loads(out)
    _check_stages(d["stages"], raw, FULL)
    assert d["by"] == "industry" and len(d["levels"]) == raw["industry"].nunique()
    code, out, _ = _run(capsys, "funnel", csv_path, "--where", "industry=IT")
    assert code == 0 and "Value per contact" in out
    code, _, err = _run(capsys, "funnel", csv_path, "--by", "colour")
    assert code == 2 and "no such column" in err and "Traceback" not in err


# ------------------------------------------------------------------ plan


def test_plan_closed_form(data, raw):
    seg = raw[raw["industry"] == "Logistik"]
    p = plan(data, 4, scope=Scope(where={"industry": ("Logistik",)}))
    d = p.to_dict()
    # telescoping product: contacts needed = deals x contacts / deals observed
    assert d["contacts_needed"] == pytest.approx(4 * len(seg) / seg["deal"].sum())
    assert d["steps"][3]["needed"] == pytest.approx(4 * seg["qualified"].sum() / seg["deal"].sum())
    assert d["sla"]["lead_to_qualified"] == pytest.approx(
        seg["qualified"].sum() / seg["meeting"].sum()
    )
    assert d["sla"]["qualified_to_deal"] == pytest.approx(
        seg["deal"].sum() / seg["qualified"].sum()
    )
    assert d["sla"]["mean_deal_value"] == pytest.approx(seg["deal_value"].sum() / seg["deal"].sum())
    lo, hi = d["contacts_needed_low"], d["contacts_needed_high"]
    assert lo < d["contacts_needed"] < hi
    assert p.to_frame()["stage"].tolist() == [
        "contacted",
        "replied",
        "meeting",
        "qualified",
        "deal",
    ]


def test_plan_interval_matches_exact_one_step():
    """One step: needed = N / p with p ~ Beta(1+s, 1+n-s); its quantiles are exact."""
    s, n, deals = np.array([12.0]), np.array([400.0]), 3.0
    lo, hi = simulate_needed(s, n, deals, draws=200_000, seed=1)
    exact_lo = deals / stats.beta.ppf(0.975, 1 + s, 1 + n - s)
    exact_hi = deals / stats.beta.ppf(0.025, 1 + s, 1 + n - s)
    assert lo[0] == pytest.approx(exact_lo[0], rel=0.01)
    assert hi[0] == pytest.approx(exact_hi[0], rel=0.01)


def test_plan_delivers_the_deals_in_simulation():
    """Send the planned contacts through a funnel with the true rates: about N deals."""
    rng = np.random.default_rng(8)
    rates = np.array([0.2, 0.6, 0.65, 0.25])
    n = 200_000
    replied = rng.random(n) < rates[0]
    meeting = replied & (rng.random(n) < rates[1])
    qualified = meeting & (rng.random(n) < rates[2])
    deal = qualified & (rng.random(n) < rates[3])
    table = pd.DataFrame(
        {
            "contacted": [n],
            "replied": [replied.sum()],
            "meeting": [meeting.sum()],
            "qualified": [qualified.sum()],
            "deal": [deal.sum()],
        }
    )
    p = plan(table, deals=10)
    contacts = int(round(p.contacts_needed))
    assert contacts == pytest.approx(10 / np.prod(rates), rel=0.03)
    sim = rng.binomial(contacts, np.prod(rates), 20_000)
    assert sim.mean() == pytest.approx(10, rel=0.03)


def test_plan_errors(data):
    with pytest.raises(UsageError, match="deals"):
        plan(data, 0)
    with pytest.raises(NotEnoughDataError, match="deal"):
        plan(pd.DataFrame({"contacted": [10], "replied": [2], "meeting": [1]}), 1)
    zero = pd.DataFrame({"contacted": [100], "replied": [10], "meeting": [5], "deal": [0]})
    d = json.loads(json.dumps(plan(zero, 1).to_dict(), allow_nan=False))
    assert d["contacts_needed"] is None and d["notes"]


def test_plan_cli(capsys, csv_path):
    code, out, _ = _run(
        capsys, "plan", csv_path, "--deals", "3", "--per", "month", "--format", "json"
    )
    assert code == 0 and json.loads(out)["per"] == "month"
    code, out, _ = _run(capsys, "plan", csv_path, "--deals", "3", "--where", "industry=IT")
    assert code == 0 and "SLA figures" in out
    code, _, err = _run(capsys, "plan", csv_path, "--deals", "-1")
    assert code == 2 and "Traceback" not in err


# ------------------------------------------------------------------ reasons


def test_reasons_match_scipy_and_pandas(raw, data):
    d = reasons(data, "industry").to_dict()
    rej = raw[(raw["meeting"] == 1) & (raw["qualified"] == 0)]
    rej = rej[rej["rejection_reason"].fillna("").str.strip() != ""]
    tab = pd.crosstab(rej["industry"], rej["rejection_reason"])
    tab = tab.loc[tab.sum(axis=1) > 0, tab.sum(axis=0) > 0]
    ref = chi2_contingency(tab.to_numpy(), correction=False)
    assert d["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)
    assert d["by"] == "industry"
    for row in d["rows"]:
        assert row["count"] == tab.loc[row["level"], row["reason"]]
        assert row["share"] == pytest.approx(
            tab.loc[row["level"], row["reason"]] / tab.loc[row["level"]].sum()
        )
    assert sum(r["count"] for r in d["rows"]) == len(rej)
    assert list(d)[:3] == ["by", "p_value", "rows"]


def test_reasons_without_qualified_uses_deal(raw):
    f = validate_frame(raw.drop(columns=["qualified"]), source="x.csv")
    r = reasons(f, "industry")
    expected = ((raw["meeting"] == 1) & (raw["deal"] == 0)).sum()
    assert r.rejected == expected and "without a deal" in r.rejected_as


def test_reasons_single_level_has_no_test():
    f = pd.DataFrame(
        {
            "industry": "IT",
            "contacted": 1,
            "meeting": 1,
            "qualified": 0,
            "rejection_reason": ["Timing", "kein Budget", "Timing"],
        }
    )
    r = reasons(f, "industry").to_dict()
    assert r["p_value"] is None and len(r["rows"]) == 2


def test_reasons_by_month_and_cli(capsys, csv_path):
    code, out, _ = _run(capsys, "reasons", csv_path, "--by", "month", "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert all(len(r["level"]) == 7 for r in d["rows"])
    code, out, _ = _run(capsys, "reasons", csv_path, "--by", "industry")
    assert code == 0 and "chi-square" in out


def test_compare_by_rejection_reason_points_to_reasons(capsys, csv_path):
    code, out, err = _run(
        capsys, "compare", csv_path, "--by", "rejection_reason", "--metric", "reply_rate"
    )
    assert code == 2 and "icplab reasons" in err and out == ""


def test_report_tables_escape_user_text():
    from icplab.report.closed_loop import ClosedLoopParams, closed_loop
    from icplab.report.notebook_kit import table_html

    f = pd.DataFrame(
        {
            "industry": ["<b>IT</b>", "<b>IT</b>", "Handel"],
            "contacted": 1,
            "meeting": 1,
            "qualified": 0,
            "rejection_reason": ["<script>x</script>", "Timing", "Timing"],
        }
    )
    rep = closed_loop(ClosedLoopParams(), f, Config())
    page = table_html(rep.segment_table)
    assert "<script>" not in page and "<b>IT</b>" not in page
    assert "&lt;script&gt;" in page
