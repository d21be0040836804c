"""The metric lock (CONTRACT section 2): success metrics are fixed once per workspace.

The first run records the metric definitions and their fingerprint in
``icplab.lock.json`` next to ``icplab.toml``. A later run whose definitions differ (a
target lowered after the fact, a new denominator) sees the old and new values; reports
show them prominently and batch runs stop until the change is accepted
(``icplab lock --accept`` or ``icplab run --accept-metric-change``).

The lock cannot be sidestepped quietly. Its ``fingerprint`` must match the metrics in the
file: a lock edited by hand (a target lowered inside ``icplab.lock.json``) is ``tampered``
and treated like a change. Every lock written is also kept in the workspace's state
folder (``.icplab/lock-record.json``), with the history of accepted changes: when
``icplab.lock.json`` is deleted, the record stands in for it, so changed metrics are still
a change (old values from the record) and unchanged ones just get their lock file back.

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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from icplab.core.config import Config
from icplab.core.decode_reason import json_reason
from icplab.core.errors import ConfigError, IcpLabError, MetricLockError, os_reason
from icplab.core.files import atomic_write_text
from icplab.core.metrics import Metric, metrics_fingerprint
from icplab.core.notes import Note, note_data, note_from_data
from icplab.core.schema import SizeBands
from icplab.icp.lock_definitions import (
    BANDS_FIELD,
    COLUMNS_FIELD,
    DATES_FIELD,
    EFFECTIVE_FIELD,
    INPUT_FIELDS,
    KIND_FIELD,
    LOCKED_FIELDS,
    WINDOW_FIELD,
    carry_over,
    definitions,
    effective,
    kind_of,
    shown,
    window_of,
)

LOCK_FILENAME = "icplab.lock.json"
#: The copy of the last lock (and the history of accepted changes), relative to the
#: workspace root; written with every lock, read when the lock file is missing or edited.
RECORD_PATH = Path(".icplab") / "lock-record.json"
LOCK_VERSION = 2
#: Lock files of version 1 did not record the dates (:data:`DATES_FIELD`): their metrics
#: take the current entries as locked until the next lock is written.
DATES_SINCE_VERSION = 2


@dataclass(frozen=True)
class MetricChange:
    """One changed field of one metric (``old``/``new`` ``None`` when added/removed)."""

    metric: str
    field: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return str(self.note())

    def note(self) -> Note:
        """The change as a note (same English text as ``str``), for any language."""
        if self.field == "*":
            if self.old is None:
                return Note("lock.change_added", metric=self.metric, definition=_def(self.new))
            return Note("lock.change_removed", metric=self.metric, definition=_def(self.old))
        return Note(
            "lock.change_field",
            metric=self.metric,
            field=self.field,
            old=_value(self.old),
            new=_value(self.new),
        )


def _when(text: str) -> datetime | str:
    """An ISO time as a ``datetime`` (German notes write it ``07.12.2026``) when it reads
    back to the same text, else the text as it is."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return text
    return when if when.isoformat() == text else text


def _lines(lines: list[str]) -> str:
    """Lines one below the other, each note rendered in its language."""
    if len(lines) == 1:
        return lines[0]
    return Note("lock.line_then", first=lines[0], rest=_lines(lines[1:]))


def _value(v: Any) -> Any:
    """A locked value for a note: in English as the config writes it (``0.15``, ``none``),
    in German with German words and numbers (``0,15``).

    Examples
    --------
    >>> from icplab.core.notes import render
    >>> [render(_value(v), "de") for v in (0.15, None, 28, "meeting")]
    ['0,15', 'keiner', '28', 'meeting']
    >>> [str(_value(v)) for v in (0.15, None)]
    ['0.15', 'none']
    """
    if v is None:
        return Note("errors.lock.none")
    if isinstance(v, float):
        return Note("errors.lock.number", value=v)
    return v if isinstance(v, Note) else str(v)


def _def(d: dict[str, Any] | None) -> str:
    """A whole metric definition for a note (``replied/contacted >= 0.15``)."""
    if not d:
        return ""
    return Note(
        "errors.lock.definition",
        numerator=str(d.get("numerator")),
        denominator=str(d.get("denominator")),
        target=_value(d.get("target")),
    )


