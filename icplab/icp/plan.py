"""The reverse funnel: how many contacts (meetings, qualified leads) N deals per period need.

From a segment's observed step rates (contacted -> replied -> meeting -> qualified ->
deal, the steps the log has), the number needed at each step for ``deals`` deals is

    needed(step) = deals / (product of the conversion rates from that step to deal),

so ``needed(contacted) = deals x contacts / deals_observed`` (the product telescopes).

**Interval** (95 %, by simulation): each step rate gets the Beta(1 + s, 1 + n - s)
posterior of its counts (uniform prior); 20,000 draws of the rates give 20,000 draws of
every ``needed`` figure, and the 2.5 % and 97.5 % quantiles are the interval. It carries
the uncertainty of the rates only (not the luck of the coming period).

**Maturity**: the step rates come from the contacts mature for each step's numerator,
as of ``as_of`` (the funnel's rule, :func:`icplab.icp.funnel.mature_counts`): a running
campaign's recent contacts, whose replies, meetings and deals have not come in yet, do
not drag the rates down (and so do not inflate the numbers needed). ``maturing`` counts
the contacts not counted in at least one step yet.

The **SLA figures** of the segment are the three numbers a marketing-sales agreement is
built from: lead -> qualified rate (qualified of meetings), qualified -> deal rate, and
the average deal value.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"contacted": [2000], "replied": [300], "meeting": [180],
...                   "qualified": [120], "deal": [30], "deal_value": [360000.0]})
>>> p = plan(t, deals=5)
>>> [(s.stage, round(s.needed, 1)) for s in p.steps]
[('contacted', 333.3), ('replied', 50.0), ('meeting', 30.0), ('qualified', 20.0), ('deal', 5.0)]
>>> p.sla["lead_to_qualified"], p.sla["qualified_to_deal"], p.sla["mean_deal_value"]
(0.6666666666666666, 0.25, 12000.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import NotEnoughDataError, UsageError
from icplab.core.notes import Note
from icplab.data.counts import apply_where
from icplab.data.maturity import sent_by
from icplab.icp.funnel import STEPS, as_frame, mature_counts
from icplab.icp.scope import Scope

PERIODS: tuple[str, ...] = ("week", "month", "quarter", "year")
#: Days per period, to turn the observed sending pace into contacts per period.
PERIOD_DAYS: dict[str, float] = {
    "week": 7.0,
    "month": 365.25 / 12,
    "quarter": 365.25 / 4,
    "year": 365.25,
}
DRAWS = 20_000


def _num(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


@dataclass(frozen=True)
class PlanStep:
    """One step of the reverse funnel: how many are ``needed`` at ``stage`` per period.

    ``rate`` is the step's conversion into the next step (``None`` for ``deal``), from
    ``successes`` of ``n``.
    """

    stage: str
    needed: float
    needed_low: float
    needed_high: float
    rate: float | None = None
    successes: int | None = None
    n: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "needed": _num(self.needed),
            "needed_low": _num(self.needed_low),
            "needed_high": _num(self.needed_high),
            "rate_to_next": _num(self.rate) if self.rate is not None else None,
            "successes": self.successes,
            "n": self.n,
        }


@dataclass(frozen=True)
class PlanResult:
    """A reverse-funnel plan for ``deals`` deals per ``per``.

    ``to_dict()`` is the JSON of ``icplab plan`` (with ``as_of`` and ``maturing``, the
    contacts not counted in at least one step yet); ``to_frame()`` has one row per step
    (columns ``stage``, ``needed``, ``needed_low``, ``needed_high``, ``rate_to_next``,
    ``successes``, ``n``).
    """

    deals: float
    per: str
    steps: tuple[PlanStep, ...]
    sla: dict[str, float | None]
    contacts_observed: int
    where: Mapping[str, Any] = field(default_factory=dict)
    pace: float | None = None
    notes: tuple[str, ...] = ()
    as_of: date | None = None
    maturing: int = 0
    #: Contacts in one period for an 80 % chance of at least ``deals`` deals.
    chance: Mapping[str, Any] = field(default_factory=dict)
    method: str = (
        "needed = deals / product of step rates; 95 % interval from 20,000 draws of the "
        "step rates' Beta(1+s, 1+n-s) posteriors"
    )

    @property
    def contacts_needed(self) -> float:
        return self.steps[0].needed

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "deals": self.deals,
            "per": self.per,
            "contacts_needed": _num(self.steps[0].needed),
            "contacts_needed_low": _num(self.steps[0].needed_low),
            "contacts_needed_high": _num(self.steps[0].needed_high),
            "steps": [s.to_dict() for s in self.steps],
            "sla": {k: _num(v) if v is not None else None for k, v in self.sla.items()},
            "expected_revenue": _num(self.deals * (self.sla.get("mean_deal_value") or math.nan)),
            "contacts_observed": self.contacts_observed,
            "contacts_per_period_now": _num(self.pace) if self.pace is not None else None,
            "where": {
                k: list(v) if isinstance(v, tuple) else str(v) for k, v in self.where.items()
            },
            "method": self.method,
            "notes": list(self.notes),
            "as_of": (self.as_of or date.today()).isoformat(),
            "maturing": int(self.maturing),
            "chance": {k: _num(v) if isinstance(v, float) else v for k, v in self.chance.items()},
        }
        return out

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([s.to_dict() for s in self.steps])


def reverse_funnel(
    successes: np.ndarray, n: np.ndarray, deals: float
) -> tuple[np.ndarray, np.ndarray]:
    """Needed count at each step (point estimate) for ``deals``, from step counts.

    ``successes[i]`` of ``n[i]`` moved from step ``i`` to step ``i + 1``; returns the
    needed counts of steps ``0..k`` (the last is ``deals``) and the step rates.

    Examples
    --------
    >>> need, rates = reverse_funnel(np.array([30, 10]), np.array([300, 30]), 2)
    >>> need.tolist()
    [60.0, 6.0, 2.0]
    """
    s, n_ = np.asarray(successes, dtype="float64"), np.asarray(n, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rates = np.where(n_ > 0, s / n_, np.nan)
        tail = np.cumprod(rates[::-1])[::-1]  # product of the rates from step i to deal
        need = np.append(deals / tail, float(deals))
    return need, rates


def simulate_needed(
    successes: np.ndarray,
    n: np.ndarray,
    deals: float,
    draws: int = DRAWS,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[np.ndarray, np.ndarray]:
    """Interval of the needed counts from Beta(1 + s, 1 + n - s) draws of the step rates.

    Returns
    -------
    (low, high)
        Arrays over the steps ``0..k`` (the last is ``deals`` exactly).
    """
    rng = np.random.default_rng(seed)
    s, n_ = np.asarray(successes, dtype="float64"), np.asarray(n, dtype="float64")
    p = rng.beta(1 + s, 1 + n_ - s, size=(draws, len(s)))
    tail = np.cumprod(p[:, ::-1], axis=1)[:, ::-1]
    need = deals / tail
    a = (1 - confidence) / 2
    lo = np.append(np.quantile(need, a, axis=0), float(deals))
    hi = np.append(np.quantile(need, 1 - a, axis=0), float(deals))
    return lo, hi


def plan(
    data: Any,
    deals: float,
    *,
    per: str = "month",
    scope: Scope | None = None,
    seed: int = 0,
) -> PlanResult:
    """Contacts, replies, meetings and qualified leads needed per period for ``deals`` deals.

    Parameters
    ----------
    data
        A path, an :class:`icplab.data.load.OutreachData`, its frame or a count table;
        needs a ``deal`` column.
    deals
        Deals wanted per period (> 0).
    per
        The period: ``week``, ``month``, ``quarter`` or ``year`` (a label for the figures,
        and the unit of the observed sending pace).
    scope
        The segment (as ``icplab compare``), the workspace config (size bands) and the
        as-of date: each step rate counts only the contacts mature for its window
        (:class:`~icplab.icp.scope.Scope`; its inference is not used).
    seed
        Seed of the simulation (the same seed gives the same interval).

    Returns
    -------
    PlanResult
    """
    if not deals > 0:
        raise UsageError(Note("plan.bad_deals", deals=deals))
    if per not in PERIODS:
        raise UsageError(Note("plan.bad_per", periods=tuple(PERIODS), per=str(per)))
    scope = scope or Scope()
    config, where = scope.config, scope.where
    as_of = scope.day()
    frame = apply_where(sent_by(as_frame(data, config), as_of, whole_log=True), where)
    if len(frame) == 0 or int(frame["contacted"].sum()) == 0:
        raise NotEnoughDataError(Note("where.no_match"))
    if "deal" not in frame.columns:
        raise NotEnoughDataError(Note("plan.no_deal"))
    mc = mature_counts(frame, None, as_of)
    present = [c for c in STEPS if c in frame.columns]
    s = np.array([mc.steps[c][1]["successes"].iloc[0] for c in present[1:]], dtype="float64")
    n = np.array([mc.steps[c][1]["n"].iloc[0] for c in present[1:]], dtype="float64")
    need, rates = reverse_funnel(s, n, float(deals))
    lo, hi = simulate_needed(s, n, float(deals), seed=seed)
    notes: list[str] = []
    if s[-1] == 0:
        notes.append(
            Note("plan.no_deals" if int(frame["deal"].sum()) == 0 else "plan.no_mature_deals")
        )
    steps = []
    for i, stage in enumerate(present):
        last = i == len(present) - 1
        steps.append(
            PlanStep(
                stage,
                float(need[i]),
                float(lo[i]),
                float(hi[i]),
                None if last else float(rates[i]),
                None if last else int(s[i]),
                None if last else int(n[i]),
            )
        )

    def ratio(step: str) -> float | None:
        if step not in mc.steps:
            return None
        t = mc.steps[step][1]
        return float(t["successes"].iloc[0] / t["n"].iloc[0]) if t["n"].iloc[0] > 0 else None

    pipe = mc.pipeline
    value = mc.value
    sla: dict[str, float | None] = {
        "lead_to_qualified": ratio("qualified"),
        "qualified_to_deal": ratio("deal") if "qualified" in present else None,
        "meeting_to_deal": (
            float(pipe["successes"].iloc[0] / pipe["n"].iloc[0])
            if pipe is not None and pipe["n"].iloc[0] > 0
            else None
        ),
        "mean_deal_value": (
            float(value["value_sum"].iloc[0]) / float(value["deals"].iloc[0])
            if value is not None and value["deals"].iloc[0] > 0
            else None
        ),
    }
    if "qualified" not in present:
        notes.append(Note("plan.no_qualified"))
    maturing = max(mc.maturing.values(), default=0)
    if maturing:
        notes.append(Note("plan.maturing", as_of=as_of, maturing=maturing))
    chance = _chance(frame, s, n, deals, as_of, seed)
    if chance["contacts"] is not None and math.isfinite(chance["contacts"]):
        notes.append(
            Note(
                "plan.chance" if chance["period_variation"] is not None else "plan.chance_flat",
                contacts=float(chance["contacts"]),
                deals=chance["deals"],
                per=per,
            )
        )
    pace = None
    if "sent_at" in frame.columns:
        sent = pd.to_datetime(frame["sent_at"], errors="coerce").dropna()
        if len(sent):
            days = (sent.max() - sent.min()).days + 1
            pace = float(frame["contacted"].sum()) / days * PERIOD_DAYS[per]
    return PlanResult(
        float(deals),
        per,
        tuple(steps),
        sla,
        int(frame["contacted"].sum()),
        dict(where or {}),
        pace,
        tuple(notes),
        as_of,
        maturing,
        chance,
    )


#: Chance that the planned contacts bring at least the wanted deals.
CHANCE = 0.8


def _chance(
    frame: pd.DataFrame, s: np.ndarray, n: np.ndarray, deals: float, as_of: date, seed: int
) -> dict[str, Any]:
    """Contacts for an 80 % chance of ``ceil(deals)`` deals in one period.

    The contact-to-deal rate is drawn from the product of the step rates' Beta posteriors
    (its uncertainty); the period's own rate varies around it with the month-to-month
    precision seen among contacts old enough for the deal window
    (:func:`icplab.stats.planning.period_precision`); deals are binomial.
    """
    from icplab.core.metrics import default_window_days
    from icplab.stats.planning import contacts_for_chance, period_precision

    want = int(math.ceil(deals))
    rng = np.random.default_rng(seed)
    p = rng.beta(1 + s, 1 + n - s, size=(4000, len(s)))
    rate = p.prod(axis=1)
    kappa, periods = math.inf, 0
    if "sent_at" in frame.columns and "deal" in frame.columns:
        sent = pd.to_datetime(frame["sent_at"], errors="coerce")
        if isinstance(sent.dtype, pd.DatetimeTZDtype):
            sent = sent.dt.tz_convert("UTC").dt.tz_localize(None)
        cutoff = pd.Timestamp(as_of) - pd.Timedelta(days=default_window_days("deal"))
        old = sent.notna() & (sent <= cutoff)
        if old.any():
            month = sent[old].dt.to_period("M")
            g = frame.loc[old].groupby(month)[["contacted", "deal"]].sum()
            g = g[g["contacted"] >= 30]
            periods = len(g)
            kappa = period_precision(g["deal"].to_numpy(), g["contacted"].to_numpy())
    m = contacts_for_chance(rate, want, CHANCE, kappa, seed=seed)
    return {
        "probability": CHANCE,
        "deals": want,
        "contacts": None if not math.isfinite(m) else float(m),
        "period_variation": None if not math.isfinite(kappa) else float(kappa),
        "periods": int(periods),
        "method": (
            "smallest number of contacts with P(deals >= N) >= 80 % under the posterior "
            "predictive: contact-to-deal rate from the step rates' Beta posteriors, each "
            "period's rate Beta-distributed around it with the month-to-month precision "
            "(period_variation, method of moments; null: none beyond chance), binomial deals"
        ),
    }
