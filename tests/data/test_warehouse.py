"""A log in a database table (icplab/data/warehouse.py, through Ibis): the same counts and
verdicts as the same rows read from the sample CSV file, on DuckDB and on SQLite."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import icplab
from icplab.core.config import Config
from icplab.core.errors import InputError, UsageError
from icplab.data import scan
from icplab.data.load import load
from icplab.data.warehouse import split_url

pytest.importorskip("ibis")
duckdb = pytest.importorskip("duckdb")

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "samples" / "outreach.csv"


@pytest.fixture(scope="module")
def config() -> Config:
    return replace(Config.load(REPO / "icplab.toml"), path=None)  # no workspace cache


@pytest.fixture(scope="module")
def plain(config):
    import os

    old = os.environ.get(scan.ENGINE_VARIABLE)
    os.environ[scan.ENGINE_VARIABLE] = "pandas"
    try:
        return load(SAMPLE, config=config)
    finally:
        if old is None:
            del os.environ[scan.ENGINE_VARIABLE]
        else:
            os.environ[scan.ENGINE_VARIABLE] = old


def _duckdb_table(tmp: Path, frame: pd.DataFrame) -> str:
    db = tmp / "growth.duckdb"
    con = duckdb.connect(str(db))
    con.register("frame", frame)
    con.execute("CREATE OR REPLACE TABLE outreach AS SELECT * FROM frame")
    con.close()
    return f"duckdb:///{db}::outreach"


def _sqlite_table(tmp: Path, frame: pd.DataFrame) -> str:
    db = tmp / "crm.sqlite"
    with sqlite3.connect(db) as con:
        frame.to_sql("outreach", con, index=False, if_exists="replace")
    return f"sqlite:///{db}::outreach"


@pytest.mark.parametrize(
    ("make", "typed"),
    [(_duckdb_table, True), (_duckdb_table, False), (_sqlite_table, True)],
    ids=["duckdb-typed", "duckdb-text", "sqlite"],
)
def test_counts_and_verdicts_equal_the_file(tmp_path, config, plain, make, typed):
    frame = (
        pd.read_csv(SAMPLE)  # employees etc. as numbers, as a warehouse holds them
        if typed
        else pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    )
    url = make(tmp_path, frame)
    table = load(url, config=config)
    assert table.n_contacts == plain.n_contacts
    for by in (["industry"], ["size_band"], ["messaging", "salutation"], ["channel"], []):
        a, b = table.counts(by), plain.counts(by)
        pd.testing.assert_frame_equal(a, b[a.columns], check_categorical=False)
    for by, metric in [("salutation", "reply_rate"), ("industry", "deal_rate")]:
        assert (
            icplab.compare(url, by=by, metric=metric, config=config).to_dict()
            == icplab.compare(plain, by=by, metric=metric, config=config).to_dict()
        )
    assert (
        icplab.check(table, "logistik-50-199", config=config).to_dict()
        == icplab.check(plain, "logistik-50-199", config=config).to_dict()
    )
    assert (
        icplab.refine(table, config=config).to_dict()
        == icplab.refine(plain, config=config).to_dict()
    )


def test_bad_rows_are_counted_and_ids_never_shown(tmp_path, config):
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    frame.loc[[5, 9, 11], "replied"] = "vielleicht"
    frame.loc[40, "prospect_id"] = frame.loc[41, "prospect_id"]
    frame.loc[40, "campaign"] = frame.loc[41, "campaign"]
    url = _sqlite_table(tmp_path, frame)
    with pytest.raises(InputError) as err:
        load(url, config=config)
    problems = {p.column: p for p in err.value.problems}
    assert "3 rows of the table" in problems["replied"].message
    assert "1 prospect_id appears more than once" in problems["prospect_id"].message
    assert frame.loc[41, "prospect_id"] not in str(err.value)


def test_urls_and_missing_tables(tmp_path, config):
    assert split_url("pyspark::growth.events") == ("pyspark", "growth", "events")
    with pytest.raises(UsageError, match="no table"):
        split_url("duckdb:///x.duckdb")
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    with pytest.raises(UsageError, match="no such table"):
        load(f"duckdb:///{db}::nothing", config=config)
    with pytest.raises(UsageError) as err:
        load("postgres://analyst:s3cret@127.0.0.1:1/growth::outreach", config=config)
    assert "s3cret" not in str(err.value)


def test_the_command_line_takes_a_table(tmp_path, config, plain, capsys, monkeypatch):
    from icplab.cli import main

    url = _sqlite_table(tmp_path, pd.read_csv(SAMPLE, dtype=str, keep_default_na=False))
    monkeypatch.chdir(tmp_path)  # no icplab.toml here: the command's defaults
    code = main(
        [
            "compare",
            url,
            "--by",
            "salutation",
            "--metric",
            "reply_rate",
            "--format",
            "json",
            "--as-of",
            "2026-09-30",
        ]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    expected = icplab.compare(
        plain,
        by="salutation",
        metric="reply_rate",
        config=Config(),
        as_of="2026-09-30",
        sequential=False,
    ).to_dict()
    assert out["rows"] == expected["rows"]
    assert (
        main(
            [
                "compare",
                url.replace("::outreach", "::nope"),
                "--by",
                "salutation",
                "--metric",
                "reply_rate",
            ]
        )
        == 2
    )


def test_the_column_mapping_applies_to_a_table(tmp_path, config, plain):
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    frame["lastState"] = frame.pop("replied").map({"1": "emailsReplied", "0": "contacted"})
    frame = frame.rename(columns={"industry": "Branche des Kunden"})
    mapped = replace(
        config,
        columns={
            "replied": {"from": "lastState", "in": ["emailsReplied"]},
            "industry": "Branche des Kunden",
        },
    )
    table = load(_duckdb_table(tmp_path, frame), config=mapped)
    for by in (["industry"], ["salutation"]):
        a, b = table.counts(by), plain.counts(by)
        pd.testing.assert_frame_equal(a, b[a.columns], check_categorical=False)
