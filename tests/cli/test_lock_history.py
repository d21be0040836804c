"""``icplab lock`` shows the accepted changes in the terminal's language.

The history of the lock file records each change as a note (code and parameters) beside its
English text, so a German terminal reads it in German; an entry written before notes were
recorded, or edited by hand, is shown with its recorded text.
"""

from __future__ import annotations

import json
import re

from icplab.cli import main
from icplab.core.notes import Note
from icplab.icp.lock import LOCK_FILENAME, accept_lock, check_lock, history_notes

TOML = "[metrics.reply_rate]\ntarget = {target}\n"


def _accepted_workspace(tmp_path):
    config_path = tmp_path / "icplab.toml"
    config_path.write_text(TOML.format(target=0.15), encoding="utf-8")
    from icplab.core.config import Config

    check_lock(Config.load(config_path))
    config_path.write_text(TOML.format(target=0.2), encoding="utf-8")
    accept_lock(Config.load(config_path))
    return config_path


def test_history_records_notes_beside_the_english_text(tmp_path):
    _accepted_workspace(tmp_path)
    entry = json.loads((tmp_path / LOCK_FILENAME).read_text())["history"][-1]
    notes = history_notes(entry)
    assert [n.code for n in notes] == ["lock.change_field"]
    # the stored English text is the note's own English rendering
    assert entry["changes"] == [str(Note(n.code, **n.params)) for n in notes]
    assert entry["changes"] == ["reply_rate.target: 0.15 -> 0.2"]


def test_german_terminal_reads_the_history_in_german(tmp_path, capsys):
    config_path = _accepted_workspace(tmp_path)
    assert main(["--lang", "de", "lock", "--config", str(config_path)]) == 0
    out = capsys.readouterr().out
    assert "Übernommene Änderungen" in out
    # the values in German numbers, the time of the change in German date form
    last = out.splitlines()[-1]
    assert last.endswith(" UTC: reply_rate.target: 0,15 -> 0,2"), out
    assert re.match(r"  - \d\d\.\d\d\.\d{4}, \d\d:\d\d:\d\d UTC: ", last), out


def test_tampered_entry_is_german_and_old_entries_keep_their_text(tmp_path, capsys):
    config_path = _accepted_workspace(tmp_path)
    lock = tmp_path / LOCK_FILENAME
    payload = json.loads(lock.read_text())
    payload["metrics"]["reply_rate"]["target"] = 0.3  # edited by hand
    lock.write_text(json.dumps(payload))
    from icplab.core.config import Config

    accept_lock(Config.load(config_path))
    payload = json.loads(lock.read_text())
    payload["history"].insert(0, {"at": "2026-01-01T00:00:00+00:00", "changes": ["old text"]})
    payload["history"][1]["notes"][0]["code"] = "no.such.code"  # a hand-edited entry
    lock.write_text(json.dumps(payload))
    from icplab.icp.lock import _fingerprint  # keep the lock sound after the edit

    payload["fingerprint"] = _fingerprint(payload["metrics"])
    lock.write_text(json.dumps(payload))
    assert main(["--lang", "de", "lock", "--config", str(config_path)]) == 0
    out = capsys.readouterr().out
    assert "old text" in out
    assert "reply_rate.target: 0.15 -> 0.2" in out  # unknown code: its recorded text
    assert "war von Hand bearbeitet worden" in out
    assert "had been edited by hand" not in out
