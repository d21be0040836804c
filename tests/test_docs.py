"""The reference pages in docs/ cannot drift silently from the code.

- every table and key of ``KNOWN_KEYS`` (icplab.toml) appears in docs/configuration.md;
- every key of every ``--format json`` output (compare, check, refine, funnel, plan,
  reasons, validate, size) on generated data appears in docs/json-output.md, and the API's
  ``to_dict()`` equals the CLI's JSON;
- every column of the input schema (and every German header alias) appears in
  docs/input-format.md;
- docs/README.md lists every page of docs/.

A name counts as documented when it appears in backticks (`` `name` ``) or, for a
TOML table, as ``[name]`` / ``[[name]]`` / ``[name.``. Each check is
also run on a page with one name removed, so the checks are shown to be able to fail.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import icplab
from icplab.cli import main
from icplab.core.config import KNOWN_KEYS, Config
from icplab.core.schema import (
    BOOLEAN_COLUMNS,
    COUNT_COLUMNS,
    GROUP_COLUMNS,
    HEADER_ALIASES,
    MAPPABLE_COLUMNS,
    OPTIONAL_TEXT_COLUMNS,
    REPLY_CLASSES,
    REQUIRED_COLUMNS,
)
from icplab.data.sample import generate_outreach
from icplab.icp import compare as compare_module

DOCS = Path(__file__).resolve().parents[1] / "docs"
AS_OF = "2026-09-30"

#: Dicts whose keys are data (levels, campaigns, columns, steps), not field names.
DATA_KEYED = frozenset(
    {"expected_share", "contacts", "campaigns", "levels", "where", "bands", "columns_read"}
)


def doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def forms(name: str) -> tuple[str, ...]:
    """How a name may be written: in backticks, or as a TOML table header."""
    return (f"`{name}`", f"[{name}]", f"[[{name}]]", f"[{name}.")


def undocumented(text: str, names: Iterable[str]) -> list[str]:
    """The names that appear in ``text`` in none of their :func:`forms`."""
    return sorted({n for n in names if not any(f in text for f in forms(n))})


def assert_can_fail(text: str, names: Iterable[str]) -> None:
    """The check is not vacuous: removing one name's mentions makes it fail."""
    name = sorted(names)[0]
    for f in forms(name):
        text = text.replace(f, "`removed`")
    assert undocumented(text, names) == [name]


# --------------------------------------------------------------------------- config
def known_key_names(spec: Any = KNOWN_KEYS) -> set[str]:
    """Every table and key name in the nested ``KNOWN_KEYS`` structure."""
    names: set[str] = set()
    if isinstance(spec, dict):
        for key, sub in spec.items():
            if key != "*":
                names.add(key)
            names |= known_key_names(sub)
    elif isinstance(spec, (list, tuple)):
        for sub in spec:
            names |= known_key_names(sub)
    return names


def test_every_config_key_is_documented() -> None:
    names = known_key_names()
    # the walk reaches nested tables, arrays of tables and alternative shapes
    assert {"workspace", "window_days", "sequential_tuning", "not_empty", "keep_runs"} <= names
    assert {"statement_de", "plan", "parameters", "prospect_id"} <= names
    text = doc("configuration.md")
    assert undocumented(text, names) == []
    assert_can_fail(text, names)


