"""Draft a ``[columns]`` table from an export's own headers and values.

``icplab validate FILE --suggest-mapping`` prints the draft; ``icplab init --data`` writes
the lines a preset could not fill as commented drafts. The draft reads:

- count columns (``emailsReplied``, ``email_reply_count``, ``reply_count``) as ``min = 1``;
- status columns with the values found (the user keeps those that mean the column);
- message variants cut from campaign or sequence names as a ``pattern``, with a warning
  when the variant is nested in the industry (:mod:`icplab.data.nesting`);
- keys of JSON custom fields (``custom_fields``) that name contract columns.

Values are listed only from status-like columns (few distinct values), never from
personal columns (dropped before anything is read), and never when they look like
e-mail addresses or phone numbers.

Examples
--------
>>> import pandas as pd
>>> raw = pd.DataFrame({"Sector": ["IT", "Bau"] * 6, "reply_count": [0, 1, 2] * 4,
...                     "Status": ["Neu", "Geantwortet", "Termin"] * 4})
>>> print(draft_table(raw))
[columns]
industry = "Sector"  # guessed from the header: check it
replied = { from = "reply_count", min = 1 }  # a count column: true from the first reply
# meeting = { from = "Status", in = ["Neu", "Geantwortet", "Termin"] }  # keep the values that mean meeting
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import toml_string
from icplab.core.errors import IcpLabError, InputError
from icplab.core.notes import Note, render
from icplab.core.schema import MAPPABLE_COLUMNS, canonical_header
from icplab.data.mapping import (
    JSON_FIELD_HEADERS,
    ColumnMapping,
    best_preset,
    occurring_values,
    read_json_fields,
)
from icplab.data.mapping_rules import json_keys
from icplab.data.nesting import nested_in
from icplab.data.personal import is_personal_header, looks_personal

#: Columns a draft tries to fill, in the order of the table.
DRAFTED = ("prospect_id", "industry", "employees", "messaging", "salutation", "replied", "meeting")
#: A status column lists at most this many distinct values.
MAX_STATUS_VALUES = 30

_COUNT = re.compile(
    r"repl(y|ies|ied)[\s_]*count|count.*repl|^(emails?)?repl(ied|ies)$|antworten", re.I
)
_STATUS = re.compile(r"status|state|stage|phase|category|kategorie|interest|ergebnis", re.I)
_VARIANT_SOURCE = re.compile(r"campaign|sequence|kampagne|sequenz|cadence", re.I)
_GUESS = {
    "industry": re.compile(r"industr|sector|branche|sektor", re.I),
    "employees": re.compile(r"employ|headcount|mitarbeiter|company[\s_]*size|größe", re.I),
    "prospect_id": re.compile(r"^(lead|contact|record|prospect|kontakt)[\s_-]*id$", re.I),
}


@dataclass(frozen=True)
class DraftLine:
    """One line of a drafted ``[columns]`` table.

    ``final`` lines can be used as they are; the others are comments the user completes
    (which of the listed values mean the column).
    """

    column: str
    text: str
    final: bool
    note: str = ""

    def render(self, language: str = "en") -> str:
        """The line as TOML, its note as a comment in ``language``."""
        line = self.text if self.final else f"# {self.text}"
        return f"{line}  # {render(self.note, language)}" if self.note else line


def read_raw(path: str | Path) -> pd.DataFrame:
    """The file's cells as read (encoding, delimiter, sheet), before any mapping, with
    personal columns left out (by header and by content).

    Raises
    ------
    icplab.core.errors.InputError
        When the file cannot be read.
    """
    from icplab.data import load as loader  # the loader's readers (one way to read a file)

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in loader.PARQUET_SUFFIXES:
        raw = loader._read_parquet(path, str(path), ColumnMapping())
    elif suffix in loader.EXCEL_SUFFIXES:
        raw = loader._read_excel(path, str(path))
    else:
        raw = loader._read_csv(path, str(path), ColumnMapping())
    keep = [
        c
        for c in raw.columns
        if not is_personal_header(c)
        and (canonical_header(c) in MAPPABLE_COLUMNS or not looks_personal(raw[c]))
    ]
    return raw[keep]


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


def _safe_values(series: pd.Series) -> list[str] | None:
    """The values of a status-like column, or None when it has too many or any looks
    personal."""
    values = occurring_values(series)
    if not values or len(values) > MAX_STATUS_VALUES:
        return None
    if any("@" in v or sum(ch.isdigit() for ch in v) >= 6 or len(v) > 60 for v in values):
        return None
    return values


def _is_count(series: pd.Series) -> bool:
    number = pd.to_numeric(series, errors="coerce")
    filled = series.notna() & (series.astype(str).str.strip() != "")
    return bool(filled.any()) and bool(number[filled].notna().all()) and bool((number >= 0).all())


def status_draft(column: str, header: str, series: pd.Series, note: str = "") -> DraftLine | None:
    """A commented ``in`` line listing the values of a status column."""
    values = _safe_values(series)
    if values is None:
        return None
    return DraftLine(
        column,
        f"{column} = {_toml({'from': header, 'in': values})}",
        False,
        note or Note("data_note.keep_values", column=column),
    )


def variant_pattern(names: pd.Series) -> str | None:
    """A ``pattern`` for the part of campaign/sequence names that varies.

    Examples
    --------
    >>> variant_pattern(pd.Series(["DACH Q3 zeitersparnis", "DACH Q3 fehlerrate"] * 3))
    '(zeitersparnis|fehlerrate)'
    >>> variant_pattern(pd.Series(["Herbst"] * 4)) is None
    True
    """
    values = occurring_values(names)
    if len(values) < 2 or len(values) > 12:
        return None
    tokens = [re.split(r"[\s_\-|/:,]+", v) for v in values]
    common = set(tokens[0]).intersection(*map(set, tokens[1:]))
    varying = [[t for t in ts if t and t not in common] for ts in tokens]
    if any(len(v) != 1 for v in varying):
        return None
    parts = list(dict.fromkeys(v[0] for v in varying))
    if len(parts) < 2:
        return None
    return "(" + "|".join(re.escape(p) for p in parts) + ")"


def draft_lines(raw: pd.DataFrame, preset: str | None = None) -> list[DraftLine]:
    """Draft lines for every column of :data:`DRAFTED` the file or the preset does not
    already give, plus the JSON custom fields and the variant from campaign names."""
    headers = [str(c) for c in raw.columns]
    direct = {canonical_header(h) for h in headers}
    covered = set(direct)
    if preset:
        mapping = ColumnMapping.from_config({}, preset)
        keys = {h.strip().casefold() for h in headers}
        covered |= {
            s.column for s in mapping.specs if any(h.strip().casefold() in keys for h in s.headers)
        }
    json_cols, json_src, _ = read_json_fields(raw)
    lines: list[DraftLine] = []
    for col in DRAFTED:
        if col in covered:
            continue
        if col in json_cols:  # read without a mapping; shown so the user sees it
            header, key = json_src[col].split(".", 1)
            spec = {"from": header, "json": key}
            lines.append(
                DraftLine(col, f"{col} = {_toml(spec)}", True, Note("data_note.json_field"))
            )
            covered.add(col)
            continue
        line = _draft_one(col, raw, headers, covered)
        if line is not None:
            lines.append(line)
            if line.final:
                covered.add(col)
    return lines


def _draft_one(
    col: str, raw: pd.DataFrame, headers: list[str], covered: set[str]
) -> DraftLine | None:
    if col == "replied":
        for h in headers:
            if _COUNT.search(h) and _is_count(raw[h]):
                spec = {"from": h, "min": 1}
                return DraftLine(
                    col, f"{col} = {_toml(spec)}", True, Note("data_note.count_column")
                )
    if col in ("replied", "meeting"):
        for h in headers:
            if _STATUS.search(h):
                line = status_draft(col, h, raw[h])
                if line is not None:
                    return line
        return None
    if col == "messaging":
        for h in headers:
            if _VARIANT_SOURCE.search(h):
                pattern = variant_pattern(raw[h])
                if pattern is None:
                    continue
                spec = {"from": h, "pattern": pattern}
                note = Note("data_note.variant_cut")
                if "industry" in raw.columns or "industry" in covered:
                    frame = pd.DataFrame(
                        {
                            "messaging": raw[h]
                            .astype(str)
                            .str.extract(pattern, flags=re.IGNORECASE)[0],
                            "industry": _industry_of(raw),
                        }
                    )
                    if nested_in(frame, "messaging", "industry"):
                        note = Note("data_note.variant_confounded")
                return DraftLine(col, f"{col} = {_toml(spec)}", True, note)
        return None
    guess = _GUESS.get(col)
    if guess is not None:
        for h in headers:
            if guess.search(h) and h.strip().casefold() not in JSON_FIELD_HEADERS:
                return DraftLine(col, f"{col} = {_toml(h)}", True, Note("data_note.guessed"))
    if col == "employees":  # a custom field (a snippet) holding head counts or ranges
        for h in headers:
            if (
                canonical_header(h) not in MAPPABLE_COLUMNS
                and not re.search(
                    r"(^|[\s_-])id$|^id|nr\.?$|number$|count|open|click|score|step|status",
                    h,
                    re.IGNORECASE,
                )
                and _looks_like_sizes(raw[h])
            ):
                return DraftLine(
                    col, f"{col} = {_toml(h)}", False, Note("data_note.looks_like_sizes")
                )
    return None


_SIZE = re.compile(r"^\s*\d[\d.,]*\s*(?:[-–]\s*\d[\d.,]*|\+)?\s*$")


def _looks_like_sizes(series: pd.Series) -> bool:
    text = series.dropna().astype(str).str.strip()
    text = text[text != ""]
    if len(text) < 5 or text.str.match(_SIZE).mean() < 0.95:
        return False
    first = pd.to_numeric(text.str.extract(r"^(\d+)")[0], errors="coerce")
    return bool((first >= 1).all())  # a head count is at least 1


def _industry_of(raw: pd.DataFrame) -> pd.Series:
    for c in raw.columns:
        if canonical_header(c) == "industry" or _GUESS["industry"].search(str(c)):
            return raw[c]
    return pd.Series(np.nan, index=raw.index)


def draft_table(raw: pd.DataFrame, preset: str | None = None, language: str = "en") -> str:
    """The drafted ``[columns]`` table as text (``preset`` first when one fits), its
    comments in ``language``."""
    preset = preset or best_preset([str(c) for c in raw.columns])
    out = ["[columns]"]
    if preset:
        out.append(f"preset = {toml_string(preset)}")
        try:
            _, read = ColumnMapping.from_config({}, preset).apply(raw, "<draft>")
        except InputError as exc:  # e.g. status values the preset does not know
            for p in exc.problems:
                cannot = Note("data_note.preset_cannot", column=str(p.column), header=p.header)
                out.append(f"# {render(cannot, language)}")
                line = draft_for_problem(raw, str(p.column), p.header)
                if line is not None:
                    out.append(line.render(language))
        else:
            out += [
                f"# {render(Note('data_note.preset_reads', column=col, header=src), language)}"
                for col, src in read.items()
            ]
    out += [line.render(language) for line in draft_lines(raw, preset)]
    keys = [str(c) for c in raw.columns if str(c).strip().casefold() in JSON_FIELD_HEADERS]
    for h in keys:
        names = _json_keys(raw[h])
        if names:
            keys_note = Note(
                "data_note.json_keys",
                header=h,
                keys=", ".join(toml_string(k) for k in names),
                toml=toml_string(h),
            )
            out.append(f"# {render(keys_note, language)}")
    return "\n".join(out)


def _json_keys(series: pd.Series) -> list[str]:
    keys = json_keys(occurring_values(series)[:200])
    return [k for k in keys if not is_personal_header(k)][:30]


def suggest_for_file(path: str | Path, preset: str | None = None, language: str = "en") -> str:
    """:func:`draft_table` of a file (``icplab validate FILE --suggest-mapping``)."""
    return draft_table(read_raw(path), preset, language)


def draft_for_problem(raw: pd.DataFrame, column: str, header: str | None) -> DraftLine | None:
    """A draft for a column the preset could not read (the values of its header)."""
    if header is not None and header in raw.columns:
        line = status_draft(column, header, raw[header])
        if line is not None:
            return line
    try:
        return _draft_one(column, raw, [str(c) for c in raw.columns], set())
    except IcpLabError:
        return None
