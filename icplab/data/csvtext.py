"""CSV bytes and text before pandas sees them: encoding and byte-order marks, binary
content, the delimiter, rows with another field count, quotes (the screen and the exact
record-by-record reader)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np

from icplab.core.errors import MAX_ROWS_LISTED, InputError, Problem
from icplab.core.notes import Note
from icplab.data.columns import MAX_EXAMPLES
from icplab.data.limits import refuse


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
    text: str, sep: str, n_fields: int, source: str, lead: int = 0
) -> tuple[list[list[str]], list[int]]:
    """Parse CSV text record by record (the slow, exact reader for files that fail the
    screen): the data records and the line each starts on (header = line 1, or line
    ``lead + 1`` below ``lead`` title lines).

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
    prev = lead
    try:
        for i, rec in enumerate(reader):
            start, end = prev + 1, lead + reader.line_num
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
        raise refuse(
            source, "data_file.csv_unreadable_at", detail=str(exc), line=prev + 1
        ) from None
    problems: list[Problem] = []
    if swallowed:
        desc = tuple(
            Note("data_file.quote_closes_late", a=a, b=b)
            if b > a
            else Note("data_file.quote_opens", a=a)
            for a, b in swallowed[:MAX_EXAMPLES]
        )
        problems.append(Problem(None, (), Note("data_file.quote_swallows", spans=desc)))
    elif ragged:
        problems.append(ragged_problem(ragged, n_fields, sep, lead + 1))
    if problems:
        raise InputError(source, problems)
    return records, lines


def ragged_problem(
    ragged: list[tuple[int, int]], n_fields: int, sep: str, header: int = 1
) -> Problem:
    """The problem of rows with another field count than the header's: the lines of the
    file (the header is line ``header``) and the count found on each (the first few), and
    how to fix them.

    Examples
    --------
    >>> ragged_problem([(3, 4)], 3, ";").rows
    (3,)
    """
    desc = tuple(Note("data_file.line_has", line=a, k=k) for a, k in ragged[:MAX_ROWS_LISTED])
    more = (
        Note("data_file.more_lines", n=len(ragged) - MAX_ROWS_LISTED)
        if len(ragged) > MAX_ROWS_LISTED
        else ""
    )
    return Problem(
        None,
        tuple(a for a, _ in ragged),
        Note("data_file.ragged", fields=n_fields, lines=desc, more=more, sep=sep, header=header),
    )


#: Lines looked at for a title above the header.
_TITLE_LINES = 10

#: A line is the header when it fills at least this share of the widest line looked at.
_HEADER_SHARE = 0.5

#: Cells a title line above the headers fills at most ("Stand:;01.12.2025").
_TITLE_CELLS = 2


def header_below_titles(filled: Sequence[int], search: int | None = None) -> int:
    """The 0-based line (of a CSV's first lines, or a sheet's first rows) that holds the
    headers, from the number of cells each line fills: the first line (of the first
    ``search``) filling at least two cells and half the widest line, when the lines above
    it fill at most two cells each (a title); else 0 (the first line: a short header
    line stays the header). One rule for CSV (:func:`title_lines`) and XLSX
    (:func:`icplab.data.workbook.header_row`).

    Examples
    --------
    >>> header_below_titles([1, 0, 3, 3]), header_below_titles([2, 5, 5]), header_below_titles([3, 1, 3])
    (2, 1, 0)
    """
    if not len(filled):
        return 0
    need = max(2.0, _HEADER_SHARE * float(max(filled)))
    row = next((i for i, k in enumerate(filled[:search]) if k >= need), 0)
    return row if row and max(filled[:row]) <= _TITLE_CELLS else 0


def title_lines(body: bytes, offset: int, encoding: str) -> tuple[int, int]:
    """Where the header starts when title lines stand above it, and how many lines
    precede it: a sheet saved as CSV with a title row (``Kontaktliste Herbst;;;``,
    ``Stand:;01.12.2025;;``) and blank rows above its headers. The header is the first
    line that fills two cells and half the widest line, the lines above it fill at most
    two cells each, and the line after it has as many fields.
    ``(offset, 0)`` when the first line is the header.

    Examples
    --------
    >>> body = b"Kontaktliste;;\\n;;\\nBranche;Mitarbeiter;Antwort\\nIT;12;ja\\n"
    >>> title_lines(body, 0, "utf-8")
    (18, 2)
    >>> title_lines(b"a;b\\n1;2\\n", 0, "utf-8")
    (0, 0)
    """
    lines = body[offset : offset + 65536].splitlines(keepends=True)[: _TITLE_LINES + 2]
    texts = [line.decode(encoding, errors="replace").strip() for line in lines]
    if len(texts) < 3:
        return offset, 0
    sep = sniff_delimiter(max(texts, key=lambda t: max(t.count(d) for d in ";\t,")))

    def fields(text: str) -> list[str]:
        return next(csv.reader([text], delimiter=sep), []) if text else []

    parsed = [fields(t) for t in texts]
    filled = [sum(bool(f.strip()) for f in row) for row in parsed]
    header = header_below_titles(filled, _TITLE_LINES)
    if not header or (header + 1 < len(parsed) and len(parsed[header + 1]) != len(parsed[header])):
        return offset, 0
    lead = body[:offset].count(b"\n") + header
    return offset + sum(len(line) for line in lines[:header]), lead


