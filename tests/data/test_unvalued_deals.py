"""Won deals without an amount are counted as 0 EUR and stated, never silently.

A CRM export often has a deal marked won before its amount is filled in; every value
figure (value per contact, mean deal value) then counts it as 0 EUR. ``validate`` says how
many (text in English and German, JSON ``unvalued_deals`` only when there are any), with
every reader: pandas, the DuckDB scan (which validates value combinations, so its count
must be in contacts), row-level and aggregated logs.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from icplab.cli import main
from icplab.data.load import load
from icplab.data.sample import generate_outreach


@pytest.fixture(scope="module")
def holes(tmp_path_factory):
    log = generate_outreach(4000, seed=8)
    rng = np.random.default_rng(2)
    hole = (log["deal"] == 1) & (rng.random(len(log)) < 0.4)
    log.loc[hole, "deal_value"] = None
    folder = tmp_path_factory.mktemp("unvalued")
    log.to_parquet(folder / "log.parquet", index=False)
    log.to_csv(folder / "log.csv", index=False)
    return folder, int(hole.sum()), int(log["deal"].sum())


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
@pytest.mark.parametrize("suffix", ["parquet", "csv"])
def test_every_reader_counts_the_won_deals_without_amount(holes, monkeypatch, engine, suffix):
    folder, n, _ = holes
    assert n > 5  # independent: drawn above
    monkeypatch.setenv("ICPLAB_LOAD_ENGINE", engine)
    assert load(folder / f"log.{suffix}").read.unvalued_deals == n


def test_validate_states_them_in_both_languages(holes, capsys):
    folder, n, deals = holes
    path = str(folder / "log.csv")
    assert main(["validate", path, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["unvalued_deals"] == n
    assert main(["validate", path]) == 0
    assert f"{n} of {deals} deals have no amount" in capsys.readouterr().out
    assert main(["--lang", "de", "validate", path]) == 0
    assert f"{n} von {deals} Abschlüssen haben keinen Betrag" in capsys.readouterr().out


def test_aggregated_rows_count_their_deals(tmp_path):
    counts = pd.DataFrame(
        {
            "industry": ["IT", "IT", "Bau"],
            "size_band": ["1-49", "50-199", "1-49"],
            "contacted": [100, 80, 50],
            "replied": [20, 10, 5],
            "meeting": [8, 4, 2],
            "deal": [3, 2, 1],
            "deal_value": [9000, None, None],
        }
    )
    counts.to_csv(tmp_path / "agg.csv", index=False)
    expected = int(counts.loc[counts["deal_value"].isna(), "deal"].sum())
    assert load(tmp_path / "agg.csv").read.unvalued_deals == expected == 3


def test_a_log_with_every_amount_says_nothing(tmp_path, capsys):
    generate_outreach(500, seed=1).to_csv(tmp_path / "ok.csv", index=False)
    assert main(["validate", str(tmp_path / "ok.csv"), "--format", "json"]) == 0
    assert "unvalued_deals" not in json.loads(capsys.readouterr().out)
