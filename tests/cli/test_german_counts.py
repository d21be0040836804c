"""Counts in the German terminal's tables carry the German group sign (``2.387/17.082``).

The tables wrote their counts as bare digits (``2387/17082 kontaktiert``) beside German
percentages; every other count of the German terminal is grouped (``18.000 Kontakte``).
The funnel's reply fraction is checked against counts taken from the file itself.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from icplab.cli import main
from icplab.data.sample import generate_outreach

#: A run of four or more digits that is not part of a date, a campaign name or a band.
BARE = re.compile(r"(?<![\d.,:-])\d{4,}(?![\d-])")


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    path = tmp_path_factory.mktemp("log") / "log.csv"
    frame = generate_outreach(6000, seed=5)
    frame.drop(columns=["sent_at"]).to_csv(path, index=False)  # every contact counts
    return path


COMMANDS = [
    ["funnel"],
    ["compare", "--by", "salutation", "--metric", "reply_rate"],
    ["compare", "--by", "messaging", "--metric", "reply_rate", "--within", "salutation"],
    ["check", "--where", "industry=IT,Logistik,Handel"],
    ["plan", "--deals", "5"],
    ["refine", "--metric", "reply_rate", "--min-contacts", "10", "--by", "salutation"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_no_bare_four_digit_count_in_german(capsys, log, command):
    assert main(["--lang", "de", command[0], str(log), *command[1:]]) in (0, 1)
    out = capsys.readouterr().out
    assert not BARE.findall(out), out


def test_funnel_reply_fraction_is_grouped(capsys, log):
    frame = pd.read_csv(log)
    replied = int(frame["replied"].sum())
    assert len(frame) >= 1000  # the denominator needs its group sign
    assert main(["--lang", "de", "funnel", str(log)]) == 0
    out = capsys.readouterr().out
    expected = f"{replied:,}/{len(frame):,} kontaktiert".replace(",", ".")
    assert expected in out, out
    assert main(["--lang", "en", "funnel", str(log)]) == 0
    assert f"{replied}/{len(frame)} contacted" in capsys.readouterr().out
