"""Validating a raw frame into :class:`~icplab.data.outreach.OutreachData`: the row-level
and the aggregated checks, run after :mod:`icplab.data.tidy` and with the parsers of
:mod:`icplab.data.columns`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import InputError, Problem
from icplab.core.notes import Note
from icplab.core.schema import (
    BOOLEAN_COLUMNS,
    GROUP_COLUMNS,
    MAPPABLE_COLUMNS,
    OPTIONAL_TEXT_COLUMNS,
    REPLY_CLASSES,
    REQUIRED_COUNT_COLUMNS,
    SizeBands,
    canonical_header,
    ordered_levels,
)
from icplab.data.columns import (
    DATE_COLUMNS,
    _amount_problems,
    _blank_factor,
    _boolean,
    _checked_salutation,
    _dates,
    _default_campaign,
    _labels,
    _numbers,
    _one_campaign,
    _reply_class,
    _sizes,
    and_list,
    flag,
    funnel_order,
)
from icplab.data.distinct import certainly_distinct
from icplab.data.limits import refuse
from icplab.data.mapping import ColumnMapping
from icplab.data.outreach import OutreachData, ReadNotes
from icplab.data.personal import (
    drop_declared,
    header_looks_like_data,
    looks_personal_each,
    mask_personal,
    pseudonymise_ids,
    scrub_emails,
)
from icplab.data.tidy import (
    _canonical_headers,
    _drop_empty_columns,
    _drop_personal,
    _long_cells,
    _missing_columns,
    _no_header,
    _require,
    drop_foot_rows,
    shown_headers,
)


def _mapping(
    columns: Mapping[str, Any] | ColumnMapping | None, preset: str | None
) -> ColumnMapping:
    if isinstance(columns, ColumnMapping):
        return ColumnMapping.from_config({}, preset) if preset else columns
    return ColumnMapping.from_config(columns, preset)


def validate_frame(
    raw: pd.DataFrame,
    *,
    source: str = "<data>",
    size_bands: SizeBands | None = None,
    columns: Mapping[str, Any] | ColumnMapping | None = None,
    preset: str | None = None,
    strict: bool = False,
    bands_configured: bool | None = None,
) -> OutreachData:
    """Validate a raw table (as read from a file) and bring it into canonical form.

    The index of ``raw`` must be the 0-based data-row position in the file, so that
    ``index + 2`` is the spreadsheet row number. ``columns`` and ``preset`` map the file's
    own headers (see :func:`load`, CONTRACT section 6). Personal columns are dropped (by
    header and by content) and e-mail prospect IDs pseudonymised before any check, so no
    message can quote them. See :func:`load` for the rules. ``strict`` makes blank factor
    cells input errors (``[load] strict``); with ``bands_configured`` false (default: when
    no ``size_bands`` are given) ranges in ``employees`` become the size bands.
    """
    if bands_configured is None:
        bands_configured = size_bands is not None
    size_bands = size_bands or SizeBands()
    mapping = _mapping(columns, preset)
    # What the reader noted; then no attrs, which pandas deep-copies on every operation
    # (quadratic with many columns).
    attrs = dict(raw.attrs)
    if attrs:
        raw = raw.copy(deep=False)
        raw.attrs = {}
    raw, foot_rows = drop_foot_rows(raw, int(attrs.get("unread_totals", 0)))
    foot_rows += int(attrs.get("footer_lines", 0))  # a report footer cut at read
    raw, too_long = (raw, []) if attrs.get("short_cells") else _long_cells(raw, source, mapping)
    file_headers = [str(c).strip() for c in raw.columns]
    skipped_headers = [str(h) for h in attrs.get("personal_skipped", [])]
    skipped = [
        str(h).strip() if not hit else "(a header that is itself personal)"
        for h, hit in zip(skipped_headers, looks_personal_each(skipped_headers), strict=True)
    ]
    file_headers = list(attrs.get("file_headers") or [*file_headers, *skipped])
    if attrs.get("personal_skipped"):  # never print a header that is itself personal
        file_headers = shown_headers(file_headers)
    headers: dict[str, str] = {}
    unknown: dict[str, list[str]] = {}
    # a file without a header row: its first data row stands where the headers belong
    data_like = header_looks_like_data(attrs.get("file_headers") or list(raw.columns))
    if mapping or mapping.reads_json(raw):  # custom_fields are read without a mapping
        try:
            if attrs.get("file_headers"):
                raw.attrs = {"file_headers": attrs["file_headers"]}
            raw, headers = mapping.apply(raw, source)
            unknown = dict(raw.attrs.get("unknown_labels") or {})
            raw.attrs = {}
        except InputError:
            if data_like:
                raise _no_header(source, data_like) from None
            raise
    raw, declared = drop_declared(mask_personal(raw, set(headers), mapping.personal), mapping)
    raw, dropped = _drop_personal(raw, set(headers))
    dropped = [*skipped, *declared, *dropped]
    for c in raw.columns:
        headers.setdefault(canonical_header(c), str(c).strip())
    raw = _canonical_headers(raw, source)
    if raw.shape[1] == 0 or (len(raw) == 0 and raw.shape[1] == 0):
        raise refuse(source, "data_file.empty")
    if len(raw) == 0:
        raise refuse(source, "data_file.no_rows")
    raw, empty_columns = _drop_empty_columns(raw, source)
    aggregated = "contacted" in raw.columns
    _require(raw, source, file_headers, mapping, aggregated, data_like)
    pseudonymised = False
    if "prospect_id" in raw.columns:
        raw = raw.copy(deep=False)  # one column is replaced: the others are shared
        raw["prospect_id"], pseudonymised = pseudonymise_ids(raw["prospect_id"])
    for col in ("rejection_reason", "campaign", "region", "channel", "reply_class"):
        if col in raw.columns and not pd.api.types.is_numeric_dtype(raw[col].dtype):
            raw[col] = scrub_emails(raw[col])
    notes = ReadNotes(
        headers={k: v for k, v in headers.items() if k != v and k in MAPPABLE_COLUMNS},
        preset=mapping.preset,
        personal_dropped=tuple(dropped),
        pseudonymised=pseudonymised,
        foot_rows=foot_rows,
        empty_columns=tuple(empty_columns),
        dropped=tuple([*attrs.get("dropped_columns", []), *too_long]),
        unknown_labels={h: tuple(v) for h, v in unknown.items()},
    )
    check = _validate_aggregated if aggregated else _validate_rows
    try:
        data = check(raw, source, size_bands, strict, bands_configured)
    except InputError as exc:
        raise InputError(
            source, [replace(p, header=headers.get(p.column or "")) for p in exc.problems]
        ) from None
    found = {k: getattr(data.read, k) for k in _FOUND_BY_CHECKS}
    return replace(data, read=replace(notes, **found))


#: What the row-level and aggregated checks find out (the rest of ReadNotes is the read's).
_FOUND_BY_CHECKS = (
    "decimal_mark",
    "blanks",
    "merged",
    "has_ids",
    "size_ranges",
    "date_styles",
    "unvalued_deals",
)
#: The columns a row-level log's frame starts with.
_LEADING = ("prospect_id", "campaign", "industry", "employees", "size_band", "messaging")


def _result(
    frame: pd.DataFrame, source: str, aggregated: bool, bands: SizeBands, **found: Any
) -> OutreachData:
    """The validated log with what its checks found (:data:`_FOUND_BY_CHECKS`)."""
    found["size_ranges"] = _ranges_of(bands)
    return OutreachData(frame, source, aggregated, bands, ReadNotes(**found))


def _deal_values(
    raw: pd.DataFrame,
    idx: pd.Index,
    deals: np.ndarray | None,
    out: dict[str, Any],
    problems: list[Problem],
) -> tuple[str | None, int]:
    """Parse ``deal_value`` into ``out`` (its problems appended to ``problems``): the
    decimal mark, and the won deals whose amount is blank (``deals``: each row's deal flag
    or count), which every value figure counts as 0 EUR and ``validate`` states."""
    if "deal_value" not in raw.columns:
        return None, 0
    dv, dv_problems, mark, blank = _amount_problems(raw["deal_value"], idx)
    problems += dv_problems
    out["deal_value"] = pd.Series(dv, index=idx)
    return mark, 0 if deals is None else int(deals[blank].sum())


def _validate_rows(
    raw: pd.DataFrame, source: str, size_bands: SizeBands, strict: bool, bands_configured: bool
) -> OutreachData:
    idx = raw.index
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    blanks: dict[str, int] = {}
    merged: dict[str, dict[str, int]] = {}

    # The prospect ID, when the file has one.
    pid_str: pd.Series | None = None
    pid_missing = np.zeros(len(raw), dtype=bool)
    if "prospect_id" in raw.columns:
        pid = raw["prospect_id"]
        pid_str = (
            pid.astype(str).str.strip()
            if not pd.api.types.is_numeric_dtype(pid.dtype)
            else pid.astype(str)
        )
        pid_missing = pid.isna().to_numpy() | (pid_str == "").to_numpy()
        flag(problems, "prospect_id", pid_missing, idx, "data_row.id_missing")
    # Text factors: a blank keeps the row (left out where the factor is judged).
    for col in ("industry", "messaging", "salutation", "size_band", "region", "channel"):
        if col not in raw.columns or (col == "size_band" and "employees" in raw.columns):
            continue
        values, missing = _labels(raw, col, merged)
        _blank_factor(col, missing, idx, strict, problems, blanks)
        if col == "salutation":
            values = _checked_salutation(values, raw[col], idx, problems)
        if col == "size_band":
            values = values.cat.reorder_categories(
                ordered_levels(list(values.cat.categories)), ordered=True
            )
        out[col] = values

    if "campaign" in raw.columns:
        camp, camp_missing = _labels(raw, "campaign", merged)
        if camp_missing.any():
            camp = _default_campaign(camp)
    else:
        camp = _one_campaign(idx)
    out["campaign"] = camp

    # Head count (or range) and size band.
    bands = size_bands
    if "employees" in raw.columns:
        out["employees"], out["size_band"], bands = _sizes(
            raw["employees"], idx, size_bands, bands_configured, strict, problems, blanks
        )

    for col in OPTIONAL_TEXT_COLUMNS:
        if col in raw.columns and col not in out:
            out[col] = _labels(raw, col, merged)[0]

    date_styles: dict[str, str] = {}
    for col in DATE_COLUMNS:
        if col in raw.columns:
            out[col], style = _dates(raw[col], col, idx, problems)
            if style:
                date_styles[col] = style
    if "reply_step" in raw.columns:  # which message of the sequence was answered (1 = first)
        step, step_missing, step_bad = _numbers(raw["reply_step"])
        step_bad = step_bad | (~step_missing & ~step_bad & ((step < 1) | (np.floor(step) != step)))
        flag(
            problems,
            "reply_step",
            step_bad,
            idx,
            "data_row.reply_step_bad",
            values=raw["reply_step"],
        )
        out["reply_step"] = pd.Series(np.where(step_bad, np.nan, step), index=idx).astype("Int64")

    # Funnel booleans (a blank is false).
    out["contacted"] = pd.Series(np.ones(len(raw), dtype="int64"), index=idx)
    flags: dict[str, np.ndarray] = {}
    for col in BOOLEAN_COLUMNS:
        if col not in raw.columns:
            continue
        value, bad = _boolean(raw[col])
        flag(problems, col, bad, idx, "data_row.bool_bad", values=raw[col])
        flags[col] = value
        out[col] = pd.Series(value, index=idx)

    # the later steps first (a deal before a qualified lead), as the contract lists them
    for later, earlier in reversed(funnel_order(flags)):
        if earlier == "contacted":
            continue  # every row is one contact
        broken = (flags[later] == 1) & (flags[earlier] == 0)
        flag(problems, later, broken, idx, "data_row.funnel_order", later=later, earlier=earlier)

    if "reply_class" in raw.columns:
        replied = flags.get("replied", np.zeros(len(raw), dtype="int64"))
        cls, positive, bad = _reply_class(raw["reply_class"], replied)
        reply_class = raw["reply_class"]
        flag(
            problems,
            "reply_class",
            bad,
            idx,
            "data_row.reply_class_bad",
            reply_class,
            classes=REPLY_CLASSES,
        )
        out["reply_class"] = cls
        out["positive_reply"] = pd.Series(positive, index=idx)
    if "reply_step" in out and "replied" in flags:  # replies to the first message only
        first = out["reply_step"].eq(1).fillna(False).to_numpy(dtype=bool)
        out["first_touch_reply"] = pd.Series(
            (first & (flags["replied"] == 1)).astype("int64"), index=idx
        )

    mark, unvalued = _deal_values(raw, idx, flags.get("deal"), out, problems)

    # Duplicates within a campaign, after the key columns are clean.
    # Fast path: an id that is unique in the whole file cannot repeat inside a campaign
    # (shown by hashes first: icplab.data.distinct).
    if (
        pid_str is not None
        and not pid_missing.any()
        and not certainly_distinct(pid_str)
        and pid_str.duplicated().any()
    ):
        c_codes = camp.cat.codes.to_numpy().astype("int64")
        p_codes, p_uniques = pd.factorize(pid_str)
        key = c_codes * (len(p_uniques) + 1) + p_codes
        dup = pd.Index(key).duplicated(keep=False)
        if dup.any():
            # the rows, never the id itself: it identifies a person
            first = np.flatnonzero(dup)[0]
            same = np.flatnonzero(key == key[first])
            example = and_list(str(int(idx[i]) + 2) for i in same[:3])
            n_ids = len(np.unique(key[dup]))
            code = "data_row.duplicate_ids" if n_ids > 1 else "data_row.duplicate_id"
            flag(problems, "prospect_id", dup, idx, code, n=n_ids, rows=example)
    if pid_str is not None:
        out["prospect_id"] = pid_str

    if problems:
        raise InputError(source, problems)

    frame = _frame_of(out, raw, skip=("prospect_id",))
    first_cols = [c for c in (*_LEADING, "salutation") if c in frame.columns]
    ordered = first_cols + [c for c in frame.columns if c not in first_cols]
    return _result(
        frame[ordered],
        source,
        False,
        bands,
        decimal_mark=mark,
        blanks=blanks,
        merged=merged,
        has_ids=pid_str is not None,
        date_styles=date_styles,
        unvalued_deals=unvalued,
    )


def _validate_aggregated(
    raw: pd.DataFrame, source: str, size_bands: SizeBands, strict: bool, bands_configured: bool
) -> OutreachData:
    _missing_columns(
        raw,
        REQUIRED_COUNT_COLUMNS,
        source,
        Note("data_file.needs_counts_beside_groups"),
    )
    idx = raw.index
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    blank_rows: dict[str, np.ndarray] = {}
    merged: dict[str, dict[str, int]] = {}
    bands = size_bands
    group_cols = [c for c in GROUP_COLUMNS if c in raw.columns]
    if not group_cols:
        raise refuse(source, "data_row.agg_no_group", (1,), columns=GROUP_COLUMNS)
    for col in group_cols:
        if col == "employees":
            row_blanks: dict[str, int] = {}
            out[col], band, bands = _sizes(
                raw[col], idx, size_bands, bands_configured, strict, problems, row_blanks
            )
            if "size_band" not in raw.columns:
                out["size_band"] = band
            blank_rows["size_band"] = out[col].isna().to_numpy()
            continue
        values, missing = _labels(raw, col, merged)
        if missing.any():
            if col == "campaign":
                values = _default_campaign(values)
            elif strict:
                flag(problems, col, missing, idx, "data_row.agg_blank_strict", column=col)
            else:
                blank_rows[col] = missing
        if col == "salutation":
            values = _checked_salutation(values, raw[col], idx, problems)
        out[col] = values
    if "size_band" in out and "employees" not in out:
        sb = out["size_band"]
        out["size_band"] = sb.cat.reorder_categories(
            ordered_levels(list(sb.cat.categories)), ordered=True
        )
    if "campaign" not in out:
        out["campaign"] = _one_campaign(idx)

    nums: dict[str, np.ndarray] = {}
    for col in ("contacted", "opened", "replied", "meeting", "qualified", "deal"):
        if col not in raw.columns:
            continue
        x, missing, bad = _numbers(raw[col])
        wrong = bad | (~missing & ~bad & ((x < 0) | (np.floor(x) != x)))
        flag(problems, col, missing, idx, "data_row.count_missing")
        flag(problems, col, wrong, idx, "data_row.count_bad", values=raw[col])
        nums[col] = np.where(np.isnan(x) | wrong, 0, x).astype("int64")
        out[col] = pd.Series(nums[col], index=idx)
    for part, whole in funnel_order(nums):
        over = nums[part] > nums[whole]
        flag(problems, part, over, idx, "data_row.count_order", part=part, whole=whole)
    mark, unvalued = _deal_values(raw, idx, nums.get("deal"), out, problems)
    if problems:
        raise InputError(source, problems)
    frame = _frame_of(out, raw)
    contacted = nums["contacted"]
    blanks = {col: int(contacted[mask].sum()) for col, mask in blank_rows.items() if mask.any()}
    blanks = {k: v for k, v in blanks.items() if v}
    return _result(
        frame,
        source,
        True,
        bands,
        decimal_mark=mark,
        blanks=blanks,
        merged=merged,
        has_ids=False,
        unvalued_deals=unvalued,
    )


def _frame_of(out: dict[str, Any], raw: pd.DataFrame, skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """The validated columns ``out``, then the file's other columns as read (``skip``
    aside): one concat, not one insert per column (slow with many columns)."""
    frame = pd.DataFrame(out, index=raw.index, copy=False)  # the arrays are ours: no copy
    extras = [c for c in raw.columns if c not in out and c not in skip]
    if extras:
        frame = pd.concat([frame, raw[extras]], axis=1)
    return frame


def _ranges_of(bands: SizeBands) -> tuple[tuple[int, int | None], ...]:
    """The export's own size ranges when ``bands`` were made from them, else ``()``."""
    if not bands.uppers:
        return ()
    return tuple((lo, hi) for lo, hi in zip(bands.edges, bands.uppers, strict=True))
