"""Which columns may be written anywhere (CONTRACT section 1).

Only the contract's columns and the columns that a command or the configuration names
are ever written (cache, report, JSON). Unknown extra columns of a file (a ``status``, a
free-text personalisation line) stay in memory for a command that names them
(``--by status``) and are never stored: the cache of validated logs
(:mod:`icplab.data.cache`) keeps the columns :func:`kept_columns` allows and records the
names of the others, so a command that names one of those reads the source file again.

Examples
--------
>>> from icplab.core.config import Config
>>> cfg = Config.from_toml_text('[[theses]]\\nname = "a"\\nstatement = "s"\\n'
...                             'where = { status = ["hot"] }\\n')
>>> sorted(config_columns(cfg))
['contacted', 'deal', 'meeting', 'qualified', 'replied', 'status']
>>> kept_columns(["industry", "replied", "status", "note"], config_columns(cfg))
['industry', 'replied', 'status']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from icplab.core.schema import COUNT_COLUMNS, GROUP_COLUMNS, MAPPABLE_COLUMNS

#: The columns of the contract as a validated frame holds them (derived ones included).
CONTRACT_FRAME_COLUMNS: frozenset[str] = frozenset(
    (*MAPPABLE_COLUMNS, *COUNT_COLUMNS, *GROUP_COLUMNS, "size_band", "deal_value")
)


def _names(value: Any) -> Iterable[str]:
    """The strings of a report parameter (a column name, a list of them, or the columns
    of a ``where`` table)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from map(str, value)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _names(v)


def config_columns(config: Any) -> frozenset[str]:
    """The columns a workspace's configuration names besides its ``[columns]`` entries
    (contract columns): the metrics' numerators and denominators, the theses' ``where``,
    ``[split]`` and the parameters of its ``[[reports]]`` (``by``, ``within``, ...).

    ``config`` is a :class:`~icplab.core.config.Config` or ``None`` (no names).
    """
    if config is None:
        return frozenset()
    names: set[str] = set()
    for metric in getattr(config, "metrics", {}).values():
        names.update(
            c for c in (metric.numerator, metric.denominator, metric.fallback_denominator) if c
        )
    for thesis in getattr(config, "theses", ()):
        names.update(thesis.where)
    names.update(getattr(config, "split", {}) or {})
    for spec in getattr(config, "reports", None) or ():
        for value in spec.parameters.values():
            names.update(_names(value))
    return frozenset(names)


def kept_columns(columns: Iterable[Any], named: Iterable[str]) -> list[Any]:
    """The ``columns`` that may be stored: the contract's and those in ``named``."""
    allowed = CONTRACT_FRAME_COLUMNS | set(named)
    return [c for c in columns if str(c) in allowed]


def command_columns(*values: Any) -> frozenset[str]:
    """The column names in a command's options: ``--by a,b`` (a list of them too),
    ``--where col=value`` filters, ``--within col``, ``--variants col=A,B``.

    Examples
    --------
    >>> sorted(command_columns("status,industry", ["region=DACH", "employees=50-199"], None))
    ['employees', 'industry', 'region', 'status']
    >>> sorted(command_columns("messaging=a,b"))
    ['messaging']
    """
    names: set[str] = set()
    for value in values:
        for text in _names(value):
            if "=" in text:
                names.add(text.split("=", 1)[0].strip())
            else:
                names.update(part.strip() for part in text.split(",") if part.strip())
    return frozenset(names)
