"""docs/configuration.md's key reference and docs/icplab.schema.json follow from the one
declaration of the keys, and the schema accepts what icplab accepts and rejects what it
rejects (checked with the independent ``jsonschema`` validator)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_config_types import ALL_PATHS, BASE, WRONG, concrete, pattern, with_value

from icplab.cli.commands.init import config_text
from icplab.core.config import Config
from icplab.core.config_docs import (
    BEGIN,
    END,
    as_json_value,
    json_schema,
    markdown_reference,
    schema_text,
    with_reference,
)
from icplab.core.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
REGENERATE = "run `python -m icplab.core.config_docs` and commit docs/"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema())


def docs_toml_blocks() -> list[str]:
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    return re.findall(r"```toml\n(.*?)```", page, flags=re.S)


def test_the_committed_key_reference_is_the_generated_one() -> None:
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert page.count(BEGIN) == 1 and page.count(END) == 1
    assert with_reference(page) == page, REGENERATE


def test_the_comparison_can_fail() -> None:
    page = (DOCS / "configuration.md").read_text(encoding="utf-8")
    edited = page.replace("| `alpha` |", "| `alpha_old` |")
    assert edited != page and with_reference(edited) != edited


def test_the_committed_schema_is_the_generated_one() -> None:
    assert (DOCS / "icplab.schema.json").read_text(encoding="utf-8") == schema_text(), REGENERATE


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_every_key_of_the_reference_is_in_the_schema() -> None:
    """Each key named in a reference row is a property (or named table) of the schema."""
    names: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)

    collect(json_schema())
    rows = re.findall(r"^\| (`[^|]+) \|", markdown_reference(), flags=re.M)
    keys = {k for row in rows for k in re.findall(r"`([^`]+)`", row)}
    placeholders = {"NAME", "FACTOR", "SEGMENT", "CHANNEL"}
    assert keys - placeholders <= names
    assert {"engine", "strict", "window_days", "not_empty", "keep_runs"} <= keys


@pytest.mark.parametrize(
    "name,text",
    [
        ("repository icplab.toml", (ROOT / "icplab.toml").read_text(encoding="utf-8")),
        ("init default", config_text()),
        ("init with preset", config_text(preset="apollo")),
        ("test BASE", None),
    ],
)
def test_real_configs_are_valid_for_the_schema_and_for_icplab(validator, name, text) -> None:
    raw = BASE if text is None else tomllib.loads(text)
    errors = [e.message for e in validator.iter_errors(as_json_value(raw))]
    assert errors == []
    if text is not None:
        Config.from_toml_text(text)


@pytest.mark.parametrize("block", docs_toml_blocks())
def test_every_example_in_the_docs_is_valid(validator, block) -> None:
    raw = tomllib.loads(block)
    assert [e.message for e in validator.iter_errors(as_json_value(raw))] == []
    Config.from_toml_text(block)


@pytest.mark.parametrize("path", ALL_PATHS, ids=".".join)
def test_the_schema_rejects_what_icplab_rejects(validator, path) -> None:
    doc = with_value(concrete(path), WRONG[pattern(path)])
    assert not validator.is_valid(as_json_value(doc))


@pytest.mark.parametrize(
    "text",
    [
        "[stat]\nalpha = 0.1",
        "[stats]\nalpah = 0.1",
        '[load]\nengine = "spark"',
        "[load]\nstrict = 1",
    ],
)
def test_unknown_keys_and_wrong_values_fail_both(validator, text) -> None:
    assert not validator.is_valid(tomllib.loads(text))
    with pytest.raises(ConfigError):
        Config.from_toml_text(text)


def test_choices_are_accepted_in_any_case_by_both(validator) -> None:
    text = '[stats]\ncorrection = "BH"\n[load]\nengine = "DuckDB"\n[reports]\nlanguage = "De"'
    assert validator.is_valid(tomllib.loads(text))
    cfg = Config.from_toml_text(text)
    assert (cfg.correction, cfg.load_engine, cfg.language) == ("bh", "duckdb", "de")


def test_patterns_are_plain_ecma_262() -> None:
    """Editors compile the patterns in JavaScript: no inline flags or named groups."""
    assert "(?" not in schema_text()
