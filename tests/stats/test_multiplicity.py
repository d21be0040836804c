"""adjust_pvalues against statsmodels.multipletests, including ties and NaN."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests

from icplab.core.errors import UsageError
from icplab.stats.multiplicity import adjust_pvalues

SM = {"holm": "holm", "bh": "fdr_bh"}

pvals = st.lists(
    st.one_of(st.floats(0, 1), st.sampled_from([0.01, 0.05, 0.5, 1.0, 0.0]), st.just(float("nan"))),
    min_size=1,
    max_size=30,
)


@settings(max_examples=40, deadline=None)
@given(pvals, st.sampled_from(["holm", "bh"]))
def test_matches_multipletests_on_non_nan(p, method):
    p = np.array(p)
    out = adjust_pvalues(p, method)
    ok = ~np.isnan(p)
    assert np.isnan(out[~ok]).all()
    if ok.any():
        ref = multipletests(p[ok], method=SM[method])[1]
        np.testing.assert_allclose(out[ok], ref, rtol=1e-12, atol=1e-15)


def test_ties_and_none():
    p = [0.02, 0.02, 0.02, 0.5]
    for m in ("holm", "bh"):
        np.testing.assert_allclose(adjust_pvalues(p, m), multipletests(p, method=SM[m])[1])
    assert adjust_pvalues(p, "none").tolist() == p
    assert adjust_pvalues([], "holm").size == 0


def test_unknown_method_is_a_usage_error():
    with pytest.raises(UsageError, match="holm, bh, none"):
        adjust_pvalues([0.1], "bonferroni")
