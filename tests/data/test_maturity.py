"""Maturity windows, as_of and since: known truth under a planted reply lag."""

from __future__ import annotations

import json
import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from _paths import REPO
from scipy import stats

from icplab.cli import main
from icplab.core.config import Config
from icplab.core.errors import ConfigError, InputError, NotEnoughDataError
from icplab.core.metrics import DEFAULT_METRICS, Metric, metrics_fingerprint
from icplab.data.load import validate_frame
from icplab.data.maturity import day_numbers, mature_frame, maturity_mask, since_frame
from icplab.data.sample import generate_outreach
from icplab.icp.compare import compare_result
from icplab.icp.lock import check_lock
from icplab.icp.propose import propose_thesis
from icplab.icp.refine import refine
from icplab.icp.scope import Scope
from icplab.icp.verdicts import check

ROOT = REPO
NEW_FIELDS = {
    "as_of",
    "maturing",
    "inference",
    "period",
    "maturity",
    "late_successes",
    "late_unchecked",
    "notes",
}

# planted lag: log-normal, median 5 days, sigma 0.8 (mean ~6.9 days)
LAG_MEDIAN, LAG_SIGMA, TRUE_RATE = 5.0, 0.8, 0.17


def _lagged_campaign(
    n: int, as_of: str, days: int, seed: int, exported: str | None = None
) -> pd.DataFrame:
    """A campaign sent in the ``days`` before ``as_of``, as exported on ``exported``
    (default ``as_of``): replies after the export are not seen yet."""
    rng = np.random.default_rng(seed)
    sent = np.datetime64(as_of) - rng.integers(0, days, n).astype("timedelta64[D]")
    end = np.datetime64(exported or as_of)
    lag = np.ceil(rng.lognormal(math.log(LAG_MEDIAN), LAG_SIGMA, n)).astype("int64")
    replied_at = sent + lag.astype("timedelta64[D]")
    truly = rng.random(n) < TRUE_RATE
    seen = truly & (replied_at <= end)
    return pd.DataFrame(
        {
            "prospect_id": [f"P{i}" for i in range(n)],
            "industry": "IT",
            "employees": 100,
            "messaging": np.where(rng.random(n) < 0.5, "a", "b"),
            "salutation": "sie",
            "sent_at": pd.Series(sent).dt.strftime("%Y-%m-%d"),
            "replied": seen.astype(int),
            "replied_at": np.where(seen, pd.Series(replied_at).dt.strftime("%Y-%m-%d"), ""),
            "meeting": 0,
        }
    )


def test_rate_under_planted_lag_is_unbiased_with_the_window_and_biased_without():
    raw = _lagged_campaign(40_000, "2026-06-30", 60, seed=1)
    data = validate_frame(raw, source="lag.csv")
    # the window's estimand: replies within 28 days (lags are whole days, ceil'd)
    truth = TRUE_RATE * stats.lognorm(LAG_SIGMA, scale=LAG_MEDIAN).cdf(28)
    r = check(data, {}, ["reply_rate"], scope=Scope(as_of="2026-06-30")).metrics[0]
    se = math.sqrt(truth * (1 - truth) / r.n)
    assert abs(r.rate - truth) < 4 * se
    assert r.maturing > 0 and r.n + r.maturing == 40_000
    off = Metric("reply_rate", "replied", "contacted", 0.15, window_days=0)
    naive = check(data, {}, [off], scope=Scope(as_of="2026-06-30")).metrics[0]
    assert naive.n == 40_000 and truth - naive.rate > 6 * se  # looks worse than it is
    # the same campaign exported and judged on a later night: the same estimand
    raw2 = _lagged_campaign(40_000, "2026-06-30", 60, seed=1, exported="2026-07-31")
    later = check(
        validate_frame(raw2, source="lag.csv"), {}, ["reply_rate"], scope=Scope(as_of="2026-07-31")
    )
    m2 = later.metrics[0]
    assert m2.maturing == 0 and abs(m2.rate - truth) < 4 * math.sqrt(truth * (1 - truth) / m2.n)


