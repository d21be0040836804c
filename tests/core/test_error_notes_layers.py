"""Every error a user can see is a note, in English and German (issue #19, "one voice").

(1) An AST scan of the layers below the statistics and above the ICP judgements (core,
data, report, batch, cli) fails on any ``raise`` of an :class:`~icplab.core.errors.IcpLabError`
subclass whose message is a plain ``str`` or f-string instead of a
:class:`~icplab.core.notes.Note`; the few internal errors a user cannot trigger are listed
in :data:`INTERNAL`, each with its reason.

(2) A representative error of each converted module, triggered through the public API or
the CLI: its English text is today's text byte for byte, and its German rendering
(``render_error(exc, "de")``) holds no English words.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from icplab.core.errors import IcpLabError, render_error

PACKAGE = Path(__file__).resolve().parents[2] / "icplab"

#: The files this scan covers (the statistics, ICP and API layers have their own scan).
SCANNED = ("core/*.py", "data/*.py", "report/**/*.py", "batch/*.py", "cli/**/*.py")

#: ``(file, line text fragment)`` of errors that may stay English, each with its reason.
#: Empty: every ``IcpLabError`` of these layers can reach a user, so each is a note. What
#: stays English is not an ``IcpLabError`` and so not scanned: programming errors of the
#: Python API that the CLI and the config checks never let through (``SizeBands`` edges,
#: names, upper ends and preset in core/schema.py; ``generate_outreach(n_rows=0)`` in
#: data/sample.py; ``run_reports``' ``TypeError``s for wrong arguments in batch/runner.py;
#: an unknown spreadsheet format in report/spreadsheet.py; ``config_keys.leaf`` of an
#: unknown key), ``ValueError``s caught where they are raised (config_schema.py's ISO
#: date, mapping_rules.py's JSON object) and the environment's own errors (DuckDB without
#: Arrow in data/scan.py; a notebook kernel's exception text in batch/kernel.py).
INTERNAL: dict[tuple[str, str], str] = {}


def _error_classes() -> set[str]:
    """Names of ``IcpLabError`` and every class of the package derived from it."""
    bases: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                }
                bases.setdefault(node.name, set()).update(names)
    found = {"IcpLabError"}
    grew = True
    while grew:
        new = {name for name, parents in bases.items() if parents & found} - found
        found |= new
        grew = bool(new)
    return found


def _is_plain_text(node: ast.expr) -> bool:
    """A str literal, an f-string, or a concatenation / ``%`` of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_plain_text(node.left) or _is_plain_text(node.right)
    return False


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _plain_messages(tree: ast.AST, classes: set[str]) -> Iterator[ast.AST]:
    """Nodes that give an error a plain message: ``E("...")`` for an error class ``E``,
    raised or returned (an ``InputError``'s first argument is its file, so only its
    problems count),
    ``Problem(column, rows, "...")`` and ``super().__init__("...")`` inside an error class."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called(node) in classes - {"InputError"}:
            if node.args and _is_plain_text(node.args[0]):
                yield node
        elif isinstance(node, ast.Call) and _called(node) == "Problem":
            message = node.args[2] if len(node.args) > 2 else None
            message = next((k.value for k in node.keywords if k.arg == "message"), message)
            if message is not None and _is_plain_text(message):
                yield node
        elif isinstance(node, ast.ClassDef) and node.name in classes:
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and _called(call) == "__init__"
                    and call.args
                    and _is_plain_text(call.args[0])
                ):
                    yield call


def plain_raises(root: Path = PACKAGE) -> Iterator[tuple[str, int, str]]:
    """``(file, line, source line)`` of every error with a plain-text message under
    ``root`` (the package, or an old copy of it)."""
    classes = _error_classes()
    files = sorted({p for pattern in SCANNED for p in root.glob(pattern)})
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        rel = path.relative_to(root).as_posix()
        for node in _plain_messages(ast.parse(text), classes):
            line = node.lineno  # type: ignore[attr-defined]
            yield rel, line, lines[line - 1].strip()


def _allowed(rel: str, line: str) -> bool:
    return any(rel == f and fragment in line for f, fragment in INTERNAL)


def test_no_plain_text_errors() -> None:
    bad = [f"{f}:{n}: {line}" for f, n, line in plain_raises() if not _allowed(f, line)]
    assert not bad, "errors with a plain English message:\n" + "\n".join(bad)


def test_the_scan_finds_the_plain_errors_of_the_old_code(tmp_path: Path) -> None:
    """The scan can fail: on a copy of a converted raise written the old way it names it."""
    (tmp_path / "batch").mkdir()
    (tmp_path / "batch" / "old.py").write_text(
        "def check(jobs):\n"
        "    if jobs < 1:\n"
        '        raise UsageError(f"--jobs must be at least 1, got {jobs}.")\n'
        '    raise InputError("x.csv", [Problem(None, (), "cannot be read as " + "CSV")])\n',
        encoding="utf-8",
    )
    found = list(plain_raises(tmp_path))
    assert [(f, n) for f, n, _ in found] == [("batch/old.py", 3), ("batch/old.py", 4)]


# --- (2) the English text stays, the German has no English words ---------------------------

#: Words of English prose (the idea of tests/cli/test_terminal_language.py's ENGLISH).
ENGLISH = re.compile(
    r"\b(the|and|of|with|is|are|not|which|or|to|for|from|this|each|every|when|must|got|"
    r"cannot|needs?|found|named|another|nothing|was|were|run|rows?|share|merge|table|file|"
    r"error|report|contacts|days|waiting|stopped|published|plan|give|least)\b"
)
#: What is not prose: quoted values, option names, placeholders, paths and TOML keys.
NOT_PROSE = re.compile(
    r"'[^']*'|(?<![\w])--?[a-z][\w-]*|\b[A-Z][A-Z_]+\b|\S*/\S*|\[[a-z_.]+\]( [a-z_]+)?|\w+_\w+"
)


def _english_words(text: str) -> list[str]:
    return ENGLISH.findall(NOT_PROSE.sub(" ", text))


def _raised(call: Callable[[], object]) -> IcpLabError:
    with pytest.raises(IcpLabError) as err:
        call()
    return err.value


def _metric_without_column(tmp_path: Path) -> IcpLabError:
    import icplab

    frame = pd.DataFrame(
        {"industry": ["IT", "Handel"] * 20, "employees": [60] * 40, "replied": [1, 0, 0, 0] * 10}
    )
    return _raised(lambda: icplab.compare(frame, by="industry", metric="deal_rate"))


def _metric_target(tmp_path: Path) -> IcpLabError:
    from icplab.core.config import Config

    toml = tmp_path / "icplab.toml"
    toml.write_text("[metrics.reply_rate]\ntarget = 1.5\n", encoding="utf-8")
    return _raised(lambda: Config.load(toml))


def _table_without_name(tmp_path: Path) -> IcpLabError:
    import icplab

    return _raised(lambda: icplab.load("duckdb:///growth.duckdb"))


def _workspace(tmp_path: Path) -> Any:
    from icplab.core.config import Config

    (tmp_path / "icplab.toml").write_text("", encoding="utf-8")
    return Config.load(tmp_path / "icplab.toml")


def _run_jobs(tmp_path: Path) -> IcpLabError:
    from icplab.batch.runner import RunOptions, run_reports

    config = _workspace(tmp_path)
    return _raised(lambda: run_reports(RunOptions(config, jobs=0)))


def _run_without_data(tmp_path: Path) -> IcpLabError:
    from icplab.batch.runner import RunOptions, run_reports

    config = _workspace(tmp_path)
    return _raised(lambda: run_reports(RunOptions(config, data="missing.csv")))


def _plan_unknown_report(tmp_path: Path) -> IcpLabError:
    from icplab.batch.plan import report_plan

    config = _workspace(tmp_path)
    return _raised(lambda: report_plan(config, only=["99-nope"]))


def _plan_parameter_name(tmp_path: Path) -> IcpLabError:
    from icplab.batch.plan import report_plan
    from icplab.core.config import Config

    toml = tmp_path / "icplab.toml"
    toml.write_text(
        '[[reports]]\nname = "r"\nnotebook = "01-overview.ipynb"\n'
        "[reports.parameters]\nclass = 1\n",
        encoding="utf-8",
    )
    return _raised(lambda: report_plan(Config.load(toml)))


def _run_in_progress(tmp_path: Path) -> IcpLabError:
    from icplab.batch.run_lock import workspace_run_lock

    def twice() -> None:
        with workspace_run_lock(tmp_path), workspace_run_lock(tmp_path):
            pass

    return _raised(twice)


def _run_stopped(tmp_path: Path) -> IcpLabError:
    from icplab.batch.stop import RunStopped

    return RunStopped(130)


def _report_contacts(tmp_path: Path) -> IcpLabError:
    from icplab.report.next_report import NextBatchParams

    return _raised(lambda: NextBatchParams(contacts=0))


def _scanned_duplicate(tmp_path: Path) -> IcpLabError:
    from icplab.data.load import load
    from icplab.data.sample import generate_outreach

    log = generate_outreach(400, seed=11)
    log.loc[33, ["campaign", "prospect_id"]] = log.loc[5, ["campaign", "prospect_id"]]
    path = tmp_path / "dup.parquet"
    log.to_parquet(path, index=False)
    os.environ["ICPLAB_LOAD_ENGINE"] = "duckdb"
    try:
        return _raised(lambda: load(path))
    finally:
        del os.environ["ICPLAB_LOAD_ENGINE"]


def _path_outside(tmp_path: Path) -> IcpLabError:
    from icplab.core.files import check_inside

    (tmp_path / "ws").mkdir()
    return _raised(lambda: check_inside(tmp_path / "elsewhere" / "x.html", tmp_path / "ws"))


def _reports_not_writable(tmp_path: Path) -> IcpLabError:
    import errno

    from icplab.batch.publish import cannot_write

    denied = PermissionError(errno.EACCES, "Permission denied", "/ws/reports/runs")
    return cannot_write(Path("/ws/reports"), denied)


#: ``(trigger, the English text before the change)``: one error of each converted module,
#: through the public API, the runner or the report parameters (``TMP``: the test folder).
CASES: dict[str, tuple[Callable[[Path], IcpLabError], str]] = {
    "core/metrics": (
        _metric_without_column,
        "deal_rate needs a 'deal' column, but the data has none. Add a deal column (1/0) to "
        "the export, or leave deal_rate out of the analysis.",
    ),
    "core/config": (
        _metric_target,
        "TMP/icplab.toml: [metrics.reply_rate] target must be a rate between 0 and 1 (e.g. "
        "0.15 for 15 %), got 1.5.",
    ),
    "core/files": (
        _path_outside,
        "../elsewhere/x.html lies outside the folder icplab writes to; icplab writes only into "
        "real folders of the workspace. Choose a folder inside it (e.g. [workspace] reports = "
        '"reports" in icplab.toml) and run again.',  # the advice fits a path outside now
    ),
    "batch/publish": (
        _reports_not_writable,
        "cannot write to reports/ (permission denied): /ws/reports/runs. Make the folder "
        "writable, or set [workspace] reports in icplab.toml to a folder you can write to; "
        "nothing new was published.",
    ),
    "data/warehouse": (
        _table_without_name,
        "'duckdb:///growth.duckdb' names a database but no table: append '::TABLE', e.g. "
        "'duckdb:///growth.duckdb::outreach'.",
    ),
    "data/scan": (
        _scanned_duplicate,
        "TMP/dup.parquet: 1 problem found; nothing was changed.\n"
        "  - column 'prospect_id', rows 7, 35: 1 prospect_id appears more than once in the "
        "same campaign (e.g. rows 7 and 35 share one). Each prospect is one row per campaign: "
        "merge the touches into one row.",
    ),
    "batch/runner jobs": (_run_jobs, "--jobs must be at least 1, got 0."),
    "batch/runner data": (
        _run_without_data,
        "TMP/missing.csv: data file not found. Pass --data PATH or set [workspace] data in "
        "icplab.toml.",
    ),
    "batch/plan unknown": (
        _plan_unknown_report,
        "no report named '99-nope' in the plan. Known: 01-overview, 02-ab-test-industry, "
        "02-ab-test-size_band, 02-ab-test-messaging, 02-ab-test-salutation, "
        "04-icp-refinement, 05-sample-size, 06-funnel-value, 07-closed-loop, 08-next-batch, "
        "09-sales-cycle.",
    ),
    "batch/plan parameter": (
        _plan_parameter_name,
        "[[reports]] entry 'r': parameter name 'class' is a Python keyword; a parameter name "
        "must be a plain name (letters, digits, '_', not starting with a digit), e.g. metric "
        "or factor.",
    ),
    "batch/run_lock": (
        _run_in_progress,
        "another icplab run is in progress in this workspace (pid PID, started HH:MM); "
        "nothing was run. Try again when it has finished, or pass --wait SECONDS to wait for "
        "it.",
    ),
    "batch/stop": (_run_stopped, "stopped: nothing new was published"),
    "report/next_report": (
        _report_contacts,
        "report parameter 'contacts' must be at least 1, got 0.",
    ),
}


def _neutral(text: str, tmp_path: Path) -> str:
    """``text`` with the test folder, the process id and the clock time replaced."""
    text = text.replace(str(tmp_path.resolve()), "TMP").replace(str(tmp_path), "TMP")
    text = re.sub(rf"\b{os.getpid()}\b", "PID", text)
    return re.sub(r"\b\d{2}:\d{2}\b", "HH:MM", text)


@pytest.mark.parametrize("case", sorted(CASES))
def test_english_is_the_old_text_and_german_has_no_english(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no icplab.toml of the repository is read
    trigger, old = CASES[case]
    exc = trigger(tmp_path)
    assert _neutral(str(exc), tmp_path) == old
    assert render_error(exc, "en") == str(exc)
    german = render_error(exc, "de")
    assert german != str(exc)
    assert _english_words(german) == [], german
