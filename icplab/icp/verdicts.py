"""Verdicts of a segment against the fixed metric targets (CONTRACT sections 2 and 4).

A metric *passes* on a segment when the lower end of the 95 % Wilson interval of its rate
reaches the target, *fails* when the upper end stays below it, and is *inconclusive*
otherwise. An inconclusive verdict comes with an estimate of how many more contacts
would settle it (:func:`more_contacts_needed`).

Examples
--------
>>> verdict([160, 60, 25], [840, 840, 200], 0.15).tolist()
['pass', 'fail', 'inconclusive']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from icplab.core.config import Config, Thesis, WhereValue
from icplab.core.errors import ConfigError, NotEnoughDataError, UsageError
from icplab.core.metrics import Metric, lookup_metric, metric_counts
from icplab.core.notes import Note
from icplab.data.counts import apply_where, counts, explain_no_match, left_out_note
from icplab.data.maturity import mature_frame, resolve_as_of, sent_by, since_frame
from icplab.icp.cycle import horizon_counts, horizon_note, window_table_note
from icplab.icp.disclosure import Disclosure, disclose, finite, inference_note
from icplab.icp.value import check_mean
from icplab.stats.proportions import wilson_interval, z_value
from icplab.stats.sequential import DEFAULT_RATE_TUNING, sequential_interval

#: ``untested``: every contact of the segment is still inside the metric's maturity window.
VERDICTS: tuple[str, ...] = ("pass", "fail", "inconclusive", "untested")
#: Inference modes: fixed-horizon Wilson intervals, or always-valid confidence sequences.
INFERENCE: tuple[str, ...] = ("fixed", "sequential")
#: Probability with which ``more_contacts_needed`` settles the verdict.
SETTLE_PROBABILITY = 0.8


def rate_bounds(
    successes: ArrayLike,
    n: ArrayLike,
    sequential: bool = False,
    confidence: float = 0.95,
    tuning: float = DEFAULT_RATE_TUNING,
) -> tuple[np.ndarray, np.ndarray]:
    """The interval a verdict is made on: Wilson (fixed) or the confidence sequence.

    Examples
    --------
    >>> [round(float(x), 3) for x in rate_bounds(160, 840)]
    [0.165, 0.218]
    >>> [round(float(x), 3) for x in rate_bounds(160, 840, sequential=True)]
    [0.152, 0.234]
    """
    if sequential:
        return sequential_interval(successes, n, alpha=1.0 - confidence, tuning=tuning)
    lo, hi = wilson_interval(successes, n, confidence)
    return np.asarray(lo, dtype="float64"), np.asarray(hi, dtype="float64")


def verdict(
    successes: ArrayLike,
    n: ArrayLike,
    target: ArrayLike,
    confidence: float = 0.95,
    *,
    sequential: bool = False,
) -> np.ndarray:
    """``pass`` / ``fail`` / ``inconclusive`` from the interval ``[lo, hi]``.

    ``pass`` when ``lo >= target``, ``fail`` when ``hi < target``, else ``inconclusive``
    (always so when ``n == 0``: the interval is ``[0, 1]``). The interval is the Wilson
    interval, or with ``sequential=True`` the always-valid confidence sequence
    (:func:`icplab.stats.sequential.sequential_interval`).

    Examples
    --------
    >>> verdict(0, 0, 0.1).tolist()
    'inconclusive'
    >>> verdict(160, 840, 0.16).tolist(), verdict(160, 840, 0.16, sequential=True).tolist()
    ('pass', 'inconclusive')
    """
    lo, hi = rate_bounds(successes, n, sequential, confidence)
    t = np.asarray(target, dtype="float64")
    return np.where(lo >= t, "pass", np.where(hi < t, "fail", "inconclusive")).astype(object)


def trials_to_settle(rate: ArrayLike, target: ArrayLike, confidence: float = 0.95) -> np.ndarray:
    """Smallest number of trials at which the Wilson interval around ``rate`` excludes ``target``.

    Parameters
    ----------
    rate
        The rate assumed to persist (e.g. the observed one).
    target
        The target rate.
    confidence
        Coverage of the interval (0.95).

    Returns
    -------
    numpy.ndarray
        Float array of whole numbers: the smallest ``N`` with ``lo >= target`` (rate above
        target) or ``hi < target`` (rate below); NaN where ``rate == target`` (never).

    Notes
    -----
    The Wilson interval is the inversion of the score test: ``t`` lies inside it exactly
    when ``|p - t| <= z sqrt(t(1 - t) / N)``. So with ``N* = z² t(1-t) / (p - t)²`` the
    interval reaches the target (``lo >= t``) for ``N >= N*``, and lies below it for
    ``N > N*``. The result is ``ceil(N*)`` (pass side) or ``floor(N*) + 1`` (fail side),
    then checked against :func:`icplab.stats.proportions.wilson_interval` to absorb rounding.

    Examples
    --------
    >>> trials_to_settle([0.2, 0.1, 0.15], 0.15).tolist()
    [196.0, 196.0, nan]
    """
    p = np.asarray(rate, dtype="float64")
    t = np.asarray(target, dtype="float64")
    p, t = np.broadcast_arrays(p, t)
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_star = z**2 * t * (1 - t) / (p - t) ** 2
    above = p > t
    n_req = np.where(above, np.ceil(n_star), np.floor(n_star) + 1)
    n_req = np.where(np.isfinite(n_req), np.maximum(n_req, 1.0), np.nan)
    for _ in range(3):  # absorb floating-point rounding at the boundary, both ways
        ok = np.isfinite(n_req)
        nn = np.where(ok, n_req, 1.0)
        lo, hi = wilson_interval(p * nn, nn, confidence)
        settled = np.where(above, lo >= t, hi < t)
        lo1, hi1 = wilson_interval(p * (nn - 1), nn - 1, confidence)
        settled_before = (nn > 1) & np.where(above, lo1 >= t, hi1 < t)
        n_req = np.where(ok & ~settled, n_req + 1, np.where(ok & settled_before, n_req - 1, n_req))
    return n_req


def more_contacts_needed(
    successes: ArrayLike,
    n: ArrayLike,
    target: ArrayLike,
    contacts: ArrayLike | None = None,
    confidence: float = 0.95,
    *,
    probability: float = SETTLE_PROBABILITY,
    sequential: bool = False,
    tuning: float = DEFAULT_RATE_TUNING,
    truth: ArrayLike | None = None,
) -> np.ndarray:
    """More contacts after which the verdict is settled with ``probability`` (80 %).

    Parameters
    ----------
    successes, n
        The metric's numerator and denominator on the segment.
    target
        The metric's target.
    contacts
        The segment's contacts, when the denominator is not contacts (deal_rate counts
        qualified leads): needed leads are converted into contacts with the observed
        ratio ``contacts / n``. Default: the denominator is contacts.
    confidence
        Coverage of the verdict interval.
    probability
        Wanted chance that the verdict is settled (``pass`` or ``fail``) after the extra
        contacts, if the true rate equals the current estimate ``s / n``.
    sequential
        Settle on the always-valid confidence sequence instead of the Wilson interval.
    truth
        The true rate assumed for the new contacts; default the current estimate
        ``s / n``. :func:`more_contacts_high` passes the interval end nearest the target.

    Returns
    -------
    numpy.ndarray
        Float array of whole numbers: 0 where the verdict is already ``pass`` or ``fail``;
        NaN (``null`` in JSON) where no estimate exists: no data (``n == 0``) or an
        observed rate exactly on the target (it would never settle).

    Notes
    -----
    Method: with the true rate ``p = s / n`` (the current estimate), the successes of
    ``m`` more trials are ``X ~ Binomial(m, p)``, approximated by a normal distribution
    (continuity-corrected). The verdict after ``m`` more is settled with probability
    ``>= probability`` when the interval computed at the unfavourable quantile of ``X``
    (the 20 % quantile when ``p`` is above the target, the 80 % quantile when below,
    ``z = 0.84``) already excludes the target, i.e. when
    ``lo(s + m p - z sqrt(m p (1-p)) - 1/2, n + m) >= target`` (pass side) or
    ``hi(s + m p + z sqrt(m p (1-p)) + 1/2, n + m) < target`` (fail side); the bounds
    increase with the successes, so this is exact up to the normal approximation. The
    smallest such ``m`` is found by doubling and bisection over whole numbers. The
    figure is checked by simulation in ``tests/test_sequential_verdicts.py``.

    Examples
    --------
    >>> more_contacts_needed([30, 160, 5], [200, 840, 50], 0.15,
    ...                      contacts=[200, 840, 400]).tolist()
    [nan, 0.0, 2560.0]
    """
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    s, n, t = np.broadcast_arrays(s, n, np.asarray(target, dtype="float64"))
    lo0, hi0 = rate_bounds(s, n, sequential, confidence, tuning)
    settled_now = (lo0 >= t) | (hi0 < t)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, s / np.where(n > 0, n, 1), np.nan)
    if truth is not None:
        p = np.where(n > 0, np.broadcast_to(np.asarray(truth, dtype="float64"), s.shape), np.nan)
    z = z_value(1.0 - 2.0 * (1.0 - probability))  # two-sided helper: 0.8 -> 0.8416
    above = p > t
    todo = (n > 0) & ~settled_now & (p != t) & np.isfinite(p)
    pp, ss, nn, tt, up = p[todo], s[todo], n[todo], t[todo], above[todo]

    def settled(m: np.ndarray) -> np.ndarray:
        spread = z * np.sqrt(m * pp * (1 - pp)) + 0.5
        x = ss + m * pp + np.where(up, -spread, spread)
        big_n = nn + m
        x = np.clip(x, 0.0, big_n)
        lo, hi = rate_bounds(x, big_n, sequential, confidence, tuning)
        return np.where(up, lo >= tt, hi < tt)

    cap = 1e8
    high = np.ones(pp.shape)
    ok = settled(high)
    for _ in range(30):  # doubling: find an m that settles
        if ok.all():
            break
        high = np.where(ok, high, np.minimum(high * 2, cap))
        ok = settled(high)
    low = np.where(high > 1, np.floor(high / 2), 0.0)  # low does not settle (or is 0)
    for _ in range(30):  # bisection over whole numbers: low fails, high settles
        if (high - low <= 1).all():
            break
        mid = np.floor((low + high) / 2)
        good = settled(mid)
        narrow = high - low > 1
        high = np.where(narrow & good, mid, high)
        low = np.where(narrow & ~good, mid, low)
    extra = np.full(s.shape, np.nan)
    extra[todo] = np.where(ok, high, np.nan)
    extra = np.where(settled_now & (n > 0), 0.0, extra)
    if contacts is not None:
        c = np.broadcast_to(np.asarray(contacts, dtype="float64"), s.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            extra = np.where(extra > 0, np.ceil(extra * c / n - 1e-9), extra)
    return np.where(n > 0, extra, np.nan)


def more_contacts_high(
    successes: ArrayLike,
    n: ArrayLike,
    target: ArrayLike,
    contacts: ArrayLike | None = None,
    *,
    sequential: bool = False,
    tuning: float = DEFAULT_RATE_TUNING,
) -> np.ndarray:
    """:func:`more_contacts_needed` when the truth lies at the interval end nearest the target.

    The upper figure of the range reports give (CONTRACT section 2): if the true rate is
    the end of today's interval (Wilson, or the confidence sequence) that lies nearest the
    target, this many more contacts settle the verdict with probability 80 %. Never below
    :func:`more_contacts_needed`; 0 where the verdict is already settled, NaN (JSON
    ``null``) where no figure exists.

    Examples
    --------
    >>> low = more_contacts_needed(36, 200, 0.15)
    >>> high = more_contacts_high(36, 200, 0.15)
    >>> bool(high[()] > low[()])
    True
    """
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    s, n, t = np.broadcast_arrays(s, n, np.asarray(target, dtype="float64"))
    lo, hi = rate_bounds(s, n, sequential, 0.95, tuning)
    near = np.where(np.abs(lo - t) <= np.abs(hi - t), lo, hi)
    high = more_contacts_needed(s, n, t, contacts, sequential=sequential, tuning=tuning, truth=near)
    low = more_contacts_needed(s, n, t, contacts, sequential=sequential, tuning=tuning)
    return np.where(np.isnan(high) | np.isnan(low), high, np.maximum(high, low))


#: How ``more_contacts_needed`` / ``more_contacts_high`` are computed (stated in outputs).
MORE_CONTACTS_METHOD = (
    "normal approximation to the binomial: the extra contacts after which the verdict "
    "interval settles with 80 % probability, if the true rate equals today's estimate "
    "(more_contacts_needed) or the end of today's interval nearest the target "
    "(more_contacts_high); a guide, not a promise"
)


@dataclass(frozen=True)
class MetricVerdict:
    """One metric's verdict on a segment (a row of ``metrics`` in the check JSON)."""

    metric: str
    target: float
    successes: int
    n: int
    rate: float
    ci_low: float
    ci_high: float
    verdict: str
    more_contacts_needed: float
    label: str = ""
    kind: str = "rate"
    maturing: int = 0
    window_days: int = 0
    #: The denominator column actually used (``meeting`` after deal_rate's fallback).
    denominator: str = ""
    #: ``more_contacts_needed`` if the truth is the interval end nearest the target.
    more_contacts_high: float = float("nan")
    #: The interval lies below the target, but maturity is unknown: not final.
    below_target_so_far: bool = False
    #: The inference of this metric's interval (a value metric is always ``fixed``).
    inference: str = "fixed"

    def to_dict(self) -> dict[str, Any]:
        def num(x: float) -> float | None:
            return None if not math.isfinite(x) else float(x)

        mcn = self.more_contacts_needed
        mch = self.more_contacts_high
        return {
            "metric": self.metric,
            "target": float(self.target),
            "successes": _count(self.successes),
            "n": int(self.n),
            "rate": num(self.rate),
            "ci_low": num(self.ci_low),
            "ci_high": num(self.ci_high),
            "verdict": self.verdict,
            "more_contacts_needed": None if not math.isfinite(mcn) else int(mcn),
            "denominator": self.denominator,
            "more_contacts_high": None if not math.isfinite(mch) else int(mch),
            "below_target_so_far": bool(self.below_target_so_far),
            "final": self.verdict in ("pass", "fail"),
            "inference": self.inference,
        }


