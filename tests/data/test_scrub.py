"""icplab.data.scrub, the one PII scrubber: every address and phone number masked, a row's
own names masked in its other cells, dates and counts left alone.

Expectations are built here with plain string operations on generated text.
"""

from __future__ import annotations

import random

import pandas as pd

from icplab.data import personal
from icplab.data import scrub as module
from icplab.data.scrub import MASK_EMAIL, MASK_NAME, MASK_PHONE, mask_row_values, scrub_text


def test_every_generated_address_is_masked_and_nothing_else_changes() -> None:
    rng = random.Random(7)
    words = ["Termin", "am", "2026-09-30", "12", "Leads", "Logistik", "IT"]
    for _ in range(200):
        parts: list[str] = []
        addresses = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.3:
                user = "".join(rng.choice("abcxyz.") for _ in range(5)).strip(".") or "a"
                address = f"{user}{len(addresses)}@firma{rng.randint(1, 9)}.de"
                addresses.append(address)
                parts.append(address)
            else:
                parts.append(rng.choice(words))
        text = " ".join(parts)
        out = scrub_text(text)
        assert "@" not in out
        assert out == " ".join(MASK_EMAIL if p in addresses else p for p in parts)


def test_phone_numbers_are_masked_but_dates_are_not() -> None:
    assert scrub_text("ruf an: +49 30 1234567") == f"ruf an: {MASK_PHONE}"
    for text in ("Termin 2026-09-30 09:30", "am 14.03.2026 09:30 Uhr", "01-10-2026"):
        assert scrub_text(text) == text


def test_a_day_first_date_with_time_is_not_a_phone() -> None:
    for text in ("Termin 01-10-2026 09:30", "am 2026-10-01 09:30:15", "14/03/2026 18:00"):
        assert scrub_text(text) == text
    # a phone number right after a date is still masked
    assert scrub_text("01-10-2026 0171 2345678") == f"01-10-2026 {MASK_PHONE}"


def test_a_rows_name_is_masked_only_in_its_own_row() -> None:
    frame = pd.DataFrame(
        {
            "name": ["Max Mustermann", "Eva Roth"],
            "industry": ["IT (Max Mustermann)", "IT (Max Mustermann)"],
            "employees": [10, 20],
        }
    )
    out = mask_row_values(frame, ["name"])
    expected = ["IT (Max Mustermann)".replace("Max Mustermann", MASK_NAME), "IT (Max Mustermann)"]
    assert out["industry"].tolist() == expected
    assert out["name"].tolist() == frame["name"].tolist()  # dropped later, not here
    assert out["employees"].tolist() == [10, 20]


def test_the_old_module_still_exports_the_same_objects() -> None:
    for name in (
        "EMAIL_RE",
        "PHONE_RE",
        "MASK_EMAIL",
        "MASK_PHONE",
        "MASK_NAME",
        "MIN_MASKED_VALUE",
        "scrub_text",
        "scrub_series",
        "scrub_emails",
        "mask_row_values",
    ):
        assert getattr(personal, name) is getattr(module, name)
