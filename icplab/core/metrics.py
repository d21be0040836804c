"""The fixed success metrics (CONTRACT section 2) and how to read them off a count table.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"contacted": [100, 50], "replied": [20, 5], "meeting": [8, 2]})
>>> s, n = metric_counts(table, DEFAULT_METRICS["reply_rate"])
>>> s.tolist(), n.tolist()
([20, 5], [100, 50])
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import NoReturn

import numpy as np
import pandas as pd

from icplab.core.errors import ConfigError, NotEnoughDataError
from icplab.core.notes import Note

#: Kinds of metric: a rate (successes over a denominator) or a mean (a value per unit).
METRIC_KINDS: tuple[str, ...] = ("rate", "mean")


@dataclass(frozen=True)
class Metric:
    """A success metric: ``numerator / denominator`` judged against ``target``.

    ``fallback_denominator`` is used when the data lacks ``denominator`` (deal_rate falls
    back from qualified leads to meetings).

    ``kind`` is ``"rate"`` (a share of the denominator, target between 0 and 1) or
    ``"mean"`` (a value metric: the mean of ``numerator`` per unit of the denominator, e.g.
    EUR of ``deal_value`` per contact; target in the value's unit, >= 0). See
    :mod:`icplab.stats.means` for the statistics of mean metrics.

    ``window_days`` is the maturity window (CONTRACT section 2): a contact counts once it
    was sent at least that many days before ``as_of``, and a success counts when it came
    within that many days of ``sent_at``; ``None`` takes the default of the numerator
    (:func:`default_window_days`), 0 switches it off. ``window_table`` holds windows by
    segment, ``(level, days)`` pairs where the level is a size band or an industry
    (``[metrics.deal_rate.window_days] default = 90, "500+" = 240``): sales cycles that
    differ by segment (CONTRACT section 10); ``window_days`` is then the default.

    ``horizon_days`` (optional) judges the metric on the cycle's clock: the share that
    reaches the numerator's step within that many days of ``sent_at``, estimated by
    Kaplan-Meier so that young contacts count for what they have shown so far (see
    :func:`icplab.icp.cycle.horizon_counts`).

    Examples
    --------
    >>> Metric("reply_rate", "replied", "contacted", 0.15).window
    28
    >>> Metric("x", "replied", "contacted", 0.15, window_days=0).window
    0
    """

    name: str
    numerator: str
    denominator: str
    target: float
    fallback_denominator: str | None = None
    label: str = ""
    kind: str = "rate"
    window_days: int | None = None
    window_table: tuple[tuple[str, int], ...] = ()
    horizon_days: int | None = None

    def __post_init__(self) -> None:
        w = self.window_days
        if w is not None and (
            isinstance(w, bool) or not isinstance(w, (int, float)) or w < 0 or w != int(w)
        ):
            self._refuse(Note("errors.metric.window_days", value=repr(w)))
        if self.kind not in METRIC_KINDS:
            kinds = tuple(METRIC_KINDS)
            self._refuse(Note("errors.metric.kind", kinds=kinds, value=repr(self.kind)))
        if self.kind == "mean":
            if not (float(self.target) >= 0.0 or math.isnan(float(self.target))):
                self._refuse(Note("errors.metric.mean_target", value=repr(self.target)))
            return
        if not 0.0 < float(self.target) < 1.0:
            self._refuse(Note("errors.metric.rate_target", value=repr(self.target)))

    def _refuse(self, detail: Note) -> NoReturn:
        """Raise the :class:`ConfigError` of this metric's ``detail`` (``metric 'NAME': ...``)."""
        raise ConfigError(Note("errors.metric.problem", name=self.name, detail=detail))

    @property
    def window(self) -> int:
        """The effective maturity window in days (0: off)."""
        if self.window_days is None:
            return default_window_days(self.numerator)
        return int(self.window_days)

    def window_of(self, level: str) -> int:
        """The window of a segment level (a size band or an industry), else the default.

        Examples
        --------
        >>> m = Metric("d", "deal", "qualified", 0.05, window_table=(("500+", 240),))
        >>> m.window_of("500+"), m.window_of("1-49")
        (240, 90)
        """
        return dict(self.window_table).get(str(level), self.window)

    @property
    def is_mean(self) -> bool:
        """Whether this is a value metric (``kind = "mean"``)."""
        return self.kind == "mean"

    @property
    def title(self) -> str:
        """Human name, e.g. ``Reply rate``."""
        return self.label or self.name.replace("_", " ").capitalize()

    def denominator_in(self, columns) -> str:
        """The denominator column this metric uses on data with ``columns``."""
        if self.denominator in columns:
            return self.denominator
        if self.fallback_denominator and self.fallback_denominator in columns:
            return self.fallback_denominator
        return self.denominator

    def fallback_note(self, columns) -> str | None:
        """A plain note when the metric falls back to its ``fallback_denominator`` on data
        with ``columns`` (CONTRACT section 2: every output says so), else ``None``.

        Examples
        --------
        >>> DEFAULT_METRICS["deal_rate"].fallback_note(["contacted", "meeting", "deal"])
        'deal_rate uses meetings as its denominator: the log has no qualified column.'
        >>> DEFAULT_METRICS["deal_rate"].fallback_note(["meeting", "qualified"]) is None
        True
        """
        used = self.denominator_in(columns)
        if used == self.denominator:
            return None
        return Note("metric.fallback", metric=self.name, used=used, wanted=self.denominator)


#: Default maturity windows in days, by numerator column (CONTRACT section 2).
DEFAULT_WINDOW_DAYS: dict[str, int] = {
    "replied": 28,
    "first_touch_reply": 28,
    "meeting": 42,
    "qualified": 90,
    "deal": 90,
    "deal_value": 90,
}


def default_window_days(numerator: str) -> int:
    """The default maturity window of a metric with this numerator (0 when none applies).

    Examples
    --------
    >>> default_window_days("meeting"), default_window_days("opened")
    (42, 0)
    """
    return DEFAULT_WINDOW_DAYS.get(numerator, 0)


DEFAULT_METRICS: dict[str, Metric] = {
    "reply_rate": Metric("reply_rate", "replied", "contacted", 0.15, label="Reply rate"),
    "meeting_rate": Metric("meeting_rate", "meeting", "contacted", 0.10, label="Meeting rate"),
    "deal_rate": Metric(
        "deal_rate", "deal", "qualified", 0.05, fallback_denominator="meeting", label="Deal rate"
    ),
}


#: Metrics known by name but not part of the default set (so not in a workspace's lock
#: unless the workspace defines them): they are available when the data has their column.
#: ``value_per_contact`` has no default target (CONTRACT section 2): a workspace sets one
#: with ``[metrics.value_per_contact] target = 150``; ``refine`` also takes ``target=``.
OPTIONAL_METRICS: dict[str, Metric] = {
    "positive_reply_rate": Metric(
        "positive_reply_rate",
        "positive_reply",
        "contacted",
        0.10,
        label="Positive reply rate",
    ),
    # replied to the first message of the sequence (``reply_step`` = 1) over contacts: the
    # playbook's "15 % on your first e-mail"; follow-up replies do not count here
    "reply_rate_first_touch": Metric(
        "reply_rate_first_touch",
        "first_touch_reply",
        "contacted",
        0.15,
        label="Reply rate on the first touch",
    ),
    "value_per_contact": Metric(
        "value_per_contact",
        "deal_value",
        "contacted",
        float("nan"),  # no default target: set one in icplab.toml
        label="Value per contact",
        kind="mean",
    ),
}


def lookup_metric(name: str, metrics: Mapping[str, Metric]) -> Metric | None:
    """The metric called ``name``: the workspace's own first, then :data:`OPTIONAL_METRICS`.

    Examples
    --------
    >>> lookup_metric("value_per_contact", DEFAULT_METRICS).kind
    'mean'
    >>> lookup_metric("nope", DEFAULT_METRICS) is None
    True
    """
    return metrics.get(name) or OPTIONAL_METRICS.get(name)


def metric_counts(table: pd.DataFrame, metric: Metric) -> tuple[np.ndarray, np.ndarray]:
    """Numerator and denominator counts of ``metric`` for each row of a count table.

    Raises :class:`NotEnoughDataError` when the data lacks the columns the metric needs.
    """
    if metric.numerator == "first_touch_reply" and "first_touch_reply" not in table.columns:
        raise NotEnoughDataError(Note("errors.metric.needs_reply_step", name=metric.name))
    if metric.numerator == "positive_reply" and "positive_reply" not in table.columns:
        raise NotEnoughDataError(Note("errors.metric.needs_reply_class", name=metric.name))
    if metric.numerator not in table.columns:
        raise NotEnoughDataError(
            Note("errors.metric.needs_numerator", name=metric.name, column=metric.numerator)
        )
    denominator = metric.denominator_in(table.columns)
    if denominator not in table.columns:
        raise NotEnoughDataError(
            Note("errors.metric.needs_denominator", name=metric.name, column=denominator)
        )
    successes = table[metric.numerator].to_numpy(dtype="int64")
    n = table[denominator].to_numpy(dtype="int64")
    return successes, n


def metrics_fingerprint(metrics: Mapping[str, Metric]) -> str:
    """A stable SHA-256 of the metric definitions, for the metric lock.

    Examples
    --------
    >>> a = metrics_fingerprint(DEFAULT_METRICS)
    >>> a == metrics_fingerprint(dict(DEFAULT_METRICS))
    True
    >>> len(a)
    64
    """
    payload = {name: asdict(m) for name, m in sorted(metrics.items())}
    for name, d in payload.items():
        d.pop("label", None)
        if d.get("kind") == "rate":
            d.pop("kind")  # rate metrics hash as before the kind field existed
        # A window at its default is left out, so fingerprints recorded before maturity
        # windows existed stay valid; any other window is part of the fingerprint.
        window = d.pop("window_days", None)
        if window is not None and int(window) != default_window_days(metrics[name].numerator):
            d["window_days"] = int(window)
        table = d.pop("window_table", ())
        if table:  # windows by segment (absent before they existed: old fingerprints hold)
            d["window_table"] = [list(t) for t in table]
        horizon = d.pop("horizon_days", None)
        if horizon is not None:
            d["horizon_days"] = int(horizon)
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()
