"""Report figures: right artists, percent axes, and words instead of a crash on no data."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from statsmodels.stats.proportion import proportion_confint

from icplab.core.metrics import DEFAULT_METRICS
from icplab.report import plots


def _rate_table(levels, n, s, target=0.15):
    n = np.asarray(n)
    s = np.asarray(s)
    lo, hi = proportion_confint(s, n, method="wilson")
    verdict = np.where(lo >= target, "pass", np.where(hi < target, "fail", "inconclusive"))
    return pd.DataFrame(
        {
            "level": levels,
            "n": n,
            "successes": s,
            "rate": s / n,
            "ci_low": lo,
            "ci_high": hi,
            "verdict": verdict,
        }
    )


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def _is_message(fig: Figure) -> bool:
    return len(fig.axes) == 1 and not fig.axes[0].axison and len(fig.axes[0].texts) == 1


def test_funnel_counts_and_conversions():
    t = pd.DataFrame(
        {
            "campaign": ["a", "b"],
            "contacted": [1000, 500],
            "replied": [150, 50],
            "meeting": [60, 10],
            "qualified": [30, 5],
            "deal": [6, 0],
        }
    )
    fig = plots.funnel(t, by="campaign")
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == ["a", "b"]
    bars = [p.get_width() for p in fig.axes[0].patches]
    assert bars == [1000, 150, 60, 30, 6]
    texts = _texts(fig)
    # replied/contacted of campaign a; deal/qualified of campaign a
    assert "150  (15.0 %)" in texts  # replied / contacted of campaign a
    assert "6  (20.0 %)" in texts  # deal / qualified of campaign a
    assert "0  (0.0 %)" in texts  # b: no deal


def test_funnel_total_without_optional_stages():
    t = pd.DataFrame({"contacted": [10, 20], "replied": [1, 2], "meeting": [0, 1]})
    fig = plots.funnel(t)
    assert [p.get_width() for p in fig.axes[0].patches] == [30, 3, 1]


def test_rates_points_target_and_percent_axis():
    t = _rate_table(["IT", "Logistik", "Handel"], [400, 400, 400], [100, 62, 20])
    fig = plots.rates(t, target=0.15, title="Reply rate by industry")
    ax = fig.axes[0]
    assert isinstance(ax.xaxis.get_major_formatter(), PercentFormatter)
    assert ax.get_title(loc="left") == "Reply rate by industry"
    points = ax.collections[0]
    assert len(points.get_offsets()) == 3
    assert np.allclose(points.get_offsets()[:, 0], t["rate"])
    labels = [x.get_text() for x in fig.legends[0].get_texts()]
    assert "target 15 %" in labels
    assert {"\u2713 meets target", "? not yet clear", "\u2717 misses target"} <= set(labels)
    # the target line is at the target
    assert any(np.allclose(line.get_xdata(), [0.15, 0.15]) for line in ax.get_lines())
    # colours follow the verdicts
    colours = [matplotlib.colors.to_hex(c) for c in points.get_facecolors()]
    want = [plots.VERDICT_COLOURS[v].lower() for v in t["verdict"]]
    assert colours == want


def test_rates_single_level_and_empty():
    fig = plots.rates(_rate_table(["IT"], [10], [0]), target=0.15)
    assert len(fig.axes[0].collections[0].get_offsets()) == 1
    empty = plots.rates(_rate_table([], [], []), target=0.15)
    assert _is_message(empty)
    assert "no rates" in empty.axes[0].texts[0].get_text()


def test_differences_marks_significance():
    t = pd.DataFrame(
        {
            "level": ["sie", "du", "ihr"],
            "diff": [np.nan, 0.05, -0.01],
            "diff_ci_low": [np.nan, 0.02, -0.04],
            "diff_ci_high": [np.nan, 0.08, 0.02],
            "significant": [None, True, False],
        }
    )
    fig = plots.differences(t, baseline="sie")
    ax = fig.axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["du *", "ihr"]
    assert isinstance(ax.xaxis.get_major_formatter(), PercentFormatter)
    assert any(np.allclose(line.get_xdata(), [0, 0]) for line in ax.get_lines())
    assert "difference to 'sie'" in ax.get_xlabel()
    assert sorted(_texts(fig)) == ["+5.0 pts", "-1.0 pts"]


def test_differences_single_level_says_so():
    t = pd.DataFrame(
        {"level": ["sie"], "diff": [np.nan], "diff_ci_low": [np.nan], "diff_ci_high": [np.nan]}
    )
    assert _is_message(plots.differences(t))
    assert _is_message(plots.differences(pd.DataFrame({"level": ["a"]})))


def test_heatmap_cells_marks_and_missing():
    s = pd.DataFrame(
        {
            "industry": ["IT", "IT", "Handel"],
            "size_band": ["1-49", "500+", "1-49"],
            "n": [100, 12, 80],
            "rate": [0.25, 0.5, 0.05],
            "verdict": ["pass", "untested", "fail"],
        }
    )
    fig = plots.heatmap(s, target=0.15)
    ax = fig.axes[0]
    assert [x.get_text() for x in ax.get_xticklabels()] == ["1-49", "500+"]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["Handel", "IT"]
    texts = _texts(fig)
    assert "25.0 % \u2713\nn = 100" in texts
    assert "50.0 % \u2013\nn = 12" in texts
    assert "5.0 % \u2717\nn = 80" in texts
    assert "no data" in texts  # Handel x 500+
    bar_ax = fig.axes[1]
    assert isinstance(bar_ax.yaxis.get_major_formatter(), PercentFormatter)
    assert "target 15.0 %" in bar_ax.get_ylabel()
    assert _is_message(plots.heatmap(s.iloc[:0]))


def test_weekly_rates_against_direct_count():
    rng = np.random.default_rng(3)
    days = pd.to_datetime("2026-01-01") + pd.to_timedelta(rng.integers(0, 60, 500), unit="D")
    f = pd.DataFrame({"sent_at": days, "contacted": 1, "replied": rng.integers(0, 2, 500)})
    w = plots.weekly_rates(f, DEFAULT_METRICS["reply_rate"])
    assert w["n"].sum() == 500
    assert w["week"].dt.day_of_week.eq(0).all()  # weeks start on Monday
    for _, row in w.iterrows():
        upto = f[f["sent_at"] < row["week"] + pd.Timedelta(days=7)]
        assert row["cum_n"] == len(upto)
        assert row["cum_successes"] == upto["replied"].sum()
        lo, hi = proportion_confint(row["cum_successes"], row["cum_n"], method="wilson")
        assert row["cum_ci_low"] == pytest.approx(lo)
        assert row["cum_ci_high"] == pytest.approx(hi)
    fig = plots.rate_over_time(w, target=0.15)
    ax = fig.axes[0]
    assert isinstance(ax.yaxis.get_major_formatter(), PercentFormatter)
    assert "target 15 %" in [t.get_text() for t in fig.legends[0].get_texts()]
    assert len(ax.get_lines()[0].get_xdata()) == len(w)


def test_rate_over_time_without_dates():
    f = pd.DataFrame({"contacted": [1], "replied": [1]})
    w = plots.weekly_rates(f, DEFAULT_METRICS["reply_rate"])
    assert w.empty
    fig = plots.rate_over_time(w, target=0.15)
    assert _is_message(fig)
    assert "sent_at" in fig.axes[0].texts[0].get_text()


def test_to_png_is_png():
    assert plots.to_png(plots.message_figure("x")).startswith(b"\x89PNG")


def test_rates_with_a_target_per_row():
    t = _rate_table(["Reply rate", "Deal rate"], [1000, 100], [140, 20])
    t["target"] = [0.15, 0.05]
    fig = plots.rates(t, target_col="target")
    ticks = fig.axes[0].collections[1]
    assert np.allclose(ticks.get_offsets()[:, 0], [0.15, 0.05])
    assert "target" in [x.get_text() for x in fig.legends[0].get_texts()]


def test_german_labels():
    t = _rate_table(["du", "sie"], [400, 400], [80, 40])
    fig = plots.rates(t, target=0.15, language="de")
    labels = [x.get_text() for x in fig.legends[0].get_texts()]
    assert "Ziel 15 %" in labels and "\u2713 Ziel erreicht" in labels
    assert fig.axes[0].get_xlabel().startswith("Quote")
    f = plots.funnel(
        pd.DataFrame({"contacted": [10], "replied": [2], "meeting": [1]}), language="de"
    )
    assert [x.get_text() for x in f.axes[0].get_yticklabels()] == [
        "Kontaktiert",
        "Geantwortet",
        "Termin",
    ]
    assert "Trichter" in plots.funnel(pd.DataFrame(), language="de").axes[0].texts[0].get_text()


def test_german_axes_use_decimal_commas():
    from icplab.report.plots import differences, rates

    t = pd.DataFrame(
        {
            "level": ["du", "sie"],
            "n": [2000, 1800],
            "rate": [0.146, 0.13],
            "ci_low": [0.13, 0.115],
            "ci_high": [0.16, 0.145],
            "diff": [None, -0.016],
            "diff_ci_low": [None, -0.027],
            "diff_ci_high": [None, -0.005],
            "significant": [None, True],
        }
    )
    fig = rates(t, target=0.15, language="de")
    labels = [x.get_text() for x in fig.axes[0].get_yticklabels()]
    assert labels == ["du  (n = 2.000)", "sie  (n = 1.800)"]
    texts = [x.get_text() for x in fig.axes[0].texts]
    assert "14,6 %" in texts and "13,0 %" in texts
    fmt = fig.axes[0].xaxis.get_major_formatter()
    assert fmt(0.125, 0) == "12,5 %"
    fig2 = differences(t, baseline="du", language="de")
    assert any(x.get_text() == "-1,6 Pkt." for x in fig2.axes[0].texts)
