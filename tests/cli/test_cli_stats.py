"""CLI: icplab compare / check / size / lock via icplab.cli.main, output parsed and re-checked."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

from icplab.cli import main
from icplab.icp.lock import LOCK_FILENAME
from icplab.stats.planning import ab_sample_size, segment_sample_size

TOML = """
[[theses]]
name = "logistik-50-199"
statement = "Logistik Mittelstand"
where = { industry = ["Logistik"], employees = [50, 199] }

[[theses]]
name = "it"
statement = "IT"
where = { industry = ["IT"] }
"""


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    rng = np.random.default_rng(3)
    n = 3000
    industry = rng.choice(["IT", "Logistik", "Handel"], n)
    salutation = rng.choice(["du", "sie"], n)
    p = np.where(salutation == "du", 0.19, 0.14)
    replied = rng.binomial(1, p)
    meeting = replied * rng.binomial(1, 0.6, n)
    qualified = meeting * rng.binomial(1, 0.6, n)
    deal = qualified * rng.binomial(1, 0.3, n)
    df = pd.DataFrame(
        {
            "prospect_id": np.arange(n).astype(str),
            "industry": industry,
            "employees": rng.integers(5, 600, n),
            "messaging": rng.choice(["a", "b"], n),
            "salutation": salutation,
            "replied": replied,
            "meeting": meeting,
            "qualified": qualified,
            "deal": deal,
            "email": "x@example.com",
        }
    )
    df.to_csv(tmp_path / "log.csv", index=False)
    (tmp_path / "icplab.toml").write_text(TOML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path, df


def run_json(capsys, argv):
    code = main(argv)
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def test_compare_json_against_statsmodels(workspace, capsys):
    _, df = workspace
    d = run_json(
        capsys,
        ["compare", "log.csv", "--by", "salutation", "--metric", "reply_rate", "--format", "json"],
    )
    g = df.groupby("salutation")["replied"].agg(["sum", "count"])
    base = g["count"].idxmax()
    other = "du" if base == "sie" else "sie"
    assert d["baseline"] == base and d["correction"] == "holm" and d["alpha"] == 0.05
    b, o = d["rows"]
    assert b["level"] == base and set(b) == {"level", "n", "successes", "rate", "ci_low", "ci_high"}
    assert (o["n"], o["successes"]) == (g.loc[other, "count"], g.loc[other, "sum"])
    s1, n1, s2, n2 = (
        g.loc[other, "sum"],
        g.loc[other, "count"],
        g.loc[base, "sum"],
        g.loc[base, "count"],
    )
    assert (o["ci_low"], o["ci_high"]) == pytest.approx(proportion_confint(s1, n1, method="wilson"))
    ref = confint_proportions_2indep(s1, n1, s2, n2, method="newcomb", compare="diff")
    assert (o["diff_ci_low"], o["diff_ci_high"]) == pytest.approx(ref)
    assert o["p_value"] == pytest.approx(proportions_ztest([s1, s2], [n1, n2])[1])
    assert o["p_adjusted"] == pytest.approx(o["p_value"])  # one comparison
    assert d["srm"]["checked"] is True
    assert "example.com" not in json.dumps(d)


def test_compare_table_csv_where_and_sequential(workspace, capsys):
    assert (
        main(
            [
                "compare",
                "log.csv",
                "--by",
                "industry",
                "--metric",
                "deal_rate",
                "--where",
                "employees=50-199",
                "--correction",
                "bh",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Deal rate by industry (employees=50-199)" in out and "Benjamini-Hochberg" in out
    assert "%" in out
    assert (
        main(
            [
                "compare",
                "log.csv",
                "--by",
                "salutation",
                "--metric",
                "reply_rate",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    frame = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert frame.columns[:13].tolist() == [
        "level",
        "n",
        "successes",
        "rate",
        "ci_low",
        "ci_high",
        "diff",
        "diff_ci_low",
        "diff_ci_high",
        "p_value",
        "p_adjusted",
        "prob_beats_baseline",
        "significant",
    ]
    d = run_json(
        capsys,
        [
            "compare",
            "log.csv",
            "--by",
            "salutation",
            "--metric",
            "reply_rate",
            "--sequential",
            "--format",
            "json",
        ],
    )
    assert d["sequential"] is True and any("Sequential" in n for n in d["notes"])


@pytest.mark.parametrize(
    "argv,msg",
    [
        (["--by", "branche", "--metric", "reply_rate"], "no such column"),
        (["--by", "industry", "--metric", "nope"], "unknown metric"),
        (["--by", "industry", "--metric", "reply_rate", "--baseline", "Bau"], "levels: Handel, IT"),
        (["--by", "industry", "--metric", "reply_rate", "--where", "industry=Bau"], "no contacts"),
        (["--by", "industry", "--metric", "reply_rate", "--where", "industry"], "COLUMN=VALUE"),
    ],
)
def test_compare_bad_usage_exit_2(workspace, capsys, argv, msg):
    assert main(["compare", "log.csv", *argv]) == 2
    out = capsys.readouterr()
    assert msg in out.err and "Traceback" not in out.err and out.out == ""


def test_check_thesis_all_and_where(workspace, capsys):
    _, df = workspace
    d = run_json(capsys, ["check", "log.csv", "--thesis", "logistik-50-199", "--format", "json"])
    seg = df[(df.industry == "Logistik") & df.employees.between(50, 199)]
    assert d["thesis"] == "logistik-50-199" and d["n"] == len(seg)
    reply = d["metrics"][0]
    assert reply["metric"] == "reply_rate" and reply["successes"] == seg.replied.sum()
    lo, hi = proportion_confint(seg.replied.sum(), len(seg), method="wilson")
    assert (reply["ci_low"], reply["ci_high"]) == pytest.approx((lo, hi))
    expected = "pass" if lo >= 0.15 else "fail" if hi < 0.15 else "inconclusive"
    assert reply["verdict"] == expected
    deal = d["metrics"][2]
    assert deal["n"] == seg.qualified.sum() and deal["successes"] == seg.deal.sum()
    all_ = run_json(capsys, ["check", "log.csv", "--all", "--format", "json"])
    assert [t["thesis"] for t in all_["theses"]] == ["logistik-50-199", "it"]
    seg_d = run_json(capsys, ["check", "log.csv", "--where", "industry=Handel", "--format", "json"])
    assert seg_d["thesis"] == "segment" and seg_d["n"] == (df.industry == "Handel").sum()
    assert main(["check", "log.csv", "--all"]) == 0
    assert "Thesis 'it'" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv,msg",
    [
        ([], "say what to check"),
        (["--thesis", "nope"], "known theses: logistik-50-199, it"),
        (["--all", "--thesis", "it"], "not both"),
    ],
)
def test_check_bad_usage(workspace, capsys, argv, msg):
    assert main(["check", "log.csv", *argv]) == 2
    err = capsys.readouterr().err
    assert msg in err and "Traceback" not in err


def test_size(capsys):
    d = run_json(capsys, ["size", "--baseline-rate", "0.12", "--lift", "0.03", "--format", "json"])
    assert d["n_per_arm"] == ab_sample_size(0.12, 0.03)
    d = run_json(
        capsys, ["size", "--segment", "--rate", "0.18", "--target", "0.15", "--format", "json"]
    )
    assert d["n"] == segment_sample_size(0.18, 0.15)
    assert main(["size", "--lift", "0.03"]) == 2
    assert main(["size", "--baseline-rate", "0.12", "--lift", "0"]) == 2


def test_lock_cli(workspace, capsys):
    root, _ = workspace
    assert main(["lock"]) == 0 and (root / LOCK_FILENAME).exists()
    (root / "icplab.toml").write_text(TOML + "\n[metrics.reply_rate]\ntarget = 0.1\n")
    assert main(["lock"]) == 3
    assert "reply_rate.target: 0.15 -> 0.1" in capsys.readouterr().out
    # compare still works but warns on stderr; stdout stays pure JSON
    assert (
        main(
            [
                "compare",
                "log.csv",
                "--by",
                "salutation",
                "--metric",
                "reply_rate",
                "--format",
                "json",
            ]
        )
        == 0
    )
    out = capsys.readouterr()
    json.loads(out.out)
    assert "changed since they were locked" in out.err
    assert main(["lock", "--accept"]) == 0
    assert main(["lock"]) == 0


def test_denominator_in_every_json_and_the_deal_rate_fallback(workspace, capsys):
    """CONTRACT section 2: the denominator actually used is in every output; the
    deal_rate fallback from qualified to meetings is said in a note and in the text."""
    root, df = workspace
    note = "deal_rate uses meetings as its denominator: the log has no qualified column."
    d = run_json(
        capsys,
        ["compare", "log.csv", "--by", "salutation", "--metric", "deal_rate", "--format", "json"],
    )
    assert d["denominator"] == "qualified" and note not in d["notes"]
    df.drop(columns=["qualified"]).to_csv(root / "noq.csv", index=False)
    meetings = df.groupby("salutation")["meeting"].sum()  # independent count (pandas)
    d = run_json(
        capsys,
        [
            "compare",
            "noq.csv",
            "--by",
            "salutation",
            "--metric",
            "deal_rate",
            "--within",
            "industry",
            "--format",
            "json",
        ],
    )
    assert d["denominator"] == "meeting" and note in d["notes"]
    assert {r["level"]: r["n"] for r in d["rows"]} == meetings.to_dict()
    assert {s["denominator"] for s in d["within"]["segments"]} == {"meeting"}
    d = run_json(capsys, ["check", "noq.csv", "--where", "industry=IT", "--format", "json"])
    m = {x["metric"]: x for x in d["metrics"]}
    assert m["deal_rate"]["denominator"] == "meeting" and note in d["notes"]
    assert m["deal_rate"]["n"] == int(df.loc[df["industry"] == "IT", "meeting"].sum())
    assert m["reply_rate"]["denominator"] == "contacted"
    d = run_json(capsys, ["refine", "noq.csv", "--metric", "deal_rate", "--format", "json"])
    assert d["denominator"] == "meeting" and note in d["notes"]
    d = run_json(capsys, ["refine", "log.csv", "--metric", "deal_rate", "--format", "json"])
    assert d["denominator"] == "qualified" and note not in d["notes"]
    # the text outputs say it too
    for argv in (
        ["compare", "noq.csv", "--by", "salutation", "--metric", "deal_rate"],
        ["check", "noq.csv", "--where", "industry=IT"],
        ["refine", "noq.csv", "--metric", "deal_rate"],
    ):
        assert main(argv) == 0
        assert note in capsys.readouterr().out
