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
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import toml_string
from icplab.core.errors import ConfigError, InputError, Problem
from icplab.core.schema import MAPPABLE_COLUMNS, canonical_header
from icplab.data.personal import is_personal_header
from icplab.data.presets import PRESETS

#: The ways an entry can derive a column's values.
KINDS = ("map", "in", "not_empty", "pattern")


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
        ``"header"`` (the values as they are), ``"map"``, ``"in"``, ``"not_empty"`` or
        ``"pattern"``.
    arg
        The dict, list or regular expression of ``kind``.
    from_preset
        Entries of a preset are skipped when the file has none of their headers.
    """

    column: str
    headers: tuple[str, ...]
    kind: str = "header"
    arg: Any = None
    from_preset: bool = False


def _header_key(header: object) -> str:
    return str(header).strip().casefold()


def _spec(column: str, value: Any, where: str, from_preset: bool) -> ColumnSpec:
    label = f"{where}: [columns] {column}"
    if isinstance(value, str):
        return ColumnSpec(column, (value,), from_preset=from_preset)
    if not isinstance(value, Mapping):
        raise ConfigError(
            f"{label} must be a header name or a table with 'from', e.g. "
            f'{column} = {{ from = "Status", in = ["Replied"] }}.'
        )
    src = value.get("from")
    headers = (src,) if isinstance(src, str) else tuple(src or ())
    if not headers or not all(isinstance(h, str) for h in headers):
        raise ConfigError(f"{label}: 'from' must name the file's header, e.g. from = \"Status\".")
    kinds = [k for k in KINDS if k in value]
    if len(kinds) > 1:
        raise ConfigError(f"{label}: give one of {', '.join(KINDS)}, not {' and '.join(kinds)}.")
    if not kinds:
        return ColumnSpec(column, headers, from_preset=from_preset)
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
    return ColumnSpec(column, headers, kind, arg, from_preset)


@dataclass(frozen=True)
class ColumnMapping:
    """A resolved ``[columns]`` table: a preset (if any) plus the user's entries.

    Build with :meth:`from_config`; apply to a raw table with :meth:`apply`.
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
        specs = tuple(_spec(c, v, where, p) for c, (v, p) in entries.items())
        return cls(specs, name, personal)

    def apply(self, raw: pd.DataFrame, source: str) -> tuple[pd.DataFrame, dict[str, str]]:
        """Rename and derive the mapped columns of ``raw``.

        Returns the new table (mapped contract columns, then every column of ``raw`` that
        no entry read and whose name no entry replaced) and, for every mapped column, the
        file header it came from.

        Raises
        ------
        icplab.core.errors.InputError
            When a header named in ``[columns]`` is not in the file.
        """
        by_key = {_header_key(h): h for h in raw.columns}
        out: dict[str, pd.Series] = {}
        headers: dict[str, str] = {}
        used: set[str] = set()
        problems: list[Problem] = []
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
            out[spec.column] = _derive(raw[found], spec)
            headers[spec.column] = str(found)
            used.add(str(found))
        problems += _shadowed(raw, out, headers, used)
        if problems:
            raise InputError(source, problems)
        table = pd.DataFrame(out, index=raw.index)
        for col in raw.columns:
            if str(col) in used or canonical_header(col) in out:
                continue
            table[col] = raw[col]
        return table, headers

    def expected(self, column: str) -> tuple[str, ...]:
        """The headers this mapping looks for to fill ``column`` (for error messages)."""
        return next((s.headers for s in self.specs if s.column == column), ())

    @property
    def source_headers(self) -> frozenset[str]:
        """Every header any entry may read (case-folded): never dropped as personal."""
        return frozenset(_header_key(h) for s in self.specs for h in s.headers)


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


def _derive(series: pd.Series, spec: ColumnSpec) -> pd.Series:
    """The values of one mapped column, computed once per distinct value."""
    if spec.kind == "header":
        return series
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    text = pd.Series(np.asarray(uniques, dtype=object)).astype(str).str.strip()
    if spec.kind == "in":
        wanted = {str(a).strip().casefold() for a in spec.arg}
        flag = np.append(text.str.casefold().isin(wanted).to_numpy(), False).astype("int64")
        return pd.Series(flag[codes], index=series.index)
    if spec.kind == "not_empty":
        flag = np.append((text != "").to_numpy(), False).astype("int64")
        return pd.Series(flag[codes], index=series.index)
    if spec.kind == "map":
        exact = {str(k).strip(): v for k, v in spec.arg.items()}
        folded = {str(k).strip().casefold(): v for k, v in spec.arg.items()}
        mapped = [
            exact[t] if t in exact else folded.get(t.casefold(), u)
            for t, u in zip(text, uniques, strict=True)
        ]
    else:  # pattern
        groups = text.str.extract(spec.arg, flags=re.IGNORECASE, expand=True)
        mapped = groups.iloc[:, 0].where(groups.iloc[:, 0].notna(), None).tolist()
    values = np.append(np.asarray(mapped, dtype=object), np.asarray([None], dtype=object))
    return pd.Series(values[codes], index=series.index, dtype=object)


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """Guess ``[columns]`` entries from a file's headers (contract column -> header).

    Recognises the headers of every preset (never a personal one, such as an e-mail
    column). Only columns that are not already read directly are suggested.

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
            if column in direct or column in out:
                continue
            src = value if isinstance(value, str) else value.get("from")
            alts = (src,) if isinstance(src, str) else tuple(src or ())
            hit = next(
                (
                    by_key[_header_key(a)]
                    for a in alts
                    if _header_key(a) in by_key and not is_personal_header(a)
                ),
                None,
            )
            if hit is not None and not (isinstance(value, Mapping) and set(value) & set(KINDS)):
                out[column] = hit
    return out


def best_preset(headers: list[str]) -> str | None:
    """The preset whose headers the file matches best (None when none fits well).

    Examples
    --------
    >>> best_preset(["leadId", "lastState", "campaignName", "industry"])
    'lemlist'
    """
    keys = {_header_key(h) for h in headers}
    scores: dict[str, int] = {}
    for name, preset in PRESETS.items():
        score = 0
        for value in preset.columns.values():
            src = value if isinstance(value, str) else value.get("from")
            alts = (src,) if isinstance(src, str) else tuple(src or ())
            # a generic header (industry, Branche) says little about the tool
            if any(
                _header_key(a) in keys and canonical_header(a) not in MAPPABLE_COLUMNS for a in alts
            ):
                score += 1
        scores[name] = score
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
    # messaging = "..."  # not recognised
    # salutation = "..."  # not recognised
    # meeting = "..."  # not recognised
    >>> text = mapping_snippet(["Contact", "Mitarbeiteranzahl", 'Massage "A"'])
    >>> tomllib.loads(text)["columns"]
    {'employees': 'Mitarbeiteranzahl'}
    >>> print(text.splitlines()[-1])
    # meeting = "..."  # not recognised
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
