"""Reading a file into a raw frame (one column per header, every cell as read): CSV,
Parquet and XLSX, personal columns skipped at read, and the header row alone
(:func:`read_headers`)."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.errors import InputError, Problem, printable
from icplab.core.notes import Note
from icplab.core.schema import (
    BOOLEAN_COLUMNS,
    canonical_header,
)
from icplab.data import workbook
from icplab.data.csvtext import (
    _BINARY_KINDS,
    _exact_records,
    _quoted_layout_ok,
    _ragged_rows,
    _unclosed_at_end,
    decode_csv_bytes,
    looks_binary,
    ragged_problem,
    report_footer,
    sniff_delimiter,
    title_lines,
    trailing_separator,
)
from icplab.data.limits import MAX_CELL_CHARS, check_columns, check_file, cut, refuse
from icplab.data.mapping import ColumnMapping
from icplab.data.personal import (
    is_name_header,
    is_personal_header,
)
from icplab.data.tidy import _CONTRACT, TOTALS_WORDS, _duplicate_headers

#: File endings :func:`load` understands.
CSV_SUFFIXES = (".csv", ".txt", ".tsv")


PARQUET_SUFFIXES = (".parquet", ".pq")


EXCEL_SUFFIXES = (".xlsx", ".xlsm")


#: Columns with few distinct values: read dictionary-encoded, so parsing and cleaning
#: work on the distinct values only.
LOW_CARDINALITY: frozenset[str] = frozenset(
    {
        "industry",
        "messaging",
        "salutation",
        "campaign",
        "region",
        "channel",
        "rejection_reason",
        "reply_class",
        "sent_at",
        "replied_at",
        "meeting_at",
        "size_band",
        *BOOLEAN_COLUMNS,
    }
)


#: Bytes read for the header row alone (title lines above it included).
_HEAD_BYTES = 1 << 20


def read_headers(path: str | Path) -> list[str]:
    """The header row of a CSV, Parquet or XLSX file (no data rows are read).

    Raises
    ------
    icplab.core.errors.InputError
        When the file is missing or cannot be read.
    """
    source = str(path)
    path = Path(path)
    check_file(path, source)
    suffix = path.suffix.lower()
    try:
        if suffix in PARQUET_SUFFIXES:
            import pyarrow.parquet as pq

            return [str(n) for n in pq.read_schema(path).names]
        if suffix in EXCEL_SUFFIXES:
            with pd.ExcelFile(path, engine="openpyxl") as xl:
                sheet, header, _ = workbook.locate(xl, ColumnMapping())
                return [
                    str(c)
                    for c in pd.read_excel(xl, sheet_name=sheet, header=header, nrows=0).columns
                ]
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES)
        if len(head) == _HEAD_BYTES:  # whole lines only, so the encoding is told right
            end = head.rfind(b"\n") + 1
            end += end % 2 == 1 and head[end : end + 1] == b"\x00"  # UTF-16-LE's "\n\x00"
            head = head[:end] or head
        body, encoding = decode_csv_bytes(head)
        offset = len(body) - len(body.lstrip(b"\r\n"))
        offset, _ = title_lines(body, offset, encoding)
        first = body[offset:].splitlines()[:1] or [b""]
        text = first[0].decode(encoding, errors="replace").lstrip("\ufeff")
        return [h.strip() for h in next(csv.reader([text], delimiter=sniff_delimiter(text)), [])]
    except InputError:
        raise
    except Exception as exc:  # the readers raise many types for broken files
        raise InputError(
            source, [Problem(None, (), Note("data_file.unreadable", detail=_first_line(exc)))]
        ) from None


def _skip_at_read(header: object, mapping: ColumnMapping) -> bool:
    """Whether a column is personal by its header alone (and not mapped): never read.
    Columns of names are read (their values are masked in the row's other cells, then
    dropped: :func:`icplab.data.personal.mask_row_values`)."""
    key = str(header).strip().casefold()
    if canonical_header(header) in mapping.personal:
        return False
    return (
        key not in mapping.source_headers
        and is_personal_header(header)
        and not is_name_header(header)
    )


def _read_csv(path: Path, source: str, mapping: ColumnMapping) -> pd.DataFrame:
    data = path.read_bytes()
    if not data or data.isspace():
        raise refuse(source, "data_file.empty_export")
    try:
        body, encoding = decode_csv_bytes(data)
    except UnicodeDecodeError:
        raise refuse(source, "data_file.bad_utf16") from None
    if looks_binary(body):
        kind = next(
            (code for magic, code in _BINARY_KINDS if data.startswith(magic)),
            "data_file.kind_binary",
        )
        raise refuse(source, "data_file.not_text", kind=Note(kind))
    offset = len(body) - len(body.lstrip(b"\r\n"))
    # a title row above the headers: rows keep the numbers a spreadsheet shows
    offset, lead = title_lines(body, offset, encoding)
    ends = [i for i in (body.find(b"\n", offset), body.find(b"\r", offset)) if i >= 0]
    header_text = body[offset : min(ends, default=len(body))].decode(encoding, errors="replace")
    sep = sniff_delimiter(header_text)
    end, footer = report_footer(body, sep.encode())
    body = body[:end]
    if b'"' not in body:  # every row ends in a separator the header lacks, or the reverse
        fixed = trailing_separator(body[offset:], sep.encode())
        if fixed is not None:
            body = body[:offset] + fixed
            header_text = fixed.split(b"\n", 1)[0].rstrip(b"\r").decode(encoding, errors="replace")
    try:
        header = next(csv.reader([header_text], delimiter=sep), [""])
    except csv.Error as exc:
        raise refuse(source, "data_file.header_unreadable", (1,), detail=str(exc)) from None
    check_columns(len(header), source)
    names = [canonical_header(h) for h in header]
    _duplicate_headers(header, source)
    quoted = b'"' in body
    bare_cr = b"\r" in body and body.count(b"\r") != body.count(b"\r\n")
    if (
        not quoted
        and not bare_cr
        and body.count(sep.encode())
        != (len(header) - 1) * (body.count(b"\n") + (not body.endswith(b"\n")))
    ):
        ragged = [(a + lead, k) for a, k in _ragged_rows(body[offset:], sep.encode(), len(header))]
        if ragged:
            raise InputError(source, [ragged_problem(ragged, len(header), sep, lead + 1)])
    # Personal columns are not even read; with quotes in the file all columns are read so
    # that pandas can report rows with surplus fields.
    exact = quoted or bare_cr
    usecols = (
        list(range(len(names)))
        if exact
        else [i for i, h in enumerate(header) if not _skip_at_read(h, mapping)]
    )
    # In an aggregated log the funnel columns are counts: read them as text, since a
    # categorical read would turn "1.050" (German thousands) into the number 1.05.
    low = LOW_CARDINALITY - set(BOOLEAN_COLUMNS) if "contacted" in names else LOW_CARDINALITY
    dtype = {i: ("category" if names[i] in low else str) for i in usecols}
    raw: pd.DataFrame | None = None
    if not header_text.strip():
        raise refuse(source, "data_file.empty_export")  # a byte-order mark, or blank lines
    if _no_data_lines(body, offset, sep.encode()):
        # a header and no data (pandas fails on it with column types and skipped columns)
        raw = pd.read_csv(
            io.StringIO(header_text + "\n"),
            sep=sep,
            usecols=None if exact else usecols,
            keep_default_na=False,
            index_col=False,
        )
    else:
        raw = _pandas_csv(body[offset:], sep, encoding, dtype, None if exact else usecols, source)
    if exact and (
        raw is None
        or raw.shape[1] != len(header)
        or not _quoted_layout_ok(body[offset:], sep.encode(), len(header), len(raw))
    ):
        raw = _exact_frame(body[offset:], encoding, sep, header, dtype, source, lead)
    elif raw is not None and lead:
        raw.index = raw.index + lead
    if raw is None:
        raise refuse(source, "data_file.csv_unreadable")
    # Excel pads rows with delimiters only; such rows are blank, not errors.
    if len(raw) and raw.shape[1]:
        first = raw.iloc[:, 0].astype(str).str.strip() == ""
        if first.any():
            maybe = raw.loc[first]
            blank = (maybe.astype(str).apply(lambda c: c.str.strip()) == "").all(axis=1)
            raw = raw.drop(index=blank.index[blank.to_numpy()])
    # attrs last: pandas deep-copies them on every operation (slow with many columns)
    lines = np.flatnonzero(np.frombuffer(body, dtype=np.uint8) == ord("\n"))
    longest = int(np.diff(np.r_[-1, lines, len(body)]).max()) if len(body) else 0
    raw.attrs["short_cells"] = longest <= MAX_CELL_CHARS  # no cell can be too long
    raw.attrs["file_headers"] = [h.strip() for h in header]
    if footer:
        raw.attrs["footer_lines"] = footer
    if not exact:
        raw.attrs["personal_skipped"] = [h for h in header if _skip_at_read(h, mapping)]
        if header and _skip_at_read(header[0], mapping):
            raw.attrs["unread_totals"] = _totals_lines(body, sep)
    return raw


def _pandas_csv(
    body: bytes,
    sep: str,
    encoding: str,
    dtype: Mapping[int, Any],
    usecols: list[int] | None,
    source: str,
) -> pd.DataFrame | None:
    """The CSV body read by pandas, or ``None`` when pandas cannot read it (the exact
    reader then says which line and why)."""
    try:
        with warnings.catch_warnings():
            # a row with more fields than the header must fail, not be silently cut
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(
                io.BytesIO(body),
                sep=sep,
                encoding=encoding,
                dtype=dtype,
                usecols=usecols,
                keep_default_na=False,
                skip_blank_lines=False,
                quoting=csv.QUOTE_MINIMAL,
                index_col=False,
            )
    except (pd.errors.ParserError, pd.errors.ParserWarning, UnicodeDecodeError, ValueError):
        return None
    except pd.errors.EmptyDataError:
        raise refuse(source, "data_file.empty") from None


def _no_data_lines(body: bytes, offset: int, sep: bytes) -> bool:
    """Whether nothing but blanks and separators follows the header line (looked at in
    slices, so a big file is not copied)."""
    start = body.find(b"\n", offset)
    if start < 0:
        return True
    blank = b" \t\r\n" + sep
    for at in range(start + 1, len(body), 1 << 16):
        if body[at : at + (1 << 16)].strip(blank):
            return False
    return True


def _totals_lines(body: bytes, sep: str) -> int:
    """How many of the last non-empty lines start with a totals word (``Summe;...``)."""
    n = 0
    for line in reversed(body[-4096:].splitlines()[1:]):
        text = line.decode("utf-8", errors="replace").strip()
        if not text.strip(sep + " "):
            continue
        first = text.split(sep, 1)[0].strip().strip('"').casefold().rstrip(":").strip()
        if first not in TOTALS_WORDS:
            break
        n += 1
    return n


def _exact_frame(
    body: bytes,
    encoding: str,
    sep: str,
    header: list[str],
    dtype: Mapping[int, Any],
    source: str,
    lead: int = 0,
) -> pd.DataFrame:
    """The data of a CSV read record by record (:func:`_exact_records`): the index is the
    record's line minus 2, so problems name the line a record starts on (``lead``: the
    title lines above the header)."""
    text = body.decode(encoding, errors="replace")
    line = _unclosed_at_end(text, sep)
    if line is not None:
        raise refuse(source, "data_file.quote_never_closed", line=line + lead)
    records, lines = _exact_records(text, sep, len(header), source, lead)
    frame = pd.DataFrame(
        records or None,
        columns=list(range(len(header))),
        index=pd.Index([n - 2 for n in lines], dtype="int64"),
        dtype=object,
    )
    frame = frame.astype({i: dtype.get(i, str) for i in range(len(header))})
    frame.columns = pd.Index(header, dtype=object)
    return frame


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__


def checked_parquet_schema(
    path: Path, source: str, mapping: ColumnMapping
) -> tuple[Any, list[str]]:
    """The Parquet file's schema and its nested or binary columns, after the checks both
    readers make before reading a row: the file opens, it has not too many columns, and no
    contract (or mapped) column holds lists, structs or bytes (an input error naming the
    column, row 1: :func:`_read_parquet` and the out-of-core scan answer alike).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception as exc:  # pyarrow raises several types for broken files
        raise refuse(source, "data_file.parquet_unreadable", detail=_first_line(exc)) from None
    check_columns(len(schema.names), source)
    nested = [
        n
        for n in schema.names
        if (t := schema.field(n).type)
        and (
            pa.types.is_nested(t)
            or pa.types.is_binary(t)
            or pa.types.is_large_binary(t)
            or pa.types.is_fixed_size_binary(t)
        )
    ]
    contract_nested = [
        n
        for n in nested
        if canonical_header(n) in _CONTRACT or str(n).strip().casefold() in mapping.source_headers
    ]
    if contract_nested:
        raise InputError(
            source,
            [
                Problem(
                    canonical_header(n) if canonical_header(n) in _CONTRACT else None,
                    (1,),
                    Note(
                        "data_file.nested_column",
                        column=repr(cut(printable(n))),
                        kind=_arrow_kind(schema.field(n).type),
                    ),
                )
                for n in contract_nested
            ],
        )
    return schema, nested


