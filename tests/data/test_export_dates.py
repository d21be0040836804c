"""Date columns as real exports write them (CONTRACT section 1): Unix timestamps in
milliseconds (HubSpot's API) and seconds, US month-first slashes with AM/PM, day-first
slashes; each read value is checked against Python's own parsing of the written text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from icplab.core.errors import InputError
from icplab.data.load import load
from icplab.data.summary import describe


def _log(tmp_path: Path, sent: list[str]) -> Path:
    n = len(sent)
    rng = np.random.default_rng(5)
    frame = pd.DataFrame(
        {
            "industry": rng.choice(["IT", "Logistik"], n),
            "employees": rng.integers(5, 900, n),
            "replied": rng.choice(["true", "false"], n),
            "sent_at": sent,
        }
    )
    path = tmp_path / "export.csv"
    frame.to_csv(path, index=False)
    return path


def _stamps(n: int) -> list[datetime]:
    start = datetime(2025, 11, 28, 9, 15, tzinfo=UTC)
    return [start + pd.Timedelta(days=int(i), hours=int(i % 14)) for i in range(n)]


def _read(path: Path) -> pd.Series:
    return load(path).frame["sent_at"].reset_index(drop=True)


@pytest.mark.parametrize(("digits", "scale"), [(13, 1000), (10, 1)])
def test_unix_timestamps_are_read_as_utc(tmp_path: Path, digits: int, scale: int) -> None:
    when = _stamps(40)
    text = [str(int(w.timestamp() * scale)) for w in when]
    assert all(len(t) == digits for t in text)
    got = _read(_log(tmp_path, text))
    want = pd.Series([w.replace(tzinfo=None) for w in when], dtype="datetime64[ns]")
    pd.testing.assert_series_equal(got.astype("datetime64[ns]"), want, check_names=False)


def test_month_first_slashes_are_read_when_a_day_above_12_shows_the_order(
    tmp_path: Path,
) -> None:
    when = _stamps(40)  # runs over the 13th: 12/13/2025 shows month-first
    text = [f"{w.month}/{w.day}/{w.year} {w.strftime('%I:%M %p').lstrip('0')}" for w in when]
    got = _read(_log(tmp_path, text))
    want = [datetime.strptime(t, "%m/%d/%Y %I:%M %p") for t in text]
    assert got.tolist() == [pd.Timestamp(w) for w in want]
    data = load(tmp_path / "export.csv")
    assert "month first" in describe(data).to_text("en")
    assert "mit dem Monat zuerst" in describe(data).to_text("de")


def test_day_first_slashes_are_read_when_a_day_above_12_shows_the_order(
    tmp_path: Path,
) -> None:
    text = [w.strftime("%d/%m/%Y") for w in _stamps(40)]
    got = _read(_log(tmp_path, text))
    assert got.tolist() == [pd.Timestamp(datetime.strptime(t, "%d/%m/%Y")) for t in text]


def test_slashes_that_never_show_the_order_stay_an_error_naming_the_rows(
    tmp_path: Path,
) -> None:
    text = ["03/04/2026", "01/02/2026", "12/11/2025"]
    with pytest.raises(InputError) as err:
        load(_log(tmp_path, text))
    message = str(err.value)
    assert "rows 2, 3, 4" in message and "sent_at" in message
    assert "ambiguous" in message


def test_ten_digit_numbers_outside_2000_to_2100_are_not_dates(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a date"):
        load(_log(tmp_path, ["0123456789", "0000000001"]))


@pytest.mark.parametrize(
    ("text", "form"),
    [
        (["31.12.25", "01.02.26 14:05"], ["%d.%m.%y", "%d.%m.%y %H:%M"]),
        (["31.12.2025 09:15 Uhr", "01.02.2026"], ["%d.%m.%Y %H:%M Uhr", "%d.%m.%Y"]),
        (["2025-12-31 09:15:00 UTC", "2025-12-30"], ["%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d"]),
    ],
)
def test_german_short_years_uhr_and_utc_suffixes(
    tmp_path: Path, text: list[str], form: list[str]
) -> None:
    got = _read(_log(tmp_path, text))
    want = [pd.Timestamp(datetime.strptime(t, f)) for t, f in zip(text, form, strict=True)]
    assert got.tolist() == want
