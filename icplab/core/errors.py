"""The exception hierarchy of icplab.

Every error a user can cause derives from :class:`IcpLabError`. The CLI catches it, prints
its message (never a traceback) and exits with :attr:`IcpLabError.exit_code`. Messages
name the file, the spreadsheet rows and the column, say what is wrong and what to do, and
never quote personal data (e-mails, names, phone numbers).

Examples
--------
>>> err = InputError("outreach.csv", [Problem("employees", (5, 9), "must be a whole number >= 1")])
>>> print(err)
outreach.csv: 1 problem found; nothing was changed.
  - column 'employees', rows 5, 9: must be a whole number >= 1
>>> print(render_error(err, "de"))
outreach.csv: 1 Problem gefunden; nichts wurde geändert.
  - Spalte 'employees', Zeilen 5, 9: must be a whole number >= 1
"""

from __future__ import annotations

import errno
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from icplab.core.notes import Note, render

#: How many row numbers a message lists before it says "and N more".
MAX_ROWS_LISTED = 5


class IcpLabError(Exception):
    """Base class of every error caused by input, configuration or usage."""

    exit_code: int = 2


class UsageError(IcpLabError):
    """A command was called with arguments that do not fit (unknown column, bad filter...)."""


class UnsafePathError(UsageError):
    """A path icplab would write or delete is a symbolic link, or lies outside the
    workspace (:mod:`icplab.core.files`); nothing was written there."""


class ConfigError(IcpLabError):
    """``icplab.toml`` is missing a value, has a wrong type, or names an unknown thesis."""


class MetricLockError(IcpLabError):
    """The metric definitions changed since they were locked and the change was not accepted."""

    exit_code = 3


class NotEnoughDataError(IcpLabError):
    """A statistic cannot be computed because the data has no observations for it."""


