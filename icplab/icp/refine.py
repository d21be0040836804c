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

**Sequential mode** (``sequential=True``, ``refine --sequential``): the raw bounds are the
always-valid confidence sequences of :func:`icplab.stats.sequential.sequential_interval`
with a Bonferroni split of ``alpha`` over the ``k`` cells of the table (each bound at
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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import Config, Range, WhereValue, toml_comment
from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import Metric, lookup_metric, metric_counts
from icplab.core.notes import Note
from icplab.core.schema import ordered_levels
from icplab.data.counts import count_columns, counts, left_out_note
from icplab.data.load import OutreachData
from icplab.data.maturity import mature_frame, resolve_as_of, sent_by
from icplab.icp.cycle import horizon_cell_counts, horizon_note, window_table_note
from icplab.icp.disclosure import Disclosure, disclose, finite, inference_note
from icplab.icp.value import refine_mean_cells, require_target
from icplab.stats.means import NormalPrior
from icplab.stats.pooling import BetaPrior, fit_beta_prior, pooled_rates
from icplab.stats.proportions import newcombe_interval, two_proportion_pvalue, wilson_interval
from icplab.stats.selective import METHOD as SELECTIVE_METHOD
from icplab.stats.selective import selective_bounds
from icplab.stats.sequential import DEFAULT_TUNING, sequential_diff, sequential_interval

LISTS: tuple[str, ...] = ("icp", "candidates", "not_icp", "untested")
DEFAULT_BY: tuple[str, ...] = ("industry", "size_band")


@dataclass(frozen=True)
class RefineResult:
    """Cells of a refinement with their evidence and list.

    ``cells`` columns: the ``by`` columns, ``contacts``, ``n``, ``successes``, ``rate``,
    ``estimate``, ``ci_low``, ``ci_high``, ``post_low``, ``post_high``, ``prob_meets``,
    ``verdict`` and ``list``.
    """

    metric: Metric
    target: float
    by: tuple[str, ...]
    cells: pd.DataFrame
    prior: BetaPrior | NormalPrior
    min_contacts: int
    recommendations: tuple[dict[str, Any], ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    sequential: bool = False
    as_of: date | None = None
    maturing: int = 0
    data_end: date | None = None
    #: The denominator column actually used (``meeting`` after deal_rate's fallback).
    denominator: str = ""
    disclosure: Disclosure = field(default_factory=Disclosure)

    @property
    def inference(self) -> str:
        """``fixed`` or ``sequential``."""
        return "sequential" if self.sequential else "fixed"

    @property
    def maturity(self) -> str:
        """``checked``, ``unknown`` or ``off`` (CONTRACT section 2)."""
        return self.disclosure.maturity

    def cells_in(self, name: str) -> pd.DataFrame:
        return self.cells[self.cells["list"] == name]

    def to_frame(self) -> pd.DataFrame:
        """One row per cell (the columns listed above), as a tidy DataFrame."""
        return self.cells.reset_index(drop=True).copy()

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of CONTRACT section 5 (plus ``recommendations``, ``prior``, ``notes``)."""
        segs = []
        for _, r in self.cells.iterrows():
            seg: dict[str, Any] = {c: str(r[c]) for c in self.by}
            seg.update(
                n=int(r["n"]),
                rate=_num(r["rate"]),
                estimate=_num(r["estimate"]),
                ci_low=_num(r["ci_low"]),
                ci_high=_num(r["ci_high"]),
                verdict=str(r["verdict"]),
                in_icp=bool(r["list"] == "icp"),
                below_target_so_far=bool(r.get("below_target_so_far", False)),
            )
            segs.append(seg)
        out: dict[str, Any] = {"metric": self.metric.name, "target": self.target, "segments": segs}
        out["denominator"] = self.denominator or self.metric.denominator
        for name in LISTS:
            out[name] = [{c: str(r[c]) for c in self.by} for _, r in self.cells_in(name).iterrows()]
        out["recommendations"] = list(self.recommendations)
        out["prior"] = {
            "mean": _num(self.prior.mean),
            "strength": _num(getattr(self.prior, "strength", None)),
            "method": self.prior.method,
        }
        out["min_contacts"] = self.min_contacts
        out["notes"] = list(self.notes)
        out["inference"] = self.inference
        out["inference_note"] = inference_note(self.sequential)
        out["interval_method"] = (
            "value metric: two-part (hurdle) log-scale interval"
            if self.metric.is_mean
            else "always-valid confidence sequences, Bonferroni over the cells"
            if self.sequential
            else SELECTIVE_METHOD
        )
        out["as_of"] = (self.as_of or date.today()).isoformat()
        out["maturing"] = int(self.maturing)
        out.update(self.disclosure.to_dict())
        return finite(out)


def _num(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)


def refine(
    data: OutreachData,
    metric: str | Metric = "reply_rate",
    by: Sequence[str] = DEFAULT_BY,
    *,
    target: float | None = None,
    min_contacts: int | None = None,
    where: Mapping[str, WhereValue] | None = None,
    config: Config | None = None,
    sequential: bool | None = None,
    as_of: Any = None,
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
    where
        Restrict to a segment first.
    sequential
        Judge on always-valid confidence sequences, Bonferroni-split over the cells, so
        nightly re-runs stay honest; default the config's ``[stats] sequential``.
    as_of
        Judge as of this date (maturity windows); default ``[workspace] as_of``, else today.

    Returns
    -------
    RefineResult
    """
    config = config or Config()
    m = lookup_metric(metric, config.metrics) if isinstance(metric, str) else metric
    if m is None:
        raise UsageError(f"unknown metric '{metric}'. Known: {', '.join(config.metrics)}.")
    if m.is_mean and target is None:
        target = require_target(m)
    target = float(m.target if target is None else target)
    min_contacts = int(config.refine_min_contacts if min_contacts is None else min_contacts)
    by = tuple(dict.fromkeys(by))
    data = data.where(dict(where)) if where else data
    missing = [c for c in by if c not in data.frame.columns]
    if missing:
        raise UsageError(
            f"cannot refine by {', '.join(repr(c) for c in missing)}: no such column in {data.source}."
        )
    sequential = config.sequential if sequential is None else bool(sequential)
    as_of = resolve_as_of(as_of, config.as_of)
    told = disclose(data.frame, [m], as_of)  # before the as_of cut: counts what it leaves out
    data = OutreachData(
        sent_by(data.frame, as_of, whole_log=True), data.source, data.aggregated, data.size_bands
    )
    if m.is_mean:  # a value metric: normal-normal pooling of cell means (icplab.icp.value)
        mature_rows, info = mature_frame(data.frame, m, as_of)
        cells, nprior = refine_mean_cells(mature_rows, m, by, target)
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
        mean_notes: list[str] = [
            Note(
                "value.method_refine",
                title=m.title,
                numerator=m.numerator,
                denominator=m.denominator,
            )
        ]
        if sequential:
            mean_notes.append(Note("value.no_sequential_cells", metric=m.name))
        if info.maturing:
            mean_notes.append(
                Note(
                    "maturing.metric",
                    maturing=info.maturing,
                    window=info.window_days,
                    as_of=info.as_of,
                    metric=m.name,
                )
            )
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
        raise NotEnoughDataError(f"{data.source}: no contacts in this segment, nothing to refine.")
    mature, info = mature_frame(data.frame, m, as_of)
    mature_data = OutreachData(mature, data.source, data.aggregated, data.size_bands)
    table = _with_all_cells(all_cells, counts(mature, list(by)), list(by))
    s, n = metric_counts(table, m)
    if m.horizon_days:  # on the cycle's clock: Kaplan-Meier per cell as effective counts
        s, n = horizon_cell_counts(sent_by(data.frame, as_of), table, list(by), m, as_of, s, n)
    if n.sum() == 0 and not info.maturing:
        raise NotEnoughDataError(
            f"{m.name}: the denominator ({m.denominator_in(table.columns)}) is zero in every cell; "
            "there is nothing to judge yet."
        )
    eligible = n >= min_contacts
    lo, hi = cell_bounds(
        s, n, sequential=sequential, alpha=config.alpha, target=target, eligible=eligible
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
    if sequential:
        notes.append(Note("refine.sequential", cells=len(cells)))
    else:
        notes.append(Note("refine.own_evidence"))
    if so_far.any():
        notes.append(Note("refine.below_so_far", cells=int(so_far.sum())))
    notes.extend(told.notes(as_of))
    if info.maturing:
        notes.append(
            Note(
                "maturing.metric",
                maturing=info.maturing,
                window=info.window_days,
                as_of=info.as_of,
                metric=m.name,
            )
        )
    if (left := left_out_note(data.frame, list(by))) is not None:
        notes.append(left)  # contacts with a blank value in a factor (issue 20)
    recs = tuple(
        recommend(
            mature_data,
            m,
            cells,
            by,
            alpha=config.alpha,
            sequential=sequential,
            tuning=config.sequential_tuning,
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
        sequential=sequential,
        as_of=as_of,
        maturing=info.maturing,
        data_end=_last_sent(data.frame),
        denominator=m.denominator_in(table.columns),
        disclosure=told,
    )


def _with_all_cells(all_cells: pd.DataFrame, mature: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Mature counts on every cell that has contacts (cells still maturing get zeros)."""
    if len(mature) == len(all_cells) and all(
        (mature[c].astype(str).to_numpy() == all_cells[c].astype(str).to_numpy()).all() for c in by
    ):
        return mature
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
    sequential: bool = False,
    alpha: float = 0.05,
    cells: int | None = None,
    target: float | None = None,
    eligible: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The raw bounds each cell is judged on.

    Fixed mode with a ``target``: each cell's own exact bounds under selective
    Bonferroni over the ``eligible`` cells (:func:`icplab.stats.selective.selective_bounds`),
    so no more than ``alpha`` of campaigns show a false ``icp`` cell at one look, and a
    niche among many clearly-below cells is judged almost alone. Fixed mode without a
    target: the 95 % Wilson interval of each cell. Sequential mode: the always-valid
    confidence sequence with each side at level ``alpha / cells`` (Bonferroni over the
    cells, ``cells`` defaults to the number of cells given, i.e. the last axis), so the
    chance that ANY cell's lower bound ever crosses a true rate below it is at most
    ``alpha``.

    Examples
    --------
    >>> lo, hi = cell_bounds(np.array([190, 150]), np.array([1000, 1000]), sequential=True)
    >>> lo.round(3).tolist(), hi.round(3).tolist()
    ([0.154, 0.118], [0.229, 0.186])
    """
    s = np.asarray(successes)
    n = np.asarray(n)
    if not sequential and target is not None:
        lo, hi, _, _ = selective_bounds(s, n, target, eligible, alpha=alpha)
        return lo, hi
    if not sequential:
        return wilson_interval(s, n)
    k = int(cells if cells is not None else (s.shape[-1] if s.ndim else 1))
    return sequential_interval(s, n, alpha=2.0 * alpha / max(k, 1))


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


def recommend(
    data: OutreachData,
    metric: Metric,
    cells: pd.DataFrame,
    by: Sequence[str],
    alpha: float = 0.05,
    sequential: bool = False,
    tuning: float = DEFAULT_TUNING,
) -> list[dict[str, Any]]:
    """Best message angle and form of address within ICP and candidate cells.

    A variant is recommended only where its difference to the other variant is significant
    (pooled z-test, Fisher on small counts; Holm over the cells tested for that factor);
    the evidence (rates, Newcombe interval of the difference, p-values) comes along. With
    ``sequential`` the interval and p-value are the always-valid ones of
    :func:`icplab.stats.sequential.sequential_diff` (``test`` = ``"sequential"``), so a
    recommendation re-checked every night does not turn up by chance.
    """
    from icplab.stats.multiplicity import adjust_pvalues

    recs: list[dict[str, Any]] = []
    focus = cells[cells["list"].isin(["icp", "candidates"])]
    if focus.empty:
        return recs
    for factor in ("messaging", "salutation"):
        if factor in by or factor not in data.frame.columns:
            continue
        table = data.counts([*by, factor])
        for c in by:
            table[c] = table[c].astype(str)
        table[factor] = table[factor].astype(str)
        s, n = metric_counts(table, metric)
        table = table.assign(_s=s, _n=n)
        rows = []
        for _, cell in focus.iterrows():
            mask = np.ones(len(table), dtype=bool)
            for c in by:
                mask &= (table[c] == cell[c]).to_numpy()
            sub = table[mask & (table["_n"] > 0).to_numpy()]
            if len(sub) != 2:
                continue
            (l1, s1, n1), (l2, s2, n2) = [
                (str(r[factor]), int(r["_s"]), int(r["_n"])) for _, r in sub.iterrows()
            ]
            if s1 / n1 < s2 / n2:
                l1, s1, n1, l2, s2, n2 = l2, s2, n2, l1, s1, n1
            test: Any = "sequential"
            if sequential:
                dlo, dhi, p = sequential_diff(s1, n1, s2, n2, alpha=alpha, tuning=tuning)
            else:
                p, test = two_proportion_pvalue(s1, n1, s2, n2)
                dlo, dhi = newcombe_interval(s1, n1, s2, n2)
            rows.append(
                {
                    "cell": {c: str(cell[c]) for c in by},
                    "factor": factor,
                    "best": l1,
                    "other": l2,
                    "best_rate": s1 / n1,
                    "other_rate": s2 / n2,
                    "best_n": n1,
                    "other_n": n2,
                    "diff": s1 / n1 - s2 / n2,
                    "diff_ci_low": float(np.asarray(dlo)),
                    "diff_ci_high": float(np.asarray(dhi)),
                    "p_value": float(np.asarray(p)),
                    "test": str(np.asarray(test)),
                }
            )
        if rows:
            adj = adjust_pvalues(np.array([r["p_value"] for r in rows]), "holm")
            for r, pa in zip(rows, adj, strict=True):
                r["p_adjusted"] = float(pa)
                r["significant"] = bool(pa < alpha)
                recs.append(r)
    return recs


def recommendation_text(recs: Sequence[Mapping[str, Any]], language: str = "en") -> list[str]:
    """One plain line per cell where a variant is clearly better (significant after Holm).

    Examples
    --------
    >>> recommendation_text([{"cell": {"industry": "IT", "size_band": "50-199"}, "factor": "salutation",
    ...     "best": "du", "other": "sie", "best_rate": 0.287, "other_rate": 0.165, "diff": 0.122,
    ...     "diff_ci_low": 0.074, "diff_ci_high": 0.169, "p_adjusted": 0.0001, "significant": True}])
    ['IT 50-199: du (28.7 % vs 16.5 % with sie; +12.2 percentage points, plausible range 7.4 to 16.9)']
    """
    by_cell: dict[tuple, list[Mapping[str, Any]]] = {}
    for r in recs:
        if r.get("significant"):
            by_cell.setdefault(tuple(r["cell"].values()), []).append(r)
    de = language == "de"
    lines = []
    for cell, rs in by_cell.items():
        best = " + ".join(r["best"] for r in rs)
        ev = "; ".join(
            (
                f"{r['best_rate'] * 100:.1f} % vs {r['other_rate'] * 100:.1f} % mit {r['other']}; "
                f"+{r['diff'] * 100:.1f} Prozentpunkte, plausibel {r['diff_ci_low'] * 100:.1f} bis {r['diff_ci_high'] * 100:.1f}"
            )
            if de
            else (
                f"{r['best_rate'] * 100:.1f} % vs {r['other_rate'] * 100:.1f} % with {r['other']}; "
                f"+{r['diff'] * 100:.1f} percentage points, plausible range {r['diff_ci_low'] * 100:.1f} to {r['diff_ci_high'] * 100:.1f}"
            )
            for r in rs
        )
        lines.append(f"{' '.join(cell)}: {best} ({ev})")
    return lines


# ----------------------------------------------------------------------------- proposal


@dataclass(frozen=True)
class ThesisProposal:
    """The proposed next ICP as versioned theses, with a change log."""

    theses: tuple[dict[str, Any], ...]
    changes: tuple[dict[str, Any], ...]

    def to_toml(self) -> str:
        """The theses as ``[[theses]]`` tables, written by a TOML writer, then the change log.

        The theses are one dict given to :func:`tomli_w.dumps`, so a level name holding
        quotes, line breaks or ``[metrics...]`` stays one string value; the change log
        follows as ``#`` comment lines with line breaks and control characters escaped.

        Examples
        --------
        >>> import tomllib
        >>> t = {"name": "x", "statement": "s", "statement_en": "s",
        ...      "where": {"industry": ['Han"del\\n[metrics.reply_rate]\\ntarget = 0.01']}}
        >>> parsed = tomllib.loads(ThesisProposal((t,), ()).to_toml())
        >>> sorted(parsed), parsed["theses"][0]["where"]["industry"]
        (['theses'], ['Han"del\\n[metrics.reply_rate]\\ntarget = 0.01'])
        """
        import tomli_w

        keys = ("name", "statement", "statement_en", "since")
        theses = [
            {**{k: str(t[k]) for k in keys if t.get(k)}, "where": self._where(t["where"])}
            for t in self.theses
        ]
        lines = [tomli_w.dumps({"theses": theses}).strip()] if theses else []
        if self.changes:
            lines.append("\n# Changes against the current thesis:")
            lines += [
                f"#   {toml_comment(c['change'])}: {toml_comment(c['cell'])} "
                f"({toml_comment(c['reason'])})"
                for c in self.changes
            ]
        return "\n".join(lines).strip() + "\n"

    @staticmethod
    def _where(where: Mapping[str, Any]) -> dict[str, list[Any]]:
        """``where`` with plain Python values: an int range stays two ints, levels strings."""
        out: dict[str, list[Any]] = {}
        for k, v in where.items():
            if (
                isinstance(v, list)
                and len(v) == 2
                and all(isinstance(x, (int, np.integer)) for x in v)
            ):
                out[str(k)] = [int(v[0]), int(v[1])]
            else:
                out[str(k)] = [str(x) for x in v]
        return out


def propose_thesis(
    result: RefineResult,
    *,
    current: Any = None,
    config: Config | None = None,
    version: int | None = None,
) -> ThesisProposal:
    """Turn the ``icp`` cells into theses (one per industry with contiguous size bands).

    Each proposed thesis carries ``since`` = the day after the data ends (its last
    ``sent_at``; without dates, the day after ``as_of``), so it is confirmed on new
    contacts, never on the data that suggested it.

    ``current`` (a :class:`icplab.core.config.Thesis`) gives the change log: cells added,
    dropped (in the current thesis but not in ICP) and still open, each with its numbers.
    """
    version = version or 2
    end = result.data_end or result.as_of or date.today()
    stand = result.as_of or date.today()
    since = date.fromordinal(end.toordinal() + 1).isoformat()
    icp = result.cells_in("icp")
    theses = []
    by = result.by
    if {"industry", "size_band"} <= set(by) and not icp.empty:
        bands = _band_edges(config)
        for industry, sizes in _contiguous_runs(icp, bands):
            lo, hi = _span(sizes, bands)
            size_txt = f"{lo}-{hi}" if hi is not None else f"{lo}+"
            slug = f"{industry.lower()}-{size_txt.replace('+', 'plus')}"
            where: dict[str, Any] = {"industry": [industry]}
            if lo is not None:
                where["employees"] = [lo, hi if hi is not None else 10**9]
            theses.append(
                {
                    "name": f"icp-v{version}-{slug}",
                    "statement": f"{industry} mit {size_txt} Mitarbeitenden erreicht das Ziel {result.metric.name} >= {result.target:.0%} (Stand {stand:%Y-%m-%d})",
                    "statement_en": f"{industry} companies with {size_txt} employees meet the {result.metric.name} target of {result.target:.0%} (as of {stand:%Y-%m-%d})",
                    "where": where,
                    "since": since,
                }
            )
    changes = []
    if current is not None:
        inside = _cells_inside(result.cells, current.where, config)
        for _, r in result.cells.iterrows():
            cell = " ".join(str(r[c]) for c in by)
            was = bool(inside.loc[_])
            ev = f"{r['rate']:.1%} of {int(r['n'])}, CI [{r['ci_low']:.1%}, {r['ci_high']:.1%}]"
            if r["list"] == "icp" and not was:
                changes.append({"change": "added", "cell": cell, "reason": ev})
            elif was and r["list"] == "not_icp":
                changes.append({"change": "dropped", "cell": cell, "reason": ev})
            elif was and r["list"] == "icp":
                changes.append({"change": "kept", "cell": cell, "reason": ev})
            elif was and r["list"] in ("candidates", "untested"):
                changes.append({"change": "still open", "cell": cell, "reason": ev})
    return ThesisProposal(tuple(theses), tuple(changes))


def _contiguous_runs(icp: pd.DataFrame, bands) -> list[tuple[str, list[str]]]:
    """Per industry, runs of adjacent size bands (a gap starts a new thesis)."""
    runs = []
    for industry in ordered_levels(icp["industry"].unique()):
        sizes = ordered_levels(icp.loc[icp["industry"] == industry, "size_band"].unique())
        pos = [bands.labels.index(x) if x in bands.labels else -1 for x in sizes]
        run: list[str] = []
        for k, (label, i) in enumerate(zip(sizes, pos, strict=True)):
            if run and (i < 0 or pos[k - 1] < 0 or i != pos[k - 1] + 1):
                runs.append((industry, run))
                run = []
            run.append(label)
        runs.append((industry, run))
    return runs


def _band_edges(config: Config | None):
    from icplab.core.schema import SizeBands

    return config.size_bands if config else SizeBands()


def _span(sizes: Sequence[str], bands) -> tuple[int | None, int | None]:
    try:
        ranges = [bands.range_of(s) for s in sizes]
    except ValueError:
        return None, None
    return min(r[0] for r in ranges), (
        None if any(r[1] is None for r in ranges) else max(r[1] for r in ranges)
    )


def _cells_inside(
    cells: pd.DataFrame, where: Mapping[str, Any], config: Config | None
) -> pd.Series:
    bands = _band_edges(config)
    mask = pd.Series(True, index=cells.index)
    for col, v in where.items():
        if isinstance(v, Range) and col == "employees" and "size_band" in cells.columns:

            def inside(label: str, v=v) -> bool:
                try:
                    lo, hi = bands.range_of(label)
                except ValueError:
                    return False
                return lo >= v.lo and (v.hi is None or (hi is not None and hi <= v.hi))

            mask &= cells["size_band"].map(inside)
        elif col in cells.columns and not isinstance(v, Range):
            mask &= cells[col].str.casefold().isin([x.casefold() for x in v])
    return mask
