"""The raw frame's shape before its values are checked: totals and blank rows at the foot,
over-long cells, empty and personal columns, duplicate and canonical headers, required
columns (one message for all that are missing)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import InputError, Problem, printable
from icplab.core.notes import Note
from icplab.core.schema import (
    MAPPABLE_COLUMNS,
    PERSONAL_COLUMNS,
    REQUIRED_COLUMNS,
    REQUIRED_COUNT_COLUMNS,
    canonical_header,
)
from icplab.data.columns import _rows, and_list, is_gender_word
from icplab.data.limits import MAX_CELL_CHARS, cut
from icplab.data.mapping import ColumnMapping, best_preset, suggest_mapping
from icplab.data.personal import (
    is_personal_header,
    looks_personal,
    looks_personal_each,
)
from icplab.data.presets import PRESETS

#: Contract columns (never checked for personal content: their own validation applies).
_CONTRACT = frozenset(MAPPABLE_COLUMNS) - PERSONAL_COLUMNS


def _duplicate_headers(header: Sequence[object], source: str) -> None:
    """Refuse a header in which two columns mean the same contract column
    (``Antwort`` twice, or ``Antwort`` and ``replied``), naming both and their positions."""
    seen: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        name = canonical_header(h)
        if name in _CONTRACT:
            seen.setdefault(name, []).append(i)
    dupes = {k: v for k, v in seen.items() if len(v) > 1}
    # Anrede is the salutation only when it holds du/sie; next to another salutation
    # column it is the gender (Herr/Frau), which its values decide later
    sal = dupes.get("salutation", [])
    if sal and any(_is_anrede(header[i]) for i in sal) and len(sal) == 2:
        del dupes["salutation"]
    if not dupes:
        return
    desc = tuple(
        Note(
            "data_file.both_mean",
            headers=and_list(
                Note("data_file.header_at", header=cut(printable(str(header[i]).strip())), at=i + 1)
                for i in v
            ),
            column=k,
        )
        for k, v in dupes.items()
    )
    raise InputError(source, [Problem(None, (1,), Note("data_file.same_meaning", items=desc))])


def _number_or_date(dtype: Any) -> bool:
    """Whether a column's type is numeric or datetime: no text (no label, e-mail or
    over-long cell) can be in it."""
    return bool(pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_datetime64_any_dtype(dtype))


def shown_header(header: str, i: int) -> str:
    """A file's header as messages may quote it: ``column N`` (1-based) when the header is
    itself personal data (an e-mail address, a phone number).

    Examples
    --------
    >>> shown_header("Branche", 0), shown_header("anna@example.com", 2)
    ('Branche', 'column 3')
    """
    return shown_headers([header], start=i)[0]


def shown_headers(headers: Sequence[Any], start: int = 0) -> list[Any]:
    """:func:`shown_header` of each header (the first one at position ``start``), in one
    vectorised check: a file with hundreds of columns costs one pass, not one per header.

    Examples
    --------
    >>> shown_headers(["Branche", "anna@example.com", "Antwort"])
    ['Branche', 'column 2', 'Antwort']
    """
    personal = looks_personal_each([h if isinstance(h, str) else "" for h in headers])
    return [
        f"column {start + i + 1}" if hit else h
        for i, (h, hit) in enumerate(zip(headers, personal, strict=True))
    ]


def _distinct(series: pd.Series) -> np.ndarray:
    """The distinct non-missing values of a column, cheaply (categories of a categorical)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy().astype(np.intp)
        used = np.flatnonzero(np.bincount(codes + 1, minlength=1)[1:])  # -1: missing
        return np.asarray(series.cat.categories, dtype=object)[used]
    values = np.asarray(pd.unique(series.to_numpy()), dtype=object)
    return values[~pd.isna(values)]


_SEVEN_DIGITS = re.compile(r"(?:\d\D{0,3}){7}")


def _may_be_personal(series: pd.Series) -> bool:
    """:func:`~icplab.data.personal.looks_personal` on the distinct values, asked only when
    a value could be an e-mail address (an ``@``) or a phone number (7 digits): the check
    costs milliseconds per column, too much for exports with hundreds of columns."""
    if _number_or_date(series.dtype):
        return False
    distinct = _distinct(series)
    if not any("@" in (t := str(v)) or _SEVEN_DIGITS.search(t) for v in distinct):
        return False
    return looks_personal(pd.Series(distinct, dtype=object))


