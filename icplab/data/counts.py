"""Sufficient statistics: the outreach log aggregated into funnel counts.

Every statistic in icplab is computed from these counts, never row by row. The canonical
frame of :class:`icplab.data.load.OutreachData` already holds count columns (``contacted`` is 1
on each row of a row-level log), so aggregating is one vectorised ``groupby().sum()`` for
both input forms.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({
...     "industry": ["IT", "IT", "Handel"], "contacted": [1, 1, 1],
...     "replied": [1, 0, 0], "meeting": [1, 0, 0]})
>>> counts(frame, ["industry"])
  industry  contacted  replied  meeting
0   Handel          1        0        0
1       IT          2        1        1
>>> apply_where(frame, {"industry": ("IT",)})["contacted"].sum()
np.int64(2)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from icplab.core.config import Range, WhereValue, parse_where_value
from icplab.core.errors import NotEnoughDataError, UsageError, printable
from icplab.core.notes import Note, render
from icplab.core.schema import BLANKABLE_FACTORS, COUNT_COLUMNS, SizeBands
from icplab.data.numbers import MAX_EMPLOYEES
from icplab.data.personal import refuse_identifying

#: Contract columns a log may lack (CONTRACT section 1), named in one line when a
#: command needs them.
OPTIONAL_FACTORS: tuple[str, ...] = (
    "messaging",
    "salutation",
    "meeting",
    "region",
    "channel",
    "sent_at",
    "opened",
    "qualified",
    "deal",
    "deal_value",
    "rejection_reason",
    "reply_class",
    "size_band",
    "employees",
)


def missing_column_message(column: str, language: str = "en") -> str:
    """One line saying that the log lacks a column a command needs.

    Examples
    --------
    >>> print(missing_column_message("messaging"))
    this log has no 'messaging' column (it is optional in the export), so nothing can be judged by it. Add it to the export or map it under [columns] in icplab.toml (docs/input-format.md).
    >>> print(missing_column_message("messaging", "de"))
    Dieses Log hat keine Spalte 'messaging' (sie ist im Export freiwillig), daher lässt sich danach nichts beurteilen. Nehmen Sie sie in den Export auf oder ordnen Sie sie unter [columns] in icplab.toml zu (docs/input-format.md).
    """
    return render(Note("data_filter.no_column", column=printable(column)), language)


#: Factors the catalogue has words for when their cells are blank (``blank.<factor>``).
_WORDED_FACTORS = frozenset({*BLANKABLE_FACTORS, "campaign"} - {"employees"})


def blank_statement(column: str, n: int) -> Note:
    """Words for the contacts left out where ``column`` is judged (blank cells), as a
    :class:`~icplab.core.notes.Note` (the report writes it in German).

    Examples
    --------
    >>> blank_statement("size_band", 95)
    '95 contacts without a company size'
    >>> blank_statement("employees", 1)
    '1 contact without a company size'
    """
    column = "size_band" if column == "employees" else column
    # the catalogue has words for the usual factors ("95 contacts without a company size")
    known = column in _WORDED_FACTORS
    what = Note(f"blank.{column}") if known else Note("blank.other", column=column)
    return Note("blank.contact" if n == 1 else "blank.contacts", n=n, what=what)


def blank_contacts(frame: pd.DataFrame, columns: Sequence[str]) -> dict[str, int]:
    """Contacts with a blank value in each of ``columns`` (those present), 0s left out.

    Examples
    --------
    >>> f = pd.DataFrame({"size_band": ["1-49", None, None], "contacted": [1, 1, 1]})
    >>> blank_contacts(f, ["size_band", "industry"])
    {'size_band': 2}
    """
    out: dict[str, int] = {}
    weights = (
        frame["contacted"].to_numpy(dtype="int64")
        if "contacted" in frame.columns
        else np.ones(len(frame), dtype="int64")
    )
    for col in columns:
        if col in frame.columns:
            n = int(weights[frame[col].isna().to_numpy()].sum())
            if n:
                out[col] = n
    return out


def left_out_note(frame: pd.DataFrame, columns: Sequence[str]) -> Note | None:
    """The note a judgement by ``columns`` carries when contacts were left out for a blank
    value there (CONTRACT section 1), or ``None``.

    Examples
    --------
    >>> f = pd.DataFrame({"size_band": ["1-49", None], "contacted": [1, 1]})
    >>> print(left_out_note(f, ["size_band"]))
    1 contact without a company size: left out here (counted in every total).
    """
    blanks = blank_contacts(frame, columns)
    if not blanks:
        return None
    return Note("blank.left_out", blanks=tuple(blank_statement(c, n) for c, n in blanks.items()))


class MissingColumnError(UsageError):
    """A command needs an optional column the log lacks (exit 2); :meth:`text` gives the
    line in English or German."""

    def __init__(self, column: str):
        self.column = column
        super().__init__(Note("data_filter.no_column", column=printable(column)))

    def text(self, language: str = "en") -> str:
        return missing_column_message(self.column, language)


#: Summed columns, in output order.
SUM_COLUMNS: tuple[str, ...] = (*COUNT_COLUMNS, "deal_value")


def count_columns(frame: pd.DataFrame) -> list[str]:
    """The count columns present in ``frame``, in funnel order."""
    return [c for c in SUM_COLUMNS if c in frame.columns]


def counts(frame: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Aggregate a canonical frame into funnel counts per group.

    Parameters
    ----------
    frame
        Canonical frame (``OutreachData.frame``) or any table with count columns.
    by
        Group columns; empty for one total row.

    Returns
    -------
    pandas.DataFrame
        One row per observed combination of ``by`` (levels with no contacts are left out,
        and so are contacts with a blank value in a ``by`` column: they count in totals
        only, see :meth:`icplab.data.load.ReadNotes.left_out`), sorted by the group columns, with columns ``by...``, ``contacted``, ``opened``,
        ``replied``, ``meeting``, ``qualified``, ``deal`` (int64, those present in the
        input) and ``deal_value`` (float, EUR, when present).
    """
    by = list(by)
    missing = [c for c in by if c not in frame.columns]
    if missing and missing[0] in OPTIONAL_FACTORS:
        raise MissingColumnError(missing[0])
    if missing:
        raise UsageError(
            Note(
                "data_filter.no_group_column",
                columns=", ".join(repr(c) for c in missing),
                available=tuple(sorted(map(str, frame.columns))),
            )
        )
    cols = count_columns(frame)
    if not by:
        total = frame[cols].sum()
        return pd.DataFrame([total.to_numpy()], columns=cols).astype(
            {c: "int64" for c in cols if c != "deal_value"}
        )
    grouped = frame.groupby(by, observed=True, sort=True, dropna=True)[cols].sum()
    out = grouped.reset_index()
    out = out[out["contacted"] > 0].reset_index(drop=True)
    for c in by:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].cat.remove_unused_categories()
    return out.astype({c: "int64" for c in cols if c != "deal_value"})


