"""What replies and rejected leads say: the closed-loop report (07) and the reply-quality
addition of the A/B report (02).

The builder returns a frozen dataclass of display-ready tables and plain-language sentences
(English or German), ``finish_closed_loop`` writes the summary JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd

from icplab.core.config import Config
from icplab.report import text
from icplab.report.honesty import honesty_text
from icplab.report.params import ReportParams
from icplab.report.summary import ReportSummary


@dataclass(frozen=True)
class ClosedLoopParams(ReportParams):
    """Parameters of ``07-closed-loop.ipynb``: ``by`` is the segment column whose
    rejection reasons are compared (a second table is always by month when the log has
    ``sent_at``)."""

    by: str = "industry"
    default_name: ClassVar[str] = "07-closed-loop"


@dataclass(frozen=True)
class ClosedLoopReport:
    """Everything the closed-loop notebook shows."""

    by_segment: Any
    by_month: Any
    segment_table: pd.DataFrame
    month_table: pd.DataFrame
    intro: str
    conclusion: str
    verdict: str
    notes: tuple[str, ...] = ()
    honesty: str = ""


#: German words for :attr:`icplab.icp.reasons.ReasonsResult.rejected_as`.
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


def _test_sentence(p: ReportParams, res: Any, what_en: str, what_de: str) -> str:
    if res is None or res.p_value is None:
        return p.tr(
            f"Too few rejected leads with a reason to compare {what_en}.",
            f"Zu wenige abgelehnte Leads mit Grund, um {what_de} zu vergleichen.",
        )
    pv = text.pvalue(res.p_value, p.language)
    if res.p_value < 0.05:
        return p.tr(
            f"The reasons differ clearly {what_en} (chi-square test, {pv}).",
            f"Die Gründe unterscheiden sich klar {what_de} (Chi-Quadrat-Test, {pv}).",
        )
    return p.tr(
        f"No clear difference in the reasons {what_en} (chi-square test, {pv}; could be chance).",
        f"Kein klarer Unterschied bei den Gründen {what_de} (Chi-Quadrat-Test, {pv}; "
        "kann Zufall sein).",
    )


def closed_loop(p: ClosedLoopParams, log: Any, config: Config) -> ClosedLoopReport:
    """Rejection reasons by segment and by month, with the chi-square tests."""
    from icplab.icp.reasons import reasons

    as_of = p.judged_as_of(config)
    seg = reasons(log, p.by, config=config, as_of=as_of)
    frame = getattr(log, "frame", log)
    month = (
        reasons(log, "month", config=config, as_of=as_of) if "sent_at" in frame.columns else None
    )
    decision = "qualified" if "qualified" in frame.columns else "deal"
    window = p.tr(
        f"a meeting counts as rejected once its {decision} decision is due, "
        "90 days after the first touch",
        "ein Termin zählt als abgelehnt, sobald die Entscheidung fällig ist, "
        "90 Tage nach dem Erstkontakt",
    )
    honesty = honesty_text(
        p,
        as_of=seg.as_of,
        maturing=seg.maturing,
        inference=None,
        windows=window if seg.maturing else "",
    ) + p.tr(
        " The chi-square p-values assume one look at the data: when this report is opened "
        "every day, read a single small p-value as a hint, not as proof.",
        " Die p-Werte des Chi-Quadrat-Tests gelten für einen einzigen Blick auf die Daten: "
        "Wird dieser Bericht täglich geöffnet, ist ein einzelner kleiner p-Wert ein "
        "Hinweis, kein Beweis.",
    )
    top = seg.to_frame().groupby("reason")["count"].sum().sort_values(ascending=False)
    top_txt = (
        p.tr(
            f"Most frequent reason: {top.index[0]} ({p.num(top.iloc[0])} of "
            f"{p.num(top.sum())} rejected leads with a reason).",
            f"Häufigster Grund: {top.index[0]} ({p.num(top.iloc[0])} von "
            f"{p.num(top.sum())} abgelehnten Leads mit Grund).",
        )
        if len(top)
        else p.tr(
            "No rejected lead has a reason yet.", "Noch kein abgelehnter Lead hat einen Grund."
        )
    )
    conclusion = " ".join(
        [
            top_txt,
            _test_sentence(
                p,
                seg,
                f"between the levels of {text.column_word(p.by, 'en')}",
                f"zwischen den Ausprägungen von {text.column_word(p.by, 'de')}",
            ),
            _test_sentence(p, month, "between months", "zwischen den Monaten"),
        ]
    )
    intro = p.tr(
        f"A rejected lead is a {seg.rejected_as}; {p.num(seg.rejected)} in this log. Reviewing "
        "why, by segment and month, closes the loop between sales and outreach.",
        f"Ein abgelehnter Lead ist hier ein {text.note(seg.rejected_as, 'de')}; "
        f"{p.num(seg.rejected)} in diesem "
        "Protokoll. Die Gründe je Segment und Monat zu prüfen schließt den Kreis zwischen "
        "Vertrieb und Outreach.",
    )
    verdict = "info"
    return ClosedLoopReport(
        seg,
        month,
        _share_table(seg),
        _share_table(month) if month is not None else pd.DataFrame(),
        intro,
        conclusion,
        verdict,
        tuple(text.note(n, p.language) for n in seg.notes),
        honesty,
    )


def finish_closed_loop(p: ClosedLoopParams, rep: ClosedLoopReport) -> ReportSummary:
    return p.finish(
        title=p.tr("Rejection reasons (closed loop)", "Ablehnungsgründe (geschlossener Kreis)"),
        verdict=rep.verdict,
        key_figure=rep.conclusion,
        details={
            "by": p.by,
            "rejected": rep.by_segment.rejected,
            "p_value": rep.by_segment.p_value,
            "p_value_by_month": None if rep.by_month is None else rep.by_month.p_value,
        },
    )


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
        return p.tr(
            f"{most['level']} also leads on positive replies "
            f"({p.pct(best['positive_reply_rate'])} of contacts).",
            f"{most['level']} liegt auch bei positiven Antworten vorn "
            f"({p.pct(best['positive_reply_rate'])} der Kontakte).",
        )
    return p.tr(
        f"Careful: {most['level']} gets the most replies ({p.pct(most['reply_rate'])}), but "
        f"{best['level']} gets the most positive ones ({p.pct(best['positive_reply_rate'])}).",
        f"Vorsicht: {most['level']} bekommt die meisten Antworten ({p.pct(most['reply_rate'])}), "
        f"aber {best['level']} die meisten positiven ({p.pct(best['positive_reply_rate'])}).",
    )


# -- cost per customer (CAC, LTV:CAC, payback; [costs]) -----------------------------------
