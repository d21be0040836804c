"""When a preset's status list meets an account's own labels (an Apollo stage renamed
"Meeting Booked"), the refusal's example names such a label, not the most frequent value
of the column (which usually means "no"), in English and German."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from icplab.core.errors import InputError
from icplab.core.notes import render
from icplab.data.load import load


def test_the_example_names_the_accounts_own_label(tmp_path: Path) -> None:
    n = 60
    rng = np.random.default_rng(1)
    stage = np.where(np.arange(n) < 40, "Cold", rng.choice(["Replied", "Meeting Booked"], n))
    frame = pd.DataFrame(
        {
            "Apollo Contact Id": np.arange(n),
            "Industry": "IT",
            "# Employees": 50,
            "Stage": stage,
        }
    )
    frame.to_csv(tmp_path / "apollo.csv", index=False)
    with pytest.raises(InputError) as err:
        load(tmp_path / "apollo.csv", preset="apollo")
    message = str(err.value)
    assert 'in = ["Meeting Booked"]' in message
    assert 'in = ["Cold"]' not in message
    german = "\n".join(render(p.message, "de") for p in err.value.problems)
    assert 'in = ["Meeting Booked"]' in german
