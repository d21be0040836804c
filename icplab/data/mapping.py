"""``[columns]``: map an export's own headers and values to the contract (CONTRACT section 6).

An entry maps one contract column to the file: a header name, or a table with ``from``
(the header) and one of ``map`` (value -> value), ``in`` (true when the value is in the
list), ``not_empty`` (true when the cell has any value) or ``pattern`` (a regular
expression, case-insensitive; the first group is the value). ``preset = "NAME"`` starts
from a built-in mapping (:mod:`icplab.data.presets`); keys beside it override it.

Headers are matched case-insensitively after trimming. Values are transformed once per
distinct value, then go through the same validation as any file; problems name the
file's own header.

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
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import toml_string
from icplab.core.errors import ConfigError, InputError, Problem
from icplab.core.schema import MAPPABLE_COLUMNS, PERSONAL_COLUMNS, canonical_header
from icplab.data.personal import is_personal_header
from icplab.data.presets import PRESETS

#: The ways an entry can derive a column's values (one per entry).
KINDS = ("map", "in", "not_empty", "pattern", "min")
#: Modifiers combinable with a kind: ``json`` first picks a key of a JSON-object cell,
#: ``date_format`` last turns the value into an ISO date.
MODIFIERS = ("json", "date_format")
#: Keys only a preset may use: values the tool writes that mean "no" (its vocabulary).
PRESET_ONLY = ("others",)
#: Headers whose JSON-object cells are read without a mapping (Smartlead, Instantly API).
JSON_FIELD_HEADERS = ("custom_fields", "payload")
#: How many of a column's own values an error message lists.
MAX_VALUES_LISTED = 15


@dataclass(frozen=True)
class ColumnSpec:
    """How one contract column is read from the file.

    Attributes
    ----------
    column
        The contract column.
    headers
        The file header(s) to read it from; the first one present is used.
    kind
        ``"header"`` (the values as they are), ``"map"``, ``"in"``, ``"not_empty"``,
        ``"pattern"`` or ``"min"``.
    arg
        The dict, list, regular expression or threshold of ``kind``.
    from_preset
        Entries of a preset are skipped when the file has none of their headers.
    json
        Key(s) of a JSON object cell to read first (the first key present is used).
    date_format
        A strptime format: the value becomes an ISO date.
    others
        Values a preset knows to mean "no" (its vocabulary beside ``in``/``map``).
    """

    column: str
    headers: tuple[str, ...]
    kind: str = "header"
    arg: Any = None
    from_preset: bool = False
    json: tuple[str, ...] = ()
    date_format: str | None = None
    others: tuple[str, ...] = ()


def _header_key(header: object) -> str:
    return str(header).strip().casefold()


def _value_key(value: object) -> str:
    """A value as compared: trimmed, case-folded, ``2.0`` as ``2`` (numeric codes)."""
    text = str(value).strip().casefold()
    return text[: text.index(".")] if _FLOAT_INT.fullmatch(text) else text


_FLOAT_INT = re.compile(r"-?\d+\.0+")


def _spec(column: str, value: Any, where: str, from_preset: bool) -> ColumnSpec:
    label = f"{where}: [columns] {column}"
    if isinstance(value, str):
        return ColumnSpec(column, (value,), from_preset=from_preset)
    if not isinstance(value, Mapping):
        raise ConfigError(
            f"{label} must be a header name or a table with 'from', e.g. "
            f'{column} = {{ from = "Status", in = ["Replied"] }}.'
        )
    allowed = ("from", *KINDS, *MODIFIERS, *(PRESET_ONLY if from_preset else ()))
    for key in value:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ConfigError(
                f"{label}: unknown key '{key}'.{hint} Keys of an entry: {', '.join(allowed)}."
            )
    src = value.get("from")
    headers = (src,) if isinstance(src, str) else tuple(src or ())
    if not headers or not all(isinstance(h, str) for h in headers):
        raise ConfigError(f"{label}: 'from' must name the file's header, e.g. from = \"Status\".")
    json_key = value.get("json")
    keys = (json_key,) if isinstance(json_key, str) else tuple(json_key or ())
    if "json" in value and (not keys or not all(isinstance(k, str) and k for k in keys)):
        raise ConfigError(
            f'{label}: json must name a key of the JSON object, e.g. json = "Branche".'
        )
    date_format = value.get("date_format")
    if date_format is not None and (not isinstance(date_format, str) or "%" not in date_format):
        raise ConfigError(
            f'{label}: date_format must be a strptime format, e.g. date_format = "%d.%m.%Y %H:%M".'
        )
    others = tuple(str(o) for o in value.get("others", ()))
    kinds = [k for k in KINDS if k in value]
    if len(kinds) > 1:
        raise ConfigError(f"{label}: give one of {', '.join(KINDS)}, not {' and '.join(kinds)}.")
    make = partial(
        ColumnSpec,
        column,
        headers,
        from_preset=from_preset,
        json=keys,
        date_format=date_format,
        others=others,
    )
    if not kinds:
        return make()
    kind = kinds[0]
    arg = value[kind]
    if kind == "map" and not isinstance(arg, Mapping):
        raise ConfigError(f'{label}: map must be a table, e.g. map = {{ "Du" = "du" }}.')
    if kind == "in":
        if isinstance(arg, str) or not isinstance(arg, (list, tuple)):
            raise ConfigError(f'{label}: in must be a list, e.g. in = ["Replied", "Interested"].')
        arg = tuple(str(a) for a in arg)
    if kind == "not_empty" and arg is not True:
        raise ConfigError(f"{label}: write not_empty = true (true when the cell has a value).")
    if kind == "min":
        if arg is True:
            arg = 1
        if isinstance(arg, bool) or not isinstance(arg, (int, float)) or not arg >= 0:
            raise ConfigError(
                f"{label}: min must be a number >= 0, e.g. min = 1 (true from the first reply)."
            )
    if kind == "pattern":
        try:
            rx = re.compile(str(arg), re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(
                f"{label}: pattern is not a valid regular expression ({exc})."
            ) from None
        if rx.groups < 1:
            raise ConfigError(
                f"{label}: pattern needs a group in parentheses for the value, e.g. "
                'pattern = "(zeitersparnis|fehlerrate)".'
            )
        arg = str(arg)
    return make(kind=kind, arg=arg)


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
                hint = f" Did you mean '{close[0]}'?" if close else ""
                raise ConfigError(
                    f"{where}: unknown column preset '{name}'.{hint} Known presets: "
                    f"{', '.join(sorted(PRESETS))} (see docs/presets.md)."
                )
            entries = {k: (v, True) for k, v in PRESETS[name].columns.items()}
        for column, value in columns.items():
            if column not in MAPPABLE_COLUMNS:
                close = difflib.get_close_matches(column, MAPPABLE_COLUMNS, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise ConfigError(
                    f"{where}: [columns] '{column}' is not a column of the outreach log{hint}."
                )
            entries[column] = (value, False)
        specs: list[ColumnSpec] = []
        for c, (v, p) in entries.items():
            for one in v if p and isinstance(v, list) else [v]:
                specs.append(_spec(c, one, where, p))
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
        by_key = {_header_key(h): h for h in raw.columns}
        out: dict[str, pd.Series] = {}
        headers: dict[str, str] = {}
        used: set[str] = set()
        problems: list[Problem] = []
        vocab = self._vocabulary()
        for spec in self.specs:
            found = next(
                (by_key[_header_key(h)] for h in spec.headers if _header_key(h) in by_key), None
            )
            if found is None:
                if not spec.from_preset:
                    close = difflib.get_close_matches(
                        spec.headers[0], [str(c) for c in raw.columns], n=3, cutoff=0.5
                    )
                    hint = f" Close headers: {', '.join(repr(c) for c in close)}." if close else ""
                    problems.append(
                        Problem(
                            spec.column,
                            (1,),
                            f"[columns] maps it from '{spec.headers[0]}', but the header has no "
                            f"such column.{hint} Fix the header name in icplab.toml.",
                        )
                    )
                continue
            if spec.column in out and (spec.kind == "header" or not _is_flag(spec)):
                continue  # a preset's later alternative for a column already read
            header = str(found).strip()
            series = raw[found]
            if spec.json:
                series, bad = _json_values(series, spec.json)
                if bad:
                    problems.append(_problem(spec, bad, header, _JSON_HELP))
                    continue
                if spec.from_preset and series.isna().all():
                    continue  # the JSON objects do not hold this preset key
            problems += _check_values(spec, series, header, vocab.get(_header_key(found), set()))
            values, bad, why = _derive(series, spec)
            if bad:
                problems.append(_problem(spec, bad, header, why))
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
            values = {_value_key(v) for v in (s.arg if s.kind == "in" else s.arg.keys())}
            values |= {_value_key(v) for v in s.others}
            for h in s.headers:
                vocab.setdefault(_header_key(h), set()).update(values)
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
        return frozenset(_header_key(h) for s in self.specs for h in s.headers)


_JSON_HELP = (
    'is not a JSON object (such as {"Branche": "IT"}). Export the custom fields again or '
    "remove the json key from the entry."
)


def _is_flag(spec: ColumnSpec) -> bool:
    return spec.kind in ("in", "not_empty", "min")


def _problem(spec: ColumnSpec, rows: list[int], header: str, why: str) -> Problem:
    return Problem(spec.column, tuple(rows), why, header=header)


def _rows_of(mask: np.ndarray, index: pd.Index) -> list[int]:
    """Spreadsheet row numbers (header = 1) of the true positions of ``mask``."""
    return [int(i) + 2 for i in np.asarray(index)[mask]]


def _blank(series: pd.Series) -> np.ndarray:
    text = series.astype(object).where(series.notna(), "")
    return (text.astype(str).str.strip() == "").to_numpy()


def _json_values(series: pd.Series, keys: tuple[str, ...]) -> tuple[pd.Series, list[int]]:
    """The value of the first of ``keys`` in every JSON-object cell (keys matched without
    regard to case), and the rows whose non-blank cell is not a JSON object."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    wanted = [_value_key(k) for k in keys]
    values: list[Any] = []
    broken = np.zeros(len(uniques) + 1, dtype=bool)
    for i, cell in enumerate(uniques):
        text = str(cell).strip()
        if not text:
            values.append(None)
            continue
        try:
            obj = json.loads(text)
        except ValueError:
            obj = None
        if not isinstance(obj, dict):
            broken[i] = True
            values.append(None)
            continue
        folded = {_value_key(k): v for k, v in obj.items()}
        hit = next((folded[k] for k in wanted if k in folded), None)
        values.append(None if hit is None or isinstance(hit, (dict, list)) else hit)
    values.append(None)
    out = pd.Series(np.asarray(values, dtype=object)[codes], index=series.index, dtype=object)
    return out, _rows_of(broken[codes], series.index)


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
        if _header_key(col) not in JSON_FIELD_HEADERS:
            continue
        sample = raw[col].dropna().astype(str).str.strip()
        sample = sample[sample != ""]
        if sample.empty or not sample.str.startswith("{").all():
            continue
        keys: dict[str, str] = {}
        for cell in sample.unique()[:1000]:
            try:
                obj = json.loads(cell)
            except ValueError:
                continue
            if isinstance(obj, dict):
                for k in obj:
                    keys.setdefault(str(k), str(k))
        for key in keys:
            name = _JSON_ALIASES.get(_header_key(key), canonical_header(key))
            if (
                name not in MAPPABLE_COLUMNS
                or name in PERSONAL_COLUMNS
                or name in present
                or name in cols
                or is_personal_header(key)
            ):
                continue
            values, bad = _json_values(raw[col], (key,))
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


