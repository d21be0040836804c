"""``[columns]``: map an export's own headers and values to the contract (CONTRACT section 6).

An entry maps one contract column to the file: a header name, or a table with ``from``
(the header) and one of ``map`` (value -> value), ``in`` (true when the value is in the
list), ``not_empty`` (true when the cell has any value) or ``pattern`` (a regular
expression, case-insensitive; the first group is the value). ``preset = "NAME"`` starts
from a built-in mapping (:mod:`icplab.data.presets`); keys beside it override it.

Headers are matched case-insensitively after trimming. Values are transformed once per
distinct value, then go through the same validation as any file; problems name the
file's own header.

This module applies a resolved table (:class:`ColumnMapping`), reads contract columns from
JSON custom fields and drops free text. The rules of one entry live in
:mod:`icplab.data.mapping_rules`, the drafting of a ``[columns]`` snippet from a file's
headers in :mod:`icplab.data.mapping_toml`; their names stay importable from here.

Examples
--------
>>> import pandas as pd
>>> raw = pd.DataFrame({"lastState": ["emailsReplied", "emailsSent", "meetingBooked"],
...                     "campaignName": ["Q3 Zeitersparnis", "Q3 Fehlerrate", "Q3 Zeitersparnis"]})
>>> m = ColumnMapping.from_config({
...     "replied": {"from": "lastState", "in": ["emailsReplied", "meetingBooked"]},
...     "messaging": {"from": "campaignName", "pattern": "(zeitersparnis|fehlerrate)"}})
>>> out, headers = m.apply(raw, "leads.csv")
>>> out["replied"].tolist(), out["messaging"].tolist(), headers["messaging"]
([1, 0, 1], ['Zeitersparnis', 'Fehlerrate', 'Zeitersparnis'], 'campaignName')
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from icplab.core.errors import ConfigError, InputError, Problem
from icplab.core.notes import Note
from icplab.core.schema import MAPPABLE_COLUMNS, PERSONAL_COLUMNS, canonical_header
from icplab.data.mapping_rules import (
    JSON_HELP,
    ColumnSpec,
    check_values,
    derive,
    header_key,
    is_flag,
    json_keys,
    json_values,
    parse_spec,
    spec_problem,
    unknown_labels,
    value_key,
)
from icplab.data.mapping_rules import KINDS as KINDS
from icplab.data.mapping_rules import MAX_VALUES_LISTED as MAX_VALUES_LISTED
from icplab.data.mapping_rules import MODIFIERS as MODIFIERS
from icplab.data.mapping_rules import PRESET_ONLY as PRESET_ONLY
from icplab.data.mapping_rules import occurring_values as occurring_values
from icplab.data.mapping_toml import best_preset as best_preset
from icplab.data.mapping_toml import mapping_snippet as mapping_snippet
from icplab.data.mapping_toml import preset_entries as preset_entries
from icplab.data.mapping_toml import preset_scores as preset_scores
from icplab.data.mapping_toml import suggest_mapping as suggest_mapping
from icplab.data.personal import is_personal_header
from icplab.data.presets import PRESETS

#: Headers whose JSON-object cells are read without a mapping (Smartlead, Instantly API).
JSON_FIELD_HEADERS = ("custom_fields", "payload")


@dataclass(frozen=True)
class ColumnMapping:
    """A resolved ``[columns]`` table: a preset (if any) plus the user's entries.

    Build with :meth:`from_config`; apply to a raw table with :meth:`apply`. A preset
    may give a boolean column several entries (a list): the column is true when any
    entry whose header the file has says so (a later stage implies the earlier ones).
    """

    specs: tuple[ColumnSpec, ...] = ()
    preset: str | None = None
    #: Headers declared personal (``[columns] personal``), in canonical form: dropped at read.
    personal: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.specs)

    @classmethod
    def from_config(
        cls,
        columns: Mapping[str, Any] | None,
        preset: str | None = None,
        where: str = "icplab.toml",
    ) -> ColumnMapping:
        """Resolve ``[columns]`` (and ``--preset``, which wins over ``preset =``)."""
        columns = dict(columns or {})
        name = preset or columns.pop("preset", None)
        columns.pop("preset", None)
        personal = tuple(canonical_header(h) for h in columns.pop("personal", None) or ())
        entries: dict[str, tuple[Any, bool]] = {}
        if name is not None:
            if name not in PRESETS:
                where = "--preset" if preset else where
                close = difflib.get_close_matches(str(name), list(PRESETS), n=1)
                hint = Note("data_map.did_you_mean", name=close[0]) if close else ""
                raise ConfigError(
                    Note(
                        "data_map.unknown_preset",
                        where=where,
                        name=str(name),
                        hint=hint,
                        presets=tuple(sorted(PRESETS)),
                    )
                )
            entries = {k: (v, True) for k, v in PRESETS[name].columns.items()}
        for column, value in columns.items():
            if column not in MAPPABLE_COLUMNS:
                close = difflib.get_close_matches(column, MAPPABLE_COLUMNS, n=1)
                hint = Note("data_map.did_you_mean_paren", name=close[0]) if close else ""
                raise ConfigError(
                    Note("data_map.not_a_column", where=where, column=column, hint=hint)
                )
            entries[column] = (value, False)
        specs: list[ColumnSpec] = []
        for c, (v, p) in entries.items():
            for one in v if p and isinstance(v, list) else [v]:
                specs.append(parse_spec(c, one, where, p))
        return cls(tuple(specs), name, personal)

    def apply(self, raw: pd.DataFrame, source: str) -> tuple[pd.DataFrame, dict[str, str]]:
        """Rename and derive the mapped columns of ``raw``.

        Returns the new table (mapped contract columns, then every column of ``raw`` that
        no entry read and whose name no entry replaced) and, for every mapped column, the
        file header it came from. JSON-object cells under ``custom_fields`` (or the
        Instantly API's ``payload``) whose keys are contract columns or their aliases are
        read as those columns without a mapping.

        Raises
        ------
        icplab.core.errors.InputError
            When a header named in ``[columns]`` is not in the file, a value cannot be
            read (JSON, count, date), or an ``in``/``map`` value never occurs.
        """
        by_key = {header_key(h): h for h in raw.columns}
        out: dict[str, pd.Series] = {}
        headers: dict[str, str] = {}
        used: set[str] = set()
        problems: list[Problem] = []
        vocab = self._vocabulary()
        unknown: dict[str, dict[str, None]] = {}  # header -> labels the preset does not know
        for spec in self.specs:
            found = next(
                (by_key[header_key(h)] for h in spec.headers if header_key(h) in by_key), None
            )
            if found is None:
                if not spec.from_preset:
                    close = difflib.get_close_matches(
                        spec.headers[0], [str(c) for c in raw.columns], n=3, cutoff=0.5
                    )
                    hint = (
                        Note("data_map.close_headers", headers=", ".join(repr(c) for c in close))
                        if close
                        else ""
                    )
                    note = Note("data_map.header_absent", header=spec.headers[0], hint=hint)
                    problems.append(Problem(spec.column, (1,), note))
                continue
            if spec.column in out and (spec.kind == "header" or not is_flag(spec)):
                continue  # a preset's later alternative for a column already read
            header = str(found).strip()
            series = raw[found]
            if spec.json:
                series, bad = json_values(series, spec.json)
                if bad:
                    problems.append(spec_problem(spec, bad, header, JSON_HELP))
                    continue
                if spec.from_preset and series.isna().all():
                    continue  # the JSON objects do not hold this preset key
            known = vocab.get(header_key(found), set())
            # the column's distinct values, counted once for both checks
            distinct = occurring_values(series) if spec.kind in ("in", "map") else []
            problems += check_values(spec, series, header, known, distinct)
            labels = unknown_labels(spec, series, known, distinct)
            if labels:  # in order, each once (a dict, not a list searched per label)
                unknown.setdefault(header, {}).update(dict.fromkeys(labels))
            values, bad, why = derive(series, spec)
            if bad:
                problems.append(spec_problem(spec, bad, header, why))
                continue
            if spec.column in out:  # any of a preset's entries: true when one says so
                out[spec.column] = (out[spec.column].astype("int64") | values).astype("int64")
                headers[spec.column] += f" / {header}"
            else:
                out[spec.column] = values
                headers[spec.column] = header
            used.add(str(found))
        problems += _shadowed(raw, out, headers, used)
        if problems:
            raise InputError(source, problems)
        json_cols, json_headers, json_used = read_json_fields(raw, present=set(out))
        out.update(json_cols)
        headers.update(json_headers)
        used |= json_used
        table = pd.DataFrame(out, index=raw.index)
        if unknown:  # stated by validate (icplab.data.validate)
            table.attrs["unknown_labels"] = {h: list(v) for h, v in unknown.items()}
        for col in raw.columns:
            if str(col) in used or canonical_header(col) in out or is_free_text(col, raw[col]):
                continue
            table[col] = raw[col]
        return table, headers

    def _vocabulary(self) -> dict[str, set[str]]:
        """Per preset header: every value the preset knows (``in``, ``map``, ``others``)."""
        vocab: dict[str, set[str]] = {}
        for s in self.specs:
            if not s.from_preset or s.kind not in ("in", "map"):
                continue
            values = {value_key(v) for v in (s.arg if s.kind == "in" else s.arg.keys())}
            values |= {value_key(v) for v in s.others}
            for h in s.headers:
                vocab.setdefault(header_key(h), set()).update(values)
        return vocab

    def reads_json(self, raw: pd.DataFrame) -> bool:
        """Whether :meth:`apply` has JSON custom fields to read in ``raw`` even without
        entries (see :func:`read_json_fields`)."""
        return has_json_fields(raw)

    def expected(self, column: str) -> tuple[str, ...]:
        """The headers this mapping looks for to fill ``column`` (for error messages)."""
        return tuple(h for s in self.specs if s.column == column for h in s.headers)

    @property
    def source_headers(self) -> frozenset[str]:
        """Every header any entry may read (case-folded): never dropped as personal."""
        return frozenset(header_key(h) for s in self.specs for h in s.headers)


def read_json_fields(
    raw: pd.DataFrame, present: set[str] | None = None
) -> tuple[dict[str, pd.Series], dict[str, str], set[str]]:
    """Contract columns found as keys of JSON-object cells (``custom_fields``, ``payload``).

    A key is read when it is a contract column or one of its aliases (``Branche``,
    ``Mitarbeiter``, ``Ansprache``, ``Botschaft``, ...), is not personal, and the table has
    no such column yet. Returns the columns, their source (``custom_fields.Branche``) and
    the JSON headers that gave at least one column (they are not kept: their other keys
    may be personal).

    Examples
    --------
    >>> raw = pd.DataFrame({"custom_fields": ['{"Branche": "IT", "Vorname": "Anna"}', "{}"]})
    >>> cols, src, used = read_json_fields(raw)
    >>> cols["industry"].tolist(), src["industry"], sorted(used)
    (['IT', None], 'custom_fields.Branche', ['custom_fields'])
    """
    present = {canonical_header(c) for c in raw.columns} | set(present or ())
    cols: dict[str, pd.Series] = {}
    src: dict[str, str] = {}
    used: set[str] = set()
    for col in raw.columns:
        if header_key(col) not in JSON_FIELD_HEADERS:
            continue
        sample = raw[col].dropna().astype(str).str.strip()
        sample = sample[sample != ""]
        if sample.empty or not sample.str.startswith("{").all():
            continue
        for key in json_keys(sample.unique()[:1000]):
            name = _JSON_ALIASES.get(header_key(key), canonical_header(key))
            if (
                name not in MAPPABLE_COLUMNS
                or name in PERSONAL_COLUMNS
                or name in present
                or name in cols
                or is_personal_header(key)
            ):
                continue
            values, bad = json_values(raw[col], (key,))
            if bad or name == "salutation" and not _du_sie(values):
                continue  # Anrede = Herr/Frau is the person's gender, never read
            cols[name] = values
            src[name] = f"{str(col).strip()}.{key}"
            used.add(str(col))
    return cols, src, used


#: Aliases of JSON custom-field keys beside :data:`icplab.core.schema.HEADER_ALIASES`.
_JSON_ALIASES = {
    "ansprache": "salutation",
    "variante": "messaging",
    "variant": "messaging",
    "erstkontakt": "sent_at",
    "company_size": "employees",
    "companysize": "employees",
}


def _du_sie(values: pd.Series) -> bool:
    text = values.dropna().astype(str).str.strip().str.casefold()
    text = text[text != ""]
    return bool(len(text)) and bool(text.str.contains(r"\b(?:du|sie)\b|zen$", regex=True).all())


def _shadowed(
    raw: pd.DataFrame, out: Mapping[str, object], headers: Mapping[str, str], used: set[str]
) -> list[Problem]:
    """Problems for contract columns the file has under their own name while ``[columns]``
    reads them from another header: which one holds the values is not clear.

    A German alias (``Anrede`` beside a mapped ``Ansprache``) is not a conflict: the
    mapping says which column is meant.
    """
    order = [str(h).strip() for h in raw.attrs.get("file_headers") or raw.columns]

    def where(header: str) -> Note:
        if header in order:
            return Note("data_map.at_column", at=order.index(header) + 1)
        return Note("data_map.in_file")

    problems = []
    for col in raw.columns:
        name = canonical_header(col)
        plain = re.sub(r"[\s\-]+", "_", str(col).strip().lower())
        if str(col) in used or name not in out or plain != name:
            continue
        mapped = headers[name]
        problems.append(
            Problem(
                name,
                (1,),
                Note(
                    "data_map.shadowed",
                    header=str(col).strip(),
                    at=where(str(col).strip()),
                    column=name,
                    mapped=mapped,
                    mapped_at=where(mapped.strip()),
                ),
            )
        )
    return problems


#: Headers of free text an export carries beside the outreach log (personalisation lines,
#: deal titles, notes, message bodies): never kept, cached or shown.
FREE_TEXT_HEADERS = re.compile(
    r"personali[sz]|icebreaker|ice_breaker|snippet\d*$|\btitle$|deal - title|notes?$|notiz|"
    r"description|beschreibung|subject|betreff|body|message text|nachrichtentext|comment|kommentar",
    re.IGNORECASE,
)


def is_free_text(header: object, series: pd.Series) -> bool:
    """Whether an unmapped column is free text: by header (:data:`FREE_TEXT_HEADERS`,
    never a contract column), or long text that is nearly unique per row.

    Examples
    --------
    >>> is_free_text("personalization", pd.Series(["Hi"]))
    True
    >>> is_free_text("Lead Status", pd.Series(["Open", "Open", "Won"]))
    False
    """
    name = str(header).strip()
    if canonical_header(name) in MAPPABLE_COLUMNS:
        return False
    if FREE_TEXT_HEADERS.search(name) and not re.fullmatch(r"(job )?title", name, re.I):
        return True
    if pd.api.types.is_numeric_dtype(series.dtype):
        return False
    text = series.dropna().astype(str)
    if len(text) < 10:
        return False
    return bool(text.str.len().mean() > 40 and text.nunique() > 0.5 * len(text))


def has_json_fields(raw: pd.DataFrame) -> bool:
    """Whether ``raw`` has a ``custom_fields`` (or ``payload``) column to read keys from.

    Examples
    --------
    >>> has_json_fields(pd.DataFrame({"Custom_Fields": ["{}"]}))
    True
    """
    return any(header_key(c) in JSON_FIELD_HEADERS for c in raw.columns)
