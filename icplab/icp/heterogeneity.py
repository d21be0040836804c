"""A factor's comparison inside every segment, and whether its effect differs (section 3).

``compare --within COLUMN``: the ordinary comparison of the factor's levels inside each
level of ``COLUMN`` (same baseline as the overall comparison, so the segments are read on
the same scale), plus the likelihood-ratio interaction test of
:func:`icplab.stats.interaction.interaction_lr_test` on the ``factor x COLUMN`` counts.

Examples
--------
>>> import pandas as pd
>>> from icplab.core.config import Config
>>> t = pd.DataFrame({"salutation": ["du", "sie", "du", "sie"],
...                   "industry": ["IT", "IT", "Bau", "Bau"],
...                   "contacted": [300, 300, 300, 300], "replied": [60, 30, 30, 60],
...                   "meeting": [0, 0, 0, 0]})
>>> w = within_comparison(t, "salutation", "industry", Config().metrics["reply_rate"],
...                       baseline="sie")
>>> w.df, [s.level for s in w.segments], w.differs
(1, ['Bau', 'IT'], True)
>>> w.preferred()
{'Bau': 'sie', 'IT': 'du'}
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from icplab.core.errors import NotEnoughDataError, UsageError, message_of
from icplab.core.metrics import Metric, metric_counts
from icplab.core.notes import Note
from icplab.core.schema import ordered_levels
from icplab.data.counts import count_columns
from icplab.icp.comparison import ComparisonResult, Contrast, compare_counts
from icplab.stats.inference import FIXED, Inference
from icplab.stats.interaction import (
    AdditiveTest,
    InteractionTest,
    additive_interaction_test,
    interaction_lr_test,
)

#: Columns of :meth:`WithinResult.effects`.
EFFECT_COLUMNS: tuple[str, ...] = (
    "segment",
    "level",
    "n",
    "successes",
    "rate",
    "base_n",
    "base_successes",
    "base_rate",
    "diff",
    "diff_ci_low",
    "diff_ci_high",
    "p_value",
    "p_adjusted",
    "significant",
)


@dataclass(frozen=True)
class Segment:
    """The factor's comparison inside one level of the ``within`` column."""

    level: str
    result: ComparisonResult | None
    contacts: int
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        rows = self.result.to_dict()["rows"] if self.result is not None else []
        out: dict[str, Any] = {"level": self.level, "rows": rows, "contacts": self.contacts}
        if self.result is not None:
            out["denominator"] = self.result.denominator
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class WithinResult:
    """The comparison of ``factor`` inside every level of ``by`` plus the interaction test.

    Attributes
    ----------
    by
        The segmenting column (``--within``).
    factor, baseline, alpha
        The compared factor, the baseline level used in every segment, the test level.
    test
        The interaction test (p-value NaN and ``df`` 0 when it cannot be made).
    segments
        One :class:`Segment` per level of ``by`` with contacts, in natural order.
    notes
        Plain-language notes (levels left out of the test and why).
    """

    by: str
    factor: str
    baseline: str
    alpha: float
    test: InteractionTest
    segments: tuple[Segment, ...]
    notes: tuple[str, ...] = ()
    #: The test on the additive scale (differences in points), which ``differs`` reads.
    additive: AdditiveTest | None = None

    @property
    def p_value(self) -> float:
        return self.test.p_value

    @property
    def df(self) -> int:
        return self.test.df

    @property
    def differs(self) -> bool:
        """True when the test on the additive scale rejects "the same difference in points
        in every segment" (the logit test stays in ``p_value``: a uniform lift of a few
        points differs on the logit scale whenever base rates differ)."""
        p = self.additive.p_value if self.additive is not None else self.test.p_value
        return not math.isnan(p) and p < self.alpha

    @property
    def additive_p_value(self) -> float:
        return self.additive.p_value if self.additive is not None else float("nan")

    def _stacked(self, common_baseline: bool = False) -> pd.DataFrame:
        """Every segment's table in one frame, with a ``segment`` column (one concatenation,
        not one pandas operation per segment: a column may have thousands of levels)."""
        tables = {
            seg.level: seg.result.table
            for seg in self.segments
            if seg.result is not None
            and not (common_baseline and self.baseline and seg.result.baseline != self.baseline)
        }
        if not tables:
            return pd.DataFrame()
        stacked = pd.concat(tables, names=["segment", "_row"], sort=False)
        return stacked.reset_index(level="segment").reset_index(drop=True)

    def preferred(self) -> dict[str, str]:
        """The level with the highest rate in each segment (segments with 2+ levels)."""
        t = self._stacked()
        if t.empty:
            return {}
        t = t[t["rate"].notna()]
        t = t[t.groupby("segment", sort=False)["level"].transform("size") >= 2]
        best = t.loc[t.groupby("segment", sort=False)["rate"].idxmax()]
        return {str(s): str(lv) for s, lv in zip(best["segment"], best["level"], strict=True)}

    def clear_segments(self) -> list[str]:
        """Segments where some level differs significantly from the baseline."""
        t = self._stacked()
        if t.empty:
            return []
        sig = t["significant"].astype("boolean").fillna(False).astype(bool)
        return [str(s) for s in pd.unique(t.loc[sig.to_numpy(), "segment"])]

    def effects(self) -> pd.DataFrame:
        """Tidy per-segment differences to the baseline (for forest plots).

        Returns
        -------
        pandas.DataFrame
            One row per compared (non-baseline) level of each segment that has the common
            baseline (segments without it are left out: their differences would be to
            another level), with columns
            ``segment``, ``level``, ``n``, ``successes``, ``rate``, ``base_n``,
            ``base_successes``, ``base_rate``, ``diff``, ``diff_ci_low``,
            ``diff_ci_high``, ``p_value``, ``p_adjusted`` (inside the segment's own table)
            and ``significant`` (bool).
        """
        t = self._stacked(common_baseline=True)
        if t.empty:
            return pd.DataFrame(columns=list(EFFECT_COLUMNS))
        # each segment's table starts with its baseline row
        base = t.groupby("segment", sort=False).head(1).set_index("segment")
        rows = t[~t["is_baseline"].astype(bool)].copy()
        seg = rows["segment"]
        rows["base_n"] = seg.map(base["n"]).astype(int)
        rows["base_successes"] = seg.map(base["successes"]).astype(int)
        rows["base_rate"] = seg.map(base["rate"]).astype(float)
        rows["n"] = rows["n"].astype(int)
        rows["successes"] = rows["successes"].astype(int)
        rows["segment"] = seg.astype(str)
        rows["significant"] = rows["significant"].astype("boolean").fillna(False).astype(bool)
        return rows[list(EFFECT_COLUMNS)].reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """The ``within`` object of CONTRACT section 4 (plus a few extra keys)."""
        p = self.test.p_value
        return {
            "by": self.by,
            "interaction_p_value": None if math.isnan(p) else float(p),
            "df": int(self.test.df),
            "segments": [s.to_dict() for s in self.segments],
            "lr_statistic": None if math.isnan(self.test.statistic) else self.test.statistic,
            "tested_levels": list(self.test.within_levels),
            "differs": self.differs,
            "notes": list(self.notes),
            "interaction_test": "likelihood ratio, binomial GLM (logit link)",
            "additive": None
            if self.additive is None
            else {
                "test": "Wald test of equal differences in points (risk differences)",
                "p_value": _finite(self.additive.p_value),
                "statistic": _finite(self.additive.statistic),
                "df": int(self.additive.df),
                "tested_levels": list(self.additive.within_levels),
                "excluded_levels": list(self.additive.excluded),
                "min_cell_n": int(self.additive.min_n),
            },
        }


