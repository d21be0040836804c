"""The comparison table of a factor from counts (CONTRACT section 3): the result type and
the workhorse :func:`compare_counts`.

:mod:`icplab.icp.compare` adds what a log needs on top (filters, maturity windows, the
sample-ratio check, value metrics, ``--within``); :mod:`icplab.icp.heterogeneity` runs the
same table inside every segment.

Examples
--------
>>> import pandas as pd
>>> from icplab.core.metrics import DEFAULT_METRICS
>>> t = pd.DataFrame({"salutation": ["sie", "du"], "contacted": [1200, 1180],
...                   "replied": [150, 201], "meeting": [60, 80]})
>>> r = compare_counts(t, Contrast("salutation", DEFAULT_METRICS["reply_rate"]))
>>> r.baseline, round(float(r.table["diff"].iloc[1]), 3)
('sie', 0.045)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import Metric, metric_counts
from icplab.core.notes import Note
from icplab.core.schema import ordered_levels
from icplab.icp.disclosure import Disclosure, finite, inference_note
from icplab.stats.inference import FIXED, Inference
from icplab.stats.multiplicity import METHOD_NAMES, adjust_pvalues
from icplab.stats.proportions import (
    newcombe_interval,
    prob_beats,
    two_proportion_pvalue,
    wilson_interval,
)
from icplab.stats.sequential import sequential_diff, sequential_interval
from icplab.stats.srm import SRMResult

#: Fields of a baseline row in the JSON output (CONTRACT section 4).
BASE_FIELDS: tuple[str, ...] = ("level", "n", "successes", "rate", "ci_low", "ci_high")
#: Fields of a compared row in the JSON output.
COMPARISON_FIELDS: tuple[str, ...] = (
    "diff",
    "diff_ci_low",
    "diff_ci_high",
    "p_value",
    "p_adjusted",
    "prob_beats_baseline",
    "significant",
)
#: Columns of the comparison table, in order.
TABLE_COLUMNS: tuple[str, ...] = (
    *BASE_FIELDS,
    *COMPARISON_FIELDS,
    "test",
    "is_baseline",
    "contacts",
)


@dataclass(frozen=True)
class ComparisonResult:
    """A comparison of the levels of ``by`` on ``metric``.

    Attributes
    ----------
    metric, by, baseline, alpha, correction
        What was compared and how (``correction``: ``holm``, ``bh`` or ``none``).
    table
        The tidy table of :func:`compare` (baseline first).
    notes
        Plain-language notes on anything unusual (empty levels, a single level, ...).
    srm
        The sample-ratio-mismatch check of the contacts per level.
    sequential
        Whether the difference intervals and p-values are always-valid (sequential).
    label
        Human name of the metric, e.g. ``reply rate``.
    as_of
        The date the data was judged as of (maturity windows).
    maturing
        Contacts not counted yet because they are still inside the metric's window.
    within
        With ``within=COLUMN``: the :class:`icplab.icp.heterogeneity.WithinResult` (the
        comparison inside every level of COLUMN and the interaction test), else ``None``.
    """

    metric: str
    by: str
    baseline: str
    alpha: float
    correction: str
    table: pd.DataFrame = field(repr=False)
    notes: tuple[str, ...] = ()
    srm: SRMResult | None = None
    sequential: bool = False
    label: str = ""
    kind: str = "rate"
    as_of: date | None = None
    maturing: int = 0
    within: Any = None
    #: The denominator column the metric actually used (``qualified``, ``meeting`` after
    #: deal_rate's fallback, ``contacted``, ...; CONTRACT section 2).
    denominator: str = ""
    #: Maturity, late successes and contacts after ``as_of`` (:mod:`icplab.icp.disclosure`).
    disclosure: Disclosure = field(default_factory=Disclosure)

    @property
    def maturity(self) -> str:
        """``checked``, ``unknown`` or ``off`` (CONTRACT section 2)."""
        return self.disclosure.maturity

    @property
    def inference(self) -> str:
        """``fixed`` or ``sequential`` (CONTRACT section 4)."""
        return "sequential" if self.sequential else "fixed"

    def to_frame(self) -> pd.DataFrame:
        """The comparison table (a copy); see :func:`compare` for its columns."""
        return self.table.copy()

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of CONTRACT section 4.

        The contract keys come first and exactly as specified; the baseline row carries
        only ``level, n, successes, rate, ci_low, ci_high``. Values that cannot be computed
        are ``null`` (never NaN): ``rate`` and its interval of a level whose denominator is
        0 (e.g. no qualified leads), and the comparison fields of such a level. With
        ``within``: ``"within": {"by", "interaction_p_value", "df", "segments": [{"level",
        "rows"}]}`` (plus ``lr_statistic``, ``tested_levels``, ``differs``, ``notes`` and
        each segment's ``contacts``). ``denominator``: the column the metric actually used
        (CONTRACT section 2). Extra keys: ``srm`` (the sample-ratio check),
        ``notes`` and ``sequential``.
        """
        rows = []
        for rec in self.table.to_dict("records"):
            keys = BASE_FIELDS if rec["is_baseline"] else BASE_FIELDS + COMPARISON_FIELDS
            rows.append({k: _json_value(rec[k]) for k in keys})
        out: dict[str, Any] = {
            "metric": self.metric,
            "by": self.by,
            "baseline": self.baseline,
            "alpha": float(self.alpha),
            "correction": self.correction,
            "rows": rows,
            "denominator": self.denominator,
        }
        if self.within is not None:
            out["within"] = self.within.to_dict()
        out["srm"] = self.srm.to_dict() if self.srm is not None else None
        out["notes"] = list(self.notes)
        out["sequential"] = self.sequential
        out["inference"] = self.inference
        out["inference_note"] = inference_note(self.sequential)
        out["as_of"] = (self.as_of or date.today()).isoformat()
        out["maturing"] = int(self.maturing)
        out.update(self.disclosure.to_dict())
        return finite(out)

    def same_rate(self) -> float | None:
        """The rate every level shares when no compared level has a range: every level at
        the same 0 % (or 100 %), so nothing tells them apart; ``None`` otherwise."""
        t = self.table[~self.table["is_baseline"].astype(bool) & self.table["diff"].notna()]
        rates = self.table["rate"].dropna()
        if t["diff_ci_low"].isna().all() and rates.nunique() == 1:
            return float(rates.iloc[0])
        return None

    def summary(self) -> Note:
        """One plain-language sentence on the clearest difference, for founders (a note:
        English as its text, any language by its code)."""
        t = self.table[~self.table["is_baseline"] & self.table["diff"].notna()]
        words = self.metric.replace("_", " ")
        label: Any = (  # a configured label as written; the default in the reader's words
            self.label
            if self.label and self.label != words
            else Note("compare.summary.metric", metric=self.metric)
        )
        if t.empty:
            why = self.notes[0] if self.notes else Note("compare.summary.no_data")
            return Note("compare.summary.nothing", label=label, why=why)
        same = self.same_rate()
        if same is not None and self.kind != "mean":
            why = Note("compare.summary.same_rate", rate=100 * same)
            return Note("compare.summary.nothing", label=label, why=why)
        corr: Any = (
            ""
            if self.correction == "none"
            else Note("compare.summary.after", method=METHOD_NAMES[self.correction])
        )
        sig = t[t["significant"].fillna(False).astype(bool)]
        pick = sig if not sig.empty else t
        best = pick.loc[pick["p_adjusted"].fillna(2.0).idxmin()]
        if self.kind == "mean":  # a value metric: differences in EUR, not percentage points
            d = float(best["diff"])
            diff = Note("compare.summary.eur", sign="+" if d >= 0 else "-", amount=abs(d))
            ci = Note(
                "compare.summary.eur_ci",
                lo=float(best["diff_ci_low"]),
                hi=float(best["diff_ci_high"]),
            )
        else:
            d = 100 * float(best["diff"])
            diff = Note("compare.summary.pp", d=d)
            ci = Note(
                "compare.summary.ci",
                lo=100 * float(best["diff_ci_low"]),
                hi=100 * float(best["diff_ci_high"]),
            )
        code = (
            ("compare.summary.beats" if d > 0 else "compare.summary.trails")
            if pd.notna(best["significant"]) and bool(best["significant"])  # NA: no test
            else "compare.summary.no_clear"
        )
        main = Note(
            code,
            level=str(best["level"]),
            baseline=str(self.baseline),
            label=label,
            diff=diff,
            ci=ci,
            corr=corr,
        )
        text = Note(
            "compare.summary.sentence",
            main=main,
            several=Note("compare.summary.several", n=len(sig)) if len(sig) > 1 else "",
            how=Note("compare.summary.sequential") if self.sequential else "",
        )
        w = self.within
        if w is not None and w.differs:
            groups: dict[str, list[str]] = {}
            for seg, lv in w.preferred().items():
                groups.setdefault(lv, []).append(seg)
            per = "; ".join(f"{', '.join(segs)}: {lv}" for lv, segs in groups.items())
            text = Note(
                "compare.summary.differs",
                by=self.by,
                within=w.by,
                p=float(w.additive_p_value),
                per=per,
                overall=text,
            )
        return text


