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
from icplab.icp.scope import Scope
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


@pytest.mark.slow
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
            # statsmodels' IRLS, each weighted least-squares step by lstsq rather than pinv
            # (same fit, same deviance; a third of the CPU on the 600 x 301 design)
            glm = sm.GLM(endog, x, family=sm.families.Binomial())
            ref = glm.fit(wls_method="lstsq").deviance
        assert interaction.additive_deviance(s, n) == pytest.approx(ref, rel=1e-7, abs=1e-8)


@pytest.mark.slow
def test_interaction_over_hundreds_of_segments_builds_no_design_matrix(log, monkeypatch):
    """messaging within 5,000 industries: hundreds of testable segments, no dense GLM
    (the former design matrix had one column per cell: minutes and gigabytes)."""

    def refuse(*args, **kwargs):
        raise AssertionError("a dense GLM was fitted for the interaction test")

    monkeypatch.setattr(sm, "GLM", refuse)
    r = compare_result(
        log, "messaging", "reply_rate", within="industry", scope=Scope(config=Config())
    )
    w = r.within
    assert len(w.test.within_levels) > 300
    assert w.df == (len(w.test.factor_levels) - 1) * (len(w.test.within_levels) - 1)
    assert 0.0 <= w.p_value <= 1.0


def test_interaction_lr_test_still_drops_incomplete_segments():
    r = interaction.interaction_lr_test(
        [5, 9, 7, 3, 4], [50, 50, 50, 50, 40], ["a", "b", "a", "b", "a"], ["x", "x", "y", "y", "z"]
    )
    assert r.within_levels == ("x", "y") and r.dropped_within == ("z",) and r.df == 1


# -- what the reports draw and list --------------------------------------------------------


@pytest.fixture(scope="module")
def industry_ab(log):
    r = compare_result(
        log, "industry", "reply_rate", within="size_band", scope=Scope(config=Config())
    )
    return r


def _height_px(fig) -> float:
    return float(fig.get_size_inches()[1] * fig.dpi)


def test_rates_plot_draws_top_levels_and_pools_the_rest(industry_ab):
    from icplab.report import plots

    table = industry_ab.to_frame()
    fig = plots.rates(table, target=0.15, factor="industry")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(ticks) == 21  # 20 largest + "other"
    assert ticks[-1].startswith("other (4,980 levels)")
    assert "Branche 0" in ticks[0]  # the baseline (most contacts) is drawn
    label = fig.axes[0].get_xlabel()
    assert "of 5,000" in label and "4,980" in label and "pooled as 'other'" in label
    assert _height_px(fig) < 2000


def test_differences_and_forest_plots_are_bounded(industry_ab):
    from icplab.report import plots

    table = industry_ab.to_frame()
    fig = plots.differences(table, baseline=industry_ab.baseline, factor="industry")
    assert len(fig.axes[0].get_yticklabels()) == 20
    assert "4,979" in fig.axes[0].get_xlabel() and "not drawn" in fig.axes[0].get_xlabel()
    assert _height_px(fig) < 2000
    effects = industry_ab.within.effects()
    assert len(effects) > 5000  # every level compared in every company size...
    fig = plots.segment_effects(effects, industry_ab.baseline, "size_band")
    assert len(fig.axes[0].get_yticklabels()) == 20  # ...but 20 rows drawn
    assert f"of {len(effects):,}" in fig.axes[0].get_xlabel()
    assert _height_px(fig) < 2000


def test_heatmap_of_refine_cells_is_bounded_and_cells_are_all_judged(log):
    from icplab.icp.refine import refine
    from icplab.report import plots

    res = refine(log, "reply_rate").to_dict()
    segments = pd.DataFrame(res["segments"])
    assert segments["industry"].nunique() == N_LEVELS  # verdicts for every cell
    listed = sum(len(res[k]) for k in ("icp", "candidates", "not_icp", "untested"))
    assert listed == len(segments)
    fig = plots.heatmap(segments, target=0.15)
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(rows) == 21 and rows[-1] == "other (4,980 levels)"
    assert "4,980" in fig.texts[0].get_text() or any("4,980" in t.get_text() for t in fig.texts)
    assert _height_px(fig) < 2500