def _listed(values: list[str]) -> str:
    shown = [repr(v) for v in values[:MAX_VALUES_LISTED] if not _looks_private(v)]
    more = len(values) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _looks_private(value: str) -> bool:
    return "@" in value or sum(ch.isdigit() for ch in value) >= 6 or len(value) > 60


def occurring_values(series: pd.Series) -> list[str]:
    """The distinct non-blank values of ``series`` (trimmed), most frequent first."""
    text = series.dropna().astype(str).str.strip()
    text = text[text != ""]
    return [str(v) for v in text.value_counts(sort=True).index]


def _check_values(
    spec: ColumnSpec, series: pd.Series, header: str, vocab: set[str]
) -> list[Problem]:
    """``in``/``map`` values that never occur: each one the user wrote is an error; a
    preset entry is an error when none of its values occurs while the column holds
    values the preset does not know (an account's own labels)."""
    if spec.kind not in ("in", "map"):
        return []
    written = list(spec.arg) if spec.kind == "in" else [str(k) for k in spec.arg]
    found = occurring_values(series)
    folded = {_value_key(v) for v in found}
    missing = [w for w in written if _value_key(w) not in folded]
    if not missing or not found:
        return []
    if not spec.from_preset:
        return [
            _problem(
                spec,
                [1],
                header,
                f"[columns] {spec.column} lists {', '.join(repr(m) for m in missing)}, which "
                f"never occur{'s' if len(missing) == 1 else ''} in this column (a typo would "
                f"silently drop rows). Values that occur: {_listed(found)}. Fix the "
                f"{spec.kind} list in icplab.toml.",
            )
        ]
    unknown = [v for v in found if _value_key(v) not in vocab]
    if len(missing) < len(written) or not unknown:
        return []
    return [
        _problem(
            spec,
            [1],
            header,
            f"none of the preset's values for {spec.column} ({_listed(written)}) occurs in "
            f"this column; its own values are {_listed(found)}. Say which of them mean "
            f"{spec.column} in icplab.toml, e.g. {spec.column} = {{ from = {_toml_str(header)}, "
            f"in = [{_toml_str(found[0])}] }} (icplab validate FILE --suggest-mapping drafts it).",
        )
    ]


