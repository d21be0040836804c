"""compare / compare_all: every field against independent statsmodels / scipy computations."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

from icplab.core.config import Config
from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.icp.compare import compare_all, compare_result
from icplab.icp.scope import Scope
from icplab.stats.inference import Inference
from icplab.stats.sequential import sequential_diff


def compare(data, by, metric, **options) -> pd.DataFrame:
    """The comparison's table, with its baseline and notes beside it (``attrs``)."""
    res = compare_result(data, by, metric, **options)
    out = res.to_frame()
    out.attrs = {"baseline": res.baseline, "notes": list(res.notes)}
    return out


def table(levels, contacted, replied, meeting=None, qualified=None, deal=None, by="industry"):
    d = {
        by: levels,
        "contacted": contacted,
        "replied": replied,
        "meeting": meeting if meeting is not None else [0] * len(levels),
    }
    if qualified is not None:
        d["qualified"] = qualified
    if deal is not None:
        d["deal"] = deal
    return pd.DataFrame(d)


def row_level(n_per_level: dict[str, int], p: dict[str, float], seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    parts = []
    for lv, n in n_per_level.items():
        parts.append(
            pd.DataFrame(
                {"industry": lv, "contacted": 1, "replied": rng.binomial(1, p[lv], n), "meeting": 0}
            )
        )
    return pd.concat(parts, ignore_index=True)


def test_every_field_against_references():
    t = table(["IT", "Handel", "Logistik", "Maschinenbau"], [900, 400, 700, 20], [180, 40, 120, 3])
    out = compare(t, "industry", "reply_rate")
    assert out["level"].tolist() == ["IT", "Handel", "Logistik", "Maschinenbau"]
    assert out.attrs["baseline"] == "IT"
    base = out.iloc[0]
    assert base["is_baseline"] and math.isnan(base["diff"]) and math.isnan(base["p_value"])
    pvals = []
    for _, r in out.iloc[1:].iterrows():
        s, n = int(r["successes"]), int(r["n"])
        lo, hi = proportion_confint(s, n, method="wilson")
        assert (r["ci_low"], r["ci_high"]) == pytest.approx((lo, hi), abs=1e-12)
        assert r["rate"] == pytest.approx(s / n)
        assert r["diff"] == pytest.approx(s / n - 180 / 900)
        ref = confint_proportions_2indep(s, n, 180, 900, method="newcomb", compare="diff")
        assert (r["diff_ci_low"], r["diff_ci_high"]) == pytest.approx(ref, abs=1e-12)
        exp = min(n, 900) * min(s + 180, n + 900 - s - 180) / (n + 900)
        if exp < 5:
            assert r["test"] == "fisher"
            pref = stats.fisher_exact([[s, n - s], [180, 720]]).pvalue
        else:
            assert r["test"] == "z"
            pref = proportions_ztest([s, 180], [n, 900])[1]
        assert r["p_value"] == pytest.approx(pref, rel=1e-10)
        pvals.append(pref)
        rng = np.random.default_rng(0)
        mc = (rng.beta(1 + s, 1 + n - s, 400_000) > rng.beta(181, 721, 400_000)).mean()
        assert r["prob_beats_baseline"] == pytest.approx(mc, abs=0.005)
    holm = multipletests(pvals, method="holm")[1]
    np.testing.assert_allclose(out["p_adjusted"].iloc[1:], holm, rtol=1e-12)
    assert out["significant"].iloc[1:].tolist() == (holm < 0.05).tolist()
    assert out["test"].iloc[3] == "fisher"  # 3/20 vs 180/900: expected successes 3.98 < 5


def test_bh_and_none_corrections_and_alpha():
    t = table(["a", "b", "c"], [500, 480, 470], [50, 70, 64])
    bh = compare(t, "industry", "reply_rate", correction="bh")
    raw = bh["p_value"].iloc[1:].to_numpy()
    np.testing.assert_allclose(bh["p_adjusted"].iloc[1:], multipletests(raw, method="fdr_bh")[1])
    none = compare(t, "industry", "reply_rate", correction="none", alpha=0.2)
    np.testing.assert_allclose(none["p_adjusted"].iloc[1:], raw)
    assert none["significant"].iloc[1:].tolist() == (raw < 0.2).tolist()


def test_row_level_equals_counts_and_where():
    frame = row_level({"IT": 300, "Handel": 200}, {"IT": 0.2, "Handel": 0.1})
    counted = frame.groupby("industry", as_index=False)[["contacted", "replied", "meeting"]].sum()
    a = compare(frame, "industry", "reply_rate")
    b = compare(counted, "industry", "reply_rate")
    pd.testing.assert_frame_equal(a, b)
    only = compare(frame, "industry", "reply_rate", scope=Scope(where={"industry": ("it",)}))
    assert only["level"].tolist() == ["IT"] and len(only) == 1
    assert any("nothing to compare" in n for n in only.attrs["notes"])


def test_baseline_choice_ties_and_explicit():
    t = table(["b", "a", "c"], [100, 100, 50], [10, 20, 5])
    assert compare(t, "industry", "reply_rate").attrs["baseline"] == "a"  # tie: first in order
    r = compare_result(t, "industry", "reply_rate", baseline="C")
    assert r.baseline == "c" and r.table["level"].tolist() == ["c", "a", "b"]
    with pytest.raises(UsageError, match="levels: a, b, c"):
        compare(t, "industry", "reply_rate", baseline="zzz")


def test_unknown_column_and_metric():
    t = table(["a", "b"], [10, 10], [1, 2])
    with pytest.raises(UsageError, match="Available: .*industry"):
        compare(t, "branche", "reply_rate")
    with pytest.raises(UsageError, match="known metrics: reply_rate"):
        compare(t, "industry", "reply_ratio")


def test_zero_denominator_level_and_zero_everywhere():
    t = table(
        ["IT", "Handel", "Logistik"],
        [300, 200, 100],
        [60, 20, 10],
        meeting=[30, 8, 4],
        qualified=[20, 0, 5],
        deal=[5, 0, 0],
    )
    r = compare_result(t, "industry", "deal_rate")
    d = r.to_dict()
    handel = next(x for x in d["rows"] if x["level"] == "Handel")
    assert handel["rate"] is None and handel["diff"] is None and handel["significant"] is None
    assert any("No qualified in Handel" in n for n in r.notes)
    logistik = next(x for x in d["rows"] if x["level"] == "Logistik")
    assert logistik["successes"] == 0 and logistik["rate"] == 0.0
    assert logistik["p_value"] == pytest.approx(stats.fisher_exact([[0, 5], [5, 15]]).pvalue)
    json.dumps(d, allow_nan=False)
    zero = t.assign(qualified=0, deal=0)
    with pytest.raises(NotEnoughDataError, match="no level has any qualified"):
        compare(zero, "industry", "deal_rate")


def test_all_successes_and_empty_segment():
    t = table(["a", "b"], [20, 20], [20, 20])
    out = compare(t, "industry", "reply_rate")
    assert out["p_value"].iloc[1] == 1.0 and out["test"].iloc[1] == "fisher"
    assert out["diff"].iloc[1] == 0.0 and out["prob_beats_baseline"].iloc[1] == pytest.approx(0.5)
    with pytest.raises(NotEnoughDataError, match="no contacts match"):
        compare(t, "industry", "reply_rate", scope=Scope(where={"industry": ("x",)}))


def test_to_dict_is_exactly_the_contract():
    t = table(["sie", "du"], [1200, 1180], [150, 201], by="salutation")
    d = compare_result(t, "salutation", "reply_rate").to_dict()
    assert list(d)[:6] == ["metric", "by", "baseline", "alpha", "correction", "rows"]
    assert set(d) - {"metric", "by", "baseline", "alpha", "correction", "rows"} == {
        "srm",
        "notes",
        "sequential",
        # CONTRACT section 4 (issue 9): inference mode, as_of date, contacts maturing
        "inference",
        "as_of",
        "maturing",
        # CONTRACT section 2: the denominator actually used is part of every output
        "denominator",
        # CONTRACT sections 2-3 (issue 21): maturity, late successes, as_of, inference line
        "maturity",
        "late_successes",
        "late_unchecked",
        "after_as_of",
        "inference_note",
    }
    assert d["maturity"] == "unknown"  # counts carry no send dates
    assert d["inference"] == "fixed" and d["maturing"] == 0 and d["denominator"] == "contacted"
    assert list(d["rows"][0]) == ["level", "n", "successes", "rate", "ci_low", "ci_high"]
    assert list(d["rows"][1]) == [
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
    assert d["baseline"] == "sie" and d["rows"][1]["significant"] is True
    assert isinstance(d["rows"][1]["n"], int) and isinstance(d["rows"][1]["rate"], float)
    assert d["srm"]["checked"] is True


def test_sequential_mode_replaces_ci_and_p():
    t = table(["a", "b"], [1000, 1000], [150, 190], by="messaging")
    r = compare_result(t, "messaging", "reply_rate", scope=Scope(inference=Inference.sequential()))
    assert r.baseline == "a"  # tie in contacts: the first level
    lo, hi, p = sequential_diff(190, 1000, 150, 1000)
    row = r.table.iloc[1]
    assert (row["diff_ci_low"], row["diff_ci_high"], row["p_value"]) == pytest.approx(
        (float(lo), float(hi), float(p))
    )
    assert row["test"] == "sequential" and r.sequential and "Sequential" in " ".join(r.notes)


def test_srm_warning_in_result():
    t = table(["du", "sie"], [1000, 1200], [100, 120], by="salutation")
    r = compare_result(t, "salutation", "reply_rate")
    assert r.srm.mismatch and r.notes[0].startswith("SAMPLE RATIO MISMATCH")
    cfg = Config.from_toml_text("[split.salutation]\ndu = 5\nsie = 6\n")
    assert not compare_result(t, "salutation", "reply_rate", scope=Scope(config=cfg)).srm.mismatch


def test_compare_all_equals_single_compares():
    rng = np.random.default_rng(5)
    n = 4000
    frame = pd.DataFrame(
        {
            "industry": rng.choice(["IT", "Handel", "Logistik"], n),
            "salutation": rng.choice(["du", "sie"], n),
            "contacted": 1,
            "replied": rng.binomial(1, 0.15, n),
        }
    )
    frame["meeting"] = frame["replied"] * rng.binomial(1, 0.5, n)
    frame["qualified"] = frame["meeting"] * rng.binomial(1, 0.6, n)
    frame["deal"] = frame["qualified"] * rng.binomial(1, 0.3, n)
    res = compare_all(
        frame, ["industry", "salutation"], ["reply_rate", "meeting_rate", "deal_rate"]
    )
    assert len(res) == 6
    for (f, m), r in res.items():
        pd.testing.assert_frame_equal(r.table, compare(frame, f, m), check_like=False)


def test_summary_sentence():
    t = table(["sie", "du"], [1200, 1180], [150, 201], by="salutation")
    s = compare_result(t, "salutation", "reply_rate").summary()
    assert s.startswith("du beats sie on reply rate: +4.5 pp [") and "significant after Holm" in s
    t2 = table(["a", "b"], [100, 100], [10, 11])
    assert "No clear difference" in compare_result(t2, "industry", "reply_rate").summary()
