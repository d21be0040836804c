"""The ``--by`` check of funnel, cycle and reasons: its error in both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from icplab.core.errors import UsageError, render_error
from icplab.icp.by_column import by_column

FRAME = pd.DataFrame({"industry": ["IT", "Handel"], "contacted": [10, 20]})


@pytest.mark.parametrize(
    ("doing", "english", "german"),
    [
        ("funnel", "cannot show the funnel by", "Trichter nach"),
        ("cycle", "cannot show the cycle by", "Verkaufszyklus nach"),
        ("reasons", "cannot tabulate reasons by", "Ablehnungsgründe nach"),
    ],
)
def test_an_unknown_column_is_named_in_the_readers_language(doing, english, german):
    with pytest.raises(UsageError) as caught:
        by_column(FRAME, "region", doing)
    text = str(caught.value)
    assert text.startswith(f"{english} 'region': no such column.")
    assert text.endswith("Available: contacted, industry.")
    de = render_error(caught.value, "de")
    assert de.startswith(f"{german} 'region' nicht möglich")
    assert "contacted, industry" in de and "no such column" not in de


def test_a_present_column_passes_and_month_is_derived():
    frame = FRAME.assign(sent_at=pd.to_datetime(["2026-01-05", "2026-02-07"]))
    assert by_column(frame, "month", "funnel")["month"].tolist() == ["2026-01", "2026-02"]
