"""The closed loop: why sales rejects leads, by segment (CONTRACT section 8).

A **rejected lead** is a meeting that did not become qualified; when the log has no
``qualified`` column, a meeting without a deal. Among rejected leads, ``rejection_reason``
is tabulated by the levels of a column (``industry``, ``size_band``, ``channel``, ``month``
from ``sent_at``, ...), with each reason's share within its level, and the chi-square test
of independence of reason and level (``scipy.stats.chi2_contingency``, no continuity
correction) over the levels and reasons with at least one count. Rejected leads without a
reason are counted apart (``missing``) and left out of the table and the test.

**Maturity**: a meeting is only "rejected" once its decision is due. As of ``as_of``
(default ``[workspace] as_of``, else today) only the contacts mature for the ``qualified``
window (90 days; the ``deal`` window without a qualified column) count: a recent meeting
that is not qualified yet is still open, not rejected. ``maturing`` counts the contacts
left out for that reason; contacts sent after ``as_of`` are left out altogether.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"industry": ["IT"] * 4 + ["Handel"] * 4, "contacted": 1,
...     "meeting": 1, "qualified": [0, 0, 0, 1, 0, 0, 0, 0],
...     "rejection_reason": ["Timing", "Timing", "kein Budget", "", "kein Budget",
...                          "kein Budget", "Timing", "kein Budget"]})
>>> r = reasons(f, by="industry")
>>> [(x.level, x.reason, x.count) for x in r.rows]
[('Handel', 'kein Budget', 3), ('Handel', 'Timing', 1), ('IT', 'Timing', 2), ('IT', 'kein Budget', 1)]
>>> r.rejected, r.missing
(7, 0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.notes import Note
from icplab.core.schema import ordered_levels
from icplab.data.counts import apply_where
from icplab.data.maturity import mature_frame, sent_by
from icplab.icp.by_column import by_column
from icplab.icp.funnel import as_frame, step_metric
from icplab.icp.scope import Scope


@dataclass(frozen=True)
class ReasonRow:
    """How often ``reason`` was given for rejected leads in ``level``."""

    level: str
    reason: str
    count: int
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "reason": self.reason,
            "count": self.count,
            "share": self.share,
        }


@dataclass(frozen=True)
class ReasonsResult:
    """Rejection reasons by the levels of ``by``.

    ``to_dict()`` is the JSON of ``icplab reasons``: ``by``, ``p_value`` (null when fewer
    than two levels or two reasons have counts) and ``rows``; extra keys ``chi2``,
    ``df``, ``rejected`` (rejected leads), ``missing`` (of them without a reason),
    ``rejected_as``, ``notes``, ``as_of`` (ISO date) and ``maturing`` (contacts whose
    decision is not due yet, left out). ``to_frame()`` is the tidy table of ``rows``.
    """

    by: str
    rows: tuple[ReasonRow, ...]
    p_value: float | None
    chi2: float | None
    df: int | None
    rejected: int
    missing: int
    rejected_as: str
    where: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    as_of: date | None = None
    maturing: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "p_value": self.p_value,
            "rows": [r.to_dict() for r in self.rows],
            "chi2": self.chi2,
            "df": self.df,
            "rejected": self.rejected,
            "missing": self.missing,
            "rejected_as": self.rejected_as,
            "notes": list(self.notes),
            "as_of": (self.as_of or date.today()).isoformat(),
            "maturing": int(self.maturing),
        }

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [r.to_dict() for r in self.rows], columns=["level", "reason", "count", "share"]
        )

    def crosstab(self) -> pd.DataFrame:
        """Levels x reasons counts (zeros filled)."""
        t = self.to_frame()
        if t.empty:
            return pd.DataFrame()
        return t.pivot(index="level", columns="reason", values="count").fillna(0).astype(int)


def rejected_mask(frame: pd.DataFrame) -> tuple[np.ndarray, str]:
    """Rows that are rejected leads, and the rule used (in words).

    Examples
    --------
    >>> f = pd.DataFrame({"meeting": [1, 1, 0], "deal": [1, 0, 0]})
    >>> rejected_mask(f)[0].tolist(), rejected_mask(f)[1]
    ([False, True, False], 'meeting without a deal (no qualified column)')
    """
    if "meeting" not in frame.columns:
        raise NotEnoughDataError(Note("reasons.no_meeting"))
    meeting = frame["meeting"].to_numpy(dtype="int64") > 0
    if "qualified" in frame.columns:
        return meeting & (frame["qualified"].to_numpy(dtype="int64") == 0), (
            Note("reasons.rule_qualified")
        )
    if "deal" in frame.columns:
        return meeting & (frame["deal"].to_numpy(dtype="int64") == 0), (
            Note("reasons.rule_no_qualified")
        )
    raise NotEnoughDataError(Note("reasons.no_decision"))


def _tabulate(
    sub: pd.DataFrame, notes: list[str]
) -> tuple[list[ReasonRow], float | None, float | None, int | None]:
    """Reason counts and shares per level of ``sub`` (columns ``level``, ``reason``), with
    the chi-square test of independence when there are two levels and two reasons; notes
    on the test are appended to ``notes``."""
    if sub.empty:
        return [], None, None, None
    table = pd.crosstab(sub["level"], sub["reason"])
    table = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
    p_value = chi2 = df = None
    if table.shape[0] >= 2 and table.shape[1] >= 2:
        res = chi2_contingency(table.to_numpy(), correction=False)
        chi2, p_value, df = float(res.statistic), float(res.pvalue), int(res.dof)
        expected = np.asarray(res.expected_freq)
        if (expected < 5).mean() > 0.2:
            notes.append(Note("reasons.rough"))
    else:
        notes.append(Note("reasons.no_test"))
    rows: list[ReasonRow] = []
    for lv in ordered_levels(table.index.tolist()):
        counts_lv = table.loc[lv]
        total = int(counts_lv.sum())
        order = sorted(counts_lv.index, key=lambda r: (-int(counts_lv[r]), str(r)))
        for r in order:
            c = int(counts_lv[r])
            if c > 0:
                rows.append(ReasonRow(str(lv), str(r), c, c / total))
    if p_value is not None and math.isnan(p_value):
        p_value = None
    return rows, p_value, chi2, df


def reasons(
    data: Any,
    by: str,
    *,
    scope: Scope | None = None,
) -> ReasonsResult:
    """Tabulate rejection reasons among rejected leads by the levels of ``by``.

    Parameters
    ----------
    data
        A path, an :class:`icplab.data.load.OutreachData` or a row-level frame with
        ``meeting``, ``qualified`` (or ``deal``) and ``rejection_reason``.
    by
        Group column, or ``month`` (from ``sent_at``).
    scope
        The segment filters, the workspace config (size bands) and the as-of date: only
        contacts whose decision window (qualified, else deal: 90 days) has passed by then
        count; default the config's ``as_of``, else today
        (:class:`~icplab.icp.scope.Scope`; its inference is not used).

    Returns
    -------
    ReasonsResult
        Rows in level order, reasons by count (most frequent first) within a level.
    """
    scope = scope or Scope()
    config, where = scope.config, scope.where
    as_of = scope.day()
    frame = apply_where(sent_by(as_frame(data, config), as_of, whole_log=True), where)
    if "rejection_reason" not in frame.columns:
        raise NotEnoughDataError(Note("reasons.no_column"))
    if len(frame) and (frame["contacted"].to_numpy() > 1).any():
        raise NotEnoughDataError(Note("reasons.aggregated"))
    frame = by_column(frame, by, "reasons", also=", month")
    if by == "rejection_reason":
        raise UsageError(Note("reasons.by_reason"))
    rejected_mask(frame)  # the columns it needs, before maturity
    decision = "qualified" if "qualified" in frame.columns else "deal"
    frame, info = mature_frame(frame, step_metric(decision, "meeting"), as_of)
    mask, rule = rejected_mask(frame)
    rej = frame.loc[mask]
    reason = rej["rejection_reason"].astype("string").str.strip().fillna("")
    has = (reason != "").to_numpy()
    missing = int((~has).sum())
    level = rej[by].astype("string").fillna("(empty)")
    sub = pd.DataFrame({"level": level[has].to_numpy(), "reason": reason[has].to_numpy()})
    notes: list[str] = [Note("reasons.rule", rule=rule)]
    if info.maturing:
        notes.append(
            Note(
                "reasons.maturing",
                as_of=as_of,
                maturing=info.maturing,
                decision=decision,
                window=info.window_days,
            )
        )
    if missing:
        notes.append(Note("reasons.no_reason", missing=missing))
    rows, p_value, chi2, df = _tabulate(sub, notes)
    return ReasonsResult(
        by,
        tuple(rows),
        p_value,
        chi2,
        df,
        int(mask.sum()),
        missing,
        rule,
        dict(where or {}),
        tuple(notes),
        as_of,
        info.maturing,
    )
