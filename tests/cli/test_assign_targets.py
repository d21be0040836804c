"""``icplab assign`` never overwrites its input and never replaces a linked icplab.toml.

``assign list.csv -o list.csv`` replaced the user's contact list by the assigned copy, and
with ``icplab.toml`` a symbolic link (a config kept elsewhere) writing ``[split]``
replaced the link by a file. Both are refused before anything is written (exit 2).
"""

from __future__ import annotations

import hashlib

from icplab.cli import main
from icplab.data.sample import generate_outreach

ARGS = ["--variants", "messaging=a,b", "--seed", "1"]


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_output_that_is_the_input_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    contacts = tmp_path / "list.csv"
    generate_outreach(200, seed=1).to_csv(contacts, index=False)
    before = _digest(contacts)
    for same in (str(contacts), "./list.csv"):
        assert main(["--lang", "de", "assign", str(contacts), *ARGS, "-o", same]) == 2
        err = capsys.readouterr().err
        assert "ist die Kontaktliste selbst" in err, err
    assert _digest(contacts) == before
    assert not (tmp_path / "icplab.toml").exists()


def test_linked_config_is_refused(tmp_path, capsys, monkeypatch):
    outside = tmp_path / "shared" / "icplab.toml"
    outside.parent.mkdir()
    outside.write_text("[metrics.reply_rate]\ntarget = 0.15\n", encoding="utf-8")
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "icplab.toml").symlink_to(outside)
    monkeypatch.chdir(ws)
    generate_outreach(200, seed=1).to_csv(ws / "list.csv", index=False)
    assert main(["assign", "list.csv", *ARGS, "-o", "out.csv"]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert (ws / "icplab.toml").is_symlink() and not (ws / "out.csv").exists()
    assert "[split]" not in outside.read_text(encoding="utf-8")
    # the linked file itself, named with --config, is fine
    assert main(["assign", "list.csv", *ARGS, "-o", "out.csv", "--config", str(outside)]) == 0
    assert "[split]" in outside.read_text(encoding="utf-8")
