"""What the funnel-and-value report (06) says.

Like :mod:`icplab.report.content`: the builder returns a frozen dataclass of display-ready
tables and plain-language sentences (English or German), ``finish_funnel_value`` writes the
summary JSON. Amounts are shown in EUR (:func:`icplab.report.text.money`); every level name
goes through the escaping table helpers of :mod:`icplab.report.notebook_kit`.

Examples
--------
>>> p = FunnelValueParams.from_namespace({"by": "industry", "language": "de"})
>>> p.by, p.word("page.funnel.all")
('industry', 'alle')
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd

from icplab.core.config import Config
from icplab.core.errors import NotEnoughDataError
from icplab.core.metrics import OPTIONAL_METRICS, lookup_metric
from icplab.icp.disclosure import inference_for, undated_of
from icplab.report import text
from icplab.report.honesty import honesty_text, maturity_warning
from icplab.report.page_words import PageWords, finish_info
from icplab.report.params import ReportParams
from icplab.report.summary import ReportSummary

if TYPE_CHECKING:
    from icplab.icp.funnel import FunnelResult


def _cell(row: pd.Series, keys: list[str]) -> str:
    return " ".join(str(row[k]) for k in keys)


# -- 06 funnel and value ------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelValueParams(ReportParams):
    """Parameters of ``06-funnel-value.ipynb``.

    ``by``: the column whose funnels are compared; ``value_target``: EUR per contact that
    the value ICP must clearly reach (0: the workspace's ``value_per_contact`` target, or
    else the average value per contact of all data, i.e. "clearly above average").
    """

    by: str = "industry"
    value_target: float = 0.0
    #: A cell needs at least this many deals to be named as the highest-value cell.
    min_deals: int = 5
    default_name: ClassVar[str] = "06-funnel-value"


@dataclass(frozen=True)
class FunnelValueReport(PageWords):
    """Everything the funnel-and-value notebook shows: the funnel, its tables (steps,
    leaks, value per segment, the ICP by reply rate beside the ICP by value) and the
    page's words."""

    funnel: FunnelResult
    stages: pd.DataFrame
    leaks: pd.DataFrame
    value: pd.DataFrame
    icp_compare: pd.DataFrame
    value_target: float
    has_value: bool
    icp_by_reply: tuple[str, ...] = ()
    icp_by_value: tuple[str, ...] = ()
    value_raw: pd.DataFrame = field(default_factory=pd.DataFrame)


def _stage_table(res: Any, p: ReportParams) -> pd.DataFrame:
    rows = []
    for lv in (res.overall, *res.levels):
        name = p.word("page.funnel.all") if lv.level is None else lv.level
        row: dict[str, Any] = {"level": name, "contacts": lv.contacts}
        for s in (*lv.stages, *([lv.pipeline] if lv.pipeline else [])):
            label = text.word_or(f"stage.{s.stage}", s.stage, p.language)
            mark = {"below": " \u2193", "above": " \u2191"}.get(s.vs_band or "", "")
            row[label] = p.word("na") if s.n == 0 else f"{p.pct(s.rate)}{mark}"
        rows.append(row)
    return pd.DataFrame(rows)


def _leak_table(res: Any, p: ReportParams) -> pd.DataFrame:
    rows = []
    for lv in res.levels:
        lk = lv.leak
        if not lk or (lk["reason"] == "weakest_relative" and not lk.get("clear")):
            continue  # only leaks the data shows clearly
        stage = text.word_or(f"stage.{lk['stage']}", lk["stage"], p.language)
        below = lk["reason"] == "below_band"  # a band starts at a whole percent
        why = p.word(
            "page.funnel.leak_below_band" if below else "page.funnel.leak_relative",
            rate=p.pct(lk["rate"]),
            reference=p.pct(lk["reference"], 0 if below else 1),
        )
        rows.append({"level": lv.level, "stage": stage, "why": why})
    return pd.DataFrame(rows, columns=["level", "stage", "why"])


