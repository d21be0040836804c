"""Where the next contacts go (CONTRACT section 9): the batch planner against the fixed target.

Every cell (industry x size band by default, any ``by``) is judged against the metric's
target on the workspace's inference (always-valid confidence sequences when
``[stats] sequential = true``, else the 95 % Wilson interval), and gets a status:
``settled_above``, ``settled_below``, ``within_tolerance`` (the interval lies inside
target ± tolerance) or ``open``. The next ``contacts`` go to the open cells only, by the
``settle`` rule of :mod:`icplab.stats.thresholding`; contacts still maturing count as
pending (their outcomes are coming), never as failures. With ``variants``, each cell's
contacts are split over the variants so that their totals (mature, maturing and new)
stay as equal as possible: a balanced split that keeps the A/B comparison inside the
cell fair and the planned 1:1 ratio of ``icplab assign`` intact.

Examples
--------
>>> from icplab.data.load import validate_frame
>>> from icplab.data.sample import generate_outreach
>>> data = validate_frame(generate_outreach(3000, seed=3), source="demo.csv")
>>> res = next_batch(data, contacts=500, scope=Scope(as_of="2026-12-01"))
>>> d = res.to_dict()
>>> sum(r["contacts"] for r in d["allocation"]) in (0, 500)
True
>>> all(r["contacts"] == 0 for r in d["allocation"] if r["status"] != "open")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import Metric, metric_counts
from icplab.core.notes import Note, render
from icplab.data.counts import counts
from icplab.data.load import OutreachData
from icplab.data.maturity import mature_frame, sent_by
from icplab.data.personal import refuse_identifying
from icplab.icp.compare import resolve_metric
from icplab.icp.refine import on_every_cell
from icplab.icp.scope import Scope
from icplab.stats.inference import Inference
from icplab.stats.thresholding import (
    DEFAULT_TOLERANCE,
    OPEN,
    STATUSES,
    allocate,
    bounds_for,
    statuses,
    whole_numbers,
)

DEFAULT_BY: tuple[str, ...] = ("industry", "size_band")

#: What the ``method`` field says.
METHOD = (
    "batched thresholding-bandit allocation: the wave goes only to cells still open against "
    "the target, topping each up (contacts still maturing count as pending) towards totals "
    "in proportion to the posterior probability that its rate lies outside target +- "
    "tolerance (Jeffreys prior), damped by the chance that the contacts already in flight "
    "settle the cell; settled cells get 0. Chosen by simulation over the APT index "
    "(Locatelli, Carpentier & Kpotufe 2016), need-based greedy rules and an even split; "
    "batching per wave as in exploration sampling (Kasy & Sautmann 2021). Statuses on the "
    "workspace's inference; see docs/next-batch.md"
)
VARIANT_METHOD = (
    "balanced within each cell: the cell's contacts go to the variants with the fewest "
    "contacts so far (mature and maturing), so every cell keeps a fair A/B split"
)


def _pct(x: float) -> int | float:
    """A share as a percent number: whole when it is one or at least 10, else one decimal.

    Examples
    --------
    >>> _pct(0.13), _pct(0.035), _pct(0.256), _pct(0.1)
    (13, 3.5, 26, 10)
    """
    v = round(float(x) * 100, 1)
    return int(f"{v:.0f}") if v == int(v) or abs(v) >= 10 else v


def explain(
    label: str,
    contacts: int,
    status: str,
    ci_low: float | None,
    ci_high: float | None,
    *,
    language: str = "en",
    maturity: str = "checked",
    untouched: bool = False,
    wave_small: bool = False,
) -> str:
    """One plain line per allocation row: a :class:`~icplab.core.notes.Note` (its English
    sentence), or its sentence in ``language`` when that is not English.

    Examples
    --------
    >>> explain("IT 50-199", 240, "open", 0.13, 0.19)
    'IT 50-199: 240 contacts, still open at 13-19 %'
    >>> explain("IT 50-199", 2400, "open", 0.13, 0.035, language="de")
    'IT 50-199: 2.400 Kontakte, noch offen bei 13-3,5 %'
    >>> explain("Handel 500+", 0, "settled_below", 0.02, 0.08)
    'Handel 500+: 0, settled below target'
    >>> explain("IT 1-49", 0, "open", 0.02, 0.39, wave_small=True)
    'IT 1-49: 0, still open at 2-39 %; this wave is too small to reach every open cell'
    """
    if contacts == 0:
        amount: Any = 0
    elif contacts == 1:
        amount = Note("next.one_contact")
    else:
        amount = Note("next.contacts", n=contacts)
    if status == "open" and untouched:
        what = Note("next.open_new")
    elif status == "open" and (ci_low is None or ci_high is None or (ci_low <= 0 and ci_high >= 1)):
        what = Note("next.open_maturing")
    elif status == "open" and contacts == 0 and wave_small:
        what = Note("next.open_wave_small", lo=_pct(ci_low or 0.0), hi=_pct(ci_high or 0.0))
    elif status == "open" and contacts == 0:
        what = Note("next.open_none", lo=_pct(ci_low or 0.0), hi=_pct(ci_high or 0.0))
    elif status == "settled_below" and maturity == "unknown":
        what = Note("next.settled_below_so_far")
    else:
        hi = ci_high if ci_high is not None else 1.0
        what = Note(f"next.{status}", lo=_pct(ci_low or 0.0), hi=_pct(hi))
    line = Note("next.line", label=label, amount=amount, what=what)
    return line if language == "en" else render(line, language)


@dataclass(frozen=True)
class NextBatchResult:
    """The allocation of the next batch.

    ``rows`` columns: the ``by`` columns (and the variants column), ``contacts``,
    ``status``, ``n``, ``successes``, ``rate``, ``ci_low``, ``ci_high``, ``pending``
    (contacts still maturing), ``explanation`` and ``explanation_de``; with variants also
    ``cell_n``, ``cell_rate``, ``cell_ci_low``, ``cell_ci_high`` (the cell's own evidence,
    on which its status is judged).
    """

    metric: Metric
    target: float
    contacts: int
    tolerance: float
    by: tuple[str, ...]
    variants: str | None
    rows: pd.DataFrame
    sequential: bool
    as_of: date
    maturing: int
    maturity: str
    denominator: str
    notes: tuple[str, ...] = ()
    #: The notes in German, one per entry of ``notes`` (the report renders ``notes`` itself).
    notes_de: tuple[str, ...] = ()
    #: Contacts without a send date in a log that has send dates (counted as they are).
    undated: int = 0

    @property
    def inference(self) -> str:
        """``fixed`` or ``sequential``."""
        return "sequential" if self.sequential else "fixed"

    @property
    def method(self) -> str:
        """The ``method`` field: the allocation rule and its references."""
        return METHOD + (f"; variants: {VARIANT_METHOD}" if self.variants else "")

    def to_frame(self) -> pd.DataFrame:
        """One row per allocation line (columns listed above), as a tidy DataFrame."""
        return self.rows.reset_index(drop=True).copy()

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``icplab next --format json`` (CONTRACT section 9)."""
        keys = [*self.by, *([self.variants] if self.variants else [])]
        lines = []
        for r in self.rows.to_dict("records"):
            line: dict[str, Any] = {k: str(r[k]) for k in keys}
            line.update(
                contacts=int(r["contacts"]),
                status=str(r["status"]),
                n=int(r["n"]),
                successes=int(r["successes"]),
                rate=_num(r["rate"]),
                ci_low=_num(r["ci_low"]),
                ci_high=_num(r["ci_high"]),
                pending=int(r["pending"]),
            )
            if self.variants:
                line.update(
                    cell_n=int(r["cell_n"]),
                    cell_rate=_num(r["cell_rate"]),
                    cell_ci_low=_num(r["cell_ci_low"]),
                    cell_ci_high=_num(r["cell_ci_high"]),
                )
            line["explanation"] = {"en": str(r["explanation"]), "de": str(r["explanation_de"])}
            lines.append(line)
        allocated = int(self.rows["contacts"].sum()) if len(self.rows) else 0
        out: dict[str, Any] = {
            "metric": self.metric.name,
            "target": self.target,
            "contacts": self.contacts,
            "method": self.method,
            "by": list(self.by),
            "variants": self.variants,
            "tolerance": self.tolerance,
            "denominator": self.denominator,
            "allocation": lines,
            "unallocated": self.contacts - allocated,
            "inference": self.inference,
            "as_of": self.as_of.isoformat(),
            "maturing": int(self.maturing),
            "maturity": self.maturity,
            "notes": list(self.notes),
        }
        if self.undated:
            out["undated"] = int(self.undated)
        return out


