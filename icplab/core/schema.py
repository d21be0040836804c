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

#: Columns every row-level log must have (what a verdict needs). Company size may come
#: as ``employees`` or as ``size_band`` (:data:`SIZE_COLUMNS`); ``prospect_id`` is checked
#: when the file has one (without it every row is one contact).
REQUIRED_COLUMNS: tuple[str, ...] = ("industry", "employees", "replied")
#: Either of these gives the company size.
SIZE_COLUMNS: tuple[str, ...] = ("employees", "size_band")
#: Text factors whose blank cells keep the row (left out, counted and stated, only where
#: that factor is judged; ``[load] strict = true`` makes them input errors).
BLANKABLE_FACTORS: tuple[str, ...] = (
    "industry",
    "employees",
    "size_band",
    "messaging",
    "salutation",
    "region",
    "channel",
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
#: Columns that can group an aggregated log: the campaign and the blankable factors.
GROUP_COLUMNS: tuple[str, ...] = ("campaign", *BLANKABLE_FACTORS)
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
#: Count columns an aggregated log must have (``meeting`` is optional).
REQUIRED_COUNT_COLUMNS: tuple[str, ...] = ("contacted", "replied")
DEFAULT_CAMPAIGN = "default"
SALUTATIONS: tuple[str, ...] = ("du", "sie")

#: German export headers (lower case) and their canonical names.
HEADER_ALIASES: dict[str, str] = {
    "branche": "industry",
    "mitarbeiter": "employees",
    "botschaft": "messaging",
    "anrede": "salutation",
    "ansprache": "salutation",
    "anzahl der mitarbeiter": "employees",
    "mitarbeiterzahl": "employees",
    "erstkontakt": "sent_at",
    "versanddatum": "sent_at",
    "kunden-nr.": "prospect_id",
    "kunden-nr": "prospect_id",
    "kundennummer": "prospect_id",
    "antwort": "replied",
    "termin": "meeting",
    "qualifiziert": "qualified",
    "abschluss": "deal",
    "auftragswert": "deal_value",
    "ablehnungsgrund": "rejection_reason",
    "kampagne": "campaign",
}

#: Yes/no cells as exports and hand-kept sheets write them (CONTRACT section 1, plus
#: Excel's WAHR/FALSCH, ``j`` for ja, and check marks).
TRUE_SPELLINGS = frozenset({"1", "true", "yes", "ja", "j", "y", "x", "wahr", "1.0", "✓", "✔", "☑"})
FALSE_SPELLINGS = frozenset({"0", "false", "no", "nein", "n", "", "falsch", "0.0", "✗", "✘", "☐"})


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
    >>> canonical_header("Anzahl der  Mitarbeiter"), canonical_header("Kunden-Nr.")
    ('employees', 'prospect_id')
    """
    low = re.sub(r"\s+", " ", str(header).strip().lower())
    if low in HEADER_ALIASES:  # aliases written with spaces or hyphens (Kunden-Nr.)
        return HEADER_ALIASES[low]
    name = re.sub(r"[\s\-]+", "_", low)
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
    #: Inclusive upper ends (``None`` for an open band) when the bands are an export's own
    #: ranges (:meth:`from_ranges`), which may leave gaps; empty: each band ends below the
    #: next edge.
    uppers: tuple[int | None, ...] = ()

    def __post_init__(self) -> None:
        edges = tuple(int(e) for e in self.edges)
        if not edges or edges[0] < 1 or any(b <= a for a, b in zip(edges, edges[1:], strict=False)):
            raise ValueError(f"size band edges must be increasing whole numbers >= 1, got {edges}")
        object.__setattr__(self, "edges", edges)
        names = tuple(str(n) for n in self.names)
        if names and len(names) != len(edges):
            raise ValueError(f"size band names must be one per band ({len(edges)}), got {names}")
        object.__setattr__(self, "names", names)
        uppers = tuple(None if u is None else int(u) for u in self.uppers)
        if uppers and (
            len(uppers) != len(edges)
            or any(u is not None and u < e for e, u in zip(edges, uppers, strict=True))
            or any(u is None or u >= e for u, e in zip(uppers[:-1], edges[1:], strict=True))
        ):
            raise ValueError(
                f"size band upper ends must close each band before the next, got {uppers}"
            )
        object.__setattr__(self, "uppers", uppers)

    @classmethod
    def default(cls) -> SizeBands:
        return cls()

    @classmethod
    def from_ranges(cls, ranges: Sequence[tuple[int, int | None]]) -> SizeBands:
        """Bands that are an export's own ranges, ordered by their lower end.

        Examples
        --------
        >>> b = SizeBands.from_ranges([(51, 200), (11, 50), (10001, None)])
        >>> b.labels
        ('11-50', '51-200', '10001+')
        >>> list(b.assign(pd.Series([12, 300, 20000])))
        ['11-50', nan, '10001+']
        """
        ordered = sorted(set(ranges), key=lambda r: (r[0], -1 if r[1] is None else r[1]))
        return cls(tuple(lo for lo, _ in ordered), (), tuple(hi for _, hi in ordered))

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

    def _upper(self, i: int) -> int | None:
        if self.uppers:
            return self.uppers[i]
        return self.edges[i + 1] - 1 if i + 1 < len(self.edges) else None

    @property
    def labels(self) -> tuple[str, ...]:
        labels = []
        for i, lo in enumerate(self.edges):
            hi = self._upper(i)
            labels.append(f"{lo}+" if hi is None else f"{lo}-{hi}")
        if self.names:
            return tuple(f"{n} {lab}" for n, lab in zip(self.names, labels, strict=True))
        return tuple(labels)

    def codes(self, values: np.ndarray) -> np.ndarray:
        """Band position of each head count (-1 where missing or in no band)."""
        values = np.asarray(values, dtype="float64")
        codes = np.searchsorted(np.asarray(self.edges, dtype="float64"), values, side="right") - 1
        codes = np.where(np.isnan(values) | (codes < 0), -1, codes)
        if self.uppers:
            top = np.array(
                [np.inf if u is None else float(u) for u in self.uppers], dtype="float64"
            )
            codes = np.where((codes >= 0) & (values > top[np.maximum(codes, 0)]), -1, codes)
        return codes

    def assign(self, employees: pd.Series) -> pd.Series:
        """Size band of each head count, as an ordered categorical."""
        values = pd.to_numeric(employees, errors="coerce").to_numpy(
            dtype="float64", na_value=np.nan
        )
        dtype = pd.CategoricalDtype(self.labels, ordered=True)
        return pd.Series(
            pd.Categorical.from_codes(self.codes(values), dtype=dtype),
            index=employees.index,
            name="size_band",
        )

    def range_of(self, label: str) -> tuple[int, int | None]:
        """Inclusive head-count range of a band (upper ``None`` for the open band)."""
        i = self.labels.index(label)
        return self.edges[i], self._upper(i)


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