def _is_anrede(header: object) -> bool:
    return str(header).strip().casefold() == "anrede"


def looks_like_gender(series: pd.Series) -> bool:
    """Whether most non-empty values are Herr/Frau/Mr/Ms (the person's gender).

    Examples
    --------
    >>> looks_like_gender(pd.Series(["Herr", "Frau", "Frau", None]))
    True
    >>> looks_like_gender(pd.Series(["Du", "Sie"]))
    False
    """
    if _number_or_date(series.dtype):
        return False
    distinct = _distinct(series)
    if len(distinct) > 40:
        return False
    values = {str(v).strip().casefold().replace(".", "") for v in distinct} - {""}
    if not values or len(values) > 20:
        return False
    return sum(is_gender_word(v) for v in values) >= 0.5 * len(values)


#: First cells of a totals row at the foot of a sheet (case-insensitive, a colon allowed).
TOTALS_WORDS: frozenset[str] = frozenset(
    {"summe", "gesamt", "gesamtsumme", "insgesamt", "total", "totals", "sum", "grand total"}
)


_NUMERIC_CELL = re.compile(r"[-+]?[\d.,'’ ]*\d[\d.,'’ ]*\s*(?:%|€|eur)?", re.IGNORECASE)


def drop_foot_rows(raw: pd.DataFrame, unread_totals: int = 0) -> tuple[pd.DataFrame, int]:
    """Drop blank rows and totals rows (a first cell such as ``Summe``, ``Gesamt``,
    ``Total``, the rest blank or numeric) at the foot of a sheet; not in the middle.

    ``unread_totals``: how many of the last rows had a totals word in a column that was
    not read (a personal first column such as ``Name``); such rows are dropped when the
    rest of the row is blank or numeric.

    Examples
    --------
    >>> f = pd.DataFrame({"industry": ["IT", "Handel", "Summe", ""], "replied": ["1", "0", "1", ""]})
    >>> kept, n = drop_foot_rows(f)
    >>> len(kept), n
    (2, 2)
    """
    n = len(raw)
    if n == 0 or raw.shape[1] == 0:
        return raw, 0
    tail = raw.iloc[max(0, n - 100) :]
    drop = 0
    for i in range(len(tail) - 1, -1, -1):
        cells = ["" if _is_blank(v) else str(v).strip() for v in tail.iloc[i].tolist()]
        filled = [c for c in cells if c]
        if not filled:
            drop += 1
            continue
        words = [c for c in filled if c.casefold().rstrip(":").strip() in TOTALS_WORDS]
        rest = [c for c in filled if c not in words]
        first = cells[0].casefold().rstrip(":").strip()
        if (
            (first in TOTALS_WORDS or (words and not cells[0]))
            and len(words) == 1
            and all(_NUMERIC_CELL.fullmatch(c) for c in rest)
        ):
            drop += 1
            continue
        if unread_totals > 0 and not words and all(_NUMERIC_CELL.fullmatch(c) for c in filled):
            unread_totals -= 1
            drop += 1
            continue
        break
    if not drop:
        return raw, 0
    out = raw.iloc[: n - drop]
    out.attrs = dict(raw.attrs)
    return out, drop


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return value is pd.NA or value is pd.NaT or str(value).strip() == ""


def _may_be_long(series: pd.Series) -> bool:
    """Whether a text column may hold a cell longer than the limit: the lengths of a
    string column come from one vectorised pass (Arrow), others from the distinct values."""
    if isinstance(series.dtype, pd.StringDtype):
        if series.dtype.storage == "pyarrow":  # characters <= bytes: the bytes first
            import pyarrow as pa
            import pyarrow.compute as pc

            most = pc.max(pc.binary_length(pa.array(series.array))).as_py()
            if most is None or most <= MAX_CELL_CHARS:
                return False
        longest = series.str.len().max()
        return bool(pd.notna(longest) and longest > MAX_CELL_CHARS)
    if isinstance(series.dtype, pd.CategoricalDtype) and not _may_be_long(
        pd.Series(series.cat.categories, dtype=object)
    ):
        return False  # no category is long: no cell is (the codes need not be read)
    distinct = _distinct(series)
    return bool(
        len(distinct)
        and (pd.Series(distinct).dropna().astype(str).str.len() > MAX_CELL_CHARS).any()
    )


