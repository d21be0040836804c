"""What each report notebook says: numbers from the statistics modules, put into words.

One builder per notebook turns the parsed parameters, the config and the data into a small
frozen dataclass of tables and plain-language sentences (English or German); one
``finish_*`` per notebook writes its summary JSON. The notebooks only display these, so the
wording is tested here, not in notebook cells.

Examples
--------
>>> import pandas as pd
>>> records(pd.DataFrame({"a": [1.5, float("nan")]}))
[{'a': 1.5}, {'a': None}]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from icplab.api import scope_of
from icplab.core.config import Config
from icplab.core.metrics import Metric
from icplab.icp.disclosure import inference_for
from icplab.icp.verdicts import check
from icplab.report import text
from icplab.report.ab import ABReport, ab_report, weekly_pace
from icplab.report.honesty import (
    honesty_text,
    judged_honesty,
    late_text,
    maturity_warning,
    windows_text,
)
from icplab.report.page_words import PageWords
from icplab.report.params import (
    ABTestParams,
    RefineParams,
    ReportParams,
    SampleSizeParams,
    ThesisParams,
    metric_param,
)
from icplab.report.summary import ReportSummary


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready records (NaN -> None, numpy scalars -> Python)."""
    out = []
    for rec in frame.to_dict("records"):
        clean = {}
        for k, v in rec.items():
            if isinstance(v, (np.generic,)):
                v = v.item()
            if isinstance(v, float) and v != v:
                v = None
            if v is pd.NA:
                v = None
            clean[str(k)] = v
        out.append(clean)
    return out


def data_sentence(p: ReportParams, log) -> str:
    """One sentence on the data the report is built from."""
    return p.word("data_sentence", contacts=p.num(log.n_contacts), file=text.md(p.data_path.name))


# -- 01 overview --------------------------------------------------------------------------


def metrics_overview(
    log, config: Config, where=None, as_of: Any = None, language: str = "en"
) -> pd.DataFrame:
    """Every metric of ``config`` on all contacts (or the ``where`` segment) vs its target.

    Judged as of ``as_of`` (maturity windows; default the config's, else today), with
    the config's inference mode (``[stats] sequential``).

    Returns
    -------
    pandas.DataFrame
        One row per metric the data supports: ``metric``, ``label``, ``target``,
        ``kind``, ``successes``, ``n``, ``rate``, ``ci_low``, ``ci_high``, ``verdict``,
        ``more_contacts_needed``, ``maturing``, ``window_days``.
    """
    res = check(log, where, None, scope_of(config, as_of=as_of), name="all")
    table = _with_labels(res.to_frame(), config, language)
    table.attrs["maturity"] = res.maturity  # for overview_honesty: no send dates, no claim
    table.attrs["undated"] = res.disclosure.undated  # contacts without a send date
    return table


def overview_honesty(p: ReportParams, overall: pd.DataFrame, config: Config) -> str:
    """The honesty sentence of the overview, from :func:`metrics_overview`'s table."""
    maturing = int(overall["maturing"].max()) if "maturing" in overall.columns else 0
    return honesty_text(
        p,
        as_of=p.judged_as_of(config),
        maturing=maturing,
        inference=inference_for(config).kind,
        windows=windows_text(p, overall),
        maturity=overall.attrs.get("maturity", "checked"),
        undated=int(overall.attrs.get("undated", 0) or 0),
    )


def _with_labels(rows: pd.DataFrame, config: Config, language: str = "en") -> pd.DataFrame:
    labels = [
        text.metric_word(m, config.metrics[m].title, language) if m in config.metrics else m
        for m in rows["metric"]
    ]
    rows = rows.drop(columns=["label"], errors="ignore")
    rows.insert(1, "label", labels)
    return rows


