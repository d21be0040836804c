"""What the metric lock records of each metric: its definition and what decides its numbers.

:func:`definitions` turns the workspace's metrics (with the log's columns, the
``[columns]`` entries and the size bands) into the dictionaries that
:mod:`icplab.icp.lock` fingerprints, stores and compares field by field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

from icplab.core.metrics import Metric, default_window_days
from icplab.core.schema import SizeBands

#: Fields of a metric definition that the lock compares (``label`` is cosmetic).
LOCKED_FIELDS: tuple[str, ...] = ("numerator", "denominator", "fallback_denominator", "target")
#: The maturity window is locked too; it is recorded only when it differs from the
#: numerator's default, so lock files written before windows existed stay valid.
WINDOW_FIELD = "window_days"
#: The metric kind is locked too; it is recorded only for non-rate metrics, so lock files
#: written before kinds existed stay valid (a missing kind means ``"rate"``).
KIND_FIELD = "kind"
#: The denominator a metric actually uses on the workspace's log (CONTRACT section 2),
#: recorded only when it differs from ``denominator`` (deal_rate falling back to meetings
#: on a log without ``qualified``), so lock files written before it existed stay valid. It
#: is known only when the log's columns are (``icplab run`` passes them); without them the
#: locked value is carried over and not compared.
EFFECTIVE_FIELD = "effective_denominator"
#: How the columns a metric counts are read from the file: their ``[columns]`` entries
#: (or the preset they come from). Moving ``replied`` to another status list moves the
#: reply rate as surely as a new target (issue 20: 22 % -> 61 %). Recorded only when one of
#: them is mapped, so lock files of unmapped workspaces stay valid.
COLUMNS_FIELD = "columns"
#: The size bands (they decide which contacts each segment's rate counts); recorded only
#: when they differ from the default bands.
BANDS_FIELD = "size_bands"
#: How the dates that decide maturity are read, for a metric with a window: the
#: ``[columns]`` entries of ``sent_at`` and of its numerator's timestamp (``replied_at``,
#: ...). Reading ``sent_at`` with another ``date_format``, or ``replied_at`` from another
#: column, moves which contacts and successes count. Recorded only when one of them is
#: mapped; a lock of version 1 (before this field) takes the current entries as locked.
DATES_FIELD = "dates"
#: The fields beyond :data:`LOCKED_FIELDS` that the fingerprint covers when recorded.
INPUT_FIELDS: tuple[str, ...] = (EFFECTIVE_FIELD, COLUMNS_FIELD, BANDS_FIELD, DATES_FIELD)


def definitions(
    metrics: dict[str, Metric],
    columns: Iterable[str] | None = None,
    *,
    mapping: Mapping[str, Any] | None = None,
    size_bands: SizeBands | None = None,
) -> dict[str, dict[str, Any]]:
    """The locked fields of each metric, sorted by name.

    With the log's ``columns`` a metric that falls back to another denominator on that log
    records it as ``effective_denominator``. With ``mapping`` (the ``[columns]`` table of
    ``icplab.toml``) a metric whose counted columns are mapped records their entries
    (``columns``); with ``size_bands`` other than the default ones, every metric records
    them (``size_bands``).

    Examples
    --------
    >>> from icplab.core.metrics import DEFAULT_METRICS
    >>> definitions(DEFAULT_METRICS, ["contacted", "meeting", "deal"])["deal_rate"]["effective_denominator"]
    'meeting'
    >>> "effective_denominator" in definitions(DEFAULT_METRICS)["deal_rate"]
    False
    """
    cols = None if columns is None else list(columns)
    out = {}
    for name, m in sorted(metrics.items()):
        d = {k: v for k, v in asdict(m).items() if k in LOCKED_FIELDS}
        if m.window != default_window_days(m.numerator):
            d[WINDOW_FIELD] = m.window
        if m.kind != "rate":
            d[KIND_FIELD] = m.kind
        if cols is not None and m.denominator_in(cols) != m.denominator:
            d[EFFECTIVE_FIELD] = m.denominator_in(cols)
        entries = _mapped_entries(m, mapping)
        if entries:
            d[COLUMNS_FIELD] = entries
        dates = _mapped_dates(m, mapping)
        if dates:
            d[DATES_FIELD] = dates
        if size_bands is not None and _bands(size_bands) != _bands(SizeBands()):
            d[BANDS_FIELD] = _bands(size_bands)
        out[name] = d
    return out


def _bands(bands: SizeBands) -> list[str]:
    """The band labels (they show the edges), e.g. ``['1-49', '50-199', ...]``."""
    return [str(b) for b in bands.labels]


def _entry(value: Any) -> str:
    """A ``[columns]`` entry as compact JSON (how the lock records it)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _mapped_dates(metric: Metric, mapping: Mapping[str, Any] | None) -> dict[str, str]:
    """The ``[columns]`` entries of the dates that decide ``metric``'s maturity (its
    window on): ``sent_at`` and its numerator's timestamp; unmapped ones are left out.

    Examples
    --------
    >>> from icplab.core.metrics import DEFAULT_METRICS
    >>> _mapped_dates(DEFAULT_METRICS["reply_rate"], {"sent_at": "Erstkontakt", "meeting_at": "x"})
    {'sent_at': '"Erstkontakt"'}
    >>> _mapped_dates(DEFAULT_METRICS["reply_rate"], {"industry": "Branche"})
    {}
    """
    from icplab.data.maturity import TIMESTAMP_COLUMNS

    windows = [metric.window, *(days for _, days in metric.window_table)]
    if not mapping or not any(windows):
        return {}
    dates = ("sent_at", TIMESTAMP_COLUMNS.get(metric.numerator))
    return {col: _entry(mapping[col]) for col in dates if col and col in mapping}


