"""One ``icplab run`` at a time in a workspace.

Two batch runs in one workspace would interleave: the index of one would link the reports
of the other. :func:`workspace_run_lock` holds an operating-system file lock
(``.icplab/run.lock`` in the workspace, via the ``filelock`` package) for the whole run; the
lock goes away with the process, however it ends. A second run waits up to ``wait``
seconds for it, then stops with an error that says which process holds it.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> root = Path(tempfile.mkdtemp())
>>> with workspace_run_lock(root):
...     holder(root)["pid"] == os.getpid()
True
>>> holder(root)
{}
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from icplab.core.errors import UnsafePathError, UsageError, usage_error_on_os_error
from icplab.core.files import atomic_write_text, safe_mkdir
from icplab.core.notes import Note

#: The workspace's state folder (also home of the cache of validated logs).
STATE_DIR = Path(".icplab")
#: The lock file and the note on who holds it, relative to the workspace.
LOCK_FILE = STATE_DIR / "run.lock"
HOLDER_FILE = STATE_DIR / "run.lock.json"


class RunInProgressError(UsageError):
    """Another ``icplab run`` holds the workspace and did not finish in time."""


#: The largest holder record read (it holds a pid and a time).
MAX_HOLDER_BYTES = 64 * 1024


def holder(root: Path) -> dict[str, Any]:
    """Who holds the lock of ``root``: ``{"pid": N, "started": ISO time}``, or ``{}``."""
    file = Path(root) / HOLDER_FILE
    try:
        if not stat.S_ISREG(file.stat().st_mode):  # a planted FIFO would block forever
            return {}
        with open(file, "rb") as fh:
            data = json.loads(fh.read(MAX_HOLDER_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def describe_holder(info: dict[str, Any]) -> str:
    """``pid 123, started 14:05`` (what is known of it).

    Examples
    --------
    >>> describe_holder({"pid": 123, "started": "2026-05-04T14:05:09+02:00"})
    'pid 123, started 14:05'
    >>> describe_holder({})
    'pid unknown'
    """
    pid = (
        Note("errors.run.pid", pid=str(info["pid"])) if "pid" in info else Note("errors.run.no_pid")
    )
    with contextlib.suppress(KeyError, TypeError, ValueError):
        started = datetime.fromisoformat(info["started"]).strftime("%H:%M")
        return Note("errors.run.holder_started", pid=pid, time=started)
    return pid


@contextlib.contextmanager
def workspace_run_lock(
    root: Path, wait: float = 0, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the run lock of workspace ``root`` for the ``with`` block.

    Parameters
    ----------
    root
        The workspace folder; the lock lives in its ``.icplab/`` folder.
    wait
        Seconds to wait for a run that holds the lock (0: fail at once).
    on_wait
        Called once with a message when the lock is held and the run waits for it.

    Raises
    ------
    RunInProgressError
        When another run still holds the lock after ``wait`` seconds (exit status 2).
    """
    from filelock import FileLock, Timeout

    lock_path = Path(root) / LOCK_FILE
    with usage_error_on_os_error("errors.run.no_state_folder", folder=str(lock_path.parent)):
        safe_mkdir(lock_path.parent, Path(root))  # a linked .icplab/ is refused
        for path in (lock_path, Path(root) / HOLDER_FILE):
            if os.path.islink(path):
                raise UnsafePathError(
                    Note("errors.run.linked_lock", path=str(path.relative_to(root)))
                )
    lock = FileLock(str(lock_path), is_singleton=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        who = describe_holder(holder(root))
        if wait > 0:
            if on_wait is not None:
                on_wait(Note("errors.run.waiting", who=who, wait=wait))
            try:
                lock.acquire(timeout=wait)
            except Timeout:
                who = describe_holder(holder(root))
                raise RunInProgressError(
                    Note("errors.run.busy_waited", who=who, wait=wait)
                ) from None
        else:
            raise RunInProgressError(Note("errors.run.busy", who=who)) from None
    note = Path(root) / HOLDER_FILE
    try:
        with contextlib.suppress(OSError):
            atomic_write_text(  # replaces the note, never writes through a planted link
                note,
                json.dumps(
                    {"pid": os.getpid(), "started": datetime.now().astimezone().isoformat()}
                ),
                base=Path(root),
            )
        yield
    finally:
        with contextlib.suppress(OSError):
            note.unlink(missing_ok=True)
        lock.release()
