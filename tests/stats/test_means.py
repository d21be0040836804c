"""Value metrics (kind = "mean"): moments, intervals, comparisons, verdicts and pooling.

Every figure is checked against plain pandas, scipy or a simulation with known truth.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, replace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from icplab.core.config import Config
from icplab.core.errors import ConfigError, NotEnoughDataError
from icplab.core.metrics import DEFAULT_METRICS, OPTIONAL_METRICS, Metric, metrics_fingerprint
from icplab.data.counts import value_moments
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.icp.compare import compare_result
from icplab.icp.refine import refine
from icplab.icp.scope import Scope
from icplab.icp.value import value_by_segment
from icplab.icp.verdicts import check
from icplab.stats.means import Moments, mean_interval, pool_means, welch_diff

VPC = replace(OPTIONAL_METRICS["value_per_contact"], target=150.0)
CFG = Config.from_toml_text("[metrics.value_per_contact]\ntarget = 150\n")


@pytest.fixture(scope="module")
def data():
    return validate_frame(generate_outreach(6000, seed=5), source="demo.csv")


def _zero_inflated(rng, n, p, sigma, scale=10_000.0):
    x = np.zeros(n)
    hit = rng.random(n) < p
    x[hit] = rng.lognormal(np.log(scale), sigma, hit.sum())
    return x


def test_value_moments_match_plain_pandas(data):
    m = value_moments(data.frame, ["industry"])
    f = data.frame.assign(industry=data.frame["industry"].astype(str))
    g = f.groupby("industry")["deal_value"]
    ref = pd.DataFrame(
        {
            "n": g.size(),
            "value_sum": g.sum(),
            "value_sum_sq": g.apply(lambda s: (s**2).sum()),
            "nonzero": g.apply(lambda s: (s > 0).sum()),
            "log_sum": g.apply(lambda s: np.log(s[s > 0]).sum()),
        }
    )
    got = m.assign(industry=m["industry"].astype(str)).set_index("industry").sort_index()
    for col in ref.columns:
        np.testing.assert_allclose(got[col].to_numpy(), ref[col].to_numpy(), rtol=1e-12)


def test_value_moments_refuse_aggregated_counts():
    agg = pd.DataFrame({"industry": ["IT"], "contacted": [40], "deal_value": [9000.0]})
    with pytest.raises(NotEnoughDataError, match="row-level"):
        value_moments(agg, ["industry"])


def test_value_by_segment_matches_pandas(data):
    t = value_by_segment(data.frame, ["industry", "size_band"])
    f = data.frame.assign(
        industry=data.frame["industry"].astype(str), size_band=data.frame["size_band"].astype(str)
    )
    g = f.groupby(["industry", "size_band"])
    vpc = g["deal_value"].mean()
    mdv = g["deal_value"].sum() / g["deal"].sum().replace(0, np.nan)
    t = t.assign(industry=t["industry"].astype(str), size_band=t["size_band"].astype(str))
    t = t.set_index(["industry", "size_band"]).sort_index()
    np.testing.assert_allclose(t["value_per_contact"], vpc.sort_index(), rtol=1e-12)
    np.testing.assert_allclose(t["mean_deal_value"], mdv.sort_index(), rtol=1e-12)
    assert (t["deals"] == g["deal"].sum().sort_index()).all()


def test_interval_closed_form_small_case():
    x = np.array([0.0] * 95 + [8000.0, 9000.0, 12000.0, 20000.0, 7000.0])
    nz = x[x > 0]
    mean, lo, hi = mean_interval(
        Moments(
            *map(
                np.float64,
                (len(x), x.sum(), (x**2).sum(), len(nz), np.log(nz).sum(), (np.log(nz) ** 2).sum()),
            )
        )
    )
    # by hand: two-part log-scale delta method, CV^2 = max(sample, lognormal-implied)
    k, p = len(nz), len(nz) / len(x)
    cv2 = max(nz.var(ddof=1) / nz.mean() ** 2, np.expm1(np.log(nz).var(ddof=1)))
    se = np.sqrt((1 - p) / k + cv2 / k)
    q = stats.t.ppf(0.975, k - 1)
    assert float(mean) == pytest.approx(x.mean())
    assert float(lo) == pytest.approx(x.mean() * np.exp(-q * se))
    assert float(hi) == pytest.approx(x.mean() * np.exp(q * se))


@pytest.mark.parametrize("k", [0, 1, 2])
def test_interval_without_spread_is_unbounded(k):
    x = np.array([0.0] * 50 + [5000.0] * k)
    nz = x[x > 0]
    mean, lo, hi = mean_interval(
        Moments(
            *map(
                np.float64,
                (len(x), x.sum(), (x**2).sum(), k, np.log(nz).sum(), (np.log(nz) ** 2).sum()),
            )
        )
    )
    assert float(mean) == pytest.approx(x.mean())
    assert float(lo) == 0.0 and np.isnan(hi)


@pytest.mark.parametrize(
    "n,p,sigma",
    [(200, 0.05, 0.5), (1000, 0.02, 1.0), (5000, 0.03, 1.0), (300, 0.1, 1.5)],
)
def test_interval_coverage_on_zero_inflated_lognormal(n, p, sigma):
    """Simulated coverage of the 95 % interval with known truth (1,500 runs each)."""
    rng = np.random.default_rng([int(n), int(1000 * p), int(10 * sigma)])
    runs = 1500
    k = rng.binomial(n, p, runs)
    vals = rng.lognormal(np.log(10_000), sigma, k.sum())
    logs = np.log(vals)
    starts = np.concatenate([[0], np.cumsum(k)[:-1]])

    def per_run(v):
        out = np.zeros(runs)
        has = k > 0
        out[has] = np.add.reduceat(v, starts[has])
        return out

    moments = (n, per_run(vals), per_run(vals**2), k, per_run(logs), per_run(logs**2))
    mean, lo, hi = mean_interval(Moments(*(np.asarray(x, dtype="float64") for x in moments)))
    truth = p * 10_000 * np.exp(sigma**2 / 2)
    covered = np.where(np.isnan(hi), lo <= truth, (lo <= truth) & (truth <= hi))
    assert covered.mean() >= 0.93, covered.mean()
    # and a plain t-interval is visibly worse where deals are few and skewed
    if n * p <= 30 and sigma >= 1:
        s2 = (per_run(vals**2) - n * mean**2) / (n - 1)
        half = stats.t.ppf(0.975, n - 1) * np.sqrt(s2 / n)
        t_cov = ((mean - half <= truth) & (truth <= mean + half)).mean()
        assert t_cov < covered.mean()


def test_welch_matches_scipy():
    rng = np.random.default_rng(3)
    a, b = _zero_inflated(rng, 400, 0.05, 1.0), _zero_inflated(rng, 300, 0.02, 1.0)
    d, lo, hi, p, pb = welch_diff(len(a), a.sum(), (a**2).sum(), len(b), b.sum(), (b**2).sum())
    ref = stats.ttest_ind(a, b, equal_var=False)
    assert float(p) == pytest.approx(ref.pvalue, rel=1e-9)
    ci = ref.confidence_interval(0.95)
    assert (float(lo), float(hi)) == pytest.approx((ci.low, ci.high), rel=1e-9)
    assert float(d) == pytest.approx(a.mean() - b.mean())


def test_compare_value_metric_json(data):
    r = compare_result(data, "industry", "value_per_contact", scope=Scope(config=CFG))
    d = json.loads(json.dumps(r.to_dict(), allow_nan=False))
    pandas_means = data.frame.groupby("industry", observed=True)["deal_value"].mean()
    for row in d["rows"]:
        assert row["rate"] == pytest.approx(pandas_means[row["level"]])
        assert row["n"] == int((data.frame["industry"] == row["level"]).sum())
        if row["level"] != d["baseline"]:
            assert row["diff"] == pytest.approx(
                pandas_means[row["level"]] - pandas_means[d["baseline"]]
            )
    assert r.kind == "mean" and "EUR" in r.summary()


def test_check_value_metric(data):
    cfg = Config.from_toml_text(
        '[metrics.value_per_contact]\ntarget = 150\n[[theses]]\nname = "it"\n'
        'where = { industry = ["IT"] }\n'
    )
    res = check(data, "it", ["value_per_contact"], Scope(config=cfg))
    m = res.to_dict()["metrics"][0]
    it = data.frame.loc[data.frame["industry"] == "IT", "deal_value"]
    assert m["rate"] == pytest.approx(it.mean())
    assert m["successes"] == pytest.approx(it.sum())
    assert m["n"] == len(it)
    expected = "pass" if m["ci_low"] >= 150 else "fail" if m["ci_high"] < 150 else "inconclusive"
    assert m["verdict"] == expected


def test_value_metric_without_target_teaches(data):
    with pytest.raises(ConfigError, match="target = 150"):
        check(data, {"industry": ("IT",)}, ["value_per_contact"])


def test_refine_by_value_no_false_icp_under_null():
    """No cell truly meets EUR 150 per contact: icp must stay empty."""
    rng = np.random.default_rng(11)
    n = 8000
    frame = pd.DataFrame(
        {
            "industry": rng.choice(["A", "B", "C", "D"], n),
            "size_band": rng.choice(["1-49", "50-199"], n),
            "contacted": 1,
            "deal_value": _zero_inflated(rng, n, 0.01, 0.8, scale=7000.0),  # truth ~96 EUR
        }
    )

    from icplab.core.schema import SizeBands
    from icplab.data.load import OutreachData

    res = refine(OutreachData(frame, "sim", False, SizeBands()), VPC, scope=Scope(config=CFG))
    assert res.cells_in("icp").empty
    d = json.loads(json.dumps(res.to_dict(), allow_nan=False))
    assert len(d["segments"]) == 8
    assert sum(len(d[k]) for k in ("icp", "candidates", "not_icp", "untested")) == 8


def test_pool_means_closed_form_equal_variances():
    x = np.array([100.0, 200.0, 300.0, 400.0])
    v = np.full(4, 500.0)
    out, prior = pool_means(x, v, 250)
    # equal variances: DerSimonian-Laird tau^2 = sample variance - v
    tau2 = x.var(ddof=1) - 500.0
    b = 500.0 / (500.0 + tau2)
    assert prior.tau2 == pytest.approx(tau2)
    np.testing.assert_allclose(out["estimate"], b * x.mean() + (1 - b) * x)


def test_default_fingerprint_unchanged_by_kind_field():
    payload = {}
    for name, m in sorted(DEFAULT_METRICS.items()):
        d = asdict(m)
        d.pop("label")
        d.pop("kind")
        d.pop("window_days")  # default windows are left out of the fingerprint too
        d.pop("window_table")  # so are windows by segment and horizons, when not set
        d.pop("horizon_days")
        payload[name] = d
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    assert metrics_fingerprint(DEFAULT_METRICS) == hashlib.sha256(blob.encode()).hexdigest()
    vpc = {**DEFAULT_METRICS, "value_per_contact": VPC}
    assert metrics_fingerprint(vpc) != metrics_fingerprint(DEFAULT_METRICS)


def test_mean_metric_config_validation():
    with pytest.raises(ConfigError, match=">= 0"):
        Metric("v", "deal_value", "contacted", -1.0, kind="mean")
    with pytest.raises(ConfigError, match="kind"):
        Metric("v", "deal_value", "contacted", 1.0, kind="median")
    cfg = Config.from_toml_text(
        '[metrics.eur]\nnumerator = "deal_value"\ndenominator = "contacted"\n'
        'kind = "mean"\ntarget = 200\n'
    )
    assert cfg.metrics["eur"].is_mean and cfg.metrics["eur"].target == 200


def test_check_all_metrics_leaves_out_a_value_metric_without_target(data):
    cfg = Config.from_toml_text('[metrics.value_per_contact]\nlabel = "EUR per contact"\n')
    res = check(data, {"industry": ("IT",)}, None, Scope(config=cfg))
    assert [m.metric for m in res.metrics] == ["reply_rate", "meeting_rate", "deal_rate"]
    assert any("value_per_contact left out" in n for n in res.notes)
    with pytest.raises(ConfigError, match="no target"):
        check(data, {"industry": ("IT",)}, ["value_per_contact"], Scope(config=cfg))


def test_moments_of_values_are_the_sums_the_interval_needs():
    x = np.array([0.0, 0.0, 1200.0, 0.0, 800.0, 15000.0])
    nz = x[x > 0]
    m = Moments.of_values(x)
    expected = (6, x.sum(), (x**2).sum(), 3, np.log(nz).sum(), (np.log(nz) ** 2).sum())
    got = (m.n, m.value_sum, m.value_sum_sq, m.nonzero, m.log_sum, m.log_sum_sq)
    np.testing.assert_allclose(np.array(got, dtype="float64"), np.array(expected))
    only = m.of_nonzero()  # the mean of the non-zero values: every unit counts as non-zero
    mean, _, _ = mean_interval(only)
    assert float(mean) == pytest.approx(nz.mean())
