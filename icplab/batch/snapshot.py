"""One version of the data for a whole batch run.

The notebooks of a run read the outreach log one after the other, minutes apart. When the
export is replaced meanwhile, some reports would be built on the old file and some on the
new one. :func:`take_snapshot` copies the file once at the start of the run into the
workspace's state folder (``.icplab/snapshots/<content hash>/<file name>``, never into the
shared ``reports/`` folder: the copy still holds the file's personal columns) and every
notebook of the run reads that copy. The copy keeps the file's name (reports show it) and
its modification time, and its folder is named by its content, so an unchanged export maps
to the same path run after run and the cache of validated logs (:mod:`icplab.data.cache`)
still spares the notebooks the validation. The copy is made afresh every run (a folder
left by a killed run is deleted, never reused), and the runner removes it when the run
ends.

Examples
--------
>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "log.csv").write_text("a,b\\n1,2\\n")
>>> snap = take_snapshot(root, root / "log.csv")
>>> snap.path.read_text() == (root / "log.csv").read_text(), snap.path.name, snap.size
(True, 'log.csv', 8)
>>> snap.remove(); snap.path.exists()
False
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from icplab.batch.run_lock import STATE_DIR
from icplab.core.errors import usage_error_on_os_error
from icplab.core.files import safe_mkdir, safe_rmtree

#: Folder of the snapshots, relative to the workspace.
SNAPSHOT_DIR = STATE_DIR / "snapshots"
_CHUNK = 1 << 20
_EXCL = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC


@dataclass(frozen=True)
class DataSnapshot:
    """The data file of a run as it was when the run started."""

    #: the file the user named (or the table, ``CONNECTION::TABLE`` without a password)
    source: Path | str
    #: the copy every notebook of the run reads
    path: Path
    sha256: str
    size: int
    #: the file's modification time (ISO 8601, local time)
    modified: str

    def to_dict(self, rows: int | None = None) -> dict[str, Any]:
        """The ``data`` record of ``run.json``."""
        out: dict[str, Any] = {
            "file": str(self.source),
            "sha256": self.sha256,
            "size": self.size,
            "modified": self.modified,
        }
        if rows is not None:
            out["rows"] = rows
        return out

    def remove(self) -> None:
        """Delete the copy (its folder); never raises."""
        shutil.rmtree(self.path.parent, ignore_errors=True)


def take_snapshot(root: Path, source: Path) -> DataSnapshot:
    """Copy ``source`` into the state folder of workspace ``root`` and hash it.

    Call it under the workspace's run lock: every folder already in the snapshots folder
    is then left over from a run that was killed (SIGKILL, power loss) and is deleted
    first, so a stale copy is never reused. The new copy is written into a temporary
    ``.take.*`` folder, which goes whatever ends the copy (an error, Ctrl-C), and only a
    complete copy is renamed to its content hash. Every write goes through
    :mod:`icplab.core.files` (no symbolic link on the way).

    Raises
    ------
    icplab.core.errors.UsageError
        When the file cannot be read or the copy cannot be written.
    """
    root = Path(root)
    folder = root / SNAPSHOT_DIR
    digest = hashlib.sha256()
    tmp = _scratch(folder, root, ".take.", clear=True)
    try:
        with usage_error_on_os_error("errors.run.cannot_copy_data", source=str(source)):
            copy = tmp / source.name
            with open(source, "rb") as src:
                st = os.fstat(src.fileno())  # the file as opened, even if replaced meanwhile
                fd = os.open(copy, _EXCL, 0o600)
                with os.fdopen(fd, "wb") as dst:
                    while chunk := src.read(_CHUNK):
                        digest.update(chunk)
                        dst.write(chunk)
            os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns))
            target = folder / digest.hexdigest()[:16]
            safe_rmtree(target, root)
            os.replace(tmp, target)
    except BaseException:  # an error, Ctrl-C, SIGTERM: no raw copy of the data stays behind
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    with contextlib.suppress(OSError):
        os.chmod(target, 0o700)  # the copy holds personal columns: owner only
    return DataSnapshot(
        source=source,
        path=target / source.name,
        sha256=digest.hexdigest(),
        size=os.stat(target / source.name).st_size,
        modified=datetime.fromtimestamp(st.st_mtime_ns / 1e9).astimezone().isoformat(),
    )


def take_table_snapshot(root: Path, url: str, mapping: Any = None) -> DataSnapshot:
    """The run's copy of a database table (``[workspace] data = "duckdb:///x.db::t"``).

    The table's rows are exported once, with only the columns a command may read
    (:func:`icplab.data.warehouse.export_table`: no personal column), to a Parquet file
    named after the table, which is then copied and hashed like a file
    (:func:`take_snapshot`); every report of the run reads that copy. Its ``source`` is
    the table's URL without a password.

    Raises
    ------
    icplab.core.errors.UsageError
        When the table cannot be read or the copy cannot be written.
    """
    from icplab.data.warehouse import export_table, split_url

    root = Path(root)
    _conn, _schema, name = split_url(url)
    state = root / STATE_DIR
    tmp = _scratch(state, root, ".export.")
    try:
        safe_name = "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "table"
        exported = tmp / f"{safe_name}.parquet"
        source = export_table(url, exported, mapping=mapping)
        snap = take_snapshot(root, exported)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return DataSnapshot(source, snap.path, snap.sha256, snap.size, snap.modified)


def _scratch(folder: Path, root: Path, prefix: str, *, clear: bool = False) -> Path:
    """A new private folder for the run's copy inside ``folder`` of the workspace ``root``
    (``folder`` is created; with ``clear``, what a killed run left in it is deleted first).

    Raises
    ------
    icplab.core.errors.UsageError
        When the workspace is not writable.
    """
    with usage_error_on_os_error("errors.run.cannot_write_copy", folder=str(folder)):
        safe_mkdir(folder, root)
        if clear:
            _clear_stale(folder, root)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=folder))


def _clear_stale(folder: Path, root: Path) -> None:
    """Delete every entry of the snapshots folder (left over by a killed run)."""
    for entry in folder.iterdir():
        with contextlib.suppress(OSError):
            safe_rmtree(entry, root)