def funnel_value(p: FunnelValueParams, log: Any, config: Config) -> FunnelValueReport:
    """Funnel by ``p.by`` with bands and leaks, value per segment, ICP by reply vs value."""
    from dataclasses import replace

    from icplab.api import scope_of
    from icplab.data.maturity import mature_frame, sent_by
    from icplab.icp.funnel import funnel, step_metric
    from icplab.icp.refine import refine
    from icplab.icp.value import value_by_segment

    as_of = p.judged_as_of(config)
    scope = scope_of(config, as_of=as_of)
    res = funnel(log, by=p.by, scope=scope)
    honesty = funnel_honesty(p, res, config)
    stages = _stage_table(res, p)
    leaks = _leak_table(res, p)
    intro = p.word(
        "page.funnel.intro",
        contacts=p.num(res.overall.contacts),
        column=text.column_word(p.by, p.language),
    )
    frame = getattr(log, "frame", log)
    has_value = "deal_value" in frame.columns and not getattr(log, "aggregated", False)
    value = pd.DataFrame()
    value_raw = pd.DataFrame(columns=["cell", "value_per_contact", "ci_low", "ci_high"])
    icp_rows: list[dict[str, Any]] = []
    icp_reply: tuple[str, ...] = ()
    icp_value: tuple[str, ...] = ()
    top_value: list[tuple[str, float, int]] = []
    most_deals: tuple[str, int] | None = None
    no_money = False
    target = float("nan")
    notes: list[str] = [text.note(n, p.language) for n in res.notes]
    keys = ["industry", "size_band"]
    reply = refine(log, "reply_rate", scope=scope)
    reply_list = {_cell(r, keys): r["list"] for _, r in reply.cells.iterrows()}
    icp_reply = tuple(_cell(r, keys) for _, r in reply.cells_in("icp").iterrows())
    if has_value:
        # value figures on the contacts mature for deal_value (deals take up to 90 days)
        valued, _ = mature_frame(
            sent_by(frame, as_of), step_metric("deal_value", "contacted"), as_of
        )
        v = value_by_segment(valued, keys)
        v = v[v["contacts"] > 0].sort_values(  # ranked by evidence: the lower end first
            ["ci_low", "value_per_contact"], ascending=False, na_position="last"
        )
        value_raw = pd.DataFrame(
            {
                "cell": v["industry"].astype(str) + " " + v["size_band"].astype(str),
                "value_per_contact": v["value_per_contact"],
                "ci_low": v["ci_low"],
                "ci_high": v["ci_high"],
            }
        )
        value = pd.DataFrame(
            {
                "industry": v["industry"].astype(str),
                "size_band": v["size_band"].astype(str),
                "contacts": v["contacts"].astype(int),
                "deals": v["deals"].astype(int),
                "value_per_contact": [text.money(x, p.language) for x in v["value_per_contact"]],
                "range": [
                    text.money_range(a, b, p.language)
                    for a, b in zip(v["ci_low"], v["ci_high"], strict=True)
                ],
                "mean_deal_value": [text.money(x, p.language) for x in v["mean_deal_value"]],
            }
        )
        metric = (
            lookup_metric("value_per_contact", config.metrics)
            or OPTIONAL_METRICS["value_per_contact"]
        )
        if p.value_target > 0:
            target = float(p.value_target)
            how = p.word("page.funnel.target_report")
        elif not math.isnan(float(metric.target)):
            target = float(metric.target)
            how = p.word("page.funnel.target_workspace")
        else:
            target = float(valued["deal_value"].sum()) / max(int(valued["contacted"].sum()), 1)
            how = p.word("page.funnel.target_average")
        # no deal value anywhere: an average of 0 is no target, and money judges nothing
        no_money = not target > 0 and p.value_target <= 0 and math.isnan(float(metric.target))
        if no_money:
            target = float("nan")
        else:
            notes.append(
                p.word("page.funnel.value_icp", target=text.money(target, p.language), source=how)
            )
        if len(v):  # the cell with the most deals of all (an untested cell included)
            top = v.sort_values("deals", ascending=False, kind="stable").iloc[0]
            most_deals = (_cell(top, keys), int(top["deals"]))
        try:
            by_value = (
                None
                if no_money
                else refine(log, replace(metric, target=target), target=target, scope=scope)
            )
        except NotEnoughDataError:
            notes.append(p.word("page.funnel.value_too_few"))
            by_value = None
        if by_value is not None:
            icp_value = tuple(_cell(r, keys) for _, r in by_value.cells_in("icp").iterrows())
            tested = by_value.cells[by_value.cells["list"] != "untested"]
            # ranked by evidence: the lower end of each cell's own range, among cells with
            # enough deals; cells without deals are never named
            deals_of = {_cell(r, keys): int(r["deals"]) for _, r in v.iterrows()}
            ranked = tested.assign(
                _deals=[deals_of.get(_cell(r, keys), 0) for _, r in tested.iterrows()],
                _low=pd.to_numeric(tested["ci_low"], errors="coerce").fillna(-math.inf),
            )
            ranked = ranked[
                (ranked["_deals"] >= max(int(p.min_deals), 1)) & (ranked["_low"] > -math.inf)
            ]
            ranked = ranked.sort_values("_low", ascending=False, kind="stable")
            top_value = [
                (_cell(r, keys), float(r["_low"]), int(r["_deals"]))
                for _, r in ranked.head(3).iterrows()
            ]
            for _, r in by_value.cells.iterrows():
                c = _cell(r, keys)
                icp_rows.append(
                    {
                        "cell": c,
                        "by_reply": reply_list.get(c, ""),
                        "by_value": r["list"],
                        "value_estimate": text.money(r["estimate"], p.language),
                    }
                )
    icp_compare = pd.DataFrame(icp_rows, columns=["cell", "by_reply", "by_value", "value_estimate"])
    if not icp_compare.empty:
        icp_compare = icp_compare[
            (icp_compare["by_reply"] == "icp") | (icp_compare["by_value"] == "icp")
        ].reset_index(drop=True)
    conclusion = _icp_conclusion(
        p, icp_reply, icp_value, has_value, target, top_value, most_deals, no_money
    )
    warning = maturity_warning(p, res.to_dict(), markdown=False)  # a plain callout
    if warning:
        conclusion = warning + " " + conclusion
    return FunnelValueReport(
        funnel=res,
        stages=stages,
        leaks=leaks,
        value=value,
        icp_compare=icp_compare,
        value_target=target,
        has_value=has_value,
        icp_by_reply=icp_reply,
        icp_by_value=icp_value,
        value_raw=value_raw,
        intro=intro,
        conclusion=conclusion,
        notes=tuple(notes),
        honesty=honesty,
    )


