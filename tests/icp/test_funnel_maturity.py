"""Funnel, plan and reasons on a running campaign: only mature contacts count.

Checked against plain pandas on the mature rows, statsmodels' Wilson interval, the
pre-maturity output (everything mature), and a simulation with a planted response lag.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from icplab.cli import main
from icplab.data.load import validate_frame
from icplab.data.sample import SNAPSHOT, generate_outreach
from icplab.icp.funnel import funnel
from icplab.icp.plan import plan
from icplab.icp.reasons import reasons
from icplab.icp.scope import Scope

NEW_KEYS = (
    "as_of",
    "maturing",
    "maturing_by_stage",
    "maturity",
    "late_successes",
    "late_unchecked",
    "notes",
)
WINDOWS = {"replied": 28, "meeting": 42, "qualified": 90, "deal": 90}


@pytest.fixture(scope="module")
def raw():
    return generate_outreach(4000, seed=17, running=3000)


@pytest.fixture(scope="module")
def data(raw):
    return validate_frame(raw, source="running.csv")


def _strip(d):
    return {k: v for k, v in d.items() if k not in NEW_KEYS}


@pytest.mark.parametrize("by", [None, "industry"])
def test_everything_mature_equals_counting_every_contact(data, by):
    # without sent_at the log is mature as a whole: the funnel of every contact
    undated = data.frame.drop(columns=["sent_at", "replied_at", "meeting_at"])
    everyone = funnel(undated, by=by, scope=Scope(as_of=SNAPSHOT)).to_dict()
    late = funnel(data, by=by, scope=Scope(as_of="2100-01-01")).to_dict()
    assert late["maturing"] == 0 and late["as_of"] == "2100-01-01"
    assert _strip(late) == _strip(everyone)
    # same numbers, but without send dates maturity is unknown, and the output says so
    assert everyone["maturity"] == "unknown" and late["maturity"] == "checked"
    assert any("Maturity unknown" in n for n in everyone["notes"])
    # and on a snapshot something is still maturing, so the stages differ
    now = funnel(data, by=by, scope=Scope(as_of=SNAPSHOT)).to_dict()
    assert now["maturing"] > 0 and now["stages"] != late["stages"]


def _mature_pandas(frame, stage, as_of):
    sent = pd.to_datetime(frame["sent_at"])
    cutoff = pd.Timestamp(as_of) - pd.Timedelta(days=WINDOWS[stage])
    rows = frame[sent <= cutoff]
    succ = rows[stage].copy()
    at = {"replied": "replied_at", "meeting": "meeting_at"}.get(stage)
    if at:
        lag = (pd.to_datetime(rows[at]) - pd.to_datetime(rows["sent_at"])).dt.days
        succ[lag > WINDOWS[stage]] = 0
    return rows, succ


def test_step_counts_are_the_mature_rows(data):
    frame = data.frame
    res = funnel(data, scope=Scope(as_of=SNAPSHOT))
    sent = pd.to_datetime(frame["sent_at"])
    for s in res.stages:
        rows, succ = _mature_pandas(frame, s.stage, SNAPSHOT)
        n = int(rows[s.of].sum())
        assert (s.successes, s.n) == (int(succ.sum()), n)
        lo, hi = proportion_confint(s.successes, n, alpha=0.05, method="wilson")
        assert s.ci_low == pytest.approx(lo, abs=1e-12)
        assert s.ci_high == pytest.approx(hi, abs=1e-12)
        young = sent > pd.Timestamp(SNAPSHOT) - pd.Timedelta(days=WINDOWS[s.stage])
        assert res.maturing_by_stage[s.stage] == int(young.sum())
    assert res.maturing == int((sent > pd.Timestamp(SNAPSHOT) - pd.Timedelta(days=90)).sum())
    # value figures: contacts mature for deal_value (90 days)
    rows, _ = _mature_pandas(frame, "deal", SNAPSHOT)
    assert res.value_per_contact == pytest.approx(rows["deal_value"].fillna(0).sum() / len(rows))
    assert res.mean_deal_value == pytest.approx(
        rows["deal_value"].fillna(0).sum() / rows["deal"].sum()
    )
    # per level, the same rule
    by = funnel(data, by="industry", scope=Scope(as_of=SNAPSHOT))
    for lv in by.levels:
        sub = frame[frame["industry"].astype(str) == lv.level]
        rows, succ = _mature_pandas(sub, "meeting", SNAPSHOT)
        st = next(s for s in lv.stages if s.stage == "meeting")
        assert (st.successes, st.n) == (int(succ.sum()), int(rows["replied"].sum()))


def test_contacts_sent_after_as_of_do_not_exist_yet(data):
    early = funnel(data, scope=Scope(as_of="2026-08-01"))
    sent = pd.to_datetime(data.frame["sent_at"])
    assert early.overall.contacts == int((sent <= pd.Timestamp("2026-08-01")).sum())


def _export(full: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """``full`` as exported on ``day``: later contacts absent, later responses unseen
    (qualified/deal 30 days after the meeting, as the sample generator plants)."""
    f = full[pd.to_datetime(full["sent_at"]) <= day].copy()
    replied = (f["replied_at"] != "") & (pd.to_datetime(f["replied_at"]) <= day)
    meeting_day = pd.to_datetime(f["meeting_at"])
    meeting = replied & (f["meeting_at"] != "") & (meeting_day <= day)
    decided = meeting & (meeting_day + pd.Timedelta(days=30) <= day)
    f["replied"] = np.where(replied, f["replied"], 0)
    f["replied_at"] = np.where(replied, f["replied_at"], "")
    f["meeting"] = np.where(meeting, f["meeting"], 0)
    f["meeting_at"] = np.where(meeting, f["meeting_at"], "")
    for col in ("qualified", "deal"):
        f[col] = np.where(decided, f[col], 0)
    f["deal_value"] = np.where(decided, f["deal_value"], np.nan)
    return f


def test_matured_rates_unbiased_naive_biased_low():
    """Planted lag: a log exported mid-campaign misses the recent responses. The matured
    step rates equal the fully observed rates of the same (mature) contacts, so they
    estimate the true rates without bias; the naive rates (every contact) are biased low."""
    full = generate_outreach(12000, seed=8)
    sent = pd.to_datetime(full["sent_at"])
    day = sent.quantile(0.6).normalize()
    snap = validate_frame(_export(full, day), source="snapshot.csv")
    truth = validate_frame(full[sent <= day], source="full.csv").frame
    mature = funnel(snap, scope=Scope(as_of=day.date()))
    undated = snap.frame.drop(columns=["sent_at", "replied_at", "meeting_at"])
    naive = {s.stage: s for s in funnel(undated).stages}
    assert mature.maturing > 0
    assert sum(s.n >= 300 for s in mature.stages) >= 2  # replied and meeting are judged
    for s in mature.stages:
        # exact: the matured counts are the fully observed counts of the mature contacts
        old = pd.to_datetime(truth["sent_at"]) <= day - pd.Timedelta(days=WINDOWS[s.stage])
        assert (s.successes, s.n) == (
            int(truth.loc[old, s.stage].sum()),
            int(truth.loc[old, s.of].sum()),
        )
        if s.n < 300:  # qualified/deal: too few mature contacts this early (checked above)
            continue
        # unbiased for the rate of every contact sent by then; the naive rate is low
        rate = truth[s.stage].sum() / truth[s.of].sum()
        se = np.sqrt(rate * (1 - rate) / s.n)
        assert abs(s.rate - rate) < 3.5 * se, (s.stage, s.rate, rate)
        # the naive rate counts the same contacts with their recent responses unseen
        assert naive[s.stage].rate < 0.95 * rate, (s.stage, naive[s.stage].rate, rate)


def test_cli_as_of(tmp_path, raw, capsys):
    path = tmp_path / "log.csv"
    raw.to_csv(path, index=False)
    assert main(["funnel", str(path), "--as-of", "2100-01-01", "--format", "json"]) == 0
    late = json.loads(capsys.readouterr().out)
    assert main(["funnel", str(path), "--as-of", SNAPSHOT, "--format", "json"]) == 0
    now = json.loads(capsys.readouterr().out)
    assert late["maturing"] == 0 and now["maturing"] > 0 and now["as_of"] == SNAPSHOT
    assert now["stages"][0]["n"] < late["stages"][0]["n"]
    (tmp_path / "icplab.toml").write_text(f'[workspace]\nas_of = "{SNAPSHOT}"\n')
    cfg = str(tmp_path / "icplab.toml")
    assert main(["funnel", str(path), "--config", cfg, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["stages"] == now["stages"]
    assert main(["funnel", str(path), "--as-of", "30.09.2026"]) == 2
    assert "as_of" in capsys.readouterr().err


# ------------------------------------------------------------------ plan


def test_plan_rates_from_mature_contacts(data):
    frame = data.frame
    p = plan(data, deals=4, scope=Scope(as_of=SNAPSHOT))
    d = p.to_dict()
    assert d["as_of"] == SNAPSHOT and d["maturing"] > 0
    sent = pd.to_datetime(frame["sent_at"])
    assert d["maturing"] == int((sent > pd.Timestamp(SNAPSHOT) - pd.Timedelta(days=90)).sum())
    product = 1.0
    for step in p.steps[:-1]:
        nxt = {"contacted": "replied", "replied": "meeting", "meeting": "qualified"}.get(
            step.stage, "deal"
        )
        rows, succ = _mature_pandas(frame, nxt, SNAPSHOT)
        assert (step.successes, step.n) == (int(succ.sum()), int(rows[step.stage].sum()))
        assert step.rate == pytest.approx(succ.sum() / rows[step.stage].sum())
        product *= step.rate
    assert p.contacts_needed == pytest.approx(4 / product)
    rows, _ = _mature_pandas(frame, "qualified", SNAPSHOT)
    assert p.sla["lead_to_qualified"] == pytest.approx(
        rows["qualified"].sum() / rows["meeting"].sum()
    )
    assert p.sla["qualified_to_deal"] == pytest.approx(rows["deal"].sum() / rows["qualified"].sum())
    assert p.sla["meeting_to_deal"] == pytest.approx(rows["deal"].sum() / rows["meeting"].sum())
    assert p.sla["mean_deal_value"] == pytest.approx(rows["deal_value"].sum() / rows["deal"].sum())
    # everything mature: the plan of every contact (a log without sent_at)
    undated = frame.drop(columns=["sent_at", "replied_at", "meeting_at"])
    late, everyone = plan(data, deals=4, scope=Scope(as_of="2100-01-01")), plan(undated, deals=4)
    assert late.to_dict()["maturing"] == 0
    assert [s.to_dict() for s in late.steps] == [s.to_dict() for s in everyone.steps]
    assert late.sla == everyone.sla


def test_plan_cli_as_of(tmp_path, raw, capsys):
    path = tmp_path / "log.csv"
    raw.to_csv(path, index=False)
    argv = ["plan", str(path), "--deals", "3", "--format", "json"]
    assert main([*argv, "--as-of", SNAPSHOT]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["as_of"] == SNAPSHOT and d["maturing"] > 0
    assert main([*argv, "--as-of", "2100-01-01"]) == 0
    assert json.loads(capsys.readouterr().out)["maturing"] == 0


# ------------------------------------------------------------------ reasons


def test_reasons_only_decided_meetings(data):
    frame = data.frame
    r = reasons(data, by="industry", scope=Scope(as_of=SNAPSHOT))
    sent = pd.to_datetime(frame["sent_at"])
    old = frame[sent <= pd.Timestamp(SNAPSHOT) - pd.Timedelta(days=90)]
    rej = old[(old["meeting"] == 1) & (old["qualified"] == 0)]
    reason = rej["rejection_reason"].astype("string").str.strip().fillna("")
    assert r.rejected == len(rej) and r.missing == int((reason == "").sum())
    want = pd.crosstab(rej["industry"].astype(str)[reason != ""], reason[reason != ""])
    got = r.crosstab()
    want_pairs = {(str(i), str(c)): int(v) for (i, c), v in want.stack().items() if v > 0}
    got_pairs = {(str(i), str(c)): int(v) for (i, c), v in got.stack().items() if v > 0}
    assert got_pairs == want_pairs and len(got_pairs) > 1
    d = r.to_dict()
    young = sent > pd.Timestamp(SNAPSHOT) - pd.Timedelta(days=90)
    assert d["as_of"] == SNAPSHOT and d["maturing"] == int(young.sum()) > 0
    # open meetings of recent contacts would otherwise count as rejected
    everyone = reasons(data, by="industry", scope=Scope(as_of="2100-01-01"))
    assert everyone.to_dict()["maturing"] == 0
    all_rej = (frame["meeting"] == 1) & (frame["qualified"] == 0)
    assert everyone.rejected == int(all_rej.sum()) > r.rejected


def test_reasons_without_qualified_uses_deal_window(data):
    frame = data.frame.drop(columns=["qualified"])
    r = reasons(frame, by="channel", scope=Scope(as_of=SNAPSHOT))
    sent = pd.to_datetime(frame["sent_at"])
    old = frame[sent <= pd.Timestamp(SNAPSHOT) - pd.Timedelta(days=90)]
    assert r.rejected == int(((old["meeting"] == 1) & (old["deal"] == 0)).sum())
    assert "deal counts 90 days" in " ".join(r.notes)


def test_api_funnel_passes_as_of(data):
    import icplab

    got = icplab.funnel(data, as_of=SNAPSHOT).to_dict()
    assert got == funnel(data, scope=Scope(as_of=SNAPSHOT)).to_dict() and got["maturing"] > 0


# ------------------------------------------------------------------ reports 06 / 07


def test_eur_language():
    from icplab.report.text import money, money_range

    assert money(1580.2) == "€1,580" and money(1580.2, "de") == "1.580 €"
    assert money(1234567.891, "de", 2) == "1.234.567,89 €"
    assert money_range(1200.0, 4800.0, "de") == "1.200 € – 4.800 €"
    assert money_range(0.0, float("nan"), "de") == "0 € – offen"


def test_funnel_report_is_judged_as_of(data):
    from icplab.core.config import Config
    from icplab.data.maturity import mature_frame
    from icplab.icp.funnel import step_metric
    from icplab.report.funnel_report import FunnelValueParams, funnel_value

    cfg = Config()
    de = FunnelValueParams(language="de", as_of=SNAPSHOT)
    rep = funnel_value(de, data, cfg)
    assert rep.funnel.as_of.isoformat() == SNAPSHOT and rep.funnel.maturing > 0
    assert (
        "{2}.{1}.{0}".format(*SNAPSHOT.split("-")) in rep.honesty and "reifen noch" in rep.honesty
    )
    assert f"{rep.funnel.maturing:,}".replace(",", ".") in rep.honesty
    # value table on the contacts mature for deal_value, German amounts
    mature, _ = mature_frame(data.frame, step_metric("deal_value", "contacted"), SNAPSHOT)
    assert rep.value["contacts"].sum() == len(mature)
    assert rep.value["value_per_contact"].str.endswith(" €").all()
    assert not any("EUR" in x for x in rep.value["mean_deal_value"])
    en = funnel_value(FunnelValueParams(as_of="2100-01-01"), data, cfg)
    assert "every contact is old enough" in en.honesty
    assert en.value["contacts"].sum() == len(data.frame)
    assert en.value["value_per_contact"].str.startswith("€").all()


def test_closed_loop_report_is_judged_as_of(data):
    from icplab.core.config import Config
    from icplab.report.closed_loop import ClosedLoopParams, closed_loop

    rep = closed_loop(ClosedLoopParams(language="de", as_of=SNAPSHOT), data, Config())
    direct = reasons(data, "industry", scope=Scope(as_of=SNAPSHOT))
    assert rep.by_segment.rejected == direct.rejected
    assert rep.by_segment.maturing == direct.maturing > 0
    assert (
        "{2}.{1}.{0}".format(*SNAPSHOT.split("-")) in rep.honesty and "Chi-Quadrat" in rep.honesty
    )
    assert "sequential" not in rep.honesty
    if direct.p_value is not None and direct.p_value >= 0.01:
        # the p-value of the matured table (its decimal mark is text.pvalue's job)
        assert f"{direct.p_value:.3f}"[1:].lstrip(".") in rep.conclusion