def test_aa_comparison_with_a_late_arm_is_not_biased_by_the_lag():
    def export(day: str):
        a = _lagged_campaign(20_000, "2026-06-30", 60, seed=2, exported=day)
        b = _lagged_campaign(20_000, "2026-06-30", 20, seed=3, exported=day)
        b["prospect_id"] = "B" + b["prospect_id"]
        both = pd.concat([a.assign(messaging="a"), b.assign(messaging="b")], ignore_index=True)
        return validate_frame(both, source="aa.csv")

    off = Metric("reply_rate", "replied", "contacted", 0.15, window_days=0)
    naive = compare_result(export("2026-06-30"), "messaging", off, scope=Scope(as_of="2026-06-30"))
    assert naive.table["significant"].iloc[1]  # the late arm looks worse
    # with the window, arm b is still maturing on 2026-06-30 and not judged yet
    early = compare_result(
        export("2026-06-30"), "messaging", "reply_rate", scope=Scope(as_of="2026-06-30")
    )
    assert early.maturing >= 20_000 and early.table["level"].tolist() == ["a"]
    # once mature, there is no difference (A/A)
    later = compare_result(
        export("2026-08-15"), "messaging", "reply_rate", scope=Scope(as_of="2026-08-15")
    )
    assert later.maturing == 0 and not later.table["significant"].iloc[1]


def test_mature_frame_rules():
    frame = pd.DataFrame(
        {
            "sent_at": pd.to_datetime(
                ["2026-01-01", "2026-01-01", "2026-02-01", None, "2026-03-05"]
            ),
            "replied_at": pd.to_datetime(["2026-01-29", "2026-01-30", None, "2026-01-01", None]),
            "contacted": [1, 1, 1, 1, 1],
            "replied": [1, 1, 1, 1, 0],
            "meeting": [0, 0, 0, 0, 0],
        }
    )
    m = DEFAULT_METRICS["reply_rate"]
    out, info = mature_frame(frame, m, date(2026, 3, 1))
    # row 5 was sent after as_of: neither counted nor maturing; row 3 is 28 days old
    assert info.maturing == 0 and len(out) == 4
    # day 28 counts, day 29 is late; empty replied_at counts; no sent_at counts
    assert out["replied"].tolist() == [1, 0, 1, 1] and info.late == 1
    out, info = mature_frame(frame, m, date(2026, 2, 28))
    assert info.maturing == 1 and len(out) == 3
    # window off: the frame itself
    off = Metric("x", "replied", "contacted", 0.15, window_days=0)
    assert mature_frame(frame, off, date(2026, 1, 2))[0] is frame
    mature, maturing = maturity_mask(frame, 42, date(2026, 3, 1))
    assert mature.tolist() == [True, True, False, True, False]
    assert maturing.tolist() == [False, False, True, False, False]


def test_all_maturing_is_untested_not_fail():
    raw = _lagged_campaign(300, "2026-06-30", 10, seed=4)
    data = validate_frame(raw, source="new.csv")
    r = check(data, {}, ["reply_rate", "meeting_rate"], scope=Scope(as_of="2026-06-30"))
    assert [m.verdict for m in r.metrics] == ["untested", "untested"]
    assert r.verdict == "untested" and r.maturing == 300
    d = r.to_dict()
    assert d["maturing"] == 300 and d["as_of"] == "2026-06-30"
    assert d["metrics"][0]["more_contacts_needed"] is None
    res = refine(data, "reply_rate", scope=Scope(as_of="2026-06-30")).to_dict()
    assert res["untested"] == [{"industry": "IT", "size_band": "50-199"}]
    assert res["icp"] == [] and res["not_icp"] == [] and res["maturing"] == 300


#: What legitimately differs between an undated log and the same log fully mature.
UNDATED_FIELDS = {
    "maturity",
    "late_successes",
    "verdict",
    "below_target_so_far",
    "final",
    "in_icp",
    "icp",
    "candidates",
    "not_icp",
    "untested",
    "recommendations",
}


