"""``--preset`` on a command is a mapping the lock sees.

A workspace locked without a preset, asked ``icplab compare EXPORT --preset lemlist``,
counted replies through lemlist's status list and warned of nothing: the lock looked at
``icplab.toml`` only. The command's lock warning now compares the mapping the numbers
come from (the preset of the option).
"""

from __future__ import annotations

from _paths import FIXTURES

from icplab.cli import main
from icplab.core.config import Config
from icplab.icp.lock import check_lock

EXPORT = FIXTURES / "exports" / "lemlist.csv"


def test_a_preset_option_differing_from_the_lock_is_warned(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "icplab.toml").write_text("[metrics.reply_rate]\ntarget = 0.15\n", "utf-8")
    check_lock(Config.load(tmp_path / "icplab.toml"))
    args = ["compare", str(EXPORT), "--by", "industry", "--metric", "reply_rate"]
    assert main(["--lang", "de", *args, "--preset", "lemlist"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("WARNUNG: Die Erfolgskennzahlen haben sich"), err
    assert "reply_rate.columns:" in err and "replied = preset lemlist" in err
    # the same preset in icplab.toml, locked: no warning for the option
    (tmp_path / "icplab.toml").write_text(
        '[metrics.reply_rate]\ntarget = 0.15\n[columns]\npreset = "lemlist"\n', "utf-8"
    )
    main(["lock", "--accept"])
    capsys.readouterr()
    assert main([*args, "--preset", "lemlist"]) == 0
    assert "changed since they were locked" not in capsys.readouterr().err