def _derive(series: pd.Series, spec: ColumnSpec) -> tuple[pd.Series, list[int], str]:
    """The values of one mapped column, computed once per distinct value, with the rows
    whose value cannot be read and why."""
    if spec.kind == "header":
        values = series
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        text = pd.Series(np.asarray(uniques, dtype=object)).astype(str).str.strip()
        if spec.kind == "in":
            wanted = {_value_key(a) for a in spec.arg}
            hits = [_value_key(t) in wanted for t in text]
            flag = np.append(np.asarray(hits, dtype=bool), False).astype("int64")
            values = pd.Series(flag[codes], index=series.index)
        elif spec.kind == "not_empty":
            flag = np.append((text != "").to_numpy(), False).astype("int64")
            values = pd.Series(flag[codes], index=series.index)
        elif spec.kind == "min":
            number = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
            broken = np.append((number.isna() & (text != "")).to_numpy(), False)
            if broken[codes].any():
                return (
                    series,
                    _rows_of(broken[codes], series.index),
                    f"is not a count (a whole number); [columns] {spec.column} reads it with "
                    f"min = {spec.arg}. Check the column or map another one.",
                )
            flag = np.append((number.fillna(0) >= spec.arg).to_numpy(), False).astype("int64")
            values = pd.Series(flag[codes], index=series.index)
        elif spec.kind == "map":
            exact = {str(k).strip(): v for k, v in spec.arg.items()}
            folded = {_value_key(k): v for k, v in spec.arg.items()}
            mapped = [
                exact[t] if t in exact else folded.get(t.casefold(), u)
                for t, u in zip(text, uniques, strict=True)
            ]
            arr = np.append(np.asarray(mapped, dtype=object), np.asarray([None], dtype=object))
            values = pd.Series(arr[codes], index=series.index, dtype=object)
        else:  # pattern
            groups = text.str.extract(spec.arg, flags=re.IGNORECASE, expand=True)
            mapped = groups.iloc[:, 0].where(groups.iloc[:, 0].notna(), None).tolist()
            arr = np.append(np.asarray(mapped, dtype=object), np.asarray([None], dtype=object))
            values = pd.Series(arr[codes], index=series.index, dtype=object)
    if spec.date_format:
        return _dates(values, spec)
    return values, [], ""


