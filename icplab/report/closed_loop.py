"""What replies and rejected leads say: the closed-loop report (07) and the reply-quality
addition of the A/B report (02).

The builder returns a frozen dataclass of display-ready tables and plain-language sentences
(English or German), ``finish_closed_loop`` writes the summary JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import pandas as pd

from icplab.core.config import Config
from icplab.report import text
from icplab.report.honesty import honesty_text
from icplab.report.page_words import PageWords, finish_info
from icplab.report.params import ReportParams
from icplab.report.summary import ReportSummary

if TYPE_CHECKING:
    from icplab.icp.reasons import ReasonsResult


@dataclass(frozen=True)
class ClosedLoopParams(ReportParams):
    """Parameters of ``07-closed-loop.ipynb``: ``by`` is the segment column whose
    rejection reasons are compared (a second table is always by month when the log has
    ``sent_at``)."""

    by: str = "industry"
    default_name: ClassVar[str] = "07-closed-loop"


@dataclass(frozen=True)
class ClosedLoopReport(PageWords):
    """Everything the closed-loop notebook shows: the reasons by segment and by month
    (``None`` without ``sent_at``), as results and as tables, and the page's words."""

    by_segment: ReasonsResult
    by_month: ReasonsResult | None
    segment_table: pd.DataFrame
    month_table: pd.DataFrame


def _share_table(res: Any) -> pd.DataFrame:
    """Levels x reasons as ``count (share)`` strings."""
    t = res.to_frame()
    if t.empty:
        return pd.DataFrame()
    t["cell"] = [f"{c} ({100 * s:.0f} %)" for c, s in zip(t["count"], t["share"], strict=True)]
    out = t.pivot(index="level", columns="reason", values="cell").fillna("0")
    out = out.reset_index()
    # the reasons become column headers: table_html escapes headers and cells alike
    out.columns = [str(c) for c in out.columns]
    return out


def _test_sentence(p: ReportParams, res: Any, what: str) -> str:
    """The chi-square test's answer in words; ``what``: between which groups."""
    if res is None or res.p_value is None:
        return p.word("page.closed_loop.too_few", what=what)
    key = "differ" if res.p_value < 0.05 else "no_difference"
    return p.word(
        f"page.closed_loop.{key}", what=what, p_value=text.pvalue(res.p_value, p.language)
    )


def closed_loop(p: ClosedLoopParams, log: Any, config: Config) -> ClosedLoopReport:
    """Rejection reasons by segment and by month, with the chi-square tests."""
    from icplab.api import scope_of
    from icplab.icp.reasons import reasons

    scope = scope_of(config, as_of=p.judged_as_of(config))
    seg = reasons(log, p.by, scope=scope)
    frame = getattr(log, "frame", log)
    month = reasons(log, "month", scope=scope) if "sent_at" in frame.columns else None
    decision = "qualified" if "qualified" in frame.columns else "deal"
    window = p.word(f"page.closed_loop.window_{decision}")
    honesty = honesty_text(
        p,
        as_of=seg.as_of,
        maturing=seg.maturing,
        inference=None,
        windows=window if seg.maturing else "",
    ) + p.word("page.closed_loop.one_look")
    top = seg.to_frame().groupby("reason")["count"].sum().sort_values(ascending=False)
    top_txt = (
        p.word(
            "page.closed_loop.top_reason",
            reason=top.index[0],
            count=p.num(top.iloc[0]),
            total=p.num(top.sum()),
        )
        if len(top)
        else p.word("page.closed_loop.no_reason")
    )
    between = p.word("page.closed_loop.between_levels", column=text.column_word(p.by, p.language))
    conclusion = " ".join(
        [
            top_txt,
            _test_sentence(p, seg, between),
            _test_sentence(p, month, p.word("page.closed_loop.between_months")),
        ]
    )
    intro = p.word(
        "page.closed_loop.intro",
        rejected_as=text.note(seg.rejected_as, p.language),
        rejected=p.num(seg.rejected),
    )
    return ClosedLoopReport(
        by_segment=seg,
        by_month=month,
        segment_table=_share_table(seg),
        month_table=_share_table(month) if month is not None else pd.DataFrame(),
        intro=intro,
        conclusion=conclusion,
        notes=tuple(text.note(n, p.language) for n in seg.notes),
        honesty=honesty,
    )


def finish_closed_loop(p: ClosedLoopParams, rep: ClosedLoopReport) -> ReportSummary:
    """Write the summary JSON: rejected leads and the p-values by segment and by month."""
    details = {
        "by": p.by,
        "rejected": rep.by_segment.rejected,
        "p_value": rep.by_segment.p_value,
        "p_value_by_month": None if rep.by_month is None else rep.by_month.p_value,
    }
    return finish_info(p, "closed_loop", rep, details)


# -- 02 A/B test: reply quality ---------------------------------------------------------------


def reply_quality(p: ReportParams, log: Any, config: Config, factor: str) -> pd.DataFrame | None:
    """Reply rate beside the positive reply rate per level of ``factor``, when the log has
    ``reply_class``: a variant that provokes "no interest" answers cannot win on raw
    replies unnoticed. ``None`` without ``reply_class``.

    Returns
    -------
    pandas.DataFrame or None
        ``level``, ``contacts``, ``reply_rate``, ``positive_reply_rate`` and
        ``positive_share`` (positive and not-now replies among all replies).
    """
    frame = getattr(log, "frame", log)
    if "positive_reply" not in frame.columns or factor not in frame.columns:
        return None
    from icplab.core.metrics import DEFAULT_METRICS
    from icplab.data.counts import counts
    from icplab.data.maturity import mature_frame, resolve_as_of, sent_by

    # mature contacts only, as for the reply rate itself (maturity window of replies)
    as_of = p.judged_as_of(config)
    frame, _ = mature_frame(
        sent_by(frame, resolve_as_of(as_of)), DEFAULT_METRICS["reply_rate"], as_of
    )
    t = counts(frame, [factor])
    out = pd.DataFrame(
        {
            "level": t[factor].astype(str),
            "contacts": t["contacted"].astype(int),
            "reply_rate": t["replied"] / t["contacted"],
            "positive_reply_rate": t["positive_reply"] / t["contacted"],
            "positive_share": (t["positive_reply"] / t["replied"].where(t["replied"] > 0)),
        }
    )
    return out


def reply_quality_note(p: ReportParams, table: pd.DataFrame) -> str:
    """One sentence: does the level with most replies also have most positive replies?"""
    if table is None or table.empty or len(table) < 2:
        return ""
    most = table.loc[table["reply_rate"].idxmax()]
    best = table.loc[table["positive_reply_rate"].idxmax()]
    if most["level"] == best["level"]:
        return p.word(
            "page.reply_quality.also_leads",
            level=most["level"],
            rate=p.pct(best["positive_reply_rate"]),
        )
    return p.word(
        "page.reply_quality.careful",
        most=most["level"],
        reply_rate=p.pct(most["reply_rate"]),
        best=best["level"],
        positive_rate=p.pct(best["positive_reply_rate"]),
    )


# -- cost per customer (CAC, LTV:CAC, payback; [costs]) -----------------------------------
