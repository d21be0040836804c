"""One list of gender words (Herr/Frau/Mr/Ms/Mx ...) for both rules that use it: a column
of them is dropped as personal data (``looks_like_gender``), and a salutation column with
a few of them among du/sie gets the Herr/Frau hint in its error."""

from __future__ import annotations

import pandas as pd
import pytest

from icplab.core.errors import InputError
from icplab.data.columns import GENDER_WORDS, is_gender_word
from icplab.data.load import looks_like_gender, validate_frame

HINT = "Herr/Frau (Mr/Ms) is the salutation by gender"


def _rows(salutation: list[str]) -> pd.DataFrame:
    n = len(salutation)
    return pd.DataFrame(
        {
            "industry": ["IT"] * n,
            "employees": [10] * n,
            "replied": [0] * n,
            "salutation": salutation,
        }
    )


@pytest.mark.parametrize("word", sorted(GENDER_WORDS))
def test_a_stray_gender_word_in_salutation_gets_the_hint(word: str) -> None:
    values = ["du", "sie", word.title() + ".", "sie"]
    # fewer than half the distinct values are gender words: the column stays the salutation
    assert not looks_like_gender(pd.Series(values))
    with pytest.raises(InputError) as info:
        validate_frame(_rows(values))
    (problem,) = info.value.problems
    assert problem.column == "salutation"
    assert problem.rows == (4,)  # the third data row (header = row 1)
    assert HINT in problem.message


def test_no_hint_for_other_values() -> None:
    with pytest.raises(InputError) as info:
        validate_frame(_rows(["du", "sie", "ihr", "sie"]))
    (problem,) = info.value.problems
    assert HINT not in problem.message


def test_a_column_of_gender_words_is_dropped() -> None:
    data = validate_frame(_rows(["Herr", "Frau", "Mx", "frau dr."]))
    assert "salutation" not in data.frame.columns
    assert all(is_gender_word(v) for v in ["Herr", "Frau", "Mx", "frau dr."])


@pytest.mark.parametrize("word", ["Herr", "Frau", "Mr"])
def test_an_aggregated_log_gets_the_same_hint(word: str) -> None:
    counts = _rows(["du", "sie", word, "sie"]).assign(contacted=[5, 5, 5, 5])
    with pytest.raises(InputError) as info:
        validate_frame(counts)
    (problem,) = info.value.problems
    assert problem.column == "salutation" and problem.rows == (4,)
    assert HINT in problem.message
    with pytest.raises(InputError) as other:  # and only for gender words
        validate_frame(_rows(["du", "sie", "ihr", "sie"]).assign(contacted=[5, 5, 5, 5]))
    assert HINT not in other.value.problems[0].message
