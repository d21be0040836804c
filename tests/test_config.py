"""icplab.toml parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from icplab.core.config import Config, Range
from icplab.core.errors import ConfigError
from icplab.core.metrics import DEFAULT_METRICS

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_without_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = Config.load()
    assert cfg.metrics == DEFAULT_METRICS
    assert (cfg.alpha, cfg.correction) == (0.05, "holm")
    assert [m.target for m in cfg.metrics.values()] == [0.15, 0.10, 0.05]


def test_repo_config_parses():
    cfg = Config.load(ROOT / "icplab.toml")
    assert cfg.metrics == DEFAULT_METRICS
    t = cfg.thesis("logistik-50-199")
    assert t.where == {"industry": ("Logistik",), "employees": Range(50, 199)}
    assert cfg.root == ROOT


@pytest.mark.parametrize(
    "text,words",
    [
        ("[metrics.reply_rate]\ntarget = 15", "between 0 and 1"),
        ("[metrics.reply_rate]\ntarget = 0.2\ncolour = 1", "unknown keys"),
        ("[metrics.open_rate]\ntarget = 0.2", "needs numerator"),
        ("[stats]\ncorrection = 'bonferroni'", "correction must be one of"),
        ("[stats]\nalpha = 2", "alpha"),
        ("[size_bands]\nedges = [50, 10]", "edges"),
        ("[[theses]]\nname = 'x'", "needs name, statement and where"),
        (
            "[[theses]]\nname='a'\nwhere={industry='IT'}\n[[theses]]\nname='a'\nwhere={industry='IT'}",
            "unique",
        ),
        ("[[theses]]\nname='a'\nwhere={employees=[200, 50]}", "lo > hi"),
        ("this is = not toml =", "not valid TOML"),
    ],
)
def test_config_errors_teach(text, words):
    with pytest.raises(ConfigError, match=words):
        Config.from_toml_text(text)


def test_unknown_thesis_lists_known():
    cfg = Config.from_toml_text("[[theses]]\nname='it'\nstatement='s'\nwhere={industry=['IT']}")
    with pytest.raises(ConfigError, match="known theses: it"):
        cfg.thesis("handel")


def test_missing_config_path(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        Config.load(tmp_path / "nope.toml")
