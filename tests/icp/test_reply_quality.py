"""Reply quality: the reply_class column and the positive_reply_rate metric."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from icplab.core.config import Config
from icplab.core.errors import InputError, NotEnoughDataError
from icplab.core.metrics import DEFAULT_METRICS, metrics_fingerprint
from icplab.data.load import validate_frame
from icplab.icp.compare import compare_result
from icplab.icp.lock import check_lock
from icplab.icp.verdicts import check


def _raw(n=400, seed=2):
    rng = np.random.default_rng(seed)
    replied = rng.random(n) < 0.3
    cls = np.where(
        replied, rng.choice(["Positive", "not now", "NEGATIVE", "unsubscribe", "auto"], n), ""
    )
    return pd.DataFrame(
        {
            "prospect_id": np.arange(n).astype(str),
            "industry": rng.choice(["IT", "Handel"], n),
            "employees": 40,
            "messaging": rng.choice(["a", "b"], n),
            "salutation": "sie",
            "replied": replied.astype(int),
            "meeting": 0,
            "reply_class": cls,
        }
    )


def test_reply_class_normalised_and_counted():
    raw = _raw()
    data = validate_frame(raw, source="r.csv")
    assert set(data.frame["reply_class"].dropna().unique()) <= {
        "positive",
        "not_now",
        "negative",
        "unsubscribe",
        "auto",
    }
    expected = raw["reply_class"].str.lower().isin(["positive", "not now"]) & (raw["replied"] == 1)
    assert int(data.frame["positive_reply"].sum()) == int(expected.sum())


def test_unknown_reply_class_names_row_and_column():
    raw = _raw(10)
    raw.loc[3, "reply_class"] = "vielleicht"
    with pytest.raises(InputError) as exc:
        validate_frame(raw, source="r.csv")
    msg = str(exc.value)
    assert "reply_class" in msg and "row 5" in msg and "vielleicht" in msg


def test_positive_reply_rate_checked_like_a_rate():
    raw = _raw()
    data = validate_frame(raw, source="r.csv")
    res = check(data, {"industry": ("IT",)}, ["positive_reply_rate", "reply_rate"])
    m = res.to_dict()["metrics"][0]
    it = raw[raw["industry"] == "IT"]
    s = int((it["reply_class"].str.lower().isin(["positive", "not now"])).sum())
    lo, hi = proportion_confint(s, len(it), method="wilson")
    assert (m["successes"], m["n"]) == (s, len(it))
    assert (m["ci_low"], m["ci_high"]) == pytest.approx((lo, hi))
    r = compare_result(data, "messaging", "positive_reply_rate")
    assert r.to_frame()["successes"].sum() == int(data.frame["positive_reply"].sum())


def test_positive_reply_rate_without_column_teaches():
    raw = _raw().drop(columns=["reply_class"])
    data = validate_frame(raw, source="r.csv")
    with pytest.raises(NotEnoughDataError, match="reply_class"):
        compare_result(data, "messaging", "positive_reply_rate")


def test_lockable_and_default_lock_unchanged(tmp_path):
    cfg = Config.from_toml_text("[metrics.positive_reply_rate]\ntarget = 0.08\n")
    assert cfg.metrics["positive_reply_rate"].numerator == "positive_reply"
    assert metrics_fingerprint(cfg.metrics) != metrics_fingerprint(DEFAULT_METRICS)
    path = tmp_path / "icplab.toml"
    path.write_text("[metrics.positive_reply_rate]\ntarget = 0.08\n", encoding="utf-8")
    status = check_lock(Config.load(path), record=True)
    assert not status.changed
    path.write_text("[metrics.positive_reply_rate]\ntarget = 0.12\n", encoding="utf-8")
    assert check_lock(Config.load(path), record=False).changed