def trailing_separator(data: bytes, sep: bytes) -> bytes | None:
    """The CSV text (header first, no quotes) with a trailing separator made consistent,
    or ``None`` when there is nothing to fix: every data row ends in one separator more
    than the header has (an empty last field: dropped), or the header ends in an empty
    name that no data row has (dropped). Any other mismatch is left to the ragged-row
    check.

    Examples
    --------
    >>> trailing_separator(b"a;b\\n1;2;\\n3;4;\\n", b";")
    b'a;b\\n1;2\\n3;4\\n'
    >>> trailing_separator(b"a;b;\\r\\n1;2\\r\\n", b";")
    b'a;b\\r\\n1;2\\r\\n'
    >>> trailing_separator(b"a;b\\n1;2\\n", b";") is None
    True
    """
    head = data[:65536].split(b"\n", 2)
    if len(head) < 2:
        return None
    first, second = head[0].rstrip(b"\r"), head[1].rstrip(b"\r")
    n_first, n_second = first.count(sep), second.count(sep)
    if not (
        (n_second == n_first + 1 and second.endswith(sep))
        or (n_second == n_first - 1 and first.endswith(sep))
    ):
        return None  # the first row shows no such quirk: the file is not split into lines
    lines = data.split(b"\n")
    bare = [line.rstrip(b"\r") for line in lines]
    n = bare[0].count(sep) + 1
    rows = [i for i in range(1, len(bare)) if bare[i].strip(sep + b" \t")]
    if not rows:
        return None
    counts = {bare[i].count(sep) + 1 for i in rows}
    if counts == {n + 1} and all(bare[i].endswith(sep) for i in rows):
        fix = rows  # rows with a trailing separator
    elif counts == {n - 1} and bare[0].endswith(sep):
        fix = [0]  # a header with an empty last name
    else:
        return None
    for i in fix:
        cut = len(bare[i]) - 1
        lines[i] = lines[i][:cut] + lines[i][cut + 1 :]
    return b"\n".join(lines)


#: Lines a report footer may have (Salesforce: totals, copyright, "Generated By", ...).
_FOOTER_LINES = 20


def report_footer(data: bytes, sep: bytes) -> tuple[int, int]:
    """Where a report footer starts, and how many non-blank lines it has: a block at the
    end of the file of lines with one field each, set off from the data by a blank line,
    as Salesforce report exports end (``"Grand Totals (90 records)"``, ``"Confidential
    Information - Do Not Distribute"``, ``"Copyright (c) ..."``). ``(len(data), 0)``
    when the file has none. A block that would cut a quoted value in two is no footer.

    Examples
    --------
    >>> body = b'a,b\\n1,2\\n\\n"Grand Totals (1 records)"\\n"Copyright (c) x, inc."\\n'
    >>> end, n = report_footer(body, b",")
    >>> body[:end], n
    (b'a,b\\n1,2\\n', 2)
    >>> report_footer(b"a,b\\n1,2\\n", b",")
    (8, 0)
    """
    lines = data[-16384:].splitlines(keepends=True)
    end = len(data)
    start = end
    filled = 0
    blank_on_top = False
    for line in reversed(lines[1:]):
        text = line.decode("utf-8", errors="replace").strip()
        if text.strip('"') == "":
            start -= len(line)
            blank_on_top = True
            continue
        fields = next(csv.reader([text], delimiter=sep.decode()), [])
        if len(fields) != 1 or filled >= _FOOTER_LINES:
            break
        start -= len(line)
        filled += 1
        blank_on_top = False
    # the block's top line is blank, and everything above it has closed its quotes
    if not filled or not blank_on_top or data[:start].count(b'"') % 2:
        return end, 0
    return start, filled


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
    (b"PK\x03\x04", "data_file.kind_zip"),
    (b"\xd0\xcf\x11\xe0", "data_file.kind_xls"),
    (b"PAR1", "data_file.kind_parquet"),
    (b"\x1f\x8b", "data_file.kind_gzip"),
    (b"%PDF", "data_file.kind_pdf"),
    (b"\x89PNG", "data_file.kind_png"),
)
