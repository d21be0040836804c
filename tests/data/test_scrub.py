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


def test_categorical_columns_are_scrubbed_and_masked_as_their_text():
    # the loader reads labels as categoricals; the scrubber reads their levels first
    from icplab.data.scrub import mask_row_values, scrub_series

    frame = pd.DataFrame(
        {
            "name": ["Max Mustermann", "Eva Roth", None, "Eva Roth"],
            "industry": ["IT (Max Mustermann)", "Logistik", "Bau", None],
            "reason": ["call 030 1234567", "budget", "budget", "mail eva@firma.de"],
            "region": ["DACH", "DACH", "EU", "EU"],
        }
    )
    cats = frame.astype({c: "category" for c in ("industry", "reason", "region")})
    cats["region"] = cats["region"].cat.add_categories(["x@y.de"])  # an unused level
    as_text = mask_row_values(frame, ["name"])
    as_cats = mask_row_values(cats, ["name"])
    for col in ("industry", "reason", "region"):
        assert as_cats[col].astype(object).tolist() == as_text[col].astype(object).tolist()
        assert (
            scrub_series(cats[col]).astype(object).tolist()
            == scrub_series(frame[col]).astype(object).tolist()
        )
    assert as_cats["industry"].tolist()[0] == "IT ([name removed])"
    assert "eva@firma.de" not in " ".join(map(str, as_cats["reason"]))
    region = cats["region"]
    assert scrub_series(region) is region  # nothing to scrub: unchanged
    industry = cats["industry"].cat.remove_categories(["IT (Max Mustermann)"])
    assert scrub_series(industry) is industry  # no level to scrub: the codes are not read
