"""A factor with thousands of levels: bounded cost and bounded reports (issue 13).

The data: the sample generator's 20,000 prospects with ``industry`` overwritten by 5,000
distinct labels drawn from a skewed (Zipf-like) distribution, every label used at least
once. The tests assert on structure (what is computed, drawn and printed), not on time.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.icp.compare import compare_result
from icplab.stats import interaction

N_ROWS, N_LEVELS = 20_000, 5_000


def many_industries(n_rows: int = N_ROWS, n_levels: int = N_LEVELS, seed: int = 3) -> pd.DataFrame:
    """The sample log with ``industry`` replaced by ``n_levels`` skewed labels."""
    raw = generate_outreach(n_rows, seed=7)
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, n_levels + 1) ** 1.1
    idx = rng.choice(n_levels, size=n_rows, p=weights / weights.sum())
    idx[:n_levels] = rng.permutation(n_levels)  # every label at least once
    raw["industry"] = [f"Branche {i}" for i in idx]
    return raw


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return many_industries()


@pytest.fixture(scope="module")
def log(raw):
    return validate_frame(raw, source="many-levels")


def test_fixture_has_thousands_of_skewed_levels(raw):
    counts = raw["industry"].value_counts()
    assert len(raw) == N_ROWS and len(counts) == N_LEVELS
    assert counts.iloc[0] > 1000 and counts.iloc[-1] == 1


# -- interaction test ----------------------------------------------------------------------


def test_additive_deviance_equals_statsmodels_glm():
    """The Newton fit on the grid gives the deviance of statsmodels' binomial GLM."""
    rng = np.random.default_rng(1)
    for nf, nw in [(2, 300), (5, 7), (40, 3)]:
        n = rng.integers(1, 60, size=(nf, nw)).astype(float)
        s = rng.binomial(n.astype(int), rng.uniform(0.02, 0.3, size=(nf, nw))).astype(float)
        f, w = (a.ravel() for a in np.meshgrid(np.arange(nf), np.arange(nw), indexing="ij"))
        x = np.column_stack(
            [np.ones(f.size)]
            + [(f == i).astype(float) for i in range(1, nf)]
            + [(w == j).astype(float) for j in range(1, nw)]
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            endog = np.column_stack([s.ravel(), (n - s).ravel()])
            ref = sm.GLM(endog, x, family=sm.families.Binomial()).fit().deviance
        assert interaction.additive_deviance(s, n) == pytest.approx(ref, rel=1e-7, abs=1e-8)


def test_interaction_over_hundreds_of_segments_builds_no_design_matrix(log, monkeypatch):
    """messaging within 5,000 industries: hundreds of testable segments, no dense GLM
    (the former design matrix had one column per cell: minutes and gigabytes)."""

    def refuse(*args, **kwargs):
        raise AssertionError("a dense GLM was fitted for the interaction test")

    monkeypatch.setattr(sm, "GLM", refuse)
    r = compare_result(log, "messaging", "reply_rate", config=Config(), within="industry")
    w = r.within
    assert len(w.test.within_levels) > 300
    assert w.df == (len(w.test.factor_levels) - 1) * (len(w.test.within_levels) - 1)
    assert 0.0 <= w.p_value <= 1.0


def test_interaction_lr_test_still_drops_incomplete_segments():
    r = interaction.interaction_lr_test(
        [5, 9, 7, 3, 4], [50, 50, 50, 50, 40], ["a", "b", "a", "b", "a"], ["x", "x", "y", "y", "z"]
    )
    assert r.within_levels == ("x", "y") and r.dropped_within == ("z",) and r.df == 1
