"""icplab.data.mapping_toml: the drafted ``[columns]`` snippet is valid TOML that icplab
reads back, whatever the headers hold, and never names a personal header.

The snippet is checked with :mod:`tomllib`, not with icplab's own parser.
"""

from __future__ import annotations

import tomllib

from icplab.data import mapping
from icplab.data import mapping_toml as module
from icplab.data.mapping import ColumnMapping
from icplab.data.mapping_toml import mapping_snippet, suggest_mapping
from icplab.data.presets import PRESETS


def test_hostile_headers_cannot_break_or_inject_into_the_snippet() -> None:
    headers = ['Mitarbeiter"\n[stats]\nx = 1', "Apollo Contact Id", "# Employees", "Replied"]
    parsed = tomllib.loads(mapping_snippet(headers))
    assert set(parsed) == {"columns"}  # no [stats] table smuggled in
    ColumnMapping.from_config(parsed["columns"])  # icplab reads its own draft back


def test_every_presets_own_headers_give_a_snippet_icplab_reads() -> None:
    for name, preset in PRESETS.items():
        headers = [v for v in preset.columns.values() if isinstance(v, str)]
        headers += list(preset.markers)
        parsed = tomllib.loads(mapping_snippet(headers))["columns"]
        mapping_ = ColumnMapping.from_config(parsed)
        assert all(isinstance(h, str) for s in mapping_.specs for h in s.headers), name


def test_personal_headers_are_never_suggested() -> None:
    headers = ["E-Mail-Adresse", "Email", "Company Name", "Apollo Contact Id"]
    suggested = suggest_mapping(headers)
    assert set(suggested.values()) <= {"Apollo Contact Id"}


def test_the_old_module_still_exports_the_same_objects() -> None:
    for name in ("best_preset", "mapping_snippet", "preset_entries", "preset_scores"):
        assert getattr(mapping, name) is getattr(module, name)
    assert mapping.suggest_mapping is module.suggest_mapping
