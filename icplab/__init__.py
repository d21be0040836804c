"""icplab: test ICP hypotheses on B2B cold-outreach data, from counts, honestly.

The public API (CONTRACT section 7) is :func:`load`, :func:`compare`, :func:`check`,
:func:`refine`, :func:`funnel` and :class:`Config`; see :mod:`icplab.api`. Names are imported on first use,
so ``import icplab`` (and ``icplab --version``) stays fast.

>>> import icplab
>>> sorted(icplab.DEFAULT_METRICS)
['deal_rate', 'meeting_rate', 'reply_rate']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name -> module that defines it (imported on first access, PEP 562).
_EXPORTS: dict[str, str] = {
    "load": "icplab.api",
    "compare": "icplab.api",
    "check": "icplab.api",
    "refine": "icplab.api",
    "funnel": "icplab.api",
    "next_batch": "icplab.api",
    "cycle": "icplab.api",
    "Config": "icplab.core.config",
    "Thesis": "icplab.core.config",
    "IcpLabError": "icplab.core.errors",
    "InputError": "icplab.core.errors",
    "DEFAULT_METRICS": "icplab.core.metrics",
    "Metric": "icplab.core.metrics",
    "OutreachData": "icplab.data.load",
    "apply_where": "icplab.data.counts",
    "counts": "icplab.data.counts",
    "parse_where": "icplab.data.counts",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from icplab.api import check, compare, cycle, funnel, load, next_batch, refine
    from icplab.core.config import Config, Thesis
    from icplab.core.errors import IcpLabError, InputError
    from icplab.core.metrics import DEFAULT_METRICS, Metric
    from icplab.data.counts import apply_where, counts, parse_where
    from icplab.data.load import OutreachData


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'icplab' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "DEFAULT_METRICS",
    "Config",
    "IcpLabError",
    "InputError",
    "Metric",
    "OutreachData",
    "Thesis",
    "__version__",
    "apply_where",
    "check",
    "compare",
    "counts",
    "cycle",
    "funnel",
    "load",
    "next_batch",
    "parse_where",
    "refine",
]
