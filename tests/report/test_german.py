"""German throughout: ``icplab run --language de`` and the language in the config.

A German workspace's rendered pages are checked in tests/report/test_language_scan.py
(one run for the scan and the checks that were here).
"""

from __future__ import annotations

import pytest

from icplab.cli import main
from icplab.core.config import Config
from icplab.data.sample import generate_outreach


@pytest.mark.slow
def test_cli_language_flag_overrides(tmp_path, monkeypatch):
    generate_outreach(3000, seed=3).to_csv(tmp_path / "log.csv", index=False)
    (tmp_path / "icplab.toml").write_text('[workspace]\ndata = "log.csv"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["run", "--only", "05-sample-size", "--language", "de"]) == 0
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in index and "ICP-Berichte" in index


def test_bad_language_in_config_is_a_clear_error(tmp_path):
    from icplab.core.errors import ConfigError

    with pytest.raises(ConfigError, match="language must be one of en, de"):
        Config.from_toml_text('[reports]\nlanguage = "fr"\n')
    with pytest.raises(ConfigError, match="correction_scope"):
        Config.from_toml_text('[stats]\ncorrection_scope = "global"\n')
