"""One options object for a run: RunOptions, the former keyword call, and the old import path."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

import pytest

import icplab.batch.runner as runner
from icplab.batch.runner import RunOptions, run_reports
from icplab.core.config import Config
from icplab.core.errors import UsageError

REPO = Path(__file__).resolve().parents[2]


def test_the_former_call_means_the_same_options() -> None:
    config = Config()
    progress = print
    legacy = runner._options(
        config,
        (["01-overview"], 3, 42.0, True, progress),
        {"data": "x.csv", "language": "de", "wait": 7, "kernel_name": "k"},
    )
    assert legacy == RunOptions(
        config=config,
        only=("01-overview",),
        jobs=3,
        timeout=42.0,
        accept_metric_change=True,
        progress=progress,
        data="x.csv",
        language="de",
        wait=7,
        kernel_name="k",
    )


def test_only_is_read_once_from_a_generator() -> None:
    opts = RunOptions(Config(), only=(n for n in ["a", "b"]))
    assert opts.only == ("a", "b")
    assert opts.only == ("a", "b")  # not exhausted by a second read


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"jobs": 0}, "--jobs must be at least 1, got 0."),
        ({"timeout": 0}, "--timeout must be positive, got 0."),
        ({"wait": -1}, "--wait must be 0 or more seconds, got -1."),
    ],
)
def test_both_call_forms_refuse_the_same_bad_options(kwargs: dict, message: str) -> None:
    config = Config()
    with pytest.raises(UsageError) as new:
        run_reports(RunOptions(config, **kwargs))
    with pytest.raises(UsageError) as old:
        run_reports(config, **kwargs)
    assert str(new.value) == str(old.value) == message


def test_wrong_calls_are_type_errors() -> None:
    config = Config()
    with pytest.raises(TypeError, match="no further arguments"):
        run_reports(RunOptions(config), jobs=2)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="multiple values for jobs"):
        run_reports(config, None, 2, jobs=2)  # type: ignore[misc]
    with pytest.raises(TypeError, match="unexpected arguments: job"):
        run_reports(config, job=2)  # type: ignore[call-overload]


def test_run_options_hold_every_parameter_of_the_former_signature() -> None:
    tree = ast.parse((REPO / "icplab" / "batch" / "runner.py").read_text(encoding="utf-8"))
    overloads = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "run_reports"]
    former = overloads[1].args  # the overload with the former parameters
    names = [a.arg for a in former.posonlyargs + former.args + former.kwonlyargs]
    assert names[0] == "options"
    assert ["config", *names[1:]] == [f.name for f in fields(RunOptions)]


def _names_imported_from_runner() -> set[str]:
    found: set[str] = set()
    for folder in ("icplab", "tests", "benchmarks"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "icplab.batch.runner":
                    found |= {a.name for a in node.names}
    return found


def test_every_name_imported_from_the_runner_still_resolves() -> None:
    names = _names_imported_from_runner()
    assert {"run_reports", "default_plan", "Job"} <= names  # the scan found the imports
    missing = sorted(n for n in names if not hasattr(runner, n))
    assert missing == []


def test_batch_modules_stay_small() -> None:
    sizes = {
        p.name: len(p.read_text(encoding="utf-8").splitlines())
        for p in (REPO / "icplab" / "batch").glob("*.py")
    }
    assert max(sizes.values()) <= 700, sizes
