"""No ``-o`` / ``--out`` overwrites a command's input; assign never replaces a linked
icplab.toml.

``assign list.csv -o list.csv`` replaced the user's contact list by the assigned copy,
``compare log.csv --format csv -o log.csv`` the outreach log by a table, and ``refine
--propose --out icplab.toml`` the whole configuration by a snippet; with ``icplab.toml`` a
symbolic link (a config kept elsewhere) ``assign`` replaced the link by a file. All are
refused before anything is written (exit 2).
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
        assert "ist eine Eingabe dieses Befehls" in err, err
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


def test_spreadsheet_and_proposal_never_overwrite_data_or_config(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = tmp_path / "log.csv"
    generate_outreach(300, seed=2).to_csv(log, index=False)
    config = tmp_path / "icplab.toml"
    config.write_text("[metrics.reply_rate]\ntarget = 0.15\n", encoding="utf-8")
    before = {p: _digest(p) for p in (log, config)}
    compare = ["compare", "log.csv", "--by", "industry", "--metric", "reply_rate"]
    refused = [
        [*compare, "--format", "csv", "-o", "log.csv"],
        [*compare, "--format", "xlsx", "-o", str(log)],
        [*compare, "--format", "csv", "-o", "icplab.toml"],
        ["refine", "log.csv", "--propose", "--out", "icplab.toml"],
        ["refine", "log.csv", "--propose", "--out", "log.csv", "--config", str(config)],
    ]
    for argv in refused:
        assert main(["--lang", "de", *argv]) == 2, argv
        assert "ist eine Eingabe dieses Befehls" in capsys.readouterr().err, argv
    assert {p: _digest(p) for p in (log, config)} == before
    assert main([*compare, "--format", "csv", "-o", "table.csv"]) == 0  # another file: fine
    assert (tmp_path / "table.csv").exists()