def parse_where(
    filters: Sequence[str], size_bands: SizeBands | None = None
) -> dict[str, WhereValue]:
    """Parse CLI ``--where`` filters such as ``industry=IT,Logistik`` or ``employees=50-199``.

    Examples
    --------
    >>> parse_where(["industry=IT,Logistik", "employees=50-199"])
    {'industry': ('IT', 'Logistik'), 'employees': Range(lo=50.0, hi=199.0)}
    >>> parse_where(["employees=500+"])
    {'employees': Range(lo=500.0, hi=None)}
    """
    out: dict[str, WhereValue] = {}
    for item in filters:
        if "=" not in item:
            raise UsageError(Note("data_filter.where_form", item=item))
        col, _, value = item.partition("=")
        col, value = col.strip().lower(), value.strip()
        if not col or not value:
            raise UsageError(Note("data_filter.where_both", item=item))
        rng = _parse_range(value) if col == "employees" else None
        if rng is not None:
            out[col] = rng
        else:
            values = tuple(v.strip() for v in value.split(",") if v.strip())
            prev = out.get(col)
            out[col] = tuple(prev) + values if isinstance(prev, tuple) else values
    return out


def _parse_range(value: str) -> Range | None:
    value = value.replace(" ", "")
    try:
        if value.endswith("+"):
            return Range(float(value[:-1]))
        if "-" in value[1:]:
            lo, hi = value.split("-", 1)
            lo_f, hi_f = float(lo), float(hi)
            if lo_f > hi_f:
                raise UsageError(Note("data_filter.range_reversed", value=value))
            return Range(lo_f, hi_f)
        v = float(value)
        return Range(v, v)
    except ValueError:
        raise UsageError(Note("data_filter.range_form", value=value)) from None


