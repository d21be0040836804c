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
from icplab.data.mapping import ColumnMapping, best_preset, suggest_mapping
from icplab.data.numbers import parse_amounts, parse_whole
from icplab.data.personal import (
    header_looks_like_data,
    is_personal_header,
    looks_personal,
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
#: Optional date columns: when the first touch went out, and when the reply and the
#: meeting booking came in (ISO date or datetime).
DATE_COLUMNS: tuple[str, ...] = ("sent_at", "replied_at", "meeting_at")
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
    if config is not None:
        size_bands = size_bands or config.size_bands
        if columns is None:
            columns = ColumnMapping.from_config(config.columns, preset, where=config.where_label)
            preset = None
    mapping = _mapping(columns, preset)
    if warehouse.is_warehouse(source):  # a database table, counted where it lives
        return warehouse.load_table(source, validate_frame, mapping=mapping, size_bands=size_bands)
    if not path.exists():
        raise InputError(source, [Problem(None, (), "file not found. Check the path.")])
    if path.is_dir():
        raise InputError(source, [Problem(None, (), "is a folder; give the path of a file.")])
    # Inside a workspace, a file validated before (same size, time, mapping, size bands)
    # comes from the workspace's cache of validated logs (icplab.data.cache).
    root = config.root if config is not None and config.path is not None else None
    key = cache_key(path, mapping=mapping, size_bands=size_bands) if root is not None else None
    if root is not None:
        hit = lookup(root, key)
        if hit is not None:
            frame, meta = hit
            notes = meta["read"]
            bands = meta["size_bands"]
            return OutreachData(
                frame,
                source,
                bool(meta["aggregated"]),
                SizeBands(tuple(bands["edges"]), tuple(bands["names"] or ())),
                ReadNotes(
                    headers=dict(notes["headers"]),
                    preset=notes["preset"],
                    personal_dropped=tuple(notes["personal_dropped"]),
                    pseudonymised=bool(notes["pseudonymised"]),
                    decimal_mark=notes["decimal_mark"],
                ),
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
    data = validate_frame(raw, source=source, size_bands=size_bands, columns=mapping)
    if root is not None:
        store(root, key, data)
    return data


def read_headers(path: str | Path) -> list[str]:
    """The header row of a CSV, Parquet or XLSX file (no data rows are read).

    Raises
    ------
    icplab.core.errors.InputError
        When the file is missing or cannot be read.
    """
    source = str(path)
    path = Path(path)
    if not path.is_file():
        raise InputError(source, [Problem(None, (), "file not found. Check the path.")])
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
    """Whether a column is personal by its header alone (and not mapped): never read."""
    return str(header).strip().casefold() not in mapping.source_headers and is_personal_header(
        header
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
    raw.attrs["file_headers"] = [h.strip() for h in header]
    if not exact:
        raw.attrs["personal_skipped"] = [h for h in header if _skip_at_read(h, mapping)]
    # Excel pads rows with delimiters only; such rows are blank, not errors.
    if len(raw) and raw.shape[1]:
        first = raw.iloc[:, 0].astype(str).str.strip() == ""
        if first.any():
            maybe = raw.loc[first]
            blank = (maybe.astype(str).apply(lambda c: c.str.strip()) == "").all(axis=1)
            raw = raw.drop(index=blank.index[blank.to_numpy()])
    return raw


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
    if not dupes:
        return
    desc = "; ".join(
        " and ".join(f"'{printable(str(header[i]).strip())}' (column {i + 1})" for i in v)
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


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__


def _read_parquet(path: Path, source: str, mapping: ColumnMapping) -> pd.DataFrame:
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        keep = [n for n in schema.names if not _skip_at_read(n, mapping)]
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
    raw.attrs["personal_skipped"] = [n for n in schema.names if n not in keep]
    raw.attrs["file_headers"] = [str(n).strip() for n in schema.names]
    return raw


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
) -> OutreachData:
    """Validate a raw table (as read from a file) and bring it into canonical form.

    The index of ``raw`` must be the 0-based data-row position in the file, so that
    ``index + 2`` is the spreadsheet row number. ``columns`` and ``preset`` map the file's
    own headers (see :func:`load`, CONTRACT section 6). Personal columns are dropped (by
    header and by content) and e-mail prospect IDs pseudonymised before any check, so no
    message can quote them. See :func:`load` for the rules.
    """
    size_bands = size_bands or SizeBands()
    mapping = _mapping(columns, preset)
    file_headers = [str(c).strip() for c in raw.columns]
    skipped = [
        str(h).strip()
        if not looks_personal(pd.Series([str(h)]))
        else "(a header that is itself personal)"
        for h in raw.attrs.get("personal_skipped", [])
    ]
    file_headers = list(raw.attrs.get("file_headers") or [*file_headers, *skipped])
    if raw.attrs.get("personal_skipped"):  # never print a header that is itself personal
        file_headers = [
            h if not looks_personal(pd.Series([h])) else f"column {i + 1}"
            for i, h in enumerate(file_headers)
        ]
    headers: dict[str, str] = {}
    # a file without a header row: its first data row stands where the headers belong
    data_like = header_looks_like_data(raw.attrs.get("file_headers") or list(raw.columns))
    if mapping:
        try:
            raw, headers = mapping.apply(raw, source)
        except InputError:
            if data_like:
                raise _no_header(source, data_like) from None
            raise
    raw, dropped = _drop_personal(raw, set(headers))
    dropped = [*skipped, *dropped]
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
    )
    try:
        if aggregated:
            data = _validate_aggregated(raw, source, size_bands)
        else:
            data = _validate_rows(raw, source, size_bands)
    except InputError as exc:
        raise InputError(
            source, [replace(p, header=headers.get(p.column or "")) for p in exc.problems]
        ) from None
    return replace(data, read=replace(notes, decimal_mark=data.read.decimal_mark))


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
            and looks_personal(raw[col])
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
    missing = [c for c in required if c not in raw.columns]
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
            close.append(f"{col}: maybe {', '.join(repr(c) for c in candidates)}")
        elif expected:
            close.append(f"{col}: the preset looks for {', '.join(repr(e) for e in expected)}")
    listed = ", ".join(repr(h) for h in shown_headers[:MAX_HEADERS_LISTED])
    more = len(shown_headers) - MAX_HEADERS_LISTED
    if more > 0:
        listed += f" and {more} more"
    what = (
        "An aggregated log needs the count columns contacted, replied and meeting."
        if aggregated
        else "A row-level log needs prospect_id, industry, employees, messaging, salutation, "
        "replied and meeting (German headers Branche, Mitarbeiter, Botschaft, Anrede, Antwort, "
        "Termin are accepted); an aggregated log needs a 'contacted' count column."
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
                "industry, employees, messaging, salutation, replied, meeting (see "
                "docs/input-format.md).",
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
            f"{', '.join(repr(x) for x in v)} all mean '{k}'" for k, v in dupes.items()
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
    shown = ", ".join(repr(v) for v in vals[:MAX_EXAMPLES])
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


def _text(series: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Trimmed text as a categorical (spellings that differ only in case merged, first
    seen wins) and the mask of missing values."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    cleaned = pd.Index(uniques).astype(str).str.strip()
    if len(cleaned) == 0:
        cats = pd.Index([], dtype=object)
        new_codes = np.full(len(series), -1, dtype=np.int64)
        return pd.Series(
            pd.Categorical.from_codes(new_codes, categories=cats), index=series.index
        ), new_codes < 0
    folded = cleaned.str.casefold()
    first_of_key: dict[str, int] = {}
    labels: list[str] = []
    remap = np.empty(len(cleaned), dtype=np.int64)
    for i, (key, label) in enumerate(zip(folded, cleaned, strict=True)):
        if key == "":
            remap[i] = -1
            continue
        j = first_of_key.get(key)
        if j is None:
            j = first_of_key[key] = len(labels)
            labels.append(label)
        remap[i] = j
    new_codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1)
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


def _validate_rows(raw: pd.DataFrame, source: str, size_bands: SizeBands) -> OutreachData:
    _missing_columns(
        raw,
        REQUIRED_COLUMNS,
        source,
        "A row-level log needs prospect_id, industry, employees, messaging, salutation, "
        "replied and meeting (German headers Branche, Mitarbeiter, Botschaft, Anrede, "
        "Antwort, Termin are accepted); an aggregated log needs a 'contacted' count column.",
    )
    idx = raw.index
    problems: list[Problem] = []
    out: dict[str, Any] = {}

    # Text columns that describe the prospect's segment.
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
    for col in ("industry", "messaging", "salutation"):
        values, missing = _text(raw[col])
        if missing.any():
            problems.append(
                Problem(
                    col, _rows(missing, idx), f"missing value. Fill in the {col} of every prospect."
                )
            )
        out[col] = values
    sal = out["salutation"]
    sal = sal.cat.rename_categories([str(c).lower() for c in sal.cat.categories])
    bad_sal = ~sal.isin(SALUTATIONS).to_numpy() & sal.notna().to_numpy()
    if bad_sal.any():
        problems.append(
            Problem(
                "salutation",
                _rows(bad_sal, idx),
                f"must be 'du' or 'sie'{_examples(raw['salutation'], bad_sal)}.{_gender_hint(raw['salutation'], bad_sal)}",
            )
        )
    out["salutation"] = sal.cat.set_categories(
        [s for s in SALUTATIONS if s in set(sal.cat.categories)]
        + [c for c in sal.cat.categories if c not in SALUTATIONS]
    )

    if "campaign" in raw.columns:
        camp, camp_missing = _text(raw["campaign"])
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

    # Head count and size band.
    emp, emp_missing, emp_bad = _numbers(raw["employees"])
    if emp_missing.any():
        problems.append(
            Problem(
                "employees",
                _rows(emp_missing, idx),
                "missing value. Give the company head count as a whole number >= 1.",
            )
        )
    wrong = emp_bad | (~emp_missing & ~emp_bad & ((emp < 1) | (np.floor(emp) != emp)))
    if wrong.any():
        problems.append(
            Problem(
                "employees",
                _rows(wrong, idx),
                f"must be a whole number >= 1{_examples(raw['employees'], wrong)}. Write head counts as 2000, 2.000 or 2,000 (a separator must be followed by three digits).",
            )
        )
    emp_int = np.where(np.isnan(emp) | wrong, 0, emp).astype("int64")
    out["employees"] = pd.Series(emp_int, index=idx)
    out["size_band"] = size_bands.assign(out["employees"])

    for col in OPTIONAL_TEXT_COLUMNS:
        if col in raw.columns and col != "campaign":
            out[col] = _text(raw[col])[0]

    for col in DATE_COLUMNS:
        if col in raw.columns:
            out[col] = _dates(raw[col], col, idx, problems)

    # Funnel booleans.
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

    funnel = [("qualified", "meeting")] if "qualified" in flags else []
    if "deal" in flags:
        funnel.insert(0, ("deal", "qualified" if "qualified" in flags else "meeting"))
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

    mark = None
    if "deal_value" in raw.columns:
        dv, dv_problems, mark = _amount_problems(raw["deal_value"], idx)
        problems += dv_problems
        out["deal_value"] = pd.Series(dv, index=idx)

    # Duplicates within a campaign, after the key columns are clean.
    # Fast path: an id that is unique in the whole file cannot repeat inside a campaign.
    if not pid_missing.any() and pid_str.duplicated().any():
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
    out["prospect_id"] = pid_str

    if problems:
        raise InputError(source, problems)

    known = set(out) | set(raw.columns) & {"prospect_id"}
    extras = [c for c in raw.columns if c not in known]
    frame = pd.DataFrame(out, index=idx, copy=False)  # the arrays are ours: no copy
    for c in extras:
        frame[c] = raw[c]
    first_cols = [
        "prospect_id",
        "campaign",
        "industry",
        "employees",
        "size_band",
        "messaging",
        "salutation",
    ]
    ordered = first_cols + [c for c in frame.columns if c not in first_cols]
    return OutreachData(
        frame[ordered],
        source,
        aggregated=False,
        size_bands=size_bands,
        read=ReadNotes(decimal_mark=mark),
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


def _dates(series: pd.Series, col: str, idx: pd.Index, problems: list[Problem]) -> pd.Series:
    """Parse an ISO date/datetime column (empty cells become NaT); bad cells are problems.

    Parsed on the distinct values only. Time zones are converted to UTC and dropped, so
    every date column compares with every other.
    """
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        parsed = series
    else:
        codes, uniques = _per_distinct(series)
        as_str = uniques.astype(str).str.strip()
        u_empty = as_str.isin(["", "nan", "NaT", "None"]).to_numpy()
        u_parsed = pd.to_datetime(
            as_str.where(~u_empty, None), errors="coerce", format="ISO8601", utc=True
        )
        u_bad = u_parsed.isna().to_numpy() & ~u_empty
        u_values = u_parsed.dt.tz_localize(None).to_numpy()
        parsed = pd.Series(_take(u_values, codes, np.datetime64("NaT")), index=idx)
        bad = _take(u_bad, codes, False)
        if bad.any():
            problems.append(
                Problem(
                    col,
                    _rows(bad, idx),
                    f"not an ISO date or datetime{_examples(series, bad)}. Use e.g. 2026-03-14 or 2026-03-14T09:30.",
                )
            )
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed


def _validate_aggregated(raw: pd.DataFrame, source: str, size_bands: SizeBands) -> OutreachData:
    _missing_columns(
        raw,
        REQUIRED_COUNT_COLUMNS,
        source,
        "An aggregated log needs the count columns contacted, replied and meeting "
        "(qualified and deal are optional) next to its group columns.",
    )
    idx = raw.index
    problems: list[Problem] = []
    out: dict[str, Any] = {}
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
            emp, missing, bad = _numbers(raw[col])
            wrong = bad | (~missing & ~bad & ((emp < 1) | (np.floor(emp) != emp)))
            if missing.any():
                problems.append(
                    Problem(
                        col,
                        _rows(missing, idx),
                        "missing value. Give the head count as a whole number >= 1.",
                    )
                )
            if wrong.any():
                problems.append(
                    Problem(
                        col,
                        _rows(wrong, idx),
                        f"must be a whole number >= 1{_examples(raw[col], wrong)}.",
                    )
                )
            out[col] = pd.Series(np.where(np.isnan(emp) | wrong, 0, emp).astype("int64"), index=idx)
            continue
        values, missing = _text(raw[col])
        if missing.any():
            if col == "campaign":
                values = (
                    values.cat.add_categories([DEFAULT_CAMPAIGN])
                    if DEFAULT_CAMPAIGN not in values.cat.categories
                    else values
                )
                values = values.fillna(DEFAULT_CAMPAIGN)
            else:
                problems.append(
                    Problem(
                        col,
                        _rows(missing, idx),
                        f"missing value in a group column. Fill in the {col} of every row.",
                    )
                )
        if col == "salutation":
            values = values.cat.rename_categories([str(c).lower() for c in values.cat.categories])
            bad = ~values.isin(SALUTATIONS).to_numpy() & values.notna().to_numpy()
            if bad.any():
                problems.append(
                    Problem(
                        col, _rows(bad, idx), f"must be 'du' or 'sie'{_examples(raw[col], bad)}."
                    )
                )
        out[col] = values
    if "employees" in out and "size_band" not in out:
        out["size_band"] = size_bands.assign(out["employees"])
    elif "size_band" in out:
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
    for c in extras:
        frame[c] = raw[c]
    return OutreachData(
        frame, source, aggregated=True, size_bands=size_bands, read=ReadNotes(decimal_mark=mark)
    )