def finish_overview(p: ReportParams, log, overall: pd.DataFrame) -> ReportSummary:
    """Overview summary: badge and key figure come from the same (headline) metric, the
    first one of the workspace; the verdicts of all metrics are in ``details``."""
    first = overall.iloc[0]
    verdict = str(first["verdict"])
    name = text.metric_word(str(first["metric"]), str(first["label"]), p.language)
    key = p.word(
        "overview_key_untested" if verdict == "untested" else "overview_key",
        metric=name,
        rate=p.pct(first["rate"]),
        target=p.pct(first["target"], 0),
        contacts=p.num(log.n_contacts),
    )
    known = ("pass", "fail", "inconclusive", "untested")
    return p.finish(
        title=p.word("overview_title"),
        verdict=verdict if verdict in known else "inconclusive",
        key_figure=key,
        details={"contacts": log.n_contacts, "metrics": records(overall)},
    )


# -- 02 A/B test --------------------------------------------------------------------------


def ab_test(p: ABTestParams, log, config: Config, family_size: int | None = None) -> ABReport:
    """Compare the levels of ``p.factor`` on ``p.metric`` (and inside ``p.within``) in words.

    The builder lives in :mod:`icplab.report.ab`; see :func:`icplab.report.ab.ab_report`.
    """
    return ab_report(p, log, config, family_size=family_size)


def finish_ab(p: ABTestParams, ab: ABReport) -> ReportSummary:
    """Write the A/B summary: its badge is the report's answer, its key figure the answer
    in words (so the two always agree)."""
    return p.finish(
        title=text.word("ab_title", p.language, factor=text.column_word(p.factor, p.language)),
        verdict=ab.verdict,
        key_figure=ab.conclusion,
        details={
            "factor": p.factor,
            "metric": ab.metric.name,
            "baseline": ab.result.baseline,
            "srm_mismatch": bool(ab.srm_warning),
            "answer": ab.answer,
            "winner": ab.winner,
            "comparisons": ab.comparisons,
            "p_values": [None if v != v else float(v) for v in ab.result.table["p_value"].iloc[1:]],
            "rows": ab.result.to_dict()["rows"],
            "within": [
                {
                    "by": s.by,
                    "interaction_p_value": s.result.to_dict()["interaction_p_value"],
                    "p_adjusted": None if s.p_adjusted != s.p_adjusted else s.p_adjusted,
                    "df": s.result.df,
                }
                for s in ab.segments
            ],
        },
        answer=ab.answer,
        answer_level=ab.winner,
    )


# -- 03 thesis check ----------------------------------------------------------------------


@dataclass(frozen=True)
class ThesisReport(PageWords):
    """What the thesis-check notebook shows: the thesis, its ``check`` JSON and table (one
    row per metric), the figure's title, and the page's words."""

    thesis: Any
    result: dict[str, Any]
    table: pd.DataFrame
    title: str


def thesis_check(p: ThesisParams, log, config: Config) -> ThesisReport:
    """Check the thesis ``p.thesis`` against every metric and describe it."""
    thesis = config.thesis(p.thesis)
    res = check(log, thesis, None, scope_of(config, as_of=p.judged_as_of(config)))
    result = res.to_dict()
    table = _with_labels(res.to_frame(), config, p.language)
    seg = ", ".join(
        f"{text.column_word(k, p.language)} = {_where_text(v, p.language)}"
        for k, v in thesis.where.items()
    )
    intro = p.word(
        "thesis_intro",
        name=text.md(thesis.name),
        statement=text.md(thesis.statement),
        segment=text.md(seg),
        contacts=p.num(result["n"]),
    ) + _period_text(p, res.period, res.since)
    bases = [
        (config.metrics[m.metric], m.denominator)
        for m in res.metrics
        if m.metric in config.metrics and m.denominator
    ]
    if bases:
        intro += " " + text.bases_text(bases, p.language)
    warning = maturity_warning(p, result)
    if warning:
        intro = warning + "\n\n" + intro
    conclusion = _thesis_conclusion(p, result["verdict"], table)
    so_far = table.get("below_target_so_far", pd.Series(False, index=table.index)).astype(bool)
    table["verdict"] = table["verdict"].where(~so_far, "so_far")
    table["more_contacts_needed"] = [
        settle_range(p, r.get("more_contacts_needed"), r.get("more_contacts_high"), r["verdict"])
        for _, r in table.iterrows()
    ]
    return ThesisReport(
        thesis,
        result,
        table,
        p.word("thesis_plot_title", name=thesis.name),
        intro=intro,
        conclusion=conclusion,
        honesty=judged_honesty(p, res, windows_text(p, table)) + late_text(p, result),
    )


