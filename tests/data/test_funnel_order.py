"""The funnel's order, one table for row-level and aggregated logs (``icplab.data.columns``).

An aggregated log may leave out middle steps (no ``meeting`` column): each count is then
checked against the nearest earlier step present, down to ``contacted`` (this used to end
in a ``KeyError``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from icplab.core.errors import InputError
from icplab.data.load import validate_frame


def _aggregated(qualified: list[int], deal: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "industry": ["IT", "Handel", "Bau"],
            "contacted": [5, 5, 4],
            "replied": [2, 1, 0],
            "qualified": qualified,
            "deal": deal,
        }
    )


def test_aggregated_log_without_meeting_is_read() -> None:
    raw = _aggregated([1, 2, 0], [1, 1, 0])
    data = validate_frame(raw)
    for col in ("contacted", "replied", "qualified", "deal"):
        assert data.frame[col].tolist() == raw[col].tolist()


def test_aggregated_log_without_meeting_checks_against_contacted() -> None:
    raw = _aggregated([1, 9, 0], [1, 1, 6])
    with pytest.raises(InputError) as info:
        validate_frame(raw)
    # the rows where a step exceeds the nearest earlier step present (row = index + 2)
    over_contacted = np.flatnonzero(raw["qualified"] > raw["contacted"]) + 2
    over_qualified = np.flatnonzero(raw["deal"] > raw["qualified"]) + 2
    by_column = {p.column: p for p in info.value.problems}
    assert by_column["qualified"].rows == tuple(int(r) for r in over_contacted)
    assert "larger than contacted" in by_column["qualified"].message
    assert by_column["deal"].rows == tuple(int(r) for r in over_qualified)
    assert "larger than qualified" in by_column["deal"].message


def test_row_level_deal_without_qualified_is_checked_against_meeting() -> None:
    raw = pd.DataFrame(
        {
            "industry": ["IT", "Handel", "Bau"],
            "employees": [10, 60, 300],
            "replied": [1, 1, 0],
            "meeting": [1, 0, 0],
            "deal": [1, 1, 0],
        }
    )
    with pytest.raises(InputError) as info:
        validate_frame(raw)
    broken = np.flatnonzero((raw["deal"] == 1) & (raw["meeting"] == 0)) + 2
    (problem,) = info.value.problems
    assert problem.column == "deal"
    assert problem.rows == tuple(int(r) for r in broken)
    assert "deal is yes but meeting is no" in problem.message
