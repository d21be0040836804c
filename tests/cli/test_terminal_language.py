"""The terminal language: every command's human output in German under ``--lang de``, the
choice ``--lang`` > ``ICPLAB_LANG`` > ``[reports] language`` > English, errors in German
(file, rows, column), ``str(exc)`` unchanged English, and JSON identical in both languages.

The word lists are independent of the package's catalogues: common English function words
that no label of the test data holds (as ``tests/report/test_language_scan.py`` does for
pages).
"""

from __future__ import annotations

import argparse
import gettext
import re
from pathlib import Path

import pytest

from icplab.cli import COMMAND_NAMES, main
from icplab.data.sample import generate_outreach

#: Words that mark a line as English (whole words, case-sensitive).
ENGLISH = re.compile(
    r"\b(the|and|of|with|is|are|not|yet|than|which|contacts|days|per|wrote|rows|error|"
    r"[Rr]eply rate|still maturing|[Jj]udged|level|[Nn]ote|WARNING|As of)\b"
)
#: A decimal point (``13.8 %``, ``0.05``); German thousands (``3.300``) and dates do not match.
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])")
GERMAN_DECIMAL = re.compile(r"\b\d+,\d+\b")
GERMAN_RATE = re.compile(r"\b\d+,\d %")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

#: Lines another layer still writes in English (its text is not a note yet); each is named
#: with the layer that owns it, so the exception is visible and goes when that layer's
#: text becomes a note. Everything else a command prints is scanned (the method lines of
#: cycle and plan too: the terminal names them in its language).
OTHER_LAYERS: dict[str, list[re.Pattern[str]]] = {}

AS_OF = "2026-09-30"
COMMANDS: dict[str, list[str]] = {
    "compare": ["compare", "{log}", "--by", "messaging", "--metric", "reply_rate"],
    "check": ["check", "{log}", "--where", "industry=IT"],
    "refine": ["refine", "{log}"],
    "funnel": ["funnel", "{log}", "--by", "size_band"],
    "cycle": ["cycle", "{log}", "--step", "meeting", "--by", "size_band", "--horizon", "60"],
    "plan": ["plan", "{log}", "--deals", "3"],
    "reasons": ["reasons", "{log}", "--by", "industry"],
    "next": ["next", "{log}", "--contacts", "500"],
    "validate": ["validate", "{log}"],
}


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lang") / "log.csv"
    generate_outreach(2000, seed=3, running=200).to_csv(path, index=False)
    return path


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def _argv(name: str, log: Path) -> list[str]:
    as_of = [] if name == "validate" else ["--as-of", AS_OF]
    return [a.replace("{log}", str(log)) for a in COMMANDS[name]] + as_of


def _own(text: str, command: str) -> str:
    """The output without the lines another layer still writes in English."""
    skip = OTHER_LAYERS.get(command, [])
    return "\n".join(x for x in text.splitlines() if not any(p.search(x) for p in skip))


def _english_lines(text: str, command: str) -> list[str]:
    return [line for line in _own(text, command).splitlines() if ENGLISH.search(line)]


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_german_output_has_no_english_sentence(command, log, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no icplab.toml here
    code, out, err = _run(capsys, ["--lang", "de", *_argv(command, log)])
    assert code == 0, err
    text = (out + err).replace(str(log), "LOG")  # the temporary folder's name is not ours
    assert _english_lines(text, command) == []
    assert GERMAN_DECIMAL.search(out), out  # 13,8 % / 19,6
    assert DECIMAL_POINT.findall(_own(text, command)) == []
    assert ISO_DATE.findall(_own(text, command)) == []
    assert "30.09.2026" in text or command in ("plan", "reasons", "funnel", "validate")


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_english_output_is_english(command, log, capsys, monkeypatch, tmp_path):
    """The scan can fail: the same commands in English do hit it."""
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, ["--lang", "en", *_argv(command, log)])
    assert code == 0, err
    assert _english_lines(out + err, command)
    assert not GERMAN_RATE.search(out)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["compare", "check", "funnel", "next", "cycle"])