def _long_cells(
    raw: pd.DataFrame, source: str, mapping: ColumnMapping
) -> tuple[pd.DataFrame, list[str]]:
    """Cells longer than :data:`~icplab.data.limits.MAX_CELL_CHARS`: an input error in a
    contract (or mapped) column, naming rows and column but never the cell; a column
    outside the contract with such cells is dropped (and noted)."""
    problems: list[Problem] = []
    drop: list[Any] = []
    for col in raw.columns:
        series = raw[col]
        dtype = series.dtype
        if _number_or_date(dtype):
            continue
        if not _may_be_long(series):
            continue
        if isinstance(dtype, pd.CategoricalDtype):
            lengths = np.fromiter((len(str(c)) for c in series.cat.categories), dtype=np.int64)
            long_codes = np.flatnonzero(lengths > MAX_CELL_CHARS)
            mask = np.isin(series.cat.codes.to_numpy(), long_codes)
        else:
            mask = (series.astype(str).str.len().fillna(0) > MAX_CELL_CHARS).to_numpy(dtype=bool)
        name = canonical_header(col)
        contract = name in _CONTRACT or str(col).strip().casefold() in mapping.source_headers
        if contract:
            problems.append(
                Problem(
                    name if name in _CONTRACT else None,
                    _rows(mask, raw.index),
                    Note(
                        "data_row.long_cell",
                        prefix=""
                        if name in _CONTRACT
                        else Note(
                            "data_row.column_prefix", column=repr(cut(printable(str(col).strip())))
                        ),
                        limit=MAX_CELL_CHARS,
                    ),
                )
            )
        else:
            drop.append(col)
    if problems:
        raise InputError(source, problems)
    if not drop:
        return raw, []
    out = raw.drop(columns=drop)
    out.attrs = dict(raw.attrs)
    shown: list[str] = [
        Note("data_note.dropped_long", column=cut(printable(str(c).strip())), limit=MAX_CELL_CHARS)
        for c in drop
    ]
    return out, shown


def _drop_empty_columns(raw: pd.DataFrame, source: str) -> tuple[pd.DataFrame, list[str]]:
    """Optional columns empty in every row are absent (a ``meeting`` column without a
    value: the log records no meetings). A required column empty in every row is an error."""
    empty: list[str] = []
    for col in raw.columns:
        series = raw[col]
        if _number_or_date(series.dtype):
            blank = bool(series.isna().all())
        else:
            head = _distinct(series.iloc[:1000])
            if any(str(v).strip() for v in head):
                continue  # a value in the first rows: not empty (cheap for long columns)
            distinct = _distinct(series)
            blank = all(str(v).strip() == "" for v in distinct)
        if blank:
            empty.append(str(col))
    required = {"industry", "replied", "contacted"}
    if "size_band" not in raw.columns or "size_band" in empty:
        required.add("employees")
    bad = [c for c in empty if c in required]
    if bad:
        raise InputError(
            source,
            [Problem(c, (), Note("data_row.column_empty")) for c in bad],
        )
    if not empty:
        return raw, []
    out = raw.drop(columns=empty)
    out.attrs = dict(raw.attrs)
    return out, empty


def _drop_personal(raw: pd.DataFrame, mapped: set[str]) -> tuple[pd.DataFrame, list[str]]:
    """Drop personal columns: by header (unless mapped) and, for columns outside the
    contract, by content. Returns the rest and the dropped headers (printable ones)."""
    drop: list[Any] = []
    for col in raw.columns:
        if str(col) in mapped:
            continue
        name = canonical_header(col)
        if (
            is_personal_header(col)
            or name not in _CONTRACT
            and name != ""
            and _may_be_personal(raw[col])
            or (name == "salutation" or name not in _CONTRACT)
            and looks_like_gender(raw[col])
        ):
            drop.append(col)
    if not drop:
        return raw, []
    every = shown_headers([str(c) for c in raw.columns])
    shown = [h.strip() for h, c in zip(every, raw.columns, strict=True) if c in drop]
    return raw.drop(columns=drop), shown


