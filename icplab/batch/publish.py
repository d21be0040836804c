"""Publishing a run: staged, atomic replacement of the reports in ``reports/``.

The good reports of a run are copied beside their targets and only then replace the
published files (:func:`publish_all`, through the safe-path helpers of
:mod:`icplab.core.files`, which never follow a symbolic link); the run record, the index
page and the tables workbook are written (:func:`write_run_files`); old run folders are
pruned (:func:`prune_runs`). An unwritable ``reports/`` is one clear error
(:func:`cannot_write`, exit status 2).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from icplab.core.config import Config
from icplab.core.errors import UsageError, os_reason
from icplab.core.files import (
    atomic_write_text,
    check_inside,
    replace_inside,
    safe_mkdir,
    safe_rmtree,
    safe_unlink,
    stage_copy,
)
from icplab.core.notes import Note
from icplab.report.outcome import ReportResult, RunSummary


def reports_folder(root: Path, config: Config) -> Path:
    """The reports folder, resolved: inside the workspace, not reached through a symbolic
    link (:func:`icplab.core.files.check_inside`), whether ``[workspace] reports`` is
    written relative (``reports``, ``../elsewhere``) or as an absolute path."""
    configured = Path(config.reports_dir).expanduser()
    check_inside(root / configured, root)  # an absolute path stays absolute here
    return (root / configured).resolve()


def publish_all(good: list[ReportResult], reports_dir: Path) -> dict[str, ReportResult]:
    """Publish the good reports of a run into ``reports/`` together.

    Every file is first copied beside its target (a hidden temporary file), and only when
    all copies exist do they replace the published files (``os.replace``, atomic each): a
    folder that cannot be written leaves the published reports as they were.

    Raises
    ------
    icplab.core.errors.UsageError
        When ``reports/`` cannot be written (nothing was replaced).
    """
    staged: list[tuple[Path, Path]] = []
    stale: list[Path] = []
    base = reports_dir
    try:
        safe_mkdir(reports_dir, base)
        for res in good:
            suffixes = [".html", ".json"]
            if (res.run_dir / f"{res.name}.tables.json").exists():
                suffixes.append(".tables.json")
            else:  # a report without tables now: drop its old ones
                stale.append(reports_dir / f"{res.name}.tables.json")
            for suffix in suffixes:
                # a random name, created exclusively and never through a link: a planted
                # ".NAME.html.PID.tmp" link cannot redirect the copy (core/files.py)
                tmp = stage_copy(
                    res.run_dir / f"{res.name}{suffix}", reports_dir, f"{res.name}{suffix}", base
                )
                staged.append((tmp, reports_dir / f"{res.name}{suffix}"))
    except OSError as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        raise cannot_write(reports_dir, exc) from None
    except UsageError:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        raise
    for tmp, dst in staged:
        replace_inside(tmp, dst, base)
    for old in stale:
        with contextlib.suppress(OSError):
            safe_unlink(old, base)
    return {res.name: replace(res, html=reports_dir / f"{res.name}.html") for res in good}


def write_run_files(
    summary: RunSummary,
    record: Mapping[str, Any],
    run_dir: Path,
    reports_dir: Path,
    plan_names: list[str],
) -> None:
    """Write the run record ``run.json`` into the run folder, then ``reports/index.html``
    and ``reports/tables.xlsx`` for the reports of ``plan_names``.

    Raises
    ------
    icplab.core.errors.UsageError
        When ``reports/`` cannot be written (:func:`cannot_write`).
    """
    try:
        from icplab.report.index_page import write_index

        atomic_write_text(
            run_dir / "run.json", json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        )
        write_index(summary, reports_dir, plan_names)
        write_tables_workbook(reports_dir, plan_names)
    except OSError as exc:
        raise cannot_write(reports_dir, exc) from None


def cannot_write(reports_dir: Path, exc: OSError) -> UsageError:
    """The error for a ``reports/`` folder icplab cannot write to (exit status 2).

    Examples
    --------
    >>> import errno
    >>> err = PermissionError(errno.EACCES, "Permission denied", "/ws/reports/runs")
    >>> print(cannot_write(Path("/ws/reports"), err))  # doctest: +NORMALIZE_WHITESPACE
    cannot write to reports/ (permission denied): /ws/reports/runs. Make the folder
    writable, or set [workspace] reports in icplab.toml to a folder you can write to;
    nothing new was published.
    """
    reason = os_reason(exc)
    where = exc.filename or reports_dir
    return UsageError(
        Note("errors.run.cannot_publish", folder=reports_dir.name, reason=reason, where=str(where))
    )


def write_tables_workbook(reports_dir: Path, names: Iterable[str]) -> Path:
    """``reports/tables.xlsx``: one sheet per table of every published report.

    Built from the ``<report>.tables.json`` files beside the published reports, so a run
    of a few reports (``--only``) keeps the tables of the others.
    """
    from icplab.report.spreadsheet import write_xlsx
    from icplab.report.tables import read_tables

    sheets = {}
    for name in names:
        for title, frame in read_tables(reports_dir / f"{name}.tables.json"):
            # Excel allows 31 characters: the report name alone when both do not fit
            base = f"{name} {title}" if len(name) + len(title) < 31 else name
            key, k = base, 2
            while key in sheets:
                key, k = f"{base} ({k})", k + 1
            sheets[key] = frame
    return write_xlsx(sheets, reports_dir / "tables.xlsx")


def prune_runs(
    runs_dir: Path, keep_runs: int, keep: Path | None = None, base: Path | None = None
) -> list[Path]:
    """Delete all but the newest ``keep_runs`` run folders (never ``keep``); returns them.

    Run folders are named by their UTC start time, so their names sort by age. Only real
    folders inside ``base`` (default: the folder holding ``runs_dir``, i.e. ``reports/``)
    are deleted: a ``runs`` that is a symbolic link is refused, a link among the run
    folders is left alone (:mod:`icplab.core.files`).

    Raises
    ------
    icplab.core.errors.UnsafePathError
        When ``runs_dir`` (or a folder above it, below ``base``) is a symbolic link.
    """
    base = Path(base) if base is not None else Path(runs_dir).parent
    if not os.path.lexists(runs_dir):
        return []
    check_inside(runs_dir, base)
    if not Path(runs_dir).is_dir():
        return []
    runs = sorted(
        p for p in Path(runs_dir).iterdir() if _real_dir(p) and not p.name.startswith(".")
    )
    old = [p for p in runs[: max(0, len(runs) - keep_runs)] if keep is None or p != keep]
    for p in old:
        with contextlib.suppress(OSError):
            safe_rmtree(p, base)
    return old


def _real_dir(p: Path) -> bool:
    """A folder that is not a symbolic link."""
    try:
        return stat.S_ISDIR(os.lstat(p).st_mode)
    except OSError:
        return False


__all__ = [
    "cannot_write",
    "prune_runs",
    "publish_all",
    "reports_folder",
    "write_run_files",
    "write_tables_workbook",
]