def _dates(series: pd.Series, spec: ColumnSpec) -> tuple[pd.Series, list[int], str]:
    """``series`` parsed with ``spec.date_format`` into ISO dates / datetimes."""
    fmt = str(spec.date_format)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    iso: list[Any] = []
    broken = np.zeros(len(uniques) + 1, dtype=bool)
    has_time = any(t in fmt for t in ("%H", "%I", "%M", "%S"))
    for i, cell in enumerate(uniques):
        text = str(cell).strip()
        if not text:
            iso.append(None)
            continue
        try:
            when = datetime.strptime(text, fmt)
        except ValueError:
            broken[i] = True
            iso.append(None)
            continue
        iso.append(when.isoformat(sep=" ") if has_time else when.date().isoformat())
    iso.append(None)
    if broken[codes].any():
        return (
            series,
            _rows_of(broken[codes], series.index),
            f"does not match date_format = {_toml_str(fmt)} of [columns] {spec.column}. Fix "
            "the format (Python strptime codes) or the cells.",
        )
    return pd.Series(np.asarray(iso, dtype=object)[codes], index=series.index, dtype=object), [], ""


def _shadowed(
    raw: pd.DataFrame, out: Mapping[str, object], headers: Mapping[str, str], used: set[str]
) -> list[Problem]:
    """Problems for contract columns the file has under their own name while ``[columns]``
    reads them from another header: which one holds the values is not clear.

    A German alias (``Anrede`` beside a mapped ``Ansprache``) is not a conflict: the
    mapping says which column is meant.
    """
    order = [str(h).strip() for h in raw.attrs.get("file_headers") or raw.columns]

    def where(header: str) -> str:
        return f"column {order.index(header) + 1}" if header in order else "in the file"

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
                f"the file has a column '{str(col).strip()}' ({where(str(col).strip())}) and "
                f"[columns] reads {name} from '{mapped}' ({where(mapped.strip())}): both "
                f"would give {name}. Remove or rename one of the two columns, or drop the "
                f"{name} entry of [columns] in icplab.toml.",
            )
        )
    return problems


