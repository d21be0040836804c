"""The cache of validated logs keeps the two readers apart (icplab/data/cache.py): a log
the DuckDB scan counted (value combinations, no ``prospect_id``) never answers for the
ordinary reader (one row per contact), nor the other way round; and a cached scan answers
exactly as a fresh one.

References: a load of the same file outside any workspace (no cache) with each reader.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import icplab
from icplab.core.config import Config
from icplab.data import scan
from icplab.data.cache import CACHE_DIR
from icplab.data.load import load
from icplab.data.sample import generate_outreach


@pytest.fixture()
def workspace(tmp_path: Path) -> tuple[Path, Config]:
    generate_outreach(800, seed=9).to_parquet(tmp_path / "log.parquet", index=False)
    (tmp_path / "icplab.toml").write_text('[workspace]\ndata = "log.parquet"\n', encoding="utf-8")
    return tmp_path, Config.load(tmp_path / "icplab.toml")


def _load(path: Path, engine: str, monkeypatch: pytest.MonkeyPatch, config: Config | None):
    monkeypatch.setenv(scan.ENGINE_VARIABLE, engine)
    return load(path, config=config)


@pytest.mark.parametrize("first", ["duckdb", "pandas"])
def test_each_reader_gets_its_own_entry(workspace, monkeypatch, first) -> None:
    root, config = workspace
    path = root / "log.parquet"
    second = "pandas" if first == "duckdb" else "duckdb"
    _load(path, first, monkeypatch, config)
    got = _load(path, second, monkeypatch, config)
    assert len(list((root / CACHE_DIR).glob("*.parquet"))) == 2
    fresh = _load(path, second, monkeypatch, None)  # no workspace: no cache
    pd.testing.assert_frame_equal(got.frame, fresh.frame)
    assert ("prospect_id" in got.frame.columns) == (second == "pandas")
    assert (got.frame["contacted"] == 1).all() == (second == "pandas")


def test_a_cached_scan_answers_as_a_fresh_one(workspace, monkeypatch) -> None:
    root, config = workspace
    path = root / "log.parquet"
    first = _load(path, "duckdb", monkeypatch, config)
    cached = _load(path, "duckdb", monkeypatch, config)
    pd.testing.assert_frame_equal(cached.frame, first.frame)
    plain = _load(path, "pandas", monkeypatch, None)
    for by in ("salutation", "industry", "size_band"):
        want = icplab.compare(plain, by=by, metric="reply_rate", config=config).to_dict()
        assert icplab.compare(cached, by=by, metric="reply_rate", config=config).to_dict() == want
