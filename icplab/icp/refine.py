"""ICP refinement: from campaign evidence to the next, sharper ICP (CONTRACT section 5).

Every industry x size band cell (more dimensions with ``by``) lands in exactly one list:

- ``untested``: fewer than ``min_contacts`` in the metric's denominator;
- ``icp``: the target is met: BOTH the Wilson lower bound AND the pooled (shrunk)
  posterior lower bound are at or above the target;
- ``not_icp``: the target is missed: BOTH the Wilson upper bound AND the pooled posterior
  upper bound are below the target;
- ``candidates``: everything else: still open, and the cell may well meet the target.

Requiring both the raw and the pooled evidence makes both ends conservative: a small lucky
cell (3/8) is pulled toward the overall rate and cannot enter ``icp``, and a cell that
truly meets the target is not pushed into ``not_icp`` by the pooling alone.

**Sequential mode** (``refine --sequential``, a sequential
:class:`~icplab.stats.inference.Inference`): the raw bounds are the always-valid
confidence sequences of :func:`icplab.stats.sequential.sequential_interval` with a Bonferroni split of ``alpha`` over the ``k`` cells of the table (each bound at
one-sided level ``alpha / k``). Each cell's bound is crossed wrongly with probability at
most ``alpha / k`` over all nights, so on a campaign where no cell meets the target, a
false ``icp`` cell appears on any night in at most ``alpha`` (5 %) of campaigns, however
often the refinement is re-run (:func:`cell_bounds`).

**Maturity** (``as_of``): contacts still inside the metric's maturity window are not
counted (:mod:`icplab.data.maturity`); a cell whose contacts are all maturing is
``untested``.

Examples
--------
>>> from icplab.data.load import validate_frame
>>> from icplab.data.sample import generate_outreach
>>> data = validate_frame(generate_outreach(6000, seed=3), source="demo.csv")
>>> res = refine(data, "reply_rate")
>>> d = res.to_dict()
>>> [k for k in ("metric", "target", "segments", "icp", "candidates", "not_icp", "untested") if k not in d]
[]
>>> total = sum(len(d[k]) for k in ("icp", "candidates", "not_icp", "untested"))
>>> total == len(d["segments"])
True
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import Metric, metric_counts
from icplab.core.notes import Note
from icplab.data.counts import count_columns, counts, left_out_note
from icplab.data.load import OutreachData
from icplab.data.maturity import mature_frame, sent_by
from icplab.icp.compare import resolve_metric
from icplab.icp.cycle import horizon_cell_counts, horizon_note, window_table_note
from icplab.icp.disclosure import disclose
from icplab.icp.recommend import recommend
from icplab.icp.refine_result import DEFAULT_BY, RefineResult
from icplab.icp.scope import Scope
from icplab.icp.value import method_fields, refine_mean_cells, require_target
from icplab.stats.inference import FIXED, Inference
from icplab.stats.pooling import fit_beta_prior, pooled_rates
from icplab.stats.proportions import wilson_interval
from icplab.stats.selective import selective_split
from icplab.stats.sequential import sequential_interval


def refine(
    data: OutreachData,
    metric: str | Metric = "reply_rate",
    by: Sequence[str] = DEFAULT_BY,
    *,
    target: float | None = None,
    min_contacts: int | None = None,
    scope: Scope | None = None,
) -> RefineResult:
    """Sort every segment cell into icp / candidates / not_icp / untested.

    Parameters
    ----------
    data
        A validated log.
    metric
        Metric name from the config (or a :class:`Metric`).
    by
        Cell dimensions, default industry x size band; more (e.g. ``messaging``) allowed.
    target, min_contacts
        Override the metric's target and the config's ``[refine] min_contacts``.
    scope
        The segment to restrict to first, the workspace, the as-of date (maturity
        windows) and the inference (:class:`~icplab.icp.scope.Scope`). A sequential
        inference judges on always-valid confidence sequences Bonferroni-split over the
        cells, so nightly re-runs stay honest; a fixed one on Wilson intervals.

    Returns
    -------
    RefineResult
    """
    scope = scope or Scope()
    config, where = scope.config, scope.where
    m = resolve_metric(metric, config)
    if m.is_mean and target is None:
        target = require_target(m)
    target = float(m.target if target is None else target)
    min_contacts = int(config.refine_min_contacts if min_contacts is None else min_contacts)
    by = tuple(dict.fromkeys(by))
    data = data.where(dict(where)) if where else data
    missing = [c for c in by if c not in data.frame.columns]
    if missing:
        raise UsageError(
            Note("refine.no_column", names=", ".join(map(repr, missing)), source=str(data.source))
        )
    inference = scope.judged_by()
    as_of = scope.day()
    told = disclose(data.frame, [m], as_of)  # before the as_of cut: counts what it leaves out
    data = OutreachData(
        sent_by(data.frame, as_of, whole_log=True), data.source, data.aggregated, data.size_bands
    )
    if m.is_mean:  # a value metric: normal-normal pooling of cell means (icplab.icp.value)
        mature_rows, info = mature_frame(data.frame, m, as_of)
        cells, nprior = refine_mean_cells(
            mature_rows, m, by, target, min_contacts=min_contacts, alpha=config.alpha
        )
        mlo, mhi = cells["ci_low"].to_numpy(), cells["ci_high"].to_numpy()
        cells["list"] = classify(
            cells["n"].to_numpy(),
            np.maximum(mlo, cells["post_low"].to_numpy()),
            np.minimum(mhi, cells["post_high"].to_numpy()),
            target,
            min_contacts,
        )
        with np.errstate(invalid="ignore"):
            est = cells["estimate"].to_numpy(dtype="float64")
            cells["estimate"] = np.where(
                np.isnan(mlo),
                est,
                np.minimum(np.maximum(est, mlo), np.where(np.isnan(mhi), np.inf, mhi)),
            )
        told_mean = told
        cells = cells.sort_values(["estimate"], ascending=False, kind="stable")
        mean_notes: list[str] = [Note("value.method_refine", **method_fields(m))]
        if inference.is_sequential:
            mean_notes.append(Note("value.no_sequential_cells", metric=m.name))
        if info.maturing:
            mean_notes.append(_maturing_note(info, m))
        mean_notes.extend(told_mean.notes(as_of))
        return RefineResult(
            m,
            target,
            by,
            cells.reset_index(drop=True),
            nprior,
            min_contacts,
            (),
            tuple(mean_notes),
            sequential=False,
            as_of=as_of,
            maturing=info.maturing,
            data_end=_last_sent(data.frame),
            denominator=m.denominator_in(mature_rows.columns),
            disclosure=told_mean,
        )
    all_cells = data.counts(list(by))
    if all_cells.empty:
        raise NotEnoughDataError(Note("refine.no_contacts", source=str(data.source)))
    mature, info = mature_frame(data.frame, m, as_of)
    mature_data = OutreachData(mature, data.source, data.aggregated, data.size_bands)
    table = _with_all_cells(all_cells, counts(mature, list(by)), list(by))
    s, n = metric_counts(table, m)
    if m.horizon_days:  # on the cycle's clock: Kaplan-Meier per cell as effective counts
        s, n = horizon_cell_counts(sent_by(data.frame, as_of), table, list(by), m, as_of, s, n)
    if n.sum() == 0 and not info.maturing:
        raise NotEnoughDataError(
            Note("refine.zero_denominator", metric=m.name, denom=m.denominator_in(table.columns))
        )
    eligible = n >= min_contacts
    lo, hi = cell_bounds(
        s, n, inference=inference, alpha=config.alpha, target=target, eligible=eligible
    )
    prior = fit_beta_prior(
        s[n >= min_contacts] if (n >= min_contacts).sum() >= 2 else s,
        n[n >= min_contacts] if (n >= min_contacts).sum() >= 2 else n,
    )
    post = pooled_rates(s, n, prior, target)
    cells = table[list(by)].copy()
    for c in by:
        cells[c] = cells[c].astype(str)
    cells["contacts"] = table["contacted"].to_numpy()
    cells["n"] = n
    cells["successes"] = s
    with np.errstate(invalid="ignore", divide="ignore"):
        cells["rate"] = np.where(n > 0, s / np.maximum(n, 1), np.nan)
    # the pooled estimate ranks and plots; it never leaves the cell's own interval
    cells["estimate"] = np.clip(post["estimate"].to_numpy(), lo, hi)
    cells["ci_low"], cells["ci_high"] = lo, hi
    cells["post_low"] = post["post_low"].to_numpy()
    cells["post_high"] = post["post_high"].to_numpy()
    cells["prob_meets"] = post["prob_meets"].to_numpy()
    so_far = (hi < target) & (told.maturity == "unknown")  # no send dates: never final
    cells["verdict"] = np.where(
        lo >= target, "pass", np.where((hi < target) & ~so_far, "fail", "inconclusive")
    )
    cells["below_target_so_far"] = so_far & eligible
    cells["list"] = classify(n, lo, np.where(so_far, np.inf, hi), target, min_contacts)
    cells = cells.sort_values(["estimate"], ascending=False, kind="stable").reset_index(drop=True)
    notes = [prior.note] if prior.note else []
    if m.horizon_days:
        notes.append(horizon_note(m))
    elif m.window_table:
        notes.append(window_table_note(m))
    fallback = m.fallback_note(table.columns)
    if fallback:
        notes.insert(0, fallback)
    if inference.is_sequential:
        notes.append(Note("refine.sequential", cells=len(cells)))
    else:
        notes.append(Note("refine.own_evidence"))
    if so_far.any():
        notes.append(Note("refine.below_so_far", cells=int(so_far.sum())))
    notes.extend(told.notes(as_of))
    if info.maturing:
        notes.append(_maturing_note(info, m))
    if (left := left_out_note(data.frame, list(by))) is not None:
        notes.append(left)  # contacts with a blank value in a factor (issue 20)
    recs = tuple(
        recommend(
            mature_data,
            m,
            cells,
            by,
            alpha=config.alpha,
            inference=inference,
        )
    )
    return RefineResult(
        m,
        target,
        by,
        cells,
        prior,
        min_contacts,
        recs,
        tuple(notes),
        sequential=inference.is_sequential,
        as_of=as_of,
        maturing=info.maturing,
        data_end=_last_sent(data.frame),
        denominator=m.denominator_in(table.columns),
        disclosure=told,
    )


def _maturing_note(info: Any, m: Metric) -> str:
    """The note on the contacts still maturing (``info`` from :func:`mature_frame`)."""
    return Note(
        "maturing.metric",
        maturing=info.maturing,
        window=info.window_days,
        as_of=info.as_of,
        metric=m.name,
    )


def _with_all_cells(all_cells: pd.DataFrame, mature: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Mature counts on every cell that has contacts (cells still maturing get zeros)."""
    if len(mature) == len(all_cells) and all(
        (mature[c].astype(str).to_numpy() == all_cells[c].astype(str).to_numpy()).all() for c in by
    ):
        return mature
    return on_every_cell(all_cells, mature, by)


