"""Every key of ``icplab.toml`` is checked by type and range (issue 13, "config types").

A wrongly typed value anywhere gives a :class:`ConfigError` (exit status 2) that names the
file and the key, never a traceback and never a silently accepted value.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from icplab.cli import main
from icplab.core.config import KNOWN_KEYS, Config
from icplab.core.errors import ConfigError
from icplab.core.schema import MAPPABLE_COLUMNS

#: A valid config that uses every table and key (inline tables, so one value can be
#: swapped for a wrong one anywhere).
BASE: dict[str, Any] = {
    "workspace": {"data": "d.csv", "reports": "reports", "as_of": "2026-09-30"},
    "metrics": {
        "demo_rate": {
            "numerator": "meeting",
            "denominator": "replied",
            "target": 0.4,
            "fallback_denominator": "contacted",
            "label": "Demo rate",
            "window_days": {"default": 42, "500+": 90},
            "horizon_days": 180,
            "kind": "rate",
        }
    },
    "stats": {
        "alpha": 0.05,
        "correction": "holm",
        "sequential": True,
        "sequential_tuning": 2000,
        "correction_scope": "table",
    },
    "size_bands": {"edges": [1, 50, 200, 500]},
    "refine": {"min_contacts": 30},
    "load": {"strict": True, "engine": "auto"},
    "theses": [
        {
            "name": "it",
            "statement": "IT fits",
            "statement_en": "IT fits",
            "statement_de": "IT passt",
            "where": {"industry": ["IT"], "employees": [50, 199]},
            "since": "2026-01-01",
        }
    ],
    "reports": {
        "language": "en",
        "keep_runs": 5,
        "plan": [{"name": "overview", "notebook": "01-overview.ipynb", "parameters": {}}],
    },
    "columns": {
        "preset": "lemlist",
        "personal": ["Empfänger"],
        **{
            c: {
                "from": "X",
                "map": {"a": "b"},
                "in": ["y"],
                "not_empty": True,
                "pattern": "(a)",
                "min": 1,
                "json": "Branche",
                "date_format": "%d.%m.%Y",
            }
            for c in MAPPABLE_COLUMNS
        },
    },
    "funnel": {"bands": {"deal": [0.15, 0.25]}},
    "costs": {
        "per_contact": {"email": 0.5, "default": 1.0},
        "monthly_fixed": 300,
        "gross_margin": 0.8,
        "ltv_months": 24,
        "deal_value_per": "month",
    },
    "split": {"messaging": {"a": 0.5, "b": 0.5}},
}

#: One wrongly typed (or out-of-range) value per key path of KNOWN_KEYS: ``*`` a named
#: table (a metric, a split factor), ``0`` the first entry of an array of tables,
#: ``COLUMN`` every mappable column.
WRONG: dict[str, Any] = {
    "workspace": 5,
    "workspace.data": 5,
    "workspace.reports": ["reports"],
    "workspace.as_of": "soon",
    "metrics": 1,
    "metrics.*": 1,
    "metrics.*.numerator": 3,
    "metrics.*.denominator": True,
    "metrics.*.target": "0.4",
    "metrics.*.fallback_denominator": ["meeting"],
    "metrics.*.label": 1,
    "metrics.*.window_days": "28",
    "metrics.*.window_days.*": "240",
    "metrics.*.horizon_days": 0,
    "metrics.*.kind": 1,
    "stats": 3,
    "stats.alpha": "abc",
    "stats.correction": 3,
    "stats.sequential": "yes",
    "stats.sequential_tuning": True,
    "stats.correction_scope": 1,
    "size_bands": 3,
    "size_bands.edges": "1, 50",
    "size_bands.preset": 1,
    "refine": 5,
    "refine.min_contacts": "30",
    "load": 5,
    "load.strict": "yes",
    "load.engine": "sqlite",
    "theses": "x",
    "theses.0": "x",
    "theses.0.name": 5,
    "theses.0.statement": 5,
    "theses.0.statement_en": [1],
    "theses.0.statement_de": {"a": 1},
    "theses.0.where": 5,
    "theses.0.since": 20260101,
    "reports": 5,
    "reports.0": "x",
    "reports.0.name": 1,
    "reports.0.notebook": 1,
    "reports.0.parameters": 5,
    "reports.language": 1,
    "reports.keep_runs": True,
    "reports.plan": 5,
    "reports.plan.0": "x",
    "reports.plan.0.name": 1,
    "reports.plan.0.notebook": ["a.ipynb"],
    "reports.plan.0.parameters": "x",
    "columns": 1,
    "columns.preset": 5,
    "columns.personal": ["", 5],
    "columns.COLUMN": 5,
    "columns.COLUMN.from": 5,
    "columns.COLUMN.map": 5,
    "columns.COLUMN.in": "x",
    "columns.COLUMN.not_empty": "yes",
    "columns.COLUMN.pattern": 5,
    "columns.COLUMN.min": "many",
    "columns.COLUMN.json": 5,
    "columns.COLUMN.date_format": 5,
    "funnel": 5,
    "costs": 5,
    "costs.per_contact": "cheap",
    "costs.per_contact.*": -1,
    "costs.monthly_fixed": -5,
    "costs.gross_margin": 1.5,
    "costs.ltv_months": 0,
    "costs.deal_value_per": "week",
    "split": 5,
    "split.*": 5,
}


def key_paths(spec: Any = KNOWN_KEYS, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every key and table path of KNOWN_KEYS (alternative shapes: each of them)."""
    if isinstance(spec, tuple):
        for alt in spec:
            yield from key_paths(alt, path)
        return
    if path:
        yield path
    if isinstance(spec, list):
        yield from key_paths(spec[0], (*path, "0"))
    elif isinstance(spec, dict):
        for key, sub in spec.items():
            yield from key_paths(sub, (*path, key))


