"""One version of the data for a whole batch run.

The notebooks of a run read the outreach log one after the other, minutes apart. When the
export is replaced meanwhile, some reports would be built on the old file and some on the
new one. :func:`take_snapshot` copies the file once at the start of the run into the
workspace's state folder (``.icplab/snapshots/<content hash>/<file name>``, never into the
shared ``reports/`` folder: the copy still holds the file's personal columns) and every
notebook of the run reads that copy. The copy keeps the file's name (reports show it) and
its modification time, and its folder is named by its content, so an unchanged export maps
to the same path run after run and the cache of validated logs (:mod:`icplab.data.cache`)
still spares the notebooks the validation. The runner removes the copy when the run ends.

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
from icplab.core.errors import UsageError

#: Folder of the snapshots, relative to the workspace.
SNAPSHOT_DIR = STATE_DIR / "snapshots"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class DataSnapshot:
    """The data file of a run as it was when the run started."""

    #: the file the user named
    source: Path
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

    Raises
    ------
    icplab.core.errors.UsageError
        When the file cannot be read or the copy cannot be written.
    """
    folder = Path(root) / SNAPSHOT_DIR
    digest = hashlib.sha256()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".take.", dir=folder))
    except OSError as exc:
        raise UsageError(
            f"cannot write the run's copy of the data into {folder} ({exc.strerror or exc}). "
            "Make the workspace writable."
        ) from None
    try:
        copy = tmp / source.name
        with open(source, "rb") as src, open(copy, "wb") as dst:
            st = os.fstat(src.fileno())  # the file as opened, even if replaced meanwhile
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
        os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns))
        target = folder / digest.hexdigest()[:16]
        if target.is_dir() and (target / source.name).is_file():
            shutil.rmtree(tmp, ignore_errors=True)  # same content, kept from before
        else:
            shutil.rmtree(target, ignore_errors=True)
            os.replace(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UsageError(
            f"{source}: cannot take the run's copy of the data ({exc.strerror or exc}). "
            "Check that the file is readable and the workspace writable."
        ) from None
    with contextlib.suppress(OSError):
        os.chmod(target, 0o700)  # the copy holds personal columns: owner only
    return DataSnapshot(
        source=source,
        path=target / source.name,
        sha256=digest.hexdigest(),
        size=os.stat(target / source.name).st_size,
        modified=datetime.fromtimestamp(st.st_mtime_ns / 1e9).astimezone().isoformat(),
    )
