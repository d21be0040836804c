"""The A/B report's answer, conclusion and badge on data with known truth.

A/A data (no difference), one-level factors, planted winners, a planted crossover and a
uniform effect; every answer is checked against the truth the data was drawn from and the
badge/key figure against each other.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep

from icplab.core.config import Config
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.report.ab import ab_report
from icplab.report.ab_decision import ab_answer, adjust_effects, apply_run_scope
from icplab.report.index_page import index_html, summary_badge
from icplab.report.outcome import ReportResult, RunSummary
from icplab.report.params import ABTestParams
from icplab.report.summary import ReportSummary


def row_log(p: dict[tuple[str, str], float], n: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Row-level log: ``p[(industry, salutation)]`` is the true reply rate of each cell."""
    rng = np.random.default_rng(seed)
    parts = []
    for (ind, sal), rate in p.items():
        parts.append(
            pd.DataFrame(
                {
                    "industry": ind,
                    "salutation": sal,
                    "size_band": "50-199",
                    "contacted": 1,
                    "replied": rng.binomial(1, rate, n),
                    "meeting": 0,
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    return frame


class Log:
    """Just enough of OutreachData for the report builder."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.n_contacts = int(frame["contacted"].sum())

    def counts(self, by):
        from icplab.data.counts import counts

        return counts(self.frame, list(by))


def report(frame, factor="salutation", lang="en", **kw):
    p = ABTestParams(factor=factor, language=lang, within=["industry"], **kw)
    return ab_report(p, Log(frame), Config())


def test_aa_data_gives_no_clear_difference_mostly():
    """A/A: the same 19 % in both arms. 'winner' must be rare (about alpha)."""
    wins = 0
    for seed in range(40):
        frame = row_log({("IT", "du"): 0.19, ("IT", "sie"): 0.19}, n=800, seed=seed)
        ab = report(frame)
        assert ab.answer in ("no_difference", "winner")
        wins += ab.answer == "winner"
        if ab.answer == "no_difference":
            assert "No clear difference" in ab.conclusion
            assert ab.verdict == "info"  # never a target verdict ("pass" at 19 %)
    assert wins <= 6  # binomial(40, 0.05): P(X > 6) < 0.01


def test_one_level_reads_nothing_to_compare():
    frame = row_log({("IT", "du"): 0.2}, n=300)
    ab = report(frame)
    assert ab.answer == "nothing_to_compare"
    assert "Nothing to compare" in ab.conclusion
    de = report(frame, lang="de")
    assert "Nichts zu vergleichen" in de.conclusion
    badge = summary_badge(ReportSummary("x", "t", "info", de.conclusion, answer=de.answer), "de")
    assert "nichts zu vergleichen" in badge


def test_planted_winner_is_named_with_lift_and_matching_range():
    frame = row_log({("IT", "du"): 0.22, ("IT", "sie"): 0.15}, n=2500, seed=1)
    ab = report(frame)
    assert (ab.answer, ab.winner) == ("winner", "du")
    du = frame[frame.salutation == "du"]["replied"]
    sie = frame[frame.salutation == "sie"]["replied"]
    d = du.mean() - sie.mean()
    lo, hi = confint_proportions_2indep(
        du.sum(), len(du), sie.sum(), len(sie), method="newcomb", compare="diff"
    )
    assert f"{100 * d:+.1f} percentage points" in ab.conclusion
    assert f"plausible range {100 * lo:+.1f} to {100 * hi:+.1f}" in ab.conclusion
    assert f"relative lift of {100 * d / sie.mean():+.0f} %" in ab.conclusion
    assert ab.conclusion.startswith("du is the clear winner")


def crossover_frame(seed=2):
    p = {
        ("IT", "du"): 0.24,
        ("IT", "sie"): 0.16,
        ("Handel", "du"): 0.12,
        ("Handel", "sie"): 0.07,
        ("Maschinenbau", "du"): 0.09,
        ("Maschinenbau", "sie"): 0.15,
        ("Finanzdienstleister", "du"): 0.07,
        ("Finanzdienstleister", "sie"): 0.12,
    }
    return row_log(p, n=1500, seed=seed)


def test_planted_crossover_recommends_per_segment_never_a_blanket_winner():
    frame = crossover_frame()
    ab = report(frame)
    assert ab.answer == "differs_by_segment" and ab.winner == ""
    assert "no single winner" in ab.conclusion
    assert "Handel, IT: du" in ab.conclusion
    assert "Finanzdienstleister, Maschinenbau: sie" in ab.conclusion
    de = report(frame, lang="de")
    assert "keinen einzelnen Sieger" in de.conclusion and "Je Branche" in de.conclusion


def test_uniform_effect_names_a_single_winner():
    p = {}
    for ind, base in (("IT", 0.16), ("Handel", 0.08), ("Logistik", 0.13)):
        p[(ind, "sie")] = base
        p[(ind, "du")] = base + 0.05
    frame = row_log(p, n=2000, seed=3)
    ab = report(frame)
    assert ab.answer == "winner" and ab.winner == "du"
    seg = ab.segments[0]
    assert seg.p_adjusted > 0.05 and "No clear sign" in seg.sentence


def test_segment_effects_adjusted_across_segments():
    frame = crossover_frame()
    ab = report(frame)
    e = ab.segments[0].effects
    ref = multipletests(e["p_value"], method="holm")[1]
    np.testing.assert_allclose(e["p_adjusted"], ref, rtol=1e-12)
    m = len(e)
    for r in e.itertuples():
        lo, hi = confint_proportions_2indep(
            r.successes,
            r.n,
            r.base_successes,
            r.base_n,
            method="newcomb",
            compare="diff",
            alpha=0.05 / m,
        )
        assert (r.diff_ci_low, r.diff_ci_high) == pytest.approx((lo, hi), abs=1e-12)
    raw = ab.segments[0].result.effects()  # 95 % ranges, unadjusted
    one = adjust_effects(raw.iloc[:1], "holm", 0.05)  # a family of one: nothing changes
    r = raw.iloc[0]
    lo, hi = confint_proportions_2indep(
        r.successes, r.n, r.base_successes, r.base_n, method="newcomb", compare="diff"
    )
    assert (one["diff_ci_low"].iloc[0], one["diff_ci_high"].iloc[0]) == pytest.approx(
        (lo, hi), abs=1e-12
    )


def test_run_scope_widens_ranges_and_follows_adjusted_p():
    frame = row_log({("IT", "du"): 0.22, ("IT", "sie"): 0.19}, n=2500, seed=4)
    from icplab.icp.compare import compare_result

    r = compare_result(frame, "salutation", "reply_rate")
    r2, note = apply_run_scope(r, [0.3], 10)
    row = r2.table.iloc[1]
    s, n = int(row["successes"]), int(row["n"])
    b = r2.table.iloc[0]
    lo, hi = confint_proportions_2indep(
        s, n, int(b["successes"]), int(b["n"]), method="newcomb", compare="diff", alpha=0.005
    )
    assert (row["diff_ci_low"], row["diff_ci_high"]) == pytest.approx((lo, hi), abs=1e-12)
    assert not bool(row["significant"]) and "10 comparisons" in note
    assert ab_answer(r2) == ("no_difference", "")


def test_index_badges_answer_the_question_in_both_languages(tmp_path: Path):
    def res(name, summary):
        return ReportResult(
            name, "02-ab-test.ipynb", "ok", 1.0, tmp_path, tmp_path / "x.html", summary
        )

    results = (
        res("a", ReportSummary("a", "A/B", "info", "k1", answer="winner", answer_level="<b>x</b>")),
        res("b", ReportSummary("b", "A/B", "info", "k2", answer="no_difference")),
        res("c", ReportSummary("c", "A/B", "info", "k3", answer="differs_by_segment")),
        res("d", ReportSummary("d", "Thesis", "pass", "k4")),
    )
    for lang, words in (
        (
            "en",
            [
                "clear winner: &lt;b&gt;x&lt;/b&gt;",
                "no clear difference",
                "differs by segment",
                "meets target",
                'lang="en"',
                "12 comparisons",
            ],
        ),
        (
            "de",
            [
                "klarer Sieger: &lt;b&gt;x&lt;/b&gt;",
                "kein klarer Unterschied",
                "je nach Segment verschieden",
                "Ziel erreicht",
                'lang="de"',
                "12 Vergleiche",
                "Kennzahl",
                "ICP-Berichte",
            ],
        ),
    ):
        summary = RunSummary(
            "20260501T100000Z",
            tmp_path,
            tmp_path / "index.html",
            results,
            12.5,
            comparisons=12,
            comparison_reports=3,
            language=lang,
        )
        page = index_html(summary, tmp_path)
        for w in words:
            assert w in page, (lang, w)
        assert "<b>x</b>" not in page


def test_sample_data_reads_honestly():
    """On the bundled sample the salutation report must not name a blanket winner."""
    log = validate_frame(generate_outreach(15_000, seed=7), source="sample")
    p = ABTestParams(factor="salutation", within=["industry", "size_band"])
    ab = ab_report(p, log, Config())
    assert ab.answer == "differs_by_segment"
    assert "IT" in ab.conclusion and "Maschinenbau" in ab.conclusion
    assert "weeks of sending" in ab.planning
    assert not ab.model_terms.empty and (ab.model_terms["or_low"] < ab.model_terms["or_high"]).all()


def test_overview_badge_and_key_figure_come_from_the_same_metric():
    from icplab.report.content import finish_overview
    from icplab.report.params import OverviewParams

    overall = pd.DataFrame(
        {
            "metric": ["reply_rate", "meeting_rate"],
            "label": ["Reply rate", "Meeting rate"],
            "target": [0.15, 0.10],
            "rate": [0.19, 0.04],
            "verdict": ["pass", "fail"],
        }
    )
    log = Log(row_log({("IT", "du"): 0.2}, n=3275))
    s = finish_overview(OverviewParams(language="de"), log, overall)
    assert s.verdict == "pass"
    assert s.key_figure == "Antwortquote 19,0 % (Ziel 15 %), 3.275 Kontakte"


def test_planner_weeks_at_the_current_pace():
    from icplab.report.content import sample_size
    from icplab.report.params import SampleSizeParams

    log = validate_frame(generate_outreach(3000, seed=7), source="s")
    plan = sample_size(SampleSizeParams(lifts=[0.03]), log, Config())
    days = (log.frame["sent_at"].max() - log.frame["sent_at"].min()).days + 1
    pace = len(log.frame) / (days / 7)
    n = int(plan.table["n_per_group"].iloc[0])
    assert plan.table["weeks"].iloc[0] == pytest.approx(2 * n / pace, abs=0.06)


def test_german_notes():
    from icplab.core.notes import Note
    from icplab.report.text import note

    cases = {
        Note("compare.one_level", by="industry", base="IT"): "Nur eine",
        Note("compare.fisher", levels=("a", "b")): "Exakter Fisher-Test für a, b",
        Note("model.one_level", factor="industry"): "weniger als zwei",
        Note("srm.fits", factor="salutation", plan=Note("srm.plan_equal"), p=0.72): "p = 0,72",
        Note(
            "within.dropped_within", within="industry", factor="salutation", levels=("Bau",)
        ): "Nicht im Wechselwirkungstest",
    }
    for n, de in cases.items():
        assert de in note(n, "de") and note(n, "en") == str(n)
    # the English sentence is the one the statistics layer always wrote
    assert Note("compare.one_level", by="industry", base="IT") == (
        "Only one level of 'industry' (IT) has data: there is nothing to compare."
    )
    assert note("Something new.", "de") == "Something new."
    frame = row_log({("IT", "du"): 0.2}, n=300)
    ab = report(frame, lang="de")
    assert any(n.startswith("Nur eine Ausprägung") for n in ab.notes)


def test_denominator_and_fallback_in_words():
    rng = np.random.default_rng(8)
    frame = row_log({("IT", "du"): 0.3, ("IT", "sie"): 0.3}, n=600)
    frame["meeting"] = frame["replied"] * rng.binomial(1, 0.6, len(frame))
    frame["deal"] = frame["meeting"] * rng.binomial(1, 0.3, len(frame))
    ab = report(frame, metric="deal_rate")
    assert "Deal rate = deals / meetings" in ab.context
    assert "no column 'qualified'" in ab.context and "falls back to meetings" in ab.context
    n_meet = frame.groupby("salutation")["meeting"].sum()
    assert ab.table.set_index("level")["n"].to_dict() == n_meet.to_dict()
    de = report(frame, metric="deal_rate", lang="de")
    assert "Abschlussquote = Abschlüsse / Termine" in de.context and "ersatzweise" in de.context
    plain = report(frame)
    assert "Reply rate = replies / contacted prospects" in plain.context
    assert "no send dates" in plain.context


def test_sequential_workspace_uses_always_valid_statistics():
    """Once the config carries ``sequential`` (issue 9), the A/B report follows it."""
    cfg = Config()
    object.__setattr__(cfg, "sequential", True)
    frame = crossover_frame()
    p = ABTestParams(factor="salutation", within=["industry"])
    ab = ab_report(p, Log(frame), cfg)
    assert ab.result.sequential and ab.segments[0].result.segments[0].result.sequential
    fixed = ab_report(p, Log(frame), Config())
    assert ab.segments[0].p_adjusted > fixed.segments[0].p_adjusted
    assert ab.answer == "differs_by_segment"  # the planted crossover is strong enough