def apply_where(frame: pd.DataFrame, where: Mapping[str, WhereValue] | None) -> pd.DataFrame:
    """Keep the rows of ``frame`` inside the segment described by ``where``.

    Level filters match case-insensitively. ``employees`` ranges apply to head counts; on
    aggregated data without head counts, a range that equals a size band filters on
    ``size_band`` instead. A filter on a column that identifies people (``prospect_id``, a
    personal header, one value per row) is refused: it would single a person out.
    """
    if not where:
        return frame
    refuse_identifying(frame, None, where=[c for c in where if c in frame.columns])
    mask = np.ones(len(frame), dtype=bool)
    for col, raw_value in where.items():
        value = parse_where_value(col, raw_value)
        if isinstance(value, Range):
            if col not in frame.columns and col == "employees" and "size_band" in frame.columns:
                label = str(value)
                if label not in set(frame["size_band"].astype(str)):
                    bands = ", ".join(map(str, frame["size_band"].unique()[:4]))
                    raise UsageError(Note("data_filter.bands_only", label=label, bands=bands))
                mask &= (frame["size_band"].astype(str) == label).to_numpy()
                continue
            _require(frame, col)
            if isinstance(frame[col].dtype, pd.CategoricalDtype):
                mask &= _ranges_inside(frame[col], value, col)
                continue
            x = pd.to_numeric(frame[col], errors="coerce").to_numpy(
                dtype="float64", na_value=np.nan
            )
            inside = x >= value.lo
            if value.hi is not None:
                inside &= x <= value.hi
            mask &= inside
        else:
            _require(frame, col)
            wanted = {v.casefold() for v in value}
            col_values = frame[col]
            if isinstance(col_values.dtype, pd.CategoricalDtype):
                cats = col_values.cat.categories
                keep = np.array([str(c).casefold() in wanted for c in cats], dtype=bool)
                codes = col_values.cat.codes.to_numpy()
                mask &= (codes >= 0) & keep[np.maximum(codes, 0)]
            else:
                mask &= col_values.astype(str).str.casefold().isin(wanted).to_numpy()
    return frame.loc[mask]


def label_range(label: str) -> tuple[float, float] | None:
    """The inclusive head-count range of a size label (``51-200``, ``10000+``, ``120``).

    Examples
    --------
    >>> label_range("51-200"), label_range("10000+"), label_range("7"), label_range("x")
    ((51.0, 200.0), (10000.0, inf), (7.0, 7.0), None)
    """
    m = re.fullmatch(r"(\d+)(?:-(\d+)|(\+))?", str(label).strip())
    if not m:
        return None
    lo = float(m[1])
    if m[3]:
        return lo, float("inf")
    return lo, float(m[2]) if m[2] else lo


def _ranges_inside(values: pd.Series, value: Range, col: str) -> np.ndarray:
    """Rows whose head-count range (a categorical of range labels, as an export gives
    ``employees``) lies inside the filter; a filter edge that cuts through a range is an
    error naming the range (CONTRACT section 1)."""
    # an upper end beyond any head count (refine writes 10**9 for an open band) is open
    hi_f = float("inf") if value.hi is None or value.hi >= MAX_EMPLOYEES else value.hi
    keep = []
    for label in values.cat.categories:
        rng = label_range(label)
        if rng is None:
            keep.append(False)
            continue
        lo, hi = rng
        inside = lo >= value.lo and hi <= hi_f
        outside = hi < value.lo or lo > hi_f
        if not inside and not outside:
            whole = f"{int(lo)}+" if hi == float("inf") else f"{int(lo)}-{int(hi)}"
            raise UsageError(
                Note(
                    "data_filter.cuts_range",
                    column=col,
                    value=str(value),
                    range=printable(label),
                    whole=whole,
                )
            )
        keep.append(inside)
    flags = np.asarray(keep, dtype=bool)
    codes = values.cat.codes.to_numpy()
    return (codes >= 0) & (flags[np.maximum(codes, 0)] if len(flags) else False)


