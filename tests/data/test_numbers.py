"""``icplab/data/numbers.py`` ``looks_like_phone_numbers`` on integer columns: judged on the
distinct values, with the same answer as on the cells one by one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from icplab.data.numbers import looks_like_phone_numbers


def _as_objects(values: pd.Series) -> pd.Series:
    """The same cells as Python objects (object dtype): the path every column took before,
    each cell made text one by one."""
    return pd.Series(np.asarray(values, dtype=object), dtype=object)


@pytest.mark.parametrize(
    "values",
    [
        pd.Series(np.arange(1, 200_001) % 5000 + 1),  # head counts
        pd.Series(4917_100_000_00 + np.arange(50_000)),  # mobile numbers as integers
        pd.Series([49301234567, 12, 12, 49301234568, 49301234569]),
        pd.Series([49301234567, 12, 13, 14, 15]),
        pd.Series([12, None, 49301234567, 49301234568], dtype="Int64"),
        pd.Series([True, False, True]),
        pd.Series([], dtype="int64"),
    ],
)
def test_integers_give_the_answer_of_their_cells(values: pd.Series) -> None:
    assert looks_like_phone_numbers(values) == looks_like_phone_numbers(_as_objects(values))


def test_the_answer_can_be_true_and_false() -> None:
    assert looks_like_phone_numbers(pd.Series(4917_100_000_00 + np.arange(1000)))
    assert not looks_like_phone_numbers(pd.Series(np.arange(1, 1000)))