def _count(x: float) -> int | float:
    """A count as an int; a value metric's sum of values (EUR) stays a float if fractional."""
    return int(x) if float(x).is_integer() else float(x)


@dataclass(frozen=True)
class CheckResult:
    """A segment (thesis) checked against the metric targets.

    Attributes
    ----------
    thesis
        Thesis name (``segment`` for an ad-hoc ``--where`` check).
    statement
        The thesis' plain-language statement (empty for ad-hoc segments).
    n
        Contacts in the segment.
    metrics
        One :class:`MetricVerdict` per checked metric.
    verdict
        ``pass`` when every metric passes, ``fail`` when any fails, else ``inconclusive``.
    notes
        Plain-language notes (metrics left out, estimates not available, ...).
    where
        The segment's filters.
    inference
        ``fixed`` (Wilson intervals) or ``sequential`` (always-valid confidence sequences).
    as_of
        The date the segment was judged as of (maturity windows).
    maturing
        Contacts not yet counted in at least one metric (still inside its window).
    since
        The thesis' ``since`` date: only contacts sent on or after it were checked.
    period
        First and last ``sent_at`` of the checked contacts (``None`` without dates).
    """

    thesis: str
    statement: str
    n: int
    metrics: tuple[MetricVerdict, ...]
    verdict: str
    notes: tuple[str, ...] = ()
    where: Mapping[str, WhereValue] | None = None
    inference: str = "fixed"
    as_of: date | None = None
    maturing: int = 0
    since: date | None = None
    period: tuple[date, date] | None = None
    disclosure: Disclosure = field(default_factory=Disclosure)

    @property
    def maturity(self) -> str:
        """``checked``, ``unknown`` or ``off`` (CONTRACT section 2)."""
        return self.disclosure.maturity

    def to_dict(self) -> dict[str, Any]:
        """The check JSON of CONTRACT section 4, plus extra keys ``statement`` and ``notes``.

        ``rate`` is ``null`` when the metric's denominator is 0 in the segment (its
        interval is then [0, 1]); ``more_contacts_needed`` is ``null`` when no estimate
        exists (no data, or a rate exactly on the target); ``notes`` says which.
        """
        out: dict[str, Any] = {
            "thesis": self.thesis,
            "n": int(self.n),
            "metrics": [m.to_dict() for m in self.metrics],
            "verdict": self.verdict,
            "statement": self.statement,
            "notes": list(self.notes),
            "inference": self.inference,
            "inference_note": inference_note(self.inference == "sequential"),
            "as_of": (self.as_of or date.today()).isoformat(),
            "maturing": int(self.maturing),
            **self.disclosure.to_dict(),
            "more_contacts_method": MORE_CONTACTS_METHOD,
        }
        if self.since is not None:
            out["since"] = self.since.isoformat()
        if self.period is not None:
            out["period"] = [d.isoformat() for d in self.period]
        return finite(out)

    def to_frame(self) -> pd.DataFrame:
        """One row per metric: the fields of the JSON ``metrics`` list, plus ``label``,
        ``kind`` (``rate`` or ``mean``), ``maturing`` (contacts not yet counted) and
        ``window_days``."""
        return pd.DataFrame(
            [
                {
                    **m.to_dict(),
                    "label": m.label,
                    "kind": m.kind,
                    "maturing": m.maturing,
                    "window_days": m.window_days,
                }
                for m in self.metrics
            ]
        )


