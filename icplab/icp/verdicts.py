"""Judging a thesis against the fixed metric targets: the JSON of ``check`` (CONTRACT 2, 4).

The verdict rule and the "more contacts" figures live in :mod:`icplab.icp.settle`; this
module reads the thesis' segment off the log (filters, maturity, ``since``, the cycle's
clock) and assembles :class:`CheckResult`.

Examples
--------
>>> overall_verdict(["pass", "inconclusive"])
'inconclusive'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import pandas as pd

from icplab.core.config import Config, Thesis, WhereValue
from icplab.core.errors import ConfigError, NotEnoughDataError, UsageError, message_of
from icplab.core.metrics import Metric, lookup_metric, metric_counts
from icplab.core.notes import Note
from icplab.data.counts import apply_where, counts, explain_no_match, left_out_note
from icplab.data.maturity import mature_frame, sent_by, since_frame
from icplab.icp.cycle import horizon_counts, horizon_note, window_table_note
from icplab.icp.disclosure import Disclosure, disclose, finite, inference_note
from icplab.icp.scope import Scope
from icplab.icp.settle import (
    MORE_CONTACTS_METHOD,
    more_contacts_high,
    more_contacts_needed,
    rate_bounds,
    verdict,
)
from icplab.icp.value import check_mean


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
    raise UsageError(Note("check.needs_thesis"))


def check(
    data: Any,
    thesis_or_where: Thesis | str | Mapping[str, WhereValue] | None,
    metrics: Iterable[str | Metric] | None = None,
    scope: Scope | None = None,
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
    scope
        The workspace config (theses, metrics), the as-of date (maturity windows, CONTRACT
        section 2) and the inference: Wilson intervals or, when sequential, always-valid
        confidence sequences (safe to re-check every day); see
        :class:`~icplab.icp.scope.Scope`. Its ``where`` narrows the thesis' segment
        (its filters replace the thesis' on the same column), as ``--thesis`` with
        ``--where`` does.
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
    scope = scope or Scope()
    config = scope.config
    inference = scope.judged_by()
    as_of = scope.day()
    thesis = _resolve(thesis_or_where, config)
    if scope.where:
        thesis = replace(thesis, where={**thesis.where, **scope.where})
    if name is not None and not isinstance(thesis_or_where, (str, Thesis)):
        thesis = Thesis(
            name=name, statement=thesis.statement, where=thesis.where, since=thesis.since
        )
    frame = getattr(data, "frame", data)
    if not isinstance(frame, pd.DataFrame) or "contacted" not in frame.columns:
        raise UsageError(Note("check.needs_data"))
    what = (
        Note("check.what_thesis", name=thesis.name)
        if thesis.name != "segment"
        else Note("check.what_segment")
    )
    inside = apply_where(frame, thesis.where)
    existed = sent_by(inside, as_of)
    seg = since_frame(existed, thesis.since, what)
    contacts = int(seg["contacted"].sum()) if len(seg) else 0
    if contacts == 0 and len(inside) and not thesis.since and len(existed) == 0:
        raise NotEnoughDataError(Note("check.all_later", what=what, as_of=as_of))
    if contacts == 0:
        before = int(existed["contacted"].sum()) if len(existed) else 0
        if thesis.since and before:
            # the segment has contacts, only none sent since: not a filter that matches nothing
            raise NotEnoughDataError(
                Note("check.none_since", what=what, since=thesis.since, n=before)
            )
        fields = {
            "what": what,
            "filters": _describe_where(thesis.where),
            "why": explain_no_match(frame, thesis.where),
        }
        if thesis.since:
            raise NotEnoughDataError(Note("check.no_match_since", since=thesis.since, **fields))
        raise NotEnoughDataError(Note("check.no_match", **fields))
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
                    Note("check.unknown_metric", metric=str(m), known=tuple(config.metrics))
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
                notes.append(Note("check.left_out", metric=m.name, error=message_of(exc)))
                continue
            except ConfigError as exc:  # no target: an error only when asked for by name
                if metrics is not None:
                    raise
                notes.append(Note("check.left_out", metric=m.name, error=message_of(exc)))
                continue
            note = r.pop("note")
            if note:
                notes.append(note)
            if inference.is_sequential:
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
            notes.append(Note("check.left_out", metric=m.name, error=message_of(exc)))
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
        lo, hi = rate_bounds(s, n, inference)
        v = str(verdict(s, n, m.target, inference=inference))
        conv = None if denom == "contacted" else counted
        more = float(more_contacts_needed(s, n, m.target, contacts=conv, inference=inference))
        more_high = float(more_contacts_high(s, n, m.target, contacts=conv, inference=inference))
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
                inference=inference.kind,
            )
        )
    notes.extend(told.notes(as_of))
    if not rows:
        raise NotEnoughDataError(
            Note("check.none_computable", name=thesis.name, notes=_spaced(notes))
        )
    return CheckResult(
        thesis=thesis.name,
        statement=thesis.statement,
        n=contacts,
        metrics=tuple(rows),
        verdict=overall_verdict(r.verdict for r in rows),
        notes=tuple(notes),
        where=thesis.where,
        inference=inference.kind,
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
    scope: Scope,
    metrics: Iterable[str | Metric] | None = None,
) -> list[CheckResult]:
    """Check every thesis of ``scope.config`` (in config order), as :func:`check` does.

    Raises :class:`ConfigError` when the config defines no thesis. A thesis whose segment
    has no contacts is reported with verdict ``inconclusive``, ``n`` 0 and a note rather
    than stopping the others.

    Examples
    --------
    >>> import pandas as pd
    >>> cfg = Config.from_toml_text('[[theses]]\\nname = "it"\\nwhere = { industry = ["IT"] }')
    >>> t = pd.DataFrame({"industry": ["IT"], "contacted": [300], "replied": [20],
    ...                   "meeting": [5]})
    >>> [(r.verdict, r.maturity) for r in check_all(t, Scope(config=cfg), ["reply_rate"])]
    [('inconclusive', 'unknown')]

    Counts carry no send dates: 20 of 300 is below target so far, never a final fail.
    """
    config = scope.config
    if not config.theses:
        raise ConfigError(Note("check.no_theses", path=str(config.path or "icplab.toml")))
    metrics = list(metrics) if metrics is not None else None
    inference = scope.judged_by()
    scope = replace(scope, inference=inference)
    out = []
    for t in config.theses:
        try:
            out.append(check(data, t, metrics, scope))
        except NotEnoughDataError as exc:
            out.append(
                CheckResult(
                    t.name,
                    t.statement,
                    0,
                    (),
                    "inconclusive",
                    (message_of(exc),),
                    {**t.where, **(scope.where or {})},
                    inference=inference.kind,
                    as_of=scope.day(),
                    since=t.since,
                )
            )
    return out


def _spaced(notes: list[str]) -> str:
    """Notes one after the other, separated by a space (each rendered in its language)."""
    if not notes:
        return ""
    if len(notes) == 1:
        return notes[0]
    return Note("data_filter.then", a=notes[0], b=_spaced(notes[1:]))


def _describe_where(where: Mapping[str, WhereValue] | None) -> str:
    if not where:
        return Note("check.no_filters")
    parts = []
    for k, v in where.items():
        parts.append(f"{k}={','.join(map(str, v)) if isinstance(v, tuple) else v}")
    return ", ".join(parts)
