"""Each key of icplab.toml is declared once (icplab/core/config_keys.py); the check, the
parsing into ``Config`` and the messages (English and German) follow from it."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

import pytest

from icplab.core.config import Config, CostSettings
from icplab.core.config_keys import KNOWN_KEYS, attribute_keys
from icplab.core.config_schema import Leaf, walk
from icplab.core.errors import ConfigError
from icplab.core.notes import Note, render


def leaves(spec: Any = KNOWN_KEYS, path: tuple[str, ...] = (), whole: Any = None) -> list[Any]:
    """Every declared key: its path, its leaf and its whole declaration (all shapes)."""
    found: list[Any] = []
    if isinstance(spec, Leaf):
        return [(path, spec, whole or spec)]
    if isinstance(spec, tuple):
        for alt in spec:
            found += leaves(alt, path, spec)
    elif isinstance(spec, list):
        found += leaves(spec[0], path)
    elif isinstance(spec, dict):
        for key, sub in spec.items():
            found += leaves(sub, (*path, key))
    return found


#: The documented defaults (CONTRACT sections 2-3, docs/configuration.md), written out.
DEFAULTS = {
    "alpha": 0.05,
    "correction": "holm",
    "sequential": False,
    "sequential_tuning": 2000.0,
    "correction_scope": "table",
    "refine_min_contacts": 30,
    "keep_runs": 30,
    "reports_dir": "reports",
    "data": None,
    "as_of": None,
    "language": None,
    "load_strict": False,
    "load_engine": "auto",
}

#: A value other than the default for every plain key, and the attribute it must give.
GIVEN = {
    ("workspace", "data"): ('"d/log.csv"', "d/log.csv"),
    ("workspace", "reports"): ('"out"', "out"),
    ("workspace", "as_of"): ("2026-09-30", date(2026, 9, 30)),
    ("stats", "alpha"): ("0.1", 0.1),
    ("stats", "correction"): ('"BH"', "bh"),
    ("stats", "sequential"): ("true", True),
    ("stats", "sequential_tuning"): ("500", 500.0),
    ("stats", "correction_scope"): ('"run"', "run"),
    ("refine", "min_contacts"): ("12.0", 12),
    ("load", "strict"): ("true", True),
    ("load", "engine"): ('"DuckDB"', "duckdb"),
    ("reports", "language"): ('"de"', "de"),
    ("reports", "keep_runs"): ("3", 3),
}


def test_without_a_file_every_value_is_its_documented_default() -> None:
    cfg = Config.from_toml_text("")
    assert {a: getattr(cfg, a) for a in DEFAULTS} == DEFAULTS
    assert {a: getattr(Config(), a) for a in DEFAULTS} == DEFAULTS
    assert CostSettings() == CostSettings(
        (("default", 0.0),), monthly_fixed=0.0, gross_margin=1.0, ltv_months=24.0
    )


def test_every_plain_key_sets_its_attribute() -> None:
    declared = {path: leaf.attr for path, leaf in attribute_keys()}
    assert set(declared) == set(GIVEN)
    tables: dict[str, list[str]] = {}
    for (table, key), (toml, _) in GIVEN.items():
        tables.setdefault(table, []).append(f"{key} = {toml}")
    text = "\n".join(f"[{t}]\n" + "\n".join(lines) for t, lines in tables.items())
    cfg = Config.from_toml_text(text)
    got = {path: getattr(cfg, str(declared[path])) for path in GIVEN}
    assert got == {path: value for path, (_, value) in GIVEN.items()}
    assert isinstance(cfg.refine_min_contacts, int) and isinstance(cfg.keep_runs, int)


def test_costs_are_read_from_their_declaration() -> None:
    cfg = Config.from_toml_text(
        "[costs]\nper_contact = { email = 0.5 }\nmonthly_fixed = 300\ndeal_value_per = 'year'"
    )
    assert cfg.costs == CostSettings((("default", 0.0), ("email", 0.5)), 300.0, 1.0, 24.0, "year")


@pytest.mark.parametrize("path,leaf,whole", leaves(), ids=[".".join(p) for p, _, _ in leaves()])
def test_every_example_is_a_valid_value_and_every_key_is_explained(path, leaf, whole) -> None:
    value = tomllib.loads(f"x = {leaf.example}")["x"]
    problems: list[Note] = []
    walk(value, whole, path, problems)
    assert problems == [], (path, leaf.example)
    assert leaf.help, path
    assert render(leaf.what, "de") != str(leaf.what) or str(leaf.what) in ("true", "true or false")


def misspelt(name: str) -> str:
    """A typo: the first two different neighbouring letters after the first swapped."""
    i = next(i for i in range(1, len(name) - 1) if name[i] != name[i + 1])
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


@pytest.mark.parametrize("path", sorted(GIVEN), ids=".".join)
def test_a_misspelt_key_is_named_with_a_suggestion(path) -> None:
    table, key = path
    wrong = misspelt(key)
    with pytest.raises(ConfigError) as exc:
        Config.from_toml_text(f"[{table}]\n{wrong} = 1\n")
    message = str(exc.value)
    assert f"unknown keys in [{table}]: '{wrong}' (did you mean '{key}'?)" in message
    assert exc.value.exit_code == 2


@pytest.mark.parametrize("table", [t for t in KNOWN_KEYS if len(t) > 4])
def test_a_misspelt_table_is_named_with_a_suggestion(table) -> None:
    with pytest.raises(ConfigError) as exc:
        Config.from_toml_text(f"[{misspelt(table)}]\n")
    assert f"(did you mean '[{table}]'?)" in str(exc.value)


def test_errors_are_notes_that_read_in_german() -> None:
    with pytest.raises(ConfigError) as exc:
        Config.from_toml_text("[stats]\nalpha = 'x'\n[load]\nengine = 'spark'\n")
    note = exc.value.args[0]
    assert isinstance(note, Note) and str(exc.value) == str(note)
    german = render(note, "de")
    assert "2 Probleme" in german and "muss einer der Werte auto, pandas, duckdb sein" in german
    assert "must be" not in german and "got" not in german
    assert "[load] engine must be one of auto, pandas, duckdb" in str(note)