#: How many levels a "matches nothing" message lists.
MAX_LEVELS_LISTED = 20


def explain_no_match(frame: pd.DataFrame, where: Mapping[str, WhereValue] | None) -> str:
    """Why a segment has no contacts: the filter values that match no level, with the
    levels that exist (and their contacts), or the head-count range of the data.

    Examples
    --------
    >>> f = pd.DataFrame({"industry": ["IT", "Logistik", "IT"], "employees": [5, 80, 9],
    ...                   "contacted": [1, 1, 1]})
    >>> print(explain_no_match(f, {"industry": ["Logistics"]}))
    industry=Logistics matches no level; the data has: IT (2), Logistik (1).
    >>> print(explain_no_match(f, {"industry": ["IT"], "employees": [50, 199]}))
    each filter matches some contacts, but none match all of them together (industry=IT, employees=50-199).
    """
    if not where:
        return Note("data_filter.no_contacts")
    parts: list[str] = []
    for col, raw_value in where.items():
        if col not in frame.columns:
            continue
        value = parse_where_value(col, raw_value)
        weights = frame["contacted"] if "contacted" in frame.columns else pd.Series(1, frame.index)
        if isinstance(value, Range):
            if isinstance(frame[col].dtype, pd.CategoricalDtype):
                continue  # size ranges: the filter is checked range by range
            x = pd.to_numeric(frame[col], errors="coerce")
            inside = (x >= value.lo) & ((x <= value.hi) if value.hi is not None else True)
            if not inside.any():
                parts.append(
                    Note(
                        "data_filter.no_row",
                        column=col,
                        value=str(value),
                        lo=float(x.min()),
                        hi=float(x.max()),
                    )
                )
            continue
        totals = weights.groupby(frame[col].astype(str), observed=True).sum()
        totals = totals[totals > 0]
        known = {str(k).casefold() for k in totals.index}
        unknown = [v for v in value if v.casefold() not in known]
        if len(unknown) == len(value):
            shown = tuple(
                Note("data_filter.level_count", level=printable(k), n=int(v))
                for k, v in totals.iloc[:MAX_LEVELS_LISTED].items()
            )
            more = len(totals) - MAX_LEVELS_LISTED
            parts.append(
                Note(
                    "data_filter.no_level",
                    column=printable(col),
                    value=printable(",".join(value)),
                    levels=shown,
                    more=Note("data_filter.more", n=more) if more > 0 else "",
                )
            )
    if parts:
        first, *rest = parts
        for part in rest:
            first = Note("data_filter.then", a=first, b=part)
        return first
    desc = ", ".join(f"{c}={_where_text(c, v)}" for c, v in where.items())
    return Note("data_filter.none_together", filters=desc)


def _where_text(col: str, value: WhereValue) -> str:
    value = parse_where_value(col, value)
    return str(value) if isinstance(value, Range) else ",".join(value)


def _require(frame: pd.DataFrame, col: str) -> None:
    if col not in frame.columns:
        raise UsageError(
            Note(
                "data_filter.no_filter_column",
                column=col,
                available=tuple(sorted(map(str, frame.columns))),
            )
        )


#: Columns of :func:`value_moments`, after the group columns.
MOMENT_COLUMNS: tuple[str, ...] = (
    "n",
    "value_sum",
    "value_sum_sq",
    "nonzero",
    "log_sum",
    "log_sum_sq",
)


