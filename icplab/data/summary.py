"""A short description of a validated outreach log, for ``icplab validate``.

Examples
--------
>>> from icplab.data.load import validate_frame
>>> from icplab.data.sample import generate_outreach
>>> s = describe(validate_frame(generate_outreach(300, seed=2), source="demo.csv"))
>>> s.rows, s.contacts, sorted(s.levels["salutation"])
(300, 300, ['du', 'sie'])
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from icplab.core.schema import COUNT_COLUMNS, FACTORS, MAPPABLE_COLUMNS
from icplab.data.counts import blank_statement
from icplab.data.labels import merged_statement
from icplab.data.load import OutreachData
from icplab.data.numbers import describe_mark
from icplab.data.personal import name_like_columns


@dataclass(frozen=True)
class LogSummary:
    """What a validated log holds: size, campaigns, date range, levels, funnel totals."""

    source: str
    form: str
    rows: int
    contacts: int
    campaigns: dict[str, int]
    first_sent: str | None
    last_sent: str | None
    levels: dict[str, dict[str, int]]
    funnel: dict[str, int]
    extra_columns: list[str]
    columns_read: dict[str, str] = field(default_factory=dict)
    preset: str | None = None
    personal_dropped: list[str] = field(default_factory=list)
    pseudonymised_ids: bool = False
    decimal_mark: str | None = None
    #: Factor -> contacts with a blank value (kept in totals, left out where judged).
    left_out: dict[str, int] = field(default_factory=dict)
    #: Factor -> {level: spellings merged into it}.
    merged_spellings: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Blank and totals rows dropped at the foot of the sheet.
    foot_rows_dropped: int = 0
    #: Whether the log has a prospect_id column (else duplicates cannot be checked).
    has_prospect_ids: bool = True
    #: Optional columns empty in every row (treated as absent).
    empty_columns: list[str] = field(default_factory=list)
    #: Columns dropped for their type or size, with the reason.
    dropped_columns: list[str] = field(default_factory=list)
    #: Date column -> ``iso`` / ``german``.
    date_styles: dict[str, str] = field(default_factory=dict)
    #: The size bands used, and whether they are the export's own ranges.
    size_bands: list[str] = field(default_factory=list)
    size_bands_from_ranges: bool = False
    names_suspected: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_text(self) -> str:
        lines = [
            f"{self.source}: valid {self.form} outreach log",
            f"  rows: {self.rows:,}   contacts: {self.contacts:,}",
            "  campaigns: " + ", ".join(f"{k} ({v:,})" for k, v in self.campaigns.items()),
        ]
        if self.first_sent:
            lines.append(f"  sent: {self.first_sent} to {self.last_sent}")
        for factor, levels in self.levels.items():
            shown = ", ".join(f"{k} ({v:,})" for k, v in levels.items())
            lines.append(f"  {factor}: {shown}")
        total = self.funnel.get("contacted", 0) or 1
        funnel = "  funnel: " + " -> ".join(
            f"{k} {v:,} ({v / total:.1%})" if k != "contacted" else f"{k} {v:,}"
            for k, v in self.funnel.items()
        )
        lines.append(funnel)
        if self.extra_columns:
            lines.append("  other columns (kept, not analysed): " + ", ".join(self.extra_columns))
        if self.columns_read:
            via = f" (preset {self.preset})" if self.preset else ""
            lines.append(
                f"  columns read from the file's headers{via}: "
                + ", ".join(f"{k} <- {v!r}" for k, v in self.columns_read.items())
            )
        if self.personal_dropped:
            lines.append(
                "  personal data dropped at read (never stored or shown): "
                + ", ".join(repr(h) for h in self.personal_dropped)
            )
        if self.names_suspected:
            lines.append(
                "  WARNING: these columns look like person names and were not recognised as "
                "personal data: "
                + ", ".join(repr(h) for h in self.names_suspected)
                + ". Declare them in icplab.toml: [columns] personal = ["
                + ", ".join(json.dumps(h, ensure_ascii=False) for h in self.names_suspected)
                + "]"
            )
        if self.pseudonymised_ids:
            lines.append(
                "  prospect IDs that were e-mail addresses are replaced by stable pseudonyms"
            )
        lines.append(f"  decimal mark of amounts: {describe_mark(self.decimal_mark)}")
        if self.size_bands_from_ranges:
            lines.append("  size bands: the export's own ranges " + ", ".join(self.size_bands))
        for factor, n in self.left_out.items():
            lines.append(
                f"  {blank_statement(factor, n)}: kept in every total, left out where "
                f"{'company size' if factor == 'size_band' else factor} is judged"
            )
        for factor, merged in self.merged_spellings.items():
            lines.append("  " + merged_statement(factor, merged))
        if self.foot_rows_dropped:
            lines.append(
                f"  {self.foot_rows_dropped} blank or totals row"
                f"{'s' if self.foot_rows_dropped != 1 else ''} at the foot of the sheet dropped"
            )
        if not self.has_prospect_ids and self.form == "row-level":
            lines.append(
                "  no prospect_id column: every row is one contact, and duplicates cannot be "
                "checked"
            )
        if self.empty_columns:
            lines.append(
                "  columns empty in every row, treated as absent: " + ", ".join(self.empty_columns)
            )
        if self.dropped_columns:
            lines.append("  columns dropped: " + ", ".join(self.dropped_columns))
        for col, style in self.date_styles.items():
            if style == "german":
                lines.append(f"  {col}: German dates (dd.mm.yyyy) read")
        return "\n".join(lines)


def describe(data: OutreachData) -> LogSummary:
    """Summarise a validated log (computed from counts, no personal data)."""
    frame = data.frame
    campaigns = {
        str(k): int(v)
        for k, v in data.counts(["campaign"]).set_index("campaign")["contacted"].items()
    }
    first = last = None
    if "sent_at" in frame.columns and frame["sent_at"].notna().any():
        first = frame["sent_at"].min().date().isoformat()
        last = frame["sent_at"].max().date().isoformat()
    levels = {}
    for factor in FACTORS:
        if factor in frame.columns:
            c = data.counts([factor])
            levels[factor] = {
                str(k): int(v) for k, v in zip(c[factor], c["contacted"], strict=True)
            }
    totals = data.counts([])
    funnel = {
        c: int(totals[c].iloc[0]) for c in COUNT_COLUMNS if c in totals.columns and c != "opened"
    }
    # every contract column (personal ones are dropped on loading) is no "extra" column
    known = {*MAPPABLE_COLUMNS, *COUNT_COLUMNS}
    extras = [str(c) for c in frame.columns if c not in known]
    return LogSummary(
        source=data.source,
        form="aggregated" if data.aggregated else "row-level",
        rows=len(frame),
        contacts=data.n_contacts,
        campaigns=campaigns,
        first_sent=first,
        last_sent=last,
        levels=levels,
        funnel=funnel,
        extra_columns=extras,
        columns_read=dict(data.read.headers),
        preset=data.read.preset,
        personal_dropped=list(data.read.personal_dropped),
        pseudonymised_ids=data.read.pseudonymised,
        decimal_mark=data.read.decimal_mark,
        left_out=dict(data.read.blanks),
        merged_spellings={k: dict(v) for k, v in data.read.merged.items()},
        foot_rows_dropped=data.read.foot_rows,
        has_prospect_ids=data.read.has_ids,
        empty_columns=list(data.read.empty_columns),
        dropped_columns=list(data.read.dropped),
        date_styles=dict(data.read.date_styles),
        size_bands=list(data.size_bands.labels),
        size_bands_from_ranges=bool(data.read.size_ranges),
        names_suspected=name_like_columns(frame, known),
    )
