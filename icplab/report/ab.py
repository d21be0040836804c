"""What the A/B report (``02-ab-test.ipynb``) says: the answer, the segments, the model.

The report answers its own question with one of four answers
(:func:`icplab.report.ab_decision.ab_answer`), which is
also the index badge: ``winner`` (one level does clearly better than every other one),
``no_difference``, ``differences`` (some levels differ, no single winner),
``nothing_to_compare`` (one level) and ``differs_by_segment`` (the factor's effect differs
across industries or company sizes: recommendations per segment, never a blanket winner).
The wording lives in the catalogues (:mod:`icplab.report.text`), the answer and
the adjustments in :mod:`icplab.report.ab_decision`.
"""

from __future__ import annotations

import math
import types
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from icplab.api import scope_of
from icplab.core.config import Config
from icplab.core.errors import IcpLabError
from icplab.core.metrics import Metric
from icplab.core.notes import Note
from icplab.data.counts import apply_where, counts
from icplab.data.maturity import mature_frame, resolve_as_of, sent_by
from icplab.icp.compare import ComparisonResult, compare_result
from icplab.icp.heterogeneity import WithinResult
from icplab.report import text
from icplab.report.ab_decision import ab_answer, adjust_effects, apply_run_scope
from icplab.report.honesty import judged_honesty, late_text, maturity_warning
from icplab.report.params import ABTestParams
from icplab.stats.multiplicity import METHOD_NAMES, adjust_pvalues
from icplab.stats.planning import ab_sample_size


