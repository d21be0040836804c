"""``icplab/data/columns.py`` ``_text``: labels as a categorical, with every row's level
equal to a per-row computation (normalise each spelling, the first spelling seen names a
merged level, levels in their display order)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from icplab.core.schema import SizeBands, ordered_levels
from icplab.data.columns import _sizes, _text
from icplab.data.labels import normalise_label

SPELLINGS = ["IT", "it", " IT ", "Handel", "HANDEL", "Bau", "", "\u200b", None, "Lo\u200bgistik"]


def _by_rows(values: list[object]) -> tuple[list[object], list[str]]:
    """Each row's level and the levels' order, one row at a time."""
    first: dict[str, str] = {}  # case-folded normal form -> the first spelling's level
    rows: list[object] = []
    for v in values:
        text = "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
        norm = normalise_label(text)
        if not norm:
            rows.append(None)
            continue
        rows.append(first.setdefault(norm.casefold(), norm))
    return rows, ordered_levels(list(dict.fromkeys(first.values())))


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("dtype", ["str", "category", "object"])
def test_each_row_gets_the_level_of_its_spelling(seed: int, dtype: str) -> None:
    rng = np.random.default_rng(seed)
    values = [SPELLINGS[i] for i in rng.integers(0, len(SPELLINGS), 500)]
    series = pd.Series(values, dtype=dtype)
    levels, missing = _text(series)
    expected, order = _by_rows(values)
    got = [None if pd.isna(v) else v for v in levels.astype(object)]
    assert got == expected
    assert list(levels.cat.categories) == order
    assert missing.tolist() == [e is None for e in expected]


def test_a_column_without_labels() -> None:
    levels, missing = _text(pd.Series(["", None, "  "], dtype=object))
    assert missing.all() and len(levels.cat.categories) == 0


@pytest.mark.parametrize("dtype", ["int64", "int32", "uint64", "Int64", "float64"])
def test_integer_head_counts_get_the_bands_of_pandas_cut(dtype: str) -> None:
    rng = np.random.default_rng(3)
    heads = rng.integers(1, 20_000, 5000)
    idx = pd.RangeIndex(len(heads))
    problems: list = []
    emp, band, _ = _sizes(
        pd.Series(heads).astype(dtype), idx, SizeBands(), True, False, problems, {}
    )
    # reference: the default bands 1-49, 50-199, 200-499, 500+ by pandas.cut
    expected = pd.cut(
        heads, [0, 49, 199, 499, np.inf], labels=["1-49", "50-199", "200-499", "500+"]
    )
    assert not problems
    assert band.name == "size_band" and band.cat.ordered
    assert band.astype(str).tolist() == expected.astype(str).tolist()
    assert list(band.cat.categories) == ["1-49", "50-199", "200-499", "500+"]
    assert emp.dtype == "int64" and emp.tolist() == heads.tolist()


@pytest.mark.parametrize("bad", [0, -3, 10**8])
def test_a_bad_integer_head_count_is_named_by_its_row(bad: int) -> None:
    heads = np.array([12, 300, bad, 40, bad], dtype="int64")
    problems: list = []
    _sizes(pd.Series(heads), pd.RangeIndex(5), SizeBands(), True, False, problems, {})
    assert [p.rows for p in problems] == [(4, 6)]
