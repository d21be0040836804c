"""compare --within: the interaction test and per-segment rows against independent references.

References: a row-level logistic regression with statsmodels' formula API (``smf.logit``,
one row per prospect, no counts) for the likelihood-ratio test, and ``compare`` with a
``where`` filter for each segment's rows.
"""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

from icplab.cli import main
from icplab.core.errors import UsageError
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.icp.compare import compare_result
from icplab.icp.scope import Scope
from icplab.stats.inference import Inference
from icplab.stats.interaction import (
    additive_deviance,
    interaction_lr_test,
    sequential_chi2_pvalue,
)


@pytest.fixture(scope="module")
def crossover():
    """The sample generator: du vs sie runs from +0.35 (IT) to -0.40 log-odds (Finanz)."""
    return validate_frame(generate_outreach(15_000, seed=7), source="crossover")


def uniform_effect(n: int = 12_000, seed: int = 1) -> pd.DataFrame:
    """Row-level log where du beats sie by the same log-odds in every industry."""
    rng = np.random.default_rng(seed)
    ind = rng.choice(["IT", "Handel", "Logistik"], n)
    sal = rng.choice(["du", "sie"], n)
    base = pd.Series(ind).map({"IT": -1.5, "Handel": -2.2, "Logistik": -1.8}).to_numpy()
    p = 1 / (1 + np.exp(-(base + np.where(sal == "du", 0.45, 0.0))))
    return pd.DataFrame(
        {
            "industry": ind,
            "salutation": sal,
            "contacted": 1,
            "replied": rng.binomial(1, p),
            "meeting": 0,
        }
    )


