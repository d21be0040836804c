"""icplab.toml parsing."""

from __future__ import annotations

import pytest
from _paths import REPO

from icplab.core.config import Config, Range
from icplab.core.errors import ConfigError
from icplab.core.metrics import DEFAULT_METRICS

ROOT = REPO


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
        ('[stats]\nsequential_tuning = "abc"', "sequential_tuning must be a positive number"),
        ("[stats]\nsequential_tuning = 0", "sequential_tuning must be a positive number"),
        ("[stats]\nsequential_tuning = -5", "sequential_tuning must be a positive number"),
        ("[stats]\nsequential_tuning = true", "sequential_tuning must be a positive number"),
        ("[stats]\nsequential_tuning = inf", "sequential_tuning must be a positive number"),
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


@pytest.mark.parametrize(
    "text,words",
    [
        ("[stat]\nalpha = 0.05", r"unknown table \[stat\] \(did you mean '\[stats\]'\?\)"),
        ("[stats]\nalpah = 0.05", r"unknown keys in \[stats\]: 'alpah' \(did you mean 'alpha'\?\)"),
        (
            "[columns]\nindustri = 'Branche'",
            r"\[columns\]: 'industri' \(did you mean 'industry'\?\)",
        ),
        ("[columns]\nreplied = { form = 'lastState', in = ['x'] }", r"\[columns.replied\]: 'form'"),
        ("[workspace]\ndata = 'x'\nlanguage = 'de'", r"unknown keys in \[workspace\]: 'language'"),
        (
            "[[theses]]\nname='a'\nwhere={industry='IT'}\nsince='2026-01-01'\nfoo=1",
            r"\[\[theses\]\] #1: 'foo'",
        ),
        ("[metrics.reply_rate]\ntarget=0.2\nwindow_dayz=3", "did you mean 'window_days'"),
        ("[reports]\nkeep_runs = 0", "keep_runs must be a whole number"),
        ("[reports]\nlanguage = 'fr'", "language must be one of en, de"),
    ],
)
def test_unknown_keys_are_named_with_a_suggestion(text, words):
    with pytest.raises(ConfigError, match=words):
        Config.from_toml_text(text)


def test_known_keys_of_other_features_are_accepted():
    text = """
[workspace]
data = "d.csv"
as_of = "2026-05-01"
[stats]
sequential = true
correction_scope = "run"
sequential_tuning = 100
[reports]
language = "de"
keep_runs = 5
[[reports.plan]]
notebook = "01-overview.ipynb"
[metrics.reply_rate]
window_days = 28
[metrics.value_per_contact]
numerator = "deal_value"
denominator = "contacted"
kind = "mean"
target = 0.5
[size_bands]
preset = "playbook"
[funnel]
bands = { replied = [0.1, 0.2] }
[split.messaging]
a = 0.5
b = 0.5
[columns]
preset = "lemlist"
employees = "# Employees"
replied = { from = "lastState", in = ["emailsReplied"] }
[[theses]]
name = "a"
statement = "s"
where = { industry = ["IT"] }
since = "2026-01-01"
"""
    cfg = Config.from_toml_text(text)
    assert (cfg.keep_runs, cfg.language) == (5, "de")
    assert [r.notebook for r in cfg.reports] == ["01-overview.ipynb"]
    assert cfg.columns["preset"] == "lemlist"
    assert cfg.columns["replied"] == {"from": "lastState", "in": ["emailsReplied"]}


def test_report_plan_as_array_still_works():
    cfg = Config.from_toml_text("[[reports]]\nnotebook = 'a.ipynb'")
    assert [r.notebook for r in cfg.reports] == ["a.ipynb"] and cfg.keep_runs == 30


def test_sequential_tuning_parsed_with_the_stats_default():
    from icplab.stats.sequential import DEFAULT_TUNING

    assert Config.from_toml_text("").sequential_tuning == DEFAULT_TUNING
    assert Config.from_toml_text("[stats]\nsequential_tuning = 500").sequential_tuning == 500.0