def _strip(d, extra=frozenset()):
    if isinstance(d, dict):
        return {k: _strip(v, extra) for k, v in d.items() if k not in NEW_FIELDS and k not in extra}
    if isinstance(d, list):
        return [_strip(x, extra) for x in d]
    return d


def test_outputs_unchanged_when_everything_is_mature_or_windows_are_off(tmp_path, capsys):
    raw = generate_outreach(3000, seed=5)
    dated = tmp_path / "dated.csv"
    raw.to_csv(dated, index=False)
    undated = tmp_path / "undated.csv"
    raw.drop(columns=["sent_at"]).to_csv(undated, index=False)
    last_day = str(raw["sent_at"].max())
    toml = '[[theses]]\nname = "it"\nstatement = "s"\nwhere = { industry = ["IT"] }\n'
    (tmp_path / "icplab.toml").write_text(toml, encoding="utf-8")
    off = toml + "".join(
        f"[metrics.{m}]\nwindow_days = 0\n" for m in ("reply_rate", "meeting_rate", "deal_rate")
    )
    (tmp_path / "off.toml").write_text(off, encoding="utf-8")
    commands = [
        ["compare", "--by", "salutation", "--metric", "meeting_rate"],
        ["check", "--thesis", "it"],
        ["refine", "--metric", "reply_rate"],
    ]
    cfg = ["--config", str(tmp_path / "icplab.toml")]
    for cmd in commands:
        outs = {}
        for name, path, extra in [
            ("undated", undated, cfg),
            ("future", dated, [*cfg, "--as-of", "2100-01-01"]),
            ("off", dated, ["--config", str(tmp_path / "off.toml"), "--as-of", last_day]),
        ]:
            for fmt in ("json", "table"):
                assert main([cmd[0], str(path), *cmd[1:], *extra, "--format", fmt]) == 0
                outs[name, fmt] = capsys.readouterr().out
        base = json.loads(outs["future", "json"])
        assert base["maturing"] == 0 and base["inference"] == "fixed"
        assert base["maturity"] == "checked"
        assert json.loads(outs["off", "json"])["maturity"] == "off"
        assert _strip(json.loads(outs["off", "json"])) == _strip(base), (cmd, "off")

        # text: identical except the closing as-of line and the late-success note
        def body(text):
            return [x for x in text.splitlines()[:-1] if "Late successes" not in x]

        assert body(outs["off", "table"]) == body(outs["future", "table"])
        # without send dates the numbers are the same, but maturity is unknown and said so
        undated_json = json.loads(outs["undated", "json"])
        assert undated_json["maturity"] == "unknown"
        assert _strip(undated_json, UNDATED_FIELDS) == _strip(base, UNDATED_FIELDS), cmd
        assert "no send dates" in outs["undated", "table"].lower()


def test_dated_columns_are_validated_with_row_and_column():
    raw = generate_outreach(400, seed=6)
    raw["meeting_at"] = ""
    raw.loc[7, "meeting_at"] = "31.02.2026"
    with pytest.raises(InputError) as err:
        validate_frame(raw, source="x.csv")
    msg = str(err.value)
    assert "meeting_at" in msg and "row 9" in msg and "x.csv" in msg


def test_lock_fingerprint_ignores_default_windows_and_covers_changed_ones(tmp_path):
    locked = json.loads((ROOT / "icplab.lock.json").read_text())
    # the fingerprint recorded before maturity windows existed still matches
    assert metrics_fingerprint(DEFAULT_METRICS) == locked["fingerprint"]
    path = tmp_path / "icplab.toml"
    path.write_text("", encoding="utf-8")
    assert check_lock(Config.load(path)).state == "created"
    path.write_text("[metrics.reply_rate]\nwindow_days = 28\n", encoding="utf-8")
    assert check_lock(Config.load(path)).state == "ok"  # 28 is the default
    path.write_text("[metrics.reply_rate]\nwindow_days = 14\n", encoding="utf-8")
    status = check_lock(Config.load(path))
    assert status.changed
    change = status.changes[0]
    assert (change.field, change.old, change.new) == ("window_days", 28, 14)