def _shown(d: dict[str, Any], field: str) -> str:
    """A recorded input field in words (:func:`shown`), its default in any language."""
    if d.get(field):
        return shown(d, field)
    if field == BANDS_FIELD:
        return Note("errors.lock.default_bands", bands=tuple(str(b) for b in SizeBands().labels))
    return Note("errors.lock.own_column")


@dataclass(frozen=True)
class LockStatus:
    """Result of :func:`check_lock`.

    Attributes
    ----------
    state
        ``ok`` (definitions match the lock), ``created`` (no lock yet: it was written now),
        ``restored`` (the lock file was missing; the definitions match the record, so it
        was written again), ``changed`` (definitions differ from the lock, or from the
        record when the lock file is missing), ``tampered`` (the lock file was edited by
        hand: its metrics do not match its fingerprint) or ``unlocked`` (no lock, no
        record and ``record=False``).
    path
        The lock file.
    locked, current
        Locked and current definitions, ``{metric: {field: value}}``.
    changes
        Every changed field, old and new.
    locked_at
        When the lock was written (ISO 8601, UTC).
    note
        Where the old values came from when the lock file was missing (else empty).
    history
        The accepted changes, oldest first: ``{"at": ISO time, "changes": [text, ...]}``.
    source
        Where the locked values came from when the lock file was missing: the record in
        ``.icplab/`` or, without it, the last published run's ``run.json``.
    """

    state: str
    path: Path
    locked: dict[str, dict[str, Any]]
    current: dict[str, dict[str, Any]]
    changes: tuple[MetricChange, ...] = ()
    locked_at: str = ""
    note: str = ""
    history: tuple[dict[str, Any], ...] = ()
    source: str = str(RECORD_PATH)

    @property
    def changed(self) -> bool:
        """Whether the metrics must not be used as locked: changed, or the lock tampered."""
        return self.state in ("changed", "tampered")

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
        name, at, path = self.path.name, _when(self.locked_at), str(self.path)
        if self.state == "ok":
            if self.note:
                return Note("lock.ok_note", name=name, locked_at=at, note=self.note)
            return Note("lock.ok", name=name, locked_at=at)
        if self.state == "created":
            return Note("lock.created", path=path)
        if self.state == "restored":
            return Note("lock.restored", name=name, source=self.source, locked_at=at)
        if self.state == "unlocked":
            return Note("lock.unlocked", path=path)
        changes = [Note("lock.change_item", change=c.note()) for c in self.changes]
        lines: list[str]
        if self.state == "tampered":
            lines = [Note("lock.tampered", name=name)]
            if self.changes:
                lines += [Note("lock.tampered_changes", record=str(RECORD_PATH)), *changes]
            return _lines([*lines, Note("lock.tampered_advice")])
        lines = [Note("lock.changed", name=name), *changes]
        if self.note:
            lines.append(self.note)
        return _lines([*lines, Note("lock.changed_advice")])

    def raise_if_changed(self, accepted: bool = False) -> None:
        """Raise :class:`MetricLockError` on a change that is not accepted.

        With ``accepted=True`` a change is accepted: the current definitions are locked
        (:func:`accept_lock`) and nothing is raised.
        """
        if not self.changed:
            return
        if not accepted:
            raise MetricLockError(self.describe())
        _write(self.path, self.current, _accepted(self.history, self.changes, self.state))


def lock_path(config: Config) -> Path:
    """``icplab.lock.json`` in the workspace root (next to ``icplab.toml``)."""
    return config.root / LOCK_FILENAME


def record_path(lock: Path) -> Path:
    """The record of the last lock: ``.icplab/lock-record.json`` beside the lock file."""
    return lock.parent / RECORD_PATH


#: The largest lock file read (a lock is a few kilobytes; its history grows slowly).
MAX_LOCK_BYTES = 20 * 1024 * 1024