def preset_entries(value: Any) -> list[Any]:
    """A preset column's entries as a list (a preset may give several, see presets.py)."""
    return list(value) if isinstance(value, list) else [value]


def _entry_headers(entry: Any) -> tuple[str, ...]:
    src = entry if isinstance(entry, str) else entry.get("from")
    return (src,) if isinstance(src, str) else tuple(src or ())


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """Guess ``[columns]`` entries from a file's headers (contract column -> header).

    Recognises the plain headers of every preset (never a personal one, such as an
    e-mail column). Only columns that are not already read directly are suggested.

    Examples
    --------
    >>> suggest_mapping(["Apollo Contact Id", "Industry", "# Employees", "Replied"])
    {'prospect_id': 'Apollo Contact Id', 'employees': '# Employees'}
    """
    direct = {canonical_header(h) for h in headers}
    by_key = {_header_key(h): h for h in headers}
    out: dict[str, str] = {}
    for preset in PRESETS.values():
        for column, value in preset.columns.items():
            for entry in preset_entries(value):
                if column in direct or column in out or column not in MAPPABLE_COLUMNS:
                    continue
                if isinstance(entry, Mapping) and set(entry) & {*KINDS, *MODIFIERS}:
                    continue
                hit = next(
                    (
                        by_key[_header_key(a)]
                        for a in _entry_headers(entry)
                        if _header_key(a) in by_key and not is_personal_header(a)
                    ),
                    None,
                )
                if hit is not None:
                    out[column] = hit
    return out


