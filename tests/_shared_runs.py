"""Renderings that several test modules read: built once per test process, then shared.

A full ``icplab run`` costs 20-30 s. Where two modules check the same rendered workspace
(the hostile-label run: a static audit of the HTML and a real browser loading it), they
call :func:`shared_run` with the same name, and ``tests/conftest.py``'s scheduler sends
every module that names it as ONE unit to one xdist worker, so the run is done once.
Without xdist (or with another ``--dist``) each process builds its own copy: slower,
never wrong. A module reads a shared workspace and never writes into it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

#: (base temp folder, name) -> the built folder, for this process
_BUILT: dict[tuple[Path, str], Path] = {}


def shared_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """The folder ``build`` filled for ``name`` in this test session (built on first use).

    ``name`` must be a literal string at the call site: the scheduler reads it from the
    source (``shared_run(tmp_path_factory, "hostile", ...)``) to keep its users together.
    """
    key = (tmp_path_factory.getbasetemp(), name)
    if key not in _BUILT:
        folder = tmp_path_factory.mktemp(f"shared-{name}")
        build(folder)
        _BUILT[key] = folder
    return _BUILT[key]