#: How many of the file's headers a missing-column message lists.
MAX_HEADERS_LISTED = 40


def _require(
    raw: pd.DataFrame,
    source: str,
    file_headers: list[str],
    mapping: ColumnMapping,
    aggregated: bool,
    data_like: str | None = None,
) -> None:
    """One problem for all missing required columns: the explanation once, the file's
    own headers, close matches and the preset that fits. When the first line looks like
    data (``data_like``), none of it is quoted: it would be the first prospect's details."""
    required = REQUIRED_COUNT_COLUMNS if aggregated else REQUIRED_COLUMNS
    missing = [
        c
        for c in required
        if c not in raw.columns and not (c == "employees" and "size_band" in raw.columns)
    ]
    if not missing:
        return
    if data_like:
        raise _no_header(source, data_like)
    import difflib

    listed_headers = shown_headers(file_headers)
    close: list[str] = []
    suggestions = suggest_mapping(listed_headers)
    for col in missing:
        candidates = difflib.get_close_matches(col, listed_headers, n=2, cutoff=0.6)
        candidates += [
            h
            for h in listed_headers
            if h not in candidates
            and col.split("_")[0] in h.casefold().replace(" ", "_")
            and not is_personal_header(h)
        ][:2]
        known = suggestions.get(col)
        if known and known not in candidates:
            candidates.insert(0, known)
        expected = mapping.expected(col)
        if candidates:
            shown = ", ".join(repr(cut(c)) for c in candidates)
            close.append(Note("data_file.maybe", column=col, headers=shown))
        elif expected:
            shown = ", ".join(repr(e) for e in expected)
            close.append(Note("data_file.preset_looks_for", column=col, headers=shown))
    listed: Note | str = ", ".join(repr(cut(h)) for h in listed_headers[:MAX_HEADERS_LISTED])
    more = len(listed_headers) - MAX_HEADERS_LISTED
    if more > 0:
        listed = Note("data_file.and_more", listed=listed, more=more)
    guess = best_preset(file_headers) if not mapping.preset else None
    message = Note(
        "data_file.required_missing" if len(missing) == 1 else "data_file.required_missing_many",
        columns=tuple(missing),
        what=Note("data_file.needs_counts" if aggregated else "data_file.needs_rows"),
        headers=listed,
        close=Note("data_file.close_matches", items=tuple(close)) if close else "",
        fix=Note("data_file.try_preset", tool=PRESETS[guess].title, preset=guess)
        if guess
        else Note("data_file.map_headers"),
    )
    raise InputError(source, [Problem(missing[0] if len(missing) == 1 else None, (1,), message)])


def _no_header(source: str, reason: str) -> InputError:
    """The error for a file whose first line is data: says why, quotes none of it."""
    return InputError(source, [Problem(None, (1,), Note("data_file.no_header", reason=reason))])


def _canonical_headers(raw: pd.DataFrame, source: str) -> pd.DataFrame:
    names = [canonical_header(c) for c in raw.columns]
    seen: dict[str, list[str]] = {}
    for orig, name in zip(raw.columns, names, strict=True):
        seen.setdefault(name, []).append(str(orig).strip())
    dupes = {k: v for k, v in seen.items() if len(v) > 1 and k not in PERSONAL_COLUMNS}
    if dupes:
        desc = tuple(
            Note("data_file.all_mean", headers=", ".join(repr(cut(x)) for x in v), column=k)
            for k, v in dupes.items()
        )
        raise InputError(source, [Problem(None, (1,), Note("data_file.same_header", items=desc))])
    keep = [
        i
        for i, n in enumerate(names)
        if n not in PERSONAL_COLUMNS and n != "" and not n.startswith("unnamed:")
    ]
    out = raw.iloc[:, keep]
    out.columns = [names[i] for i in keep]
    return out


def _missing_columns(raw: pd.DataFrame, required: Iterable[str], source: str, what: str) -> None:
    """An error for each ``required`` column the header lacks; ``what`` says what is needed."""
    missing = [c for c in required if c not in raw.columns]
    if missing:
        note = Note("data_row.column_missing", what=what)
        raise InputError(source, [Problem(c, (1,), note) for c in missing])
