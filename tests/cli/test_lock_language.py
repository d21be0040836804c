"""``icplab lock`` in a German terminal: every changed value and every reason in German.

The values of a changed metric (a target, the default size bands, a column read without a
``[columns]`` entry) are written in German (``0,15 -> 0,2``), and a lock file that is not
JSON is explained with German words; the English text stays what it always was.
"""

from __future__ import annotations

import json

import pytest

from icplab.cli import main
from icplab.core.config import Config
from icplab.icp.lock import LOCK_FILENAME, accept_lock, check_lock

BASE = "[metrics.reply_rate]\ntarget = 0.15\n"
CHANGED = (
    "[metrics.reply_rate]\ntarget = 0.2\n"
    "[size_bands]\nedges = [1, 50, 250, 500]\n"
    '[columns]\nreplied = { from = "Antwort", in = ["ja"] }\n'
)
ENGLISH_WORDS = ("default bands", "read as the file's own column", "none", "added", "removed")


def _changed(tmp_path):
    path = tmp_path / "icplab.toml"
    path.write_text(BASE, encoding="utf-8")
    check_lock(Config.load(path))
    path.write_text(CHANGED, encoding="utf-8")
    return path


def _lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_changed_values_are_german(tmp_path, capsys):
    path = _changed(tmp_path)
    assert main(["--lang", "de", "lock", "--config", str(path)]) == 3
    out = "\n".join(_lines(capsys))
    assert "  - reply_rate.target: 0,15 -> 0,2" in out
    assert "reply_rate.size_bands: Standard-Größenklassen (1-49, 50-199, 200-499, 500+)" in out
    assert "aus der gleichnamigen Spalte der Datei gelesen" in out
    for word in ENGLISH_WORDS:
        assert word not in out, (word, out)


def test_english_is_unchanged(tmp_path, capsys):
    path = _changed(tmp_path)
    assert main(["--lang", "en", "lock", "--config", str(path)]) == 3
    lines = _lines(capsys)
    assert "  - reply_rate.target: 0.15 -> 0.2" in lines
    bands = "default bands (1-49, 50-199, 200-499, 500+) -> 1-49, 50-249, 250-499, 500+"
    assert f"  - reply_rate.size_bands: {bands}" in lines
    assert any("read as the file's own column (no [columns] entry) -> replied" in x for x in lines)


def test_accepted_history_stays_german_when_read_later(tmp_path, capsys):
    path = _changed(tmp_path)
    accept_lock(Config.load(path))
    entry = json.loads((tmp_path / LOCK_FILENAME).read_text())["history"][-1]
    # the English text of the history is what the English terminal showed
    assert "reply_rate.size_bands: default bands (1-49, 50-199, 200-499, 500+)" in "\n".join(
        entry["changes"]
    )
    assert main(["--lang", "de", "lock", "--config", str(path)]) == 0
    out = "\n".join(_lines(capsys))
    assert "Standard-Größenklassen (1-49, 50-199, 200-499, 500+) -> 1-49, 50-249" in out
    assert "0,15 -> 0,2" in out
    for word in ENGLISH_WORDS:
        assert word not in out, (word, out)


def test_added_and_removed_metrics_are_german(tmp_path, capsys):
    path = tmp_path / "icplab.toml"
    path.write_text(BASE, encoding="utf-8")
    check_lock(Config.load(path))
    path.write_text(
        BASE + '[metrics.open_rate]\nnumerator = "opened"\ndenominator = "contacted"\n'
        "target = 0.45\n",
        encoding="utf-8",
    )
    assert main(["--lang", "de", "lock", "--config", str(path)]) == 3
    out = "\n".join(_lines(capsys))
    assert "open_rate: hinzugefügt (opened/contacted >= 0,45)" in out, out


@pytest.mark.parametrize(
    "text",
    ["{", "garbage", '{"a": 1,}', "", "[]", '{"metrics": 5}', '{"metrics": {"a": 1}}', b"\xff"],
)
def test_unreadable_lock_file_is_explained_in_german(tmp_path, capsys, text):
    path = tmp_path / "icplab.toml"
    path.write_text(BASE, encoding="utf-8")
    lock = tmp_path / LOCK_FILENAME
    if isinstance(text, bytes):
        lock.write_bytes(text)
    else:
        lock.write_text(text, encoding="utf-8")
    assert main(["--lang", "de", "lock", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and "nicht lesbar (" in err, err
    reason = err.split("nicht lesbar (", 1)[1]
    for word in ("Expecting", "line ", "column", "codec", "object", "byte "):
        assert word not in reason, (word, err)
    assert main(["--lang", "en", "lock", "--config", str(path)]) == 2
    english = capsys.readouterr().err
    if isinstance(text, bytes):
        with pytest.raises(UnicodeDecodeError) as info:
            text.decode("utf-8")
        assert f"({info.value})" in english
    else:
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            assert f"({exc})" in english, english
