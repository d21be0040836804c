"""Writing files so that readers never see half of one.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> p = Path(tempfile.mkdtemp()) / "x.txt"
>>> atomic_write_text(p, "hi").read_text()
'hi'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Permissions of every file icplab writes: readable by others (a web server serving
#: reports/), writable by the owner. mkstemp alone would give 0600.
FILE_MODE = 0o644


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` so readers see the old or the new file, never half of one.

    The file gets ordinary permissions (:data:`FILE_MODE`, 0644).

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write_text(p, "hi").read_text()
    'hi'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