def pattern(path: tuple[str, ...]) -> str:
    if path[0] == "columns" and len(path) > 1 and path[1] in MAPPABLE_COLUMNS:
        path = ("columns", "COLUMN", *path[2:])
    return ".".join(path)


def concrete(path: tuple[str, ...]) -> tuple[str, ...]:
    """The real path into BASE of a KNOWN_KEYS path (``*``: the named table in BASE)."""
    named = {"metrics": "demo_rate", "split": "messaging", "costs": "email"}
    return tuple(named[path[0]] if p == "*" else p for p in path)


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float, date)):
        return v.isoformat() if isinstance(v, date) else repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(x)}" for k, x in v.items()) + " }"


def toml_doc(doc: dict[str, Any]) -> str:
    return "\n".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in doc.items()) + "\n"


def with_value(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    if path[:2] == ("reports", "0"):  # the other shape: [[reports]] is the plan itself
        doc["reports"] = doc["reports"]["plan"]
    node: Any = doc
    for p in path[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    if isinstance(node, list):
        node[int(path[-1])] = value
    else:
        node[path[-1]] = value
    return doc


ALL_PATHS = sorted(set(key_paths()))


def test_every_key_has_a_wrong_value_here():
    assert {pattern(p) for p in ALL_PATHS} == set(WRONG)


def test_the_base_config_is_valid(tmp_path):
    path = tmp_path / "icplab.toml"
    path.write_text(toml_doc(BASE), encoding="utf-8")
    cfg = Config.load(path)
    assert cfg.metrics["demo_rate"].target == 0.4 and cfg.keep_runs == 5


@pytest.mark.parametrize("path", ALL_PATHS, ids=".".join)
def test_wrong_type_names_file_and_key(tmp_path, path):
    file = tmp_path / "icplab.toml"
    real = concrete(path)
    file.write_text(toml_doc(with_value(real, WRONG[pattern(path)])), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        Config.load(file)
    message = str(exc.value)
    key = next(p for p in reversed(real) if not p.isdigit())
    assert str(file) in message, message
    assert re.search(rf"(\[|\] |\.|#\d+ ){re.escape(key)}(\]|\b)", message), message
    assert exc.value.exit_code == 2


@pytest.mark.parametrize(
    "text,words",
    [
        (
            '[stats]\nalpha = "abc"',
            '[stats] alpha must be a number between 0 and 1 (e.g. alpha = 0.05), got "abc"',
        ),
        ("[stats]\nalpha = 1.5", "[stats] alpha must be a number between 0 and 1"),
        (
            '[metrics.reply_rate]\ntarget = "0.15"',
            '[metrics.reply_rate] target must be a number (e.g. target = 0.15), got "0.15"',
        ),
        ("[metrics.reply_rate]\ntarget = true", "[metrics.reply_rate] target must be a number"),
        (
            "[metrics.reply_rate]\ntarget = 15",
            "[metrics.reply_rate] target must be a rate between 0 and 1",
        ),
        ("stats = 3", "[stats] must be a table, got 3"),
        ("metrics = 1", "[metrics] must be a table, got 1"),
        ('theses = "x"', '[[theses]] must be an array of tables ([[theses]] entries), got "x"'),
        ("[[theses]]\nname = 'a'\nwhere = 5", "[[theses]] #1 where must be a table"),
        ("[[theses]]\nname = 'a'\nwhere = { industry = [{ a = 1 }] }", "[[theses]] #1 where"),
        ("[refine]\nmin_contacts = -5", "[refine] min_contacts must be a whole number >= 1"),
        ("[size_bands]\nedges = [200, 50]", "[size_bands] edges must be a list of increasing"),
        ('[size_bands]\nedges = ["1", "50"]', "[size_bands] edges must be a list of increasing"),
        ("[split.messaging]\na = 'x'", "[split] messaging must be a table of level = share"),
        (
            "[columns]\nreplied = { from = 'x', in = [{ a = 1 }] }",
            "[columns.replied] in must be a list",
        ),
        (
            "[metrics.reply_rate]\nwindow_days = 2.5",
            "[metrics.reply_rate] window_days must be a whole",
        ),
        (
            "[[reports]]\nnotebook = 'a.ipynb'\nparameters = 3",
            "[[reports]] #1 parameters must be a table",
        ),
    ],
)
def test_wrong_values_are_named_in_words(text, words):
    with pytest.raises(ConfigError) as exc:
        Config.from_toml_text(text)
    assert words in str(exc.value)


def test_several_problems_are_listed_together():
    with pytest.raises(ConfigError) as exc:
        Config.from_toml_text("[stats]\nalpha = 'x'\ncorrection = 3\n[refine]\nmin_contacts = 0")
    message = str(exc.value)
    assert "3 problems" in message
    assert all(k in message for k in ("alpha", "correction", "min_contacts"))


def test_whole_numbers_written_as_floats_and_int_targets_are_accepted():
    cfg = Config.from_toml_text(
        "[refine]\nmin_contacts = 20.0\n[metrics.value_per_contact]\ntarget = 150\n"
    )
    assert cfg.refine_min_contacts == 20 and isinstance(cfg.refine_min_contacts, int)
    assert cfg.metrics["value_per_contact"].target == 150.0
    assert isinstance(cfg.metrics["value_per_contact"].target, float)


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "icplab.toml"
    path.write_bytes("\ufeff[stats]\nalpha = 0.1\n".encode())
    assert Config.load(path).alpha == 0.1


def test_the_cli_reports_a_wrong_type_without_traceback(tmp_path, capsys):
    path = tmp_path / "icplab.toml"
    path.write_text("stats = 3\n", encoding="utf-8")
    assert main(["lock", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "[stats] must be a table" in err and str(path) in err
    assert not (tmp_path / "icplab.lock.json").exists()
