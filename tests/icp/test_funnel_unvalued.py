"""The funnel's value figures say when won deals without an amount count as 0 EUR."""

from __future__ import annotations

import numpy as np
import pytest

from icplab.core.notes import render
from icplab.data.load import validate_frame
from icplab.data.sample import generate_outreach
from icplab.icp.funnel import funnel


@pytest.mark.parametrize("holes", [0, 1, 7])
def test_value_note_counts_the_deals_without_amount(holes):
    log = generate_outreach(3000, seed=12)
    won = np.flatnonzero(log["deal"].to_numpy() == 1)
    assert len(won) > holes
    log.loc[log.index[won[:holes]], "deal_value"] = None
    res = funnel(validate_frame(log))
    notes = [n for n in res.notes if "deal_value" in str(n) and "0 EUR" in str(n)]
    if holes == 0:
        assert notes == []
        return
    (note,) = notes
    assert str(note).startswith(f"{holes} won deal{'s' if holes > 1 else ''} of the log")
    german = render(note, "de")
    assert german.startswith(f"{holes} gewonnene") or german.startswith("1 gewonnener")
    # the figure it warns about: blanks counted as 0 EUR (independent: pandas on the log)
    expected = log["deal_value"].fillna(0).sum() / len(log)
    assert res.value_per_contact == pytest.approx(expected)
