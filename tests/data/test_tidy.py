"""Headers that are themselves personal (``icplab/data/tidy.py`` ``shown_headers``) and
the vectorised check behind it (``icplab/data/personal.py`` ``looks_personal_each``)."""

from __future__ import annotations

import pandas as pd
import pytest

from icplab.data.personal import looks_personal, looks_personal_each
from icplab.data.tidy import shown_header, shown_headers

#: headers as exports write them, and headers that are data (e-mails, phones)
HEADERS = [
    "Branche",
    "  anna@example.com ",
    "Telefon",
    "+49 171 2345678",
    "030/1234567",
    "0049 30 12345678",
    "12345",
    "2.000",
    "",
    "   ",
    "mail me: a.b@firma.de",
    "a@b",
    "Prospect ID",
    "Kunden-Nr.",
    "+49 (0)30 123 45 67 (Zentrale, bitte nicht vor 9 Uhr anrufen)",
    "ÄÖÜ@firma.de",
    "Tel. 0171 2345678",
]


@pytest.mark.parametrize("header", HEADERS)
def test_each_text_is_judged_as_a_column_of_that_text_alone(header: str) -> None:
    # reference: the column check on a one-value column (what was asked per header)
    assert bool(looks_personal_each([header])[0]) == looks_personal(pd.Series([header]))


def test_shown_headers_replace_exactly_the_personal_headers_by_their_position() -> None:
    expected = [
        h if not looks_personal(pd.Series([h])) else f"column {i + 1}"
        for i, h in enumerate(HEADERS)
    ]
    assert shown_headers(HEADERS) == expected
    assert [shown_header(h, i) for i, h in enumerate(HEADERS)] == expected
    assert "column 2" in expected and "column 4" in expected  # the check can fail


def test_no_headers_and_headers_that_are_not_text() -> None:
    assert shown_headers([]) == []
    assert shown_headers([4917123456789, "x"]) == [4917123456789, "x"]
