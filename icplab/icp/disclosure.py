"""What every statistics output must disclose about its own limits (CONTRACT sections 2-4).

- ``maturity``: ``"checked"`` (the log has ``sent_at`` and a window is on), ``"unknown"``
  (a window is on but the log has no ``sent_at``, e.g. aggregated counts: no contact can be
  shown to be mature, so a below-target result is never final) or ``"off"`` (every window
  of the judged metrics is 0);
- ``late_successes``: ``"excluded"`` when every judged numerator with a window has its
  ``*_at`` column (late successes are left out), ``"not_excluded"`` when one lacks it (a
  success that came after the window still counts), ``"off"`` without any window;
- ``after_as_of``: contacts sent after ``as_of``, left out of the judgement (a warning);
- ``undated``: in a log with ``sent_at``, the contacts whose ``sent_at`` is empty: they are
  counted, but whether they had time to reply cannot be checked (in the JSON only when
  there are any; a note and every report say so);
- ``inference_note``: the one line a fixed-horizon output carries (valid for one look).

:func:`finite` makes any result JSON-safe (``NaN`` and infinities become ``None``).

Examples
--------
>>> import pandas as pd
>>> from icplab.core.metrics import DEFAULT_METRICS
>>> f = pd.DataFrame({"contacted": [1, 1], "replied": [1, 0]})
>>> disclose(f, [DEFAULT_METRICS["reply_rate"]]).maturity
'unknown'
>>> finite({"a": float("inf"), "b": [1.0, float("nan")]})
{'a': None, 'b': [1.0, None]}
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import Config
from icplab.core.metrics import Metric
from icplab.core.notes import Note
from icplab.data.maturity import TIMESTAMP_COLUMNS
from icplab.stats.inference import Inference

MATURITY_STATES: tuple[str, ...] = ("checked", "unknown", "off")

#: The one line every fixed-horizon output carries (CONTRACT section 3).
FIXED_NOTE = (
    "Fixed-horizon inference: valid for one look at the data. If you re-check as data "
    "comes in, use --sequential (or [stats] sequential = true in icplab.toml)."
)
SEQUENTIAL_NOTE = (
    "Always-valid inference (confidence sequences): safe to re-check every day as data comes in."
)


@dataclass(frozen=True)
class Disclosure:
    """The limits of one judgement (see the module docstring)."""

    maturity: str = "off"
    late_successes: str = "off"
    missing_timestamps: tuple[str, ...] = ()
    after_as_of: int = 0
    newest: date | None = None
    undated: int = 0

    def notes(self, as_of: date | None = None) -> list[str]:
        """The notes (:class:`~icplab.core.notes.Note`, English as text) for the JSON
        ``notes``."""
        out: list[str] = []
        if self.maturity == "unknown":
            out.append(Note("disclosure.maturity_unknown"))
        if self.undated and self.maturity == "checked":
            out.append(Note("disclosure.undated", undated=self.undated))
        if self.late_successes == "not_excluded":
            out.append(Note("disclosure.late_successes", columns=self.missing_timestamps))
        if self.after_as_of:
            if as_of is None:
                out.append(Note("disclosure.after_as_of_undated", after=self.after_as_of))
            else:
                out.append(Note("disclosure.after_as_of", as_of=as_of, after=self.after_as_of))
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "maturity": self.maturity,
            "late_successes": self.late_successes,
            "late_unchecked": list(self.missing_timestamps),
            "after_as_of": int(self.after_as_of),
        }
        if self.undated and self.maturity == "checked":
            out["undated"] = int(self.undated)
        return out


def disclose(
    frame: pd.DataFrame, metrics: Iterable[Metric], as_of: date | None = None
) -> Disclosure:
    """The :class:`Disclosure` of judging ``metrics`` on ``frame`` (before the ``as_of`` cut).

    Parameters
    ----------
    frame
        The canonical frame (row-level or aggregated counts), all contacts of the log or
        segment, including those sent after ``as_of``.
    metrics
        The judged metrics (their windows and numerators).
    as_of
        The judging date; contacts sent after it are counted in ``after_as_of``.
    """
    ms = list(metrics)
    windowed = [m for m in ms if m.window > 0]
    has_sent = "sent_at" in frame.columns and bool(
        pd.to_datetime(frame["sent_at"], errors="coerce").notna().any()
    )
    maturity = "off" if not windowed else "checked" if has_sent else "unknown"
    missing = tuple(
        dict.fromkeys(
            m.numerator
            for m in windowed
            if m.numerator in frame.columns
            and TIMESTAMP_COLUMNS.get(m.numerator, "") not in frame.columns
        )
    )
    late = "off" if not windowed else ("not_excluded" if missing else "excluded")
    after, newest, undated = 0, None, 0
    if has_sent:
        sent = pd.to_datetime(frame["sent_at"], errors="coerce")
        if isinstance(sent.dtype, pd.DatetimeTZDtype):
            sent = sent.dt.tz_convert("UTC").dt.tz_localize(None)
        newest = sent.max().date()
        w = (
            frame["contacted"].to_numpy(dtype="int64")
            if "contacted" in frame.columns
            else np.ones(len(frame), dtype="int64")
        )
        undated = int(w[sent.isna().to_numpy()].sum())
        if as_of is not None:
            later = (sent.dt.floor("D") > pd.Timestamp(as_of)).to_numpy()
            after = int(w[later].sum())
    return Disclosure(maturity, late, missing, after, newest, undated)


def undated_of(result: Any) -> int:
    """Contacts without a send date that ``result`` counted (0 when none or unknown): its
    ``undated`` field, else its :class:`Disclosure`'s.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> undated_of(SimpleNamespace(disclosure=Disclosure("checked", undated=3))), undated_of(1)
    (3, 0)
    """
    told = getattr(result, "disclosure", None)
    return int(getattr(result, "undated", None) or getattr(told, "undated", 0) or 0)


def inference_for(config: Config, inference: Inference | None = None) -> Inference:
    """The one :class:`~icplab.stats.inference.Inference` of a call: ``inference`` when the
    caller made one (the API and the CLI turn ``sequential=`` / ``--sequential`` into it,
    :func:`icplab.api.inference_of`), else the workspace's ``[stats]`` switch and tuning.

    Examples
    --------
    >>> from icplab.stats.inference import Inference
    >>> inference_for(Config()).kind, inference_for(Config(), Inference.sequential()).kind
    ('fixed', 'sequential')
    """
    if inference is not None:
        return inference
    return Inference.of(bool(config.sequential), config.sequential_tuning)


def inference_note(inference: Inference | bool) -> str:
    """The line naming the inference (and, when fixed, how to switch), a
    :class:`~icplab.core.notes.Note` equal to :data:`SEQUENTIAL_NOTE` / :data:`FIXED_NOTE`.

    Examples
    --------
    >>> inference_note(Inference.fixed()) == FIXED_NOTE, inference_note(Inference.sequential()).code
    (True, 'disclosure.sequential')
    """
    on = inference.is_sequential if isinstance(inference, Inference) else bool(inference)
    return Note("disclosure.sequential") if on else Note("disclosure.fixed")


def finite(obj: Any) -> Any:
    """``obj`` with every non-finite float (NaN, +-inf) replaced by ``None``, recursively."""
    if isinstance(obj, dict):
        return {k: finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [finite(v) for v in obj]
    if isinstance(obj, (float, np.floating)):
        return None if not math.isfinite(float(obj)) else float(obj)
    return obj
