"""Every write and delete under a workspace goes through here.

Two jobs: readers never see half a file (:func:`atomic_write_text`: a temporary file
beside the target, then an atomic rename), and nothing icplab writes or deletes lands
outside the folder it belongs to. A symbolic link planted inside the workspace
(``reports/runs`` pointing at a home folder, a ``.NAME.html.PID.tmp`` pointing at a
system file) must not turn a prune into deleting someone else's folders, or a publish
into overwriting a file elsewhere. So:

* :func:`check_inside` refuses a path when any part of it below ``base`` is a symbolic
  link, or when it resolves outside ``base`` (checked before and again after creating);
* temporary files are created exclusively (``O_CREAT | O_EXCL | O_NOFOLLOW``, random
  names: :func:`exclusive_temp`), their mode set on the open descriptor, never by name;
* :func:`safe_rmtree` deletes with :func:`shutil.rmtree`, which on Linux works on
  directory descriptors and never follows a link inside the tree, after checking the
  top itself.

A refused path is an :class:`~icplab.core.errors.UnsafePathError` (exit status 2).

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> root = Path(tempfile.mkdtemp())
>>> atomic_write_text(root / "x.txt", "hi", base=root).read_text()
'hi'
>>> (root / "link").symlink_to(tempfile.mkdtemp())
>>> safe_mkdir(root / "link" / "runs", base=root)
Traceback (most recent call last):
icplab.core.errors.UnsafePathError: link is a symbolic link; icplab writes only into real folders of the workspace. Replace the link by a folder (or remove it) and run again.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from pathlib import Path

from icplab.core.errors import UnsafePathError
from icplab.core.notes import Note

#: Permissions of every file icplab writes: readable by others (a web server serving
#: reports/), writable by the owner. mkstemp alone would give 0600.
FILE_MODE = 0o644
#: Flags of an exclusive, never-following temporary file.
_EXCL = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
_CHUNK = 1 << 20


def _chmod_open(fd: int, path: Path, mode: int) -> None:
    """Set ``mode`` on the open file (by descriptor: a link swapped in by name cannot
    redirect it); by name only where the platform has no ``fchmod`` (Windows)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # pragma: no cover - Windows
        os.chmod(path, mode)


def _refuse(shown: str, what: str) -> UnsafePathError:
    """The error for path ``shown``; ``what`` is it: ``outside``, ``link``,
    ``resolves_outside`` or ``not_folder`` (codes ``errors.path.*``)."""
    code = "errors.path.refused_outside" if what == "outside" else "errors.path.refused"
    return UnsafePathError(Note(code, path=shown, what=Note(f"errors.path.{what}")))


def check_inside(path: Path, base: Path) -> Path:
    """``path`` when it lies inside ``base`` with no symbolic link on the way.

    Every existing part of ``path`` below ``base`` is checked with ``lstat`` (a link is
    refused, whatever it points at), and the resolved path must stay inside the resolved
    ``base``. ``base`` itself is trusted (the workspace or a configured reports folder).

    Raises
    ------
    icplab.core.errors.UnsafePathError
        Naming the part that is a link, or the path that lies outside.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> check_inside(root / "a" / "b.txt", root) == root / "a" / "b.txt"
    True
    >>> check_inside(root / ".." / "etc", root)
    Traceback (most recent call last):
    icplab.core.errors.UnsafePathError: ../etc lies outside the folder icplab writes to; icplab writes only into real folders of the workspace. Choose a folder inside it (e.g. [workspace] reports = "reports" in icplab.toml) and run again.
    """
    base_abs = Path(os.path.abspath(base))
    target = Path(os.path.abspath(path))
    rel = os.path.relpath(os.path.normpath(os.path.join(base, path)), base_abs)
    if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
        raise _refuse(os.path.relpath(path, base), "outside")
    current = base_abs
    for part in Path(rel).parts if rel != "." else ():
        current = current / part
        try:
            st = os.lstat(current)
        except (FileNotFoundError, NotADirectoryError):
            break
        if stat.S_ISLNK(st.st_mode):
            raise _refuse(str(current.relative_to(base_abs)), "link")
    real_base = os.path.realpath(base_abs)
    real = os.path.realpath(target)
    if real != real_base and not real.startswith(real_base.rstrip(os.sep) + os.sep):
        raise _refuse(rel, "resolves_outside")
    return path