def value_moments(
    frame: pd.DataFrame,
    by: Sequence[str] = (),
    column: str = "deal_value",
    denominator: str = "contacted",
) -> pd.DataFrame:
    """Sufficient statistics of a value column (e.g. ``deal_value``) per group.

    A mean metric (``kind = "mean"``) and its interval need more than a sum: the number
    of units, the sum and sum of squares of the values, the number of non-zero values and
    the sum and sum of squares of the logs of the non-zero values. All are computed with
    one vectorised ``groupby().sum()``.

    Parameters
    ----------
    frame
        A row-level canonical frame (one contact per row).
    by
        Group columns; empty for one total row.
    column
        The value column.
    denominator
        The unit the mean is taken over: ``contacted`` (value per contact) or a 0/1
        column such as ``deal`` (value per deal: only rows where it is 1 count).

    Returns
    -------
    pandas.DataFrame
        ``by...`` and ``n`` (units, int64), ``value_sum``, ``value_sum_sq``, ``nonzero``
        (int64: units with a value > 0), ``log_sum`` and ``log_sum_sq`` (over the non-zero
        values); groups without units are left out.

    Raises
    ------
    NotEnoughDataError
        The frame lacks the columns, or is aggregated (its rows hold several contacts, so
        the spread of the values is unknown).

    Examples
    --------
    >>> f = pd.DataFrame({"industry": ["IT", "IT", "IT", "Handel"], "contacted": [1, 1, 1, 1],
    ...                   "deal_value": [0.0, 100.0, 300.0, 0.0]})
    >>> m = value_moments(f, ["industry"])
    >>> m[["industry", "n", "value_sum", "value_sum_sq", "nonzero"]].values.tolist()
    [['Handel', 1, 0.0, 0.0, 0], ['IT', 3, 400.0, 100000.0, 2]]
    """
    for col in (column, denominator):
        if col not in frame.columns:
            raise NotEnoughDataError(
                Note("data_filter.mean_needs", column=column, denominator=denominator, missing=col)
            )
    unit = frame[denominator].to_numpy(dtype="int64")
    contacted = frame["contacted"].to_numpy(dtype="int64") if "contacted" in frame else unit
    if len(frame) and ((unit > 1).any() or (contacted > 1).any()):
        raise NotEnoughDataError(Note("data_filter.mean_needs_rows", column=column))
    x = np.where(unit == 1, frame[column].to_numpy(dtype="float64"), 0.0)
    x = np.nan_to_num(x, nan=0.0)
    nz = x > 0
    logs = np.log(np.where(nz, x, 1.0))
    parts = pd.DataFrame(
        {
            "n": unit,
            "value_sum": x,
            "value_sum_sq": x * x,
            "nonzero": nz.astype("int64"),
            "log_sum": logs,
            "log_sum_sq": logs * logs,
        },
        index=frame.index,
    )
    by = list(by)
    if not by:
        total = parts.sum()
        out = pd.DataFrame([total.to_numpy()], columns=list(MOMENT_COLUMNS))
    else:
        for c in by:
            if c not in frame.columns:
                raise UsageError(Note("data_filter.no_group_column_short", column=c))
            parts[c] = frame[c]
        out = parts.groupby(by, observed=True, sort=True, dropna=True)[list(MOMENT_COLUMNS)]
        out = out.sum().reset_index()
        out = out[out["n"] > 0].reset_index(drop=True)
        for c in by:
            if isinstance(out[c].dtype, pd.CategoricalDtype):
                out[c] = out[c].cat.remove_unused_categories()
    return out.astype({"n": "int64", "nonzero": "int64"})


def with_derived(frame: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """``frame`` with the derived group column ``month`` (``YYYY-MM`` of ``sent_at``) added
    when ``by`` asks for it and the frame has no such column.

    Examples
    --------
    >>> f = pd.DataFrame({"sent_at": pd.to_datetime(["2026-01-12", "2026-02-03"]),
    ...                   "contacted": [1, 1]})
    >>> with_derived(f, "month")["month"].tolist()
    ['2026-01', '2026-02']
    """
    if by != "month" or "month" in frame.columns:
        return frame
    if "sent_at" not in frame.columns:
        raise UsageError(Note("data_filter.month_needs_sent_at"))
    sent = pd.to_datetime(frame["sent_at"], errors="coerce")
    month = sent.dt.strftime("%Y-%m").fillna("no date")
    return frame.assign(month=month)
