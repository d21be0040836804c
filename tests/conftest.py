"""Shared pytest set-up.

Tests mirror the package (``tests/stats/test_sequential.py`` tests
``icplab/stats/sequential.py``). Sub-folders have no ``__init__.py``, so every test
module's basename must be unique across ``tests/``; this folder is put on ``sys.path``
so that helpers such as ``_workspace`` import from any sub-folder.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

#: a module- (or class-, package-) scoped fixture: its set-up is shared by the module's tests
_SHARED_SET_UP = re.compile(r"""scope\s*=\s*["'](?:module|class|package)["']""")


@cache
def _shares_set_up(path: str) -> bool:
    file = Path(_TESTS).parent / path
    return file.suffix == ".py" and bool(_SHARED_SET_UP.search(file.read_text(encoding="utf-8")))


@pytest.hookimpl(optionalhook=True)  # without pytest-xdist: never called
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadscope``: tests one by one, a module with a shared set-up as one unit.

    ``make test`` runs ``pytest -n auto --dist loadscope``. xdist's own loadscope sends
    whole modules; here a module is kept together only when it has a module-scoped fixture
    (a rendered workspace, a notebook batch), so that set-up runs once rather than once per
    worker, and every other test is scheduled on its own, which balances the workers.
    (``--dist loadgroup`` would need ``xdist_group`` marks, and xdist 3.8 applies them by
    rewriting ``item._nodeid``, which pytest 9 no longer reads.)
    """
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedSetUpScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if _shares_set_up(path) else nodeid

    return SharedSetUpScheduling(config, log)
