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
from datetime import date
from typing import Any

from icplab.core.catalogue import messages
from icplab.core.errors import printable
from icplab.core.notes import Note, render
from icplab.core.schema import COUNT_COLUMNS, FACTORS, MAPPABLE_COLUMNS
from icplab.data.counts import blank_statement
from icplab.data.labels import merged_statement
from icplab.data.limits import cut
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
    #: File header -> values a preset's status list does not know, read as "no" (only
    #: in the JSON when there are any).
    unknown_labels: dict[str, list[str]] = field(default_factory=dict)
    #: Won deals whose deal_value is blank, counted as 0 EUR (only in the JSON when > 0).
    unvalued_deals: int = 0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("unknown_labels", "unvalued_deals"):
            if not out[key]:
                del out[key]
        return out

    def to_text(self, language: str = "en") -> str:
        """The summary as ``icplab validate`` prints it, in ``language``."""
        return "\n".join(render(note, language) for note in self.notes())

    def notes(self) -> list[Note]:
        """The summary's lines as notes (:mod:`icplab.core.catalogue`, ``data_note.*``)."""
        lines = [
            Note("data_note.valid", source=self.source, form=Note(_FORMS[self.form])),
            Note("data_note.size", rows=self.rows, contacts=self.contacts),
            Note("data_note.campaigns", campaigns=_counted(self.campaigns)),
        ]
        if self.first_sent:
            lines.append(
                Note("data_note.sent", first=_day(self.first_sent), last=_day(self.last_sent))
            )
        for factor, levels in self.levels.items():
            lines.append(Note("data_note.levels", factor=factor, levels=_counted(levels)))
        total = self.funnel.get("contacted", 0) or 1
        steps = tuple(
            Note("data_note.step_share", step=_stage(k), n=v, share=100 * v / total)
            if k != "contacted"
            else Note("data_note.step", step=_stage(k), n=v)
            for k, v in self.funnel.items()
        )
        lines.append(Note("data_note.funnel", steps=steps))
        if self.extra_columns:
            lines.append(Note("data_note.other_columns", columns=tuple(self.extra_columns)))
        if self.columns_read:
            via = Note("data_note.via_preset", preset=self.preset) if self.preset else ""
            pairs = tuple(
                Note("data_note.read_from", column=k, header=repr(v))
                for k, v in self.columns_read.items()
            )
            lines.append(Note("data_note.columns_read", via=via, pairs=pairs))
        if self.personal_dropped:
            shown = ", ".join(repr(h) for h in self.personal_dropped)
            lines.append(Note("data_note.personal_dropped", headers=shown))
        if self.names_suspected:
            lines.append(
                Note(
                    "data_note.names_suspected",
                    headers=", ".join(repr(h) for h in self.names_suspected),
                    toml=", ".join(json.dumps(h, ensure_ascii=False) for h in self.names_suspected),
                )
            )
        if self.pseudonymised_ids:
            lines.append(Note("data_note.pseudonymised"))
        lines.append(Note("data_note.decimal_mark", mark=describe_mark(self.decimal_mark)))
        if self.size_bands_from_ranges:
            lines.append(Note("data_note.own_ranges", bands=tuple(self.size_bands)))
        for factor, n in self.left_out.items():
            what = Note("data_row.company_size") if factor == "size_band" else factor
            lines.append(
                Note("data_note.left_out", statement=blank_statement(factor, n), what=what)
            )
        for factor, merged in self.merged_spellings.items():
            lines.append(Note("data_note.line", text=merged_statement(factor, merged)))
        if self.foot_rows_dropped:
            code = "data_note.foot_row" if self.foot_rows_dropped == 1 else "data_note.foot_rows"
            lines.append(Note(code, n=self.foot_rows_dropped))
        if not self.has_prospect_ids and self.form == "row-level":
            lines.append(Note("data_note.no_ids"))
        if self.empty_columns:
            lines.append(Note("data_note.empty_columns", columns=tuple(self.empty_columns)))
        if self.dropped_columns:
            lines.append(Note("data_note.dropped_columns", columns=tuple(self.dropped_columns)))
        for header, labels in self.unknown_labels.items():
            values = ", ".join(repr(cut(printable(v))) for v in labels[:_LABELS_SHOWN])
            values += (
                f", ... (+{len(labels) - _LABELS_SHOWN})" if len(labels) > _LABELS_SHOWN else ""
            )
            lines.append(Note("data_note.unknown_labels", header=repr(header), values=values))
        if self.unvalued_deals:
            deals = self.funnel.get("deal", self.unvalued_deals)
            lines.append(Note("data_note.unvalued_deals", n=self.unvalued_deals, deals=deals))
        for col, style in self.date_styles.items():
            if style in _DATE_STYLE_NOTES:
                lines.append(Note(_DATE_STYLE_NOTES[style], column=col))
        return lines


#: Unknown status labels shown per column (the JSON holds them all).
_LABELS_SHOWN = 8


#: The line that states how a date column was read, by its style (ISO needs none).
_DATE_STYLE_NOTES = {
    "german": "data_note.german_dates",
    "month-first": "data_note.month_first_dates",
    "day-first": "data_note.day_first_dates",
    "epoch": "data_note.epoch_dates",
}


#: The words of each form of log.
_FORMS = {"row-level": "data_note.form_rows", "aggregated": "data_note.form_counts"}


def _stage(step: str) -> Note | str:
    """A funnel step in words (the terminal's ``cli.stage.*``), else its name."""
    code = f"cli.stage.{step}"
    return Note(code) if code in messages("en") else step


def _counted(levels: dict[str, int]) -> tuple[Note, ...]:
    """``level (contacts)`` for each level."""
    return tuple(Note("data_filter.level_count", level=k, n=v) for k, v in levels.items())


def _day(text: str | None) -> date | str | None:
    """An ISO date as a date (written in each language's form), anything else as is."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return text


#: Summary field -> the :class:`~icplab.data.outreach.ReadNotes` field it shows.
_FROM_READ = {
    "columns_read": "headers",
    "preset": "preset",
    "personal_dropped": "personal_dropped",
    "pseudonymised_ids": "pseudonymised",
    "decimal_mark": "decimal_mark",
    "left_out": "blanks",
    "merged_spellings": "merged",
    "foot_rows_dropped": "foot_rows",
    "has_prospect_ids": "has_ids",
    "empty_columns": "empty_columns",
    "dropped_columns": "dropped",
    "date_styles": "date_styles",
    "unknown_labels": "unknown_labels",
    "unvalued_deals": "unvalued_deals",
}


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
    read = {field: _plain(getattr(data.read, name)) for field, name in _FROM_READ.items()}
    return LogSummary(
        data.source,
        "aggregated" if data.aggregated else "row-level",
        len(frame),
        data.n_contacts,
        campaigns,
        first,
        last,
        levels,
        funnel,
        extras,
        **read,
        size_bands=list(data.size_bands.labels),
        size_bands_from_ranges=bool(data.read.size_ranges),
        names_suspected=name_like_columns(frame, known),
    )


def _plain(value: Any) -> Any:
    """A copy as plain lists and dicts (tuples become lists, nested dicts are copied)."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
