"""Shared pytest set-up.

Tests mirror the package (``tests/stats/test_sequential.py`` tests
``icplab/stats/sequential.py``). Sub-folders have no ``__init__.py``, so every test
module's basename must be unique across ``tests/``; this folder is put on ``sys.path``
so that helpers such as ``_workspace`` import from any sub-folder.

CPU is what ``make test`` spends (one xdist worker per core): a test that renders reports
calls ``run_reports(..., jobs=1)`` (a second runner worker costs its own process and warm
kernel, about 3 s of CPU a run, while the other core is busy with tests anyway), and a
simulation draws all its campaigns at once with numpy, calling the package's statistics on
whole arrays (or on one table at a time through the fast inner function, checked against
the full one on a sample of tables).
"""

from __future__ import annotations

import ast
import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

# One BLAS thread per process (set before numpy loads; the notebook kernels inherit it): the
# xdist workers already fill the cores, and OpenBLAS's extra threads spin for work, costing
# CPU without making a test faster (statsmodels' GLM on a 600 x 301 design: ~25% more CPU).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

#: a module- (or class-, package-) scoped fixture: its set-up is shared by the module's tests
_SHARED_SET_UP = re.compile(r"""scope\s*=\s*["'](?:module|class|package)["']""")


#: a rendering shared between modules (``tests/_shared_runs.py``): its name at the call
_SHARED_RUN = re.compile(r"""shared_run\(\s*\w+\s*,\s*["']([^"']+)["']""")


@cache
def _shared_run(path: str) -> str | None:
    """The name of the shared rendering the test module ``path`` reads, if any."""
    file = Path(_TESTS).parent / path
    if file.suffix != ".py" or not file.name.startswith("test_"):
        return None
    found = _SHARED_RUN.search(file.read_text(encoding="utf-8"))
    return found.group(1) if found else None


@cache
def _shares_set_up(path: str) -> bool:
    file = Path(_TESTS).parent / path
    return file.suffix == ".py" and bool(_SHARED_SET_UP.search(file.read_text(encoding="utf-8")))


def _is_slow_mark(node: ast.expr) -> bool:
    """``pytest.mark.slow`` (also inside a list, or called with arguments)."""
    if isinstance(node, ast.List | ast.Tuple):
        return any(_is_slow_mark(e) for e in node.elts)
    if isinstance(node, ast.Call):
        node = node.func
    return ast.unparse(node) == "pytest.mark.slow"


@cache
def _slow_tests(path: str) -> frozenset[str]:
    """Names of the tests in ``path`` marked slow (``"*"``: the whole module is)."""
    file = Path(_TESTS).parent / path
    if file.suffix != ".py" or not file.name.startswith("test_"):
        return frozenset()
    tree = ast.parse(file.read_text(encoding="utf-8"))
    slow: set[str] = set()
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)
            and _is_slow_mark(node.value)
        ):
            slow.add("*")
        items = node.body if isinstance(node, ast.ClassDef) else [node]
        for item in items:
            if isinstance(item, ast.FunctionDef) and any(
                _is_slow_mark(d) for d in item.decorator_list
            ):
                slow.add(item.name)
    return frozenset(slow)


def _is_slow(nodeid: str) -> bool:
    """Is the test ``nodeid`` (or its whole module) marked slow? Read from the source."""
    path, _, rest = nodeid.partition("::")
    marked = _slow_tests(path)
    name = rest.rsplit("::", 1)[-1].split("[", 1)[0]
    return "*" in marked or name in marked


def _scope(nodeid: str) -> str:
    """The work unit of ``nodeid``: the modules reading one shared rendering together, a
    module with a shared set-up, otherwise the test alone."""
    path = nodeid.split("::", 1)[0]
    shared = _shared_run(path)
    if shared is not None:
        return f"shared-run:{shared}"
    return path if _shares_set_up(path) else nodeid


def _unit_order(scope: str, nodeids: list[str]) -> tuple[bool, bool, int]:
    """Sort key (descending) of a work unit: slow tests first, then shared set-ups, then size.

    The longest units go out first (as in longest-processing-time scheduling), so that the
    workers end on short tests and finish together.
    """
    return (any(_is_slow(n) for n in nodeids), "::" not in scope, len(nodeids))


@pytest.hookimpl(optionalhook=True)  # without pytest-xdist: never called
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadscope``: tests one by one, a module with a shared set-up as one unit.

    ``make test`` runs ``pytest -n auto --dist loadscope``. xdist's own loadscope sends
    whole modules; here a module is kept together only when it has a module-scoped fixture
    (a rendered workspace, a notebook batch), so that set-up runs once rather than once per
    worker, and every other test is scheduled on its own, which balances the workers.
    The modules that read one rendering of ``tests/_shared_runs.py`` go out together as
    one unit, so that rendering is built once (:func:`_scope`).
    The units go out slow ones first (:func:`_unit_order`), so no worker is left with a
    long simulation or notebook run while the other has finished.
    (``--dist loadgroup`` would need ``xdist_group`` marks, and xdist 3.8 applies them by
    rewriting ``item._nodeid``, which pytest 9 no longer reads.)
    """
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedSetUpScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _scope(nodeid)

        def _assign_work_unit(self, node: Any) -> None:
            if not getattr(self, "_ordered", False):  # once, before the first unit goes out
                units = sorted(self.workqueue.items(), key=lambda u: _unit_order(*u), reverse=True)
                self.workqueue.clear()
                self.workqueue.update(units)
                self._ordered = True
            super()._assign_work_unit(node)

    return SharedSetUpScheduling(config, log)
