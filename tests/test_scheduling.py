"""The xdist scheduler of tests/conftest.py keeps exactly the modules with a shared set-up.

``make test`` runs ``pytest -n auto --dist loadscope``; conftest's scheduler sends a module
as one unit only when it defines a module-, class- or package-scoped fixture. The regular
expression it uses is checked here against the fixtures found by parsing every test module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from _paths import REPO, TESTS
from conftest import _shares_set_up

MODULES = sorted(TESTS.rglob("test_*.py"))


def _shared_fixture_scopes(path: Path) -> set[str]:
    """Scopes of the ``@pytest.fixture(scope=...)`` decorators in ``path``, found by AST."""
    scopes = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            if isinstance(deco, ast.Call) and ast.unparse(deco.func) == "pytest.fixture":
                for kw in deco.keywords:
                    if kw.arg == "scope":
                        assert isinstance(kw.value, ast.Constant), f"{path}: a computed scope"
                        scopes.add(kw.value.value)
    return scopes & {"module", "class", "package"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_modules_with_a_shared_set_up_are_scheduled_as_one_unit(path: Path) -> None:
    want = bool(_shared_fixture_scopes(path))
    assert _shares_set_up(path.relative_to(REPO).as_posix()) is want


def test_the_suite_has_modules_of_both_kinds() -> None:
    kinds = {bool(_shared_fixture_scopes(p)) for p in MODULES}
    assert kinds == {True, False}


def test_doctests_and_other_files_are_single_units() -> None:
    assert _shares_set_up("icplab/stats/srm.py") is False  # no scoped fixture in the package
    assert _shares_set_up("tests/fixtures/tiny.ipynb") is False