def test_json_is_the_same_in_every_language(command, log, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    argv = [*_argv(command, log), "--format", "json"]
    _, en, _ = _run(capsys, ["--lang", "en", *argv])
    _, de, _ = _run(capsys, ["--lang", "de", *argv])
    assert en == de and en.lstrip().startswith("{")


def test_size_in_german_and_json_neutral(capsys):
    argv = ["size", "--baseline-rate", "0.12", "--lift", "0.03"]
    _, de, _ = _run(capsys, ["--lang", "de", *argv])
    assert "12,0 % -> 15,0 %" in de and "Kontakte je Variante" in de
    assert _english_lines(de, "size") == []
    _, en_json, _ = _run(capsys, [*argv, "--format", "json"])
    _, de_json, _ = _run(capsys, ["--lang", "de", *argv, "--format", "json"])
    assert en_json == de_json


SIZE = ["size", "--segment", "--rate", "0.18", "--target", "0.15"]


def _is_german(capsys: pytest.CaptureFixture[str], argv: list[str]) -> bool:
    _, out, _ = _run(capsys, argv)
    return "Kontakte" in out


def test_language_choice_order(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ICPLAB_LANG", raising=False)
    assert not _is_german(capsys, SIZE)  # default: English
    (tmp_path / "icplab.toml").write_text('[reports]\nlanguage = "de"\n', encoding="utf-8")
    assert _is_german(capsys, SIZE)  # the workspace's language
    monkeypatch.setenv("ICPLAB_LANG", "en")
    assert not _is_german(capsys, SIZE)  # the environment beats the workspace
    monkeypatch.setenv("ICPLAB_LANG", "de")
    assert _is_german(capsys, SIZE)
    assert not _is_german(capsys, ["--lang", "en", *SIZE])  # --lang beats everything
    assert not _is_german(capsys, [*SIZE, "--lang", "en"])  # also after the command


def test_usage_errors_in_german(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "de", "size", "--alpha", "x"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "icplab size: Fehler:" in err and "(siehe icplab size --help)" in err
    assert main(["--lang", "de", "size", "--segment"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fehler: --segment braucht --rate und --target")


def _broken_log(tmp_path: Path) -> Path:
    frame = generate_outreach(20, seed=1)
    frame["employees"] = frame["employees"].astype(object)
    frame.loc[[3, 7], "employees"] = "viele"  # spreadsheet rows 5 and 9
    path = tmp_path / "outreach.csv"
    frame.to_csv(path, index=False)
    return path


def test_input_error_names_file_rows_and_column_in_german(tmp_path, capsys):
    path = _broken_log(tmp_path)
    assert main(["--lang", "de", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Fehler: {path}: 1 Problem gefunden; nichts wurde geändert.")
    assert "  - Spalte 'employees', Zeilen 5, 9: " in err
    assert "column" not in err and "rows" not in err


def test_str_of_an_input_error_stays_english(tmp_path):
    from icplab.core.errors import InputError, render_error
    from icplab.data.load import load

    path = _broken_log(tmp_path)
    with pytest.raises(InputError) as caught:
        load(path)
    exc = caught.value
    lines = str(exc).splitlines()
    assert lines[0] == f"{path}: 1 problem found; nothing was changed."
    assert lines[1].startswith("  - column 'employees', rows 5, 9: ")
    assert render_error(exc, "en") == str(exc)
    assert render_error(exc, "de") != str(exc)


def test_sample_says_what_it_wrote_in_german(tmp_path, capsys):
    out = tmp_path / "probe.csv"
    assert main(["--lang", "de", "sample", str(out), "--rows", "1500"]) == 0
    err = capsys.readouterr().err
    assert err.strip() == f"1.500 Zeilen nach {out} geschrieben"
    assert main(["--lang", "de", "sample", str(out)]) == 2  # exists: a German error
    err = capsys.readouterr().err
    assert err.startswith(f"Fehler: {out}: Die Datei existiert und blieb unverändert.")
    assert _english_lines(err.replace(str(out), "OUT"), "sample") == []


# ------------------------------------------------------------------ help and usage errors
#: English words of help texts and of argparse's own messages (whole words, case-sensitive).
HELP_ENGLISH = re.compile(
    r"\b(the|and|of|with|is|are|not|which|a|or|to|for|from|this|each|every|only|when|"
    r"default|usage|options|arguments?|required|invalid|choice|choose|unrecognized|"
    r"expected|following|show|help|message|exit|level|contacts|days|per|file|error)\b"
)
#: What is not prose in a help or usage text: option names (with their metavar), choices,
#: upper-case placeholders (FILE, COLUMN=VALUE) and quoted values the user typed.
NOT_PROSE = re.compile(r"(?<![\w])--?[a-z][\w-]*|\{[^}]*\}|\b[A-Z][A-Z_]+\b|'[^']*'|\[[a-z_.]+\]")


def _help_english(text: str) -> list[str]:
    """The English words of ``text`` outside option names, choices and placeholders."""
    return [m for line in text.splitlines() for m in HELP_ENGLISH.findall(NOT_PROSE.sub(" ", line))]


def _help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 0
    return capsys.readouterr().out


HELP_OF = [[], *([name] for name in COMMAND_NAMES)]


@pytest.mark.parametrize("command", HELP_OF, ids=lambda c: c[0] if c else "icplab")
def test_help_of_every_command_is_german(command, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    text = _help(capsys, ["--lang", "de", *command, "--help"])
    assert text.startswith("Aufruf: icplab")
    assert "\nOptionen:\n" in text and "diese Hilfe zeigen und beenden" in text
    assert _help_english(text) == []
    english = _help(capsys, ["--lang", "en", *command, "--help"])
    assert english.startswith("usage: icplab") and "show this help message and exit" in english
    assert _help_english(english)  # the scan fails on English help


def test_english_help_is_argparse_own_english(capsys, monkeypatch, tmp_path):
    """Under en the catalogue hook gives argparse its own words back, unchanged."""
    from icplab.cli import build_parser
    from icplab.cli.terminal import set_language
    from icplab.cli.usage import argparse_language

    monkeypatch.chdir(tmp_path)
    set_language("en")
    for name in COMMAND_NAMES:
        plain = build_parser(name).format_help()
        with argparse_language():
            hooked = build_parser(name).format_help()
        assert hooked == plain
    assert argparse._ is gettext.gettext  # the hook is gone after the block
    assert _help(capsys, ["compare", "--help"]) == _help(
        capsys, ["--lang", "en", "compare", "--help"]
    )


#: One usage error of every kind argparse reports.
USAGE_ERRORS = {
    "required": ["compare", "log.csv"],
    "invalid_choice": ["compare", "log.csv", "--by", "x", "--metric", "y", "--format", "yaml"],
    "unrecognized": ["size", "--bogus"],
    "expected_one": ["compare", "log.csv", "--by"],
    "invalid_value": ["run", "--jobs", "x"],
    "unknown_command": ["frobnicate"],
    "no_command": [],
}


@pytest.mark.parametrize("kind", sorted(USAGE_ERRORS))
def test_usage_errors_of_every_kind_in_german(kind, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    errors = {}
    for lang in ("de", "en"):
        with pytest.raises(SystemExit) as stop:
            main(["--lang", lang, *USAGE_ERRORS[kind]])
        assert stop.value.code == 2
        errors[lang] = capsys.readouterr().err
    assert ": Fehler: " in errors["de"] and "(siehe icplab" in errors["de"]
    assert _help_english(errors["de"]) == [], errors["de"]
    assert _help_english(errors["en"]), errors["en"]  # the scan fails on the English one


def test_method_names_in_german():
    from icplab.cli import terminal
    from icplab.cli.commands.cycle import METHODS
    from icplab.icp.plan import PlanResult
    from icplab.stats.survival import AJ_METHOD, KM_METHOD

    plan = {PlanResult.method: "cli.method.plan"}
    for method, named in ((KM_METHOD, METHODS), (AJ_METHOD, METHODS), (PlanResult.method, plan)):
        terminal.set_language("en")
        assert terminal.method_line(method, named) == f"Method: {method}."  # JSON's words
        terminal.set_language("de")
        line = terminal.method_line(method, named)
        assert line.startswith("Methode: ") and _english_lines(line, "cycle") == []
        assert _help_english(line) == [], line
    terminal.set_language("en")


def test_english_catalogue_gives_argparse_its_own_message_ids():
    from icplab.cli.usage import MESSAGE_IDS
    from icplab.core.catalogue import messages

    assert {messages("en")[code]: code for code in MESSAGE_IDS.values()} == MESSAGE_IDS
    german = {messages("de")[code] for code in MESSAGE_IDS.values()}
    assert not german & set(MESSAGE_IDS)  # every one has German words of its own


@pytest.mark.parametrize(
    ("argv", "german", "english"),
    [
        (
            ["compare", "log.csv", "--by", "x", "--metric", "y", "--alpha", "abc"],
            "eine Zahl",
            "invalid float value: 'abc'",
        ),
        (["next", "log.csv", "--contacts", "zwei"], "eine ganze Zahl", "invalid int value: 'zwei'"),
    ],
)
def test_invalid_numbers_name_the_type_in_the_terminal_language(argv, german, english, capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "de", *argv])
    err = capsys.readouterr().err
    assert f"(erwartet: {german})" in err and "float" not in err and " int " not in err, err
    with pytest.raises(SystemExit):
        main(["--lang", "en", *argv])
    assert english in capsys.readouterr().err  # argparse's own English words, unchanged
