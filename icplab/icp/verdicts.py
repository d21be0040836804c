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
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from icplab.core.config import Config, Thesis, WhereValue
from icplab.core.errors import ConfigError, NotEnoughDataError, UsageError
from icplab.core.metrics import Metric, metric_counts
from icplab.data.counts import apply_where, counts, explain_no_match
from icplab.stats.proportions import wilson_interval, z_value

VERDICTS: tuple[str, ...] = ("pass", "fail", "inconclusive")


def verdict(
    successes: ArrayLike, n: ArrayLike, target: ArrayLike, confidence: float = 0.95
) -> np.ndarray:
    """``pass`` / ``fail`` / ``inconclusive`` from the Wilson interval ``[lo, hi]``.

    ``pass`` when ``lo >= target``, ``fail`` when ``hi < target``, else ``inconclusive``
    (always so when ``n == 0``: the interval is ``[0, 1]``).

    Examples
    --------
    >>> verdict(0, 0, 0.1).tolist()
    'inconclusive'
    """
    lo, hi = wilson_interval(successes, n, confidence)
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
) -> np.ndarray:
    """Additional contacts that would settle an inconclusive verdict, if the rate persists.

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

    Returns
    -------
    numpy.ndarray
        Float array of whole numbers: 0 where the verdict is already ``pass`` or ``fail``;
        NaN (``null`` in JSON) where no estimate exists: no data (``n == 0``) or an
        observed rate exactly on the target (it would never settle).

    Notes
    -----
    Assumes the observed rate ``s / n`` stays as it is; :func:`trials_to_settle` gives the
    total denominator ``N`` at which the Wilson interval would exclude the target, and
    ``N - n`` more are needed. This is a planning figure, not a promise: with the true
    rate near the observed one, the verdict settles around then about half the time
    (see :func:`icplab.stats.planning.segment_sample_size` for a figure with a chosen power).

    Examples
    --------
    >>> more_contacts_needed([30, 160, 5], [200, 840, 50], 0.15,
    ...                      contacts=[200, 840, 400]).tolist()
    [nan, 0.0, 1168.0]
    """
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    s, n, t = np.broadcast_arrays(s, n, np.asarray(target, dtype="float64"))
    v = verdict(s, n, t, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, s / np.where(n > 0, n, 1), np.nan)
    extra = np.maximum(trials_to_settle(p, t, confidence) - n, 0.0)
    if contacts is not None:
        c = np.asarray(contacts, dtype="float64")
        with np.errstate(divide="ignore", invalid="ignore"):
            extra = np.ceil(extra * c / n - 1e-9)
    extra = np.where(n > 0, extra, np.nan)
    return np.where(v == "inconclusive", extra, 0.0)


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

    def to_dict(self) -> dict[str, Any]:
        def num(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        mcn = self.more_contacts_needed
        return {
            "metric": self.metric,
            "target": float(self.target),
            "successes": int(self.successes),
            "n": int(self.n),
            "rate": num(self.rate),
            "ci_low": float(self.ci_low),
            "ci_high": float(self.ci_high),
            "verdict": self.verdict,
            "more_contacts_needed": None if math.isnan(mcn) else int(mcn),
        }


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
    """

    thesis: str
    statement: str
    n: int
    metrics: tuple[MetricVerdict, ...]
    verdict: str
    notes: tuple[str, ...] = ()
    where: Mapping[str, WhereValue] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The check JSON of CONTRACT section 4, plus extra keys ``statement`` and ``notes``.

        ``rate`` is ``null`` when the metric's denominator is 0 in the segment (its
        interval is then [0, 1]); ``more_contacts_needed`` is ``null`` when no estimate
        exists (no data, or a rate exactly on the target); ``notes`` says which.
        """
        return {
            "thesis": self.thesis,
            "n": int(self.n),
            "metrics": [m.to_dict() for m in self.metrics],
            "verdict": self.verdict,
            "statement": self.statement,
            "notes": list(self.notes),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per metric: the fields of the JSON ``metrics`` list, plus ``label``."""
        return pd.DataFrame([{**m.to_dict(), "label": m.label} for m in self.metrics])


def overall_verdict(verdicts: Iterable[str]) -> str:
    """``pass`` if all pass, ``fail`` if any fails, else ``inconclusive``.

    Examples
    --------
    >>> overall_verdict(["pass", "inconclusive"]), overall_verdict(["fail", "inconclusive"])
    ('inconclusive', 'fail')
    """
    vs = list(verdicts)
    if vs and all(v == "pass" for v in vs):
        return "pass"
    if any(v == "fail" for v in vs):
        return "fail"
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
    thesis = _resolve(thesis_or_where, config)
    if name is not None and not isinstance(thesis_or_where, (str, Thesis)):
        thesis = Thesis(name=name, statement=thesis.statement, where=thesis.where)
    frame = getattr(data, "frame", data)
    if not isinstance(frame, pd.DataFrame) or "contacted" not in frame.columns:
        raise UsageError("check needs an OutreachData (icplab.data.load.load) or a count table.")
    seg = apply_where(frame, thesis.where)
    total = counts(seg, [])
    contacts = int(total["contacted"].iloc[0]) if len(seg) else 0
    if contacts == 0:
        what = f"thesis '{thesis.name}'" if thesis.name != "segment" else "the segment"
        raise NotEnoughDataError(
            f"{what}: no contacts match its filters ({_describe_where(thesis.where)}). "
            f"{explain_no_match(frame, thesis.where)} "
            "Check the level names and ranges, or collect data there first."
        )
    if metrics is None:
        chosen = list(config.metrics.values())
    else:
        chosen = []
        for m in metrics:
            if isinstance(m, Metric):
                chosen.append(m)
            elif m in config.metrics:
                chosen.append(config.metrics[m])
            else:
                raise UsageError(
                    f"unknown metric '{m}'; known metrics: {', '.join(config.metrics)}."
                )
    notes: list[str] = []
    rows: list[MetricVerdict] = []
    for m in chosen:
        try:
            s_arr, n_arr = metric_counts(total, m)
        except NotEnoughDataError as exc:
            notes.append(f"{m.name} left out: {exc}")
            continue
        s, n = int(s_arr[0]), int(n_arr[0])
        denom = m.denominator_in(total.columns)
        lo, hi = wilson_interval(s, n)
        v = str(verdict(s, n, m.target))
        more = float(
            more_contacts_needed(
                s, n, m.target, contacts=None if denom == "contacted" else contacts
            )
        )
        rate = s / n if n > 0 else float("nan")
        if n == 0:
            notes.append(
                f"{m.name}: no {denom} in this segment yet, so no rate and no estimate of "
                "the contacts needed."
            )
        elif v == "inconclusive" and math.isnan(more):
            notes.append(
                f"{m.name}: the observed rate equals the target exactly; more contacts "
                "alone would not settle it, so no estimate is given."
            )
        elif v == "inconclusive" and denom != "contacted":
            notes.append(
                f"{m.name}: contacts needed assume {n / contacts:.3f} {denom} per contact "
                "as observed."
            )
        rows.append(
            MetricVerdict(m.name, m.target, s, n, rate, float(lo), float(hi), v, more, m.title)
        )
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
    )


def check_all(
    data: Any, config: Config, metrics: Iterable[str | Metric] | None = None
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
    >>> [r.verdict for r in check_all(t, cfg, ["reply_rate"])]
    ['fail']
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
            out.append(check(data, t, metrics, config))
        except NotEnoughDataError as exc:
            out.append(
                CheckResult(t.name, t.statement, 0, (), "inconclusive", (str(exc),), t.where)
            )
    return out


def _describe_where(where: Mapping[str, WhereValue] | None) -> str:
    if not where:
        return "no filters"
    parts = []
    for k, v in where.items():
        parts.append(f"{k}={','.join(map(str, v)) if isinstance(v, tuple) else v}")
    return ", ".join(parts)
