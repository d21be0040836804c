"""``icplab/data/distinct.py``: distinct hashes prove distinct values; a repeated value is
never called distinct (reference: pandas' exact ``duplicated``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from icplab.data.distinct import MAX_BYTES, certainly_distinct

ALPHABET = list("abcXYZ019-_ äöüß€")


def _ids(rng: np.random.Generator, n: int, longest: int) -> list[str]:
    lengths = rng.integers(0, longest + 1, n)
    return ["".join(rng.choice(ALPHABET, k)) for k in lengths]


@pytest.mark.parametrize("seed", range(20))
def test_never_distinct_when_a_value_repeats(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 3000))
    longest = int(rng.choice([1, 3, 8, 9, 16, 24, 40, MAX_BYTES // 4]))
    ids = _ids(rng, n, longest)
    if seed % 2:  # plant a repeat
        i, j = rng.choice(n, 2, replace=False)
        ids[j] = ids[i]
    values = pd.Series(ids, dtype="str")
    repeated = values.duplicated().any()
    if repeated:
        assert not certainly_distinct(values)
    if not repeated and longest >= 8:  # long enough to be distinct: the hashes show it
        assert certainly_distinct(values)


def test_a_million_distinct_ids_are_shown_distinct_and_one_repeat_is_found() -> None:
    ids = pd.Series([f"P{i:07d}" for i in range(1_000_000)], dtype="str")
    assert certainly_distinct(ids)
    planted = ids.copy()
    planted.iloc[999_999] = planted.iloc[12]
    assert not certainly_distinct(planted)


def test_values_that_differ_only_after_eight_bytes_or_by_length() -> None:
    assert certainly_distinct(pd.Series(["abcdefgh1", "abcdefgh2", "abcdefgh", "abcdefgh12"]))
    assert not certainly_distinct(pd.Series(["abcdefgh1", "x", "abcdefgh1"]))
    assert certainly_distinct(pd.Series(["a", "a\x00", "a\x00\x00"]))


def test_chunks_slices_and_what_is_not_screened() -> None:
    chunked = pd.Series(pd.array(pa.chunked_array([["a1", "b2"], ["c3", "a1"]]), dtype="str"))
    assert not certainly_distinct(chunked)
    assert certainly_distinct(chunked.iloc[:3])
    assert certainly_distinct(chunked.iloc[1:4])
    assert not certainly_distinct(pd.Series(["x" * (MAX_BYTES + 1), "y"]))  # too long
    assert not certainly_distinct(pd.Series(["a", None, "b"], dtype="str"))  # a blank
    assert not certainly_distinct(pd.Series(["", ""]))
    assert not certainly_distinct(pd.Series(["a", "b"], dtype=object))  # not Arrow text
    assert certainly_distinct(pd.Series(["a"]))


@pytest.mark.parametrize("width", [1, 3, 7, 8])
def test_ids_of_one_length_compare_by_their_bytes(width: int) -> None:
    rng = np.random.default_rng(width)
    ids = pd.Series(["".join(rng.choice(list("abc"), width)) for _ in range(200)], dtype="str")
    assert certainly_distinct(ids) == (not ids.duplicated().any())
    unique = ids.drop_duplicates()
    assert certainly_distinct(unique.iloc[1:])  # a slice: offsets not starting at 0
    assert not certainly_distinct(pd.concat([unique, unique.iloc[-1:]], ignore_index=True))
