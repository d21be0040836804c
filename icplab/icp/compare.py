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
>>> result.srm.checked, result.srm.mismatch  # salutation is assigned: its split is checked
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd

from icplab.core.config import Config, WhereValue
from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import Metric, lookup_metric
from icplab.core.notes import Note
from icplab.data.counts import (
    apply_where,
    count_columns,
    counts,
    explain_no_match,
    left_out_note,
)
from icplab.data.maturity import mature_frame, resolve_as_of, sent_by
from icplab.data.nesting import confounding_notes
from icplab.data.personal import refuse_identifying
from icplab.icp.comparison import (  # re-exported: the result type and the workhorse
    BASE_FIELDS,
    COMPARISON_FIELDS,
    TABLE_COLUMNS,
    ComparisonResult,
    Contrast,
    compare_counts,
)
from icplab.icp.disclosure import disclose
from icplab.icp.heterogeneity import within_comparison
from icplab.icp.scope import Scope
from icplab.icp.value import mean_comparison_table
from icplab.stats.srm import SRMResult, srm_check


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
    found = lookup_metric(metric, metrics)
    if found is None:
        raise UsageError(Note("compare.unknown_metric", metric=str(metric), known=tuple(metrics)))
    return found


def _all_columns(frame: pd.DataFrame) -> tuple[str, ...]:
    """The frame's column names, sorted (for an error that names what is there)."""
    return tuple(sorted(map(str, frame.columns)))


def _factor_columns(frame: pd.DataFrame) -> tuple[str, ...]:
    """The frame's columns that are no count columns, sorted."""
    return tuple(c for c in _all_columns(frame) if c not in count_columns(frame))


def _frame_of(data: Any) -> pd.DataFrame:
    frame = getattr(data, "frame", data)
    if not isinstance(frame, pd.DataFrame):
        raise UsageError(Note("compare.needs_data"))
    if "contacted" not in frame.columns:
        raise UsageError(Note("compare.no_contacted"))
    return frame


def _segment_counts(
    data: Any,
    by: str,
    where: Mapping[str, WhereValue] | None,
    metric: Metric | None = None,
    as_of: date | None = None,
) -> tuple[pd.DataFrame, int]:
    """Counts per level of ``by`` inside ``where``, mature for ``metric``; and the number
    of contacts still maturing."""
    frame = _frame_of(data)
    if by == "rejection_reason":
        raise UsageError(Note("compare.by_rejection_reason"))
    refuse_identifying(frame, by, "--by")  # --where columns: apply_where refuses them
    if by not in frame.columns:
        raise UsageError(Note("compare.no_by_column", by=by, columns=_factor_columns(frame)))
    full = frame
    frame = apply_where(frame, where)
    if len(frame) == 0 or int(frame["contacted"].sum()) == 0:
        raise NotEnoughDataError(Note("compare.no_match", why=explain_no_match(full, where)))
    if metric is None:
        return counts(frame, [by]), 0
    frame = sent_by(frame, resolve_as_of(as_of), whole_log=not where)
    mature, info = mature_frame(frame, metric, as_of)
    if info.maturing and int(mature["contacted"].sum() if len(mature) else 0) == 0:
        raise NotEnoughDataError(
            Note(
                "compare.all_maturing",
                window=info.window_days,
                metric=metric.name,
                as_of=info.as_of,
            )
        )
    return counts(mature, [by]), info.maturing


def _srm_for(table: pd.DataFrame, by: str, config: Config) -> SRMResult:
    return srm_check(
        by, [str(v) for v in table[by].tolist()], table["contacted"].tolist(), config.split
    )


def _compare_mean(
    frame: pd.DataFrame, contrast: Contrast, config: Config, table: pd.DataFrame
) -> ComparisonResult:
    """A value metric's comparison (:func:`icplab.icp.value.mean_comparison_table`)."""
    contrast = replace(contrast, correction=str(contrast.correction).lower())
    by, m, alpha, correction = contrast.by, contrast.metric, contrast.alpha, contrast.correction
    out, base, notes = mean_comparison_table(frame, contrast)
    srm = _srm_for(table, by, config)
    if srm.mismatch:
        notes.insert(0, srm.note)
    return ComparisonResult(
        m.name,
        by,
        base,
        float(alpha),
        correction,
        out,
        tuple(notes),
        srm,
        False,
        m.title.lower(),
        kind="mean",
        denominator=m.denominator_in(frame.columns),
    )


