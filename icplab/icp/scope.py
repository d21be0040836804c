"""Which contacts a judgement looks at, and how: the one options object of the ICP entry points.

Every judgement of the ICP layer (:func:`icplab.icp.compare.compare_result`,
:func:`icplab.icp.verdicts.check`, :func:`icplab.icp.refine.refine`,
:func:`icplab.icp.next_batch.next_batch`, :func:`icplab.icp.funnel.funnel`,
:func:`icplab.icp.cycle.cycle`, :func:`icplab.icp.reasons.reasons`) takes one
``scope: Scope | None`` instead of the same four keywords each. A :class:`Scope` is made once
from the user-facing options (``where=``, ``as_of=``, ``sequential=``, ``config=``) by
:func:`icplab.api.scope_of`, which the public API, the CLI, the reports and the batch runner
all call.

Examples
--------
>>> from icplab.core.config import Config
>>> s = Scope(where={"industry": ("IT",)}, as_of="2026-09-30")
>>> s.where, s.day().isoformat(), s.judged_by().kind
({'industry': ('IT',)}, '2026-09-30', 'fixed')
>>> Scope(config=Config(sequential=True)).judged_by().kind
'sequential'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from icplab.core.config import Config, WhereValue
from icplab.data.maturity import resolve_as_of
from icplab.icp.disclosure import inference_for
from icplab.stats.inference import Inference


@dataclass(frozen=True)
class Scope:
    """The contacts a judgement looks at and how it judges them.

    Parameters
    ----------
    where
        Segment filters, already parsed (``{"industry": ("IT",)}``; see
        :func:`icplab.data.counts.parse_where`); ``None`` or empty: every contact.
    config
        The workspace configuration (metrics, theses, ``[stats]``, size bands); the
        defaults when omitted or ``None``.
    as_of
        Judge the data as of this date (a date, datetime or ISO string): contacts still
        inside a metric's maturity window are not counted (CONTRACT section 2); default the
        workspace's ``[workspace] as_of``, else today (:meth:`day`).
    inference
        :class:`~icplab.stats.inference.Inference` (fixed-horizon or always-valid), made
        once by the caller (:func:`icplab.api.inference_of`); default the workspace's
        ``[stats] sequential`` (:meth:`judged_by`).

    Examples
    --------
    >>> Scope().config.alpha, Scope(config=None).where, Scope().judged_by().kind
    (0.05, None, 'fixed')
    """

    where: Mapping[str, WhereValue] | None = None
    config: Config = field(default_factory=Config)
    as_of: Any = None
    inference: Inference | None = None

    def __post_init__(self) -> None:
        if self.config is None:  # Scope(config=None): the defaults, as the entry points did
            object.__setattr__(self, "config", Config())

    def judged_by(self) -> Inference:
        """The inference of the judgement: the caller's, else the workspace's
        (:func:`icplab.icp.disclosure.inference_for`)."""
        return inference_for(self.config, self.inference)

    def day(self) -> date:
        """The ``as_of`` date: the given one, else the workspace's, else today
        (:func:`icplab.data.maturity.resolve_as_of`)."""
        return resolve_as_of(self.as_of, self.config.as_of)