def funnel_honesty(p: ReportParams, res: Any, config: Config) -> str:
    """The honesty sentence of the funnel report: as of when, how many contacts are not
    counted in every step yet, and the windows (en/de)."""
    from icplab.core.metrics import default_window_days

    windows = ", ".join(
        p.word(
            "page.funnel.window",
            step=text.word_or(f"stage.{k}", k, p.language),
            days=default_window_days(k),
        )
        for k, v in res.maturing_by_stage.items()
        if v > 0
    )
    if windows:
        windows = p.word("page.funnel.windows", windows=windows)
    told = getattr(res, "disclosure", None)
    return honesty_text(
        p,
        as_of=res.as_of,
        maturing=res.maturing,
        inference=inference_for(config).kind,
        windows=windows,
        maturity=getattr(told, "maturity", "checked"),
        undated=undated_of(res),
    )


def _icp_conclusion(
    p: ReportParams,
    by_reply: tuple[str, ...],
    by_value: tuple[str, ...],
    has_value: bool,
    target: float,
    top_value: list[tuple[str, float, int]] | None = None,
    most_deals: tuple[str, int] | None = None,
    no_money: bool = False,
) -> str:
    """The closing note: the ICP by reply rate, by value per contact, and the difference
    (``no_money``: the log has deal values, but none above 0, and no value target)."""
    none = p.word("page.funnel.no_cell")
    reply_txt = ", ".join(by_reply) or none
    if not has_value:
        return p.word("page.funnel.no_value", by_reply=reply_txt)
    if no_money:
        return p.word("page.funnel.no_value_yet", by_reply=reply_txt)
    value_txt = ", ".join(by_value) or none
    if not by_value and top_value:
        value_txt += _top_value_text(p, top_value)
    elif not by_value and most_deals is not None:
        cell, k = most_deals
        need = getattr(p, "min_deals", 5)
        if k:
            value_txt += p.word("page.funnel.few_deals", need=need, cell=cell, deals=k)
        else:  # no deal anywhere: no cell to name
            value_txt += p.word("page.funnel.no_deals")
    only_reply = [c for c in by_reply if c not in by_value]
    only_value = [c for c in by_value if c not in by_reply]
    parts = [
        p.word(f"page.funnel.{key}", cells=", ".join(cells))
        for key, cells in (("only_reply", only_reply), ("only_value", only_value))
        if cells
    ]
    diff = p.word("page.funnel.differ", parts="; ".join(parts)) if parts else ""
    return p.word(
        "page.funnel.conclusion",
        by_reply=reply_txt,
        target=text.money(target, p.language),
        by_value=value_txt,
        diff=diff or p.word("page.funnel.agree"),
    )


def _top_value_text(p: Any, top: list[tuple[str, float, int]]) -> str:
    """The highest value per contact by evidence: the best lower bound, ties as ties.

    Examples
    --------
    >>> from icplab.report.params import ReportParams
    >>> _top_value_text(ReportParams(), [("IT 50-199", 147.2, 6), ("Handel 1-49", 146.9, 5)])
    '; highest value per contact by evidence (at least €147, lower end of the plausible range, cells with at least 5 deals): a tie between IT 50-199 (6 deals) and Handel 1-49 (5 deals)'
    """
    best = round(top[0][1])
    tied = [t for t in top if round(t[1]) == best]
    lang = p.language
    names = text.join([p.word("page.funnel.cell_deals", cell=c, deals=k) for c, _, k in tied], lang)
    return p.word(
        "page.funnel.top_value_tie" if len(tied) > 1 else "page.funnel.top_value",
        low=text.money(top[0][1], lang),
        need=getattr(p, "min_deals", 5),
        cells=names,
    )


def finish_funnel_value(p: FunnelValueParams, rep: FunnelValueReport) -> ReportSummary:
    """Write the summary JSON: the value figures, the ICP by reply rate and by value, and
    the leaks. The page compares two rankings and shows where a segment leaks: information,
    not a target verdict (the thesis and refinement reports judge targets)."""
    details = {
        "by": p.by,
        "value_per_contact": rep.funnel.value_per_contact,
        "mean_deal_value": rep.funnel.mean_deal_value,
        "value_target": None if math.isnan(rep.value_target) else rep.value_target,
        "icp_by_reply": list(rep.icp_by_reply),
        "icp_by_value": list(rep.icp_by_value),
        "leaks": rep.leaks.to_dict("records"),
    }
    return finish_info(p, "funnel", rep, details)


# -- 07 closed loop -----------------------------------------------------------------------
