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
from conftest import _is_slow, _scope, _shares_set_up, _unit_order

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


def test_slow_marks_are_read_from_the_source(tmp_path: Path) -> None:
    marked = tmp_path / "test_marked.py"
    marked.write_text(
        "import pytest\n\n"
        "@pytest.mark.slow\ndef test_a(): ...\n\n"
        "@pytest.mark.slow()\n@pytest.mark.parametrize('x', [1])\ndef test_b(x): ...\n\n"
        "def test_c(): ...\n\n"
        "class TestD:\n    @pytest.mark.slow\n    def test_e(self): ...\n\n"
        "    def test_f(self): ...\n",
        encoding="utf-8",
    )
    ids = ["test_a", "test_b[1]", "test_c", "TestD::test_e", "TestD::test_f"]
    assert [_is_slow(f"{marked}::{i}") for i in ids] == [True, True, False, True, False]
    whole = tmp_path / "test_whole.py"
    whole.write_text("import pytest\npytestmark = [pytest.mark.slow]\ndef test_a(): ...\n")
    assert _is_slow(f"{whole}::test_a")


def test_the_source_reading_agrees_with_pytest_marks(request: pytest.FixtureRequest) -> None:
    """Every test collected in this session: slow for the scheduler iff pytest marks it slow."""
    items = [i for i in request.session.items if i.nodeid.startswith("tests/")]
    wrong = [i.nodeid for i in items if _is_slow(i.nodeid) != bool(i.get_closest_marker("slow"))]
    assert wrong == []


def test_slow_units_go_out_first() -> None:
    units = {
        "tests/icp/test_verdicts.py::test_a_fast_one": ["tests/icp/test_verdicts.py::x"],
        "tests/test_docs.py": ["tests/test_docs.py::a", "tests/test_docs.py::b"],
        "tests/icp/test_heterogeneity.py::test_null_interaction_is_calibrated": [
            "tests/icp/test_heterogeneity.py::test_null_interaction_is_calibrated"
        ],
    }
    order = sorted(units, key=lambda s: _unit_order(s, units[s]), reverse=True)
    assert order == [
        "tests/icp/test_heterogeneity.py::test_null_interaction_is_calibrated",
        "tests/test_docs.py",
        "tests/icp/test_verdicts.py::test_a_fast_one",
    ]


def test_modules_reading_one_shared_rendering_are_one_unit() -> None:
    """tests/_shared_runs.py: the modules naming one rendering go to one worker together."""
    callers: dict[str, list[str]] = {}
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "shared_run":
                name = node.args[1]
                assert isinstance(name, ast.Constant), f"{path}: a computed shared-run name"
                callers.setdefault(name.value, []).append(path.relative_to(REPO).as_posix())
    assert len(callers["hostile"]) == 2, callers
    for name, paths in callers.items():
        assert {_scope(f"{p}::test_x") for p in paths} == {f"shared-run:{name}"}
    assert _scope("tests/test_docs.py::test_x") == "tests/test_docs.py"
    assert _scope("tests/icp/test_verdicts.py::test_x") == "tests/icp/test_verdicts.py::test_x"
