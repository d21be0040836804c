"""The metric lock (CONTRACT section 2): success metrics are fixed once per workspace.

The first run records the metric definitions and their fingerprint in
``icplab.lock.json`` next to ``icplab.toml``. A later run whose definitions differ (a
target lowered after the fact, a new denominator) sees the old and new values; reports
show them prominently and batch runs stop until the change is accepted
(``icplab lock --accept`` or ``icplab run --accept-metric-change``).

Examples
--------
>>> import tempfile, pathlib
>>> from icplab.core.config import Config
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> cfg = Config.from_toml_text("", path=root / "icplab.toml")
>>> check_lock(cfg).state
'created'
>>> check_lock(cfg).state
'ok'
>>> changed = Config.from_toml_text("[metrics.reply_rate]\\ntarget = 0.1", path=root / "icplab.toml")
>>> status = check_lock(changed)
>>> status.changed, status.changes[0].field, status.changes[0].old, status.changes[0].new
(True, 'target', 0.15, 0.1)
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from icplab.core.config import Config
from icplab.core.errors import ConfigError, MetricLockError
from icplab.core.metrics import Metric, default_window_days, metrics_fingerprint

LOCK_FILENAME = "icplab.lock.json"
LOCK_VERSION = 1
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


@dataclass(frozen=True)
class MetricChange:
    """One changed field of one metric (``old``/``new`` ``None`` when added/removed)."""

    metric: str
    field: str
    old: Any
    new: Any

    def __str__(self) -> str:
        if self.field == "*":
            if self.old is None:
                return f"{self.metric}: added ({_fmt_def(self.new)})"
            return f"{self.metric}: removed (was {_fmt_def(self.old)})"
        return f"{self.metric}.{self.field}: {_fmt(self.old)} -> {_fmt(self.new)}"


def _fmt(v: Any) -> str:
    return "none" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))


def _fmt_def(d: dict[str, Any] | None) -> str:
    if not d:
        return ""
    return f"{d.get('numerator')}/{d.get('denominator')} >= {_fmt(d.get('target'))}"


@dataclass(frozen=True)
class LockStatus:
    """Result of :func:`check_lock`.

    Attributes
    ----------
    state
        ``ok`` (definitions match the lock), ``created`` (no lock yet: it was written now),
        ``changed`` (definitions differ from the lock) or ``unlocked`` (no lock and
        ``record=False``).
    path
        The lock file.
    locked, current
        Locked and current definitions, ``{metric: {field: value}}``.
    changes
        Every changed field, old and new.
    locked_at
        When the lock was written (ISO 8601, UTC).
    """

    state: str
    path: Path
    locked: dict[str, dict[str, Any]]
    current: dict[str, dict[str, Any]]
    changes: tuple[MetricChange, ...] = ()
    locked_at: str = ""

    @property
    def changed(self) -> bool:
        return self.state == "changed"

    def describe(self) -> str:
        """A human message; for a change it lists every old and new value.

        Examples
        --------
        >>> s = LockStatus("changed", Path("icplab.lock.json"), {}, {},
        ...                (MetricChange("reply_rate", "target", 0.15, 0.1),))
        >>> print(s.describe())
        The success metrics changed since they were locked (icplab.lock.json):
          - reply_rate.target: 0.15 -> 0.1
        Accept the change with 'icplab lock --accept' (or 'icplab run --accept-metric-change').
        """
        if self.state == "ok":
            return f"Metrics match the lock ({self.path.name}, locked {self.locked_at})."
        if self.state == "created":
            return f"Metrics locked now in {self.path}."
        if self.state == "unlocked":
            return f"Metrics are not locked yet; the first 'icplab run' or 'icplab lock' locks them in {self.path}."
        lines = [f"The success metrics changed since they were locked ({self.path.name}):"]
        lines += [f"  - {c}" for c in self.changes]
        lines.append(
            "Accept the change with 'icplab lock --accept' (or 'icplab run --accept-metric-change')."
        )
        return "\n".join(lines)

    def raise_if_changed(self, accepted: bool = False) -> None:
        """Raise :class:`MetricLockError` on a change that is not accepted.

        With ``accepted=True`` a change is accepted: the current definitions are locked
        (:func:`accept_lock`) and nothing is raised.
        """
        if not self.changed:
            return
        if not accepted:
            raise MetricLockError(self.describe())
        _write(self.path, self.current)


def lock_path(config: Config) -> Path:
    """``icplab.lock.json`` in the workspace root (next to ``icplab.toml``)."""
    return config.root / LOCK_FILENAME


def definitions(
    metrics: dict[str, Metric], columns: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """The locked fields of each metric, sorted by name.

    With the log's ``columns`` a metric that falls back to another denominator on that log
    records it as ``effective_denominator``.

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
        out[name] = d
    return out


def _window(d: dict[str, Any]) -> int:
    """The effective maturity window of a locked definition."""
    w = d.get(WINDOW_FIELD)
    return default_window_days(str(d.get("numerator"))) if w is None else int(w)


def _effective(d: dict[str, Any]) -> Any:
    """The denominator a locked definition used on the log (its ``denominator`` if none
    was recorded)."""
    return d.get(EFFECTIVE_FIELD) or d.get("denominator")


