"""Amounts in the reports: EUR by Babel's currency patterns, in metric tables and value pages."""

from __future__ import annotations

import numpy as np
import pandas as pd
from babel.numbers import format_currency

from icplab.report.notebook_kit import _value_rows, with_range
from icplab.report.text import money, money_range


def _babel(x: float, locale: str) -> str:
    # the reference: Babel's own EUR format with its default two decimals
    return format_currency(x, "EUR", locale=locale).replace("\xa0", " ")


def test_money_is_babels_currency_format() -> None:
    rng = np.random.default_rng(3)
    for x in np.round(rng.uniform(0, 2_000_000, 200), 2):
        assert money(float(x), "de", 2) == _babel(float(x), "de_DE")
        assert money(float(x), "en", 2) == _babel(float(x), "en_US")
    # whole amounts: the same without the cents
    assert money(1234.0, "de") == _babel(1234.0, "de_DE").removesuffix(",00 €") + " €"
    assert money(1234.0, "en") == _babel(1234.0, "en_US").removesuffix(".00")


def test_undefined_amounts_and_open_ranges() -> None:
    assert money(float("nan")) == "n/a" and money(None, "de") == "k. A."
    assert money_range(120.0, float("nan"), "de") == "120 € – offen"
    assert money_range(None, 5.0) == ""


def test_value_metrics_in_the_metrics_table_carry_the_currency() -> None:
    t = pd.DataFrame(
        {
            "kind": ["rate", "mean"],
            "rate": [0.138, 487.6],
            "target": [0.15, 50.0],
            "ci_low": [0.1, 133.5],
            "ci_high": [0.2, 1780.1],
        }
    )
    for language, locale in (("de", "de_DE"), ("en", "en_US")):
        shown = _value_rows(with_range(t, language), language)
        assert shown.loc[1, "rate"] == _babel(487.6, locale)
        assert shown.loc[1, "target"] == _babel(50.0, locale)
        assert shown.loc[1, "range"] == f"{_babel(133.5, locale)} – {_babel(1780.1, locale)}"
        assert "€" not in shown.loc[0, "rate"]  # a rate stays a percentage
