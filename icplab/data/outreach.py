"""The result of loading: :class:`OutreachData` (a validated outreach log in canonical
form) and :class:`ReadNotes` (what reading did besides validating: headers mapped,
personal columns dropped, blanks, merged spellings, size ranges, date styles).

Built by :mod:`icplab.data.validate`, kept by :mod:`icplab.data.cache`; import both from
:mod:`icplab.data.load`, which re-exports them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from icplab.core.config import WhereValue
from icplab.core.schema import (
    SizeBands,
)
from icplab.data.counts import apply_where, counts


@dataclass(frozen=True)
class ReadNotes:
    """What reading a file did besides validating it (stated by ``icplab validate``).

    Attributes
    ----------
    headers
        Contract column -> the file's own header it was read from.
    preset
        The column preset used, if any.
    personal_dropped
        Headers of the columns dropped as personal data (names only, never values).
    pseudonymised
        Whether prospect IDs that were e-mail addresses were replaced by pseudonyms.
    decimal_mark
        ``","`` or ``"."`` as inferred from ``deal_value``; ``None`` when not needed.
    """

    headers: dict[str, str] = field(default_factory=dict)
    preset: str | None = None
    personal_dropped: tuple[str, ...] = ()
    pseudonymised: bool = False
    decimal_mark: str | None = None
    #: Factor -> contacts with a blank value there (kept in every total; left out,
    #: counted and stated, where that factor is judged). ``size_band`` covers employees.
    blanks: dict[str, int] = field(default_factory=dict)
    #: Factor -> {level: number of spellings merged into it} (case, invisible characters,
    #: Unicode forms).
    merged: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Whether the file has a prospect_id column (without one, duplicates cannot be checked).
    has_ids: bool = True
    #: The export's own size ranges used as bands ``(lower, upper or None)``; empty when the
    #: bands are the configured or default ones.
    size_ranges: tuple[tuple[int, int | None], ...] = ()
    #: Date column -> ``iso`` / ``german``.
    date_styles: dict[str, str] = field(default_factory=dict)
    #: Blank rows and totals rows (Summe, Total, ...) dropped at the foot of the sheet.
    foot_rows: int = 0
    #: Optional columns empty in every row, treated as absent.
    empty_columns: tuple[str, ...] = ()
    #: Columns dropped for their type or size (nested/binary Parquet columns, cells too
    #: long in a column outside the contract), with the reason.
    dropped: tuple[str, ...] = ()
    #: File header -> values a preset's status list does not know (read as "no").
    unknown_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Won deals (``deal`` true, or an aggregated row's deal count) whose ``deal_value``
    #: cell is blank: counted as 0 EUR in every value figure, and stated.
    unvalued_deals: int = 0

    def left_out(self, factor: str) -> int:
        """Contacts left out where ``factor`` is judged (blank cells); 0 when none.

        Examples
        --------
        >>> ReadNotes(blanks={"size_band": 95}).left_out("employees")
        95
        """
        key = "size_band" if factor == "employees" else factor
        return int(self.blanks.get(key, 0))


@dataclass(frozen=True)
class OutreachData:
    """A validated outreach log in canonical form.

    Attributes
    ----------
    frame
        One row per prospect (row-level input) or per group (aggregated input). Group
        columns (``campaign``, ``industry``, ``size_band``, ``messaging``, ``salutation``
        and, when present, ``employees``, ``region``, ``channel``) are categoricals or
        ints; count columns ``contacted``, ``replied``, ``meeting`` and, when present,
        ``opened``, ``qualified``, ``deal`` are int64; ``deal_value`` is float EUR. The
        index + 2 is the spreadsheet row number of each row.
    source
        The file the data came from, as given.
    aggregated
        Whether the input was already aggregated into counts.
    size_bands
        The size bands ``size_band`` was derived with.
    read
        How the file was read: headers mapped, personal columns dropped, decimal mark
        (see :class:`ReadNotes`).
    """

    frame: pd.DataFrame
    source: str
    aggregated: bool = False
    size_bands: SizeBands = field(default_factory=SizeBands)
    read: ReadNotes = field(default_factory=lambda: ReadNotes())

    @property
    def n_contacts(self) -> int:
        """Number of prospects contacted."""
        return int(self.frame["contacted"].sum())

    @property
    def has_qualified(self) -> bool:
        return "qualified" in self.frame.columns

    @property
    def has_deal(self) -> bool:
        return "deal" in self.frame.columns

    def counts(self, by: Iterable[str] = ()) -> pd.DataFrame:
        """Funnel counts per group; see :func:`icplab.data.counts.counts`."""
        return counts(self.frame, list(by))

    def where(self, where: dict[str, WhereValue] | None) -> OutreachData:
        """The same data restricted to a segment (see :func:`icplab.data.counts.apply_where`)."""
        if not where:
            return self
        return OutreachData(
            apply_where(self.frame, where), self.source, self.aggregated, self.size_bands, self.read
        )
