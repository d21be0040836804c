"""Per-column parsers and checks of the validation: labels, booleans, numbers, amounts,
sizes, dates, salutation, gender words and reply class, and the funnel's order.

Each parser works on a column's distinct values and returns values plus masks (or appends
:class:`~icplab.core.errors.Problem` s that name the spreadsheet rows, header = row 1);
:mod:`icplab.data.validate` runs them for row-level and aggregated logs alike, so each
rule is written once here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import Problem
from icplab.core.notes import Note
from icplab.core.schema import (
    DEFAULT_CAMPAIGN,
    FALSE_SPELLINGS,
    POSITIVE_REPLY_CLASSES,
    REPLY_CLASSES,
    SALUTATIONS,
    TRUE_SPELLINGS,
    SizeBands,
    ordered_levels,
)
from icplab.data.dates import parse_dates
from icplab.data.labels import normalise_labels
from icplab.data.limits import cut
from icplab.data.numbers import (
    MAX_EMPLOYEES,
    looks_like_phone_numbers,
    parse_amounts,
    parse_sizes,
    parse_whole,
)

#: At most this many example values are quoted in a message (never from personal columns).
MAX_EXAMPLES = 3


#: Optional date columns: when the first touch went out, and when the reply, the meeting
#: booking, qualification and the won / lost deal came in (ISO date or datetime).
DATE_COLUMNS: tuple[str, ...] = (
    "sent_at",
    "replied_at",
    "meeting_at",
    "qualified_at",
    "deal_at",
    "lost_at",
)


def _is_number(dtype: Any) -> bool:
    """Whether a column was read as numbers (not booleans): parsed without text rules."""
    return bool(pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))


def _rows(mask: np.ndarray, index: pd.Index) -> tuple[int, ...]:
    """Spreadsheet row numbers where ``mask`` is true."""
    return tuple(int(i) + 2 for i in index[np.asarray(mask, dtype=bool)])


def _examples(values: Any, mask: np.ndarray) -> Note:
    """The first distinct values where ``mask`` is true, as `` (found 'a', 'b', ...)``."""
    vals = pd.unique(
        pd.Series(np.asarray(values, dtype=object)[np.asarray(mask, dtype=bool)]).astype(str)
    )
    shown = ", ".join(repr(cut(v)) for v in vals[:MAX_EXAMPLES])
    return Note("data_row.found", values=shown, more=", ..." if len(vals) > MAX_EXAMPLES else "")


def flag(
    problems: list[Problem],
    column: str,
    mask: np.ndarray,
    idx: pd.Index,
    code: str,
    /,
    values: Any = None,
    **params: Any,
) -> None:
    """Add the problem ``Note(code, **params)`` of ``column`` on the spreadsheet rows where
    ``mask`` is true (nothing when it is true nowhere); with ``values`` (the column as
    read) the note quotes the first of them as ``found``.

    Examples
    --------
    >>> found: list[Problem] = []
    >>> flag(found, "replied", np.array([False, True]), pd.RangeIndex(2), "data_row.bool_bad",
    ...      values=pd.Series(["ja", "vielleicht"]))
    >>> print(found[0])
    column 'replied', row 3: not a yes/no value (found 'vielleicht'). Use 1/0, true/false, yes/no, ja/nein, y/n or x/empty.
    """
    if not np.any(mask):
        return
    if values is not None:
        params["found"] = _examples(values, mask)
    problems.append(Problem(column, _rows(mask, idx), Note(code, **params)))


def and_list(items: Iterable[Any]) -> Any:
    """``a and b and c`` as notes (``a und b und c`` in German); one item as itself.

    Examples
    --------
    >>> from icplab.core.notes import render
    >>> text = and_list(["1-49", "50-199", "200+"])
    >>> text, render(text, "de")
    ('1-49 and 50-199 and 200+', '1-49 und 50-199 und 200+')
    """
    first, *rest = list(items)
    return Note("data_row.and", a=first, b=and_list(rest)) if rest else first


#: Values of a column that holds the person's gender, not the form of address.
GENDER_WORDS: frozenset[str] = frozenset(
    {"herr", "frau", "mr", "mrs", "ms", "miss", "mx", "divers", "herr dr", "frau dr", "dr"}
)


def is_gender_word(value: object) -> bool:
    """Whether a cell is Herr/Frau/Mr/Ms/... (:data:`GENDER_WORDS`; case, blanks around and
    dots ignored): the person's gender, which is personal data and no form of address.

    Examples
    --------
    >>> is_gender_word(" Herr Dr. "), is_gender_word("Mrs."), is_gender_word("Sie")
    (True, True, False)
    """
    return str(value).strip().casefold().replace(".", "") in GENDER_WORDS


def _gender_hint(values: pd.Series, mask: np.ndarray) -> Note | str:
    """A hint when a salutation column holds Herr/Frau (gender), not Du/Sie."""
    found = pd.unique(np.asarray(values, dtype=object)[np.asarray(mask, dtype=bool)])
    if any(is_gender_word(v) for v in found):
        return Note("data_row.gender_hint")
    return ""


def _text(series: pd.Series, merged: dict[str, int] | None = None) -> tuple[pd.Series, np.ndarray]:
    """Labels as a categorical and the mask of missing values.

    Labels are normalised (:mod:`icplab.data.labels`: NFKC, invisible characters removed,
    whitespace collapsed); spellings that then differ only in case are one level (the first
    seen wins). When ``merged`` is given it receives level -> number of spellings merged.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    raw_labels = [
        "" if (isinstance(u, float) and np.isnan(u)) else str(u) for u in np.asarray(uniques)
    ]
    labels, remap_list, merges = normalise_labels(raw_labels)
    if merged is not None:
        merged.update(merges)
    if not labels:
        cats = pd.Index([], dtype=object)
        new_codes = np.full(len(series), -1, dtype=np.int64)
        return pd.Series(
            pd.Categorical.from_codes(new_codes, categories=cats), index=series.index
        ), np.ones(len(series), dtype=bool)
    remap = np.asarray(remap_list, dtype=np.int64)
    order = ordered_levels(labels)
    pos = {lab: k for k, lab in enumerate(order)}
    perm = np.array([pos[lab] for lab in labels], dtype=np.int64)
    # distinct value -> level -> ordered level as one small table (an empty label and the
    # missing code -1, its last entry, stay -1): one pass over the rows' codes
    step = np.where(remap >= 0, perm[np.maximum(remap, 0)], -1)
    new_codes = np.append(step, -1)[codes]
    cat = pd.Categorical.from_codes(new_codes, categories=pd.Index(order, dtype=object))
    return pd.Series(cat, index=series.index), new_codes < 0


