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
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import Config
from icplab.core.metrics import Metric
from icplab.icp.verdicts import check, overall_verdict, verdict
from icplab.report.notebook_kit import (
    ABTestParams,
    RefineParams,
    ReportParams,
    SampleSizeParams,
    ThesisParams,
    metric_param,
    pct,
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
    return p.tr(
        f"Data: **{log.n_contacts:,} contacts** from `{p.data_path.name}`.",
        f"Daten: **{log.n_contacts:,} Kontakte** aus `{p.data_path.name}`.",
    )


# -- 01 overview --------------------------------------------------------------------------


def metrics_overview(log, config: Config, where=None, as_of: Any = None) -> pd.DataFrame:
    """Every metric of ``config`` on all contacts (or the ``where`` segment) vs its target.

    Judged as of ``as_of`` (maturity windows; default the config's, else today), with
    the config's inference mode (``[stats] sequential``).

    Returns
    -------
    pandas.DataFrame
        One row per metric the data supports: ``metric``, ``label``, ``target``,
        ``successes``, ``n``, ``rate``, ``ci_low``, ``ci_high``, ``verdict``,
        ``more_contacts_needed``, ``maturing``, ``window_days``.
    """
    rows = check(log, where, config=config, name="all", as_of=as_of).to_frame()
    return _with_labels(rows, config)


def honesty_text(
    p: ReportParams, *, as_of: Any, maturing: int, sequential: bool, windows: str = ""
) -> str:
    """Plain words on when the data is judged, what is not counted yet, and how often
    the verdicts may be looked at (en/de).

    Examples
    --------
    >>> from datetime import date
    >>> from icplab.report.notebook_kit import ReportParams
    >>> honesty_text(ReportParams(), as_of=date(2026, 9, 30), maturing=0,
    ...              sequential=True)  # doctest: +ELLIPSIS
    'Judged as of **2026-09-30**; every contact is old enough to count. ... every day.'
    """
    day = as_of.isoformat() if hasattr(as_of, "isoformat") else str(as_of)
    if maturing:
        en = (
            f"Judged as of **{day}**. {maturing:,} recent contacts are still maturing: "
            "replies and meetings take days to weeks to come in, so these contacts are not "
            f"counted yet{' (' + windows + ')' if windows else ''}. This keeps a running "
            "campaign from looking worse than it is."
        )
        de = (
            f"Stand: **{day}**. {maturing:,} neuere Kontakte reifen noch: Antworten und "
            "Termine kommen erst nach Tagen bis Wochen, daher zählen diese Kontakte noch "
            f"nicht{' (' + windows + ')' if windows else ''}. So sieht eine laufende "
            "Kampagne nicht schlechter aus, als sie ist."
        )
    else:
        en = f"Judged as of **{day}**; every contact is old enough to count."
        de = f"Stand: **{day}**; jeder Kontakt ist alt genug, um zu zählen."
    if sequential:
        en += (
            " The verdicts use always-valid ranges: they stay honest however often this "
            "report is opened, so it is safe to look at it every day."
        )
        de += (
            " Die Ergebnisse nutzen stets gültige Bereiche: Sie bleiben ehrlich, egal wie "
            "oft dieser Bericht geöffnet wird. Tägliches Nachsehen ist also unbedenklich."
        )
    else:
        en += (
            " The verdicts assume one look at the data: if this report is opened every "
            "day, set `sequential = true` under `[stats]` in icplab.toml."
        )
        de += (
            " Die Ergebnisse gelten für einen einzigen Blick auf die Daten: Wird dieser "
            "Bericht täglich geöffnet, setzen Sie `sequential = true` unter `[stats]` in "
            "icplab.toml."
        )
    return p.tr(en, de)


def _windows_text(p: ReportParams, table: pd.DataFrame) -> str:
    """``replies count after 28 days, ...`` from a metrics table with ``window_days``."""
    if "window_days" not in table.columns or "maturing" not in table.columns:
        return ""
    parts = []
    for _, r in table[table["maturing"] > 0].iterrows():
        label = str(r.get("label", r["metric"]))
        parts.append(
            p.tr(
                f"{label}: contacts count {int(r['window_days'])} days after the first touch",
                f"{label}: Kontakte zählen {int(r['window_days'])} Tage nach dem Erstkontakt",
            )
        )
    return "; ".join(parts)


def overview_honesty(p: ReportParams, overall: pd.DataFrame, config: Config) -> str:
    """The honesty sentence of the overview, from :func:`metrics_overview`'s table."""
    maturing = int(overall["maturing"].max()) if "maturing" in overall.columns else 0
    return honesty_text(
        p,
        as_of=p.judged_as_of(config),
        maturing=maturing,
        sequential=config.sequential,
        windows=_windows_text(p, overall),
    )


def _with_labels(rows: pd.DataFrame, config: Config) -> pd.DataFrame:
    labels = [config.metrics[m].title if m in config.metrics else m for m in rows["metric"]]
    rows = rows.drop(columns=["label"], errors="ignore")
    rows.insert(1, "label", labels)
    return rows


def finish_overview(p: ReportParams, log, overall: pd.DataFrame) -> ReportSummary:
    verdict = overall_verdict(overall["verdict"])
    first = overall.iloc[0]
    key = p.tr(
        f"{first['label']} {pct(first['rate'])} (target {pct(first['target'], 0)}), "
        f"{log.n_contacts:,} contacts",
        f"{first['label']} {pct(first['rate'])} (Ziel {pct(first['target'], 0)}), "
        f"{log.n_contacts:,} Kontakte",
    )
    return p.finish(
        title=p.tr("Outreach overview", "Outreach-Überblick"),
        verdict=verdict,
        key_figure=key,
        details={"contacts": log.n_contacts, "metrics": records(overall)},
    )


# -- 02 A/B test --------------------------------------------------------------------------


@dataclass(frozen=True)
class ABReport:
    """Everything the A/B test notebook shows."""

    result: Any
    metric: Metric
    table: pd.DataFrame
    intro: str
    conclusion: str
    srm_warning: str
    notes: tuple[str, ...]
    rates_title: str
    diff_title: str
    verdict: str
    honesty: str = ""


def ab_test(p: ABTestParams, log, config: Config) -> ABReport:
    """Compare the levels of ``p.factor`` on ``p.metric`` and describe the outcome."""
    from icplab.data.counts import parse_where
    from icplab.icp.compare import compare_result

    metric = metric_param(config, p.metric)
    where = parse_where(list(p.where), config.size_bands) if p.where else None
    result = compare_result(
        log,
        p.factor,
        metric,
        baseline=p.baseline or None,
        where=where,
        config=config,
        as_of=p.judged_as_of(config),
    )
    table = result.to_frame()
    table["verdict"] = verdict(
        table["successes"], table["n"], metric.target, sequential=result.sequential
    ).tolist()
    factor = p.factor.replace("_", " ")
    seg = (" " + p.tr("within", "innerhalb von") + " " + ", ".join(p.where)) if p.where else ""
    intro = p.tr(
        f"**{metric.title}** by **{factor}**{seg}: {len(table)} levels, "
        f"{int(table['contacts'].sum()):,} contacts. Baseline: **{result.baseline}** "
        f"(target {pct(metric.target, 0)}).",
        f"**{metric.title}** nach **{factor}**{seg}: {len(table)} Ausprägungen, "
        f"{int(table['contacts'].sum()):,} Kontakte. Vergleichsbasis: **{result.baseline}** "
        f"(Ziel {pct(metric.target, 0)}).",
    )
    conclusion = _ab_conclusion(p, result, table, metric)
    srm_warning = ""
    srm = result.srm
    if srm is not None and srm.checked and srm.mismatch:
        srm_warning = p.tr(
            f"Sample ratio mismatch: the contacts were not split between the {factor} "
            f"variants as planned (p = {srm.p_value:.2g}). The assignment may be broken "
            "(e.g. one variant stopped early or sent to a different list), so treat every "
            "difference below with suspicion. " + srm.note,
            f"Ungleiche Verteilung (Sample Ratio Mismatch): Die Kontakte wurden nicht wie "
            f"geplant auf die Varianten von {factor} verteilt (p = {srm.p_value:.2g}). Die "
            "Zuteilung ist vermutlich fehlerhaft; alle Unterschiede unten sind mit Vorsicht "
            "zu lesen.",
        )
    valid = table[table["rate"].notna()]
    best = valid.loc[valid["rate"].idxmax()] if not valid.empty else None
    best_verdict = str(best["verdict"]) if best is not None else "inconclusive"
    return ABReport(
        result=result,
        metric=metric,
        table=table,
        intro=intro,
        conclusion=conclusion,
        srm_warning=srm_warning,
        notes=tuple(result.notes),
        rates_title=p.tr(f"{metric.title} by {factor}", f"{metric.title} nach {factor}"),
        diff_title=p.tr(f"Difference to {result.baseline}", f"Unterschied zu {result.baseline}"),
        verdict=best_verdict,
        honesty=honesty_text(
            p, as_of=result.as_of, maturing=result.maturing, sequential=result.sequential
        ),
    )


def _ab_conclusion(p: ReportParams, result, table: pd.DataFrame, metric: Metric) -> str:
    """One plain sentence on the clearest difference (no test names, no jargon)."""
    t = table[~table["is_baseline"].astype(bool) & table["diff"].notna()]
    base = result.baseline
    if t.empty:
        return p.tr(
            f"Nothing to compare on {metric.title.lower()}: only one level has data.",
            f"Nichts zu vergleichen bei {metric.title}: nur eine Ausprägung hat Daten.",
        )
    sig = t[t["significant"].fillna(False).astype(bool)]
    pick = sig if not sig.empty else t
    best = pick.loc[pick["p_adjusted"].fillna(2.0).idxmin()]
    d = 100 * best["diff"]
    lo, hi = 100 * best["diff_ci_low"], 100 * best["diff_ci_high"]
    if not sig.empty:
        more = len(sig) - 1
        extra_en = f" {more} more level(s) differ clearly too." if more else ""
        extra_de = (
            f" {more} weitere Ausprägung(en) unterscheiden sich ebenfalls klar." if more else ""
        )
        return p.tr(
            f"{best['level']} does {'better' if d > 0 else 'worse'} than {base} on "
            f"{metric.title.lower()}: {d:+.1f} percentage points (plausible range {lo:+.1f} "
            f"to {hi:+.1f}). A clear difference, unlikely to be chance.{extra_en}",
            f"{best['level']} schneidet bei {metric.title} {'besser' if d > 0 else 'schlechter'} "
            f"ab als {base}: {d:+.1f} Prozentpunkte (plausibler Bereich {lo:+.1f} bis "
            f"{hi:+.1f}). Ein klarer Unterschied, kaum Zufall.{extra_de}",
        )
    return p.tr(
        f"No clear difference to {base} on {metric.title.lower()} yet: the largest is "
        f"{best['level']} at {d:+.1f} percentage points (plausible range {lo:+.1f} to "
        f"{hi:+.1f}), which could be chance.",
        f"Noch kein klarer Unterschied zu {base} bei {metric.title}: am größten ist "
        f"{best['level']} mit {d:+.1f} Prozentpunkten (plausibler Bereich {lo:+.1f} bis "
        f"{hi:+.1f}), das kann Zufall sein.",
    )


def finish_ab(p: ABTestParams, ab: ABReport) -> ReportSummary:
    return p.finish(
        title=p.tr(
            f"A/B test: {p.factor.replace('_', ' ')}", f"A/B-Test: {p.factor.replace('_', ' ')}"
        ),
        verdict=ab.verdict,
        key_figure=ab.conclusion,
        details={
            "factor": p.factor,
            "metric": ab.metric.name,
            "baseline": ab.result.baseline,
            "srm_mismatch": bool(ab.srm_warning),
            "rows": ab.result.to_dict()["rows"],
        },
    )


# -- 03 thesis check ----------------------------------------------------------------------


@dataclass(frozen=True)
class ThesisReport:
    thesis: Any
    result: dict[str, Any]
    table: pd.DataFrame
    intro: str
    conclusion: str
    title: str
    honesty: str = ""


def thesis_check(p: ThesisParams, log, config: Config) -> ThesisReport:
    """Check the thesis ``p.thesis`` against every metric and describe it."""
    thesis = config.thesis(p.thesis)
    res = check(log, thesis, config=config, as_of=p.judged_as_of(config))
    result = res.to_dict()
    table = _with_labels(res.to_frame(), config)
    seg = ", ".join(f"{k} = {_where_text(v)}" for k, v in thesis.where.items())
    intro = p.tr(
        f"**Thesis `{thesis.name}`:** {thesis.statement}\n\nSegment: {seg}; "
        f"**{result['n']:,} contacts**.",
        f"**These `{thesis.name}`:** {thesis.statement}\n\nSegment: {seg}; "
        f"**{result['n']:,} Kontakte**.",
    ) + _period_text(p, res.period, res.since)
    conclusion = _thesis_conclusion(p, result["verdict"], table)
    return ThesisReport(
        thesis,
        result,
        table,
        intro,
        conclusion,
        p.tr(f"Thesis {thesis.name}", f"These {thesis.name}"),
        honesty_text(
            p,
            as_of=res.as_of,
            maturing=res.maturing,
            sequential=res.inference == "sequential",
            windows=_windows_text(p, table),
        ),
    )


def _period_text(p: ReportParams, period: Any, since: Any) -> str:
    """`` Period judged: contacts sent 2026-04-01 to 2026-05-29 (...).``"""
    if period is None and since is None:
        return ""
    span = f"{period[0].isoformat()} – {period[1].isoformat()}" if period else "-"
    text = p.tr(
        f" Period judged: contacts sent {span}.", f" Geprüfter Zeitraum: Kontakte vom {span}."
    )
    if since is not None:
        text += p.tr(
            f" Only contacts sent on or after {since.isoformat()} count (`since`), so the "
            "thesis is confirmed on new data, not on the data that suggested it.",
            f" Nur Kontakte ab {since.isoformat()} zählen (`since`): die These wird an neuen "
            "Daten bestätigt, nicht an den Daten, aus denen sie stammt.",
        )
    return text


def _where_text(v: Any) -> str:
    if isinstance(v, tuple):
        return " or ".join(map(str, v))
    return str(v)


def _thesis_conclusion(p: ReportParams, verdict: str, table: pd.DataFrame) -> str:
    open_rows = table[table["verdict"] == "inconclusive"]
    need = pd.to_numeric(open_rows["more_contacts_needed"], errors="coerce")
    more = int(need.max()) if len(need) and need.notna().any() else 0
    rate = float(open_rows.loc[need.idxmax(), "rate"]) if more else float("nan")
    failed = ", ".join(table.loc[table["verdict"] == "fail", "label"])
    if verdict == "pass":
        return p.tr(
            "The thesis holds: every metric meets its target.",
            "Die These hält: jede Kennzahl erreicht ihr Ziel.",
        )
    if verdict == "fail":
        return p.tr(
            f"The thesis does not hold: {failed} misses its target.",
            f"Die These hält nicht: {failed} verfehlt das Ziel.",
        )
    if verdict == "untested":
        return p.tr(
            "Not tested yet: every contact of this segment is still maturing (too recent "
            "for replies and meetings to have come in).",
            "Noch nicht geprüft: Alle Kontakte dieses Segments reifen noch (zu neu, als dass "
            "Antworten und Termine schon da sein könnten).",
        )
    if not more:
        return p.tr(
            "Not yet clear, and more contacts at the current rate would not settle it.",
            "Noch offen, und weitere Kontakte bei der jetzigen Quote würden es nicht klären.",
        )
    return p.tr(
        f"Not yet clear. About {more:,} more contacts in this segment would settle it with "
        f"80 % probability if the rate stays near {pct(rate)}.",
        f"Noch offen. Etwa {more:,} weitere Kontakte in diesem Segment würden es mit 80 % "
        f"Wahrscheinlichkeit klären, wenn die Quote bei etwa {pct(rate)} bleibt.",
    )


def finish_thesis(p: ThesisParams, chk: ThesisReport) -> ReportSummary:
    return p.finish(
        title=p.tr(f"Thesis check: {chk.thesis.name}", f"Thesen-Check: {chk.thesis.name}"),
        verdict=chk.result["verdict"],
        key_figure=chk.conclusion,
        details=chk.result,
    )


# -- 04 ICP refinement --------------------------------------------------------------------


@dataclass(frozen=True)
class RefineReport:
    metric: Metric
    result: dict[str, Any]
    segments: pd.DataFrame
    lists: tuple[tuple[str, pd.DataFrame], ...]
    proposal: str
    conclusion: str
    title: str
    verdict: str = "inconclusive"
    counts: dict[str, int] = field(default_factory=dict)
    recommendations: tuple[str, ...] = ()
    honesty: str = ""


def icp_refinement(p: RefineParams, log, config: Config) -> RefineReport:
    """Run the ICP refinement and sort its cells into the four lists."""
    from icplab.icp import refine as refine_mod

    metric = metric_param(config, p.metric)
    kwargs: dict[str, Any] = {"config": config, "as_of": p.judged_as_of(config)}
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
    headings = {
        "icp": p.tr("ICP: the target is met", "ICP: Ziel erreicht"),
        "candidates": p.tr("Candidates: keep testing", "Kandidaten: weiter testen"),
        "not_icp": p.tr("Not ICP: the target is missed", "Kein ICP: Ziel verfehlt"),
        "untested": p.tr("Untested: too few contacts", "Ungetestet: zu wenige Kontakte"),
    }
    lists = tuple(
        (headings[k], segments[segments["list"] == k].drop(columns=["list"])) for k in headings
    )
    n = {k: int((segments["list"] == k).sum()) for k in headings}
    proposal = ""
    if n["icp"]:
        proposal = _proposal_text(refine_mod, res, log, config)
    verdict = "pass" if n["icp"] else ("inconclusive" if n["candidates"] else "fail")
    conclusion = p.tr(
        f"{n['icp']} cells meet the {metric.title.lower()} target, {n['candidates']} are "
        f"candidates worth more testing, {n['not_icp']} miss it and {n['untested']} have too "
        "few contacts.",
        f"{n['icp']} Zellen erreichen das Ziel ({metric.title}), {n['candidates']} sind "
        f"Kandidaten für weitere Tests, {n['not_icp']} verfehlen es und {n['untested']} haben "
        "zu wenige Kontakte.",
    )
    return RefineReport(
        metric,
        d,
        segments,
        lists,
        proposal,
        conclusion,
        p.tr(
            f"{metric.title} per industry and company size",
            f"{metric.title} nach Branche und Unternehmensgröße",
        ),
        verdict,
        n,
        tuple(refine_mod.recommendation_text(res.recommendations, p.language)),
        honesty_text(
            p,
            as_of=res.as_of,
            maturing=res.maturing,
            sequential=res.sequential,
        ),
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
    propose = getattr(refine_mod, "propose_thesis", None)
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
        title=p.tr("ICP refinement", "ICP-Verfeinerung"),
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
    overall = metrics_overview(log, config)
    row = overall[overall["metric"] == metric.name]
    observed = float(row["rate"].iloc[0]) if len(row) and pd.notna(row["rate"].iloc[0]) else 0.0
    base = p.baseline_rate or observed
    if not 0 < base < 1:
        from icplab.core.errors import NotEnoughDataError

        raise NotEnoughDataError(
            f"cannot plan from a {metric.title.lower()} of {pct(base)}; set the report "
            "parameter baseline_rate, e.g. 0.12."
        )
    lifts = [float(x) for x in p.lifts if 0 < base + float(x) < 1]
    n = [ab_sample_size(base, lift, alpha=config.alpha, power=p.power) for lift in lifts]
    table = pd.DataFrame(
        {
            "lift": lifts,
            "target_rate": [base + lift for lift in lifts],
            "n_per_group": n,
            "n_total": [2 * k for k in n],
        }
    )
    intro = p.tr(
        f"Starting from a {metric.title.lower()} of **{pct(base)}**"
        f"{' (observed in the data)' if not p.baseline_rate else ''}, a two-variant test "
        f"that finds a real difference {int(round(p.power * 100))} times out of 100 needs:",
        f"Ausgehend von {metric.title} **{pct(base)}**"
        f"{' (in den Daten beobachtet)' if not p.baseline_rate else ''} braucht ein Test mit "
        f"zwei Varianten, der einen echten Unterschied in {int(round(p.power * 100))} von "
        "100 Fällen findet:",
    )
    first = table.iloc[-1] if len(table) else None
    if first is None:
        conclusion = p.tr(
            "No valid difference to plan for.", "Kein gültiger Unterschied zum Planen."
        )
    else:
        conclusion = p.tr(
            f"To see a difference of {100 * first['lift']:.0f} percentage points reliably, plan "
            f"about {int(first['n_per_group']):,} contacts per variant; smaller differences "
            "need many more.",
            f"Um einen Unterschied von {100 * first['lift']:.0f} Prozentpunkten sicher zu sehen, "
            f"planen Sie etwa {int(first['n_per_group']):,} Kontakte pro Variante; kleinere "
            "Unterschiede brauchen deutlich mehr.",
        )
    return PlanReport(metric, base, table, intro, conclusion, overall)


def finish_sample_size(p: SampleSizeParams, plan: PlanReport) -> ReportSummary:
    return p.finish(
        title=p.tr("Sample-size planner", "Stichprobenplanung"),
        verdict="info",
        key_figure=plan.conclusion,
        details={
            "metric": plan.metric.name,
            "baseline_rate": plan.baseline_rate,
            "rows": records(plan.table),
        },
    )
