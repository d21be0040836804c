"""The package's shape: each layer imports only layers below it, and nothing forms a cycle.

Every ``import`` statement counts, also those inside functions and under ``TYPE_CHECKING``:
a lazy upward import is still an upward dependency.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "icplab"

#: Layer of each subpackage (and of the top-level modules), bottom to top.
LAYERS: dict[str, int] = {
    "core": 0,
    "data": 1,
    "stats": 2,
    "icp": 3,
    "api": 4,
    "report": 5,
    "batch": 6,
    "cli": 7,
    "__main__": 7,
}
#: Top-level modules outside the layers: the package's own ``__init__`` (lazy public names,
#: which name modules only as strings).
UNLAYERED = {"icplab"}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path) -> set[str]:
    """Every icplab module ``path`` imports (absolute or relative, at any depth)."""
    is_pkg = path.name == "__init__.py"
    base = name.split(".") if is_pkg else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                mod = ".".join(base[: len(base) - node.level + 1] + [node.module or ""]).strip(".")
            else:
                mod = node.module or ""
            out.add(mod)
            out |= {f"{mod}.{a.name}" for a in node.names}
    return {m for m in out if m == "icplab" or m.startswith("icplab.")}


def layer_of(name: str) -> int | None:
    if name in UNLAYERED:
        return None
    parts = name.split(".")
    if len(parts) < 2:
        return None
    return LAYERS.get(parts[1])


def resolve(target: str, known: dict[str, Path]) -> str | None:
    """The module a dotted import target names (``icplab.icp.compare.compare`` -> module)."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def graph() -> dict[str, set[str]]:
    known = modules()
    g: dict[str, set[str]] = {}
    for name, path in known.items():
        deps = {resolve(t, known) for t in imports_of(name, path)}
        g[name] = {d for d in deps if d and d != name}
    return g


def test_every_module_sits_in_a_layer() -> None:
    unplaced = [n for n in modules() if n not in UNLAYERED and layer_of(n) is None]
    assert unplaced == [], f"modules outside the layers {list(LAYERS)}: {unplaced}"


def test_no_upward_imports() -> None:
    bad = []
    for name, deps in graph().items():
        mine = layer_of(name)
        if mine is None:
            continue
        for dep in deps:
            theirs = layer_of(dep)
            if theirs is not None and theirs > mine:
                bad.append(f"{name} (layer {mine}) imports {dep} (layer {theirs})")
    assert bad == [], "upward imports:\n" + "\n".join(sorted(bad))


def test_no_import_cycles() -> None:
    g = {
        n: {d for d in deps if not d.endswith("__init__") and d != "icplab"}
        for n, deps in graph().items()
    }
    # Packages' __init__ modules are containers; a module importing its own package is fine.
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(g.get(node, ())):
            if dep in UNLAYERED or Path(modules()[dep]).name == "__init__.py":
                continue
            if state.get(dep) == 1:
                cycles.append(" -> ".join([*stack[stack.index(dep) :], dep]))
            elif dep not in state:
                visit(dep, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(g):
        if node not in state:
            visit(node, [])
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The walker itself works: a planted upward import inside a function is found."""
    f = tmp_path / "x.py"
    f.write_text("def f():\n    from icplab.batch.runner import run_reports\n", encoding="utf-8")
    assert "icplab.batch.runner.run_reports" in imports_of("icplab.core.x", f)
    assert layer_of("icplab.batch.runner") > layer_of("icplab.core.x")  # type: ignore[operator]


HEAVY = ("nbformat", "nbconvert", "papermill", "jupyter_client", "nbclient", "matplotlib")


@pytest.mark.parametrize(
    "command",
    [
        ["--version"],
        ["--help"],
        ["size", "--baseline-rate", "0.12", "--lift", "0.03"],
    ],
)
def test_commands_load_only_what_they_need(command: list[str]) -> None:
    """Outside ``run``/``init`` no command imports the notebook machinery or matplotlib."""
    code = (
        "import sys, contextlib, io\n"
        "from icplab.cli import main\n"
        f"argv = {command!r}\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout


def test_compare_and_check_do_not_load_notebook_machinery(tmp_path: Path) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from icplab.cli import main\n"
        "from icplab.data.sample import generate_outreach\n"
        f"p = {str(tmp_path / 'log.csv')!r}\n"
        "generate_outreach(500, seed=2).to_csv(p, index=False)\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['compare', p, '--by', 'salutation', '--metric', 'reply_rate', '--format', 'json'])\n"
        "    main(['check', p, '--where', 'industry=IT', '--format', 'json'])\n"
        "    main(['refine', p, '--format', 'json'])\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout


def test_command_table_matches_the_command_modules() -> None:
    """The help lines the lazy CLI lists are those of the command modules themselves."""
    import argparse

    from icplab.cli import COMMANDS, build_full_parser

    sub = next(a for a in build_full_parser()._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert helps == COMMANDS
    modules = {p.stem for p in (PACKAGE / "cli" / "commands").glob("*.py")}
    assert set(COMMANDS) == {m for m in modules if not m.startswith("_")}


def test_compare_does_not_import_scipy_stats_or_optimize(tmp_path: Path) -> None:
    """``scipy.stats`` (~0.4 s: it parses the docstrings of hundreds of distributions) and
    ``scipy.optimize`` are paid only by the commands that use them; the Beta quantiles of the
    pooled rates come from ``scipy.special`` (bit-identical, tests/stats/test_pooling_special.py)."""
    from icplab.data.sample import generate_outreach

    log = tmp_path / "log.csv"
    generate_outreach(500, seed=2).to_csv(log, index=False)
    code = (
        "import sys, contextlib, io\n"
        "from icplab.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['compare', {str(log)!r}, '--by', 'salutation', '--metric', 'reply_rate',"
        " '--format', 'json'])\n"
        "print(sorted(m for m in ('scipy.stats', 'scipy.optimize') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout
