"""Limits on input files, checked before a byte of data is parsed (issue 22).

A hostile or broken file must end in a one-line error (exit 2), never in a long wait or
a MemoryError: devices and pipes (``/dev/zero``) are refused as not regular files, a file
larger than the memory it would need is refused, an XLSX workbook whose shared strings or
sheets unpack to more than :data:`MAX_XLSX_MEMBER` bytes is refused from its zip directory
alone, and a header with more than :data:`MAX_COLUMNS` columns is refused before reading.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
>>> _ = p.write_text("industry,employees,replied\\nIT,5,1\\n")
>>> check_file(p, str(p))
>>> try:
...     check_file(pathlib.Path("/dev/null"), "/dev/null")
... except Exception as exc:
...     print(str(exc).splitlines()[1])
  - is not a regular file (a device, a pipe or a socket). Give the path of an exported .csv, .xlsx or .parquet file.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

from icplab.core.errors import InputError, Problem, os_reason
from icplab.core.notes import Note

#: Longest cell (characters) in a contract column; longer cells in other columns drop
#: the column.
MAX_CELL_CHARS = 10_000
#: Most columns a log may have (exports of CRMs have a few hundred).
MAX_COLUMNS = 2_000
#: Largest uncompressed member (shared strings, a sheet) of an XLSX workbook.
MAX_XLSX_MEMBER = 200 * 1024 * 1024
#: A file may take at most this share of the available memory as its raw size (parsing
#: needs several times the file's size).
MEMORY_SHARE = 0.25
#: Longest part of a cell quoted in any message.
MAX_QUOTED = 40


def available_memory() -> int | None:
    """Bytes of memory available (``MemAvailable`` on Linux), or ``None`` when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return None


def refuse(source: str, code: str, rows: tuple[int, ...] = (), **params: Any) -> InputError:
    """The error of a file as a whole: one problem whose message is ``Note(code, **params)``
    (on ``rows``, e.g. ``(1,)`` for the header).

    Examples
    --------
    >>> print(refuse("log.csv", "data_file.empty"))
    log.csv: 1 problem found; nothing was changed.
      - the file is empty.
    """
    return InputError(source, [Problem(None, rows, Note(code, **params))])


def check_file(path: Path, source: str, *, check_memory: bool = True) -> None:
    """Refuse what is no readable data file: missing, a folder, a device or pipe, too
    large for memory, or an XLSX workbook that unpacks to too much.

    Raises
    ------
    icplab.core.errors.InputError
        With a one-line reason.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise refuse(source, "data_file.not_found") from None
    except OSError as exc:
        raise refuse(source, "data_file.unreadable", detail=os_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise refuse(source, "data_file.folder")
    if not stat.S_ISREG(st.st_mode):
        raise refuse(source, "data_file.not_regular")
    memory = available_memory() if check_memory else None
    if memory is not None and st.st_size > MEMORY_SHARE * memory:
        raise refuse(
            source, "data_file.too_large", mb=st.st_size / 1e6, most=MEMORY_SHARE * memory / 1e6
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        check_xlsx(path, source, memory)


def check_xlsx(path: Path, source: str, memory: int | None = None) -> None:
    """Refuse a workbook whose members unpack to more than :data:`MAX_XLSX_MEMBER` bytes
    (or, together, to more than the free memory), from the zip directory alone."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            sheets = sorted(i.filename for i in infos if i.filename.startswith("xl/worksheets/"))
            head = b""
            if sheets:
                with zf.open(sheets[0]) as fh:
                    head = fh.read(4096)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return  # the workbook reader says what is wrong
    dim = re.search(rb'<dimension ref="[A-Z]+\d+:([A-Z]+)\d+"', head)
    if dim:
        check_columns(_column_number(dim.group(1).decode("ascii")), source)
    big = [i for i in infos if i.file_size > MAX_XLSX_MEMBER]
    total = sum(i.file_size for i in infos)
    if big or (memory is not None and total > MEMORY_SHARE * memory):
        strings = any("sharedstrings" in i.filename.casefold() for i in big)
        raise refuse(
            source,
            "data_file.xlsx_too_large",
            what=Note("data_file.xlsx_strings" if strings else "data_file.xlsx_sheets"),
            mb=max(total, 1) / 1e6,
            most=MAX_XLSX_MEMBER / 1e6,
        )


def _column_number(letters: str) -> int:
    """Spreadsheet column letters as a number.

    Examples
    --------
    >>> _column_number("A"), _column_number("Z"), _column_number("AA"), _column_number("EQXD")
    (1, 26, 27, 100000)
    """
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def check_columns(n_columns: int, source: str) -> None:
    """Refuse a header with more than :data:`MAX_COLUMNS` columns."""
    if n_columns > MAX_COLUMNS:
        raise refuse(source, "data_file.too_many_columns", n=n_columns, most=MAX_COLUMNS)


def cut(text: object, limit: int = MAX_QUOTED) -> str:
    """A value as it may be quoted in a message: at most ``limit`` characters.

    Examples
    --------
    >>> cut("x" * 100)
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'
    """
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
