"""``icplab cycle`` / ``icplab.cycle``: the contract's fields, against lifelines and counts."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import icplab
from icplab.core.config import Config
from icplab.core.errors import UsageError
from icplab.icp.cycle import cycle as cycle_of_frame
from icplab.icp.scope import Scope

AS_OF = "2026-10-01"


def _log(n: int = 1200, seed: int = 0) -> pd.DataFrame:
    """A row-level log with sent_at, deal dates (some missing), lost_at and two size bands."""
    rng = np.random.default_rng(seed)
    sent = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 250, n), unit="D")
    big = rng.random(n) < 0.4
    days_to_deal = np.round(rng.exponential(np.where(big, 200, 45)))
    days_to_lost = np.round(rng.exponential(300, n))
    reaches = rng.random(n) < 0.5
    deal_at = sent + pd.to_timedelta(days_to_deal, unit="D")
    lost_at = sent + pd.to_timedelta(days_to_lost, unit="D")
    as_of = pd.Timestamp(AS_OF)
    deal = reaches & (deal_at <= as_of) & ~((lost_at < deal_at) & (lost_at <= as_of))
    lost = ~deal & (lost_at <= as_of)
    frame = pd.DataFrame(
        {
            "prospect_id": [f"p{i}" for i in range(n)],
            "industry": "IT",
            "employees": np.where(big, 800, 20),
            "messaging": "a",
            "salutation": "sie",
            "replied": deal | (rng.random(n) < 0.2),
            "meeting": deal,
            "deal": deal,
            "sent_at": sent.strftime("%Y-%m-%d"),
            "deal_at": np.where(deal, deal_at.strftime("%Y-%m-%d"), ""),
            "lost_at": np.where(lost, lost_at.strftime("%Y-%m-%d"), ""),
        }
    )
    frame["replied"] = frame["replied"].astype(int)
    frame["meeting"] = frame["meeting"].astype(int)
    frame["deal"] = frame["deal"].astype(int)
    # a few rows that must be left out: no sent_at, and a deal without its date
    frame.loc[:4, "sent_at"] = ""
    idx = frame.index[frame["deal"] == 1][-3:]
    frame.loc[idx, "deal_at"] = ""
    return frame


def _independent(frame: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """Durations and events computed here, with plain pandas, from the dates."""
    sent = pd.to_datetime(frame["sent_at"].replace("", None))
    deal_at = pd.to_datetime(frame["deal_at"].replace("", None))
    lost_at = pd.to_datetime(frame["lost_at"].replace("", None))
    keep = sent.notna() & ~((frame["deal"] == 1) & deal_at.isna())
    end = pd.Series(pd.Timestamp(as_of), index=frame.index)
    event = (frame["deal"] == 1) & deal_at.notna()
    end[event] = deal_at[event]
    lost = ~event & lost_at.notna()
    end[lost] = lost_at[lost]
    out = pd.DataFrame(
        {
            "band": np.where(frame["employees"] >= 500, "500+", "1-49"),
            "days": (end - sent).dt.days,
            "event": event.astype(int),
            "lost": lost.astype(int),
        }
    )
    return out[keep]


@pytest.fixture(scope="module")
def log_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cycle") / "log.csv"
    _log().to_csv(path, index=False)
    return path


def test_cycle_matches_lifelines_kaplan_meier(log_path):
    lifelines = pytest.importorskip("lifelines")
    res = icplab.cycle(
        log_path, step="deal", by="size_band", horizon=180, as_of=AS_OF, config=Config()
    )
    ref = _independent(_log(), AS_OF)
    out = res.to_dict()
    assert [lv["level"] for lv in out["levels"]] == ["1-49", "500+"]
    for lv in out["levels"]:
        part = ref[ref["band"] == lv["level"]]
        kmf = lifelines.KaplanMeierFitter().fit(part["days"], part["event"])
        s = float(kmf.survival_function_at_times(180).iloc[0])
        assert lv["cumulative"] == pytest.approx(1 - s, abs=1e-9)
        ci = kmf.confidence_interval_
        lo_s, hi_s = sorted(ci[ci.index <= 180].iloc[-1].to_numpy())
        assert lv["ci_low"] == pytest.approx(1 - hi_s, abs=1e-9)
        assert lv["ci_high"] == pytest.approx(1 - lo_s, abs=1e-9)
        assert lv["n"] == len(part)
        assert lv["events"] == int(part["event"].sum())
        assert lv["at_risk"] == int((part["days"] >= 180).sum())
        assert lv["median_days"] == pytest.approx(
            float(np.median(part.loc[part["event"] == 1, "days"]))
        )
    assert out["left_out"] == len(_log()) - len(ref) == 8


def test_competing_lost_without_censoring_is_the_observed_share():
    """Everyone followed to the end (as_of far away): Aalen-Johansen equals the plain share
    of contacts whose deal came within the horizon."""
    frame = _log(600, seed=3)
    far = "2030-01-01"
    res = icplab.cycle(
        frame, step="deal", horizon=120, as_of=far, competing="lost", config=Config()
    )
    ref = _independent(frame, far)
    # no censoring other than "never happened by 2030": share of deals within 120 days
    share = ((ref["event"] == 1) & (ref["days"] <= 120)).mean()
    lv = res.to_dict()["levels"][0]
    assert lv["cumulative"] == pytest.approx(share, abs=1e-12)
    assert res.to_dict()["method"].startswith("Aalen-Johansen")
    km = icplab.cycle(frame, step="deal", horizon=120, as_of=far, config=Config()).to_dict()
    # censoring lost deals (Kaplan-Meier) overstates the share when deals are lost
    assert km["levels"][0]["cumulative"] > lv["cumulative"]


def test_contract_fields_and_no_nan(log_path):
    out = icplab.cycle(
        log_path, step="deal", by="industry", horizon=90, as_of=AS_OF, config=Config()
    ).to_dict()
    for key in (
        "step",
        "horizon_days",
        "as_of",
        "method",
        "levels",
        "left_out",
        "inference",
        "maturity",
    ):
        assert key in out
    assert set(out["levels"][0]) == {
        "level",
        "n",
        "events",
        "cumulative",
        "ci_low",
        "ci_high",
        "median_days",
        "at_risk",
    }
    assert out["as_of"] == AS_OF and out["horizon_days"] == 90 and out["step"] == "deal"
    json.dumps(out, allow_nan=False)


def test_no_event_yet_gives_nulls_not_nan_and_an_exact_upper_bound():
    frame = pd.DataFrame(
        {
            "sent_at": pd.to_datetime(["2026-01-01", "2026-02-01"]),
            "deal": [0, 0],
            "deal_at": pd.to_datetime([None, None]),
            "contacted": [1, 1],
        }
    )
    lv = cycle_of_frame(
        frame, step="deal", horizon=30, scope=Scope(config=Config(), as_of="2026-03-01")
    ).to_dict()["levels"][0]
    assert lv["cumulative"] == 0.0 and lv["median_days"] is None
    # 0 events, 1 contact followed for 30 days: Clopper-Pearson upper end 1 - 0.025 ** (1/1)
    assert lv["at_risk"] == 1 and lv["ci_low"] == 0.0 and abs(lv["ci_high"] - 0.975) < 1e-12
    json.dumps(lv, allow_nan=False)


def test_cli_json_equals_api_and_errors_exit_2(log_path, tmp_path):
    cmd = [
        sys.executable,
        "-m",
        "icplab",
        "cycle",
        str(log_path),
        "--step",
        "deal",
        "--by",
        "size_band",
        "--horizon",
        "180",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    api = icplab.cycle(
        log_path, step="deal", by="size_band", horizon=180, as_of=AS_OF, config=Config()
    )
    assert json.loads(done.stdout) == json.loads(json.dumps(api.to_dict()))
    bad = subprocess.run(
        cmd[:6] + ["qualified"] + cmd[7:], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert bad.returncode == 2 and "qualified_at" in bad.stderr and "Traceback" not in bad.stderr


def test_usage_errors():
    frame = _log(50)
    with pytest.raises(UsageError):
        icplab.cycle(frame, step="replied", competing="lost", config=Config())
    with pytest.raises(UsageError):
        icplab.cycle(frame, step="deal", horizon=0, config=Config())


@pytest.mark.parametrize(
    ("kwargs", "en_words", "de_words"),
    [
        ({"step": "replied", "competing": "lost"}, "only 'lost'", "Nur 'lost'"),
        ({"step": "deal", "horizon": 0}, "whole number of days", "ganze Zahl von Tagen"),
        ({"step": "won"}, "use one of replied, meeting", "Verwenden Sie eines von replied"),
        ({"step": "deal", "drop": "deal_at"}, "needs the column(s) deal_at", "des Abschlusses"),
    ],
)
def test_usage_errors_speak_both_languages(kwargs, en_words, de_words):
    """Each usage error of cycle is a note: English as before, German under de."""
    from icplab.core.errors import render_error

    frame = _log(50)
    drop = kwargs.pop("drop", None)
    if drop:
        frame = frame.drop(columns=[drop])
    with pytest.raises(UsageError) as caught:
        icplab.cycle(frame, config=Config(), **kwargs)
    assert en_words in str(caught.value) and en_words in render_error(caught.value, "en")
    german = render_error(caught.value, "de")
    assert de_words in german and en_words not in german, german


def test_curves_are_monotone_and_end_at_the_horizon_estimate(log_path):
    res = icplab.cycle(
        log_path, step="deal", by="size_band", horizon=180, as_of=AS_OF, config=Config()
    )
    curves = res.curves()
    for lv in res.levels:
        c = curves[curves["level"] == lv.level]
        assert np.all(np.diff(c["cumulative"].to_numpy()) >= -1e-12)
        assert c["cumulative"].iloc[-1] == pytest.approx(lv.cumulative)
        assert math.isclose(c["day"].iloc[-1], 180)


def test_table_output_names_method_and_levels(log_path, capsys):
    from icplab.cli import main

    status = main(
        [
            "cycle",
            str(log_path),
            "--step",
            "deal",
            "--by",
            "size_band",
            "--horizon",
            "90",
            "--as-of",
            AS_OF,
        ]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "deal within 90 days" in out and "Kaplan-Meier" in out
    assert "500+" in out and "1-49" in out and "Left out: 8 rows." in out