def _boolean(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse a boolean column: values as int64 0/1 and the mask of unparseable cells."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) and not series.hasnans:
        return series.to_numpy(dtype="int64"), np.zeros(len(series), dtype=bool)
    if pd.api.types.is_integer_dtype(dtype) and not series.hasnans:
        # the common case of Parquet and aggregated logs: 0/1 integers, checked without copies
        x = series.to_numpy()
        bad = (x != 0) & (x != 1)
        if not bad.any():
            return x.astype("int64", copy=False), bad
        return np.where(x == 1, 1, 0).astype("int64"), bad
    if _is_number(dtype):
        x = series.to_numpy(dtype="float64", na_value=np.nan)
        bad = ~np.isnan(x) & (x != 0) & (x != 1)
        return np.where(x == 1, 1, 0).astype("int64"), bad
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    spell = pd.Index(uniques).astype(str).str.strip().str.lower()
    value = np.where(spell.isin(list(TRUE_SPELLINGS)), 1, 0).astype("int64")
    ok = spell.isin(list(TRUE_SPELLINGS | FALSE_SPELLINGS))
    value = np.append(value, 0)  # code -1 (missing) means "empty" = false
    ok = np.append(np.asarray(ok, dtype=bool), True)
    return value[codes], ~ok[codes]


def _per_distinct(series: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes and distinct values of a column: parse the few distinct values, then take."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes, pd.Series(np.asarray(uniques, dtype=object))


def _take(values: np.ndarray, codes: np.ndarray, fill: Any) -> np.ndarray:
    """``values[codes]`` with ``fill`` where the code is -1 (missing)."""
    return np.append(values, np.asarray([fill], dtype=values.dtype))[codes]


def _numbers(series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Numeric values (float), the mask of missing cells and of non-numeric cells."""
    if _is_number(series.dtype):
        x = series.to_numpy(dtype="float64", na_value=np.nan)
        return x, np.isnan(x), np.zeros(len(x), dtype=bool)
    codes, uniques = _per_distinct(series)
    x, missing, bad = _numbers_of_text(uniques)
    return _take(x, codes, np.nan), _take(missing, codes, True), _take(bad, codes, False)


def _numbers_of_text(series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whole numbers written as text, German or English style (see :mod:`icplab.data.numbers`)."""
    parsed = parse_whole(series)
    return parsed.value, parsed.missing, parsed.bad


def _amounts(
    series: pd.Series,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, str | None]:
    """Amounts (EUR): values, missing, bad, ambiguous masks and the inferred decimal mark."""
    if _is_number(series.dtype):
        x = series.to_numpy(dtype="float64", na_value=np.nan)
        none = np.zeros(len(x), dtype=bool)
        return x, np.isnan(x), none, none, None
    codes, uniques = _per_distinct(series)
    p = parse_amounts(uniques)
    return (
        _take(p.value, codes, np.nan),
        _take(p.missing, codes, True),
        _take(p.bad, codes, False),
        _take(p.ambiguous, codes, False),
        p.decimal_mark,
    )


def _amount_problems(
    raw: pd.Series, idx: pd.Index
) -> tuple[np.ndarray, list[Problem], str | None, np.ndarray]:
    """Parse ``deal_value``: the EUR amounts (0 where missing), the problems found, the
    decimal mark and where the cell is blank."""
    dv, dv_missing, dv_bad, dv_amb, mark = _amounts(raw)
    problems: list[Problem] = []
    neg = ~dv_missing & ~dv_bad & ~dv_amb & (dv < 0)
    flag(problems, "deal_value", dv_bad | neg, idx, "data_row.amount_bad", values=raw)
    flag(problems, "deal_value", dv_amb, idx, "data_row.amount_ambiguous", values=raw)
    return np.where(dv_missing | dv_bad | dv_amb, 0.0, dv), problems, mark, np.asarray(dv_missing)


def _salutation(values: pd.Series) -> pd.Series:
    """``Du``, ``SIE``, ``per Du`` ... as ``du`` / ``sie`` (other values kept for the check)."""
    cats = [str(c).casefold() for c in values.cat.categories]
    cats = [re.sub(r"^(?:per|mit)\s+", "", c) for c in cats]
    # two spellings may become one (Du, per Du): merge by renaming through codes
    uniq = list(dict.fromkeys(cats))
    remap = np.array([uniq.index(c) for c in cats], dtype=np.int64)
    codes = values.cat.codes.to_numpy()
    new = np.where(codes >= 0, remap[np.maximum(codes, 0)] if len(remap) else -1, -1)
    ordered = [s for s in SALUTATIONS if s in uniq] + [c for c in uniq if c not in SALUTATIONS]
    pos = np.array([ordered.index(c) for c in uniq], dtype=np.int64)
    new = np.where(new >= 0, pos[np.maximum(new, 0)] if len(pos) else -1, -1)
    return pd.Series(
        pd.Categorical.from_codes(new, categories=pd.Index(ordered, dtype=object)),
        index=values.index,
    )


def _checked_salutation(
    values: pd.Series, raw: pd.Series, idx: pd.Index, problems: list[Problem]
) -> pd.Series:
    """Labels of ``salutation`` as ``du`` / ``sie`` (:func:`_salutation`); any other value
    is a problem (with the Herr/Frau hint of :func:`_gender_hint`, row-level and
    aggregated logs alike)."""
    values = _salutation(values)
    bad = ~values.isin(SALUTATIONS).to_numpy() & values.notna().to_numpy()
    if bad.any():
        hint = _gender_hint(raw, bad)
        flag(problems, "salutation", bad, idx, "data_row.salutation_bad", values=raw, hint=hint)
    return values


def _labels(
    raw: pd.DataFrame, col: str, merged: dict[str, dict[str, int]]
) -> tuple[pd.Series, np.ndarray]:
    """:func:`_text` of column ``col``, noting the spellings merged into each level under
    ``merged[col]`` (when any were)."""
    spellings: dict[str, int] = {}
    values, missing = _text(raw[col], spellings)
    if spellings:
        merged[col] = spellings
    return values, missing


def _default_campaign(values: pd.Series) -> pd.Series:
    """Campaign labels with blank cells in the default campaign."""
    if DEFAULT_CAMPAIGN not in values.cat.categories:
        values = values.cat.add_categories([DEFAULT_CAMPAIGN])
    return values.fillna(DEFAULT_CAMPAIGN)


def _one_campaign(idx: pd.Index) -> pd.Series:
    """The campaign column of a log without one: every row in the default campaign."""
    return pd.Series(
        pd.Categorical.from_codes(
            np.zeros(len(idx), dtype=np.int64), categories=[DEFAULT_CAMPAIGN]
        ),
        index=idx,
    )


def funnel_order(present: Iterable[str]) -> list[tuple[str, str]]:
    """The funnel's order as pairs ``(later, earlier)`` among the steps ``present``: a
    later step implies the earlier one (a count of it is at most the earlier count). Each
    step is paired with the nearest earlier step present; ``contacted`` is the first.

    Examples
    --------
    >>> funnel_order(["contacted", "replied", "meeting", "deal"])
    [('replied', 'contacted'), ('meeting', 'contacted'), ('deal', 'meeting')]
    """
    have = set(present)
    pairs: list[tuple[str, str]] = []
    for later, earlier in FUNNEL_ORDER:
        if later in have:
            whole = next((e for e in earlier if e in have), "contacted")
            pairs.append((later, whole))
    return pairs


#: Each funnel step and the steps before it, nearest first (``contacted`` when none is there).
FUNNEL_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("replied", ()),
    ("meeting", ()),
    ("opened", ()),
    ("qualified", ("meeting",)),
    ("deal", ("qualified", "meeting")),
)


def _blank_factor(
    col: str,
    missing: np.ndarray,
    idx: pd.Index,
    strict: bool,
    problems: list[Problem],
    blanks: dict[str, int],
) -> None:
    """A factor's blank cells: an input error under ``strict``, else counted."""
    n = int(np.count_nonzero(missing))
    if not n:
        return
    if strict:
        what = Note("data_row.company_size") if col in ("employees", "size_band") else col
        flag(problems, col, missing, idx, "data_row.blank_strict", what=what)
    else:
        key = "size_band" if col == "employees" else col
        blanks[key] = blanks.get(key, 0) + n


def _sizes(
    raw: pd.Series,
    idx: pd.Index,
    size_bands: SizeBands,
    bands_configured: bool,
    strict: bool,
    problems: list[Problem],
    blanks: dict[str, int],
) -> tuple[pd.Series, pd.Series, SizeBands]:
    """``employees`` (head counts or ranges) -> the employees column, the size band and the
    bands used (the export's own ranges when no bands are configured)."""
    distinct = _distinct_integers(raw)
    if looks_like_phone_numbers(raw if distinct is None else pd.Series(distinct[1])):
        problems.append(Problem("employees", (), Note("data_row.employees_phone")))
        empty = pd.Series(np.full(len(raw), np.nan), index=idx)
        return empty, size_bands.assign(empty), size_bands
    if distinct is not None and ((distinct[1] >= 1) & (distinct[1] <= MAX_EMPLOYEES)).all():
        # every cell a valid head count: the bands of the distinct counts, then taken
        codes, counts_ = distinct
        few = size_bands.assign(pd.Series(counts_.astype("float64")))
        band = pd.Categorical.from_codes(few.cat.codes.to_numpy()[codes], dtype=few.dtype)
        emp = pd.Series(raw.to_numpy().astype("int64"), index=idx)
        return emp, pd.Series(band, index=idx, name=few.name), size_bands
    if _is_number(raw.dtype):
        # exact integers (Parquet uint64 included) without a float round trip through int64
        x = raw.to_numpy(dtype="float64", na_value=np.nan)
        missing = np.isnan(x)
        bad = ~missing & ((x < 1) | (np.floor(x) != x))
        too_large = ~missing & ~bad & (x > MAX_EMPLOYEES)
        lo = np.where(missing | bad, np.nan, x)
        hi = lo.copy()
        is_range = np.zeros(len(x), dtype=bool)
    else:
        codes, uniques = _per_distinct(raw)
        p = parse_sizes(uniques)
        lo = _take(p.lo, codes, np.nan)
        hi = _take(p.hi, codes, np.nan)
        missing = _take(p.missing, codes, True)
        bad = _take(p.bad, codes, False)
        too_large = _take(p.too_large, codes, False)
        is_range = _take(p.is_range, codes, False)
    flag(problems, "employees", bad, idx, "data_row.employees_bad", values=raw)
    flag(problems, "employees", too_large, idx, "data_row.employees_too_large", limit=MAX_EMPLOYEES)
    ok = ~missing & ~bad & ~too_large
    _blank_factor("employees", missing, idx, strict, problems, blanks)
    if not is_range[ok].any():
        values = np.where(ok, lo, np.nan)
        emp = (
            pd.Series(values.astype("int64"), index=idx)
            if ok.all()
            else pd.Series(
                pd.array(np.where(ok, values, 0).astype("int64"), dtype="Int64"), index=idx
            ).mask(~ok)
        )
        return emp, size_bands.assign(pd.Series(values, index=idx)), size_bands
    # Ranges: the export's own, or inside the configured bands.
    top = np.where(np.isnan(hi), np.inf, hi)
    pairs = sorted(
        {
            (int(a), None if np.isinf(b) else int(b))
            for a, b in zip(lo[ok & is_range], top[ok & is_range], strict=True)
        },
        key=lambda r: (r[0], np.inf if r[1] is None else r[1]),
    )
    labels = np.array(
        [
            (
                ""
                if not k
                else (f"{int(a)}+" if np.isinf(b) else f"{int(a)}-{int(b)}")
                if r
                else f"{int(a)}"
            )
            for a, b, r, k in zip(lo, top, is_range, ok, strict=True)
        ],
        dtype=object,
    )
    if bands_configured:
        bands = size_bands
        lo_code = bands.codes(np.where(ok, lo, np.nan))
        hi_code = bands.codes(np.where(ok, np.where(np.isinf(top), 1e18, top), np.nan))
        straddle = ok & ((lo_code != hi_code) | (lo_code < 0))
        if straddle.any():
            desc = []
            for label in pd.unique(labels[straddle])[:MAX_EXAMPLES]:
                i = int(np.flatnonzero(labels == label)[0])
                a, b = lo_code[i], hi_code[i]
                if b < 0:
                    b = len(bands.labels) - 1
                names = bands.labels[max(a, 0) : b + 1]
                desc.append(Note("data_row.straddle", label=label, bands=and_list(names)))
            flag(
                problems, "employees", straddle, idx, "data_row.ranges_straddle", ranges=tuple(desc)
            )
        band = bands.assign(pd.Series(np.where(ok & ~straddle, lo, np.nan), index=idx))
    else:
        overlaps = [
            (p, q) for p, q in zip(pairs, pairs[1:], strict=False) if p[1] is None or q[0] <= p[1]
        ]
        if overlaps:

            def _lab(r: tuple[int, int | None]) -> str:
                return f"{r[0]}+" if r[1] is None else f"{r[0]}-{r[1]}"

            bad_rows = ok & is_range & np.isin(labels, [_lab(r) for pq in overlaps for r in pq])
            shown = tuple(and_list([_lab(p), _lab(q)]) for p, q in overlaps[:MAX_EXAMPLES])
            flag(problems, "employees", bad_rows, idx, "data_row.ranges_overlap", pairs=shown)
            empty = pd.Series(np.full(len(lo), np.nan), index=idx)
            return empty, size_bands.assign(empty), size_bands
        exact = ok & ~is_range
        ranges = list(pairs)
        if exact.any():
            probe = SizeBands.from_ranges(ranges)
            outside = exact & (probe.codes(lo) < 0)
            if outside.any():
                ranges += _gaps(pairs, lo[outside])
        bands = SizeBands.from_ranges(ranges)
        band = bands.assign(pd.Series(np.where(ok, lo, np.nan), index=idx))
    order = sorted(
        {str(v) for v in labels[ok]},
        key=lambda v: (int(re.match(r"\d+", v)[0]) if re.match(r"\d+", v) else 0, v),  # type: ignore[index]
    )
    emp = pd.Series(
        pd.Categorical(
            np.where(ok, labels, np.asarray(None, dtype=object)), categories=order, ordered=True
        ),
        index=idx,
    )
    return emp, band, bands


def _distinct_integers(raw: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """Codes and distinct values of a column of plain integers (no blanks possible), else
    ``None``: a million head counts hold a few thousand distinct ones."""
    if not (isinstance(raw.dtype, np.dtype) and raw.dtype.kind in "iu"):
        return None
    codes, values = pd.factorize(raw.to_numpy())
    return codes, np.asarray(values)


def _gaps(pairs: list[tuple[int, int | None]], counts_: np.ndarray) -> list[tuple[int, int | None]]:
    """Bands for exact head counts that no range of the export holds: the gap between the
    ranges that the count falls in (below the first, between two, above the last)."""
    gaps: list[tuple[int, int | None]] = []
    prev_hi = 0
    for lo, hi in pairs:
        if lo > prev_hi + 1:
            gaps.append((prev_hi + 1, lo - 1))
        prev_hi = hi if hi is not None else 10**18
    if prev_hi < 10**18:
        gaps.append((prev_hi + 1, None))
    used = []
    for g in gaps:
        inside = (counts_ >= g[0]) & ((counts_ <= g[1]) if g[1] is not None else True)
        if np.any(inside):
            used.append(g)
    return used


def _reply_class(
    series: pd.Series, replied: np.ndarray
) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Normalised reply classes (categorical over :data:`REPLY_CLASSES`), the 0/1
    ``positive_reply`` count (a reply classed positive or not_now) and the mask of unknown
    classes. Works on the distinct values only."""
    values, _ = _text(series)
    cats = pd.Index(values.cat.categories).astype(str)
    keys = cats.str.casefold().str.replace(r"[\s\-]+", "_", regex=True)
    known = np.asarray(keys.isin(REPLY_CLASSES), dtype=bool)
    codes = values.cat.codes.to_numpy()
    bad = (codes >= 0) & ~known[np.maximum(codes, 0)] if len(cats) else codes < -1
    target = np.array([REPLY_CLASSES.index(k) if k in REPLY_CLASSES else -1 for k in keys])
    new_codes = np.where(codes >= 0, target[np.maximum(codes, 0)] if len(cats) else -1, -1)
    cls = pd.Series(
        pd.Categorical.from_codes(new_codes, categories=list(REPLY_CLASSES)), index=series.index
    )
    positive = np.isin(new_codes, [REPLY_CLASSES.index(c) for c in POSITIVE_REPLY_CLASSES])
    return cls, (positive & (np.asarray(replied) == 1)).astype("int64"), bad


def _dates(
    series: pd.Series, col: str, idx: pd.Index, problems: list[Problem]
) -> tuple[pd.Series, str | None]:
    """Parse a date/datetime column, ISO or German ``dd.mm.yyyy [HH:MM[:SS]]`` (empty
    cells become NaT); bad and ambiguous cells are problems. Returns the dates and the
    style found (``iso`` / ``german``).

    Parsed on the distinct values only. Time zones are converted to UTC and dropped, so
    every date column compares with every other.
    """
    style: str | None = None
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        parsed = series
        style = "iso"
    else:
        codes, uniques = _per_distinct(series)
        p = parse_dates(uniques)
        style = p.style
        parsed = pd.Series(_take(p.value, codes, np.datetime64("NaT")), index=idx)
        bad = _take(p.bad, codes, False)
        amb = _take(p.ambiguous, codes, False)
        flag(problems, col, bad, idx, "data_row.date_bad", values=series)
        flag(problems, col, amb, idx, "data_row.date_ambiguous", values=series)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed, style
