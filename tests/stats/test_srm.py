"""Sample-ratio mismatch against scipy.stats.chisquare."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from icplab.core.errors import ConfigError
from icplab.stats.srm import srm_check


def test_equal_split_matches_chisquare():
    r = srm_check("salutation", ["du", "sie"], [1000, 1200])
    ref = stats.chisquare([1000, 1200])
    assert (
        r.checked
        and r.p_value == pytest.approx(ref.pvalue)
        and r.chi2 == pytest.approx(ref.statistic)
    )
    assert r.mismatch == (ref.pvalue < 0.001)
    assert r.mismatch and "SAMPLE RATIO MISMATCH" in r.note


def test_declared_split():
    split = {"messaging": {"a": 1, "b": 2, "c": 1}}
    r = srm_check("messaging", ["a", "b", "c"], [240, 520, 250], split)
    ref = stats.chisquare([240, 520, 250], np.array([0.25, 0.5, 0.25]) * 1010)
    assert r.p_value == pytest.approx(ref.pvalue) and not r.mismatch
    assert r.to_dict()["expected_share"] == {"a": 0.25, "b": 0.5, "c": 0.25}
    with pytest.raises(ConfigError, match="no share for c"):
        srm_check("messaging", ["a", "b", "c"], [1, 2, 3], {"messaging": {"a": 1, "b": 1}})


def test_unassigned_factor_and_single_level_not_checked():
    r = srm_check("industry", ["IT", "Handel"], [900, 100])
    assert not r.checked and not r.mismatch and "not randomly assigned" in r.note
    assert r.to_dict()["p_value"] is None
    assert not srm_check("salutation", ["du"], [100]).checked
    assert srm_check(
        "industry", ["IT", "Handel"], [900, 100], {"industry": {"IT": 1, "Handel": 1}}
    ).mismatch


def test_false_alarm_rate_under_correct_split():
    rng = np.random.default_rng(1)
    flags = [
        srm_check("messaging", ["a", "b"], list(rng.multinomial(2000, [0.5, 0.5]))).mismatch
        for _ in range(2000)
    ]
    assert np.mean(flags) < 0.005