def _num(x: Any) -> float | None:
    if x is None:
        return None
    v = float(x)
    return None if not np.isfinite(v) else v


def maturity_state(frame: pd.DataFrame, metric: Metric, aggregated: bool) -> str:
    """``checked``, ``unknown`` or ``off`` (CONTRACT section 2) for ``metric`` on a log.

    Examples
    --------
    >>> from icplab.core.metrics import DEFAULT_METRICS
    >>> maturity_state(pd.DataFrame({"replied": [1]}), DEFAULT_METRICS["reply_rate"], False)
    'unknown'
    """
    if int(metric.window) <= 0:
        return "off"
    if aggregated or "sent_at" not in frame.columns:
        return "unknown"
    return "checked"


def next_batch(
    data: OutreachData,
    contacts: int,
    metric: str | Metric = "reply_rate",
    by: Sequence[str] = DEFAULT_BY,
    *,
    variants: str | None = None,
    tolerance: float | None = None,
    scope: Scope | None = None,
) -> NextBatchResult:
    """Allocate the next ``contacts`` over the cells (and variants) still open.

    Parameters
    ----------
    data
        A validated log (row-level or aggregated).
    contacts
        Size of the next batch (a whole number >= 1).
    metric
        A rate metric of the config (``reply_rate`` by default).
    by
        Cell dimensions, default industry x size band.
    variants
        A column whose levels (message variants) share each cell's contacts.
    tolerance
        Half-width of the band around the target inside which a cell counts as settled
        ``within_tolerance`` (default 0.02).
    scope
        The segment to plan inside, the workspace, the as-of date (maturity windows) and
        the inference (:class:`~icplab.icp.scope.Scope`): Wilson intervals, or always-valid
        confidence sequences when sequential.

    Returns
    -------
    NextBatchResult
    """
    scope = scope or Scope()
    config, where = scope.config, scope.where
    m = resolve_metric(metric, config)
    if m.is_mean:
        raise UsageError(Note("next.mean_metric", metric=m.name))
    if isinstance(contacts, bool) or int(contacts) != contacts or int(contacts) < 1:
        raise UsageError(Note("next.bad_contacts", contacts=str(contacts)))
    contacts = int(contacts)
    tolerance = DEFAULT_TOLERANCE if tolerance is None else float(tolerance)
    if not 0 <= tolerance < 1:
        raise UsageError(Note("next.bad_tolerance", tolerance=tolerance))
    target = float(m.target)
    by = tuple(dict.fromkeys(by))
    if variants and variants in by:
        raise UsageError(Note("next.variants_in_by", variants=variants))
    keys = [*by, *([variants] if variants else [])]
    data = data.where(dict(where)) if where else data
    missing = [c for c in keys if c not in data.frame.columns]
    if missing:
        raise UsageError(
            Note("next.no_column", names=", ".join(map(repr, missing)), source=str(data.source))
        )
    for c in by:
        refuse_identifying(data.frame, c, "--by")
    if variants:
        refuse_identifying(data.frame, variants, "--variants")
    inference = scope.judged_by()
    as_of = scope.day()
    frame = sent_by(data.frame, as_of, whole_log=True)
    state = maturity_state(frame, m, data.aggregated)
    all_table = counts(frame, keys)
    if all_table.empty:
        raise NotEnoughDataError(Note("next.no_contacts", source=str(data.source)))
    mature, info = mature_frame(frame, m, as_of)
    table = on_every_cell(all_table, counts(mature, keys), keys)
    s, n = metric_counts(table, m)
    _, n_all = metric_counts(all_table.assign(**{k: all_table[k].astype(str) for k in keys}), m)
    pending = np.maximum(np.asarray(n_all, dtype="float64") - n, 0.0)
    table = table.assign(_s=s, _n=n, _p=pending)
    cell = table.groupby(list(by), sort=False, observed=True)[["_s", "_n", "_p"]].sum()
    cell = cell.reset_index()
    bounds = bounds_for(inference, config.alpha)
    cs, cn, cp = (cell[c].to_numpy(dtype="float64") for c in ("_s", "_n", "_p"))
    lo, hi = bounds(cs, cn)
    status = statuses(lo, hi, target, tolerance)
    alloc = allocate(cn, cs, cp, target, contacts, tolerance=tolerance, interval=(lo, hi))
    cell["contacts"] = alloc
    cell["status"] = [STATUSES[i] for i in status]
    cell["ci_low"], cell["ci_high"] = lo, hi
    if variants:
        rows = _split_variants(table, cell, list(by), variants, bounds)
    else:
        rows = cell.rename(columns={"_s": "successes", "_n": "n", "_p": "pending"})
    rows["n"] = rows["n"].astype("int64")
    rows["successes"] = rows["successes"].astype("int64")
    rows["pending"] = rows["pending"].astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        rows["rate"] = np.where(rows["n"] > 0, rows["successes"] / rows["n"].clip(lower=1), np.nan)
    labels = [" ".join(str(r[k]) for k in keys) for r in rows.to_dict("records")]
    open_cells = int((status == OPEN).sum())
    lines = [
        explain(
            lab,
            int(r["contacts"]),
            str(r["status"]),
            _num(r["ci_low"]),
            _num(r["ci_high"]),
            maturity=state,
            untouched=int(r["n"]) + int(r["pending"]) == 0,
            wave_small=contacts < open_cells,
        )
        for lab, r in zip(labels, rows.to_dict("records"), strict=True)
    ]
    # object dtype keeps the notes (a str column would turn them into plain English text)
    rows["explanation"] = pd.Series(lines, index=rows.index, dtype=object)
    rows["explanation_de"] = [render(n, "de") for n in lines]
    order = [
        *keys,
        "contacts",
        "status",
        "n",
        "successes",
        "rate",
        "ci_low",
        "ci_high",
        "pending",
        *(["cell_n", "cell_rate", "cell_ci_low", "cell_ci_high"] if variants else []),
        "explanation",
        "explanation_de",
    ]
    rows = rows[order].sort_values("contacts", ascending=False, kind="stable")
    # contacts without a send date count as mature: say so (CONTRACT section 2)
    undated = int(frame["sent_at"].isna().sum()) if state == "checked" else 0
    notes = _notes(
        m, table, info, state, int(status.size), open_cells, inference, undated, contacts
    )
    return NextBatchResult(
        m,
        target,
        contacts,
        tolerance,
        by,
        variants,
        rows.reset_index(drop=True),
        inference.is_sequential,
        as_of,
        int(info.maturing),
        state,
        m.denominator_in(table.columns),
        tuple(notes),
        tuple(render(n, "de") for n in notes),
        undated,
    )