def test_report_tables_list_at_most_the_largest_rows(industry_ab, monkeypatch):
    from icplab.report import notebook_kit as kit
    from icplab.report.params import ABTestParams
    from icplab.report.tables import MAX_ROWS_SHOWN

    shown: list[str] = []
    p = ABTestParams(factor="industry")
    monkeypatch.setattr(kit, "show_html", shown.append)
    kit.show_compare_table(industry_ab.to_frame(), p)
    html = "".join(shown)
    assert html.count("</tr>") == MAX_ROWS_SHOWN + 1  # header + rows
    assert "Branche 0 (baseline)" in html
    assert "the other 4,950" in html


def test_model_pools_small_levels_and_says_so(log):
    from icplab.stats.model import MAX_MODEL_LEVELS, fit_model

    fit = fit_model(log, "reply_rate", ["industry", "size_band"], interactions=False)
    industry_terms = [t for t in fit.terms["term"] if t.startswith("C(industry)")]
    assert len(industry_terms) == MAX_MODEL_LEVELS  # 30 levels + "(other)" - reference
    assert any("5000 levels" in n and "pooled" in n for n in fit.notes)


# -- long and multi-line labels --------------------------------------------------------------

LONG = "Lang" + "x" * 5000
MULTILINE = "IT\nmit | Pipe\n# Heading\n```\ncode"


@pytest.fixture(scope="module")
def long_label_ab() -> object:
    frame = generate_outreach(3000, seed=5)
    frame["industry"] = frame["industry"].replace({"Handel": LONG, "IT": MULTILINE})
    log = validate_frame(frame, source="long-labels")
    return compare_result(
        log, "industry", "reply_rate", within="size_band", scope=Scope(config=Config())
    )


def test_a_long_or_multiline_label_cannot_squeeze_a_figure(long_label_ab):
    """A 5,000-character label collapsed the axes to nothing (a matplotlib warning with our
    file path landed in the report instead); a label with line breaks took five lines."""
    from icplab.report import plots

    table = long_label_ab.to_frame()
    seen: list[str] = []
    for fig in (
        plots.rates(table, target=0.15, factor="industry"),
        plots.differences(table, baseline=long_label_ab.baseline, factor="industry"),
        plots.segment_effects(long_label_ab.within.effects(), long_label_ab.baseline, "size_band"),
    ):
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        seen += ticks
        assert all("\n" not in t and len(t) < 90 for t in ticks), ticks
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            plots.to_png(fig)
        assert not caught, [str(w.message) for w in caught]
        assert fig.axes[0].get_position().width > 0.3  # the axes keep most of the width
    assert any(t.startswith("IT mit | Pipe # Heading") for t in seen)
    assert any("Langxxx" in t and "…" in t for t in seen)


def test_a_long_label_is_cut_in_a_table_with_the_whole_label_in_its_tooltip(long_label_ab):
    from icplab.report.notebook_kit import table_html

    html = table_html(long_label_ab.to_frame()[["level", "n"]])
    assert "IT mit | Pipe # Heading ``` code" in html and "\n# Heading" not in html
    visible = html.replace(f'title="{LONG}"', "")
    assert LONG not in visible and "Langxxx" in visible and "…" in visible
    assert f'title="{LONG}"' in html


def test_funnel_by_many_campaigns_says_how_many_it_does_not_draw():
    """The overview drew the 6 largest of 3,000 campaigns without a word about the rest."""
    from icplab.report import plots

    k = np.arange(3000)
    table = pd.DataFrame(
        {"campaign": [f"c{i}" for i in k], "contacted": 10 + k % 7, "replied": k % 3, "meeting": 0}
    )
    fig = plots.funnel(table, by="campaign")
    drawn = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert len(drawn) == plots.FUNNEL_PANELS
    largest = table.sort_values("contacted", ascending=False, kind="stable")["campaign"]
    assert drawn == largest.head(plots.FUNNEL_PANELS).tolist()
    note = fig.get_supxlabel()
    assert "of 3,000" in note and "2,994" in note and "not drawn" in note
    rest = int(table["contacted"].sum()) - int(table["contacted"].nlargest(6).sum())
    assert f"{rest:,} contacts" in note
