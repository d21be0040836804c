"""The reader's choice goes through one function: environment > configuration > by size."""

from __future__ import annotations

from pathlib import Path

import pytest

from icplab.data import scan
from icplab.data.load import load
from icplab.data.sample import generate_outreach


@pytest.fixture
def small_parquet(tmp_path: Path) -> Path:
    f = tmp_path / "log.parquet"
    generate_outreach(300, seed=5).to_parquet(f, index=False)
    return f


def test_configured_engine_is_used_below_the_size_threshold(small_parquet, monkeypatch):
    monkeypatch.delenv(scan.ENGINE_VARIABLE, raising=False)
    assert scan.chosen_engine(small_parquet) == "pandas"  # 300 rows < SCAN_MIN_ROWS
    assert scan.chosen_engine(small_parquet, "auto") == "pandas"
    assert scan.chosen_engine(small_parquet, "duckdb") == "duckdb"
    assert scan.chosen_engine(small_parquet, "pandas") == "pandas"


@pytest.mark.parametrize(
    ("env", "configured", "expected"),
    [
        ("duckdb", "pandas", "duckdb"),
        ("pandas", "duckdb", "pandas"),
        ("DuckDB ", None, "duckdb"),
        ("nonsense", "duckdb", "duckdb"),  # an unknown value leaves the choice to the config
        ("", "duckdb", "duckdb"),
    ],
)
def test_environment_wins_over_configuration(small_parquet, monkeypatch, env, configured, expected):
    monkeypatch.setenv(scan.ENGINE_VARIABLE, env)
    assert scan.chosen_engine(small_parquet, configured) == expected
    assert scan.wanted(small_parquet, None, configured) is (expected == "duckdb")


def test_files_the_scan_cannot_read_stay_with_pandas(tmp_path, small_parquet, monkeypatch):
    monkeypatch.setenv(scan.ENGINE_VARIABLE, "duckdb")
    xlsx = tmp_path / "log.xlsx"
    xlsx.write_bytes(b"")
    assert scan.chosen_engine(xlsx) == "pandas"
    assert scan.chosen_engine(small_parquet, mapping={"replied": "Antwort"}) == "pandas"
    counts = tmp_path / "counts.csv"
    counts.write_text("industry,contacted,replied\nIT,10,2\n", encoding="utf-8")
    assert scan.chosen_engine(counts) == "pandas"


def test_load_follows_a_configured_engine(small_parquet, monkeypatch):
    """``load`` asks ``chosen_engine`` with the config's ``load_engine``: a scanned log
    keeps no ``prospect_id`` (it only checks duplicates with it), a read one does."""
    monkeypatch.delenv(scan.ENGINE_VARIABLE, raising=False)

    class Cfg:  # the attributes ``load`` reads, plus the new key
        raw: dict = {}
        size_bands = None
        columns: dict = {}
        where_label = "icplab.toml"
        path = None
        root = None
        load_engine = "duckdb"
        load_strict = False

    scanned = load(small_parquet, config=Cfg())  # type: ignore[arg-type]
    Cfg.load_engine = "pandas"
    read = load(small_parquet, config=Cfg())  # type: ignore[arg-type]
    assert "prospect_id" in read.frame.columns
    assert "prospect_id" not in scanned.frame.columns
    assert int(scanned.frame["contacted"].sum()) == len(read.frame) == 300