_OS_REASONS = {
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EROFS: "read_only",
    errno.ENOSPC: "disk_full",
    errno.ENOTDIR: "not_folder",
    errno.ENAMETOOLONG: "name_too_long",
    errno.ENOENT: "not_found",
    errno.EISDIR: "is_folder",
    errno.EEXIST: "exists",
    errno.EBUSY: "busy",
    errno.EIO: "io",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused a read or write, in any language: a note for the common
    causes (``errors.os.*``), else the system's own text (``strerror``), else the error's
    type. The file's path is not part of it (the messages name the path themselves).

    Examples
    --------
    >>> reason = os_reason(PermissionError(errno.EACCES, "Permission denied", "/ws/x"))
    >>> reason, render(reason, "de")
    ('permission denied', 'keine Berechtigung')
    >>> os_reason(OSError(errno.ENOTSUP, "Operation not supported")), os_reason(OSError())
    ('Operation not supported', 'OSError')
    >>> os_reason(OSError("no space"))
    'no space'
    """
    known = _OS_REASONS.get(exc.errno or 0)
    if known:
        return Note(f"errors.os.{known}")
    return exc.strerror or str(exc) or type(exc).__name__


@contextmanager
def usage_error_on_os_error(code: str, **params: str) -> Iterator[None]:
    """Raise an ``OSError`` of the block as ``UsageError(Note(code, **params, reason=...))``:
    what could not be done, and why (:func:`os_reason`), exit status 2, no traceback.

    Parameters
    ----------
    code
        The note's code: what could not be done.
    **params
        The note's other parameters (a folder or file name; never personal data).

    Raises
    ------
    UsageError
        In place of the ``OSError``, which is not chained, so the CLI shows the note alone.

    Examples
    --------
    >>> try:
    ...     with usage_error_on_os_error("errors.run.cannot_copy_config", path="icplab.toml"):
    ...         raise PermissionError(13, "Permission denied")
    ... except UsageError as exc:
    ...     note = message_of(exc)
    >>> note.code, note.params
    ('errors.run.cannot_copy_config', {'path': 'icplab.toml', 'reason': 'permission denied'})
    >>> note.params["reason"].code  # German in a German terminal
    'errors.os.denied'
    """
    try:
        yield
    except OSError as exc:
        raise UsageError(Note(code, **params, reason=os_reason(exc))) from None


def printable(text: object) -> str:
    r"""Text safe for a terminal line: control characters (newlines, escape sequences)
    written as escapes.

    Examples
    --------
    >>> print(printable("Logistik" + chr(27) + "[31m" + chr(10) + "IT"))
    Logistik\x1b[31m\nIT
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def format_rows(rows: Sequence[int], limit: int = MAX_ROWS_LISTED, language: str = "en") -> str:
    """Format spreadsheet row numbers as ``rows 2, 5, 9 and 12 more`` (in ``language``).

    Examples
    --------
    >>> format_rows([4])
    'row 4'
    >>> format_rows(range(2, 12))
    'rows 2, 3, 4, 5, 6 and 5 more'
    >>> format_rows(range(2, 12), language="de")
    'Zeilen 2, 3, 4, 5, 6 und 5 weitere'
    """
    rows = list(rows)
    if len(rows) == 1:
        return _say("errors.row", language, row=str(rows[0]))
    shown = ", ".join(str(r) for r in rows[:limit])  # as the spreadsheet shows them
    rest = len(rows) - limit
    if rest > 0:
        return _say("errors.rows_more", language, rows=shown, more=rest)
    return _say("errors.rows", language, rows=shown)


def _say(code: str, language: str, /, **params: object) -> str:
    return render(Note(code, **params), language)


@dataclass(frozen=True)
class Problem:
    """One broken rule in an input file.

    Parameters
    ----------
    column
        Canonical column name the problem is about (``None`` for whole-file problems).
    rows
        Spreadsheet row numbers (header = row 1, first data row = row 2); may be empty.
    message
        What is wrong and what to do, without quoting personal data.
    header
        The file's own header of ``column`` when it differs (a German alias or a
        ``[columns]`` mapping), so the user finds the column in the file.

    Examples
    --------
    >>> print(Problem("employees", (3,), "must be a whole number >= 1", header="# Employees"))
    column '# Employees' (read as employees), row 3: must be a whole number >= 1
    """

    column: str | None
    rows: tuple[int, ...]
    message: str
    header: str | None = None

    def __str__(self) -> str:
        return self.render("en")

    def render(self, language: str = "en") -> str:
        """The problem in ``language``; a message that is a note is written in it too."""
        parts = []
        if self.column is not None and self.header and self.header != self.column:
            parts.append(
                _say(
                    "errors.column_read_as",
                    language,
                    header=printable(self.header),
                    column=self.column,
                )
            )
        elif self.column is not None:
            parts.append(_say("errors.column", language, column=printable(self.column)))
        if self.rows:
            parts.append(format_rows(self.rows, language=language))
        where = ", ".join(parts)
        message = render(self.message, language)
        return f"{where}: {message}" if where else message


class InputError(IcpLabError):
    """An input file breaks the rules of the outreach log format (CONTRACT section 1).

    Carries every problem found, so the user can fix the file in one go.
    """

    def __init__(self, source: str, problems: Sequence[Problem]):
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.render("en"))

    def render(self, language: str = "en") -> str:
        """The error in ``language``: the file, how many problems, then one line each."""
        n = len(self.problems)
        code = "errors.input_head_one" if n == 1 else "errors.input_head"
        head = _say(code, language, source=self.source, n=n)
        body = "\n".join(f"  - {p.render(language)}" for p in self.problems)
        return f"{head}\n{body}"


def message_of(exc: BaseException) -> str:
    """An error's message kept as data: its :class:`~icplab.core.notes.Note` (a ``str``
    whose value is the English text) when it carries one, else its text. Use it where an
    error becomes part of a result, so the result still renders in every language.

    Examples
    --------
    >>> message_of(UsageError(Note("errors.cannot_write", target="x", reason="y"))).code
    'errors.cannot_write'
    >>> message_of(ValueError("plain"))
    'plain'
    """
    if len(exc.args) == 1 and isinstance(exc.args[0], Note) and not isinstance(exc, InputError):
        return exc.args[0]
    return str(exc)


def render_error(exc: BaseException, language: str = "en") -> str:
    """An error's message in ``language``.

    An :class:`InputError` is written line by line in the language; an error whose
    argument is a :class:`~icplab.core.notes.Note` is rendered from its code; a plain
    ``str`` stays as it is (English). ``render_error(exc, "en") == str(exc)``.

    Examples
    --------
    >>> render_error(UsageError(Note("errors.cannot_write", target="out.xlsx", reason="denied")), "de")
    'out.xlsx kann nicht geschrieben werden: denied.'
    >>> render_error(UsageError("plain text"), "de")
    'plain text'
    """
    if isinstance(exc, InputError):
        return exc.render(language)
    message = message_of(exc)
    return render(message, language) if isinstance(message, Note) else message
