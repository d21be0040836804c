"""The rules of one ``[columns]`` entry: parsed (:func:`parse_spec`) and applied.

An entry (:class:`ColumnSpec`) reads a contract column from one of the file's headers, as
it is or derived with ``map``, ``in``, ``not_empty``, ``pattern`` or ``min``, optionally
after picking a key of a JSON-object cell (``json``) and before turning the value into an
ISO date (``date_format``). Values are derived once per distinct value
(:func:`derive`); ``in``/``map`` values that never occur are reported
(:func:`check_values`). :class:`icplab.data.mapping.ColumnMapping` applies the entries
to a whole table.

Examples
--------
>>> spec = parse_spec("replied", {"from": "Status", "in": ["Replied"]}, "icplab.toml", False)
>>> values, bad, why = derive(pd.Series(["replied ", "Sent", None]), spec)
>>> values.tolist(), bad
([1, 0, 0], [])
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import toml_string
from icplab.core.errors import ConfigError, Problem
from icplab.core.notes import Note
from icplab.data.columns import and_list

#: The ways an entry can derive a column's values (one per entry).
KINDS = ("map", "in", "not_empty", "pattern", "min")
#: Modifiers combinable with a kind: ``json`` first picks a key of a JSON-object cell,
#: ``date_format`` last turns the value into an ISO date.
MODIFIERS = ("json", "date_format")
#: Keys only a preset may use: values the tool writes that mean "no" (its vocabulary).
PRESET_ONLY = ("others",)
#: How many of a column's own values an error message lists.
MAX_VALUES_LISTED = 15


@dataclass(frozen=True)
class ColumnSpec:
    """How one contract column is read from the file."""

    #: The contract column.
    column: str
    #: The file header(s) to read it from; the first one present is used.
    headers: tuple[str, ...]
    #: ``"header"`` (the values as they are), ``"map"``, ``"in"``, ``"not_empty"``,
    #: ``"pattern"`` or ``"min"``.
    kind: str = "header"
    #: The dict, list, regular expression or threshold of ``kind``.
    arg: Any = None
    #: Entries of a preset are skipped when the file has none of their headers.
    from_preset: bool = False
    #: Key(s) of a JSON object cell to read first (the first key present is used).
    json: tuple[str, ...] = ()
    #: A strptime format: the value becomes an ISO date.
    date_format: str | None = None
    #: Values a preset knows to mean "no" (its vocabulary beside ``in``/``map``).
    others: tuple[str, ...] = ()


def header_key(header: object) -> str:
    return str(header).strip().casefold()


def value_key(value: object) -> str:
    """A value as compared: trimmed, case-folded, ``2.0`` as ``2`` (numeric codes)."""
    text = str(value).strip().casefold()
    return text[: text.index(".")] if _FLOAT_INT.fullmatch(text) else text


_FLOAT_INT = re.compile(r"-?\d+\.0+")


def parse_spec(column: str, value: Any, where: str, from_preset: bool) -> ColumnSpec:
    def bad(code: str, **params: Any) -> ConfigError:
        return ConfigError(Note(code, where=where, column=column, **params))

    if isinstance(value, str):
        return ColumnSpec(column, (value,), from_preset=from_preset)
    if not isinstance(value, Mapping):
        raise bad("data_map.not_table")
    allowed = ("from", *KINDS, *MODIFIERS, *(PRESET_ONLY if from_preset else ()))
    for key in value:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = Note("data_map.did_you_mean", name=close[0]) if close else ""
            raise bad("data_map.unknown_key", key=str(key), hint=hint, allowed=allowed)
    src = value.get("from")
    headers = (src,) if isinstance(src, str) else tuple(src or ())
    if not headers or not all(isinstance(h, str) for h in headers):
        raise bad("data_map.from_header")
    json_key = value.get("json")
    keys = (json_key,) if isinstance(json_key, str) else tuple(json_key or ())
    if "json" in value and (not keys or not all(isinstance(k, str) and k for k in keys)):
        raise bad("data_map.json_key")
    date_format = value.get("date_format")
    if date_format is not None and (not isinstance(date_format, str) or "%" not in date_format):
        raise bad("data_map.date_format")
    others = tuple(str(o) for o in value.get("others", ()))
    kinds = [k for k in KINDS if k in value]
    if len(kinds) > 1:
        raise bad("data_map.one_kind", kinds=KINDS, given=and_list(kinds))
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
        raise bad("data_map.map_table")
    if kind == "in":
        if isinstance(arg, str) or not isinstance(arg, (list, tuple)):
            raise bad("data_map.in_list")
        arg = tuple(str(a) for a in arg)
    if kind == "not_empty" and arg is not True:
        raise bad("data_map.not_empty_true")
    if kind == "min":
        if arg is True:
            arg = 1
        if isinstance(arg, bool) or not isinstance(arg, (int, float)) or not arg >= 0:
            raise bad("data_map.min_number")
    if kind == "pattern":
        try:
            rx = re.compile(str(arg), re.IGNORECASE)
        except re.error as exc:
            raise bad("data_map.pattern_invalid", detail=str(exc)) from None
        if rx.groups < 1:
            raise bad("data_map.pattern_group")
        arg = str(arg)
    return make(kind=kind, arg=arg)


JSON_HELP = Note("data_map.not_json")


def is_flag(spec: ColumnSpec) -> bool:
    return spec.kind in ("in", "not_empty", "min")


def spec_problem(spec: ColumnSpec, rows: list[int], header: str, why: str) -> Problem:
    """A problem of the column ``spec`` maps, named by the file's own ``header``."""
    return Problem(spec.column, tuple(rows), why, header=header)


