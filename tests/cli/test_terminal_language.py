"""The terminal language: every command's human output in German under ``--lang de``, the
choice ``--lang`` > ``ICPLAB_LANG`` > ``[reports] language`` > English, errors in German
(file, rows, column), ``str(exc)`` unchanged English, and JSON identical in both languages.

The word lists are independent of the package's catalogues: common English function words
that no label of the test data holds (as ``tests/report/test_language_scan.py`` does for
pages).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from icplab.cli import main
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
#: text becomes a note. Everything else a command prints is scanned.
OTHER_LAYERS = {
    "cycle": [re.compile(r"^Methode: ")],  # icp/cycle.py: the method's name
    "plan": [re.compile(r"^Methode: ")],  # icp/plan.py: the method's name
}

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
