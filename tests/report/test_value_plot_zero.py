"""The value-per-contact plot when no deal carries a value: a message, not an axis of
0-1 EUR whose ticks read "0 0 0 1 1 1"."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd

from icplab.report import plots


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def test_all_zero_values_give_a_message() -> None:
    table = pd.DataFrame(
        {
            "cell": ["IT 1-49", "Handel 1-49"],
            "value_per_contact": [0.0, 0.0],
            "ci_low": [0.0, 0.0],
            "ci_high": [float("nan")] * 2,
        }
    )
    for lang, words in (("en", "No deal values"), ("de", "Noch keine Auftragswerte")):
        fig = plots.value_per_contact(table, language=lang)
        assert any(words in t for t in _texts(fig))


def test_values_are_drawn() -> None:
    table = pd.DataFrame(
        {"cell": ["IT 1-49"], "value_per_contact": [120.0], "ci_low": [40.0], "ci_high": [300.0]}
    )
    fig = plots.value_per_contact(table)
    assert not any("No deal values" in t for t in _texts(fig))
    assert fig.axes[0].get_xlim() == (0.0, 300.0)  # the axis ends at 2.5 x the largest value