#: A rate from fewer units than this is never a headline figure: "too few" instead.
MIN_HEADLINE_N = 30


def settle_range(p: ReportParams, low: Any, high: Any, verdict: str) -> str:
    """The "more contacts" cell as a range that does not promise (en/de).

    Examples
    --------
    >>> from icplab.report.params import ReportParams
    >>> settle_range(ReportParams(), 300, 1200, "inconclusive")
    "roughly 300 to 1,200 more, if the rate stays near today's"
    >>> settle_range(ReportParams(language="de"), 300, 1200, "inconclusive")
    'etwa 300 bis 1.200 weitere, falls die Quote nahe der heutigen bleibt'
    """
    if verdict != "inconclusive":
        return ""
    ok_low = low is not None and low == low
    ok_high = high is not None and high == high and ok_low and float(high) > float(low)
    if not ok_low:
        return p.word("settle_none")
    lo = p.num(int(low))
    if not ok_high:
        return p.word("settle_from", lo=lo)
    return p.word("settle_range", lo=lo, hi=p.num(int(high)))


def _period_text(p: ReportParams, period: Any, since: Any) -> str:
    """`` Period judged: contacts sent 2026-04-01 to 2026-05-29 (...).``"""
    if period is None and since is None:
        return ""
    day = partial(text.judged_date, language=p.language)
    out = p.word("period_judged", span=f"{day(period[0])} – {day(period[1])}" if period else "-")
    if since is not None:
        out += p.word("period_since", since=day(since))
    return out


def _where_text(v: Any, language: str = "en") -> str:
    if isinstance(v, tuple):
        return text.word("thesis_or", language).join(map(str, v))
    return str(v)


def _thesis_conclusion(p: ReportParams, verdict: str, table: pd.DataFrame) -> str:
    open_rows = table[table["verdict"] == "inconclusive"]
    need = pd.to_numeric(open_rows["more_contacts_needed"], errors="coerce")
    more = int(need.max()) if len(need) and need.notna().any() else 0
    row = open_rows.loc[need.idxmax()] if more else None
    failed_list = list(table.loc[table["verdict"] == "fail", "label"])
    failed = text.join(failed_list, p.language)
    so_far = table.get("below_target_so_far", pd.Series(False, index=table.index)).astype(bool)
    if verdict == "pass":
        return p.word("thesis_pass")
    if verdict == "fail":
        return p.word("thesis_fail_many" if len(failed_list) > 1 else "thesis_fail", failed=failed)
    if verdict == "untested":
        return p.word("thesis_untested")
    lead = ""
    if so_far.any():
        names = text.join(list(table.loc[so_far, "label"]), p.language)
        lead = p.word("thesis_so_far_lead", names=names)
    if row is None:
        return lead + p.word("thesis_open_unsettled")
    high = pd.to_numeric(pd.Series([row.get("more_contacts_high")]), errors="coerce").iloc[0]
    n = int(row["n"])
    counts = {
        "label": row["label"],
        "successes": p.num(row["successes"]),
        "n": p.num(n),
        "settle": settle_range(p, more, high, "inconclusive"),
    }
    if n < MIN_HEADLINE_N:  # one or two deals must not carry the headline
        return lead + p.word("thesis_open_few", **counts)
    return lead + p.word("thesis_open_rate", rate=p.pct(float(row["rate"])), **counts)


def finish_thesis(p: ThesisParams, chk: ThesisReport) -> ReportSummary:
    return p.finish(
        title=p.word("thesis_title", name=chk.thesis.name),
        verdict=chk.result["verdict"],
        key_figure=chk.conclusion,
        details=chk.result,
    )


