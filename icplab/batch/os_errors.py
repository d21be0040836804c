"""An operating-system failure of the runner as an error the user can act on.

The runner touches the workspace in a few places before any report runs (the state
folder and its lock, the copies of the data and of ``icplab.toml``). Each failure there
(a read-only folder, a full disk, a missing file) stops the run as a
:class:`~icplab.core.errors.UsageError` (exit 2, no traceback) whose note says what could
not be done and the system's reason; :func:`usage_error_on_os_error` is that rule, once.

Examples
--------
>>> from icplab.core.errors import message_of
>>> try:
...     with usage_error_on_os_error("errors.run.cannot_copy_config", path="icplab.toml"):
...         raise PermissionError(13, "Permission denied")
... except UsageError as exc:
...     note = message_of(exc)
>>> note.code, note.params
('errors.run.cannot_copy_config', {'path': 'icplab.toml', 'reason': 'permission denied'})
>>> note.params["reason"].code  # German in a German terminal (icplab.core.errors.os_reason)
'errors.os.denied'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from icplab.core.errors import UsageError, os_reason
from icplab.core.notes import Note


@contextmanager
def usage_error_on_os_error(code: str, **params: str) -> Iterator[None]:
    """Raise an ``OSError`` of the block as ``UsageError(Note(code, **params, reason=...))``.

    Parameters
    ----------
    code
        The note's code (``errors.run.*``): what could not be done.
    **params
        The note's other parameters (a folder or file name; never personal data).

    Raises
    ------
    icplab.core.errors.UsageError
        In place of the ``OSError``, with ``reason`` the system's reason
        (:func:`icplab.core.errors.os_reason`: a note for the common causes, else the
        system's text); the ``OSError`` is not chained, so the CLI shows the note alone.
    """
    try:
        yield
    except OSError as exc:
        raise UsageError(Note(code, **params, reason=os_reason(exc))) from None