def on_every_cell(all_cells: pd.DataFrame, mature: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """The ``mature`` counts on every combination of ``by`` in ``all_cells`` (the cells that
    have contacts), as text keys; zeros where every contact is still maturing.

    Examples
    --------
    >>> cells = pd.DataFrame({"industry": ["IT", "Handel"], "contacted": [5, 3], "replied": [1, 0]})
    >>> on_every_cell(cells, cells.iloc[:1], ["industry"]).to_dict("list")
    {'industry': ['IT', 'Handel'], 'contacted': [5, 0], 'replied': [1, 0]}
    """
    keys = all_cells[by].astype(str)
    right = mature.assign(**{c: mature[c].astype(str) for c in by})
    merged = keys.merge(right, on=by, how="left")
    for c in count_columns(right):
        merged[c] = merged[c].fillna(0)
        if c != "deal_value":
            merged[c] = merged[c].astype("int64")
    for c in count_columns(all_cells):
        if c not in merged.columns:
            merged[c] = 0
    return merged


def _last_sent(frame: pd.DataFrame) -> date | None:
    if "sent_at" not in frame.columns or not len(frame):
        return None
    sent = pd.to_datetime(frame["sent_at"], errors="coerce").dropna()
    return None if sent.empty else sent.max().date()


def cell_bounds(
    successes: np.ndarray,
    n: np.ndarray,
    *,
    inference: Inference = FIXED,
    alpha: float = 0.05,
    cells: int | None = None,
    target: float | None = None,
    eligible: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The raw bounds each cell is judged on.

    Fixed mode with a ``target``: each cell's own exact bounds under selective
    Bonferroni over the ``eligible`` cells (:func:`icplab.stats.selective.selective_split`),
    so no more than ``alpha`` of campaigns show a false ``icp`` cell at one look, and a
    niche among many clearly-below cells is judged almost alone. Fixed mode without a
    target: the 95 % Wilson interval of each cell. Sequential mode: the always-valid
    confidence sequence with each side at level ``alpha / cells`` (Bonferroni over the
    cells, ``cells`` defaults to the number of cells given, i.e. the last axis), so the
    chance that ANY cell's lower bound ever crosses a true rate below it is at most
    ``alpha``.

    Examples
    --------
    >>> always_valid = Inference.sequential()
    >>> lo, hi = cell_bounds(np.array([190, 150]), np.array([1000, 1000]), inference=always_valid)
    >>> lo.round(3).tolist(), hi.round(3).tolist()
    ([0.154, 0.118], [0.229, 0.186])
    """
    s = np.asarray(successes)
    n = np.asarray(n)
    if not inference.is_sequential and target is not None:
        return selective_split(s, n, target, eligible, alpha=alpha).bounds()
    if not inference.is_sequential:
        return wilson_interval(s, n)
    k = int(cells if cells is not None else (s.shape[-1] if s.ndim else 1))
    return sequential_interval(s, n, alpha=2.0 * alpha / max(k, 1), tuning=inference.rate_tuning)


def classify(
    n: np.ndarray,
    ci_low: np.ndarray,
    ci_high: np.ndarray,
    target: float,
    min_contacts: int,
) -> np.ndarray:
    """The list of each cell from its own bounds (module docstring).

    Examples
    --------
    >>> classify(np.array([10, 500, 500, 500]), np.array([.3, .2, .05, .1]),
    ...          np.array([.9, .3, .1, .2]), 0.15, 30).tolist()
    ['untested', 'icp', 'not_icp', 'candidates']
    """
    with np.errstate(invalid="ignore"):  # NaN bounds (unbounded) never settle a cell
        icp = ci_low >= target
        not_icp = ci_high < target
    out = np.where(icp, "icp", np.where(not_icp, "not_icp", "candidates")).astype(object)
    return np.where(np.asarray(n) < min_contacts, "untested", out).astype(object)