# -- 04 ICP refinement --------------------------------------------------------------------


@dataclass(frozen=True)
class RefineReport(PageWords):
    """What the refinement notebook shows: the metric, the ``refine`` JSON, the cells and
    their four lists, the proposed thesis, the heatmap's title, the report's badge, the
    size of each list, the advice per cell, and the page's words."""

    metric: Metric
    result: dict[str, Any]
    segments: pd.DataFrame
    lists: tuple[tuple[str, pd.DataFrame], ...]
    proposal: str
    title: str
    verdict: str = "inconclusive"
    counts: dict[str, int] = field(default_factory=dict)
    recommendations: tuple[str, ...] = ()


def icp_refinement(p: RefineParams, log, config: Config) -> RefineReport:
    """Run the ICP refinement and sort its cells into the four lists."""
    from icplab.icp import refine as refine_mod

    metric = metric_param(config, p.metric)
    kwargs: dict[str, Any] = {"scope": scope_of(config, as_of=p.judged_as_of(config))}
    if p.min_contacts:
        kwargs["min_contacts"] = p.min_contacts
    res = refine_mod.refine(log, metric.name, **_accepted(refine_mod.refine, kwargs))
    d = res.to_dict()
    segments = pd.DataFrame(d["segments"])
    keys = [c for c in ("industry", "size_band") if c in segments.columns]
    status = {}
    for name in ("icp", "candidates", "not_icp", "untested"):
        for cell in d.get(name, []):
            status[tuple(str(cell.get(k)) for k in keys)] = name
    segments["list"] = [
        status.get(tuple(str(r[k]) for k in keys), "") for _, r in segments.iterrows()
    ]
    segments["verdict"] = [
        "untested" if lst == "untested" else v
        for lst, v in zip(segments["list"], segments.get("verdict", ""), strict=True)
    ]
    if "below_target_so_far" in segments.columns:  # no send dates: below target so far
        so_far = segments["below_target_so_far"].fillna(False).astype(bool)
        segments.loc[so_far & (segments["list"] != "untested"), "verdict"] = "so_far"
    headings = {k: p.word(f"refine_{k}") for k in ("icp", "candidates", "not_icp", "untested")}
    lists = tuple(
        (headings[k], segments[segments["list"] == k].drop(columns=["list"])) for k in headings
    )
    n = {k: int((segments["list"] == k).sum()) for k in headings}
    proposal = ""
    if n["icp"]:
        proposal = _proposal_text(refine_mod, res, log, config)
    verdict = (
        "pass"
        if n["icp"]
        else "inconclusive"
        if n["candidates"]
        else "fail"
        if n["not_icp"]
        else "untested"  # every cell untested (e.g. all still maturing): nothing missed yet
    )
    mtitle = text.metric_word(metric.name, metric.title, p.language)
    # one part per list, singular where its count is 1 ("1 cell meets", not "1 cells meet")
    parts = {
        k: p.word(
            f"refine_part_{k}" + ("_one" if v == 1 else ""),
            n=p.num(v),
            metric=text.in_sentence(mtitle, p.language),
        )
        for k, v in n.items()
    }
    conclusion = p.word("refine_conclusion", **parts)
    if res.denominator:
        conclusion += " " + text.bases_text([(metric, res.denominator)], p.language)
    conclusion += (
        " " + p.word("refine_own_counts") if not res.sequential and not metric.is_mean else ""
    )
    warning = maturity_warning(p, d, markdown=False)  # the conclusion is a plain callout
    if warning:
        conclusion = warning + " " + conclusion
    return RefineReport(
        metric,
        d,
        segments,
        lists,
        proposal,
        p.word("refine_heatmap_title", metric=mtitle),
        verdict,
        n,
        tuple(text.recommendation_lines(list(res.recommendations), p.language)),
        conclusion=conclusion,
        honesty=judged_honesty(p, res) + late_text(p, d),
    )


