"""Column names, header aliases, boolean spellings and size bands of the outreach log.

This module only describes the format (CONTRACT section 1); :mod:`icplab.data.load` applies it.

Examples
--------
>>> canonical_header(" Branche ")
'industry'
>>> SizeBands.default().labels
('1-49', '50-199', '200-499', '500+')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Columns every row-level log must have.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "prospect_id",
    "industry",
    "employees",
    "messaging",
    "salutation",
    "replied",
    "meeting",
)
#: Boolean columns of a row-level log (required or optional).
BOOLEAN_COLUMNS: tuple[str, ...] = ("replied", "meeting", "opened", "qualified", "deal")
#: Optional text columns that describe a prospect's segment or context.
OPTIONAL_TEXT_COLUMNS: tuple[str, ...] = ("campaign", "region", "channel", "rejection_reason")
#: Values of the optional ``reply_class`` column (case-insensitive; ``not now`` and
#: ``not-now`` are read as ``not_now``). ``auto`` is an automatic answer (out of office).
REPLY_CLASSES: tuple[str, ...] = ("positive", "not_now", "negative", "unsubscribe", "auto")
#: Reply classes that count as a positive reply (``positive_reply_rate``): interest now,
#: or interest later.
POSITIVE_REPLY_CLASSES: tuple[str, ...] = ("positive", "not_now")
#: Columns that hold personal data: dropped at load, never shown anywhere.
PERSONAL_COLUMNS: frozenset[str] = frozenset(
    {
        "email",
        "name",
        "company",
        "phone",
        "linkedin_url",
        # common spellings in German and tool exports, dropped as well
        "e_mail",
        "mail",
        "first_name",
        "last_name",
        "full_name",
        "vorname",
        "nachname",
        "firma",
        "unternehmen",
        "telefon",
        "mobile",
        "handy",
        "linkedin",
        "linkedin_profile",
        "contact_name",
        "kontakt",
        "ansprechpartner",
    }
)
#: Every column of the contract a ``[columns]`` entry may map (CONTRACT sections 1 and 6).
MAPPABLE_COLUMNS: tuple[str, ...] = (
    "prospect_id",
    "industry",
    "employees",
    "size_band",
    "messaging",
    "salutation",
    "replied",
    "meeting",
    "campaign",
    "sent_at",
    "region",
    "channel",
    "opened",
    "qualified",
    "deal",
    "deal_value",
    "rejection_reason",
    "replied_at",
    "meeting_at",
    "qualified_at",
    "deal_at",
    "lost_at",
    "reply_step",
    "reply_class",
    "contacted",
    "email",
    "name",
    "company",
    "phone",
    "linkedin_url",
)
#: Factors a comparison is usually run over.
FACTORS: tuple[str, ...] = ("industry", "size_band", "messaging", "salutation")
#: Columns that can group an aggregated log.
GROUP_COLUMNS: tuple[str, ...] = (
    "campaign",
    "industry",
    "employees",
    "size_band",
    "messaging",
    "salutation",
    "region",
    "channel",
)
#: Count columns of the canonical frame, in funnel order; ``deal_value`` is a sum in EUR.
COUNT_COLUMNS: tuple[str, ...] = (
    "contacted",
    "opened",
    "replied",
    "positive_reply",
    "first_touch_reply",
    "meeting",
    "qualified",
    "deal",
)
#: Count columns an aggregated log must have.
REQUIRED_COUNT_COLUMNS: tuple[str, ...] = ("contacted", "replied", "meeting")
DEFAULT_CAMPAIGN = "default"
SALUTATIONS: tuple[str, ...] = ("du", "sie")

#: German export headers (lower case) and their canonical names.
HEADER_ALIASES: dict[str, str] = {
    "branche": "industry",
    "mitarbeiter": "employees",
    "botschaft": "messaging",
    "anrede": "salutation",
    "antwort": "replied",
    "termin": "meeting",
    "qualifiziert": "qualified",
    "abschluss": "deal",
    "auftragswert": "deal_value",
    "ablehnungsgrund": "rejection_reason",
    "kampagne": "campaign",
}

TRUE_SPELLINGS = frozenset({"1", "true", "yes", "ja", "y", "x", "wahr", "1.0"})
FALSE_SPELLINGS = frozenset({"0", "false", "no", "nein", "n", "", "falsch", "0.0"})


def canonical_header(header: object) -> str:
    """Map a raw header to its canonical column name.

    Trims, lower-cases, turns spaces and hyphens into underscores and resolves the German
    aliases of CONTRACT section 1.

    Examples
    --------
    >>> canonical_header("Prospect ID")
    'prospect_id'
    >>> canonical_header("ANREDE")
    'salutation'
    """
    name = re.sub(r"[\s\-]+", "_", str(header).strip().lower())
    return HEADER_ALIASES.get(name, name)


@dataclass(frozen=True)
class SizeBands:
    """Company size bands, given by their lower edges.

    Parameters
    ----------
    edges
        Increasing lower edges, the first one 1. ``(1, 50, 200, 500)`` gives the bands
        ``1-49``, ``50-199``, ``200-499`` and ``500+``.

    Examples
    --------
    >>> bands = SizeBands((1, 10, 100))
    >>> bands.labels
    ('1-9', '10-99', '100+')
    >>> list(bands.assign(pd.Series([1, 10, 99, 5000])))
    ['1-9', '10-99', '10-99', '100+']
    >>> bands.range_of("10-99")
    (10, 99)
    """

    edges: tuple[int, ...] = (1, 50, 200, 500)
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        edges = tuple(int(e) for e in self.edges)
        if not edges or edges[0] < 1 or any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
            raise ValueError(f"size band edges must be increasing whole numbers >= 1, got {edges}")
        object.__setattr__(self, "edges", edges)
        names = tuple(str(n) for n in self.names)
        if names and len(names) != len(edges):
            raise ValueError(f"size band names must be one per band ({len(edges)}), got {names}")
        object.__setattr__(self, "names", names)

    @classmethod
    def default(cls) -> SizeBands:
        return cls()

    @classmethod
    def preset(cls, name: str) -> SizeBands:
        """A named preset: ``default`` (1-49, 50-199, 200-499, 500+) or ``playbook``
        (KMU 1-49, Mittelstand 50-499, Enterprise 500+).

        Examples
        --------
        >>> SizeBands.preset("playbook").labels
        ('KMU 1-49', 'Mittelstand 50-499', 'Enterprise 500+')
        """
        if name not in SIZE_BAND_PRESETS:
            raise ValueError(
                f"unknown size band preset '{name}'; known: {', '.join(SIZE_BAND_PRESETS)}"
            )
        edges, names = SIZE_BAND_PRESETS[name]
        return cls(edges, names)

    @property
    def labels(self) -> tuple[str, ...]:
        upper = [e - 1 for e in self.edges[1:]]
        labels = [f"{lo}-{hi}" for lo, hi in zip(self.edges, upper, strict=False)]
        labels.append(f"{self.edges[-1]}+")
        if self.names:
            return tuple(f"{n} {lab}" for n, lab in zip(self.names, labels, strict=True))
        return tuple(labels)

    def assign(self, employees: pd.Series) -> pd.Series:
        """Size band of each head count, as an ordered categorical."""
        values = np.asarray(employees, dtype="float64")
        codes = np.searchsorted(np.asarray(self.edges, dtype="float64"), values, side="right") - 1
        codes = np.where(np.isnan(values) | (codes < 0), -1, codes)
        dtype = pd.CategoricalDtype(self.labels, ordered=True)
        return pd.Series(
            pd.Categorical.from_codes(codes, dtype=dtype), index=employees.index, name="size_band"
        )

    def range_of(self, label: str) -> tuple[int, int | None]:
        """Inclusive head-count range of a band (upper ``None`` for the open band)."""
        i = self.labels.index(label)
        hi = self.edges[i + 1] - 1 if i + 1 < len(self.edges) else None
        return self.edges[i], hi


#: Named size-band presets (``[size_bands] preset``): lower edges and band names.
SIZE_BAND_PRESETS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "default": ((1, 50, 200, 500), ()),
    "playbook": ((1, 50, 500), ("KMU", "Mittelstand", "Enterprise")),
}


def ordered_levels(values: Sequence[str]) -> list[str]:
    """Levels in a stable, human order: size bands by size, everything else alphabetically.

    Examples
    --------
    >>> ordered_levels(["500+", "1-49", "50-199"])
    ['1-49', '50-199', '500+']
    >>> ordered_levels(["sie", "du"])
    ['du', 'sie']
    >>> ordered_levels(["Enterprise 500+", "KMU 1-49", "Mittelstand 50-499"])
    ['KMU 1-49', 'Mittelstand 50-499', 'Enterprise 500+']
    """

    def key(v: str) -> tuple[int, float, str]:
        m = re.match(r"^(?:[^\W\d]+ )?(\d+)(?:-\d+|\+)$", str(v))
        return (0, float(m.group(1)), str(v)) if m else (1, 0.0, str(v).lower())

    return sorted((str(v) for v in values), key=key)
