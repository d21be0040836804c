"""The funnel of a segment, step by step (CONTRACT section 8).

Each step has its own denominator: replied of contacted, meeting of replied, qualified of
meeting, deal of qualified. A step whose column the log lacks is left out, and the next
step counts of the last one present (without ``qualified``: deal of meeting). Every rate
comes with its 95 % Wilson interval.

Benchmark bands (``[funnel] bands`` in icplab.toml, defaults in
:data:`icplab.core.config.DEFAULT_FUNNEL_BANDS`: SQL -> customer 15-25 %, whole pipeline
meeting -> deal 20-30 %) mark a step ``below`` (the interval lies under the band),
``above`` (over it), ``within`` (the rate is inside it) or ``inconclusive``.

The **leak** of a segment is the step where it loses most: the step furthest below its
band (``below_band``), else the step whose rate is lowest relative to the reference, the
same step over all the data (``weakest_relative``; only when the segment is part of a
larger whole: a level of ``by`` or a ``where`` segment).

**Maturity** (honest on a running campaign): replies, meetings and deals arrive days to
months after the first touch. As of a date ``as_of`` (default the workspace's
``[workspace] as_of``, else today), each step counts only the contacts that are mature for
its numerator's window (:data:`icplab.core.metrics.DEFAULT_WINDOW_DAYS`: replied 28 days,
meeting 42, qualified/deal/deal_value 90), with the successes that came within the window,
exactly as :func:`icplab.data.maturity.mature_frame` does for a metric with that numerator.
The step's denominator is the previous step among those same contacts; the pipeline
(meeting -> deal) uses the deal window and the value figures the deal_value window.
``maturing`` counts the contacts not counted in at least one step yet (those within the
longest window), ``maturing_by_stage`` per step. Contacts sent after ``as_of`` are left out;
a log without ``sent_at`` is mature as a whole.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"industry": ["IT", "Handel"], "contacted": [1000, 800],
...                   "replied": [200, 100], "meeting": [120, 80], "qualified": [80, 60],
...                   "deal": [22, 2], "deal_value": [220000.0, 16000.0]})
>>> f = funnel(t, by="industry")
>>> [(s.stage, s.of, s.successes, s.n) for s in f.stages]
[('replied', 'contacted', 300, 1800), ('meeting', 'replied', 200, 300), ('qualified', 'meeting', 140, 200), ('deal', 'qualified', 24, 140)]
>>> f.levels[0].level, f.levels[0].leak["stage"], f.levels[0].leak["reason"]
('Handel', 'deal', 'below_band')
>>> round(f.value_per_contact, 2), round(f.mean_deal_value, 2)
(131.11, 9833.33)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import DEFAULT_FUNNEL_BANDS, Config
from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import Metric, default_window_days
from icplab.core.notes import Note
from icplab.core.schema import ordered_levels
from icplab.data.counts import apply_where, counts
from icplab.data.load import load, validate_frame
from icplab.data.maturity import mature_frame, sent_by
from icplab.icp.by_column import by_column
from icplab.icp.disclosure import Disclosure, disclose, finite, inference_note
from icplab.icp.scope import Scope
from icplab.stats.proportions import wilson_interval

#: The funnel steps in order: (stage, the step it counts of when every column exists).
STEPS: tuple[str, ...] = ("contacted", "replied", "meeting", "qualified", "deal")
#: Columns of :meth:`FunnelResult.to_frame`.
FRAME_COLUMNS: tuple[str, ...] = (
    "level",
    "stage",
    "of",
    "n",
    "successes",
    "rate",
    "ci_low",
    "ci_high",
    "band_low",
    "band_high",
    "vs_band",
    "is_leak",
)


def _num(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


@dataclass(frozen=True)
class Stage:
    """One funnel step: ``successes`` of ``n`` (the previous step present) moved on."""

    stage: str
    of: str
    n: int
    successes: int
    rate: float
    ci_low: float
    ci_high: float
    band: tuple[float, float] | None = None
    vs_band: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stage": self.stage,
            "of": self.of,
            "n": self.n,
            "successes": self.successes,
            "rate": _num(self.rate),
            "ci_low": _num(self.ci_low),
            "ci_high": _num(self.ci_high),
        }
        if self.band is not None:
            out["band"] = list(self.band)
            out["vs_band"] = self.vs_band
        return out


@dataclass(frozen=True)
class FunnelLevel:
    """The funnel of one segment (the whole selection, or one level of ``by``)."""

    level: str | None
    contacts: int
    stages: tuple[Stage, ...]
    value_per_contact: float | None = None
    mean_deal_value: float | None = None
    pipeline: Stage | None = None
    leak: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {} if self.level is None else {"level": self.level}
        out["contacts"] = self.contacts
        out["stages"] = [s.to_dict() for s in self.stages]
        if self.value_per_contact is not None:
            out["value_per_contact"] = _num(self.value_per_contact)
            out["mean_deal_value"] = _num(self.mean_deal_value)
        if self.pipeline is not None:
            out["pipeline"] = self.pipeline.to_dict()
        out["leak"] = self.leak
        return out


@dataclass(frozen=True)
class FunnelResult:
    """The funnel of a selection, and of each level of ``by``.

    ``to_dict()`` is the JSON of ``icplab funnel`` (CONTRACT section 8): ``stages`` (and,
    with ``deal_value``, ``value_per_contact`` and ``mean_deal_value``) for the whole
    selection, plus ``by`` and ``levels`` (one funnel per level) with ``--by``. Extra
    keys: ``contacts``, ``pipeline`` (meeting -> deal), ``leak``, ``bands``, ``where``,
    ``notes``, ``as_of`` (ISO date), ``maturing`` (contacts not counted in at least one
    step yet) and ``maturing_by_stage`` (per step, and ``deal_value`` for the value
    figures).
    """

    overall: FunnelLevel
    by: str | None = None
    levels: tuple[FunnelLevel, ...] = ()
    bands: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    where: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    as_of: date | None = None
    maturing: int = 0
    maturing_by_stage: Mapping[str, int] = field(default_factory=dict)
    #: maturity / late successes / contacts after as_of (icplab.icp.disclosure)
    disclosure: Disclosure = field(default_factory=Disclosure)

    @property
    def stages(self) -> tuple[Stage, ...]:
        return self.overall.stages

    @property
    def value_per_contact(self) -> float | None:
        return self.overall.value_per_contact

    @property
    def mean_deal_value(self) -> float | None:
        return self.overall.mean_deal_value

    def to_dict(self) -> dict[str, Any]:
        out = self.overall.to_dict()
        if self.by is not None:
            out["by"] = self.by
            out["levels"] = [lv.to_dict() for lv in self.levels]
        out["bands"] = {k: list(v) for k, v in self.bands.items()}
        out["where"] = {k: _where_json(v) for k, v in self.where.items()}
        out["notes"] = list(self.notes)
        out["as_of"] = (self.as_of or date.today()).isoformat()
        out["maturing"] = int(self.maturing)
        out["maturing_by_stage"] = {k: int(v) for k, v in self.maturing_by_stage.items()}
        out["inference"] = "fixed"  # Wilson intervals of each step: one look
        out["inference_note"] = inference_note(False)
        out.update(self.disclosure.to_dict())
        return finite(out)

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per level (``all`` for the whole selection) and step; columns
        :data:`FRAME_COLUMNS` (``band_low``, ``band_high``, ``vs_band`` empty without a
        band; ``is_leak`` marks the leak step)."""
        rows = []
        for lv in (self.overall, *self.levels):
            leak = (lv.leak or {}).get("stage")
            for s in lv.stages:
                rows.append(
                    {
                        "level": "all" if lv.level is None else lv.level,
                        "stage": s.stage,
                        "of": s.of,
                        "n": s.n,
                        "successes": s.successes,
                        "rate": s.rate,
                        "ci_low": s.ci_low,
                        "ci_high": s.ci_high,
                        "band_low": s.band[0] if s.band else np.nan,
                        "band_high": s.band[1] if s.band else np.nan,
                        "vs_band": s.vs_band,
                        "is_leak": s.stage == leak,
                    }
                )
        return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def _where_json(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else str(v)


def as_frame(data: Any, config: Config) -> pd.DataFrame:
    if isinstance(data, (str, Path)):
        return load(data, size_bands=config.size_bands).frame
    frame = getattr(data, "frame", data)
    if not isinstance(frame, pd.DataFrame):
        raise UsageError(Note("funnel.needs_data"))
    if "contacted" not in frame.columns:
        frame = validate_frame(frame, source="DataFrame", size_bands=config.size_bands).frame
    return frame


def vs_band(ci_low: float, ci_high: float, rate: float, band: tuple[float, float]) -> str:
    """Where a step's rate stands against a benchmark band.

    Examples
    --------
    >>> vs_band(0.05, 0.12, 0.08, (0.15, 0.25)), vs_band(0.10, 0.30, 0.2, (0.15, 0.25))
    ('below', 'within')
    >>> vs_band(0.26, 0.35, 0.3, (0.15, 0.25)), vs_band(0.08, 0.2, 0.13, (0.15, 0.25))
    ('above', 'inconclusive')
    """
    lo, hi = band
    if ci_high < lo:
        return "below"
    if ci_low > hi:
        return "above"
    if lo <= rate <= hi:
        return "within"
    return "inconclusive"


def _stage(
    name: str, of: str, s: int, n: int, bands: Mapping[str, tuple[float, float]], key: str
) -> Stage:
    lo, hi = wilson_interval(s, n)
    rate = s / n if n > 0 else float("nan")
    band = bands.get(key)
    status = None
    if band is not None:
        status = vs_band(float(lo), float(hi), rate, band) if n > 0 else "inconclusive"
    return Stage(name, of, int(n), int(s), rate, float(lo), float(hi), band, status)


def step_metric(stage: str, of: str) -> Metric:
    """The metric ``stage / of`` whose maturity window a funnel step uses (the default
    window of its numerator, :func:`icplab.core.metrics.default_window_days`).

    Examples
    --------
    >>> step_metric("meeting", "replied").window
    42
    """
    return Metric(stage, stage, of, 0.5, window_days=default_window_days(stage))


def _table(frame: pd.DataFrame, by: str | None, cols: list[str]) -> pd.DataFrame:
    """Sums of ``cols`` per level of ``by`` (index: the level as text; ``""`` for all)."""
    if by is None:
        if "_nonzero" in cols:
            frame = frame.assign(_nonzero=(frame["deal_value"] > 0).astype("int64"))
        return pd.DataFrame([frame[cols].sum().to_numpy()], columns=cols, index=[""])
    if not len(frame):
        return pd.DataFrame(columns=cols, dtype="float64")
    table = _with_nonzero(counts(frame, [by]), frame, [by])
    table[by] = table[by].astype(str)
    return table.groupby(by, sort=False)[cols].sum()


@dataclass(frozen=True)
class MatureCounts:
    """Per level (``""`` for the whole selection): the mature counts of each funnel step.

    ``steps`` maps a step to a frame indexed by level with columns ``n`` and ``successes``;
    ``value`` has ``contacts``, ``value_sum`` and ``deals`` (mature for ``deal_value``);
    ``maturing`` counts the contacts not counted in each step yet.
    """

    steps: dict[str, tuple[str, pd.DataFrame]]
    pipeline: pd.DataFrame | None
    value: pd.DataFrame | None
    maturing: dict[str, int]


def mature_counts(frame: pd.DataFrame, by: str | None, as_of: date) -> MatureCounts:
    """The funnel's step counts on the contacts mature for each step's numerator.

    Parameters
    ----------
    frame
        A canonical frame (already cut to the contacts sent by ``as_of``).
    by
        Group column or ``None`` (one row ``""``).
    as_of
        The judging date.

    Examples
    --------
    >>> f = pd.DataFrame({"sent_at": pd.to_datetime(["2026-01-01", "2026-03-01"]),
    ...                   "contacted": [1, 1], "replied": [1, 0], "meeting": [1, 0]})
    >>> mc = mature_counts(f, None, date(2026, 3, 10))
    >>> mc.steps["replied"][1].iloc[0].tolist(), mc.maturing
    ([1, 1], {'replied': 1, 'meeting': 1})
    """
    present = [c for c in STEPS if c in frame.columns]
    steps: dict[str, tuple[str, pd.DataFrame]] = {}
    maturing: dict[str, int] = {}
    for prev, cur in zip(present, present[1:], strict=False):
        mf, info = mature_frame(frame, step_metric(cur, prev), as_of)
        t = _table(mf, by, [prev, cur])
        steps[cur] = (prev, pd.DataFrame({"n": t[prev], "successes": t[cur]}, index=t.index))
        maturing[cur] = info.maturing
    pipeline = None
    if "deal" in frame.columns and "meeting" in frame.columns:
        mf, _ = mature_frame(frame, step_metric("deal", "meeting"), as_of)
        t = _table(mf, by, ["meeting", "deal"])
        pipeline = pd.DataFrame({"n": t["meeting"], "successes": t["deal"]}, index=t.index)
    value = None
    if "deal_value" in frame.columns:
        mf, info = mature_frame(frame, step_metric("deal_value", "contacted"), as_of)
        deals = "deal" if "deal" in mf.columns else "_nonzero"
        t = _table(mf, by, ["contacted", "deal_value", deals])
        value = pd.DataFrame(
            {"contacts": t["contacted"], "value_sum": t["deal_value"], "deals": t[deals]},
            index=t.index,
        )
        maturing["deal_value"] = info.maturing
    return MatureCounts(steps, pipeline, value, maturing)


def _at(table: pd.DataFrame | None, key: str, col: str) -> float:
    if table is None or key not in table.index:
        return 0.0
    return float(table.loc[key, col])


def _mature_stages(
    mc: MatureCounts, key: str, bands: Mapping[str, tuple[float, float]]
) -> list[Stage]:
    return [
        _stage(cur, prev, int(_at(t, key, "successes")), int(_at(t, key, "n")), bands, cur)
        for cur, (prev, t) in mc.steps.items()
    ]


def _leak(stages: list[Stage], reference: list[Stage] | None) -> dict[str, Any] | None:
    below = [(s, s.band) for s in stages if s.vs_band == "below" and s.band]
    if below:
        worst, band = min(below, key=lambda sb: sb[0].ci_high / sb[1][0] if sb[1][0] > 0 else 0.0)
        return {
            "stage": worst.stage,
            "reason": "below_band",
            "rate": _num(worst.rate),
            "reference": band[0],
            "ratio": _num(worst.rate / band[0]) if band[0] > 0 else None,
        }
    if reference is None:
        return None
    ref = {s.stage: s for s in reference}
    ratios = []
    for s in stages:
        r = ref.get(s.stage)
        if s.n > 0 and r is not None and r.rate > 0 and not math.isnan(r.rate):
            ratios.append((s.rate / r.rate, s, r))
    if not ratios:
        return None
    ratio, s, r = min(ratios, key=lambda x: x[0])
    if ratio >= 1.0:
        return None
    return {
        "stage": s.stage,
        "reason": "weakest_relative",
        "rate": _num(s.rate),
        "reference": _num(r.rate),
        "ratio": float(ratio),
        "clear": bool(s.ci_high < r.rate),
    }


def _level(
    level: str | None,
    key: str,
    contacts: int,
    mc: MatureCounts,
    bands: Mapping[str, tuple[float, float]],
    reference: list[Stage] | None,
) -> FunnelLevel:
    stages = _mature_stages(mc, key, bands)
    vpc = mdv = None
    if mc.value is not None:
        total = _at(mc.value, key, "value_sum")
        n_value = _at(mc.value, key, "contacts")
        deals = _at(mc.value, key, "deals")
        vpc = total / n_value if n_value > 0 else float("nan")
        mdv = total / deals if deals > 0 else float("nan")
    pipeline = None
    if mc.pipeline is not None:
        pipeline = _stage(
            "pipeline",
            "meeting",
            int(_at(mc.pipeline, key, "successes")),
            int(_at(mc.pipeline, key, "n")),
            bands,
            "pipeline",
        )
    return FunnelLevel(
        level, int(contacts), tuple(stages), vpc, mdv, pipeline, _leak(stages, reference)
    )


def funnel(
    data: Any,
    *,
    by: str | None = None,
    scope: Scope | None = None,
    bands: Mapping[str, tuple[float, float]] | None = None,
) -> FunnelResult:
    """The funnel of a segment (and of each level of ``by``), step by step.

    Parameters
    ----------
    data
        A path, an :class:`icplab.data.load.OutreachData`, its frame, a count table or a
        raw row-level DataFrame.
    by
        Group column (``industry``, ``size_band``, ``channel``, ``month`` from ``sent_at``,
        ...): one funnel per level.
    scope
        The segment filters (as ``icplab compare``), the workspace config (size bands,
        ``[funnel] bands``) and the as-of date: each step counts only the contacts mature
        for its window (:class:`~icplab.icp.scope.Scope`; its inference is not used:
        the steps' intervals are fixed-horizon).
    bands
        Benchmark bands, overriding the config's.

    Returns
    -------
    FunnelResult

    Raises
    ------
    UsageError
        Unknown ``by`` column.
    NotEnoughDataError
        No contacts in the selection.
    """
    scope = scope or Scope()
    config, where = scope.config, scope.where
    as_of = scope.day()
    bands = dict(config.funnel_bands if bands is None else bands)
    whole = as_frame(data, config)
    full = sent_by(whole, as_of, whole_log=True)
    frame = apply_where(full, where)
    if len(frame) == 0 or int(frame["contacted"].sum()) == 0:
        raise NotEnoughDataError(Note("where.no_match"))
    notes: list[str] = []
    present = [c for c in STEPS if c in frame.columns]
    missing = [c for c in STEPS if c not in frame.columns]
    if missing:
        notes.append(Note("funnel.missing_steps", missing=tuple(missing), present=tuple(present)))
    reference = None
    if where:
        reference = _mature_stages(mature_counts(full, None, as_of), "", {})
    mc = mature_counts(frame, None, as_of)
    overall = _level(None, "", int(frame["contacted"].sum()), mc, bands, reference)
    levels: list[FunnelLevel] = []
    if by is not None:
        frame = by_column(frame, by, "funnel")
        contacts = _table(frame, by, ["contacted"])["contacted"]
        mc_by = mature_counts(frame, by, as_of)
        ref = list(overall.stages)
        for lv in ordered_levels(contacts.index.tolist()):
            levels.append(_level(lv, lv, int(contacts.loc[lv]), mc_by, bands, ref))
    if "deal_value" in frame.columns and "deal" not in frame.columns:
        notes.append(Note("funnel.no_deal_column"))
    unvalued = int(getattr(getattr(data, "read", None), "unvalued_deals", 0) or 0)
    if unvalued and "deal_value" in frame.columns:  # stated by validate too
        code = "funnel.unvalued_deal" if unvalued == 1 else "funnel.unvalued_deals"
        notes.append(Note(code, n=unvalued))
    maturing = max(mc.maturing.values(), default=0)
    if maturing:
        windows = tuple(
            Note("funnel.window", step=k, days=default_window_days(k)) for k in mc.maturing
        )
        notes.append(Note("funnel.maturing", as_of=as_of, maturing=maturing, windows=windows))
    told = disclose(
        apply_where(whole, where), [step_metric(c, "contacted") for c in present], as_of
    )
    notes.extend(told.notes(as_of))
    bands_note = tuple(Note("funnel.band", step=k, lo=lo, hi=hi) for k, (lo, hi) in bands.items())
    if bands_note:
        src = Note("funnel.bands_default") if bands == DEFAULT_FUNNEL_BANDS else "icplab.toml"
        notes.append(Note("funnel.bands", source=src, bands=bands_note))
    return FunnelResult(
        overall,
        by,
        tuple(levels),
        bands,
        dict(where or {}),
        tuple(notes),
        as_of,
        maturing,
        dict(mc.maturing),
        told,
    )


def _with_nonzero(table: pd.DataFrame, frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Add ``_nonzero`` (rows with a deal value > 0) when there is no deal column."""
    if "deal_value" not in frame.columns or "deal" in frame.columns:
        return table
    nz = frame.assign(_nonzero=(frame["deal_value"] > 0).astype("int64"))
    if not by:
        return table.assign(_nonzero=int(nz["_nonzero"].sum()))
    got = nz.groupby(by, observed=True, sort=True, dropna=False)["_nonzero"].sum()
    return table.merge(got.reset_index(), on=by, how="left")
