"""Compare the levels of a factor on a success metric (CONTRACT section 3).

Each level is compared with a baseline level (default: the level with most contacts):
Wilson interval of each rate, Newcombe interval of the difference, pooled z-test (Fisher's
exact test on small counts), Holm/BH adjustment over the comparisons of the table, the
posterior probability of beating the baseline and, for assigned factors, a sample-ratio-
mismatch check. Everything is computed from counts.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"salutation": ["sie", "du"], "contacted": [1200, 1180],
...                       "replied": [150, 201], "meeting": [60, 80]})
>>> result = compare_result(table, "salutation", "reply_rate")
>>> result.baseline
'sie'
>>> row = result.to_dict()["rows"][1]
>>> row["level"], round(row["diff"], 3), row["significant"]
('du', 0.045, True)
>>> result.summary()
'du beats sie on reply rate: +4.5 pp [1.7, 7.4], significant after Holm.'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import Config, WhereValue
from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import Metric, metric_counts
from icplab.core.schema import ordered_levels
from icplab.data.counts import apply_where, count_columns, counts
from icplab.stats.multiplicity import METHOD_NAMES, adjust_pvalues
from icplab.stats.proportions import (
    newcombe_interval,
    prob_beats,
    two_proportion_pvalue,
    wilson_interval,
)
from icplab.stats.sequential import DEFAULT_TUNING, sequential_diff
from icplab.stats.srm import SRMResult, srm_check

#: Columns of the comparison table, in order.
TABLE_COLUMNS: tuple[str, ...] = (
    "level",
    "n",
    "successes",
    "rate",
    "ci_low",
    "ci_high",
    "diff",
    "diff_ci_low",
    "diff_ci_high",
    "p_value",
    "p_adjusted",
    "prob_beats_baseline",
    "significant",
    "test",
    "is_baseline",
    "contacts",
)
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
    within: Any = None

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
        each segment's ``contacts``). Extra keys: ``srm`` (the sample-ratio check),
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
        }
        if self.within is not None:
            out["within"] = self.within.to_dict()
        out["srm"] = self.srm.to_dict() if self.srm is not None else None
        out["notes"] = list(self.notes)
        out["sequential"] = self.sequential
        return out

    def summary(self) -> str:
        """One plain-language sentence on the clearest difference, for founders."""
        t = self.table[~self.table["is_baseline"] & self.table["diff"].notna()]
        label = self.label or self.metric.replace("_", " ")
        if t.empty:
            return f"Nothing to compare on {label}: " + (
                self.notes[0] if self.notes else "no level besides the baseline has data."
            )
        how = "always-valid sequential p-values" if self.sequential else ""
        corr = "" if self.correction == "none" else f" after {METHOD_NAMES[self.correction]}"
        sig = t[t["significant"].astype(bool)]
        pick = sig if not sig.empty else t
        best = pick.loc[pick["p_adjusted"].fillna(2.0).idxmin()]
        d = 100 * best["diff"]
        ci = f"[{100 * best['diff_ci_low']:.1f}, {100 * best['diff_ci_high']:.1f}]"
        verb = "beats" if d > 0 else "trails"
        if best["significant"]:
            text = (
                f"{best['level']} {verb} {self.baseline} on {label}: {d:+.1f} pp {ci}, "
                f"significant{corr}"
            )
        else:
            text = (
                f"No clear difference to {self.baseline} on {label}: the largest signal is "
                f"{best['level']} at {d:+.1f} pp {ci}, not significant{corr} (could be chance)"
            )
        if len(sig) > 1:
            text += f"; {len(sig)} levels differ significantly"
        if how:
            text += f"; {how}"
        text += "."
        w = self.within
        if w is not None and w.differs:
            groups: dict[str, list[str]] = {}
            for seg, lv in w.preferred().items():
                groups.setdefault(lv, []).append(seg)
            per = "; ".join(f"{', '.join(segs)}: {lv}" for lv, segs in groups.items())
            text = (
                f"The effect of {self.by} differs by {w.by} (interaction p = {w.p_value:.2g}), "
                f"so there is no single winner: {per}. Overall: " + text
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


def resolve_metric(metric: str | Metric, config: Config | None = None) -> Metric:
    """The :class:`Metric` named ``metric`` in the workspace config (or the defaults).

    Examples
    --------
    >>> resolve_metric("reply_rate").denominator
    'contacted'
    """
    if isinstance(metric, Metric):
        return metric
    metrics = (config or Config()).metrics
    if metric not in metrics:
        raise UsageError(
            f"unknown metric '{metric}'; known metrics: {', '.join(metrics)}. "
            "Define new ones under [metrics.NAME] in icplab.toml."
        )
    return metrics[metric]


def _frame_of(data: Any) -> pd.DataFrame:
    frame = getattr(data, "frame", data)
    if not isinstance(frame, pd.DataFrame):
        raise UsageError("compare needs an OutreachData (icplab.data.load.load) or a DataFrame.")
    if "contacted" not in frame.columns:
        raise UsageError(
            "the table has no 'contacted' column; pass a loaded outreach log "
            "(icplab.data.load.load) or a count table from icplab.data.counts.counts."
        )
    return frame


def _segment_counts(data: Any, by: str, where: Mapping[str, WhereValue] | None) -> pd.DataFrame:
    frame = _frame_of(data)
    if by not in frame.columns:
        raise UsageError(
            f"cannot compare by '{by}': no such column. "
            f"Available: {', '.join(sorted(c for c in map(str, frame.columns) if c not in count_columns(frame)))}."
        )
    frame = apply_where(frame, where)
    if len(frame) == 0 or int(frame["contacted"].sum()) == 0:
        raise NotEnoughDataError(
            "no contacts match the --where filters; loosen them or check the level names."
        )
    return counts(frame, [by])


def compare_counts(
    table: pd.DataFrame,
    by: str,
    metric: Metric,
    baseline: str | None = None,
    alpha: float = 0.05,
    correction: str = "holm",
    srm: SRMResult | None = None,
    sequential: bool = False,
    tuning: float = DEFAULT_TUNING,
) -> ComparisonResult:
    """Compare the levels of a count table (one row per level of ``by``).

    The workhorse behind :func:`compare` and :func:`compare_all`; same parameters, but
    ``table`` is already aggregated (``icplab.data.counts.counts(frame, [by])``).

    Returns
    -------
    ComparisonResult
    """
    if not 0 < alpha < 1:
        raise UsageError(f"alpha must be between 0 and 1, got {alpha}.")
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
    notes: list[str] = []
    if len(levels) == 0 or n.sum() == 0:
        raise NotEnoughDataError(
            f"{metric.name}: no level has any {denom} (its denominator), so there is no "
            f"rate to compare. Pick another metric or widen the --where filters."
        )
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
                f"baseline '{baseline}' is not a level of '{by}' here; levels: {', '.join(levels)}."
            )
        base_i = matches[0]
        if n[base_i] == 0:
            notes.append(
                f"The baseline '{levels[base_i]}' has no {denom}, so no level can be "
                f"compared with it; choose another --baseline."
            )
    base = levels[base_i]
    order_rows = [base_i] + [i for i in range(len(levels)) if i != base_i]
    lv = [levels[i] for i in order_rows]
    s, n, contacts = s[order_rows], n[order_rows], contacts[order_rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(n > 0, s / np.where(n > 0, n, 1), np.nan)
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
        if sequential:
            a, b, p = sequential_diff(s[comp], n[comp], s0, n0, alpha=alpha, tuning=tuning)
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
    significant = np.where(np.isnan(padj), None, padj < alpha)
    significant[0] = None
    empty = [lv[i] for i in range(k) if n[i] == 0]
    if empty:
        notes.append(
            f"No {denom} in {', '.join(empty)}: rate and comparison left empty (null) there."
        )
    if k == 1:
        notes.append(f"Only one level of '{by}' ({base}) has data: there is nothing to compare.")
    if sequential:
        notes.append(
            "Sequential mode: difference intervals and p-values are always-valid (asymptotic "
            f"confidence sequence, tuned for {tuning:g} contacts), so looking every day is fine."
        )
    if comp.size and (test[comp] == "fisher").any():
        few = [lv[i] for i in comp if test[i] == "fisher"]
        notes.append(f"Fisher's exact test used for {', '.join(few)} (small counts).")
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
            "test": pd.array(np.where(test == "", None, test), dtype="string"),
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
        sequential=sequential,
        label=label,
    )


def _srm_for(table: pd.DataFrame, by: str, config: Config) -> SRMResult:
    return srm_check(
        by, [str(v) for v in table[by].tolist()], table["contacted"].tolist(), config.split
    )


def compare_result(
    data: Any,
    by: str,
    metric: str | Metric,
    baseline: str | None = None,
    alpha: float | None = None,
    correction: str | None = None,
    where: Mapping[str, WhereValue] | None = None,
    config: Config | None = None,
    sequential: bool = False,
    *,
    within: str | None = None,
) -> ComparisonResult:
    """Like :func:`compare` but returns the full :class:`ComparisonResult`.

    With ``within=COLUMN`` the result's ``within`` holds the comparison inside every level
    of COLUMN and the interaction test (:mod:`icplab.icp.heterogeneity`).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"messaging": ["a", "b"], "contacted": [500, 520],
    ...                   "replied": [60, 90], "meeting": [20, 30]})
    >>> r = compare_result(t, "messaging", "reply_rate")
    >>> r.baseline, r.srm.checked, r.srm.mismatch
    ('b', True, False)
    """
    config = config or Config()
    m = resolve_metric(metric, config)
    table = _segment_counts(data, by, where)
    tuning = float((config.raw.get("stats") or {}).get("sequential_tuning", DEFAULT_TUNING))
    alpha = config.alpha if alpha is None else alpha
    correction = config.correction if correction is None else correction
    result = compare_counts(
        table,
        by,
        m,
        baseline=baseline,
        alpha=alpha,
        correction=correction,
        srm=_srm_for(table, by, config),
        sequential=sequential,
        tuning=tuning,
    )
    if within:
        from icplab.icp.heterogeneity import within_comparison  # same layer, avoids a cycle

        frame = _frame_of(data)
        if within == by:
            raise UsageError(
                f"--within {within}: choose a column other than the compared factor '{by}'."
            )
        if within not in frame.columns:
            raise UsageError(
                f"cannot compare within '{within}': no such column. Available: "
                f"{', '.join(sorted(c for c in map(str, frame.columns) if c not in count_columns(frame)))}."
            )
        cells = counts(apply_where(frame, where), [by, within])
        w = within_comparison(
            cells,
            by,
            within,
            m,
            baseline=result.baseline,
            alpha=alpha,
            correction=correction,
            sequential=sequential,
            tuning=tuning,
        )
        result = replace(result, within=w)
    return result


def compare(
    data: Any,
    by: str,
    metric: str | Metric,
    baseline: str | None = None,
    alpha: float | None = None,
    correction: str | None = None,
    where: Mapping[str, WhereValue] | None = None,
    config: Config | None = None,
    sequential: bool = False,
    *,
    within: str | None = None,
) -> pd.DataFrame:
    """Compare each level of ``by`` with a baseline level on ``metric``.

    Parameters
    ----------
    data
        An :class:`icplab.data.load.OutreachData`, its canonical frame, or a count table
        (any frame with ``contacted`` and the metric's count columns).
    by
        The factor: ``industry``, ``size_band``, ``messaging``, ``salutation`` or any
        group column.
    metric
        Metric name from the workspace config (``reply_rate``, ...) or a :class:`Metric`.
    baseline
        Level to compare against; default the level with most contacts (ties: the first
        in :func:`icplab.core.schema.ordered_levels` order) among levels with a non-zero
        denominator.
    alpha, correction
        Significance level and ``holm`` / ``bh`` / ``none``; default from the config
        (0.05, Holm). The adjustment runs over all comparisons in the table.
    where
        Segment filters, e.g. ``{"industry": ("IT",)}`` (see :func:`icplab.data.counts.parse_where`).
    config
        Workspace config (metrics, alpha, correction, declared splits); default values
        when omitted.
    sequential
        Replace the difference interval and p-value by always-valid (sequential) ones
        (:mod:`icplab.stats.sequential`).
    within
        A second column (e.g. ``industry``): also compare inside each of its levels and
        test whether the factor's effect differs across them; the
        :class:`icplab.icp.heterogeneity.WithinResult` goes to ``attrs["within"]``.

    Returns
    -------
    pandas.DataFrame
        One row per level, baseline first, then in natural level order, with columns:
        ``level`` (str), ``n`` and ``successes`` (the metric's denominator and numerator),
        ``rate``, ``ci_low``, ``ci_high`` (95 % Wilson), ``diff`` (level minus baseline),
        ``diff_ci_low``, ``diff_ci_high`` (95 % Newcombe), ``p_value`` (pooled z-test or
        Fisher), ``p_adjusted``, ``prob_beats_baseline``, ``significant``
        (``p_adjusted < alpha``, nullable boolean), ``test`` (``z``, ``fisher`` or
        ``sequential``), ``is_baseline`` and ``contacts``. Comparison columns are NaN
        on the baseline row and on levels with a zero denominator (rate NaN too).
        ``DataFrame.attrs`` holds ``baseline``, ``notes`` and ``srm``.

    Raises
    ------
    UsageError
        Unknown column, metric or baseline (the message lists the valid ones).
    NotEnoughDataError
        No contacts in the segment, or the metric's denominator is zero everywhere.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"industry": ["IT", "Handel", "IT"], "contacted": [300, 200, 100],
    ...                   "replied": [60, 20, 15], "meeting": [30, 8, 5]})
    >>> out = compare(t, "industry", "reply_rate")
    >>> out[["level", "n", "successes"]].values.tolist()
    [['IT', 400, 75], ['Handel', 200, 20]]
    >>> out.attrs["baseline"]
    'IT'
    """
    result = compare_result(
        data, by, metric, baseline, alpha, correction, where, config, sequential, within=within
    )
    table = result.to_frame()
    table.attrs = {"baseline": result.baseline, "notes": list(result.notes), "srm": result.srm}
    if result.within is not None:
        table.attrs["within"] = result.within
    return table


def compare_all(
    data: Any,
    factors: Sequence[str],
    metrics: Iterable[str | Metric],
    config: Config | None = None,
    where: Mapping[str, WhereValue] | None = None,
) -> dict[tuple[str, str], ComparisonResult]:
    """Every comparison for every factor x metric, from one counts pass.

    The data is aggregated once over all ``factors`` together; each factor's table is a
    sum over that small table.

    Returns
    -------
    dict
        ``{(factor, metric_name): ComparisonResult}`` with default baselines. Pairs that
        cannot be computed (e.g. no qualified leads anywhere) are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"industry": ["IT", "Handel"], "salutation": ["du", "sie"],
    ...                   "contacted": [300, 200], "replied": [60, 20], "meeting": [30, 8]})
    >>> sorted(compare_all(t, ["industry", "salutation"], ["reply_rate"]))
    [('industry', 'reply_rate'), ('salutation', 'reply_rate')]
    """
    config = config or Config()
    frame = apply_where(_frame_of(data), where)
    factors = list(factors)
    missing = [f for f in factors if f not in frame.columns]
    if missing:
        raise UsageError(
            f"no such column: {', '.join(missing)}. Available: "
            f"{', '.join(sorted(map(str, frame.columns)))}."
        )
    full = counts(frame, factors)
    resolved = [resolve_metric(m, config) for m in metrics]
    out: dict[tuple[str, str], ComparisonResult] = {}
    cols = [c for c in count_columns(full)]
    for f in factors:
        table = full.groupby(f, observed=True, sort=True)[cols].sum().reset_index()
        table = table[table["contacted"] > 0].reset_index(drop=True)
        srm = _srm_for(table, f, config)
        for m in resolved:
            try:
                out[(f, m.name)] = compare_counts(
                    table, f, m, alpha=config.alpha, correction=config.correction, srm=srm
                )
            except NotEnoughDataError:
                continue
    return out