def safe_mkdir(path: Path, base: Path) -> Path:
    """Create the folder ``path`` (and its parents) inside ``base``, refusing links.

    An existing folder is fine. Checked before and after, so a link swapped in between
    is caught.
    """
    check_inside(path, base)
    Path(path).mkdir(parents=True, exist_ok=True)
    check_inside(path, base)
    if not Path(path).is_dir():
        raise _refuse(os.path.relpath(path, base), "not_folder")
    return path


def safe_rmtree(path: Path, base: Path) -> None:
    """Delete the folder ``path`` inside ``base``; a link at ``path`` or on the way is
    refused, links inside the tree are removed as links (never followed).

    Examples
    --------
    >>> import tempfile
    >>> root, outside = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> _ = (outside / "keep.txt").write_text("x")
    >>> (root / "old").mkdir(); (root / "old" / "to-outside").symlink_to(outside)
    >>> safe_rmtree(root / "old", root)
    >>> (root / "old").exists(), (outside / "keep.txt").exists()
    (False, True)
    """
    check_inside(path, base)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise _refuse(os.path.relpath(path, base), "link")
    if not stat.S_ISDIR(st.st_mode):
        os.unlink(path)
        return
    shutil.rmtree(path)


def safe_unlink(path: Path, base: Path) -> None:
    """Delete the file ``path`` inside ``base`` (a link is removed itself, never its
    target); a missing file is fine."""
    check_inside(Path(path).parent, base)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def exclusive_temp(folder: Path, prefix: str = ".", suffix: str = ".tmp") -> tuple[int, Path]:
    """A new temporary file in ``folder``: random name, created exclusively, never
    through a link (``O_EXCL | O_NOFOLLOW``), mode 0600 until the caller sets it.

    Returns the open descriptor (for writing) and the path.
    """
    for _ in range(100):
        name = f"{prefix}{secrets.token_hex(8)}{suffix}"
        tmp = Path(folder) / name
        try:
            return os.open(tmp, _EXCL, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def stage_copy(src: Path, folder: Path, name: str, base: Path) -> Path:
    """Copy ``src`` into a new exclusive temporary file in ``folder`` (inside ``base``),
    mode :data:`FILE_MODE`; the caller moves it into place with :func:`replace_inside`."""
    check_inside(folder, base)
    fd, tmp = exclusive_temp(folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with open(src, "rb") as fin, os.fdopen(fd, "wb") as fout:
            shutil.copyfileobj(fin, fout, _CHUNK)
            _chmod_open(fout.fileno(), tmp, FILE_MODE)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def replace_inside(tmp: Path, dst: Path, base: Path) -> Path:
    """Move ``tmp`` onto ``dst`` atomically (``os.replace``: a link at ``dst`` is
    replaced, never followed), after checking that ``dst``'s folder is inside ``base``."""
    check_inside(Path(dst).parent, base)
    os.replace(tmp, dst)
    return dst


def atomic_write_text(path: Path, text: str, base: Path | None = None) -> Path:
    """Write ``text`` to ``path`` so readers see the old or the new file, never half of one.

    The file gets ordinary permissions (:data:`FILE_MODE`, 0644), set on the open file.
    With ``base``, ``path`` must lie inside it with no symbolic link on the way
    (:func:`check_inside`).

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write_text(p, "hi").read_text()
    'hi'
    """
    path = Path(path)
    if base is not None:
        safe_mkdir(path.parent, base)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = exclusive_temp(path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            _chmod_open(fh.fileno(), tmp, FILE_MODE)
        if base is not None:
            check_inside(path.parent, base)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new file ``path`` readable by the owner only (0600), created
    exclusively: an existing file or link at ``path`` is an error (``FileExistsError``)."""
    fd = os.open(path, _EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        _chmod_open(fh.fileno(), Path(path), 0o600)
    return Path(path)