def test_config_keys():
    cfg = Config.from_toml_text(
        '[workspace]\nas_of = "2026-09-30"\n[stats]\nsequential = true\n'
        "[metrics.reply_rate]\nwindow_days = 21\n"
        '[[theses]]\nname = "t"\nwhere = { industry = ["IT"] }\nsince = 2026-07-01\n'
    )
    assert cfg.as_of == date(2026, 9, 30) and cfg.sequential is True
    assert cfg.metrics["reply_rate"].window == 21 and cfg.metrics["deal_rate"].window == 90
    assert cfg.thesis("t").since == date(2026, 7, 1)
    for bad in (
        "[metrics.reply_rate]\nwindow_days = -1\n",
        "[metrics.reply_rate]\nwindow_days = 2.5\n",
        '[stats]\nsequential = "yes"\n',
        '[workspace]\nas_of = "tomorrow"\n',
        '[[theses]]\nname = "t"\nwhere = { industry = ["IT"] }\nsince = "July"\n',
    ):
        with pytest.raises(ConfigError):
            Config.from_toml_text(bad)


def test_thesis_since_judges_only_new_contacts_and_propose_writes_it():
    raw = generate_outreach(4000, seed=8)
    data = validate_frame(raw, source="s.csv")
    cfg = Config.from_toml_text(
        '[[theses]]\nname = "it"\nwhere = { industry = ["IT"] }\nsince = "2026-04-01"\n'
    )
    r = check(data, "it", ["reply_rate"], scope=Scope(config=cfg, as_of="2100-01-01"))
    sent = pd.to_datetime(raw["sent_at"])
    expected = int(((raw["industry"] == "IT") & (sent >= "2026-04-01")).sum())
    assert r.n == expected and r.to_dict()["since"] == "2026-04-01"
    assert r.period[0] >= date(2026, 4, 1)
    assert len(since_frame(data.frame, date(2026, 4, 1))) == int((sent >= "2026-04-01").sum())
    res = refine(data, "reply_rate", scope=Scope(as_of="2100-01-01"))
    prop = propose_thesis(res)
    last = sent.max().date()
    want = date.fromordinal(last.toordinal() + 1).isoformat()
    assert prop.theses  # the sample's planted segments give theses to propose
    assert all(t["since"] == want for t in prop.theses)
    assert f'since = "{want}"' in prop.to_toml()
    assert Config.from_toml_text(prop.to_toml()).theses[0].since.isoformat() == want


def test_bad_as_of_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "d.csv"
    generate_outreach(300, seed=9).to_csv(path, index=False)
    assert main(["check", str(path), "--where", "industry=IT", "--as-of", "soon"]) == 2
    assert "as_of" in capsys.readouterr().err


def test_sample_running_campaign_looks_worse_until_mature():
    raw = generate_outreach(12_000, seed=7, running=8000)
    data = validate_frame(raw, source="sample.csv")
    running = {"campaign": ("2026-q3-running",)}
    old = {"campaign": ("2026-q1-pilot", "2026-q2-scale")}
    snap = "2026-09-30"
    ref = check(data, old, ["reply_rate"], scope=Scope(as_of=snap)).metrics[0]
    win = check(data, running, ["reply_rate"], scope=Scope(as_of=snap)).metrics[0]
    off = Metric("reply_rate", "replied", "contacted", 0.15, window_days=0)
    naive = check(data, running, [off], scope=Scope(as_of=snap)).metrics[0]
    se = math.sqrt(ref.rate * (1 - ref.rate) * (1 / ref.n + 1 / win.n))
    assert abs(win.rate - ref.rate) < 4 * se  # same planted model, judged when mature
    assert win.maturing > 0 and naive.rate < ref.rate  # replies not in the log yet
    # the last two weeks: far below the truth without the window, untested with it
    from icplab.core.config import Thesis

    recent = Thesis("recent", "", dict(running), since=date(2026, 9, 17))
    naive_recent = check(data, recent, [off], scope=Scope(as_of=snap)).metrics[0]
    assert naive_recent.rate < 0.7 * ref.rate
    assert check(data, recent, ["reply_rate"], scope=Scope(as_of=snap)).verdict == "untested"
    # every planted reply comes within the window: no late successes anywhere
    full = check(data, old, ["reply_rate", "meeting_rate"], scope=Scope(as_of=snap))
    assert "outside the window" not in " ".join(full.notes)


