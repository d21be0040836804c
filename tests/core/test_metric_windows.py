"""Windows by segment and ``horizon_days``: parsing, the lock fingerprint, maturity rows,
and the effective counts of the cycle's clock against a hand-computed Greenwood variance."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from icplab.core.config import Config
from icplab.core.metrics import DEFAULT_METRICS, Metric, metrics_fingerprint
from icplab.data.maturity import mature_frame
from icplab.icp.cycle import horizon_counts


def test_window_table_and_horizon_are_parsed_and_locked():
    base = metrics_fingerprint(Config().metrics)
    cfg = Config.from_toml_text(
        '[metrics.deal_rate]\nwindow_days = { default = 100, "500+" = 240 }\nhorizon_days = 180\n'
    )
    m = cfg.metrics["deal_rate"]
    assert m.window == 100 and m.window_of("500+") == 240 and m.window_of("IT") == 100
    assert m.horizon_days == 180
    assert metrics_fingerprint(cfg.metrics) != base
    # a default config hashes as before the new fields existed
    assert metrics_fingerprint(dict(DEFAULT_METRICS)) == base
    only_table = Config.from_toml_text('[metrics.deal_rate.window_days]\n"500+" = 240\n')
    assert only_table.metrics["deal_rate"].window == 90  # default of the numerator
    assert metrics_fingerprint(only_table.metrics) != base


def test_rows_use_their_segment_window():
    as_of = date(2026, 10, 1)
    sent = pd.to_datetime(["2026-05-01", "2026-05-01", "2026-01-01", "2026-01-01"])
    frame = pd.DataFrame(
        {
            "size_band": ["1-49", "500+", "500+", "500+"],
            "contacted": 1,
            "qualified": 1,
            "deal": [1, 1, 1, 1],
            "sent_at": sent,
            "deal_at": sent + pd.to_timedelta([30, 30, 200, 250], unit="D"),
        }
    )
    m = Metric("d", "deal", "qualified", 0.05, window_table=(("500+", 240),))
    mature, info = mature_frame(frame, m, as_of)
    # 153 days old: mature for 90 (1-49), maturing for 240 (500+); the 250-day deal is late
    assert mature["size_band"].tolist() == ["1-49", "500+", "500+"]
    assert mature["deal"].tolist() == [1, 1, 0]
    assert info.maturing == 1 and info.late == 1


def test_horizon_counts_are_the_kaplan_meier_estimate_with_greenwood_size():
    rng = np.random.default_rng(4)
    n = 800
    sent = pd.Timestamp("2026-10-01") - pd.to_timedelta(rng.integers(0, 300, n), unit="D")
    delay = np.floor(rng.exponential(90, n))
    closes = rng.random(n) < 0.3
    deal_day = sent + pd.to_timedelta(delay, unit="D")
    seen = closes & (deal_day <= pd.Timestamp("2026-10-01"))
    frame = pd.DataFrame(
        {"contacted": 1, "deal": seen.astype(int), "sent_at": sent, "deal_at": deal_day.where(seen)}
    )
    m = Metric("d", "deal", "contacted", 0.05, horizon_days=120)
    s, k = horizon_counts(frame, m, "2026-10-01", (0, 0))
    # independent Kaplan-Meier and Greenwood, written out here
    end = np.where(seen, deal_day, pd.Timestamp("2026-10-01"))
    t = (pd.to_datetime(end) - sent).days.to_numpy()
    e = seen.astype(int)
    surv, g = 1.0, 0.0
    for u in np.unique(t[(e == 1) & (t <= 120)]):
        at_risk = (t >= u).sum()
        d = ((t == u) & (e == 1)).sum()
        surv *= 1 - d / at_risk
        g += d / (at_risk * (at_risk - d))
    f, var = 1 - surv, surv**2 * g
    assert k == round(f * (1 - f) / var)
    assert s / k == pytest.approx(f, abs=1 / k)