def _compared(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a comparison table compared with the baseline (not the baseline itself)."""
    return table[~table["is_baseline"].astype(bool) & table["diff"].notna()]


@dataclass(frozen=True)
class SegmentView:
    """One ``within`` column of the A/B report: its comparisons, test and words."""

    by: str
    result: WithinResult
    p_adjusted: float
    effects: pd.DataFrame
    title: str
    sentence: str
    recommendation: str
    caption: str = ""


@dataclass(frozen=True)
class ABReport:
    """Everything the A/B test notebook shows (text fields: Markdown-safe as noted)."""

    result: Any
    metric: Metric
    table: pd.DataFrame
    intro: str  # Markdown (labels escaped)
    conclusion: str  # plain text (HTML-escaped where shown)
    srm_warning: str  # plain text
    notes: tuple[str, ...]  # plain text
    rates_title: str
    diff_title: str
    verdict: str
    answer: str = "no_difference"
    winner: str = ""
    segments: tuple[SegmentView, ...] = ()
    context: str = ""  # Markdown: period and denominators
    planning: str = ""  # plain text
    model_terms: pd.DataFrame = field(default_factory=pd.DataFrame)
    model_intro: str = ""
    model_notes: tuple[str, ...] = ()
    comparisons: int = 0
    honesty: str = ""  # Markdown: as of when, contacts still maturing, safe to look daily


def _counts_view(log: Any, where: Any, metric: Metric | None = None, as_of: Any = None) -> Any:
    """An object with ``frame`` and ``counts(by)`` for the filtered log (for the GLM), on
    the contacts that are mature for ``metric`` as of ``as_of``."""
    frame = apply_where(log.frame, where)
    if metric is not None:
        frame, _ = mature_frame(sent_by(frame, resolve_as_of(as_of)), metric, as_of)
    return types.SimpleNamespace(frame=frame, counts=lambda by: counts(frame, list(by)))


def _period(log: Any, where: Any, lang: str, file: str) -> str:
    frame = apply_where(log.frame, where)
    contacts = int(frame["contacted"].sum())
    if "sent_at" in frame.columns and frame["sent_at"].notna().any():
        start, end = frame["sent_at"].min(), frame["sent_at"].max()
        days = max(1, int((end - start).days) + 1)
        weeks = days / 7
        return text.word(
            "ab_period",
            lang,
            contacts=text.integer(contacts, lang),
            file=text.md(file),
            start=text.date(start, lang),
            end=text.date(end, lang),
            weeks=text.number(weeks, lang, 0 if weeks >= 3 else 1),
            pace=text.integer(contacts / weeks, lang),
        )
    return text.word(
        "ab_period_nodate", lang, contacts=text.integer(contacts, lang), file=text.md(file)
    )


def weekly_pace(log: Any, where: Any = None) -> float:
    """Contacts a week over the log's send period (NaN without send dates).

    Examples
    --------
    >>> import pandas as pd, types
    >>> f = pd.DataFrame({"sent_at": pd.to_datetime(["2026-01-01", "2026-01-14"]),
    ...                   "contacted": [700, 700]})
    >>> weekly_pace(types.SimpleNamespace(frame=f))
    700.0
    """
    frame = apply_where(log.frame, where)
    if "sent_at" not in frame.columns or not frame["sent_at"].notna().any():
        return float("nan")
    days = max(1, int((frame["sent_at"].max() - frame["sent_at"].min()).days) + 1)
    return float(frame["contacted"].sum()) / (days / 7)


def _denominator(metric: Metric, columns: Sequence[str], lang: str) -> str:
    den = metric.denominator_in(columns)
    out = text.word(
        "ab_denominator",
        lang,
        metric=text.md(text.metric_word(metric.name, metric.title, lang)),
        num=text.count_word(metric.numerator, lang),
        den=text.count_word(den, lang),
    )
    if den != metric.denominator:
        out += text.word(
            "ab_fallback",
            lang,
            wanted=text.md(metric.denominator),
            metric=text.md(text.metric_word(metric.name, metric.title, lang)),
            den=text.count_word(den, lang),
        )
    return out


def _conclusion(
    result: ComparisonResult,
    answer: str,
    segments: Sequence[SegmentView],
    lang: str,
    mtitle: str,
) -> str:
    table = result.table
    mt = text.in_sentence(mtitle, lang)
    factor = text.column_word(result.by, lang)
    if answer == "nothing_to_compare":
        lv = table.loc[table["rate"].notna(), "level"]
        return text.word(
            "ab_nothing", lang, metric=mt, factor=factor, level=lv.iloc[0] if len(lv) else "-"
        )
    if answer == "differs_by_segment":
        seg = min(segments, key=lambda s: s.p_adjusted)
        reco = seg.recommendation
        out = text.word(
            "ab_differs",
            lang,
            metric=mt,
            factor=factor,
            within=text.column_word(seg.by, lang),
            p=text.pvalue(seg.p_adjusted, lang),
            reco=reco,
        )
        return out
    comp = _compared(table)
    if answer == "winner":
        t = table[table["rate"].notna()].sort_values("rate", ascending=False)
        w, second = t.iloc[0], t.iloc[1]
        if len(t) == 2:
            d = float(w["rate"] - second["rate"])
            # the Newcombe range of winner minus loser (from the table's baseline row)
            row = comp.iloc[0]
            sign = 1.0 if str(row["level"]) == str(w["level"]) else -1.0
            lo, hi = sorted((sign * row["diff_ci_low"], sign * row["diff_ci_high"]))
            key, extra = (
                "ab_winner2",
                {
                    "loser": second["level"],
                    "rate_l": text.pct(second["rate"], lang),
                    "lift": text.lift(d / second["rate"], lang) if second["rate"] else "",
                },
            )
        else:
            from icplab.stats.proportions import newcombe_interval

            d = float(second["rate"] - w["rate"])
            lo, hi = newcombe_interval(second["successes"], second["n"], w["successes"], w["n"])
            key, extra = (
                "ab_winnerk",
                {
                    "second": second["level"],
                    "rate_2": text.pct(second["rate"], lang),
                },
            )
        return text.word(
            key,
            lang,
            winner=w["level"],
            metric=mt,
            rate_w=text.pct(w["rate"], lang),
            diff=text.signed(d, lang),
            lo=text.signed(float(lo), lang),
            hi=text.signed(float(hi), lang),
            **extra,
        )
    same = result.same_rate() if answer == "no_difference" else None
    if same is not None:  # every level at the same 0 % (or 100 %): nothing tells them apart
        return text.word(
            "ab_no_variation",
            lang,
            metric=mt,
            factor=factor,
            rate=text.pct(same, lang),
            n=text.number(int(table["n"].sum()), lang, 0),
            den=text.count_word(result.denominator or "contacted", lang),
        )
    sig = comp[comp["significant"].fillna(False).astype(bool)]
    pick = sig if not sig.empty else comp
    best = pick.loc[pick["p_adjusted"].fillna(2.0).idxmin()]
    base_rate = float(table["rate"].iloc[0])
    fields = {
        "metric": mt,
        "level": best["level"],
        "baseline": result.baseline,
        "diff": text.signed(best["diff"], lang),
        "lo": text.signed(best["diff_ci_low"], lang),
        "hi": text.signed(best["diff_ci_high"], lang),
        "lift": text.lift(best["diff"] / base_rate, lang) if base_rate else "",
        "better": text.word("better" if best["diff"] > 0 else "worse", lang),
    }
    key = "ab_differences" if answer == "differences" else "ab_no_difference"
    excludes_zero = best["diff_ci_low"] > 0 or best["diff_ci_high"] < 0
    if key == "ab_no_difference" and excludes_zero:
        # the range is of one comparison; "clear" corrects for all of them: say so, not "chance"
        key = "ab_no_difference_multi"
        fields["k"] = str(int(comp["p_value"].notna().sum()))
    return text.word(key, lang, **fields)


def _recommendation(w: WithinResult, effects: pd.DataFrame, lang: str, markdown: bool) -> str:
    esc = text.md if markdown else str
    groups: dict[str, list[str]] = {}
    for seg, lv in w.preferred().items():
        groups.setdefault(lv, []).append(esc(seg))
    parts = "; ".join(f"{', '.join(segs)}: {esc(lv)}" for lv, segs in groups.items())
    out = text.word("ab_reco", lang, within=text.column_word(w.by, lang), groups=parts)
    clear = [esc(s) for s in dict.fromkeys(effects.loc[effects["significant"], "segment"])]
    if clear:
        out += text.word("ab_reco_clear", lang, clear=text.join(clear, lang))
    else:
        out += text.word("ab_reco_none_clear", lang)
    return out


def _effects_caption(effects: pd.DataFrame, config: Config, sequential: bool, lang: str) -> str:
    m = int(effects["p_value"].notna().sum()) if not effects.empty else 0
    if m < 2 or config.correction == "none" or sequential:
        return ""
    return text.word(
        "ab_effects_caption",
        lang,
        m=m,
        method=METHOD_NAMES[config.correction],
        conf=text.number(100 * (1 - config.alpha / m), lang, 1),
    )


def _segment_sentence(w: WithinResult, p_adj: float, n_tests: int, method: str, lang: str) -> str:
    factor = text.md(text.column_word(w.factor, lang))
    within = text.md(text.column_word(w.by, lang))
    add_df = w.additive.df if w.additive is not None else w.test.df
    if add_df == 0 or math.isnan(p_adj):
        add = w.additive
        if add is not None and add.df == 0 and add.excluded:  # segments there, cells too small
            reason = text.word(
                "ab_na_small_cells",
                lang,
                factor=factor,
                within=within,
                min_n=text.number(add.min_n, lang, 0),
                left=text.join([text.md(str(x)) for x in add.excluded], lang),
            )
        else:
            reason = text.word("ab_na_reason", lang, factor=factor, within=within)
        return text.word("ab_interaction_na", lang, within=within, reason=reason)
    adj = (
        text.word("ab_interaction_adj", lang, method=METHOD_NAMES[method], m=n_tests)
        if n_tests > 1 and method != "none"
        else ""
    )
    key = "ab_interaction_yes" if p_adj < w.alpha else "ab_interaction_no"
    return text.word(
        key, lang, factor=factor, within=within, p=text.pvalue(p_adj, lang), df=add_df, adj=adj
    )


def _planning(result: ComparisonResult, pace: float, alpha: float, lang: str) -> str:
    t = result.table
    comp = _compared(t)
    base = float(t["rate"].iloc[0]) if t["rate"].notna().iloc[0] else float("nan")
    if comp.empty or not 0 < base < 1:
        return ""
    lift = max(0.01, float(comp["diff"].abs().max()))
    lift = round(lift, 3)
    if not 0 < base + lift < 1:
        return ""
    n = ab_sample_size(base, lift, alpha=alpha, power=0.8)
    k = len(t)
    fields = {
        "lift": text.number(100 * lift, lang, 1),
        "n": text.integer(n, lang),
        "total": text.integer(n * k, lang),
    }
    if math.isfinite(pace) and pace > 0:
        weeks = n * k / pace
        fields["weeks"] = text.number(weeks, lang, 0 if weeks >= 3 else 1)
        return text.word("ab_weeks", lang, **fields)
    return text.word("ab_weeks_nodate", lang, **fields)


def _model(
    log: Any,
    where: Any,
    p: ABTestParams,
    metric: Metric,
    withins: Sequence[str],
    config: Config,
    as_of: Any = None,
) -> tuple[pd.DataFrame, str, tuple[str, ...]]:
    from icplab.stats.model import fit_model

    factors = [p.factor, *[w for w in withins if w != p.factor]]
    try:
        view = _counts_view(log, where, metric, as_of)
        fit = fit_model(view, metric.name, factors, config, interactions=False)
    except (IcpLabError, ValueError, np.linalg.LinAlgError):
        return pd.DataFrame(), "", ()
    terms = fit.terms[fit.terms["term"] != "Intercept"].copy()
    terms["term"] = [_term_words(t, p.language) for t in terms["term"]]
    intro = text.word(
        "ab_model_intro",
        p.language,
        formula=text.md(
            f"{metric.numerator} ~ " + " + ".join(text.column_word(f, "en") for f in factors)
        ),
    )
    return terms.reset_index(drop=True), intro, tuple(text.note(n, p.language) for n in fit.notes)


def _term_words(term: str, lang: str) -> str:
    """``C(salutation)[T.sie]`` -> ``salutation = sie``."""
    if term.startswith("C(") and ")[T." in term and term.endswith("]"):
        col, _, lv = term[2:-1].partition(")[T.")
        return f"{text.column_word(col, lang)} = {lv}"
    return term


def ab_report(
    p: ABTestParams, log: Any, config: Config, family_size: int | None = None
) -> ABReport:
    """Compare ``p.factor`` on ``p.metric``, inside every ``p.within`` column too.

    Parameters
    ----------
    p
        The notebook's parameters (``factor``, ``metric``, ``baseline``, ``where``,
        ``within``, ``language``).
    log
        The loaded outreach log.
    config
        The workspace config.
    family_size
        Run-wide correction scope: the number of comparisons in the whole run (the
        winner test is adjusted as part of that family); ``None``: this report only.
    """
    from icplab.report.params import metric_param

    lang = p.language
    metric = metric_param(config, p.metric)
    mtitle = text.metric_word(metric.name, metric.title, lang)
    # always-valid statistics when the workspace asks for them ([stats] sequential), on
    # mature contacts only (maturity windows, as of the report's date)
    scope = scope_of(config, where=list(p.where), as_of=p.judged_as_of(config))
    where, as_of = scope.where, scope.as_of
    result = compare_result(log, p.factor, metric, baseline=p.baseline or None, scope=scope)
    if p.run_comparisons and p.run_p_adjusted:
        result, _ = apply_run_scope(result, p.run_p_adjusted, p.run_comparisons, lang)
        family_size = p.run_comparisons
    table = result.to_frame()
    # one inference per page: the probability is a Bayesian posterior, a second method
    # beside the interval and "clear" of the page's own test; it stays in the JSON only
    table = table.drop(columns=["prob_beats_baseline"], errors="ignore")
    from icplab.icp.verdicts import verdict
    from icplab.stats.inference import Inference

    table["verdict"] = verdict(
        table["successes"], table["n"], metric.target, inference=Inference.of(result.sequential)
    ).tolist()
    if result.maturity == "unknown":  # no send dates: below target so far, never final
        table["verdict"] = table["verdict"].replace("fail", "so_far")
    cols = set(map(str, log.frame.columns))
    filtered = apply_where(log.frame, where)
    withins = [
        w for w in p.within if w != p.factor and w in cols and filtered[w].astype(str).nunique() > 1
    ]  # a column with one level in this segment has nothing to show
    wres: list[WithinResult] = []
    for column in withins:
        r = compare_result(
            log,
            p.factor,
            metric,
            baseline=result.baseline,
            scope=scope,
            within=column,
        )
        wres.append(r.within)
    raw_p = np.array([w.additive_p_value for w in wres], dtype="float64")  # points scale
    p_adj = adjust_pvalues(raw_p, config.correction) if len(raw_p) else raw_p
    n_tests = int(np.sum(~np.isnan(raw_p)))
    segments = []
    for w, pa in zip(wres, p_adj, strict=True):
        effects = adjust_effects(w.effects(), config.correction, config.alpha, result.sequential)
        segments.append(
            SegmentView(
                by=w.by,
                result=w,
                p_adjusted=float(pa),
                effects=effects,
                title=text.word(
                    "ab_forest_title",
                    lang,
                    metric=mtitle,
                    factor=text.column_word(p.factor, lang),
                    within=text.column_word(w.by, lang),
                ),
                sentence=_segment_sentence(w, float(pa), n_tests, config.correction, lang),
                recommendation=_recommendation(w, effects, lang, markdown=False),
                caption=_effects_caption(effects, config, result.sequential, lang),
            )
        )
    answer, winner = ab_answer(
        result, [(s.result, s.p_adjusted) for s in segments], family_size=family_size
    )
    conclusion = _conclusion(result, answer, segments, lang, mtitle)
    if answer == "differs_by_segment":
        comp = _compared(table)
        sig = comp[comp["significant"].fillna(False).astype(bool)]
        if not sig.empty:
            best = sig.iloc[0]
            conclusion += text.word(
                "ab_overall_aside",
                lang,
                level=best["level"] if best["diff"] > 0 else result.baseline,
                better=text.word("better", lang),
                diff=text.signed(abs(best["diff"]), lang),
            )
    factor_w = text.column_word(p.factor, lang)
    seg = text.word("ab_within_where", lang, where=text.md(", ".join(p.where))) if p.where else ""
    intro = text.word(
        "ab_intro",
        lang,
        metric=text.md(mtitle),
        factor=text.md(factor_w),
        seg=seg,
        k=len(table),
        contacts=text.integer(table["contacts"].sum(), lang),
        baseline=text.md(result.baseline),
        target=text.pct(metric.target, lang, 0),
    )
    warning = maturity_warning(p, result.to_dict())
    if warning:
        intro = warning + "\n\n" + intro
    file = p.data_path.name
    context = (
        _period(log, where, lang, file)
        + "\n\n"
        + _denominator(metric, list(log.frame.columns), lang)
    )
    srm_warning = ""
    srm = result.srm
    if srm is not None and srm.checked and srm.mismatch:
        srm_warning = text.word("ab_srm", lang, factor=factor_w, p=text.pvalue(srm.p_value, lang))
        srm_warning += " " + text.note(srm.note, lang)
    terms, model_intro, model_notes = _model(log, where, p, metric, withins, config, as_of)
    return ABReport(
        result=result,
        metric=metric,
        table=table,
        intro=intro,
        conclusion=conclusion,
        srm_warning=srm_warning,
        notes=tuple(
            text.note(n, lang)
            for n in (
                *(n for n in result.notes if srm is None or n != srm.note),  # SRM once
                *(n for s in segments for n in s.result.notes),
                *(
                    Note("compare.segment", by=s.result.by, level=g.level, note=g.note)
                    for s in segments
                    for g in s.result.segments
                    if g.note
                ),
            )
        ),
        rates_title=text.word("ab_rates_title", lang, metric=mtitle, factor=factor_w),
        diff_title=text.word("ab_diff_title", lang, baseline=result.baseline),
        verdict="info",
        answer=answer,
        winner=winner,
        segments=tuple(segments),
        context=context,
        planning=_planning(result, weekly_pace(log, where), config.alpha, lang),
        model_terms=terms,
        model_intro=model_intro,
        model_notes=model_notes,
        comparisons=int(result.table["p_value"].notna().sum()),
        honesty=judged_honesty(p, result) + late_text(p, result.to_dict()),
    )
