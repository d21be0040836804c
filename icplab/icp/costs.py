"""What a customer costs and returns, by segment: CAC, LTV:CAC and payback months.

From ``[costs]`` in icplab.toml (:class:`~icplab.core.config.CostSettings`):

- cost of a contact = EUR per contact of its channel (``per_contact``) + its share of the
  fixed monthly tool cost (``monthly_fixed`` x the months the log spans, spread evenly over
  all contacts of the log);
- a segment's contacts count once they are mature for the deal window (the ``deal_rate``
  window, CONTRACT section 2), its deals are those that came within it;
- ``cac`` = cost of those contacts / deals;
- ``ltv`` = mean deal value x gross margin x ``ltv_months`` (``deal_value_per = "year"``:
  deal value / 12 per month; ``"once"``: the deal value x margin);
- ``ltv_cac`` = ``ltv`` / ``cac``, against the 3:1 benchmark;
- ``payback_months`` = ``cac`` / (monthly revenue per customer x gross margin).

**Intervals** come from the deal count: the 95 % Wilson interval ``[lo, hi]`` of deals per
contact ``p`` carries over to every figure that is monotone in ``p`` (``cac`` = cost per
contact / ``p``, ``ltv_cac`` = ``ltv`` x ``p`` / cost per contact, ``payback``). The deal
value is taken as known (its own uncertainty is not in the interval; stated in ``method``).
An end that is unbounded (no deal yet: ``lo`` = 0) is ``null``.

Examples
--------
>>> import pandas as pd
>>> from icplab.core.config import Config, CostSettings
>>> from dataclasses import replace
>>> cfg = replace(Config(), costs=CostSettings(per_contact=(("default", 2.0),),
...                                          gross_margin=0.5, ltv_months=10))
>>> t = pd.DataFrame({"contacted": [1] * 100, "deal": [1] * 4 + [0] * 96,
...                   "deal_value": [1000.0] * 4 + [0.0] * 96})
>>> r = unit_economics(t, scope=Scope(config=cfg)).rows[0]
>>> r.cac, r.ltv, r.ltv_cac, r.payback_months
(50.0, 5000.0, 100.0, 0.1)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import CostSettings
from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.metrics import DEFAULT_METRICS, Metric
from icplab.core.notes import Note
from icplab.core.schema import ordered_levels
from icplab.data.counts import apply_where, with_derived
from icplab.data.maturity import mature_frame, sent_by
from icplab.data.personal import refuse_identifying
from icplab.icp.funnel import as_frame
from icplab.icp.scope import Scope
from icplab.stats.proportions import wilson_interval

#: LTV:CAC benchmark of the playbook (a customer should return three times its cost).
BENCHMARK = 3.0
#: Average days in a month (for the months a log spans).
DAYS_PER_MONTH = 365.25 / 12
METHOD = (
    "CAC = cost of mature contacts / deals; LTV = mean deal value x gross margin x months; "
    "95 % intervals from the Wilson interval of deals per contact (deal value taken as known)"
)
#: Columns of :meth:`CostResult.to_frame`.
FRAME_COLUMNS: tuple[str, ...] = (
    "level",
    "contacts",
    "deals",
    "cost",
    "cost_per_contact",
    "mean_deal_value",
    "cac",
    "cac_low",
    "cac_high",
    "ltv",
    "ltv_cac",
    "ltv_cac_low",
    "ltv_cac_high",
    "vs_benchmark",
    "payback_months",
    "payback_low",
    "payback_high",
)


def _num(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(float(x)) else float(x)


def _div(a: float, b: float) -> float:
    return a / b if b > 0 else math.inf if a > 0 else math.nan


@dataclass(frozen=True)
class CostRow:
    """Unit economics of one segment (see the module text); ``nan``/``inf`` where undefined."""

    level: str
    contacts: int
    deals: int
    cost: float
    mean_deal_value: float
    cac: float
    cac_low: float
    cac_high: float
    ltv: float
    ltv_cac: float
    ltv_cac_low: float
    ltv_cac_high: float
    payback_months: float
    payback_low: float
    payback_high: float

    @property
    def cost_per_contact(self) -> float:
        return self.cost / self.contacts if self.contacts else math.nan

    @property
    def vs_benchmark(self) -> str:
        """``above`` (the interval clears 3:1), ``below`` (it lies under), else ``open``."""
        if self.ltv_cac_low >= BENCHMARK:
            return "above"
        if self.ltv_cac_high < BENCHMARK:
            return "below"
        return "open"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"level": self.level, "contacts": self.contacts, "deals": self.deals}
        for k in FRAME_COLUMNS[3:]:
            v = getattr(self, k)
            out[k] = v if isinstance(v, str) else _num(v)
        return out


@dataclass(frozen=True)
class CostResult:
    """CAC, LTV:CAC and payback by segment; ``to_dict()`` is JSON-safe (``null``, no NaN)."""

    rows: tuple[CostRow, ...]
    by: str | None
    settings: CostSettings
    as_of: date
    months: float
    maturing: int = 0
    notes: tuple[str, ...] = ()
    where: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "benchmark_ltv_cac": BENCHMARK,
            "method": METHOD,
            "rows": [r.to_dict() for r in self.rows],
            "months": self.months,
            "as_of": self.as_of.isoformat(),
            "maturing": int(self.maturing),
            "notes": list(self.notes),
        }

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per segment, columns :data:`FRAME_COLUMNS`."""
        return pd.DataFrame(
            [{k: getattr(r, k) for k in FRAME_COLUMNS} for r in self.rows],
            columns=list(FRAME_COLUMNS),
        )


