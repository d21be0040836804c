"""Sample-ratio mismatch (SRM): did the variants get the share of contacts they should?

A comparison of randomly assigned variants (message angle, Du/Sie) is only fair when the
contacts were split as planned. A split far from plan points to a broken assignment (a
list sorted by region, a sequence stopped early for one variant) and makes every
difference suspect. The check is a chi-square goodness-of-fit test of the contacts per
level against the planned shares.

Which factors are checked: those with declared shares in ``[split.<factor>]`` of
``icplab.toml`` (e.g. ``[split.salutation] du = 1, sie = 1``), and by default, with an
equal split, the factors a sender assigns: ``messaging`` and ``salutation``. Segments such
as industry or company size are not assigned, so an unequal split there is no mismatch;
they are reported as not checked unless a split is declared for them.

Examples
--------
>>> r = srm_check("salutation", ["du", "sie"], [1000, 1100])
>>> r.checked, r.mismatch, round(r.p_value, 4)
(True, False, 0.0290)
>>> srm_check("industry", ["IT", "Handel"], [10, 500]).checked
False
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import special

from icplab.core.errors import ConfigError
from icplab.core.notes import Note

#: Factors a sender assigns at random; checked against an equal split by default.
ASSIGNED_FACTORS: tuple[str, ...] = ("messaging", "salutation")
#: A mismatch is flagged when the chi-square p-value is below this.
SRM_THRESHOLD = 0.001


@dataclass(frozen=True)
class SRMResult:
    """Outcome of a sample-ratio-mismatch check.

    Attributes
    ----------
    factor
        The compared column.
    checked
        Whether the test was run (see the module notes for which factors are checked).
    levels, contacts, expected_share
        Levels, their contacts and planned shares (summing to 1).
    chi2, p_value
        Chi-square statistic (``len(levels) - 1`` degrees of freedom) and its p-value;
        NaN when not checked.
    mismatch
        ``p_value < 0.001``: the split is far from plan.
    note
        A plain-language sentence for people.
    """

    factor: str
    checked: bool
    levels: tuple[str, ...] = ()
    contacts: tuple[int, ...] = ()
    expected_share: tuple[float, ...] = ()
    chi2: float = float("nan")
    p_value: float = float("nan")
    mismatch: bool = False
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (NaN statistics become ``null``)."""
        return {
            "factor": self.factor,
            "checked": self.checked,
            "p_value": None if np.isnan(self.p_value) else float(self.p_value),
            "chi2": None if np.isnan(self.chi2) else float(self.chi2),
            "mismatch": self.mismatch,
            "threshold": SRM_THRESHOLD,
            "expected_share": (
                dict(zip(self.levels, self.expected_share, strict=True))
                if self.expected_share
                else None
            ),
            "contacts": dict(zip(self.levels, self.contacts, strict=True)),
            "note": self.note,
        }


def srm_check(
    factor: str,
    levels: Sequence[str],
    contacts: Sequence[int],
    split: Mapping[str, Mapping[str, float]] | None = None,
) -> SRMResult:
    """Chi-square test of the contacts per level against the planned split.

    Parameters
    ----------
    factor
        Column whose levels are the variants.
    levels, contacts
        Each level and its number of contacts.
    split
        Declared shares per factor, ``{factor: {level: weight}}`` (``Config.split``);
        weights are normalised over the levels present in the data.

    Returns
    -------
    SRMResult

    Notes
    -----
    ``chi2 = sum (O - E)² / E`` with ``E = share * total``, compared with a chi-square
    distribution on ``k - 1`` degrees of freedom (``scipy.stats.chisquare``).

    Examples
    --------
    >>> r = srm_check("messaging", ["a", "b"], [300, 700], {"messaging": {"a": 3, "b": 7}})
    >>> r.mismatch, r.p_value
    (False, 1.0)
    """
    levels = tuple(str(v) for v in levels)
    obs = np.asarray(contacts, dtype="float64")
    declared = (split or {}).get(factor)
    if declared is None and factor not in ASSIGNED_FACTORS:
        return SRMResult(
            factor,
            False,
            levels,
            tuple(int(x) for x in obs),
            note=Note("srm.not_assigned", factor=factor),
        )
    if len(levels) < 2 or obs.sum() <= 0:
        return SRMResult(
            factor,
            False,
            levels,
            tuple(int(x) for x in obs),
            note=Note("srm.few_levels"),
        )
    if declared is None:
        share = np.full(len(levels), 1.0 / len(levels))
        plan = Note("srm.plan_equal")
    else:
        lookup = {str(k).casefold(): float(v) for k, v in declared.items()}
        missing = [lv for lv in levels if lv.casefold() not in lookup]
        if missing:
            raise ConfigError(
                Note(
                    "srm.missing_share",
                    factor=factor,
                    missing=tuple(missing),
                    declared=tuple(map(str, declared)),
                )
            )
        weights = np.array([lookup[lv.casefold()] for lv in levels])
        if (weights <= 0).any():
            raise ConfigError(Note("srm.share_not_positive", factor=factor))
        share = weights / weights.sum()
        plan = Note("srm.plan_declared")
    # Pearson's chi-square goodness of fit, as scipy.stats.chisquare (tested against it)
    expected = share * obs.sum()
    chi2 = float(np.sum((obs - expected) ** 2 / expected))
    p = float(special.chdtrc(len(obs) - 1, chi2))
    mismatch = p < SRM_THRESHOLD
    if mismatch:
        note = Note("srm.mismatch", factor=factor, plan=plan, p=p)
    else:
        note = Note("srm.fits", factor=factor, plan=plan, p=p)
    return SRMResult(
        factor,
        True,
        levels,
        tuple(int(x) for x in obs),
        tuple(float(x) for x in share),
        chi2,
        p,
        mismatch,
        note,
    )