def _carry_over(
    locked: dict[str, dict[str, Any]], current: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """``current`` with the locked effective denominators kept (the log is not known)."""
    out = {name: dict(d) for name, d in current.items()}
    for name, d in out.items():
        used = locked.get(name, {}).get(EFFECTIVE_FIELD)
        if used is not None and used == d.get("fallback_denominator"):
            d[EFFECTIVE_FIELD] = used
    return out


def _kind(d: dict[str, Any]) -> str:
    """The metric kind of a locked definition (``"rate"`` when not recorded)."""
    return str(d.get(KIND_FIELD) or "rate")


def _read(path: Path) -> dict[str, Any]:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(payload, dict) or not isinstance(payload.get("metrics"), dict):
            raise ValueError("no 'metrics' object")
        return payload
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"{path}: the metric lock file is unreadable ({exc}). Restore it from version "
            "control, or delete it and run 'icplab lock --accept' to lock the current metrics."
        ) from None


def _write(path: Path, defs: dict[str, dict[str, Any]]) -> None:
    payload = {
        "version": LOCK_VERSION,
        "locked_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "fingerprint": _fingerprint(defs),
        "metrics": defs,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".icplab.lock.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=2, sort_keys=True)
            fh.write("\n")
        os.replace(tmp, path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the metric lock ({exc}).") from None


def _fingerprint(defs: dict[str, dict[str, Any]]) -> str:
    """The metrics' fingerprint, plus any recorded effective denominator (so a lock
    without one keeps the fingerprint it always had)."""
    metrics = {
        name: Metric(
            name=name,
            **{k: d.get(k) for k in LOCKED_FIELDS},  # type: ignore[arg-type]
            window_days=d.get(WINDOW_FIELD),
            kind=_kind(d),
        )
        for name, d in defs.items()
    }
    base = metrics_fingerprint(metrics)
    used = {name: d[EFFECTIVE_FIELD] for name, d in sorted(defs.items()) if d.get(EFFECTIVE_FIELD)}
    if not used:
        return base
    blob = json.dumps({"metrics": base, EFFECTIVE_FIELD: used}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _diff(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> tuple[MetricChange, ...]:
    out = []
    for name in sorted(set(old) | set(new)):
        if name not in new:
            out.append(MetricChange(name, "*", old[name], None))
        elif name not in old:
            out.append(MetricChange(name, "*", None, new[name]))
        else:
            out.extend(
                MetricChange(name, f, old[name].get(f), new[name].get(f))
                for f in LOCKED_FIELDS
                if old[name].get(f) != new[name].get(f)
            )
            if _window(old[name]) != _window(new[name]):
                out.append(MetricChange(name, WINDOW_FIELD, _window(old[name]), _window(new[name])))
            if _kind(old[name]) != _kind(new[name]):
                out.append(MetricChange(name, KIND_FIELD, _kind(old[name]), _kind(new[name])))
            if _effective(old[name]) != _effective(new[name]):
                out.append(
                    MetricChange(
                        name, EFFECTIVE_FIELD, _effective(old[name]), _effective(new[name])
                    )
                )
    return tuple(out)


def check_lock(
    config: Config, *, record: bool = True, columns: Iterable[str] | None = None
) -> LockStatus:
    """Compare the config's metric definitions with the workspace lock.

    Parameters
    ----------
    config
        The workspace config; the lock lives in ``config.root``.
    record
        Write the lock when there is none yet (the first run). With ``False`` a missing
        lock gives state ``unlocked`` and nothing is written.
    columns
        The columns of the workspace's log (``icplab run`` passes them). Then the
        denominator each metric actually uses is compared too: a log that loses its
        ``qualified`` column (deal_rate silently switching to meetings) is a metric
        change, and so is the way back. Without them the locked value is kept.

    Returns
    -------
    LockStatus
        Use ``.changed``, ``.describe()`` and ``.raise_if_changed(accepted)``.

    Raises
    ------
    ConfigError
        The lock file exists but cannot be read.
    """
    path = lock_path(config)
    current = definitions(config.metrics, columns)
    if not path.exists():
        if not record:
            return LockStatus("unlocked", path, {}, current)
        _write(path, current)
        return LockStatus("created", path, current, current, locked_at=_read(path)["locked_at"])
    payload = _read(path)
    locked = {str(k): dict(v) for k, v in payload["metrics"].items()}
    if columns is None:
        current = _carry_over(locked, current)
    changes = _diff(locked, current)
    state = "changed" if changes else "ok"
    return LockStatus(state, path, locked, current, changes, str(payload.get("locked_at", "")))


def accept_lock(config: Config, *, columns: Iterable[str] | None = None) -> LockStatus:
    """Lock the config's current metric definitions (overwriting any previous lock).

    ``columns``: the log's columns, as for :func:`check_lock`. Returns the status after
    writing (state ``ok``) with the changes that were accepted.
    """
    before = check_lock(config, record=False, columns=columns)
    _write(lock_path(config), before.current)
    after = check_lock(config, columns=columns)
    return LockStatus(
        "ok", after.path, after.locked, after.current, before.changes, after.locked_at
    )