def _read_parquet(path: Path, source: str, mapping: ColumnMapping) -> pd.DataFrame:
    import pyarrow.parquet as pq

    schema, nested = checked_parquet_schema(path, source, mapping)
    try:
        keep = [n for n in schema.names if not _skip_at_read(n, mapping) and n not in nested]
        as_dict = [
            n
            for n in keep
            if canonical_header(n) in LOW_CARDINALITY
            and str(schema.field(n).type) in ("string", "large_string")
        ]
        table = pq.read_table(path, columns=keep, read_dictionary=as_dict)
    except Exception as exc:  # pyarrow raises several types for broken files
        raise refuse(source, "data_file.parquet_unreadable", detail=_first_line(exc)) from None
    raw = table.to_pandas()
    raw.attrs["personal_skipped"] = [n for n in schema.names if n not in keep and n not in nested]
    raw.attrs["file_headers"] = [str(n).strip() for n in schema.names]
    raw.attrs["dropped_columns"] = [
        Note(
            "data_note.dropped_kind",
            column=cut(printable(n)),
            kind=_arrow_kind(schema.field(n).type),
        )
        for n in nested
    ]
    return raw


def _arrow_kind(arrow_type: Any) -> Note:
    """Words for a nested or binary Parquet type."""
    import pyarrow as pa

    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return Note("data_file.kind_lists")
    if pa.types.is_struct(arrow_type):
        return Note("data_file.kind_structs")
    if pa.types.is_map(arrow_type):
        return Note("data_file.kind_maps")
    if pa.types.is_nested(arrow_type):
        return Note("data_file.kind_nested")
    return Note("data_file.kind_binary")