def rowlevel_lr(frame: pd.DataFrame, factor: str, within: str, y: str = "replied"):
    """LR test of factor*within vs factor+within, row-level logit (statsmodels formulas)."""
    rows = frame[[factor, within, y]].astype({factor: str, within: str, y: int})
    rows = rows.rename(columns={factor: "f", within: "w", y: "y"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = smf.logit("y ~ C(f) * C(w)", rows).fit(disp=0, maxiter=200)
        add = smf.logit("y ~ C(f) + C(w)", rows).fit(disp=0, maxiter=200)
    lr = 2 * (full.llf - add.llf)
    df = int(full.df_model - add.df_model)
    return lr, df, stats.chi2.sf(lr, df)


def test_planted_crossover_matches_rowlevel_glm(crossover):
    res = compare_result(crossover, "salutation", "reply_rate", within="industry")
    w = res.within
    lr, df, p = rowlevel_lr(crossover.frame, "salutation", "industry")
    assert w.df == df == 5
    assert w.test.statistic == pytest.approx(lr, rel=1e-6)
    assert w.p_value == pytest.approx(p, rel=1e-5)
    assert w.p_value < 1e-4 and w.differs  # the planted crossover is found
    pref = w.preferred()
    # planted truth: du better in IT, Handel; sie better in Maschinenbau, Finanzdienstleister
    assert pref["IT"] == "du" and pref["Handel"] == "du"
    assert pref["Maschinenbau"] == "sie" and pref["Finanzdienstleister"] == "sie"


def test_segments_equal_compare_with_where(crossover):
    res = compare_result(crossover, "salutation", "reply_rate", within="industry")
    d = res.to_dict()["within"]
    assert d["by"] == "industry"
    assert [s["level"] for s in d["segments"]] == sorted(crossover.frame["industry"].unique())
    for seg in d["segments"]:
        ref = compare_result(
            crossover,
            "salutation",
            "reply_rate",
            baseline=res.baseline,
            scope=Scope(where={"industry": (seg["level"],)}),
        ).to_dict()["rows"]
        assert seg["rows"] == ref
        # and the plain-pandas rate of each row
        sub = crossover.frame[crossover.frame["industry"] == seg["level"]]
        for row in seg["rows"]:
            x = sub[sub["salutation"] == row["level"]]["replied"]
            assert row["n"] == len(x) and row["successes"] == int(x.sum())


def test_no_crossover_single_effect():
    frame = uniform_effect()
    res = compare_result(frame, "salutation", "reply_rate", within="industry")
    lr, df, p = rowlevel_lr(frame, "salutation", "industry")
    assert res.within.df == df == 2
    assert res.within.p_value == pytest.approx(p, rel=1e-5)
    assert not res.within.differs
    assert set(res.within.preferred().values()) == {"du"}


#: The simulations' 2 x 3 grid: salutation (du, sie) by industry; du lifts the log-odds.
SIM_F = np.repeat(["du", "sie"], 3)
SIM_W = np.tile(["IT", "Handel", "Logistik"], 2)


def _lr_statistics(s: np.ndarray, n: np.ndarray) -> np.ndarray:
    """The interaction statistic of many simulated grids, one per row of ``s`` and ``n``.

    ``interaction_lr_test`` spends most of a call on its pandas cell bookkeeping; its
    statistic is :func:`additive_deviance` of the ``factor x within`` grid, called here
    directly. :func:`_same_as_the_test` checks the shortcut against the full function.
    """
    s2, n2 = np.broadcast_arrays(np.asarray(s, dtype="float64"), np.asarray(n, dtype="float64"))
    grids = zip(s2.reshape(-1, 2, 3), n2.reshape(-1, 2, 3), strict=True)
    return np.array([additive_deviance(a, b) for a, b in grids]).reshape(s2.shape[:-1])


def _same_as_the_test(s, n, statistic, p_value, inference: Inference) -> None:
    """A few grids through ``interaction_lr_test`` give the shortcut's statistic and p."""
    for i in np.linspace(0, len(s) - 1, 8).astype(int):
        r = interaction_lr_test(s[i], n[i], SIM_F, SIM_W, inference)
        assert r.df == 2
        assert r.statistic == pytest.approx(statistic[i], rel=1e-9, abs=1e-12)
        assert r.p_value == pytest.approx(p_value[i], rel=1e-9, abs=1e-15)


@pytest.mark.slow
def test_null_interaction_is_calibrated():
    """Same effect everywhere: the test rejects about alpha of the time (simulation).

    2,000 null tables: the rejection rate's Monte-Carlo standard error at 5 % is 0.49
    points, so the band of +-1.5 points is 3 standard errors (it was +-2.5 on 600 tables).
    """
    rng = np.random.default_rng(0)
    eta = np.tile([-1.5, -2.2, -1.8], 2) + np.where(SIM_F == "du", 0.45, 0.0)
    p = 1 / (1 + np.exp(-eta))
    n = np.full((2000, 6), 2000)
    s = rng.binomial(n, p)
    stat = _lr_statistics(s, n)
    pv = stats.chi2.sf(stat, 2)
    _same_as_the_test(s, n, stat, pv, Inference.fixed())
    assert abs((pv < 0.05).mean() - 0.05) < 3 * math.sqrt(0.05 * 0.95 / len(pv))
    # and a real crossover of the same size is found nearly always
    eta2 = np.tile([-1.5, -2.2, -1.8], 2) + np.where(SIM_F == "du", [0.4, -0.4, 0.0] * 2, 0.0)
    p2 = 1 / (1 + np.exp(-eta2))
    s2 = rng.binomial(n[:300], p2)
    pv2 = stats.chi2.sf(_lr_statistics(s2, n[:300]), 2)
    assert (pv2 < 0.05).mean() > 0.9


def test_size_band_within_matches(crossover):
    res = compare_result(crossover, "messaging", "meeting_rate", within="size_band")
    fr = crossover.frame.assign(size_band=crossover.frame["size_band"].astype(str))
    lr, df, p = rowlevel_lr(fr, "messaging", "size_band", y="meeting")
    assert res.within.df == df == 3
    assert res.within.p_value == pytest.approx(p, rel=1e-5)
    assert [s.level for s in res.within.segments] == ["1-49", "50-199", "200-499", "500+"]


def test_within_one_level():
    frame = uniform_effect(2000)
    frame["industry"] = "IT"
    res = compare_result(frame, "salutation", "reply_rate", within="industry")
    d = res.to_dict()["within"]
    assert d["df"] == 0 and d["interaction_p_value"] is None and not res.within.differs
    assert len(d["segments"]) == 1 and len(d["segments"][0]["rows"]) == 2
    assert any("cannot be made" in n for n in d["notes"])


def counts_table(cells):
    return pd.DataFrame(
        [
            {"salutation": f, "industry": w, "contacted": n, "replied": s, "meeting": 0}
            for f, w, s, n in cells
        ]
    )


def weighted_lr(cells):
    """LR statistic from a GLM with freq_weights on (cell, outcome) rows; the saturated
    model's log-likelihood in closed form (observed proportions)."""
    rows = []
    for f, w, s, n in cells:
        rows += [{"f": f, "w": w, "y": 1, "k": s}, {"f": f, "w": w, "y": 0, "k": n - s}]
    rows = pd.DataFrame(rows)
    rows = rows[rows["k"] > 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        add = smf.glm(
            "y ~ C(f) + C(w)", rows, family=sm.families.Binomial(), freq_weights=rows["k"]
        ).fit()
    sat = 0.0
    for _, _, s, n in cells:
        for k, q in ((s, s / n), (n - s, 1 - s / n)):
            sat += k * math.log(q) if k else 0.0
    llf_add = float((rows["k"] * np.log(np.where(rows["y"] == 1, add.mu, 1 - add.mu))).sum())
    return 2 * (sat - llf_add)


def test_empty_cell_drops_the_segment():
    cells = [
        ("du", "IT", 40, 200),
        ("sie", "IT", 20, 200),
        ("du", "Handel", 10, 200),
        ("sie", "Handel", 25, 200),
        ("du", "Logistik", 30, 150),  # no sie contacts in Logistik
        ("du", "Bau", 12, 100),
        ("sie", "Bau", 14, 100),
    ]
    res = compare_result(counts_table(cells), "salutation", "reply_rate", within="industry")
    w = res.within
    assert w.test.dropped_within == ("Logistik",)
    assert w.df == 2
    kept = [c for c in cells if c[1] != "Logistik"]
    assert w.test.statistic == pytest.approx(weighted_lr(kept), rel=1e-6)
    assert any("Logistik" in n for n in w.notes)
    seg = {s.level: s for s in w.segments}["Logistik"]
    assert len(seg.result.table) == 1  # its own comparison says: nothing to compare


def test_separation_zero_cells():
    cells = [
        ("du", "IT", 0, 80),  # a zero cell: kept, finite likelihoods
        ("sie", "IT", 9, 80),
        ("du", "Handel", 15, 120),
        ("sie", "Handel", 11, 120),
        ("du", "Bau", 0, 50),  # no success in the whole segment: no information
        ("sie", "Bau", 0, 60),
    ]
    res = compare_result(counts_table(cells), "salutation", "reply_rate", within="industry")
    w = res.within
    assert w.test.dropped_within == ("Bau",)
    assert w.df == 1
    kept = [c for c in cells if c[1] != "Bau"]
    assert w.test.statistic == pytest.approx(weighted_lr(kept), rel=1e-5)
    assert math.isfinite(w.p_value) and 0 < w.p_value < 1
    json.dumps(res.to_dict(), allow_nan=False)


def test_direct_lr_function_matches_weighted_glm():
    rng = np.random.default_rng(5)
    cells = []
    for f in ("a", "b", "c"):
        for w in ("x", "y", "z", "v"):
            n = int(rng.integers(50, 400))
            cells.append((f, w, int(rng.binomial(n, rng.uniform(0.05, 0.3))), n))
    f, w, s, n = zip(*cells, strict=True)
    res = interaction_lr_test(s, n, f, w)
    assert res.df == 6
    ref = weighted_lr(cells)
    assert res.statistic == pytest.approx(ref, rel=1e-6)
    assert res.p_value == pytest.approx(stats.chi2.sf(ref, 6), rel=1e-5)


def test_within_errors():
    frame = uniform_effect(500)
    with pytest.raises(UsageError, match="no such column"):
        compare_result(frame, "salutation", "reply_rate", within="branche")
    with pytest.raises(UsageError, match="other than"):
        compare_result(frame, "salutation", "reply_rate", within="salutation")
    out = compare_result(frame, "salutation", "reply_rate", within="industry")
    assert out.within is not None and out.within.by == "industry"


def test_cli_within_json_and_text(tmp_path, capsys, crossover, monkeypatch):
    path = tmp_path / "log.csv"
    generate_outreach(15_000, seed=7).to_csv(path, index=False)
    monkeypatch.chdir(tmp_path)
    argv = ["compare", str(path), "--by", "salutation", "--metric", "reply_rate"]
    assert main([*argv, "--within", "industry", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    api = compare_result(crossover, "salutation", "reply_rate", within="industry").to_dict()
    assert set(d["within"]) >= {"by", "interaction_p_value", "df", "segments"}
    assert d["within"]["interaction_p_value"] == pytest.approx(
        api["within"]["interaction_p_value"], rel=1e-9
    )
    assert d["within"]["segments"] == api["within"]["segments"]
    assert main([*argv, "--within", "industry"]) == 0
    text = capsys.readouterr().out
    assert "Differences in points" in text and "log-odds scale" in text
    assert "df = 5" in text and "Maschinenbau" in text
    assert main([*argv, "--within", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
    assert main([*argv]) == 0
    assert "within" not in capsys.readouterr().out.lower()


def test_cli_text_strips_control_characters(tmp_path, capsys):
    frame = uniform_effect(600)
    frame["industry"] = frame["industry"].replace({"IT": "IT\x1b[31mRED"})
    frame["prospect_id"] = [f"p{i}" for i in range(len(frame))]
    frame["employees"] = 60
    frame["messaging"] = "a"
    frame = frame.drop(columns=["contacted"])
    path = tmp_path / "log.csv"
    frame.to_csv(path, index=False)
    argv = ["compare", str(path), "--by", "salutation", "--metric", "reply_rate"]
    assert main([*argv, "--within", "industry"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "IT [31mRED" in out


def test_sequential_within_is_always_valid(crossover):
    res = compare_result(
        crossover,
        "salutation",
        "reply_rate",
        within="industry",
        scope=Scope(inference=Inference.sequential()),
    )
    assert any("always-valid" in n for n in res.within.notes)
    fixed = compare_result(crossover, "salutation", "reply_rate", within="industry")
    # same statistic, a larger (always-valid) p-value, and the planted crossover still shows
    assert res.within.test.statistic == pytest.approx(fixed.within.test.statistic)
    assert fixed.within.p_value < res.within.p_value < 0.01
    seg = res.within.segments[0].result
    assert seg.sequential and (seg.table["test"].iloc[1] == "sequential")


def test_cli_within_csv_is_one_table(tmp_path, capsys, crossover):
    import io

    path = tmp_path / "log.csv"
    generate_outreach(15_000, seed=7).to_csv(path, index=False)
    argv = ["compare", str(path), "--by", "salutation", "--metric", "reply_rate"]
    assert main([*argv, "--within", "industry", "--format", "csv"]) == 0
    t = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert list(t.columns[:3]) == ["within", "segment", "level"]
    assert (t["within"] == "industry").all()
    assert len(t) == 2 + 2 * 6
    it = t[(t["segment"] == "IT") & (t["level"] == "sie")].iloc[0]
    ref = compare_result(
        crossover,
        "salutation",
        "reply_rate",
        baseline="du",
        scope=Scope(where={"industry": ("IT",)}),
    ).to_frame()
    # the spreadsheet writer rounds rates and differences to 4 decimals
    assert float(it["diff"]) == pytest.approx(float(ref["diff"].iloc[1]), abs=5e-5)


def test_segment_without_the_baseline_stays_out_of_the_effects():
    cells = [
        ("du", "IT", 40, 200),
        ("sie", "IT", 20, 200),
        ("sie", "Handel", 25, 200),
        ("x", "Handel", 20, 200),
        ("du", "Bau", 12, 100),
        ("sie", "Bau", 14, 100),
    ]
    res = compare_result(
        counts_table(cells), "salutation", "reply_rate", baseline="du", within="industry"
    )
    seg = {s.level: s for s in res.within.segments}
    assert seg["Handel"].result.baseline == "sie" and "no contacts" in seg["Handel"].note
    assert set(res.within.effects()["segment"]) == {"IT", "Bau"}


@pytest.mark.slow
def test_sequential_interaction_survives_nightly_looks():
    """Null interaction, looked at after every week of sending: the always-valid p-value
    rejects on some night in at most ~alpha of campaigns; the fixed one far more often.

    400 campaigns (Monte-Carlo standard error 1.1 points at 5 %), 12 weekly looks each.
    """
    rng = np.random.default_rng(11)
    eta = np.tile([-1.5, -2.2, -1.8], 2) + np.where(SIM_F == "du", 0.3, 0.0)
    p = 1 / (1 + np.exp(-eta))
    weekly = 120  # contacts per cell and week
    looks, campaigns = 12, 400
    s = rng.binomial(weekly, p, (campaigns, looks, 6)).cumsum(axis=1)
    n = np.broadcast_to((weekly * np.arange(1, looks + 1))[None, :, None], s.shape)
    stat = _lr_statistics(s, n)  # (campaigns, looks)
    inference = Inference.sequential()
    seq_p = np.vectorize(sequential_chi2_pvalue)(stat, 2, n.sum(axis=-1), 0.05, inference.tuning)
    # the statistic and the always-valid p-value are the test's own, at every look
    _same_as_the_test(s[:, -1], n[:, -1], stat[:, -1], seq_p[:, -1], inference)
    _same_as_the_test(s[:, 0], n[:, 0], stat[:, 0], seq_p[:, 0], inference)
    ever_seq = (seq_p < 0.05).any(axis=1).mean()
    # the fixed-sample p-value of the same statistic (scipy)
    ever_fixed = (stats.chi2.sf(stat, 2) < 0.05).any(axis=1).mean()
    assert ever_seq <= 0.05
    assert ever_fixed > ever_seq + 0.05
