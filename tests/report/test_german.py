"""German throughout: ``[reports] language = "de"`` and ``icplab run --language de``."""

from __future__ import annotations

import re

import pytest
from _workspace import sample_workspace

from icplab.batch.runner import run_reports
from icplab.cli import main
from icplab.core.config import Config
from icplab.data.sample import generate_outreach


@pytest.fixture(scope="module")
def german_run(tmp_path_factory):
    ws = tmp_path_factory.mktemp("de")
    config = Config.load(sample_workspace(ws, 6000, 7, '\n[reports]\nlanguage = "de"\n'))
    summary = run_reports(config, only=["01-overview", "02-ab-test-salutation"], jobs=1)
    return ws, summary


@pytest.mark.slow
def test_index_and_reports_are_german(german_run):
    ws, summary = german_run
    assert all(r.ok for r in summary.results), [r.error for r in summary.results]
    index = (ws / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in index
    for word in ("ICP-Berichte", "Bericht", "Ergebnis", "Kennzahl", "Laufzeit", "Vergleiche"):
        assert word in index
    for english in ("Last run", "Key figure", "meets target", "All reports finished"):
        assert english not in index
    ab = (ws / "reports" / "02-ab-test-salutation.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in ab
    assert "Ausprägung" in ab and "plausibler Bereich" in ab and "relative Änderung" in ab
    assert "Antwortquote" in ab and "Innerhalb jeder Branche" in ab
    # numbers: decimal comma, thousands point
    assert re.search(r"\d+,\d %", ab) and not re.search(r"\d+\.\d %", ab)
    assert "6.000" in ab
    overview = (ws / "reports" / "01-overview.json").read_text(encoding="utf-8")
    assert "Kontakte" in overview and re.search(r"\d+,\d %", overview)


@pytest.mark.slow
def test_cli_language_flag_overrides(tmp_path, monkeypatch):
    generate_outreach(3000, seed=3).to_csv(tmp_path / "log.csv", index=False)
    (tmp_path / "icplab.toml").write_text('[workspace]\ndata = "log.csv"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["run", "--only", "02-ab-test-messaging", "--language", "de"]) == 0
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in index and "ICP-Berichte" in index


def test_bad_language_in_config_is_a_clear_error(tmp_path):
    from icplab.core.errors import ConfigError

    with pytest.raises(ConfigError, match="language must be one of en, de"):
        Config.from_toml_text('[reports]\nlanguage = "fr"\n')
    with pytest.raises(ConfigError, match="correction_scope"):
        Config.from_toml_text('[stats]\ncorrection_scope = "global"\n')