# --------------------------------------------------------------------------- json
WORKSPACE_TOML = """
[workspace]
as_of = "2026-09-30"

[metrics.value_per_contact]
numerator = "deal_value"
denominator = "contacted"
kind = "mean"
target = 150

[[theses]]
name = "it"
statement = "IT fits"
where = { industry = ["IT"], employees = [1, 199] }

[[theses]]
name = "logistik-new"
statement = "Logistik, new contacts"
where = { industry = ["Logistik"] }
since = "2026-03-01"
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("docs_ws")
    data = root / "outreach.csv"
    generate_outreach(4000, seed=3, running=400).to_csv(data, index=False)
    config = root / "icplab.toml"
    config.write_text(WORKSPACE_TOML, encoding="utf-8")
    return data, config


def json_keys(value: Any, parent: str = "") -> set[str]:
    """Every field name in a JSON value (nested dicts and lists); keys of dicts that map
    data (levels, campaigns, ...) to values are not field names and are skipped."""
    keys: set[str] = set()
    if isinstance(value, dict):
        data_keyed = parent in DATA_KEYED
        for k, v in value.items():
            if not data_keyed:
                keys.add(k)
            keys |= json_keys(v, parent if data_keyed else k)
    elif isinstance(value, list):
        for item in value:
            keys |= json_keys(item, f"{parent}[]")
    return keys


def has_within() -> bool:
    return "within" in inspect.signature(compare_module.compare_result).parameters


@pytest.fixture(scope="module")
def outputs(workspace: tuple[Path, Path]) -> dict[str, Any]:
    data, config = workspace
    d, c = str(data), str(config)
    runs = {
        "compare": ["compare", d, "--by", "salutation", "--metric", "reply_rate"],
        "compare_fisher": [
            "compare",
            d,
            "--by",
            "industry",
            "--metric",
            "deal_rate",
            "--where",
            "size_band=500+",
        ],
        "compare_value": ["compare", d, "--by", "messaging", "--metric", "value_per_contact"],
        "check": ["check", d, "--thesis", "logistik-new"],
        "check_all": ["check", d, "--all"],
        "refine": ["refine", d, "--metric", "reply_rate"],
        "funnel": ["funnel", d, "--where", "industry=IT"],
        "funnel_by": ["funnel", d, "--by", "channel"],
        "plan": ["plan", d, "--deals", "3", "--per", "month"],
        "reasons": ["reasons", d, "--by", "industry"],
        "validate": ["validate", d],
        "size": ["size", "--baseline-rate", "0.12", "--lift", "0.03"],
        "size_segment": ["size", "--segment", "--rate", "0.18", "--target", "0.15"],
    }
    if has_within():
        runs["compare_within"] = [*runs["compare"], "--within", "industry"]
    out = {}
    capsys = _Capture()
    for name, argv in runs.items():
        extra = ["--config", c] if argv[0] != "size" else []
        out[name] = capsys.run([*argv, *extra, "--format", "json"])
    return out


class _Capture:
    """stdout of ``icplab.cli.main`` for a module-scoped fixture (no capsys there)."""

    def run(self, argv: list[str]) -> Any:
        import contextlib
        import io

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            status = main(argv)
        assert status == 0, (argv, buf.getvalue())
        return json.loads(buf.getvalue())


def test_every_json_key_is_documented(outputs: dict[str, Any]) -> None:
    keys = set().union(*(json_keys(v) for v in outputs.values()))
    # the walk reaches nested objects: srm, rows, metrics, stages, leak, steps, prior
    assert {"prob_beats_baseline", "threshold", "more_contacts_needed", "vs_band"} <= keys
    assert {"rate_to_next", "in_icp", "strength", "since", "period", "reason"} <= keys
    assert outputs["check"]["maturing"] > 0  # the running campaign is still maturing
    text = doc("json-output.md")
    assert undocumented(text, keys) == []
    assert_can_fail(text, keys)


def test_api_to_dict_equals_cli_json(outputs: dict[str, Any], workspace: tuple[Path, Path]):
    data, config = workspace
    cfg = Config.load(config)
    assert (
        icplab.compare(data, by="salutation", metric="reply_rate", config=cfg).to_dict()
        == (outputs["compare"])
    )
    assert icplab.check(data, thesis="logistik-new", config=cfg).to_dict() == outputs["check"]
    assert icplab.refine(data, metric="reply_rate", config=cfg).to_dict() == outputs["refine"]
    assert icplab.funnel(data, by="channel", config=cfg).to_dict() == outputs["funnel_by"]


# --------------------------------------------------------------------------- input
def test_every_input_column_is_documented() -> None:
    names = {
        *REQUIRED_COLUMNS,
        *MAPPABLE_COLUMNS,
        *BOOLEAN_COLUMNS,
        *OPTIONAL_TEXT_COLUMNS,
        *GROUP_COLUMNS,
        *COUNT_COLUMNS,
        *REPLY_CLASSES,
    }
    text = doc("input-format.md")
    assert undocumented(text, names) == []
    assert_can_fail(text, names)
    # German header aliases are written as they appear in exports (any case is accepted)
    lowered = text.casefold()
    missing_aliases = [a for a in HEADER_ALIASES if f"`{a}`" not in lowered]
    assert missing_aliases == []


def test_docs_index_lists_every_page() -> None:
    pages = {p.name for p in DOCS.glob("*.md")} - {"README.md"}
    assert {"presets.md", "funnel-and-value.md", "input-format.md"} <= pages
    index = doc("README.md")
    assert sorted(p for p in pages if f"({p})" not in index) == []