def _text(path: Path) -> str:
    """The text of a lock file (or its record, or a run record): a regular file of at most
    :data:`MAX_LOCK_BYTES`, else a ``ValueError`` naming why (a FIFO or a link to
    ``/dev/zero`` planted in the workspace would be read forever)."""
    import stat

    if not stat.S_ISREG(path.stat().st_mode):
        raise ValueError(Note("errors.json.not_a_file"))
    with open(path, "rb") as fh:
        data = fh.read(MAX_LOCK_BYTES + 1)
    if len(data) > MAX_LOCK_BYTES:
        raise ValueError(Note("errors.json.too_large", limit=MAX_LOCK_BYTES // 2**20))
    return data.decode("utf-8")


def _reason(exc: ValueError | RecursionError) -> str:
    """Why the lock's text is not a lock: the parser's reason, or our own note."""
    if isinstance(exc, RecursionError):  # arrays or objects nested thousands deep
        return Note("errors.json.too_deep")
    given = exc.args[0] if exc.args else None
    return given if isinstance(given, Note) else json_reason(exc)


def _read(path: Path, what: str = "lock.what.file") -> dict[str, Any]:
    try:
        payload = json.loads(_text(path))
        if not isinstance(payload, dict) or not isinstance(payload.get("metrics"), dict):
            raise ValueError(Note("errors.json.no_metrics"))
        if not all(isinstance(d, dict) for d in payload["metrics"].values()):
            raise ValueError(Note("errors.json.metric_not_object"))
        return payload
    except (OSError, ValueError, RecursionError) as exc:
        raise ConfigError(
            Note(
                "lock.unreadable",
                path=str(path),
                what=Note(what),
                reason=os_reason(exc) if isinstance(exc, OSError) else _reason(exc),
                name=LOCK_FILENAME,
            )
        ) from None


#: The key under which a run's record (``reports/runs/<id>/run.json``) keeps the lock it ran
#: under: when both the lock file and ``.icplab/`` are deleted, the last run still knows.
RUN_RECORD_KEY = "metric_lock"
#: How many of the newest run records are searched for a lock.
RUN_RECORDS_SEARCHED = 20


def lock_for_run_record(config: Config) -> dict[str, Any] | None:
    """The workspace's lock as it stands (for a run's record), ``None`` without a sound one."""
    path = lock_path(config)
    if not path.exists():
        return None
    try:
        payload = _read(path)
    except ConfigError:
        return None
    return payload if _sound(payload) else None


def _last_run_lock(config: Config) -> tuple[dict[str, Any], str] | None:
    """The lock kept in the newest published run record that has a sound one."""
    runs = config.root / config.reports_dir / "runs"
    if not runs.is_dir():
        return None
    records = sorted(runs.glob("*/run.json"), key=lambda p: p.parent.name, reverse=True)
    for run_json in records[:RUN_RECORDS_SEARCHED]:
        try:
            payload = json.loads(_text(run_json)).get(RUN_RECORD_KEY)
        except (OSError, ValueError, AttributeError, RecursionError):
            continue
        if (
            isinstance(payload, dict)
            and isinstance(payload.get("metrics"), dict)
            and all(isinstance(d, dict) for d in payload["metrics"].values())
            and _sound(payload)
        ):
            return payload, str(run_json.relative_to(config.root))
    return None


def _read_record(path: Path) -> dict[str, Any] | None:
    """The record of the last lock, ``None`` when there is none."""
    if not path.exists():
        return None
    return _read(path, "lock.what.record")


def _with_dates(
    payload: dict[str, Any], locked: dict[str, dict[str, Any]], current: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """``locked``; from a lock written before the dates were recorded (version 1), with the
    current dates taken as locked (they were not known then)."""
    try:
        version = int(payload.get("version", 1))
    except (TypeError, ValueError):
        version = 1
    if version >= DATES_SINCE_VERSION:
        return locked
    out = {name: dict(d) for name, d in locked.items()}
    for name, d in out.items():
        if DATES_FIELD not in d and DATES_FIELD in current.get(name, {}):
            d[DATES_FIELD] = current[name][DATES_FIELD]
    return out


def _metrics(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(k): dict(v) for k, v in payload["metrics"].items()}


def _history(payload: dict[str, Any] | None) -> tuple[dict[str, Any], ...]:
    items = (payload or {}).get("history")
    return tuple(h for h in items if isinstance(h, dict)) if isinstance(items, list) else ()


def _sound(payload: dict[str, Any]) -> bool:
    """Whether the recorded fingerprint matches the metrics in the file (not edited)."""
    try:
        return payload.get("fingerprint") == _fingerprint(_metrics(payload))
    except (IcpLabError, TypeError, ValueError, AttributeError):
        return False


def _accepted(
    history: Iterable[dict[str, Any]], changes: Iterable[MetricChange], state: str
) -> tuple[dict[str, Any], ...]:
    """``history`` with one entry for changes accepted now (unchanged when none)."""
    notes = [c.note() for c in changes]
    if state == "tampered":
        notes.append(Note("lock.history_tampered", name=LOCK_FILENAME))
    if not notes:
        return tuple(history)
    return (
        *history,
        {
            "at": _now(),
            "changes": [str(n) for n in notes],
            "notes": [note_data(n) for n in notes],
        },
    )


def history_notes(entry: dict[str, Any]) -> list[str]:
    """The changes of one history entry as notes (any language), as they were accepted.

    Entries written before notes were recorded (or edited by hand) keep their English text.

    Examples
    --------
    >>> entry = {"changes": ["reply_rate.target: 0.15 -> 0.2"],
    ...          "notes": [{"code": "lock.change_field", "params": {"metric": "reply_rate",
    ...                     "field": "target", "old": "0.15", "new": "0.2"}}]}
    >>> [n.code for n in history_notes(entry)]
    ['lock.change_field']
    >>> history_notes({"changes": ["an old line"]})
    ['an old line']
    """
    texts = [str(t) for t in entry.get("changes") or ()]
    notes = entry.get("notes")
    if not isinstance(notes, list) or len(notes) != len(texts):
        return texts
    out: list[str] = []
    for text, raw in zip(texts, notes, strict=True):
        try:
            out.append(note_from_data(raw))
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            out.append(text)  # an unknown code or a hand-edited entry: its recorded text
    return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write(
    path: Path, defs: dict[str, dict[str, Any]], history: Iterable[dict[str, Any]] = ()
) -> None:
    """Write the lock, and the same text as the record of the last lock."""
    payload = {
        "version": LOCK_VERSION,
        "locked_at": _now(),
        "fingerprint": _fingerprint(defs),
        "metrics": defs,
        "history": list(history),
    }
    text = json.dumps(payload, indent=2, sort_keys=True) + "\n"
    for target in (path, record_path(path)):
        try:
            atomic_write_text(target, text, base=path.parent)
        except OSError as exc:
            raise ConfigError(
                Note("lock.cannot_write", path=str(target), reason=os_reason(exc))
            ) from None


def _sync_record(path: Path, text: str) -> None:
    """Make the record a copy of the lock file's ``text`` (a lock from before records
    existed, or one that came with version control)."""
    target = record_path(path)
    try:
        try:
            same = target.exists() and _text(target) == text
        except ValueError:  # not a regular file, too large, not UTF-8: replaced below
            same = False
        if not same:
            atomic_write_text(target, text, base=path.parent)
    except OSError as exc:
        raise ConfigError(
            Note("lock.cannot_write_record", path=str(target), reason=os_reason(exc))
        ) from None


def _fingerprint(defs: dict[str, dict[str, Any]]) -> str:
    """The metrics' fingerprint, plus any recorded effective denominator (so a lock
    without one keeps the fingerprint it always had)."""
    metrics = {
        name: Metric(
            name=name,
            **{k: d.get(k) for k in LOCKED_FIELDS},  # type: ignore[arg-type]
            window_days=d.get(WINDOW_FIELD),
            kind=kind_of(d),
        )
        for name, d in defs.items()
    }
    base = metrics_fingerprint(metrics)
    extra: dict[str, Any] = {}
    for field in INPUT_FIELDS:
        used = {name: d[field] for name, d in sorted(defs.items()) if d.get(field)}
        if used:
            extra[field] = used
    if not extra:
        return base
    blob = json.dumps({"metrics": base, **extra}, sort_keys=True)
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
            if window_of(old[name]) != window_of(new[name]):
                out.append(
                    MetricChange(name, WINDOW_FIELD, window_of(old[name]), window_of(new[name]))
                )
            if kind_of(old[name]) != kind_of(new[name]):
                out.append(MetricChange(name, KIND_FIELD, kind_of(old[name]), kind_of(new[name])))
            for field in (COLUMNS_FIELD, BANDS_FIELD, DATES_FIELD):
                if (old[name].get(field) or None) != (new[name].get(field) or None):
                    out.append(
                        MetricChange(
                            name, field, _shown(old[name], field), _shown(new[name], field)
                        )
                    )
            if effective(old[name]) != effective(new[name]):
                out.append(
                    MetricChange(name, EFFECTIVE_FIELD, effective(old[name]), effective(new[name]))
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
        Write the lock when there is none yet (the first run), or when it was deleted and
        the definitions match the record of the last lock; keep the record in step with
        the lock file. With ``False`` nothing is written: a missing lock without a record
        gives state ``unlocked``.
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
        The lock file (or, when it is missing, the record) exists but cannot be read.
    """
    path = lock_path(config)
    current = definitions(
        config.metrics, columns, mapping=config.columns, size_bands=config.size_bands
    )
    note, source = "", str(RECORD_PATH)
    if path.exists():
        payload = _read(path)
        if not _sound(payload):
            return _tampered(path, payload, _read_record(record_path(path)), current, columns)
        if record:
            _sync_record(path, _text(path))
    else:
        saved = _read_record(record_path(path))
        if saved is None and (last_run := _last_run_lock(config)) is not None:
            saved, source = last_run
        if saved is None:
            if not record:
                return LockStatus("unlocked", path, {}, current)
            _write(path, current)
            return LockStatus("created", path, current, current, locked_at=_read(path)["locked_at"])
        if not _sound(saved):
            return _tampered(path, saved, None, current, columns)
        payload = saved
        note = Note("lock.missing_note", name=path.name, source=str(source))
    locked = _with_dates(payload, _metrics(payload), current)
    if columns is None:
        current = carry_over(locked, current)
    changes = _diff(locked, current)
    when, history = str(payload.get("locked_at", "")), _history(payload)
    if changes:
        return LockStatus("changed", path, locked, current, changes, when, note, history, source)
    if note and record:  # deleted, nothing changed: write it again as it was
        try:
            atomic_write_text(
                path, json.dumps(payload, indent=2, sort_keys=True) + "\n", base=path.parent
            )
        except OSError as exc:
            raise ConfigError(
                Note("lock.cannot_write", path=str(path), reason=os_reason(exc))
            ) from None
        return LockStatus("restored", path, locked, current, (), when, note, history, source)
    return LockStatus("ok", path, locked, current, (), when, note, history, source)


def _tampered(
    path: Path,
    edited: dict[str, Any],
    saved: dict[str, Any] | None,
    current: dict[str, dict[str, Any]],
    columns: Iterable[str] | None,
) -> LockStatus:
    """The status of a lock edited by hand; the changes are known when the record of the
    last lock (``saved``) is sound."""
    base = saved if saved is not None and _sound(saved) else None
    source = base if base is not None else edited
    locked = _with_dates(source, _metrics(source), current)
    if columns is None:
        current = carry_over(locked, current)
    changes = _diff(locked, current) if base is not None else ()
    when = str(source.get("locked_at", ""))
    return LockStatus("tampered", path, locked, current, changes, when, history=_history(source))


def accept_lock(config: Config, *, columns: Iterable[str] | None = None) -> LockStatus:
    """Lock the config's current metric definitions (overwriting any previous lock).

    ``columns``: the log's columns, as for :func:`check_lock`. Accepted changes are added
    to the lock's history. Returns the status after writing (state ``ok``) with the
    changes that were accepted.
    """
    before = check_lock(config, record=False, columns=columns)
    _write(
        lock_path(config), before.current, _accepted(before.history, before.changes, before.state)
    )
    after = check_lock(config, columns=columns)
    return LockStatus(
        "ok",
        after.path,
        after.locked,
        after.current,
        before.changes,
        after.locked_at,
        history=after.history,
    )
