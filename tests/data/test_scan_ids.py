"""The scan's cheap proof that (campaign, prospect_id) pairs are unique (icplab/data/scan.py
``_ids_unique``): whenever it cannot prove it, the exact check decides, so a duplicate is
named by the same rows as the ordinary reader names it.

References: a Python set of the trimmed pairs (the contract's definition of a duplicate)
and the ordinary reader's error on the same file.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from icplab.core.errors import InputError
from icplab.data import scan
from icplab.data.load import load
from icplab.data.sample import generate_outreach


def _rows_named(path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> tuple[int, ...]:
    monkeypatch.setenv(scan.ENGINE_VARIABLE, engine)
    with pytest.raises(InputError) as err:
        load(path)
    (problem,) = [p for p in err.value.problems if p.column == "prospect_id"]
    return problem.rows


def _unique_by_set(frame: pd.DataFrame) -> bool:
    """The contract's rule, computed in plain Python: trimmed pairs, blank campaign =
    default, every id present."""
    pairs = [
        ((str(c).strip() or "default"), str(p).strip())
        for c, p in zip(frame["campaign"], frame["prospect_id"], strict=True)
    ]
    return all(p for _, p in pairs) and len(set(pairs)) == len(pairs)


@pytest.mark.parametrize(
    ("row", "campaign", "pid"),
    [
        (30, None, " {id}"),  # a leading space: the same id once trimmed
        (31, None, "{id}\u00a0"),  # a trailing no-break space (DuckDB's trim strips it)
        (32, " {camp} ", None),  # the same campaign, written with spaces
        (33, None, None),  # a plain duplicate
    ],
)
def test_duplicates_after_trimming_are_named_like_the_ordinary_reader(
    tmp_path, monkeypatch, row, campaign, pid
):
    log = generate_outreach(400, seed=11)
    src = 5
    log.loc[row, "campaign"] = (campaign or "{camp}").format(camp=log.loc[src, "campaign"])
    log.loc[row, "prospect_id"] = (pid or "{id}").format(id=log.loc[src, "prospect_id"])
    assert not _unique_by_set(log)
    path = tmp_path / "dup.parquet"
    log.to_parquet(path, index=False)
    scanned = _rows_named(path, monkeypatch, "duckdb")
    assert scanned == (src + 2, row + 2)
    assert scanned == _rows_named(path, monkeypatch, "pandas")


def _proof(frame: pd.DataFrame, path: Path) -> bool:
    frame.to_parquet(path, index=False)
    con = duckdb.connect()
    try:
        _, plain, types = scan._source_sql(con, path)
        canon = {h: h for h in types}
        one = scan._ids_unique(con, plain, "prospect_id", types, canon)
        # the halves sorted on two threads answer the same
        assert scan._ids_unique(con, plain, "prospect_id", types, canon, threads=True) == one
        return one
    finally:
        con.close()


def test_the_proof_agrees_with_a_set_of_pairs(tmp_path):
    log = generate_outreach(300, seed=2)[["campaign", "prospect_id"]].copy()
    assert _unique_by_set(log) and _proof(log, tmp_path / "a.parquet")
    # the same id in two campaigns is no duplicate
    two = log.copy()
    two.loc[1, "prospect_id"] = two.loc[0, "prospect_id"]
    two.loc[1, "campaign"] = str(two.loc[0, "campaign"]) + "-b"
    assert _unique_by_set(two) and _proof(two, tmp_path / "b.parquet")
    # anything it cannot prove goes to the exact check: a blank id, an id with spaces
    for value in ("", " ", " x", "x\u3000", "x ", "\u00e4x\u2000", "x\u00a0"):
        odd = log.copy()
        odd.loc[3, "prospect_id"] = value
        assert not _proof(odd, tmp_path / "c.parquet")
    # ids beyond ASCII that need no trimming are proven like any other
    umlauts = log.copy()
    umlauts["prospect_id"] = "Müller-" + umlauts["prospect_id"].astype(str) + "-ß"
    assert _unique_by_set(umlauts) and _proof(umlauts, tmp_path / "u.parquet")
    # a campaign written with spaces is the same campaign: its pairs collide once trimmed
    spaced = log.copy()
    spaced.loc[1, "prospect_id"] = spaced.loc[0, "prospect_id"]
    spaced.loc[1, "campaign"] = f" {spaced.loc[0, 'campaign']}\u00a0"
    assert not _unique_by_set(spaced) and not _proof(spaced, tmp_path / "s.parquet")
    blank = spaced.copy()
    blank.loc[0, "campaign"], blank.loc[1, "campaign"] = "default", " "
    assert not _unique_by_set(blank) and not _proof(blank, tmp_path / "n.parquet")
    # numeric ids are their own text
    nums = pd.DataFrame({"campaign": ["a", "a", "b"], "prospect_id": [1, 2, 1]})
    assert _unique_by_set(nums) and _proof(nums, tmp_path / "d.parquet")
    nums.loc[2, "campaign"] = "a"
    assert not _unique_by_set(nums) and not _proof(nums, tmp_path / "e.parquet")


def test_past_the_sort_limit_the_exact_check_decides(tmp_path, monkeypatch):
    # memory stays bounded: above SORT_MAX_ROWS the hashes are not held; duplicates are
    # still found and named, and a clean file still loads
    monkeypatch.setattr(scan, "SORT_MAX_ROWS", 50)
    log = generate_outreach(400, seed=4)
    path = tmp_path / "clean.parquet"
    log.to_parquet(path, index=False)
    monkeypatch.setenv(scan.ENGINE_VARIABLE, "duckdb")
    assert load(path).n_contacts == 400
    assert not _proof(log[["campaign", "prospect_id"]], tmp_path / "p.parquet")
    log.loc[9, ["campaign", "prospect_id"]] = log.loc[2, ["campaign", "prospect_id"]]
    log.to_parquet(path, index=False)
    assert _rows_named(path, monkeypatch, "duckdb") == (4, 11)


def test_ids_of_other_types_are_read_as_their_text(tmp_path):
    floats = pd.DataFrame({"campaign": ["a", "a", "a"], "prospect_id": [1.5, 2.5, 3.5]})
    assert _unique_by_set(floats) and _proof(floats, tmp_path / "f.parquet")
    floats.loc[2, "prospect_id"] = 1.5
    assert not _unique_by_set(floats) and not _proof(floats, tmp_path / "g.parquet")


@pytest.mark.parametrize(("suffix", "spare"), [(".parquet", True), (".csv", False)])
def test_where_the_proof_fails_on_a_good_file_the_counts_are_still_right(
    tmp_path, monkeypatch, suffix, spare
):
    # ids that need trimming are no error, but the proof cannot vouch for them: the
    # grouping is redone with the missing-id key, the counts equal the ordinary reader's,
    # and no thread of the scan is left running (proof beside the grouping or before it)
    monkeypatch.setattr(scan, "_spare_core", lambda: spare)
    log = generate_outreach(600, seed=8)
    log["prospect_id"] = log["prospect_id"].astype(str)
    log.loc[[3, 40], "prospect_id"] = " " + log.loc[[3, 40], "prospect_id"] + "\u00a0"
    assert _unique_by_set(log)
    path = tmp_path / f"padded{suffix}"
    if suffix == ".csv":
        log.to_csv(path, index=False)
    else:
        log.to_parquet(path, index=False)
    before = threading.active_count()
    monkeypatch.setenv(scan.ENGINE_VARIABLE, "duckdb")
    scanned = load(path)
    assert threading.active_count() == before
    monkeypatch.setenv(scan.ENGINE_VARIABLE, "pandas")
    plain = load(path)
    by = ["campaign", "salutation", "size_band"]
    cols = [*by, "contacted", "replied", "meeting"]
    assert scanned.counts(by)[cols].equals(plain.counts(by)[cols])


@pytest.mark.parametrize("spare", [True, False])
def test_a_duplicate_is_named_alike_with_or_without_a_core_to_spare(tmp_path, monkeypatch, spare):
    monkeypatch.setattr(scan, "_spare_core", lambda: spare)
    log = generate_outreach(500, seed=21)
    log.loc[77, ["campaign", "prospect_id"]] = log.loc[12, ["campaign", "prospect_id"]].to_numpy()
    path = tmp_path / "dup.parquet"
    log.to_parquet(path, index=False)
    before = threading.active_count()
    assert _rows_named(path, monkeypatch, "duckdb") == (14, 79)
    assert threading.active_count() == before