def test_reports_follow_config_and_state_as_of_in_words():
    from icplab.report import content as rc
    from icplab.report.params import ABTestParams, ThesisParams

    raw = generate_outreach(6000, seed=7, running=3000)
    data = validate_frame(raw, source="sample.csv")
    cfg = Config.from_toml_text(
        '[workspace]\nas_of = "2026-09-30"\n[stats]\nsequential = true\n'
        '[[theses]]\nname = "it"\nstatement = "s"\nwhere = { industry = ["IT"] }\n'
    )
    ab = rc.ab_test(ABTestParams(), data, cfg)
    assert ab.result.sequential and ab.result.maturing > 0  # the A/B report follows config
    assert "2026-09-30" in ab.honesty and "every day" in ab.honesty
    de = rc.ab_test(ABTestParams(language="de"), data, cfg)
    assert "täglich" in de.honesty.lower() or "Tägliches" in de.honesty
    chk = rc.thesis_check(ThesisParams(thesis="it", as_of="2026-09-15"), data, cfg)
    assert chk.result["as_of"] == "2026-09-15" and chk.result["inference"] == "sequential"
    assert "Period judged" in chk.intro and "maturing" in chk.honesty
    overall = rc.metrics_overview(data, cfg, as_of="2026-09-30")
    assert (overall["maturing"] > 0).all()
    fixed = Config.from_toml_text('[workspace]\nas_of = "2100-01-01"\n')
    text = rc.overview_honesty(ABTestParams(), rc.metrics_overview(data, fixed), fixed)
    assert "2100-01-01" in text and "one look" in text


def test_weekly_rates_flag_maturing_weeks_instead_of_a_drop():
    from icplab.report.plots import rate_over_time, weekly_rates

    raw = generate_outreach(6000, seed=7, running=3000)
    data = validate_frame(raw, source="sample.csv")
    m = DEFAULT_METRICS["reply_rate"]
    w = weekly_rates(data.frame, m, as_of="2026-09-30")
    sent = pd.to_datetime(raw["sent_at"])
    maturing = int((sent > pd.Timestamp("2026-09-02")).sum())  # 2026-09-30 - 28 days
    assert int(w["maturing"].sum()) == maturing
    # weeks with maturing contacts carry no cumulative point; the mature ones match pandas
    assert w.loc[w["immature"], "cum_rate"].isna().all()
    mature = raw[sent <= pd.Timestamp("2026-09-02")]
    last = w.loc[~w["immature"]].iloc[-1]
    upto = mature[pd.to_datetime(mature["sent_at"]) < last["week"] + pd.Timedelta(days=7)]
    assert last["cum_successes"] == upto["replied"].sum() and last["cum_n"] == len(upto)
    fig = rate_over_time(w, target=0.15)
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert "still maturing (not counted yet)" in labels


def test_sample_cli_running(tmp_path, capsys):
    out = tmp_path / "s.csv"
    assert main(["sample", str(out), "--rows", "500", "--running", "100"]) == 0
    raw = pd.read_csv(out)
    assert len(raw) == 600 and {"replied_at", "meeting_at"} <= set(raw.columns)
    assert main(["sample", str(out), "--rows", "500", "--snapshot", "soon"]) == 2