def _json_value(v: Any) -> Any:
    if v is None or v is pd.NA:
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(float(v)) else float(v)
    return v


@dataclass(frozen=True)
class Contrast:
    """What a comparison table compares: every level of ``by`` with ``baseline`` (default:
    the level with most contacts) on ``metric``, at significance level ``alpha``, adjusted
    by ``correction`` (``holm``, ``bh`` or ``none``). Made once per table, by
    :func:`icplab.icp.compare.compare_result` for a rate or a value metric alike."""

    by: str
    metric: Metric
    baseline: str | None = None
    alpha: float = 0.05
    correction: str = "holm"


def compare_counts(
    table: pd.DataFrame,
    contrast: Contrast,
    srm: SRMResult | None = None,
    inference: Inference = FIXED,
) -> ComparisonResult:
    """Compare the levels of a count table (one row per level of ``contrast.by``).

    The workhorse behind :func:`icplab.icp.compare.compare_result` and
    :func:`icplab.icp.compare.compare_all`, on a ``table`` that is already aggregated
    (``icplab.data.counts.counts(frame, [by])``).

    Returns
    -------
    ComparisonResult
    """
    by, metric, baseline = contrast.by, contrast.metric, contrast.baseline
    alpha, correction = contrast.alpha, contrast.correction
    if not 0 < alpha < 1:
        raise UsageError(Note("compare.bad_alpha", alpha=alpha))
    correction = str(correction).lower()
    adjust_pvalues([], correction)  # validates the name
    levels_raw = [str(v) for v in table[by].tolist()]
    if len(set(levels_raw)) != len(levels_raw):
        table = table.assign(**{by: levels_raw}).groupby(by, sort=False).sum(numeric_only=True)
        table = table.reset_index()
        levels_raw = [str(v) for v in table[by].tolist()]
    s_all, n_all = metric_counts(table, metric)
    contacts_all = table["contacted"].to_numpy(dtype="int64")
    order = {lv: i for i, lv in enumerate(levels_raw)}
    levels = ordered_levels(levels_raw)
    idx = np.array([order[lv] for lv in levels], dtype="int64")
    s, n, contacts = s_all[idx], n_all[idx], contacts_all[idx]
    label = metric.title.lower()
    denom = metric.denominator_in(table.columns)
    fallback = metric.fallback_note(table.columns)
    notes: list[str] = [fallback] if fallback else []
    if len(levels) == 0 or n.sum() == 0:
        raise NotEnoughDataError(Note("compare.no_denominator", metric=metric.name, denom=denom))
    if baseline is None:
        eligible = np.where(n > 0, contacts, -1)
        base_i = int(np.argmax(eligible))  # first maximum in the ordered levels
    else:
        matches = [i for i, lv in enumerate(levels) if lv == str(baseline)]
        if not matches:
            matches = [
                i for i, lv in enumerate(levels) if lv.casefold() == str(baseline).casefold()
            ]
        if not matches:
            raise UsageError(
                Note("compare.bad_baseline", baseline=str(baseline), by=by, levels=tuple(levels))
            )
        base_i = matches[0]
        if n[base_i] == 0:
            notes.append(Note("compare.baseline_empty", baseline=levels[base_i], denom=denom))
    base = levels[base_i]
    order_rows = [base_i] + [i for i in range(len(levels)) if i != base_i]
    lv = [levels[i] for i in order_rows]
    s, n, contacts = s[order_rows], n[order_rows], contacts[order_rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(n > 0, s / np.where(n > 0, n, 1), np.nan)
    if inference.is_sequential:  # one inference per output: the rates' intervals are too
        lo, hi = sequential_interval(s, n, alpha=alpha, tuning=inference.rate_tuning)
    else:
        lo, hi = wilson_interval(s, n)
    lo = np.where(n > 0, lo, np.nan)
    hi = np.where(n > 0, hi, np.nan)
    k = len(lv)
    nan = np.full(k, np.nan)
    diff, dlo, dhi, pv, pbeat = nan.copy(), nan.copy(), nan.copy(), nan.copy(), nan.copy()
    test = np.array([""] * k, dtype=object)
    comp = np.arange(1, k)
    comp = comp[(n[comp] > 0) & (n[0] > 0)]
    if comp.size:
        s0, n0 = s[0], n[0]
        diff[comp] = rate[comp] - rate[0]
        if inference.is_sequential:
            a, b, p = sequential_diff(
                s[comp], n[comp], s0, n0, alpha=alpha, tuning=inference.tuning
            )
            dlo[comp], dhi[comp], pv[comp] = a, b, p
            test[comp] = "sequential"
        else:
            a, b = newcombe_interval(s[comp], n[comp], s0, n0)
            dlo[comp], dhi[comp] = a, b
            p, t = two_proportion_pvalue(s[comp], n[comp], s0, n0)
            pv[comp] = p
            test[comp] = t
        pbeat[comp] = prob_beats(s[comp], n[comp], s0, n0)
    padj = adjust_pvalues(pv, correction)
    significant: np.ndarray = np.where(np.isnan(padj), None, padj < alpha)  # type: ignore[call-overload]
    significant[0] = None
    empty = [lv[i] for i in range(k) if n[i] == 0]
    if empty:
        notes.append(Note("compare.empty_levels", denom=denom, levels=tuple(empty)))
    if k == 1:
        notes.append(Note("compare.one_level", by=by, base=base))
    if inference.is_sequential:
        notes.append(Note("compare.sequential", tuning=inference.tuning))
    if comp.size and (test[comp] == "fisher").any():
        few = [lv[i] for i in comp if test[i] == "fisher"]
        notes.append(Note("compare.fisher", levels=tuple(few)))
    out = pd.DataFrame(
        {
            "level": lv,
            "n": n.astype("int64"),
            "successes": s.astype("int64"),
            "rate": rate,
            "ci_low": lo,
            "ci_high": hi,
            "diff": diff,
            "diff_ci_low": dlo,
            "diff_ci_high": dhi,
            "p_value": pv,
            "p_adjusted": padj,
            "prob_beats_baseline": pbeat,
            "significant": pd.array(significant, dtype="boolean"),
            "test": pd.array(np.where(test == "", None, test), dtype="string"),  # type: ignore[call-overload]
            "is_baseline": np.arange(k) == 0,
            "contacts": contacts.astype("int64"),
        }
    )
    if srm is not None and srm.mismatch:
        notes.insert(0, srm.note)
    return ComparisonResult(
        metric=metric.name,
        by=by,
        baseline=base,
        alpha=float(alpha),
        correction=correction,
        table=out,
        notes=tuple(notes),
        srm=srm,
        sequential=inference.is_sequential,
        label=label,
        denominator=denom,
    )