def compare_result(
    data: Any,
    by: str,
    metric: str | Metric,
    baseline: str | None = None,
    alpha: float | None = None,
    correction: str | None = None,
    scope: Scope | None = None,
    *,
    within: str | None = None,
) -> ComparisonResult:
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
    scope
        The segment filters, the workspace config (metrics, alpha, correction, declared
        splits), the as-of date and the inference (:class:`~icplab.icp.scope.Scope`; all
        defaults when omitted). With a sequential inference, always-valid confidence
        sequences replace the intervals and p-values.
    within
        A second column (e.g. ``industry``): also compare inside each of its levels and
        test whether the factor's effect differs across them; the result's ``within``
        holds the :class:`icplab.icp.heterogeneity.WithinResult` (the comparison inside
        every level and the interaction test).

    Returns
    -------
    ComparisonResult
        ``to_dict()`` is the JSON of ``icplab compare``; ``to_frame()`` has one row per
        level, baseline first, then in natural level order, with columns: ``level`` (str), ``n`` and ``successes`` (the metric's denominator and numerator),
        ``rate``, ``ci_low``, ``ci_high`` (95 % Wilson), ``diff`` (level minus baseline),
        ``diff_ci_low``, ``diff_ci_high`` (95 % Newcombe), ``p_value`` (pooled z-test or
        Fisher), ``p_adjusted``, ``prob_beats_baseline``, ``significant``
        (``p_adjusted < alpha``, nullable boolean), ``test`` (``z``, ``fisher`` or
        ``sequential``), ``is_baseline`` and ``contacts``. Comparison columns are NaN
        on the baseline row and on levels with a zero denominator (rate NaN too). The
        result also holds ``baseline``, ``notes`` and ``srm``.

    Raises
    ------
    UsageError
        Unknown column, metric or baseline (the message lists the valid ones).
    NotEnoughDataError
        No contacts in the segment, or the metric's denominator is zero everywhere.

    Examples
    --------
    See the module docstring: a count table of two salutations, its baseline, the
    difference row and the one-line summary.
    """
    scope = scope or Scope()
    config, where = scope.config, scope.where
    m = resolve_metric(metric, config)
    inference = scope.judged_by()
    as_of = scope.day()
    table, maturing = _segment_counts(data, by, where, m, as_of)
    nested = tuple(  # issue 20: a factor nested in a segment (validate warns too)
        confounding_notes(apply_where(_frame_of(data), where), by)
    )
    told = disclose(apply_where(_frame_of(data), where), [m], as_of)
    if m.is_mean and within:
        raise UsageError(Note("compare.within_mean", metric=m.name))
    contrast = Contrast(
        by,
        m,
        baseline,
        config.alpha if alpha is None else alpha,
        config.correction if correction is None else correction,
    )
    if m.is_mean:
        frame = sent_by(apply_where(_frame_of(data), where), as_of)
        mature, _ = mature_frame(frame, m, as_of)
        res = _compare_mean(mature, contrast, config, table)
        notes = res.notes
        if inference.is_sequential:  # no confidence sequence for means yet: say so
            notes = (*notes, Note("compare.mean_fixed", metric=m.name))
        if maturing:
            notes = (*notes, maturing_note(m, maturing, as_of))
        notes = (*nested, *notes, *told.notes(as_of))
        return replace(res, as_of=as_of, maturing=maturing, notes=notes, disclosure=told)
    result = compare_counts(table, contrast, srm=_srm_for(table, by, config), inference=inference)
    notes = (*nested, *result.notes)
    if maturing:
        notes = (*notes, maturing_note(m, maturing, as_of))
    if (left := left_out_note(apply_where(_frame_of(data), where), [by])) is not None:
        notes = (*notes, left)  # contacts with a blank value in the factor (issue 20)
    notes = (*notes, *told.notes(as_of))
    result = replace(result, as_of=as_of, maturing=maturing, notes=notes, disclosure=told)
    if within:
        frame = _frame_of(data)
        if within == by:
            raise UsageError(Note("within.same_as_factor", within=within, factor=by))
        refuse_identifying(frame, within, "--within")
        if within not in frame.columns:
            raise UsageError(
                Note("within.no_column", within=within, columns=_factor_columns(frame))
            )
        mature_rows, _ = mature_frame(sent_by(apply_where(frame, where), as_of), m, as_of)
        cells = counts(mature_rows, [by, within])
        w = within_comparison(
            cells,
            by,
            within,
            m,
            baseline=result.baseline,
            alpha=contrast.alpha,
            correction=contrast.correction,
            inference=inference,
        )
        result = replace(result, within=w)
    return result


def maturing_note(metric: Metric, maturing: int, as_of: date) -> str:
    """Plain sentence on the contacts not counted yet.

    Examples
    --------
    >>> from icplab.core.metrics import DEFAULT_METRICS
    >>> maturing_note(DEFAULT_METRICS["reply_rate"], 120, date(2026, 9, 30))
    '120 contacts sent in the 28 days before 2026-09-30 are still maturing and not counted in reply_rate yet.'
    """
    return Note(
        "maturing.metric", maturing=maturing, window=metric.window, as_of=as_of, metric=metric.name
    )


def compare_all(
    data: Any,
    factors: Sequence[str],
    metrics: Iterable[str | Metric],
    scope: Scope | None = None,
) -> dict[tuple[str, str], ComparisonResult]:
    """Every comparison for every factor x metric, from one counts pass per window.

    The data is aggregated once over all ``factors`` together for each distinct maturity
    window; each factor's table is a sum over that small table. ``scope`` as in
    :func:`compare_result`.

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
    scope = scope or Scope()
    config = scope.config
    frame = apply_where(_frame_of(data), scope.where)
    factors = list(factors)
    missing = [f for f in factors if f not in frame.columns]
    if missing:
        raise UsageError(
            Note("compare.no_columns", missing=tuple(missing), columns=_all_columns(frame))
        )
    inference = scope.judged_by()
    as_of = scope.day()
    resolved = [resolve_metric(m, config) for m in metrics]
    out: dict[tuple[str, str], ComparisonResult] = {}
    told = {m.name: disclose(frame, [m], as_of) for m in resolved}
    frame = sent_by(frame, as_of)
    by_window: dict[int, tuple[pd.DataFrame, int]] = {}
    for m in resolved:
        if m.window not in by_window:
            mature, info = mature_frame(frame, m, as_of)
            by_window[m.window] = (counts(mature, factors), info.maturing)
    for f in factors:
        for m in resolved:
            full, maturing = by_window[m.window]
            cols = [c for c in count_columns(full)]
            table = full.groupby(f, observed=True, sort=True)[cols].sum().reset_index()
            table = table[table["contacted"] > 0].reset_index(drop=True)
            if table.empty:
                continue
            srm = _srm_for(table, f, config)
            contrast = Contrast(f, m, alpha=config.alpha, correction=config.correction)
            try:
                if m.is_mean:
                    mature, _ = mature_frame(frame, m, as_of)
                    res = _compare_mean(mature, contrast, config, table)
                else:
                    res = compare_counts(table, contrast, srm=srm, inference=inference)
            except NotEnoughDataError:
                continue
            notes = res.notes
            if maturing:
                notes = (*notes, maturing_note(m, maturing, as_of))
            notes = (*notes, *told[m.name].notes(as_of))
            out[(f, m.name)] = replace(
                res, as_of=as_of, maturing=maturing, notes=notes, disclosure=told[m.name]
            )
    return out


__all__ = [
    "BASE_FIELDS",
    "COMPARISON_FIELDS",
    "TABLE_COLUMNS",
    "ComparisonResult",
    "compare_all",
    "compare_counts",
    "compare_result",
    "maturing_note",
    "resolve_metric",
]