#: Headers too common to tell one tool from another.
_GENERIC_HEADERS = frozenset({"id", "email", "status", "category", "campaign", "stage"})


def preset_scores(headers: list[str]) -> dict[str, int]:
    """How many of each preset's tool-specific headers the file has.

    Examples
    --------
    >>> preset_scores(["leadId", "lastState", "emailsReplied", "industry"])["lemlist"]
    3
    """
    keys = {_header_key(h) for h in headers}
    scores: dict[str, int] = {}
    for name, preset in PRESETS.items():
        hits: set[str] = set()
        for value in preset.columns.values():
            for entry in preset_entries(value):
                for a in _entry_headers(entry):
                    k = _header_key(a)
                    # a generic header (industry, Branche, id) says little about the tool
                    if (
                        k in keys
                        and k not in _GENERIC_HEADERS
                        and canonical_header(a) not in MAPPABLE_COLUMNS
                    ):
                        hits.add(k)
        hits |= {_header_key(m) for m in preset.markers if _header_key(m) in keys}
        scores[name] = len(hits)
    return scores


def best_preset(headers: list[str]) -> str | None:
    """The preset whose headers the file matches best (None when none fits well).

    Examples
    --------
    >>> best_preset(["leadId", "lastState", "campaignName", "industry"])
    'lemlist'
    >>> best_preset(["Record ID", "Lifecycle-Phase", "Lead-Status", "Branche"])
    'hubspot'
    """
    scores = preset_scores(headers)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 2 else None


def _toml_str(text: str) -> str:
    """A TOML basic string (:func:`icplab.core.config.toml_string`)."""
    return toml_string(text)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_str(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_str(value)
    if isinstance(value, Mapping):
        return (
            "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
        )
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


def mapping_snippet(headers: list[str]) -> str:
    """A ``[columns]`` table for ``icplab.toml`` drafted from a file's headers.

    Starts from the best-fitting preset (if any), names every header it recognises, and
    lists the required columns it could not find as comments. Every string is
    TOML-escaped.

    Examples
    --------
    >>> import tomllib
    >>> print(mapping_snippet(["Apollo Contact Id", "Industry", "# Employees", "Replied"]), end="")
    [columns]
    preset = "apollo"
    >>> text = mapping_snippet(["Contact", "Mitarbeiteranzahl", 'Massage "A"'])
    >>> tomllib.loads(text)["columns"]
    {'employees': 'Mitarbeiteranzahl'}
    >>> print(text.splitlines()[-1])
    # replied = "..."  # not recognised
    """
    from icplab.core.schema import REQUIRED_COLUMNS

    preset = best_preset(headers)
    lines = ["[columns]"]
    if preset:
        lines.append(f"preset = {_toml_str(preset)}")
    direct = {canonical_header(h) for h in headers}
    keys = {_header_key(x) for x in headers}
    covered: set[str] = set()
    if preset:
        resolved = ColumnMapping.from_config({}, preset)
        covered = {
            c
            for c in PRESETS[preset].columns
            if any(_header_key(h) in keys for h in resolved.expected(c))
        }
    found = {c: h for c, h in suggest_mapping(headers).items() if c not in covered}
    for column, header in found.items():
        lines.append(f"{column} = {_toml_str(header)}")
    for column in REQUIRED_COLUMNS:
        if column not in direct and column not in found and column not in covered:
            close = difflib.get_close_matches(column, headers, n=2, cutoff=0.5)
            hint = f" (maybe {', '.join(_toml_str(c) for c in close)})" if close else ""
            lines.append(f'# {column} = "..."  # not recognised{hint}')
    return "\n".join(lines) + "\n"


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
    return any(_header_key(c) in JSON_FIELD_HEADERS for c in raw.columns)