def overall_verdict(verdicts: Iterable[str]) -> str:
    """``pass`` if all pass, ``fail`` if any fails, else ``inconclusive``.

    Examples
    --------
    >>> overall_verdict(["pass", "inconclusive"]), overall_verdict(["fail", "inconclusive"])
    ('inconclusive', 'fail')
    >>> overall_verdict(["untested", "untested"]), overall_verdict(["pass", "untested"])
    ('untested', 'inconclusive')
    """
    vs = list(verdicts)
    if vs and all(v == "pass" for v in vs):
        return "pass"
    if any(v == "fail" for v in vs):
        return "fail"
    if vs and all(v == "untested" for v in vs):
        return "untested"
    return "inconclusive"


def _resolve(target: Thesis | str | Mapping[str, WhereValue] | None, config: Config) -> Thesis:
    if isinstance(target, Thesis):
        return target
    if isinstance(target, str):
        return config.thesis(target)
    if target is None or isinstance(target, Mapping):
        return Thesis(name="segment", statement="", where=dict(target or {}))
    raise UsageError("check needs a thesis name, a Thesis or a where-filter dict.")


def check(
    data: Any,
    thesis_or_where: Thesis | str | Mapping[str, WhereValue] | None,
    metrics: Iterable[str | Metric] | None = None,
    config: Config | None = None,
    name: str | None = None,
    *,
    sequential: bool | None = None,
    as_of: Any = None,
) -> CheckResult:
    """Check a segment against the fixed metric targets.

    Parameters
    ----------
    data
        An :class:`icplab.data.load.OutreachData`, its frame, or a count table.
    thesis_or_where
        A thesis name from the config, a :class:`Thesis`, or a where-filter dict for an
        ad-hoc segment (``{}`` or ``None``: all data).
    metrics
        Metric names or :class:`Metric` objects; default every metric of the config.
    config
        Workspace config (theses, metrics); defaults when omitted.
    name
        Name of an ad-hoc segment (default ``segment``).
    sequential
        Judge on always-valid confidence sequences (safe to re-check every day) instead
        of Wilson intervals; default the config's ``[stats] sequential`` (off).
    as_of
        Judge the data as of this date (maturity windows, CONTRACT section 2): default
        the config's ``[workspace] as_of``, else today.

    Returns
    -------
    CheckResult
        Use :meth:`CheckResult.to_dict` for the contract JSON, :meth:`CheckResult.to_frame`
        for a table with columns ``metric, target, successes, n, rate, ci_low, ci_high,
        verdict, more_contacts_needed, label``.

    Raises
    ------
    ConfigError
        Unknown thesis name (lists the known ones).
    NotEnoughDataError
        No contacts in the segment, or no metric can be computed on this data.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"industry": ["Logistik", "IT"], "contacted": [840, 300],
    ...                   "replied": [160, 20], "meeting": [90, 5]})
    >>> r = check(t, {"industry": ("Logistik",)}, ["reply_rate", "meeting_rate"], name="logistik")
    >>> [(m.metric, m.verdict) for m in r.metrics], r.verdict, r.n
    ([('reply_rate', 'pass'), ('meeting_rate', 'inconclusive')], 'inconclusive', 840)
    """
    config = config or Config()
    sequential = config.sequential if sequential is None else bool(sequential)
    as_of = resolve_as_of(as_of, config.as_of)
    thesis = _resolve(thesis_or_where, config)
    if name is not None and not isinstance(thesis_or_where, (str, Thesis)):
        thesis = Thesis(
            name=name, statement=thesis.statement, where=thesis.where, since=thesis.since
        )
    frame = getattr(data, "frame", data)
    if not isinstance(frame, pd.DataFrame) or "contacted" not in frame.columns:
        raise UsageError("check needs an OutreachData (icplab.data.load.load) or a count table.")
    what = f"thesis '{thesis.name}'" if thesis.name != "segment" else "the segment"
    inside = apply_where(frame, thesis.where)
    seg = since_frame(sent_by(inside, as_of), thesis.since, what)
    contacts = int(seg["contacted"].sum()) if len(seg) else 0
    if contacts == 0 and len(inside) and not thesis.since and len(sent_by(inside, as_of)) == 0:
        raise NotEnoughDataError(
            f"{what}: none of its contacts had been sent as of {as_of.isoformat()} (they "
            "were all sent later), so there is nothing to judge yet on that day."
        )
    if contacts == 0:
        since_txt = f", sent on or after {thesis.since.isoformat()}" if thesis.since else ""
        raise NotEnoughDataError(
            f"{what}: no contacts match its filters ({_describe_where(thesis.where)}"
            f"{since_txt}). {explain_no_match(frame, thesis.where)} "
            "Check the level names and ranges, or collect data there first."
        )
    if metrics is None:
        chosen = list(config.metrics.values())
    else:
        chosen = []
        for m in metrics:
            found = m if isinstance(m, Metric) else lookup_metric(m, config.metrics)
            if found is not None:
                chosen.append(found)
            else:
                raise UsageError(
                    f"unknown metric '{m}'; known metrics: {', '.join(config.metrics)}."
                )
    notes: list[str] = []
    # contacts with a blank value in a filtered factor cannot be in the segment (issue 20)
    judged = ["size_band" if c == "employees" else c for c in (thesis.where or {})]
    if (left := left_out_note(frame, judged)) is not None:
        notes.append(left)
    rows: list[MetricVerdict] = []
    told = disclose(since_frame(inside, thesis.since, what), chosen, as_of)
    for m in chosen:
        mature, info = mature_frame(seg, m, as_of)
        if m.is_mean:  # a value metric (icplab.icp.value)
            try:
                r = check_mean(mature, m)
            except NotEnoughDataError as exc:
                notes.append(Note("check.left_out", metric=m.name, error=str(exc)))
                continue
            except ConfigError as exc:  # no target: an error only when asked for by name
                if metrics is not None:
                    raise
                notes.append(Note("check.left_out", metric=m.name, error=str(exc)))
                continue
            note = r.pop("note")
            if note:
                notes.append(note)
            if sequential:
                notes.append(Note("value.no_sequential", metric=m.name))
            if info.maturing:
                counted_mean = int(mature["contacted"].sum()) if len(mature) else 0
                notes.append(_maturing_note(m.name, info.maturing, info.window_days, counted_mean))
            rows.append(
                MetricVerdict(
                    m.name,
                    m.target,
                    **r,
                    label=m.title,
                    kind="mean",
                    maturing=info.maturing,
                    window_days=info.window_days,
                    denominator=m.denominator_in(mature.columns),
                )
            )
            continue
        total = counts(mature, [])
        try:
            s_arr, n_arr = metric_counts(total, m)
        except NotEnoughDataError as exc:
            notes.append(Note("check.left_out", metric=m.name, error=str(exc)))
            continue
        s, n = int(s_arr[0]), int(n_arr[0])
        if m.horizon_days:  # on the cycle's clock: Kaplan-Meier as effective counts
            s, n = horizon_counts(seg, m, as_of, (s, n))
            notes.append(horizon_note(m))
        elif m.window_table:
            notes.append(window_table_note(m))
        counted = int(total["contacted"].iloc[0])
        denom = m.denominator_in(total.columns)
        fallback = m.fallback_note(total.columns)
        if fallback:
            notes.append(fallback)
        lo, hi = rate_bounds(s, n, sequential)
        v = str(verdict(s, n, m.target, sequential=sequential))
        conv = None if denom == "contacted" else counted
        more = float(more_contacts_needed(s, n, m.target, contacts=conv, sequential=sequential))
        more_high = float(more_contacts_high(s, n, m.target, contacts=conv, sequential=sequential))
        so_far = v == "fail" and told.maturity == "unknown" and m.window > 0
        if so_far:  # no send dates: recent contacts may still reply, so never final
            v = "inconclusive"
            notes.append(Note("check.below_so_far", metric=m.name, s=s, n=n))
        rate = s / n if n > 0 else float("nan")
        if info.maturing:
            notes.append(_maturing_note(m.name, info.maturing, info.window_days, counted))
        if info.late:
            notes.append(
                Note(
                    "check.late",
                    metric=m.name,
                    late=info.late,
                    numerator=m.numerator,
                    window=info.window_days,
                )
            )
        if n == 0 and counted == 0 and info.maturing:
            v = "untested"
            more = more_high = float("nan")
        elif n == 0:
            notes.append(Note("check.no_denominator", metric=m.name, denom=denom))
        elif v == "inconclusive" and math.isnan(more):
            notes.append(Note("check.rate_at_target", metric=m.name))
        elif v == "inconclusive" and denom != "contacted":
            notes.append(Note("check.per_contact", metric=m.name, ratio=n / counted, denom=denom))
        rows.append(
            MetricVerdict(
                m.name,
                m.target,
                s,
                n,
                rate,
                float(lo),
                float(hi),
                v,
                more,
                m.title,
                maturing=info.maturing,
                window_days=info.window_days,
                denominator=denom,
                more_contacts_high=more_high,
                below_target_so_far=so_far,
                inference="sequential" if sequential else "fixed",
            )
        )
    notes.extend(told.notes(as_of))
    if not rows:
        raise NotEnoughDataError(
            f"thesis '{thesis.name}': none of the metrics can be computed on this data. "
            + " ".join(notes)
        )
    return CheckResult(
        thesis=thesis.name,
        statement=thesis.statement,
        n=contacts,
        metrics=tuple(rows),
        verdict=overall_verdict(r.verdict for r in rows),
        notes=tuple(notes),
        where=thesis.where,
        inference="sequential" if sequential else "fixed",
        as_of=as_of,
        maturing=max(r.maturing for r in rows),
        since=thesis.since,
        period=_period(seg),
        disclosure=told,
    )