def _split_variants(
    table: pd.DataFrame, cell: pd.DataFrame, by: list[str], variants: str, bounds: Any
) -> pd.DataFrame:
    """Lines per cell x variant: the cell's contacts split to balance the variants' totals."""
    levels = sorted(table[variants].astype(str).unique())
    grid = cell[by].merge(pd.DataFrame({variants: levels}), how="cross")
    lines = grid.merge(table[[*by, variants, "_s", "_n", "_p"]], on=[*by, variants], how="left")
    lines[["_s", "_n", "_p"]] = lines[["_s", "_n", "_p"]].fillna(0.0)
    lines = lines.merge(
        cell[[*by, "contacts", "status", "_n", "ci_low", "ci_high", "_s"]].rename(
            columns={
                "_n": "cell_n",
                "_s": "cell_s",
                "ci_low": "cell_ci_low",
                "ci_high": "cell_ci_high",
                "contacts": "cell_contacts",
            }
        ),
        on=by,
    )
    k = len(levels)
    have = (lines["_n"] + lines["_p"]).to_numpy().reshape(-1, k)
    total = lines["cell_contacts"].to_numpy().reshape(-1, k)[:, 0]
    # water-fill: top up the variants with the fewest contacts first
    after = np.sort(have, axis=1)
    level = np.zeros(len(total))
    found = np.zeros(len(total), dtype=bool)
    for j in range(k):
        # the level reached when the j+1 smallest are filled to the next one
        cum = after[:, : j + 1].sum(axis=1)
        lvl = (total + cum) / (j + 1)
        nxt = after[:, j + 1] if j + 1 < k else np.full(len(total), np.inf)
        fits = (lvl <= nxt) & ~found
        level = np.where(fits, lvl, level)
        found |= fits
    exact = np.maximum(level[:, None] - have, 0.0)
    split = whole_numbers(np.where(total[:, None] > 0, exact + 1e-9, 0.0), total.astype("int64"))
    lines["contacts"] = split.reshape(-1)
    lo, hi = bounds(lines["_s"].to_numpy(), lines["_n"].to_numpy())
    lines["ci_low"], lines["ci_high"] = lo, hi
    with np.errstate(invalid="ignore", divide="ignore"):
        lines["cell_rate"] = np.where(
            lines["cell_n"] > 0, lines["cell_s"] / lines["cell_n"].clip(lower=1), np.nan
        )
    lines["cell_n"] = lines["cell_n"].astype("int64")
    return lines.rename(columns={"_s": "successes", "_n": "n", "_p": "pending"})


def _notes(
    m: Metric,
    table: pd.DataFrame,
    info: Any,
    state: str,
    cells: int,
    open_cells: int,
    inference: Inference,
    undated: int = 0,
    contacts: int = 0,
) -> list[str]:
    """The notes (:class:`~icplab.core.notes.Note`: English as text, any language by code)."""
    notes: list[str] = []
    used = m.denominator_in(table.columns)
    fallback = m.fallback_note(table.columns)
    if fallback:
        notes.append(fallback)
    if used != "contacted":
        notes.append(Note("next.per_unit", metric=m.name, used=used))
    if state == "unknown":
        notes.append(Note("next.maturity_unknown"))
    if undated:
        notes.append(Note("disclosure.undated", undated=undated))
    if info.maturing:
        notes.append(
            Note(
                "next.maturing",
                maturing=int(info.maturing),
                window=info.window_days,
                as_of=info.as_of,
            )
        )
    if open_cells == 0:
        notes.append(Note("next.all_settled", cells=cells))
    elif contacts < open_cells:
        notes.append(Note("next.wave_small", contacts=contacts, open_cells=open_cells))
    if not inference.is_sequential:
        notes.append(Note("next.fixed"))
    return notes