def _accepted(func, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The subset of ``kwargs`` that ``func`` takes (all of them if it takes ``**kwargs``)."""
    import inspect

    params = inspect.signature(func).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return kwargs
    return {k: v for k, v in kwargs.items() if k in params}


def _proposal_text(refine_mod, res, log, config) -> str:
    """The TOML snippet of ``propose_thesis`` for the ICP cells (empty when unavailable)."""
    from icplab.icp.propose import propose_thesis as propose

    if propose is None:
        return ""
    out = propose(res, **_accepted(propose, {"config": config}))
    if out is None:
        return ""
    if hasattr(out, "to_toml"):
        return str(out.to_toml()).strip()
    return str(out).strip()


def finish_refinement(p: RefineParams, ref: RefineReport) -> ReportSummary:
    return p.finish(
        title=p.word("refine_title"),
        verdict=ref.verdict,
        key_figure=ref.conclusion,
        details={"metric": ref.metric.name, "counts": ref.counts, "icp": ref.result.get("icp", [])},
    )


# -- 05 sample size -----------------------------------------------------------------------


@dataclass(frozen=True)
class PlanReport:
    metric: Metric
    baseline_rate: float
    table: pd.DataFrame
    intro: str
    conclusion: str
    metrics: pd.DataFrame = field(default_factory=pd.DataFrame)


def sample_size(p: SampleSizeParams, log, config: Config) -> PlanReport:
    """Contacts per variant needed to detect each lift in ``p.lifts``, in words."""
    from icplab.stats.planning import ab_sample_size

    metric = metric_param(config, p.metric)
    overall = metrics_overview(log, config, as_of=p.judged_as_of(config))
    row = overall[overall["metric"] == metric.name]
    observed = float(row["rate"].iloc[0]) if len(row) and pd.notna(row["rate"].iloc[0]) else 0.0
    base = p.baseline_rate or observed
    # no rate to start from (e.g. no reply yet): the page says so instead of failing
    no_base = not 0 < base < 1
    lifts = [] if no_base else [float(x) for x in p.lifts if 0 < base + float(x) < 1]
    n = [ab_sample_size(base, lift, alpha=config.alpha, power=p.power) for lift in lifts]
    table = pd.DataFrame(
        {
            "lift": lifts,
            "target_rate": [base + lift for lift in lifts],
            "n_per_group": n,
            "n_total": [2 * k for k in n],
        }
    )
    pace = weekly_pace(log)
    if pace == pace and pace > 0:
        table["weeks"] = [round(2 * k / pace, 1) for k in n]
    mtitle = text.metric_word(metric.name, metric.title, p.language)
    intro = p.word(
        "plan_intro",
        metric=text.md(text.in_sentence(mtitle, p.language)),
        rate=p.pct(base),
        observed=p.word("plan_observed") if not p.baseline_rate else "",
        power=int(round(p.power * 100)),
    )
    first = table.iloc[-1] if len(table) else None
    if no_base:
        intro = ""
        conclusion = p.word(
            "plan_no_base", metric=text.in_sentence(mtitle, p.language), rate=p.pct(base)
        )
    elif first is None:
        conclusion = p.word("plan_none")
    else:
        weeks = (
            p.word("plan_weeks", weeks=text.number(first["weeks"], p.language, 1))
            if "weeks" in table.columns
            else ""
        )
        conclusion = p.word(
            "plan_conclusion",
            lift=text.number(100 * first["lift"], p.language, 0),
            n=p.num(first["n_per_group"]),
            weeks=weeks,
        )
    return PlanReport(metric, base, table, intro, conclusion, overall)


def finish_sample_size(p: SampleSizeParams, plan: PlanReport) -> ReportSummary:
    return p.finish(
        title=p.word("plan_title"),
        verdict="info",
        key_figure=plan.conclusion,
        details={
            "metric": plan.metric.name,
            "baseline_rate": plan.baseline_rate,
            "rows": records(plan.table),
        },
    )
