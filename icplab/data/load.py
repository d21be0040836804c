"""Loading and validating outreach logs (CONTRACT section 1).

:func:`load` reads a CSV (``,`` or ``;``; UTF-8 with or without BOM, or Windows-1252),
Parquet or XLSX file, matches headers case-insensitively (German aliases included), drops
personal data, checks every rule of the format and returns one canonical form,
:class:`OutreachData`, for row-level and aggregated input alike: a frame of group columns
plus count columns (``contacted`` is 1 on each row of a row-level log).

A file that breaks a rule raises :class:`icplab.core.errors.InputError`, which lists every
problem with the spreadsheet row numbers (header = row 1) and the column.

Examples
--------
>>> import pandas as pd
>>> raw = pd.DataFrame({
...     "Prospect_ID": ["p1", "p2"], "Branche": ["IT", "Logistik"], "Mitarbeiter": [12, 80],
...     "Botschaft": ["zeitersparnis", "fehlerrate"], "Anrede": ["Du", "SIE"],
...     "Antwort": ["ja", "nein"], "Termin": ["x", ""], "email": ["a@b.de", "c@d.de"]})
>>> data = validate_frame(raw, source="export.csv")
>>> data.frame[["industry", "size_band", "salutation", "replied", "meeting"]]
   industry size_band salutation  replied  meeting
0        IT      1-49         du        1        1
1  Logistik    50-199        sie        0        0
>>> "email" in data.frame.columns
False
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from icplab.core.config import Config, WhereValue
from icplab.core.errors import MAX_ROWS_LISTED, InputError, Problem, printable
from icplab.core.schema import (
    BOOLEAN_COLUMNS,
    DEFAULT_CAMPAIGN,
    FALSE_SPELLINGS,
    GROUP_COLUMNS,
    MAPPABLE_COLUMNS,
    OPTIONAL_TEXT_COLUMNS,
    PERSONAL_COLUMNS,
    POSITIVE_REPLY_CLASSES,
    REPLY_CLASSES,
    REQUIRED_COLUMNS,
    REQUIRED_COUNT_COLUMNS,
    SALUTATIONS,
    TRUE_SPELLINGS,
    SizeBands,
    canonical_header,
    ordered_levels,
)
from icplab.data import scan, warehouse
from icplab.data.cache import cache_key, lookup, store
from icplab.data.counts import apply_where, counts
from icplab.data.dates import parse_dates
from icplab.data.labels import normalise_labels
from icplab.data.limits import MAX_CELL_CHARS, check_columns, check_file, cut
from icplab.data.mapping import ColumnMapping, best_preset, suggest_mapping
from icplab.data.numbers import (
    MAX_EMPLOYEES,
    looks_like_phone_numbers,
    parse_amounts,
    parse_sizes,
    parse_whole,
)
from icplab.data.personal import (
    drop_declared,
    header_looks_like_data,
    is_name_header,
    is_personal_header,
    looks_personal,
    mask_personal,
    pseudonym_key,
    pseudonymise_ids,
    scrub_emails,
)
from icplab.data.presets import PRESETS

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
#: At most this many example values are quoted in a message (never from personal columns).
MAX_EXAMPLES = 3


@dataclass(frozen=True)
class ReadNotes:
    """What reading a file did besides validating it (stated by ``icplab validate``).

    Attributes
    ----------
    headers
        Contract column -> the file's own header it was read from.
    preset
        The column preset used, if any.
    personal_dropped
        Headers of the columns dropped as personal data (names only, never values).
    pseudonymised
        Whether prospect IDs that were e-mail addresses were replaced by pseudonyms.
    decimal_mark
        ``","`` or ``"."`` as inferred from ``deal_value``; ``None`` when not needed.
    """

    headers: dict[str, str] = field(default_factory=dict)
    preset: str | None = None
    personal_dropped: tuple[str, ...] = ()
    pseudonymised: bool = False
    decimal_mark: str | None = None
    #: Factor -> contacts with a blank value there (kept in every total; left out,
    #: counted and stated, where that factor is judged). ``size_band`` covers employees.
    blanks: dict[str, int] = field(default_factory=dict)
    #: Factor -> {level: number of spellings merged into it} (case, invisible characters,
    #: Unicode forms).
    merged: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Whether the file has a prospect_id column (without one, duplicates cannot be checked).
    has_ids: bool = True
    #: The export's own size ranges used as bands ``(lower, upper or None)``; empty when the
    #: bands are the configured or default ones.
    size_ranges: tuple[tuple[int, int | None], ...] = ()
    #: Date column -> ``iso`` / ``german``.
    date_styles: dict[str, str] = field(default_factory=dict)
    #: Blank rows and totals rows (Summe, Total, ...) dropped at the foot of the sheet.
    foot_rows: int = 0
    #: Optional columns empty in every row, treated as absent.
    empty_columns: tuple[str, ...] = ()
    #: Columns dropped for their type or size (nested/binary Parquet columns, cells too
    #: long in a column outside the contract), with the reason.
    dropped: tuple[str, ...] = ()

    def left_out(self, factor: str) -> int:
        """Contacts left out where ``factor`` is judged (blank cells); 0 when none.

        Examples
        --------
        >>> ReadNotes(blanks={"size_band": 95}).left_out("employees")
        95
        """
        key = "size_band" if factor == "employees" else factor
        return int(self.blanks.get(key, 0))


@dataclass(frozen=True)
class OutreachData:
    """A validated outreach log in canonical form.

    Attributes
    ----------
    frame
        One row per prospect (row-level input) or per group (aggregated input). Group
        columns (``campaign``, ``industry``, ``size_band``, ``messaging``, ``salutation``
        and, when present, ``employees``, ``region``, ``channel``) are categoricals or
        ints; count columns ``contacted``, ``replied``, ``meeting`` and, when present,
        ``opened``, ``qualified``, ``deal`` are int64; ``deal_value`` is float EUR. The
        index + 2 is the spreadsheet row number of each row.
    source
        The file the data came from, as given.
    aggregated
        Whether the input was already aggregated into counts.
    size_bands
        The size bands ``size_band`` was derived with.
    read
        How the file was read: headers mapped, personal columns dropped, decimal mark
        (see :class:`ReadNotes`).
    """

    frame: pd.DataFrame
    source: str
    aggregated: bool = False
    size_bands: SizeBands = field(default_factory=SizeBands)
    read: ReadNotes = field(default_factory=lambda: ReadNotes())

    @property
    def n_contacts(self) -> int:
        """Number of prospects contacted."""
        return int(self.frame["contacted"].sum())

    @property
    def has_qualified(self) -> bool:
        return "qualified" in self.frame.columns

    @property
    def has_deal(self) -> bool:
        return "deal" in self.frame.columns

    def counts(self, by: Iterable[str] = ()) -> pd.DataFrame:
        """Funnel counts per group; see :func:`icplab.data.counts.counts`."""
        return counts(self.frame, list(by))

    def where(self, where: dict[str, WhereValue] | None) -> OutreachData:
        """The same data restricted to a segment (see :func:`icplab.data.counts.apply_where`)."""
        if not where:
            return self
        return OutreachData(
            apply_where(self.frame, where), self.source, self.aggregated, self.size_bands, self.read
        )


def load(
    path: str | Path,
    *,
    size_bands: SizeBands | None = None,
    columns: Mapping[str, Any] | ColumnMapping | None = None,
    preset: str | None = None,
    config: Config | None = None,
) -> OutreachData:
    """Read and validate an outreach log.

    Parameters
    ----------
    path
        A ``.csv``, ``.parquet`` or ``.xlsx`` file, row-level or aggregated.
    size_bands
        Size bands to derive ``size_band`` from ``employees`` (default 1-49, 50-199,
        200-499, 500+).
    columns
        The ``[columns]`` table of ``icplab.toml`` (``Config.columns``): how the file's
        own headers and values map to the contract (CONTRACT section 6).
    preset
        A built-in column mapping (``lemlist``, ``apollo``, ...); wins over a
        ``preset`` in ``columns``.
    config
        A workspace :class:`~icplab.core.config.Config`: its size bands and ``[columns]``
        apply unless ``size_bands`` or ``columns`` are given.

    Returns
    -------
    OutreachData

    Raises
    ------
    icplab.core.errors.InputError
        When the file is missing, unreadable, empty, or breaks any rule of the format.
    """
    source = str(path)
    path = Path(path)
    bands_configured = size_bands is not None
    strict = False
    if config is not None:
        bands_configured = bands_configured or "size_bands" in config.raw
        strict = bool((config.raw.get("load") or {}).get("strict", False))
        size_bands = size_bands or config.size_bands
        if columns is None:
            columns = ColumnMapping.from_config(config.columns, preset, where=config.where_label)
            preset = None
    mapping = _mapping(columns, preset)
    if warehouse.is_warehouse(source):  # a database table, counted where it lives
        return warehouse.load_table(source, validate_frame, mapping=mapping, size_bands=size_bands)
    check_file(path, source, check_memory=False)
    if not scan.wanted(path, mapping):  # the out-of-core path needs no room for the rows
        check_file(path, source)
    # Inside a workspace, a file validated before (same size, time, mapping, size bands)
    # comes from the workspace's cache of validated logs (icplab.data.cache).
    root = config.root if config is not None and config.path is not None else None
    key = (
        cache_key(path, mapping=mapping, size_bands=(size_bands, bands_configured, strict))
        if root is not None
        else None
    )
    if root is not None:
        hit = lookup(root, key)
        if hit is not None:
            frame, meta = hit
            return OutreachData(
                frame,
                source,
                bool(meta["aggregated"]),
                _bands_of(meta),
                _notes_of(meta["read"]),
            )
    if scan.wanted(path, mapping):  # big Parquet/CSV: counted out of core (icplab.data.scan)
        data = scan.scan_log(path, validate_frame, source=source, size_bands=size_bands)
        if root is not None:
            store(root, key, data)
        return data
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        raw = _read_csv(path, source, mapping)
    elif suffix in PARQUET_SUFFIXES:
        raw = _read_parquet(path, source, mapping)
    elif suffix in EXCEL_SUFFIXES:
        raw = _read_excel(path, source)
    else:
        raise InputError(
            source,
            [Problem(None, (), f"unknown file type '{suffix}'. Use .csv, .parquet or .xlsx.")],
        )
    with pseudonym_key(root):  # the workspace's secret (personal.py)
        data = validate_frame(
            raw,
            source=source,
            size_bands=size_bands,
            columns=mapping,
            strict=strict,
            bands_configured=bands_configured,
        )
    if root is not None:
        store(root, key, data)
    return data


def _bands_of(meta: Mapping[str, Any]) -> SizeBands:
    """The size bands of a cache entry (the export's own ranges when it had them)."""
    ranges = meta["read"].get("size_ranges") or []
    if ranges:
        return SizeBands.from_ranges([(int(a), None if b is None else int(b)) for a, b in ranges])
    bands = meta["size_bands"]
    return SizeBands(tuple(bands["edges"]), tuple(bands["names"] or ()))


def _notes_of(notes: Mapping[str, Any]) -> ReadNotes:
    """:class:`ReadNotes` from their JSON form (a cache entry)."""
    return ReadNotes(
        headers=dict(notes["headers"]),
        preset=notes["preset"],
        personal_dropped=tuple(notes["personal_dropped"]),
        pseudonymised=bool(notes["pseudonymised"]),
        decimal_mark=notes["decimal_mark"],
        blanks={str(k): int(v) for k, v in (notes.get("blanks") or {}).items()},
        merged={str(k): dict(v) for k, v in (notes.get("merged") or {}).items()},
        has_ids=bool(notes.get("has_ids", True)),
        size_ranges=tuple(
            (int(a), None if b is None else int(b)) for a, b in notes.get("size_ranges") or []
        ),
        date_styles=dict(notes.get("date_styles") or {}),
        foot_rows=int(notes.get("foot_rows", 0)),
        empty_columns=tuple(notes.get("empty_columns") or ()),
        dropped=tuple(notes.get("dropped") or ()),
    )


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
            return [str(c) for c in pd.read_excel(path, nrows=0, engine="openpyxl").columns]
        with path.open("rb") as fh:
            first = fh.readline(1 << 20)
        encoding = detect_encoding(first)
        text = first.decode(encoding, errors="replace").lstrip("\ufeff").rstrip("\r\n")
        return [h.strip() for h in next(csv.reader([text], delimiter=sniff_delimiter(text)))]
    except InputError:
        raise
    except Exception as exc:  # the readers raise many types for broken files
        raise InputError(
            source, [Problem(None, (), f"cannot be read ({_first_line(exc)}).")]
        ) from None


def _mapping(
    columns: Mapping[str, Any] | ColumnMapping | None, preset: str | None
) -> ColumnMapping:
    if isinstance(columns, ColumnMapping):
        return ColumnMapping.from_config({}, preset) if preset else columns
    return ColumnMapping.from_config(columns, preset)


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


# --------------------------------------------------------------------------- reading


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a CSV header line: ``;``, tab or ``,``.

    Examples
    --------
    >>> sniff_delimiter("Branche;Mitarbeiter;Anrede")
    ';'
    >>> sniff_delimiter("industry,employees")
    ','
    """
    counts_ = {d: header_line.count(d) for d in (";", "\t", ",")}
    best = max(counts_, key=lambda d: counts_[d])
    return best if counts_[best] > 0 else ","


def detect_encoding(data: bytes) -> str:
    """The encoding to read CSV bytes with: ``utf-8-sig``, ``cp1252`` or ``latin-1``.

    Examples
    --------
    >>> detect_encoding("Größe".encode("cp1252")), detect_encoding("Größe".encode())
    ('cp1252', 'utf-8-sig')
    """
    if data.isascii():
        return "utf-8-sig"
    try:
        data.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _ragged_rows(data: bytes, sep: bytes, n_fields: int) -> list[tuple[int, int]]:
    """Lines (1-based, the header's line = 1) whose field count differs from the header's,
    with the count found.

    Only valid for files without quote characters. Vectorised over the bytes; empty lines
    are not counted as ragged.
    """
    buf = np.frombuffer(data, dtype=np.uint8)
    newline = np.flatnonzero(buf == ord("\n"))
    ends = np.append(newline, len(buf)) if (len(buf) and buf[-1] != ord("\n")) else newline
    is_sep = np.concatenate([[0], np.cumsum(buf == sep[0], dtype=np.int64)])
    starts = np.concatenate([[0], ends[:-1] + 1])
    per_line = is_sep[ends] - is_sep[starts]
    length = ends - starts - (buf[np.maximum(ends - 1, 0)] == ord("\r"))
    bad = (per_line != n_fields - 1) & (length > 0)
    return [(int(i) + 1, int(per_line[i]) + 1) for i in np.flatnonzero(bad)]


def _quoted_layout_ok(data: bytes, sep: bytes, n_fields: int, n_rows: int) -> bool:
    """Whether a file with quotes, which pandas read as ``n_rows`` rows without error,
    certainly holds ``n_rows`` records of ``n_fields`` fields each, with no value spanning
    lines (a cheap, vectorised screen).

    Quotes toggle "inside a value" (a doubled quote toggles twice). pandas refuses a row
    with surplus fields, so when the separators outside quotes add up to ``n_fields - 1``
    per non-empty line, no line is short either. Any doubt (an odd number of quotes, a line
    end inside a value, a bare CR, a row count that differs) answers ``False``, and the
    exact reader (:func:`_exact_records`) decides.
    """
    if data.count(b"\r") != data.count(b"\r\n"):
        return False
    buf = np.frombuffer(data, dtype=np.uint8)
    inside = np.bitwise_xor.accumulate((buf == ord('"')).view(np.uint8))
    if len(buf) and inside[-1]:
        return False  # an odd number of quotes
    newline = np.flatnonzero(buf == ord("\n"))
    if inside[newline].any():
        return False  # a line end inside a quoted value
    # a quote opens a value only at its start and closes it only at its end ("a"b is broken)
    padded = np.concatenate([[ord("\n")], buf, [ord("\n")]])
    quotes = np.flatnonzero(buf == ord('"'))
    opening = inside[quotes] == 1
    bound = np.array([sep[0], ord("\n"), ord("\r"), ord('"')], dtype=np.uint8)
    if not np.isin(padded[quotes[opening]], bound).all():
        return False
    if not np.isin(padded[quotes[~opening] + 2], bound).all():
        return False
    ends = np.append(newline, len(buf)) if (len(buf) and buf[-1] != ord("\n")) else newline
    starts = np.concatenate([[0], ends[:-1] + 1])
    length = ends - starts - (buf[np.maximum(ends - 1, 0)] == ord("\r"))
    seps = np.count_nonzero((buf == sep[0]) & (inside == 0))
    filled = int(np.count_nonzero(length[1:] > 0))  # the header is the first line
    return seps == (n_fields - 1) * (filled + 1) and len(ends) - 1 == n_rows


def _exact_records(
    text: str, sep: str, n_fields: int, source: str
) -> tuple[list[list[str]], list[int]]:
    """Parse CSV text record by record (the slow, exact reader for files that fail the
    screen): the data records and the line each starts on (header = line 1).

    Raises
    ------
    icplab.core.errors.InputError
        Naming the lines of records with another field count than the header's, and the
        line where a quote opens that swallows line ends and separators (an unclosed quote).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    ragged: list[tuple[int, int]] = []
    swallowed: list[tuple[int, int]] = []
    prev = 0
    try:
        for i, rec in enumerate(reader):
            start, end = prev + 1, reader.line_num
            prev = end
            if i == 0:
                continue  # the header
            if end > start:  # a quoted value spans lines: where does its quote open?
                before = 0
                for value in rec:
                    if "\n" in value or "\r" in value:
                        if value.count(sep) >= n_fields - 1 or len(rec) != n_fields:
                            swallowed.append((start + before, end))
                        break
                    before += value.count("\n") + value.count("\r") - value.count("\r\n")
            if not rec or all(not v.strip() for v in rec):
                continue  # an empty line, or one of separators only
            if len(rec) != n_fields:
                ragged.append((start, len(rec)))
            records.append(rec)
            lines.append(start)
    except csv.Error as exc:
        raise InputError(
            source,
            [Problem(None, (), f"cannot be read as CSV ({exc}) on line {prev + 1}.")],
        ) from None
    problems: list[Problem] = []
    if swallowed:
        desc = "; ".join(
            f"a quote opens on line {a} and " + (f"closes only on line {b}" if b > a else "")
            for a, b in swallowed[:MAX_EXAMPLES]
        )
        problems.append(
            Problem(
                None,
                (),
                f"unclosed quote: {desc}, so the lines between were read as one value "
                "(whole rows would be lost). Close the quote, or remove the stray '\"' "
                '(write it doubled, "", inside a quoted value).',
            )
        )
    elif ragged:
        desc = ", ".join(f"line {a} has {k}" for a, k in ragged[:MAX_ROWS_LISTED])
        more = f" and {len(ragged) - MAX_ROWS_LISTED} more lines" if len(ragged) > 5 else ""
        problems.append(
            Problem(
                None,
                tuple(a for a, _ in ragged),
                f"rows with another number of fields than the header ({n_fields} fields): "
                f"{desc}{more} (lines of the file, the header is line 1). A '{sep}' inside "
                "a value shifts every column after it, a missing one drops the last value: "
                f"quote such values, or add the missing '{sep}'.",
            )
        )
    if problems:
        raise InputError(source, problems)
    return records, lines


def _unclosed_at_end(text: str, sep: str) -> int | None:
    """The line where a quote opens that is never closed (strict reading), or ``None``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    prev = 0
    try:
        for _ in reader:
            prev = reader.line_num
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return prev + 1
    return None


#: Byte-order marks of UTF-32 and UTF-16 (UTF-32 first: its little-endian mark starts
#: with UTF-16's).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Bytes looked at to tell text from binary content.
_SNIFF_BYTES = 65536
#: C0 control bytes that text files do not hold (tab, line feed and carriage return do).
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])


def _utf16_without_bom(data: bytes) -> str:
    """``utf-16-le`` / ``utf-16-be`` for UTF-16 text without a byte-order mark (ASCII-heavy
    text then has a NUL in every second byte), else ``""``.

    Examples
    --------
    >>> _utf16_without_bom("a,b\\n".encode("utf-16-le")), _utf16_without_bom(b"a,b\\n")
    ('utf-16-le', '')
    """
    head = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(head) < 4 or head.count(0) < len(head) // 4:
        return ""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd >= 0.9 * half and even < 0.1 * half:
        return "utf-16-le"
    if even >= 0.9 * half and odd < 0.1 * half:
        return "utf-16-be"
    return ""


def looks_binary(data: bytes) -> bool:
    """Whether decoded CSV bytes hold binary content (a renamed workbook, archive or image):
    NUL bytes or many control bytes in the first 64 KB. A stray NUL in one cell is text.

    Examples
    --------
    >>> looks_binary(b"PK\\x03\\x04\\x14\\x00\\x06\\x00\\x08\\x00\\x00\\x00!\\x00"), looks_binary(b"a,b\\n1,2\\n")
    (True, False)
    """
    head = data[:_SNIFF_BYTES]
    if not head:
        return False
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return head.count(0) > max(1, len(head) // 1000) or control > len(head) // 20


def decode_csv_bytes(data: bytes) -> tuple[bytes, str]:
    """CSV bytes ready for the reader, and their encoding.

    UTF-16 and UTF-32 with a byte-order mark (Excel's "Unicode text"), and UTF-16 without
    one, are transcoded to UTF-8; a UTF-8 byte-order mark is dropped; old-Mac line ends (CR
    only) become LF.

    Examples
    --------
    >>> decode_csv_bytes("a\\tb\\r\\n1\\t2\\r\\n".encode("utf-16"))
    (b'a\\tb\\r\\n1\\t2\\r\\n', 'utf-8')
    >>> decode_csv_bytes(b"a,b\\r1,2\\r")
    (b'a,b\\n1,2\\n', 'utf-8-sig')
    """
    codec = next((c for bom, c in _BOMS if data.startswith(bom)), "") or _utf16_without_bom(data)
    if codec:
        data = data.decode(codec).encode("utf-8")
        encoding = "utf-8"
    else:
        encoding = detect_encoding(data)
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
    if b"\r" in data and b"\n" not in data:
        data = data.replace(b"\r", b"\n")
    return data, encoding


#: File signatures named in the "not a text file" message.
_BINARY_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a zip archive (an Excel .xlsx workbook is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) workbook"),
    (b"PAR1", "a Parquet file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
)


def _read_csv(path: Path, source: str, mapping: ColumnMapping) -> pd.DataFrame:
    data = path.read_bytes()
    if not data or data.isspace():
        raise InputError(
            source,
            [
                Problem(
                    None,
                    (),
                    "the file is empty. Export the log with a header row and one row per prospect.",
                )
            ],
        )
    try:
        body, encoding = decode_csv_bytes(data)
    except UnicodeDecodeError:
        raise InputError(
            source,
            [
                Problem(
                    None,
                    (),
                    "starts like UTF-16/UTF-32 text (a byte-order mark) but cannot be decoded "
                    "as such. Export it again as CSV UTF-8.",
                )
            ],
        ) from None
    if looks_binary(body):
        kind = next(
            (name for magic, name in _BINARY_KINDS if data.startswith(magic)), "binary data"
        )
        raise InputError(
            source,
            [
                Problem(
                    None,
                    (),
                    f"is not a text (CSV) file: it holds {kind}. Export the log as CSV "
                    "(UTF-8), or give an Excel workbook the ending .xlsx and a Parquet file "
                    ".parquet.",
                )
            ],
        )
    offset = len(body) - len(body.lstrip(b"\r\n"))
    ends = [i for i in (body.find(b"\n", offset), body.find(b"\r", offset)) if i >= 0]
    header_text = body[offset : min(ends, default=len(body))].decode(encoding, errors="replace")
    sep = sniff_delimiter(header_text)
    try:
        header = next(csv.reader([header_text], delimiter=sep), [""])
    except csv.Error as exc:
        raise InputError(
            source, [Problem(None, (1,), f"the header cannot be read as CSV ({exc}).")]
        ) from None
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
        ragged = _ragged_rows(body[offset:], sep.encode(), len(header))
        if ragged:
            desc = ", ".join(f"line {a} has {k}" for a, k in ragged[:MAX_ROWS_LISTED])
            more = f" and {len(ragged) - MAX_ROWS_LISTED} more lines" if len(ragged) > 5 else ""
            raise InputError(
                source,
                [
                    Problem(
                        None,
                        tuple(a for a, _ in ragged),
                        f"rows with another number of fields than the header ({len(header)} "
                        f"fields): {desc}{more} (lines of the file, the header is line 1). "
                        f"A '{sep}' inside a value shifts every column after it, a missing one "
                        f"drops the last value: quote such values, or add the missing '{sep}'.",
                    )
                ],
            )
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
    try:
        with warnings.catch_warnings():
            # a row with more fields than the header must fail, not be silently cut
            warnings.simplefilter("error", pd.errors.ParserWarning)
            raw = pd.read_csv(
                io.BytesIO(body[offset:]),
                sep=sep,
                encoding=encoding,
                dtype=dtype,
                usecols=None if exact else usecols,
                keep_default_na=False,
                skip_blank_lines=False,
                quoting=csv.QUOTE_MINIMAL,
                index_col=False,
            )
    except (pd.errors.ParserError, pd.errors.ParserWarning, UnicodeDecodeError, ValueError):
        raw = None  # the exact reader below says which line and why
    except pd.errors.EmptyDataError:
        raise InputError(source, [Problem(None, (), "the file is empty.")]) from None
    if exact and (
        raw is None
        or raw.shape[1] != len(header)
        or not _quoted_layout_ok(body[offset:], sep.encode(), len(header), len(raw))
    ):
        raw = _exact_frame(body[offset:], encoding, sep, header, dtype, source)
    if raw is None:
        raise InputError(
            source,
            [
                Problem(
                    None,
                    (),
                    "cannot be read as CSV. Check that every row has as many fields as the "
                    "header and quotes are closed.",
                )
            ],
        )
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
    if not exact:
        raw.attrs["personal_skipped"] = [h for h in header if _skip_at_read(h, mapping)]
        if header and _skip_at_read(header[0], mapping):
            raw.attrs["unread_totals"] = _totals_lines(body, sep)
    return raw


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
) -> pd.DataFrame:
    """The data of a CSV read record by record (:func:`_exact_records`): the index is the
    record's line minus 2, so problems name the line a record starts on."""
    text = body.decode(encoding, errors="replace")
    line = _unclosed_at_end(text, sep)
    if line is not None:
        raise InputError(
            source,
            [
                Problem(
                    None,
                    (),
                    f"unclosed quote: a quote opens on line {line} and is never closed, so "
                    "every line after it would be read as one value. Close the quote, or "
                    'remove the stray \'"\' (write it doubled, "", inside a quoted value).',
                )
            ],
        )
    records, lines = _exact_records(text, sep, len(header), source)
    frame = pd.DataFrame(
        records or None,
        columns=list(range(len(header))),
        index=pd.Index([n - 2 for n in lines], dtype="int64"),
        dtype=object,
    )
    frame = frame.astype({i: dtype.get(i, str) for i in range(len(header))})
    frame.columns = pd.Index(header, dtype=object)
    return frame


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
    desc = "; ".join(
        " and ".join(f"'{cut(printable(str(header[i]).strip()))}' (column {i + 1})" for i in v)
        + f" both mean {k}"
        for k, v in dupes.items()
    )
    raise InputError(
        source,
        [
            Problem(
                None,
                (1,),
                f"the header has columns that mean the same: {desc}. Keep one of each "
                "(delete or rename the other), so no value is read from the wrong column.",
            )
        ],
    )


def _distinct(series: pd.Series) -> np.ndarray:
    """The distinct non-missing values of a column, cheaply (categories of a categorical)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        used = np.unique(series.cat.codes.to_numpy())
        return np.asarray(series.cat.categories, dtype=object)[used[used >= 0]]
    values = np.asarray(pd.unique(series.to_numpy()), dtype=object)
    return values[~pd.isna(values)]


_SEVEN_DIGITS = re.compile(r"(?:\d\D{0,3}){7}")


def _may_be_personal(series: pd.Series) -> bool:
    """:func:`~icplab.data.personal.looks_personal` on the distinct values, asked only when
    a value could be an e-mail address (an ``@``) or a phone number (7 digits): the check
    costs milliseconds per column, too much for exports with hundreds of columns."""
    if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(
        series.dtype
    ):
        return False
    distinct = _distinct(series)
    if not any("@" in (t := str(v)) or _SEVEN_DIGITS.search(t) for v in distinct):
        return False
    return looks_personal(pd.Series(distinct, dtype=object))


def _is_anrede(header: object) -> bool:
    return str(header).strip().casefold() == "anrede"


#: Values of a column that holds the person's gender, not the form of address.
GENDER_WORDS: frozenset[str] = frozenset(
    {"herr", "frau", "mr", "mrs", "ms", "miss", "mx", "divers", "herr dr", "frau dr", "dr"}
)


def looks_like_gender(series: pd.Series) -> bool:
    """Whether most non-empty values are Herr/Frau/Mr/Ms (the person's gender).

    Examples
    --------
    >>> looks_like_gender(pd.Series(["Herr", "Frau", "Frau", None]))
    True
    >>> looks_like_gender(pd.Series(["Du", "Sie"]))
    False
    """
    if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(
        series.dtype
    ):
        return False
    distinct = _distinct(series)
    if len(distinct) > 40:
        return False
    values = {str(v).strip().casefold().replace(".", "") for v in distinct} - {""}
    if not values or len(values) > 20:
        return False
    return sum(v in GENDER_WORDS for v in values) >= 0.5 * len(values)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__


def _read_parquet(path: Path, source: str, mapping: ColumnMapping) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception as exc:  # pyarrow raises several types for broken files
        raise InputError(
            source, [Problem(None, (), f"cannot be read as Parquet ({_first_line(exc)}).")]
        ) from None
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
                    f"column {cut(printable(n))!r} holds {_arrow_kind(schema.field(n).type)}, "
                    "not one value per cell. Write it as text, numbers or yes/no.",
                )
                for n in contract_nested
            ],
        )
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
        raise InputError(
            source, [Problem(None, (), f"cannot be read as Parquet ({_first_line(exc)}).")]
        ) from None
    raw = table.to_pandas()
    raw.attrs["personal_skipped"] = [n for n in schema.names if n not in keep and n not in nested]
    raw.attrs["file_headers"] = [str(n).strip() for n in schema.names]
    raw.attrs["dropped_columns"] = [
        f"{cut(printable(n))} ({_arrow_kind(schema.field(n).type)})" for n in nested
    ]
    return raw


def _arrow_kind(arrow_type: Any) -> str:
    """Words for a nested or binary Parquet type."""
    import pyarrow as pa

    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return "lists"
    if pa.types.is_struct(arrow_type):
        return "structs"
    if pa.types.is_map(arrow_type):
        return "maps"
    if pa.types.is_nested(arrow_type):
        return "nested values"
    return "binary data"


def _read_excel(path: Path, source: str) -> pd.DataFrame:
    try:
        raw = pd.read_excel(path, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise InputError(
            source,
            [Problem(None, (), f"cannot be read as an Excel workbook ({_first_line(exc)}).")],
        ) from None
    # pandas renames a repeated header 'Antwort' to 'Antwort.1': undo that to check
    names = [str(c) for c in raw.columns]
    _duplicate_headers(
        [m[1] if (m := re.fullmatch(r"(.*)\.\d+", c)) and m[1] in names else c for c in names],
        source,
    )
    raw = raw.dropna(how="all")
    return raw


# --------------------------------------------------------------------------- validation


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
    raw, too_long = (raw, []) if attrs.get("short_cells") else _long_cells(raw, source, mapping)
    file_headers = [str(c).strip() for c in raw.columns]
    skipped = [
        str(h).strip()
        if not looks_personal(pd.Series([str(h)]))
        else "(a header that is itself personal)"
        for h in attrs.get("personal_skipped", [])
    ]
    file_headers = list(attrs.get("file_headers") or [*file_headers, *skipped])
    if attrs.get("personal_skipped"):  # never print a header that is itself personal
        file_headers = [
            h if not looks_personal(pd.Series([h])) else f"column {i + 1}"
            for i, h in enumerate(file_headers)
        ]
    headers: dict[str, str] = {}
    # a file without a header row: its first data row stands where the headers belong
    data_like = header_looks_like_data(attrs.get("file_headers") or list(raw.columns))
    if mapping or mapping.reads_json(raw):  # custom_fields are read without a mapping
        try:
            if attrs.get("file_headers"):
                raw.attrs = {"file_headers": attrs["file_headers"]}
            raw, headers = mapping.apply(raw, source)
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
        raise InputError(source, [Problem(None, (), "the file is empty.")])
    if len(raw) == 0:
        raise InputError(
            source,
            [
                Problem(
                    None,
                    (),
                    "the file has a header but no data rows. Export at least one prospect.",
                )
            ],
        )
    raw, empty_columns = _drop_empty_columns(raw, source)
    aggregated = "contacted" in raw.columns
    _require(raw, source, file_headers, mapping, aggregated, data_like)
    pseudonymised = False
    if "prospect_id" in raw.columns:
        raw = raw.copy()
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
    )
    try:
        if aggregated:
            data = _validate_aggregated(
                raw, source, size_bands, strict=strict, bands_configured=bands_configured
            )
        else:
            data = _validate_rows(
                raw, source, size_bands, strict=strict, bands_configured=bands_configured
            )
    except InputError as exc:
        raise InputError(
            source, [replace(p, header=headers.get(p.column or "")) for p in exc.problems]
        ) from None
    found = data.read
    return replace(
        data,
        read=replace(
            notes,
            decimal_mark=found.decimal_mark,
            blanks=found.blanks,
            merged=found.merged,
            has_ids=found.has_ids,
            size_ranges=found.size_ranges,
            date_styles=found.date_styles,
        ),
    )


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
        if pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_datetime64_any_dtype(dtype):
            continue
        distinct = _distinct(series)
        if (
            not len(distinct)
            or not (pd.Series(distinct).dropna().astype(str).str.len() > MAX_CELL_CHARS).any()
        ):
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
                    f"{'column ' + repr(cut(printable(str(col).strip()))) + ': ' if name not in _CONTRACT else ''}"
                    f"a cell longer than {MAX_CELL_CHARS:,} characters (not shown). Such a "
                    "value is no label or number of an outreach log: check the export.",
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
    shown = [
        f"{cut(printable(str(c).strip()))} (cells longer than {MAX_CELL_CHARS:,} characters)"
        for c in drop
    ]
    return out, shown


def _drop_empty_columns(raw: pd.DataFrame, source: str) -> tuple[pd.DataFrame, list[str]]:
    """Optional columns empty in every row are absent (a ``meeting`` column without a
    value: the log records no meetings). A required column empty in every row is an error."""
    empty: list[str] = []
    for col in raw.columns:
        series = raw[col]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(
            series.dtype
        ):
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
            [
                Problem(
                    c,
                    (),
                    "the column is empty in every row. Fill it in, or map the column that "
                    "holds it under [columns] in icplab.toml.",
                )
                for c in bad
            ],
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
    shown = [
        str(c).strip() if not looks_personal(pd.Series([str(c)])) else f"column {i + 1}"
        for i, c in enumerate(raw.columns)
        if c in drop
    ]
    return raw.drop(columns=drop), shown


#: Contract columns (never checked for personal content: their own validation applies).
_CONTRACT = frozenset(MAPPABLE_COLUMNS) - PERSONAL_COLUMNS

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

    shown_headers = [
        h if not looks_personal(pd.Series([h])) else f"column {i + 1}"
        for i, h in enumerate(file_headers)
    ]
    close: list[str] = []
    suggestions = suggest_mapping(shown_headers)
    for col in missing:
        candidates = difflib.get_close_matches(col, shown_headers, n=2, cutoff=0.6)
        candidates += [
            h
            for h in shown_headers
            if h not in candidates
            and col.split("_")[0] in h.casefold().replace(" ", "_")
            and not is_personal_header(h)
        ][:2]
        known = suggestions.get(col)
        if known and known not in candidates:
            candidates.insert(0, known)
        expected = mapping.expected(col)
        if candidates:
            close.append(f"{col}: maybe {', '.join(repr(cut(c)) for c in candidates)}")
        elif expected:
            close.append(f"{col}: the preset looks for {', '.join(repr(e) for e in expected)}")
    listed = ", ".join(repr(cut(h)) for h in shown_headers[:MAX_HEADERS_LISTED])
    more = len(shown_headers) - MAX_HEADERS_LISTED
    if more > 0:
        listed += f" and {more} more"
    what = (
        "An aggregated log needs the count columns contacted and replied (meeting, "
        "qualified and deal are optional)."
        if aggregated
        else "A row-level log needs industry, the company size (employees as a number or a "
        "range such as 51-200, or size_band) and replied; prospect_id, messaging, "
        "salutation and meeting are optional (German headers Branche, Mitarbeiter, Antwort "
        "are accepted); an aggregated log needs a 'contacted' count column."
    )
    guess = best_preset(file_headers) if not mapping.preset else None
    fix = (
        f"This looks like an export of {PRESETS[guess].title}: try --preset {guess} "
        f'(or preset = "{guess}" under [columns] in icplab.toml).'
        if guess
        else "Map the file's headers to these columns under [columns] in icplab.toml "
        "(icplab validate FILE --suggest-mapping drafts it), or pick a --preset (docs/presets.md)."
    )
    message = (
        f"required column{'s' if len(missing) > 1 else ''} missing: {', '.join(missing)}. {what} "
        f"The file's headers: {listed}."
        + (f" Close matches: {'; '.join(close)}." if close else "")
        + f" {fix}"
    )
    raise InputError(source, [Problem(missing[0] if len(missing) == 1 else None, (1,), message)])


def _no_header(source: str, reason: str) -> InputError:
    """The error for a file whose first line is data: says why, quotes none of it."""
    return InputError(
        source,
        [
            Problem(
                None,
                (1,),
                f"the first line looks like data, not a header ({reason}); add a header row. "
                "A row-level log starts with a line of column names such as prospect_id, "
                "industry, employees, replied, meeting (see docs/input-format.md).",
            )
        ],
    )


def _canonical_headers(raw: pd.DataFrame, source: str) -> pd.DataFrame:
    names = [canonical_header(c) for c in raw.columns]
    seen: dict[str, list[str]] = {}
    for orig, name in zip(raw.columns, names, strict=True):
        seen.setdefault(name, []).append(str(orig).strip())
    dupes = {k: v for k, v in seen.items() if len(v) > 1 and k not in PERSONAL_COLUMNS}
    if dupes:
        desc = "; ".join(
            f"{', '.join(repr(cut(x)) for x in v)} all mean '{k}'" for k, v in dupes.items()
        )
        raise InputError(
            source,
            [
                Problem(
                    None,
                    (1,),
                    f"the header has columns that mean the same: {desc}. Keep one of each.",
                )
            ],
        )
    keep = [
        i
        for i, n in enumerate(names)
        if n not in PERSONAL_COLUMNS and n != "" and not n.startswith("unnamed:")
    ]
    out = raw.iloc[:, keep]
    out.columns = [names[i] for i in keep]
    return out


def _rows(mask: np.ndarray, index: pd.Index) -> tuple[int, ...]:
    """Spreadsheet row numbers where ``mask`` is true."""
    return tuple(int(i) + 2 for i in index[np.asarray(mask, dtype=bool)])


def _examples(values: Any, mask: np.ndarray) -> str:
    vals = pd.unique(
        pd.Series(np.asarray(values, dtype=object)[np.asarray(mask, dtype=bool)]).astype(str)
    )
    shown = ", ".join(repr(cut(v)) for v in vals[:MAX_EXAMPLES])
    return f" (found {shown}{', ...' if len(vals) > MAX_EXAMPLES else ''})"


def _missing_columns(raw: pd.DataFrame, required: Iterable[str], source: str, what: str) -> None:
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise InputError(
            source,
            [
                Problem(
                    c,
                    (1,),
                    f"required column is missing from the header. {what}",
                )
                for c in missing
            ],
        )


def _gender_hint(values: pd.Series, mask: np.ndarray) -> str:
    """A hint when a salutation column holds Herr/Frau (gender), not Du/Sie."""
    found = pd.Series(np.asarray(values, dtype=object)[np.asarray(mask, dtype=bool)])
    gendered = found.astype(str).str.strip().str.casefold().str.rstrip(".")
    if gendered.isin(["herr", "frau", "mr", "mrs", "ms", "dr", "divers"]).any():
        return (
            " Herr/Frau (Mr/Ms) is the salutation by gender, not the form of address: map "
            "salutation to the column that says du or sie under [columns] in icplab.toml."
        )
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
    new_codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1) if len(remap) else codes
    order = ordered_levels(labels)
    pos = {lab: k for k, lab in enumerate(order)}
    perm = np.array([pos[lab] for lab in labels], dtype=np.int64)
    new_codes = np.where(new_codes >= 0, perm[np.maximum(new_codes, 0)], -1)
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
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
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
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
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
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
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


def _amount_problems(raw: pd.Series, idx: pd.Index) -> tuple[np.ndarray, list[Problem], str | None]:
    """Parse ``deal_value``: the EUR amounts (0 where missing) and the problems found."""
    dv, dv_missing, dv_bad, dv_amb, mark = _amounts(raw)
    problems = []
    neg = ~dv_missing & ~dv_bad & ~dv_amb & (dv < 0)
    if (dv_bad | neg).any():
        problems.append(
            Problem(
                "deal_value",
                _rows(dv_bad | neg, idx),
                f"must be an amount in EUR >= 0{_examples(raw, dv_bad | neg)}. Write e.g. "
                "1.234,56 or 1234,56 (German) or 1,234.56 (English), one style per file.",
            )
        )
    if dv_amb.any():
        problems.append(
            Problem(
                "deal_value",
                _rows(dv_amb, idx),
                f"ambiguous amount{_examples(raw, dv_amb)}: with a decimal comma it is "
                "thousands, with a decimal point it has three decimals, and no other amount "
                "in the file settles which. Write the cents (1.500,00 or 1,500.00) or no "
                "separator (1500).",
            )
        )
    return np.where(dv_missing | dv_bad | dv_amb, 0.0, dv), problems, mark


_FIX_BOOL = "Use 1/0, true/false, yes/no, ja/nein, y/n or x/empty."


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
        what = "company size" if col in ("employees", "size_band") else col
        problems.append(
            Problem(
                col,
                _rows(missing, idx),
                f"missing value ([load] strict = true). Fill in the {what} of every prospect, "
                "or drop strict to keep such rows (they are then left out only where "
                f"{what} is judged).",
            )
        )
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
    if looks_like_phone_numbers(raw):
        problems.append(
            Problem(
                "employees",
                (),
                "the values look like phone numbers, not head counts: the column is personal "
                "data and is not read (no value is shown). Map employees to the column with "
                "the company head count or size range (e.g. 51-200) under [columns].",
            )
        )
        empty = pd.Series(np.full(len(raw), np.nan), index=idx)
        return empty, size_bands.assign(empty), size_bands
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
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
    if bad.any():
        problems.append(
            Problem(
                "employees",
                _rows(bad, idx),
                f"must be a whole number >= 1 or a range such as 51-200 or 10000+"
                f"{_examples(raw, bad)}. Write head counts as 2000, 2.000 or 2,000 (a "
                "separator must be followed by three digits).",
            )
        )
    if too_large.any():
        problems.append(
            Problem(
                "employees",
                _rows(too_large, idx),
                f"a head count above {MAX_EMPLOYEES:,} (not shown) is no company size: an ID, "
                "a phone number or an overflowed number. Map employees to the head-count "
                "column, or correct these cells.",
            )
        )
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
                desc.append(f"{label} straddles {' and '.join(names)}")
            problems.append(
                Problem(
                    "employees",
                    _rows(straddle, idx),
                    f"a size range lies in more than one configured size band ({'; '.join(desc)}). "
                    "Change [size_bands] so that every range of the export lies in one band "
                    "(e.g. edges at the ranges' lower ends), or remove [size_bands] to use the "
                    "export's own ranges as bands.",
                )
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
            problems.append(
                Problem(
                    "employees",
                    _rows(bad_rows, idx),
                    "size ranges overlap ("
                    + "; ".join(f"{_lab(p)} and {_lab(q)}" for p, q in overlaps[:MAX_EXAMPLES])
                    + "), so they cannot be the size bands. Configure [size_bands] edges in "
                    "which every range lies in one band.",
                )
            )
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


def _validate_rows(
    raw: pd.DataFrame,
    source: str,
    size_bands: SizeBands,
    *,
    strict: bool = False,
    bands_configured: bool = True,
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
        if pid_missing.any():
            problems.append(
                Problem(
                    "prospect_id",
                    _rows(pid_missing, idx),
                    "missing value. Every row needs a prospect_id, unique within its campaign.",
                )
            )
    # Text factors: a blank keeps the row (left out where the factor is judged).
    for col in ("industry", "messaging", "salutation", "size_band", "region", "channel"):
        if col not in raw.columns or (col == "size_band" and "employees" in raw.columns):
            continue
        spellings: dict[str, int] = {}
        values, missing = _text(raw[col], spellings)
        if spellings:
            merged[col] = spellings
        _blank_factor(col, missing, idx, strict, problems, blanks)
        if col == "salutation":
            values = _salutation(values)
            bad_sal = ~values.isin(SALUTATIONS).to_numpy() & values.notna().to_numpy()
            if bad_sal.any():
                problems.append(
                    Problem(
                        "salutation",
                        _rows(bad_sal, idx),
                        f"must be 'du' or 'sie'{_examples(raw['salutation'], bad_sal)}."
                        f"{_gender_hint(raw['salutation'], bad_sal)}",
                    )
                )
        if col == "size_band":
            values = values.cat.reorder_categories(
                ordered_levels(list(values.cat.categories)), ordered=True
            )
        out[col] = values

    if "campaign" in raw.columns:
        spellings = {}
        camp, camp_missing = _text(raw["campaign"], spellings)
        if spellings:
            merged["campaign"] = spellings
        if camp_missing.any():
            if DEFAULT_CAMPAIGN not in camp.cat.categories:
                camp = camp.cat.add_categories([DEFAULT_CAMPAIGN])
            camp = camp.fillna(DEFAULT_CAMPAIGN)
    else:
        camp = pd.Series(
            pd.Categorical.from_codes(
                np.zeros(len(raw), dtype=np.int64), categories=[DEFAULT_CAMPAIGN]
            ),
            index=idx,
        )
    out["campaign"] = camp

    # Head count (or range) and size band.
    bands = size_bands
    if "employees" in raw.columns:
        out["employees"], out["size_band"], bands = _sizes(
            raw["employees"], idx, size_bands, bands_configured, strict, problems, blanks
        )

    for col in OPTIONAL_TEXT_COLUMNS:
        if col in raw.columns and col not in out:
            spellings = {}
            out[col] = _text(raw[col], spellings)[0]
            if spellings:
                merged[col] = spellings

    date_styles: dict[str, str] = {}
    for col in DATE_COLUMNS:
        if col in raw.columns:
            out[col], style = _dates(raw[col], col, idx, problems)
            if style:
                date_styles[col] = style
    if "reply_step" in raw.columns:  # which message of the sequence was answered (1 = first)
        step, step_missing, step_bad = _numbers(raw["reply_step"])
        step_bad = step_bad | (~step_missing & ~step_bad & ((step < 1) | (np.floor(step) != step)))
        if step_bad.any():
            problems.append(
                Problem(
                    "reply_step",
                    _rows(step_bad, idx),
                    f"must be a whole number >= 1{_examples(raw['reply_step'], step_bad)}: "
                    "the message of the sequence that was answered (1 = the first e-mail).",
                )
            )
        out["reply_step"] = pd.Series(np.where(step_bad, np.nan, step), index=idx).astype("Int64")

    # Funnel booleans (a blank is false).
    out["contacted"] = pd.Series(np.ones(len(raw), dtype="int64"), index=idx)
    flags: dict[str, np.ndarray] = {}
    for col in BOOLEAN_COLUMNS:
        if col not in raw.columns:
            continue
        value, bad = _boolean(raw[col])
        if bad.any():
            problems.append(
                Problem(
                    col,
                    _rows(bad, idx),
                    f"not a yes/no value{_examples(raw[col], bad)}. {_FIX_BOOL}",
                )
            )
        flags[col] = value
        out[col] = pd.Series(value, index=idx)

    funnel = [("qualified", "meeting")] if "qualified" in flags and "meeting" in flags else []
    if "deal" in flags:
        earlier = "qualified" if "qualified" in flags else "meeting"
        if earlier in flags:
            funnel.insert(0, ("deal", earlier))
    for later, earlier in funnel:
        broken = (flags[later] == 1) & (flags[earlier] == 0)
        if broken.any():
            problems.append(
                Problem(
                    later,
                    _rows(broken, idx),
                    f"funnel order broken: {later} is yes but {earlier} is no. A {later} implies a {earlier}; fix one of the two.",
                )
            )

    if "reply_class" in raw.columns:
        replied = flags.get("replied", np.zeros(len(raw), dtype="int64"))
        cls, positive, bad = _reply_class(raw["reply_class"], replied)
        if bad.any():
            problems.append(
                Problem(
                    "reply_class",
                    _rows(bad, idx),
                    f"unknown reply class{_examples(raw['reply_class'], bad)}. Use one of "
                    f"{', '.join(REPLY_CLASSES)} (auto: out-of-office), or leave it empty.",
                )
            )
        out["reply_class"] = cls
        out["positive_reply"] = pd.Series(positive, index=idx)
    if "reply_step" in out and "replied" in flags:  # replies to the first message only
        first = out["reply_step"].eq(1).fillna(False).to_numpy(dtype=bool)
        out["first_touch_reply"] = pd.Series(
            (first & (flags["replied"] == 1)).astype("int64"), index=idx
        )

    mark = None
    if "deal_value" in raw.columns:
        dv, dv_problems, mark = _amount_problems(raw["deal_value"], idx)
        problems += dv_problems
        out["deal_value"] = pd.Series(dv, index=idx)

    # Duplicates within a campaign, after the key columns are clean.
    # Fast path: an id that is unique in the whole file cannot repeat inside a campaign.
    if pid_str is not None and not pid_missing.any() and pid_str.duplicated().any():
        c_codes = camp.cat.codes.to_numpy().astype("int64")
        p_codes, p_uniques = pd.factorize(pid_str)
        key = c_codes * (len(p_uniques) + 1) + p_codes
        dup = pd.Index(key).duplicated(keep=False)
        if dup.any():
            # the rows, never the id itself: it identifies a person
            first = np.flatnonzero(dup)[0]
            same = np.flatnonzero(key == key[first])
            example = f"rows {' and '.join(str(int(idx[i]) + 2) for i in same[:3])} share one"
            n_ids = len(np.unique(key[dup]))
            problems.append(
                Problem(
                    "prospect_id",
                    _rows(dup, idx),
                    f"{n_ids} prospect_id{'s' if n_ids > 1 else ''} {'appear' if n_ids > 1 else 'appears'} more than once in the same campaign (e.g. {example}). Each prospect is one row per campaign: merge the touches into one row.",
                )
            )
    if pid_str is not None:
        out["prospect_id"] = pid_str

    if problems:
        raise InputError(source, problems)

    known = set(out) | set(raw.columns) & {"prospect_id"}
    extras = [c for c in raw.columns if c not in known]
    frame = pd.DataFrame(out, index=idx, copy=False)  # the arrays are ours: no copy
    if extras:  # one concat, not one insert per column (slow with many columns)
        frame = pd.concat([frame, raw[extras]], axis=1)
    first_cols = [
        c
        for c in (
            "prospect_id",
            "campaign",
            "industry",
            "employees",
            "size_band",
            "messaging",
            "salutation",
        )
        if c in frame.columns
    ]
    ordered = first_cols + [c for c in frame.columns if c not in first_cols]
    ranges = (
        tuple((lo, hi) for lo, hi in zip(bands.edges, bands.uppers, strict=True))
        if bands.uppers
        else ()
    )
    return OutreachData(
        frame[ordered],
        source,
        aggregated=False,
        size_bands=bands,
        read=ReadNotes(
            decimal_mark=mark,
            blanks=blanks,
            merged=merged,
            has_ids=pid_str is not None,
            size_ranges=ranges,
            date_styles=date_styles,
        ),
    )


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
        if bad.any():
            problems.append(
                Problem(
                    col,
                    _rows(bad, idx),
                    f"not a date or datetime{_examples(series, bad)}. Use e.g. 2026-03-14, "
                    "2026-03-14T09:30 or 14.03.2026 09:30, or give the column's form as "
                    "date_format under [columns] (docs/input-format.md).",
                )
            )
        if amb.any():
            problems.append(
                Problem(
                    col,
                    _rows(amb, idx),
                    f"ambiguous dates{_examples(series, amb)}: with slashes (03/04/2026) "
                    "day and month cannot be told apart, and the column mixes forms. Give the "
                    'form as date_format under [columns] (e.g. "%m/%d/%Y"), or export ISO '
                    "dates (2026-03-14).",
                )
            )
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed, style


def _validate_aggregated(
    raw: pd.DataFrame,
    source: str,
    size_bands: SizeBands,
    *,
    strict: bool = False,
    bands_configured: bool = True,
) -> OutreachData:
    _missing_columns(
        raw,
        REQUIRED_COUNT_COLUMNS,
        source,
        "An aggregated log needs the count columns contacted and replied (meeting, "
        "qualified and deal are optional) next to its group columns.",
    )
    idx = raw.index
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    blank_rows: dict[str, np.ndarray] = {}
    merged: dict[str, dict[str, int]] = {}
    bands = size_bands
    group_cols = [c for c in GROUP_COLUMNS if c in raw.columns]
    if not group_cols:
        raise InputError(
            source,
            [
                Problem(
                    None,
                    (1,),
                    f"an aggregated log needs at least one group column ({', '.join(GROUP_COLUMNS)}).",
                )
            ],
        )
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
        spellings: dict[str, int] = {}
        values, missing = _text(raw[col], spellings)
        if spellings:
            merged[col] = spellings
        if missing.any():
            if col == "campaign":
                values = (
                    values.cat.add_categories([DEFAULT_CAMPAIGN])
                    if DEFAULT_CAMPAIGN not in values.cat.categories
                    else values
                )
                values = values.fillna(DEFAULT_CAMPAIGN)
            elif strict:
                problems.append(
                    Problem(
                        col,
                        _rows(missing, idx),
                        "missing value in a group column ([load] strict = true). Fill in the "
                        f"{col} of every row.",
                    )
                )
            else:
                blank_rows[col] = missing
        if col == "salutation":
            values = _salutation(values)
            bad = ~values.isin(SALUTATIONS).to_numpy() & values.notna().to_numpy()
            if bad.any():
                problems.append(
                    Problem(
                        col, _rows(bad, idx), f"must be 'du' or 'sie'{_examples(raw[col], bad)}."
                    )
                )
        out[col] = values
    if "size_band" in out and "employees" not in out:
        sb = out["size_band"]
        out["size_band"] = sb.cat.reorder_categories(
            ordered_levels(list(sb.cat.categories)), ordered=True
        )
    if "campaign" not in out:
        out["campaign"] = pd.Series(
            pd.Categorical.from_codes(
                np.zeros(len(raw), dtype=np.int64), categories=[DEFAULT_CAMPAIGN]
            ),
            index=idx,
        )

    nums: dict[str, np.ndarray] = {}
    for col in ("contacted", "opened", "replied", "meeting", "qualified", "deal"):
        if col not in raw.columns:
            continue
        x, missing, bad = _numbers(raw[col])
        wrong = bad | (~missing & ~bad & ((x < 0) | (np.floor(x) != x)))
        if missing.any():
            problems.append(
                Problem(col, _rows(missing, idx), "missing count. Write 0 where nothing happened.")
            )
        if wrong.any():
            problems.append(
                Problem(
                    col,
                    _rows(wrong, idx),
                    f"counts must be whole numbers >= 0{_examples(raw[col], wrong)}.",
                )
            )
        nums[col] = np.where(np.isnan(x) | wrong, 0, x).astype("int64")
        out[col] = pd.Series(nums[col], index=idx)
    chain = [("replied", "contacted"), ("meeting", "contacted"), ("opened", "contacted")]
    if "qualified" in nums:
        chain.append(("qualified", "meeting"))
    if "deal" in nums:
        chain.append(("deal", "qualified" if "qualified" in nums else "meeting"))
    for part, whole in chain:
        if part in nums:
            over = nums[part] > nums[whole]
            if over.any():
                problems.append(
                    Problem(
                        part,
                        _rows(over, idx),
                        f"{part} is larger than {whole}. Counts must satisfy deal <= qualified <= meeting <= contacted and replied <= contacted.",
                    )
                )
    mark = None
    if "deal_value" in raw.columns:
        dv, dv_problems, mark = _amount_problems(raw["deal_value"], idx)
        problems += dv_problems
        out["deal_value"] = pd.Series(dv, index=idx)
    if problems:
        raise InputError(source, problems)
    frame = pd.DataFrame(out, index=idx, copy=False)  # the arrays are ours: no copy
    extras = [c for c in raw.columns if c not in frame.columns]
    if extras:
        frame = pd.concat([frame, raw[extras]], axis=1)
    contacted = nums["contacted"]
    blanks = {col: int(contacted[mask].sum()) for col, mask in blank_rows.items() if mask.any()}
    ranges = (
        tuple((lo, hi) for lo, hi in zip(bands.edges, bands.uppers, strict=True))
        if bands.uppers
        else ()
    )
    return OutreachData(
        frame,
        source,
        aggregated=True,
        size_bands=bands,
        read=ReadNotes(
            decimal_mark=mark,
            blanks={k: v for k, v in blanks.items() if v},
            merged=merged,
            has_ids=False,
            size_ranges=ranges,
        ),
    )