def _rows_of(mask: np.ndarray, index: pd.Index) -> list[int]:
    """Spreadsheet row numbers (header = 1) of the true positions of ``mask``."""
    return [int(i) + 2 for i in np.asarray(index)[mask]]


def _each_distinct(series: pd.Series, read: Callable[[str], Any]) -> tuple[pd.Series, np.ndarray]:
    """``read`` applied once per distinct non-blank cell (trimmed; blank cells give
    ``None``), and per row whether ``read`` raised :class:`ValueError` (the value is then
    ``None``)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    values: list[Any] = []
    broken = np.zeros(len(uniques) + 1, dtype=bool)
    for i, cell in enumerate(uniques):
        text = str(cell).strip()
        if not text:
            values.append(None)
            continue
        try:
            values.append(read(text))
        except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
            broken[i] = True
            values.append(None)
    values.append(None)
    out = pd.Series(np.asarray(values, dtype=object)[codes], index=series.index, dtype=object)
    return out, broken[codes]


def json_keys(cells: Iterable[str]) -> list[str]:
    """The keys of the JSON-object cells among ``cells``, in the order first seen (cells
    that are no JSON object are passed over).

    Examples
    --------
    >>> json_keys(['{"Branche": "IT"}', "not json", '{"Branche": "", "Land": "DE"}'])
    ['Branche', 'Land']
    """
    keys: dict[str, None] = {}
    for cell in cells:
        try:
            obj = json.loads(cell)
        except (ValueError, RecursionError):
            continue
        if isinstance(obj, dict):
            keys.update(dict.fromkeys(str(k) for k in obj))
    return list(keys)


def json_values(series: pd.Series, keys: tuple[str, ...]) -> tuple[pd.Series, list[int]]:
    """The value of the first of ``keys`` in every JSON-object cell (keys matched without
    regard to case), and the rows whose non-blank cell is not a JSON object."""
    wanted = [value_key(k) for k in keys]

    def read(text: str) -> Any:
        obj = json.loads(text)  # a ValueError when it is no JSON
        if not isinstance(obj, dict):
            raise ValueError("not a JSON object")
        folded = {value_key(k): v for k, v in obj.items()}
        hit = next((folded[k] for k in wanted if k in folded), None)
        return None if hit is None or isinstance(hit, (dict, list)) else hit

    out, broken = _each_distinct(series, read)
    return out, _rows_of(broken, series.index)


def _listed(values: list[str]) -> str:
    """The first values (none that looks private) and how many more there are."""
    kept = [repr(v) for v in values[:MAX_VALUES_LISTED] if not _looks_private(v)]
    shown, more = ", ".join(kept), len(values) - len(kept)
    return Note("data_file.and_more", listed=shown, more=more) if more > 0 else shown


def _looks_private(value: str) -> bool:
    return "@" in value or sum(ch.isdigit() for ch in value) >= 6 or len(value) > 60


def occurring_values(series: pd.Series) -> list[str]:
    """The distinct non-blank values of ``series`` (trimmed), most frequent first."""
    text = series.dropna().astype(str).str.strip()
    text = text[text != ""]
    return [str(v) for v in text.value_counts(sort=True).index]


def check_values(
    spec: ColumnSpec,
    series: pd.Series,
    header: str,
    vocab: set[str],
    found: list[str] | None = None,
) -> list[Problem]:
    """``in``/``map`` values that never occur: each one the user wrote is an error; a
    preset entry is an error when none of its values occurs while the column holds
    values the preset does not know (an account's own labels). ``found``: the column's
    :func:`occurring_values`, when the caller has them already."""
    if spec.kind not in ("in", "map"):
        return []
    written = list(spec.arg) if spec.kind == "in" else [str(k) for k in spec.arg]
    found = occurring_values(series) if found is None else found
    folded = {value_key(v) for v in found}
    missing = [w for w in written if value_key(w) not in folded]
    if not missing or not found:
        return []

    def on_header(code: str, **params: Any) -> list[Problem]:
        note = Note(code, column=spec.column, found=_listed(found), **params)
        return [spec_problem(spec, [1], header, note)]

    if not spec.from_preset:
        code = "data_map.never_occurs" if len(missing) == 1 else "data_map.never_occur"
        return on_header(code, values=", ".join(repr(m) for m in missing), kind=spec.kind)
    unknown = [v for v in found if value_key(v) not in vocab]
    if len(missing) < len(written) or not unknown:
        return []
    return on_header(
        "data_map.preset_values_absent",
        preset=_listed(written),
        header=toml_string(header),
        # the example names a label the preset does not know (the account's own), not the
        # most frequent value (usually one that means "no")
        first=toml_string(next((v for v in unknown if not _looks_private(v)), "...")),
    )


def unknown_labels(
    spec: ColumnSpec, series: pd.Series, vocab: set[str], found: list[str] | None = None
) -> list[str]:
    """The values of a column that a preset's ``in``/``map`` entry reads but does not know
    (neither its values nor its ``others``): an account's own status labels, read as
    "no"; values that look personal (:func:`_looks_private`) are left out. Empty for the user's own entries (they say what every value means) and when
    none of the entry's values occurs (then :func:`check_values` refuses the file).
    ``found``: the column's :func:`occurring_values`, when the caller has them already.

    Examples
    --------
    >>> spec = parse_spec("replied", {"from": "Status", "in": ["Replied"]}, "preset", True)
    >>> unknown_labels(spec, pd.Series(["Replied", "Cold", "Demo vereinbart"]), {"replied", "cold"})
    ['Demo vereinbart']
    """
    if not spec.from_preset or spec.kind not in ("in", "map"):
        return []
    written = list(spec.arg) if spec.kind == "in" else [str(k) for k in spec.arg]
    found = occurring_values(series) if found is None else found
    folded = {value_key(v) for v in found}
    if not any(value_key(w) in folded for w in written):
        return []
    # a value that looks personal (an e-mail, a phone number) is never shown
    return [v for v in found if value_key(v) not in vocab and not _looks_private(v)]


def derive(series: pd.Series, spec: ColumnSpec) -> tuple[pd.Series, list[int], str]:
    """The values of one mapped column, computed once per distinct value, with the rows
    whose value cannot be read and why."""
    if spec.kind == "header":
        values = series
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        text = pd.Series(np.asarray(uniques, dtype=object)).astype(str).str.strip()
        if spec.kind == "in":
            wanted = {value_key(a) for a in spec.arg}
            hits = [value_key(t) in wanted for t in text]
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
                    Note("data_map.not_count", column=spec.column, min=str(spec.arg)),
                )
            flag = np.append((number.fillna(0) >= spec.arg).to_numpy(), False).astype("int64")
            values = pd.Series(flag[codes], index=series.index)
        elif spec.kind == "map":
            exact = {str(k).strip(): v for k, v in spec.arg.items()}
            folded = {value_key(k): v for k, v in spec.arg.items()}
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
    has_time = any(t in fmt for t in ("%H", "%I", "%M", "%S"))

    def read(text: str) -> str:
        when = datetime.strptime(text, fmt)
        return when.isoformat(sep=" ") if has_time else when.date().isoformat()

    iso, broken = _each_distinct(series, read)
    if broken.any():
        return (
            series,
            _rows_of(broken, series.index),
            Note("data_map.date_mismatch", format=toml_string(fmt), column=spec.column),
        )
    return iso, [], ""