def _maturing_note(name: str, maturing: int, window: int, counted: int) -> str:
    return Note("maturing.check", metric=name, maturing=maturing, window=window, counted=counted)


def _period(frame: pd.DataFrame) -> tuple[date, date] | None:
    """First and last send date of the rows, when the data has dates."""
    if "sent_at" not in frame.columns or not len(frame):
        return None
    sent = pd.to_datetime(frame["sent_at"], errors="coerce").dropna()
    if sent.empty:
        return None
    return sent.min().date(), sent.max().date()


def check_all(
    data: Any,
    config: Config,
    metrics: Iterable[str | Metric] | None = None,
    *,
    sequential: bool | None = None,
    as_of: Any = None,
) -> list[CheckResult]:
    """Check every thesis of the config (in config order).

    Raises :class:`ConfigError` when the config defines no thesis. A thesis whose segment
    has no contacts is reported with verdict ``inconclusive``, ``n`` 0 and a note rather
    than stopping the others.

    Examples
    --------
    >>> import pandas as pd
    >>> cfg = Config.from_toml_text('[[theses]]\\nname = "it"\\nwhere = { industry = ["IT"] }')
    >>> t = pd.DataFrame({"industry": ["IT"], "contacted": [300], "replied": [20],
    ...                   "meeting": [5]})
    >>> [(r.verdict, r.maturity) for r in check_all(t, cfg, ["reply_rate"])]
    [('inconclusive', 'unknown')]

    Counts carry no send dates: 20 of 300 is below target so far, never a final fail.
    """
    if not config.theses:
        raise ConfigError(
            f"{config.path or 'icplab.toml'}: no theses defined. Add [[theses]] entries "
            "with name, statement and where (see 'icplab init')."
        )
    metrics = list(metrics) if metrics is not None else None
    out = []
    for t in config.theses:
        try:
            out.append(check(data, t, metrics, config, sequential=sequential, as_of=as_of))
        except NotEnoughDataError as exc:
            out.append(
                CheckResult(
                    t.name,
                    t.statement,
                    0,
                    (),
                    "inconclusive",
                    (str(exc),),
                    t.where,
                    inference="sequential"
                    if (config.sequential if sequential is None else sequential)
                    else "fixed",
                    as_of=resolve_as_of(as_of, config.as_of),
                    since=t.since,
                )
            )
    return out


def _describe_where(where: Mapping[str, WhereValue] | None) -> str:
    if not where:
        return "no filters"
    parts = []
    for k, v in where.items():
        parts.append(f"{k}={','.join(map(str, v)) if isinstance(v, tuple) else v}")
    return ", ".join(parts)
