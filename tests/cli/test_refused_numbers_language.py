"""A refused number option is named and quoted in the terminal's language.

``icplab size --baseline-rate 1.5`` said in German "baseline rate muss eine Quote ...
angegeben: 1.5" (the planner's English name, the value in English form); ``plan --deals -1``
and ``compare --alpha 1.5`` quoted English decimals too. German names the option and
writes the value with a decimal comma; English stays as it was.
"""

from __future__ import annotations

import re

import pytest

from icplab.cli import main
from icplab.data.sample import generate_outreach

CASES = [
    (["size", "--baseline-rate", "1.5", "--lift", "0.1"], "--baseline-rate", "1,5", "1.5"),
    (["size", "--baseline-rate", "0.5", "--lift", "0.75"], "--lift", "1,25", "1.25"),
    (["size", "--segment", "--rate", "0.1", "--target", "1.25"], "--target", "1,25", "1.25"),
    (["size", "--segment", "--rate", "2.5", "--target", "0.2"], "--rate", "2,5", "2.5"),
    (
        ["size", "--baseline-rate", "0.1", "--lift", "0.1", "--power", "1.5"],
        "--power",
        "1,5",
        "1.5",
    ),
    (
        ["size", "--baseline-rate", "0.1", "--lift", "0.1", "--alpha", "2.5"],
        "--alpha",
        "2,5",
        "2.5",
    ),
]


def _error(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    return capsys.readouterr().err.strip()


@pytest.mark.parametrize(("args", "option", "german", "english"), CASES)
def test_refused_rate_is_german(capsys, args, option, german, english):
    de = _error(capsys, ["--lang", "de", *args])
    assert de.startswith("Fehler: ") and option in de, de
    assert de.endswith(f"angegeben: {german}."), de
    assert not re.search(r"\d\.\d", de.split("(z. B.")[1]), de  # the value: German form
    assert "baseline rate" not in de and " rate " not in de, de
    en = _error(capsys, ["--lang", "en", *args])
    assert en.startswith("error: ") and en.endswith(f"got {english}."), en
    assert "must be a rate between 0 and 1" in en


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    path = tmp_path_factory.mktemp("log") / "log.csv"
    generate_outreach(400, seed=3).to_csv(path, index=False)
    return path


def test_refused_deals_and_alpha_are_german(capsys, log):
    de = _error(capsys, ["--lang", "de", "plan", str(log), "--deals", "-2.5"])
    assert de.endswith("angegeben: -2,5."), de
    assert _error(capsys, ["plan", str(log), "--deals", "-2.5"]).endswith("got -2.5.")
    args = ["compare", str(log), "--by", "salutation", "--metric", "reply_rate", "--alpha", "1.5"]
    de = _error(capsys, ["--lang", "de", *args])
    assert de.endswith("angegeben: 1,5."), de
    assert _error(capsys, args).endswith("got 1.5.")


def test_next_tolerance_is_german(capsys, log):
    args = ["next", str(log), "--contacts", "10", "--tolerance", "-0.5"]
    de = _error(capsys, ["--lang", "de", *args])
    assert de.startswith("Fehler: --tolerance -0,5: "), de
    assert _error(capsys, args).startswith("error: --tolerance -0.5: ")


@pytest.mark.parametrize("value", ["0", "-5"])
def test_refine_refuses_fewer_than_one_contact(capsys, log, value):
    """``[refine] min_contacts`` must be >= 1; the option was taken as it came ("cells
    with < -5 contacts untested") and judged every cell."""
    args = ["refine", str(log), "--metric", "reply_rate", "--min-contacts", value]
    de = _error(capsys, ["--lang", "de", *args])
    assert (
        de
        == f"Fehler: --min-contacts muss eine ganze Zahl von Kontakten >= 1 sein, angegeben ist {value}."
    ), de
    assert _error(capsys, args).startswith("error: --min-contacts must be")
    assert capsys.readouterr().out == ""