def _per_contact_cost(frame: pd.DataFrame, settings: CostSettings) -> np.ndarray:
    if "channel" not in frame.columns:
        return np.full(len(frame), settings.cost_of("default"))
    channels = frame["channel"].astype("string").fillna("").str.lower().to_numpy(dtype=object)
    table = {k.lower(): v for k, v in settings.per_contact}
    default = table.get("default", 0.0)
    return np.array([table.get(c, default) for c in channels], dtype="float64")


def _months(frame: pd.DataFrame) -> float:
    """Months the log spans by ``sent_at`` (at least 1; 1 without dates)."""
    if "sent_at" not in frame.columns:
        return 1.0
    sent = pd.to_datetime(frame["sent_at"], errors="coerce").dropna()
    if sent.empty:
        return 1.0
    days = (sent.max() - sent.min()).days + 1
    return max(days / DAYS_PER_MONTH, 1.0)


def _row(level: str, part: pd.DataFrame, cost: np.ndarray, settings: CostSettings) -> CostRow:
    n = int(part["contacted"].sum())
    d = int(part["deal"].sum())
    total = float(cost.sum())
    cpc = total / n if n else math.nan
    lo, hi = wilson_interval(np.array([d]), np.array([n]))
    lo_f, hi_f = float(np.asarray(lo)[0]), float(np.asarray(hi)[0])
    value = float(part["deal_value"].sum()) if "deal_value" in part.columns else math.nan
    mean_value = value / d if d else math.nan
    margin = settings.gross_margin
    monthly = {"month": mean_value, "year": mean_value / 12}.get(settings.deal_value_per, math.nan)
    ltv = (
        mean_value * margin
        if settings.deal_value_per == "once"
        else monthly * margin * settings.ltv_months
    )
    p = d / n if n else math.nan
    per_month = monthly * margin
    return CostRow(
        level,
        n,
        d,
        total,
        mean_value,
        _div(cpc, p),
        _div(cpc, hi_f),
        _div(cpc, lo_f),
        ltv,
        # no cost at all: a customer worth anything returns without bound (inf, JSON null)
        _div(ltv * p, cpc),
        _div(ltv * lo_f, cpc),
        _div(ltv * hi_f, cpc),
        _div(_div(cpc, p), per_month),
        _div(_div(cpc, hi_f), per_month),
        _div(_div(cpc, lo_f), per_month),
    )


def unit_economics(
    data: Any,
    *,
    by: str | None = None,
    scope: Scope | None = None,
) -> CostResult:
    """CAC, LTV:CAC and payback months by level of ``by`` (one row ``all`` without it).

    Parameters
    ----------
    data
        Path, loaded log or DataFrame with ``deal`` (and ``deal_value`` for LTV).
    by
        One row per level of this column.
    scope
        The workspace with ``[costs]`` (an error without it), the segment to restrict to
        first and the as-of date: contacts count once mature for the deal window (default
        ``[workspace] as_of``); see :class:`~icplab.icp.scope.Scope`.

    Returns
    -------
    CostResult
        ``rows`` with the fields of :data:`FRAME_COLUMNS`.
    """
    scope = scope or Scope()
    config, where = scope.config, scope.where
    if config.costs is None:
        raise UsageError(Note("costs.not_configured"))
    settings = config.costs
    as_of = scope.day()
    frame = as_frame(data, config)
    if "deal" not in frame.columns:
        raise NotEnoughDataError(Note("costs.no_deal"))
    full = sent_by(frame, as_of, whole_log=True)
    months = _months(full)
    fixed_each = settings.monthly_fixed * months / max(int(full["contacted"].sum()), 1)
    sel = apply_where(full, where)
    base = config.metrics.get("deal_rate", DEFAULT_METRICS["deal_rate"])
    metric: Metric = replace(
        base, denominator="contacted", fallback_denominator=None, horizon_days=None
    )
    mature, info = mature_frame(sel, metric, as_of)
    if by is not None:
        mature = with_derived(mature, by)
        if by not in mature.columns:
            raise UsageError(Note("costs.no_by_column", by=by))
        refuse_identifying(mature, by)
    cost = _per_contact_cost(mature, settings) * mature["contacted"].to_numpy() + fixed_each * (
        mature["contacted"].to_numpy()
    )
    rows: list[CostRow] = []
    if by is None:
        rows.append(_row("all", mature, cost, settings))
    else:
        labels = mature[by].astype("string").fillna("").to_numpy(dtype=object)
        for lv in ordered_levels([v for v in pd.unique(labels) if v != ""]):
            m = labels == lv
            rows.append(_row(str(lv), mature.loc[m], cost[m], settings))
    notes: list[str] = []
    if info.maturing:
        notes.append(Note("costs.maturing", maturing=info.maturing, as_of=as_of))
    if "deal_value" not in frame.columns:
        notes.append(Note("costs.no_deal_value"))
    if settings.monthly_fixed:
        notes.append(
            Note("costs.fixed", monthly=float(settings.monthly_fixed), months=float(months))
        )
    return CostResult(
        tuple(rows), by, settings, as_of, months, info.maturing, tuple(notes), dict(where or {})
    )