def _mapped_entries(metric: Metric, mapping: Mapping[str, Any] | None) -> dict[str, str]:
    """How each column ``metric`` counts is read: its ``[columns]`` entry as compact JSON,
    or ``preset NAME`` when the preset maps it; unmapped columns are left out.

    Examples
    --------
    >>> from icplab.core.metrics import DEFAULT_METRICS
    >>> _mapped_entries(DEFAULT_METRICS["reply_rate"], {"replied": {"from": "Status", "in": ["Won"]}})
    {'replied': '{"from":"Status","in":["Won"]}'}
    >>> _mapped_entries(DEFAULT_METRICS["reply_rate"], {"preset": "lemlist"})
    {'replied': 'preset lemlist'}
    >>> _mapped_entries(DEFAULT_METRICS["reply_rate"], {"industry": "Branche"})
    {}
    """
    if not mapping:
        return {}
    from icplab.data.presets import PRESETS

    preset = mapping.get("preset")
    preset_columns = PRESETS[preset].columns if preset in PRESETS else {}
    counted = [metric.numerator, metric.denominator, metric.fallback_denominator]
    out: dict[str, str] = {}
    for col in sorted({str(c) for c in counted if c}):
        if col in mapping and col != "preset":
            out[col] = _entry(mapping[col])
        elif col in preset_columns:
            out[col] = f"preset {preset}"
    return out


def window_of(d: dict[str, Any]) -> int:
    """The effective maturity window of a locked definition."""
    w = d.get(WINDOW_FIELD)
    return default_window_days(str(d.get("numerator"))) if w is None else int(w)


def effective(d: dict[str, Any]) -> Any:
    """The denominator a locked definition used on the log (its ``denominator`` if none
    was recorded)."""
    return d.get(EFFECTIVE_FIELD) or d.get("denominator")


def carry_over(
    locked: dict[str, dict[str, Any]], current: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """``current`` with the locked effective denominators kept (the log is not known)."""
    out = {name: dict(d) for name, d in current.items()}
    for name, d in out.items():
        used = locked.get(name, {}).get(EFFECTIVE_FIELD)
        if used is not None and used == d.get("fallback_denominator"):
            d[EFFECTIVE_FIELD] = used
    return out


def shown(d: dict[str, Any], field: str) -> str:
    """A recorded input field in words, for the change message (old and new)."""
    value = d.get(field)
    if field == BANDS_FIELD:
        return (
            ", ".join(value) if value else "default bands (" + ", ".join(_bands(SizeBands())) + ")"
        )
    if not value:
        return "read as the file's own column (no [columns] entry)"
    return "; ".join(f"{col} = {entry}" for col, entry in sorted(value.items()))


def kind_of(d: dict[str, Any]) -> str:
    """The metric kind of a locked definition (``"rate"`` when not recorded)."""
    return str(d.get(KIND_FIELD) or "rate")