def _read_excel(path: Path, source: str, mapping: ColumnMapping | None = None) -> pd.DataFrame:
    """The log of a workbook: from the sheet and header row :func:`workbook.locate`
    finds (a title row above the headers, a cover sheet first), merged cells filled."""
    try:
        with pd.ExcelFile(path, engine="openpyxl") as xl:
            sheet, header, alike = workbook.locate(xl, mapping or ColumnMapping())
            if alike:  # the log split over sheets: reading one would drop the others
                raise refuse(source, "data_file.sheets_alike", (1,), sheets=tuple(alike))
            raw = pd.read_excel(xl, sheet_name=sheet, header=header, dtype=object)
        if header or sheet:
            raw = workbook.sheet_rows_index(raw, header)
        raw = workbook.fill_merged(raw, path, sheet, header)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise refuse(source, "data_file.xlsx_unreadable", detail=_first_line(exc)) from None
    # pandas renames a repeated header 'Antwort' to 'Antwort.1': undo that to check
    names = [str(c) for c in raw.columns]
    _duplicate_headers(
        [m[1] if (m := re.fullmatch(r"(.*)\.\d+", c)) and m[1] in names else c for c in names],
        source,
    )
    raw = raw.dropna(how="all")
    return raw


def read_raw(path: Path, source: str, mapping: ColumnMapping) -> pd.DataFrame:
    """The raw frame of a CSV, Parquet or XLSX file, by its ending (see :func:`_read_csv`).

    Raises
    ------
    icplab.core.errors.InputError
        When the ending is none of these, or the file cannot be read.
    """
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _read_csv(path, source, mapping)
    if suffix in PARQUET_SUFFIXES:
        return _read_parquet(path, source, mapping)
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, source, mapping)
    raise refuse(source, "data_file.unknown_type", suffix=suffix)