@pytest.mark.parametrize("language", ["en", "de"])
def test_thesis_and_refinement_reports_state_the_denominator(language):
    """CONTRACT section 2: the reports say in words which denominator each metric used,
    and that deal_rate fell back to meetings when the log has no qualified column."""
    from icplab.report import content as rc
    from icplab.report.params import RefineParams, ThesisParams

    raw = generate_outreach(4000, seed=5)
    cfg = Config.from_toml_text(
        '[workspace]\nas_of = "2026-09-30"\n'
        '[[theses]]\nname = "it"\nstatement = "s"\nwhere = { industry = ["IT"] }\n'
    )
    fallback = "ersatzweise" if language == "de" else "falls back"
    meetings = "Termine" if language == "de" else "meetings"
    with_q = validate_frame(raw, source="sample.csv")
    chk = rc.thesis_check(ThesisParams(thesis="it", language=language), with_q, cfg)
    assert ("Basis jeder Quote" if language == "de" else "Base of each rate") in chk.intro
    assert fallback not in chk.intro
    no_q = validate_frame(raw.drop(columns=["qualified"]), source="sample.csv")
    chk = rc.thesis_check(ThesisParams(thesis="it", language=language), no_q, cfg)
    assert fallback in chk.intro and meetings in chk.intro
    ref = rc.icp_refinement(RefineParams(metric="deal_rate", language=language), no_q, cfg)
    assert fallback in ref.conclusion and ref.result["denominator"] == "meeting"
    ref = rc.icp_refinement(RefineParams(metric="deal_rate", language=language), with_q, cfg)
    assert fallback not in ref.conclusion and ref.result["denominator"] == "qualified"


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "--by", "industry", "--metric", "reply_rate"],
        ["refine", "--metric", "reply_rate"],
        ["funnel"],
        ["plan", "--deals", "5"],
    ],
    ids=lambda a: a[0],
)
def test_an_as_of_before_the_first_contact_says_so(tmp_path, capsys, argv):
    """It said 'no level has any contacted (its denominator)', or judged nothing silently."""
    log = tmp_path / "log.csv"
    generate_outreach(400, seed=2).to_csv(log, index=False)
    assert main([argv[0], str(log), *argv[1:], "--as-of", "1999-12-31"]) == 2
    err = capsys.readouterr().err
    assert "as of 1999-12-31 nothing had been sent yet" in err
    assert "the first contact in the log was sent on 2026-" in err


def test_a_segment_sent_after_as_of_says_so():
    """Only the whole log before as_of is an error of the date; a segment whose contacts
    all came later said 'none match all of them together' (its filters were fine)."""
    frame = generate_outreach(2000, seed=4)
    frame.loc[frame["industry"] == "IT", "sent_at"] = "2027-06-01"
    data = validate_frame(frame, source="late")
    with pytest.raises(NotEnoughDataError, match="none of its contacts had been sent as of"):
        check(data, {"industry": ["IT"]}, scope=Scope(config=Config(), as_of="2026-12-31"))
    assert check(data, {"industry": ["Logistik"]}, scope=Scope(config=Config(), as_of="2026-12-31"))


@pytest.mark.parametrize("unit", ["ns", "us", "s"])
def test_day_numbers_floor_like_pandas_before_and_after_1970(unit: str) -> None:
    rng = np.random.default_rng(7)
    seconds = rng.integers(-3 * 10**9, 3 * 10**9, 500)  # 1875 .. 2065, any time of day
    stamps = pd.Series(pd.to_datetime(seconds, unit="s")).astype(f"datetime64[{unit}]")
    stamps.iloc[::7] = pd.NaT
    # reference: pandas' own floor to the day, in days since 1970-01-01
    floored = stamps.dt.floor("D")
    expected = ((floored - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)).to_numpy(
        dtype="float64", na_value=np.nan
    )
    np.testing.assert_array_equal(day_numbers(stamps), expected)
    aware = stamps.dt.tz_localize("Europe/Berlin", ambiguous="NaT", nonexistent="NaT")
    utc = aware.dt.tz_convert("UTC").dt.tz_localize(None).dt.floor("D")
    ref = ((utc - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)).to_numpy(
        dtype="float64", na_value=np.nan
    )
    np.testing.assert_array_equal(day_numbers(aware), ref)
