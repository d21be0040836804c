"""Every error of the statistics, ICP and API layers is a note, in English and German.

(1) An AST scan of ``icplab/icp/*.py``, ``icplab/stats/*.py`` and ``icplab/api.py`` fails
on any ``raise`` of an :class:`~icplab.core.errors.IcpLabError` subclass whose message is
not a ``Note`` (a plain str or f-string stays English under ``--lang de``).
(2) A representative error of every module, triggered through the public API or the CLI:
its English text is the text these errors had before they became notes (copied from the
old ``raise`` statements, not from the catalogue), and its German rendering holds no
English word (the word list of ``tests/cli/test_terminal_language.py``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import icplab
from icplab.cli import main
from icplab.core import errors
from icplab.core.config import Config
from icplab.core.errors import IcpLabError, render_error
from icplab.core.metrics import Metric
from icplab.data.sample import generate_outreach
from icplab.icp.scope import Scope

ROOT = Path(__file__).resolve().parents[2]

#: Raises that may keep a message that is not a ``Note``: (file, enclosing function) -> why.
ALLOWED: dict[tuple[str, str], str] = {
    # The lock's change report: LockStatus.describe() returns a Note (its lines joined by
    # the note "lock.line_then"); the scan cannot see through the call, so it is named
    # here and rendered in German by test_lock_change_in_german below.
    ("icplab/icp/lock.py", "raise_if_changed"): "LockStatus.describe() returns a Note",
}

#: Words that mark a text as English (whole words, case-sensitive), as in
#: tests/cli/test_terminal_language.py, plus a few of these messages' own words.
ENGLISH = re.compile(
    r"\b(the|and|of|with|is|are|not|yet|than|which|contacts|days|per|wrote|rows|error|"
    r"[Rr]eply rate|still maturing|[Jj]udged|level|[Nn]ote|WARNING|As of|"
    r"no|such|column|needs|must|give|choose|known|unknown|nothing|cannot|every|has|have)\b"
)
#: What is not prose: option names, identifiers with dots or underscores, quoted values.
NOT_PROSE = re.compile(r"--?[a-z][\w-]*|\b\w+(?:[._]\w+)+\b|'[^']*'|\[[^\]]*\]|\{[^}]*\}")


def _error_classes() -> set[str]:
    return {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, IcpLabError)
    }


def _scanned_files(root: Path) -> list[Path]:
    icp = sorted((root / "icplab" / "icp").glob("*.py"))
    return [*icp, *sorted((root / "icplab" / "stats").glob("*.py")), root / "icplab" / "api.py"]


def plain_raises(source: str, classes: set[str]) -> Iterator[tuple[str, int, str]]:
    """``(function, line, class)`` of every ``raise Cls(msg)`` whose ``msg`` is no
    ``Note(...)`` call, for ``Cls`` in ``classes``."""

    def walk(node: ast.AST, function: str) -> Iterator[tuple[str, int, str]]:
        for child in ast.iter_child_nodes(node):
            name = function
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = child.name
            if isinstance(child, ast.Raise) and isinstance(child.exc, ast.Call):
                func = child.exc.func
                cls = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                first = child.exc.args[0] if child.exc.args else None
                is_note = (
                    isinstance(first, ast.Call)
                    and isinstance(first.func, ast.Name)
                    and first.func.id == "Note"
                )
                if cls in classes and not is_note:
                    yield function, child.lineno, cls
            yield from walk(child, name)

    yield from walk(ast.parse(source), "<module>")


def offenders(root: Path) -> list[str]:
    classes = _error_classes()
    found = []
    for path in _scanned_files(root):
        rel = path.relative_to(root).as_posix()
        for function, line, cls in plain_raises(path.read_text(encoding="utf-8"), classes):
            if (rel, function) not in ALLOWED:
                found.append(f"{rel}:{line} {cls} in {function}()")
    return found


def test_scanner_finds_plain_messages() -> None:
    source = (
        "def f(x):\n"
        "    if x:\n"
        "        raise UsageError(f'--x {x}: bad')\n"
        "    raise ConfigError('plain' + ' text')\n"
        "def g():\n"
        "    raise UsageError(Note('a.b', x=1))\n"
        "def h():\n"
        "    raise KeyError('not ours')\n"
    )
    assert list(plain_raises(source, _error_classes())) == [
        ("f", 3, "UsageError"),
        ("f", 4, "ConfigError"),
    ]


def test_every_error_of_stats_icp_and_api_is_a_note() -> None:
    assert offenders(ROOT) == []


def test_allow_list_is_not_stale() -> None:
    classes = _error_classes()
    for rel, function in ALLOWED:
        source = (ROOT / rel).read_text(encoding="utf-8")
        assert any(f == function for f, _, _ in plain_raises(source, classes)), (rel, function)


# --- (2) representative errors -------------------------------------------------------

AS_OF = date(2026, 9, 30)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_outreach(400, seed=5)


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory, frame: pd.DataFrame) -> Path:
    path = tmp_path_factory.mktemp("errnotes") / "log.csv"
    frame.to_csv(path, index=False)
    return path


def _cases(frame: pd.DataFrame) -> dict[str, tuple[Callable[[], object], str]]:
    """Module -> (a call that raises, the English text the old code raised)."""
    from icplab.icp.assign import parse_ratio
    from icplab.icp.costs import unit_economics
    from icplab.icp.heterogeneity import within_comparison
    from icplab.icp.plan import plan
    from icplab.icp.reasons import reasons
    from icplab.icp.value import require_target
    from icplab.stats.model import fit_model
    from icplab.stats.multiplicity import adjust_pvalues
    from icplab.stats.planning import segment_sample_size
    from icplab.stats.srm import srm_check

    cfg = Config()
    data = icplab.load(frame, config=cfg)
    value = Metric("vpc", "deal_value", "contacted", float("nan"), kind="mean")
    cases: dict[str, tuple[Callable[[], object], str]] = {
        "api": (
            lambda: icplab.load(42, config=cfg),  # type: ignore[arg-type]
            "expected a file path, an OutreachData or a pandas DataFrame, got int.",
        ),
        "assign": (
            lambda: parse_ratio("1:x", 2),
            "--ratio '1:x': give 2 whole numbers >= 1 separated by ':', one per variant, e.g. 1:1.",
        ),
        "compare": (
            lambda: icplab.compare(data, by="nope", metric="reply_rate", config=cfg),
            "cannot compare by 'nope': no such column. Available: ",
        ),
        "comparison": (
            lambda: icplab.compare(
                data, by="industry", metric="reply_rate", baseline="Mars", config=cfg
            ),
            "baseline 'Mars' is not a level of 'industry' here; levels: ",
        ),
        "costs": (
            lambda: unit_economics(data, scope=Scope(config=cfg)),
            "CAC and LTV:CAC need [costs] in icplab.toml, e.g. per_contact = { email = 0.5, "
            "linkedin = 2.5 }, monthly_fixed = 450, gross_margin = 0.8, ltv_months = 24.",
        ),
        "cycle": (
            lambda: icplab.cycle(
                data, step="meeting", where={"industry": ["Mars"]}, config=cfg, as_of=AS_OF
            ),
            "no contact with a sent_at date in the selection: the meeting cycle cannot be "
            "estimated. Check the sent_at column and the --where filters.",
        ),
        "funnel": (
            lambda: icplab.funnel(data, where={"industry": ["Mars"]}, config=cfg),
            "no contacts match the --where filters; loosen them or check the level names.",
        ),
        "heterogeneity": (
            lambda: within_comparison(
                data.counts(["industry"]), "industry", "industry", cfg.metrics["reply_rate"]
            ),
            "--within industry: choose a column other than the compared factor 'industry'.",
        ),
        "next_batch": (
            lambda: icplab.next_batch(data, contacts=0, config=cfg),
            "--contacts 0: give a whole number of contacts, at least 1.",
        ),
        "plan": (
            lambda: plan(data, deals=0, scope=Scope(config=cfg)),
            "--deals must be a number of deals > 0, got 0.",
        ),
        "reasons": (
            lambda: reasons(
                frame.drop(columns="rejection_reason"), by="industry", scope=Scope(config=cfg)
            ),
            "the data has no rejection_reason column (German: Ablehnungsgrund). Add one with "
            "the reason sales gave for each rejected lead, from a fixed list.",
        ),
        "refine": (
            lambda: icplab.refine(data, by=("nope",), config=cfg),
            f"cannot refine by 'nope': no such column in {data.source}.",
        ),
        "value": (
            lambda: require_target(value),
            "metric 'vpc' has no target (a value metric has no default). Set one in "
            "icplab.toml, e.g. [metrics.vpc] target = 150 (EUR per contact), or pass a "
            "target (refine --target).",
        ),
        "verdicts": (
            lambda: icplab.check(data, where={"industry": ["Mars"]}, config=cfg),
            "the segment: no contacts match its filters (industry=Mars). ",
        ),
        "model": (
            lambda: fit_model(data, "nope", ["industry"], cfg),
            "unknown metric 'nope'. Known: reply_rate, meeting_rate, deal_rate.",
        ),
        "multiplicity": (
            lambda: adjust_pvalues([0.1], "bonf"),
            "unknown correction 'bonf'; use one of ",
        ),
        "planning": (
            lambda: segment_sample_size(0.15, 0.15),
            "rate equals the target: no number of contacts can separate them. Plan with the "
            "smallest difference that matters, e.g. --rate 0.18 --target 0.15.",
        ),
        "srm": (
            lambda: srm_check("messaging", ["a", "b"], [10, 12], {"messaging": {"a": 1}}),
            "[split.messaging] in icplab.toml has no share for b; declared: a. Add a weight for "
            "every level.",
        ),
    }
    return cases


CASES = [
    "api",
    "assign",
    "compare",
    "comparison",
    "costs",
    "cycle",
    "funnel",
    "heterogeneity",
    "next_batch",
    "plan",
    "reasons",
    "refine",
    "value",
    "verdicts",
    "model",
    "multiplicity",
    "planning",
    "srm",
]


def _german_words(text: str) -> list[str]:
    return ENGLISH.findall(NOT_PROSE.sub(" ", text))


@pytest.mark.parametrize("module", CASES)
def test_error_reads_as_before_in_english_and_in_german(module: str, frame: pd.DataFrame) -> None:
    call, old = _cases(frame)[module]
    with pytest.raises(IcpLabError) as caught:
        call()
    exc = caught.value
    assert str(exc).startswith(old), str(exc)
    assert render_error(exc, "en") == str(exc)
    german = render_error(exc, "de")
    assert german != str(exc)
    assert _german_words(german) == [], german


def test_lock_error_in_german(tmp_path: Path) -> None:
    from icplab.icp.lock import LOCK_FILENAME, check_lock

    (tmp_path / "icplab.toml").write_text("", encoding="utf-8")
    (tmp_path / LOCK_FILENAME).write_text("{not json", encoding="utf-8")
    config = Config.load(tmp_path / "icplab.toml")
    with pytest.raises(IcpLabError) as caught:
        check_lock(config)
    text = str(caught.value)
    assert "the metric lock file is unreadable" in text
    assert "Restore icplab.lock.json from version control, or delete it and run" in text
    german = render_error(caught.value, "de")
    assert "ist nicht lesbar" in german
    # the JSON parser's own reason stays as Python wrote it: scan the rest
    assert _german_words(german.split("(")[0] + german.split(")")[-1]) == [], german


@pytest.mark.parametrize(
    ("argv", "old"),
    [
        (
            ["reasons", "{log}", "--by", "rejection_reason"],
            "--by rejection_reason: choose the segment column, e.g. --by industry.",
        ),
        (
            ["next", "{log}", "--contacts", "0"],
            "--contacts 0: give a whole number of contacts, at least 1.",
        ),
    ],
)
def test_cli_errors_in_german(
    argv: list[str], old: str, log: Path, capsys: pytest.CaptureFixture[str], monkeypatch, tmp_path
) -> None:
    monkeypatch.chdir(tmp_path)  # no icplab.toml here
    args = [a.replace("{log}", str(log)) for a in argv]
    assert main(args) == 2
    english = capsys.readouterr().err
    assert old in english
    assert main(["--lang", "de", *args]) == 2
    german = capsys.readouterr().err
    assert old not in german
    assert _german_words(german) == [], german


def test_lock_change_in_german(tmp_path: Path) -> None:
    from icplab.icp.lock import check_lock

    toml = tmp_path / "icplab.toml"
    toml.write_text("", encoding="utf-8")
    check_lock(Config.load(toml))
    toml.write_text(
        "[metrics.reply_rate]\ntarget = 0.12\n"
        "[metrics.demo_rate]\nnumerator = 'meeting'\ndenominator = 'replied'\ntarget = 0.5\n",
        encoding="utf-8",
    )
    status = check_lock(Config.load(toml))
    with pytest.raises(IcpLabError) as caught:
        status.raise_if_changed(False)
    old = (  # the text LockStatus.describe() built before it was a note
        "The success metrics changed since they were locked (icplab.lock.json):\n"
        "  - demo_rate: added (meeting/replied >= 0.5)\n"
        "  - reply_rate.target: 0.15 -> 0.12\n"
        "Accept the change with 'icplab lock --accept' (or 'icplab run --accept-metric-change')."
    )
    assert str(caught.value) == old
    german = render_error(caught.value, "de")
    assert german.count("\n") == old.count("\n")
    assert "reply_rate.target: 0,15 -> 0,12" in german  # German numbers
    assert _german_words(german) == [], german


def test_an_error_kept_in_a_result_still_speaks_german() -> None:
    """check() leaves a metric out with the error's text; it kept ``str(exc)``, the English
    text, so the German page showed an English sentence. It keeps the note now."""
    from icplab.core.config import Config
    from icplab.data.load import validate_frame
    from icplab.data.sample import generate_outreach
    from icplab.icp.verdicts import check
    from icplab.report import messages

    frame = generate_outreach(300, seed=1).drop(columns=["deal_value"])
    log = validate_frame(frame, source="x.csv")
    cfg = Config.from_toml_text(
        '[metrics.value_per_contact]\nkind = "mean"\nnumerator = "deal_value"\ntarget = 100\n'
    )
    left = [
        n
        for n in check(log, {"industry": "IT"}, None, Scope(config=cfg)).notes
        if n.code == "check.left_out"
    ]
    assert len(left) == 1
    english, german = messages.render(left[0], "en"), messages.render(left[0], "de")
    assert "needs both columns" in english or "deal_value" in english
    assert "nicht bewertet" in german and "Nehmen Sie" in german
    assert " the " not in german and " needs " not in german, german
