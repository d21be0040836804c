"""Always-valid verdicts: simulations with known truth, looked at every day.

Every simulation is vectorised over campaigns x days (cumulative binomial counts), so the
whole file runs in a few seconds.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.icp.refine import cell_bounds, refine
from icplab.icp.scope import Scope
from icplab.icp.verdicts import check, more_contacts_needed, verdict
from icplab.stats.inference import Inference
from icplab.stats.proportions import two_proportion_pvalue, wilson_interval
from icplab.stats.sequential import (
    prior_strength,
    rate_evidence,
    sequential_diff,
    sequential_interval,
)

TARGET = 0.15


def _daily(rate: float, campaigns: int, days: int, per_day: int, seed: int):
    rng = np.random.default_rng(seed)
    s = rng.binomial(per_day, rate, (campaigns, days)).cumsum(axis=1)
    n = np.broadcast_to(np.arange(1, days + 1) * per_day, s.shape)
    return s, n


def _mc_bound(p: float, k: int) -> float:
    """Upper end of a 3-sigma band around a simulated probability."""
    return p + 3 * math.sqrt(p * (1 - p) / k)


@pytest.mark.slow
def test_just_below_target_rarely_ever_passes_when_checked_daily():
    campaigns = 4000
    s, n = _daily(0.14, campaigns, 60, 40, seed=1)
    seq = (verdict(s, n, TARGET, inference=Inference.sequential()) == "pass").any(axis=1).mean()
    fixed = (verdict(s, n, TARGET) == "pass").any(axis=1).mean()
    assert seq <= _mc_bound(0.025, campaigns)
    # the fixed-horizon Wilson verdict, looked at daily, is what the issue measured
    assert fixed > seq
    # and even closer to the target the guarantee holds
    s2, n2 = _daily(0.149, campaigns, 60, 40, seed=2)
    seq2 = (verdict(s2, n2, TARGET, inference=Inference.sequential()) == "pass").any(axis=1).mean()
    assert seq2 <= _mc_bound(0.025, campaigns)


@pytest.mark.slow
def test_a_segment_at_19_percent_passes_within_40_days_in_most_runs():
    s, n = _daily(0.19, 2000, 40, 40, seed=3)
    passed = (verdict(s, n, TARGET, inference=Inference.sequential()) == "pass").any(axis=1).mean()
    assert passed > 0.8
    # and it never fails on the way
    assert not (verdict(s, n, TARGET, inference=Inference.sequential()) == "fail").any()


def test_check_sequential_uses_the_sequence_and_says_so():
    t = pd.DataFrame({"industry": ["IT"], "contacted": [840], "replied": [160], "meeting": [90]})
    fixed = check(t, {}, ["reply_rate"])
    seq = check(t, {}, ["reply_rate"], scope=Scope(inference=Inference.sequential()))
    lo, hi = sequential_interval(160, 840)
    assert (seq.metrics[0].ci_low, seq.metrics[0].ci_high) == pytest.approx((float(lo), float(hi)))
    assert seq.to_dict()["inference"] == "sequential"
    assert fixed.to_dict()["inference"] == "fixed"
    wl, wh = wilson_interval(160, 840)
    # the sequence is wider than the one-look interval
    assert seq.metrics[0].ci_low < wl and seq.metrics[0].ci_high > wh
    # config switch
    cfg = Config.from_toml_text("[stats]\nsequential = true\n")
    assert check(t, {}, ["reply_rate"], scope=Scope(config=cfg)).inference == "sequential"


def _mixture_by_quadrature(s: int, n: int, p0: float, upper: bool, k: float) -> float:
    """The one-sided beta-mixture martingale by numerical integration (independent)."""
    a, b = p0 * k, (1 - p0) * k
    prior = stats.beta(a, b)
    lo, hi = (p0, 1.0) if upper else (0.0, p0)
    mass = prior.sf(p0) if upper else prior.cdf(p0)

    def lr(p: float) -> float:
        return math.exp(s * math.log(p / p0) + (n - s) * math.log((1 - p) / (1 - p0))) * prior.pdf(
            p
        )

    val, _ = integrate.quad(lr, lo, hi, limit=200, points=[s / n] if lo < s / n < hi else None)
    return val / mass


@pytest.mark.parametrize(
    "s,n,p0,upper", [(30, 120, 0.15, True), (160, 840, 0.17, True), (5, 200, 0.06, False)]
)
def test_evidence_matches_numerical_integration(s, n, p0, upper):
    k = prior_strength()
    closed = float(rate_evidence(s, n, p0, upper=upper))
    assert closed == pytest.approx(_mixture_by_quadrature(s, n, p0, upper, k), rel=1e-5)


def test_bounds_are_where_the_evidence_crosses_the_threshold():
    s = np.array([0, 3, 30, 160, 500, 999, 40])
    n = np.array([10, 10, 120, 840, 1000, 1000, 40])
    lo, hi = sequential_interval(s, n)
    ev_lo = rate_evidence(s, n, np.maximum(lo, 1e-9), upper=True)
    ev_hi = rate_evidence(s, n, np.minimum(hi, 1 - 1e-9), upper=False)
    inside = lo > 0
    assert np.allclose(ev_lo[inside], 40.0, rtol=1e-4)
    assert np.allclose(ev_hi[hi < 1], 40.0, rtol=1e-4)
    # verdict on the bounds == the test at the target, on a grid
    for size in (50, 200, 800, 1500):
        ss = np.arange(0, min(size, 300) + 1)
        lo, _ = sequential_interval(ss, size)
        assert ((lo >= TARGET) == (rate_evidence(ss, size, TARGET) >= 40)).all()
        # monotone: more successes never lower the bound
        assert (np.diff(lo) >= -1e-9).all()


def test_sequence_edges():
    lo, hi = sequential_interval([0, 0, 10], [0, 10, 10])
    assert lo.tolist()[0] == 0.0 and hi.tolist()[0] == 1.0
    assert lo[1] == 0.0 and 0 < hi[1] < 1
    assert 0 < lo[2] < 1 and hi[2] == 1.0


@pytest.mark.slow
def test_refine_sequential_keeps_icp_empty_on_every_night_in_95_percent():
    # 24 cells, all truly below the 15 % target (13-14.9 %), 20-60 contacts per cell a
    # night, 45 nights. icp needs the cell's sequence lower bound >= target (and the
    # pooled bound too, which only removes cells), so the chance that ANY cell's lower
    # bound ever reaches the target bounds the chance of a false icp cell.
    rng = np.random.default_rng(4)
    campaigns, nights, k = 1000, 40, 24
    rates = rng.uniform(0.13, 0.149, k)
    per_night = rng.integers(20, 61, k)
    s = rng.binomial(per_night, rates, (campaigns, nights, k)).cumsum(axis=1)
    n = np.broadcast_to(per_night * np.arange(1, nights + 1)[:, None], s.shape)
    # A lower bound never exceeds the observed rate, so only looks with s/n >= target can
    # be a false icp: their bounds are computed (Bonferroni over all k cells), and on a
    # sample of the other looks the bound is checked to stay below the observed rate.
    rng_check = np.random.default_rng(44)
    high = s >= TARGET * n
    low_pick = rng_check.choice(np.flatnonzero(~high), 2000, replace=False)
    lo_high, _ = cell_bounds(s[high], n[high], inference=Inference.sequential(), cells=k)
    lo_low, _ = cell_bounds(
        s.ravel()[low_pick], n.ravel()[low_pick], inference=Inference.sequential(), cells=k
    )
    assert (lo_low <= s.ravel()[low_pick] / n.ravel()[low_pick]).all()
    assert (lo_high <= s[high] / n[high]).all()
    lo = np.zeros(s.shape)
    lo[high] = lo_high
    false_icp = (lo >= TARGET).any(axis=(1, 2)).mean()
    assert false_icp <= _mc_bound(0.05, campaigns)
    # without the sequence (Wilson, looked at nightly) the error piles up
    wlo, _ = cell_bounds(s, n)
    assert (wlo >= TARGET).any(axis=(1, 2)).mean() > 0.05


def _null_log(seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 6000
    industries = np.array(["IT", "Handel", "Logistik"])
    sizes = np.array([20, 100, 300, 800])
    sent = np.datetime64("2026-03-01") + rng.integers(0, 60, n).astype("timedelta64[D]")
    return pd.DataFrame(
        {
            "prospect_id": [f"P{i}" for i in range(n)],
            "industry": industries[rng.integers(0, 3, n)],
            "employees": sizes[rng.integers(0, 4, n)],
            "messaging": "a",
            "salutation": "sie",
            "sent_at": pd.Series(sent).dt.strftime("%Y-%m-%d"),
            "replied": (rng.random(n) < 0.145).astype(int),
            "meeting": 0,
        }
    )


def test_refine_sequential_end_to_end_uses_the_bonferroni_sequences():
    data = validate_frame(_null_log(), source="null.csv")
    res = refine(
        data, "reply_rate", scope=Scope(as_of="2100-01-01", inference=Inference.sequential())
    )
    cells = res.cells
    lo, hi = sequential_interval(cells["successes"], cells["n"], alpha=2 * 0.05 / len(cells))
    assert np.allclose(cells["ci_low"], lo) and np.allclose(cells["ci_high"], hi)
    assert res.to_dict()["inference"] == "sequential" and res.to_dict()["icp"] == []
    # nightly re-runs with as_of: every night icp stays empty on this null campaign
    for night in ("2026-03-20", "2026-04-10", "2026-05-01", "2026-05-30"):
        d = refine(
            data, "reply_rate", scope=Scope(as_of=night, inference=Inference.sequential())
        ).to_dict()
        assert d["icp"] == [] and d["as_of"] == night


@pytest.mark.slow
@pytest.mark.parametrize("sequential", [False, True])
def test_more_contacts_needed_settles_in_80_percent(sequential):
    rng = np.random.default_rng(6)
    cases = [(20, 120, 0.15), (50, 300, 0.15), (13, 100, 0.15), (4, 40, 0.05), (8, 90, 0.1)]
    rates = []
    for s, n, t in cases:
        assert verdict(s, n, t, inference=Inference.of(sequential)) == "inconclusive"
        m = int(more_contacts_needed(s, n, t, inference=Inference.of(sequential)))
        assert m > 0
        x = rng.binomial(m, s / n, 4000)  # the true rate is the current estimate
        settled = verdict(s + x, n + m, t, inference=Inference.of(sequential)) != "inconclusive"
        rates.append(settled.mean())
        assert settled.mean() >= 0.78, (s, n, t, m, settled.mean())
    assert np.mean(rates) >= 0.8


def test_refine_sequential_recommendations_use_the_always_valid_difference():
    """refine --sequential judged its cells with confidence sequences but still recommended
    message and salutation by the fixed-horizon z-test."""
    from icplab.stats.sequential import sequential_diff

    data = validate_frame(generate_outreach(20000, seed=7), source="sample")
    res = refine(
        data,
        "reply_rate",
        scope=Scope(config=Config(), as_of="2100-01-01", inference=Inference.sequential()),
    )
    assert res.recommendations
    for rec in res.recommendations:
        s1 = round(rec["best_rate"] * rec["best_n"])
        s2 = round(rec["other_rate"] * rec["other_n"])
        lo, hi, p = sequential_diff(s1, rec["best_n"], s2, rec["other_n"], alpha=0.05)
        assert rec["test"] == "sequential"
        assert rec["p_value"] == pytest.approx(float(p))
        assert (rec["diff_ci_low"], rec["diff_ci_high"]) == pytest.approx((float(lo), float(hi)))


#: The null log of the nightly-recommendation simulation: runs, nights, new contacts a night.
RUNS, NIGHTS, PER_NIGHT = 200, 10, 600


def _nightly_counts(log, cell_id: np.ndarray, cells: int, rng: np.random.Generator):
    """Row orders and, per factor, its shuffled labels and cumulative counts per night.

    Each run sends the log's rows in a random order, PER_NIGHT a night, with messaging and
    salutation shuffled over the rows (no effect anywhere). Returns ``order`` (runs, rows)
    and ``{factor: (levels, codes (runs, rows), s, n)}`` with ``s``, ``n`` shaped (runs,
    nights, cells, 2): replies and contacts of each level in each cell up to that night.
    """
    frame = log.frame
    rows = len(frame)
    order = rng.random((RUNS, rows)).argsort(axis=1)
    night = np.minimum(np.arange(rows) // PER_NIGHT, NIGHTS)  # later rows: slot NIGHTS
    replied = frame["replied"].to_numpy(dtype="int64")[order]
    shape = (RUNS, NIGHTS + 1, cells, 2)
    out = {}
    for factor in ("messaging", "salutation"):
        labels = frame[factor].astype(str).to_numpy()
        levels = np.unique(labels)
        codes = rng.permuted(np.broadcast_to(np.searchsorted(levels, labels), order.shape), axis=1)
        slot = (np.arange(RUNS)[:, None] * (NIGHTS + 1) + night) * cells + cell_id[order]
        flat = (slot * 2 + codes).ravel()
        n = np.bincount(flat, minlength=math.prod(shape)).reshape(shape)
        s = np.bincount(flat, weights=replied.ravel(), minlength=math.prod(shape))
        out[factor] = (
            levels,
            codes,
            s.reshape(shape).cumsum(axis=1)[:, :NIGHTS].astype("int64"),
            n.cumsum(axis=1)[:, :NIGHTS],
        )
    return order, out


def _pvalues(s: np.ndarray, n: np.ndarray, sequential: bool) -> np.ndarray:
    """Per cell: the p-value ``recommend`` computes, the better variant first; NaN where a
    variant has no contacts (``recommend`` skips that cell)."""
    s1, n1, s2, n2 = s[..., 0], n[..., 0], s[..., 1], n[..., 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        swap = s1 / n1 < s2 / n2
    args = (
        np.where(swap, s2, s1),
        np.where(swap, n2, n1),
        np.where(swap, s1, s2),
        np.where(swap, n1, n2),
    )
    p = sequential_diff(*args)[2] if sequential else two_proportion_pvalue(*args)[0]
    return np.where((n1 > 0) & (n2 > 0), p, np.nan)


def _any_holm_significant(p: np.ndarray, alpha: float = 0.05) -> np.ndarray:
    """Holm over the last axis finds anything iff its smallest p-value times the number of
    p-values is below alpha (NaN: not tested, not counted)."""
    m = (~np.isnan(p)).sum(axis=-1)
    with np.errstate(invalid="ignore"):
        return np.where(m > 0, np.fmin.reduce(p, axis=-1) * m < alpha, False)


@pytest.mark.slow
def test_nightly_recommendations_without_a_real_difference_rarely_appear():
    """Known truth: message and salutation have no effect in any cell. Re-checked on 10
    nights of a growing log, the fixed-horizon recommendations name a 'better' variant in
    many runs (about a quarter); the always-valid ones in few (none of 200 here).

    Vectorised over 200 runs (Monte-Carlo standard error 2.1 points at 10 %): the
    p-values of every run, night and cell come from the package's ``sequential_diff`` and
    ``two_proportion_pvalue`` on numpy counts; ``recommend`` itself is run on three runs
    at three nights and must give the same p-values and the same verdicts.
    """
    from icplab.core.metrics import DEFAULT_METRICS
    from icplab.icp.recommend import recommend

    by = ("industry", "size_band")
    base = generate_outreach(6000, seed=3)
    log = validate_frame(base, source="x")
    cells = log.counts(list(by))[list(by)].assign(list="candidates")
    for c in by:
        cells[c] = cells[c].astype(str)
    key = log.frame["industry"].astype(str) + "|" + log.frame["size_band"].astype(str)
    cell_id = pd.Index(cells["industry"] + "|" + cells["size_band"]).get_indexer(key)
    assert len(log.frame) == len(base) and (cell_id >= 0).all()
    order, counts = _nightly_counts(log, cell_id, len(cells), np.random.default_rng(11))
    fixed_runs = 40  # Fisher's test runs cell by cell: the fixed-horizon contrast on 40 runs
    pv = {
        seq: {
            f: _pvalues(s[: None if seq else fixed_runs], n[: None if seq else fixed_runs], seq)
            for f, (_, _, s, n) in counts.items()
        }
        for seq in (False, True)
    }
    hits = {seq: sum(_any_holm_significant(p) for p in pv[seq].values()) > 0 for seq in pv}
    ever = {seq: hits[seq].any(axis=1).mean() for seq in hits}
    assert ever[True] <= 0.1, ever
    assert ever[False] > ever[True], ever
    # the shortcut is recommend(): same cells, same p-values, same verdict each night
    metric = DEFAULT_METRICS["reply_rate"]
    row = {
        (str(a), str(b)): i for i, (a, b) in enumerate(zip(*(cells[c] for c in by), strict=True))
    }
    for r in (0, 1, 2):
        frame = base.iloc[order[r]].reset_index(drop=True)
        for f, (levels, codes, _, _) in counts.items():
            frame[f] = levels[codes[r]]
        run = validate_frame(frame, source="null")
        for night in (1, 5, NIGHTS):
            part = type(run)(
                run.frame.iloc[: PER_NIGHT * night], run.source, run.aggregated, run.size_bands
            )
            for seq in (False, True):
                recs = recommend(part, metric, cells, by, inference=Inference.of(seq))
                got = {(rec["factor"], row[tuple(rec["cell"].values())]): rec for rec in recs}
                want = {
                    (f, i): pv[seq][f][r, night - 1, i]
                    for f, (_, _, _, n) in counts.items()
                    for i in np.flatnonzero((n[r, night - 1] > 0).all(axis=-1))
                }
                assert set(got) == set(want)
                for k, rec in got.items():
                    assert rec["p_value"] == pytest.approx(
                        want[k], rel=1e-9, abs=1e-15, nan_ok=True
                    )
                assert any(rec["significant"] for rec in recs) == hits[seq][r, night - 1]
