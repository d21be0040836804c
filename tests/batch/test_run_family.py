"""Run-wide multiplicity: the index counts the run's comparisons; correction_scope = "run"
adjusts them all together (reference: statsmodels' multipletests over every raw p-value)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from _workspace import sample_workspace
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep

from icplab.batch.family import run_family
from icplab.batch.runner import default_plan, run_reports
from icplab.core.config import Config
from icplab.data.load import load
from icplab.icp.compare import compare_result
from icplab.icp.scope import Scope

pytestmark = pytest.mark.slow  # the module renders a report of the run


@pytest.fixture(scope="module")
def run_scope(tmp_path_factory):
    ws = tmp_path_factory.mktemp("family")
    config = Config.load(sample_workspace(ws, 4000, 9, '\n[stats]\ncorrection_scope = "run"\n'))
    # one report of the plan is enough: the run family spans the whole plan either way
    summary = run_reports(config, only=["02-ab-test-industry"], jobs=1)
    return ws, config, summary


def raw_pvalues(config, data):
    out = {}
    for spec in default_plan(config, data):
        if spec.notebook == "02-ab-test.ipynb":
            r = compare_result(
                data, spec.parameters["factor"], "reply_rate", scope=Scope(config=config)
            )
            out[spec.name] = r.table["p_value"].to_numpy()[1:]
    return out


def test_family_counts_and_adjusts_across_the_whole_plan(run_scope):
    ws, config, summary = run_scope
    data = load(ws / "log.csv")
    raw = raw_pvalues(config, data)
    allp = np.concatenate(list(raw.values()))
    ref = multipletests(allp, method="holm")[1]
    fam = run_family(default_plan(config, data), data, config)
    assert fam.comparisons == len(allp) == summary.comparisons
    # industry, size band, messaging, salutation, and channel (the log has three channels)
    assert fam.reports == 5
    got = np.concatenate([fam.adjusted[name] for name in raw])
    np.testing.assert_allclose(got, ref, rtol=1e-12)
    table = run_family(default_plan(config), data, Config())
    assert table.adjusted == {} and table.scope == "table"


def test_reports_use_the_run_adjusted_values_and_ranges(run_scope):
    ws, config, summary = run_scope
    assert all(r.ok for r in summary.results), [r.error for r in summary.results]
    data = load(ws / "log.csv")
    fam = run_family(default_plan(config, data), data, config)
    m = fam.comparisons
    d = json.loads((ws / "reports" / "02-ab-test-industry.json").read_text(encoding="utf-8"))
    rows = d["details"]["rows"]
    base = rows[0]
    for row, padj in zip(rows[1:], fam.adjusted["02-ab-test-industry"], strict=True):
        assert row["p_adjusted"] == pytest.approx(padj, rel=1e-12)
        assert row["significant"] == (padj < 0.05)
        lo, hi = confint_proportions_2indep(
            row["successes"],
            row["n"],
            base["successes"],
            base["n"],
            method="newcomb",
            compare="diff",
            alpha=0.05 / m,
        )
        assert (row["diff_ci_low"], row["diff_ci_high"]) == pytest.approx((lo, hi), abs=1e-12)
    index = (ws / "reports" / "index.html").read_text(encoding="utf-8")
    assert f"This run makes {m} comparisons" in index and "runs across all of them" in index