def within_comparison(
    table: pd.DataFrame,
    factor: str,
    within: str,
    metric: Metric,
    baseline: str | None = None,
    alpha: float = 0.05,
    correction: str = "holm",
    inference: Inference = FIXED,
) -> WithinResult:
    """Compare ``factor`` inside every level of ``within`` and test the interaction.

    Parameters
    ----------
    table
        Counts per ``factor x within`` cell (``icplab.data.counts.counts(frame, [factor,
        within])``), or a finer table holding both columns.
    factor, within
        The compared column and the segmenting column.
    metric
        The metric.
    baseline
        The baseline level in every segment (the caller passes the overall comparison's
        baseline, so every segment is read against the same level).
    alpha, correction, inference
        As in :func:`icplab.icp.compare.compare_counts`; the correction runs inside each
        segment's table, exactly as ``compare --where within=LEVEL`` would.

    Returns
    -------
    WithinResult

    Raises
    ------
    UsageError
        ``within`` equals ``factor`` or is not a column.
    """
    if within == factor:
        raise UsageError(Note("within.same_as_factor", within=within, factor=factor))
    if within not in table.columns:
        raise UsageError(
            Note("within.no_column", within=within, columns=tuple(sorted(map(str, table.columns))))
        )
    cols = count_columns(table)
    cells = (
        table.assign(**{factor: table[factor].astype(str), within: table[within].astype(str)})
        .groupby([factor, within], sort=True)[cols]
        .sum()
        .reset_index()
    )
    cells = cells[cells["contacted"] > 0].reset_index(drop=True)
    s, n = metric_counts(cells, metric)
    test = interaction_lr_test(s, n, cells[factor], cells[within], inference=inference, alpha=alpha)
    additive = additive_interaction_test(
        s,
        n,
        cells[factor],
        cells[within],
        baseline=baseline,
        inference=inference,
        alpha=alpha,
    )
    notes: list[str] = []
    if additive.excluded:
        notes.append(
            Note(
                "within.additive_excluded",
                within=within,
                levels=tuple(additive.excluded),
                min_n=additive.min_n,
                denom=metric.denominator_in(cells.columns),
            )
        )
    if test.dropped_within:
        notes.append(
            Note("within.dropped_within", within=within, factor=factor, levels=test.dropped_within)
        )
    if test.dropped_factor:
        notes.append(Note("within.dropped_factor", factor=factor, levels=test.dropped_factor))
    if inference.is_sequential and test.df > 0:
        notes.append(Note("within.sequential"))
    if test.df == 0:
        notes.append(Note("within.untestable", factor=factor, within=within))
    segments = []
    parts = {str(k): g for k, g in cells.groupby(within, sort=False)}  # one pass, not one a level
    for level in ordered_levels(sorted(parts)):
        part = parts[level]  # the within column rides along: compare_counts reads by + counts
        contacts = int(part["contacted"].sum())
        base = baseline if baseline in set(part[factor]) else None
        note = (
            Note("within.baseline_missing", baseline=baseline, within=within, level=level)
            if baseline is not None and base is None
            else ""
        )
        try:
            contrast = Contrast(factor, metric, base, alpha, correction)
            res = compare_counts(part.reset_index(drop=True), contrast, inference=inference)
            segments.append(Segment(level, res, contacts, note))
        except NotEnoughDataError as exc:
            segments.append(Segment(level, None, contacts, message_of(exc)))
    return WithinResult(
        by=within,
        factor=factor,
        baseline=str(baseline) if baseline is not None else "",
        alpha=float(alpha),
        test=test,
        segments=tuple(segments),
        notes=tuple(notes),
        additive=additive,
    )


def _finite(x: float) -> float | None:
    return None if not math.isfinite(x) else float(x)
